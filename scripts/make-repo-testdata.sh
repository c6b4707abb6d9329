#!/usr/bin/env bash
# Debian 12 packages this needs (as root):
#   apt-get update && apt-get install -y --no-install-recommends bind9-utils
#
# make-repo-testdata.sh: writes testdata/repo/, the zone repository that tests/it/repo.rs
# lints whole with `zonewarden lint .` to show the cross-zone rules (ZW60xx).
#
#   scripts/make-repo-testdata.sh
#
# Two repositories of the same zones: good/, where every cross-zone rule holds, and
# broken/, where each is broken once (the comments in the zones say where). Each holds a
# parent (corp.example.), two children it delegates (shop., unsigned, with glue;
# secure., signed by dnssec-signzone here, its DS in the parent and its CDS at its apex,
# its unsigned source beside it), a
# forward zone (example.net., the mail and name server hosts) and its reverse zones: IPv4
# 2.0.192.in-addr.arpa., which delegates 192.0.2.64/26 to the RFC 2317 classless zone
# 64/26.2.0.192.in-addr.arpa. with a CNAME for each address, and IPv6
# 8.b.d.0.1.0.0.2.ip6.arpa.
#
# The keys are made afresh on each run (so the signed zones and the DS in the parents
# change); signatures are valid from 2026-11-01 to 2027-01-01, and the test lints with
# --now 2026-12-01.

set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/testdata/repo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for t in dnssec-keygen dnssec-signzone dnssec-dsfromkey; do
    command -v "$t" >/dev/null || { echo "make-repo-testdata: $t not found (Debian package bind9-utils)" >&2; exit 1; }
done

soa() { # ORIGIN-relative contact
    echo "@  3600  IN SOA  ns1.example.net. hostmaster.example.net. 2026120101 7200 3600 1209600 3600"
}

# --- keys for secure.corp.example.: a KSK and a ZSK of algorithm 13; for broken/, also a
# KSK of algorithm 8 that is published and never signs ----------------------------------
child=secure.corp.example.
mkdir -p "$work/keys" "$work/unused"
ksk="$(dnssec-keygen -q -K "$work/keys" -a ECDSAP256SHA256 -f KSK "$child")"
zsk="$(dnssec-keygen -q -K "$work/keys" -a ECDSAP256SHA256 "$child")"
rsa="$(dnssec-keygen -q -K "$work/unused" -a RSASHA256 -b 2048 -f KSK "$child")"
ds_of() { # KEYFILE DIGEST -> the DS RDATA
    dnssec-dsfromkey -a "$2" "$1.key" | awk '{for (i = 1; i <= NF; i++) if ($i == "DS") break; for (j = i + 1; j <= NF; j++) printf "%s%s", $j, (j < NF ? " " : "\n")}'
}
ksk_ds="$(ds_of "$work/keys/$ksk" SHA-256)"
ksk_ds384="$(ds_of "$work/keys/$ksk" SHA-384)"
zsk_ds="$(ds_of "$work/keys/$zsk" SHA-256)"
rsa_ds="$(ds_of "$work/unused/$rsa" SHA-256)"
rsa_key="$(grep -v '^;' "$work/unused/$rsa.key" | awk '{for (i = 1; i <= NF; i++) if ($i == "DNSKEY") break; for (j = i + 1; j <= NF; j++) printf "%s%s", $j, (j < NF ? " " : "\n")}')"

