#!/usr/bin/env python3
"""bench/gen-scale.py KIND SIZE OUT [FIXTURE] - real-shaped inputs of any size.

Splices a real GHC output from test-data/ (the fixture) many times, so the
result reads like one long run of the same program:

  hp        a .hp: the fixture's header once, then its samples over and
            over, each copy's times shifted past the previous copy's last
            (BEGIN_SAMPLE/END_SAMPLE times increase), ending with GHC's
            empty final sample.  Default fixture test-data/heap/leak-hc.hp.
  eventlog  an eventlog: the fixture's header once, then its data section
            (every event of the run) over and over with every timestamp
            (and every block marker's end time) shifted past the previous
            copy; one end-of-data marker.  Default
            test-data/heap/leak-hc.eventlog (heap samples + heap events).
  hp-drift  like hp, but not periodic: copy k's value of each band is the
            fixture's times a factor that follows a slow random walk of
            its own (seeded, so the file is the same every time; the
            band mix and the total drift over the run, up and down, as in
            a long service).  For chart fidelity checks
            (bench/bench-scale.sh): a repeated run is a best case for
            averaging, this is not.

SIZE: bytes, with an optional K/M/G suffix (powers of 10).  Writes OUT
(atomically: OUT.tmp then rename); does nothing if OUT already has at
least SIZE bytes.  Not random bytes: every line/event is one GHC wrote.
"""
import os
import struct
import sys

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_size(s):
    mult = {"K": 10**3, "M": 10**6, "G": 10**9}
    if s[-1].upper() in mult:
        return int(float(s[:-1]) * mult[s[-1].upper()])
    return int(s)


def gen_hp(size, out, fixture, drift=False):
    header, samples, cur = [], [], None
    with open(fixture) as f:
        for line in f:
            if line.startswith("BEGIN_SAMPLE"):
                cur = [float(line.split()[1]), []]
            elif line.startswith("END_SAMPLE"):
                samples.append(cur)
                cur = None
            elif cur is not None:
                cur[1].append(line)
            elif not line.startswith("MARK"):
                header.append(line)
    # the run: every sample but GHC's empty last one, times from the first
    last = samples[-1]
    if not last[1] and len(samples) > 1:
        samples = samples[:-1]
    t0 = samples[0][0]
    times = [t - t0 for t, _ in samples]
    bodies = ["".join(b) for _, b in samples]
    gap = (times[-1] / max(1, len(times) - 1)) if len(times) > 1 else 0.01
    span = times[-1] + (gap if gap > 0 else 0.01)
    written = 0
    k = 0
    if drift:
        import math
        import random
        rnd = random.Random(20)
        parsed = [[l.rsplit("\t", 1) for l in b] for _, b in samples]
        names = sorted({nv[0] for sm in parsed for nv in sm})
        logf = {n: 0.0 for n in names}
        lo, hi = math.log(0.05), math.log(4.0)
    with open(out + ".tmp", "w") as f:
        f.write("".join(header))
        while written < size:
            base = t0 + k * span
            chunk = []
            if drift:
                for n in names:
                    x = logf[n] + rnd.gauss(0, 0.01)
                    if x < lo:
                        x = 2 * lo - x
                    if x > hi:
                        x = 2 * hi - x
                    logf[n] = x
                fac = {n: math.exp(x) for n, x in logf.items()}
                bodies = ["".join("%s\t%d\n" % (nv[0], int(int(nv[1]) * fac[nv[0]]))
                                  for nv in sm) for sm in parsed]
            for t, b in zip(times, bodies):
                ts = "%.6f" % (base + t)
                chunk.append("BEGIN_SAMPLE " + ts + "\n" + b + "END_SAMPLE " + ts + "\n")
            s = "".join(chunk)
            f.write(s)
            written += len(s)
            k += 1
        ts = "%.6f" % (t0 + k * span)
        f.write("BEGIN_SAMPLE %s\nEND_SAMPLE %s\n" % (ts, ts))
    os.rename(out + ".tmp", out)


def gen_eventlog(size, out, fixture):
    data = open(fixture, "rb").read()
    assert data[:8] == b"hdrbhetb", "not an eventlog"
    pos = 8
    sizes = {}
    while data[pos:pos + 4] == b"etb\0":
        etype, esize = struct.unpack_from(">Hh", data, pos + 4)
        dlen = struct.unpack_from(">I", data, pos + 8)[0]
        p = pos + 12 + dlen
        xlen = struct.unpack_from(">I", data, p)[0]
        p += 4 + xlen
        assert data[p:p + 4] == b"ete\0", "bad event type at %d" % pos
        sizes[etype] = esize
        pos = p + 4
    assert data[pos:pos + 12] == b"hetehdredatb", "bad header end at %d" % pos
    header = data[:pos + 12]
    pos += 12
    start = pos
    tpos = []        # offsets (in the data section) of u64 times
    tmax = 0
    while True:
        etype = struct.unpack_from(">H", data, pos)[0]
        if etype == 0xFFFF:
            break
        t = struct.unpack_from(">Q", data, pos + 2)[0]
        tpos.append(pos + 2 - start)
        tmax = max(tmax, t)
        p = pos + 10
        esize = sizes[etype]
        if esize < 0:
            esize = struct.unpack_from(">H", data, p)[0]
            p += 2
        if etype == 18:  # EVENT_BLOCK_MARKER: u32 size, u64 end time, u16 cap
            tpos.append(p + 4 - start)
        pos = p + esize
    body = bytearray(data[start:pos])
    orig = [struct.unpack_from(">Q", body, o)[0] for o in tpos]
    span = tmax + tmax // max(1, len(orig)) + 1
    written = len(header)
    k = 0
    with open(out + ".tmp", "wb") as f:
        f.write(header)
        while written < size:
            shift = k * span
            for o, t in zip(tpos, orig):
                struct.pack_into(">Q", body, o, t + shift)
            f.write(body)
            written += len(body)
            k += 1
        f.write(b"\xff\xff")
    os.rename(out + ".tmp", out)


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit("usage: gen-scale.py hp|hp-drift|eventlog SIZE OUT [FIXTURE]")
    kind, size, out = sys.argv[1], parse_size(sys.argv[2]), sys.argv[3]
    if os.path.exists(out) and os.path.getsize(out) >= size:
        return
    if kind in ("hp", "hp-drift"):
        gen_hp(size, out, sys.argv[4] if len(sys.argv) > 4 else
               os.path.join(SRC, "test-data/heap/leak-hc.hp"),
               drift=kind == "hp-drift")
    elif kind == "eventlog":
        gen_eventlog(size, out, sys.argv[4] if len(sys.argv) > 4 else
                     os.path.join(SRC, "test-data/heap/leak-hc.eventlog"))
    else:
        sys.exit("gen-scale.py: unknown kind '%s' (hp, hp-drift, eventlog)" % kind)


if __name__ == "__main__":
    main()
