#!/bin/sh
# tests/run-run.sh - prof-run: exit statuses as timeout(1), the SIGINT ->
# SIGTERM -> SIGKILL escalation leaving no process of the group, run.json,
# and a real profiled program stopped by the time limit still writing a
# complete .prof.  The profiled program is tests/run-data/Spin.hs, built
# here with GHC when GHC and its profiling libraries are installed.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
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

# ---- a real profiled program
if ! command -v ghc >/dev/null 2>&1 || ! command -v $PY >/dev/null 2>&1; then
	skip "profiled program" "no ghc or python3"
	done_testing
	exit
fi
mkdir -p "$T/build" "$T/bin"
if ! ghc -prof -fprof-auto -rtsopts -eventlog -O0 -outputdir "$T/build" \
	"$abs_top_srcdir/tests/run-data/Spin.hs" -o "$T/bin/spin" >"$T/ghc.log" 2>&1; then
	skip "profiled program" "ghc -prof failed (no profiling libraries?)"
	done_testing
	exit
fi

fails_with 124 "prof mode, longer than --timeout 2s: 124" prof-run -q \
	--mode prof --timeout 2s --bin-dir "$T/bin" --workdir "$T/build" \
	--out "$T/prof" -- spin
is "run.json: timed_out true, stopped by the SIGINT" "True SIGINT 1" \
	"$(jget "$T/prof/run.json" 'd["timed_out"], d["signal"], len(d["signals_sent"])')"
is "run.json: GHC version detected" "9" "$(jget "$T/prof/run.json" 'd["ghc"]["version"].split(".")[0]')"
ok ".prof exists and is non-empty" test -s "$T/prof/spin.prof"
is ".prof is complete (has its cost-centre table)" "1" \
	"$(grep -c '^COST CENTRE' "$T/prof/spin.prof" | head -1 | awk '{print ($1 >= 1)}')"
ok ".prof names the hot cost centre" grep -q '^collatz' "$T/prof/spin.prof"
is "run.json marks .prof and eventlog complete" "eventlog:True prof:True" \
	"$(jget "$T/prof/run.json" '" ".join(sorted(a["kind"]+":"+str(a["complete"]) for a in d["artifacts"])) ')"
is "run.json: sizes match the files" "$(stat -c %s "$T/prof/spin.prof")" \
	"$(jget "$T/prof/run.json" '[a["size"] for a in d["artifacts"] if a["kind"]=="prof"][0]')"
is "run.json: times and RSS recorded" "True" \
	"$(jget "$T/prof/run.json" 'd["wall_s"] >= 2 and d["user_s"] > 0 and d["max_rss_kb"] > 1000')"

mkdir "$T/rep"; cp "$abs_top_srcdir/tests/run-data/Spin.hs" "$T/rep/"
printf '#!/bin/sh\nexec spin \\\n    2 \\\n    "$@"\n' >"$T/rep/spin.sh"; chmod 755 "$T/rep/spin.sh"
ok "heap mode through a report script, fresh copy" prof-run -q --mode heap \
	--copy-from "$T/rep" --workdir "$T/w-heap" --bin-dir "$T/bin" \
	--out "$T/heap" -- ./spin.sh
is "heap: the script's GHC program found and named" "spin spin.eventlog spin.hp" \
	"$(jget "$T/heap/run.json" 'd["name"]') $(cd "$T/heap" && ls *.hp *.eventlog | tr '\n' ' ' | sed 's/ $//')"
is "heap: .hp and eventlog complete" "eventlog:True hp:True" \
	"$(jget "$T/heap/run.json" '" ".join(sorted(a["kind"]+":"+str(a["complete"]) for a in d["artifacts"]))')"
ok "heap: the copy is fresh (report left untouched)" test ! -e "$T/rep/spin.hp"
fails_with 125 "a used work directory is refused" prof-run -q --mode heap \
	--copy-from "$T/rep" --workdir "$T/w-heap" --bin-dir "$T/bin" -- ./spin.sh
ok "prof-json mode" prof-run -q --mode prof-json --bin-dir "$T/bin" \
	--workdir "$T/build" --out "$T/pj" -- spin 1
ok "prof-json: the .prof is JSON with cost centres" $PY -c \
	'import json,sys; d=json.load(open(sys.argv[1])); assert d["cost_centres"]' "$T/pj/spin.prof"
ok "eventlog mode" prof-run -q --mode eventlog --bin-dir "$T/bin" \
	--workdir "$T/build" --out "$T/el" -- spin 1
if command -v ghc-events >/dev/null 2>&1; then
	ok "eventlog: ghc-events reads it" ghc-events show "$T/el/spin.eventlog"
fi
fails_with 125 "infotables refused on GHC < 9.2" prof-run --mode infotables \
	--bin-dir "$T/bin" --workdir "$T/build" --out "$T/it" -- spin 1
cp "$T/.err" "$T/it.err"
ok "... with a message naming the reason" grep -q 'needs GHC >= 9.2' "$T/it.err"
is "... recorded as skipped" "True False" \
	"$(jget "$T/it/run.json" 'd["skipped"], d["started"]')"

# a killed heap run: the artifacts are flagged partial
cat >"$T/bin/killer.sh" <<'SH'
#!/bin/sh
spin &
p=$!
sleep 1.5
kill -KILL $p
wait $p
exit 9
SH
chmod 755 "$T/bin/killer.sh"
fails_with 9 "SIGKILLed heap run" prof-run -q --mode heap --name spin \
	--bin-dir "$T/bin" --workdir "$T/build" --out "$T/killed" -- killer.sh
is "killed: .hp without its final sample flagged partial" "False" \
	"$(jget "$T/killed/run.json" '[a["complete"] for a in d["artifacts"] if a["kind"]=="hp"][0]')"
done_testing
