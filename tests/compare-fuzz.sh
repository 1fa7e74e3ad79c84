#!/bin/sh
# compare-fuzz.sh - replay the bench reader fuzz target over its seeds and
# over the real result files (a crash or sanitizer report fails).
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

R=$abs_top_builddir/tests/fuzz/replay_bench
ok "replay seeds" "$R" "$abs_top_srcdir/tests/fuzz/corpus/bench"
is "every seed replayed" \
	"$(ls "$abs_top_srcdir/tests/fuzz/corpus/bench" | wc -l | tr -d ' ')" \
	"$(grep -c '^ok' "$T/.out")"
if have_corpus; then
	ok "replay bench-results corpus" "$R" "$CORPUS/bench-results" \
		"$CORPUS/bench-results/criterion_Fibonacci_Recursive/new"
	# truncations of every real file, at a few lengths
	mkdir "$T/cut"
	for f in "$CORPUS"/bench-results/*.*; do
		for n in 1 17 100 333 1000; do
			head -c "$n" "$f" >"$T/cut/$(basename "$f").$n"
		done
	done
	ok "replay truncated real files" "$R" "$T/cut"
else
	skip "replay bench-results corpus" "no corpus"
	skip "replay truncated real files" "no corpus"
fi
done_testing
