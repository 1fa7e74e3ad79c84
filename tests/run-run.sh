#!/bin/sh
# tests/run-run.sh - prof-run: exit statuses as timeout(1), the SIGINT ->
# SIGTERM -> SIGKILL escalation leaving no process of the group, run.json,
# and a real profiled program stopped by the time limit still writing a
# complete .prof.  The profiled program is the sample report's toy
# kore-exec (test-data/sample-report, committed GHC 9.0.2 builds).
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
need_cmds python3 ps
# the system python starts much faster than a pyenv shim
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3

jget() { # FILE EXPR: print a value of run.json
	$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); v=eval(sys.argv[2]); print(" ".join(map(str, v)) if isinstance(v, tuple) else v)' "$1" "$2"
}
alive() { # PIDFILE: print the pids still alive (zombies included)
	for p in $(cat "$1"); do kill -0 "$p" 2>/dev/null && echo "$p"; done; true
}

# ---- exit statuses, without GHC
fails_with 127 "command not found: 127" prof-run -q --mode plain --out "$T/o127" -- no-such-command-here
is "run.json records the failure" "127 False" "$(jget "$T/o127/run.json" 'd["status"], d["started"]')"
printf 'not executable\n' >"$T/noexec"; chmod 644 "$T/noexec"
fails_with 126 "not executable: 126" prof-run -q --mode plain --json "$T/j126" -- "$T/noexec"
fails_with 3 "the command's status passes through" prof-run -q --mode plain --json "$T/j3" -- sh -c 'exit 3'
is "run.json exit_status" "3 None False" "$(jget "$T/j3" 'd["exit_status"], d["signal"], d["timed_out"]')"
fails_with 2 "usage: no mode" prof-run -- true
fails_with 2 "usage: bad mode" prof-run --mode nonsense -- true
fails_with 2 "usage: bad duration" prof-run --mode plain --timeout soon -- true
fails_with 2 "usage: no command" prof-run --mode plain

# GHCRTS: ours appended to what is set; names pinned
GHCRTS=-A1m prof-run -q --mode eventlog --name app --json "$T/jrts" -- true
is "GHCRTS merged, output names pinned" "-A1m -l -olapp.eventlog" "$(jget "$T/jrts" 'd["ghcrts"]')"

# ---- a script that ignores SIGINT and SIGTERM and spawns a sleeper
cat >"$T/stubborn.sh" <<'SH'
#!/bin/sh
trap '' INT TERM
sleep 300 &
echo $$ >"$1"; echo $! >>"$1"
while :; do sleep 1; done
SH
chmod 755 "$T/stubborn.sh"
fails_with 124 "stubborn script: 124" prof-run --mode plain --timeout 1s \
	--grace 1s --kill-after 1s --out "$T/stub" -- "$T/stubborn.sh" "$T/stub.pids"
is "stubborn script: both pids recorded" "2" "$(wc -l <"$T/stub.pids" | tr -d ' ')"
is "stubborn script: no process of the group remains" "" "$(alive "$T/stub.pids")"
pg=$(head -1 "$T/stub.pids")
is "stubborn script: the process group is empty" "" \
	"$(ps -eo pgid= | awk -v g="$pg" '$1 == g' )"
is "signals sent: INT (timeout), TERM (grace), KILL" \
	"SIGINT timeout SIGTERM grace SIGKILL kill" \
	"$(jget "$T/stub/run.json" '" ".join(s["signal"]+" "+s["reason"] for s in d["signals_sent"])')"
is "run.json: timed_out, killed by SIGKILL" "True SIGKILL 124" \
	"$(jget "$T/stub/run.json" 'd["timed_out"], d["signal"], d["status"]')"
is "signal times follow the grace periods" "True" \
	"$(jget "$T/stub/run.json" '[s["at_s"] for s in d["signals_sent"]] == sorted(s["at_s"] for s in d["signals_sent"]) and d["signals_sent"][1]["at_s"] - d["signals_sent"][0]["at_s"] >= 0.9')"

