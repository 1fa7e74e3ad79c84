#!/bin/sh
# bench/gen-prof-big.sh OUTFILE [LAYERS] - write a large, real GHC -pa
# cost-centre profile for bench/bench-prof.sh.
#
# The program is generated: LAYERS layers of two functions, each calling
# both functions of the next layer, so every path through the layers is a
# distinct cost-centre stack (2^LAYERS of them).  Built with
# `ghc -prof -fprof-auto -fprof-auto-calls` (every call site is a cost
# centre too) and run with `+RTS -pa`: the .prof is GHC's own output,
# nothing is pasted together.  LAYERS=15 gives about 40 MB.
set -eu
out=$1
layers=${2:-15}
command -v ghc >/dev/null 2>&1 || { echo "gen-prof-big: no ghc" >&2; exit 1; }
d=$(mktemp -d "${TMPDIR:-/tmp}/profkit-genprof.XXXXXX")
trap 'rm -rf "$d"' EXIT
awk -v L="$layers" 'BEGIN {
	print "module Main (main) where"
	print "import System.Environment (getArgs)"
	for (i = 0; i < L; i++)
		for (j = 0; j < 2; j++) {
			f = sprintf("layer%d_%s", i, j ? "right" : "left")
			printf "%s :: Int -> Int\n", f
			if (i == L - 1)
				printf "%s n = (n * %d + %d) `mod` 97\n", f, 3 + j, i
			else
				printf "%s n = layer%d_left (n + %d) + layer%d_right (n * %d)\n",
				       f, i + 1, j + 1, i + 1, 2 + j
		}
	print "main :: IO ()"
	print "main = do"
	print "  args <- getArgs"
	print "  let k = case args of { (a:_) -> read a; _ -> 1 }"
	print "  print (sum [layer0_left i + layer0_right i | i <- [1 .. k]])"
}' >"$d/Main.hs"
(cd "$d" && ghc -prof -fprof-auto -fprof-auto-calls -rtsopts -O0 \
	-o big Main.hs >/dev/null)
(cd "$d" && ./big 1 +RTS -pa -RTS >/dev/null)
mv "$d/big.prof" "$out"
