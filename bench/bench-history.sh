#!/bin/sh
# bench/bench-history.sh - prof-history timings (`make bench`).
#  1. record: one run of 200 benchmarks x 1000 samples (200k samples),
#     against the sqlite3 shell importing the same rows (.import of a CSV
#     into one table): what storing the samples costs at the floor;
#  2. trend: change points over 500 runs x 20 benchmarks (text report);
#  3. trend -o HTML and SVG on the same history;
#  4. export --format csv of everything.
set -eu
. "$SRC/bench/lib.sh"
d=$BENCH_TMP/history
mkdir -p "$d"
rm -f "$d"/*.sqlite*
awk 'BEGIN { srand(3); for (b = 0; b < 200; b++) for (s = 0; s < 1000; s++)
	printf "bench%d,%.6f,s\n", b, 0.01 * (b + 1) * (1 + rand() / 20) }' >"$d/big.csv"
measure prof-history --db "$d/big.sqlite" -q record --input-format csv --commit big "$d/big.csv"
ph=$WALL
echo "record 200000 samples: prof-history ${ph}s ($(awk -v t="$ph" 'BEGIN { printf "%.0f", 200000 / t }') samples/s, max RSS ${RSS_KB} KiB)"
if command -v sqlite3 >/dev/null 2>&1; then
	printf 'CREATE TABLE s(name TEXT, value REAL, unit TEXT);\n.mode csv\n.import %s s\n' "$d/big.csv" >"$d/imp.sql"
	measure sh -c "sqlite3 '$d/ref.sqlite' <'$d/imp.sql'"
	echo "record 200000 samples: sqlite3 .import ${WALL}s; prof-history/sqlite3 $(ratio "$ph" "$WALL")x"
fi

# a 500-run history of 20 benchmarks, 5 samples each, one step at run 300
awk -v dir="$d" 'BEGIN { srand(4); for (r = 0; r < 500; r++) {
	f = dir "/r.csv"
	for (b = 0; b < 20; b++) for (s = 0; s < 5; s++)
		printf "b%02d,%.6f,s\n", b, (r < 300 || b % 4 ? 1 : 1.3) * (b + 1) * (1 + rand() / 25) >f
	close(f)
	printf "%d\n", r >(dir "/runs")
	system("prof-history --db " dir "/t.sqlite -q record --input-format csv --commit c" r " --branch main --date " (1700000000 + 60 * r) " " f)
	} }'
measure prof-history --db "$d/t.sqlite" trend --branch main
echo "trend, 500 runs x 20 benchmarks (change points, text): ${WALL}s (max RSS ${RSS_KB} KiB)"
measure prof-history --db "$d/t.sqlite" trend --branch main -f -o "$d/t.html"
echo "trend HTML, 500 runs x 20 benchmarks: ${WALL}s, $(wc -c <"$d/t.html") bytes"
measure prof-history --db "$d/t.sqlite" trend --branch main -f -o "$d/t.svg"
echo "trend SVG, 500 runs x 20 benchmarks: ${WALL}s, $(wc -c <"$d/t.svg") bytes"
measure prof-history --db "$d/t.sqlite" export --format csv -f -o "$d/all.csv"
echo "export CSV, 50000 samples: ${WALL}s"
