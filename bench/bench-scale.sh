#!/bin/sh
# bench/bench-scale.sh - memory and throughput at scale: one table,
# tool x input size -> wall, throughput, peak RSS (GNU time %M).
#
# Inputs are real-shaped, made by bench/gen-scale.py from the project's
# own GHC fixtures (test-data/heap/leak-hc.hp and leak-hc.eventlog spliced
# over and over with increasing times; see that script), written to
# $PROFKIT_BENCH_DIR (default /tmp)/profkit-scale and kept there between
# runs (delete the directory to regenerate).
#
# Sizes: BENCH_SIZES (default "100M 1G"; 4G is opt-in, it takes about 2
# minutes to generate and ~12 GB of disk with its outputs:
#   make bench BENCH_SIZES="100M 1G 4G"
# ).  The reference (hp2ps -c) runs in the same run on a BENCH_REF_SIZE
# input (default 10M, with heap2svg on the same file): on the 100M input
# it needs about 8 minutes (490 s measured), so BENCH_REF_SIZE=100M is
# opt-in.  A streaming tool is bounded when its RSS at the largest size
# stays within 1.2x of its RSS at the smallest: the last lines say so.
set -eu
. "$SRC/bench/lib.sh"
sizes=${BENCH_SIZES:-100M 1G}
dir=${PROFKIT_BENCH_DIR:-/tmp}/profkit-scale
mkdir -p "$dir"
command -v python3 >/dev/null 2>&1 || { echo "   (no python3: no scale inputs)"; exit 0; }
table=$BENCH_TMP/scale.table
: >"$table"

# CPU time (user + sys) next to wall time: on a shared machine the wall
# time measures the neighbours too; MB/s is given for both.
row() { # TOOL SIZE BYTES CMD...
	_tool=$1 _size=$2 _bytes=$3
	shift 3
	CPU=
	if [ -x /usr/bin/time ]; then
		EXIT=0
		/usr/bin/time -f '%e %U %S %M' -o "$BENCH_TMP/row.time" "$@" >/dev/null || EXIT=$?
		read -r WALL _u _s RSS_KB <"$BENCH_TMP/row.time"
		CPU=$(awk -v u="$_u" -v s="$_s" 'BEGIN { printf "%.2f", u + s }')
	else
		measure "$@"
	fi
	if [ "$EXIT" != 0 ]; then
		printf '   %-34s %5s  failed (exit %s)\n' "$_tool" "$_size" "$EXIT"
		return 0
	fi
	printf '   %-34s %5s %7.2f s %7s MB/s %7s s %7s MB/s %8s KiB\n' "$_tool" "$_size" \
		"$WALL" "$(mbps "$_bytes" "$WALL")" "${CPU:--}" \
		"$([ -n "$CPU" ] && mbps "$_bytes" "$CPU" || echo -)" "$RSS_KB"
	printf '%s\t%s\t%s\n' "$_tool" "$_size" "$RSS_KB" >>"$table"
}

