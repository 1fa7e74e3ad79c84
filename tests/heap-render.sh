#!/bin/sh
# tests/heap-render.sh - heap2svg's pictures: well-formed SVG that a second
# renderer (rsvg-convert) draws, PNG/PDF by extension, damaged profiles
# drawn with a warning and exit 0, deterministic bytes, output size bounded
# by the chart width rather than the number of samples.
# On test-data/heap (GHC 9.0.2) and files derived from it; the .hp and
# eventlogs of ../shared/corpus/heap are drawn too when it is there.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

H="$TEST_DATA/heap"
M="$H/leak-hc.hp"
have() { command -v "$1" >/dev/null 2>&1; }

# derived at test time: a gzipped profile, -hi style band names (info-table
# addresses, from the -hm profile), a killed run missing its last END_SAMPLE
gzip -c "$H/leak-plain-hT.hp" >"$T/leak-plain-hT.hp.gz"
awk -F'\t' 'BEGIN { OFS = "\t" } NF > 1 { if (!($1 in id)) id[$1] = sprintf("0x%x", 4864800 + 8 * n++); $1 = id[$1] } { print }' \
	"$H/leak-hm.hp" >"$T/hi-addresses.hp"
sed '$d' "$H/leak-hc-killed.hp" >"$T/no-last-end-sample.hp"

set -- "$M" "$H/leak-hd.hp" "$T/leak-plain-hT.hp.gz" "$H/leak-hc-quoted-arg.hp" \
	"$T/hi-addresses.hp" "$H/leak-hc.eventlog" "$H/leak-hb.eventlog"
if have_corpus; then
	set -- "$@" "$CORPUS/heap/ghc902-leak-hc.hp" "$CORPUS/heap/ghc902-leak-hd.hp" \
		"$CORPUS/heap/hp2pretty-Describe2.hp.gz" \
		"$CORPUS/heap/synthetic-q.hp" "$CORPUS/heap/synthetic-hi.hp" \
		"$CORPUS/heap/ghc902-leak-hc.eventlog" \
		"$CORPUS/heap/ghc-events-biographical-samples.eventlog"
else
	echo "# no corpus at $CORPUS: its heap profiles are not drawn (extra cases)"
