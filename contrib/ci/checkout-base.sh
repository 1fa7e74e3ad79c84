#!/bin/sh
# contrib/ci/checkout-base.sh DIR - GitLab: a worktree of the merge
# request's target (CI_MERGE_REQUEST_DIFF_BASE_SHA, else the target branch)
# in DIR, for bench-run.sh base DIR.  GitHub checks out the base with
# actions/checkout instead.
. "$(dirname "$0")/lib.sh"
[ $# = 1 ] || ci_die "usage: checkout-base.sh DIR"
ref=${CI_MERGE_REQUEST_DIFF_BASE_SHA:-}
if [ -z "$ref" ]; then
	[ -n "${CI_MERGE_REQUEST_TARGET_BRANCH_NAME:-}" ] || ci_die "not a merge-request pipeline"
	git fetch -q --depth 50 origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
	ref=FETCH_HEAD
else
	git cat-file -e "$ref^{commit}" 2>/dev/null || git fetch -q --depth 50 origin "$ref"
fi
git worktree add -f --detach "$1" "$ref" >&2
ci_set PROFKIT_BASE_SHA "$(git -C "$1" rev-parse --short HEAD)"
