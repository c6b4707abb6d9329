#!/usr/bin/env bash
# Regenerate the signed zones of the differential-test corpus:
#   testdata/zones/signed/<zone>.<signer>-<algorithm>-<denial>.signed
# from hand-written zones in testdata/zones/.
#
# Every run makes fresh keys (in a temporary directory that is removed
# afterwards: no private key is ever written under testdata/), signs, and then
# checks each output with dnssec-verify, ldns-verify-zone and the
# named-compilezone | ldns-read-zone pipeline of the differential test.  The
# signed files therefore change byte for byte on every run (new keys, random
# ECDSA/EdDSA signatures) but always describe the same zones, signed the same
# way; running the script twice is harmless.
#
# Signature validity (all three signers): inception 2026-01-01 00:00:00 UTC,
# expiration 2036-12-31 00:00:00 UTC, so dnssec-verify, which always uses the
# real clock, accepts the zones until the end of 2036.
#
# Needs: bind9-utils, ldnsutils, knot-dnssecutils.  Runs every tool under
# `unshare -n` when that works (no network is needed at all).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ZONES=$ROOT/testdata/zones
OUT=$ZONES/signed
INCEPTION=20260101000000
EXPIRATION=20361231000000

WORK=$(mktemp -d "${TMPDIR:-/tmp}/zonewarden-signed.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# shellcheck source=lib/sign.sh
. "$ROOT/scripts/lib/sign.sh"

log() { printf '%s\n' "$*" >&2; }

# normalize ORIGIN SRC DEST: BIND's reading of a hand-written zone, as text.
# ldns-signzone and kzonesign get this instead of the hand-written file,
# because the ldns reader gets some legal syntax wrong (relative $ORIGIN,
# class before TTL, RFC 1035 TTL inheritance, $INCLUDE, $GENERATE).
normalize() {
    (cd "$ZONES" && "${NONET[@]}" named-compilezone -q -i none -s full \
        -o "$3" "$1" "$2")
}

# bind_sign NAME ORIGIN SRC ALGORITHM [dnssec-signzone NSEC3 options...]
bind_sign() {
    local name=$1 origin=$2 src=$3 alg=$4
    shift 4
    local d=$WORK/$name
    keypair "$d" "$alg" "$origin" bind
    cp "$ZONES/$src" "$d/zone"
    cat "$d/$KSK.key" "$d/$ZSK.key" >> "$d/zone"
    # run from testdata/zones so that a relative $INCLUDE would still resolve
    (cd "$ZONES" && "${NONET[@]}" dnssec-signzone -q -K "$d" -d "$d" \
        -o "$origin" -f "$OUT/$name.signed" -s "$INCEPTION" -e "$EXPIRATION" \
        "$@" -k "$d/$KSK" "$d/zone" "$d/$ZSK" >/dev/null)
    log "signed $name (dnssec-signzone $alg $*)"
}

# ldns_sign NAME ORIGIN SRC ALGORITHM [ldns-signzone options...]
ldns_sign() {
    local name=$1 origin=$2 src=$3 alg=$4
    shift 4
    local d=$WORK/$name
    keypair "$d" "$alg" "$origin" ldns
    normalize "$origin" "$src" "$d/zone"
    "${NONET[@]}" ldns-signzone -i "$INCEPTION" -e "$EXPIRATION" -o "$origin" \
        -f "$OUT/$name.signed" "$@" "$d/zone" "$d/$KSK" "$d/$ZSK"
    log "signed $name (ldns-signzone $alg $*)"
}

# knot_sign NAME ORIGIN SRC ALGORITHM NSEC3(on|off)
knot_sign() {
    local name=$1 origin=$2 src=$3 alg=$4 nsec3=$5
    local d=$WORK/$name
    mkdir -p "$d"
    normalize "$origin" "$src" "$d/zone"
    kzonesign_zone "$d" "$origin" "$d/zone" "$alg" "$nsec3" off 8 "$OUT/$name.signed"
    log "signed $name (kzonesign $alg nsec3=$nsec3)"
}

# --- the signed corpus -------------------------------------------------------
bind_sign example.com.bind-ecdsap256-nsec \
    example.com. example.com.zone ECDSAP256SHA256
# -O full: one record per line.  dnssec-signzone's default (multi-line) style
# splits IPSECKEY keys over lines, which ldns-verify-zone cannot read.
bind_sign types-security.example.org.bind-rsasha256-nsec3 \
    types-security.example.org. types-security.example.org.zone RSASHA256 \
    -3 d0d1d2d3d4d5d6d7 -H 0 -O full
bind_sign delegations.example.net.bind-ed25519-nsec3-optout \
    delegations.example.net. delegations.example.net.zone ED25519 \
    -3 - -H 0 -A
bind_sign directives-generate.example.net.bind-ed25519-nsec \
    directives-generate.example.net. directives-generate.example.net.zone ED25519
ldns_sign types-basic.example.org.ldns-ecdsap256-nsec-zonemd \
    types-basic.example.org. types-basic.example.org.zone ECDSAP256SHA256 \
    -z simple:sha384
ldns_sign types-services.example.org.ldns-rsasha512-nsec3 \
    types-services.example.org. types-services.example.org.zone RSASHA512 \
    -n -t 0
knot_sign directives-owners.example.org.knot-ecdsap384-nsec3 \
    directives-owners.example.org. directives-owners.example.org.zone \
    ecdsap384sha384 on

chmod 644 "$OUT"/*.signed

# --- check every output ------------------------------------------------------
fail=0
for f in "$OUT"/*.signed; do
    base=$(basename "$f" .signed)
    origin=${base%.*}.      # strip ".<signer>-<alg>-<denial>"
    if ! "${NONET[@]}" dnssec-verify -q -o "$origin" "$f" >/dev/null 2>"$WORK/v.err"; then
        log "FAIL dnssec-verify $f"; cat "$WORK/v.err" >&2; fail=1
    fi
    if ! ldns-verify-zone "$f" >"$WORK/v.err" 2>&1; then
        log "FAIL ldns-verify-zone $f"; cat "$WORK/v.err" >&2; fail=1
    fi
    n=$(cd "$ZONES" && set -o pipefail && "${NONET[@]}" named-compilezone -i none -s full \
        -o - "$origin" "signed/$(basename "$f")" 2>/dev/null |
        ldns-read-zone -U TYPE0 /dev/stdin 2>/dev/null | grep -c .) || n=0
    if [ "$n" -eq 0 ]; then
        log "FAIL named-compilezone | ldns-read-zone $f"; fail=1
    else
        log "ok   $f ($n records)"
    fi
done
exit $fail
