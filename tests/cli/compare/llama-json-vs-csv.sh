need_corpus
# in-repo twin: compare/llama-json-vs-csv-repo
# llama-bench JSON (5 samples) against CSV (avg only): tokens/s, higher is better
cd "$CORPUS/bench-results"
prof-compare --format text llama_bench_readme_example.json llama_bench_readme_example.csv
