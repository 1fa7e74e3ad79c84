# bad databases and inputs name the file, exit 1
run() { "$@" 2>&1 && echo "exit 0" || echo "exit $?"; }
echo "== no database yet"
run prof-history --db missing.sqlite list
echo "== not a database"
yes "this is not a database" | head -100 >junk.sqlite
run prof-history --db junk.sqlite list
echo "== unreadable result"
run prof-history --db h.sqlite record --commit abc nonexistent.json
echo "== unknown commit"
printf 'a,1\na,2\n' >r.csv
prof-history --db h.sqlite -q record --commit abc1234 --input-format csv r.csv
run prof-history --db h.sqlite show ffff
echo "== bad --date"
run prof-history --db h.sqlite record --commit abc --date yesterday r.csv
echo "== outside git without --commit"
run prof-history --db h.sqlite record --input-format csv r.csv
echo "== no baseline (--require-baseline)"
run prof-history --db h.sqlite check --input-format csv r.csv --branch main --require-baseline
echo "== broken budgets file"
echo '{"budgets": [{"benchmark": "a", "max_regresion_pct": 5}]}' >b.json
run prof-history --db h.sqlite check --input-format csv r.csv --against commit:abc1234 --budgets b.json
echo "== output exists"
run prof-history --db h.sqlite export --format csv -o r.csv
