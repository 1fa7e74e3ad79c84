#!/bin/sh
# test-data/make-fixtures.sh - rebuild profkit's GHC fixtures from source.
#
#   sh test-data/make-fixtures.sh [-f|--force] [-k|--keep DIR]
#
# Builds the programs in test-data/src/ with ghc (Debian ghc + ghc-prof,
# GHC 9.0.2 for the committed files), runs each one under every RTS mode
# profkit reads, and writes the artifacts into test-data/eventlog/,
# test-data/prof/ and test-data/heap/; then runs the benchmark harnesses
# (google-benchmark, hyperfine, pytest-benchmark, Criterion.rs) on
# test-data/src/gbench, pybench and critbench and writes their results into
# test-data/bench/.
# It also writes test-data/reference/: `ghc-events show` dumps of some logs,
# made with src/evshow (Debian's ghc-events library).
# Nothing in test-data/ changes until every run has succeeded; then the
# five folders are replaced as a whole.
# Refuses to replace existing fixtures unless -f/--force is given.
# -k DIR keeps the build and run directories in DIR (for debugging).
# Each command and its exit status is echoed; test-data/README says which
# command made which file.  Needs: ghc, ghc-prof, libghc-ghc-events-dev, zstd, g++,
# libbenchmark-dev, hyperfine, python3-pytest-benchmark, jq, cargo,
# librust-criterion-dev.
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
for c in zstd g++ hyperfine jq; do
	command -v "$c" >/dev/null || { echo "$prog: $c not found" >&2; exit 1; }
done
# Debian's pytest-benchmark is a module of Debian's python3, which a
# user's PATH may shadow (pyenv, venvs).
PY=${PYTHON:-/usr/bin/python3}
# Debian's cargo and crates (a rustup cargo in PATH would not find them).
CARGO=${CARGO:-/usr/bin/cargo}
[ -x "$CARGO" ] && [ -n "$(ls -d /usr/share/cargo/registry/criterion-0.3* 2>/dev/null)" ] ||
	{ echo "$prog: no $CARGO or no Debian criterion crate (apt-get install cargo librust-criterion-dev)" >&2; exit 1; }
"$PY" -c 'import pytest_benchmark' 2>/dev/null ||
	{ echo "$prog: $PY has no pytest_benchmark (apt-get install python3-pytest-benchmark)" >&2; exit 1; }
ver=$("$GHC" --numeric-version)
[ "$ver" = 9.0.2 ] || echo "$prog: warning: ghc $ver; the committed fixtures and test-data/README are from 9.0.2" >&2

if [ "$force" = 0 ]; then
	for d in eventlog prof heap bench reference; do
		if [ -d "$here/$d" ] && [ -n "$(ls -A "$here/$d")" ]; then
			echo "$prog: $here/$d already holds fixtures; use -f to regenerate them" >&2
			exit 1
		fi
	done
fi

# pid: the program running in the background, if any; never left behind.
pid=
if [ -n "$keep" ]; then
	mkdir -p "$keep"
	tmp=$(cd "$keep" && pwd)
	trap '[ -z "$pid" ] || kill -s KILL "$pid" 2>/dev/null || :' EXIT
else
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/profkit-fixtures.XXXXXX")
	trap '[ -z "$pid" ] || kill -s KILL "$pid" 2>/dev/null || :; rm -rf "$tmp"' EXIT
fi
trap 'exit 130' INT TERM
out=$tmp/out
mkdir -p "$tmp/build" "$tmp/run" "$out/eventlog" "$out/prof" "$out/heap" "$out/bench" \
	"$out/reference"

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
build leak-plain leak Leak.hs -rtsopts -eventlog
build flood flood Flood.hs -rtsopts -eventlog
# an independent eventlog reader: `ghc-events show` from Debian's
# ghc-events library (libghc-ghc-events-dev)
build evshow evshow EvShow.hs -O -package ghc-events

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
	pid=
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

# wait_line FILE TEXT: wait (up to 60 s) until FILE contains TEXT.
wait_line() {
	i=0
	until grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -lt 600 ] || { say "$prog: $1 never said '$2'"; exit 1; }
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

# -hT needs no profiling: the usual way to get a heap profile from a normal
# build.  Its eventlog has heap samples but no cost-centre definitions.
run plainhT leak-plain +RTS -hT -i0.05 -l -RTS
cp "$R/plainhT/leak-plain.hp" "$out/heap/leak-plain-hT.hp"
cp "$R/plainhT/leak-plain.eventlog" "$out/heap/leak-plain-hT.eventlog"

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
	[ "$i" -lt 1200 ] || { say "$prog: leak.hp never got 6 samples"; exit 1; }
	sleep 0.05
