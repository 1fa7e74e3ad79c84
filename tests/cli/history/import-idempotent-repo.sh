# In-repo twin of import-idempotent, on test-data/bench/layout-gab-data.js (the
# github-action-benchmark data.js layout around four real google-benchmark
# runs).
# importing the same history twice adds nothing
prof-history --db h.sqlite -q import "$TEST_DATA/bench/layout-gab-data.js"
prof-history --db h.sqlite import "$TEST_DATA/bench/layout-gab-data.js"
prof-history --db h.sqlite export --format csv | wc -l
