#!/bin/sh
# bench/prof-bench-demo.sh [BUILDDIR [OUTDIR]] - what prof-bench shows, on
# the project's own program (the toy kore-exec of test-data/sample-report).
#
#   1. slowdown: a suite of 22 real kore-exec runs (fib and sumfib of
#      different sizes, two cut short by --depth) against two builds:
#        base  test-data/sample-report/bin on PATH
#        slow  the same binary with GHCRTS=-A8k: an 8 KiB allocation area
#              instead of the default 1 MiB, i.e. ~128x as many minor GCs.
#      A real slowdown of the RTS configuration, proportional to what a
#      test allocates: the 10 big tests (sumfib >= 19, fib >= 21) get
#      slower, the 12 small ones (a few ms, mostly process start) do not.
#      --rounds 5 --compare: the statistical table (only the 10 flagged);
#      --rounds 1 --compare: prof-compare --kevm on the two .data files,
#      checked against tests/compare/kevm-ref.py (the documented rule).
#   2. drift: an A/A comparison (both builds the same binary, nothing
#      changed) of 10 tests x 5 rounds where CPU hogs start after half of
#      the 100 runs (a neighbour job on the CI host).  Interleaved: clean.
#      --order sequential (all A, then all B): false regressions.
# Takes a few minutes; prints the tables.  Not part of `make check`.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
B=${1:-$here/build}
O=${2:-$PWD/prof-bench-demo}
PATH="$B/tools:$PATH"
bin=$here/test-data/sample-report/bin
def=$here/test-data/sample-report/report/definition.kore
[ ! -e "$O" ] || { echo "prof-bench-demo: $O exists" >&2; exit 1; }
mkdir -p "$O/w"
W=$O/w

pat() { # NAME FUN N
	printf '%s{}(\\dv{SortInt{}}("%s")%s)\n' "$2" "$3" \
		"$( [ "$2" = Lblsumfib ] && printf ', \\dv{SortInt{}}("0")' )" >"$W/$1.kore"
}
line() { # NAME [EXTRA]   (run in $W)
	printf '%s\tkore-exec definition.kore --module TOY-FIB --pattern %s.kore%s\n' \
		"$1" "$1" "${2:+ $2}"
}
cp "$def" "$W/definition.kore"
cd "$W"
{
	echo "# 22 kore-exec runs: 10 big (slowed by -A8k), 12 small"
	for n in 19 20 21 22 23; do pat sumfib-$n Lblsumfib $n; line sumfib-$n; done
	for n in 21 22 23 24 25; do pat fib-$n Lblfib $n; line fib-$n; done
	for n in 1 2 3 4 5 6; do pat sumfib-$n Lblsumfib $n; line sumfib-$n; done
	for n in 5 6 7 8; do pat fib-$n Lblfib $n; line fib-$n; done
	pat sumfib-25-depth50 Lblsumfib 25; line sumfib-25-depth50 "--depth 50"
	pat sumfib-25-depth200 Lblsumfib 25; line sumfib-25-depth200 "--depth 200"
} >"$W/suite.tsv"

echo "== 1a. --rounds 5: base vs slow (GHCRTS=-A8k), interleaved"
prof-bench -q --suite "$W/suite.tsv" --build base="$bin" \
	--build slow="$bin" --build-env slow GHCRTS=-A8k \
	--version-cmd 'kore-exec +RTS --info | sed -n 2,4p' --rounds 5 --compare \
	--out "$O/slow-5" | tee "$O/slow-5.table"

echo "== 1b. --rounds 1: the KEVM table of the two .data files"
prof-bench -q --suite "$W/suite.tsv" --build base="$bin" \
	--build slow="$bin" --build-env slow GHCRTS=-A8k \
	--version-cmd 'kore-exec +RTS --info | sed -n 2,4p' --rounds 1 --compare \
	--min-time 0.2 --out "$O/slow-1" | tee "$O/slow-1.table"
b1=$(ls "$O"/slow-1/KEVM-timing-*-base.data)
s1=$(ls "$O"/slow-1/KEVM-timing-*-slow.data)
prof-compare --kevm --min-time 0.2 "$b1" "$s1" >"$O/slow-1.prof-compare"
python3 "$here/tests/compare/kevm-ref.py" "$b1" "$s1" 0.2 >"$O/slow-1.ref"
if sed -n '/^|/p' "$O/slow-1.prof-compare" | cmp -s - "$O/slow-1.ref" &&
   cmp -s "$O/slow-1.prof-compare" "$O/slow-1/compare-base-slow.txt"; then
	echo "(prof-bench --compare = prof-compare --kevm = kevm-ref.py)"
else
	echo "(TABLES DIFFER: see $O/slow-1.*)"
fi

echo "== 2. drift: A/A, CPU hogs start after half of the runs"
for n in 01 02 03 04 05 06 07 08 09 10; do
	pat d$n Lblsumfib 18
	printf 'd%s\techo >>count; exec kore-exec definition.kore --module TOY-FIB --pattern d%s.kore\n' \
		"$n" "$n"
done >"$W/drift.tsv"
drift() { # ORDER
	: >"$W/count"
	(
		while [ "$(wc -l <"$W/count")" -lt 50 ]; do sleep 0.05; done
		for i in 1 2 3 4; do
			sh -c 'while :; do :; done' & echo $! >>"$W/hogs"
		done
		wait
	) &
	watcher=$!
	prof-bench -q --suite "$W/drift.tsv" --build A="$bin" --build B="$bin" \
		--rounds 5 --order "$1" --compare --out "$O/drift-$1" |
		tee "$O/drift-$1.table"
	[ ! -f "$W/hogs" ] || kill $(cat "$W/hogs") 2>/dev/null || :
	rm -f "$W/hogs"
	kill "$watcher" 2>/dev/null || :
	wait "$watcher" 2>/dev/null || :
}
echo "-- interleaved"
drift interleaved
echo "-- sequential (all A, then all B)"
drift sequential
