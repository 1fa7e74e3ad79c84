# a slow drift over 30 commits (+3 % a commit from the 16th on, ~+54 % in
# all): trend --fail-on-change exits 3; after `ack`, trend --fail-on-change
# passes and check against the old baseline shows the regression as
# acknowledged and passes (exit 0); a steady benchmark stays quiet
run() { "$@" 2>&1 && echo "exit 0" || echo "exit $?"; }
awk 'BEGIN { seed = 11
	for (r = 1; r <= 30; r++) {
		f = sprintf("r%02d.csv", r)
		for (s = 0; s < 8; s++) {
			seed = (seed * 1103515245 + 12345) % 2147483648
			noise = (seed / 2147483648 - 0.5) * 0.01
			v = 0.010 * (r < 16 ? 1 : 1.03 ^ (r - 15)) * (1 + noise)
			printf "drift,%.7f,s\n", v >f
			printf "steady,%.7f,s\n", 0.020 * (1 + noise) >f
		}
		close(f)
	} }'
r=1
while [ $r -le 30 ]; do
	prof-history --db h.sqlite -q record --input-format csv "$(printf 'r%02d.csv' $r)" \
		--commit "$(printf 'c%039d' $r)" --branch main --date $((1700000000 + r * 60)) --testbed ci
	r=$((r + 1))
done
prof-history --db h.sqlite -q baseline set --branch main --commit c000000000000000000000000000000000000001
echo "== trend"
prof-history --db h.sqlite trend --branch main --testbed ci | grep -v '^  change' 
echo "== trend --fail-on-change --last 10"
prof-history --db h.sqlite trend --branch main --testbed ci --fail-on-change --last 10 >/dev/null 2>err.txt
echo "exit $?"
cat err.txt
echo "== check of the last run against the baseline"
run prof-history --db h.sqlite check --input-format csv r30.csv --branch main --testbed ci --format text >c1.txt
grep -E '^(drift|steady) ' c1.txt | awk '{print $1, $NF}'
echo "== ack"
run prof-history --db h.sqlite ack drift
run prof-history --db h.sqlite ack drift --commit c000000000000000000000000000000000000030 --reason "new allocator: slower parse, accepted in #1234"
echo "== trend --fail-on-change after ack"
prof-history --db h.sqlite trend --branch main --testbed ci --fail-on-change --last 10 >/dev/null 2>err.txt
echo "exit $?"
cat err.txt
echo "== check after ack"
run prof-history --db h.sqlite check --input-format csv r30.csv --branch main --testbed ci --format text >c2.txt
grep -E '^(drift|steady) ' c2.txt | sed 's/  */ /g' | cut -d' ' -f1,5-
grep -E '^[0-9]+ regression' c2.txt
prof-history --db h.sqlite check --input-format csv r30.csv --branch main --testbed ci --format json | grep -E '"(acknowledged|regressions)"'
