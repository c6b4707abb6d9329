#!/usr/bin/env bash
# Times `zonewarden scorecard` against `zonewarden lint` over the same repository of 10,000
# small mail zones (20 to 200 records each: hosts, MX hosts with TLSA, SPF, DMARC, DKIM,
# MTA-STS, TLS-RPT, CAA; a few per cent with defects), generated here. Issue #19 asks that
# scorecard add at most 50% to lint's time. Usage: scripts/bench-scorecard.sh [ZONES]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
zw=target/release/zonewarden
[ -x "$zw" ] || cargo build --release --quiet
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
/usr/bin/python3 - "$d" "$n" <<'PY'
import os, random, sys
out, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(19)
for i in range(n):
    name = f"d{i}.example"
    sub = os.path.join(out, f"g{i % 100:02d}")
    os.makedirs(sub, exist_ok=True)
    bad = rnd.random() < 0.03
    lines = [f"$ORIGIN {name}.", "$TTL 3600",
             "@ SOA ns1 hostmaster 2026112501 7200 3600 1209600 3600",
             "@ NS ns1", "@ NS ns2",
             "ns1 A 192.0.2.53", "ns1 AAAA 2001:db8::53", "ns2 A 192.0.2.54",
             "@ MX 10 mx1", "@ MX 20 mx2",
             '@ TXT "v=spf1 mx ' + ("?all" if bad else "-all") + '"',
             '_dmarc TXT "v=DMARC1; p=' + ("none" if bad else "reject") + '"',
             '_mta-sts TXT "v=STSv1; id=1"',
             '_smtp._tls TXT "v=TLSRPTv1; rua=mailto:t@' + name + '"',
             's1._domainkey TXT "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="',
             '@ CAA 0 issue "ca.example.net"']
    for h in ("mx1", "mx2"):
        lines += [f"{h} A 192.0.2.25", f"{h} AAAA 2001:db8::25",
                  f"_25._tcp.{h} TLSA 3 1 1 " + "%064x" % rnd.getrandbits(256),
                  f"_25._tcp.{h} TLSA 3 1 1 " + "%064x" % rnd.getrandbits(256)]
    for j in range(rnd.randint(4, 180)):
        lines.append(f"h{j} A 192.0.2.{j % 250 + 1}")
    with open(os.path.join(sub, f"{name}.zone"), "w") as f:
        f.write("\n".join(lines) + "\n")
PY
files=$(find "$d" -name '*.zone' | sort)
time_of() { /usr/bin/time -f '%e s, %M KB' "$@" >/dev/null 2>"$d/time" || true; tail -1 "$d/time"; }
echo "$n zones"
# shellcheck disable=SC2086
echo "lint --format short:  $(time_of "$zw" lint --format short --now 2026-11-25T00:00:00Z $files)"
# shellcheck disable=SC2086
echo "scorecard --format json: $(time_of "$zw" scorecard --format json --now 2026-11-25T00:00:00Z $files)"
