#!/bin/sh
# tests/speedscope-convert.sh - eventlog2speedscope on real eventlogs:
# speedscope's own schema (ajv), fidelity of the weights (counted
# independently by tests/eventlog-count-samples.py), frames and stacks,
# spans, windows, errors and truncation.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
need_cmds python3 zstd

E2S=eventlog2speedscope
S="$abs_top_srcdir/tests"
EV="$TEST_DATA/eventlog"
NM=${PROFKIT_NODE_MODULES:-$HOME/.cache/profkit/node/node_modules}
have_node() {
	command -v node >/dev/null 2>&1 && [ -f "$NM/ajv/package.json" ] &&
		[ -f "$NM/speedscope/dist/release/file-format-schema.json" ]
}
have_python() { command -v python3 >/dev/null 2>&1; }
has() { if grep -q -- "$1" "$2"; then echo yes; else echo no; fi; }

# valid NAME FILE: speedscope's schema plus the importer's invariants
valid() {
	if have_node; then
		ok "$1: valid speedscope (schema + balance)" \
			env PROFKIT_NODE_MODULES="$NM" node "$S/speedscope-validate.js" "$2"
	else
		skip "$1: valid speedscope" "no node/ajv/speedscope in $NM"
	fi
}

# py EXPR FILE: evaluate a python expression over the parsed JSON `d`
py() {
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$2"
}

# fidelity NAME LOG [OPTIONS]: per capability, total weight == number of
# PROF_SAMPLE_COST_CENTRE events of that capability x tick interval
# (minus IDLE-only samples with --drop-idle)
fidelity() {
	name=$1 log=$2
	shift 2
	if ! have_python; then
		skip "$name: fidelity" "no python3"
		return
	fi
	python3 "$S/eventlog-count-samples.py" "$log" >"$T/count"
	tick=$(awk '$1 == "tick" { print $2 }' "$T/count")
	case " $* " in
	*" --drop-idle "*) want=$(awk -v t="$tick" '$1 == "cap" { printf "cap %s %.0f\n", $2, ($3 - $4) * t }' "$T/count");;
	*) want=$(awk -v t="$tick" '$1 == "cap" { printf "cap %s %.0f\n", $2, $3 * t }' "$T/count");;
	esac
	$E2S "$@" "$log" -o "$T/fid.json" -f 2>/dev/null
	got=$(python3 -c '
import json, re, sys
d = json.load(open(sys.argv[1]))
for p in d["profiles"]:
    m = re.search(r"\(cap (\d+)\)$", p["name"])
    if p["type"] == "sampled" and m:
        print("cap %s %d" % (m.group(1), sum(p["weights"])))
' "$T/fid.json" | sort -n -k2)
	is "$name: weight per capability = samples x tick" "$want" "$got"
}

TP="$CORPUS/eventlog/ghc-events/time-prof.eventlog"
N2="$CORPUS/eventlog/ghc-9.0.2/fibprof-N2-small.eventlog"

### cost-centre samples ##################################################
for f in ccprof-p-l-au ccprof-sigint spans-N2-p-l-au spans-N2-p-l; do
	ok "$f: converts" $E2S "$EV/$f.eventlog" -o "$T/$f.json"
	valid "$f" "$T/$f.json"
	fidelity "$f" "$EV/$f.eventlog"
	fidelity "$f --drop-idle" "$EV/$f.eventlog" --drop-idle
done
# the same programs from GHC 9.6 and 9.10 (test-data/ghc-*/)
for log in "$TEST_DATA"/ghc-*/ccprof-p-l-au.eventlog "$TEST_DATA"/ghc-*/ccprof-sigint.eventlog \
	"$TEST_DATA"/ghc-*/spans-N2-p-l.eventlog; do
	[ -f "$log" ] || continue
	f="$(basename "$(dirname "$log")")-$(basename "$log" .eventlog)"
	ok "$f: converts" $E2S "$log" -o "$T/$f.json"
	valid "$f" "$T/$f.json"
	fidelity "$f" "$log"
	fidelity "$f --drop-idle" "$log" --drop-idle
