#!/bin/sh
# scripts/test.sh - set up, build and run the whole test suite.
#   CONFIGURE_FLAGS="--enable-asan --enable-ubsan --enable-werror" sh scripts/test.sh
# Prints "N passed, N failed" last; exits non-zero if anything failed.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
[ -x configure ] || autoreconf -fi >/dev/null 2>&1
mkdir -p build
cd build
# shellcheck disable=SC2086
[ -f Makefile ] || ../configure -q ${CONFIGURE_FLAGS:-}
make -j"$(nproc)" >/dev/null
st=0
PROFKIT_NODE_MODULES=${PROFKIT_NODE_MODULES:-$HOME/.cache/profkit/node/node_modules}
export PROFKIT_NODE_MODULES
make -j"$(nproc)" check >check.out 2>&1 || st=$?
grep -E '^(FAIL|ERROR|XPASS)' check.out || true
pass=$(sed -n 's/^# PASS: *//p' check.out | tail -1)
skip=$(sed -n 's/^# SKIP: *//p' check.out | tail -1)
fail=$(sed -n 's/^# FAIL: *//p' check.out | tail -1)
err=$(sed -n 's/^# ERROR: *//p' check.out | tail -1)
xpass=$(sed -n 's/^# XPASS: *//p' check.out | tail -1)
failed=$(( ${fail:-0} + ${err:-0} + ${xpass:-0} ))
[ -n "$pass" ] || { tail -30 check.out; failed=$((failed + 1)); }
echo "${pass:-0} passed, $failed failed, ${skip:-0} skipped"
[ "$st" = 0 ] && [ "$failed" = 0 ]
