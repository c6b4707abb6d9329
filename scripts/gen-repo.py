#!/usr/bin/env python3
"""Write a hosting provider's zone repository: many small, deterministic, unsigned zones.

Standard library only. Each zone is a customer domain `example-XXNNN.com.` in nested folders
by its first letters (`zones/a/ab/example-ab123.com.zone`), with 20 to 200 records: the SOA,
the provider's two name servers, apex addresses, mail (MX, its host's A and AAAA, SPF,
DMARC), CAA, a `www` CNAME, and hosts with A and AAAA, CNAMEs, SRV and TXT. A few per cent
of the zones (`--defects`, default 3 %) each carry one fault that a zone checker reports:
a CNAME beside other data, an MX whose target is a CNAME, an RRset with two TTLs, an
address that cannot be, an in-zone name server without an address.

Usage:
  scripts/gen-repo.py --zones N --out DIR [--seed S] [--defects PERCENT]

DIR/zones/ receives the zones and DIR/MANIFEST one line per zone, `ORIGIN PATH DEFECT`
(`-` for a clean zone), for the benchmark's loops over the peers (which need the origin).
Output is byte-for-byte identical for the same parameters (fixed seed, no clock): the
first N zones are the same whatever N, so a run over 1,000 zones is a prefix of one over
10,000.
"""

import argparse
import os
import random
import string

DEFECTS = ["cname-and-other-data", "mx-to-cname", "ttl-mismatch", "bad-address", "ns-no-address"]


def zone_text(origin, rng, defect):
    n_target = rng.randint(20, 200)
    lines = [
        f"$ORIGIN {origin}",
        "$TTL 3600",
        f"@ IN SOA ns1.provider.example.net. hostmaster.{origin} 2026120101 7200 3600 1209600 3600",
        "@ IN NS ns1.provider.example.net.",
        "@ IN NS ns2.provider.example.net.",
        f"@ IN A 192.0.2.{rng.randint(1, 254)}",
        f"@ IN AAAA 2001:db8:{rng.randint(1, 65535):x}::{rng.randint(1, 65535):x}",
        "@ IN MX 10 mail",
        f"mail IN A 198.51.100.{rng.randint(1, 254)}",
        f"mail IN AAAA 2001:db8:100::{rng.randint(1, 65535):x}",
        '@ IN TXT "v=spf1 mx -all"',
        f'_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@{origin[:-1]}"',
        '@ IN CAA 0 issue "letsencrypt.org"',
        "www IN CNAME @",
    ]
    hosts = []
    i = 0
    while len(lines) - 2 < n_target:
        i += 1
        kind = rng.random()
        name = f"h{i}"
        if kind < 0.55:
            lines.append(f"{name} IN A 203.0.113.{rng.randint(1, 254)}")
            lines.append(f"{name} IN AAAA 2001:db8:{i:x}::{rng.randint(1, 65535):x}")
            hosts.append(name)
        elif kind < 0.75 and hosts:
            lines.append(f"alias{i} IN CNAME {rng.choice(hosts)}")
        elif kind < 0.85 and hosts:
            lines.append(f"_sip._tcp.s{i} IN SRV 10 5 5060 {rng.choice(hosts)}")
        else:
            token = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(32))
            lines.append(f'{name} IN TXT "site-verification={token}"')
    if defect == "cname-and-other-data":
        lines.append('www IN TXT "a CNAME owner with other data"')
    elif defect == "mx-to-cname":
        lines.append("@ IN MX 20 www")
    elif defect == "ttl-mismatch":
        lines.append("mail 300 IN A 198.51.100.255")
    elif defect == "bad-address":
        lines.append("broken IN A 192.0.2.300")
    elif defect == "ns-no-address":
        lines.append("@ IN NS ns3")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--zones", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--defects", type=float, default=3.0)
    args = ap.parse_args()
    names_rng = random.Random(args.seed)
    seen = set()
    manifest = []
    for z in range(args.zones):
        while True:
            label = "".join(names_rng.choice(string.ascii_lowercase) for _ in range(2))
            label += f"{names_rng.randint(0, 999):03d}"
            if label not in seen:
                seen.add(label)
                break
        origin = f"example-{label}.com."
        # Each zone's content depends only on the seed and its index.
        rng = random.Random(f"{args.seed}/{z}")
        defect = rng.choice(DEFECTS) if rng.random() * 100 < args.defects else None
        rel = os.path.join("zones", label[0], label[:2], f"example-{label}.com.zone")
        path = os.path.join(args.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(zone_text(origin, rng, defect))
        manifest.append(f"{origin} {rel} {defect or '-'}")
    with open(os.path.join(args.out, "MANIFEST"), "w") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
