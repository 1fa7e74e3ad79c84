#!/bin/sh
# compare-verdict.sh - the cases of issue 13, each through BOTH tools:
# prof-compare BASE CUR and prof-history check (BASE recorded, CUR
# checked) must print the same rows and exit alike (one decision
# procedure, src/compare.c).
#   - a 122x speed-up against a baseline that scatters 0.5-1.6 s
#   - a 5.6x hyperfine speed-up made here (sleep 0.28 s against 0.05 s)
#   - a hyperfine command that passed and fails now: a regression
#   - two hyperfine files with differently named commands: nothing
#     matches, exit 1 with a hint under --fail-on-regression
#   - 600 benchmarks x 5 repetitions, one +19 % (the seeded simulator of
#     tests/unit/test_verdict writes it)
#   - real GHC -p profiles: A/A flags no cost centre, mixB made 2x slower
#     flags mixB (ticks as Poisson counts)
#   - llama-bench rows differing only in n_threads stay two benchmarks
#   - two testbeds in one history are compared separately
# No timing is asserted, only verdicts.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

cd "$T"
PAIRS="$TEST_DATA/prof-pairs"

# the table rows (sorted) of a text report
rows() {
	sed -n '/^Benchmark /,/^$/p' "$1" | sed '/^$/d' | sort
}

# agree NAME BASE CUR: both tools, same rows, same exit status
agree() {
	_an=$1 _ab=$2 _ac=$3
	_s1=0
	prof-compare -q --format text --fail-on-regression "$_ab" "$_ac" \
		>pc.txt 2>pc.err || _s1=$?
	rm -f agree.sqlite
	prof-history -q --db agree.sqlite record --commit 1111aaaa \
		--branch main --date 1700000000 --testbed here "$_ab" \
		>/dev/null 2>rec.err ||
		{ echo "# record failed: $(cat rec.err)"; }
	_s2=0
	prof-history -q --db agree.sqlite check --against commit:1111aaaa \
		--testbed here --format text "$_ac" >ph.txt 2>ph.err || _s2=$?
	is "$_an: prof-compare and prof-history check print the same rows" \
		"$(rows pc.txt)" "$(rows ph.txt)"
	is "$_an: both exit $_s1" "$_s1" "$_s2"
	cp pc.txt "$_an.pc.txt"
	AGREE_STATUS=$_s1
}

# the verdict column of benchmark NAME in a text report
verdict() { # FILE NAME
	awk -v n="$2" 'index($0, n "  ") == 1 { sub(/.*  [0-9]+\/[0-9]+  /, ""); print; exit }' "$1"
}

# ---- 122x faster, baseline scattered 0.5-1.6 s --------------------------
awk 'BEGIN { srand(122); for (i = 0; i < 20; i++)
	printf "job,%.6f,s\n", 0.5 + 1.1 * rand() }' >scatter-base.csv
awk 'BEGIN { srand(7); for (i = 0; i < 20; i++)
	printf "job,%.6f,s\n", 0.0104 + 0.0002 * rand() }' >scatter-cur.csv
agree "122x" scatter-base.csv scatter-cur.csv
is "122x: an improvement" "improvement" "$(verdict 122x.pc.txt job)"
is "122x: exit 0" 0 "$AGREE_STATUS"
agree "122x reversed" scatter-cur.csv scatter-base.csv
is "122x slower: a regression" "regression" \
	"$(verdict '122x reversed.pc.txt' job)"
is "122x slower: exit 3" 3 "$AGREE_STATUS"

# ---- 600 x 5, one +19 % --------------------------------------------------
mkdir suite
"$abs_top_builddir/tests/unit/test_verdict" --write-suite suite
agree "600x5" suite/base.csv suite/cur.csv
is "600x5: one regression, bench_417" "bench_417 regression" \
	"$(awk '/  regression$/ { print $1, "regression" }' 600x5.pc.txt)"
is "600x5: exit 3" 3 "$AGREE_STATUS"

# ---- real GHC -p profiles --------------------------------------------------
agree "prof AA" "$PAIRS/aa1.prof" "$PAIRS/aa2.prof"
is "prof AA: no cost centre flagged" "" \
	"$(grep -E '  (regression|improvement)( \(.*\))?$' 'prof AA.pc.txt' || true)"
agree "prof 2x mixB" "$PAIRS/aa1.prof" "$PAIRS/slow.prof"
is "prof 2x mixB: the time rows flagged are mixB and the total" \
	"Main.mixB
total" \
	"$(grep -E '  regression$' 'prof 2x mixB.pc.txt' | awk '{ print $1 }' | sort)"
is "prof 2x mixB: mixB's ticks are counts" "regression" \
	"$(verdict 'prof 2x mixB.pc.txt' Main.mixB)"

# eventlog cost-centre samples are counts too
prof-compare --format json "$TEST_DATA/eventlog/spans-N2-p-l.eventlog" \
	"$TEST_DATA/eventlog/spans-N2-p-l-au.eventlog" >el.json
