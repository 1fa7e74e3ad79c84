#!/bin/sh
# bench-run.sh - prof-bench: suites, builds, interleaving, the KEVM timing
# files (GNU time's bytes), bench.json through prof-compare and
# prof-history, time limits, --jobs, SIGINT and --resume.  Tiny tests
# (sleep, sh, the toy kore-exec on small inputs); no timing is asserted
# beyond verdicts with a 10x margin.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

cd "$T"
if ! command -v python3 >/dev/null 2>&1; then
	skip "prof-bench" "no python3 (reads bench.json in the checks)"
	done_testing
	exit 0
fi
bin=$TEST_DATA/sample-report/bin
def=$TEST_DATA/sample-report/report/definition.kore

# ---- usage and suites ------------------------------------------------
fails_with 2 "no suite" prof-bench --build a= --build b= -o o
fails_with 2 "one build is not a comparison" \
	prof-bench -s /dev/null --build a= -o o
fails_with 2 "--build wants NAME=DIR" prof-bench -s x --build a -o o
fails_with 2 "--build-env wants VAR=VALUE" \
	prof-bench -s x --build a= --build-env b -o o
fails_with 2 "--order is interleaved or sequential" \
	prof-bench -s x --build a= --build b= --order random -o o

printf 'x\ttrue\n\n# c\ny\tfalse\nx\ttrue\n' >dup.tsv
fails_with 1 "a test named twice" prof-bench -s dup.tsv --build a= --build b= -o o1
is "... is named with its line" "prof-bench: dup.tsv:5: test 'x' twice in the suite" \
	"$(cat "$T/.err")"
is "... and leaves no output directory behind" "" \
	"$(ls o1 2>/dev/null || true)"
printf 'x\ttrue\n' >one.tsv
fails_with 1 "a failing --version-cmd" \
	prof-bench -s one.tsv --build a= --build-env b X=1 --version-cmd false -o o2
is "... leaves no output directory behind" "" "$(ls -d o2 2>/dev/null || true)"
mkdir full && touch full/x
fails_with 1 "--out must be new or empty" \
	prof-bench -s one.tsv --build a= --build b= -o full

# ---- one round: the .data files, the KEVM table, GNU time's bytes ------
cat >suite.tsv <<'X'
# a comment, then a blank line

ok	sleep 0.05
fail	ls /nonexistent-profkit
slow	sleep 30
kore	kore-exec DEF --module TOY-FIB --pattern pat.kore
kevm prove tests/specs/mcd/flip-kick-spec.k
X
sed -i "s|DEF|$def|" suite.tsv
printf 'Lblsumfib{}(\\dv{SortInt{}}("15"), \\dv{SortInt{}}("0"))\n' >pat.kore
mkdir kb && printf '#!/bin/sh\nsleep 0.02\necho "kevm $1 $2 build=$BUILD"\n' >kb/kevm && chmod +x kb/kevm
printf '#!/bin/sh\necho "kevm 1.0 $BUILD"\necho "line two"\n' >kb/kevm-version && chmod +x kb/kevm-version
PATH=$PATH:$bin ok "one round, two builds" \
	prof-bench -q -s suite.tsv --build base=kb --build-env base BUILD=base \
	--build pr=kb --build-env pr BUILD=pr X=1 --timeout 0.5 --grace 0.2 \
	--version-cmd kevm-version --compare --min-time 0.04 -o r1
cp "$T/.out" r1.stdout
base=$(ls r1/KEVM-timing-*-base.data)
pr=$(ls r1/KEVM-timing-*-pr.data)
is "files named KEVM-timing-STAMP-BUILD.data" "2" \
	"$(ls r1 | grep -c '^KEVM-timing-[0-9]\{8\}-[0-9]\{6\}-\(base\|pr\)\.data$')"
is "version header first" "kevm 1.0 base
line two" "$(head -2 "$base")"
is "one timing line per test" 5 "$(grep -c 's [0-9]*KB ' "$base")"
is "every timing line is %x %es %Us %Ss %MKB %C" 0 \
	"$(sed 1,2d "$base" | grep -v '^Command exited' |
	   grep -cv '^[0-9][0-9]* [0-9][0-9]*\.[0-9][0-9]s [0-9][0-9]*\.[0-9][0-9]s [0-9][0-9]*\.[0-9][0-9]s [0-9][0-9]*KB ' || true)"
is "the timed-out test is 124" "124" \
	"$(grep ' sleep 30$' "$base" | cut -d' ' -f1)"
is "... after GNU time's own line" "Command exited with non-zero status 124" \
	"$(grep -B1 ' sleep 30$' "$base" | head -1)"
