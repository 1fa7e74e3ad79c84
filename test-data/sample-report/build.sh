#!/bin/sh
# test-data/sample-report/build.sh - rebuild the toy kore-exec and the
# sample bug-report tarball test-data/sample-report.tar.gz.
#
#   sh test-data/sample-report/build.sh [-f|--force]
#
# 1. ghc -rtsopts -eventlog                 -> bin/kore-exec      (stripped)
#    ghc -prof -fprof-auto -rtsopts -eventlog -> prof-bin/kore-exec (stripped)
# 2. runs report/kore-exec.sh once with bin/ on PATH and --log-level info,
#    writing report/kore-exec.log (stderr of that run)
# 3. packs report/{kore-exec.sh,definition.kore,pgm.kore,kore-exec.log} as
#    top-level members of ../sample-report.tar.gz (sorted, owner 0, mtime 0,
#    gzip -n: the same inputs give the same bytes).
# Refuses to replace existing binaries or the tarball unless -f is given.
set -eu
prog=build.sh
here=$(cd "$(dirname "$0")" && pwd)
force=0
case ${1-} in
-f|--force) force=1;;
-h|--help) sed -n '2,14s/^# \{0,1\}//p' "$0"; exit 0;;
"") ;;
*) echo "$prog: unknown option '$1'" >&2; exit 2;;
esac
GHC=${GHC:-ghc}
tarball=$here/../sample-report.tar.gz
if [ "$force" = 0 ]; then
	for f in "$here/bin/kore-exec" "$here/prof-bin/kore-exec" "$tarball"; do
		[ ! -e "$f" ] || { echo "$prog: $f exists; use -f to rebuild" >&2; exit 1; }
	done
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/profkit-sample.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/plain" "$tmp/prof"
cd "$here/src"
"$GHC" -v0 -rtsopts -eventlog -outputdir "$tmp/plain" -o "$tmp/plain/kore-exec" Main.hs
"$GHC" -v0 -prof -fprof-auto -rtsopts -eventlog -outputdir "$tmp/prof" -o "$tmp/prof/kore-exec" Main.hs
strip "$tmp/plain/kore-exec" "$tmp/prof/kore-exec"
mkdir -p "$here/bin" "$here/prof-bin"
cp "$tmp/plain/kore-exec" "$here/bin/kore-exec.new" && mv "$here/bin/kore-exec.new" "$here/bin/kore-exec"
cp "$tmp/prof/kore-exec" "$here/prof-bin/kore-exec.new" && mv "$here/prof-bin/kore-exec.new" "$here/prof-bin/kore-exec"

# One real run for the log, in a scratch copy of the report.
mkdir "$tmp/run"
cp "$here/report/kore-exec.sh" "$here/report/definition.kore" "$here/report/pgm.kore" "$tmp/run/"
(cd "$tmp/run" && PATH="$here/bin:$PATH" sh ./kore-exec.sh --log-level info 2>kore-exec.log >/dev/null)
cp "$tmp/run/kore-exec.log" "$here/report/kore-exec.log"

# Pack: top-level members, deterministic.
mkdir "$tmp/pack"
cp "$here/report/kore-exec.sh" "$here/report/definition.kore" "$here/report/pgm.kore" \
   "$here/report/kore-exec.log" "$tmp/pack/"
chmod 755 "$tmp/pack/kore-exec.sh"
chmod 644 "$tmp/pack/definition.kore" "$tmp/pack/pgm.kore" "$tmp/pack/kore-exec.log"
(cd "$tmp/pack" && tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 \
	--format=ustar -cf - kore-exec.sh definition.kore pgm.kore kore-exec.log) |
	gzip -n -9 >"$tmp/sample-report.tar.gz"
mv "$tmp/sample-report.tar.gz" "$tarball"
echo "$prog: wrote bin/kore-exec, prof-bin/kore-exec, report/kore-exec.log, $(basename "$tarball")" >&2
