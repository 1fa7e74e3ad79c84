#!/bin/sh
# contrib/ci/bench-run.sh SIDE DIR - run the project's benchmarks in DIR
# (a checkout of the base or of the pull request) with the command in
# PROFKIT_BENCH, which writes its results to "$PROFKIT_BENCH_OUT": any
# format prof-compare reads (hyperfine --export-json, google-benchmark
# JSON, KEVM timing files, CSV, ...; or prof-bench's JSON).  The results
# are PROFKIT_CI_DIR/results/SIDE.
. "$(dirname "$0")/lib.sh"

[ $# = 2 ] || ci_die "usage: bench-run.sh base|pr DIR"
[ -n "${PROFKIT_BENCH:-}" ] || ci_die "PROFKIT_BENCH is not set"
mkdir -p "$CI_DIR/results"
PROFKIT_BENCH_OUT=$CI_DIR/results/$1
PROFKIT_BENCH_SIDE=$1
export PROFKIT_BENCH_OUT PROFKIT_BENCH_SIDE
rm -f "$PROFKIT_BENCH_OUT"
(cd "$2" && sh -c "$PROFKIT_BENCH") >&2 || ci_die "the benchmarks failed in $2"
[ -s "$PROFKIT_BENCH_OUT" ] || ci_die "PROFKIT_BENCH wrote nothing to \$PROFKIT_BENCH_OUT"
ci_say "$1: $(wc -c <"$PROFKIT_BENCH_OUT") bytes of results"