# a command that exits but leaves a child in its group
cat >"$T/leaver.sh" <<'SH'
#!/bin/sh
sleep 300 &
echo $! >"$1"
exit 0
SH
chmod 755 "$T/leaver.sh"
ok "leaver: the command's status 0" prof-run -q --mode plain --kill-after 1s \
	--json "$T/leaver.json" -- "$T/leaver.sh" "$T/leaver.pids"
is "leaver: its orphan does not survive" "" "$(alive "$T/leaver.pids")"
is "leaver: stragglers got SIGTERM" "SIGTERM stragglers" \
	"$(jget "$T/leaver.json" '" ".join(s["signal"]+" "+s["reason"] for s in d["signals_sent"])')"

# a child that leaves the group (setsid) is still ours: killed too
if command -v setsid >/dev/null 2>&1; then
	cat >"$T/escaper.sh" <<'SH'
#!/bin/sh
setsid sleep 300 &
echo $! >"$1"
# leave only once the child has left our process group
while [ "$(ps -o pgid= -p $! | tr -d ' ')" = "$(ps -o pgid= -p $$ | tr -d ' ')" ]; do
	sleep 0.05
done
exit 0
SH
	chmod 755 "$T/escaper.sh"
	ok "escaper: the command's status 0" prof-run -q --mode plain \
		--json "$T/esc.json" -- "$T/escaper.sh" "$T/esc.pids"
	is "escaper: the process that left the group does not survive" "" "$(alive "$T/esc.pids")"
	is "escaper: recorded" "SIGKILL escaped" \
		"$(jget "$T/esc.json" '" ".join(s["signal"]+" "+s["reason"] for s in d["signals_sent"])')"
fi

# our own SIGINT is forwarded to the group
prof-run -q --mode plain --grace 1s --kill-after 1s --json "$T/fwd.json" -- \
	"$T/stubborn.sh" "$T/fwd.pids" &
