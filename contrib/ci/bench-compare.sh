#!/bin/sh
# contrib/ci/bench-compare.sh - compare PROFKIT_CI_DIR/results/base with
# .../pr (prof-compare), post or update the one performance comment on the
# pull request, write the step summary and metrics.txt (OpenMetrics:
# GitLab's metrics report), and exit 3 when a benchmark regressed.
# PROFKIT_COMPARE_FLAGS adds prof-compare options (e.g. --threshold 10%);
# PROFKIT_KEVM=1 adds the KEVM-compatible table.
. "$(dirname "$0")/lib.sh"
[ -f "$CI_DIR/path.sh" ] && . "$CI_DIR/path.sh"

r=$CI_DIR/results
[ -s "$r/base" ] && [ -s "$r/pr" ] || ci_die "run bench-run.sh base and pr first"
names="--baseline-name base --current-name pr"
st=0
# shellcheck disable=SC2086
prof-compare -f $names ${PROFKIT_COMPARE_FLAGS:-} --fail-on-regression \
	"$r/base" "$r/pr" -o "$CI_DIR/compare.md" || st=$?
case $st in 0|3) ;; *) ci_die "prof-compare failed (exit $st)" ;; esac
# shellcheck disable=SC2086
prof-compare -f -q $names ${PROFKIT_COMPARE_FLAGS:-} --format openmetrics \
	"$r/base" "$r/pr" -o "$CI_DIR/metrics.txt" || ci_die "prof-compare --format openmetrics failed"
if [ "${PROFKIT_KEVM:-0}" = 1 ]; then
	prof-compare -f -q $names --kevm "$r/base" "$r/pr" -o "$CI_DIR/kevm.md" ||
		ci_die "prof-compare --kevm failed"
fi

marker="<!-- profkit:bench -->"
body=$CI_DIR/bench-comment.md
{
	echo "$marker"
	if [ "$st" = 3 ]; then
		echo "### profkit: :red_circle: performance regression"
	else
		echo "### profkit: no performance regression"
	fi
	echo
	echo "Base \`${PROFKIT_BASE_SHA:-base}\` vs this pull request \`${GITHUB_SHA:-${CI_COMMIT_SHA:-pr}}\`; [run]($(ci_run_url))."
	echo
	ci_cut "$CI_DIR/compare.md" 50000
	if [ -s "$CI_DIR/kevm.md" ]; then
		echo
		echo "<details><summary>KEVM table</summary>"
		echo
		ci_cut "$CI_DIR/kevm.md" 10000
		echo
		echo "</details>"
	fi
} >"$body"
id=$(ci_find_comment "$marker" 2>/dev/null || :)
ci_comment "$body" ${id:+"$id"} >/dev/null ||
	ci_say "could not post the comment (a pull request from a fork has a read-only token)"
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && cat "$body" >>"$GITHUB_STEP_SUMMARY"
[ "$st" = 0 ] || ci_say "a benchmark regressed (see $CI_DIR/compare.md)"
exit "$st"
