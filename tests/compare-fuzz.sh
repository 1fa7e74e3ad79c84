#!/bin/sh
# compare-fuzz.sh - replay the bench reader fuzz target over its seeds and
# over the real result files (a crash or sanitizer report fails).
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

R=$abs_top_builddir/tests/fuzz/replay_bench
ok "replay seeds" "$R" "$abs_top_srcdir/tests/fuzz/corpus/bench"
is "every seed replayed" \
	"$(ls "$abs_top_srcdir/tests/fuzz/corpus/bench" | wc -l | tr -d ' ')" \
	"$(grep -c '^ok' "$T/.out")"
# the real results in test-data/bench, and truncations of each at a few
# lengths; the same for ../shared/corpus/bench-results when it is there
replay_dir() { # LABEL DIR CRITERION-RUN-DIR
	ok "replay $1" "$R" "$2" "$3"
	mkdir -p "$T/cut-$1"
	for f in "$2"/*.*; do
		for n in 1 17 100 333 1000 3000; do
			head -c "$n" "$f" >"$T/cut-$1/$(basename "$f").$n"
		done
	done
	ok "replay truncated $1 files" "$R" "$T/cut-$1"
}
replay_dir test-data/bench "$TEST_DATA/bench" "$TEST_DATA/bench/criterion/Fibonacci/Recursive/new"
if have_corpus; then
	replay_dir corpus-bench-results "$CORPUS/bench-results" \
		"$CORPUS/bench-results/criterion_Fibonacci_Recursive/new"
else
	echo "# no corpus at $CORPUS: its bench-results are not replayed (extra cases)"
fi
done_testing
