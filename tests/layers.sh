#!/bin/sh
# tests/layers.sh - the structure, checked from the objects' symbols (nm):
#  1. the library (src/*.o) never prints to stderr, exits, installs signal
#     handlers or calls the front end (fe/): it returns errors and reports
#     warnings through diag.h's sink;
#  2. the module graph (A -> B when A uses a symbol B defines) has no
#     cycle.  The graph and any cycle are printed as TAP comments.
#     KNOWN lists the edges of loops that predate this check and are still
#     to be broken (doc/ARCHITECTURE.md); any other edge on a cycle fails;
#  3. the layers inside the library point one way: a reader (input ->
#     model) never uses a report or writer module (model -> output);
#  4. an area's *_private.h is included only inside src/.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

if ! command -v nm >/dev/null 2>&1; then
	skip "layers" "no nm (binutils)"
	done_testing
	exit
fi
objs=$(ls "$abs_top_builddir"/src/*.o 2>/dev/null || true)
if [ -z "$objs" ]; then
	skip "layers" "no objects in $abs_top_builddir/src"
	done_testing
	exit
fi
fe_objs=$(ls "$abs_top_builddir"/fe/*.o 2>/dev/null || true)

# 1. what the library may not use; signal() only in forked children
# (run.c's, bench_run.c's workers), _exit() only in forked children
# (run.c, history.c, bench_run.c)
nm -A $objs | awk '$2 == "U" { n = $1; sub(/:.*/, "", n); sub(/.*\//, "", n); print n, $3 }' >"$T/undef"
nm $fe_objs | awk '$2 ~ /^[TDBR]$/ { print $3 }' | sort -u >"$T/fe.defs"
bad=$(awk 'NR == FNR { fe[$1] = 1; next }
	$2 ~ /^(stderr|exit|atexit|sigaction|raise|perror|printf|puts|pk_die|pk_usage_error|pk_err_die|pk_progname|pk_quiet|pk_set_quiet)$/ ||
	($2 == "signal" && $1 != "run.o" && $1 != "bench_run.o") ||
	($2 == "_exit" && $1 != "run.o" && $1 != "history.o" && $1 != "bench_run.o") ||
	($2 in fe) { print $1 ": " $2 }' "$T/fe.defs" "$T/undef")
is "the library does not print, exit, handle signals or call the front end" "" "$bad"

# 2. the module graph
for o in $objs; do
	m=$(basename "$o" .o)
	nm "$o" | awk -v m="$m" '$2 ~ /^[TDBRC]$/ { print "D", m, $3 } $1 == "U" { print "U", m, $2 }'
done | awk '$1 == "D" { def[$3] = $2 } $1 == "U" { use[$2 " " $3] = 1 }
	END { for (k in use) { split(k, a, " ")
		if ((a[2] in def) && def[a[2]] != a[1]) print a[1], def[a[2]] } }' |
	sort -u >"$T/edges"
echo "# module graph: $(wc -l <"$T/edges") edges between $(tr ' ' '\n' <"$T/edges" | sort -u | wc -l) modules"
# peel off modules with no outgoing or no incoming edge until none is
# left; what remains lies on a cycle
cp "$T/edges" "$T/rest"
while :; do
	n=$(wc -l <"$T/rest")
	awk 'NR == FNR { out[$1]++; in_[$2]++; next }
		($1 in in_) && ($2 in out) { print }' "$T/rest" "$T/rest" >"$T/next"
	mv "$T/next" "$T/rest"
	[ "$(wc -l <"$T/rest")" = "$n" ] && break
done
KNOWN=""
echo "$KNOWN" | sed '/^$/d' | sort >"$T/known"
awk '{ print "# on a cycle: " $1 " -> " $2 }' "$T/rest"
is "the module graph has no cycle but the known ones" "" \
	"$(sort "$T/rest" | comm -23 - "$T/known")"
is "every known loop is still there (else drop it from KNOWN)" "" \
	"$(sort "$T/rest" | comm -13 - "$T/known")"

# 3. readers below reports
READERS="input eventlog_read hp_read heap_el heap_ipe prof_read prof_agg
	bench bench_read bench_artifact bench_llama_sql"
REPORTS="prof_summary prof_summary_el prof_summary_hp eventlog_summary
	prof_speedscope eventlog_speedscope speedscope_write
	heap_chart heap_html heap_convert compare compare_write compare_html
	compare_openmetrics history_check history_trend history_view
	history_budget html_doc fmt"
up=$(echo $READERS | tr ' ' '\n' | awk -v reps="$REPORTS" '
	BEGIN { n = split(reps, r, /[ \t\n]+/); for (i = 1; i <= n; i++) rep[r[i]] = 1 }
	NR == FNR { rd[$1] = 1; next }
	($1 in rd) && ($2 in rep) { print "# reader -> report: " $1 " -> " $2 }' - "$T/edges")
echo "# readers: $(echo $READERS | wc -w), reports: $(echo $REPORTS | wc -w)"
is "no reader uses a report or writer module" "" "$up"

# 4. private headers stay in the library
top=${abs_top_srcdir:-$(dirname "$0")/..}
priv=$(cd "$top" && grep -l '#include "[a-z_]*_private\.h"' \
	tools/*.c converters/*.c fe/*.c fe/*.h tests/*.c tests/unit/*.c \
	tests/fuzz/*.c 2>/dev/null || true)
is "no file outside src/ includes a *_private.h" "" "$priv"
done_testing
