#!/bin/sh
# tests/compare-openmetrics.sh - prof-compare --format openmetrics: the
# text a strict OpenMetrics parser (python3-prometheus-client) accepts,
# whose counts and values are the JSON report's.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3

sh "$abs_top_srcdir/tests/compare/kevm-gen.sh" "$T"
cd "$T"
ok "openmetrics report" prof-compare --format openmetrics KEVM-timing-base.data KEVM-timing-pr.data -o m.txt
ok "json report" prof-compare --format json KEVM-timing-base.data KEVM-timing-pr.data -o r.json
is "ends with # EOF" "# EOF" "$(tail -n 1 m.txt)"
is "every line a comment or a sample" "" \
	"$(grep -v -E '^# (TYPE|HELP) [a-z_]+ |^[a-z_]+(\{[a-z_]+="([^"\\]|\\.)*"(,[a-z_]+="([^"\\]|\\.)*")*\})? ([-+0-9.e]+|NaN|[-+]Inf)$|^# EOF$' m.txt || :)"
fails_with 3 "--fail-on-regression still decides the exit status" \
	prof-compare --format openmetrics --fail-on-regression KEVM-timing-base.data KEVM-timing-pr.data
fails_with 2 "--kevm with openmetrics is a usage error" \
	prof-compare --kevm --format openmetrics KEVM-timing-base.data KEVM-timing-pr.data

if command -v jq >/dev/null 2>&1; then
	for v in regression improvement unchanged suspect failed added removed; do
		k=$v; case $v in regression|improvement) k=${v}s ;; esac
		is "count of $v = JSON summary" "$(jq ".summary.$k" r.json)" \
			"$(sed -n "s/^profkit_compare_benchmarks{verdict=\"$v\"} //p" m.txt)"
	done
	is "regressed benchmarks = JSON's" \
		"$(jq -r '.benchmarks[] | select(.verdict == "regression") | .name' r.json | sort)" \
		"$(sed -n 's/^profkit_benchmark_regression{benchmark="\([^"]*\)".*} 1$/\1/p' m.txt | sort)"
else
	skip "counts against the JSON report" "jq not installed"
fi

if $PY -c 'import prometheus_client.openmetrics.parser' 2>/dev/null; then
	ok "a strict OpenMetrics parser reads it" $PY -c '
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families as p
fams = {f.name: f for f in p(open(sys.argv[1]).read())}
r = [s for s in fams["profkit_benchmark_ratio"].samples
     if s.labels["benchmark"] == "specs/benchmarks/functional-spec.k"]
assert len(r) == 1 and abs(r[0].value - 70.1 / 81.58) < 1e-12, r
assert fams["profkit_benchmark_current_median"].type == "gauge"
' m.txt
else
	skip "strict OpenMetrics parser" "python3-prometheus-client not installed"
fi

# prof-history check --format openmetrics: the same families, plus the budgets
ok "history: record the baseline" prof-history --db h.sqlite record --commit aaaa --branch main KEVM-timing-base.data
ok "history: pin it" prof-history --db h.sqlite baseline set --commit aaaa --branch main
fails_with 3 "history check --format openmetrics: exit 3 on the regressions" \
	prof-history --db h.sqlite check --branch main --format openmetrics -o h.txt KEVM-timing-pr.data
is "history check: ends with # EOF, once" "1 # EOF" "$(grep -c '^# EOF' h.txt) $(tail -n 1 h.txt)"
ok "history check: the budget family" grep -q '^profkit_history_budgets_broken 0$' h.txt
is "history check: the regressions counted as prof-compare does" \
	"$(grep 'verdict="regression"' m.txt)" "$(grep 'verdict="regression"' h.txt)"
if $PY -c 'import prometheus_client.openmetrics.parser' 2>/dev/null; then
	ok "history check: a strict OpenMetrics parser reads it" $PY -c '
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families as p
assert "profkit_history_budgets_broken" in {f.name for f in p(open(sys.argv[1]).read())}
' h.txt
fi

# a label value with a quote and a backslash is escaped
printf 'name,value,unit\nq"uo\\te,1.0,s\nplain,2.0,s\n' >a.csv
printf 'name,value,unit\nq"uo\\te,1.5,s\nplain,2.0,s\n' >b.csv
ok "CSV input with a quote in a name" prof-compare --format openmetrics a.csv b.csv -o q.txt
ok "the quote and backslash are escaped" grep -q 'benchmark="q\\"uo\\\\te"' q.txt
done_testing
