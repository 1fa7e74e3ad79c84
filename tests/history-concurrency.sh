#!/bin/sh
# tests/history-concurrency.sh - parallel CI jobs and crashes.
#  - two `record` processes at once, 50 rounds, starting on a database
#    that does not exist yet: every run and every sample lands;
#  - `kill -9` while `record` is writing leaves a consistent database:
#    PRAGMA integrity_check is ok, the killed run is absent (not half
#    there), and the next record works.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

db="$T/par.sqlite"
# 100 different result files (5 benchmarks x 6 samples each)
awk -v dir="$T" 'BEGIN {
	for (f = 0; f < 100; f++) {
		out = dir "/r" f ".csv"
		for (b = 0; b < 5; b++)
			for (s = 0; s < 6; s++)
				printf "bench%d,%.6f,s\n", b, 0.001 * (f + 1) + b + s / 1000 >out
		close(out)
	}
}'

fails=0
r=0
while [ $r -lt 50 ]; do
	a=$((2 * r)); b=$((2 * r + 1))
	prof-history --db "$db" -q record --input-format csv --branch ci \
		--commit "c$a" "$T/r$a.csv" 2>>"$T/par.err" &
	pa=$!
	prof-history --db "$db" -q record --input-format csv --branch ci \
		--commit "c$b" "$T/r$b.csv" 2>>"$T/par.err" &
	pb=$!
	wait $pa || fails=$((fails + 1))
	wait $pb || fails=$((fails + 1))
	r=$((r + 1))
done
is "100 parallel records succeed" 0 "$fails"
[ -s "$T/par.err" ] && sed 's/^/# /' "$T/par.err" | head -5
prof-history --db "$db" list --format json >"$T/list.json"
is "100 runs stored" 100 "$(grep -c '"run":' "$T/list.json")"
is "every run has its 30 samples" 100 "$(grep -c '"samples": 30,' "$T/list.json")"
is "commits are all distinct" 100 \
	"$(grep '"commit":' "$T/list.json" | sort -u | wc -l | tr -d ' ')"
prof-history --db "$db" export --format csv >"$T/all.csv"
is "3000 samples exported" 3001 "$(wc -l <"$T/all.csv" | tr -d ' ')"
if command -v sqlite3 >/dev/null 2>&1; then
	is "integrity after parallel writes" ok \
		"$(sqlite3 "$db" 'PRAGMA integrity_check')"
else
	skip "integrity after parallel writes" "no sqlite3 shell"
fi

# ---- kill -9 in the middle of a record
db="$T/kill.sqlite"
prof-history --db "$db" -q record --input-format csv --commit base "$T/r0.csv"
# a big result: 100 benchmarks x 3000 samples
awk 'BEGIN { for (b = 0; b < 100; b++) for (s = 0; s < 3000; s++)
	printf "big%d,%.6f,s\n", b, 1 + b + s / 1e6 }' >"$T/big.csv"
mid=0
tries=0
while [ $tries -lt 6 ] && [ $mid -lt 2 ]; do
	tries=$((tries + 1))
	before=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
	prof-history --db "$db" -q record --input-format csv \
		--commit "big$tries" "$T/big.csv" 2>/dev/null &
	pid=$!
	# wait until it is writing (the WAL grows), then kill it
	n=0
	while kill -0 $pid 2>/dev/null && [ $n -lt 3000 ]; do
		now=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
		[ "$now" -gt "$before" ] && [ "$now" -gt 200000 ] && break
		sleep 0.01
		n=$((n + 1))
	done
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	prof-history --db "$db" list --format json >"$T/k.json" ||
		echo "# list failed after kill $tries"
	if grep -q "\"commit\": \"big$tries\"" "$T/k.json"; then
		# finished before the kill: it must be complete
		is "run big$tries complete" 1 \
			"$(grep -A12 "\"commit\": \"big$tries\"" "$T/k.json" | grep -c '"samples": 300000')"
	else
		mid=$((mid + 1))
	fi
	if command -v sqlite3 >/dev/null 2>&1; then
		is "integrity after kill -9 #$tries" ok \
			"$(sqlite3 "$db" 'PRAGMA integrity_check')"
	fi
	is "no partial samples after kill -9 #$tries" 0 \
		"$(grep '"samples":' "$T/k.json" | grep -v -c -e '"samples": 30,' -e '"samples": 300000' || true)"
done
echo "# $mid of $tries kills landed while record was writing"
ok "at least one kill landed mid-write" test $mid -ge 1
ok "record works after the crashes" prof-history --db "$db" -q record \
	--input-format csv --commit after "$T/r1.csv"
prof-history --db "$db" list --format json >"$T/k.json"
is "the base run survived" 1 "$(grep -c '"commit": "base"' "$T/k.json")"

done_testing
