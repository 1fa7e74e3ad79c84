# In-repo twin of show-commit, on test-data/bench/layout-gab-data.js (the
# github-action-benchmark data.js layout around four real google-benchmark
# runs).
# show: one commit's benchmarks (a unique prefix is enough); repetitions are samples
prof-history --db h.sqlite -q import "$TEST_DATA/bench/layout-gab-data.js"
prof-history --db h.sqlite show 3333333 | sed 's|source: .*/|source:  .../|'
