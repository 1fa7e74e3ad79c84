#!/bin/sh
# test-data/make-fixtures.sh - rebuild profkit's GHC fixtures from source.
#
#   sh test-data/make-fixtures.sh [-f|--force] [-k|--keep DIR]
#
# Builds the programs in test-data/src/ with ghc (Debian ghc + ghc-prof,
# GHC 9.0.2 for the committed files), runs each one under every RTS mode
# profkit reads, and writes the artifacts into test-data/eventlog/,
# test-data/prof/ and test-data/heap/.  Nothing in test-data/ changes until
# every run has succeeded; then the three folders are replaced as a whole.
# Refuses to replace existing fixtures unless -f/--force is given.
# -k DIR keeps the build and run directories in DIR (for debugging).
# Each command and its exit status is echoed; test-data/README says which
# command made which file.  Needs: ghc, ghc-prof, zstd.
set -eu
LC_ALL=C
export LC_ALL
prog=make-fixtures.sh
here=$(cd "$(dirname "$0")" && pwd)
force=0
keep=
while [ $# -gt 0 ]; do
	case $1 in
	-f|--force) force=1;;
	-k|--keep) [ $# -ge 2 ] || { echo "$prog: $1 needs a directory" >&2; exit 2; }
		keep=$2; shift;;
	-h|--help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0;;
	*) echo "$prog: unknown option '$1'" >&2
	   echo "Try '$prog --help' for more information." >&2; exit 2;;
	esac
	shift
done

GHC=${GHC:-ghc}
command -v "$GHC" >/dev/null || { echo "$prog: $GHC not found (sh scripts/deps.sh --ghc)" >&2; exit 1; }
command -v zstd >/dev/null || { echo "$prog: zstd not found" >&2; exit 1; }
ver=$("$GHC" --numeric-version)
[ "$ver" = 9.0.2 ] || echo "$prog: warning: ghc $ver; the committed fixtures and test-data/README are from 9.0.2" >&2

if [ "$force" = 0 ]; then
	for d in eventlog prof heap; do
		if [ -d "$here/$d" ] && [ -n "$(ls -A "$here/$d")" ]; then
			echo "$prog: $here/$d already holds fixtures; use -f to regenerate them" >&2
			exit 1
		fi
	done
fi

if [ -n "$keep" ]; then
	mkdir -p "$keep"
	tmp=$(cd "$keep" && pwd)
else
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/profkit-fixtures.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 130' INT TERM
fi
out=$tmp/out
mkdir -p "$tmp/build" "$tmp/run" "$out/eventlog" "$out/prof" "$out/heap"

say() { printf '%s\n' "$*" >&2; }

# build NAME SRCDIR MAIN EXTRA-GHC-FLAGS...: compile from inside SRCDIR so the
# SRC column of .prof files shows paths relative to it.
build() {
	name=$1 srcdir=$2 main=$3; shift 3
	say "== build $name: ghc $* $main"
	mkdir -p "$tmp/build/$name"
	(cd "$here/src/$srcdir" &&
	 "$GHC" -v0 "$@" -outputdir "$tmp/build/$name" -o "$tmp/build/$name/$name" "$main")
}

PROF="-prof -fprof-auto -rtsopts -eventlog"
# shellcheck disable=SC2086
build ccprof ccprof Main.hs $PROF -fprof-cafs -i. "-ilib dir"
# shellcheck disable=SC2086
build leak leak Leak.hs $PROF
# shellcheck disable=SC2086
build spans spans Spans.hs $PROF -threaded
build spans-plain spans Spans.hs -rtsopts -eventlog -threaded
build flood flood Flood.hs -rtsopts -eventlog

# run ID BINARY ARGS...: run in a fresh directory $tmp/run/ID as ./NAME so
# the .prof/.hp headers show the plain program name.
run() {
	id=$1 bin=$2; shift 2
	rd=$tmp/run/$id
	rm -rf "$rd"; mkdir -p "$rd"
	cp "$tmp/build/$bin/$bin" "$rd/"
	say "== $id: ./$bin $*"
	st=0
	(cd "$rd" && "./$bin" "$@" >stdout 2>stderr) || st=$?
	say "   exit $st"
	[ "$st" = 0 ] || { cat "$rd/stderr" >&2; exit 1; }
}

# run_signal ID SIGNAL DELAY BINARY ARGS...: start, wait DELAY seconds, send
# SIGNAL to the program, wait for it to end.  The program is started by a
# helper shell with job control off, so it is exec'd directly; SIGINT is
# restored to its default first (POSIX sh ignores it in background jobs).
run_signal() {
	id=$1 sig=$2 delay=$3 bin=$4; shift 4
	rd=$tmp/run/$id
	rm -rf "$rd"; mkdir -p "$rd"
	cp "$tmp/build/$bin/$bin" "$rd/"
	say "== $id: ./$bin $* (SIG$sig after ${delay}s)"
	(cd "$rd" && trap - INT && exec "./$bin" "$@" >stdout 2>stderr) &
	pid=$!
	sleep "$delay"
	kill -s "$sig" "$pid"
	st=0
	wait "$pid" || st=$?
	say "   exit $st"
}

# wait_grow FILE MIN: wait (up to 60 s) until FILE is at least MIN bytes.
wait_grow() {
	i=0
	while [ "$( (wc -c <"$1") 2>/dev/null || echo 0)" -lt "$2" ]; do
		i=$((i + 1))
		[ "$i" -lt 600 ] || { say "$prog: $1 never reached $2 bytes"; exit 1; }
		sleep 0.1
	done
}

R=$tmp/run

