#!/bin/sh
# tests/output-policy.sh - the one output-file policy (src/output.h) and
# the process set-up of the front end (fe/fe.h), across every tool that
# writes with -o: non-regular targets are written in place and never
# replaced, -o /dev/null needs no -f, a bad input leaves no temporary
# file, a killed run's temporary files are cleaned by the next run, and
# closed fds 0-2 are reopened on /dev/null (issue 21, items 2, 4 and 9).
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

PROF="$TEST_DATA/prof/ccprof-P.prof"
EL="$TEST_DATA/eventlog/ccprof-p-l-au.eventlog"
HP="$TEST_DATA/heap/leak-hc.hp"
cd "$T"

# run CMD... with stdout to FILE: to_file FILE CMD...
to_file() { _f=$1; shift; "$@" >"$_f"; }

# tool:its arguments besides -o (one good input)
while IFS=: read -r tool args; do
	# shellcheck disable=SC2086
	set -- $args
	ok "$tool -o /dev/null without -f" "$tool" -o /dev/null "$@"
	ok "$tool -o /dev/null -f" "$tool" -f -o /dev/null "$@"
	ok "... /dev/null is still a character device" test -c /dev/null
	"$tool" "$@" >"$T/$tool.want" 2>/dev/null || true
	ok "$tool -o /dev/stdout" to_file "$T/$tool.got" "$tool" -o /dev/stdout "$@"
	ok "... writes what stdout gets" cmp "$T/$tool.want" "$T/$tool.got"
	rm -f fifo
	mkfifo fifo
	timeout 20 cat fifo >"$T/$tool.fifo" &
	reader=$!
	ok "$tool -o FIFO -f" "$tool" -f -o fifo "$@"
	wait "$reader" || true
	ok "... the FIFO is still a FIFO" test -p fifo
	ok "... and the reader got the output" cmp "$T/$tool.want" "$T/$tool.fifo"
	ln -sf /proc/self/fd/1 viafd
	ok "$tool -o symlink-to-/proc/self/fd/1 -f" to_file "$T/$tool.fd" "$tool" -f -o viafd "$@"
	ok "... the symlink stays a symlink" test -L viafd
	ok "... and stdout got the output" cmp "$T/$tool.want" "$T/$tool.fd"
	echo keep >regular
	fails_with 1 "$tool -o an existing regular file without -f" "$tool" -o regular "$@"
	is "... left alone" "keep" "$(cat regular)"
	ok "$tool with fd 2 closed" sh -c '"$0" -o out.fd2 "$@" 2>&-' "$tool" "$@"
	ok "... the output is the output, no warning in it" cmp "$T/$tool.want" out.fd2
	ok "$tool -o FILE with fd 1 closed" sh -c '"$0" -o out.fd1 "$@" >&-' "$tool" "$@"
	rm -f regular out.fd2 out.fd1
done <<EOF
prof2speedscope:$PROF
eventlog2speedscope:$EL
heap2svg:--format=svg $HP
prof-summarize:$PROF
prof-compare:$PROF $PROF
EOF

# a bad input: nothing is created, not even for a moment
printf 'not an eventlog' >junk
fails_with 1 "eventlog2speedscope on junk fails" eventlog2speedscope -o j.json junk
is "... and leaves no file at all" "" "$(ls -a | grep 'j\.json' || true)"

# stale temporary files of a killed run: ours (dead pid, old) are removed,
# a live process's, a fresh one and other names stay
sh -c 'exit 0' & dead=$!; wait $dead
touch -d '10 minutes ago' ".x.json.tmp.$dead.AbC123" ".x.json.tmpAbC123" \
	".x.json.tmp.$$.AbC123" ".y.json.tmp.$dead.AbC123"
touch ".x.json.tmp.$dead.Fresh1"
ok "a run next to stale temporary files" prof2speedscope -o x.json "$PROF"
ok "... a dead run's old temporary file is removed" test ! -e ".x.json.tmp.$dead.AbC123"
ok "... a live process's stays" test -e ".x.json.tmp.$$.AbC123"
ok "... a fresh one stays" test -e ".x.json.tmp.$dead.Fresh1"
ok "... an old-style name stays" test -e ".x.json.tmpAbC123"
ok "... another target's stays" test -e ".y.json.tmp.$dead.AbC123"

# prof-extract's temporary directory: not created for an input it cannot
# open; a killed extraction's old directory is removed by the next one
mkdir ex && cd ex
fails_with 1 "prof-extract of a missing tarball fails" prof-extract -C out no-such.tar.gz
is "... and creates nothing" "" "$(ls -A)"
mkdir ".prof-extract.$dead.AbC123" ".prof-extract.$$.AbC123"
echo partial >".prof-extract.$dead.AbC123/big"
touch -d '10 minutes ago' ".prof-extract.$dead.AbC123" ".prof-extract.$$.AbC123"
ok "an extraction next to a killed one's directory" prof-extract -C out "$TEST_DATA/sample-report.tar.gz"
ok "... the dead run's directory is removed" test ! -e ".prof-extract.$dead.AbC123"
ok "... a live process's stays" test -d ".prof-extract.$$.AbC123"
is "... nothing else is left" ".prof-extract.$$.AbC123 out" "$(ls -A | tr '\n' ' ' | sed 's/ $//')"
cd ..
done_testing
