#!/bin/sh
# compare-results.sh - prof-compare on real benchmark outputs: the A/A and
# A/B google-benchmark pairs, every format parsing, and clear errors for
# wrong or truncated files.
# Always on test-data/bench (written by google-benchmark, hyperfine,
# pytest-benchmark and Criterion.rs; llama-bench in its documented layout;
# see test-data/README) and the format seeds in tests/fuzz/corpus/bench;
# then, when ../shared/corpus is there, on its bench-results too (other
# people's files, older schemas): extra cases.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

# fails_with, keeping the diagnostics for the checks that follow
fw() { fails_with "$@"; cp "$T/.err" "$T/last.err"; }
cd "$T"
B=$TEST_DATA/bench
S=$abs_top_srcdir/tests/fuzz/corpus/bench

# ---- A/A: the same binary twice (side by side) -------------------------
fw 0 "A/A gbench: exit 0 with --fail-on-regression" \
	prof-compare --fail-on-regression "$B/gbench-aa-run1.json" "$B/gbench-aa-run2.json"
prof-compare --format json "$B/gbench-aa-run1.json" "$B/gbench-aa-run2.json" >aa.json
is "A/A gbench: no benchmark called a regression" 0 \
	"$(grep -c '"verdict": "regression"' aa.json || true)"
is "A/A gbench: 3 benchmarks with 10 repetitions a side" 6 \
	"$(grep -c '"n": 10' aa.json)"

# ---- A/B: BM_sum/65536 really slowed (4 passes instead of 1) -------------
fw 3 "A/B gbench: exit 3 with --fail-on-regression" \
	prof-compare --fail-on-regression "$B/gbench-baseline.json" "$B/gbench-current.json"
prof-compare --format text "$B/gbench-baseline.json" "$B/gbench-current.json" >ab.txt
is "A/B gbench: BM_sum/65536 is a regression" "regression" \
	"$(awk '$1 == "BM_sum/65536" { print $NF }' ab.txt)"
is "A/B gbench: BM_sum/1024 is not" "" \
	"$(awk '$1 == "BM_sum/1024" && $NF == "regression"' ab.txt)"
prof-compare --format json "$B/gbench-baseline.json" "$B/gbench-current.json" >abj.json
is "A/B gbench: exactly one regression" 1 \
	"$(grep -c '"verdict": "regression"' abj.json)"
is "A/B gbench: it is BM_sum/65536" "BM_sum/65536" \
	"$(grep -B5 '"verdict": "regression"' abj.json | sed -n 's/.*"name": "\(.*\)".*/\1/p')"
prof-compare --format json --threshold 10 "$B/gbench-baseline.json" \
	"$B/gbench-current.json" >ab10.json
is "A/B gbench --threshold 10: still exactly one regression" 1 \
	"$(grep -c '"verdict": "regression"' ab10.json)"
prof-compare --format json --threshold 500 "$B/gbench-baseline.json" \
	"$B/gbench-current.json" >ab500.json
is "A/B gbench --threshold 500: a 4x slowdown is below it" 0 \
	"$(grep -c '"verdict": "regression"' ab500.json || true)"
prof-compare --format json "$B/gbench-baseline.json" "$B/gbench-current.json" >ab2.json
ok "reproducible: same intervals on a second run" cmp abj.json ab2.json
prof-compare --format json --cpu-time "$B/gbench-baseline.json" "$B/gbench-current.json" >abcpu.json
is "A/B gbench --cpu-time: BM_sum/65536 (cpu_time) regressed" 1 \
	"$(grep -B5 '"verdict": "regression"' abcpu.json | grep -c '"name": "BM_sum/65536"')"