done
kill -s KILL "$pid"
wait "$pid" || true
pid=
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
wait_line "$rd/stdout" 'waiting to be killed'
kill -s KILL "$pid"
wait "$pid" || true
pid=
zstd -q -19 "$rd/flood.eventlog" -o "$out/eventlog/flood-killed.eventlog.zst"

## ---- reference dumps: what ghc-events shows for five of the logs ----
# (ghc-events 0.17 no longer lists the block markers its older dumps had)
mkdir -p "$out/reference"
for f in eventlog/ccprof-l eventlog/ccprof-p-l-au eventlog/spans-N2-l heap/leak-hc heap/leak-hb; do
	say "== evshow $f.eventlog | gzip -9n"
	"$tmp/build/evshow/evshow" "$out/$f.eventlog" >"$tmp/reference"
	gzip -9n <"$tmp/reference" >"$out/reference/${f#*/}.eventlog.reference.gz"
done

## ---- more runs cut short (for what the shared corpus tests) ----
# SIGTERM: unlike SIGINT, GHC 9.0's RTS dies without its orderly shutdown,
# so the .prof it created at start-up stays empty (0 bytes).
run_signal sigterm TERM 1 ccprof 100000 +RTS -p -RTS
[ -f "$R/sigterm/ccprof.prof" ] || { say "$prog: SIGTERM run left no .prof"; exit 1; }
cp "$R/sigterm/ccprof.prof" "$out/prof/ccprof-sigterm.prof"

# -hb keeps every census until the program exits (biographical profiling
# needs the end of each closure's life): killed early, the .hp holds only
# its header.
run_signal hbkilled KILL 1 leak 300000 +RTS -hb -i0.05 -RTS
[ -s "$R/hbkilled/leak.hp" ] || { say "$prog: -hb run left no .hp header"; exit 1; }
cp "$R/hbkilled/leak.hp" "$out/heap/leak-hb-killed.hp"

# An argument with double quotes: GHC doubles them in the JOB line.
run quoted leak 20000 'say "hi"' +RTS -hc -i0.05 -RTS
cp "$R/quoted/leak.hp" "$out/heap/leak-hc-quoted-arg.hp"

## ---- benchmark results (prof-compare, prof-history) ----
B=$out/bench
say "== build gbench: g++ -O2 bench.cc -lbenchmark (and -DSUM_SLOW=4)"
mkdir -p "$tmp/build/gbench"
g++ -O2 -o "$tmp/build/gbench/bench" "$here/src/gbench/bench.cc" -lbenchmark -lpthread
g++ -O2 -DSUM_SLOW=4 -o "$tmp/build/gbench/bench-slow" "$here/src/gbench/bench.cc" -lbenchmark -lpthread
# gbench2 OUT1 BIN1 OUT2 BIN2 ARGS...: two google-benchmark runs side by
# side (one per core), JSON on stdout, so that both see the same machine:
# on a shared machine, runs one after the other differ by tens of percent.
gbench2() {
	o1=$1 b1=$2 o2=$3 b2=$4; shift 4
	say "== $o1 + $o2: $b1 $* & $b2 $*"
	"$tmp/build/gbench/$b1" "$@" >"$B/$o1" 2>"$tmp/gbench1.err" &
	pid=$!
	st=0
	"$tmp/build/gbench/$b2" "$@" >"$B/$o2" 2>"$tmp/gbench2.err" || st=$?
	wait "$pid" || st=$?
	pid=
	[ "$st" = 0 ] || { cat "$tmp/gbench1.err" "$tmp/gbench2.err" >&2; exit 1; }
}
G="--benchmark_min_time=0.1 --benchmark_enable_random_interleaving=true --benchmark_format=json"
# shellcheck disable=SC2086
gbench2 gbench-baseline.json bench gbench-current.json bench-slow --benchmark_repetitions=10 $G
# shellcheck disable=SC2086
gbench2 gbench-aa-run1.json bench gbench-aa-run2.json bench --benchmark_repetitions=10 $G
# shellcheck disable=SC2086
gbench2 gbench-once-baseline.json bench gbench-once-current.json bench-slow $G
# 3 repetitions: iterations and aggregates (mean, median, stddev, cv) mixed;
# then the aggregates alone.
gbench1() { # OUT ARGS...
	o=$1; shift
	say "== $o: bench $*"
	"$tmp/build/gbench/bench" "$@" >"$B/$o" 2>"$tmp/gbench1.err" ||
		{ cat "$tmp/gbench1.err" >&2; exit 1; }
}
# shellcheck disable=SC2086
gbench1 gbench-reps3.json --benchmark_repetitions=3 $G
# shellcheck disable=SC2086
gbench1 gbench-reps3-aggregates-only.json --benchmark_repetitions=3 \
	--benchmark_report_aggregates_only=true $G
