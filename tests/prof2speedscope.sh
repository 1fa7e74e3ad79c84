#!/bin/sh
# tests/prof2speedscope.sh - prof2speedscope on every real profile: the
# output validates against speedscope's schema (tests/speedscope-validate.js,
# ajv), total weights equal total ticks x tick interval and total alloc,
# frames carry file/line/col, folded stacks have integer weights.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
need_cmds jq
VALIDATE="$abs_top_srcdir/tests/speedscope-validate.js"

# (not ccprof-sigterm.prof: 0 bytes, tested on its own)
# GHC 9.0.2 (prof/) and every version of the matrix (ghc-*/)
files=$(find "$TEST_DATA/prof" "$TEST_DATA"/ghc-* -name "*.prof" -size +0 2>/dev/null | sort)
if have_corpus; then
	for f in "$CORPUS"/prof/*.prof; do
		[ -s "$f" ] && files="$files $f"
	done
fi
have_node=no
if command -v node >/dev/null 2>&1; then
	st=0; node "$VALIDATE" /dev/null >/dev/null 2>&1 || st=$?
	[ "$st" != 2 ] && have_node=yes
fi

for f in $files; do
	b=$(basename "$f")
	case $f in */ghc-*/*) b="$(basename "$(dirname "$f")")-$b";; esac
	ok "$b: convert" prof2speedscope -q "$f" -o "$T/$b.json"
	prof-summarize -F json "$f" >"$T/s.json"
	want_time=$(jq '(.total_ticks * .tick_interval_us * 1000) | round' "$T/s.json")
	want_alloc=$(jq .total_alloc_bytes "$T/s.json")
	if [ "$have_node" = yes ]; then
		ok "$b: valid speedscope (schema + importer checks)" \
			node "$VALIDATE" --weights "$T/$b.json"
		is "$b: time weight = total ticks x tick interval (ns)" "$want_time" \
			"$(awk -F'\t' '$2 ~ /: time$/ { print $3 }' "$T/.out")"
		is "$b: allocation weight = total alloc" "$want_alloc" \
			"$(awk -F'\t' '$2 ~ /: allocation$/ { print $3 }' "$T/.out")"
	else
		skip "$b: speedscope schema" "node modules missing (sh scripts/deps.sh)"
	fi
	is "$b: no null" "0" "$(jq '[.. | select(. == null)] | length' "$T/$b.json")"
	is "$b: sampled weights sum to the total (jq)" "$want_time" \
		"$(jq '.profiles[0].weights | add // 0' "$T/$b.json")"
	ok "$b: folded" prof2speedscope -q --folded "$f"
	is "$b: folded lines are 'stack integer'" "0" \
		"$(grep -cv '^[^ ][^ ]* [0-9][0-9]*$' "$T/.out" || true)"
	is "$b: folded ticks sum to total ticks" "$(jq .total_ticks "$T/s.json")" \
		"$(awk '{ s += $NF } END { printf "%d", s }' "$T/.out")"
	prof2speedscope -q --folded -w alloc "$f" >"$T/fa"
	is "$b: folded bytes sum to total alloc" "$want_alloc" \
		"$(awk '{ s += $NF } END { printf "%d", s }' "$T/fa")"
done

if [ -f "$TEST_DATA/prof/ccprof-P.prof" ]; then
	prof2speedscope "$TEST_DATA/prof/ccprof-P.prof" >"$T/c.json"
	is "frame with a spaced path: file, line, col" \
		'{"name":"Spaced.Walk.walk'"'"'","file":"lib dir/Spaced/Walk.hs","line":8,"col":1}' \
		"$(jq -c '.shared.frames[] | select(.name == "Spaced.Walk.walk'"'"'")' "$T/c.json")"
	is "frame with a UTF-8 label" '{"name":"Main.ünïcode_λ","file":"Main.hs","line":28,"col":35}' \
		"$(jq -c '.shared.frames[] | select(.name == "Main.ünïcode_λ")' "$T/c.json")"
	is "frame of a multi-line span" '{"name":"Ops.hotLoop","file":"Ops.hs","line":23,"col":1}' \
		"$(jq -c '.shared.frames[] | select(.name == "Ops.hotLoop")' "$T/c.json")"
	is "built-in frame has no file" '{"name":"MAIN.MAIN"}' \
		"$(jq -c '.shared.frames[] | select(.name == "MAIN.MAIN")' "$T/c.json")"
	is "two profiles: time in ns, allocation in bytes" '["nanoseconds","bytes"]' \
		"$(jq -c '[.profiles[].unit]' "$T/c.json")"
	prof2speedscope --folded "$TEST_DATA/prof/ccprof-P.prof" >"$T/f"
	is "folded: the hottest stack has the file's largest tick count" \
		"$(awk '/^COST CENTRE/ && / no\. / { t = 1; next }
			t && NF > 8 && $(NF-1) > m { m = $(NF-1) } END { print m }' "$TEST_DATA/prof/ccprof-P.prof")" \
		"$(sort -k2 -n -t' ' "$T/f" | tail -1 | awk '{ print $NF }')"
	is "folded: the hottest stack ends in Ops.collatz.go" "Ops.collatz.go" \
		"$(sort -k2 -n -t' ' "$T/f" | tail -1 | awk '{ n = split($1, a, ";"); print a[n] }')"
	: >"$T/out.json"
	fails_with 1 "-o refuses to replace a file" \
		prof2speedscope "$TEST_DATA/prof/ccprof-P.prof" -o "$T/out.json"
	is "-o left the old file alone" "0" "$(wc -c <"$T/out.json" | tr -d ' ')"
	ok "-o -f replaces it" prof2speedscope -f "$TEST_DATA/prof/ccprof-P.prof" -o "$T/out.json"
	ok "stdin" sh -c "prof2speedscope - <'$TEST_DATA/prof/ccprof-pj.prof' >/dev/null"
	prof2speedscope "$TEST_DATA/prof/ccprof-p.prof" >/dev/null 2>"$T/err"
	is "-p: warns that weights are apportioned" "yes" \
		"$(grep -q 'apportioned from the rounded percentages' "$T/err" && echo yes || echo no)"
fi
: >"$T/killed.prof"
fails_with 1 "0-byte .prof: exit 1" prof2speedscope "$T/killed.prof"
fails_with 2 "--folded with both weights" prof2speedscope --folded -w both x.prof
fails_with 2 "two inputs" prof2speedscope a.prof b.prof
done_testing
