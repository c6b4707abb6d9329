#!/usr/bin/env bash
# Sign testdata/verify/base.example.zone with every signer and algorithm the differential
# verification tests (tests/it/verify.rs) compare against:
#
#   scripts/sign-verify-cases.sh OUTDIR
#
# writes OUTDIR/<signer>-<algorithm>-<denial>.signed for dnssec-signzone (bind-*),
# ldns-signzone (ldns-*) and kzonesign (knot-*), each with its DS records as
# OUTDIR/<case>.ds1, .ds2 and .ds4 (SHA-1, SHA-256, SHA-384, by dnssec-dsfromkey from the
# zone's own SEP keys); two zones signed with windows wholly in the past and in the future
# (bind-p256-nsec-expired, bind-p256-nsec-future); and a key that is not in any zone,
# OUTDIR/other.dnskey with its DS in OUTDIR/other.ds2.
#
# Keys are made fresh in OUTDIR/keys on every run; nothing is written under testdata/.
# Validity: inception 2026-01-01, expiration 2036-12-31, so dnssec-verify (which always
# uses the real clock) accepts the zones until the end of 2036; give zonewarden a --now
# inside that window.
#
# Needs: bind9-utils, ldnsutils, knot-dnssecutils. Runs every tool under `unshare -n` when
# that works.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=$ROOT/testdata/verify/base.example.zone
ORIGIN=base.example.
OUT=${1:?usage: sign-verify-cases.sh OUTDIR}
INCEPTION=20260101000000
EXPIRATION=20361231000000
mkdir -p "$OUT/keys"
OUT=$(cd "$OUT" && pwd)
KEYS=$OUT/keys

# shellcheck source=lib/sign.sh
. "$ROOT/scripts/lib/sign.sh"

# BIND's reading of the zone, as text: what ldns-signzone and kzonesign get.
"${NONET[@]}" named-compilezone -q -i none -s full -o "$KEYS/base.zone" "$ORIGIN" "$SRC"

ds_files() {
    local f=$1
    for d in 1 2 4; do
        local a
        case $d in 1) a=SHA-1 ;; 2) a=SHA-256 ;; 4) a=SHA-384 ;; esac
        "${NONET[@]}" dnssec-dsfromkey -a "$a" -f "$f" "$ORIGIN" > "${f%.signed}.ds$d" 2>/dev/null
    done
}

# bind_sign CASE ALGORITHM [dnssec-signzone options...]
bind_sign() {
    local name=$1 alg=$2
    shift 2
    local d=$KEYS/$name window=(-s "$INCEPTION" -e "$EXPIRATION")
    case $name in
        *-expired) window=(-s 20200101000000 -e 20210101000000) ;;
        *-future) window=(-s 20300101000000 -e 20350101000000) ;;
    esac
    keypair "$d" "$alg" "$ORIGIN" bind
    cp "$SRC" "$d/zone"
    cat "$d/$KSK.key" "$d/$ZSK.key" >> "$d/zone"
    # -P: the expired and future zones would fail dnssec-signzone's own check.
    "${NONET[@]}" dnssec-signzone -q -P -O full -K "$d" -d "$d" -o "$ORIGIN" \
        -f "$OUT/$name.signed" "${window[@]}" "$@" -k "$d/$KSK" "$d/zone" "$d/$ZSK" >/dev/null
    ds_files "$OUT/$name.signed"
}

# ldns_sign CASE ALGORITHM [ldns-signzone options...]
ldns_sign() {
    local name=$1 alg=$2
    shift 2
    local d=$KEYS/$name
    keypair "$d" "$alg" "$ORIGIN" ldns
    "${NONET[@]}" ldns-signzone -i "$INCEPTION" -e "$EXPIRATION" -o "$ORIGIN" \
        -f "$OUT/$name.signed" "$@" "$KEYS/base.zone" "$d/$KSK" "$d/$ZSK"
    ds_files "$OUT/$name.signed"
}

# knot_sign CASE ALGORITHM NSEC3(on|off) OPTOUT(on|off)
knot_sign() {
    local name=$1 alg=$2 nsec3=$3 optout=$4
    local d=$KEYS/$name
    mkdir -p "$d"
    kzonesign_zone "$d" "$ORIGIN" "$KEYS/base.zone" "$alg" "$nsec3" "$optout" 0 "$OUT/$name.signed"
    ds_files "$OUT/$name.signed"
}

bind_sign bind-p256-nsec ECDSAP256SHA256
bind_sign bind-p384-nsec3 ECDSAP384SHA384 -3 - -H 0
bind_sign bind-ed25519-nsec3-optout ED25519 -3 - -H 0 -A
bind_sign bind-rsasha256-nsec RSASHA256
bind_sign bind-rsasha512-nsec3 RSASHA512 -3 aabbccdd -H 5
bind_sign bind-p256-nsec-expired ECDSAP256SHA256
bind_sign bind-p256-nsec-future ECDSAP256SHA256
bind_sign bind-p256-nsec3 ECDSAP256SHA256 -3 - -H 0
ldns_sign ldns-p256-nsec3 ECDSAP256SHA256 -n -t 0
ldns_sign ldns-ed25519-nsec ED25519
ldns_sign ldns-rsasha256-nsec3-optout RSASHA256 -n -t 0 -p
ldns_sign ldns-p384-nsec ECDSAP384SHA384
ldns_sign ldns-rsasha512-nsec RSASHA512
knot_sign knot-p256-nsec3 ecdsap256sha256 on off
knot_sign knot-ed25519-nsec ed25519 off off
knot_sign knot-rsasha256-nsec3-optout rsasha256 on on
knot_sign knot-p384-nsec ecdsap384sha384 off off

# A key of the zone's name that no zone publishes.
other=$(dnssec-keygen -q -K "$KEYS" -a ECDSAP256SHA256 "$ORIGIN")
grep -v '^;' "$KEYS/$other.key" > "$OUT/other.dnskey"
dnssec-dsfromkey -a SHA-256 "$KEYS/$other.key" > "$OUT/other.ds2"
