# check: prof-compare's statistics against the stored baseline, plus budgets
run() { "$@" 2>&1 && echo "exit 0" || echo "exit $?"; }
awk 'BEGIN { for (i = 0; i < 12; i++) {
	printf "fast,%.6f,s\n", 0.010 + (i % 4) * 0.0001
	printf "slow,%.6f,s\n", 0.050 + (i % 3) * 0.0002
	printf "steady,%.6f,s\n", 0.020 + (i % 5) * 0.0001 } }' >base.csv
awk 'BEGIN { for (i = 0; i < 12; i++) {
	printf "fast,%.6f,s\n", 0.0101 + (i % 4) * 0.0001
	printf "slow,%.6f,s\n", 0.060 + (i % 3) * 0.0002
	printf "steady,%.6f,s\n", 0.020 + (i % 5) * 0.0001 } }' >cur.csv
prof-history --db h.sqlite -q record --input-format csv base.csv --commit aaaa1111 --branch main --date 2024-01-01
prof-history --db h.sqlite -q baseline set --branch main
mkdir .profkit
cat >.profkit/budgets.json <<'J'
{"budgets": [
  {"benchmark": "*", "max_regression_pct": 25},
  {"benchmark": "slow", "max_regression_pct": 10},
  {"benchmark": "steady", "max": 0.019}
]}
J
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --format json -o out.json
grep -E '^ "(against|ok|regressions|broken_budgets)"' out.json
grep -E '"(benchmark|broken|why)"' out.json
echo "== without budgets, against the commit"
rm .profkit/budgets.json
run prof-history --db h.sqlite check --input-format csv cur.csv --against commit:aaaa --format json -o out2.json
grep -E '^ "(against|ok|regressions|broken_budgets)"' out2.json
echo "== A/A: the baseline against itself"
run prof-history --db h.sqlite check --input-format csv base.csv --branch main --format json -o out3.json
grep -E '^ "(ok|regressions|broken_budgets)"' out3.json
echo "== HTML: prof-compare's report with the budgets first"
mkdir -p .profkit && cat >.profkit/budgets.json <<'J'
{"budgets": {"slow": {"max_regression_pct": 10}}}
J
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --format html -o r.html
grep -o -e '<section id="history-check">' -e '<h2>Budgets</h2>' -e 'is past the 10% budget' r.html
echo "doctype lines: $(grep -c -i '<!DOCTYPE' r.html), first line: $(head -1 r.html)"
