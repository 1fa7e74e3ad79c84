# In-repo twin of llama-json-vs-csv: llama-bench JSON (5 samples) against
# CSV (avg only), in the documented layout: tokens/s, higher is better.
cd "$TEST_DATA/bench"
prof-compare --format text layout-llama-bench.json layout-llama-bench.csv