done
if have_corpus && have_python; then
	# fibprof-big: GHC wrote the START marker's block (cap 1) at the
	# end of the file, after 700 k samples of the global blocks
	big="$CORPUS/eventlog/ghc-9.0.2/fibprof-big.eventlog.zst"
	$E2S -s START -e END "$big" -o "$T/big-win.json"
	python3 "$S/eventlog-count-samples.py" --start START --end END "$big" >"$T/count"
	is "-s/-e on a log whose START block comes late: every sample between" \
		"$(awk '$1 == "tick" { t = $2 } $1 == "cap" { printf "%.0f ", $3 * t }' "$T/count")" \
		"$(py "' '.join(str(sum(p['weights'])) for p in d['profiles']) + ' '" "$T/big-win.json")"
fi
# one capability's samples (GHC 9.0.2, non-threaded): the shape of the output
if have_python; then
	CC="$T/ccprof-p-l-au.json"
	is "ccprof-p-l-au: exporter and name" "eventlog2speedscope@ ccprof" \
		"$(py "d['exporter'].rstrip('0123456789.') + ' ' + d['name']" "$CC")"
	is "ccprof-p-l-au: stacks are root-first (deepest: Main.main ... Ops.<+>)" "Main.main Ops.<+>" \
		"$(py "' '.join(d['shared']['frames'][i]['name'] for i in (lambda s: (s[0], s[-1]))(max(d['profiles'][0]['samples'], key=len)))" "$CC")"
	is "ccprof-p-l-au: file/line/col from Main.hs:15:1-4" "Main.hs 15 1" \
		"$(py "' '.join(str(f.get(k)) for f in d['shared']['frames'] if f['name'] == 'Main.main' for k in ('file','line','col'))" "$CC")"
	python3 "$S/eventlog-count-samples.py" "$EV/ccprof-p-l-au.eventlog" >"$T/count"
	is "ccprof-p-l-au: consecutive identical stacks merged (fewer entries than samples)" "True" \
		"$(py "len(d['profiles'][0]['samples']) < $(awk '$1 == "cap" { print $3 }' "$T/count")" "$CC")"
	is "ccprof-p-l-au: endValue - startValue = total weight" "True" \
		"$(py "d['profiles'][0]['endValue'] - d['profiles'][0]['startValue'] == sum(d['profiles'][0]['weights'])" "$CC")"
