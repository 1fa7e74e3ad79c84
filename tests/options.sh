#!/bin/sh
# tests/options.sh - every tool follows the command-line conventions, and
# its --help and man page list the same long options (curl's test 1139).
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"

for man in "$abs_top_srcdir"/man/*.1; do
	tool=$(basename "$man" .1)
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "$tool conventions" "not built"
		continue
	fi
	ok "$tool --help exits 0" "$tool" --help
	is "$tool --help writes to stdout" "" "$(cat "$T/.err")"
	"$tool" --help >"$T/help" 2>&1 || true
	ok "$tool --version" "$tool" --version
	is "$tool --version first line" "$tool (profkit)" \
		"$(head -1 "$T/.out" | sed 's/ [0-9][0-9.]*$//')"
	fails_with 2 "$tool rejects an unknown option" "$tool" --no-such-option
	is "$tool usage error says how to get help" \
		"Try '$tool --help' for more information." "$(tail -1 "$T/.err")"
	grep -o -- '--[a-z][a-z0-9-]*' "$T/help" | sort -u >"$T/help.opts"
	grep -o 'Fl -[a-z][a-z0-9-]*' "$man" | sed 's/^Fl /-/' | sort -u >"$T/man.opts"
	if cmp -s "$T/help.opts" "$T/man.opts"; then
		_result 0 "$tool: --help and man page list the same options"
	else
		_result 1 "$tool: --help and man page list the same options"
		diff "$T/help.opts" "$T/man.opts" | sed 's/^/# /'
	fi
done
done_testing
