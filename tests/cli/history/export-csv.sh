# export: one CSV row per sample, times in seconds
# in-repo twin: history/export-csv-repo
need_corpus
prof-history --db h.sqlite -q import "$CORPUS/bench-results/gab_data_mr-math_5707d2c.js"
prof-history --db h.sqlite export --format csv -o all.csv
head -4 all.csv
wc -l <all.csv
