#!/bin/sh
# tests/run-extract.sh - prof-extract: a well-formed report extracts,
# lists and describes; every hostile tarball (made at test time by
# tests/run-hostile.py) is refused with exit 1 and writes nothing outside
# the target directory, which does not appear.
. "${abs_top_srcdir:-$(dirname "$0")/..}/tests/setup"
need_cmds zstd xz bzip2
# the system python starts much faster than a pyenv shim
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3

if ! command -v $PY >/dev/null 2>&1; then
	skip "hostile tarballs" "no python3"
	done_testing
	exit 0
fi

# a well-formed report, built the way kore-exec --bug-report writes one
mkdir -p "$T/r"
cat >"$T/r/kore-exec.sh" <<'SH'
#!/bin/sh
exec kore-exec \
    definition.kore \
    --module IMP \
    \
    --pattern pgm.kore \
    --smt-timeout 125 \
    --smt-tactic '(or-else (using-params smt :random-seed 1) smt)' \
    --depth 20 \
    --output result.kore \
    "$@"
SH
chmod 755 "$T/r/kore-exec.sh"
echo '[] module IMP endmodule []' >"$T/r/definition.kore"
echo 'inj{}(\dv{SortInt{}}("1"))' >"$T/r/pgm.kore"
mkdir "$T/r/logs" && echo log >"$T/r/logs/kore.log"
for c in gz xz zst bz2 none; do
	case $c in
	gz) tar -C "$T/r" -czf "$T/report.tar.gz" . ; f=report.tar.gz ;;
	xz) tar -C "$T/r" -cJf "$T/report.tar.xz" . ; f=report.tar.xz ;;
	zst) tar -C "$T/r" -c . | zstd -q >"$T/report.tar.zst"; f=report.tar.zst ;;
	bz2) tar -C "$T/r" -cjf "$T/report.tar.bz2" . ; f=report.tar.bz2 ;;
	none) tar -C "$T/r" -cf "$T/report.tar" . ; f=report.tar ;;
	esac
	ok "extracts a $c report" prof-extract "$T/$f" -C "$T/x-$c"
	is "$c: script intact" "$(cat "$T/r/kore-exec.sh")" \
		"$(cat "$T/x-$c/kore-exec.sh" 2>/dev/null)"
	is "$c: nested file intact" "log" "$(cat "$T/x-$c/logs/kore.log" 2>/dev/null)"
done
is "script keeps its execute bit (0755)" "755" "$(stat -c %a "$T/x-gz/kore-exec.sh")"
is "inputs are 0644" "644" "$(stat -c %a "$T/x-gz/pgm.kore")"
fails_with 1 "refuses a non-empty target" prof-extract "$T/report.tar.gz" -C "$T/x-gz"
mkdir "$T/empty"
ok "accepts an empty target directory" prof-extract "$T/report.tar.gz" -C "$T/empty"
(cd "$T" && prof-extract report.tar.gz) && is "default directory is the tarball's name" \
	"yes" "$([ -f "$T/report/pgm.kore" ] && echo yes)"

ok "--list" prof-extract --list "$T/report.tar.gz"
is "--list names the script with its size and mode" "1" \
	"$(grep -c "^- 0755 *$(wc -c <"$T/r/kore-exec.sh") ./kore-exec.sh$" "$T/.out")"
ok "--json" prof-extract --json "$T/report.tar.gz" -o "$T/desc.json"
$PY - "$T/desc.json" >"$T/desc.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
i = d["invocation"]
print(d["flavour"], d["script"], i["command"], i["mode"], i["module"],
      i["depth"], i["smt"]["timeout"], i["smt"]["tactic"], i["definition"],
      i["pattern"], sorted(x["name"] for x in d["inputs"]),
      i["passes_arguments"])
PY
is "--json describes the exec report" \
	"exec kore-exec.sh kore-exec execute IMP 20 125 (or-else (using-params smt :random-seed 1) smt) definition.kore pgm.kore ['definition.kore', 'pgm.kore'] True" \
	"$(cat "$T/desc.txt")"
mkdir "$T/rpc" && echo '{"host":"localhost","port":31337}' >"$T/rpc/server_instance.json"
tar -C "$T/rpc" -czf "$T/rpc.tar.gz" .
prof-extract --json "$T/rpc.tar.gz" >"$T/rpc.json"
is "--json recognises an RPC report" '"rpc"' \
	"$(sed -n 's/^ *"flavour": \(.*\),$/\1/p' "$T/rpc.json")"

# ---- hostile tarballs
mkdir "$T/h" "$T/outside" "$T/work"
echo sentinel >"$T/outside/sentinel"
$PY "$abs_top_srcdir/tests/run-hostile.py" "$T/h" "$T/outside"
for case in traversal traversal-inner absolute symlink-then-file \
	dir-replaced-by-symlink hardlink-outside hardlink-data device fifo \
	pax-path gnu-longname control-char gzip-bomb many-entries truncated; do
	f=$(ls "$T/h/$case".tar* 2>/dev/null | head -1)
	if [ -z "$f" ]; then
		_result 1 "$case: generated"
		continue
	fi
	fails_with 1 "$case: refused" prof-extract "$f" -C "$T/work/x"
	is "$case: target not created" "" "$(ls -A "$T/work")"
	is "$case: nothing written outside" "sentinel" "$(ls -A "$T/outside")"
	is "$case: sentinel untouched" "sentinel" "$(cat "$T/outside/sentinel")"
	is "$case: no stray files" "" "$(find "$T" -name evil -o -name '.prof-extract.*')"
	is "$case: one-line message naming the archive" "1" \
		"$(grep -c "^prof-extract: $f: " "$T/.err")"
