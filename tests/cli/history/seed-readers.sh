# prof-history reads what the seed systems keep, with prof-compare's reader
# options: a Criterion tree's named baseline (--criterion-baseline NAME),
# the baseline map of the VM project's Criterion-based system
# (benches/baselines/main.json: LAYOUT-exact fixtures, test-data/README),
# google-benchmark JSON compared on cpu_time as regression_test.py does
# (--cpu-time), and the metric direction: the unit rule (a hit rate in
# percent is higher-is-better) and --higher-is-better/--lower-is-better.
run() { "$@" 2>&1 && echo "exit 0" || echo "exit $?"; }
v() { sed 's/ (one value per side: threshold only)//' | awk '{print $1, $(NF-5), $NF}'; }
B=$TEST_DATA/bench
echo "== Criterion: main/ saved with --save-baseline main, recorded; new/ checked"
cp -R "$B/criterion" tree
find tree -type d -name base | while read -r d; do mv "$d" "${d%/base}/main"; done
prof-history --db c.sqlite record --criterion-baseline main tree --commit aaaa1111 --branch main --date 2024-01-01 --testbed t
prof-history --db c.sqlite -q baseline set --branch main
run prof-history --db c.sqlite check tree --branch main --testbed t --format text >a.txt
grep '^Fibonacci' a.txt | awk '{print $1, $NF}'
tail -1 a.txt
echo "== a name the tree does not have: the error lists what it has"
run prof-history --db c.sqlite record --criterion-baseline pr tree --commit bbbb2222 --branch main --testbed t
run prof-history --db c.sqlite record --criterion-baseline ../x tree
echo "== the baseline map: recorded, then the PR's map checked at the seed's tiers"
prof-history --db v.sqlite -q record "$B/layout-basemap-main.json" --commit aaaa1111 --branch main --date 2024-01-01 --testbed t
prof-history --db v.sqlite -q baseline set --branch main
run prof-history --db v.sqlite check "$B/layout-basemap-pr.json" --branch main --testbed t --format text \
	--threshold 20 --warn-threshold 10 --improvement-threshold 5 >b.txt
grep -E '^(BM_|gc_|tlb_)' b.txt | v
tail -1 b.txt
echo "== --lower-is-better on check: the falling hit rate is an improvement"
prof-history --db v.sqlite check "$B/layout-basemap-pr.json" --branch main --testbed t --format text \
	--lower-is-better 'hit_rate$' | grep '^tlb_' | v
echo "== stored directions: --higher-is-better on record"
prof-history --db d.sqlite -q record "$B/layout-basemap-main.json" --commit aaaa1111 --branch main --testbed t --higher-is-better '^BM_sum/1024$'
prof-history --db d.sqlite export --format csv | cut -d, -f7,9,10
echo "== google-benchmark on cpu_time, regression_test.py's 5 %"
prof-history --db g.sqlite -q record --cpu-time "$B/gbench-once-baseline.json" --commit aaaa1111 --branch main --date 2024-01-01 --testbed t
prof-history --db g.sqlite -q baseline set --branch main
run prof-history --db g.sqlite check --cpu-time "$B/gbench-once-current.json" --branch main --testbed t --format text --threshold 5 >g.txt
grep -E '^BM_' g.txt | v
echo "== without --cpu-time the runs do not pair: real_time against cpu_time"
run prof-history --db g.sqlite check "$B/gbench-once-current.json" --branch main --testbed t --format text >n.txt
grep -E '^BM_sum/1024' n.txt | awk '{print $1, $2, $NF}'
tail -2 n.txt
