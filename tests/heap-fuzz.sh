#!/bin/sh
# tests/heap-fuzz.sh - replay the .hp fuzz corpus and the real heap profiles
# through the fuzz target (under the sanitizers the build uses).
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
R="$abs_top_builddir/tests/fuzz/replay_hp"
set -- "$abs_top_srcdir/tests/fuzz/corpus/hp"
[ -d "$TEST_DATA" ] && set -- "$@" $(find "$TEST_DATA" -name '*.hp' 2>/dev/null)
have_corpus && set -- "$@" "$CORPUS"/heap/*.hp
st=0
"$R" "$@" >"$T/replay.out" 2>"$T/replay.err" || st=$?
is "replay_hp exits 0 (no crash, no sanitizer report)" "0" "$st"
[ "$st" = 0 ] || sed 's/^/# /' "$T/replay.err" | head -20
n=$(grep -c '^ok' "$T/replay.out" || true)
is "every input replayed" "1" "$(awk -v n="$n" 'BEGIN { print (n >= 10) }')"
# a replay over nothing (a moved corpus) fails instead of passing
fails_with 1 "replay_hp fails on zero inputs" "$R"
fails_with 1 "replay_hp fails on a missing corpus directory" "$R" "$T/no-such-corpus"
done_testing