# the console table: not a result file (prof-compare must say so)
gbench1 gbench-console.txt --benchmark_min_time=0.05 --benchmark_color=false
say "== hyperfine"
(cd "$tmp" &&
 hyperfine -N --style none --runs 10 --export-json "$B/hyperfine-sleep.json" 'sleep 0.01' >/dev/null &&
 hyperfine -N --style none --runs 5 -P ms 10 20 -D 10 \
	--export-json "$B/hyperfine-params.json" 'sleep 0.0{ms}' >/dev/null) ||
	{ say "$prog: hyperfine failed"; exit 1; }

say "== pytest-benchmark"
mkdir -p "$tmp/pybench"
cp "$here/src/pybench/test_fib.py" "$tmp/pybench/"
# machine_info and commit_info name the machine and the checkout; profkit
# reads neither, so they are blanked to keep host names out of the repo.
pyb() { # OUT PYTEST-ARGS...
	o=$1; shift
	(cd "$tmp/pybench" && "$PY" -m pytest -q -p no:cacheprovider \
		--benchmark-min-rounds=10 --benchmark-max-time=0.02 \
		--benchmark-json="$tmp/pybench/out.json" "$@" test_fib.py >"$tmp/pybench/log" 2>&1) ||
		{ cat "$tmp/pybench/log" >&2; exit 1; }
	jq '.machine_info = {} | .commit_info = {}' "$tmp/pybench/out.json" >"$B/$o"
}
pyb pytest-benchmark.json

say "== criterion: cargo bench, twice (Debian's crates, offline)"
# Criterion.rs 0.3.6 from Debian's librust-criterion-dev; the first run
# writes new/, the second moves it to base/ and adds change/.
mkdir -p "$tmp/critbench/.cargo"
cp -R "$here/src/critbench/Cargo.toml" "$here/src/critbench/src" \
	"$here/src/critbench/benches" "$tmp/critbench/"
cat >"$tmp/critbench/.cargo/config.toml" <<'EOC'
[source.crates-io]
replace-with = "debian"
[source.debian]
directory = "/usr/share/cargo/registry"
[net]
offline = true
EOC
for i in 1 2; do
	(cd "$tmp/critbench" && "$CARGO" bench --bench fib -- --noplot >"$tmp/critbench/log" 2>&1) ||
		{ cat "$tmp/critbench/log" >&2; exit 1; }
done
cp -R "$tmp/critbench/target/criterion" "$B/criterion"

## ---- documented layouts (no Debian tool writes them) ----
# github-action-benchmark's gh-pages history (window.BENCHMARK_DATA), in the
# layout its "googlecpp" tool writes, one entry per real google-benchmark
# run above (each repetition a bench, as the action stores them).
gab_entry() { # FILE COMMIT-ID TIMESTAMP-S MESSAGE
	jq --arg id "$2" --argjson t "$3" --arg msg "$4" '{
	  commit: {author: {email: "dev@example.org", name: "A Developer", username: "dev"},
	           committer: {email: "dev@example.org", name: "A Developer", username: "dev"},
	           distinct: true, id: $id, message: $msg,
	           timestamp: ($t | todate), tree_id: ($id | ascii_downcase),
	           url: ("https://example.org/profkit/commit/" + $id)},
	  date: ($t * 1000), tool: "googlecpp",
	  benches: [.benchmarks[] | select(.run_type == "iteration") |
	    {name: .run_name, value: .real_time, unit: (.time_unit + "/iter"),
	     extra: ("iterations: \(.iterations)\ncpu: \(.cpu_time) \(.time_unit)\nthreads: \(.threads)")}]
	}' "$B/$1"
}
{
	printf 'window.BENCHMARK_DATA = '
	{
		gab_entry gbench-aa-run1.json 1111111111111111111111111111111111111111 1764547200 "A/A run 1"
		gab_entry gbench-aa-run2.json 2222222222222222222222222222222222222222 1764633600 "A/A run 2"
		gab_entry gbench-baseline.json 3333333333333333333333333333333333333333 1764720000 "baseline"
		gab_entry gbench-current.json 4444444444444444444444444444444444444444 1764806400 "BM_sum slower"
	} | jq -s '{lastUpdate: 1764806400000, repoUrl: "https://example.org/profkit",
		entries: {Benchmark: .}}'
} >"$B/layout-gab-data.js"

