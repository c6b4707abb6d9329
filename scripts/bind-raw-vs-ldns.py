#!/usr/bin/env python3
"""Cross-check for the zone corpus (no third-party modules).

Compares the record set BIND itself holds (named-compilezone -F raw, which
stores owner names and RDATA as wire bytes) with what ldns-read-zone -U TYPE0
prints after re-reading BIND's text output (RFC 3597 generic form).  If the
two agree, the ldns pipeline is a faithful reference for the differential test.

usage: bind-raw-vs-ldns.py RAWFILE LDNS_OUTPUT_FILE
exit 0 if equal, 1 otherwise (differences on stdout).
"""
import struct
import sys


def name_from_wire(buf, off):
    labels = []
    while True:
        n = buf[off]
        off += 1
        if n == 0:
            break
        labels.append(bytes(buf[off:off + n]))
        off += n
    return tuple(labels), off


def name_from_text(s):
    if s == '.':
        return ()
    labels, cur, i = [], bytearray(), 0
    while i < len(s):
        c = s[i]
        if c == '\\':
            if s[i + 1:i + 4].isdigit() and len(s[i + 1:i + 4]) == 3:
                cur.append(int(s[i + 1:i + 4]))
                i += 4
            else:
                cur += s[i + 1].encode()
                i += 2
        elif c == '.':
            labels.append(bytes(cur))
            cur = bytearray()
            i += 1
        else:
            cur += c.encode()
            i += 1
    if cur:
        raise ValueError('relative name in ldns output: %r' % s)
    return tuple(labels)


def read_raw(path):
    data = open(path, 'rb').read()
    fmt, ver = struct.unpack('!II', data[:8])
    if fmt != 2 or ver != 1:
        raise SystemExit('%s: not a BIND raw v1 file' % path)
    off, out = 24, []
    while off < len(data):
        total, = struct.unpack('!I', data[off:off + 4])
        rec = data[off:off + total]
        cls, typ, covers, ttl, nrdata, namelen = struct.unpack('!HHHIIH', rec[4:20])
        name, p = name_from_wire(rec, 20)
        assert p == 20 + namelen
        for _ in range(nrdata):
            rlen, = struct.unpack('!H', rec[p:p + 2])
            out.append((name, cls, typ, ttl, rec[p + 2:p + 2 + rlen].hex()))
            p += 2 + rlen
        off += total
    return out


CLASSES = {'IN': 1, 'CH': 3, 'HS': 4}


def read_ldns(path):
    out = []
    for line in open(path, encoding='latin-1'):
        line = line.strip()
        if not line or line.startswith(';'):
            continue
        f = line.split()
        owner, ttl, cls, typ = f[0], int(f[1]), f[2], f[3]
        if f[4] != '\\#':
            raise SystemExit('not in generic form: ' + line)
        hexd = ''.join(f[6:]).lower()
        if len(hexd) != 2 * int(f[5]):
            raise SystemExit('length mismatch: ' + line)
        c = CLASSES.get(cls) or int(cls[5:])
        t = int(typ[4:])
        out.append((name_from_text(owner), c, t, ttl, hexd))
    return out


def main():
    raw = read_raw(sys.argv[1])
    ld = read_ldns(sys.argv[2])
    ok = True
    if len(raw) != len(set(raw)) or len(ld) != len(set(ld)):
        print('duplicate records in one of the inputs')
        ok = False
    a, b = set(raw), set(ld)
    for r in sorted(a - b):
        print('only in BIND raw :', r)
        ok = False
    for r in sorted(b - a):
        print('only in ldns     :', r)
        ok = False
    # the same, ignoring owner case (to tell case-only differences apart)
    low = lambda s: {(tuple(l.lower() for l in r[0]),) + r[1:] for r in s}
    if not ok and low(a) == low(b):
        print('(differences are in owner-name case only)')
    print('%d records compared' % len(raw))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