# ---- every format parses (a file against itself) ---------------------
parses() { # FILE FORMAT NAME
	prof-compare --format json "$1" "$1" >p.json 2>p.err
	_st=$?
	is "$(basename "$1") parses as $2" "0 $2 1" \
		"$_st $(prof-compare -q --format json --input-format "$2" "$1" "$1" >/dev/null 2>&1 && echo "$2") $(grep -c "\"name\": \"$3\"" p.json)"
}
parses "$B/gbench-baseline.json" gbench BM_sum/65536
parses "$B/gbench-once-baseline.json" gbench BM_memcpy/4096
parses "$B/gbench-reps3.json" gbench BM_sum/1024
parses "$B/gbench-reps3-aggregates-only.json" gbench "BM_sum/1024 \\[median\\]"
parses "$B/hyperfine-sleep.json" hyperfine "sleep 0.01"
parses "$B/hyperfine-params.json" hyperfine "sleep 0.020 \\[ms=20\\]"
parses "$B/layout-llama-bench.json" llama "layout 1B Q4_0 pp512 threads=2 ngl=0 n_batch=512"
parses "$B/layout-llama-bench.jsonl" llama "layout 1B Q4_0 tg128 threads=2 ngl=0 n_batch=512"
parses "$B/layout-llama-bench.csv" llama "layout 1B Q4_0 tg128 threads=2 ngl=0 n_batch=512"
parses "$B/pytest-benchmark.json" pytest "test_fib.py::test_fib_20"
parses "$B/criterion" criterion "Fibonacci/Recursive"
parses "$B/criterion/Fibonacci/Recursive" criterion "Fibonacci/Recursive"
# formats no Debian tool writes: the seeds copied from other people's files
# (tests/fuzz/corpus/bench/README)
parses "$S/bmf.json" bmf "tests::benchmark_c"
parses "$S/gab.json" gab "My Custom Smaller Is Better Benchmark - CPU Load"
parses "$S/libtest.txt" libtest "Fibonacci (Execution)"
parses "$S/kevm-excerpt.txt" kevm "specs/benchmarks/functional-spec.k"
# pytest-benchmark: stats.data are the samples
prof-compare --format json "$B/pytest-benchmark.json" "$B/pytest-benchmark.json" >py.json
is "pytest-benchmark: every round a sample" \
	"$(jq -r '[.benchmarks[].stats.rounds] | sort | map(tostring) | join(" ")' "$B/pytest-benchmark.json")" \
	"$(jq -r '[.benchmarks[].baseline_run.n] | sort | map(tostring) | join(" ")' py.json)"
# ... and without them, the median (with a warning when data is partial)
jq 'del(.benchmarks[].stats.data)' "$B/pytest-benchmark.json" >py-nodata.json
prof-compare --format json py-nodata.json py-nodata.json >pynd.json
is "pytest-benchmark without stats.data: one value a side (the median)" 4 \
	"$(grep -c '"n": 1' pynd.json)"
# Criterion: one tree on both sides compares its base/ with its new/
prof-compare --format json "$B/criterion" "$B/criterion" >crit.json
is "Criterion: 20 per-iteration samples a side" 2 "$(grep -c '"n": 20' crit.json)"
# llama-bench: tokens/s, higher is better
prof-compare --format json "$B/layout-llama-bench.json" "$B/layout-llama-bench.json" >llama.json
is "llama-bench: higher is better" 2 \
	"$(grep -c '"direction": "higher_is_better"' llama.json)"
is "llama-bench: 5 samples a side" 4 "$(grep -c '"n": 5' llama.json)"
fw 0 "llama JSON against llama CSV" prof-compare \
	"$B/layout-llama-bench.json" "$B/layout-llama-bench.csv"

# ---- added / removed / --fail-on-missing -----------------------------
# the current run without BM_memcpy/4096 and with BM_sum/1024 renamed
jq '.benchmarks |= map(select(.run_name != "BM_memcpy/4096") |
	if .run_name == "BM_sum/1024" then .name = "BM_sum/2048" | .run_name = "BM_sum/2048" else . end)' \
	"$B/gbench-once-current.json" >other-set.json
fw 0 "different benchmark sets: listed, exit 0" prof-compare \
	"$B/gbench-once-baseline.json" other-set.json
prof-compare --format text "$B/gbench-once-baseline.json" other-set.json >miss.txt
ok "removed benchmarks listed" grep -q "BM_memcpy/4096 .*removed" miss.txt
ok "added benchmarks listed" grep -q "BM_sum/2048 .*added" miss.txt
fw 1 "--fail-on-missing makes them an error" prof-compare \
	--fail-on-missing "$B/gbench-once-baseline.json" other-set.json
is "--fail-on-missing says why" \
	"prof-compare: 2 benchmarks of the baseline are missing from the current run (--fail-on-missing)" \
	"$(cat "$T/last.err")"

