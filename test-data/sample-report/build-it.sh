#!/bin/sh
# test-data/sample-report/build-it.sh - rebuild it-bin/kore-exec: the toy
# kore-exec built by GHC 9.6 with the info-table map, for prof-pipeline's
# infotables mode (+RTS -hi needs GHC >= 9.2; the other builds are 9.0.2).
#
#   sh test-data/sample-report/build-it.sh [-f] [ROOT]
#
# ROOT is a Debian 13 ("trixie") root with ghc installed (default
# ${PROFKIT_ROOTS:-/work/roots}/trixie; make one as make-fixtures-matrix.sh
# says).  Runs, as root, inside it:
#   ghc -rtsopts -finfo-table-map -fdistinct-constructor-tables \
#       -static -optl-static -optl-pthread Main.hs ; strip
# Fully static (glibc, libgmp, libffi, libnuma from the root), so it runs on
# a stock Debian 12 without GHC 9.6's libraries.  Refuses to replace an
# existing binary unless -f is given.
set -eu
prog=build-it.sh
here=$(cd "$(dirname "$0")" && pwd)
force=0
case ${1-} in
-f|--force) force=1; shift;;
-h|--help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0;;
esac
root=${1:-${PROFKIT_ROOTS:-/work/roots}/trixie}
dest=$here/it-bin/kore-exec
[ "$force" = 1 ] || [ ! -e "$dest" ] || { echo "$prog: $dest exists; use -f to rebuild" >&2; exit 1; }
[ -x "$root/usr/bin/ghc" ] || { echo "$prog: no ghc in $root" >&2; exit 1; }
w=$root/tmp/profkit-it
rm -rf "$w"; mkdir -p "$w"
cp -R "$here/src/." "$w/"
umnt=
if ! mountpoint -q "$root/proc"; then
	mount -t proc proc "$root/proc"; umnt=$root/proc
fi
trap '[ -z "$umnt" ] || umount "$umnt"; rm -rf "$w"' EXIT
# the linker's warnings about dlopen/getaddrinfo in static programs are
# expected: the RTS linker and libnuma are never used that way here
chroot "$root" sh -c 'cd /tmp/profkit-it &&
	ghc -v0 -rtsopts -finfo-table-map -fdistinct-constructor-tables \
		-static -optl-static -optl-pthread -outputdir o -o kore-exec Main.hs 2>/dev/null &&
	strip kore-exec && ghc --numeric-version >ghc-version'
mkdir -p "$here/it-bin"
cp "$w/kore-exec" "$dest.new" && mv "$dest.new" "$dest"
echo "$prog: wrote it-bin/kore-exec (GHC $(cat "$w/ghc-version"), $(wc -c <"$dest") bytes)" >&2
