#!/bin/sh
# test-data/make-fixtures-matrix.sh - profkit's fixtures from today's GHCs.
#
#   sh test-data/make-fixtures-matrix.sh [-f] [-r ROOTS] [VERSION...]
#
# VERSION is 9.6 (Debian 13 "trixie", GHC 9.6.x) or 9.10 (Debian unstable
# "sid", GHC 9.10.x); default both.  Each one is built and run inside a
# minimal Debian root ROOTS/trixie or ROOTS/sid (default ROOTS: /work/roots,
# or $PROFKIT_ROOTS) made with
#     debootstrap --variant=minbase SUITE ROOTS/SUITE http://deb.debian.org/debian
# and the packages ghc ghc-prof libghc-ghc-events-dev (-b below does both;
# needs root, as does the chroot).  The programs are the SAME sources as
# make-fixtures.sh's (test-data/src/), run as ./NAME in fresh directories;
# the artifacts go to test-data/ghc-VERSION/ together with MANIFEST (GHC
# version, build flags and run command of every file) and, for every
# eventlog, NAME.eventlog.ghc-events: reference counts taken from
# `ghc-events show` of the same Debian release (see tests/ghc-matrix.sh).
# Refuses to replace an existing folder unless -f is given.
#   -b  bootstrap missing roots with debootstrap + apt-get first
#   -c  only recompute the *.ghc-events counts of the committed eventlogs
set -eu
LC_ALL=C
export LC_ALL
prog=make-fixtures-matrix.sh
here=$(cd "$(dirname "$0")" && pwd)
force=0 boot=0 counts_only=0
roots=${PROFKIT_ROOTS:-/work/roots}
while [ $# -gt 0 ]; do
	case $1 in
	-f|--force) force=1;;
	-b|--bootstrap) boot=1;;
	-c|--counts-only) counts_only=1;;
	-r|--roots) [ $# -ge 2 ] || { echo "$prog: $1 needs a directory" >&2; exit 2; }
		roots=$2; shift;;
	-h|--help) sed -n '2,21s/^# \{0,1\}//p' "$0"; exit 0;;
	-*) echo "$prog: unknown option '$1'" >&2; exit 2;;
	*) break;;
	esac
	shift
done
[ $# -gt 0 ] || set -- 9.6 9.10

suite_of() {
	case $1 in
	9.6) echo trixie;;
	9.10) echo sid;;
	*) echo "$prog: unknown version '$1' (9.6 or 9.10)" >&2; exit 2;;
	esac
}

say() { printf '%s\n' "$*" >&2; }

