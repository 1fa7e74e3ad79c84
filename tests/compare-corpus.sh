#!/bin/sh
# compare-corpus.sh - prof-compare on the real benchmark outputs in
# ../shared/corpus/bench-results: the A/A and A/B google-benchmark pairs,
# every format parsing, and clear errors for wrong or truncated files.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

if ! have_corpus; then
	skip "bench-results corpus" "no corpus at $CORPUS"
	done_testing
	exit 0
fi
R=$CORPUS/bench-results
# fails_with, keeping the diagnostics for the checks that follow
fw() { fails_with "$@"; cp "$T/.err" "$T/last.err"; }
cd "$T"

# ---- A/A: the same binary twice on a noisy machine ------------------
fw 0 "A/A gbench: exit 0 with --fail-on-regression" \
	prof-compare --fail-on-regression "$R/gbench_generated_aa_run1.json" \
	"$R/gbench_generated_aa_run2.json"
prof-compare --format json "$R/gbench_generated_aa_run1.json" \
	"$R/gbench_generated_aa_run2.json" >aa.json
is "A/A gbench: no benchmark called a regression" 0 \
	"$(grep -c '"verdict": "regression"' aa.json || true)"
is "A/A gbench: 3 benchmarks with 10 repetitions a side" 6 \
	"$(grep -c '"n": 10' aa.json)"

# ---- A/B: BM_sum really slowed ---------------------------------------
fw 3 "A/B gbench: exit 3 with --fail-on-regression" \
	prof-compare --fail-on-regression "$R/gbench_generated_baseline.json" \
	"$R/gbench_generated_current.json"
prof-compare --format text "$R/gbench_generated_baseline.json" \
	"$R/gbench_generated_current.json" >ab.txt
is "A/B gbench: BM_sum/65536 is a regression" "regression" \
	"$(awk '$1 == "BM_sum/65536" { print $NF }' ab.txt)"
is "A/B gbench: BM_sum/1024 is not" "" \
	"$(awk '$1 == "BM_sum/1024" && $NF == "regression"' ab.txt)"
# At the default settings BM_sum is flagged and nothing else.  BM_memcpy/4096
# moved +19 % (p < 0.001, interval [1.09, 1.38]) but its baseline scatters by
# 11 % (robust SD), so the move is 1.7 baseline sigmas: inside the 3-sigma
# noise rule.  BM_sum/65536 moved 4.9 sigmas.
prof-compare --format json "$R/gbench_generated_baseline.json" \
	"$R/gbench_generated_current.json" >abj.json
is "A/B gbench: exactly one regression" 1 \
	"$(grep -c '"verdict": "regression"' abj.json)"
is "A/B gbench: it is BM_sum/65536" "BM_sum/65536" \
	"$(grep -B5 '"verdict": "regression"' abj.json | sed -n 's/.*"name": "\(.*\)".*/\1/p')"
is "A/B gbench: BM_memcpy/4096 is suspect, with what it can detect" \
	"suspect (can detect 34%; needs n=279)" \
	"$(sed -n 's/^BM_memcpy\/4096 .*10\/10  //p' ab.txt)"
# the interval is from both runs' noise: BM_sum/65536's [1.083, 1.243]
# is wholly past 5 % but not past 10 %
is "A/B gbench: BM_sum/65536 regressed" \
	"regression" "$(sed -n 's/^BM_sum\/65536 .*10\/10  //p' ab.txt)"
prof-compare --format json --threshold 10 \
	"$R/gbench_generated_baseline.json" "$R/gbench_generated_current.json" \
	>ab10.json
is "A/B gbench --threshold 10: no regression" 0 \
	"$(grep -c '"verdict": "regression"' ab10.json)"
fw 0 "A/B gbench --threshold 10: exit 0" \
	prof-compare --fail-on-regression --threshold 10 \
	"$R/gbench_generated_baseline.json" "$R/gbench_generated_current.json"
# the same seed gives the same report
prof-compare --format json "$R/gbench_generated_baseline.json" \
	"$R/gbench_generated_current.json" >ab1.json
prof-compare --format json "$R/gbench_generated_baseline.json" \
	"$R/gbench_generated_current.json" >ab2.json
ok "reproducible: same intervals on a second run" cmp ab1.json ab2.json

