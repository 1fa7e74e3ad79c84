# In-repo twin of gbench-test3-json: iterations and aggregates mixed (3
# repetitions) against aggregates only: too few samples, JSON report.
cd "$TEST_DATA/bench"
prof-compare --format json gbench-reps3.json gbench-reps3-aggregates-only.json
