# contrib/ci/lib.sh - sourced by the CI step scripts beside it.
#
# State between steps (GitHub steps and GitLab's after_script are separate
# shells) lives in $PROFKIT_CI_DIR/state, a file of shell assignments.
# Comments go to the pull request (GitHub: GITHUB_TOKEN, GITHUB_REPOSITORY,
# PROFKIT_PR), the merge request (GitLab: PROFKIT_GITLAB_TOKEN, a token
# allowed to write notes; CI_JOB_TOKEN cannot), or, with
# PROFKIT_CI_DRY_RUN=DIR or outside CI, to files DIR/comment-ID.md.
set -eu
: "${PROFKIT_CI_DIR:=profkit-ci}"
mkdir -p "$PROFKIT_CI_DIR"
CI_DIR=$(cd "$PROFKIT_CI_DIR" && pwd)
CI_STATE=$CI_DIR/state
# shellcheck disable=SC1090
[ -f "$CI_STATE" ] && . "$CI_STATE"

ci_say() { echo "profkit-ci: $*" >&2; }
ci_die() { ci_say "$*"; exit 1; }

# ci_set NAME VALUE: remember for the next steps
ci_set() {
	printf "%s='%s'\n" "$1" "$(printf '%s' "$2" | sed "s/'/'\\\\''/g")" >>"$CI_STATE"
	eval "$1=\$2"
}

ci_platform() {
	if [ -n "${PROFKIT_CI_DRY_RUN:-}" ]; then echo dry
	elif [ "${GITHUB_ACTIONS:-}" = true ]; then echo github
	elif [ "${GITLAB_CI:-}" = true ]; then echo gitlab
	else echo dry
	fi
}

# where the artifacts of this run can be downloaded
ci_run_url() {
	case $(ci_platform) in
	github) echo "${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID" ;;
	gitlab) echo "$CI_JOB_URL/artifacts/browse" ;;
	*) echo "file://$CI_DIR" ;;
	esac
}

_ci_api() { # METHOD URL [JSON on stdin]
	case $(ci_platform) in
	github)
		curl -fsS -X "$1" -H "Authorization: Bearer $GITHUB_TOKEN" \
			-H "Accept: application/vnd.github+json" "$2" ${3:+--data-binary @-} ;;
	gitlab)
		curl -fsS -X "$1" -H "PRIVATE-TOKEN: $PROFKIT_GITLAB_TOKEN" \
			-H "Content-Type: application/json" "$2" ${3:+--data-binary @-} ;;
	esac
}

_ci_comments_url() {
	case $(ci_platform) in
	github) echo "${GITHUB_API_URL:-https://api.github.com}/repos/$GITHUB_REPOSITORY/issues" ;;
	gitlab) echo "$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/notes" ;;
	esac
}

# ci_comment BODYFILE [ID]: post a comment, or replace comment ID; prints the ID
ci_comment() {
	_body=$1 _id=${2:-}
	case $(ci_platform) in
	dry)
		_d=${PROFKIT_CI_DRY_RUN:-$CI_DIR/comments}
		mkdir -p "$_d"
		if [ -z "$_id" ]; then
			_id=$(($(find "$_d" -name 'comment-*.md' | wc -l) + 1))
			echo "post $_id" >>"$_d/log"
		else
			echo "update $_id" >>"$_d/log"
		fi
		cp "$_body" "$_d/comment-$_id.md"
		echo "$_id" ;;
	github)
		_u=$(_ci_comments_url)
		if [ -n "$_id" ]; then
			jq -Rs '{body: .}' <"$_body" | _ci_api PATCH "$_u/comments/$_id" json >/dev/null
			echo "$_id"
		else
			jq -Rs '{body: .}' <"$_body" | _ci_api POST "$_u/$PROFKIT_PR/comments" json | jq -r .id
		fi ;;
	gitlab)
		_u=$(_ci_comments_url)
		if [ -n "$_id" ]; then
			jq -Rs '{body: .}' <"$_body" | _ci_api PUT "$_u/$_id" json >/dev/null
			echo "$_id"
		else
			jq -Rs '{body: .}' <"$_body" | _ci_api POST "$_u" json | jq -r .id
		fi ;;
	esac
}

# ci_find_comment MARKER: the ID of the last comment containing MARKER, or nothing
ci_find_comment() {
	case $(ci_platform) in
	dry)
		_d=${PROFKIT_CI_DRY_RUN:-$CI_DIR/comments}
		[ -d "$_d" ] || return 0
		grep -lF -- "$1" "$_d"/comment-*.md 2>/dev/null | sed 's/.*comment-\(.*\)\.md$/\1/' | tail -n 1 ;;
	github)
		_ci_api GET "$(_ci_comments_url)/$PROFKIT_PR/comments?per_page=100" |
			jq -r --arg m "$1" '[.[] | select(.body | contains($m))] | last | .id // empty' ;;
	gitlab)
		_ci_api GET "$(_ci_comments_url)?per_page=100&sort=asc" |
			jq -r --arg m "$1" '[.[] | select(.body | contains($m))] | last | .id // empty' ;;
	esac
}

# ci_fence FILE [MAX]: FILE's text, cut to MAX bytes (GitHub takes 65536)
ci_cut() {
	_max=${2:-60000}
	if [ "$(wc -c <"$1")" -gt "$_max" ]; then
		head -c "$_max" "$1"
		printf '\n\n*(cut at %s bytes; the whole file is in the artifacts)*\n' "$_max"
	else
		cat "$1"
	fi
}