is "the test ran with the build's environment" "kevm prove tests/specs/mcd/flip-kick-spec.k build=pr" \
	"$(cat r1/logs/pr/specs_mcd_flip-kick-spec.k.log)"
is "a test's output is kept (kore-exec's result)" '\dv{SortInt{}}("1596")' "$(cat r1/logs/base/kore.log)"

# env: bash (make check's shell) has a time keyword
if env time --version 2>&1 | grep -q GNU; then
	# the same commands under GNU time, numbers masked
	mask() { sed 's/^\([0-9]*\) [0-9.]*s [0-9.]*s [0-9.]*s [0-9]*KB /\1 Ns Ns Ns NKB /'; }
	{
		env time -f '%x %es %Us %Ss %MKB %C' ls /nonexistent-profkit 2>&1 >/dev/null | grep -v '^ls:' || :
		env time -f '%x %es %Us %Ss %MKB %C' sleep 0.05 2>&1 >/dev/null
	} | mask >gnu
	# the failing ls and its "Command exited" line; not the timed-out
	# sleep 30 (matched by command and status, not by any digit in a line)
	grep -A1 -e '^Command' "$base" |
		grep -v -e '^--$' -e 'status 124$' -e ' sleep 30$' | mask >ours.fail
	grep ' sleep 0.05$' "$base" | mask >>ours.fail
	is "byte for byte GNU time's lines (numbers masked)" "$(cat gnu)" "$(cat ours.fail)"
else
	skip "byte for byte GNU time's lines (numbers masked)" "no GNU time (apt-get install time)"
fi

# (--min-time 0.04: no test under 10 ms, where GNU time says 0.00s and the
# KEVM script would divide by zero, is shown)
prof-compare --kevm --min-time 0.04 "$base" "$pr" >kevm.table
is "--compare prints prof-compare --kevm's table" "$(cat kevm.table)" "$(cat r1.stdout)"
is "... and keeps it" "$(cat kevm.table)" "$(cat r1/compare-base-pr.txt)"
is "the timed-out test in the table" "- sleep 30: base: timed out (exit 124) after 0.5s, pr: timed out (exit 124) after 0.5s" \
	"$(grep '^- sleep 30' kevm.table | sed 's/after 0\.[0-9]*s/after 0.5s/g')"
if command -v python3 >/dev/null 2>&1; then
	python3 "$abs_top_srcdir/tests/compare/kevm-ref.py" "$base" "$pr" 0.04 >ref
	is "the table is the documented KEVM rule's" "$(cat ref)" \
		"$(sed '/^$/,$d' kevm.table)"
else
	skip "the table is the documented KEVM rule's" "no python3"
fi

# ---- bench.json: prof-compare and prof-history read it -------------------
ok "prof-compare reads bench.json#BUILD" \
	prof-compare --format json r1/bench.json#base r1/bench.json#pr
is "... every test" 5 "$(python3 -c '
import json, sys
print(len(json.load(sys.stdin)["benchmarks"]))' <"$T/.out")"
fails_with 1 "bench.json of two builds without #BUILD" \
	prof-compare r1/bench.json r1/bench.json#pr
is "... says how to pick one" "prof-compare: r1/bench.json: 2 builds (base, pr): name one as r1/bench.json#BUILD" \
	"$(cat "$T/.err")"
fails_with 1 "an unknown build" prof-compare r1/bench.json#nope r1/bench.json#pr
ok "prof-history record bench.json#pr" \
	prof-history --db h.sqlite record --commit 1111111 --branch main r1/bench.json#pr
ok "prof-history export" prof-history --db h.sqlite export --format csv
is "... has the 5 tests" 5 \
	"$(cut -d, -f1-8 "$T/.out" | grep -c -e ok -e fail -e slow -e kore -e flip-kick || true)"

# ---- rounds: interleaving and the statistical table --------------------
{
	printf 'slowed\tsleep $D\n'
	printf 'same%s\tsleep 0.06\n' 1 2 3
} >five.tsv
ok "five rounds" prof-bench -q -s five.tsv --build-env fast D=0.02 \
	--build-env slow D=0.3 --rounds 5 --compare -o r5
grep '^| ' "$T/.out" >r5.rows || :
is "the slowed test is a regression" 1 "$(grep -c '| slowed .*| regression' r5.rows || true)"
is "nothing else is" 0 "$(grep -v slowed r5.rows | grep -c '| regression' || true)"
python3 - r5/bench.json >order.txt <<'X' || echo python3 failed >order.txt
import json, sys
d = json.load(open(sys.argv[1]))
s = sorted(d['samples'], key=lambda x: x['seq'])
rounds = {}
for x in s:
    rounds.setdefault(x['round'], []).append(x)
