#!/usr/bin/env python3
# tests/compare/kevm-ref.py FILE1 FILE2 [MINTIME [MINCHANGE]]
# An independent reading of the documented --kevm rule, written after the
# KEVM/haskell-backend comparison script (scripts/compare.py): rows only
# for tests that passed (exit 0) in both runs, t1 != t2,
# max(t1, t2) > MINTIME, relative change above MINCHANGE either way;
# sorted by t1/t2; TOTAL over the shown rows; Python str() of the floats;
# the same column layout.  Prints only the table (or "Identical runs").
import os, sys

f1, f2 = sys.argv[1], sys.argv[2]
mintime = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
minchange = float(sys.argv[4]) if len(sys.argv) > 4 else 0.035

def test_id(cmd):
    w = cmd.split()
    for i, t in enumerate(w):
        if t in ('prove', 'interpret') and i + 1 < len(w):
            return '/'.join(w[i + 1].split('/')[-3:])
    return cmd

def read(fn):
    ok = {}
    for line in open(fn):
        w = line.split(' ', 5)
        if len(w) < 6 or not w[1].endswith('s') or not w[4].endswith('KB'):
            continue
        try:
            code, t = int(w[0]), float(w[1][:-1])
        except ValueError:
            continue
        if code == 0:
            ok[test_id(w[5].rstrip('\n'))] = t
        else:
            ok.pop(test_id(w[5].rstrip('\n')), None)
    return ok

def keys(a, b):
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    ea, eb = os.path.splitext(a)[1], os.path.splitext(b)[1]
    ka = a[n:len(a) - len(ea)] if ea == eb and ea else a[n:]
    kb = b[n:len(b) - len(eb)] if ea == eb and eb else b[n:]
    return ka or '1', kb or '2'

k1, k2 = keys(f1, f2)
d1, d2 = read(f1), read(f2)
rows = []
for t in d1:
    if t in d2:
        a, b = d1[t], d2[t]
        if a != b and (a > mintime or b > mintime) and (a / b - 1.0 > minchange or b / a - 1.0 > minchange):
            rows.append((t, a, b, a / b))
rows.sort(key=lambda e: e[3])
if not rows:
    print('Identical runs')
    sys.exit(0)
s1, s2 = sum(e[1] for e in rows), sum(e[2] for e in rows)
if s2 > 0.0:
    rows.append(('TOTAL', s1, s2, s1 / s2))
rows = [tuple(str(c) for c in e) for e in rows]
rows.insert(0, ('Test', k1 + ' time', k2 + ' time', '(' + k1 + '/' + k2 + ') time'))
rows.insert(1, ('', '', '', ''))
w = [max(len(r[i]) for r in rows) for i in range(4)]
out = ['|' + '|'.join(' ' + r[i].ljust(w[i]) + ' ' for i in range(4)) for r in rows]
out[1] = out[1].replace(' ', '-')
print('\n'.join(out))
