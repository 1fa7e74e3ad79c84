# In-repo twin of ab-gbench-gfm: A/B, BM_sum/65536 really slower: GFM
# report, exit 3 with --fail-on-regression.
cd "$TEST_DATA/bench"
prof-compare --fail-on-regression gbench-baseline.json gbench-current.json
