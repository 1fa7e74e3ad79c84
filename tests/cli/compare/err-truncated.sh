need_corpus
# in-repo twin: compare/err-truncated-repo
# a truncated google-benchmark file: exit 1, file and line named
head -c 3000 "$CORPUS/bench-results/gbench_generated_baseline.json" >base.json
prof-compare base.json "$CORPUS/bench-results/gbench_generated_current.json"