# ---- every format parses (a file against itself) ---------------------
parses() { # FILE FORMAT NAME
	prof-compare --format json "$R/$1" "$R/$1" >p.json 2>p.err
	_st=$?
	is "$1 parses as $2" "0 $2 1" \
		"$_st $(prof-compare -q --format json --input-format "$2" "$R/$1" "$R/$1" >/dev/null 2>&1 && echo "$2") $(grep -c "\"name\": \"$3\"" p.json)"
}
parses gbench_test1_run1.json gbench BM_2xSlower
parses gbench_test3_run0.json gbench BM_Two
parses gbench_generated_baseline.json gbench BM_sum/65536
parses gab_googlecpp_output.json gbench fib_20
parses gbench_console_bencher_two.txt gbench fib_10
parses hyperfine_bencher_one.json hyperfine "sleep 0.01"
parses hyperfine_bencher_two.json hyperfine "sleep 0.2"
parses hyperfine_generated_params.json hyperfine "sleep 0.02 \\[n=2\\]"
parses llama_bench_readme_example.json llama "llama 7B mostly Q4_0 pp512 threads=16 ngl=99 n_batch=512"
parses llama_bench_readme_example.jsonl llama "llama 7B mostly Q4_0 tg128 threads=16 ngl=99 n_batch=512"
parses llama_bench_readme_example.csv llama "llama 7B mostly Q4_0 tg128 threads=16 ngl=99 n_batch=512"
parses gab_pytest_output.json pytest "bench.py::test_fib_20"
parses bencher_bmf_mixed.json bmf "tests::benchmark_c"
parses gab_customSmallerIsBetter_output.json gab "My Custom Smaller Is Better Benchmark - CPU Load"
parses gab_criterion_bencher_output.txt libtest "Fibonacci (Execution)"
parses kevm_timing_excerpt_evm-semantics_issue1053.txt kevm "specs/benchmarks/functional-spec.k"
parses criterion_Fibonacci_Recursive criterion "Fibonacci/Recursive"
# Criterion: one tree on both sides compares its base/ with its new/
prof-compare --format json "$R/criterion_Fibonacci_Recursive" \
	"$R/criterion_Fibonacci_Recursive" >crit.json
is "Criterion: 100 per-iteration samples a side" 2 "$(grep -c '"n": 100' crit.json)"
# llama-bench: tokens/s, higher is better
prof-compare --format json "$R/llama_bench_readme_example.json" \
	"$R/llama_bench_readme_example.json" >llama.json
is "llama-bench: higher is better" 2 \
	"$(grep -c '"direction": "higher_is_better"' llama.json)"
is "llama-bench: 5 samples a side" 4 "$(grep -c '"n": 5' llama.json)"
# the JSON and CSV forms of the same README example compare (one value
# per side in the CSV: the fallback)
fw 0 "llama JSON against llama CSV" prof-compare \
	"$R/llama_bench_readme_example.json" "$R/llama_bench_readme_example.csv"

# ---- added / removed / --fail-on-missing -----------------------------
fw 0 "different benchmark sets: listed, exit 0" prof-compare \
	"$R/gbench_test1_run1.json" "$R/gbench_test3_run0.json"
prof-compare --format text "$R/gbench_test1_run1.json" "$R/gbench_test3_run0.json" >miss.txt
ok "removed benchmarks listed" grep -q "BM_hasLabel .*removed" miss.txt
ok "added benchmarks listed" grep -q "BM_Two .*added" miss.txt
fw 1 "--fail-on-missing makes them an error" prof-compare \
	--fail-on-missing "$R/gbench_test1_run1.json" "$R/gbench_test3_run0.json"
is "--fail-on-missing says why" \
	"prof-compare: 14 benchmarks of the baseline are missing from the current run (--fail-on-missing)" \
	"$(cat "$T/last.err")"
fw 1 "--fail-on-regression with no benchmark in both runs: exit 1" \
	prof-compare --fail-on-regression "$R/gbench_test1_run1.json" \
	"$R/gbench_test3_run0.json"
ok "... with a hint" grep -q "no benchmark is in both runs.*-n/--command-name" \
	"$T/last.err"

# ---- wrong and truncated files ----------------------------------------
head -c 3000 "$R/gbench_generated_baseline.json" >trunc.json
fw 1 "truncated google-benchmark JSON: exit 1" prof-compare trunc.json \
	"$R/gbench_generated_current.json"
ok "truncated: the message names the file and line" \
	grep -q "^prof-compare: trunc.json:[0-9]*: invalid JSON" "$T/last.err"
