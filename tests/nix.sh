#!/bin/sh
# tests/nix.sh - nix/ and flake.nix with a real nix (Debian's nix-bin),
# without nixpkgs: every file parses; package.nix and the flake evaluate
# against a stand-in for the nixpkgs functions they use
# (tests/nix-exprs/stand-in-pkgs.nix); and nix/lib.nix's stage derivations are
# BUILT for real on the sample report (tests/nix-exprs/stages.nix, runCommand
# stood in on builtins.derivation, profkit = this build tree) and their
# outputs are checked against the CLI on the same inputs:
#   extract, conversions, summary, compare   byte-identical to the CLI
#   runs (timings differ)                    file names, run.json keys,
#                                            mode, RTS flags, status and
#                                            artifact names/kinds/completeness
#                                            equal prof-pipeline's
#   pipeline                                 prof-pipeline's layout
# A second nix-build builds nothing.  The store is a single-user store
# under $T (NIX_STORE_DIR etc.), sandbox off, no substituters, no daemon.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

if ! command -v nix-instantiate >/dev/null 2>&1 || ! command -v nix-build >/dev/null 2>&1; then
	skip "nix" "nix-instantiate/nix-build not installed (apt-get install nix-bin)"
	done_testing
	exit
fi
if ! command -v jq >/dev/null 2>&1; then
	skip "nix" "jq not installed"
	done_testing
	exit
fi
# the store's files are read-only: make them removable
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT

N=$abs_top_srcdir/tests/nix-exprs
mkdir -p "$T/profkit/bin" "$T/conf"
for f in "$abs_top_builddir"/tools/* "$abs_top_builddir"/converters/*; do
	[ -f "$f" ] && [ -x "$f" ] && ln -s "$f" "$T/profkit/bin/"
done
printf 'sandbox = false\nbuild-users-group =\nsubstituters =\nexperimental-features = nix-command\n' >"$T/conf/nix.conf"
NIX_STORE_DIR=$T/store NIX_STATE_DIR=$T/var NIX_LOG_DIR=$T/log NIX_CONF_DIR=$T/conf
export NIX_STORE_DIR NIX_STATE_DIR NIX_LOG_DIR NIX_CONF_DIR
unset NIX_PATH NIX_REMOTE || :
A="--argstr srcdir $abs_top_srcdir --argstr profkit $T/profkit"

# 1. every nix file parses
for f in "$abs_top_srcdir"/flake.nix "$abs_top_srcdir"/nix/*.nix "$N"/*.nix; do
	ok "parses: ${f#"$abs_top_srcdir"/}" nix-instantiate --parse "$f"
done

# 2. package.nix through a callPackage that refuses missing arguments
ev() { nix-instantiate --eval --strict --read-write-mode --json "$@" $A; }
if ev "$N/package-check.nix" >"$T/pkg.json" 2>"$T/pkg.err"; then
	pkg() { jq -r "$1" "$T/pkg.json"; }
	is "package.nix: pname" profkit "$(pkg .pname)"
	is "package.nix: version is AC_INIT's" \
		"$(sed -n 's/^AC_INIT(\[profkit\], \[\([^]]*\)\].*/\1/p' "$abs_top_srcdir/configure.ac")" "$(pkg .version)"
	is "package.nix: autoreconfHook and pkg-config" "autoreconfHook pkg-config" "$(pkg '.nativeBuildInputs | join(" ")')"
	# one buildInput per required PKG_CHECK_MODULES (cmocka is for checks),
	# then libpq for the optional PostgreSQL backend
	is "package.nix: every library configure.ac requires, and libpq" \
		"$(( $(grep -c '^PKG_CHECK_MODULES(\[[A-Z]*\], \[[^]]*\])$' "$abs_top_srcdir/configure.ac") + 1 ))" \
		"$(pkg '.buildInputs | length')"
	is "package.nix: the libraries" "libarchive zstd zlib libxml2 cairo jansson sqlite libpq" \
		"$(pkg '.buildInputs | join(" ")')"
	is "package.nix: doCheck" true "$(pkg .doCheck)"
	is "package.nix: what the tests run" "cmocka autoPatchelfHook python3 jq zstd" "$(pkg '.nativeCheckInputs | join(" ")')"
	is "package.nix: the sample's GHC binaries' libraries" "gmp libffi" "$(pkg '.checkInputs | join(" ")')"
else
	_result 1 "package.nix evaluates with the stand-in callPackage"
	sed 's/^/# /' "$T/pkg.err" | head -20
fi

