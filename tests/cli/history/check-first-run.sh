# the first check with no baseline succeeds: this run is recorded and
# becomes the baseline (exit 0); the next check compares against it;
# --require-baseline restores the error (exit 1)
run() { "$@" 2>&1 && echo "exit 0" || echo "exit $?"; }
awk 'BEGIN { for (i = 0; i < 12; i++) printf "parse,%.6f,s\n", 0.010 + (i % 4) * 0.0001 }' >r1.csv
awk 'BEGIN { for (i = 0; i < 12; i++) printf "parse,%.6f,s\n", 0.013 + (i % 4) * 0.0001 }' >r2.csv
echo "== --require-baseline, no database yet"
run prof-history --db h.sqlite check --input-format csv r1.csv --branch main --commit aaaa1111 --require-baseline
echo "database created: $(test -e h.sqlite && echo yes || echo no)"
echo "== first run"
run prof-history --db h.sqlite check --input-format csv r1.csv --branch main --commit aaaa1111 --date 2024-01-01 --testbed ci
prof-history --db h.sqlite baseline show --branch main | cut -f1-3
echo "== second run: +30 % against that baseline"
run prof-history --db h.sqlite check --input-format csv r2.csv --branch main --commit bbbb2222 --testbed ci --format text | grep -E '^(parse |exit)' | awk '{print $1, $NF}'
echo "== a named baseline"
run prof-history --db h.sqlite check --input-format csv r2.csv --branch main --commit bbbb2222 --testbed ci --against baseline:release
