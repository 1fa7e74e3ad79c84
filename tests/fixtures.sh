#!/bin/sh
# tests/fixtures.sh - the committed GHC fixtures are all there, as
# test-data/README lists them, and the sample bug report has its shape.
. "${abs_top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/setup"

readme=$TEST_DATA/README
ok "test-data/README exists" test -s "$readme"

# Rows of the Files table: "| DIR/FILE | command | notes |".
sed -n 's/^| \([a-z][a-z]*\/[^ |]*\) |.*/\1/p' "$readme" >"$T/listed"
n=$(wc -l <"$T/listed")
ok "README lists fixtures ($n)" test "$n" -ge 30

# Rows whose notes start with "0 bytes" are meant to be empty.
sed -n 's/^| \([a-z][a-z]*\/[^ |]*\) |.*| 0 bytes[:,].*/\1/p' "$readme" >"$T/empty"
while read -r f; do
	if grep -qxF "$f" "$T/empty"; then
		ok "$f exists and is empty, as GHC left it" \
			sh -c 'test -f "$1" && ! test -s "$1"' sh "$TEST_DATA/$f"
	else
		ok "$f exists and is not empty" test -s "$TEST_DATA/$f"
	fi
done <"$T/listed"

# ... and every committed artifact is documented.
# (a row naming a folder, "bench/criterion/", covers the files under it)
(cd "$TEST_DATA" && find eventlog prof heap bench reference -type f | sort) |
	awk 'NR == FNR { if ($0 ~ /\/$/) dir[$0] = 1; next }
	     { for (d in dir) if (index($0, d) == 1) next; print }' "$T/listed" - >"$T/present"
grep -v '/$' "$T/listed" | sort >"$T/listed.sorted"
is "every file in eventlog/ prof/ heap/ bench/ reference/ is listed in README" \
	"" "$(comm -23 "$T/present" "$T/listed.sorted" | tr '\n' ' ')"

# Sources and scripts that regenerate them.
for f in make-fixtures.sh src/ccprof/Main.hs src/ccprof/Ops.hs \
	"src/ccprof/lib dir/Spaced/Walk.hs" src/leak/Leak.hs src/spans/Spans.hs \
	src/flood/Flood.hs src/gbench/bench.cc src/pybench/test_fib.py src/evshow/EvShow.hs \
	src/critbench/Cargo.toml src/critbench/src/lib.rs src/critbench/benches/fib.rs \
	sample-report/README sample-report/build.sh \
	sample-report/src/Main.hs sample-report/src/Toy/Syntax.hs \
	sample-report/src/Toy/Rewrite.hs; do
	ok "source $f present" test -s "$TEST_DATA/$f"
done

# A few properties the other areas' tests rely on.
ok "eventlogs start with the header magic (hdrb)" \
	sh -c 'for f in "$1"/eventlog/*.eventlog "$1"/heap/*.eventlog "$1"/ghc-*/*.eventlog; do
		[ "$(head -c 4 "$f")" = hdrb ] || exit 1; done' sh "$TEST_DATA"
if command -v zstd >/dev/null 2>&1; then
	is "flood-killed.eventlog.zst unpacks to an eventlog" hdrb \
		"$(zstd -dc "$TEST_DATA/eventlog/flood-killed.eventlog.zst" | head -c 4)"
else
	skip "flood-killed.eventlog.zst unpacks to an eventlog" "no zstd"
fi
ok "-pj profile is JSON" grep -q '"cost_centres"' "$TEST_DATA/prof/ccprof-pj.prof"
ok "SIGINT .prof is a final report" grep -q 'Profiling Report  (Final)' "$TEST_DATA/prof/ccprof-sigint.prof"
ok "leak-hc band names carry \" < & > \\" \
	grep -q 'lazy<&>"sum' "$TEST_DATA/heap/leak-hc.hp"
# A complete .hp ends with an empty final sample (BEGIN/END back to back);
# the SIGKILLed one ends after a census with bands in it.
last_two() { tail -n 2 "$1" | cut -d' ' -f1 | tr '\n' ' '; }
is "complete .hp ends with an empty sample" "BEGIN_SAMPLE END_SAMPLE " \
	"$(last_two "$TEST_DATA/heap/leak-hc.hp")"
ok "killed .hp ends with a non-empty sample" \
	sh -c '[ "$(tail -n 1 "$1" | cut -d" " -f1)" = END_SAMPLE ] &&
		[ "$(tail -n 2 "$1" | head -n 1 | cut -d" " -f1)" != BEGIN_SAMPLE ]' \
	sh "$TEST_DATA/heap/leak-hc-killed.hp"
ok ".prof SRC column has the path with a space" \
	grep -q 'lib dir/Spaced/Walk.hs' "$TEST_DATA/prof/ccprof-p.prof"

# Sample bug report.
tarball=$TEST_DATA/sample-report.tar.gz
ok "sample-report.tar.gz is gzip" sh -c 'gzip -t "$1"' sh "$tarball"
if tar tzf "$tarball" >"$T/members" 2>"$T/tar.err"; then
	is "sample report members" \
		"definition.kore kore-exec.log kore-exec.sh pgm.kore" \
		"$(sort "$T/members" | tr '\n' ' ' | sed 's/ $//')"
else
	is "tar tzf sample-report.tar.gz" "ok" "$(cat "$T/tar.err")"
fi
mkdir "$T/rep"
ok "sample report extracts" tar xzf "$tarball" -C "$T/rep"
ok "kore-exec.sh starts with #!/bin/sh" \
	sh -c '[ "$(head -n 1 "$1")" = "#!/bin/sh" ]' sh "$T/rep/kore-exec.sh"
ok "kore-exec.sh execs kore-exec and ends in \"\$@\"" \
	sh -c 'grep -q "^exec kore-exec \\\\$" "$1" && [ "$(tail -n 1 "$1" | tr -d " ")" = "\"\$@\"" ]' \
	sh "$T/rep/kore-exec.sh"
ok "kore-exec.sh is executable in the tarball" \
	sh -c 'tar tvzf "$1" | grep -q "^-rwxr-xr-x .* kore-exec.sh$"' sh "$tarball"
for b in bin prof-bin; do
	ok "sample-report/$b/kore-exec is an executable" test -x "$TEST_DATA/sample-report/$b/kore-exec"
done

# The toy program really runs the report (x86_64 Linux only).
if [ "$(uname -sm)" = "Linux x86_64" ]; then
	(cd "$T/rep" && PATH="$TEST_DATA/sample-report/bin:$PATH" sh ./kore-exec.sh \
		--pattern pgm.kore >"$T/run.out" 2>"$T/run.err") && st=0 || st=$?
	is "toy kore-exec runs the report" 0 "$st"
	is "toy kore-exec result" '\dv{SortInt{}}("121392")' "$(cat "$T/rep/result.kore" 2>/dev/null)"
	(cd "$T/rep" && PATH="$TEST_DATA/sample-report/bin:$PATH" sh ./kore-exec.sh \
		--module NOPE >/dev/null 2>&1) && st=0 || st=$?
	is "unknown module exits 2" 2 "$st"
else
	skip "toy kore-exec runs the report" "the committed binaries are x86_64 Linux"
fi

done_testing
