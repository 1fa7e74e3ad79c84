# baselines: named, per branch; default to the newest commit on the branch
run() { "$@" 2>&1 && echo "exit 0" || echo "exit $?"; }
printf 'a,1\na,1.1\n' >r1.csv
printf 'a,2\na,2.1\n' >r2.csv
printf 'a,3\na,3.1\n' >r3.csv
prof-history --db h.sqlite record --input-format csv r1.csv --commit 1111111111 --branch main --date 2024-01-01
prof-history --db h.sqlite record --input-format csv r2.csv --commit 2222222222 --branch main --date 2024-01-02
prof-history --db h.sqlite record --input-format csv r3.csv --commit 3333333333 --branch topic --date 2024-01-03
prof-history --db h.sqlite baseline set --branch main
prof-history --db h.sqlite baseline set --branch main --name release --commit 1111
prof-history --db h.sqlite baseline set --branch topic
prof-history --db h.sqlite baseline list | cut -f1-3
prof-history --db h.sqlite baseline show --branch main --name release | cut -f1-3
prof-history --db h.sqlite baseline reset --branch main --name release
prof-history --db h.sqlite baseline reset --branch main --name release
run prof-history --db h.sqlite baseline show --branch main --name release
echo "== re-record is idempotent"
prof-history --db h.sqlite record --input-format csv r1.csv --commit 1111111111 --branch main