first=
for size in $sizes; do
	hp=$dir/scale-$size.hp
	el=$dir/scale-$size.eventlog
	python3 "$SRC/bench/gen-scale.py" hp "$size" "$hp"
	python3 "$SRC/bench/gen-scale.py" eventlog "$size" "$el"
	[ -n "$first" ] || first=$size
	hb=$(wc -c <"$hp")
	eb=$(wc -c <"$el")
	[ "$size" != "$first" ] || printf '   %-34s %5s %9s %12s %9s %12s %12s\n' \
		tool size wall "(wall)" cpu "(cpu)" "peak RSS"
	row "heap2svg .hp -> svg" "$size" "$hb" heap2svg -q -f "$hp" -o "$BENCH_TMP/scale.svg"
	row "heap2svg .hp -> json" "$size" "$hb" heap2svg -q -f --format json "$hp" -o "$BENCH_TMP/scale.json"
	row "heap2svg eventlog -> svg" "$size" "$eb" heap2svg -q -f "$el" -o "$BENCH_TMP/scale.svg"
	row "prof-summarize .hp" "$size" "$hb" prof-summarize -q "$hp"
	row "prof-summarize eventlog" "$size" "$eb" prof-summarize -q "$el"
	row "eventlog2speedscope --threads" "$size" "$eb" \
		eventlog2speedscope -q -f --threads "$el" -o "$BENCH_TMP/scale.json"
	row "prof-compare .hp (two sides)" "$size" "$((hb * 2))" \
		prof-compare "$hp" "$hp"
	# prof-run's completeness check of the .hp a run left (hard link:
	# same file system as $BENCH_TMP, else the row says failed)
	rm -rf "$BENCH_TMP/run" && mkdir "$BENCH_TMP/run"
	row "prof-run --mode heap (check)" "$size" "$hb" \
		prof-run -q --mode heap --name scale --workdir "$BENCH_TMP/run" \
		-- sh -c "ln '$hp' scale.hp && touch scale.hp"
	rm -rf "$BENCH_TMP/run"
	if [ "$size" = "$first" ]; then
		# not bounded (every sample kept, as asked): for comparison
		row "heap2svg .hp --resolution full" "$size" "$hb" \
			heap2svg -q -f --resolution full --format json "$hp" -o "$BENCH_TMP/scale.json"
		if command -v hp2ps >/dev/null 2>&1; then
			rs=${BENCH_REF_SIZE:-10M}
			ref=$dir/scale-$rs.hp
			python3 "$SRC/bench/gen-scale.py" hp "$rs" "$ref"
			rb=$(wc -c <"$ref")
			row "heap2svg .hp -> svg" "$rs" "$rb" heap2svg -q -f "$ref" -o "$BENCH_TMP/scale.svg"
			cp "$ref" "$BENCH_TMP/ref.hp"
			(cd "$BENCH_TMP" && row "hp2ps -c (reference)" "$rs" "$rb" hp2ps -c ref.hp)
			rm -f "$BENCH_TMP/ref.hp" "$BENCH_TMP/ref.ps" "$BENCH_TMP/ref.aux"
		else
			echo "   (hp2ps not installed: no reference)"
		fi
	fi
	rm -f "$BENCH_TMP/scale.svg" "$BENCH_TMP/scale.json"
done
# Chart fidelity: the default (bounded) chart against --resolution full
# (every sample in memory: skipped above 1 GB), both rendered to PNG by
# rsvg-convert; bench/png-diff.py gives the share of pixels that differ
# by more than 32/255 and the mean difference.  The periodic .hp (a run
# repeated) and a drifting one (gen-scale.py hp-drift: not periodic).
if command -v rsvg-convert >/dev/null 2>&1; then
	echo "   chart fidelity, default vs --resolution full (PNG by rsvg-convert):"
	for size in $sizes; do
		case $size in *G) [ "${size%G}" -le 1 ] 2>/dev/null || { echo "   ($size: skipped, --resolution full needs several GB)"; continue; } ;; esac
		python3 "$SRC/bench/gen-scale.py" hp-drift "$size" "$dir/scale-$size-drift.hp"
		for in in "$dir/scale-$size.hp" "$dir/scale-$size-drift.hp" "$dir/scale-$size.eventlog"; do
			heap2svg -q -f "$in" -o "$BENCH_TMP/fid-d.svg" &&
			heap2svg -q -f --resolution full "$in" -o "$BENCH_TMP/fid-f.svg" &&
			rsvg-convert "$BENCH_TMP/fid-d.svg" -o "$BENCH_TMP/fid-d.png" &&
			rsvg-convert "$BENCH_TMP/fid-f.svg" -o "$BENCH_TMP/fid-f.png" &&
			printf '   %-28s %s\n' "$(basename "$in")" \
				"$(python3 "$SRC/bench/png-diff.py" "$BENCH_TMP/fid-d.png" "$BENCH_TMP/fid-f.png" 32)" ||
			printf '   %-28s failed\n' "$(basename "$in")"
		done
	done
	rm -f "$BENCH_TMP"/fid-*
else
	echo "   (rsvg-convert not installed: no chart fidelity check)"
fi
last=
for size in $sizes; do last=$size; done
if [ "$last" != "$first" ]; then
	echo "   RSS growth $first -> $last (bounded: <= 1.20):"
	awk -F'\t' -v a="$first" -v b="$last" '
		$2 == a { r0[$1] = $3; order[n++] = $1 }
		$2 == b { r1[$1] = $3 }
		END { for (i = 0; i < n; i++) if (order[i] in r1)
			printf "   %-34s %5.2f  %s\n", order[i], r1[order[i]] / r0[order[i]],
				(r1[order[i]] <= 1.2 * r0[order[i]] ? "bounded" : "GROWS") }' "$table"
fi
