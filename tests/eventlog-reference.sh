#!/bin/sh
# tests/eventlog-reference.sh - the reader against `ghc-events show` dumps.
#
# Every eventlog in corpus/eventlog/ghc-events/ with a NAME.reference: the
# reference lists, after "Events:", one line per event ("TIME: [cap N: ]
# text", sorted by time), separated from the next block by blank lines, and
# it DOES list the block markers ("event block: cap N, end time: T") as
# lines of their own.  prof-summarize counts events without block markers
# (they only delimit per-capability buffers), so the expected total is
# (lines starting with "TIME: ") - (block-marker lines), and the "blocks:"
# figure must equal the number of block-marker lines.
#
# Then typed fields: for each kind of line below, the reference's lines of
# that kind must equal (as a sorted multiset) those tests/eventlog-dump
# prints from the decoded fields, which covers threads, GC stats (50 and
# 58 bytes), heap info/sizes, wall clock, RTS id, args, pid, cost centres,
# heap-profile begin/samples (string, stack, biographical), time-profile
# begin and IPE.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
DUMP="$abs_top_builddir/tests/eventlog-dump"

if ! have_corpus; then
	skip "ghc-events reference totals" "no ../shared/corpus"
	done_testing
	exit $?
fi

G="$CORPUS/eventlog/ghc-events"
for ref in "$G"/*.eventlog.reference; do
	log=${ref%.reference}
	name=$(basename "$log")
	awk '/^Events:/ { e = 1; next } e' "$ref" >"$T/events"
	lines=$(grep -cE '^[0-9]+: ' "$T/events" || true)
	blocks=$(grep -cE '^[0-9]+: (cap [0-9]+: )?event block: cap ' "$T/events" || true)
	is "$name: total = $lines event lines - $blocks block markers" \
		"$((lines - blocks))" "$(prof-summarize --events "$log" --total)"
	is "$name: block markers" "blocks: $blocks" \
		"$(prof-summarize --events "$log" | grep '^blocks:')"

	"$DUMP" "$log" >"$T/dump"
	for pat in 'GC stats for heap capset' 'heap stats for heap capset' \
		'wall clock time' 'RTS version' ': args: ' ': pid ' 'parent pid' \
		'cost centre [0-9]+ ' 'heap prof sample [0-9]+, residency' \
		'start heap profiling' 'start heap prof sample' 'end prof sample' \
		'Info Table:' 'start time profiling' 'allocated on heap' \
		'size of heap capset' 'live data in heap' 'owned by thread' \
		'creating thread' 'running thread' 'migrating thread' \
		'waking up thread' 'created cap ' 'assigned cap' 'removed cap'; do
		grep -E -- "$pat" "$T/events" | sort >"$T/want" || true
		[ -s "$T/want" ] || continue
		# the dump adds IPE fields and the STOP_THREAD status number
		grep -E -- "$pat" "$T/dump" |
			sed -E 's/ \[label .*//; s/\(status [0-9]+, /(/' |
			sort >"$T/got" || true
		if cmp -s "$T/want" "$T/got"; then
			_result 0 "$name: '$pat' lines ($(wc -l <"$T/want"))"
		else
			_result 1 "$name: '$pat' lines"
			diff "$T/want" "$T/got" | head -5 | sed 's/^/# /'
		fi
	done
done

# Logs without a reference: count against ghc-events itself when present.
if command -v ghc-events >/dev/null 2>&1; then
	for log in "$G/testlog.eventlog" "$CORPUS/eventlog/ghc-9.0.2/fibprof-N2-small.eventlog"; do
		want=$(ghc-events show "$log" | awk '/^Events:/ { e = 1; next } e' |
			grep -E '^[0-9]+: ' | grep -cvE 'event block: cap ' || true)
		is "$(basename "$log"): total = ghc-events show" "$want" \
			"$(prof-summarize --events "$log" --total)"
	done
else
	skip "totals against ghc-events show" "ghc-events not installed"
fi
done_testing
