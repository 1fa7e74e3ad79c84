#!/bin/sh
# tests/hostile-input.sh - endless, binary and cut inputs derived from the
# real fixtures: every reader bounds what it buffers before it recognises
# its format (README "Limits"), and a .gz/.zst cut inside its stream is
# read up to the cut with a warning naming an offset, like a cut raw file.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
EV="$TEST_DATA/eventlog"
HP="$TEST_DATA/heap"
PR="$TEST_DATA/prof"
HF="$abs_top_srcdir/tests/fuzz/corpus/bench/hyperfine-head.json"
# a hang or an out-of-memory kill is exit 124/137, not the 1 wanted below
TO="timeout 120"
has() { grep -q -- "$1" "$T/.err" && echo yes || echo no; }
command -v timeout >/dev/null || { skip "hostile inputs" "no timeout(1)"; done_testing; exit 0; }

### endless and binary input: refused after a bounded read ##################
# /dev/zero never ends: a binary check over the first 4 KiB stops it
for c in prof2speedscope prof-summarize; do
	fails_with 1 "$c /dev/zero: refused" $TO $c /dev/zero
	is "$c /dev/zero: says binary data" yes "$(has 'binary data')"
done
fails_with 1 "prof-compare /dev/zero: refused" $TO prof-compare /dev/zero "$HF"
is "prof-compare /dev/zero: binary data at offset 0" yes "$(has 'offset 0: binary data')"
fails_with 1 "prof-history import /dev/zero: refused" $TO prof-history --db "$T/h.db" import /dev/zero
is "prof-history import /dev/zero: binary data" yes "$(has 'binary data')"
fails_with 1 "prof-history record /dev/zero: refused" $TO prof-history --db "$T/h.db" record /dev/zero
fails_with 1 "heap2svg /dev/zero: refused" $TO heap2svg /dev/zero -o "$T/z.svg"
is "heap2svg /dev/zero: the line limit" yes "$(has 'longer than 1 MiB')"
fails_with 1 "heap2svg --ipe /dev/zero: refused" $TO heap2svg --ipe /dev/zero "$HP/leak-hc.hp" -o "$T/z.svg"
# a real file's head, then zeros without end
fails_with 1 "hyperfine head + endless zeros: refused" \
	sh -c "{ head -c 100 '$HF'; cat /dev/zero; } | $TO prof-compare - '$HF'"
is "hyperfine head + zeros: NUL offset 100" yes "$(has 'offset 100: binary data')"
# a real file's head, then one endless line
fails_with 1 ".prof head + an endless line: refused" \
	sh -c "{ head -n 3 '$PR/ccprof-p.prof'; yes x | tr -d '\\n'; } | $TO prof2speedscope -"
is ".prof head + endless line: line limit, line 4" yes "$(has '<stdin>:4: a line longer than 1 MiB')"
fails_with 1 ".hp head + an endless line: refused" \
	sh -c "{ head -n 7 '$HP/leak-hc.hp'; yes x | tr -d '\\n'; } | $TO heap2svg - -o '$T/e.svg'"
is ".hp head + endless line: the line limit with an offset" yes "$(has 'offset [0-9]*: a line longer than 1 MiB')"
ok "no output left behind" test ! -e "$T/e.svg" -a ! -e "$T/z.svg"

### compressed input cut inside its stream #################################
gzip -c "$EV/ccprof-p-l-au.eventlog" >"$T/el.gz"
n=$(wc -c <"$T/el.gz")
head -c $((n - 1)) "$T/el.gz" >"$T/ccprof-cut-last-byte.eventlog.gz"
head -c $((n / 2)) "$T/el.gz" >"$T/ccprof-cut-half.eventlog.gz"
for th in 1 0; do
	for f in ccprof-cut-last-byte ccprof-cut-half; do
		ok "$f.eventlog.gz (threads $th): converts" \
			env PROFKIT_THREADS=$th eventlog2speedscope "$T/$f.eventlog.gz" -o "$T/$f-$th.json"
		is "$f.eventlog.gz (threads $th): warns with an offset" yes "$(has 'offset [0-9]*: warning: the eventlog ends early')"
	done
done
n=$(wc -c <"$EV/flood-killed.eventlog.zst")
head -c $((n / 2)) "$EV/flood-killed.eventlog.zst" >"$T/flood-cut-half.eventlog.zst"
ok "flood-cut-half.eventlog.zst: summarized" prof-summarize "$T/flood-cut-half.eventlog.zst"
is "flood-cut-half.eventlog.zst: warns with an offset" yes "$(has 'offset [0-9]*: the eventlog stops early')"
gzip -c "$HP/leak-hc.hp" >"$T/hp.gz"
n=$(wc -c <"$T/hp.gz")
head -c $((n - 3)) "$T/hp.gz" >"$T/leak-hc-cut.hp.gz"
ok "leak-hc-cut.hp.gz: drawn" heap2svg "$T/leak-hc-cut.hp.gz" -o "$T/leak.svg"
is "leak-hc-cut.hp.gz: warns with an offset" yes "$(has 'offset [0-9]*: the compressed data ends early')"
zstd -q -c "$PR/ccprof-p.prof" >"$T/p.zst"
n=$(wc -c <"$T/p.zst")
head -c $((n - 2)) "$T/p.zst" >"$T/ccprof-p-cut.prof.zst"
ok "ccprof-p-cut.prof.zst: converted" prof2speedscope "$T/ccprof-p-cut.prof.zst" -o "$T/p.json"
is "ccprof-p-cut.prof.zst: warns with an offset" yes "$(has 'offset [0-9]*: the compressed data ends early')"

