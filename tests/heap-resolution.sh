#!/bin/sh
# tests/heap-resolution.sh - a chart drawn in bounded memory looks like the
# chart of every sample: heap2svg at its default resolution and with
# --resolution full, both rendered to PNG by rsvg-convert, differ in fewer
# than 1 % of the pixels by more than 32/255 and by less than 1/255 on
# average (the tolerance man/heap2svg.1 states).  Inputs are generated
# from the committed GHC fixtures by bench/gen-scale.py, 10 MB each,
# enough samples for the reduction to apply: a .hp whose bands drift (not
# periodic: the harder case for averaging) and a spliced eventlog with its
# heap size and live data lines.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
need_cmds python3 rsvg-convert

B="$abs_top_srcdir/bench"
python3 "$B/gen-scale.py" hp-drift 10M "$T/drift.hp"
python3 "$B/gen-scale.py" eventlog 10M "$T/spliced.eventlog"

within() { # NAME A.png B.png: the tolerance
	python3 "$B/png-diff.py" "$2" "$3" 32 >"$T/diff.txt"
	sed "s/^/# $1: /" "$T/diff.txt" >&3
	awk '{ for (i = 1; i < NF; i++) if ($i == "%") pct = $(i - 1)
	       for (i = 1; i < NF; i++) if ($i == "diff") mean = $(i + 1) }
	     END { exit !(pct + 0 < 1 && mean + 0 < 1) }' "$T/diff.txt"
}

exec 3>&1 # the figures, as TAP comments
for f in drift.hp spliced.eventlog; do
	ok "$f: default resolution" heap2svg -q "$T/$f" -o "$T/$f.d.svg"
	ok "$f: --resolution full" heap2svg -q --resolution full "$T/$f" -o "$T/$f.f.svg"
	# the reduction did apply: fewer samples kept than read
	heap2svg -q --format json "$T/$f" -o "$T/$f.d.json"
	heap2svg -q --format json --resolution full "$T/$f" -o "$T/$f.f.json"
	kept=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["times"]))' "$T/$f.d.json")
	all=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["times"]))' "$T/$f.f.json")
	ok "$f: $all samples read, $kept kept" test "$kept" -lt "$all" -a "$kept" -le 2003
	ok "$f: rsvg-convert, default" rsvg-convert "$T/$f.d.svg" -o "$T/$f.d.png"
	ok "$f: rsvg-convert, full" rsvg-convert "$T/$f.f.svg" -o "$T/$f.f.png"
	ok "$f: < 1 % of pixels differ by > 32/255, mean < 1/255" \
		within "$f" "$T/$f.d.png" "$T/$f.f.png"
done
# the check can fail: the same data stacked in another order is outside it
heap2svg -q --sort name "$T/drift.hp" -o "$T/other.svg"
rsvg-convert "$T/other.svg" -o "$T/other.png"
fails_with 1 "another chart of the same run is outside the tolerance" \
	within other "$T/other.png" "$T/drift.hp.f.png"
done_testing
