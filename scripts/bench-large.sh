#!/usr/bin/env bash
# bench-large.sh: zonewarden verify on a TLD-size zone: peak memory against dnssec-verify's
# on the same zone, and time at 1x, 2x, 5x and 10x a base size (growing linearly means
# 10x the records in at most 10.5x the time).
#
#   scripts/bench-large.sh [--base N] [--sizes "1 2 5 10"] [--skip-peers] [--build]
#
# Debian packages (as root): bind9-utils time python3
#
# For each size S, scripts/gen-tld-zone.py writes a TLD-like zone of S * N delegations
# (default N = 800000: at 10x, 8 million delegations and about 20.8 million records once
# signed), signed by dnssec-signzone with ECDSAP256SHA256 and NSEC3 opt-out (no salt, 0
# iterations), as TLDs sign; in target/bench-large/. Then zonewarden verify and (unless
# --skip-peers) dnssec-verify run once each under /usr/bin/time -v: wall time and peak RSS.
# If dnssec-verify cannot finish, its exit status and the time's report say what it ran out
# of. The largest size needs several GB of disk and hours of signing on 2 cores: run it
# on a machine that is otherwise idle.
set -euo pipefail

base=800000 sizes="1 2 5 10" peers=1 build=0
while [ $# -gt 0 ]; do
    case "$1" in
        --base) base="$2"; shift ;;
        --sizes) sizes="$2"; shift ;;
        --skip-peers) peers=0 ;;
        --build) build=1 ;;
        -h|--help) sed -n '2,/^set -e/{s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) echo "bench-large: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/target/bench-large"
mkdir -p "$dir"
cd "$dir"
origin=tld.
if unshare -n true 2>/dev/null; then NONET=(unshare -n); else NONET=(); fi
if [ "$build" = 1 ]; then
    (cd "$root" && cargo build --release)
fi
zw="$root/target/release/zonewarden"

measure() { # NAME ZONE argv...
    local name=$1 zone=$2
    shift 2
    local t="$name.${zone%.signed}.time"
    set +e
    /usr/bin/time -v -o "$t" -- "$@" > "$name.${zone%.signed}.out" 2>&1
    local st=$?
    set -e
    local wall rss
    wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$t")
    rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$t")
    echo "| $name | $wall | $((rss / 1024)) MiB | $st |"
}

{
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MiB of memory"
    for s in $sizes; do
        n=$((s * base))
        z="tld-$n.signed"
        if [ ! -f "$z" ]; then
            k="keys-$n"
            rm -rf "$k"; mkdir -p "$k"
            python3 "$root/scripts/gen-tld-zone.py" --delegations "$n" --out "$k/zone"
            ksk=$(dnssec-keygen -q -K "$k" -a ECDSAP256SHA256 -f KSK "$origin")
            zsk=$(dnssec-keygen -q -K "$k" -a ECDSAP256SHA256 "$origin")
            cat "$k/$ksk.key" "$k/$zsk.key" >> "$k/zone"
            echo "bench-large: signing $z ($n delegations)" >&2
            "${NONET[@]}" dnssec-signzone -q -P -n 2 -O full -3 - -H 0 -A -K "$k" -o "$origin" \
                -f "$z.tmp" -s 20260101000000 -e 20361231000000 -k "$ksk" "$k/zone" "$zsk" >/dev/null
            mv "$z.tmp" "$z"
            rm -f "$k/zone"
        fi
        echo
        echo "### ${s}x: $n delegations, $(grep -vc '^;' "$z") records, $(stat -c %s "$z") bytes"
        echo
        echo "| tool | wall time | peak RSS | exit |"
        echo "|---|---|---|---|"
        measure zonewarden "$z" "$zw" verify -q --now 2026-11-25T00:00:00Z --origin "$origin" "$z"
        if [ "$peers" = 1 ]; then
            measure dnssec-verify "$z" "${NONET[@]}" dnssec-verify -q -o "$origin" "$z"
        fi
    done
    echo
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee summary.md