# llama-bench -o json / jsonl / csv, the 2023 field set of llama.cpp's
# README; no Debian package ships llama-bench.  Two tests (pp512, tg128),
# five samples each; avg_ts and samples_ts are tokens per second.
llama_row() { # n_prompt n_gen samples_ns...
	np=$1 ng=$2; shift 2
	printf '%s\n' "$@" | jq -s -c --argjson np "$np" --argjson ng "$ng" '
	  (($np + $ng) as $tok | map($tok * 1e9 / .) as $ts |
	   (add / length) as $avg | ($ts | add / length) as $avgts |
	   {build_commit: "0000000", build_number: 1, cuda: false, metal: false,
	    gpu_blas: false, blas: false, cpu_info: "layout CPU", gpu_info: "",
	    model_filename: "models/layout.gguf", model_type: "layout 1B Q4_0",
	    model_size: 1000000000, model_n_params: 1000000000, n_batch: 512,
	    n_threads: 2, f16_kv: true, n_gpu_layers: 0, main_gpu: 0,
	    mul_mat_q: true, tensor_split: "0.00", n_prompt: $np, n_gen: $ng,
	    test_time: "2026-12-01T00:00:00Z", avg_ns: ($avg | floor),
	    stddev_ns: ((map((. - $avg) * (. - $avg)) | add / (length - 1) | sqrt) | floor),
	    avg_ts: $avgts,
	    stddev_ts: ($ts | map((. - $avgts) * (. - $avgts)) | add / (length - 1) | sqrt),
	    samples_ns: ., samples_ts: $ts})'
}
{
	llama_row 512 0 212000000 213500000 211800000 212900000 212300000
	llama_row 0 128 977000000 975500000 981200000 969900000 979400000
} >"$B/layout-llama-bench.jsonl"
jq -s . "$B/layout-llama-bench.jsonl" >"$B/layout-llama-bench.json"
jq -r -s '(.[0] | keys_unsorted - ["samples_ns", "samples_ts"]) as $k |
	($k | @csv), (.[] | [.[$k[]] | if type == "boolean" then (if . then "1" else "0" end) else tostring end] | @csv)' \
	"$B/layout-llama-bench.jsonl" >"$B/layout-llama-bench.csv"

# The baseline map of a Criterion-based regression system (RunningShrimp/vm:
# scripts/detect_regression.py's save_baseline writes benches/baselines/
# main.json as {"NAME": {"value": MS, "unit": "ms", "date": ISO}}; the
# committed file adds "description", a few non-time units and a "notes"
# array).  No Debian package writes it: the times are the real one-value
# google-benchmark runs above (real_time in ms), gc_throughput (MB/s) and
# tlb_hit_rate (percent) are fixed values, as in the seed's own file.
basemap() { # GBENCH-FILE GC-MB/S TLB-HIT-PERCENT
	jq --argjson gc "$2" --argjson tlb "$3" '(.context.date[0:10]) as $d |
	  ([.benchmarks[] | select(.run_type == "iteration") |
	    {key: .run_name, value: {value: (.real_time / 1e6), unit: "ms",
	      description: ("google-benchmark " + .run_name), date: $d}}] |
	   from_entries) +
	  {gc_throughput: {value: $gc, unit: "MB/s",
	     description: "GC throughput (memory processed per second)", date: $d},
	   tlb_hit_rate: {value: $tlb, unit: "percent",
	     description: "TLB cache hit rate", date: $d},
	   notes: ["layout of benches/baselines/main.json",
	           "times: real google-benchmark runs (gbench-once-*.json)"]}' "$B/$1"
}
basemap gbench-once-baseline.json 850 95.0 >"$B/layout-basemap-main.json"
basemap gbench-once-current.json 830 80.0 >"$B/layout-basemap-pr.json"

## ---- install ----
for d in eventlog prof heap bench reference; do
	rm -rf "$here/$d.new"
	cp -R "$out/$d" "$here/$d.new"
done
for d in eventlog prof heap bench reference; do
	rm -rf "$here/$d"
	mv "$here/$d.new" "$here/$d"
done
say "== wrote:"
(cd "$here" && find eventlog prof heap bench reference -type f | sort | while read -r f; do
	printf '%10s  %s\n' "$(wc -c <"$f")" "$f"; done) >&2
say "total: $(cd "$here" && find eventlog prof heap bench reference -type f -exec cat {} + | wc -c) bytes"
