#!/bin/sh
# contrib/ci/profile-start.sh - read the request in PROFKIT_COMMENT
#   /profile [URL] [--timeout DURATION]
# (URL: https only, default PROFKIT_DEFAULT_REPORT_URL; DURATION like 90s,
# 4m, 1h, at most PROFKIT_MAX_TIMEOUT_S seconds, default 3600) and post
# the progress comment.  A malformed request fails the job with a comment
# saying why.
. "$(dirname "$0")/lib.sh"

line=$(printf '%s\n' "${PROFKIT_COMMENT:-}" | head -n 1 | tr -d '\r')
# shellcheck disable=SC2086
set -f; set -- $line; set +f
[ "${1:-}" = /profile ] || ci_die "not a /profile request: '$line'"
shift
url=${PROFKIT_DEFAULT_REPORT_URL:-}
timeout=${PROFKIT_TIMEOUT:-4m}
err=
while [ $# -gt 0 ]; do
	case $1 in
	--timeout) timeout=${2:-}; shift $(($# > 1 ? 2 : 1)) ;;
	--timeout=*) timeout=${1#--timeout=}; shift ;;
	https://*) url=$1; shift ;;
	http://*|ftp://*) err="only https:// URLs are fetched: '$1'"; shift ;;
	file://*)
		if [ "${PROFKIT_CI_ALLOW_FILE:-0}" = 1 ]; then url=$1; else err="only https:// URLs are fetched: '$1'"; fi
		shift ;;
	*) err="unexpected '$1' (usage: /profile [URL] [--timeout DURATION])"; shift ;;
	esac
done
case $timeout in
''|*[!0-9smh]*|[smh]*|*[smh]?*) err=${err:-"bad --timeout '$timeout' (e.g. 90s, 4m, 1h)"} ;;
esac
if [ -z "$err" ]; then
	n=${timeout%[smh]}
	case $timeout in *h) s=$((n * 3600)) ;; *m) s=$((n * 60)) ;; *) s=$n ;; esac
	[ "$s" -le "${PROFKIT_MAX_TIMEOUT_S:-3600}" ] || err="--timeout $timeout is over the limit of ${PROFKIT_MAX_TIMEOUT_S:-3600}s"
fi
if [ -n "$url" ] && printf '%s' "$url" | grep -q "[^][A-Za-z0-9._~:/?#@!\$&()*+,;=%-]"; then
	err=${err:-"the URL has characters outside RFC 3986's: '$url'"}
	url=
fi
[ -n "$url" ] || err=${err:-"no report URL given and PROFKIT_DEFAULT_REPORT_URL is not set"}

ci_set PROFKIT_REQUEST_ID "${GITHUB_RUN_ID:-${CI_JOB_ID:-0}}"
ci_set PROFKIT_REPORT_URL "${url:-?}"
ci_set PROFKIT_TIMEOUT "$timeout"
if [ -n "$err" ]; then
	sh "$(dirname "$0")/profile-progress.sh" request failed "$err"
	ci_die "$err"
fi
# (GitLab installs profkit in before_script, before this step)
sh "$(dirname "$0")/profile-progress.sh" request ok "\`$line\`"
