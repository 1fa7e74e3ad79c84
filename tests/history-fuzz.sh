#!/bin/sh
# history-fuzz.sh - replay prof-history's fuzz target (importer, budgets,
# change points) over its seeds and over the real data.js and truncations
# of it: a crash or sanitizer report fails.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

R=$abs_top_builddir/tests/fuzz/replay_history
ok "replay seeds" "$R" "$abs_top_srcdir/tests/fuzz/corpus/history"
is "every seed replayed" \
	"$(ls "$abs_top_srcdir/tests/fuzz/corpus/history" | wc -l | tr -d ' ')" \
	"$(grep -c '^ok' "$T/.out")"
gab="$CORPUS/bench-results/gab_data_mr-math_5707d2c.js"
if have_corpus && [ -f "$gab" ]; then
	mkdir "$T/cut"
	for n in 1 25 200 1000 4000 9000 16000; do
		head -c "$n" "$gab" >"$T/cut/data.js.$n"
	done
	ok "replay the real data.js and its truncations" "$R" "$gab" "$T/cut"
	is "all replayed" 8 "$(grep -c '^ok' "$T/.out")"
else
	skip "replay the real data.js and its truncations" "no corpus"
fi
done_testing
