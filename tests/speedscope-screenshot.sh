#!/bin/sh
# tests/speedscope-screenshot.sh PROFILE.json OUT.png [WIDTHxHEIGHT]
#
# Open a speedscope JSON file in the real speedscope app (npm `speedscope`,
# dist/release/index.html) in headless Chromium and save a screenshot, the
# way /work/shared/TESTING.md describes: the app loads a profile from a
# script named in the URL fragment that calls
# speedscope.loadFileFromBase64(NAME, BASE64).
# Console messages go to OUT.png.log; the script fails (exit 1) when the
# page logged an uncaught error or an import failure.  Needs chromium and
# the node modules ($PROFKIT_NODE_MODULES, default
# $HOME/.cache/profkit/node/node_modules; `sh scripts/deps.sh`).
set -eu
[ $# -ge 2 ] || { echo "usage: $0 PROFILE.json OUT.png [WxH]" >&2; exit 2; }
json=$1
png=$2
size=${3:-1400,900}
size=$(echo "$size" | tr x ,)
mods=${PROFKIT_NODE_MODULES:-$HOME/.cache/profkit/node/node_modules}
app="$mods/speedscope/dist/release/index.html"
[ -f "$app" ] || { echo "$0: no speedscope app at $app" >&2; exit 2; }
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$chrome" ] || { echo "$0: no chromium" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ss-shot.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
name=$(basename "$json")
case $name in *.speedscope.json) ;; *) name="${name%.json}.speedscope.json";; esac
{
	printf 'speedscope.loadFileFromBase64("%s", "' "$name"
	base64 -w0 <"$json"
	printf '")\n'
} >"$tmp/profile.js"
png_abs=$(cd "$(dirname "$png")" && pwd)/$(basename "$png")
"$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --no-first-run --user-data-dir="$tmp/profile" \
	--enable-logging=stderr --v=0 \
	--window-size="$size" --virtual-time-budget=8000 --screenshot="$png_abs" \
	"file://$app#localProfilePath=$tmp/profile.js" >"$tmp/out" 2>"$png_abs.log" || true
[ -s "$png_abs" ] || { echo "$0: no screenshot written" >&2; cat "$png_abs.log" >&2; exit 1; }
if grep -E 'Uncaught|Failed to (import|load)|Error:' "$png_abs.log" | grep -i console >&2; then
	echo "$0: the page logged errors (see $png_abs.log)" >&2
	exit 1
fi
echo "$png_abs"
