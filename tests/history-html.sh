#!/bin/sh
# tests/history-html.sh - the trend page as a user sees it, and the import
# of a real github-action-benchmark history.
#  - the HTML page is self-contained: no URL to fetch anything from;
#  - headless Chromium opens it without console errors or network
#    requests, its script runs (it marks <body data-ready>), and it
#    renders (a screenshot is written);
#  - importing the corpus data.js keeps every entry and every value.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

db="$T/h.sqlite"
# three benchmarks over 30 runs; "parse" gets 25 % slower at run 18
awk -v dir="$T" 'BEGIN { seed = 11
	for (r = 1; r <= 30; r++) {
		f = sprintf("%s/r%02d.csv", dir, r)
		for (s = 0; s < 5; s++) {
			seed = (seed * 1103515245 + 12345) % 2147483648
			n = (seed / 2147483648 - 0.5) * 0.03
			printf "parse,%.7f,s\n", (r < 18 ? 0.004 : 0.005) * (1 + n) >f
			printf "render <main>,%.7f,s\n", 0.020 * (1 + n) >f
			printf "throughput,%.3f,ops/s\n", 900 * (1 - n) >f
		}
		close(f)
	} }'
r=1
while [ $r -le 30 ]; do
	prof-history --db "$db" -q record --input-format csv "$(printf '%s/r%02d.csv' "$T" $r)" \
		--commit "$(printf '%040x' $((r * 4099)))" --branch main \
		--date $((1700000000 + r * 3600)) --label "run=$r"
	r=$((r + 1))
done
ok "trend HTML" prof-history --db "$db" trend --branch main --title "Demo & <history>" -o "$T/trend.html"
is "no URLs in the page" 0 "$(grep -c -i -e 'http:' -e 'https:' -e 'src=' -e '<link' "$T/trend.html" || true)"
is "title escaped" 1 "$(grep -c '<title>Demo &amp; &lt;history&gt;</title>' "$T/trend.html" || true)"
is "one section per series" 3 "$(grep -o '<section id="s[0-9]*"' "$T/trend.html" | wc -l | tr -d ' ')"
is "a hover readout per point" 90 "$(grep -o 'data-tip=' "$T/trend.html" | wc -l | tr -d ' ')"
is "one change point marked" 1 "$(grep -o 'class="cp"' "$T/trend.html" | wc -l | tr -d ' ')"
if command -v xmllint >/dev/null 2>&1; then
	ok "HTML parses" xmllint --html --noout "$T/trend.html"
else
	skip "HTML parses" "no xmllint"
fi

chromium=""
for c in chromium chromium-browser google-chrome; do
	if command -v $c >/dev/null 2>&1; then chromium=$c; break; fi
done
if [ -z "$chromium" ]; then
	skip "Chromium opens the page" "no chromium"
else
	prof="$T/chrome-profile"
	mkdir -p "$prof"
	run_chromium() { # extra args...
		timeout 90 "$chromium" --headless --no-sandbox --disable-gpu \
			--disable-background-networking --disable-component-update \
			--no-first-run --user-data-dir="$prof" --window-size=1200,900 \
			--virtual-time-budget=3000 --enable-logging=stderr --v=0 \
			"$@" "file://$T/trend.html"
	}
	run_chromium --dump-dom --log-net-log="$T/netlog.json" >"$T/dom.html" \
		2>"$T/chromium.log" || true
	is "the page script ran" 1 "$(grep -c '<body data-ready="1"' "$T/dom.html" || true)"
	is "no console errors" 0 \
		"$(grep -c -i -e 'Uncaught' -e ':CONSOLE' -e 'console.error' "$T/chromium.log" || true)"
	# every URL the browser touched, less Chromium's own background
	# services (update checks, time sync, dictionaries)
	if [ -f "$T/netlog.json" ]; then
		grep -o '"url":"[^"]*"' "$T/netlog.json" | sort -u |
			grep -v -e '"url":"file:' -e 'google\.com/' -e 'googleapis\.com/' \
				-e 'gvt1\.com/' -e 'gstatic\.com/' >"$T/requests" || true
		sed 's/^/# request: /' "$T/requests"
		is "no network requests from the page" 0 \
			"$(wc -l <"$T/requests" | tr -d ' ')"
	else
		skip "no network requests from the page" "no net log written"
	fi
	run_chromium --screenshot="$T/shot.png" >/dev/null 2>&1 || true
	ok "a screenshot was rendered" test -s "$T/shot.png"
fi

# ---- import of a github-action-benchmark history: test-data's (the
# action's data.js layout around real google-benchmark runs), and the real
# one of ../shared/corpus when it is there
import_gab() { # LABEL FILE "ENTRIES VALUES"
	gab=$2
	idb="$T/import-$1.sqlite"
	ok "$1: import data.js" prof-history --db "$idb" import "$gab"
	entries=$(grep -c '"tree_id"' "$gab")
	values=$(grep -c '"value":' "$gab")
	is "$1: the file has $3 entries and values" "$3" "$entries $values"
	prof-history --db "$idb" list --format json >"$T/l.json"
	is "$1: every entry is a run" "$entries" "$(grep -c '"run":' "$T/l.json")"
	prof-history --db "$idb" export --format csv >"$T/all.csv"
	is "$1: every value is a sample" "$values" "$(($(wc -l <"$T/all.csv") - 1))"
	is "$1: sample sum is preserved" \
		"$(grep '"value":' "$gab" | sed 's/.*"value": *//; s/,$//' | awk '{ s += $1 } END { printf "%.6g", s }')" \
		"$(awk -F, 'NR > 1 { s += $13 * 1e9 } END { printf "%.6g", s }' "$T/all.csv")"
	ok "$1: import again" prof-history --db "$idb" import "$gab"
	is "$1: nothing new the second time" \
		"imported 0 runs (0 benchmark results, 0 samples); $entries already present" \
		"$(cat "$T/.out")"
}
import_gab test-data "$TEST_DATA/bench/layout-gab-data.js" "4 120"
if have_corpus; then
	import_gab corpus "$CORPUS/bench-results/gab_data_mr-math_5707d2c.js" "4 60"
else
	echo "# no corpus at $CORPUS: its data.js is not imported (extra cases)"
fi
done_testing