# ---- wrong and truncated files ----------------------------------------
head -c 3000 "$B/gbench-baseline.json" >trunc.json
fw 1 "truncated google-benchmark JSON: exit 1" prof-compare trunc.json \
	"$B/gbench-current.json"
ok "truncated: the message names the file and line" \
	grep -q "^prof-compare: trunc.json:[0-9]*: invalid JSON" "$T/last.err"
head -c 400 "$B/hyperfine-params.json" >trunc-hf.json
fw 1 "truncated hyperfine JSON: exit 1" prof-compare \
	"$B/hyperfine-params.json" trunc-hf.json
ok "truncated hyperfine: names the file" grep -q "trunc-hf.json:[0-9]*:" "$T/last.err"
fw 1 "google-benchmark console output is not a result file" prof-compare \
	"$B/gbench-console.txt" "$B/gbench-console.txt"
ok "... and the message says so, naming the file" \
	grep -q "gbench-console.txt: unrecognised benchmark result format" "$T/last.err"
fw 1 "github-action-benchmark history is not a result file" prof-compare \
	"$B/layout-gab-data.js" "$B/gbench-once-baseline.json"
fw 1 "--input-format kevm on JSON" prof-compare --input-format kevm \
	"$B/gbench-once-baseline.json" "$B/gbench-once-current.json"
ok "... names file and line (after the 5-line header)" grep -q "gbench-once-baseline.json:6: not a timing line .*kore-exec --version header" "$T/last.err"
: >empty
fw 1 "empty file" prof-compare empty "$B/gbench-once-baseline.json"
fw 1 "missing file" prof-compare no-such-file "$B/gbench-once-baseline.json"
ok "... names it" grep -q "no-such-file" "$T/last.err"
head -1 "$B/layout-llama-bench.jsonl" >one.jsonl
printf '{"model_type": "x", "n_prompt": 1, "avg_ts": oops}\n' >>one.jsonl
fw 1 "bad JSONL line" prof-compare one.jsonl one.jsonl
ok "... names file and line 2" grep -q "one.jsonl:2: invalid JSON line" "$T/last.err"
sed '3s/,.*/,x/' "$B/layout-llama-bench.csv" >bad.csv
fw 1 "bad llama CSV row" prof-compare bad.csv bad.csv
ok "... names file and line 3" grep -q "bad.csv:3:" "$T/last.err"

# ---- outputs ------------------------------------------------------------
prof-compare --format html -o ab.html "$B/gbench-baseline.json" "$B/gbench-current.json"
ok "HTML written" test -s ab.html
ok "HTML has an inline SVG chart" grep -q "<svg" ab.html
is "HTML: the same verdict as the text report" 1 \
	"$(grep -c '<td>regression</td>' ab.html)"
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
	-o ab.html "$B/gbench-once-baseline.json" "$B/gbench-once-current.json"
ok "-f replaces it" prof-compare -f -o ab.html --format json \
	"$B/gbench-once-baseline.json" "$B/gbench-once-current.json"
ok "... with the new content" grep -q '"tool": "prof-compare"' ab.html
prof-compare "$B/gbench-once-baseline.json" "$B/gbench-once-current.json" >t1.md
ok "GFM: geometric mean row" grep -q "geometric mean" t1.md
ok "GFM: single values use the fallback, said in the output" \
	grep -q "one value per side" t1.md
is "GFM: BM_sum/65536 regressed (fallback)" 1 \
	"$(grep -c '| BM_sum/65536 | .*regression (one value per side' t1.md)"

# ---- ../shared/corpus/bench-results: other people's files (extra) -------
if ! have_corpus; then
	echo "# no corpus at $CORPUS: its bench-results are not compared (extra cases)"
	done_testing
	exit $?
fi
R=$CORPUS/bench-results
mkdir "$T/corpus" && cd "$T/corpus"
# ---- corpus A/A: the same binary twice on a noisy machine ----------
fw 0 "corpus: A/A gbench: exit 0 with --fail-on-regression" \
	prof-compare --fail-on-regression "$R/gbench_generated_aa_run1.json" \
	"$R/gbench_generated_aa_run2.json"
prof-compare --format json "$R/gbench_generated_aa_run1.json" \
	"$R/gbench_generated_aa_run2.json" >aa.json
