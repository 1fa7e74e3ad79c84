#!/bin/sh
# tests/prof-summarize.sh - prof-summarize on real profiles, eventlogs and
# heap profiles: JSON figures equal the files' own, -p and -pj of the same
# program agree, partial inputs are summarized with a warning.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
need_cmds jq

# (not ccprof-sigterm.prof: 0 bytes, tested on its own)
# GHC 9.0.2 (prof/) and every version of the matrix (ghc-*/)
files=$(find "$TEST_DATA/prof" "$TEST_DATA"/ghc-* -name "*.prof" -size +0 2>/dev/null | sort)
if have_corpus; then
	for f in "$CORPUS"/prof/*.prof; do
		[ -s "$f" ] && files="$files $f"
	done
fi
hdr() { # FILE ticks|alloc|program  (read without the C reader)
	case $(head -c 1 "$1") in
	"{") case $2 in
		ticks) jq -r .total_ticks "$1" ;;
		alloc) jq -r .total_alloc "$1" ;;
		program) jq -r .program "$1" ;;
		esac ;;
	*) case $2 in
		ticks) sed -n 's/.*(\([0-9]*\) ticks @.*/\1/p' "$1" | head -1 ;;
		alloc) sed -n 's/.*total alloc = *\([0-9,]*\) bytes.*/\1/p' "$1" | tr -d , | head -1 ;;
		program) sed -n '3p' "$1" | awk '{ print $1 }' ;;
		esac ;;
	esac
}

