#!/bin/sh
# contrib/ci/profile-finish.sh - run always, last: replace the progress
# comment by the final one (the stages, summary.md, where the artifacts
# are) and fail the job when a stage failed or never finished.
. "$(dirname "$0")/lib.sh"
progress() { sh "$(dirname "$0")/profile-progress.sh" "$@"; }

failed='' st=''
for s in request install build profile; do
	eval "st=\${PROFKIT_STAGE_$s:-pending}"
	case $st in ok) ;; running) progress "$s" failed "stopped"; failed=$s ;; *) failed=${failed:-$s} ;; esac
done
sum=$CI_DIR/out/summary.md
if [ -s "$sum" ]; then
	progress summary ok
else
	progress summary failed "no summary.md"
	failed=${failed:-summary}
fi
# shellcheck disable=SC1090
. "$CI_STATE"
body=$CI_DIR/final.md
{
	cat "$CI_DIR/progress.md"
	echo
	if [ -s "$sum" ]; then
		echo "Artifacts (eventlog, .prof, speedscope JSON, heap SVG/HTML, artifacts.tar.zst): $(ci_run_url)"
		echo
		echo "<details open><summary>summary.md</summary>"
		echo
		ci_cut "$sum" 60000
		echo
		echo "</details>"
	fi
} >"$body"
if [ -n "${PROFKIT_COMMENT_ID:-}" ]; then
	ci_comment "$body" "$PROFKIT_COMMENT_ID" >/dev/null || ci_say "could not update the comment"
else
	ci_comment "$body" >/dev/null || ci_say "could not post the comment"
fi
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && cat "$body" >>"$GITHUB_STEP_SUMMARY"
[ -z "$failed" ] || ci_die "stage '$failed' failed"
