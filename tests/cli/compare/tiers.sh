# tiers, as the Criterion seed marks them (> 20 % critical, > 10 %
# warning) plus a separate improvement threshold: +25 % is a regression,
# +15 % a warning, -7 % an improvement at --improvement-threshold 5 (it is
# unchanged at the 10 % threshold), +1 % unchanged
awk 'BEGIN { for (i = 0; i < 12; i++) { e = 1 + (i % 4 - 1.5) * 0.001
	printf "crit,%.6f,s\n", 0.010 * e
	printf "warn,%.6f,s\n", 0.020 * e
	printf "better,%.6f,s\n", 0.030 * e
	printf "same,%.6f,s\n", 0.040 * e } }' >base.csv
awk 'BEGIN { for (i = 0; i < 12; i++) { e = 1 + (i % 3 - 1) * 0.001
	printf "crit,%.6f,s\n", 0.0125 * e
	printf "warn,%.6f,s\n", 0.023 * e
	printf "better,%.6f,s\n", 0.0279 * e
	printf "same,%.6f,s\n", 0.0404 * e } }' >cur.csv
echo "== --threshold 10 only: +15 % is a regression too, -7 % unchanged"
prof-compare --format text --threshold 10 base.csv cur.csv | grep -E '^(crit|warn|better|same) ' | awk '{print $1, $NF}'
echo "== --threshold 20 --warn-threshold 10 --improvement-threshold 5"
prof-compare --format text --threshold 20 --warn-threshold 10 --improvement-threshold 5 --fail-on-regression base.csv cur.csv >t.txt
echo "exit $?"
grep -E '^(crit|warn|better|same) ' t.txt | awk '{print $1, $NF}'
grep -E 'regression|Tiers' t.txt | grep -v '^crit'
echo "== without the critical one: warnings only"
grep -v '^crit' base.csv >b2.csv
grep -v '^crit' cur.csv >c2.csv
prof-compare --format json --threshold 20 --warn-threshold 10 --fail-on-regression b2.csv c2.csv >j.json
echo "exit $? (--fail-on-regression)"
grep -E '"(warnings|warn_threshold|verdict)"' j.json
prof-compare --format gfm --threshold 20 --warn-threshold 10 b2.csv c2.csv | grep -E '^\| .*(warn|same)'
prof-compare --threshold 20 --warn-threshold 10 --fail-on warning b2.csv c2.csv >/dev/null
echo "exit $? (--fail-on warning)"
echo "== usage"
prof-compare --threshold 10 --warn-threshold 20 b2.csv c2.csv
echo "exit $?"
prof-compare --fail-on critical b2.csv c2.csv