done
grep -q 'expansion ratio' "$T/.err" 2>/dev/null || true
fails_with 1 "gzip bomb message names the ratio" sh -c \
	"prof-extract '$T/h/gzip-bomb.tar.gz' -C '$T/work/x' 2>&1 | grep -q 'expansion ratio above 200' && exit 1"
ok "gzip bomb passes with the ratio disabled" prof-extract --max-ratio 0 \
	"$T/h/gzip-bomb.tar.gz" -C "$T/work/bomb"
is "... and writes exactly 64 MiB" "67108864" "$(stat -c %s "$T/work/bomb/zeros")"
rm -rf "$T/work/bomb"
fails_with 1 "--max-file-size stops it on bytes written" prof-extract \
	--max-ratio 0 --max-file-size 1M "$T/h/gzip-bomb.tar.gz" -C "$T/work/x"
fails_with 1 "--max-total stops it" prof-extract --max-ratio 0 --max-total 2M \
	"$T/h/gzip-bomb.tar.gz" -C "$T/work/x"
is "budget failures leave nothing" "" "$(ls -A "$T/work")"

# setuid: extracted, without the bit
ok "setuid member extracts" prof-extract "$T/h/setuid.tar" -C "$T/work/suid"
is "setuid bit dropped (0755)" "755" "$(stat -c %a "$T/work/suid/suid")"
# --skip-links: the link is skipped with a warning, the rest extracted
ok "--skip-links skips the symlink" prof-extract --skip-links \
	"$T/h/symlink-then-file.tar" -C "$T/work/sl"
is "--skip-links warns naming the member" "1" \
	"$(grep -c 'member link: skipping a symbolic link' "$T/.err")"
is "--skip-links: link/evil is a plain file in a real directory" "yes" \
	"$([ -d "$T/work/sl/link" ] && [ ! -L "$T/work/sl/link" ] && echo yes)"
ok "--skip-links skips the device" prof-extract --skip-links \
	"$T/h/device.tar" -C "$T/work/dev"
is "device not created" "" "$(ls -A "$T/work/dev" | grep dev || true)"
is "outside still untouched" "sentinel" "$(ls -A "$T/outside")"

fails_with 2 "usage: no tarball" prof-extract
fails_with 2 "usage: bad size" prof-extract --max-total lots "$T/report.tar.gz"
fails_with 1 "not an archive" prof-extract "$T/r/pgm.kore" -C "$T/work/y"
# ---- cut archives and members extraction refuses: --list says why, exit 1
for n in 770 777; do
	head -c $n "$TEST_DATA/sample-report.tar.gz" >"$T/sample-cut-$n.tar.gz"
	fails_with 1 "--list on a .tar.gz cut at byte $n: exit 1" prof-extract --list "$T/sample-cut-$n.tar.gz"
	is "--list cut at $n: a message, not (null)" "yes" \
		"$(grep -q 'ends early or is corrupt' "$T/.err" && ! grep -q '(null)' "$T/.err" && echo yes || echo no)"
done
$PY - "$TEST_DATA/sample-report.tar.gz" "$T/first-member-no-name.tar.gz" <<'PY'
import gzip, sys
d = bytearray(gzip.decompress(open(sys.argv[1], 'rb').read()))
h = d[0:512]
h[0:100] = b'\0' * 100                 # the first member loses its name
h[148:156] = b' ' * 8
h[148:156] = b'%06o\0 ' % sum(h)
d[0:512] = h
open(sys.argv[2], 'wb').write(gzip.compress(bytes(d)))
PY
fails_with 1 "extraction refuses a member without a name" prof-extract "$T/first-member-no-name.tar.gz" -C "$T/noname"
fails_with 1 "--list refuses it too (no '? 0000 0 ?', exit 0)" prof-extract --list "$T/first-member-no-name.tar.gz"
is "--list: names the offset and the reason" yes "$(grep -q 'offset [0-9]*: member .*no name' "$T/.err" && echo yes || echo no)"
# ---- sparse members (GNU tar -S): the trailing hole is part of the file
if tar --version 2>/dev/null | grep -q 'GNU tar'; then
	mkdir -p "$T/sp"
	# data from a real (incompressible) fixture at 1 MiB and 3 MiB of a
	# 4,194,404-byte file; an all-hole 5 MiB file
	Z="$TEST_DATA/eventlog/flood-killed.eventlog.zst"
	truncate -s 4194404 "$T/sp/data-then-trailing-hole.dat"
	dd if="$Z" of="$T/sp/data-then-trailing-hole.dat" bs=1024 seek=1024 conv=notrunc 2>/dev/null
	dd if="$Z" of="$T/sp/data-then-trailing-hole.dat" bs=1024 seek=3072 count=100 conv=notrunc 2>/dev/null
	truncate -s 5M "$T/sp/all-hole.dat"
	for v in 0.1 1.0; do
		tar -C "$T/sp" -S --format=pax --sparse-version=$v -czf "$T/sparse-$v.tar.gz" \
			data-then-trailing-hole.dat all-hole.dat
		ok "sparse pax $v: extracts" prof-extract -q "$T/sparse-$v.tar.gz" -C "$T/sparse-$v"
		ok "sparse pax $v: data then trailing hole, byte for byte" \
			cmp "$T/sp/data-then-trailing-hole.dat" "$T/sparse-$v/data-then-trailing-hole.dat"
		is "sparse pax $v: all-hole file keeps its 5 MiB" 5242880 \
			"$(wc -c <"$T/sparse-$v/all-hole.dat" | tr -d ' ')"
	done
else
	skip "sparse members" "no GNU tar"
fi
done_testing
