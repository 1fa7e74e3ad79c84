#!/bin/sh
# bench/bench-prof.sh - prof-summarize and prof2speedscope on the largest
# real cost-centre profile: bench/gen-large-prof.sh (a generated program
# built with -fprof-auto-calls, run with +RTS -pa: ~29 MB of GHC's own
# output), cached in $PROFKIT_BENCH_CACHE; PROFKIT_BIG_PROF=FILE uses
# another.  Figures: wall-clock and CPU throughput, peak RSS; reference
# readers measured in the same run: awk summing the individual ticks per
# cost centre (a one-pass minimal reader) and wc -l (reading the bytes).
set -eu
. "$SRC/bench/lib.sh"
cache=${PROFKIT_BENCH_CACHE:-$HOME/.cache/profkit/bench}
big=${PROFKIT_BIG_PROF:-}
if [ -z "$big" ]; then
	big=$(sh "$SRC/bench/gen-large-prof.sh" "$cache" 2>"$BENCH_TMP/gen.err") || big=""
fi
if [ -z "$big" ] || [ ! -s "$big" ]; then
	sed 's/^/   /' "$BENCH_TMP/gen.err" 2>/dev/null || true
	big=$(ls -S "$PROFKIT_CORPUS"/prof/*.prof 2>/dev/null | head -1)
	echo "   (no generated profile; using $big)"
fi
bytes=$(wc -c <"$big")
rows=$(wc -l <"$big")
echo "   input: $big ($bytes bytes, $rows lines)"

cpu() { # CMD... -> CPU seconds (user + sys) of one run
	/usr/bin/time -f '%U %S' -o "$BENCH_TMP/cpu" "$@" >/dev/null 2>&1 || true
	awk '{ printf "%.3f", $1 + $2 }' "$BENCH_TMP/cpu"
}
run() { # LABEL CMD...
	label=$1; shift
	measure "$@"
	w=$WALL; r=$RSS_KB
	c=$(cpu "$@")
	printf '   %-34s %6.3f s wall %8s MB/s | %6.3f s cpu %8s MB/s | peak RSS %6.1f MiB\n' \
		"$label" "$w" "$(mbps "$bytes" "$w")" "$c" "$(mbps "$bytes" "$c")" \
		"$(awk -v k="$r" 'BEGIN { print k / 1024 }')"
	LAST_WALL=$w; LAST_CPU=$c
}
run "prof-summarize (text)" prof-summarize "$big"
sw=$LAST_WALL; sc=$LAST_CPU
run "prof-summarize -F json --tree" prof-summarize -F json --tree --threshold 0 "$big"
run "prof2speedscope" prof2speedscope -f "$big" -o "$BENCH_TMP/big.speedscope.json"
run "prof2speedscope --folded" prof2speedscope --folded "$big"
run "reference: awk ticks per cost centre" awk '
	/^COST CENTRE/ && / no\. / { t = 1; next }
	t && NF >= 8 { s[$1 " " $2] += $(NF - 1) }
	END { for (k in s) n++; print n }' "$big"
aw=$LAST_WALL; ac=$LAST_CPU
run "reference: wc -l" wc -l "$big"
echo "   prof-summarize vs awk: $(ratio "$aw" "$sw")x faster (wall), $(ratio "$ac" "$sc")x (cpu)"