fi
if have_corpus; then
	ok "time-prof: converts" $E2S "$TP" -o "$T/tp.json"
	valid "time-prof" "$T/tp.json"
	fidelity "time-prof" "$TP"
	fidelity "fibprof-N2-small" "$N2"
	fidelity "fibprof-N2-small --drop-idle" "$N2" --drop-idle
	if have_python; then
		# the reference dump of ghc-events agrees with our own count
		is "time-prof: samples in ghc-events' reference dump" \
			"$(grep -c 'prof sample' "$TP.reference")" \
			"$(py "sum(d['profiles'][0]['weights']) // 1000000" "$T/tp.json")"
		# stacks root first: CAF -> main -> fib
		is "time-prof: stacks are root-first" "Main.CAF Main.main Main.fib" \
			"$(py "' '.join(d['shared']['frames'][i]['name'] for i in max(d['profiles'][0]['samples'], key=len))" "$T/tp.json")"
		is "time-prof: file/line/col from Fib.hs:3:1-21" "Fib.hs 3 1" \
			"$(py "' '.join(str(f.get(k)) for f in d['shared']['frames'] if f['name'] == 'Main.main' for k in ('file','line','col'))" "$T/tp.json")"
		is "time-prof: exporter and name" "eventlog2speedscope@ Fib" \
			"$(py "d['exporter'].rstrip('0123456789.') + ' ' + d['name']" "$T/tp.json")"
		is "time-prof: consecutive identical stacks merged" "16 340" \
			"$(py "'%d %d' % (len(d['profiles'][0]['samples']), sum(d['profiles'][0]['weights']) // 1000000)" "$T/tp.json")"
		is "time-prof: endValue - startValue = total weight" "True" \
			"$(py "d['profiles'][0]['endValue'] - d['profiles'][0]['startValue'] == sum(d['profiles'][0]['weights'])" "$T/tp.json")"
	fi
else
	echo "# no corpus at $CORPUS: time-prof and fibprof-N2-small not converted (extra cases)"
fi
if have_python; then
	# multi-line spans (L,C)-(L,C) and no file for <built-in>
	is "spans: Main.main frame from Spans.hs:(L,C)-(L,C)" "Spans.hs" \
		"$(py "[f for f in d['shared']['frames'] if f['name'] == 'Main.main'][0]['file']" "$T/spans-N2-p-l.json")"
	is "spans: <built-in> frames have no file" "[]" \
		"$(py "[f for f in d['shared']['frames'] if f['name'] in ('IDLE.IDLE','SYSTEM.SYSTEM','GC.GC') and 'file' in f]" "$T/spans-N2-p-l.json")"
	is "spans: one sampled profile per capability" "spans (cap 0)|spans (cap 1)" \
		"$(py "'|'.join(p['name'] for p in d['profiles'])" "$T/spans-N2-p-l.json")"
	is "no null anywhere" "0" "$(grep -c null "$T/spans-N2-p-l.json" || true)"
fi

### --merge ###############################################################
ok "--merge" $E2S --merge "$EV/spans-N2-p-l.eventlog" -o "$T/merge.json"
valid "--merge" "$T/merge.json"
if have_python; then
	python3 "$S/eventlog-count-samples.py" "$EV/spans-N2-p-l.eventlog" >"$T/count"
	is "--merge: one profile with every sample's weight" \
		"1 $(awk '$1 == "tick" { t = $2 } $1 == "cap" { n += $3 } END { printf "%.0f", n * t }' "$T/count")" \
		"$(py "'%d %d' % (len(d['profiles']), sum(d['profiles'][0]['weights']))" "$T/merge.json")"
fi

### spans #################################################################
ok "--spans per thread" $E2S --spans "$EV/spans-N2-p-l.eventlog" -o "$T/spans.json"
valid "--spans" "$T/spans.json"
ok "spans chosen automatically without samples" $E2S "$EV/spans-N2-l.eventlog" -o "$T/auto.json"
valid "auto spans" "$T/auto.json"
ok "--spans without scheduler events (per capability)" \
	$E2S -q --spans "$EV/spans-N2-p-l-au.eventlog" -o "$T/spans-au.json"
valid "--spans -l-au" "$T/spans-au.json"
if have_python; then
	is "--spans: a profile per thread, with labels" \
		"thread 5 (main)|thread 6 (worker-1)|thread 7 (worker-2)|thread 8 (doomed)" \
		"$(py "'|'.join(p['name'] for p in d['profiles'])" "$T/spans.json")"
	is "--spans: user-message and binary spans" "crunch pure round1 round6 sum wait" \
		"$(py "' '.join(sorted(f['name'] for f in d['shared']['frames'] if f['name'] in ('crunch','sum','round1','round6','wait','pure')))" "$T/spans.json")"
	is "--spans: worker-1 runs 6 rounds, each crunch + sum" "36" \
		"$(py "len(d['profiles'][1]['events'])" "$T/spans.json")"
	is "exception-skipped close: inner ends with outer, not re-opened" \
		"O outer|O inner|C inner|C outer" \
		"$(py "'|'.join(e['type'] + ' ' + d['shared']['frames'][e['frame']]['name'] for p in d['profiles'] if p['name'] == 'thread 5 (main)' for e in p['events'] if d['shared']['frames'][e['frame']]['name'] in ('outer', 'inner'))" "$T/auto.json")"
	is "killed thread: its span ends when the thread finishes, before the log's end" \
		"True" \
		"$(py "[p['events'][-1]['at'] < p['endValue'] for p in d['profiles'] if p['name'] == 'thread 8 (doomed)'][0]" "$T/auto.json")"
	$E2S --spans "$EV/spans-N2-l.eventlog" -o "$T/spans-l.json"
	ok "auto spans: same as --spans" cmp "$T/spans-l.json" "$T/auto.json"
	is "-l-au spans: one profile per capability" "cap 0|cap 1" \
		"$(py "'|'.join(p['name'] for p in d['profiles'])" "$T/spans-au.json")"
fi
if have_corpus && have_python; then
	$E2S --spans "$N2" -o "$T/n2spans.json" 2>"$T/n2spans.err"
	is "fibprof-N2-small: a span closed on the other capability needs no repair" \
		"" "$(cat "$T/n2spans.err")"
	valid "fibprof-N2-small --spans" "$T/n2spans.json"
	is "fibprof-N2-small: every span opened and closed once" "8" \
		"$(py "sum(len(p['events']) for p in d['profiles'])" "$T/n2spans.json")"
fi
ok "--match" $E2S --spans --match round --exclude round6 "$EV/spans-N2-p-l.eventlog" -o "$T/match.json"
if have_python; then
	is "--match/--exclude keep only matching spans" "round1 round2 round3 round4 round5" \
		"$(py "' '.join(sorted(f['name'] for f in d['shared']['frames']))" "$T/match.json")"
fi
fails_with 1 "--spans on a log without spans" $E2S --spans "$EV/ccprof-p-l-au.eventlog" -o "$T/none.json"
is "... says there are none" 1 "$(grep -c 'span' "$T/.err")"

### threads timeline ######################################################
ok "--threads" $E2S --threads "$EV/spans-N2-p-l.eventlog" -o "$T/threads.json"
valid "--threads" "$T/threads.json"
if have_python; then
	is "--threads: samples plus a timeline per capability" \
		"spans (cap 0)|spans (cap 1)|spans threads (cap 0)|spans threads (cap 1)" \
		"$(py "'|'.join(p['name'] for p in d['profiles'])" "$T/threads.json")"
	is "--threads: GC and labelled threads are frames" "GC thread 6 (worker-1)" \
		"$(py "' '.join(sorted(f['name'] for f in d['shared']['frames'] if f['name'] in ('GC', 'thread 6 (worker-1)')))" "$T/threads.json")"
fi
fails_with 1 "--threads without scheduler events" $E2S --threads --spans --match nothing-matches "$EV/spans-N2-p-l-au.eventlog"

### windows ###############################################################
ok "-s/-e markers" $E2S -s START -e END "$EV/spans-N2-p-l.eventlog" -o "$T/win.json"
valid "-s/-e" "$T/win.json"
ok "--from/--to" $E2S --from 0.3 --to 0.6 "$EV/spans-N2-p-l.eventlog" -o "$T/fromto.json"
valid "--from/--to" "$T/fromto.json"
if have_python; then
	full=$(py "sum(sum(p['weights']) for p in d['profiles'])" "$T/spans-N2-p-l.json")
	win=$(py "sum(sum(p['weights']) for p in d['profiles'])" "$T/win.json")
	ok "-s/-e: window is part of the log" test "$win" -gt 0 -a "$win" -lt "$full"
	python3 "$S/eventlog-count-samples.py" --start START --end END \
		"$EV/spans-N2-p-l.eventlog" >"$T/count"
	is "-s START -e END: the samples between the markers (by time)" \
		"$(awk '$1 == "tick" { t = $2 } $1 == "cap" { printf "%.0f ", $3 * t }' "$T/count")" \
		"$(py "' '.join(str(sum(p['weights'])) for p in d['profiles']) + ' '" "$T/win.json")"
	python3 "$S/eventlog-count-samples.py" --from 300000000 --to 600000000 \
		"$EV/spans-N2-p-l.eventlog" >"$T/count"
	is "--from 0.3 --to 0.6: the samples in that time range" \
		"$(awk '$1 == "tick" { t = $2 } $1 == "cap" { printf "%.0f ", $3 * t }' "$T/count")" \
		"$(py "' '.join(str(sum(p['weights'])) for p in d['profiles']) + ' '" "$T/fromto.json")"
	is "--from: startValue of spans is the window start" "300000000" \
		"$($E2S --spans --from 0.3 "$EV/spans-N2-p-l.eventlog" | python3 -c 'import json,sys; print(json.load(sys.stdin)["profiles"][0]["startValue"])')"
fi

### inputs ################################################################
ok "stdin" sh -c "$E2S - <'$EV/ccprof-p-l-au.eventlog' >'$T/stdin.json'"
ok "stdin output equals file output" cmp "$T/stdin.json" "$T/ccprof-p-l-au.json"
zstd -q -c "$EV/ccprof-p-l-au.eventlog" >"$T/cc.eventlog.zst"
ok ".zst input" sh -c "$E2S '$T/cc.eventlog.zst' >'$T/zst.json'"
ok ".zst output equals file output" cmp "$T/zst.json" "$T/ccprof-p-l-au.json"
cp "$EV/ccprof-p-l-au.eventlog" "$T/hs.eventlog"
ok "--hs-speedscope-name" $E2S --hs-speedscope-name "$T/hs.eventlog"
ok "--hs-speedscope-name writes FILE.json" cmp "$T/hs.eventlog.json" "$T/ccprof-p-l-au.json"
ok "--hs-speedscope-name replaces it, as hs-speedscope does" $E2S --hs-speedscope-name "$T/hs.eventlog"
fails_with 1 "an existing -o file is kept without --force" $E2S "$EV/ccprof-p-l-au.eventlog" -o "$T/hs.eventlog.json"
ok "--force replaces it" $E2S -f "$EV/ccprof-p-l-au.eventlog" -o "$T/hs.eventlog.json"

### errors and hostile inputs (derived from real files) ###################
fails_with 1 "no samples, no spans (plain -l log)" $E2S "$EV/ccprof-l.eventlog" -o "$T/plain.json"
is "... says so, naming the file" 1 "$(grep -c 'ccprof-l.eventlog: no cost-centre samples or spans' "$T/.err")"
ok "... and writes nothing" test ! -e "$T/plain.json"
if have_corpus; then
	fails_with 1 "hello-ghc-8.6.5: no samples, no spans" $E2S "$CORPUS/eventlog/ghc-events/hello-ghc-8.6.5.eventlog" -o "$T/hello.json"
fi
if have_corpus; then
	is "no samples: message names +RTS -p -l-au" yes "$(has '+RTS -p -l-au' "$T/.err")"
	ok "no samples: no output file" test ! -e "$T/hello.json"
fi
# truncated in the middle of an event: the program was killed
head -c 60000 "$EV/spans-N2-p-l.eventlog" >"$T/truncated-mid-event.eventlog"
ok "truncated: converts what was read" $E2S "$T/truncated-mid-event.eventlog" -o "$T/trunc.json"
is "truncated: warns" yes "$(has 'ends early' "$T/.err")"
valid "truncated" "$T/trunc.json"
ok "flood-killed (no end marker): converts" $E2S -q "$EV/flood-killed.eventlog.zst" -o "$T/flood.json"
valid "flood-killed" "$T/flood.json"
# corrupt: an event type the header never declared, in the data
python3 - "$EV/ccprof-p-l-au.eventlog" "$T/undeclared-event-type.eventlog" <<'PY' || true
import sys
b = bytearray(open(sys.argv[1], 'rb').read())
i = b.index(b'datb') + 4
b[i:i + 2] = b'\x4e\x20'   # type 20000: not in the header
open(sys.argv[2], 'wb').write(b)
PY
fails_with 1 "corrupt: undeclared event type" $E2S "$T/undeclared-event-type.eventlog" -o "$T/corrupt.json"
is "corrupt: message names the byte offset" yes "$(has 'offset [0-9]' "$T/.err")"
ok "corrupt: no output file left behind" test ! -e "$T/corrupt.json"
# a HEAP_PROF_COST_CENTRE whose payload is empty, right after a HEAP_INFO
# whose fields (0x1000, 16) overlay a cost centre's label pointer and
# length: the header and event layout of a real log; the converter must not
# read the earlier event's fields (it crashed in a memcpy from 0x1000)
python3 - "$EV/ccprof-l.eventlog" "$T/empty-cost-centre-after-heap-info.eventlog" <<'PY' || true
import struct, sys
d = open(sys.argv[1], 'rb').read()
data = d.index(b'hetehdredatb') + 12
info = struct.pack('>IHQQQQ', 0, 1, 0x1000, 16, 1 << 20, 4096)
ev = struct.pack('>HQ', 52, 1000) + info           # HEAP_INFO_GHC
ev += struct.pack('>HQH', 161, 2000, 0)            # HEAP_PROF_COST_CENTRE, 0 bytes
open(sys.argv[2], 'wb').write(d[:data] + ev + b'\xff\xff')
PY
fails_with 1 "empty cost-centre payload after HEAP_INFO: refused, no crash" \
	$E2S "$T/empty-cost-centre-after-heap-info.eventlog" -o "$T/stale.json"
is "empty cost-centre payload: the no-samples message" yes "$(has 'no cost-centre samples' "$T/.err")"
is "empty cost-centre payload: no output, no temp file" "" "$(ls -A "$T" | grep stale || true)"
printf 'not an eventlog at all\n' >"$T/text-not-eventlog.eventlog"
fails_with 1 "not an eventlog" $E2S "$T/text-not-eventlog.eventlog"
fails_with 1 "missing file" $E2S "$T/does-not-exist.eventlog"

### usage #################################################################
fails_with 2 "two inputs" $E2S a b
fails_with 2 "--from not a number" $E2S --from soon "$EV/ccprof-p-l-au.eventlog"
fails_with 2 "--from after --to" $E2S --from 2 --to 1 "$EV/ccprof-p-l-au.eventlog"
fails_with 2 "--hs-speedscope-name with -o" $E2S --hs-speedscope-name -o x "$EV/ccprof-p-l-au.eventlog"
fails_with 2 "--hs-speedscope-name on stdin" $E2S --hs-speedscope-name -

done_testing