is "eventlog samples: Poisson counts with an MDC" "true true" \
	"$(jq -r '[.benchmarks[] | select(.name == "Main.crunch")][0] | "\(.counts) \(.mdc > 0)"' el.json)"

# ---- llama-bench: threads are part of the identity --------------------------
for t in 4 8; do
	printf '{"model_type": "llama 7B Q4_0", "n_threads": %s, "n_gpu_layers": 0, "n_prompt": 512, "n_gen": 0, "samples_ts": [%s]}\n' \
		"$t" "$( [ "$t" = 4 ] && echo '100.1, 100.5, 99.8, 100.2, 100.0' || echo '180.3, 181.0, 179.9, 180.4, 180.6')"
done >llama-base.jsonl
sed 's/180\./179./g' llama-base.jsonl >llama-cur.jsonl
agree "llama threads" llama-base.jsonl llama-cur.jsonl
is "llama: two configurations, two rows" 2 \
	"$(grep -c '^llama 7B Q4_0 pp512 threads=[48] ngl=0 ' 'llama threads.pc.txt')"

# pytest-benchmark params and google-benchmark aggregate kinds are identity
cat >pytest.json <<'EOF2'
{"machine_info": {}, "benchmarks": [
 {"name": "test_parse", "fullname": "bench.py::test_parse", "params": {"size": 10},
  "stats": {"data": [0.010, 0.011, 0.0105], "median": 0.0105}},
 {"name": "test_parse", "fullname": "bench.py::test_parse", "params": {"size": 1000},
  "stats": {"data": [0.90, 0.91, 0.905], "median": 0.905}}]}
EOF2
prof-compare -q --format json --input-format pytest pytest.json pytest.json >pytest.out.json
is "pytest: two params, two benchmarks" \
	'bench.py::test_parse [size=10]|bench.py::test_parse [size=1000]' \
	"$(jq -r '[.benchmarks[].name] | join("|")' pytest.out.json)"
cat >gbagg.json <<'EOF2'
{"context": {}, "benchmarks": [
 {"name": "BM_x/64_median", "run_name": "BM_x/64", "run_type": "aggregate",
  "aggregate_name": "median", "real_time": 10, "cpu_time": 10, "time_unit": "ns"},
 {"name": "BM_x/64_mean", "run_name": "BM_x/64", "run_type": "aggregate",
  "aggregate_name": "mean", "real_time": 11, "cpu_time": 11, "time_unit": "ns"}]}
EOF2
prof-compare -q --format json gbagg.json gbagg.json >gbagg.out.json
is "google-benchmark: the aggregate kind is in the name" 'BM_x/64 [median]' \
	"$(jq -r '.benchmarks[0].name' gbagg.out.json)"

# ---- hyperfine, made here --------------------------------------------------
if command -v hyperfine >/dev/null 2>&1; then
	hf() { # OUT NAME COMMAND [hyperfine options]
		_o=$1 _nm=$2 _c=$3
		shift 3
		hyperfine -N --style none --export-json "$_o" \
			--command-name "$_nm" "$@" "$_c" >/dev/null 2>>hf.err
	}
	hf hf-slow.json job "sleep 0.28" --runs 8
	hf hf-fast.json job "sleep 0.05" --runs 8
	agree "hyperfine 5.6x" hf-slow.json hf-fast.json
	is "hyperfine 5.6x faster: an improvement" "improvement" \
		"$(verdict 'hyperfine 5.6x.pc.txt' job)"
	# passed before, fails now
	hf hf-ok.json job "true" --runs 3
	hf hf-fail.json job "false" --runs 3 -i
	agree "hyperfine now failing" hf-ok.json hf-fail.json
	is "failing now: a regression with its exit status" \
		"regression (passed before, now fails, exit 1)" \
		"$(verdict 'hyperfine now failing.pc.txt' job)"
	is "failing now: exit 3 in both tools" 3 "$AGREE_STATUS"
	ok "failing now: counted in the summary" \
		grep -q '^1 regression, .*(1 passed before and fails now)' \
		'hyperfine now failing.pc.txt'
	# nothing matches
	hf hf-other.json other "true" --runs 3
	agree "hyperfine no match" hf-ok.json hf-other.json
	is "no match: exit 1 in both tools" 1 "$AGREE_STATUS"
	ok "no match: prof-compare gives the hint" \
		grep -q 'no benchmark is in both runs.*-n/--command-name' pc.err
	ok "no match: prof-history check gives the hint" \
		grep -q 'no benchmark is in both runs.*-n/--command-name' ph.err
	fails_with 0 "no match without --fail-on-regression: exit 0" \
		prof-compare -q hf-ok.json hf-other.json
	fails_with 1 "--fail-on-missing: a baseline benchmark gone is exit 1" \
		prof-compare -q --fail-on-missing hf-ok.json hf-other.json
	rm -f fm.sqlite
	prof-history -q --db fm.sqlite record --commit 2222bbbb --testbed here \
		hf-ok.json >/dev/null
	fails_with 1 "prof-history check --fail-on-missing: exit 1" \
		prof-history -q --db fm.sqlite check --against commit:2222bbbb \
		--testbed here --fail-on-missing hf-other.json
