# per-benchmark tiers in the budgets file: "threshold_pct" (fail),
# "warn_threshold_pct" and "improvement_threshold_pct" decide that
# benchmark alone, beside the command line's --threshold 20
# --warn-threshold 10 (the VM project's Criterion system: > 20 % critical,
# > 10 % warning).  core and io are both +15 %, opt is -7 %.
run() { "$@" 2>&1 && echo "exit 0" || echo "exit $?"; }
awk 'BEGIN { for (i = 0; i < 12; i++) { e = (i % 4 - 1.5) * 0.001
	printf "core,%.6f,s\n", 0.010 * (1 + e)
	printf "io,%.6f,s\n", 0.020 * (1 + e)
	printf "opt,%.6f,s\n", 0.030 * (1 + e)
	printf "plain,%.6f,s\n", 0.040 * (1 + e) } }' >base.csv
awk 'BEGIN { for (i = 0; i < 12; i++) { e = (i % 3 - 1) * 0.001
	printf "core,%.6f,s\n", 0.0115 * (1 + e)
	printf "io,%.6f,s\n", 0.023 * (1 + e)
	printf "opt,%.6f,s\n", 0.0279 * (1 + e)
	printf "plain,%.6f,s\n", 0.046 * (1 + e) } }' >cur.csv
prof-history --db h.sqlite -q record --input-format csv base.csv --commit aaaa1111 --branch main --date 2024-01-01
prof-history --db h.sqlite -q baseline set --branch main
tiers="--threshold 20 --warn-threshold 10"
echo "== no budgets: every +15 % is a warning, -7 % unchanged"
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --format text $tiers >a.txt
grep -E '^(core|io|opt|plain) ' a.txt | awk '{print $1, $NF}'
grep -E '^(OK|FAIL)' a.txt
cat >b.json <<'J'
{"budgets": [
  {"benchmark": "core", "threshold_pct": 10, "warn_threshold_pct": 5},
  {"benchmark": "io", "threshold_pct": 40, "warn_threshold_pct": 30},
  {"benchmark": "opt", "improvement_threshold_pct": 5}
]}
J
echo "== budgets: core fails at its 10 %, io is within its 30 %, opt improved at 5 %"
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --format text $tiers --budgets b.json >b.txt
grep -E '^(core|io|opt|plain) ' b.txt | awk '{print $1, $NF}'
sed -n '/^Budgets:/,/^$/p' b.txt | sed 's/  */ /g'
grep -E '^(OK|FAIL)' b.txt
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main $tiers --budgets b.json --format json -o b.out
grep -E '"(threshold_pct|warn_threshold_pct|improvement_threshold_pct)"' b.out | sed 's/^ *//' | sort
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main $tiers --budgets b.json --format gfm -o b.md
grep -A6 '^### Budgets' b.md
echo "== bad tiers name the file and the benchmark"
echo '{"budgets": {"x": {"threshold_pct": 10, "warn_threshold_pct": 10}}}' >c.json
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --budgets c.json
echo '{"budgets": {"core": {"warn_threshold_pct": 25}}}' >d.json
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main $tiers --budgets d.json
echo '{"budgets": {"x": {"threshold_pct": -1}}}' >e.json
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --budgets e.json
