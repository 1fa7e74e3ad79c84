#!/bin/sh
# bench/bench-extract.sh - prof-extract against `bsdtar -xf` (the same
# libarchive, no safety checks) on a 200 MB bug-report-like tarball made
# here: a few big text files (definition.kore-like), many small ones.
# Figures: wall and CPU seconds (best of 3, alternating), MB/s, ratios.
set -eu
. "$SRC/bench/lib.sh"
command -v bsdtar >/dev/null 2>&1 || { echo "   bsdtar missing (libarchive-tools): skipped"; exit 0; }
D="$BENCH_TMP/extract"
rm -rf "$D"; mkdir -p "$D/src/logs"
# 200 MB: 12 x 15 MiB files + 2000 x 10 KiB, text that compresses ~4:1
python3 - "$D/src" <<'PY'
import os, random, sys
root = sys.argv[1]
rnd = random.Random(42)
words = [("".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(2, 12)))).encode()
         for _ in range(5000)]
def text(n):
    out, size = [], 0
    while size < n:
        line = b" ".join(rnd.choice(words) for _ in range(12)) + b"\n"
        out.append(line); size += len(line)
    return b"".join(out)[:n]
block = text(1 << 20)
for i in range(12):
    with open(os.path.join(root, "definition-%02d.kore" % i), "wb") as f:
        for j in range(15):
            f.write(block[j * 997:] + block[:j * 997])
small = text(10 << 10)
for i in range(2000):
    with open(os.path.join(root, "logs", "log-%04d.txt" % i), "wb") as f:
        f.write(small)
PY
printf '#!/bin/sh\nexec kore-exec definition-00.kore --module M "$@"\n' >"$D/src/kore-exec.sh"
tar -C "$D/src" -cf "$D/report.tar" .
gzip -1 -c "$D/report.tar" >"$D/report.tar.gz"
rm -rf "$D/src"
bytes=$(stat -c %s "$D/report.tar")
# wall and CPU (user+sys) seconds of one run: "WALL CPU EXIT"
run1() {
	python3 - "$@" <<'PY'
import os, subprocess, sys, time
t0 = time.monotonic()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, st, ru = os.wait4(p.pid, 0)
print("%.3f %.3f %d" % (time.monotonic() - t0, ru.ru_utime + ru.ru_stime,
                        os.waitstatus_to_exitcode(st)))
PY
}
min() { tr ' ' '\n' | grep . | sort -n | head -1; }
for kind in tar.gz tar; do
	f="$D/report.$kind"
	wb=""; cb=""; wp=""; cp=""
	for i in 1 2 3; do
		rm -rf "$D/x"; mkdir "$D/x"; sync
		set -- $(run1 bsdtar -xf "$f" -C "$D/x"); wb="$wb $1"; cb="$cb $2"
		rm -rf "$D/x"; sync
		set -- $(run1 prof-extract "$f" -C "$D/x"); wp="$wp $1"; cp="$cp $2"
		[ "$3" = 0 ] || echo "   prof-extract failed (exit $3)"
	done
	mb=$(echo $wb | min); mp=$(echo $wp | min)
	echo "   $kind ($((bytes / 1000000)) MB unpacked, $(stat -c %s "$f") B read, 2013 members), best of 3:"
	echo "     bsdtar -xf     wall ${mb} s  $(mbps "$bytes" "$mb") MB/s  cpu $(echo $cb | min) s   (walls:$wb)"
	echo "     prof-extract   wall ${mp} s  $(mbps "$bytes" "$mp") MB/s  cpu $(echo $cp | min) s   (walls:$wp)"
	echo "     ratio prof-extract/bsdtar: wall $(ratio "$mp" "$mb"), cpu $(ratio "$(echo $cp | min)" "$(echo $cb | min)")  (target <= 1.20)"
done
rm -rf "$D"
