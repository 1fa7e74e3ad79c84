# The baseline map of a Criterion-based regression system: RunningShrimp/vm
# keeps benches/baselines/main.json as {"NAME": {"value", "unit",
# "description", "date"}, ..., "notes": [...]} (scripts/detect_regression.py
# writes it; > 20 % is "high" severity, > 10 % "medium", > 5 % faster an
# improvement).  The fixtures are LAYOUT-exact, not tool output (no Debian
# package writes this file): real google-benchmark times in ms plus a
# throughput in MB/s and a hit rate in percent (test-data/README).
B=$TEST_DATA/bench
v() { sed 's/ (one value per side: threshold only)//' | awk '{print $1, $(NF-5), $NF}'; }
echo "== detected; the seed's tiers: 20 % fail, 10 % warning, 5 % improvement"
prof-compare --format text --threshold 20 --warn-threshold 10 --improvement-threshold 5 \
	--fail-on-regression "$B/layout-basemap-main.json" "$B/layout-basemap-pr.json" >a.txt
echo "exit $?"
grep -E '^(BM_|gc_|tlb_)' a.txt | v
grep -E '^[0-9]+ regression' a.txt | cut -d';' -f1
echo "== a falling hit rate in percent is worse (the unit rule), --lower-is-better overrides it"
prof-compare --format text --lower-is-better hit_rate "$B/layout-basemap-main.json" "$B/layout-basemap-pr.json" |
	grep '^tlb_' | v
echo "== forced with --input-format basemap; the older forms: a bare number and time_ms (both ms)"
printf '{"a": 2.0, "b": {"time_ms": 4}}\n' >old.json
printf '{"a": 2.2, "b": {"time_ms": 4}}\n' >new.json
prof-compare --format text --input-format basemap old.json new.json | grep -E '^(a|b) ' | v
echo "== bad input names the file and the benchmark"
printf '{"x": {"value": "fast", "unit": "ms"}}\n' >bad.json
prof-compare --input-format basemap bad.json bad.json 2>&1
echo "exit $?"
printf '{"x": {"unit": "ms"}}\n' >bad2.json
prof-compare --input-format basemap bad2.json bad2.json 2>&1
echo "exit $?"
