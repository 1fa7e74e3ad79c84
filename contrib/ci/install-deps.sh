#!/bin/sh
# contrib/ci/install-deps.sh - on a Debian or Ubuntu runner, what
# install-profkit.sh and the step scripts need (curl, jq, the build
# dependencies); nothing when prof-pipeline is already on PATH.
set -eu
need="curl jq"
command -v prof-pipeline >/dev/null 2>&1 ||
	need="$need build-essential autoconf automake pkgconf libarchive-dev libzstd-dev zlib1g-dev
	libxml2-dev libcairo2-dev libjansson-dev libsqlite3-dev"
missing=
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
# shellcheck disable=SC2086
$sudo apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing >&2
