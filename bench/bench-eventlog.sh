#!/bin/sh
# bench/bench-eventlog.sh - eventlog scan throughput (MB/s, peak RSS) of
# prof-summarize --events (the streaming reader plus per-type counting)
# on the 84 MB ping eventlog, next to `ghc-events show` in the same run.
#
# ping.eventlog.zst (GHC 9.0.2, -threaded -l -N2, 5.08 M events) is
# decompressed once to $BENCH_TMP.  prof-summarize scans the whole file
# (best of 3).  ghc-events show needs minutes for all of it, so it runs on
# the first $GE_MB MB of the same file (a cut log: it stops at the last
# complete event) and its rate is taken per MB; the ratio is MB/s over
# MB/s.  Figures are wall-clock on a shared machine: read them as orders
# of magnitude.  Build without sanitizers for meaningful numbers.
set -eu
. "$SRC/bench/lib.sh"
ZST="$PROFKIT_CORPUS/eventlog/ghc-9.0.2/ping.eventlog.zst"
GE_MB=${GE_MB:-8}
if [ ! -f "$ZST" ]; then
	echo "   skipped: $ZST not found"
	exit 0
fi
if grep -q -- '--enable-asan\|--enable-ubsan' "$BUILD/config.log" 2>/dev/null; then
	echo "   note: this build has sanitizers on; figures are pessimistic"
fi
# CPU seconds (user + sys) of one run, when GNU time is there: on a busy
# shared machine wall-clock throughput mostly measures the queue.
cpu() {
	[ -x /usr/bin/time ] || { echo 0; return; }
	/usr/bin/time -f '%U %S %M' -o "$BENCH_TMP/time.out" "$@" >/dev/null 2>&1 || true
	awk '{ printf "%.3f", $1 + $2 }' "$BENCH_TMP/time.out"
}
# peak RSS in MB of the last cpu() run (GNU time: the program alone;
# measure's figure also counts the forked harness before exec)
cpu_rss() {
	awk '{ printf "%.1f", $3 / 1024 }' "$BENCH_TMP/time.out"
}
LOG="$BENCH_TMP/ping.eventlog"
[ -f "$LOG" ] || zstd -q -d -c "$ZST" >"$LOG"
BYTES=$(wc -c <"$LOG")
events=$("$BUILD/tools/prof-summarize" --events "$LOG" --total)

best=
for i in 1 2 3; do
	measure "$BUILD/tools/prof-summarize" --events "$LOG" --total
	if [ -z "$best" ] || awk -v a="$WALL" -v b="$best" 'BEGIN { exit !(a < b) }'; then
		best=$WALL best_rss=$RSS_KB
	fi
done
ours=$(mbps "$BYTES" "$best")
ours_cpu_s=$(cpu "$BUILD/tools/prof-summarize" --events "$LOG" --total)
ours_cpu=$(mbps "$BYTES" "$ours_cpu_s")
printf '   prof-summarize --events: %s bytes, %s events in %.3f s wall = %s MB/s; %s s CPU = %s MB/s; peak RSS %.1f MB (GNU time: %s MB)\n' \
	"$BYTES" "$events" "$best" "$ours" "$ours_cpu_s" "$ours_cpu" \
	"$(awk -v k="$best_rss" 'BEGIN { print k / 1024 }')" "$(cpu_rss)"

measure "$BUILD/tools/prof-summarize" --events "$ZST" --total
printf '   same, reading the .zst directly: %.3f s = %s MB/s (decompressed), peak RSS %.1f MB\n' \
	"$WALL" "$(mbps "$BYTES" "$WALL")" "$(awk -v k="$RSS_KB" 'BEGIN { print k / 1024 }')"

if command -v ghc-events >/dev/null 2>&1; then
	CUT="$BENCH_TMP/ping-${GE_MB}M.eventlog"
	head -c $((GE_MB * 1000000)) "$LOG" >"$CUT"
	measure ghc-events show "$CUT"
	theirs=$(mbps $((GE_MB * 1000000)) "$WALL")
	theirs_cpu_s=$(cpu ghc-events show "$CUT")
	theirs_cpu=$(mbps $((GE_MB * 1000000)) "$theirs_cpu_s")
	printf '   ghc-events show on the first %s MB: %.2f s wall = %s MB/s; %s s CPU = %s MB/s; peak RSS %.1f MB\n' \
		"$GE_MB" "$WALL" "$theirs" "$theirs_cpu_s" "$theirs_cpu" \
		"$(awk -v k="$RSS_KB" 'BEGIN { print k / 1024 }')"
	printf '   ratio prof-summarize / ghc-events show: %sx (wall MB/s), %sx (CPU MB/s)\n' \
		"$(ratio "$ours" "$theirs")" "$(ratio "$ours_cpu" "$theirs_cpu")"
else
	echo "   ghc-events not installed: no ratio"
fi
