#!/bin/sh
# tests/speedscope-browser.sh - the output opens in the real speedscope
# app (npm speedscope, dist/release/index.html) in headless Chromium:
# the page reports a finished import and logs no error, and a screenshot
# is written.  Skips without chromium or the node modules.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

NM=${PROFKIT_NODE_MODULES:-$HOME/.cache/profkit/node/node_modules}
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ] || [ ! -f "$NM/speedscope/dist/release/index.html" ]; then
	skip "speedscope app in chromium" "no chromium or no $NM/speedscope"
	done_testing
	exit 0
fi
EV="$TEST_DATA/eventlog"
for mode in samples spans; do
	opt=""
	[ $mode = spans ] && opt=--spans
	ok "$mode: converts" eventlog2speedscope $opt "$EV/spans-N2-p-l.eventlog" -o "$T/$mode.json"
	ok "$mode: opens in speedscope without errors" \
		env PROFKIT_NODE_MODULES="$NM" sh "$abs_top_srcdir/tests/speedscope-screenshot.sh" \
		"$T/$mode.json" "$T/$mode.png"
	if grep -q '"import: ' "$T/$mode.png.log"; then r=yes; else r=no; fi
	is "$mode: speedscope finished importing it" yes "$r"
	ok "$mode: screenshot written" test -s "$T/$mode.png"
done
done_testing
