# a truncated data.js is refused with its name and line; nothing is stored
# in-repo twin: history/import-truncated-repo
need_corpus
head -c 3000 "$CORPUS/bench-results/gab_data_mr-math_5707d2c.js" >data.js
prof-history --db h.sqlite import data.js