is "corpus: A/A gbench: no benchmark called a regression" 0 \
	"$(grep -c '"verdict": "regression"' aa.json || true)"
is "corpus: A/A gbench: 3 benchmarks with 10 repetitions a side" 6 \
	"$(grep -c '"n": 10' aa.json)"

# ---- A/B: BM_sum really slowed ---------------------------------------
fw 3 "corpus: A/B gbench: exit 3 with --fail-on-regression" \
	prof-compare --fail-on-regression "$R/gbench_generated_baseline.json" \
	"$R/gbench_generated_current.json"
prof-compare --format text "$R/gbench_generated_baseline.json" \
	"$R/gbench_generated_current.json" >ab.txt
is "corpus: A/B gbench: BM_sum/65536 is a regression" "regression" \
	"$(awk '$1 == "BM_sum/65536" { print $NF }' ab.txt)"
is "corpus: A/B gbench: BM_sum/1024 is not" "" \
	"$(awk '$1 == "BM_sum/1024" && $NF == "regression"' ab.txt)"
# At the default settings BM_sum is flagged and nothing else.  BM_memcpy/4096
# moved +19 %, but the interval from both runs' noise cannot tell that from
# the 5 % threshold at n=10: suspect, with what it could detect.
prof-compare --format json "$R/gbench_generated_baseline.json" \
	"$R/gbench_generated_current.json" >abj.json
is "corpus: A/B gbench: exactly one regression" 1 \
	"$(grep -c '"verdict": "regression"' abj.json)"
is "corpus: A/B gbench: it is BM_sum/65536" "BM_sum/65536" \
	"$(grep -B5 '"verdict": "regression"' abj.json | sed -n 's/.*"name": "\(.*\)".*/\1/p')"
is "corpus: A/B gbench: BM_memcpy/4096 is suspect, with what it can detect" \
	"suspect (can detect 34%; needs n=279)" \
	"$(sed -n 's/^BM_memcpy\/4096 .*10\/10  //p' ab.txt)"
# the interval is from both runs' noise: BM_sum/65536's [1.083, 1.243]
# is wholly past 5 % but not past 10 %
is "corpus: A/B gbench: BM_sum/65536 regressed" \
	"regression" "$(sed -n 's/^BM_sum\/65536 .*10\/10  //p' ab.txt)"
prof-compare --format json --threshold 10 \
	"$R/gbench_generated_baseline.json" "$R/gbench_generated_current.json" \
	>ab10.json
is "corpus: A/B gbench --threshold 10: no regression" 0 \
	"$(grep -c '"verdict": "regression"' ab10.json)"
fw 0 "corpus: A/B gbench --threshold 10: exit 0" \
	prof-compare --fail-on-regression --threshold 10 \
	"$R/gbench_generated_baseline.json" "$R/gbench_generated_current.json"
# the same seed gives the same report
prof-compare --format json "$R/gbench_generated_baseline.json" \
	"$R/gbench_generated_current.json" >ab1.json
prof-compare --format json "$R/gbench_generated_baseline.json" \
	"$R/gbench_generated_current.json" >ab2.json
ok "corpus: reproducible: same intervals on a second run" cmp ab1.json ab2.json