else
	skip "hyperfine cases" "hyperfine not installed"
fi

# ---- two testbeds, one history ----------------------------------------------
printf 'parse,10\nparse,10.2\nparse,9.9\nparse,10.1\nparse,10.05\n' >fast.csv
printf 'parse,20\nparse,20.4\nparse,19.8\nparse,20.2\nparse,20.1\n' >slow.csv
rm -f tb.sqlite
prof-history -q --db tb.sqlite record --commit 3333cccc --date 1700000000 \
	--testbed fast-box fast.csv >/dev/null
prof-history -q --db tb.sqlite record --commit 3333cccc --date 1700000000 \
	--testbed slow-box slow.csv >/dev/null
prof-history -q --db tb.sqlite check --against commit:3333cccc \
	--testbed fast-box --format json fast.csv >tb-fast.json || true
is "testbed fast-box: 5 reference samples, not 10 pooled" 5 \
	"$(jq '.comparison.benchmarks[0].baseline_run.n' tb-fast.json)"
is "testbed fast-box: unchanged" '"unchanged"' \
	"$(jq '.comparison.benchmarks[0].verdict' tb-fast.json)"
fails_with 0 "testbed slow-box: the fast results are an improvement, exit 0" \
	prof-history -q --db tb.sqlite check --against commit:3333cccc \
	--testbed slow-box fast.csv
fails_with 1 "an unknown testbed: no reference, exit 1" \
	prof-history -q --db tb.sqlite check --against commit:3333cccc \
	--testbed nowhere fast.csv
cp "$T/.err" nowhere.err
ok "... saying why" grep -q "testbed 'nowhere'" nowhere.err
prof-history -q --db tb.sqlite trend >trend.txt
is "trend: one series per testbed" 2 "$(grep -c '^parse:value @ [fs]' trend.txt)"
# the same bytes recorded on two testbeds are two runs, not one
prof-history -q --db tb.sqlite record --commit 4444dddd --date 1700000001 \
	--testbed fast-box fast.csv >/dev/null
prof-history -q --db tb.sqlite record --commit 4444dddd --date 1700000001 \
	--testbed slow-box fast.csv >/dev/null
is "the same input on two testbeds: two runs" 2 \
	"$(prof-history -q --db tb.sqlite show 4444dddd | grep -c 'fast.csv')"

# ---- every other compare pair of the test suite ---------------------------
printf 'name,value,unit\nparse,12,ms\nparse,13,ms\nparse,12.5,ms\nparse,12.2,ms\nold,5,ms\n' >ar-a.csv
printf 'parse,12.1,ms\nparse,12.9,ms\nparse,12.4,ms\nparse,12.3,ms\nnew,7,ms\n' >ar-b.csv
agree "csv added removed" ar-a.csv ar-b.csv
printf 'a,10\na,11\na,10.5\n' >tf-a.csv
printf 'a,20\na,21\na,20.5\n' >tf-b.csv
agree "csv 3 against 3" tf-a.csv tf-b.csv
agree "eventlogs" "$TEST_DATA/eventlog/spans-N2-l.eventlog" \
	"$TEST_DATA/eventlog/spans-N2-p-l.eventlog"
agree "heap profiles" "$TEST_DATA/heap/leak-hc.hp" "$TEST_DATA/heap/leak-hy.hp"
agree "prof -p against -P" "$TEST_DATA/prof/ccprof-p.prof" \
	"$TEST_DATA/prof/ccprof-P.prof"
sh "$abs_top_srcdir/tests/compare/kevm-gen.sh" . >/dev/null
agree "KEVM timings" KEVM-timing-base.data KEVM-timing-pr.data
if have_corpus; then
	R="$CORPUS/bench-results"
	agree "corpus gbench AA" "$R/gbench_generated_aa_run1.json" \
		"$R/gbench_generated_aa_run2.json"
	agree "corpus gbench AB" "$R/gbench_generated_baseline.json" \
		"$R/gbench_generated_current.json"
	agree "corpus gbench test1" "$R/gbench_test1_run1.json" \
		"$R/gbench_test1_run2.json"
	agree "corpus gbench test3" "$R/gbench_test3_run0.json" \
		"$R/gbench_test3_run1.json"
	agree "corpus llama json csv" "$R/llama_bench_readme_example.json" \
		"$R/llama_bench_readme_example.csv"
	agree "corpus hyperfine" "$R/hyperfine_bencher_one.json" \
		"$R/hyperfine_bencher_two.json"
	agree "corpus gbench different sets" "$R/gbench_test1_run1.json" \
		"$R/gbench_test3_run0.json"
else
	skip "corpus pairs through both tools" "no corpus at $CORPUS"
fi

done_testing