# 3. the flake's outputs
if ev "$N/flake-check.nix" >"$T/flake.json" 2>"$T/flake.err"; then
	fl() { jq -r "$1" "$T/flake.json"; }
	is "flake: packages" "default profkit" "$(fl '.packages | join(" ")')"
	is "flake: packages.default is profkit" profkit "$(fl .default)"
	is "flake: lib has every stage" \
		"compare eventlogToSpeedscope extract heapToHtml heapToSvg pipeline profToSpeedscope run summarize" \
		"$(fl '[.lib[] | select(. != "toFlags" and . != "flagName")] | join(" ")')"
	for t in "$abs_top_srcdir"/man/*.1; do
		t=$(basename "$t" .1)
		is "flake: apps.$t runs bin/$t" "$T/profkit/bin/$t" "$(fl ".apps[\"$t\"]")"
	done
	is "flake: checks" "pipeline profkit" "$(fl '.checks | join(" ")')"
	ok "flake: checks.pipeline instantiates" test -f "$(fl .pipelineCheck)"
else
	_result 1 "flake.nix evaluates with the stand-in nixpkgs"
	sed 's/^/# /' "$T/flake.err" | head -20
fi

# 4. the stages, built
SR=$TEST_DATA/sample-report
if [ ! -x "$SR/prof-bin/kore-exec" ] || ! "$SR/prof-bin/kore-exec" +RTS --info >/dev/null 2>&1; then
	skip "nix stages" "the sample report's kore-exec does not run here"
	done_testing
	exit
fi
sh "$abs_top_srcdir/tests/compare/kevm-gen.sh" "$T/timings"
B="nix-build $N/stages.nix $A --argstr timings $T/timings --argstr timeout 90s --no-out-link"
ok "nix-build of every stage" $B
cp "$T/.err" "$T/build1.err"
cp "$T/.out" "$T/paths1"
ok "the first build built the derivations" grep -q 'derivations will be built' "$T/build1.err"
ok "second nix-build" $B
is "a second nix-build builds nothing" "" "$(grep 'will be built\|^building' "$T/.err" || :)"
is "... and gives the same outputs" "$(cat "$T/paths1")" "$(cat "$T/.out")"
out() { $B -A "$1" 2>/dev/null; }

EX=$(out extract)
ok "CLI: prof-extract" prof-extract "$TEST_DATA/sample-report.tar.gz" -C "$T/ex"
ok "extract = prof-extract (contents)" diff -r "$T/ex" "$EX"
ok "extract keeps the script executable" test -x "$EX/kore-exec.sh"

# the same report through prof-pipeline, for the runs' structure
ok "CLI: prof-pipeline" prof-pipeline -q --modes eventlog,prof,heap \
	"$TEST_DATA/sample-report.tar.gz" "$T/pl" --bin-dir "$SR/bin" --prof-bin-dir "$SR/prof-bin"
shape() { # run.json -> what does not depend on timing or place
	jq -S '{keys: keys, mode, rts_flags, ghcrts, name, exit_status, status, timed_out,
		started, skipped, ghc: (.ghc | {version, rts_way}),
		artifacts: [.artifacts[] | {name, kind, complete}]}' "$1"
}
for m in eventlog prof heap; do
	R=$(out "run$(echo "$m" | sed 's/^./\U&/')")
	is "run $m: the files prof-pipeline's $m/ has" \
		"$(cd "$T/pl/$m" && ls | tr '\n' ' ')" "$(cd "$R" && ls | tr '\n' ' ')"
	is "run $m: run.json as prof-pipeline's (keys, mode, flags, status, artifacts)" \
		"$(shape "$T/pl/$m/run.json")" "$(shape "$R/run.json")"
done
is "run: the time limit is the nix argument's (timeout = \"90s\")" 90 "$(jq .timeout_s "$R/run.json")"
RP=$(out runProf)
RH=$(out runHeap)

same() { # name nix-output CLI-command...
	_name=$1 _nix=$2; shift 2
	rm -f "$T/cli.out"
	if "$@" -o "$T/cli.out" 2>"$T/cli.err" && cmp -s "$_nix" "$T/cli.out"; then
		_result 0 "$_name"
	else
		_result 1 "$_name"
		echo "# command: $*"
		sed 's/^/# /' "$T/cli.err" | head -5
	fi
}
same "eventlogToSpeedscope = eventlog2speedscope" "$(out eventlogSpeedscope)/speedscope.json" \
	eventlog2speedscope "$RP/kore-exec.eventlog"
same "profToSpeedscope = prof2speedscope" "$(out profSpeedscope)/prof-speedscope.json" \
	prof2speedscope -q "$RP/kore-exec.prof"
same "heapToSvg = heap2svg (.hp)" "$(out heapSvg)/heap-cost-centers.svg" \
	heap2svg "$RH/kore-exec.hp" --format svg
same "heapToHtml = heap2svg (.html)" "$(out heapHtml)/heap-cost-centers.html" \
	heap2svg "$RH/kore-exec.hp" --format html
same "heapToSvg { eventlog; bands = 5; } = heap2svg --bands 5" "$(out heapEventlogSvg)/heap-eventlog.svg" \
	heap2svg --bands 5 "$RH/kore-exec.eventlog" --format svg
same "summarize = prof-summarize --format markdown" "$(out summary)/summary.md" \
	prof-summarize --format markdown "$RP/kore-exec.prof" "$RP/kore-exec.eventlog" "$RH/kore-exec.hp" "$RH/kore-exec.eventlog"

CO=$(out compare)
(cd "$T/timings" && prof-compare KEVM-timing-base.data KEVM-timing-pr.data -o "$T/compare.md")
ok "compare = prof-compare (gfm)" cmp "$CO/compare.md" "$T/compare.md"
is "compare: status recorded" 0 "$(cat "$CO/status")"
(cd "$T/timings" && prof-compare --kevm KEVM-timing-base.data KEVM-timing-pr.data -o "$T/compare.txt")
ok "compare { kevm = true; } = prof-compare --kevm" cmp "$(out compareKevm)/compare.txt" "$T/compare.txt"

PL=$(out pipeline)
is "pipeline: prof-pipeline's layout (without artifacts.tar.zst)" \
	"$(cd "$T/pl" && ls | grep -v artifacts.tar.zst | tr '\n' ' ')" "$(cd "$PL" && ls | tr '\n' ' ')"
for f in kore-exec.eventlog kore-exec.prof prof-speedscope.json heap-cost-centers.svg \
	heap-cost-centers.html summary.md prof/run.json heap/kore-exec.hp; do
	ok "pipeline: $f non-empty" test -s "$PL/$f"
done
ok "pipeline: the runs are separate derivations" test "$(readlink "$PL/prof")" != "$(readlink "$PL/heap")"
done_testing
