#!/bin/sh
# bench/run.sh BUILDDIR - `make bench`: run every bench/bench-*.sh in turn.
# Benchmarks print figures (throughput, peak RSS, ratios against the
# reference tools measured in the same run); they never pass or fail.
# Inputs come from ../shared/corpus (PROFKIT_CORPUS) and from generators
# that the pieces run themselves; scratch space is $BENCH_TMP.
set -eu
export LC_ALL=C
BUILD=$(cd "${1:-.}" && pwd)
SRC=$(cd "$(dirname "$0")/.." && pwd)
PROFKIT_CORPUS=${PROFKIT_CORPUS:-$SRC/../shared/corpus}
BENCH_TMP=${BENCH_TMP:-$(mktemp -d "${TMPDIR:-/tmp}/profkit-bench.XXXXXX")}
PATH="$BUILD/converters:$BUILD/tools:$PATH"
export BUILD SRC PROFKIT_CORPUS BENCH_TMP PATH
. "$SRC/bench/lib.sh"
for b in "$SRC"/bench/bench-*.sh; do
	[ -f "$b" ] || continue
	echo "== $(basename "$b" .sh)"
	sh "$b" || echo "   (failed: $(basename "$b"))"
done
