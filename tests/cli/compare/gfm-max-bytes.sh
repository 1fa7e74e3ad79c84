# a PR comment that always fits: 600 benchmarks (the full table is ~100 KB)
# with 3 regressions and 2 improvements; the default --max-bytes 65536
# keeps the report under GitHub's limit with every regression visible,
# changed rows first, unchanged ones folded into <details> and cut with a
# count; the header line names time, commits, testbed and the rule
gen() { awk -v side="$1" 'BEGIN { for (b = 0; b < 600; b++) for (i = 0; i < 5; i++) {
	e = 1 + ((i * 7 + b) % 5 - 2) * 0.002
	f = 1
	if (side == "cur" && b % 200 == 17) f = 1.3
	if (side == "cur" && b % 300 == 101) f = 0.7
	printf "suite/parse/input_size:%d/threads:8/variant:baseline_allocator,%.6f,ms\n", b, (10 + b % 13) * e * f } }'; }
gen base >base.csv
gen cur >cur.csv
prof-compare --format gfm --max-bytes 0 base.csv cur.csv >full.md
echo "full table over the limit: $(test "$(wc -c <full.md)" -gt 65536 && echo yes)"
SOURCE_DATE_EPOCH=1764835200 prof-compare --fail-on-regression --baseline-commit 1a2b3c4 --current-commit 5d6e7f8 --testbed ci-x86 base.csv cur.csv >pr.md
echo "exit $?"
echo "fits: $(test "$(wc -c <pr.md)" -le 65536 && echo yes) ($(wc -c <pr.md) bytes; full table $(wc -c <full.md))"
echo "regressions shown: $(grep -c '| regression |' pr.md)"
echo "improvements shown: $(grep -c '| improvement |' pr.md)"
sed -n 1,12p pr.md
grep -E '^(<details>|</details>|_)' pr.md
echo "== a small report is the full table, unchanged"
head -5 base.csv >b5.csv
head -5 cur.csv >c5.csv
prof-compare --max-bytes 0 b5.csv c5.csv >a.md
prof-compare b5.csv c5.csv | cmp - a.md && echo same
echo "== usage"
prof-compare --max-bytes 100 b5.csv c5.csv
