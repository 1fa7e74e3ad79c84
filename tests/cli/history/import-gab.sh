# github-action-benchmark data.js: every entry and every bench value kept
# in-repo twin: history/import-gab-repo
need_corpus
prof-history --db h.sqlite import "$CORPUS/bench-results/gab_data_mr-math_5707d2c.js" --branch gh-pages
prof-history --db h.sqlite list
