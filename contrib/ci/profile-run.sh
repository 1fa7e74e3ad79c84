#!/bin/sh
# contrib/ci/profile-run.sh - fetch the report and run prof-pipeline on it
# with the pull request's builds; the artifacts land in PROFKIT_CI_DIR/out
# (upload that directory).  PROFKIT_MODES (comma-separated) picks the modes.
. "$(dirname "$0")/lib.sh"
progress() { sh "$(dirname "$0")/profile-progress.sh" "$@"; }
[ -f "$CI_DIR/path.sh" ] && . "$CI_DIR/path.sh"

progress profile running "fetching the report"
report=$CI_DIR/report.tar
rm -f "$report"
case $PROFKIT_REPORT_URL in
https://*) proto='=https' ;;
file://*) [ "${PROFKIT_CI_ALLOW_FILE:-0}" = 1 ] || ci_die "file:// URL refused"; proto='=file' ;;
*) ci_die "refusing to fetch '$PROFKIT_REPORT_URL'" ;;
esac
if ! curl -fsSL --proto "$proto" --max-filesize "${PROFKIT_MAX_REPORT_BYTES:-2147483648}" \
	-o "$report" -- "$PROFKIT_REPORT_URL"; then
	progress profile failed "could not fetch the report"
	ci_die "could not fetch $PROFKIT_REPORT_URL"
fi
progress profile running "running the modes (limit $PROFKIT_TIMEOUT each)"
rm -rf "$CI_DIR/out"
st=0
prof-pipeline "$report" "$CI_DIR/out" --timeout "$PROFKIT_TIMEOUT" \
	--bin-dir "$PROFKIT_BIN_DIR" --prof-bin-dir "$PROFKIT_PROF_BIN_DIR" \
	${PROFKIT_INFOTABLE_BIN_DIR:+--infotable-bin-dir "$PROFKIT_INFOTABLE_BIN_DIR"} \
	${PROFKIT_MODES:+--modes "$PROFKIT_MODES"} || st=$?
ci_set PROFKIT_PIPELINE_STATUS "$st"
if [ "$st" = 0 ]; then
	progress profile ok "every mode succeeded"
else
	progress profile failed "prof-pipeline exit $st (see the summary)"
	exit "$st"
fi
