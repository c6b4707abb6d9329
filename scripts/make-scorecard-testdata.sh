#!/usr/bin/env bash
# Makes testdata/scorecard/: a repository of mail domains for `zonewarden scorecard`
# (tests/it/scorecard.rs). pass.example passes every column; each other mail domain fails
# one standard in its own way (its zone's comment says which), and nomail.example declares
# that it sends no mail. plainhost.example is no mail domain: it holds the MX host of
# mxunsigned.example, unsigned. The signed zones are signed with dnssec-signzone (signatures
# from 2026 to 2036, around the tests' fixed --now) and their DS records collected in
# parent.ds, as a parent's zone would hold them. The TLSA records are those of
# testdata/tlsa/ (scripts/make-tlsa-testdata.sh): tests pass --cert fullchain.pem and
# --cert next.key.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/tlsa-records.sh
. scripts/lib/tlsa-records.sh
out=testdata/scorecard
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
rm -f "$out"/*.zone "$out"/parent.ds
mkdir -p "$out"

# The head of a zone: SOA and the name servers (in pass.example, which has their AAAA).
head() {
    cat <<Z
\$ORIGIN $1.
\$TTL 3600
@                SOA   ns1.pass.example. hostmaster 2026112501 7200 3600 1209600 3600
                 NS    ns1.pass.example.
                 NS    ns2.pass.example.
Z
}

# The mail policy records every passing domain has; $1 the SPF, $2 the DMARC record.
policy() {
    cat <<Z
@                TXT   "$1"
                 CAA   0 issue "ca.example.net"
_dmarc           TXT   "$2"
_mta-sts         TXT   "v=STSv1; id=20261125"
_smtp._tls       TXT   "v=TLSRPTv1; rua=mailto:tls-reports@pass.example"
s1._domainkey    TXT   "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
Z
}

# One mail host in the zone: A, AAAA, and the TLSA records given.
host() {
    local h=$1
    shift
    printf '%-16s A     192.0.2.25\n%-16s AAAA  2001:db8::25\n' "$h" ""
    for t in "$@"; do
        printf '%-16s TLSA  %s\n' "_25._tcp.$h" "$t"
    done
}

spf="v=spf1 mx -all"
dmarc="v=DMARC1; p=reject; rua=mailto:dmarc@pass.example"

{
    echo "; pass.example: passes every column (signed, DANE with room to roll on both MX hosts,"
    echo "; SPF -all, DMARC p=reject, DKIM, MTA-STS, TLS-RPT, IPv6, CAA). Its name servers and"
    echo "; mail hosts serve the other domains too."
    cat <<Z
\$ORIGIN pass.example.
\$TTL 3600
@                SOA   ns1 hostmaster 2026112501 7200 3600 1209600 3600
                 NS    ns1
                 NS    ns2
                 MX    10 mx1
                 MX    20 mx2
ns1              A     192.0.2.53
                 AAAA  2001:db8::53
ns2              A     192.0.2.54
                 AAAA  2001:db8::54
Z
    policy "$spf" "$dmarc"
    host mx1 "$cur" "$next"
    host mx2 "$cur" "$next"
} > "$d/pass.example"

{
    echo "; unsigned.example fails dnssec: the zone is not signed (its mail host, in"
    echo "; pass.example, is)."
    head unsigned.example
    echo "                 MX    10 mx1.pass.example."
    policy "$spf" "$dmarc"
} > "$out/unsigned.zone"

{
    echo "; plainhost.example: no mail domain; the unsigned zone of mxunsigned.example's mail host."
    head plainhost.example
    echo "@                CAA   0 issue \"ca.example.net\""
    host mail "$cur" "$next"
} > "$out/plainhost.zone"

{
    echo "; mxunsigned.example fails mx_dnssec: its mail host lies in plainhost.example, an"
    echo "; unsigned zone of the run; its TLSA records there are insecure, so dane_exists fails too."
    head mxunsigned.example
    echo "                 MX    10 mail.plainhost.example."
    policy "$spf" "$dmarc"
} > "$d/mxunsigned.example"

{
    echo "; partialdane.example fails dane_exists: mx2 has no TLSA records while mx1 has."
    head partialdane.example
    echo "                 MX    10 mx1"
    echo "                 MX    20 mx2"
    policy "$spf" "$dmarc"
    host mx1 "$cur" "$next"
    host mx2
} > "$d/partialdane.example"

{
    echo "; onetlsa.example fails dane_rollover: one TLSA record, no room to roll the key."
    head onetlsa.example
    echo "                 MX    10 mx1"
    policy "$spf" "$dmarc"
    host mx1 "$cur"
} > "$d/onetlsa.example"

{
    echo "; spfneutral.example fails spf_policy: its SPF record ends in ?all."
    head spfneutral.example
    echo "                 MX    10 mx1"
    policy "v=spf1 mx ?all" "$dmarc"
    host mx1 "$cur" "$next"
} > "$d/spfneutral.example"

{
    echo "; dmarcnone.example fails dmarc_policy: p=none."
    head dmarcnone.example
    echo "                 MX    10 mx1"
    policy "$spf" "v=DMARC1; p=none; rua=mailto:dmarc@pass.example"
    host mx1 "$cur" "$next"
} > "$d/dmarcnone.example"

{
    echo "; dmarctest.example fails dmarc_policy: p=quarantine in test mode (t=y, RFC 9989)."
    head dmarctest.example
    echo "                 MX    10 mx1"
    policy "$spf" "v=DMARC1; p=quarantine; t=y; rua=mailto:dmarc@pass.example"
    host mx1 "$cur" "$next"
} > "$d/dmarctest.example"

{
    echo "; noaaaa.example fails mx_ipv6: its mail host has no AAAA record."
    head noaaaa.example
    echo "                 MX    10 mx1"
    policy "$spf" "$dmarc"
    echo "mx1              A     192.0.2.25"
    printf '%-16s TLSA  %s\n' "_25._tcp.mx1" "$cur" "_25._tcp.mx1" "$next"
} > "$d/noaaaa.example"

{
    echo "; nomail.example sends no mail: SPF -all and DMARC p=reject, and no DKIM keys, which"
    echo "; it needs none of. It receives mail at pass.example's hosts."
    head nomail.example
    cat <<Z
                 MX    10 mx1.pass.example.
@                TXT   "v=spf1 -all"
_dmarc           TXT   "v=DMARC1; p=reject"
_mta-sts         TXT   "v=STSv1; id=20261125"
_smtp._tls       TXT   "v=TLSRPTv1; rua=mailto:tls-reports@pass.example"
Z
} > "$d/nomail.example"

for z in pass mxunsigned partialdane onetlsa spfneutral dmarcnone dmarctest noaaaa nomail; do
    dnssec-keygen -q -K "$d" -a ECDSAP256SHA256 -f KSK "$z.example" >/dev/null
    dnssec-keygen -q -K "$d" -a ECDSAP256SHA256 "$z.example" >/dev/null
    dnssec-signzone -q -S -K "$d" -d "$d" -O full -s 20260101000000 -e 20360101000000 \
        -o "$z.example" -f "$d/$z.signed" "$d/$z.example" >/dev/null
    # The zone's comment (what it shows) above the signed zone.
    { sed -n '/^;/p;/^[^;]/q' "$d/$z.example"; cat "$d/$z.signed"; } > "$out/$z.zone"
    cat "$d/dsset-$z.example." >> "$out/parent.ds"
done
