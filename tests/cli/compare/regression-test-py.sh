# The comparison framework's regression_test.py (vzsky/OEIS-compute:
# scripts/regression_test.py BASELINE CURRENT, run by ci_regression.sh on
# each *_bench binary's --benchmark_out=FILE --benchmark_out_format=json)
# keeps no format of its own: its results JSON is google-benchmark's, and
# it compares "cpu_time" per "name" at 5 %, a name only in the current run
# being "New benchmark".  The same gate: --cpu-time --threshold 5
# --fail-on-regression, on real google-benchmark runs; the names renamed
# (jq) to the seed's style, with spaces and a " - " label.
B=$TEST_DATA/bench
ren='(.benchmarks[] | select(.run_name == "BM_sum/1024") | .name, .run_name) |= "factor - Composite numbers/60/360"'
jq "$ren" "$B/gbench-once-baseline.json" >baseline.json
jq "$ren"' | .benchmarks += [.benchmarks[0] | .name = "new_bench/8" | .run_name = "new_bench/8"]' \
	"$B/gbench-once-current.json" >current.json
prof-compare --format text --cpu-time --threshold 5 --fail-on-regression baseline.json current.json >a.txt
echo "exit $?"
grep -E '^(BM_|factor|new_)' a.txt | sed 's/ (one value per side: threshold only)//' | awk '{print $NF}' | sort | uniq -c | awk '{print $2, $1}'
grep -E '^factor' a.txt | cut -d')' -f1
grep -E '^[0-9]+ regression' a.txt | cut -d';' -f1