### a full disk: the message names the output file and the reason #########
for c in "prof-summarize $PR/ccprof-p.prof" "heap2svg --format svg $HP/leak-hc.hp -o -" \
	 "heap2svg --format html $HP/leak-hc.hp -o -" "prof2speedscope --folded $PR/ccprof-p.prof"; do
	fails_with 1 "$c >/dev/full: exit 1" sh -c "$c >/dev/full"
	is "$c >/dev/full: names <stdout> and the reason" yes "$(has '<stdout>: write error: No space left on device')"
done
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 &&
   unshare -m mount -t tmpfs tmpfs "$T" 2>/dev/null; then
	mkdir "$T/full"
	cat >"$T/full.sh" <<SH
mount -t tmpfs -o size=64k tmpfs "$T/full" || exit 99
dd if=/dev/zero of="$T/full/fill" bs=1k 2>/dev/null
prof-summarize "$PR/ccprof-pa.prof" -o "$T/full/s.txt"
heap2svg "$HP/leak-hT.hp" -o "$T/full/h.svg"
heap2svg "$HP/leak-hT.hp" -o "$T/full/h.html"
heap2svg "$HP/leak-hT.hp" -o "$T/full/h.json"
prof2speedscope "$PR/ccprof-pa.prof" -o "$T/full/p.json"
ls -A "$T/full"
SH
	unshare -m sh "$T/full.sh" >"$T/full.out" 2>"$T/full.err"
	is "full disk: five named write errors with the reason" 5 \
		"$(grep -c "$T/full/[a-z.]*: write error: No space left on device" "$T/full.err")"
	is "full disk: nothing left but the filler" fill "$(cat "$T/full.out")"
else
	skip "full disk" "needs root and unshare -m"
fi

### a 2 MiB band name (a real .hp with one name grown): the line limit ####
{ head -n 7 "$HP/leak-hc.hp"; printf '(299)'; head -c 2097152 /dev/zero | tr '\0' m; printf '\t64\n'; tail -n +9 "$HP/leak-hc.hp"; } >"$T/leak-hc-2MiB-band-name.hp"
fails_with 1 "2 MiB band name: refused" heap2svg "$T/leak-hc-2MiB-band-name.hp" -o "$T/band.svg"
is "2 MiB band name: the line limit, with an offset" yes "$(has 'offset [0-9]*: a line longer than 1 MiB')"

# a .zst whose only block is cut: nothing decodes, and the message says so
zstd -q -c "$EV/ccprof-p-l-au.eventlog" >"$T/one-block.zst"
n=$(wc -c <"$T/one-block.zst")
head -c $((n / 2)) "$T/one-block.zst" >"$T/ccprof-one-block-cut.eventlog.zst"
fails_with 1 "one-block .zst cut in half: nothing to read" eventlog2speedscope "$T/ccprof-one-block-cut.eventlog.zst" -o "$T/ob.json"
is "one-block .zst cut: says the compressed data ends early" yes "$(has 'compressed data ends before the eventlog header')"

### benchmark values and odd text (derived from the fuzz seeds' real files) #
C="$abs_top_srcdir/tests/fuzz/corpus/bench"
# a broken timing line among the first five is an error, not a header line
sed '1s/326.85s/326.85x/' "$C/kevm-excerpt.txt" >"$T/kevm-first-line-broken.txt"
fails_with 1 "KEVM: a broken first timing line is an error" prof-compare --kevm "$C/kevm-excerpt.txt" "$T/kevm-first-line-broken.txt"
is "KEVM: names line 1" yes "$(has 'kevm-first-line-broken.txt:1: not a timing line')"
# 0x10 is not 16
sed 's/^a,2,ms/a,0x10,ms/' "$C/simple.csv" >"$T/csv-hex-value.csv"
fails_with 1 "CSV: a hex value is refused" prof-compare "$C/simple.csv" "$T/csv-hex-value.csv"
is "CSV: names line 3" yes "$(has 'csv-hex-value.csv:3: bad number "0x10"')"
# 1e308 would print 300-digit interval bounds
sed 's/^a,2,ms/a,1e308,ms/' "$C/simple.csv" >"$T/csv-1e308-value.csv"
fails_with 1 "CSV: 1e308 is beyond the value limit" prof-compare "$C/simple.csv" "$T/csv-1e308-value.csv"
is "CSV: says beyond 1e15" yes "$(has 'beyond 1e15')"
python3 - "$C/gbench-test3.json" "$T" <<'PY' || true
import json, sys
d = json.load(open(sys.argv[1]))
d['benchmarks'][0]['real_time'] = -9
json.dump(d, open(sys.argv[2] + '/gbench-negative-time.json', 'w'))
for b in d['benchmarks']:
    b['real_time'] = b['cpu_time'] = float('inf')
json.dump(d, open(sys.argv[2] + '/gbench-all-infinity.json', 'w'))
PY
fails_with 1 "google-benchmark: a negative time is refused" prof-compare "$C/gbench-test3.json" "$T/gbench-negative-time.json"
is "negative time: names the benchmark" yes "$(has 'benchmark BM_One: sample 1 .* is a negative time')"
fails_with 1 "google-benchmark: all-Infinity samples are refused" prof-compare "$C/gbench-test3.json" "$T/gbench-all-infinity.json"
is "all-Infinity: no finite sample" yes "$(has 'no finite sample')"
# a .prof with bare-CR line endings is not an empty profile
tr '\n' '\r' <"$PR/ccprof-p.prof" >"$T/ccprof-p-cr-only.prof"
fails_with 1 "CR-only .prof: refused" prof2speedscope "$T/ccprof-p-cr-only.prof" -o "$T/cr.json"
is "CR-only .prof: says why" yes "$(has 'bare CR')"

done_testing
