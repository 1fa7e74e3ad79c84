# In-repo twin of ab-gbench-threshold10: the same A/B pair with a 10 %
# threshold.
cd "$TEST_DATA/bench"
prof-compare --format text --threshold 10% --fail-on-regression \
	gbench-baseline.json gbench-current.json
