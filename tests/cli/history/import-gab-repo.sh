# In-repo twin of import-gab, on test-data/bench/layout-gab-data.js (the
# github-action-benchmark data.js layout around four real google-benchmark
# runs).
# github-action-benchmark data.js: every entry and every bench value kept
prof-history --db h.sqlite import "$TEST_DATA/bench/layout-gab-data.js" --branch gh-pages
prof-history --db h.sqlite list
