#!/bin/sh
# tests/eventlog-reference.sh - the reader against `ghc-events show` dumps.
#
# test-data/reference/NAME.eventlog.reference.gz, written for five of the
# repository's eventlogs by test-data/make-fixtures.sh with Debian's
# ghc-events 0.17 (src/evshow), and, when ../shared/corpus is there, every
# eventlog in corpus/eventlog/ghc-events/ with a NAME.reference (extra
# cases).  A reference lists, after "Events:", one line per event ("TIME:
# [cap N: ]text", sorted by time).  The corpus's, from older ghc-events,
# also list the block markers ("event block: cap N, end time: T") as lines
# of their own, each followed by a blank line; ghc-events 0.17 leaves them
# out.  prof-summarize counts events without block markers (they only
# delimit per-capability buffers), so the expected total is (lines starting
# with "TIME: ") - (block-marker lines), and the "blocks:" figure must
# equal the number of block-marker lines when there are any.
#
# Then typed fields: for each kind of line below, the reference's lines of
# that kind must equal (as a sorted multiset) those tests/eventlog-dump
# prints from the decoded fields, which covers threads, GC stats (50 and
# 58 bytes), heap info/sizes, wall clock, RTS id, args, pid, cost centres,
# heap-profile begin/samples (string, stack, biographical), time-profile
# begin and IPE.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
DUMP="$abs_top_builddir/tests/eventlog-dump"

check() { # NAME LOG (the reference's events in $T/events)
	name=$1 log=$2
	lines=$(grep -cE '^[0-9]+: ' "$T/events" || true)
	blocks=$(grep -cE '^[0-9]+: (cap [0-9]+: )?event block: cap ' "$T/events" || true)
	is "$name: total = $lines event lines - $blocks block markers" \
		"$((lines - blocks))" "$(prof-summarize --events "$log" --total)"
	[ "$blocks" = 0 ] || is "$name: block markers" "blocks: $blocks" \
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
		# ghc-events 0.17 separates a cost-centre stack's ids with ", "
		grep -E -- "$pat" "$T/events" |
			sed -E ':a
				s/(cost centre stack [0-9 ]*[0-9]), ([0-9])/\1 \2/
				ta' | sort >"$T/want" || true
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
}

for ref in "$TEST_DATA"/reference/*.eventlog.reference.gz; do
	name=$(basename "${ref%.reference.gz}")
	log=$(ls "$TEST_DATA"/eventlog/"$name" "$TEST_DATA"/heap/"$name" 2>/dev/null | head -n 1)
	gzip -dc "$ref" | awk '/^Events:/ { e = 1; next } e' >"$T/events"
	check "$name" "$log"
done
n=$(ls "$TEST_DATA"/reference/*.eventlog.reference.gz | wc -l)
ok "five test-data references ($n)" test "$n" -ge 5

if ! have_corpus; then
	echo "# no corpus at $CORPUS: its ghc-events references are not compared (extra cases)"
	done_testing
	exit $?
fi
G="$CORPUS/eventlog/ghc-events"
for ref in "$G"/*.eventlog.reference; do
	log=${ref%.reference}
	awk '/^Events:/ { e = 1; next } e' "$ref" >"$T/events"
	check "corpus $(basename "$log")" "$log"
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
