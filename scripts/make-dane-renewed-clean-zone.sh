#!/usr/bin/env bash
# Makes testdata/lint/clean/dane_renewed_published.zone: example.com after its mail
# certificate (testdata/tlsa/fullchain.pem, scripts/make-tlsa-testdata.sh) was renewed with a
# new key and the record for that key published, with the staged next key and the issuing CA
# beside it; `mx` shares the records of `mail` by a CNAME (RFC 7671 §7). The certificate
# names both hosts, so ZW3011 judges both. Signed with dnssec-signzone so that the TLSA
# records are usable (RFC 7672 §2.2); the signatures run from 2026 to 2036, around the lint
# corpus's fixed --now.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/tlsa-records.sh
. scripts/lib/tlsa-records.sh
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cat > "$d/zone" <<Z
; example.com: the renewed certificate's key, the staged next key and the issuing CA
; published for both mail hosts (RFC 7671 §8.1), signed.
\$ORIGIN example.com.
\$TTL 3600
@                SOA   ns1 hostmaster 2026112502 7200 3600 1209600 3600
                 NS    ns1
                 NS    ns2.dns-provider.example.
                 MX    10 mail
                 MX    20 mx
ns1              A     192.0.2.53
                 AAAA  2001:db8::53
mail             A     192.0.2.25
                 AAAA  2001:db8::25
mx               A     192.0.2.26
                 AAAA  2001:db8::26
_25._tcp.mail    TLSA  $cur
                 TLSA  $next
                 TLSA  $ca
_25._tcp.mx      CNAME _25._tcp.mail
Z
dnssec-keygen -q -K "$d" -a ECDSAP256SHA256 -f KSK example.com >/dev/null
dnssec-keygen -q -K "$d" -a ECDSAP256SHA256 example.com >/dev/null
dnssec-signzone -q -S -K "$d" -d "$d" -O full -s 20260101000000 -e 20360101000000 \
    -o example.com -f testdata/lint/clean/dane_renewed_published.zone "$d/zone"
printf 'testdata/tlsa/fullchain.pem\ntestdata/tlsa/next.key\n' > testdata/lint/clean/dane_renewed_published.certs
