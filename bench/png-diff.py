#!/usr/bin/env python3
"""bench/png-diff.py A.png B.png [THRESHOLD] - how different two renderings are.

Decodes two 8-bit, non-interlaced PNGs (what rsvg-convert and cairo
write: RGB or RGBA) with zlib alone and prints the share of pixels whose
channels differ by more than THRESHOLD (default 32 of 255) and the mean
absolute difference per channel.  Used by bench/bench-scale.sh and
tests/heap-resolution.sh.
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path + ": not a PNG"
    pos, idat = 8, []
    while pos < len(data):
        n, kind = struct.unpack_from(">I4s", data, pos)
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and ctype in (2, 6), \
                path + ": want 8-bit RGB/RGBA, not interlaced"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + n
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    out = bytearray(h * stride)
    prev = bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        out[y * stride:(y + 1) * stride] = line
        prev = line
    return w, h, bpp, out


def main():
    a, b = decode(sys.argv[1]), decode(sys.argv[2])
    thr = int(sys.argv[3]) if len(sys.argv) > 3 else 32
    assert a[:3] == b[:3], "different sizes or formats"
    w, h, bpp = a[:3]
    pa, pb = a[3], b[3]
    diff = 0
    total = 0
    for i in range(0, w * h * bpp, bpp):
        d = max(abs(pa[i + k] - pb[i + k]) for k in range(bpp))
        total += sum(abs(pa[i + k] - pb[i + k]) for k in range(bpp))
        if d > thr:
            diff += 1
    print("%dx%d: %.3f %% of pixels differ by more than %d; mean abs diff %.3f / 255"
          % (w, h, 100.0 * diff / (w * h), thr, total / (w * h * bpp)))


if __name__ == "__main__":
    main()