out = []
for r, xs in sorted(rounds.items()):
    tests = [x['test'] for x in xs[::2]]
    ok = all(xs[2*i]['test'] == xs[2*i+1]['test'] for i in range(len(xs)//2))
    abba = ''.join('A' if xs[2*i]['build'] == 'fast' else 'B' for i in range(len(xs)//2))
    out.append('%s %d %s %s' % (ok, len(set(tests)), abba, ','.join(tests)))
print('\n'.join(out))
X
is "each round: every test once, its builds back to back" \
	"True 4
True 4
True 4
True 4
True 4" "$(cut -d' ' -f1,2 order.txt)"
is "builds alternate from test to test (ABBA...)" "ABAB ABAB ABAB ABAB ABAB" \
	"$(cut -d' ' -f3 order.txt | tr '\n' ' ' | sed 's/ $//')"
is "the rounds take the tests in different orders" yes \
	"$([ "$(cut -d' ' -f4 order.txt | sort -u | wc -l)" -gt 1 ] && echo yes || echo no)"
ok "the same seed, the same order" prof-bench -q -s five.tsv --build-env fast D=0 \
	--build-env slow D=0 --rounds 5 -o r5b
python3 -c '
import json, sys
o = lambda f: [(x["test"], x["build"], x["round"]) for x in sorted(json.load(open(f))["samples"], key=lambda x: x["seq"])]
sys.exit(o(sys.argv[1]) != o(sys.argv[2]))' r5/bench.json r5b/bench.json &&
	is "... (run order identical)" ok ok || is "... (run order identical)" ok differs
is ".data has one line per test per round" 20 \
	"$(grep -c 's [0-9]*KB ' r5/KEVM-timing-*-slow.data)"

ok "--order sequential" prof-bench -q -s five.tsv --build-env A D=0 \
	--build-env B D=0 --rounds 2 --order sequential -o seq
is "... all A, then all B" "AAAAAAAABBBBBBBB" "$(python3 -c '
import json, sys
print("".join(x["build"] for x in sorted(json.load(open(sys.argv[1]))["samples"], key=lambda x: x["seq"])))' seq/bench.json)"

# ---- --warmup: runs kept in bench.json, in no timing file ---------------
printf 'w%s\tsleep 0.02\n' 1 2 >warm.tsv
ok "--warmup 1" prof-bench -q -s warm.tsv --build-env a X=1 --build-env b X=2 \
	--warmup 1 -o warm
is "... bench.json has the warmup runs, marked" "8 4" "$(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["samples"]
print(len(s), sum(1 for x in s if x["warmup"]))' warm/bench.json)"
is "... the timing file only the timed round" 2 \
	"$(grep -c 'KB ' warm/KEVM-timing-*-a.data)"
ok "... prof-compare reads the timed round" prof-compare --format json \
	warm/bench.json#a warm/bench.json#b
is "... one sample per test and side" "1 1" "$(python3 -c '
import json, sys
b = json.load(sys.stdin)["benchmarks"]
print(max(x["baseline_run"]["n"] for x in b), max(x["current_run"]["n"] for x in b))' <"$T/.out")"

# ---- --jobs: the builds of one test never overlap ----------------------
: >spans
for i in 1 2 3 4 5 6; do
	printf 't%s\ts=$(date +%%s.%%N); sleep 0.1; echo "t%s $B $s $(date +%%s.%%N)" >>%s/spans\n' \
		"$i" "$i" "$T"
done >jobs.tsv
ok "--jobs 3" prof-bench -q -s jobs.tsv --build-env x B=x --build-env y B=y \
	--rounds 2 -j 3 -o rj
is "every run happened" 24 "$(wc -l <spans | tr -d ' ')"
is "no two runs of one test at the same time" 0 "$(sort -k1,1 -k3,3n spans | awk '
	$1 == t && $3 < e { n++ } { if ($1 != t) e = 0; t = $1; if ($4 > e) e = $4 }
	END { print n + 0 }')"

# ---- SIGINT, then --resume ---------------------------------------------
# A background job of a script starts with SIGINT ignored, and the front
# end leaves an ignored signal ignored (as nohup expects): run prof-bench
# with SIGINT at its default, as from a terminal.  with_sigint CMD...
# (exec: $! is prof-bench itself)
with_sigint() {
	exec python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' "$@"
}
: >ran
for i in 1 2 3 4 5 6 7 8; do
	printf 'r%s\tsleep 0.15; echo "r%s $B" >>%s/ran\n' "$i" "$i" "$T"
done >resume.tsv
with_sigint prof-bench -q -s resume.tsv --build-env a B=a --build-env b B=b \
	--rounds 2 -o rs >rs.out 2>rs.err &
pid=$!
# stop it once a test or two have finished (the journal: a header line,
# then two lines per finished test)
i=0
while [ "$(cat rs/journal.jsonl 2>/dev/null | wc -l)" -lt 5 ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -INT "$pid"
st=0
wait "$pid" || st=$?
is "SIGINT: exit 130" 130 "$st"
is "... says how to go on" "yes" \
	"$(grep -q 'continue with --resume rs' rs.err && echo yes || echo no)"
done1=$(($(wc -l <rs/journal.jsonl) - 1))
is "... kept some finished tests, not all" yes \
	"$([ "$done1" -gt 0 ] && [ "$done1" -lt 32 ] && echo yes || echo "no ($done1)")"
ran1=$(wc -l <ran | tr -d ' ')
fails_with 1 "--resume with other options is refused" \
	prof-bench -q -s resume.tsv --build-env a B=a --build-env b B=b \
	--rounds 3 --resume rs
ok "--resume" prof-bench -q -s resume.tsv --build-env a B=a --build-env b B=b \
	--rounds 2 --resume rs
ran2=$(($(wc -l <ran) - ran1))
is "... ran exactly the runs not finished before" $((32 - done1)) "$ran2"
is "... every test of every round, once" "32 1" "$(python3 -c '
import json, sys, collections
c = collections.Counter((x["test"], x["build"], x["round"]) for x in json.load(open(sys.argv[1]))["samples"])
print(len(c), max(c.values()))' rs/bench.json)"
is "... the .data files have every test of both rounds" "16 16" \
	"$(grep -c 'KB ' rs/KEVM-timing-*-a.data) $(grep -c 'KB ' rs/KEVM-timing-*-b.data)"
is "... the same 8 tests as the suite" 8 \
	"$(grep 'KB ' rs/KEVM-timing-*-a.data | cut -d' ' -f6- | sort -u | wc -l | tr -d ' ')"

# a journal cut mid-line (prof-bench killed while writing): the cut job
# runs again, whole, and no run is counted twice
printf 'c%s\tsleep 0.02\n' 1 2 3 >cut.tsv
prof-bench -q -s cut.tsv --build-env a X=1 --build-env b X=2 --rounds 2 -o cut
head -c -30 cut/journal.jsonl >cut.j && cat cut.j >cut/journal.jsonl
ok "--resume after a cut journal" prof-bench -q -s cut.tsv --build-env a X=1 \
	--build-env b X=2 --rounds 2 --resume cut
ok "... and once more (nothing left to run)" prof-bench -q -s cut.tsv \
	--build-env a X=1 --build-env b X=2 --rounds 2 --resume cut
is "... every run once" "12 1" "$(python3 -c '
import json, sys, collections
c = collections.Counter((x["test"], x["build"], x["round"]) for x in json.load(open(sys.argv[1]))["samples"])
print(len(c), max(c.values()))' cut/bench.json)"

# a SIGINT stops a long test at once, not after it
printf 'long\tsleep 60\n' >long.tsv
with_sigint prof-bench -q -s long.tsv --build-env a X=1 --build-env b X=2 -o lg \
	2>/dev/null &
pid=$!
# wait (up to 20 s on a loaded machine) until the suite has started: its
# journal header is written, then the first run is under way
i=0
while [ ! -s lg/journal.jsonl ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.5
t0=$(date +%s)
kill -INT "$pid"
st=0
wait "$pid" || st=$?
is "SIGINT during a long run: exit 130 within seconds" "130 yes" \
	"$st $([ $(($(date +%s) - t0)) -lt 10 ] && echo yes || echo no)"
is "... and the interrupted run is not kept" 1 "$(wc -l <lg/journal.jsonl | tr -d ' ')"

# ---- --glob ------------------------------------------------------------
mkdir -p g/tests/specs/a g/tests/specs/b/c
touch g/tests/specs/a/x-spec.k g/tests/specs/b/c/y-spec.k g/tests/specs/b/z.k
ok "--glob with a command template" prof-bench -q --glob 'g/tests/**/*-spec.k' \
	--command 'echo prove {}' --build-env a X=1 --build-env b X=2 -o gl
is "... one KEVM-named test per match" "specs/a/x-spec.k
b/c/y-spec.k" "$(python3 -c '
import json, sys
print("\n".join(t["name"] for t in json.load(open(sys.argv[1]))["tests"]))' gl/bench.json)"
is "... commands from the template" "prove g/tests/specs/a/x-spec.k" \
	"$(cat gl/logs/a/specs_a_x-spec.k.log)"

done_testing
