#!/bin/sh
# tests/cli.sh - golden command-line cases, zstd style.
#
# Each case is tests/cli/AREA/NAME.sh, run with sh in a fresh temporary
# directory (TEST_DATA and CORPUS point at the fixtures), next to optional
# expectations:
#   NAME.exit     the exit status (default 0)
#   NAME.stdout   exact standard output
#   NAME.stderr   exact standard error
# A case that needs the shared corpus starts with "need_corpus" and names
# its in-repo twin, the case that tests the same capability on test-data/
# (or a file derived from it), in a line "# in-repo twin: AREA/NAME"; the
# twin must exist.  Without the corpus such cases are not run (a TAP
# comment says how many): they are extra coverage, not the only one.
# A case that runs jq, python3, sqlite3, zstd or xz skips when that
# command is missing.
# Regenerate expectations after a deliberate change:
#   PROFKIT_REGEN=1 make check TESTS=tests/cli.sh
# (then review the diff before committing).
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

cases=$(cd "$abs_top_srcdir/tests/cli" && find . -name '*.sh' | sort)
not_run=0
for c in $cases; do
	c=${c#./}
	base="$abs_top_srcdir/tests/cli/${c%.sh}"
	name=${c%.sh}
	if grep -q '^need_corpus' "$abs_top_srcdir/tests/cli/$c"; then
		twin=$(sed -n 's/^# in-repo twin: *//p' "$abs_top_srcdir/tests/cli/$c")
		ok "$name: its in-repo twin '$twin' exists" \
			test -n "$twin" -a -f "$abs_top_srcdir/tests/cli/$twin.sh"
		if ! have_corpus; then
			not_run=$((not_run + 1))
			continue
		fi
	fi
	# A case that runs an optional command skips, naming it, when the
	# command is missing (scripts/deps.sh --test installs them all).
	missing=""
	for t in jq python3 sqlite3 zstd xz; do
		if grep -qE "(^|[|;&(]|\\\$\\()[[:space:]]*$t( |\$)" "$abs_top_srcdir/tests/cli/$c" &&
		   ! command -v "$t" >/dev/null 2>&1; then
			missing=$t
			break
		fi
	done
	if [ -n "$missing" ]; then
		skip "$name" "$missing not installed"
		continue
	fi
	d="$T/case"
	rm -rf "$d"
	mkdir -p "$d"
	st=0
	(cd "$d" && need_corpus() { :; } &&
	 TEST_DATA="$TEST_DATA" CORPUS="$CORPUS" . "$abs_top_srcdir/tests/cli/$c") \
		>"$T/stdout" 2>"$T/stderr" </dev/null || st=$?
	if [ "${PROFKIT_REGEN:-}" = 1 ]; then
		echo "$st" >"$base.exit"
		cp "$T/stdout" "$base.stdout"
		cp "$T/stderr" "$base.stderr"
	fi
	want=0
	[ -f "$base.exit" ] && want=$(cat "$base.exit")
	bad=""
	[ "$st" = "$want" ] || bad="exit $st, wanted $want"
	if [ -f "$base.stdout" ] && ! cmp -s "$base.stdout" "$T/stdout"; then
		bad="$bad stdout differs"
		diff -u "$base.stdout" "$T/stdout" | head -20 | sed 's/^/# /'
	fi
	if [ -f "$base.stderr" ] && ! cmp -s "$base.stderr" "$T/stderr"; then
		bad="$bad stderr differs"
		diff -u "$base.stderr" "$T/stderr" | head -20 | sed 's/^/# /'
	fi
	if [ -z "$bad" ]; then _result 0 "$name"; else
		_result 1 "$name: $bad"
	fi
done
[ "$not_run" = 0 ] ||
	echo "# no corpus at $CORPUS: $not_run extra corpus cases not run (each has its in-repo twin)"
done_testing