mounted=
cleanup() {
	for m in $mounted; do umount "$m" 2>/dev/null || :; done
	mounted=
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bootstrap() {
	suite=$1 root=$2
	command -v debootstrap >/dev/null ||
		{ say "$prog: debootstrap not found (apt-get install debootstrap)"; exit 1; }
	debootstrap --variant=minbase "$suite" "$root" http://deb.debian.org/debian
	cp /etc/apt/apt.conf.d/* "$root/etc/apt/apt.conf.d/" 2>/dev/null || :
	cp /etc/resolv.conf "$root/etc/resolv.conf"
	chroot "$root" sh -c 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ghc ghc-prof libghc-ghc-events-dev'
}

# The part that runs inside the root, in /tmp/profkit-matrix (src/ holds a
# copy of test-data/src).  Writes out/ and out/MANIFEST.
inner() {
cat <<'EOF'
set -eu
cd /tmp/profkit-matrix
top=$(pwd)
out=$top/out
rm -rf build run out
mkdir -p build run out
ver=$(ghc --numeric-version)
gev=$(ghc-pkg --global --simple-output field ghc-events version 2>/dev/null || echo '?')
say() { printf '%s\n' "$*" >&2; }
man() { printf '%s\n' "$*" >>"$out/MANIFEST"; }
{
	echo "# Written by test-data/make-fixtures-matrix.sh: GHC $ver ($(. /etc/os-release && echo "$PRETTY_NAME"), x86_64),"
	echo "# ghc-events $gev for the *.ghc-events reference counts."
	echo "# file | built with (from test-data/src/DIR) | run as (in a fresh directory)"
} >"$out/MANIFEST"
flags_ccprof=; flags_leak=; flags_leak_plain=; flags_leak_it=; flags_spans=
build() {
	name=$1 dir=$2 main=$3; shift 3
	say "== build $name: ghc $* $main"
	mkdir -p "$top/build/$name"
	(cd "$top/src/$dir" && ghc -v0 "$@" -outputdir "$top/build/$name" -o "$top/build/$name/$name" "$main")
}
PROF="-prof -fprof-auto -rtsopts"
build ccprof ccprof Main.hs $PROF -fprof-cafs -i. "-ilib dir"
flags_ccprof="ghc $PROF -fprof-cafs -i. \"-ilib dir\" Main.hs"
build leak leak Leak.hs $PROF
flags_leak="ghc $PROF Leak.hs"
build leak-plain leak Leak.hs -rtsopts
flags_leak_plain="ghc -rtsopts Leak.hs"
build leak-it leak Leak.hs -rtsopts -finfo-table-map -fdistinct-constructor-tables
flags_leak_it="ghc -rtsopts -finfo-table-map -fdistinct-constructor-tables Leak.hs"
build spans spans Spans.hs $PROF -threaded
flags_spans="ghc $PROF -threaded Spans.hs"

# run ID BIN ARGS...: ./BIN ARGS in run/ID; must exit 0.
run() {
	id=$1 bin=$2; shift 2
	rd=$top/run/$id
	mkdir -p "$rd"; cp "$top/build/$bin/$bin" "$rd/"
	say "== $id: ./$bin $*"
	(cd "$rd" && "./$bin" "$@" >stdout 2>stderr) || { cat "$rd/stderr" >&2; exit 1; }
}
# keep ID FROM TO FLAGS CMD: copy run/ID/FROM to out/TO, record it.
keep() {
	cp "$top/run/$1/$2" "$out/$3"
	man "$3 | $4 | $5"
}

run pl ccprof +RTS -p -l-au -RTS
keep pl ccprof.prof ccprof-p-l-au.prof "$flags_ccprof" "./ccprof +RTS -p -l-au -RTS"
keep pl ccprof.eventlog ccprof-p-l-au.eventlog "$flags_ccprof" "(same run)"
run pj ccprof +RTS -pj -RTS
keep pj ccprof.prof ccprof-pj.prof "$flags_ccprof" "./ccprof +RTS -pj -RTS"
run hc leak +RTS -hc -i0.05 -l -RTS
keep hc leak.hp leak-hc.hp "$flags_leak" "./leak +RTS -hc -i0.05 -l -RTS"
keep hc leak.eventlog leak-hc.eventlog "$flags_leak" "(same run)"
run hy leak +RTS -hy -i0.05 -RTS
keep hy leak.hp leak-hy.hp "$flags_leak" "./leak +RTS -hy -i0.05 -RTS"
run hT leak-plain +RTS -hT -i0.05 -l -RTS
keep hT leak-plain.hp leak-plain-hT.hp "$flags_leak_plain" "./leak-plain +RTS -hT -i0.05 -l -RTS"
keep hT leak-plain.eventlog leak-plain-hT.eventlog "$flags_leak_plain" "(same run)"
run hi leak-it +RTS -hi -i0.05 -l -RTS
keep hi leak-it.hp leak-it-hi.hp "$flags_leak_it" "./leak-it +RTS -hi -i0.05 -l -RTS"
keep hi leak-it.eventlog leak-it-hi.eventlog "$flags_leak_it" "(same run)"
run N2 spans 2 +RTS -N2 -p -l -RTS
keep N2 spans.prof spans-N2-p-l.prof "$flags_spans" "./spans 2 +RTS -N2 -p -l -RTS"
keep N2 spans.eventlog spans-N2-p-l.eventlog "$flags_spans" "(same run)"

# SIGINT after 0.5 s (-A4m: fewer GCs, a smaller eventlog): the RTS
# shuts down in order, so .prof, .hp and the
# eventlog are complete.
rd=$top/run/sigint
mkdir -p "$rd"; cp "$top/build/ccprof/ccprof" "$rd/"
say "== sigint: ./ccprof 100000 +RTS -p -hc -i0.05 -l -A4m -RTS (SIGINT after 0.5 s)"
(cd "$rd" && trap - INT && exec ./ccprof 100000 +RTS -p -hc -i0.05 -l -A4m -RTS >stdout 2>stderr) &
pid=$!
sleep 0.5
kill -s INT "$pid"
st=0; wait "$pid" || st=$?
say "   exit $st"
[ -s "$rd/ccprof.prof" ] || { say "SIGINT run wrote no .prof"; exit 1; }
keep sigint ccprof.prof ccprof-sigint.prof "$flags_ccprof" "./ccprof 100000 +RTS -p -hc -i0.05 -l -A4m -RTS, SIGINT after 0.5 s (exit $st)"
keep sigint ccprof.hp ccprof-sigint.hp "$flags_ccprof" "(same run)"
keep sigint ccprof.eventlog ccprof-sigint.eventlog "$flags_ccprof" "(same run)"

# Reference counts from ghc-events show (format: tests/ghc-matrix.sh).
for f in "$out"/*.eventlog; do
	LC_ALL=C.UTF-8 ghc-events show "$f" >"$top/show.txt"
	awk -v name="$(basename "$f")" -v gev="$gev" -f "$top/counts.awk" \
		"$top/show.txt" >"$f.ghc-events"
done
say "== ghc $ver: done"
EOF
}

for v in "$@"; do
	suite=$(suite_of "$v")
	root=$roots/$suite
	dest=$here/ghc-$v
	if [ -e "$dest" ] && [ "$force" = 0 ] && [ "$counts_only" = 0 ]; then
		say "$prog: $dest exists; use -f to regenerate it"
		exit 1
	fi
	if [ ! -x "$root/usr/bin/ghc" ]; then
		[ "$boot" = 1 ] || { say "$prog: no GHC in $root (make it with -b)"; exit 1; }
		bootstrap "$suite" "$root"
	fi
	w=$root/tmp/profkit-matrix
	rm -rf "$w"
	mkdir -p "$w"
	# ghc finds its libraries through $ORIGIN, i.e. /proc/self/exe
	mountpoint -q "$root/proc" || { mount -t proc proc "$root/proc"; mounted="$root/proc $mounted"; }
	if [ "$counts_only" = 1 ]; then
		[ -d "$dest" ] || { say "$prog: no $dest"; exit 1; }
		mkdir -p "$w/out"
		cp "$dest"/*.eventlog "$w/out/"
		cp "$here/ghc-events-counts.awk" "$w/counts.awk"
		inner | sed -n '/^# Reference counts/,$p' |
			sed '1i set -eu\ncd /tmp/profkit-matrix; top=$(pwd); out=$top/out\ngev=$(ghc-pkg --global --simple-output field ghc-events version 2>/dev/null || echo "?")\nsay() { printf "%s\\n" "$*" >\&2; }\nver=$(ghc --numeric-version)' >"$w/inner.sh"
		chroot "$root" sh /tmp/profkit-matrix/inner.sh
		cleanup
		cp "$w"/out/*.ghc-events "$dest/"
		rm -rf "$w"
		say "== $dest: counts recomputed"
		continue
	fi
	cp -R "$here/src" "$w/src"
	inner >"$w/inner.sh"
	cp "$here/ghc-events-counts.awk" "$w/counts.awk"
	chroot "$root" sh /tmp/profkit-matrix/inner.sh
	cleanup
	rm -rf "$dest.new"
	cp -R "$w/out" "$dest.new"
	rm -rf "$dest"
	mv "$dest.new" "$dest"
	rm -rf "$w"
	say "== wrote $dest: $(cat "$dest"/* | wc -c) bytes"
done
