#!/usr/bin/env bash
# Regenerate the broken examples of the DNSSEC rules, testdata/lint/ZW2xxx/*.zone: a small
# zone signed by dnssec-signzone (ldns-signzone for RSAMD5), then edited surgically so
# that each case shows one fault. Fresh keys on every run (in a temporary directory; only
# public keys reach testdata/), so the files change byte for byte but not in meaning.
# Regenerate the snapshots afterwards:
#   INSTA_UPDATE=always INSTA_FORCE_PASS=1 cargo test --test it lint_corpus::
# and read them. Signatures are valid 2026-01-01..2036-12-31 (the corpus's --now is
# 2026-11-25) unless a case says otherwise.
#
# Needs: bind9-utils, ldnsutils.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LINT=$ROOT/testdata/lint
ORIGIN=zw2.example.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/zonewarden-zw2.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
if unshare -n true 2>/dev/null; then NONET=(unshare -n); else NONET=(); fi

base() {
cat <<ZONE
\$ORIGIN zw2.example.
\$TTL 3600
@       SOA     ns1 hostmaster 2026010101 7200 3600 1209600 3600
        NS      ns1
ns1     A       192.0.2.1
        AAAA    2001:db8::1
www     A       192.0.2.80
        AAAA    2001:db8::80
mail    A       192.0.2.25
sub     NS      ns.sub
        DS      12345 13 2 0D1C9A4A42B3C2D59E5E7CE8A1F0A6A1A7B9F3C8D2E4F6A8B0C2D4E6F8A0B2C4
ns.sub  A       192.0.2.53
        AAAA    2001:db8::53
ins     NS      ns.ins
ns.ins  A       198.51.100.53
        AAAA    2001:db8:1::53
ZONE
}

# sign NAME ALGORITHM EXTRA-ZONE-TEXT [dnssec-signzone options...]: writes $WORK/NAME.signed
sign() {
    local name=$1 alg=$2 extra=$3
    shift 3
    local d=$WORK/$name bits=() window=(-s 20260101000000 -e 20361231000000)
    mkdir -p "$d"
    case $alg in RSA*) bits=(-b 2048) ;; esac
    case $name in
        rsa1024) bits=(-b 1024) ;;
    esac
    local ksk zsk
    ksk=$(dnssec-keygen -q -K "$d" -a "$alg" "${bits[@]}" -f KSK "$ORIGIN")
    zsk=$(dnssec-keygen -q -K "$d" -a "$alg" "${bits[@]}" "$ORIGIN")
    { base; printf '%s\n' "$extra"; cat "$d/$ksk.key" "$d/$zsk.key"; } > "$d/zone"
    for a in "$@"; do
        case $a in -s|-e) window=() ;; esac
    done
    "${NONET[@]}" dnssec-signzone -q -P -O full -K "$d" -d "$d" -o "$ORIGIN" \
        -f "$WORK/$name.signed" "${window[@]}" "$@" -k "$d/$ksk" "$d/zone" "$d/$zsk" >/dev/null
    echo "$ksk $zsk" > "$d/names"
}

# out CODE NAME COMMENT < zone text: one case, with a comment saying what is wrong.
out() {
    mkdir -p "$LINT/$1"
    { printf '; %s\n' "$3"; grep -v '^;' ; } > "$LINT/$1/$2.zone"
}

# Filters over one-record-per-line text: fields are owner, TTL, class, type, RDATA.
drop() { awk -v o="$1" -v t="$2" -v c="${3:-}" '!($1==o && $4==t && (c=="" || $5==c))'; }
edit() { awk -v o="$1" -v t="$2" -v c="$3" -v from="$4" -v to="$5" \
    '{ if ($1==o && $4==t && (c=="" || $5==c) && !done) { i=index($0, from); if (i) { $0=substr($0,1,i-1) to substr($0,i+length(from)); done=1 } } print }'; }
flip_sig() { awk -v o="$1" -v c="$2" \
    '{ if ($1==o && $4=="RRSIG" && $5==c && !done) { s=$NF; k=int(length(s)/2); ch=substr(s,k,1); r=(ch=="A")?"B":"A"; $NF=substr(s,1,k-1) r substr(s,k+1); done=1 } print }'; }

W=www.zw2.example.
A=zw2.example.

