#!/bin/sh
# tests/speedscope-fuzz-replay.sh - the eventlog2speedscope fuzz target over
# its seed corpus, the real fixtures and (when present) the real eventlogs
# of ../shared/corpus, under the build's sanitizers.  Each output must be
# JSON with balanced, non-decreasing evented profiles (see the target).
# replay_eventlog2speedscope prints the TAP itself; a crash or sanitizer
# report ends it without a plan.
#
# Seeds in tests/fuzz/corpus/eventlog2speedscope/: whole small logs from
# ../shared/corpus (time-prof and trace-binary-event from haskell/ghc-events
# test/, BSD-3-Clause; fibprof-N2-small, GHC 9.0.2) and the first N bytes
# (-headN) of test-data/eventlog fixtures.
set -eu
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${abs_top_builddir:=$abs_top_srcdir}"
: "${PROFKIT_CORPUS:=$abs_top_srcdir/../shared/corpus}"
set -- "$abs_top_srcdir/tests/fuzz/corpus/eventlog2speedscope" \
	"$abs_top_srcdir/test-data/eventlog"
[ -d "$abs_top_srcdir/test-data/hostile" ] && set -- "$@" "$abs_top_srcdir/test-data/hostile"
if [ -d "$PROFKIT_CORPUS" ]; then
	set -- "$@" "$PROFKIT_CORPUS/eventlog/ghc-events" \
		"$PROFKIT_CORPUS/eventlog/threadscope" \
		"$PROFKIT_CORPUS/eventlog/ghc-9.0.2/fibprof-N2-small.eventlog"
fi
exec "$abs_top_builddir/tests/fuzz/replay_eventlog2speedscope" "$@"
