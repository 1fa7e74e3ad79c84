#!/bin/sh
# scripts/deb-check.sh [ROOT] - build the Debian package from the committed
# tree (git archive HEAD + debian/) with `dpkg-buildpackage -us -uc -b`,
# run lintian (fails on errors), and, given ROOT (a fresh
# `debootstrap --variant=minbase bookworm ROOT`), install the .deb there
# with apt and run every tool's --version and prof-pipeline on the sample
# report inside it.  Needs: devscripts dpkg-dev debhelper lintian (and
# debootstrap for ROOT); run as root for the chroot.
# DEB_BUILD_OPTIONS=nocheck skips the test suite in the build.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
ver=$(sed -n 's/^AC_INIT(\[profkit\], \[\([^]]*\)\].*/\1/p' "$top/configure.ac")
w=$(mktemp -d "${TMPDIR:-/tmp}/profkit-deb.XXXXXX")
mkdir "$w/profkit-$ver"
git -C "$top" archive HEAD | tar x -C "$w/profkit-$ver"
echo "deb-check: building in $w" >&2
(cd "$w/profkit-$ver" && dpkg-buildpackage -us -uc -b) >"$w/build.log" 2>&1 ||
	{ tail -30 "$w/build.log" >&2; echo "deb-check: build failed ($w/build.log)" >&2; exit 1; }
deb=$(ls "$w"/profkit_"$ver"-*_*.deb)
echo "deb-check: built $(basename "$deb") ($(wc -c <"$deb") bytes)" >&2
lintian --fail-on error "$w"/profkit_"$ver"-*.changes
echo "deb-check: lintian: no errors" >&2
[ $# -ge 1 ] || exit 0
root=$1
cp "$deb" "$root/tmp/"
cp /etc/resolv.conf "$root/etc/resolv.conf"
chroot "$root" sh -c "apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive \
	apt-get install -y -q --no-install-recommends /tmp/$(basename "$deb") >/dev/null"
chroot "$root" prof-pipeline --version
for t in eventlog2speedscope heap2svg prof-compare prof-extract prof-history prof-run \
	prof-summarize prof2speedscope; do
	chroot "$root" "$t" --version | head -n 1
done
rm -rf "$root/tmp/sr"
mkdir -p "$root/tmp/sr"
cp -R "$top/test-data/sample-report.tar.gz" "$top/test-data/sample-report/bin" \
	"$top/test-data/sample-report/prof-bin" "$root/tmp/sr/"
chroot "$root" sh -c 'cd /tmp/sr && prof-pipeline -q sample-report.tar.gz out --bin-dir bin --prof-bin-dir prof-bin && ls out'
echo "deb-check: installed and ran in $root" >&2
