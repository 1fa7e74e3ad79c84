#!/bin/sh
# scripts/test.sh - install what the tests need, build, run the whole
# test suite.
#   CONFIGURE_FLAGS="--enable-asan --enable-ubsan --enable-werror" sh scripts/test.sh
#   PROFKIT_STRICT_SKIPS=1 sh scripts/test.sh   a skip that is not in
#       tests/allowed-skips counts as a failure (CI sets this)
# Prints every failing assertion with its diagnostics, the skips grouped by
# reason, and last "N passed, N failed, N skipped"; exits non-zero if
# anything failed.  Full output: build/check.out and build/test-suite.log.
set -eu
cd "$(dirname "$0")/.."
tag=test
. scripts/progress.sh
t0=$(date +%s)
tag=test sh scripts/deps.sh --test
mkdir -p build
if [ ! -x configure ]; then
	run_logged "generating ./configure (autoreconf -fi)..." build/autoreconf.log autoreconf -fi
fi
if [ ! -f build/Makefile ]; then
	# shellcheck disable=SC2086
	run_logged "configuring${CONFIGURE_FLAGS:+ $CONFIGURE_FLAGS} (build/config.log)..." build/configure.log \
		sh -c "cd build && ../configure ${CONFIGURE_FLAGS:-}"
fi
hb_count="echo \"\$(grep -cE '^ +(CC|AR|CCLD) ' build/make.log || true) steps done\""
run_logged "building with make -j$(nproc) (build/make.log)..." build/make.log \
	make -C build -j"$(nproc)"

PROFKIT_NODE_MODULES=${PROFKIT_NODE_MODULES:-${PROFKIT_NODE_DIR:-$HOME/.cache/profkit/node}/node_modules}
export PROFKIT_NODE_MODULES
# Each test's results go to its own .log (whole lines); the console output
# of a parallel make may interleave, so only the logs are read below.
rm -f build/test-suite.log
hb_count="echo \"\$(find build/tests -name '*.trs' -newer build/make.log 2>/dev/null | wc -l) test files done\""
st=0
tail_on_fail=no run_logged "running the test suite (make -j$(nproc) check; build/check.out)..." build/check.out \
	make -C build -j"$(nproc)" check AM_COLOR_TESTS=no || st=$?
hb_count=""
log=build/test-suite.log
if [ ! -f "$log" ]; then
	say "no build/test-suite.log: make check did not run the tests"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
count() { sed -n "s/^# $1: *//p" "$log" | head -1; }
pass=$(count PASS)
skip=$(count SKIP)
fail=$(count FAIL)
err=$(count ERROR)
xpass=$(count XPASS)
failed=$(( ${fail:-0} + ${err:-0} + ${xpass:-0} ))

# Failures, whole, from build/test-suite.log (written per test, so whole
# lines): each failing result with the diagnostics ("# ...") around it,
# then what that test script wrote on stderr.
if [ "$failed" != 0 ]; then
	say "failures:"
	awk '
	function flush() {
		if (bad && no > 0) {
			print "    stderr of " sect ":"
			for (i = 0; i < no; i++) print "      " other[i]
		}
		bad = 0; no = 0; np = 0; show = 0
	}
	/^(PASS|FAIL|ERROR|SKIP|XFAIL|XPASS): [^ ]+$/ { flush(); sect = $2; next }
	/^=+$/ || /^\.\. contents::/ { next }
	/^(FAIL|XPASS): [^ ]+ [0-9]+ / || /^ERROR: [^ ]+( [0-9]+)? - / {
		for (i = 0; i < np; i++) print "    " pre[i]
		print; bad = 1; show = 1; np = 0; next
	}
	/^#/ { if (show) print "    " $0; else if (np < 20) pre[np++] = $0; next }
	{ show = 0 }
	/^(ok |PASS: |SKIP: |XFAIL: )/ { np = 0; next }
	/^(not ok|1\.\.)/ { next }
	/./ { if (no < 15) other[no++] = $0 }
	END { flush() }
	' "$log"
fi

# Skips, grouped by reason; with PROFKIT_STRICT_SKIPS=1 every skip must
# match a rule in tests/allowed-skips.
grep -E '^SKIP: .* # SKIP ' "$log" | sed 's/^SKIP: //' >build/skips.txt || true
if [ -s build/skips.txt ]; then
	say "skipped, by reason:"
	sed 's/.* # SKIP //' build/skips.txt | sort | uniq -c | sort -rn | sed 's/^/    /'
	sed -n 's/^\([^#].*[^ ]\)  *--  *.*/\1/p' tests/allowed-skips >build/allowed-skips.re
	# Match each reason; print the whole line of those no rule allows.
	while IFS= read -r line; do
		printf '%s\n' "${line##* \# SKIP }" | grep -qE -f build/allowed-skips.re ||
			printf '%s\n' "$line"
	done <build/skips.txt >build/skips-unlisted.txt
	if [ -s build/skips-unlisted.txt ]; then
		unlisted=$(wc -l <build/skips-unlisted.txt)
		say "$unlisted skips not allowed by tests/allowed-skips:"
		sed 's/^/    /' build/skips-unlisted.txt
		if [ "${PROFKIT_STRICT_SKIPS:-0}" = 1 ]; then
			say "PROFKIT_STRICT_SKIPS=1: each counts as a failure"
			failed=$((failed + unlisted))
			skip=$(( ${skip:-0} - unlisted ))
		fi
	fi
fi
say "finished in $(( $(date +%s) - t0 )) s"
echo "${pass:-0} passed, $failed failed, ${skip:-0} skipped"
[ "$st" = 0 ] && [ "$failed" = 0 ]
