# In-repo twin of aa-gbench-text: A/A, the same google-benchmark binary
# twice (10 repetitions, side by side): no regression, exit 0.
cd "$TEST_DATA/bench"
prof-compare --format text --fail-on-regression gbench-aa-run1.json gbench-aa-run2.json
