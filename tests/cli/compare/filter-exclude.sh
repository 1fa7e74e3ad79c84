# --filter and --exclude (POSIX extended regexes on the benchmark name):
# only BM_sum/* are compared (the regression stays: exit 3), then
# everything but the regressed BM_sum/65536 (exit 0)
cd "$TEST_DATA/bench"
prof-compare --format text --fail-on-regression --filter '^BM_sum/' gbench-baseline.json gbench-current.json >"$OLDPWD/a.txt"
echo "exit $?"
grep -E '^(BM_|[0-9]+ regression)' "$OLDPWD/a.txt"
prof-compare --format text --fail-on-regression --exclude '/65536$' gbench-baseline.json gbench-current.json >"$OLDPWD/b.txt"
echo "exit $?"
grep -E '^(BM_|[0-9]+ regression)' "$OLDPWD/b.txt"
# a bad regex is a usage error
prof-compare --filter 'BM_(' gbench-baseline.json gbench-current.json