rp=$!
i=0; while [ ! -s "$T/fwd.pids" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
sleep 0.2
kill -INT $rp
st=0; wait $rp || st=$?
is "forwarded SIGINT: prof-run returns when the group is gone" "137" "$st"
is "forwarded: no process remains" "" "$(alive "$T/fwd.pids")"
is "forwarded: interrupted, first signal SIGINT forwarded" "True SIGINT forwarded" \
	"$(jget "$T/fwd.json" 'd["interrupted"], d["signals_sent"][0]["signal"], d["signals_sent"][0]["reason"]')"

# ---- a real profiled program: the sample report's toy kore-exec
# (test-data/sample-report: GHC 9.0.2 builds, plain and profiled)
SR="$TEST_DATA/sample-report"
PBIN="$SR/prof-bin"
if [ ! -x "$PBIN/kore-exec" ] || ! "$PBIN/kore-exec" +RTS --info >/dev/null 2>&1; then
	skip "profiled program" "the sample report's kore-exec does not run here"
	done_testing
	exit
fi
# a pattern that runs ~25 s profiled (see sample-report/README)
cp -r "$SR/report" "$T/big"
printf 'Lblsumfib{}(\\dv{SortInt{}}("30"), \\dv{SortInt{}}("0"))\n' >"$T/big/big.kore"

fails_with 124 "prof mode, longer than --timeout 2s: 124" prof-run -q \
	--mode prof --timeout 2s --bin-dir "$PBIN" --copy-from "$T/big" \
	--workdir "$T/w-prof" --out "$T/prof" -- sh kore-exec.sh --pattern big.kore
is "run.json: timed_out true, stopped by the one SIGINT" "True SIGINT 1 SIGINT" \
	"$(jget "$T/prof/run.json" 'd["timed_out"], d["signal"], len(d["signals_sent"]), d["signals_sent"][0]["signal"]')"
is "run.json: GHC version and program detected through the script" "9.0.2 kore-exec" \
	"$(jget "$T/prof/run.json" 'd["ghc"]["version"], d["name"]')"
ok ".prof exists and is non-empty" test -s "$T/prof/kore-exec.prof"
ok ".prof is complete (its cost-centre table is there)" grep -q '^COST CENTRE' "$T/prof/kore-exec.prof"
ok ".prof names a hot cost centre" grep -q 'execute' "$T/prof/kore-exec.prof"
if command -v prof-summarize >/dev/null 2>&1; then
	ok ".prof parses (prof-summarize)" prof-summarize "$T/prof/kore-exec.prof"
fi
is "run.json marks .prof and eventlog complete" "eventlog:True prof:True" \
	"$(jget "$T/prof/run.json" '" ".join(sorted(a["kind"]+":"+str(a["complete"]) for a in d["artifacts"]))')"
is "run.json: sizes match the files" "$(stat -c %s "$T/prof/kore-exec.prof")" \
	"$(jget "$T/prof/run.json" '[a["size"] for a in d["artifacts"] if a["kind"]=="prof"][0]')"
is "run.json: times and RSS recorded" "True" \
	"$(jget "$T/prof/run.json" 'd["wall_s"] >= 2 and d["user_s"] > 0 and d["max_rss_kb"] > 1000')"
ok "the report copy is fresh: the original has no .prof" test ! -e "$T/big/kore-exec.prof"

ok "heap mode" prof-run -q --mode heap --copy-from "$SR/report" \
	--workdir "$T/w-heap" --bin-dir "$PBIN" --out "$T/heap" -- sh kore-exec.sh
is "heap: pinned names" "kore-exec.eventlog kore-exec.hp" \
	"$(cd "$T/heap" && ls *.hp *.eventlog | sort | tr '\n' ' ' | sed 's/ $//')"
is "heap: .hp and eventlog complete" "eventlog:True hp:True" \
	"$(jget "$T/heap/run.json" '" ".join(sorted(a["kind"]+":"+str(a["complete"]) for a in d["artifacts"]))')"
fails_with 125 "a used work directory is refused" prof-run -q --mode heap \
	--copy-from "$SR/report" --workdir "$T/w-heap" --bin-dir "$PBIN" -- sh kore-exec.sh
ok "prof-json mode" prof-run -q --mode prof-json --copy-from "$SR/report" \
	--workdir "$T/w-pj" --bin-dir "$PBIN" --out "$T/pj" -- sh kore-exec.sh
ok "prof-json: the .prof is JSON with cost centres" $PY -c \
	'import json,sys; d=json.load(open(sys.argv[1])); assert d["cost_centres"]' "$T/pj/kore-exec.prof"
ok "eventlog mode (plain build)" prof-run -q --mode eventlog --copy-from "$SR/report" \
	--workdir "$T/w-el" --bin-dir "$SR/bin" --out "$T/el" -- sh kore-exec.sh
if command -v ghc-events >/dev/null 2>&1; then
	ok "eventlog: ghc-events reads it" ghc-events show "$T/el/kore-exec.eventlog"
fi
fails_with 125 "infotables refused on GHC < 9.2" prof-run --mode infotables \
	--copy-from "$SR/report" --workdir "$T/w-it" --bin-dir "$SR/bin" --out "$T/it" -- sh kore-exec.sh
cp "$T/.err" "$T/it.err"
ok "... with a message naming the reason" grep -q 'needs GHC >= 9.2.*9\.0\.2' "$T/it.err"
is "... recorded as skipped, not started" "True False" \
	"$(jget "$T/it/run.json" 'd["skipped"], d["started"]')"

# a heap run SIGKILLed from inside: the artifacts are flagged partial
mkdir "$T/kbin"
cat >"$T/kbin/killer.sh" <<'SH'
#!/bin/sh
kore-exec definition.kore --module TOY-FIB --pattern big.kore &
p=$!
sleep 1.5
kill -KILL $p
wait $p
exit 9
SH
chmod 755 "$T/kbin/killer.sh"
fails_with 9 "SIGKILLed heap run" prof-run -q --mode heap --name kore-exec \
	--bin-dir "$T/kbin:$PBIN" --copy-from "$T/big" --workdir "$T/w-kill" \
	--out "$T/killed" -- killer.sh
is "killed: .hp without its final sample flagged partial" "False" \
	"$(jget "$T/killed/run.json" '[a["complete"] for a in d["artifacts"] if a["kind"]=="hp"][0]')"
is "killed: eventlog flagged partial" "False" \
	"$(jget "$T/killed/run.json" '[a["complete"] for a in d["artifacts"] if a["kind"]=="eventlog"][0]')"
done_testing
