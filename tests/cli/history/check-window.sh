# check --window N: the reference is the pooled samples of the last N runs
# of the base branch on this testbed (8 samples a run: n = 40 with 5 runs);
# the newest main run was slow (+12 %), so against it alone the PR looks
# faster, against the window it is unchanged
run() { "$@" 2>&1 && echo "exit 0" || echo "exit $?"; }
awk 'BEGIN { seed = 3
	for (r = 1; r <= 8; r++) {
		f = sprintf("m%d.csv", r)
		for (s = 0; s < 8; s++) {
			seed = (seed * 1103515245 + 12345) % 2147483648
			noise = (seed / 2147483648 - 0.5) * 0.01
			printf "parse,%.7f,s\n", 0.010 * (r == 8 ? 1.12 : 1) * (1 + noise) >f
		}
		close(f)
	}
	for (s = 0; s < 8; s++) {
		seed = (seed * 1103515245 + 12345) % 2147483648
		printf "parse,%.7f,s\n", 0.010 * (1 + (seed / 2147483648 - 0.5) * 0.01) >"pr.csv"
	} }'
for r in 1 2 3 4 5 6 7 8; do
	prof-history --db h.sqlite -q record --input-format csv m$r.csv --commit "$(printf 'a%039d' $r)" --branch main --date $((1700000000 + r * 60)) --testbed ci
done
prof-history --db h.sqlite -q record --input-format csv pr.csv --commit b000000000000000000000000000000000000001 --branch topic --date 1700001000 --testbed ci
echo "== against the newest main run"
run prof-history --db h.sqlite check --input-format csv pr.csv --branch topic --testbed ci --against branch:main --format json -o a.json
grep -E '^ "against"|"(verdict|n)"' a.json
echo "== --window 5"
run prof-history --db h.sqlite check --input-format csv pr.csv --branch topic --testbed ci --window 5 --format json -o w.json
grep -E '^ "against"|"(verdict|n)"' w.json
echo "== --window 3 --against branch:topic"
run prof-history --db h.sqlite check --input-format csv pr.csv --branch topic --testbed ci --window 3 --against branch:topic --format json -o t.json
grep -E '^ "against"' t.json
echo "== errors"
run prof-history --db h.sqlite check --input-format csv pr.csv --testbed ci --window 3 --against baseline
run prof-history --db h.sqlite check --input-format csv pr.csv --testbed ci --window 3 --against branch:nope
