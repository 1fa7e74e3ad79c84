#!/bin/sh
# tests/run-pipeline.sh - prof-pipeline on the sample bug report (the
# README's main command): every artifact, infotables skipped on GHC 9.0,
# artifacts.tar.zst lists them; with the GHC 9.6 build (it-bin) the
# infotables mode runs and summary.md covers it; a failing mode does not
# stop the others;
# a hostile tarball is refused before anything runs.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
need_cmds python3 zstd
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3

SR="$TEST_DATA/sample-report"
if [ ! -x "$SR/prof-bin/kore-exec" ] || ! "$SR/prof-bin/kore-exec" +RTS --info >/dev/null 2>&1; then
	skip "prof-pipeline" "the sample report's kore-exec does not run here"
	done_testing
	exit
fi

ok "the README's main command" prof-pipeline "$TEST_DATA/sample-report.tar.gz" \
	"$T/out" --bin-dir "$SR/bin" --prof-bin-dir "$SR/prof-bin"
cp "$T/.err" "$T/progress"
for f in kore-exec.eventlog kore-exec.prof prof-speedscope.json \
	heap-cost-centers.svg heap-cost-centers.html summary.md \
	eventlog/run.json prof/run.json heap/run.json infotables/run.json \
	artifacts.tar.zst; do
	ok "$f written and non-empty" test -s "$T/out/$f"
done
ok "no heap-infotables.html on GHC 9.0" test ! -e "$T/out/heap-infotables.html"
ok "infotables skipped with its reason" grep -q '\[infotables\] skipped: .*needs GHC >= 9.2' "$T/progress"
for s in extract eventlog prof heap infotables; do
	ok "progress line for $s" grep -q "^prof-pipeline: \[$s\]" "$T/progress"
done
tar --zstd -tf "$T/out/artifacts.tar.zst" >"$T/list" 2>"$T/tar.err" ||
	bsdtar -tf "$T/out/artifacts.tar.zst" >"$T/list"
for f in kore-exec.eventlog kore-exec.prof prof-speedscope.json \
	heap-cost-centers.svg heap-cost-centers.html summary.md \
	eventlog/run.json prof/run.json heap/run.json infotables/run.json \
	heap/kore-exec.hp; do
	ok "artifacts.tar.zst lists $f" grep -qx "$f" "$T/list"
done
mkdir "$T/unpacked"
ok "artifacts.tar.zst unpacks with prof-extract" prof-extract "$T/out/artifacts.tar.zst" -C "$T/unpacked/a"
ok "... the .prof in it is the same" cmp "$T/out/kore-exec.prof" "$T/unpacked/a/kore-exec.prof"
is "each mode's run.json: exit status / skipped" "0 0 0 skipped" \
	"$(for m in eventlog prof heap infotables; do $PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print("skipped" if d["skipped"] else d["exit_status"])' "$T/out/$m/run.json"; done | tr '\n' ' ' | sed 's/ $//')"
ok "summary.md: runs table" grep -q '^| heap | ok | `-hc -l -i0.1` | 0 |' "$T/out/summary.md"
ok "summary.md: top cost centres" grep -q 'Toy.Rewrite' "$T/out/summary.md"
ok "summary.md: heap peak" grep -qi 'peak' "$T/out/summary.md"
ok "heap SVG is well-formed XML" $PY -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$T/out/heap-cost-centers.svg"
ok "speedscope JSON parses, with the time profile" $PY -c \
	'import json,sys; d=json.load(open(sys.argv[1])); assert any("time" in p["name"] for p in d["profiles"])' "$T/out/prof-speedscope.json"
if command -v node >/dev/null 2>&1 && [ -f "$abs_top_srcdir/tests/speedscope-validate.js" ]; then
	st=0; node "$abs_top_srcdir/tests/speedscope-validate.js" "$T/out/prof-speedscope.json" >"$T/v.out" 2>&1 || st=$?
	if [ "$st" = 2 ]; then skip "speedscope schema" "node modules missing"
	else is "speedscope schema and importer checks" "0" "$st"; fi
fi
fails_with 1 "a non-empty OUTDIR is refused without --force" prof-pipeline -q \
	"$TEST_DATA/sample-report.tar.gz" "$T/out" --bin-dir "$SR/bin"
is "no work directory left behind" "" "$(ls -a "$T/out" | grep '^\.work' || true)"

# one failing mode does not stop the others: no profiled build for prof
fails_with 1 "a failing mode makes the exit status 1" prof-pipeline -q \
	--modes prof,eventlog "$TEST_DATA/sample-report.tar.gz" "$T/out2" --bin-dir "$SR/bin"
ok "... and the next mode still ran" test -s "$T/out2/kore-exec.eventlog"
ok "... the failure is in summary.md" grep -q '^| prof | failed' "$T/out2/summary.md"
ok "... and the tarball was still packed" test -s "$T/out2/artifacts.tar.zst"

# a hostile tarball is refused before anything runs
mkdir -p "$T/h"
$PY - "$T/h/evil.tar.gz" <<'PY'
import io, sys, tarfile
with tarfile.open(sys.argv[1], "w:gz") as tf:
    for name, data in (("kore-exec.sh", b"#!/bin/sh\nexec kore-exec \"$@\"\n"), ("../escape", b"x")):
        ti = tarfile.TarInfo(name); ti.size = len(data); ti.mode = 0o755
        tf.addfile(ti, io.BytesIO(data))
