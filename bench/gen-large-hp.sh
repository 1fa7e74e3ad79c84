#!/bin/sh
# bench/gen-large-hp.sh CACHE_DIR - make a large real .hp for benchmarks.
#
# Generates a Haskell program (6 layers of 10 functions returning lists,
# each calling 2 of the next layer) that keeps its last 3 rounds of results
# alive, so the heap is held under ~1100 cost-centre stacks.  Builds it with
#   ghc -prof -fprof-auto-calls -rtsopts
# and runs it with +RTS -hc -i0.001 until the .hp passes 52 MB, then stops
# it with SIGINT (orderly exit: the last sample is complete).  Writes
# CACHE_DIR/large-hc.hp (~52 MB, ~4300 samples, ~1500 band names) and
# prints its path; does nothing if it is already there.
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
pid=
trap '[ -z "$pid" ] || kill -s KILL "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
. "$here/gen-lib.sh"
gen_dag_program "$tmp" list 6 10 2
(cd "$tmp" && "${GHC:-ghc}" -v0 -prof -fprof-auto-calls -rtsopts -outputdir o Main.hs -o daghp)
# Run "forever"; once the .hp (flushed after every census) passes the
# target size, SIGINT: the RTS shuts down in order and writes its final
# sample, so the file is complete and about the same size on any machine.
target=${TARGET_BYTES:-52000000}
(cd "$tmp" && exec ./daghp 1000000000 +RTS -hc -i0.001 -RTS >/dev/null) &
pid=$!
hpsize() { if [ -f "$1" ]; then wc -c <"$1"; else echo 0; fi; }
while [ "$(hpsize "$tmp/daghp.hp")" -lt "$target" ]; do
	kill -0 "$pid" 2>/dev/null || { echo "$prog: the program ended early" >&2; exit 1; }
	sleep 0.2
done
kill -s INT "$pid"
wait "$pid" || :
pid=
size=$(wc -c <"$tmp/daghp.hp")
[ "$size" -ge "$min" ] || { echo "$prog: only $size bytes" >&2; exit 1; }
tail -n 1 "$tmp/daghp.hp" | grep -q '^END_SAMPLE' || { echo "$prog: .hp incomplete" >&2; exit 1; }
mv "$tmp/daghp.hp" "$out.tmp" && mv "$out.tmp" "$out"
echo "$out"
