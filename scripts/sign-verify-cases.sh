#!/usr/bin/env bash
# Sign testdata/verify/base.example.zone with every signer and algorithm the differential
# verification tests (tests/verify.rs) compare against:
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

if unshare -n true 2>/dev/null; then NONET=(unshare -n); else NONET=(); fi

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
    local d=$KEYS/$name bits=() window=(-s "$INCEPTION" -e "$EXPIRATION")
    mkdir -p "$d"
    case $alg in RSA*) bits=(-b 2048) ;; esac
    case $name in
        *-expired) window=(-s 20200101000000 -e 20210101000000) ;;
        *-future) window=(-s 20300101000000 -e 20350101000000) ;;
    esac
    local ksk zsk
    ksk=$(dnssec-keygen -q -K "$d" -a "$alg" "${bits[@]}" -f KSK "$ORIGIN")
    zsk=$(dnssec-keygen -q -K "$d" -a "$alg" "${bits[@]}" "$ORIGIN")
    cp "$SRC" "$d/zone"
    cat "$d/$ksk.key" "$d/$zsk.key" >> "$d/zone"
    # -P: the expired and future zones would fail dnssec-signzone's own check.
    "${NONET[@]}" dnssec-signzone -q -P -O full -K "$d" -d "$d" -o "$ORIGIN" \
        -f "$OUT/$name.signed" "${window[@]}" "$@" -k "$d/$ksk" "$d/zone" "$d/$zsk" >/dev/null
    ds_files "$OUT/$name.signed"
}

# ldns_sign CASE ALGORITHM [ldns-signzone options...]
ldns_sign() {
    local name=$1 alg=$2
    shift 2
    local d=$KEYS/$name bits=()
    mkdir -p "$d"
    case $alg in RSA*) bits=(-b 2048) ;; esac
    local ksk zsk
    ksk=$(cd "$d" && ldns-keygen -a "$alg" "${bits[@]}" -k "$ORIGIN")
    zsk=$(cd "$d" && ldns-keygen -a "$alg" "${bits[@]}" "$ORIGIN")
    "${NONET[@]}" ldns-signzone -i "$INCEPTION" -e "$EXPIRATION" -o "$ORIGIN" \
        -f "$OUT/$name.signed" "$@" "$KEYS/base.zone" "$d/$ksk" "$d/$zsk"
    ds_files "$OUT/$name.signed"
}

# knot_sign CASE ALGORITHM NSEC3(on|off) OPTOUT(on|off)
# kzonesign signs at "now" (-t): inception = now - 90 minutes, expiration = now +
# rrsig-lifetime; pretend now is INCEPTION + 90 minutes.
knot_sign() {
    local name=$1 alg=$2 nsec3=$3 optout=$4
    local d=$KEYS/$name
    mkdir -p "$d/zones" "$d/kasp" "$d/out"
    cp "$KEYS/base.zone" "$d/zones/base.example.zone"
    local now lifetime
    now=$(( $(date -u -d "${INCEPTION:0:8} ${INCEPTION:8:2}:${INCEPTION:10:2}:${INCEPTION:12:2}" +%s) + 5400 ))
    lifetime=$(( $(date -u -d "${EXPIRATION:0:8} ${EXPIRATION:8:2}:${EXPIRATION:10:2}:${EXPIRATION:12:2}" +%s) - now ))
    cat > "$d/knot.conf" <<CONF
server:
    rundir: $d
database:
    storage: $d
    kasp-db: $d/kasp
log:
  - target: stderr
    any: warning
policy:
  - id: cases
    algorithm: $alg
    ksk-lifetime: 0
    zsk-lifetime: 0
    rrsig-lifetime: $lifetime
    rrsig-refresh: 1d
    rrsig-pre-refresh: 1h
    nsec3: $nsec3
    nsec3-iterations: 0
    nsec3-salt-length: 0
    nsec3-opt-out: $optout
    manual: off
zone:
  - domain: $ORIGIN
    file: $d/zones/%s.zone
    dnssec-signing: on
    dnssec-policy: cases
    zonefile-load: whole
    journal-content: none
CONF
    "${NONET[@]}" kzonesign -c "$d/knot.conf" -o "$d/out" -t "$now" "$ORIGIN" \
        >/dev/null 2>"$d/kzonesign.log" || { cat "$d/kzonesign.log" >&2; return 1; }
    cp "$d/out/base.example.zone" "$OUT/$name.signed"
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
