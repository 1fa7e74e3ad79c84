# export --format json: runs with their benchmarks and samples
# in-repo twin: history/export-json-repo
need_corpus
prof-history --db h.sqlite -q import "$CORPUS/bench-results/gab_data_mr-math_5707d2c.js"
prof-history --db h.sqlite export --format json | head -30 | sed 's|"source": ".*/|"source": ".../|'