## ---- cost-centre profiles (.prof) ----
run p ccprof +RTS -p -RTS
cp "$R/p/ccprof.prof" "$out/prof/ccprof-p.prof"
run P ccprof +RTS -P -RTS
cp "$R/P/ccprof.prof" "$out/prof/ccprof-P.prof"
run pa ccprof +RTS -pa -RTS
cp "$R/pa/ccprof.prof" "$out/prof/ccprof-pa.prof"
run pj ccprof +RTS -pj -RTS
cp "$R/pj/ccprof.prof" "$out/prof/ccprof-pj.prof"

## ---- cost-centre eventlogs (+ the .prof of the same run) ----
run pl ccprof +RTS -p -l-au -RTS
cp "$R/pl/ccprof.prof" "$out/prof/ccprof-p-l-au.prof"
cp "$R/pl/ccprof.eventlog" "$out/eventlog/ccprof-p-l-au.eventlog"

run spl spans +RTS -N2 -p -l-au -RTS
cp "$R/spl/spans.prof" "$out/prof/spans-N2-p-l-au.prof"
cp "$R/spl/spans.eventlog" "$out/eventlog/spans-N2-p-l-au.eventlog"

run splall spans +RTS -N2 -p -l -RTS
cp "$R/splall/spans.prof" "$out/prof/spans-N2-p-l.prof"
cp "$R/splall/spans.eventlog" "$out/eventlog/spans-N2-p-l.eventlog"

## ---- plain eventlogs: -l only ----
# Non-threaded RTS, one capability (a profiled binary, but no -p/-h: no
# cost-centre samples); a short run, as -O0 ccprof GCs often.
run l ccprof 60 +RTS -l -RTS
cp "$R/l/ccprof.eventlog" "$out/eventlog/ccprof-l.eventlog"
# Threaded, 2 capabilities, no profiling at all.
run sl spans-plain +RTS -N2 -l -RTS
cp "$R/sl/spans-plain.eventlog" "$out/eventlog/spans-N2-l.eventlog"

## ---- heap profiles: .hp + the eventlog of the same run ----
for m in hc hm hd hy hr hb hT; do
	run "$m" leak +RTS "-$m" -i0.05 -l -RTS
	cp "$R/$m/leak.hp" "$out/heap/leak-$m.hp"
	cp "$R/$m/leak.eventlog" "$out/heap/leak-$m.eventlog"
done

## ---- runs cut short ----
# SIGINT: GHC's RTS turns it into an orderly shutdown, so the .prof is
# complete and the eventlog has its end marker.
run_signal sigint INT 1 ccprof 100000 +RTS -p -l-au -RTS
[ -s "$R/sigint/ccprof.prof" ] || { say "$prog: SIGINT run wrote no .prof"; exit 1; }
cp "$R/sigint/ccprof.prof" "$out/prof/ccprof-sigint.prof"
cp "$R/sigint/ccprof.eventlog" "$out/eventlog/ccprof-sigint.eventlog"

# SIGKILL during a heap-profiled run, once the .hp holds 6 censuses (GHC
# flushes the .hp after each census): the .hp stops after the last census
# written (no final empty sample); the eventlog buffer was never flushed, so
# the eventlog holds only its header.
rd=$R/killed
rm -rf "$rd"; mkdir -p "$rd"
cp "$tmp/build/leak/leak" "$rd/"
say "== killed: ./leak 300000 +RTS -hc -i0.05 -l -RTS (SIGKILL after 6 censuses)"
(cd "$rd" && exec ./leak 300000 +RTS -hc -i0.05 -l -RTS >stdout 2>stderr) &
pid=$!
i=0
censuses() { if [ -f "$1" ]; then grep -c '^END_SAMPLE' "$1" || :; else echo 0; fi; }
while [ "$(censuses "$rd/leak.hp")" -lt 6 ]; do
	i=$((i + 1))
	[ "$i" -lt 1200 ] || { say "$prog: leak.hp never got 6 samples"; kill -s KILL "$pid"; exit 1; }
	sleep 0.05
done
kill -s KILL "$pid"
wait "$pid" || true
cp "$rd/leak.hp" "$out/heap/leak-hc-killed.hp"
cp "$rd/leak.eventlog" "$out/heap/leak-hc-killed.eventlog"

# SIGKILL after one 2 MiB eventlog block reached the file: complete events,
# no end-of-data marker.  Compressed (profkit reads .zst transparently).
rd=$R/flood
rm -rf "$rd"; mkdir -p "$rd"
cp "$tmp/build/flood/flood" "$rd/"
say "== flood: ./flood +RTS -l -RTS (SIGKILL once the first block is written)"
(cd "$rd" && exec ./flood +RTS -l -RTS >stdout 2>stderr) &
pid=$!
wait_grow "$rd/flood.eventlog" 100000
while ! grep -q 'waiting to be killed' "$rd/stdout" 2>/dev/null; do sleep 0.1; done
kill -s KILL "$pid"
wait "$pid" || true
zstd -q -19 "$rd/flood.eventlog" -o "$out/eventlog/flood-killed.eventlog.zst"

## ---- install ----
for d in eventlog prof heap; do
	rm -rf "$here/$d.new"
	cp -R "$out/$d" "$here/$d.new"
done
for d in eventlog prof heap; do
	rm -rf "$here/$d"
	mv "$here/$d.new" "$here/$d"
done
say "== wrote:"
(cd "$here" && find eventlog prof heap -type f | sort | while read -r f; do
	printf '%10s  %s\n' "$(wc -c <"$f")" "$f"; done) >&2
say "total: $(cd "$here" && cat eventlog/* prof/* heap/* | wc -c) bytes"
