# check with tiers: "slow" is +20 %: a regression at the default 5 %, a
# warning with --threshold 30 --warn-threshold 10 (exit 0), exit 4 with
# --fail-on warning
run() { "$@" 2>&1 && echo "exit 0" || echo "exit $?"; }
awk 'BEGIN { for (i = 0; i < 12; i++) {
	printf "fast,%.6f,s\n", 0.010 + (i % 4) * 0.0001
	printf "slow,%.6f,s\n", 0.050 + (i % 3) * 0.0002 } }' >base.csv
awk 'BEGIN { for (i = 0; i < 12; i++) {
	printf "fast,%.6f,s\n", 0.0101 + (i % 4) * 0.0001
	printf "slow,%.6f,s\n", 0.060 + (i % 3) * 0.0002 } }' >cur.csv
prof-history --db h.sqlite -q record --input-format csv base.csv --commit aaaa1111 --branch main --date 2024-01-01
prof-history --db h.sqlite -q baseline set --branch main
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --format text >a.txt
grep -E '^(fast|slow) ' a.txt | awk '{print $1, $NF}'
tail -1 a.txt
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --format text --threshold 30 --warn-threshold 10 >b.txt
grep -E '^(fast|slow) ' b.txt | awk '{print $1, $NF}'
grep -E 'warning' b.txt | cut -c1-100
tail -1 b.txt
prof-history --db h.sqlite check --input-format csv cur.csv --branch main --format text --threshold 30 --warn-threshold 10 --fail-on warning >/dev/null
echo "exit $?"
