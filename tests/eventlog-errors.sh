#!/bin/sh
# tests/eventlog-errors.sh - prof-summarize --events on damaged, truncated,
# pre-7.0, compressed and piped eventlogs.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
DUMP="$abs_top_builddir/tests/eventlog-dump"
H="$TEST_DATA/hostile"

one_line() { # name: stderr of the last command is exactly one line
	is "$1: one-line message" 1 "$(wc -l <"$T/.err" | tr -d ' ')"
}
stderr_has() { # name pattern
	if grep -q -- "$2" "$T/.err"; then _result 0 "$1"; else
		_result 1 "$1"; sed 's/^/# /' "$T/.err"; fi
}

## committed hostile files (test-data/hostile/README)
fails_with 1 "undeclared event id is an error" \
	prof-summarize --events "$H/undeclared-event-id.eventlog"
one_line "undeclared event id"
stderr_has "undeclared event id: names offset and type" \
	"undeclared-event-id.eventlog: offset 2113: event type 238 is not declared"

ok "size field past the end reads as a cut log" \
	prof-summarize --events "$H/size-field-past-end.eventlog" --total
is "size field past the end: events before it" 34 "$(cat "$T/.out")"
stderr_has "size field past the end: warning" "ends early"

fails_with 1 "size field too small: error" \
	prof-summarize --events "$H/size-field-too-small.eventlog"
one_line "size field too small"
stderr_has "size field too small: names an offset" ": offset [0-9]*: "

ok "block size past the end" \
	prof-summarize --events "$H/block-size-past-end.eventlog" --total
is "block size past the end: every event" 45 "$(cat "$T/.out")"

fails_with 1 "header cut" prof-summarize --events "$H/header-cut.eventlog"
stderr_has "header cut: says so" "offset 301: truncated eventlog header"

ok "cut mid-event" prof-summarize --events "$H/cut-mid-event.eventlog" --total
is "cut mid-event: complete events (as ghc-events show)" 22 "$(cat "$T/.out")"
stderr_has "cut mid-event: warning" "warning: .*ends early"
ok "cut mid-event, -q" prof-summarize -q --events "$H/cut-mid-event.eventlog" --total
is "cut mid-event: -q silences the warning" "" "$(cat "$T/.err")"

ok "future types and wider events" \
	prof-summarize --events "$H/future-types-and-wider-events.eventlog" --total
is "future types: original 45 events + 8 new" 53 "$(cat "$T/.out")"
# the same change on a GHC 9.0.2 log of the repository, made here
EV="$TEST_DATA/eventlog"
MH="$H/make-hostile.py"
if command -v python3 >/dev/null 2>&1; then
	python3 "$MH" --widen "$EV/ccprof-l.eventlog" "$T/wide.eventlog"
	"$DUMP" "$EV/ccprof-l.eventlog" >"$T/orig"
	"$DUMP" "$T/wide.eventlog" | grep -vE ': event 25[12] ' >"$T/wide"
	ok "ccprof-l widened: decodes exactly as the original (caps, fields)" \
		cmp "$T/orig" "$T/wide"
	runs=$(python3 "$MH" --stats "$EV/ccprof-l.eventlog" | awk '$1 == "type" && $2 == 1 { print $3 }')
	is "ccprof-l widened: every event plus two per RUN_THREAD" \
		"$(($(prof-summarize --events "$EV/ccprof-l.eventlog" --total) + 2 * runs))" \
		"$(prof-summarize --events "$T/wide.eventlog" --total)"
else
	skip "ccprof-l widened" "no python3"
fi
if have_corpus; then
	"$DUMP" "$CORPUS/eventlog/ghc-events/hello-ghc-8.6.5.eventlog" >"$T/orig"
	"$DUMP" "$H/future-types-and-wider-events.eventlog" |
		grep -vE ': event 25[12] ' >"$T/wide"
	ok "wider events decode exactly as the original (caps, fields)" \
		cmp "$T/orig" "$T/wide"
fi

ok "largest possible event (65535 bytes, gzipped)" \
	prof-summarize --events "$H/largest-event.eventlog.gz" --total
is "largest event: every event" 45 "$(cat "$T/.out")"
"$DUMP" "$H/largest-event.eventlog.gz" >"$T/large"
is "largest event: env payload decoded whole" 1 \
	"$(grep -c 'env: .*PROFKIT_PAD200=' "$T/large" || true)"

