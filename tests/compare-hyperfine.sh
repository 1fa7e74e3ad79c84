#!/bin/sh
# compare-hyperfine.sh - A/A and A/B pairs made at test time with
# hyperfine: `sleep 0.05` against `sleep 0.05` must never be called a
# regression, `sleep 0.05` against `sleep 0.15` always (30 runs a side).
# No timing is asserted, only verdicts (a 3x slowdown, 5 % threshold: wide
# enough that a loaded machine's wake-up latency cannot hide it).
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

if ! command -v hyperfine >/dev/null 2>&1; then
	skip "hyperfine A/A" "hyperfine not installed"
	skip "hyperfine A/B" "hyperfine not installed"
	done_testing
	exit 0
fi
cd "$T"
# 30 runs a side, taken in 5 interleaved rounds of 6 (baseline, A/A, A/B),
# so that the load of a shared machine drifts over all three alike; each
# side is then a directory of hyperfine files, merged by prof-compare.
hf() { # OUT COMMAND: the same command name on every side
	hyperfine -N --style none --runs 6 --command-name sleep \
		--export-json "$1" "$2" >/dev/null 2>>hyperfine.err
}
mkdir base aa ab
st=0
for i in 1 2 3 4 5; do
	hf base/$i.json "sleep 0.05" || st=1
	hf aa/$i.json "sleep 0.05" || st=1
	hf ab/$i.json "sleep 0.15" || st=1
done
is "hyperfine ran (5 x 3 x 6 runs)" 0 "$st"
fails_with 0 "A/A: no regression, exit 0 with --fail-on-regression" \
	prof-compare --fail-on-regression base aa
prof-compare --format json base aa >aa.out
is "A/A: 30 samples per side read" 2 "$(grep -c '"n": 30' aa.out)"
is "A/A: verdict is not regression" "" \
	"$(grep '"verdict": "regression"' aa.out || true)"

fails_with 3 "A/B: regression, exit 3 with --fail-on-regression" \
	prof-compare --fail-on-regression base ab
prof-compare --format json base ab >ab.out
is "A/B: verdict regression" 1 "$(grep -c '"verdict": "regression"' ab.out)"
prof-compare --format json ab base >ba.out
is "B/A: verdict improvement" 1 "$(grep -c '"verdict": "improvement"' ba.out)"
fails_with 0 "B/A: an improvement is not a failure" \
	prof-compare --fail-on-regression ab base
# on any failure, show what was measured
if [ "$_failed" != 0 ]; then
	for p in "base aa" "base ab"; do
		prof-compare --format text $p 2>&1 | sed 's/^/# /'
	done
fi
done_testing
