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
if have_corpus; then
	"$DUMP" "$CORPUS/eventlog/ghc-events/hello-ghc-8.6.5.eventlog" >"$T/orig"
	"$DUMP" "$H/future-types-and-wider-events.eventlog" |
		grep -vE ': event 25[12] ' >"$T/wide"
	ok "wider events decode exactly as the original (caps, fields)" \
		cmp "$T/orig" "$T/wide"
else
	skip "wider events decode as the original" "no corpus"
fi

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

if ! have_corpus; then
	skip "corpus cases" "no ../shared/corpus"
	done_testing
	exit $?
fi

## pre-7.0 ThreadScope logs: refused, one line, exit 1
for n in gray parfib tests_parfib tests_soda7 tests_warshall; do
	fails_with 1 "$n (pre-7.0) refused" \
		prof-summarize --events "$CORPUS/eventlog/threadscope/$n.eventlog"
	one_line "$n"
	stderr_has "$n: says pre-7.0" "pre-7.0 eventlog layout"
done
for f in "$CORPUS"/eventlog/threadscope/*.eventlog; do
	case $(basename "$f") in gray.*|parfib.*|tests_*) continue ;; esac
	ok "$(basename "$f") (GHC 7.x) reads" prof-summarize --events "$f" --total
done

## truncated logs: all complete events, a warning, exit 0
ok "testlog-part" prof-summarize --events \
	"$CORPUS/eventlog/ghc-events/testlog-part.eventlog" --total
is "testlog-part: 715 complete events (ghc-events show agrees)" 715 "$(cat "$T/.out")"
stderr_has "testlog-part: warning with the offset" "offset 10237: .*ends early"
ok "SIGKILLed -hy run" prof-summarize --events \
	"$CORPUS/heap/ghc902-leak-hy-killed.eventlog" --total
is "SIGKILLed -hy run: header only, 0 events" 0 "$(cat "$T/.out")"
stderr_has "SIGKILLed -hy run: warning" "ends early"

# a cut at a byte inside an event of a real two-capability log
L="$CORPUS/eventlog/ghc-9.0.2/fibprof-N2-small.eventlog"
head -c 15001 "$L" >"$T/cut.eventlog"
ok "fibprof cut at byte 15001" prof-summarize --events "$T/cut.eventlog" --total
is "fibprof cut: 303 complete events (ghc-events show agrees)" 303 "$(cat "$T/.out")"
stderr_has "fibprof cut: warning names the offset of the cut" "offset 14992: "
# cuts everywhere: never a crash; counts never go down as the cut moves on
size=$(wc -c <"$L")
prev=0 mono=0 bad=0 at=100
while [ "$at" -lt "$size" ]; do
	head -c "$at" "$L" >"$T/cut.eventlog"
	st=0
	n=$(prof-summarize -q --events "$T/cut.eventlog" --total 2>/dev/null) || st=$?
	if [ "$st" = 0 ]; then
		[ "$n" -ge "$prev" ] || mono=1
		prev=$n
	elif [ "$st" != 1 ]; then bad=1; fi
	at=$((at + 173))
done
is "cuts every 173 bytes: exit 0 or 1 only" 0 "$bad"
is "cuts every 173 bytes: counts never decrease" 0 "$mono"

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
is "truncated .gz: same 303 events" 303 "$(cat "$T/.out")"

## the report itself
ok "summary of fibprof-N2-small" prof-summarize --events "$L"
is "RTS identifier" "ghc: GHC-9.0.2 rts_thr_p" "$(grep '^ghc:' "$T/.out")"
is "capabilities" "capabilities: 2 (0..1)" "$(grep '^capabilities:' "$T/.out")"
is "user markers counted" "     58          2    var  User marker" \
	"$(grep ' User marker$' "$T/.out")"
ok "-o writes the summary" prof-summarize --events "$L" -o "$T/s.txt"
is "-o: same text" "$(prof-summarize --events "$L")" "$(cat "$T/s.txt")"
fails_with 1 "-o refuses to replace" prof-summarize --events "$L" -o "$T/s.txt"
ok "-o -f replaces" prof-summarize --events "$L" -o "$T/s.txt" -f
fails_with 2 "no --events is a usage error" prof-summarize
done_testing
