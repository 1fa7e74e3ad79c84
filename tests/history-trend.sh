#!/bin/sh
# tests/history-trend.sh - a throwaway git repository with 60 commits of a
# small C benchmark; the loop count quadruples at one commit, so that commit
# really is slower.  Each commit is built, run (the program times its own
# loop, 7 samples, each the best of 3, CPU time) and recorded with the commit and branch taken
# from git; `trend` must find the change point at that commit and no other.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

if ! command -v git >/dev/null 2>&1 || ! command -v cc >/dev/null 2>&1; then
	skip "60-commit history" "git or cc missing"
	done_testing
	exit 0
fi

SLOW=37 # the commit (1-based) whose change slows the benchmark down
repo="$T/repo"
mkdir "$repo"
cd "$repo"
git init -q -b main . 2>/dev/null || { git init -q . && git checkout -q -b main; }
git config user.email test@example.org
git config user.name test
git config commit.gpgsign false

write_bench() { # loop count
	cat >bench.c <<EOF
#include <stdio.h>
#include <time.h>
static volatile unsigned long sink;
int main(void)
{
	for (int s = 0; s < 7; s++) {
		double best = 1e9;
		for (int rep = 0; rep < 3; rep++) { /* a sample: best of 3 */
			struct timespec a, b;
			unsigned long x = 1;
			double t;
			clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
			for (long i = 0; i < $1L; i++)
				x = x * 6364136223846793005UL + 1442695040888963407UL;
			sink = x;
			clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
			t = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
			if (t < best)
				best = t;
		}
		printf("loop,%.9f,s\n", best);
	}
	return 0;
}
EOF
}

db="$T/history.sqlite"
i=1
slow_sha=""
recorded=0
while [ $i -le 60 ]; do
	if [ $i -lt $SLOW ]; then loops=300000; else loops=1200000; fi
	write_bench $loops
	echo "revision $i" >REVISION
	git add bench.c REVISION
	# spread the commit dates so the history has a real time order
	GIT_COMMITTER_DATE="2024-01-01T00:$(printf %02d $((i / 60))):$(printf %02d $((i % 60)))Z" \
	GIT_AUTHOR_DATE="2024-01-01T00:00:00Z" git commit -q -m "commit $i"
	[ $i = $SLOW ] && slow_sha=$(git rev-parse HEAD)
	# build (with a cache keyed by the source, as ccache would)
	sum=$(cksum <bench.c | tr ' ' _)
	[ -x "$T/bench.$sum" ] || cc -O1 -o "$T/bench.$sum" bench.c
	"$T/bench.$sum" >result.csv
	if prof-history --db "$db" -q record --input-format csv result.csv; then
		recorded=$((recorded + 1))
	fi
	i=$((i + 1))
done
is "60 commits recorded" 60 "$recorded"

prof-history --db "$db" list --format json >"$T/list.json"
is "60 runs listed" 60 "$(grep -c '"run":' "$T/list.json")"
is "branch defaults from git" 60 "$(grep -c '"branch": "main"' "$T/list.json")"
is "7 samples per run" 60 "$(grep -c '"samples": 7' "$T/list.json")"

# Report level changes of 50 % or more: this machine is shared, and a busy
# neighbour has been seen to slow the loop by 20 % for several commits.
ok "trend runs" prof-history --db "$db" trend --min-change 50 loop
cp "$T/.out" "$T/trend.txt"
sed 's/^/# /' "$T/trend.txt"
is "exactly one change point" "1" \
	"$(grep -c 'change at point' "$T/trend.txt" || true)"
is "the change point is the slow commit" "1" \
	"$(grep -c "change at point $SLOW: commit $slow_sha" "$T/trend.txt" || true)"
is "it is reported as worse" "1" \
	"$(grep "change at point" "$T/trend.txt" | grep -c 'worse)' || true)"

ok "trend --format json" prof-history --db "$db" trend --min-change 50 --format json
is "json: one change point at index $((SLOW - 1))" \
	"\"index\": $((SLOW - 1)),\"commit\": \"$slow_sha\"," \
	"$(tr -d '\n' <"$T/.out" | grep -o '"change_points": \[ *{ *"index": [0-9]*, *"commit": "[0-9a-f]*",' |
	   sed 's/.*"index"/"index"/; s/, *"commit"/,"commit"/; s/  */ /g')"

ok "trend SVG" prof-history --db "$db" trend --min-change 50 -o "$T/trend.svg"
if command -v xmllint >/dev/null 2>&1; then
	ok "SVG is well-formed" xmllint --noout "$T/trend.svg"
else
	skip "SVG is well-formed" "no xmllint"
fi
ok "trend HTML" prof-history --db "$db" trend --min-change 50 -o "$T/trend.html"
is "HTML has a table row per run" 60 "$(grep -o '<tr id="s0r' "$T/trend.html" | wc -l | tr -d ' ')"
is "HTML marks the change row" 1 "$(grep -o 'class="change"' "$T/trend.html" | wc -l | tr -d ' ')"

# recording the same commit and result again adds nothing
ok "re-record is accepted" prof-history --db "$db" record --input-format csv result.csv
is "re-record says so" "already recorded" "$(cut -c1-16 "$T/.out")"
prof-history --db "$db" list --format json >"$T/list2.json"
is "still 60 runs" 60 "$(grep -c '"run":' "$T/list2.json")"

# a detached checkout (as in CI): the branch comes from the CI's variables
git checkout -q --detach
"$T/bench.$sum" >result2.csv
ok "record on a detached HEAD" env GITHUB_HEAD_REF= GITHUB_REF_NAME=feature-x \
	CI_COMMIT_REF_NAME= BUILDKITE_BRANCH= GIT_BRANCH= \
	prof-history --db "$db" record --input-format csv result2.csv
is "branch from GITHUB_REF_NAME" "recorded $(git rev-parse HEAD | cut -c1-12) on feature-x" \
	"$(sed 's/:.*//' "$T/.out")"

done_testing
