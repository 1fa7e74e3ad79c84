#!/bin/sh
# tests/eventlog-fuzz-replay.sh - the eventlog fuzz target over its seed
# corpus, the hostile inputs, test-data's eventlogs and (when present)
# every real eventlog of
# ../shared/corpus, under the build's sanitizers.  replay_eventlog prints
# the TAP itself; a crash or sanitizer report ends it without a plan.
#
# Seeds in tests/fuzz/corpus/eventlog/ are whole small logs or the first
# N bytes (-headN) of logs from ../shared/corpus (see its INDEX.md):
# haskell/ghc-events test/ logs (BSD-3-Clause), a GHC 9.0.2 run, two
# pre-7.0 ThreadScope logs, and a .gz and a .zst copy.
set -eu
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${abs_top_builddir:=$abs_top_srcdir}"
: "${PROFKIT_CORPUS:=$abs_top_srcdir/../shared/corpus}"
set -- "$abs_top_srcdir/tests/fuzz/corpus/eventlog" "$abs_top_srcdir/test-data/hostile" \
	"$abs_top_srcdir/test-data/eventlog" "$abs_top_srcdir/test-data/heap"
if [ -d "$PROFKIT_CORPUS" ]; then
	set -- "$@" "$PROFKIT_CORPUS/eventlog/ghc-events" \
		"$PROFKIT_CORPUS/eventlog/threadscope" \
		"$PROFKIT_CORPUS/eventlog/ghc-9.0.2/fibprof-N2-small.eventlog" \
		"$PROFKIT_CORPUS/heap"
fi
exec "$abs_top_builddir/tests/fuzz/replay_eventlog" "$@"
