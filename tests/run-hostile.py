#!/usr/bin/env python3
"""run-hostile.py OUTDIR OUTSIDE - write the hostile bug-report tarballs the
prof-extract tests feed it, each named for what it tests.  OUTSIDE is an
absolute directory the archives try to reach (a sentinel lives there).

They are derived from a well-formed report (a kore-exec.sh and its inputs)
by adding one hostile member.  Big ones (the gzip bomb, 200k entries) are
generated here at test time, never committed."""
import gzip, io, os, sys, tarfile

out, outside = sys.argv[1], sys.argv[2]
SCRIPT = b"#!/bin/sh\nexec kore-exec \\\n    definition.kore \\\n    --module IMP \\\n    \"$@\"\n"


def member(name, data=b"", mode=0o644, type=tarfile.REGTYPE, linkname=""):
    ti = tarfile.TarInfo(name)
    ti.type = type
    ti.mode = mode
    ti.linkname = linkname
    ti.size = len(data) if type == tarfile.REGTYPE else 0
    ti.mtime = 1700000000
    return ti, (io.BytesIO(data) if type == tarfile.REGTYPE else None)


def base(tf):
    tf.addfile(*member("kore-exec.sh", SCRIPT, 0o755))
    tf.addfile(*member("definition.kore", b"[]\nmodule IMP endmodule []\n"))


def write(name, extra, fmt=tarfile.GNU_FORMAT, comp=""):
    path = os.path.join(out, name)
    with tarfile.open(path, "w" + (":" + comp if comp else ""), format=fmt) as tf:
        base(tf)
        for m in extra:
            tf.addfile(*m)
    return path


def patch_hardlink_with_data(path, name, target):
    """A hard-link header that still carries data blocks: tarfile never
    writes one, so write a regular member and flip its type flag."""
    raw = bytearray(open(path, "rb").read())
    off = 0
    while off < len(raw):
        hdr = raw[off:off + 512]
        if hdr[:len(name)] == name.encode() and hdr[len(name)] == 0:
            hdr[156] = ord("1")
            hdr[157:157 + 100] = target.encode().ljust(100, b"\0")
            hdr[148:156] = b" " * 8
            chk = sum(hdr)
            hdr[148:156] = b"%06o\0 " % chk
            raw[off:off + 512] = hdr
            break
        size = int(hdr[124:136].strip(b"\0 ") or b"0", 8)
        off += 512 + ((size + 511) // 512) * 512
    open(path, "wb").write(raw)


evil = os.path.join(outside, "evil")
write("traversal.tar", [member("../evil", b"pwned\n")])
write("traversal-inner.tar", [member("a/../../evil", b"pwned\n")])
write("absolute.tar", [member(evil, b"pwned\n")])
write("symlink-then-file.tar", [
    member("link", type=tarfile.SYMTYPE, linkname=outside),
    member("link/evil", b"pwned\n")])
write("dir-replaced-by-symlink.tar", [
    member("d", type=tarfile.DIRTYPE, mode=0o755),
    member("d/a", b"ok\n"),
    member("d", type=tarfile.SYMTYPE, linkname=outside),
    member("d/evil", b"pwned\n")])
write("hardlink-outside.tar", [
    member("hl", type=tarfile.LNKTYPE, linkname=os.path.join(outside, "sentinel"))])
p = write("hardlink-data.tar", [member("hl", b"pwned by data\n")])
patch_hardlink_with_data(p, "hl", "definition.kore")
write("device.tar", [member("dev", type=tarfile.CHRTYPE)])
write("fifo.tar", [member("fifo", type=tarfile.FIFOTYPE)])
write("setuid.tar", [member("suid", b"#!/bin/sh\n", mode=0o4755)])
# PAX path override: the ustar name is harmless, the pax record is not
ti, data = member("harmless.txt", b"pwned\n")
ti.pax_headers = {"path": "../evil"}
write("pax-path.tar", [(ti, data)], fmt=tarfile.PAX_FORMAT)
# GNU long name (././@LongLink) hiding a traversal beyond 100 bytes
write("gnu-longname.tar", [member("x" * 120 + "/../../evil", b"pwned\n")])
write("control-char.tar", [member("bad\x1bname", b"x\n")])
# gzip bomb: 64 MiB of zeros, about 1000:1
with tarfile.open(os.path.join(out, "gzip-bomb.tar.gz"), "w:gz",
                  compresslevel=9) as tf:
    base(tf)
    ti = tarfile.TarInfo("zeros")
    ti.size = 64 << 20

    class Zeros(io.RawIOBase):
        left = ti.size

        def readable(self):
            return True

        def readinto(self, b):
            n = min(len(b), self.left)
            b[:n] = bytes(n)
            self.left -= n
            return n
    tf.addfile(ti, io.BufferedReader(Zeros()))
# 200k empty entries
with tarfile.open(os.path.join(out, "many-entries.tar.gz"), "w:gz",
                  compresslevel=1) as tf:
    base(tf)
    for i in range(200000):
        ti = tarfile.TarInfo("e/%06d" % i)
        tf.addfile(ti)
# truncated stream: a real report cut in the middle of its data
p = os.path.join(out, "whole.tar.gz")
with tarfile.open(p, "w:gz") as tf:
    base(tf)
    tf.addfile(*member("pgm.kore", os.urandom(200000)))
raw = open(p, "rb").read()
open(os.path.join(out, "truncated.tar.gz"), "wb").write(raw[:len(raw) // 2])
os.unlink(p)