for f in $files; do
	b=$(basename "$f")
	case $f in */ghc-*/*) b="$(basename "$(dirname "$f")")-$b";; esac
	ok "$b: json summary" prof-summarize -F json --tree --threshold 0 "$f"
	cp "$T/.out" "$T/s.json"
	is "$b: total_ticks = header" "$(hdr "$f" ticks)" "$(jq .total_ticks "$T/s.json")"
	is "$b: total_alloc_bytes = header" "$(hdr "$f" alloc)" \
		"$(jq .total_alloc_bytes "$T/s.json")"
	is "$b: program = header" "$(hdr "$f" program)" "$(jq -r .program "$T/s.json")"
	is "$b: top lists are sorted" "true" \
		"$(jq '[.top_time[].time_pct] as $t | $t == ($t | sort | reverse)' "$T/s.json")"
	if [ "$(jq .exact_counts "$T/s.json")" = true ]; then
		is "$b: unpruned tree's ticks sum to total_ticks" \
			"$(jq .total_ticks "$T/s.json")" \
			"$(jq '[.tree | .. | objects | select(has("ticks")) | .ticks] | add' "$T/s.json")"
		is "$b: unpruned tree's bytes sum to total_alloc_bytes" \
			"$(jq .total_alloc_bytes "$T/s.json")" \
			"$(jq '[.tree | .. | objects | select(has("bytes")) | .bytes] | add' "$T/s.json")"
	fi
	ok "$b: text summary" prof-summarize "$f"
	is "$b: text has the hot path" "yes" \
		"$(grep -q '^Hot path' "$T/.out" && echo yes || echo no)"
	ok "$b: markdown summary" prof-summarize -F markdown "$f"
done

# -p and -pj of the same program: the same cost centres with the same
# entries; -p's rounded %alloc x total matches -pj's exact bytes within the
# rounding (0.05% of the total per stack summed); the same hot path.
agree() { # name p pj
	prof-summarize -F json -n 6 "$2" >"$T/p.json"
	prof-summarize -F json -n 100000 "$3" >"$T/pj.json"
	is "$1: top alloc cost centres agree" "true" "$(jq -n \
		--slurpfile p "$T/p.json" --slurpfile j "$T/pj.json" '
		$p[0].total_alloc_bytes as $tp |
		[ $p[0].top_alloc[] as $r |
		  ($j[0].top_alloc[] | select(.module == $r.module and
			.label == $r.label and .src == $r.src)) as $s |
		  ($s.entries == $r.entries) and
		  ((($r.alloc_pct * $tp / 100) - $s.bytes) | fabs) <= ($tp * 0.0005 * $r.stacks + 1)
		] | length == ($p[0].top_alloc | length) and all')"
	is "$1: same hot path" "$(jq -c '[.hot_path[] | .module + "." + .label]' "$T/p.json")" \
		"$(jq -c '[.hot_path[] | .module + "." + .label]' "$T/pj.json")"
}
if [ -f "$TEST_DATA/prof/ccprof-p.prof" ]; then
	agree "ccprof -p vs -pj" "$TEST_DATA/prof/ccprof-p.prof" "$TEST_DATA/prof/ccprof-pj.prof"
else
	skip "ccprof -p vs -pj" "no test-data"
fi
if have_corpus; then
	agree "local-ghc902 -p vs -pj" "$CORPUS/prof/local-ghc902-p.prof" "$CORPUS/prof/local-ghc902-pj.prof"
else
	echo "# no corpus at $CORPUS: local-ghc902 -p vs -pj not compared (extra case)"
fi

# Warnings.
if [ -f "$TEST_DATA/prof/ccprof-pa.prof" ]; then
	prof-summarize -F json "$TEST_DATA/prof/ccprof-pa.prof" >"$T/s.json"
	is "-pa: warns that totals include GC/SYSTEM" "1" \
		"$(jq '[.warnings[] | select(test("GC, SYSTEM"))] | length' "$T/s.json")"
	prof-summarize -F json "$TEST_DATA/prof/ccprof-P.prof" >"$T/s.json"
	is "-P: no GC/SYSTEM warning" "0" \
		"$(jq '[.warnings[] | select(test("GC, SYSTEM"))] | length' "$T/s.json")"
	prof-summarize -F json --min-ticks 5000 "$TEST_DATA/prof/ccprof-P.prof" >"$T/s.json"
	is "--min-ticks: warns about too few ticks" "1" \
		"$(jq '[.warnings[] | select(test("too few"))] | length' "$T/s.json")"
fi

# Empty and partial .prof files.
: >"$T/killed.prof"
fails_with 1 "0-byte .prof: exit 1" prof-summarize "$T/killed.prof"
is "0-byte .prof: the message" \
	"prof-summarize: $T/killed.prof: no profile: the file is empty; the program was killed before shutdown (GHC writes .prof only on orderly exit; use SIGINT, not SIGTERM/SIGKILL)" \
	"$(cat "$T/.err")"
if [ -f "$TEST_DATA/prof/ccprof-P.prof" ]; then
	fails_with 1 "0-byte .prof among others: exit 1" prof-summarize -F json \
		"$T/killed.prof" "$TEST_DATA/prof/ccprof-P.prof"
	is "0-byte .prof among others: the others are summarized" "1" \
		"$(jq length "$T/.out")"
	head -n 50 "$TEST_DATA/prof/ccprof-P.prof" >"$T/cut.prof"
	ok "truncated .prof: exit 0" prof-summarize -F json "$T/cut.prof"
	is "truncated .prof: warning with the line" "yes" \
		"$(grep -q "^prof-summarize: warning: $T/cut.prof:50: " "$T/.err" && echo yes || echo no)"
	is "truncated .prof: summary of what was read" "ccprof" \
		"$(jq -r .program "$T/.out")"
fi

# Eventlogs, checked against ghc-events.
el="$TEST_DATA/eventlog/spans-N2-p-l.eventlog"
if [ -f "$el" ] && command -v ghc-events >/dev/null 2>&1; then
	ghc-events show "$el" >"$T/ref"
	ok "eventlog: json summary" prof-summarize -F json "$el"
	cp "$T/.out" "$T/e.json"
	is "eventlog: GC count = GC stats events" "$(grep -c 'GC stats for' "$T/ref")" \
		"$(jq .gc_count "$T/e.json")"
	is "eventlog: cost-centre samples" "$(grep -c ', prof sample ' "$T/ref")" \
		"$(jq .cost_centre_samples "$T/e.json")"
	is "eventlog: markers" "$(sed -n 's/.*: marker: //p' "$T/ref" | sort | tr '\n' ' ')" \
		"$(jq -r '.markers[].text' "$T/e.json" | sort | tr '\n' ' ')"
	is "eventlog: capabilities" "2" "$(jq .capabilities "$T/e.json")"
	is "eventlog: GHC version" "GHC-9.0.2 rts_thr_p" "$(jq -r .ghc "$T/e.json")"
	is "eventlog: peak heap = max heap size event" \
		"$(sed -n 's/.*size of heap capset 0: \([0-9]*\) bytes/\1/p' "$T/ref" | sort -n | tail -1)" \
		"$(jq .peak_heap_bytes "$T/e.json")"
else
	skip "eventlog summary" "no fixture or no ghc-events"
fi
kill="$TEST_DATA/eventlog/flood-killed.eventlog.zst"
if [ -f "$kill" ]; then
	ok "killed eventlog: exit 0" prof-summarize -F json "$kill"
	is "killed eventlog: truncated" "true" "$(jq .truncated "$T/.out")"
	is "killed eventlog: warning names the offset" "yes" \
		"$(grep -q 'offset [0-9]*: the eventlog stops early' "$T/.err" && echo yes || echo no)"
fi

# Heap profiles, checked with awk (a band line's value follows its last TAB).
hp="$TEST_DATA/heap/leak-hc.hp"
if [ -f "$hp" ]; then
	ok "hp: json summary" prof-summarize -F json "$hp"
	cp "$T/.out" "$T/h.json"
	awk -F'\t' '/^BEGIN_SAMPLE/ { s = 0; next }
		/^END_SAMPLE/ { if (s > m) m = s; next }
		NF > 1 { s += $NF } END { print m }' "$hp" >"$T/peak"
	is "hp: peak total" "$(cat "$T/peak")" "$(jq .peak_bytes "$T/h.json")"
	is "hp: top bands at the peak add up to at most the peak" "true" \
		"$(jq '([.top_at_peak[].bytes] | add) <= .peak_bytes' "$T/h.json")"
	is "hp: samples" "$(grep -c '^BEGIN_SAMPLE' "$hp")" "$(jq .samples "$T/h.json")"
fi

# Several kinds at once: an array in argument order.
if [ -f "$hp" ] && [ -f "$el" ] && [ -f "$TEST_DATA/prof/ccprof-P.prof" ]; then
	ok "three kinds at once" prof-summarize -F json \
		"$TEST_DATA/prof/ccprof-P.prof" "$el" "$hp"
	is "three kinds: in order" '["prof","eventlog","heap"]' \
		"$(jq -c '[.[].kind]' "$T/.out")"
	ok "three kinds, markdown" prof-summarize -F markdown \
		"$TEST_DATA/prof/ccprof-P.prof" "$el" "$hp"
	is "markdown: one section per file" "3" "$(grep -c '^## ' "$T/.out")"
fi

# --events still works (the eventlog area's mode).
if [ -f "$el" ]; then
	ok "--events --total" prof-summarize --events "$el" --total
	is "--events --total: a number" "yes" \
		"$(grep -qx '[0-9][0-9]*' "$T/.out" && echo yes || echo no)"
fi
# The output is opened only after the inputs are recognised: a missing or
# foreign input creates no -o target and no temporary, and leaves an
# existing target (with -f) and its directory untouched (a temporary
# created and removed would change the directory's mtime).
printf 'not a profile\n' >"$T/foreign.txt"
mkdir "$T/od"
printf 'keep\n' >"$T/od/old.txt"
sleep 1
od0=$(stat -c %y "$T/od")
for c in "missing:$T/nope.prof" "foreign:$T/foreign.txt"; do
	what=${c%%:*} in=${c#*:}
	fails_with 1 "$what input: exit 1" prof-summarize -o "$T/od/new.txt" "$in"
	is "$what input: no output, no temporary" "old.txt" "$(ls -A "$T/od")"
	fails_with 1 "$what input, -f: exit 1" \
		prof-summarize -f -o "$T/od/old.txt" "$in"
	is "$what input, -f: the target is kept" "keep" "$(cat "$T/od/old.txt")"
	fails_with 1 "$what --events: exit 1" \
		prof-summarize --events "$in" -f -o "$T/od/old.txt"
	is "$what --events: the target is kept" "keep" "$(cat "$T/od/old.txt")"
done
is "inputs failing: the directory is untouched" "$od0" "$(stat -c %y "$T/od")"
# Several FILEs: the list is written even when none could be read.
fails_with 1 "several foreign inputs, JSON: exit 1" \
	prof-summarize -F json "$T/foreign.txt" "$T/nope.prof"
is "several foreign inputs, JSON: []" "[]" "$(cat "$T/.out")"
fails_with 2 "no file: usage error" prof-summarize
fails_with 2 "bad --format" prof-summarize -F yaml x.prof
fails_with 2 "bad --threshold" prof-summarize --threshold 200 x.prof
done_testing
