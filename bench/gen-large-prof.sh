#!/bin/sh
# bench/gen-large-prof.sh CACHE_DIR - make a large real .prof for benchmarks.
#
# Generates a Haskell program with 80 functions in 8 layers (each calls 3 of
# the next layer: 21870 call paths), builds it with
#   ghc -prof -fprof-auto-calls -rtsopts
# (every call site is a cost centre) and runs it with +RTS -pa, which lists
# every cost-centre stack.  Writes CACHE_DIR/large-pa.prof (~29 MB, ~198 k
# lines with GHC 9.0.2) and prints its path.  Does nothing if that file is
# already there (delete it to regenerate).  Needs ghc + ghc-prof.
# Not committed: the output is too big; the generator is the fixture.
set -eu
prog=gen-large-prof.sh
[ $# = 1 ] || { echo "usage: $prog CACHE_DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
cache=$(cd "$1" && pwd)
out=$cache/large-pa.prof
min=20000000
if [ -f "$out" ] && [ "$(wc -c <"$out")" -ge "$min" ]; then
	echo "$out"; exit 0
fi
command -v "${GHC:-ghc}" >/dev/null || { echo "$prog: ghc not found (sh scripts/deps.sh --ghc)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/profkit-genprof.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$here/gen-lib.sh"
gen_dag_program "$tmp" int 8 10 3
(cd "$tmp" && "${GHC:-ghc}" -v0 -prof -fprof-auto-calls -rtsopts -outputdir o Main.hs -o dagprof)
(cd "$tmp" && ./dagprof 5 +RTS -pa -RTS >/dev/null)
size=$(wc -c <"$tmp/dagprof.prof")
[ "$size" -ge "$min" ] || echo "$prog: warning: only $size bytes" >&2
mv "$tmp/dagprof.prof" "$out.tmp" && mv "$out.tmp" "$out"
echo "$out"
