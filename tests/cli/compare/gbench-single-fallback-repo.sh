# In-repo twin of gbench-single-fallback: one value per benchmark and side
# (no repetitions): the threshold-only fallback, said in the report.
cd "$TEST_DATA/bench"
prof-compare --fail-on-regression gbench-once-baseline.json gbench-once-current.json
