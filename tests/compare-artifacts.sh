#!/bin/sh
# compare-artifacts.sh - prof-compare on two .prof files, two eventlogs and
# two .hp files (real GHC 9.0.2 output in test-data/).  The numbers are
# checked against independent readings: ghc-events for the eventlogs, the
# .prof header lines, awk sums over the .hp samples.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

cd "$T"
D=$TEST_DATA
num() { # NAME METRIC FILE: the baseline median of that row in the JSON
	awk -v n="\"name\": \"$1\"," -v m="\"metric\": \"$2\"," '
		index($0, n) { hit = 1; next }
		hit && index($0, m) { ok = 1; next }
		ok && /"baseline_run"/ { b = 1 }
		b && /"median"/ { sub(/.*"median": /, ""); sub(/,$/, ""); print; exit }
		/^    }/ { hit = 0; ok = 0; b = 0 }' "$3"
}

# ---- .prof ----------------------------------------------------------
fails_with 0 ".prof against itself: no regression" prof-compare \
	--fail-on-regression "$D/prof/ccprof-p.prof" "$D/prof/ccprof-p.prof"
prof-compare --format json "$D/prof/ccprof-p.prof" "$D/prof/ccprof-pj.prof" >prof.json
is "-p against -pj: per cost centre time and alloc rows" 1 \
	"$(grep -c '"name": "Ops.collatz.go"' prof.json | awk '{print ($1 == 2)}')"
alloc=$(sed -n 's/.*total alloc = *\([0-9,]*\) bytes.*/\1/p' "$D/prof/ccprof-p.prof" | tr -d ,)
is "total alloc = the .prof header" "$alloc" "$(num total alloc prof.json)"
secs=$(sed -n 's/.*total time  = *\([0-9.]*\) secs.*/\1/p' "$D/prof/ccprof-p.prof")
is "total time = the .prof header" "$secs" "$(num total time prof.json)"
: >empty.prof
fails_with 1 "empty .prof: exit 1" prof-compare "$D/prof/ccprof-p.prof" empty.prof

# ---- eventlogs --------------------------------------------------------
E1=$D/eventlog/spans-N2-l.eventlog
E2=$D/eventlog/spans-N2-p-l.eventlog
fails_with 0 "eventlog against itself: no regression" prof-compare \
	--fail-on-regression "$E1" "$E1"
prof-compare --format json "$E1" "$E2" >el.json
ok "eventlog rows: wall time, GC time, GCs, heap, live, allocated" \
	sh -c 'for n in "wall time" "GC time" GCs "peak heap size" "peak live bytes" allocated; do grep -q "\"name\": \"$n\"" el.json || exit 1; done'
if command -v ghc-events >/dev/null 2>&1; then
	ghc-events show "$E1" >el.txt
	is "GCs = ghc-events' 'starting GC' count" \
		"$(grep -c 'starting GC' el.txt)" "$(num GCs count el.json)"
	is "allocated = ghc-events' largest 'total bytes till now'" \
		"$(sed -n 's/.*allocated on heap capset [0-9]*: \([0-9]*\) total bytes.*/\1/p' el.txt | sort -n | tail -1)" \
		"$(num allocated bytes el.json)"
	is "peak heap size = ghc-events' largest 'size of heap'" \
		"$(sed -n 's/.*size of heap capset [0-9]*: \([0-9]*\) bytes.*/\1/p' el.txt | sort -n | tail -1)" \
		"$(num 'peak heap size' bytes el.json)"
else
	skip "GCs = ghc-events count" "no ghc-events"
	skip "allocated = ghc-events" "no ghc-events"
	skip "peak heap size = ghc-events" "no ghc-events"
fi
fails_with 0 "a killed run's eventlog is compared up to the cut" \
	prof-compare "$E1" "$D/eventlog/flood-killed.eventlog.zst"
cp "$T/.err" killed.err
ok "... with a warning that names the file and offset" \
	grep -q "flood-killed.eventlog.zst: offset [0-9]*: the eventlog stops early" killed.err
head -c 200 "$E1" >cut.eventlog
fails_with 1 "an eventlog cut inside its header: exit 1" \
	prof-compare "$E1" cut.eventlog
is "... naming the file and offset" \
	"prof-compare: cut.eventlog: offset 200: truncated eventlog header" \
	"$(cat "$T/.err")"

# ---- .hp ----------------------------------------------------------------
H1=$D/heap/leak-hc.hp
H2=$D/heap/leak-hy.hp
fails_with 0 ".hp against itself: no regression" prof-compare \
	--fail-on-regression "$H1" "$H1"
prof-compare --format json "$H1" "$H2" >hp.json
peak=$(awk -F'\t' '/^BEGIN_SAMPLE/ { s = 0; next }
	/^END_SAMPLE/ { if (s > m) m = s; next }
	NF >= 2 && $0 !~ /^(JOB|DATE|SAMPLE_UNIT|VALUE_UNIT|MARK)/ { s += $NF }
	END { print m }' "$H1")
is ".hp peak = awk's largest sample total" "$peak" "$(num heap peak hp.json)"
# a long run (spliced from the fixture by bench/gen-scale.py: ~9000
# samples) is read in bounded memory (64 bucket means, the peak as read,
# running sums): the same peak and byte-seconds as every sample gives
if command -v python3 >/dev/null 2>&1; then
	python3 "$abs_top_srcdir/bench/gen-scale.py" hp 3M long.hp
	prof-compare --format json long.hp long.hp >long.json
	awk -F'\t' '/^BEGIN_SAMPLE/ { t = $0; sub(/^BEGIN_SAMPLE /, "", t)
		if (n++ && t + 0 > pt) area += ps * (t - pt); s = 0; next }
	/^END_SAMPLE/ { if (s > m) m = s; ps = s; pt = t + 0; next }
	NF >= 2 && $0 !~ /^(JOB|DATE|SAMPLE_UNIT|VALUE_UNIT|MARK)/ { s += $NF }
	END { printf "%d %.17g %d\n", m, area, n }' long.hp >long.awk
	read -r lpeak larea lsamples <long.awk
	is "long .hp ($lsamples samples): peak = awk's" "$lpeak" "$(num heap peak long.json)"
	is "long .hp: byte-seconds = awk's (to 1e-12)" 1 "$(awk -v a="$larea" \
		-v b="$(num heap total long.json)" \
		'BEGIN { d = a - b; if (d < 0) d = -d; print (d <= 1e-12 * a) }')"
else
	skip "long .hp: peak and byte-seconds" "python3 not installed"
	skip "long .hp: byte-seconds" "python3 not installed"
fi
done_testing
