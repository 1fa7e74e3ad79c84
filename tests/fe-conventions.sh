#!/bin/sh
# tests/fe-conventions.sh - the front end's rules, run across every tool
# (table-driven): an unknown option is one line and the hint, exit 2;
# --help and --version fail (exit 1) when stdout cannot take them; the
# same kind of value (percentage, duration, time, size, count) has the
# same spelling, the same parser and the same message in every tool.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

TOOLS="prof-bench prof-compare prof-extract prof-history prof-pipeline prof-run
prof-summarize eventlog2speedscope heap2svg prof2speedscope"

for tool in $TOOLS; do
	fails_with 2 "$tool --no-such-option: exit 2" "$tool" --no-such-option
	is "$tool --no-such-option: one line and the hint" \
		"$tool: unknown option '--no-such-option'
Try '$tool --help' for more information." "$(cat "$T/.err")"
	fails_with 2 "$tool -Z: exit 2" "$tool" -Z
	is "$tool -Z: one line and the hint" \
		"$tool: unknown option '-Z'
Try '$tool --help' for more information." "$(cat "$T/.err")"
	fails_with 2 "$tool --help=x: exit 2" "$tool" --help=x
	is "$tool --help=x: says so" "$tool: option '--help' takes no argument" \
		"$(head -1 "$T/.err")"
	fails_with 2 "$tool --version=x: exit 2" "$tool" --version=x
	if [ -w /dev/full ]; then
		fails_with 1 "$tool --help >/dev/full: exit 1" \
			sh -c '"$0" --help >/dev/full' "$tool"
		is "$tool --help >/dev/full: says why" \
			"$tool: <stdout>: write error: No space left on device" \
			"$(cat "$T/.err")"
		fails_with 1 "$tool --version >/dev/full: exit 1" \
			sh -c '"$0" --version >/dev/full' "$tool"
	else
		skip "$tool --help >/dev/full" "no writable /dev/full"
	fi
done

# tool option kind good bad: GOOD must pass the option's check (any other
# outcome is fine: operands are missing), BAD must fail it with the kind's
# one message
while read -r tool opt kind good bad; do
	[ -n "$tool" ] || continue
	st=0
	"$tool" "$opt" "$good" >"$T/.out" 2>"$T/.err" </dev/null || st=$?
	if grep -q "^$tool: $opt:" "$T/.err"; then
		_result 1 "$tool $opt $good: accepted"
		sed 's/^/# /' "$T/.err"
	else
		_result 0 "$tool $opt $good: accepted"
	fi
	fails_with 2 "$tool $opt $bad: rejected" "$tool" "$opt" "$bad"
	case $kind in
	pct) want="$tool: $opt: not a percentage: '$bad'" ;;
	duration) want="$tool: $opt: not a duration: '$bad'" ;;
	time) want="$tool: $opt: '$bad' is not a time in seconds" ;;
	size) want="$tool: $opt: not a size: '$bad'" ;;
	count) want=$(head -1 "$T/.err" | grep "^$tool: $opt: '$bad' is not a number " || echo "(count message)") ;;
	esac
	is "$tool $opt $bad: the $kind message" "$want" "$(head -1 "$T/.err")"
done <<TABLE
prof-compare --threshold pct 5% five
prof-compare --threshold pct 2.5 -1
prof-compare --min-change pct 3.5% 3.5x
prof-history --threshold pct 5% five
prof-history --threshold pct 7 5%%
prof-history --min-change pct 5% lots
prof-summarize --threshold pct 1% 101
prof-summarize --threshold pct 0.5 x
prof-run --timeout duration 4m 4x
prof-run --grace duration 250ms -1s
prof-run --kill-after duration 1.5h soon
prof-pipeline --timeout duration 90 4x
prof-pipeline --grace duration 30s 1y
prof-pipeline --kill-after duration 2d 5ss
prof-compare --min-time duration 2s 2x
eventlog2speedscope --from time 1.5s soon
eventlog2speedscope --to time 100 -1
heap2svg --from time 0.5 soon
heap2svg --to time 2m later
prof-extract --max-total size 8G 8X
prof-bench --timeout duration 10m 4x
prof-bench --min-time duration 2s 2x
prof-bench --output-cap size 64k 64X
prof-bench --rounds count 3 0
prof-bench --jobs count 2 257
prof-extract --max-file-size size 4GiB 4Q
prof-extract --max-entries count 50000 50k
prof-compare --seed count 42 10k
prof-history --seed count 42 10k
prof-compare --bootstrap count 1000 99
heap2svg --bands count 15 -3
prof-summarize --top count 10 ten
TABLE
done_testing
