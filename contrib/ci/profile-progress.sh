#!/bin/sh
# contrib/ci/profile-progress.sh STAGE STATUS [NOTE] - record a stage of
# the /profile job (request, install, build, profile, summary) as pending,
# running, ok, failed or skipped, and rewrite the progress comment with
# every stage's status.  Sourced helpers: lib.sh.
. "$(dirname "$0")/lib.sh"

[ $# -ge 2 ] || ci_die "usage: profile-progress.sh STAGE STATUS [NOTE]"
case $2 in pending|running|ok|failed|skipped) ;; *) ci_die "bad status '$2'" ;; esac
ci_set "PROFKIT_STAGE_$1" "$2"
[ $# -ge 3 ] && ci_set "PROFKIT_NOTE_$1" "$3"

icon() {
	case $1 in
	ok) printf '%s' '[x]' ;; running) printf '%s' '[ ] :hourglass_flowing_sand:' ;;
	failed) printf '%s' '[ ] :x:' ;; skipped) printf '%s' '[ ] (skipped)' ;; *) printf '%s' '[ ]' ;;
	esac
}
body=$CI_DIR/progress.md
{
	echo "<!-- profkit:profile:${PROFKIT_REQUEST_ID:-0} -->"
	echo "### profkit: profiling \`${PROFKIT_REPORT_URL:-?}\`"
	echo
	echo "Requested by @${PROFKIT_REQUESTER:-someone}; time limit per mode ${PROFKIT_TIMEOUT:-4m}; [run]($(ci_run_url))."
	echo
	st='' note=''
	for s in request install build profile summary; do
		eval "st=\${PROFKIT_STAGE_$s:-pending} note=\${PROFKIT_NOTE_$s:-}"
		echo "- $(icon "$st") $s${note:+: $note}"
	done
} >"$body"
if [ -n "${PROFKIT_COMMENT_ID:-}" ]; then
	ci_comment "$body" "$PROFKIT_COMMENT_ID" >/dev/null || ci_say "could not update the comment"
else
	id=$(ci_comment "$body") || ci_die "could not post the progress comment"
	ci_set PROFKIT_COMMENT_ID "$id"
fi
