#!/bin/sh
# scripts/demo.sh - set up, build, and run the main job on the bundled
# sample: prof-pipeline on test-data/sample-report.tar.gz, writing every
# artifact into ./demo-out (or $1).
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
sh scripts/deps.sh
[ -x configure ] || autoreconf -fi >/dev/null 2>&1
mkdir -p build
cd build
[ -f Makefile ] || ../configure -q
make -j"$(nproc)" >/dev/null
cd "$top"
out=${1:-demo-out}
if [ -e "$out" ]; then
	echo "demo: $out exists; remove it or name another directory" >&2
	exit 1
fi
sample=test-data/sample-report
# it-bin: a static GHC 9.6 build with the info-table map, for -hi
build/tools/prof-pipeline --bin-dir "$sample/bin" --prof-bin-dir "$sample/prof-bin" \
	--infotable-bin-dir "$sample/it-bin" test-data/sample-report.tar.gz "$out"
case $out in /*) where=$out;; *) where=$top/$out;; esac
echo "demo: artifacts in $where:"
ls -l "$out"
