#!/bin/sh
# scripts/deps.sh - install what profkit needs to build and test on Debian.
#   sh scripts/deps.sh          build + test dependencies
#   sh scripts/deps.sh --bench  also the reference tools for `make bench`
#   sh scripts/deps.sh --ghc    also GHC, to regenerate test-data fixtures
# Run as root (or with sudo available).  Safe to run again.
set -eu
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
pkgs="build-essential autoconf automake libtool pkg-config
 libarchive-dev libzstd-dev zlib1g-dev libxml2-dev libcairo2-dev
 libjansson-dev libsqlite3-dev libcmocka-dev
 libxml2-utils librsvg2-bin libarchive-tools zstd python3 git hyperfine time
 libgmp10 libffi8 chromium fonts-dejavu-core"
# node and npm may come from elsewhere (the image ships its own): only
# ask Debian for them when the commands are missing.
command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
for arg in "$@"; do
	case $arg in
	--bench) pkgs="$pkgs libghc-ghc-events-dev ghc ghc-prof time";;
	--ghc) pkgs="$pkgs ghc ghc-prof libghc-ghc-events-dev";;
	esac
done
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# speedscope (its schema and app) and ajv, for checking what we write.
node_dir=${PROFKIT_NODE_DIR:-$HOME/.cache/profkit/node}
if [ ! -f "$node_dir/node_modules/speedscope/package.json" ] ||
   [ ! -f "$node_dir/node_modules/ajv/package.json" ]; then
	mkdir -p "$node_dir"
	(cd "$node_dir" && [ -f package.json ] || echo '{"private":true}' >package.json
	 cd "$node_dir" && npm install --silent --no-audit --no-fund speedscope@1.25.0 ajv@8 >/dev/null)
fi
echo "deps: ok (node modules in $node_dir/node_modules)"
