#!/usr/bin/env python3
"""Write an unsigned TLD-like zone `tld.` for the bounded-memory benchmark
(scripts/bench-large.sh): the apex (SOA, NS and their glue), then N delegations in canonical
order, each with two NS records; a share of them with a DS (the signed children) and a
share with in-bailiwick glue (A and AAAA). Signed with NSEC3 opt-out, as TLDs sign, only
the delegations with a DS get an NSEC3 record and signatures, so the signed zone has about
N * (2 + 4 * ds + 4 * glue) records (NS; DS, its RRSIG, NSEC3 and its RRSIG; glue): with
the defaults (10% DS, 5% glue), --delegations 8000000 gives about 20.8 million records.

    gen-tld-zone.py --delegations N [--ds-percent 10] [--glue-percent 5] [--out FILE]
"""
import argparse
import random
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--delegations", type=int, required=True)
    ap.add_argument("--ds-percent", type=float, default=10.0)
    ap.add_argument("--glue-percent", type=float, default=5.0)
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--out", default="-")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="ascii")
    w = out.write
    w("$ORIGIN tld.\n$TTL 86400\n")
    w("@ SOA a.nic hostmaster.nic 2026120101 1800 900 604800 86400\n")
    w("@ NS a.nic\n@ NS b.nic\n")
    w("a.nic A 192.0.2.1\na.nic AAAA 2001:db8::1\nb.nic A 192.0.2.2\nb.nic AAAA 2001:db8::2\n")
    ds, glue = a.ds_percent / 100, a.glue_percent / 100
    # Fixed-width names in increasing order are in canonical order (RFC 4034 §6.1).
    for i in range(a.delegations):
        name = f"d{i:09d}"
        if rnd.random() < glue:
            w(f"{name} NS ns1.{name}\n{name} NS ns2.{name}\n")
            for k in (1, 2):
                w(f"ns{k}.{name} A 198.51.{(i >> 8) & 255}.{i & 255}\n")
                w(f"ns{k}.{name} AAAA 2001:db8:{(i >> 16) & 0xffff:x}:{i & 0xffff:x}::{k}\n")
        else:
            h = i % 1000
            w(f"{name} NS ns1.host{h}.example.\n{name} NS ns2.host{h}.example.\n")
        if rnd.random() < ds:
            digest = "%064X" % rnd.getrandbits(256)
            w(f"{name} DS {rnd.randrange(1, 65536)} 13 2 {digest}\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
