#!/bin/sh
# bench/bench-heap.sh - heap2svg against hp2ps -c on the same files, same run:
#   - hp2pretty's 3 MB Describe2 example (corpus, gunzipped to $BENCH_TMP)
#   - a large real .hp (>= 50 MB) from bench/gen-large-hp.sh (cached in
#     $PROFKIT_BENCH_CACHE, default ~/.cache/profkit/bench; needs ghc)
# Prints wall time, peak RSS, output size and the ratios.
set -eu
. "$SRC/bench/lib.sh"
# measure_cpu N CMD...: best of N runs; WALL, CPU (user+sys s), RSS_KB, EXIT.
# CPU time is reported next to wall time because the machine may be shared:
# wall time then measures the neighbours as much as the program.
measure_cpu() {
	_n=$1; shift
	_tf=$(mktemp)
	python3 - "$_tf" "$_n" "$@" <<'PY'
import os, subprocess, sys, time
out, n, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
best = None
for _ in range(n):
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    r = (time.monotonic() - t0, ru.ru_utime + ru.ru_stime, ru.ru_maxrss,
         os.waitstatus_to_exitcode(status))
    if best is None or r[1] < best[1]:
        best = r
open(out, "w").write("%.6f %.6f %d %d\n" % best)
PY
	read -r WALL CPU RSS_KB EXIT <"$_tf"
	# ru_maxrss of a child forked from python counts python's pages from
	# before the exec (a ~14 MB floor): GNU time, a small C parent, gives
	# the program's own peak
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M' -o "$_tf" "$@" >/dev/null 2>&1 || true
		RSS_KB=$(tail -1 "$_tf")
	fi
	rm -f "$_tf"
}
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
	# small inputs: best of 5; large: one run each
	reps=5
	[ "$bytes" -lt 20000000 ] || reps=1
	for fmt in svg html png pdf; do
		measure_cpu $reps heap2svg -q -f "$f" -o "$BENCH_TMP/out.$fmt"
		eval "w_$fmt=\$WALL c_$fmt=\$CPU"
		printf '   heap2svg -> %-4s %6.3f s wall %6.3f s cpu %7d KiB RSS %9d bytes out %6s MB/s\n' \
			"$fmt" "$WALL" "$CPU" "$RSS_KB" "$(wc -c <"$BENCH_TMP/out.$fmt")" "$(mbps "$bytes" "$WALL")"
	done
	measure_cpu $reps heap2svg -q -f --bands 0 --format json "$f" -o "$BENCH_TMP/out.json"
	printf '   heap2svg -> json %6.3f s wall %6.3f s cpu %7d KiB RSS %9d bytes out (every band)\n' \
		"$WALL" "$CPU" "$RSS_KB" "$(wc -c <"$BENCH_TMP/out.json")"
	if [ "$have_hp2ps" = yes ]; then
		cp "$f" "$BENCH_TMP/ref.hp"
		measure_cpu $reps hp2ps -c ref.hp
		if [ "$EXIT" = 0 ]; then
			printf '   hp2ps -c         %6.3f s wall %6.3f s cpu %7d KiB RSS %9d bytes out (PostScript)\n' \
				"$WALL" "$CPU" "$RSS_KB" "$(wc -c <"$BENCH_TMP/ref.ps")"
			printf '   hp2ps / heap2svg(svg): wall %s, cpu %s (>1: heap2svg faster)\n' \
				"$(ratio "$WALL" "$w_svg")" "$(ratio "$CPU" "$c_svg")"
		else
			printf '   hp2ps -c failed (exit %s) after %.2f s\n' "$EXIT" "$WALL"
		fi
		rm -f "$BENCH_TMP/ref.hp" "$BENCH_TMP/ref.ps" "$BENCH_TMP/ref.aux"
	else
		echo "   (hp2ps not installed: no reference)"
	fi
done
