#!/bin/sh
# scripts/demo.sh [OUTDIR] - install what the demo needs, build, and run
# the main job on the bundled sample: prof-pipeline on
# test-data/sample-report.tar.gz, writing every artifact into OUTDIR
# (default: demo-out at the top of the checkout; a relative OUTDIR is taken
# from the directory you run this in).
#
# Run it again whenever you like: an OUTDIR that this script wrote (it
# holds the marker file .profkit-demo) is replaced, an empty one is used;
# any other existing OUTDIR is refused and left alone.
# Build output goes to build/*.log; one line per step is printed.
set -eu
here=$(pwd)
cd "$(dirname "$0")/.."
top=$(pwd)
tag=demo
. scripts/progress.sh
t0=$(date +%s)

out=${1:-$top/demo-out}
case $out in
/*) ;;
*) out="$here/$out";;
esac
marker=.profkit-demo
# Refuse before spending minutes on installing and building.
if [ -e "$out" ] && [ ! -f "$out/$marker" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
	say "$out exists and was not written by demo.sh; remove it or name another directory:" >&2
	say "  sh scripts/demo.sh OUTDIR" >&2
	exit 1
fi

tag=demo sh scripts/deps.sh --demo
mkdir -p build
if [ ! -x configure ]; then
	run_logged "generating ./configure (autoreconf -fi)..." build/autoreconf.log autoreconf -fi
fi
if [ ! -f build/Makefile ]; then
	run_logged "configuring (build/config.log)..." build/configure.log \
		sh -c 'cd build && ../configure'
fi
hb_count="echo \"\$(grep -cE '^ +(CC|AR|CCLD) ' build/make.log || true) steps done\""
run_logged "building with make -j$(nproc) (build/make.log)..." build/make.log \
	make -C build -j"$(nproc)"
hb_count=""

if [ -f "$out/$marker" ]; then
	say "replacing the previous demo output in $out"
	rm -rf "$out"
fi
sample=test-data/sample-report
say "running prof-pipeline test-data/sample-report.tar.gz $out ..."
# it-bin: a static GHC 9.6 build with the info-table map, for -hi
build/tools/prof-pipeline --bin-dir "$sample/bin" --prof-bin-dir "$sample/prof-bin" \
	--infotable-bin-dir "$sample/it-bin" test-data/sample-report.tar.gz "$out"
: >"$out/$marker"
say "artifacts in $out:"
ls -l "$out"
say "done in $(( $(date +%s) - t0 )) s"
