# budgets per benchmark: "higher_is_better" (a score in % that falls is
# worse, where a CSV unit alone says lower is better) and "fail": false
# (report only: shown, never fails the check)
run() { "$@" 2>&1 && echo "exit 0" || echo "exit $?"; }
awk 'BEGIN { for (i = 0; i < 12; i++) { e = (i % 4 - 1.5) * 0.001
	printf "score,%.4f,%%\n", 90 * (1 + e)
	printf "noisy,%.6f,s\n", 0.010 * (1 + e)
	printf "parse,%.6f,s\n", 0.020 * (1 + e) } }' >base.csv
awk 'BEGIN { for (i = 0; i < 12; i++) { e = (i % 3 - 1) * 0.001
	printf "score,%.4f,%%\n", 80 * (1 + e)
	printf "noisy,%.6f,s\n", 0.013 * (1 + e)
	printf "parse,%.6f,s\n", 0.020 * (1 + e) } }' >cur.csv
prof-history --db h.sqlite -q record --input-format csv base.csv --commit aaaa1111 --branch main --date 2024-01-01
prof-history --db h.sqlite -q baseline set --branch main
echo "== no budgets: a falling score in % counts as an improvement (not a hit rate: the unit rule)"
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --format text >a.txt
grep -E '^(score|noisy|parse) ' a.txt | awk '{print $1, $NF}'
cat >b.json <<'J'
{"budgets": [
  {"benchmark": "score", "higher_is_better": true},
  {"benchmark": "noisy", "fail": false, "max_regression_pct": 10}
]}
J
echo "== budgets: score regressed, noisy is report only"
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --budgets b.json --format text >b.txt
grep -E '^(score|noisy|parse) ' b.txt | sed 's/  */ /g' | cut -d' ' -f1,10-
grep -E '^  (REPORT|BROKEN|ok) ' b.txt | awk '{print $1, $2}'
tail -1 b.txt
echo "== score report only too: the check passes"
cat >c.json <<'J'
{"budgets": {"score": {"higher_is_better": true, "fail": false},
             "noisy": {"fail": false}}}
J
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --budgets c.json --format json -o c.out
grep -E '"(regressions|acknowledged|broken_budgets)"' c.out
echo "== a bad value"
echo '{"budgets": {"x": {"fail": "no"}}}' >d.json
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --budgets d.json
