# In-repo twin of import-truncated, on test-data/bench/layout-gab-data.js (the
# github-action-benchmark data.js layout around four real google-benchmark
# runs).
# a truncated data.js is refused with its name and line; nothing is stored
head -c 3000 "$TEST_DATA/bench/layout-gab-data.js" >data.js
prof-history --db h.sqlite import data.js
