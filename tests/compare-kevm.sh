#!/bin/sh
# compare-kevm.sh - prof-compare --kevm on two timing files made by
# tests/compare/kevm-gen.sh: the table equals the documented rule row for
# row (literal expectation below, and the independent Python reading of
# the rule in tests/compare/kevm-ref.py when python3 is present),
# including TOTAL and the section of failed / timed-out / one-run tests.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

cd "$T"
sh "$abs_top_srcdir/tests/compare/kevm-gen.sh" .
B=KEVM-timing-base.data
P=KEVM-timing-pr.data

cat >expected <<'X'
| Test                                        | base time | pr time | (base/pr) time     
|---------------------------------------------|-----------|---------|--------------------
| VMTests/vmArithmeticTest/add0.json          | 2.5       | 5.0     | 0.5                
| specs/benchmarks/overflow00-overflow-spec.k | 1.9       | 2.4     | 0.7916666666666666 
| specs/benchmarks/address00-spec.k           | 326.85    | 340.12  | 0.9609843584617195 
| erc20/hkg/transfer-spec.k                   | 100.0     | 103.6   | 0.9652509652509653 
| specs/benchmarks/functional-spec.k          | 81.58     | 70.1    | 1.16376604850214   
| TOTAL                                       | 512.83    | 521.22  | 0.9839031503012164 

Not compared (failed, timed out, or in one run only):
- specs/mcd/vat-fold-spec.k: base: passed in 50.0s, pr: failed (exit 1) after 12.3s
- specs/mcd/flip-kick-spec.k: base: timed out (exit 124) after 3000.0s, pr: passed in 600.0s
- specs/benchmarks/storagevar00-spec.k: base: passed in 30.0s, pr: absent
- specs/benchmarks/storagevar01-spec.k: base: absent, pr: passed in 31.0s
X

ok "--kevm runs" prof-compare --kevm "$B" "$P"
cp "$T/.out" got
if cmp -s expected got; then is "table, TOTAL and failed section as documented" ok ok
else is "table, TOTAL and failed section as documented" "$(cat expected)" "$(cat got)"; fi

# every shown row obeys the rule, every hidden passing test breaks it
rows=$(grep -c '^| ' got)
is "5 qualifying rows + header + TOTAL" 7 "$rows"
is "below --min-time not shown" "" "$(grep nooverflow got || true)"
is "change below --min-change not shown" "" "$(grep approve-spec got || true)"
is "identical times not shown" "" "$(grep requires01 got || true)"
is "exactly --min-time is not above it" "" "$(grep ecrecover got || true)"

if command -v python3 >/dev/null 2>&1; then
	python3 "$abs_top_srcdir/tests/compare/kevm-ref.py" "$B" "$P" >ref
	sed -n '/^|/p' got >got.table
	if cmp -s ref got.table; then is "same table as the reference reading" ok ok
	else is "same table as the reference reading" "$(cat ref)" "$(cat got.table)"; fi
	python3 "$abs_top_srcdir/tests/compare/kevm-ref.py" "$B" "$P" 10 0.01 >ref2
	prof-compare --kevm --min-time 10 --min-change 1 "$B" "$P" >got2
	sed -n '/^|/p' got2 >got2.table
	if cmp -s ref2 got2.table; then is "same table with --min-time 10 --min-change 1" ok ok
	else is "same table with --min-time 10 --min-change 1" "$(cat ref2)" "$(cat got2.table)"; fi
else
	skip "same table as the reference reading" "no python3"
	skip "same table with --min-time 10 --min-change 1" "no python3"
fi

prof-compare --kevm "$B" "$B" >same
is "a file against itself: Identical runs" "Identical runs" "$(head -1 same)"
is "... and its timed-out test is still listed" \
	"- specs/mcd/flip-kick-spec.k: 1: timed out (exit 124) after 3000.0s, 2: timed out (exit 124) after 3000.0s" \
	"$(tail -1 same)"
fails_with 0 "Identical runs exit 0 with --fail-on-regression" \
	prof-compare --kevm --fail-on-regression "$B" "$B"
fails_with 3 "slower rows or a newly failing test: exit 3" \
	prof-compare --kevm --fail-on-regression "$B" "$P"
fails_with 1 "--fail-on-missing: tests in one run only are an error" \
	prof-compare --kevm --fail-on-missing "$B" "$P"
prof-compare --kevm --baseline-name master --current-name pr-42 "$B" "$P" >named
is "--baseline-name/--current-name label the columns" \
	"| Test                                        | master time | pr-42 time | (master/pr-42) time" \
	"$(head -1 named | sed 's/ *$//')"

# the statistical mode on single values says it fell back
prof-compare --format text "$B" "$P" >stat
ok "fallback is said in the output" grep -q "one value per side" stat
ok "fallback names the minimum time" grep -q "minimum time of 2 s" stat

# a broken line is reported with file and line
head -8 "$B" >broken.data
echo "0 12.5s garbage" >>broken.data
fails_with 1 "broken timing line: exit 1" prof-compare --kevm broken.data "$P"
is "error names file and line" \
	"prof-compare: broken.data:9: not a timing line (want \"%x %es %Us %Ss %MKB %C\")" \
	"$(cat "$T/.err")"
done_testing
