#!/bin/sh
# bench/bench-compare.sh - prof-compare timings (`make bench`).
#  1. --kevm on two generated timing files of 20000 tests, against the
#     Python reading of the same rule (tests/compare/kevm-ref.py), which
#     is what the KEVM comparison script costs.
#  2. the statistical report on 300 benchmarks x 30 samples a side (CSV):
#     bootstrap (10000 resamples) + Mann-Whitney per benchmark.
set -eu
. "$SRC/bench/lib.sh"
d=$BENCH_TMP/compare
mkdir -p "$d"
awk -v seed=1 'BEGIN { srand(seed);
	for (i = 0; i < 20000; i++) {
		t = 1 + rand() * 300
		printf "0 %.2fs 1.00s 0.10s 1000KB kevm prove tests/specs/b%d/x/t%d-spec.k X\n", t, i % 50, i > "'"$d"'/KEVM-timing-a.data"
		printf "0 %.2fs 1.00s 0.10s 1000KB kevm prove tests/specs/b%d/x/t%d-spec.k X\n", t * (0.9 + rand() * 0.2), i % 50, i > "'"$d"'/KEVM-timing-b.data"
	} }'
measure prof-compare --kevm "$d/KEVM-timing-a.data" "$d/KEVM-timing-b.data"
pc=$WALL
echo "kevm table, 20000 tests: prof-compare ${pc}s (max RSS ${RSS_KB} KiB)"
if command -v python3 >/dev/null 2>&1; then
	measure python3 "$SRC/tests/compare/kevm-ref.py" "$d/KEVM-timing-a.data" "$d/KEVM-timing-b.data"
	echo "kevm table, 20000 tests: python reference ${WALL}s; speed-up $(ratio "$WALL" "$pc")x"
fi
awk 'BEGIN { srand(2);
	for (b = 0; b < 300; b++) for (k = 0; k < 30; k++) {
		printf "bench%d,%.6f,ms\n", b, 10 + b + rand() > "'"$d"'/a.csv"
		printf "bench%d,%.6f,ms\n", b, (10 + b) * (b % 10 == 0 ? 1.1 : 1) + rand() > "'"$d"'/b.csv"
	} }'
measure prof-compare --format json -o "$d/out.json" -f "$d/a.csv" "$d/b.csv"
echo "statistical report, 300 benchmarks x 30 samples: ${WALL}s (max RSS ${RSS_KB} KiB)"
