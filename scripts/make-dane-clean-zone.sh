#!/usr/bin/env bash
# Makes testdata/lint/clean/dane_mail_signed.zone: a mail domain with DANE done right (current
# key, staged next key and issuing CA published; every MX host covered) and every mail-policy
# record, signed with dnssec-signzone so that its TLSA records are usable (RFC 7672 §2.2).
# The TLSA records are those of testdata/tlsa/ (scripts/make-tlsa-testdata.sh); the signatures
# run from 2026 to 2036, around the lint corpus's fixed --now.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/tlsa-records.sh
. scripts/lib/tlsa-records.sh
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$d/dkim.key" 2>/dev/null
dkim=$(openssl pkey -in "$d/dkim.key" -pubout -outform DER | base64 -w0)
cat > "$d/zone" <<Z
; dane-mail.example: DANE for both MX hosts with room to roll the key (RFC 7671 §8), SPF,
; DMARC, DKIM (RSA 2048 and Ed25519), MTA-STS, TLS-RPT, CAA and a null MX, signed.
\$ORIGIN dane-mail.example.
\$TTL 3600
@                SOA   ns1 hostmaster 2026112501 7200 3600 1209600 3600
                 NS    ns1
                 NS    ns2.dns-provider.example.
                 MX    10 mx1
                 MX    20 mx2
                 TXT   "v=spf1 mx ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.dane-mail.example -all"
                 CAA   0 issue "ca.example.net; accounturi=https://ca.example.net/acct/42"
                 CAA   0 issuewild ";"
                 CAA   0 iodef "mailto:security@dane-mail.example"
ns1              A     192.0.2.53
                 AAAA  2001:db8::53
mx1              A     192.0.2.25
                 AAAA  2001:db8::25
mx2              A     192.0.2.26
                 AAAA  2001:db8::26
mta-sts          A     192.0.2.80
                 AAAA  2001:db8::80
_25._tcp.mx1     TLSA  $cur
                 TLSA  $next
                 TLSA  $ca
_25._tcp.mx2     CNAME _25._tcp.mx1
_spf             TXT   "v=spf1 ip4:198.51.100.0/24 -all"
_dmarc           TXT   "v=DMARC1; p=reject; sp=reject; adkim=s; aspf=s; pct=100; fo=1; rua=mailto:dmarc@dane-mail.example!10m; ruf=mailto:dmarc-forensic@dane-mail.example"
_mta-sts         TXT   "v=STSv1; id=20261125T0000"
_smtp._tls       TXT   "v=TLSRPTv1; rua=mailto:tls-reports@dane-mail.example,https://reports.dane-mail.example/tlsrpt"
s2026._domainkey TXT   ( "v=DKIM1; k=rsa; h=sha256; " "p=${dkim:0:200}" "${dkim:200}" )
e2026._domainkey TXT   "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
nomail           MX    0 .
                 TXT   "v=spf1 -all"
Z
dnssec-keygen -q -K "$d" -a ECDSAP256SHA256 -f KSK dane-mail.example >/dev/null
dnssec-keygen -q -K "$d" -a ECDSAP256SHA256 dane-mail.example >/dev/null
dnssec-signzone -q -S -K "$d" -d "$d" -O full -s 20260101000000 -e 20360101000000 \
    -o dane-mail.example -f testdata/lint/clean/dane_mail_signed.zone "$d/zone"
printf 'testdata/tlsa/fullchain.pem\ntestdata/tlsa/next.key\n' > testdata/lint/clean/dane_mail_signed.certs
