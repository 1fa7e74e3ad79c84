need_corpus
# in-repo twin: compare/ab-gbench-threshold10-repo
# with the 10 % threshold of a shared machine only BM_sum/65536 regresses
cd "$CORPUS/bench-results"
prof-compare --format text --threshold 10% --fail-on-regression \
	gbench_generated_baseline.json gbench_generated_current.json
