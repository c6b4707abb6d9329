#!/usr/bin/env python3
"""Make the next version of a signed benchmark zone: the SOA serial bumped and the A or AAAA
RRsets of PERCENT per cent of the zone's RRsets (DNSSEC records not counted) changed, each
chosen among the signed ones (not glue), spread evenly through the zone. The signatures are
left as they were: dnssec-signzone, given this as its input, keeps those still valid and
re-signs the changed RRsets (scripts/bench-verify.sh).

    bench-change.py SIGNED [--percent 1] > NEXT
"""
import argparse
import sys

DNSSEC = {"RRSIG", "NSEC", "NSEC3", "NSEC3PARAM", "DNSKEY"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("signed")
    ap.add_argument("--percent", type=float, default=1.0)
    a = ap.parse_args()
    lines = open(a.signed, encoding="ascii").read().splitlines()
    rrsets, signed, eligible = set(), set(), []
    for ln in lines:
        w = ln.split()
        if len(w) < 5 or ln.startswith(";"):
            continue
        owner, rtype = w[0].lower(), w[3]
        if rtype == "RRSIG":
            signed.add((owner, w[4]))
        elif rtype not in DNSSEC:
            rrsets.add((owner, rtype))
    for ln in lines:
        w = ln.split()
        if len(w) >= 5 and w[3] in ("A", "AAAA"):
            key = (w[0].lower(), w[3])
            if key in signed and (not eligible or eligible[-1] != key):
                eligible.append(key)
    want = max(1, round(len(rrsets) * a.percent / 100))
    step = max(1, len(eligible) // want)
    chosen = set(eligible[::step][:want])
    n = 0
    out = []
    for ln in lines:
        w = ln.split()
        if len(w) >= 7 and w[3] == "SOA":
            w[6] = str(int(w[6]) + 1)
            ln = " ".join(w)
        elif len(w) >= 5 and (w[0].lower(), w[3]) in chosen:
            n += 1
            if w[3] == "A":
                w[4] = f"203.0.113.{n % 250 + 1}"
            else:
                w[4] = f"2001:db8:ffff::{n % 65000 + 1:x}"
            ln = " ".join(w)
        out.append(ln)
    sys.stdout.write("\n".join(out) + "\n")
    print(
        f"bench-change: {len(chosen)} of {len(rrsets)} RRsets changed "
        f"({100 * len(chosen) / len(rrsets):.2f}%, {n} records), SOA serial bumped",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