head -c 700 "$R/hyperfine_bencher_two.json" >trunc-hf.json
fw 1 "truncated hyperfine JSON: exit 1" prof-compare \
	"$R/hyperfine_bencher_two.json" trunc-hf.json
ok "truncated hyperfine: names the file" grep -q "trunc-hf.json:[0-9]*:" "$T/last.err"
fw 1 "asv console output is not a result file" prof-compare \
	"$R/asv_console_bencher_six.txt" "$R/asv_console_bencher_six.txt"
ok "... and the message says so, naming the file" \
	grep -q "asv_console_bencher_six.txt: unrecognised benchmark result format" "$T/last.err"
fw 1 "github-action-benchmark history is not a result file" prof-compare \
	"$R/gab_data_mr-math_5707d2c.js" "$R/gbench_test1_run1.json"
fw 1 "--input-format kevm on JSON" prof-compare --input-format kevm \
	"$R/gbench_test1_run1.json" "$R/gbench_test1_run2.json"
ok "... names file and line (after the 5-line header)" grep -q "gbench_test1_run1.json:6: not a timing line .*kore-exec --version header" "$T/last.err"
: >empty
fw 1 "empty file" prof-compare empty "$R/gbench_test1_run1.json"
fw 1 "missing file" prof-compare no-such-file "$R/gbench_test1_run1.json"
ok "... names it" grep -q "no-such-file" "$T/last.err"
head -c 2000 "$R/llama_bench_readme_example.jsonl" | head -1 >one.jsonl
printf '{"model_type": "x", "n_prompt": 1, "avg_ts": oops}\n' >>one.jsonl
fw 1 "bad JSONL line" prof-compare one.jsonl one.jsonl
ok "... names file and line 2" grep -q "one.jsonl:2: invalid JSON line" "$T/last.err"
sed '3s/,.*/,x/' "$R/llama_bench_readme_example.csv" >bad.csv
fw 1 "bad llama CSV row" prof-compare bad.csv bad.csv
ok "... names file and line 3" grep -q "bad.csv:3:" "$T/last.err"

# ---- outputs ------------------------------------------------------------
prof-compare --format html -o ab.html "$R/gbench_generated_baseline.json" \
	"$R/gbench_generated_current.json"
ok "HTML written" test -s ab.html
ok "HTML has an inline SVG chart" grep -q "<svg" ab.html
is "HTML: the same verdict labels as the text report" 1 \
	"$(grep -c '<td>suspect (can detect 34%; needs n=279)</td>' ab.html)"
is "HTML: the decision rule names both runs' noise" 1 \
	"$(grep -c '<p class="rule">Decision rule:.*Welch standard error from both runs' ab.html)"
is "HTML: one doctype" 1 "$(grep -c -i '<!DOCTYPE' ab.html)"
is "HTML is self-contained (no external URLs but the SVG namespace)" "" \
	"$(grep -o 'https\?://[^"]*' ab.html | grep -v 'www.w3.org/2000/svg' || true)"
if command -v xmllint >/dev/null 2>&1; then
	tr -d '\n' <ab.html | sed 's|.*\(<svg.*</svg>\).*|\1|' >chart.svg
	ok "the chart is well-formed SVG" xmllint --noout chart.svg
	is "the chart has one marker per benchmark" 3 \
		"$(grep -o '<circle' chart.svg | wc -l | tr -d ' ')"
else
	skip "the chart is well-formed SVG" "no xmllint"
	skip "the chart has one marker per benchmark" "no xmllint"
fi
fw 1 "-o refuses to replace a file without --force" prof-compare \
	-o ab.html "$R/gbench_test1_run1.json" "$R/gbench_test1_run2.json"
ok "-f replaces it" prof-compare -f -o ab.html --format json \
	"$R/gbench_test1_run1.json" "$R/gbench_test1_run2.json"
ok "... with the new content" grep -q '"tool": "prof-compare"' ab.html
prof-compare "$R/gbench_test1_run1.json" "$R/gbench_test1_run2.json" >t1.md
ok "GFM: geometric mean row" grep -q "geometric mean" t1.md
ok "GFM: single values use the fallback, said in the output" \
	grep -q "one value per side" t1.md
is "GFM: BM_2xSlower regressed (fallback)" 1 \
	"$(grep -c '| BM_2xSlower | .*regression (one value per side' t1.md)"
is "GFM: BM_1PercentSlower unchanged (below threshold)" 1 \
	"$(grep -c '| BM_1PercentSlower | .*unchanged (one value per side' t1.md)"
done_testing
