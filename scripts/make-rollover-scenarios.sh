#!/usr/bin/env bash
# Make the versions of testdata/rollover/base.zone that tests/it/rollover.rs judges:
#
#   scripts/make-rollover-scenarios.sh OUTDIR
#
# Keys are made fresh (dnssec-keygen) in OUTDIR/keys, each in its own directory so a signer
# only ever uses the keys it is given. Each version is OUTDIR/NAME.zone, signed with
# ldns-signzone (-d: keys it signs with are not added, so a version can publish a key
# without signing with it, or sign with one it does not publish) or, for the ZSK
# rollover's second copy, dnssec-signzone. Also: DS RRsets (OUTDIR/ds-*.ds), and two
# certificates with their own keys made by openssl (OUTDIR/cert1.pem, cert2.pem).
#
# Validity: inception 2026-01-01, expiration 2036-12-31 unless a case says otherwise; the
# tests judge with --now in 2027.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BASE=$ROOT/testdata/rollover/base.zone
ORIGIN=rollover.example.
OUT=${1:?usage: make-rollover-scenarios.sh OUTDIR}
mkdir -p "$OUT/keys"
OUT=$(cd "$OUT" && pwd)
KEYS=$OUT/keys
INCEPTION=20260101000000
EXPIRATION=20361231000000

# shellcheck source=lib/sign.sh
. "$ROOT/scripts/lib/sign.sh"

# key NAME ALGORITHM [KSK]: a key in its own directory; prints nothing, sets $NAME.
declare -A KEY
key() {
    local name=$1 alg=$2 role=${3:-} bits=()
    mkdir -p "$KEYS/$name"
    case $alg in RSA*) bits=(-b 2048) ;; esac
    local flags=()
    [ "$role" = KSK ] && flags=(-f KSK)
    local base
    base=$(cd "$KEYS/$name" && "${NONET[@]}" dnssec-keygen -q -a "$alg" "${bits[@]}" "${flags[@]}" "$ORIGIN")
    KEY[$name]=$KEYS/$name/$base
}

# ds FILE KEY...: the parent's DS RRset (SHA-256) for the keys, TTL 86400.
ds() {
    local f=$OUT/$1
    shift
    : > "$f"
    for k in "$@"; do
        "${NONET[@]}" dnssec-dsfromkey -a SHA-256 -T 86400 "${KEY[$k]}.key" >> "$f"
    done
}

# version NAME SERIAL "PUBLISHED KEYS" "SIGNING KEYS" [EXTRA RECORDS FILE] [-e EXP] [-i INC]
version() {
    local name=$1 serial=$2 publish=$3 sign=$4 extra=${5:-}
    shift 5 || shift $#
    local inc=$INCEPTION exp=$EXPIRATION
    while [ $# -gt 0 ]; do
        case $1 in -e) exp=$2; shift 2 ;; -i) inc=$2; shift 2 ;; *) shift ;; esac
    done
    local z=$OUT/$name.unsigned
    sed "s/SERIAL/$serial/" "$BASE" > "$z"
    for k in $publish; do grep -v '^;' "${KEY[$k]}.key" >> "$z"; done
    [ -n "$extra" ] && printf '%b\n' "$extra" >> "$z"
    local signers=()
    for k in $sign; do signers+=("${KEY[$k]}"); done
    "${NONET[@]}" ldns-signzone -d -o "$ORIGIN" -i "$inc" -e "$exp" -f "$OUT/$name.zone" "$z" "${signers[@]}"
}

# TLSA records for the certificates.
tlsa() {
    local hash
    hash=$(openssl x509 -in "$OUT/$1.pem" -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1)
    printf '_25._tcp.mail 3600 TLSA 3 1 1 %s' "$hash"
}
for c in cert1 cert2; do
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$OUT/$c.key" \
        -out "$OUT/$c.pem" -days 3650 -subj "/CN=mail.rollover.example" 2>/dev/null
done
T1=$(tlsa cert1)
T2=$(tlsa cert2)

key ksk1 ECDSAP256SHA256 KSK
key ksk2 ECDSAP256SHA256 KSK
key zsk1 ECDSAP256SHA256
key zsk2 ECDSAP256SHA256
key ksk8 RSASHA256 KSK
key zsk8 RSASHA256
ds ds-ksk1.ds ksk1
ds ds-ksk1-ksk2.ds ksk1 ksk2
ds ds-ksk2.ds ksk2
ds ds-ksk8.ds ksk8
ds ds-ksk1-ksk8.ds ksk1 ksk8

# ZSK pre-publication (RFC 7583 §3.2.1): zsk1 -> zsk2 in three steps.
version zsk-1 2027010101 "ksk1 zsk1" "ksk1 zsk1" "$T1"
version zsk-2 2027010102 "ksk1 zsk1 zsk2" "ksk1 zsk1" "$T1"
version zsk-3 2027010103 "ksk1 zsk1 zsk2" "ksk1 zsk2" "$T1"
version zsk-4 2027010104 "ksk1 zsk2" "ksk1 zsk2" "$T1"
# The same step by BIND: dnssec-signzone with the keys in their own directories.
mkdir -p "$KEYS/empty"
sed "s/SERIAL/2027010103/" "$BASE" > "$OUT/zsk-3-bind.unsigned"
for k in ksk1 zsk1 zsk2; do grep -v '^;' "${KEY[$k]}.key" >> "$OUT/zsk-3-bind.unsigned"; done
printf '%s\n' "$T1" >> "$OUT/zsk-3-bind.unsigned"
"${NONET[@]}" dnssec-signzone -q -K "$KEYS/empty" -d "$OUT" -x -o "$ORIGIN" -s "$INCEPTION" -e "$EXPIRATION" \
    -f "$OUT/zsk-3-bind.zone" "$OUT/zsk-3-bind.unsigned" "${KEY[ksk1]}" "${KEY[zsk2]}" >/dev/null