for f in "$H"/bitflip*.eventlog; do
	st=0
	prof-summarize --events "$f" >/dev/null 2>"$T/bf.err" || st=$?
	ok "$(basename "$f"): exit 0 or 1, no crash" test "$st" -le 1
	[ "$st" = 0 ] || is "$(basename "$f"): one-line message" 1 \
		"$(wc -l <"$T/bf.err" | tr -d ' ')"
done

## not an eventlog
: >"$T/empty"
fails_with 1 "empty file" prof-summarize --events "$T/empty"
stderr_has "empty file: not an eventlog" "not a GHC eventlog"
printf 'JOB "x"\n' >"$T/x.hp"
fails_with 1 "a .hp file" prof-summarize --events "$T/x.hp"
one_line "a .hp file"
fails_with 1 "missing file" prof-summarize --events "$T/nope.eventlog"

## pre-7.0 ThreadScope logs: refused, one line, exit 1 (the first bytes of
## two of them are kept in the repository as fuzz seeds: the layout is
## told by the header)
for f in "$abs_top_srcdir"/tests/fuzz/corpus/eventlog/pre70-*.eventlog; do
	n=$(basename "$f")
	fails_with 1 "$n (pre-7.0) refused" prof-summarize --events "$f"
	one_line "$n"
	stderr_has "$n: says pre-7.0" "pre-7.0 eventlog layout"
done

## truncated logs: all complete events, a warning, exit 0
ok "SIGKILLed -hc run" prof-summarize --events "$TEST_DATA/heap/leak-hc-killed.eventlog" --total
is "SIGKILLed -hc run: header only, 0 events" 0 "$(cat "$T/.out")"
stderr_has "SIGKILLed -hc run: warning" "ends early"
if command -v zstd >/dev/null 2>&1; then
	ok "SIGKILLed flood (one 2 MiB block, no end marker)" \
		prof-summarize --events "$EV/flood-killed.eventlog.zst" --total
	zstd -q -dc "$EV/flood-killed.eventlog.zst" >"$T/flood.eventlog"
	is "SIGKILLed flood: every event of the block" \
		"$(python3 "$MH" --stats "$T/flood.eventlog" | sed -n 's/^complete //p')" "$(cat "$T/.out")"
	stderr_has "SIGKILLed flood: warning" "ends early"
else
	skip "SIGKILLed flood" "no zstd program"
fi

# a cut at a byte inside an event of a real two-capability log (GHC 9.0.2,
# -N2 -p -l-au); expected figures from make-hostile.py's own parser
L="$EV/spans-N2-p-l-au.eventlog"
at=15001
python3 "$MH" --stats "$L" "$at" >"$T/want"
want_n=$(sed -n 's/^complete //p' "$T/want")
want_off=$(sed -n 's/^incomplete //p' "$T/want")
head -c "$at" "$L" >"$T/cut.eventlog"
ok "spans-N2 cut at byte $at" prof-summarize --events "$T/cut.eventlog" --total
is "spans-N2 cut: $want_n complete events" "$want_n" "$(cat "$T/.out")"
stderr_has "spans-N2 cut: warning names the offset of the cut ($want_off)" "offset $want_off: "
# cuts everywhere: never a crash; counts never go down as the cut moves on
cuts() { # LABEL LOG
	size=$(wc -c <"$2")
	prev=0 mono=0 bad=0 at=100
	while [ "$at" -lt "$size" ]; do
		head -c "$at" "$2" >"$T/cut.eventlog"
		st=0
		n=$(prof-summarize -q --events "$T/cut.eventlog" --total 2>/dev/null) || st=$?
		if [ "$st" = 0 ]; then
			[ "$n" -ge "$prev" ] || mono=1
			prev=$n
		elif [ "$st" != 1 ]; then bad=1; fi
		at=$((at + ${3:-173}))
	done
	is "$1: cuts every ${3:-173} bytes: exit 0 or 1 only" 0 "$bad"
	is "$1: cuts every ${3:-173} bytes: counts never decrease" 0 "$mono"
}
cuts spans-N2 "$L" 997

