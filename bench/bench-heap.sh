#!/bin/sh
# bench/bench-heap.sh - heap2svg against hp2ps -c on the same files, same run:
#   - hp2pretty's 3 MB Describe2 example (corpus, gunzipped to $BENCH_TMP)
#   - a large real .hp (>= 50 MB) from bench/gen-large-hp.sh (cached in
#     $PROFKIT_BENCH_CACHE, default ~/.cache/profkit/bench; needs ghc)
# Prints wall time, peak RSS, output size and the ratios.
set -eu
. "$SRC/bench/lib.sh"
cache=${PROFKIT_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/profkit/bench}
inputs=""
if [ -f "$PROFKIT_CORPUS/heap/hp2pretty-Describe2.hp.gz" ]; then
	gzip -dc "$PROFKIT_CORPUS/heap/hp2pretty-Describe2.hp.gz" >"$BENCH_TMP/describe2.hp"
	inputs="$BENCH_TMP/describe2.hp"
else
	echo "   (no corpus: skipping the hp2pretty example)"
fi
if large=$(sh "$SRC/bench/gen-large-hp.sh" "$cache" 2>"$BENCH_TMP/gen.err"); then
	inputs="$inputs $large"
else
	echo "   (no large .hp: $(tail -1 "$BENCH_TMP/gen.err"))"
fi
have_hp2ps=no
command -v hp2ps >/dev/null 2>&1 && have_hp2ps=yes
cd "$BENCH_TMP"
for f in $inputs; do
	bytes=$(wc -c <"$f")
	printf '   %s: %.1f MB, %s samples, %s band lines\n' "$(basename "$f")" \
		"$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" \
		"$(grep -c '^BEGIN_SAMPLE' "$f")" "$(grep -c '	' "$f")"
	for fmt in svg html png; do
		measure heap2svg -q -f "$f" -o "$BENCH_TMP/out.$fmt"
		eval "w_$fmt=\$WALL"
		printf '   heap2svg -> %-4s %6.2f s  %6d KiB RSS  %8d bytes out  %s MB/s\n' \
			"$fmt" "$WALL" "$RSS_KB" "$(wc -c <"$BENCH_TMP/out.$fmt")" "$(mbps "$bytes" "$WALL")"
	done
	measure heap2svg -q -f --bands 0 --format json "$f" -o "$BENCH_TMP/out.json"
	printf '   heap2svg -> json (all bands) %6.2f s  %6d KiB RSS  %8d bytes out\n' \
		"$WALL" "$RSS_KB" "$(wc -c <"$BENCH_TMP/out.json")"
	if [ "$have_hp2ps" = yes ]; then
		cp "$f" "$BENCH_TMP/ref.hp"
		measure hp2ps -c ref.hp
		if [ "$EXIT" = 0 ]; then
			printf '   hp2ps -c         %6.2f s  %6d KiB RSS  %8d bytes out (PostScript)\n' \
				"$WALL" "$RSS_KB" "$(wc -c <"$BENCH_TMP/ref.ps")"
			printf '   ratio hp2ps/heap2svg(svg) time: %s (>1: heap2svg faster)\n' "$(ratio "$WALL" "$w_svg")"
		else
			printf '   hp2ps -c failed (exit %s) after %.2f s\n' "$EXIT" "$WALL"
		fi
		rm -f "$BENCH_TMP/ref.hp" "$BENCH_TMP/ref.ps" "$BENCH_TMP/ref.aux"
	else
		echo "   (hp2ps not installed: no reference)"
	fi
done
