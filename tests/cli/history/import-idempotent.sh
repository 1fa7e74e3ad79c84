# importing the same history twice adds nothing
# in-repo twin: history/import-idempotent-repo
need_corpus
prof-history --db h.sqlite -q import "$CORPUS/bench-results/gab_data_mr-math_5707d2c.js"
prof-history --db h.sqlite import "$CORPUS/bench-results/gab_data_mr-math_5707d2c.js"
prof-history --db h.sqlite export --format csv | wc -l
