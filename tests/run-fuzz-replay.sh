#!/bin/sh
# tests/run-fuzz-replay.sh - replay the fuzz corpora of the report-script
# parser and of safe extraction (plus the sample report) under the
# sanitizers the build was configured with.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
F="$abs_top_builddir/tests/fuzz"
C="$abs_top_srcdir/tests/fuzz/corpus"
TMPDIR=$T; export TMPDIR
ok "replay_script over its corpus" "$F/replay_script" "$C/script" "$TEST_DATA/sample-report/report/kore-exec.sh"
is "replay_script: every input ran" "$(ls "$C/script" | wc -l | awk '{print $1 + 1}')" "$(grep -c '^ok' "$T/.out")"
ok "replay_archive over its corpus" "$F/replay_archive" "$C/archive" "$TEST_DATA/sample-report.tar.gz"
is "replay_archive: every input ran" "$(ls "$C/archive" | wc -l | awk '{print $1 + 1}')" "$(grep -c '^ok' "$T/.out")"
# every replay driver refuses to pass on nothing: an empty or moved corpus
mkdir "$T/empty-corpus"
for r in archive bench eventlog eventlog2speedscope history hp prof script; do
	fails_with 1 "replay_$r: an empty corpus is a failure" "$F/replay_$r" "$T/empty-corpus"
	fails_with 1 "replay_$r: a missing corpus is a failure" "$F/replay_$r" "$T/no-such-corpus"
done
done_testing
