# --db URL and PROFKIT_DB: a path, sqlite:PATH; migrate; copy between two
# histories (runs already there are skipped; the export is the same)
run() { "$@" 2>&1 && echo "exit 0" || echo "exit $?"; }
printf 'a,1\na,1.1\n' >r1.csv
printf 'a,2\na,2.1\nb,5,ms\n' >r2.csv
PROFKIT_DB=sqlite:h.sqlite prof-history record --input-format csv r1.csv --commit 1111111111 --branch main --date 2024-01-01 --label os=linux
prof-history --db h.sqlite record --input-format csv r2.csv --commit 2222222222 --branch main --date 2024-01-02
prof-history --db h.sqlite baseline set --branch main
prof-history --db h.sqlite migrate | sed "s/version [0-9]*/version N/"
echo "== a new database"
prof-history --db sqlite:new/h2.sqlite migrate | sed "s/version [0-9]* /version N /"
echo "== copy, twice"
prof-history copy --from h.sqlite --to sqlite:h3.sqlite
prof-history copy --from sqlite:h.sqlite --to h3.sqlite
prof-history --db h.sqlite export --format json >e1.json
PROFKIT_DB=h3.sqlite prof-history export --format json >e3.json
cmp e1.json e3.json && echo "exports identical"
PROFKIT_DB=h3.sqlite prof-history baseline list | cut -f1-3
echo "== errors"
run prof-history copy --from h.sqlite
run prof-history copy --from h.sqlite --to h.sqlite
run prof-history copy --from missing.sqlite --to h4.sqlite
run prof-history --db sqlite:missing.sqlite list
