need_corpus
# in-repo twin: compare/gbench-test3-json-repo
# old/mixed google-benchmark schema (aggregates without repetitions), JSON
cd "$CORPUS/bench-results"
prof-compare --format json gbench_test3_run0.json gbench_test3_run1.json
