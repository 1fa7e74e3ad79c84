need_corpus
# in-repo twin: compare/gbench-single-fallback-repo
# one value per side: the threshold-only fallback, said in the output
cd "$CORPUS/bench-results"
prof-compare --fail-on-regression gbench_test1_run1.json gbench_test1_run2.json
