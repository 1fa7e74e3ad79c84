# check and trend with --filter / --exclude (POSIX extended regexes on the
# benchmark name): "slow" regressed; excluding it passes the check, and the
# trend shows only the benchmarks asked for
run() { "$@" 2>&1 && echo "exit 0" || echo "exit $?"; }
awk 'BEGIN { for (i = 0; i < 12; i++) {
	printf "fast,%.6f,s\n", 0.010 + (i % 4) * 0.0001
	printf "slow,%.6f,s\n", 0.050 + (i % 3) * 0.0002
	printf "steady,%.6f,s\n", 0.020 + (i % 5) * 0.0001 } }' >base.csv
awk 'BEGIN { for (i = 0; i < 12; i++) {
	printf "fast,%.6f,s\n", 0.0101 + (i % 4) * 0.0001
	printf "slow,%.6f,s\n", 0.060 + (i % 3) * 0.0002
	printf "steady,%.6f,s\n", 0.020 + (i % 5) * 0.0001 } }' >cur.csv
prof-history --db h.sqlite -q record --input-format csv base.csv --commit aaaa1111 --branch main --date 2024-01-01
prof-history --db h.sqlite -q baseline set --branch main
echo "== everything: slow regressed"
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --format text >all.txt
grep -E '^(fast|slow|steady) ' all.txt | awk '{print $1, $NF}'
tail -1 all.txt
echo "== --exclude '^slow$'"
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --format text --exclude '^slow$' >ex.txt
grep -E '^(fast|slow|steady) ' ex.txt | awk '{print $1, $NF}'
tail -1 ex.txt
echo "== --filter '^s' --exclude y"
run prof-history --db h.sqlite check --input-format csv cur.csv --branch main --format text --filter '^s' --exclude y >f.txt
grep -E '^(fast|slow|steady) ' f.txt | awk '{print $1, $NF}'
tail -1 f.txt
echo "== trend --filter 'st|fa'"
prof-history --db h.sqlite -q record --input-format csv cur.csv --commit bbbb2222 --branch main --date 2024-01-02
prof-history --db h.sqlite trend --branch main --filter 'st|fa' --format json | grep '"name"'
echo "== trend with nothing left"
run prof-history --db h.sqlite trend --branch main --filter nomatch
echo "== bad regex"
run prof-history --db h.sqlite trend --exclude '['
