# baseline show/list honour -o (they wrote to stdout whatever -o said);
# show formats a byte figure like check and prof-compare do (one value
# formatter: 2048 B reads "2 KiB" everywhere)
printf 'a,2048,B\nb,1.5,s\n' >r.csv
prof-history --db h.sqlite record --input-format csv r.csv --commit 1111111111 --branch main --date 2024-01-01
prof-history --db h.sqlite baseline set --branch main
prof-history --db h.sqlite baseline list -o list.txt
echo "== list.txt"
cut -f1-3 list.txt
prof-history --db h.sqlite baseline show --branch main -o show.txt
echo "== show.txt"
cut -f1-3 show.txt
echo "== show"
prof-history --db h.sqlite show 1111111111 | tail -2