PY
fails_with 1 "hostile tarball refused" prof-pipeline -q "$T/h/evil.tar.gz" "$T/out3" --bin-dir "$SR/bin"
ok "... nothing escaped" test ! -e "$T/escape"
is "... and no mode ran" "" "$(ls "$T/out3" 2>/dev/null)"
# our SIGINT during a run: forwarded, the remaining modes skipped, no
# work directory left
mkdir -p "$T/slow"
printf '#!/bin/sh\n: >started\nexec sleep \\\n    60 \\\n    "$@"\n' >"$T/slow/kore-exec.sh"
tar -C "$T/slow" -czf "$T/slow.tar.gz" kore-exec.sh
prof-pipeline --modes plain,eventlog "$T/slow.tar.gz" "$T/out4" 2>"$T/int.err" &
pp=$!
i=0; while ! ls "$T"/out4/.work.*/plain/started >/dev/null 2>&1 && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
kill -INT $pp
st=0; wait $pp || st=$?
is "interrupted pipeline exits 1" "1" "$st"
ok "... the SIGINT went to the run" grep -q 'forwarded: sent SIGINT' "$T/int.err"
ok "... the next mode did not run" grep -q '^| eventlog | not run: interrupted' "$T/out4/summary.md"
is "... no work directory left" "" "$(ls -a "$T/out4" | grep '^\.work' || true)"

# infotables for real: the static GHC 9.6 build with the info-table map
# (it-bin/, as scripts/demo.sh passes it)
if [ -x "$SR/it-bin/kore-exec" ] && "$SR/it-bin/kore-exec" +RTS --info >/dev/null 2>&1; then
	ok "infotables with --infotable-bin-dir (GHC 9.6 build)" prof-pipeline -q \
		--modes infotables "$TEST_DATA/sample-report.tar.gz" "$T/out5" \
		--infotable-bin-dir "$SR/it-bin"
	ok "... heap-infotables.html written" test -s "$T/out5/heap-infotables.html"
	ok "... the -hi run is in the runs table" grep -q '^| infotables | ok | `-hi -l -i0.1` | 0 |' "$T/out5/summary.md"
	ok "... summary.md has the info-table section" grep -q '^## Heap by info table (-hi)' "$T/out5/summary.md"
	ok "... with the IPE coverage" grep -q '^| IPE coverage | [0-9]* of [0-9]* info tables' "$T/out5/summary.md"
	ok "... the top info table named with its source span" \
		grep -qE '^\| [0-9]+ \| [0-9.]+ \| `builtin \(Toy.Rewrite:35[:)][^`]*` \| Integer \| \./Toy/Rewrite\.hs:35:' "$T/out5/summary.md"
	ok "... the page names bands by source" grep -q 'Toy.Rewrite:35' "$T/out5/heap-infotables.html"
	ok "... libraries without the map grouped in one band" grep -q '^| [0-9]* | [0-9.]* | `no IPE entry ([0-9]* info tables)` |' "$T/out5/summary.md"
else
	skip "infotables with a GHC 9.6 build" "$SR/it-bin/kore-exec does not run here"
fi

# the caller's signal handler survives the library: the first mode writes
# its run.json through the output layer (which used to install its own
# handlers then), and SIGINTs from then on, during the SECOND mode and
# after it, still reach prof-pipeline's handler: it stops, writes the
# summary, removes its work directory and exits 1 instead of dying
mkdir -p "$T/slow2"
printf '#!/bin/sh\ncase "$GHCRTS" in *-l*) exit 0;; esac\n: >started\nexec sleep \\\n    60 \\\n    "$@"\n' >"$T/slow2/kore-exec.sh"
tar -C "$T/slow2" -czf "$T/slow2.tar.gz" kore-exec.sh
prof-pipeline --modes eventlog,plain "$T/slow2.tar.gz" "$T/out6" 2>"$T/int2.err" &
pp=$!
i=0; while [ ! -e "$T/out6/eventlog/run.json" ] && [ $i -lt 300 ]; do sleep 0.05; i=$((i+1)); done
# a storm, not one signal: some land while the run blocks them, some in
# the unblocked stretches between and after the runs (the old library
# handler killed the process there, leaving .work.* behind)
i=0; while [ $i -lt 20000 ] && kill -INT $pp 2>/dev/null; do i=$((i+1)); done
st=0; wait $pp || st=$?
is "interrupted during the second mode: exits 1, not killed" "1" "$st"
ok "... the first mode ran" grep -q '^| eventlog |' "$T/out6/summary.md"
ok "... the second did not finish" grep -q '^| plain | \(not run: interrupted\|failed\)' "$T/out6/summary.md"
is "... no work directory left" "" "$(ls -a "$T/out6" | grep '^\.work' || true)"
ok "... nothing packed" test ! -e "$T/out6/artifacts.tar.zst"

fails_with 2 "usage: one argument" prof-pipeline "$TEST_DATA/sample-report.tar.gz"
fails_with 2 "usage: bad mode list" prof-pipeline --modes prof,bogus a b
done_testing
