# In-repo twin of export-csv, on test-data/bench/layout-gab-data.js (the
# github-action-benchmark data.js layout around four real google-benchmark
# runs).
# export: one CSV row per sample, times in seconds
prof-history --db h.sqlite -q import "$TEST_DATA/bench/layout-gab-data.js"
prof-history --db h.sqlite export --format csv -o all.csv
head -4 all.csv
wc -l <all.csv
