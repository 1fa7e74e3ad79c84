#!/usr/bin/env python3
"""Derive hostile eventlogs from real GHC eventlogs (../shared/corpus).

    python3 make-hostile.py CORPUS_DIR OUT_DIR

Every output is a real log with one deliberate change, named for what it
tests; README lists the expected behaviour.  Sources (haskell/ghc-events
test/, BSD-3-Clause; GHC 9.0.2 runs made for profkit) are in
../shared/corpus/INDEX.md.
"""
import os
import struct
import sys

corpus, out = sys.argv[1], sys.argv[2]


def load(rel):
    with open(os.path.join(corpus, rel), 'rb') as f:
        return bytearray(f.read())


def save(name, data):
    with open(os.path.join(out, name), 'wb') as f:
        f.write(bytes(data))


def parse(d):
    """Return (types {id: [size, header_entry_offset]}, data_start,
    events [(offset, type, hdrlen, size)])."""
    assert d[:8] == b'hdrbhetb'
    p, types = 8, {}
    while d[p:p + 4] == b'etb\0':
        tid, sz, dl = struct.unpack('>HHI', d[p + 4:p + 12])
        q = p + 12 + dl
        xl, = struct.unpack('>I', d[q:q + 4])
        types[tid] = [None if sz == 0xffff else sz, p]
        p = q + 4 + xl + 4
    assert d[p:p + 12] == b'hetehdredatb'
    start = p = p + 12
    events = []
    while p + 2 <= len(d):
        t, = struct.unpack('>H', d[p:p + 2])
        if t == 0xffff:
            break
        sz = types[t][0]
        h = 10
        if sz is None:
            sz, = struct.unpack('>H', d[p + 10:p + 12])
            h = 12
        events.append((p, t, h, sz))
        p += h + sz
    return types, start, events


# 1. An event whose type id the header never declares.
d = load('eventlog/ghc-events/hello-ghc-8.6.5.eventlog')
types, start, ev = parse(d)
victim = [e for e in ev if e[1] == 1][0]            # first RUN_THREAD
assert 238 not in types
d[victim[0]:victim[0] + 2] = struct.pack('>H', 238)
save('undeclared-event-id.eventlog', d)

# 2. A variable-size event whose size field claims more bytes than the
#    file has left: looks like a cut, everything before it is complete.
d = load('eventlog/ghc-events/hello-ghc-8.6.5.eventlog')
types, start, ev = parse(d)
victim = [e for e in ev if e[1] == 31][0]           # PROGRAM_ENV, 8 KB
d[victim[0] + 10:victim[0] + 12] = struct.pack('>H', 0xfff0)
save('size-field-past-end.eventlog', d)

# 3. The same size field claiming fewer bytes: the reader lands inside
#    the payload and must fail on the garbage "event" cleanly.
d = load('eventlog/ghc-events/hello-ghc-8.6.5.eventlog')
types, start, ev = parse(d)
victim = [e for e in ev if e[1] == 31][0]
d[victim[0] + 10:victim[0] + 12] = struct.pack('>H', 7)
save('size-field-too-small.eventlog', d)

# 4. A block marker whose block size runs far past the end of the file.
d = load('eventlog/ghc-events/hello-ghc-8.6.5.eventlog')
types, start, ev = parse(d)
victim = [e for e in ev if e[1] == 18][-1]
d[victim[0] + 10:victim[0] + 14] = struct.pack('>I', 0x7fffffff)
save('block-size-past-end.eventlog', d)

# 5. The header cut in the middle of an event type declaration.
d = load('eventlog/ghc-events/hello-ghc-8.6.5.eventlog')
save('header-cut.eventlog', d[:301])

# 6. A log cut in the middle of an event (a killed program, mid-write).
d = load('eventlog/ghc-events/hello-ghc-8.6.5.eventlog')
types, start, ev = parse(d)
victim = ev[len(ev) // 2]
save('cut-mid-event.eventlog', d[:victim[0] + victim[2] + victim[3] // 2 + 1])

# 7. Future GHC: known types declared wider than today (RUN_THREAD 4 -> 7,
#    STOP_THREAD 10 -> 16, extra bytes 0xa5 appended to each), plus two new
#    event types (251 fixed 3 bytes, 252 variable) inserted after every
#    RUN_THREAD.  Block sizes are fixed up.  A reader must decode exactly
#    the same events as from the original, plus the new ones.
src = load('eventlog/ghc-events/hello-ghc-8.6.5.eventlog')
types, start, ev = parse(src)
hdr = bytearray(src[:start - 12])
for tid, grow in ((1, 3), (2, 6)):
    at = types[tid][1]
    sz, = struct.unpack('>H', hdr[at + 6:at + 8])
    hdr[at + 6:at + 8] = struct.pack('>H', sz + grow)


def decl(tid, size, desc):
    return (b'etb\0' + struct.pack('>HHI', tid, size, len(desc)) + desc +
            struct.pack('>I', 0) + b'ete\0')


hdr += decl(251, 3, b'Future fixed event') + decl(252, 0xffff,
                                                   b'Future variable event')
body = bytearray()
blocks = []  # (offset in body of marker, original end offset in src)
for (p, t, h, sz) in ev:
    raw = src[p:p + h + sz]
    if t == 18:
        bsize, = struct.unpack('>I', raw[10:14])
        blocks.append((len(body), p + bsize))
    body += raw
    if t in (1, 2):
        body += b'\xa5' * (3 if t == 1 else 6)
    if t == 1:
        tm = raw[2:10]
        body += struct.pack('>H', 251) + tm + b'\x01\x02\x03'
        body += struct.pack('>H', 252) + tm + struct.pack('>H', 5) + b'hello'
    body_end_of = None
# Recompute block sizes: a block ends where the next event after the
# original block end starts in the new body.
starts = []
pos = 0
for (p, t, h, sz) in ev:
    starts.append((p, pos))
    pos += h + sz
    if t in (1, 2):
        pos += 3 if t == 1 else 6
    if t == 1:
        pos += 2 + 8 + 3 + 2 + 8 + 2 + 5
endpos = pos
for (boff, oend) in blocks:
    nend = endpos
    for (p, np) in starts:
        if p >= oend:
            nend = np
            break
    body[boff + 10:boff + 14] = struct.pack('>I', nend - boff)
tail = src[ev[-1][0] + ev[-1][2] + ev[-1][3]:]
save('future-types-and-wider-events.eventlog',
     hdr + b'hetehdredatb' + body + tail)

# 8. One bit flipped in the header: STOP_THREAD declared 74 bytes, not 10.
d = load('eventlog/ghc-events/hello-ghc-8.6.5.eventlog')
types, start, ev = parse(d)
at = types[2][1]
d[at + 7] ^= 0x40
save('bitflip-declared-size.eventlog', d)

# 9. Bits flipped at 24 pseudo-random places in the event data of a
#    two-capability GHC 9.0.2 log (fixed seeds: the files never change).
import random
for seed in (1, 2, 3):
    d = load('eventlog/ghc-9.0.2/fibprof-N2-small.eventlog')
    types, start, ev = parse(d)
    rnd = random.Random(seed)
    for _ in range(24):
        pos = rnd.randrange(start, len(d))
        d[pos] ^= 1 << rnd.randrange(8)
    save('bitflips-data-seed%d.eventlog' % seed, d)
