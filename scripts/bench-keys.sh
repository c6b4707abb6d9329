#!/usr/bin/env bash
# bench-keys.sh: what one signature verification costs per algorithm, on one core, with the
# key parsed on every call (ring, aws-lc-rs) against the key parsed once (aws-lc-rs
# ParsedPublicKey, zonewarden's path): the measurement behind dnssec::backend's choice.
#
#   scripts/bench-keys.sh [--names N] [--repeat N] [--build]
#
# Debian packages (as root): bind9-utils python3
#
# Signs a small synthetic zone (scripts/gen-bench-zone.py --names 2000, about 9,000
# signatures) with dnssec-signzone once per algorithm: ECDSAP256SHA256, ECDSAP384SHA384,
# ED25519, RSASHA256 (2048 bits), RSASHA1 (1024 bits, legacy), in target/bench-keys/; then
# runs examples/verify_floor.rs on each with RAYON_NUM_THREADS=1, the floors taking turns
# --repeat times (default 5) over all the signatures, and prints µs per verification of the
# fastest pass of each floor (the least disturbed on a shared machine).
set -euo pipefail

names=2000 repeat=5 build=0
while [ $# -gt 0 ]; do
    case "$1" in
        --names) names="$2"; shift ;;
        --repeat) repeat="$2"; shift ;;
        --build) build=1 ;;
        -h|--help) sed -n '2,/^set -e/{s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) echo "bench-keys: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/target/bench-keys"
mkdir -p "$dir"
cd "$dir"
origin=bench.example.
if unshare -n true 2>/dev/null; then NONET=(unshare -n); else NONET=(); fi
if [ "$build" = 1 ]; then
    (cd "$root" && cargo build --release --example verify_floor)
fi
floor="$root/target/release/examples/verify_floor"
want="$(python3 "$root/scripts/gen-bench-zone.py" --names "$names" --print-header)"
if [ ! -f unsigned.zone ] || [ "$(head -n 1 unsigned.zone)" != "$want" ]; then
    python3 "$root/scripts/gen-bench-zone.py" --names "$names" --out unsigned.zone
    rm -f ./*.signed
fi
sign() { # OUT ALGORITHM BITS
    local out=$1 alg=$2 bits=()
    [ -f "$out" ] && return 0
    [ -n "$3" ] && bits=(-b "$3")
    local k="keys-${out%.signed}"
    rm -rf "$k"; mkdir -p "$k"
    local ksk zsk
    ksk=$(dnssec-keygen -q -K "$k" -a "$alg" "${bits[@]}" -f KSK "$origin")
    zsk=$(dnssec-keygen -q -K "$k" -a "$alg" "${bits[@]}" "$origin")
    cat unsigned.zone "$k/$ksk.key" "$k/$zsk.key" > "$k/zone"
    "${NONET[@]}" dnssec-signzone -q -P -n 2 -O full -K "$k" -o "$origin" -f "$out.tmp" \
        -s 20260101000000 -e 20361231000000 -k "$ksk" "$k/zone" "$zsk" >/dev/null
    mv "$out.tmp" "$out"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; one thread, fastest of $repeat passes per floor"
echo
echo "| algorithm | signatures | ring per call | aws-lc-rs per call | aws-lc-rs parsed once | parsed / ring |"
echo "|---|---|---|---|---|---|"
for spec in ECDSAP256SHA256: ECDSAP384SHA384: ED25519: RSASHA256:2048 RSASHA1:1024; do
    alg=${spec%%:*} bits=${spec#*:}
    z="$alg${bits:+-$bits}.signed"
    sign "$z" "$alg" "$bits"
    out=$(RAYON_NUM_THREADS=1 "$floor" "$z" "$origin" --repeat "$repeat" ring aws-lc parsed)
    us() { sed -n "s/^$1: .* \([0-9.]*\) µs each.*/\1/p" <<<"$out"; }
    n=$(sed -n 's/^ring: \([0-9]*\) signatures.*/\1/p' <<<"$out")
    r=$(us ring) a=$(us aws-lc) p=$(us parsed)
    echo "| $alg${bits:+ ($bits bits)} | $n | $r µs | $a µs | $p µs | $(python3 -c "print(f'{$p/$r:.2f}')") |"
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
