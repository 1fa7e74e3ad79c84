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
# a whole data.js and its truncations: test-data's, and the corpus's real
# one when it is there
replay_gab() { # LABEL FILE
	mkdir "$T/cut-$1"
	for n in 1 25 200 1000 4000 9000 16000; do
		head -c "$n" "$2" >"$T/cut-$1/data.js.$n"
	done
	ok "$1: replay data.js and its truncations" "$R" "$2" "$T/cut-$1"
	is "$1: all replayed" 8 "$(grep -c '^ok' "$T/.out")"
}
replay_gab test-data "$TEST_DATA/bench/layout-gab-data.js"
if have_corpus; then
	replay_gab corpus "$CORPUS/bench-results/gab_data_mr-math_5707d2c.js"
else
	echo "# no corpus at $CORPUS: its data.js is not replayed (extra cases)"
fi
done_testing