# ---- every format parses (a file against itself) ---------------------
cparses() { # FILE FORMAT NAME
	prof-compare --format json "$R/$1" "$R/$1" >p.json 2>p.err
	_st=$?
	is "corpus: $1 parses as $2" "0 $2 1" \
		"$_st $(prof-compare -q --format json --input-format "$2" "$R/$1" "$R/$1" >/dev/null 2>&1 && echo "$2") $(grep -c "\"name\": \"$3\"" p.json)"
}
cparses gbench_test1_run1.json gbench BM_2xSlower
cparses gbench_test3_run0.json gbench BM_Two
cparses gbench_generated_baseline.json gbench BM_sum/65536
cparses gab_googlecpp_output.json gbench fib_20
cparses gbench_console_bencher_two.txt gbench fib_10
cparses hyperfine_bencher_one.json hyperfine "sleep 0.01"
cparses hyperfine_bencher_two.json hyperfine "sleep 0.2"
cparses hyperfine_generated_params.json hyperfine "sleep 0.02 \\[n=2\\]"
cparses llama_bench_readme_example.json llama "llama 7B mostly Q4_0 pp512 threads=16 ngl=99 n_batch=512"
cparses llama_bench_readme_example.jsonl llama "llama 7B mostly Q4_0 tg128 threads=16 ngl=99 n_batch=512"
cparses llama_bench_readme_example.csv llama "llama 7B mostly Q4_0 tg128 threads=16 ngl=99 n_batch=512"
cparses gab_pytest_output.json pytest "bench.py::test_fib_20"
cparses bencher_bmf_mixed.json bmf "tests::benchmark_c"
cparses gab_customSmallerIsBetter_output.json gab "My Custom Smaller Is Better Benchmark - CPU Load"
cparses gab_criterion_bencher_output.txt libtest "Fibonacci (Execution)"
cparses kevm_timing_excerpt_evm-semantics_issue1053.txt kevm "specs/benchmarks/functional-spec.k"
cparses criterion_Fibonacci_Recursive criterion "Fibonacci/Recursive"
# Criterion: one tree on both sides compares its base/ with its new/
prof-compare --format json "$R/criterion_Fibonacci_Recursive" \
	"$R/criterion_Fibonacci_Recursive" >crit.json
is "corpus: Criterion: 100 per-iteration samples a side" 2 "$(grep -c '"n": 100' crit.json)"
# llama-bench: tokens/s, higher is better
prof-compare --format json "$R/llama_bench_readme_example.json" \
	"$R/llama_bench_readme_example.json" >llama.json
is "corpus: llama-bench: higher is better" 2 \
	"$(grep -c '"direction": "higher_is_better"' llama.json)"
is "corpus: llama-bench: 5 samples a side" 4 "$(grep -c '"n": 5' llama.json)"
# the JSON and CSV forms of the same README example compare (one value
# per side in the CSV: the fallback)
fw 0 "corpus: llama JSON against llama CSV" prof-compare \
	"$R/llama_bench_readme_example.json" "$R/llama_bench_readme_example.csv"

# ---- added / removed / --fail-on-missing -----------------------------
fw 0 "corpus: different benchmark sets: listed, exit 0" prof-compare \
	"$R/gbench_test1_run1.json" "$R/gbench_test3_run0.json"
prof-compare --format text "$R/gbench_test1_run1.json" "$R/gbench_test3_run0.json" >miss.txt
ok "corpus: removed benchmarks listed" grep -q "BM_hasLabel .*removed" miss.txt
ok "corpus: added benchmarks listed" grep -q "BM_Two .*added" miss.txt
fw 1 "corpus: --fail-on-missing makes them an error" prof-compare \
	--fail-on-missing "$R/gbench_test1_run1.json" "$R/gbench_test3_run0.json"
is "corpus: --fail-on-missing says why" \
	"prof-compare: 14 benchmarks of the baseline are missing from the current run (--fail-on-missing)" \
	"$(cat "$T/last.err")"
fw 1 "corpus: --fail-on-regression with no benchmark in both runs: exit 1" \
	prof-compare --fail-on-regression "$R/gbench_test1_run1.json" \
	"$R/gbench_test3_run0.json"
ok "corpus: ... with a hint" grep -q "no benchmark is in both runs.*-n/--command-name" \
	"$T/last.err"

# ---- wrong and truncated files ----------------------------------------
head -c 3000 "$R/gbench_generated_baseline.json" >trunc.json
fw 1 "corpus: truncated google-benchmark JSON: exit 1" prof-compare trunc.json \
	"$R/gbench_generated_current.json"
ok "corpus: truncated: the message names the file and line" \
	grep -q "^prof-compare: trunc.json:[0-9]*: invalid JSON" "$T/last.err"
head -c 700 "$R/hyperfine_bencher_two.json" >trunc-hf.json
fw 1 "corpus: truncated hyperfine JSON: exit 1" prof-compare \
	"$R/hyperfine_bencher_two.json" trunc-hf.json
ok "corpus: truncated hyperfine: names the file" grep -q "trunc-hf.json:[0-9]*:" "$T/last.err"
fw 1 "corpus: asv console output is not a result file" prof-compare \
	"$R/asv_console_bencher_six.txt" "$R/asv_console_bencher_six.txt"
