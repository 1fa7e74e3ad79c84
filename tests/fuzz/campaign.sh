#!/bin/sh
# tests/fuzz/campaign.sh - a bounded libFuzzer campaign over every target.
#
#   sh tests/fuzz/campaign.sh BUILDDIR WORKDIR [SECONDS]
#
# BUILDDIR was configured with --enable-fuzz CC=clang (every fuzz_NAME
# links the instrumented libprofkit-fuzz.a).  Each target runs alone
# (-jobs=1, nice) for SECONDS (default 240) from a copy of its corpus in
# tests/fuzz/corpus/NAME; new inputs land in WORKDIR/NAME, crashes in
# WORKDIR/crash-NAME-*.  Prints one line per target: executions, edges
# covered of the instrumented total, corpus size, crashes.  Results of the
# recorded campaigns are in tests/fuzz/CAMPAIGN.md.
set -u
B=$1; W=$2; S=${3:-240}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$W"
for t in eventlog eventlog2speedscope hp prof bench history script archive; do
	mkdir -p "$W/$t"
	cp -n "$SRC/tests/fuzz/corpus/$t"/* "$W/$t/" 2>/dev/null
	log="$W/$t.log"
	(cd "$W" && TMPDIR="$W" nice -n 19 "$B/tests/fuzz/fuzz_$t" -max_total_time="$S" \
		-rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
		-artifact_prefix="$W/crash-$t-" "$W/$t" >"$log" 2>&1)
	total=$(sed -n 's/.*(\([0-9]*\) inline 8-bit counters).*/\1/p' "$log" | head -1)
	last=$(grep -E '^#[0-9]+' "$log" | tail -1)
	runs=$(grep 'stat::number_of_executed_units' "$log" | tr -dc 0-9)
	cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
	crashes=$(ls "$W" | grep -c "^crash-$t-" || true)
	echo "$t runs=$runs cov=$cov/$total corpus=$corp crashes=$crashes"
done
