#!/usr/bin/env python3
"""Derive hostile eventlogs from real GHC eventlogs (../shared/corpus).

    python3 make-hostile.py CORPUS_DIR OUT_DIR
    python3 make-hostile.py --widen IN OUT   # change 7 on any eventlog
    python3 make-hostile.py --stats IN [CUT] # an independent event count

--widen and --stats are what tests/eventlog-errors.sh uses on the
committed test-data eventlogs: --stats prints "complete N" (events, block
markers not counted, that end within the first CUT bytes), "incomplete
OFFSET" (where the first event that does not starts, if any) and "type T
COUNT" per event type, from the parser below (not profkit's reader).

Every output is a real log with one deliberate change, named for what it
tests; README lists the expected behaviour.  Sources (haskell/ghc-events
test/, BSD-3-Clause; GHC 9.0.2 runs made for profkit) are in
../shared/corpus/INDEX.md.
"""
import os
import struct
import sys

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


def widen(src):
    """Change 7 (see below) applied to the eventlog bytes src."""
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
    return hdr + b'hetehdredatb' + body + tail


def stats(d, cut):
    types, start, ev = parse(d)
    n, bad, count = 0, None, {}
    for (p, t, h, sz) in ev:
        if p + h + sz > cut:
            bad = p
            break
        count[t] = count.get(t, 0) + 1
        if t != 18:
            n += 1
    print('complete %d' % n)
    if bad is not None:
        print('incomplete %d' % bad)
    for t in sorted(count):
        print('type %d %d' % (t, count[t]))


if sys.argv[1:2] == ['--widen']:
    with open(sys.argv[2], 'rb') as f:
        w = widen(bytearray(f.read()))
    with open(sys.argv[3], 'wb') as f:
        f.write(bytes(w))
    sys.exit(0)
if sys.argv[1:2] == ['--stats']:
    with open(sys.argv[2], 'rb') as f:
        d = bytearray(f.read())
    stats(d, int(sys.argv[3]) if len(sys.argv) > 3 else len(d))
    sys.exit(0)
corpus, out = sys.argv[1], sys.argv[2]


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
save('future-types-and-wider-events.eventlog',
     widen(load('eventlog/ghc-events/hello-ghc-8.6.5.eventlog')))

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

# 10. The largest event the format allows: PROGRAM_ENV grown to 65535
#     payload bytes (entries "PROFKIT_PAD<n>=xxx..." appended; its block's
#     size fixed up), larger than the reader's first window.  Stored
#     gzipped (the reader decompresses it); dump: 45 events as the original.
import gzip
d = load('eventlog/ghc-events/hello-ghc-8.6.5.eventlog')
types, start, ev = parse(d)
victim = [e for e in ev if e[1] == 31][0]
p, t, h, sz = victim
pad = bytearray()
n = 0
while sz + len(pad) < 65535:
    ent = b'PROFKIT_PAD%d=%s\0' % (n, b'x' * 200)
    pad += ent
    n += 1
pad = pad[:65535 - sz]
pad[-1:] = b'\0'
d[p + 10:p + 12] = struct.pack('>H', 65535)
d[p + h + sz:p + h + sz] = pad
# the enclosing block: the last marker before the victim
blk = [e for e in ev if e[1] == 18 and e[0] < p][-1]
bsize, = struct.unpack('>I', d[blk[0] + 10:blk[0] + 14])
d[blk[0] + 10:blk[0] + 14] = struct.pack('>I', bsize + len(pad))
with gzip.GzipFile(os.path.join(out, 'largest-event.eventlog.gz'), 'wb',
                   mtime=0) as f:
    f.write(bytes(d))
