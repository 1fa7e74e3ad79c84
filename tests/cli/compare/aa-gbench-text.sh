need_corpus
# in-repo twin: compare/aa-gbench-text-repo
# A/A google-benchmark: the same binary twice, no regression
cd "$CORPUS/bench-results"
prof-compare --format text --fail-on-regression gbench_generated_aa_run1.json gbench_generated_aa_run2.json
