#!/bin/sh
# tests/fuzz/campaign.sh - a libFuzzer campaign over every target.
#
#   sh tests/fuzz/campaign.sh BUILDDIR WORKDIR [LIMIT [TARGET...]]
#
# BUILDDIR was configured with --enable-fuzz CC=clang (every fuzz_NAME
# links the instrumented libprofkit-fuzz.a).  LIMIT is SECONDS per target
# (default 240) or NUMBERr, a number of executions (10000000r: 10 M).
# Each target runs alone (-jobs=1, nice -n 19; FORK=N in the environment
# runs N forked workers instead) from a copy of its corpus in
# tests/fuzz/corpus/NAME, inputs capped at a size per format (max below:
# at least the largest seed).  New inputs land in WORKDIR/NAME, crashes in
# WORKDIR/crash-NAME-*, the log in WORKDIR/NAME.log; the targets'
# temporary files (fuzz_archive's extractions) in FUZZ_TMPDIR if set (a
# tmpfs such as /dev/shm is several times faster), else in WORKDIR.
# Prints one line per target: executions, exec/s, edges covered at the
# start -> end / instrumented, features, corpus size, peak RSS, crashes.
# A UBSan-only build (make FUZZ_SAN=undefined) runs faster; replay its
# corpus with the ASan+UBSan targets (-runs=0 WORKDIR/NAME).
# Results of the recorded campaigns are in tests/fuzz/CAMPAIGN.md.
set -u
B=$1; W=$2; L=${3:-240}
[ $# -gt 3 ] && shift 3 || set -- eventlog eventlog2speedscope hp prof bench history script archive
SRC=$(cd "$(dirname "$0")/../.." && pwd)
case $L in
*r) limit="-runs=${L%r}" ;;
*) limit="-max_total_time=$L" ;;
esac
mkdir -p "$W"
for t in "$@"; do
	case $t in
	eventlog|eventlog2speedscope) max=32768 ;;
	hp|archive) max=16384 ;;
	script) max=1024 ;;
	*) max=4096 ;;
	esac
	mkdir -p "$W/$t"
	cp -n "$SRC/tests/fuzz/corpus/$t"/* "$W/$t/" 2>/dev/null
	log="$W/$t.log"
	par=
	[ -n "${FORK:-}" ] && par="-fork=$FORK -ignore_crashes=1"
	(cd "$W" && TMPDIR="${FUZZ_TMPDIR:-$W}" nice -n 19 "$B/tests/fuzz/fuzz_$t" $limit $par \
		-max_len=$max -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
		-artifact_prefix="$W/crash-$t-" "$W/$t" >"$log" 2>&1)
	total=$(sed -n 's/.*(\([0-9]*\) inline 8-bit counters).*/\1/p' "$log" | head -1)
	first=$(grep -a -E '^#[0-9]+.*INITED' "$log" | head -1)
	last=$(grep -a -E '^#[0-9]+' "$log" | tail -1)
	runs=$(grep -a 'stat::number_of_executed_units' "$log" | tr -dc 0-9)
	eps=$(grep -a 'stat::average_exec_per_sec' "$log" | tr -dc 0-9)
	rss=$(grep -a 'stat::peak_rss_mb' "$log" | tr -dc 0-9)
	cov0=$(echo "$first" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
	crashes=$(ls "$W" | grep -c "^crash-$t-" || true)
	echo "$t runs=$runs exec/s=$eps cov=$cov0->$cov/$total ft=$ft corpus=$corp rss=${rss}MB max_len=$max crashes=$crashes"
done