sign p256 ECDSAP256SHA256 ""
S=$WORK/p256.signed
read -r KSK ZSK < "$WORK/p256/names"
ksk_tag=${KSK##*+}; ksk_tag=$((10#${ksk_tag%%.*}))
zsk_tag=${ZSK##*+}; zsk_tag=$((10#${zsk_tag%%.*}))

edit $W A "" 192.0.2.80 192.0.2.81 < "$S" | out ZW2001 record_edited_after_signing "www A was changed after signing"
flip_sig $W AAAA < "$S" | out ZW2001 signature_damaged "one character of the RRSIG AAAA at www is changed"
# The zone key replaced by one that made none of the signatures.
sign other ECDSAP256SHA256 ""
awk -v zt="$zsk_tag" -v k="$(awk '$4=="DNSKEY" && $5=="256" {print}' "$WORK/other.signed" | head -1)" \
    '{ if ($4=="DNSKEY" && $5=="256") print k; else print }' "$S" | out ZW2003 zone_key_replaced "the ZSK was replaced by a key that signed nothing"
sign expired ECDSAP256SHA256 "" -s 20250101000000 -e 20260101000000
out ZW2004 signed_last_year "every signature expired on 2026-01-01" < "$WORK/expired.signed"
sign future ECDSAP256SHA256 "" -s 20300101000000 -e 20350101000000
out ZW2005 signed_for_2030 "every signature becomes valid on 2030-01-01" < "$WORK/future.signed"
sign expiring ECDSAP256SHA256 "" -s 20261101000000 -e 20261128000000
out ZW2006 expires_in_three_days "signatures expire on 2026-11-28, within the SOA expire timer (14 days)" < "$WORK/expiring.signed"
awk -v o=$W '{ if ($1==o && $4=="RRSIG" && $5=="A" && !done) { t=$9; $9=$10; $10=t; done=1 } print }' "$S" \
    | out ZW2007 inception_after_expiration "inception and expiration of the RRSIG A at www are swapped"
edit mail.zw2.example. RRSIG A " zw2.example. " " example. " < "$S" | out ZW2008 signer_is_parent "the RRSIG A at mail names example. as its signer"
awk -v o=$W '{ if ($1==o && $4=="RRSIG" && $5=="A" && !done) { $7=2; done=1 } print }' "$S" \
    | out ZW2009 labels_too_few "the RRSIG A at www has labels 2, www.zw2.example. has 3"
awk -v o=mail.zw2.example. '{ if ($1==o && $4=="A") $2=300; print }' "$S" \
    | out ZW2010 ttl_lowered_after_signing "mail A was given TTL 300 after it was signed with 3600"
awk -v o=mail.zw2.example. '{ if ($1==o && $4=="RRSIG" && $5=="A") $2=86400; print }' "$S" \
    | out ZW2011 rrsig_ttl_raised "the RRSIG A at mail has TTL 86400, its RRset 3600"
drop $W AAAA < "$S" | out ZW2012 record_removed_signature_left "www AAAA was removed, its signature and NSEC bitmap were not"
drop $W RRSIG AAAA < "$S" | out ZW2013 signature_removed "the RRSIG AAAA at www was removed"
# Four copies of the RRSIG A at mail with other expirations: five signatures by one key.
awk -v o=mail.zw2.example. '{ print; if ($1==o && $4=="RRSIG" && $5=="A") for (k = 1; k <= 4; k++) { l = $0; sub(/ 20361231000000 /, " 2036110" k "000000 ", l); print l } }' "$S" \
    | out ZW2015 five_signatures_one_key "four more RRSIGs by the ZSK over mail's A RRset besides the one the signer made"
{ cat "$S"; awk -v a=$A '$1==a && $4=="RRSIG" && $5=="NS" { $1="sub.zw2.example."; print }' "$S"; } \
    | out ZW2014 delegation_ns_signed "a signature over NS was copied to the delegation sub"
drop $A DNSKEY < "$S" | out ZW2100 keys_removed "the DNSKEY RRset was removed from a signed zone"
awk -v a=$A -v t="$ksk_tag" '!($1==a && $4=="RRSIG" && $5=="DNSKEY" && $11==t)' "$S" \
    | out ZW2101 dnskey_signed_by_zsk_only "the KSK's signature over the DNSKEY RRset was removed"
# --ds cases: the parent's DS records beside the zone (.ds), as `verify --ds` reads them.
cp "$S" "$WORK/ds.signed"
out ZW2102 ds_for_missing_key "the parent's DS (.ds beside this file) names a key the zone does not have" < "$S"
dnssec-dsfromkey -a SHA-256 -f "$WORK/other.signed" "$ORIGIN" > "$LINT/ZW2102/ds_for_missing_key.ds"
out ZW2103 ds_digest_wrong "the parent's DS has the KSK's tag but a wrong digest" < "$S"
dnssec-dsfromkey -a SHA-256 -f "$S" "$ORIGIN" | sed -E 's/ [0-9A-F]{64}$/ 0000000000000000000000000000000000000000000000000000000000000000/' \
    > "$LINT/ZW2103/ds_digest_wrong.ds"
# The parent's DS names the ZSK, which signs everything but the DNSKEY RRset (-x).
sign kskonly ECDSAP256SHA256 "" -x
read -r K2 Z2 < "$WORK/kskonly/names"
out ZW2104 ds_names_the_zsk "the parent's DS names the ZSK; only the KSK signs the DNSKEY RRset" < "$WORK/kskonly.signed"
dnssec-dsfromkey -a SHA-256 "$WORK/kskonly/$Z2.key" > "$LINT/ZW2104/ds_names_the_zsk.ds"
sign cds ECDSAP256SHA256 "@ CDS 11111 13 2 0D1C9A4A42B3C2D59E5E7CE8A1F0A6A1A7B9F3C8D2E4F6A8B0C2D4E6F8A0B2C4"
out ZW2105 cds_for_missing_key "the CDS names no key of the zone" < "$WORK/cds.signed"
sign cdsdel ECDSAP256SHA256 "@ CDS 0 0 0 00
@ CDS 11111 13 2 0D1C9A4A42B3C2D59E5E7CE8A1F0A6A1A7B9F3C8D2E4F6A8B0C2D4E6F8A0B2C4"
out ZW2106 delete_mixed_with_keys "a CDS delete request next to a CDS for a key" < "$WORK/cdsdel.signed"
# A second key with the ZSK's tag: two key octets at even offsets swapped keep the sum.
# A second key with the ZSK's key tag: two key octets at even offsets swapped keep the
# tag's sum. dnssec-signzone refuses a zone whose DNSKEYs do not match its private keys, so
# ldns-signzone signs this one.
mkdir -p "$WORK/twin"
zt=$(cd "$WORK/twin" && ldns-keygen -a ECDSAP256SHA256 "$ORIGIN")
kt=$(cd "$WORK/twin" && ldns-keygen -a ECDSAP256SHA256 -k "$ORIGIN")
{ base; python3 - "$(cat "$WORK/twin/$zt.key")" <<'PY'
import base64, sys
w = sys.argv[1].split()
k = bytearray(base64.b64decode("".join(w[w.index("DNSKEY") + 4:])))
for i in range(0, len(k) - 2, 2):
    if k[i] != k[i + 2]:
        k[i], k[i + 2] = k[i + 2], k[i]
        break
print("@ DNSKEY 256 3 13 " + base64.b64encode(bytes(k)).decode())
PY
cat "$WORK/twin/$zt.key" "$WORK/twin/$kt.key"; } > "$WORK/twin/zone"
"${NONET[@]}" ldns-signzone -i 20260101000000 -e 20361231000000 -o "$ORIGIN" -f "$WORK/twin.signed" \
    "$WORK/twin/zone" "$WORK/twin/$kt" "$WORK/twin/$zt"
out ZW2107 two_keys_one_tag "a second DNSKEY with the ZSK's key tag" < "$WORK/twin.signed"
rev=$(awk '$4=="DNSKEY" && $5=="257"' "$WORK/other.signed" | head -1 | awk '{ $5=385; $1="@"; $2=""; $3=""; print }')
sign revoked ECDSAP256SHA256 "$rev"
out ZW2108 revoked_ksk_published "a revoked KSK (flags 385) is published" < "$WORK/revoked.signed"
sign rsa1024 RSASHA256 ""
out ZW2109 rsa_1024 "signed with 1024-bit RSA keys" < "$WORK/rsa1024.signed"
mkdir -p "$WORK/badkey"
zb=$(cd "$WORK/badkey" && ldns-keygen -a ECDSAP256SHA256 "$ORIGIN")
kb=$(cd "$WORK/badkey" && ldns-keygen -a ECDSAP256SHA256 -k "$ORIGIN")
{ base; cat "$WORK/badkey/$zb.key" "$WORK/badkey/$kb.key"; echo "@ DNSKEY 256 2 13 AAAA"; } > "$WORK/badkey/zone"
"${NONET[@]}" ldns-signzone -i 20260101000000 -e 20361231000000 -o "$ORIGIN" -f "$WORK/badkey.signed" \
    "$WORK/badkey/zone" "$WORK/badkey/$kb" "$WORK/badkey/$zb"
out ZW2110 protocol_2_short_key "a DNSKEY with protocol 2 and a 3-octet ECDSA key" < "$WORK/badkey.signed"
{ cat "$S"; echo "new.zw2.example. 3600 IN A 192.0.2.99"; } | out ZW2201 name_added_after_signing "new A was added after signing"
awk '{ if ($1=="mail.zw2.example." && $4=="NSEC") $5="sub.zw2.example."; print }' "$S" \
    | out ZW2202 nsec_skips_a_name "the NSEC at mail points past ns1 to sub"
edit $W NSEC "" " AAAA" "" < "$S" | out ZW2203 nsec_bitmap_lacks_aaaa "AAAA was removed from the NSEC bitmap at www"
awk '!($4=="NSEC" || ($4=="RRSIG" && $5=="NSEC"))' "$S" | out ZW2204 nsec_chain_removed "every NSEC record was removed"
{ cat "$S"; echo "zw2.example. 0 IN NSEC3PARAM 1 0 0 -"; } | out ZW2205 nsec3param_in_nsec_zone "an NSEC3PARAM was added to an NSEC-signed zone"

sign n3 ECDSAP256SHA256 "" -3 - -H 0
N=$WORK/n3.signed
# The NSEC3 owner of a name, as dnssec-signzone writes it (upper case).
hash_of() { ldns-nsec3-hash -t 0 "$1" | tr 'a-z' 'A-Z' | sed 's/\.$//'; }
hw=$(hash_of $W).zw2.example.
drop "$hw" NSEC3 < "$N" | drop "$hw" RRSIG NSEC3 | out ZW2301 nsec3_removed "the NSEC3 for www (and its signature) was removed"
hw_next=$(awk -v o="$hw" '$1==o && $4=="NSEC3" { print $9 }' "$N")
edit "$hw" NSEC3 "" "$hw_next" "00000000000000000000000000000000" < "$N" | out ZW2302 nsec3_next_hash_wrong "the NSEC3 for www points to a hash that is not in the zone"
edit "$hw" NSEC3 "" " AAAA" "" < "$N" | out ZW2303 nsec3_bitmap_lacks_aaaa "AAAA was removed from the NSEC3 bitmap of www"
edit $A NSEC3PARAM "" "1 0 0 -" "1 0 0 AABB" < "$N" | out ZW2304 nsec3param_salt_differs "NSEC3PARAM names a salt the NSEC3 records do not use"
sign optout ECDSAP256SHA256 "" -3 - -H 0 -A
hi=$(hash_of ins.zw2.example.)
# The NSEC3 whose span covers ins: the one before it in hash order, with opt-out cleared.
cover=$(awk '$4=="NSEC3" { print $1 }' "$WORK/optout.signed" | sed 's/\..*//' | LC_ALL=C sort | awk -v h="$hi" '$1 < h { c=$1 } END { print c }')
[ -n "$cover" ] || cover=$(awk '$4=="NSEC3" { print $1 }' "$WORK/optout.signed" | sed 's/\..*//' | LC_ALL=C sort | tail -1)
edit "$cover.zw2.example." NSEC3 "" "1 1 0 -" "1 0 0 -" < "$WORK/optout.signed" \
    | out ZW2305 opt_out_flag_cleared "the opt-out flag of the NSEC3 covering the insecure delegation ins was cleared"
sign iter ECDSAP256SHA256 "" -3 - -H 5
out ZW2306 five_iterations "NSEC3 with 5 additional iterations" < "$WORK/iter.signed"
sign salt ECDSAP256SHA256 "" -3 a1b2c3d4 -H 0
out ZW2307 salted "NSEC3 with a 4-octet salt" < "$WORK/salt.signed"
# RSAMD5: only ldns still makes and signs with it.
mkdir -p "$WORK/md5"
{ base; } > "$WORK/md5/zone"
k1=$(cd "$WORK/md5" && ldns-keygen -a RSAMD5 -b 2048 -k "$ORIGIN")
k2=$(cd "$WORK/md5" && ldns-keygen -a RSAMD5 -b 2048 "$ORIGIN")
"${NONET[@]}" ldns-signzone -i 20260101000000 -e 20361231000000 -o "$ORIGIN" -f "$WORK/md5.signed" \
    "$WORK/md5/zone" "$WORK/md5/$k1" "$WORK/md5/$k2"
out ZW2401 rsamd5 "signed with RSAMD5" < "$WORK/md5.signed"
sign sha1 RSASHA1 ""
out ZW2402 rsasha1 "signed with RSASHA1" < "$WORK/sha1.signed"
sign sha1ds ECDSAP256SHA256 "" 
awk '{ if ($1=="sub.zw2.example." && $4=="DS") { $7=1; $8="0D1C9A4A42B3C2D59E5E7CE8A1F0A6A1A7B9F3C8"; $9="" } print }' "$WORK/sha1ds.signed" \
    | out ZW2403 sha1_ds_at_delegation "the DS at sub has a SHA-1 digest (changed after signing, so its signature fails too)"
sign ed448 ED448 ""
out ZW2002 ed448 "signed with ED448, which zonewarden cannot verify" < "$WORK/ed448.signed"
echo "wrote $(ls "$LINT"/ZW2*/*.zone | wc -l) cases" >&2
