#!/bin/sh
# tests/prof-fuzz.sh - replay the .prof fuzz target over its seed corpus
# (tests/fuzz/corpus/prof: small real profiles and inputs derived from
# them) and over every real profile, under the configured sanitizers.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
R="$abs_top_builddir/tests/fuzz/replay_prof"
dirs="$abs_top_srcdir/tests/fuzz/corpus/prof"
[ -d "$TEST_DATA/prof" ] && dirs="$dirs $TEST_DATA/prof"
have_corpus && dirs="$dirs $CORPUS/prof"
for d in $dirs; do
	ok "replay $(basename "$(dirname "$d")")/$(basename "$d")" "$R" "$d"
	is "replay $(basename "$d"): every input ran" "0" \
		"$(grep -c '^not ok' "$T/.out" || true)"
done
done_testing