ok "corpus: ... and the message says so, naming the file" \
	grep -q "asv_console_bencher_six.txt: unrecognised benchmark result format" "$T/last.err"
fw 1 "corpus: github-action-benchmark history is not a result file" prof-compare \
	"$R/gab_data_mr-math_5707d2c.js" "$R/gbench_test1_run1.json"
fw 1 "corpus: --input-format kevm on JSON" prof-compare --input-format kevm \
	"$R/gbench_test1_run1.json" "$R/gbench_test1_run2.json"
ok "corpus: ... names file and line (after the 5-line header)" grep -q "gbench_test1_run1.json:6: not a timing line .*kore-exec --version header" "$T/last.err"
: >empty
fw 1 "corpus: empty file" prof-compare empty "$R/gbench_test1_run1.json"
fw 1 "corpus: missing file" prof-compare no-such-file "$R/gbench_test1_run1.json"
ok "corpus: ... names it" grep -q "no-such-file" "$T/last.err"
head -c 2000 "$R/llama_bench_readme_example.jsonl" | head -1 >one.jsonl
printf '{"model_type": "x", "n_prompt": 1, "avg_ts": oops}\n' >>one.jsonl
fw 1 "corpus: bad JSONL line" prof-compare one.jsonl one.jsonl
ok "corpus: ... names file and line 2" grep -q "one.jsonl:2: invalid JSON line" "$T/last.err"
sed '3s/,.*/,x/' "$R/llama_bench_readme_example.csv" >bad.csv
fw 1 "corpus: bad llama CSV row" prof-compare bad.csv bad.csv
ok "corpus: ... names file and line 3" grep -q "bad.csv:3:" "$T/last.err"

# ---- outputs ------------------------------------------------------------
prof-compare --format html -o ab.html "$R/gbench_generated_baseline.json" \
	"$R/gbench_generated_current.json"
ok "corpus: HTML written" test -s ab.html
ok "corpus: HTML has an inline SVG chart" grep -q "<svg" ab.html
is "corpus: HTML: the same verdict labels as the text report" 1 \
	"$(grep -c '<td>suspect (can detect 34%; needs n=279)</td>' ab.html)"
is "corpus: HTML: the decision rule names both runs' noise" 1 \
	"$(grep -c '<p class="rule">Decision rule:.*Welch standard error from both runs' ab.html)"
is "corpus: HTML: one doctype" 1 "$(grep -c -i '<!DOCTYPE' ab.html)"
is "corpus: HTML is self-contained (no external URLs but the SVG namespace)" "" \
	"$(grep -o 'https\?://[^"]*' ab.html | grep -v 'www.w3.org/2000/svg' || true)"
if command -v xmllint >/dev/null 2>&1; then
	tr -d '\n' <ab.html | sed 's|.*\(<svg.*</svg>\).*|\1|' >chart.svg
	ok "corpus: the chart is well-formed SVG" xmllint --noout chart.svg
	is "corpus: the chart has one marker per benchmark" 3 \
		"$(grep -o '<circle' chart.svg | wc -l | tr -d ' ')"
else
	skip "the chart is well-formed SVG" "no xmllint"
	skip "the chart has one marker per benchmark" "no xmllint"
fi
fw 1 "corpus: -o refuses to replace a file without --force" prof-compare \
	-o ab.html "$R/gbench_test1_run1.json" "$R/gbench_test1_run2.json"
ok "corpus: -f replaces it" prof-compare -f -o ab.html --format json \
	"$R/gbench_test1_run1.json" "$R/gbench_test1_run2.json"
ok "corpus: ... with the new content" grep -q '"tool": "prof-compare"' ab.html
prof-compare "$R/gbench_test1_run1.json" "$R/gbench_test1_run2.json" >t1.md
ok "corpus: GFM: geometric mean row" grep -q "geometric mean" t1.md
ok "corpus: GFM: single values use the fallback, said in the output" \
	grep -q "one value per side" t1.md
is "corpus: GFM: BM_2xSlower regressed (fallback)" 1 \
	"$(grep -c '| BM_2xSlower | .*regression (one value per side' t1.md)"
is "corpus: GFM: BM_1PercentSlower unchanged (below threshold)" 1 \
	"$(grep -c '| BM_1PercentSlower | .*unchanged (one value per side' t1.md)"
done_testing
