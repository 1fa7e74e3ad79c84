#!/bin/sh
# tests/heap-html.sh - heap2svg's HTML page in a real browser (headless
# Chromium): the script runs without console errors, makes no network
# request, builds the band table, shows a hover readout and hides/shows a
# band from the key (the page's #selftest hook drives the mouse).
# Skips when chromium is not installed.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$CHROMIUM" ]; then
	skip "HTML in a browser" "chromium not installed"
	done_testing
	exit $?
fi
if ! have_corpus; then
	skip "HTML in a browser" "no corpus at $CORPUS"
	done_testing
	exit $?
fi
H="$CORPUS/heap"

browse() { # html-file -> $T/dom, $T/log
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update \
		--no-first-run --user-data-dir="$T/profile" \
		--host-resolver-rules='MAP * ~NOTFOUND' \
		--window-size=1400,1000 --virtual-time-budget=5000 \
		--enable-logging=stderr --v=0 --log-net-log="$T/net.json" \
		--dump-dom "file://$1#selftest" >"$T/dom" 2>"$T/log" || true
	[ -s "$T/net.json" ] || echo '{}' >"$T/net.json"
}

for f in ghc902-leak-hc.hp ghc902-leak-hc.eventlog derived-klister-hi.hp; do
	extra=""
	[ "$f" = derived-klister-hi.hp ] && extra="--ipe $H/derived-klister-ipe.tsv"
	heap2svg -q $extra "$H/$f" -o "$T/$f.html"
	browse "$T/$f.html"
	is "$f: no console errors" "" \
		"$(grep -E 'CONSOLE|Uncaught|Refused to' "$T/log" | head -3)"
	# the net log also holds the browser's own background requests
	# (Google update/account services): every other URL came from the page
	is "$f: no network requests" "" \
		"$(grep -o '"url":"[a-z]*://[^"]*' "$T/net.json" 2>/dev/null |
		   grep -v -E '://[^/]*(google|gvt1|gstatic)[^/]*/' | grep -v '"url":"file:' | sort -u | head -3)"
	st=$(sed -n 's/.*data-selftest="\([^"]*\)".*/\1/p' "$T/dom")
	is "$f: hover readout shows and the key toggles a band" \
		"hover=true toggle=hidden" "$(echo "$st" | sed 's/ rows=.*//')"
	rows=$(echo "$st" | sed -n 's/.*rows=\([0-9]*\).*/\1/p')
	is "$f: the band table has rows" "1" "$(awk -v r="${rows:-0}" 'BEGIN { print (r > 0) }')"
done
is "thousands of bands are paged (100 rows)" "100" "${rows:-0}"
done_testing
