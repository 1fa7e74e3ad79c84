#!/bin/sh
# bench/bench-speedscope.sh - eventlog2speedscope speed and memory.
#
# Inputs (../shared/corpus, see its INDEX.md):
#   eventlog/ghc-9.0.2/fibprof-big.eventlog.zst   24 MB unpacked, 745 k samples
#   eventlog/ghc-9.0.2/fibprof-N2-V0.0002.eventlog 1.5 MB, 46 k samples
# Reference: `ghc-events show` (Debian libghc-ghc-events-dev) on the same
# unpacked file in the same run; hs-speedscope costs about the same as
# `ghc-events show` (both decode every event into a Haskell list).
# Figures: wall time (best of 5 for eventlog2speedscope, one run of
# ghc-events), peak RSS (GNU time), the ratio, and RSS on the 1.5 MB vs the 24 MB log
# (memory must not grow with the number of samples).
set -eu
. "$SRC/bench/lib.sh"
E2S="$BUILD/converters/eventlog2speedscope"
D="$PROFKIT_CORPUS/eventlog/ghc-9.0.2"
big_zst="$D/fibprof-big.eventlog.zst"
small="$D/fibprof-N2-V0.0002.eventlog"
if [ ! -x "$E2S" ] || [ ! -f "$big_zst" ] || [ ! -f "$small" ]; then
	echo "   skipped: needs $E2S and $big_zst, $small"
	exit 0
fi
big="$BENCH_TMP/fibprof-big.eventlog"
[ -f "$big" ] || zstd -q -d -c "$big_zst" >"$big"
bytes=$(wc -c <"$big")

# measure with GNU time when present: bench/lib.sh's measure forks python,
# and ru_maxrss of the child then includes python's pre-exec pages (a
# ~10-14 MB floor that hides a converter's few MB)
tmeasure() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M %x %U %S' -o "$BENCH_TMP/time.out" "$@" >/dev/null 2>&1 || true
		read -r WALL RSS_KB EXIT U S <"$BENCH_TMP/time.out"
		# GNU time prints wall time in 10 ms steps, too coarse at 40 ms:
		# a second run, timed by date(1) in nanoseconds, gives the wall
		# clock (it includes a fork and exec from the shell)
		_t0=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		_t1=$(date +%s%N)
		WALL=$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
		CPU=$(awk -v u="$U" -v s="$S" 'BEGIN { printf "%.2f", u + s }')
	else
		measure "$@"
		CPU=$WALL
	fi
}

# best of 5: WALL of the fastest run, RSS_KB the largest
best3() {
	bw="" brss="" bc=""
	for _ in 1 2 3 4 5; do
		tmeasure "$@"
		[ "$EXIT" = 0 ] || { echo "   FAILED ($EXIT): $*"; return 1; }
		if [ -z "$bw" ] || awk -v a="$WALL" -v b="$bw" 'BEGIN { exit !(a < b) }'; then
			bw=$WALL
		fi
		if [ -z "$bc" ] || awk -v a="$CPU" -v b="$bc" 'BEGIN { exit !(a < b) }'; then
			bc=$CPU
		fi
		if [ -z "$brss" ] || [ "$RSS_KB" -gt "$brss" ]; then brss=$RSS_KB; fi
	done
	WALL=$bw RSS_KB=$brss CPU=$bc
}

count_samples() {
	"$E2S" --stats -q "$1" 2>&1 >/dev/null |
		sed -n 's/.*: \([0-9]*\) samples.*/\1/p' | awk '{ n += $1 } END { print n }'
}
samples=$(count_samples "$big")
echo "   input: fibprof-big.eventlog, $bytes bytes unpacked, $samples cost-centre samples"

best3 "$E2S" -q "$big" -o "$BENCH_TMP/big.json" -f
e_wall=$WALL e_rss=$RSS_KB e_cpu=$CPU
printf '   eventlog2speedscope (unpacked):   %8.3f s wall %6.2f s CPU %6d KB RSS  %s MB/s\n' \
	"$e_wall" "$e_cpu" "$e_rss" "$(mbps "$bytes" "$e_wall")"
best3 "$E2S" -q "$big_zst" -o "$BENCH_TMP/big-zst.json" -f
z_wall=$WALL z_rss=$RSS_KB z_cpu=$CPU
printf '   eventlog2speedscope (.zst input): %8.3f s wall %6.2f s CPU %6d KB RSS\n' \
	"$z_wall" "$z_cpu" "$z_rss"
echo "   output: $(wc -c <"$BENCH_TMP/big.json") bytes JSON"

if command -v ghc-events >/dev/null 2>&1; then
	tmeasure ghc-events show "$big"
	g_wall=$WALL g_rss=$RSS_KB g_cpu=$CPU
	printf '   ghc-events show (reference):      %8.3f s wall %6.2f s CPU %6d KB RSS\n' \
		"$g_wall" "$g_cpu" "$g_rss"
	echo "   speed-up vs ghc-events show on the same unpacked file (target >= 50x):" \
		"$(ratio "$g_wall" "$e_wall")x wall, $(ratio "$g_cpu" "$e_cpu")x CPU"
	echo "   speed-up reading the .zst instead (decompression included):" \
		"$(ratio "$g_wall" "$z_wall")x wall, $(ratio "$g_cpu" "$z_cpu")x CPU"
	echo "   memory: $(ratio "$g_rss" "$e_rss")x less than ghc-events show" \
		"(target <= 50 MB: $((e_rss / 1024)) MB)"
else
	echo "   ghc-events not installed (sh scripts/deps.sh --bench): no ratio"
fi

best3 "$E2S" -q "$small" -o "$BENCH_TMP/small.json" -f
s_wall=$WALL s_rss=$RSS_KB
small_samples=$(count_samples "$small")
echo "   memory vs number of samples (peak RSS):"
printf '     fibprof-N2-V0.0002  %8d bytes  %7d samples  %6d KB  %.3f s\n' \
	"$(wc -c <"$small")" "$small_samples" "$s_rss" "$s_wall"
printf '     fibprof-big         %8d bytes  %7d samples  %6d KB  %.3f s\n' \
	"$bytes" "$samples" "$e_rss" "$e_wall"
echo "   RSS ratio big/small: $(ratio "$e_rss" "$s_rss") for $(ratio "$samples" "$small_samples")x the samples"
rm -f "$BENCH_TMP/big.json" "$BENCH_TMP/big-zst.json" "$BENCH_TMP/small.json"