## stdin, pipes, compressed input
want=$(prof-summarize --events "$L" --total)
is "stdin" "$want" "$(prof-summarize --events - --total <"$L")"
is "pipe" "$want" "$(cat "$L" | prof-summarize --events - --total)"
gzip -c "$L" >"$T/l.eventlog.gz"
is ".gz" "$want" "$(prof-summarize --events "$T/l.eventlog.gz" --total)"
is ".gz through a pipe" "$want" \
	"$(cat "$T/l.eventlog.gz" | prof-summarize --events - --total)"
if command -v zstd >/dev/null 2>&1; then
	zstd -q -c "$L" >"$T/l.eventlog.zst"
	is ".zst" "$want" "$(prof-summarize --events "$T/l.eventlog.zst" --total)"
else
	skip ".zst" "no zstd program"
fi
head -c 15001 "$L" | gzip -c >"$T/cut.eventlog.gz"
ok "truncated .gz" prof-summarize --events "$T/cut.eventlog.gz" --total
is "truncated .gz: same $want_n events" "$want_n" "$(cat "$T/.out")"

## the report itself
ok "summary of spans-N2-p-l-au" prof-summarize --events "$L"
is "RTS identifier" "ghc: GHC-9.0.2 rts_thr_p" "$(grep '^ghc:' "$T/.out")"
is "capabilities" "capabilities: 2 (0..1)" "$(grep '^capabilities:' "$T/.out")"
markers=$(python3 "$MH" --stats "$L" | awk '$1 == "type" && $2 == 58 { print $3 }')
is "user markers counted ($markers: START, pure-value, END)" \
	"$(printf '%7d %10d    var  User marker' 58 "$markers")" \
	"$(grep ' User marker$' "$T/.out")"
ok "-o writes the summary" prof-summarize --events "$L" -o "$T/s.txt"
is "-o: same text" "$(prof-summarize --events "$L")" "$(cat "$T/s.txt")"
fails_with 1 "-o refuses to replace" prof-summarize --events "$L" -o "$T/s.txt"
ok "-o -f replaces" prof-summarize --events "$L" -o "$T/s.txt" -f
fails_with 2 "no --events is a usage error" prof-summarize

## ../shared/corpus: other GHC versions and other people's logs (extra)
if ! have_corpus; then
	echo "# no corpus at $CORPUS: its eventlogs are not read (extra cases)"
	done_testing
	exit $?
fi
for n in gray parfib tests_parfib tests_soda7 tests_warshall; do
	fails_with 1 "corpus $n (pre-7.0) refused" \
		prof-summarize --events "$CORPUS/eventlog/threadscope/$n.eventlog"
	one_line "corpus $n"
	stderr_has "corpus $n: says pre-7.0" "pre-7.0 eventlog layout"
done
for f in "$CORPUS"/eventlog/threadscope/*.eventlog; do
	case $(basename "$f") in gray.*|parfib.*|tests_*) continue ;; esac
	ok "corpus $(basename "$f") (GHC 7.x) reads" prof-summarize --events "$f" --total
done
ok "corpus testlog-part" prof-summarize --events \
	"$CORPUS/eventlog/ghc-events/testlog-part.eventlog" --total
is "corpus testlog-part: 715 complete events (ghc-events show agrees)" 715 "$(cat "$T/.out")"
stderr_has "corpus testlog-part: warning with the offset" "offset 10237: .*ends early"
ok "corpus SIGKILLed -hy run" prof-summarize --events \
	"$CORPUS/heap/ghc902-leak-hy-killed.eventlog" --total
is "corpus SIGKILLed -hy run: header only, 0 events" 0 "$(cat "$T/.out")"
L="$CORPUS/eventlog/ghc-9.0.2/fibprof-N2-small.eventlog"
head -c 15001 "$L" >"$T/cut.eventlog"
ok "corpus fibprof cut at byte 15001" prof-summarize --events "$T/cut.eventlog" --total
is "corpus fibprof cut: 303 complete events (ghc-events show agrees)" 303 "$(cat "$T/.out")"
stderr_has "corpus fibprof cut: warning names the offset of the cut" "offset 14992: "
cuts "corpus fibprof" "$L"
ok "corpus summary of fibprof-N2-small" prof-summarize --events "$L"
is "corpus fibprof: user markers counted" "     58          2    var  User marker" \
	"$(grep ' User marker$' "$T/.out")"
done_testing
