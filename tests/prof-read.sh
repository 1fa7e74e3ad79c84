#!/bin/sh
# tests/prof-read.sh - the .prof reader (src/prof_read.c) on every real
# profile: figures add up, header facts match, tricky rows are read right,
# hostile inputs derived from real files give line-numbered messages.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
DUMP="$abs_top_builddir/tests/prof-dump"

files=$(ls "$TEST_DATA"/prof/*.prof 2>/dev/null || true)
if have_corpus; then
	for f in "$CORPUS"/prof/*.prof; do
		[ -s "$f" ] && files="$files $f"
	done
fi

# header figures read independently of the C reader
hdr_ticks() {
	case $(head -c 1 "$1") in
	"{") jq -r .total_ticks "$1" ;;
	*) sed -n 's/.*(\([0-9]*\) ticks @.*/\1/p' "$1" | head -1 ;;
	esac
}
hdr_alloc() {
	case $(head -c 1 "$1") in
	"{") jq -r .total_alloc "$1" ;;
	*) sed -n 's/.*total alloc = *\([0-9,]*\) bytes.*/\1/p' "$1" | tr -d , | head -1 ;;
	esac
}

for f in $files; do
	b=$(basename "$f")
	if ! "$DUMP" "$f" >"$T/d" 2>"$T/e"; then
		_result 1 "$b: read"; sed 's/^/# /' "$T/e"; continue
	fi
	is "$b: read completely" "" "$(grep '^problem' "$T/d" || true)"
	is "$b: total ticks as in the header" "$(hdr_ticks "$f")" \
		"$(awk -F'\t' '/^header/ { print $4 }' "$T/d")"
	is "$b: total alloc as in the header" "$(hdr_alloc "$f")" \
		"$(awk -F'\t' '/^header/ { print $7 }' "$T/d")"
	is "$b: tree has rows" "yes" \
		"$(grep -q '^row' "$T/d" && echo yes || echo no)"
	counts=$(awk -F'\t' '/^header/ { print $8 }' "$T/d")
	if [ "$counts" = 1 ]; then
		is "$b: individual ticks sum to the total" \
			"$(awk -F'\t' '/^header/ { print $4 }' "$T/d")" \
			"$(awk -F'\t' '/^row/ { s += $8 } END { printf "%d", s }' "$T/d")"
		is "$b: individual bytes sum to the total alloc" \
			"$(awk -F'\t' '/^header/ { print $7 }' "$T/d")" \
			"$(awk -F'\t' '/^row/ { s += $9 } END { printf "%d", s }' "$T/d")"
		is "$b: inherited ticks of the root = total" \
			"$(awk -F'\t' '/^header/ { print $4 }' "$T/d")" \
			"$(awk -F'\t' '/^row/ && $2 == 0 { s += $14 } END { printf "%d", s }' "$T/d")"
	fi
	case $(head -c 1 "$f") in
	"{") continue ;;
	esac
	# Text: the printed %time and %alloc columns sum to 100 within the
	# rounding of each row (0.05 per row).
	for col in 10:time 11:alloc; do
		c=${col%%:*} what=${col#*:}
		zero=$(awk -F'\t' -v w="$what" '/^header/ {
			print (w == "time" ? $4 : $7) == 0 ? "yes" : "no" }' "$T/d")
		[ "$zero" = yes ] && continue
		is "$b: individual %$what sums to 100 within rounding" "ok" \
			"$(awk -F'\t' -v c="$c" '/^row/ { s += $c; n++ }
			   END { d = s - 100; if (d < 0) d = -d;
				 print (d <= 0.05 * n + 0.05) ? "ok" : "sum " s " over " n " rows" }' "$T/d")"
	done
done

# Pinned rows: spaces in paths, an empty label, UTF-8, backslash, operators.
# row depth label module src no entries ticks bytes %time %alloc ...
pin() { # name file pattern(expected prefix of the row)
	if grep -qF "$3" "$T/pin"; then _result 0 "$1"; else
		_result 1 "$1"; echo "# wanted: $3"
		grep "^row" "$T/pin" | head -3 | sed 's/^/# /'
	fi
}
TAB=$(printf '\t')
if [ -f "$TEST_DATA/prof/ccprof-P.prof" ]; then
	"$DUMP" "$TEST_DATA/prof/ccprof-P.prof" >"$T/pin"
	pin "ccprof-P: path with a space" "$T/pin" \
		"row${TAB}4${TAB}walk'${TAB}Spaced.Walk${TAB}lib dir/Spaced/Walk.hs:8:1-41${TAB}277${TAB}500${TAB}3${TAB}4524016${TAB}0.3${TAB}0.4${TAB}62.5${TAB}55.7"
	pin "ccprof-P: backslash label" "$T/pin" \
		"row${TAB}4${TAB}hot\\loop${TAB}Main${TAB}Main.hs:27:35-49${TAB}282${TAB}500${TAB}0${TAB}24000${TAB}"
	pin "ccprof-P: UTF-8 label" "$T/pin" \
		"row${TAB}4${TAB}ünïcode_λ${TAB}Main${TAB}Main.hs:28:35-57${TAB}289${TAB}500${TAB}1${TAB}569400${TAB}0.1${TAB}0.0${TAB}0.1${TAB}0.0"
	pin "ccprof-P: empty label under its parent" "$T/pin" \
		"row${TAB}4${TAB}${TAB}Main${TAB}Main.hs:29:26-40${TAB}291${TAB}500${TAB}0${TAB}28000${TAB}"
	pin "ccprof-P: operator label" "$T/pin" \
		"row${TAB}6${TAB}<+>${TAB}Ops${TAB}Ops.hs:9:1-36${TAB}273${TAB}1125250${TAB}130${TAB}135030000${TAB}12.4${TAB}11.8"
	pin "ccprof-P: operator with dots" "$T/pin" \
		"row${TAB}5${TAB}.**.${TAB}Spaced.Walk${TAB}lib dir/Spaced/Walk.hs:12:1-30${TAB}276${TAB}500${TAB}0${TAB}40000${TAB}"
	pin "ccprof-P: flat table row" "$T/pin" \
		"flat${TAB}hotLoop.step${TAB}Ops${TAB}Ops.hs:25:5-41${TAB}7.3${TAB}6.3${TAB}76${TAB}72000000"
	"$DUMP" "$TEST_DATA/prof/ccprof-pj.prof" >"$T/pin"
	pin "ccprof-pj: UTF-8 label" "$T/pin" \
		"row${TAB}4${TAB}ünïcode_λ${TAB}Main${TAB}Main.hs:28:35-57${TAB}-1${TAB}500${TAB}"
	pin "ccprof-pj: empty label" "$T/pin" \
		"row${TAB}4${TAB}${TAB}Main${TAB}Main.hs:29:26-40${TAB}-1${TAB}500${TAB}"
else
	skip "pinned ccprof rows" "no test-data/prof"
fi
if have_corpus; then
	"$DUMP" "$CORPUS/prof/local-ghc902-P.prof" >"$T/pin"
	pin "local-ghc902-P: UTF-8 label, path with a space" "$T/pin" \
		"row${TAB}4${TAB}churn.loop/λ${TAB}Main${TAB}src dir/Main.hs:14:38-117${TAB}302${TAB}1${TAB}3${TAB}16${TAB}13.0${TAB}0.0${TAB}78.3${TAB}62.6${TAB}18${TAB}4800032"
	pin "local-ghc902-P: empty label is a child of blank" "$T/pin" \
		"row${TAB}4${TAB}${TAB}Main${TAB}src dir/Main.hs:17:26-30${TAB}306${TAB}1${TAB}0${TAB}0${TAB}"
	pin "local-ghc902-P: backslash label" "$T/pin" \
		"row${TAB}5${TAB}churn.\\${TAB}Main${TAB}src dir/Main.hs:14:56-105${TAB}303${TAB}300000${TAB}15${TAB}4800016${TAB}65.2${TAB}62.6"
	pin "local-ghc902-P: flat row with UTF-8" "$T/pin" \
		"flat${TAB}churn.loop/λ${TAB}Main${TAB}src dir/Main.hs:14:38-117${TAB}13.0${TAB}0.0${TAB}3${TAB}16"
	"$DUMP" "$CORPUS/prof/ghc-testsuite-ioprof-2011.prof" >"$T/pin"
	pin "ioprof-2011: no SRC column, label with backslash" "$T/pin" \
		"row${TAB}7${TAB}errorM.\\${TAB}Main${TAB}${TAB}215${TAB}1${TAB}0${TAB}0${TAB}0.0${TAB}5.1"
	pin "ioprof-2011: tick interval in ms" "$T/pin" \
		"header${TAB}ioprof${TAB}0${TAB}0${TAB}20000${TAB}0${TAB}46804"
	"$DUMP" "$CORPUS/prof/objectsarrows-2017.prof" >"$T/pin"
	pin "objectsarrows-2017: operator lambda at depth 3" "$T/pin" \
		"row${TAB}3${TAB}composablePairs.\\${TAB}Main${TAB}ObjectsArrows.hs:41:36-70${TAB}218${TAB}100${TAB}"
else
	skip "pinned corpus rows" "no corpus"
fi

# Columns padded in bytes rather than code points (GHC before 9.x): the
# UTF-8 row is one column short; derived from local-ghc902-P.prof.
"$DUMP" "$abs_top_srcdir/tests/fuzz/corpus/prof/P-utf8-byte-padded.prof" >"$T/pin"
pin "byte-padded columns: UTF-8 tree row" "$T/pin" \
	"row${TAB}4${TAB}churn.loop/λ${TAB}Main${TAB}src dir/Main.hs:14:38-117${TAB}302${TAB}1${TAB}3${TAB}16${TAB}13.0"
pin "byte-padded columns: UTF-8 flat row" "$T/pin" \
	"flat${TAB}churn.loop/λ${TAB}Main${TAB}src dir/Main.hs:14:38-117${TAB}13.0${TAB}0.0${TAB}3${TAB}16"
is "byte-padded columns: read completely" "" "$(grep '^problem' "$T/pin" || true)"

# Hostile inputs, derived from real files at test time.
src="$TEST_DATA/prof/ccprof-P.prof"
if [ -f "$src" ]; then
	: >"$T/empty.prof"
	fails_with 1 "0-byte .prof is an error" "$DUMP" "$T/empty.prof"
	is "0-byte .prof: says the program was killed, use SIGINT" "yes" \
		"$(grep -q 'killed before shutdown.*SIGINT' "$T/.err" && echo yes || echo no)"

	n=$(wc -c <"$src")
	head -c $((n / 2)) "$src" >"$T/cut-mid-row.prof"
	lines=$(wc -l <"$T/cut-mid-row.prof")
	"$DUMP" "$T/cut-mid-row.prof" >"$T/d"
	is "cut mid-row: line-numbered problem" \
		"problem	$T/cut-mid-row.prof:$((lines + 1)): the file ends in the middle of a line (truncated); the rest of the profile is missing" \
		"$(grep '^problem' "$T/d")"
	th=$(grep -n '^COST CENTRE.* no\. ' "$src" | cut -d: -f1)
	is "cut mid-row: the rows before are kept" "$((lines - th - 1))" \
		"$(grep -c '^row' "$T/d")"

	head -n 50 "$TEST_DATA/prof/ccprof-p.prof" >"$T/cut-at-row.prof"
	"$DUMP" "$T/cut-at-row.prof" >"$T/d"
	is "cut at a row boundary (-p): missing rows detected" "yes" \
		"$(grep -q '^problem.*cut-at-row.prof:50: .*no row in the tree' "$T/d" && echo yes || echo no)"

	head -n 50 "$src" >"$T/cut-at-row-P.prof"
	"$DUMP" "$T/cut-at-row-P.prof" >"$T/d"
	is "cut at a row boundary (-P): tick sum mismatch detected" "yes" \
		"$(grep -q '^problem.*rows are missing' "$T/d" && echo yes || echo no)"

	sed '42s/ 1125250 / 11x5250 /' "$src" >"$T/garbled-entries.prof"
	"$DUMP" "$T/garbled-entries.prof" >"$T/d"
	is "garbled number: line-numbered problem" \
		"problem	$T/garbled-entries.prof:42: garbled row: \"11x5250\" is not a number (column entries)" \
		"$(grep '^problem' "$T/d")"
	is "garbled number: rows before it kept" "$((42 - th - 2))" \
		"$(grep -c '^row' "$T/d")"

	sed '1,5d' "$src" >"$T/no-title.prof"
	fails_with 1 "no report title: not a profile" "$DUMP" "$T/no-title.prof"

	pj="$TEST_DATA/prof/ccprof-pj.prof"
	head -c 3000 "$pj" >"$T/cut.pj"
	"$DUMP" "$T/cut.pj" >"$T/d"
	is "cut -pj: header facts salvaged" "$(jq -r .total_ticks "$pj")" \
		"$(awk -F'\t' '/^header/ { print $4 }' "$T/d")"
	is "cut -pj: problem names the JSON error" "yes" \
		"$(grep -q '^problem.*cut.pj:[0-9]*: JSON: .*only the header' "$T/d" && echo yes || echo no)"
else
	skip "hostile inputs" "no test-data/prof"
fi
done_testing
