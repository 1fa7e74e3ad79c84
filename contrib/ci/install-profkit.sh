#!/bin/sh
# contrib/ci/install-profkit.sh - make the profkit tools available: nothing
# to do when prof-pipeline is already on PATH (a runner image, the .deb,
# nix); otherwise build the checkout in PROFKIT_SRC (default: the profkit
# tree this script is in) into PROFKIT_PREFIX (default ~/.local) and put
# its bin/ on the PATH of the later steps (GITHUB_PATH; GitLab jobs run
# their script in one shell: source PROFKIT_CI_DIR/path.sh).
. "$(dirname "$0")/lib.sh"

# the progress comment, when there is one yet (GitLab installs first)
stage() {
	if [ -n "${PROFKIT_COMMENT_ID:-}" ]; then
		sh "$(dirname "$0")/profile-progress.sh" install "$@"
	else
		ci_set PROFKIT_STAGE_install "$1"
		[ $# -lt 2 ] || ci_set PROFKIT_NOTE_install "$2"
	fi
}
if command -v prof-pipeline >/dev/null 2>&1; then
	v=$(prof-pipeline --version | head -n 1)
	ci_say "using $(command -v prof-pipeline): $v"
	: >"$CI_DIR/path.sh"
	stage ok "$v"
	exit 0
fi
stage running
src=${PROFKIT_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
prefix=${PROFKIT_PREFIX:-$HOME/.local}
if ! (cd "$src" && autoreconf -fi && mkdir -p _build && cd _build &&
	../configure -q --prefix="$prefix" && make -j"$(nproc 2>/dev/null || echo 2)" && make install) >&2; then
	stage failed "build of profkit failed"
	ci_die "could not build profkit in $src"
fi
[ -n "${GITHUB_PATH:-}" ] && echo "$prefix/bin" >>"$GITHUB_PATH"
echo "PATH=\"$prefix/bin:\$PATH\"" >"$CI_DIR/path.sh"
v=$("$prefix/bin/prof-pipeline" --version | head -n 1)
stage ok "$v"
exit 0