# The same serial as zsk-1 with a changed record; signatures that expire too soon, or
# begin in the future.
version zsk-1-same-serial 2027010101 "ksk1 zsk1" "ksk1 zsk1" "$T1\\nextra TXT \"edited\""
version zsk-1-short 2027010102 "ksk1 zsk1" "ksk1 zsk1" "$T1" -e 20270105000000
version zsk-1-future 2027010102 "ksk1 zsk1" "ksk1 zsk1" "$T1" -i 20270102000000

# KSK rollover, double-DS (RFC 7583 §3.3.2): the parent adds ds(ksk2), the zone swaps the
# KSK, the parent drops ds(ksk1). And a zone whose new KSK signs while still unnamed.
version ksk-2 2027010102 "ksk2 zsk1" "ksk2 zsk1" "$T1"
version ksk-both-new-signs 2027010102 "ksk1 ksk2 zsk1" "ksk2 zsk1" "$T1"
# CDS for a key the zone does not publish.
CDS2=$("${NONET[@]}" dnssec-dsfromkey -a SHA-256 -C "${KEY[ksk2]}.key" | sed 's/^[^ ]* *IN *//;s/^/@ 3600 IN /')
version ksk-1-cds-unpublished 2027010102 "ksk1 zsk1" "ksk1 zsk1" "$T1\\n$CDS2"

# Algorithm rollover RSASHA256 -> ECDSAP256SHA256 (RFC 6781 §4.1.4, conservative).
version alg-1 2027010101 "ksk8 zsk8" "ksk8 zsk8" "$T1"
version alg-2 2027010102 "ksk8 zsk8" "ksk8 zsk8 ksk1 zsk1" "$T1"
version alg-3 2027010103 "ksk8 zsk8 ksk1 zsk1" "ksk8 zsk8 ksk1 zsk1" "$T1"
version alg-4 2027010104 "ksk1 zsk1" "ksk8 zsk8 ksk1 zsk1" "$T1"
version alg-5 2027010105 "ksk1 zsk1" "ksk1 zsk1" "$T1"

# TLSA 3 1 1 + 3 1 1 (RFC 7671 §8.1): cert1's key, both, cert2's key.
version tlsa-1 2027010101 "ksk1 zsk1" "ksk1 zsk1" "$T1"
version tlsa-2 2027010102 "ksk1 zsk1" "ksk1 zsk1" "$T1\\n$T2"
version tlsa-3 2027010103 "ksk1 zsk1" "ksk1 zsk1" "$T2"

# bind_version NAME SERIAL "PUBLISHED KEYS" "SIGNING KEYS": a version signed by
# dnssec-signzone with only the keys given (-x: KSKs sign the DNSKEY RRset, ZSKs the rest);
# with no signing keys, the version is left unsigned.
bind_version() {
    local name=$1 serial=$2 publish=$3 sign=$4
    local z=$OUT/$name.unsigned
    sed "s/SERIAL/$serial/" "$BASE" > "$z"
    for k in $publish; do grep -v '^;' "${KEY[$k]}.key" >> "$z"; done
    printf '%s\n' "$T1" >> "$z"
    if [ -z "$sign" ]; then
        cp "$z" "$OUT/$name.zone"
        return
    fi
    local signers=()
    for k in $sign; do signers+=("${KEY[$k]}"); done
    "${NONET[@]}" dnssec-signzone -q -K "$KEYS/empty" -d "$OUT" -x -o "$ORIGIN" -s "$INCEPTION" -e "$EXPIRATION" \
        -f "$OUT/$name.zone" "$z" "${signers[@]}" >/dev/null
}

# Signed by BIND (issue #15): the double-DS KSK roll (RFC 7583 §3.3.2: bind-2 under ds-ksk1,
# the parent adds ds(ksk2), bind-ksk2-4, the parent drops ds(ksk1)); the double-KSK roll
# (§3.3.1: bind-2, bind-both-3 with both KSKs signing the DNSKEY RRset, the parent swaps
# the DS, bind-ksk2-4); going secure (plain-1, bind-2, then the DS) and insecure (bind-2,
# the DS removed, then plain-3), RFC 6781 §4.1.4. The parent's empty DS RRset is `none`.
bind_version plain-1 2027010101 "" ""
bind_version bind-2 2027010102 "ksk1 zsk1" "ksk1 zsk1"
bind_version plain-3 2027010103 "" ""
bind_version bind-both-3 2027010103 "ksk1 ksk2 zsk1" "ksk1 ksk2 zsk1"
bind_version bind-ksk2-4 2027010104 "ksk2 zsk1" "ksk2 zsk1"
