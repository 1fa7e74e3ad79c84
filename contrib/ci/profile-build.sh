#!/bin/sh
# contrib/ci/profile-build.sh - build the pull request's program with the
# command in PROFKIT_BUILD (the project's: e.g. two nix builds or a cabal
# build with and without profiling), which must leave the plain build in
# PROFKIT_BIN_DIR and the profiled one in PROFKIT_PROF_BIN_DIR.
. "$(dirname "$0")/lib.sh"
progress() { sh "$(dirname "$0")/profile-progress.sh" "$@"; }

[ -n "${PROFKIT_BUILD:-}" ] || { progress build failed "PROFKIT_BUILD is not set"; ci_die "PROFKIT_BUILD is not set"; }
progress build running "\`$PROFKIT_BUILD\`"
if ! sh -c "$PROFKIT_BUILD" >&2; then
	progress build failed "\`$PROFKIT_BUILD\` failed"
	ci_die "the build failed"
fi
for d in "${PROFKIT_BIN_DIR:-}" "${PROFKIT_PROF_BIN_DIR:-}"; do
	if [ -z "$d" ] || [ ! -d "$d" ]; then
		progress build failed "no directory '$d' after the build"
		ci_die "PROFKIT_BIN_DIR / PROFKIT_PROF_BIN_DIR: no directory '$d'"
	fi
done
progress build ok "${GITHUB_SHA:-${CI_COMMIT_SHA:-}}"
