#!/bin/sh
# tests/heap-fidelity.sh - heap2svg loses nothing.
# For every .hp in test-data and ../shared/corpus/heap:
#  - the JSON export's band totals (--bands 0) add up to the sum of every
#    value in the file, computed here with awk splitting at the last TAB;
#  - with OTHER (--bands 5) the stack height at each sample equals that
#    sample's total in the file (awk again), and so does every point the
#    HTML page draws.
# For every heap eventlog: the totals equal the sum of the residencies
# `ghc-events show` prints (an independent reader), when it is installed.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

files=""
[ -d "$TEST_DATA" ] && files=$(find "$TEST_DATA" -name '*.hp' -o -name '*.hp.gz' | sort)
if have_corpus; then
	files="$files $(ls "$CORPUS"/heap/*.hp "$CORPUS"/heap/*.hp.gz 2>/dev/null)"
fi

# sum of every value: band lines are the lines with a TAB
awk_total() { awk -F'\t' 'NF > 1 { s += $NF } END { printf "%.0f\n", s }'; }
# "time total" per sample, in file order (time normalised by %.9g)
awk_samples() {
	awk -F'\t' '
	/^BEGIN_SAMPLE / { if (open) printf "%.9g %.0f\n", t, s; t = $0; sub(/^BEGIN_SAMPLE /, "", t); s = 0; open = 1; next }
	/^END_SAMPLE / { if (open) printf "%.9g %.0f\n", t, s; open = 0; next }
	NF > 1 { s += $NF }
	END { if (open) printf "%.9g %.0f\n", t, s }' | sort -g
}
json_samples() {
	jq -r '. as $d | range(0; .times|length) | [$d.times[.], ([$d.bands[].values[.]] | add // 0)] | @tsv' |
		awk '{ printf "%.9g %.0f\n", $1, $2 }' | sort -g
}
json_sample_totals() {
	jq -r '. as $d | range(0; .times|length) | [$d.times[.], $d.sample_totals[.]] | @tsv' |
		awk '{ printf "%.9g %.0f\n", $1, $2 }' | sort -g
}

if ! command -v jq >/dev/null 2>&1; then
	skip "fidelity" "jq not installed"
	done_testing
	exit $?
fi

n=0
for f in $files; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	b=$(basename "$f")
	case "$f" in *.gz) cat_=zcat ;; *) cat_=cat ;; esac
	want=$($cat_ "$f" | awk_total)
	heap2svg -q --bands 0 --format json "$f" >"$T/all.json" 2>"$T/err" || true
	got=$(jq '[.bands[].total] | add // 0' "$T/all.json" | awk '{ printf "%.0f\n", $1 }')
	is "$b: band totals add up to the file's values" "$want" "$got"

	$cat_ "$f" | awk_samples >"$T/want.samples"
	heap2svg -q --bands 5 --format json "$f" >"$T/five.json" 2>/dev/null || true
	json_samples <"$T/five.json" >"$T/got.samples"
	if cmp -s "$T/want.samples" "$T/got.samples"; then
		_result 0 "$b: stack height (5 bands + OTHER) = sample total at every sample"
	else
		_result 1 "$b: stack height (5 bands + OTHER) = sample total at every sample"
		diff "$T/want.samples" "$T/got.samples" | head -5 | sed 's/^/# /'
	fi
	json_sample_totals <"$T/five.json" >"$T/got.totals"
	is "$b: sample_totals match the file" "$(cat "$T/want.samples")" "$(cat "$T/got.totals")"

	# the HTML page: every drawn point's stack = the sample's total
	heap2svg -q --bands 5 --format html "$f" >"$T/p.html" 2>/dev/null || true
	sed -n 's|.*<script type="application/json" id="heap-data">\([^<]*\)</script>.*|\1|p' "$T/p.html" >"$T/p.json"
	jq -r '. as $d | range(0; .x|length) | [$d.x[.], ([$d.series[].v[.]] | add // 0)] | @tsv' "$T/p.json" |
		awk '{ printf "%.9g %.0f\n", $1, $2 }' | sort -g | uniq >"$T/html.samples"
	bad=$(awk 'NR == FNR { tot[$1] = $2; next } !($1 in tot) || tot[$1] != $2' "$T/want.samples" "$T/html.samples" | head -3)
	is "$b: every point the HTML page draws stacks to the sample total" "" "$bad"
done
[ "$n" -gt 0 ] || skip "fidelity of .hp files" "no test-data and no corpus"

residencies() {
	sed -n 's/.*heap prof sample [0-9]*, residency \([0-9]*\),.*/\1/p' |
		awk '{ s += $1 } END { printf "%.0f\n", s }'
}
el_total() {
	heap2svg -q --bands 0 --format json "$1" >"$T/el.json" 2>/dev/null || true
	jq '[.bands[].total] | add // 0' "$T/el.json" | awk '{ printf "%.0f\n", $1 }'
}
# the committed ghc-events dumps (test-data/reference/), always
for r in "$TEST_DATA"/reference/leak-*.eventlog.reference.gz; do
	b=$(basename "${r%.reference.gz}")
	is "$b: band totals = residencies in its ghc-events reference dump" \
		"$(gzip -dc "$r" | residencies)" "$(el_total "$TEST_DATA/heap/$b")"
done
els=""
[ -d "$TEST_DATA/heap" ] && els=$(ls "$TEST_DATA"/heap/*.eventlog 2>/dev/null || true)
# the version matrix's heap eventlogs (tests/ghc-matrix.sh also checks
# them against the residency sums recorded from ghc-events)
els="$els $(grep -l '^type 162 ' "$TEST_DATA"/ghc-*/*.eventlog.ghc-events 2>/dev/null | sed 's/\.ghc-events$//' || true)"
have_corpus && els="$els $(ls "$CORPUS"/heap/*.eventlog)"
if [ -n "$els" ] && command -v ghc-events >/dev/null 2>&1; then
	for f in $els; do
		# C.UTF-8: ghc-events stops at the first non-ASCII name under LC_ALL=C
		is "$(basename "$f"): band totals = residencies ghc-events shows" \
			"$(LC_ALL=C.UTF-8 ghc-events show "$f" 2>/dev/null | residencies)" "$(el_total "$f")"
	done
else
	skip "eventlog fidelity of every heap eventlog" "ghc-events not installed (libghc-ghc-events-dev)"
fi
done_testing
