# show: one commit's benchmarks (a unique prefix is enough); repetitions are samples
# in-repo twin: history/show-commit-repo
need_corpus
prof-history --db h.sqlite -q import "$CORPUS/bench-results/gab_data_mr-math_5707d2c.js"
prof-history --db h.sqlite show 3429e13 | sed 's|source: .*/|source:  .../|'
