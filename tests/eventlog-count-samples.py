#!/usr/bin/env python3
"""tests/eventlog-count-samples.py [--from NS] [--to NS] FILE - count cost-centre samples per
capability in a GHC eventlog, independently of profkit's C reader.

A deliberately plain reading of GHC's format (rts/include/rts/
EventLogFormat.h): the header's event types with their sizes, then events
`u16 type, u64 time, payload` (payload length from the header, or a u16
length for variable-size types) until type 0xffff or the end of the file.
Prints, sorted by capability:
    tick NS                   (PROF_BEGIN tick interval; 0 when absent)
    cap N SAMPLES IDLE_ONLY   (PROF_SAMPLE_COST_CENTRE events whose payload
                               capability is N; IDLE_ONLY = stack is just
                               the IDLE cost centre)
--from/--to count only samples whose event time is in [NS, NS].
Reads .zst/.gz through zstd/gzip when the name says so.
"""
import struct
import subprocess
import sys


def load(path):
    if path.endswith('.zst'):
        return subprocess.run(['zstd', '-dc', path], check=True,
                              stdout=subprocess.PIPE).stdout
    if path.endswith('.gz'):
        return subprocess.run(['gzip', '-dc', path], check=True,
                              stdout=subprocess.PIPE).stdout
    with open(path, 'rb') as f:
        return f.read()


def main():
    args = sys.argv[1:]
    lo, hi = 0, 2 ** 64
    while args[0] in ('--from', '--to'):
        if args[0] == '--from':
            lo = int(args[1])
        else:
            hi = int(args[1])
        args = args[2:]
    b = load(args[0])
    pos = 0

    def u(fmt):
        nonlocal pos
        v = struct.unpack_from('>' + fmt, b, pos)
        pos += struct.calcsize('>' + fmt)
        return v[0] if len(v) == 1 else v

    assert u('I') == 0x68647262, 'hdrb'
    assert u('I') == 0x68657462, 'hetb'
    sizes = {}
    while True:
        m = u('I')
        if m == 0x68657465:  # hete
            break
        assert m == 0x65746200, 'etb'
        tid, size = u('H'), u('h')
        dlen = u('I')
        pos += dlen
        elen = u('I')
        pos += elen
        assert u('I') == 0x65746500, 'ete'
        sizes[tid] = size
    assert u('I') == 0x68647265, 'hdre'
    assert u('I') == 0x64617462, 'datb'
    tick = 0
    idle_ids = set()
    caps = {}
    while pos + 10 <= len(b):
        t = u('H')
        if t == 0xffff:
            break
        time = u('Q')
        size = sizes[t]
        if size == -1:
            if pos + 2 > len(b):
                break
            size = u('H')
        if pos + size > len(b):
            break  # truncated mid-event
        p = pos
        if t == 168:  # PROF_BEGIN
            tick = struct.unpack_from('>Q', b, p)[0]
        elif t == 161:  # HEAP_PROF_COST_CENTRE: id, label, module, srcloc
            cid = struct.unpack_from('>I', b, p)[0]
            fields = b[p + 4:p + size].split(b'\0')
            if fields[0] == b'IDLE' and fields[1] == b'IDLE':
                idle_ids.add(cid)
        elif t == 167 and lo <= time <= hi:  # PROF_SAMPLE_COST_CENTRE
            cap, _tick, depth = struct.unpack_from('>IQB', b, p)
            ids = struct.unpack_from('>%dI' % depth, b, p + 13)
            c = caps.setdefault(cap, [0, 0])
            c[0] += 1
            if depth == 1 and ids[0] in idle_ids:
                c[1] += 1
        pos += size
    print('tick', tick)
    for cap in sorted(caps):
        print('cap', cap, caps[cap][0], caps[cap][1])


main()
