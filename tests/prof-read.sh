#!/bin/sh
# tests/prof-read.sh - the .prof reader (src/prof_read.c) on every real
# profile: figures add up, header facts match, tricky rows are read right,
# hostile inputs derived from real files give line-numbered messages.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
need_cmds jq
DUMP="$abs_top_builddir/tests/prof-dump"

# (not ccprof-sigterm.prof: 0 bytes, tested on its own)
# GHC 9.0.2 (prof/) and every version of the matrix (ghc-*/)
files=$(find "$TEST_DATA/prof" "$TEST_DATA"/ghc-* -name "*.prof" -size +0 2>/dev/null | sort)
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
	case $f in */ghc-*/*) b="$(basename "$(dirname "$f")")-$b";; esac
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
# test-data is regenerated from time to time, so its rows are pinned
# against the file's own text: the expected row is built by awk from the
# numbers that end the raw line (no. entries %time %alloc %time %alloc
# ticks bytes), with label, module, src and depth given here.
pin_raw() { # name file depth label module src
	want=$(awk -v src="$6" -v lab="$4" -v d="$3" -v mod="$5" '
		/^COST CENTRE/ && / no\. / { t = 1; next }
		t && index($0, " " src " ") && substr($0, d + 1, length(lab)) == lab {
			n = NF
			printf "row\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
				d, lab, mod, src, $(n-7), $(n-6), $(n-1), $n,
				$(n-5), $(n-4), $(n-3), $(n-2)
			exit
		}' "$2")
	"$DUMP" "$2" >"$T/pin"
	got=$(awk -F'\t' -v OFS='\t' -v d="$3" -v lab="$4" -v src="$6" \
		'$1 == "row" && $2 == d && $3 == lab && $5 == src {
			print $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13; exit }' "$T/pin")
	is "$1" "$want" "$got"
	[ -n "$want" ] || echo "# no raw line for $4 at $6"
}
P="$TEST_DATA/prof/ccprof-P.prof"
if [ -f "$P" ]; then
	pin_raw "ccprof-P: path with a space" "$P" 4 "walk'" Spaced.Walk "lib dir/Spaced/Walk.hs:8:1-41"
	pin_raw "ccprof-P: backslash label" "$P" 4 'hot\loop' Main "Main.hs:27:35-49"
	pin_raw "ccprof-P: UTF-8 label" "$P" 4 "ünïcode_λ" Main "Main.hs:28:35-57"
	pin_raw "ccprof-P: operator label" "$P" 6 "<+>" Ops "Ops.hs:9:1-36"
	pin_raw "ccprof-P: operator with dots" "$P" 5 ".**." Spaced.Walk "lib dir/Spaced/Walk.hs:12:1-30"
	# the empty label: no text to find it by, so by its source span
	want=$(awk '/^COST CENTRE/ && / no\. / { t = 1; next }
		t && $1 == "Main" && $2 ~ /^Main\.hs:29:26-40$/ { print $3 "\t" $4 "\t" $(NF-1) "\t" $NF; exit }' "$P")
	"$DUMP" "$P" >"$T/pin"
	is "ccprof-P: empty label under round'.e" "4	$want" \
		"$(awk -F'\t' '$1 == "row" && $3 == "" && $5 == "Main.hs:29:26-40" { print $2 "\t" $6 "\t" $7 "\t" $8 "\t" $9; exit }' "$T/pin")"
	is "ccprof-P: the empty label's parent is round'.e" "round'.e" \
		"$(awk -F'\t' '$1 == "row" { lab[NR] = $3; d[NR] = $2 }
			$1 == "row" && $3 == "" && $5 == "Main.hs:29:26-40" {
				for (k = NR - 1; k > 0; k--) if (d[k] == $2 - 1) { print lab[k]; exit } }' "$T/pin")"
	is "ccprof-P: flat table row" \
		"$(awk '/^hotLoop\.step / && !/ no\. / { print "flat\thotLoop.step\tOps\tOps.hs:25:5-41\t" $(NF-3) "\t" $(NF-2) "\t" $(NF-1) "\t" $NF; exit }' "$P")" \
		"$(grep '^flat	hotLoop.step	' "$T/pin")"
	"$DUMP" "$TEST_DATA/prof/ccprof-pj.prof" >"$T/pin"
	is "ccprof-pj: UTF-8 label" "4	Main	Main.hs:28:35-57	500" \
		"$(awk -F'\t' '$1 == "row" && $3 == "ünïcode_λ" { print $2 "\t" $4 "\t" $5 "\t" $7 }' "$T/pin")"
	is "ccprof-pj: empty label" "4	Main	Main.hs:29:26-40	500" \
		"$(awk -F'\t' '$1 == "row" && $3 == "" { print $2 "\t" $4 "\t" $5 "\t" $7 }' "$T/pin")"
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
	"$DUMP" "$CORPUS/prof/objectsarrows-2017.prof" >"$T/pin"
	pin "objectsarrows-2017: operator lambda at depth 3" "$T/pin" \
		"row${TAB}3${TAB}composablePairs.\\${TAB}Main${TAB}ObjectsArrows.hs:41:36-70${TAB}218${TAB}100${TAB}"
else
	echo "# no corpus at $CORPUS: its pinned rows not checked (extra cases)"
fi
# A GHC 7 profile (GHC's testsuite sample ioprof.prof.sample, kept in the
# repository as a fuzz seed): no SRC column, "(0 ticks @ 20 ms)".
"$DUMP" "$abs_top_srcdir/tests/fuzz/corpus/prof/ioprof-2011-nosrc.prof" >"$T/pin"
pin "ioprof-2011: no SRC column, label with backslash" "$T/pin" \
	"row${TAB}7${TAB}errorM.\\${TAB}Main${TAB}${TAB}215${TAB}1${TAB}0${TAB}0${TAB}0.0${TAB}5.1"
pin "ioprof-2011: tick interval in ms" "$T/pin" \
	"header${TAB}ioprof${TAB}0${TAB}0${TAB}20000${TAB}0${TAB}46804"

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

	gl=$(grep -n ' 1125250 ' "$src" | head -1 | cut -d: -f1)
	sed "${gl}s/ 1125250 / 11x5250 /" "$src" >"$T/garbled-entries.prof"
	"$DUMP" "$T/garbled-entries.prof" >"$T/d"
	is "garbled number: line-numbered problem" \
		"problem	$T/garbled-entries.prof:$gl: garbled row: \"11x5250\" is not a number (column entries)" \
		"$(grep '^problem' "$T/d")"
	is "garbled number: rows before it kept" "$((gl - th - 2))" \
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
