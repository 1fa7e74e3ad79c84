#!/bin/sh
# bench/gen-large-hp.sh CACHE_DIR - make a large real .hp for benchmarks.
#
# Generates a Haskell program (6 layers of 10 functions returning lists,
# each calling 2 of the next layer) that keeps its last 3 rounds of results
# alive, so the heap is held under ~1100 cost-centre stacks.  Builds it with
#   ghc -prof -fprof-auto-calls -rtsopts
# and runs it with +RTS -hc -i0.001 for ROUNDS rounds, doubling ROUNDS
# until the .hp is at least 50 MB (samples come per mutator CPU second, so
# the size depends on the machine).  Writes CACHE_DIR/large-hc.hp (~60 MB at 4000 rounds,
# ~5000 samples) and prints its path; does nothing if it is already there.
# Needs ghc + ghc-prof.  Not committed.
set -eu
prog=gen-large-hp.sh
[ $# = 1 ] || { echo "usage: $prog CACHE_DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
cache=$(cd "$1" && pwd)
out=$cache/large-hc.hp
min=50000000
if [ -f "$out" ] && [ "$(wc -c <"$out")" -ge "$min" ]; then
	echo "$out"; exit 0
fi
command -v "${GHC:-ghc}" >/dev/null || { echo "$prog: ghc not found (sh scripts/deps.sh --ghc)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/profkit-genhp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$here/gen-lib.sh"
gen_dag_program "$tmp" list 6 10 2
(cd "$tmp" && "${GHC:-ghc}" -v0 -prof -fprof-auto-calls -rtsopts -outputdir o Main.hs -o daghp)
rounds=${ROUNDS:-4000}
tries=0
while :; do
	(cd "$tmp" && rm -f daghp.hp && ./daghp "$rounds" +RTS -hc -i0.001 -RTS >/dev/null)
	size=$(wc -c <"$tmp/daghp.hp")
	[ "$size" -lt "$min" ] || break
	tries=$((tries + 1))
	[ "$tries" -lt 4 ] || { echo "$prog: only $size bytes after $tries tries" >&2; exit 1; }
	rounds=$((rounds * 2))
	echo "$prog: $size bytes, again with $rounds rounds" >&2
done
mv "$tmp/daghp.hp" "$out.tmp" && mv "$out.tmp" "$out"
echo "$out"