write_repo() { # good|broken
    local kind="$1" d="$out/$1"
    local b=0
    [ "$kind" = broken ] && b=1
    rm -rf "$d"
    mkdir -p "$d/forward" "$d/reverse" "$d/corp"

    # The parent. broken: the delegation of shop. lacks ns2.example.net. (ZW6001), its glue
    # is not the child's address (ZW6002); secure. names ns3.example.net., which the child
    # does not list (ZW6003), and legacy. a server without an address (ZW6003); the DS set
    # holds the ZSK's DS (ZW6004) and the DS of a key of algorithm 8 (ZW6005).
    {
        echo "\$ORIGIN corp.example."
        echo "\$TTL 3600"
        soa
        echo "@         IN NS    ns1.example.net."
        echo "@         IN NS    ns2.example.net."
        echo "@         IN MX    10 mail.example.net."
        echo "@         IN TXT   \"v=spf1 mx -all\""
        echo "_dmarc    IN TXT   \"v=DMARC1; p=reject\""
        echo "www       IN A     192.0.2.180"
        echo "www       IN AAAA  2001:db8::80"
        echo "; shop.: unsigned, served by its own ns1 (glue) and ns1.example.net."
        echo "shop      IN NS    ns1.shop"
        echo "shop      IN NS    ns1.example.net."
        [ $b = 1 ] || echo "shop      IN NS    ns2.example.net."
        echo "ns1.shop  IN A     192.0.2.53"
        echo "ns1.shop  IN AAAA  2001:db8::53"
        echo "; secure.: signed"
        echo "secure    IN NS    ns1.example.net."
        echo "secure    IN NS    ns2.example.net."
        [ $b = 0 ] || echo "secure    IN NS    ns3.example.net.    ; broken: not in the child's NS RRset"
        echo "secure    IN DS    $ksk_ds"
        [ $b = 0 ] || echo "secure    IN DS    $zsk_ds    ; broken: the ZSK, no SEP bit"
        [ $b = 0 ] || echo "secure    IN DS    $rsa_ds    ; broken: algorithm 8 signs nothing"
        echo "; legacy.: not in this repository"
        if [ $b = 1 ]; then
            echo "legacy    IN NS    ns9.example.net.    ; broken: example.net. has no ns9"
        else
            echo "legacy    IN NS    ns1.example.net."
        fi
    } > "$d/corp/corp.example.zone"

    # shop.: broken lists ns2.example.net. (missing from the delegation) and gives ns1 another
    # address than the glue.
    {
        echo "\$ORIGIN shop.corp.example."
        echo "\$TTL 3600"
        soa
        echo "@         IN NS    ns1"
        echo "@         IN NS    ns1.example.net."
        echo "@         IN NS    ns2.example.net."
        if [ $b = 1 ]; then
            echo "ns1       IN A     192.0.2.54    ; broken: the parent's glue says 192.0.2.53"
        else
            echo "ns1       IN A     192.0.2.53"
        fi
        echo "ns1       IN AAAA  2001:db8::53"
        echo "www       IN CNAME www.corp.example."
    } > "$d/corp/shop.corp.example.zone"

    # secure.: signed; its CDS names the parent's DS (broken: a SHA-384 DS instead, ZW6006).
    {
        echo "\$ORIGIN secure.corp.example."
        echo "\$TTL 3600"
        soa
        echo "@         IN NS    ns1.example.net."
        echo "@         IN NS    ns2.example.net."
        echo "www       IN A     192.0.2.81"
        echo "www       IN AAAA  2001:db8::81"
        if [ $b = 1 ]; then
            echo "@         IN CDS   $ksk_ds384"
            echo "@         IN DNSKEY $rsa_key"
        else
            echo "@         IN CDS   $ksk_ds"
        fi
        cat "$work/keys/$ksk.key" "$work/keys/$zsk.key" | grep -v '^;'
    } > "$work/secure.zone"
    dnssec-signzone -q -P -d "$work" -K "$work/keys" -o "$child" -s 20261101000000 -e 20270101000000 \
        -f "$work/secure.signed" "$work/secure.zone" "$work/keys/$ksk" "$work/keys/$zsk" >/dev/null
    { echo "; made by scripts/make-repo-testdata.sh (dnssec-signzone); do not edit"; cat "$work/secure.signed"; } \
        > "$d/corp/secure.corp.example.signed"
    # Its unsigned source beside it, as dnssec-signzone leaves it: of two zones of one origin,
    # the cross-zone checks pair the signed one.
    { echo "; the unsigned source of secure.corp.example.signed, beside it as dnssec-signzone leaves"
      echo "; it: the cross-zone checks pair the signed zone (made by scripts/make-repo-testdata.sh)"
      cat "$work/secure.zone"; } > "$d/corp/secure.corp.example.zone"

    # broken: legacy.corp.example. twice, an old copy kept in old/: which one answers is not
    # known, so the run pairs neither with its parent (ZW6009).
    if [ $b = 1 ]; then
        mkdir -p "$d/corp/old"
        local serial copy
        for copy in "2026120101:$d/corp/legacy.corp.example.zone" \
                    "2026110101:$d/corp/old/legacy.corp.example.zone"; do
            serial="${copy%%:*}"
            {
                echo "\$ORIGIN legacy.corp.example."
                echo "\$TTL 3600"
                soa | sed "s/2026120101/$serial/"
                echo "@         IN NS    ns1.example.net."
                echo "@         IN NS    ns2.example.net."
                echo "www       IN A     192.0.2.90"
                echo "www       IN AAAA  2001:db8::90"
            } > "${copy#*:}"
        done
    fi

    # The forward zone: mail and name server hosts.
    {
        echo "\$ORIGIN example.net."
        echo "\$TTL 3600"
        soa
        echo "@         IN NS    ns1"
        echo "@         IN NS    ns2"
        echo "@         IN MX    10 mail"
        echo "@         IN MX    20 mx2"
        echo "@         IN TXT   \"v=spf1 mx -all\""
        echo "_dmarc    IN TXT   \"v=DMARC1; p=reject\""
        echo "ns1       IN A     192.0.2.1"
        echo "ns1       IN AAAA  2001:db8::1"
        echo "ns2       IN A     192.0.2.2"
        echo "ns2       IN AAAA  2001:db8::2"
        echo "mail      IN A     192.0.2.25"
        echo "mail      IN AAAA  2001:db8::25"
        if [ $b = 1 ]; then
            echo "mx2       IN A     192.0.2.71    ; broken: no PTR in the classless zone"
        else
            echo "mx2       IN A     192.0.2.70"
        fi
        echo "mx2       IN AAAA  2001:db8::70"
        echo "www       IN A     192.0.2.180"
        echo "www       IN AAAA  2001:db8::80"
    } > "$d/forward/example.net.zone"

    # IPv4 reverse, with 192.0.2.64/26 delegated the RFC 2317 way. broken: a PTR whose target
    # does not have the address (ZW6008).
    {
        echo "\$ORIGIN 2.0.192.in-addr.arpa."
        echo "\$TTL 3600"
        soa
        echo "@         IN NS    ns1.example.net."
        echo "@         IN NS    ns2.example.net."
        echo "1         IN PTR   ns1.example.net."
        echo "2         IN PTR   ns2.example.net."
        echo "25        IN PTR   mail.example.net."
        echo "53        IN PTR   ns1.shop.corp.example."
        echo "180       IN PTR   www.example.net."
        [ $b = 0 ] || echo "199       IN PTR   www.example.net.    ; broken: www has 192.0.2.180"
        echo "; RFC 2317: 192.0.2.64/26 is served by the classless zone"
        echo "64/26     IN NS    ns1.example.net."
        echo "64/26     IN NS    ns2.example.net."
        echo "\$GENERATE 64-127 \$ IN CNAME \$.64/26"
    } > "$d/reverse/2.0.192.in-addr.arpa.zone"
    {
        echo "\$ORIGIN 64/26.2.0.192.in-addr.arpa."
        echo "\$TTL 3600"
        soa
        echo "@         IN NS    ns1.example.net."
        echo "@         IN NS    ns2.example.net."
        echo "70        IN PTR   mx2.example.net."
    } > "$d/reverse/64-26.2.0.192.in-addr.arpa.zone"
    {
        echo "\$ORIGIN 8.b.d.0.1.0.0.2.ip6.arpa."
        echo "\$TTL 3600"
        soa
        echo "@         IN NS    ns1.example.net."
        echo "@         IN NS    ns2.example.net."
        local host
        for host in 1:ns1.example.net. 2:ns2.example.net. 25:mail.example.net. \
                    53:ns1.shop.corp.example. 70:mx2.example.net. 80:www.example.net.; do
            local n="${host%%:*}" target="${host#*:}"
            # The low nibbles of 2001:db8::N, then the zeros up to the zone's origin.
            local nib
            nib="$(printf '%04x' "0x$n" | rev | sed 's/./&./g')"
            printf '%s0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 IN PTR %s\n' "$nib" "$target"
        done
    } > "$d/reverse/8.b.d.0.1.0.0.2.ip6.arpa.zone"
}

write_repo good
write_repo broken
echo "make-repo-testdata: wrote $out/good and $out/broken" >&2
