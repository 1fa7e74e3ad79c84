# In-repo twin of export-json, on test-data/bench/layout-gab-data.js (the
# github-action-benchmark data.js layout around four real google-benchmark
# runs).
# export --format json: runs with their benchmarks and samples
prof-history --db h.sqlite -q import "$TEST_DATA/bench/layout-gab-data.js"
prof-history --db h.sqlite export --format json | head -30 | sed 's|"source": ".*/|"source": ".../|'
