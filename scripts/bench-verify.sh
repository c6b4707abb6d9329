#!/usr/bin/env bash
# bench-verify.sh: how fast zonewarden verifies a large signed zone, next to the verifiers
# operators use today, in one run on one machine (read the results as ratios).
#
#   scripts/bench-verify.sh [--names N] [--build] [--skip-peers] [--side-by-side] [--rounds N]
#
# --side-by-side runs only the side-by-side rounds (no single runs under /usr/bin/time);
# --zones "p256-nsec3 rsa-nsec" (the default) chooses the zones.
#
# Debian packages (as root): bind9-utils ldnsutils knot-dnssecutils time python3
#
# Makes (and caches in target/bench-verify/) a synthetic zone with scripts/gen-bench-zone.py
# (--names 225000: about 500,000 owner names, 1.0M records unsigned) and signs it twice with
# dnssec-signzone (inception 2026-01-01, expiration 2036-12-31, two threads):
#   p256-nsec3.signed   ECDSAP256SHA256, NSEC3 (no salt, 0 iterations)
#   rsa-nsec.signed     RSASHA256 (2048-bit keys), NSEC
# Then, for each zone, one run of each tool under /usr/bin/time -v (wall time, peak RSS):
#   zonewarden verify --now 2026-11-25T00:00:00Z
#   dnssec-verify (BIND; the real clock, which lies inside the window)
#   ldns-verify-zone
#   kzonecheck -d on (Knot; two threads)
# and the floors: examples/verify_floor.rs, the bare verifications of every signature of the
# zone spread over all cores (signed data prepared beforehand, not timed), with ring parsing
# the key on every call (the generic library's floor) and with each key parsed once
# (aws-lc-rs, zonewarden's own path).
# Then the next version of each zone: scripts/bench-change.py bumps the serial and changes
# the A/AAAA records of 1% of the RRsets, and dnssec-signzone re-signs it FROM THE SIGNED
# VERSION (same keys, same window), so it keeps every signature still valid and re-signs only
# the changed RRsets (and the SOA). On a shared machine one run says little, so the floors and
# zonewarden then run side by side --rounds times (default 3) on each zone: both floors, a
# cold `verify` (no cache), a cold `verify --cache` (empty cache, filled by the run), and
# `verify --cache` of the next version with that cache (warm), whose findings are compared
# with a run of the next version without cache. The summary is printed and saved to
# target/bench-verify/summary.md, with the load average of every round.
set -euo pipefail

names=225000 build=0 peers=1 rounds=3 single=1 zones="p256-nsec3 rsa-nsec"
while [ $# -gt 0 ]; do
    case "$1" in
        --names) names="$2"; shift ;;
        --build) build=1 ;;
        --skip-peers) peers=0 ;;
        --side-by-side) single=0 ;;
        --zones) zones="$2"; shift ;;
        --rounds) rounds="$2"; shift ;;
        -h|--help) sed -n '2,/^set -e/{s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) echo "bench-verify: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/target/bench-verify"
mkdir -p "$dir"
cd "$dir"
origin=bench.example.
if unshare -n true 2>/dev/null; then NONET=(unshare -n); else NONET=(); fi
if [ "$build" = 1 ]; then
    (cd "$root" && cargo build --release && cargo build --release --example verify_floor)
fi
zw="$root/target/release/zonewarden"
floor="$root/target/release/examples/verify_floor"

