need_corpus
# in-repo twin: compare/ab-gbench-gfm-repo
# A/B google-benchmark: BM_sum/65536 slowed; GFM report (the default)
cd "$CORPUS/bench-results"
prof-compare --fail-on-regression gbench_generated_baseline.json gbench_generated_current.json
