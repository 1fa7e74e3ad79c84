#!/bin/sh
# make-prof-pairs.sh - regenerate test-data/prof-pairs/*.prof: real GHC
# 9.0.2 -p profiles of prof-pairs/Pairs.hs for prof-compare's count rule.
#   aa1.prof, aa2.prof   the same program and input, run twice (A/A)
#   slow.prof            the same program with mixB doing twice its work
# Needs ghc and ghc-prof (sh scripts/deps.sh --ghc).  Run from anywhere:
#   sh test-data/make-prof-pairs.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/prof-pairs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
cp "$out/Pairs.hs" "$work/"
cd "$work"
ghc -O1 -prof -fprof-auto-top -rtsopts Pairs.hs -o pairs >/dev/null
run() { # NAME ARGS...
	_name=$1
	shift
	./pairs "$@" +RTS -p -RTS >/dev/null
	# the report's first line carries the wall-clock date: keep it, it is
	# what GHC wrote
	mv pairs.prof "$out/$_name.prof"
}
run aa1
run aa2
run slow slow
echo "wrote $out/aa1.prof $out/aa2.prof $out/slow.prof"
