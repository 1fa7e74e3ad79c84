#!/bin/sh
# tests/heap-html.sh - heap2svg's HTML page in a real browser (headless
# Chromium): the script runs without console errors, makes no network
# request, builds the band table, shows a hover readout and hides/shows a
# band from the key (the page's #selftest hook drives the mouse).
# On test-data/heap (GHC 9.0.2) and a file derived from it; also on
# ../shared/corpus/heap when it is there.  Skips when chromium is not
# installed (an optional tool, see README).
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$CHROMIUM" ]; then
	skip "HTML in a browser" "chromium not installed"
	done_testing
	exit $?
fi
H="$TEST_DATA/heap"

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

# Thousands of -hi style bands, derived from the real -hc profile: every
# band of every census renamed to an info-table address of its own (10
# bands x 18 censuses), and an IPE table (TSV) that knows every other one.
awk -F'\t' 'BEGIN { OFS = "\t" } /^BEGIN_SAMPLE / { k++ }
	NF > 1 { if (!($1 in id)) id[$1] = ++n; $1 = sprintf("0x%x", 4864800 + 8 * (id[$1] * 1000 + k)) } { print }' \
	"$H/leak-hc.hp" >"$T/many-hi.hp"
{
	printf 'info_table_addr\ttable_name\tclosure_type\ttype\tmodule\tsrc_loc\n'
	awk -F'\t' 'NF > 1 && !seen[$1]++ && n++ % 10 != 0 {
		printf "%s\tsat_%d_info\tTHUNK\tInt\tMod%d\tMod.hs:%d:1-9\n", $1, n, n % 5, n }' "$T/many-hi.hp"
} >"$T/many-hi.tsv"

set -- "$H/leak-hc.hp" "$H/leak-hc.eventlog" "$T/many-hi.hp"
if have_corpus; then
	set -- "$@" "$CORPUS/heap/ghc902-leak-hc.hp" "$CORPUS/heap/ghc902-leak-hc.eventlog" \
		"$CORPUS/heap/derived-klister-hi.hp"
else
	echo "# no corpus at $CORPUS: its heap profiles are not tried (extra cases)"
fi
for p in "$@"; do
	f=$(basename "$p")
	case $p in "$CORPUS"/*) f="corpus $f" ;; esac
	extra=""
	case $f in
	many-hi.hp) extra="--ipe $T/many-hi.tsv" ;;
	*derived-klister-hi.hp) extra="--ipe $CORPUS/heap/derived-klister-ipe.tsv" ;;
	esac
	heap2svg -q $extra "$p" -o "$T/$f.html"
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
	case $f in *-hi.hp)
		is "$f: hundreds of bands are paged (100 rows)" "100" "${rows:-0}" ;;
	esac
done
done_testing