want="$(python3 "$root/scripts/gen-bench-zone.py" --names "$names" --print-header)"
if [ ! -f unsigned.zone ] || [ "$(head -n 1 unsigned.zone)" != "$want" ]; then
    python3 "$root/scripts/gen-bench-zone.py" --names "$names" --out unsigned.zone
    rm -f ./*.signed
fi

sign() {
    local out=$1 alg=$2
    shift 2
    [ -f "$out" ] && return 0
    local k="keys-${out%.signed}" bits=()
    rm -rf "$k"; mkdir -p "$k"
    case $alg in RSA*) bits=(-b 2048) ;; esac
    local ksk zsk
    ksk=$(dnssec-keygen -q -K "$k" -a "$alg" "${bits[@]}" -f KSK "$origin")
    zsk=$(dnssec-keygen -q -K "$k" -a "$alg" "${bits[@]}" "$origin")
    cat unsigned.zone "$k/$ksk.key" "$k/$zsk.key" > "$k/zone"
    echo "bench-verify: signing $out ($alg $*)" >&2
    "${NONET[@]}" dnssec-signzone -q -P -n 2 -O full -K "$k" -o "$origin" -f "$out.tmp" \
        -s 20260101000000 -e 20361231000000 "$@" -k "$ksk" "$k/zone" "$zsk" >/dev/null
    mv "$out.tmp" "$out"
}
want_zone() { [[ " $zones " == *" $1 "* ]]; }
if want_zone p256-nsec3; then sign p256-nsec3.signed ECDSAP256SHA256 -3 - -H 0; fi
if want_zone rsa-nsec; then sign rsa-nsec.signed RSASHA256; fi

# resign OUT FROM [dnssec-signzone options...]: FROM's next version, re-signed from FROM.
resign() {
    local out=$1 from=$2
    shift 2
    [ -f "$out" ] && [ "$out" -nt "$from" ] && return 0
    local k="keys-${from%.signed}" ksk zsk
    ksk=$(basename "$(grep -l ' 257 3 ' "$k"/K*.key)" .key)
    zsk=$(basename "$(grep -l ' 256 3 ' "$k"/K*.key)" .key)
    python3 "$root/scripts/bench-change.py" "$from" > "$k/next.zone"
    echo "bench-verify: re-signing $out from $from" >&2
    "${NONET[@]}" dnssec-signzone -q -P -n 2 -O full -K "$k" -o "$origin" -f "$out.tmp" \
        -s 20260101000000 -e 20361231000000 "$@" -k "$ksk" "$k/next.zone" "$zsk" >/dev/null
    mv "$out.tmp" "$out"
}
if want_zone p256-nsec3; then resign p256-nsec3.next.signed p256-nsec3.signed -3 - -H 0; fi
if want_zone rsa-nsec; then resign rsa-nsec.next.signed rsa-nsec.signed; fi

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
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
    for z in $zones; do
        z=$z.signed
        [ "$single" = 1 ] || break
        recs=$(grep -vc '^;' "$z")
        echo
        echo "### $z: $recs records, $(stat -c %s "$z") bytes"
        echo
        echo "| tool | wall time | peak RSS | exit |"
        echo "|---|---|---|---|"
        measure zonewarden "$z" "$zw" verify -q --now 2026-11-25T00:00:00Z --origin "$origin" "$z"
        if [ "$peers" = 1 ]; then
            measure dnssec-verify "$z" "${NONET[@]}" dnssec-verify -q -o "$origin" "$z"
            measure ldns-verify-zone "$z" ldns-verify-zone "$z"
            measure kzonecheck "$z" kzonecheck -d on -o "$origin" "$z"
        fi
        measure floor "$z" "$floor" "$z" "$origin" ring parsed
        echo
        sed 's/^/    /' "floor.${z%.signed}.out"
    done
    echo
    echo "### zonewarden and the floors, side by side ($rounds rounds)"
    echo
    echo "Floors: the verify calls alone (ring parsing the key on every call; each key parsed once)."
    echo "Cold: the whole \`zonewarden verify\`, reading included, without a cache and with an empty"
    echo "one. Warm: \`verify --cache\` of the next version (1% of the RRsets changed, re-signed"
    echo "from this one) with the cache the cold run left."
    echo
    echo "| zone | round | floor: ring per call | floor: parsed keys | cold | cold, empty cache | cold / ring floor | warm, next version | warm / cold (no cache) | same findings | load |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    for z in $zones; do
        z=$z.signed
        next="${z%.signed}.next.signed"
        args=(verify --now 2026-11-25T00:00:00Z --origin "$origin" --format short)
        "$zw" "${args[@]}" "$next" > "ref.${z%.signed}.out" || true
        for r in $(seq 1 "$rounds"); do
            load=$(cut -d' ' -f1 /proc/loadavg)
            fl=$("$floor" "$z" "$origin" ring parsed)
            fr=$(sed -n 's/^ring: .* in \([0-9.]*\) s on .*/\1/p' <<<"$fl")
            fp=$(sed -n 's/^parsed: .* in \([0-9.]*\) s on .*/\1/p' <<<"$fl")
            t() { local s e; s=$(date +%s.%N); "$@" > /dev/null || true; e=$(date +%s.%N); python3 -c "print(f'{$e-$s:.2f}')"; }
            cold=$(t "$zw" "${args[@]}" "$z")
            rm -rf cache
            coldc=$(t "$zw" "${args[@]}" --cache cache "$z")
            s=$(date +%s.%N)
            "$zw" "${args[@]}" --cache cache "$next" > "warm.${z%.signed}.out" || true
            e=$(date +%s.%N)
            warm=$(python3 -c "print(f'{$e-$s:.2f}')")
            same=no
            cmp -s "ref.${z%.signed}.out" "warm.${z%.signed}.out" && same=yes
            python3 -c "import sys; fr,fp,c,cc,w=map(float,sys.argv[1:6]); print(f'| {sys.argv[6]} | {sys.argv[7]} | {fr:.1f} s | {fp:.1f} s | {c:.1f} s | {cc:.1f} s | {c/fr:.2f} | {w:.2f} s | {w/c:.3f} | {sys.argv[8]} | {sys.argv[9]} |')" \
                "$fr" "$fp" "$cold" "$coldc" "$warm" "$z" "$r" "$same" "$load"
        done
        echo
        echo "$z next version: $(wc -l < "ref.${z%.signed}.out") findings lines; $(grep -vc '^;' "$next") records"
    done
    echo
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee summary.md