fi
for p in "$@"; do
	f=$(basename "$p")
	case $p in "$CORPUS"/*) f="corpus $f" ;; esac
	ok "$f: SVG" heap2svg -q "$p" -o "$T/$f.svg"
	if have xmllint; then
		ok "$f: SVG is well-formed XML" xmllint --noout "$T/$f.svg"
	else
		skip "$f: xmllint" "xmllint not installed"
	fi
	if have rsvg-convert; then
		ok "$f: rsvg-convert renders it" rsvg-convert "$T/$f.svg" -o "$T/$f.png"
	else
		skip "$f: rsvg-convert" "not installed"
	fi
done

ok "PNG by extension" heap2svg -q "$M" -o "$T/c.png"
is "PNG signature" "PNG" "$(head -c 4 "$T/c.png" | tail -c 3)"
ok "PDF by extension" heap2svg -q "$M" -o "$T/c.pdf"
is "PDF signature" "%PDF" "$(head -c 4 "$T/c.pdf")"
ok "--format overrides the extension" heap2svg -q --format json "$M" -o "$T/c.svg"
is "... and writes JSON" "{" "$(head -c 1 "$T/c.svg")"
ok "stdout gets SVG" sh -c "heap2svg -q '$M' >'$T/o.svg'"
is "... an svg document" "1" "$(grep -c '<svg' "$T/o.svg" | head -1 | awk '{print ($1 > 0)}')"
ok "styles: line" heap2svg -q --style line "$M" -o "$T/l.svg"
ok "styles: normalized" heap2svg -q --style normalized "$M" -o "$T/n.svg"
fails_with 1 "no overwrite without -f" heap2svg -q "$M" -o "$T/c.png"
ok "-f replaces" heap2svg -q -f "$M" -o "$T/c.png"

# damaged and empty profiles: drawn, with a warning, exit 0
set -- "$H/leak-hc-killed.hp" "$T/no-last-end-sample.hp" "$H/leak-hb-killed.hp" \
	"$H/leak-hc-killed.eventlog"
have_corpus && set -- "$@" "$CORPUS/heap/ghc902-leak-hy-killed.hp" \
	"$CORPUS/heap/synthetic-trunc.hp" "$CORPUS/heap/ghc902-leak-hb-segfault.hp" \
	"$CORPUS/heap/ghc902-leak-hy-killed.eventlog"
for p in "$@"; do
	f=$(basename "$p")
	case $p in "$CORPUS"/*) f="corpus $f" ;; esac
	ok "$f: drawn, exit 0" heap2svg "$p" -o "$T/$f.svg"
	is "$f: with a warning" "1" "$(grep -c 'warning' "$T/.err" | awk '{print ($1 > 0)}')"
	if have rsvg-convert; then
		ok "$f: rsvg-convert renders it" rsvg-convert "$T/$f.svg" -o "$T/$f.png"
	fi
done
ok "empty profile: HTML" heap2svg -q "$H/leak-hb-killed.hp" -o "$T/e.html"
is "empty profile: the chart says so" "1" "$(grep -c 'no heap data' "$T/e.html")"
is "empty profile: no NaN anywhere" "0" "$(grep -ci 'nan' "$T/e.svg" 2>/dev/null || heap2svg -q "$H/leak-hb-killed.hp" | grep -ci nan)"

# a cut-off line in the middle of a real file: an error naming the line
head -c 3000 "$M" >"$T/cut.hp"
ok "file cut mid-line: drawn" heap2svg "$T/cut.hp" -o "$T/cut.svg"
is "... with a truncation warning" "1" "$(grep -c 'truncated\|killed' "$T/.err" | awk '{print ($1 > 0)}')"
sed '12s/\t[0-9]*$/\t12x4/' "$M" >"$T/badvalue.hp"
fails_with 1 "a bad value mid-file is an error" heap2svg "$T/badvalue.hp" -o "$T/bv.svg"
is "... naming file and line" "heap2svg: $T/badvalue.hp:12: bad value '12x4' (want a non-negative integer)" "$(cat "$T/.err")"
is "... and leaving no output" "no" "$(test -e "$T/bv.svg" && echo yes || echo no)"
head -c 2000 "$H/leak-hc.eventlog" >"$T/hdr.eventlog"
head -c 1000 /dev/urandom | tr -d '\n' >"$T/junk" 2>/dev/null || true
fails_with 1 "not a heap profile" heap2svg "$T/junk" -o "$T/j.svg"

# the same input and options give the same bytes
heap2svg -q "$M" -o "$T/a1.html"
heap2svg -q "$M" -o "$T/a2.html"
ok "HTML is deterministic" cmp "$T/a1.html" "$T/a2.html"
heap2svg -q "$M" -o "$T/a1.svg"
heap2svg -q "$M" -o "$T/a2.svg"
ok "SVG is deterministic" cmp "$T/a1.svg" "$T/a2.svg"
is "HTML loads nothing from outside" "0" "$(grep -o 'https\?://[^"]*' "$T/a1.html" | grep -vc 'www.w3.org/2000/svg')"

# O(bands x width): 100 copies of a real profile, time-shifted, give 100x the
# samples but not 100x the SVG
awk -F'\t' 'BEGIN { OFS = "\t" } FNR == 1 { k++ }
	/^(JOB|DATE|SAMPLE_UNIT|VALUE_UNIT)/ { if (k == 1) print; next }
	/^(BEGIN|END)_SAMPLE / { split($0, a, " "); print a[1] " " a[2] + (k - 1) * 1.4; next }
	{ print }' $(for i in $(seq 100); do echo "$M"; done) >"$T/long.hp"
heap2svg -q "$M" --format html | sed -n 's|.*id="heap-data">\([^<]*\)</script>.*|\1|p' >"$T/one.json"
heap2svg -q "$T/long.hp" --format html | sed -n 's|.*id="heap-data">\([^<]*\)</script>.*|\1|p' >"$T/long.json"
n_long=$(grep -c '^BEGIN_SAMPLE' "$T/long.hp")
n_drawn=$(jq '.x | length' "$T/long.json" 2>/dev/null || echo 0)
pw=$(jq '.geom.pw | floor' "$T/long.json" 2>/dev/null || echo 0)
is "long profile has more samples than pixels" "1" "$(awk -v a="$n_long" -v b="$pw" 'BEGIN { print (a > 2 * b) }')"
is "points drawn <= 2 per pixel column (+2)" "1" "$(awk -v a="$n_drawn" -v b="$pw" 'BEGIN { print (a > 0 && a <= 2 * b + 4) }')"
heap2svg -q "$T/long.hp" -o "$T/long.svg"
heap2svg -q "$M" -o "$T/one.svg"
s1=$(wc -c <"$T/one.svg"); s40=$(wc -c <"$T/long.svg")
is "SVG of 100x the samples is < 4x the size ($s1 -> $s40 bytes)" "1" "$(awk -v a="$s1" -v b="$s40" 'BEGIN { print (b < 4 * a) }')"
done_testing
