#!/usr/bin/env bash
# Makes testdata/tlsa/: a test PKI for mail.example.com with the openssl CLI.
#   root.pem           "Example Test Root CA" (ECDSA P-256, self-signed)
#   intermediate.pem   "Example Test Intermediate CA", issued by the root
#   mail.example.com.pem / .key    the current leaf (ECDSA P-256), issued by the intermediate
#   fullchain.pem      leaf + intermediate, as an ACME client writes it
#   old.pem / old.key  the previous leaf, with another key
#   next.key           the staged next key (not yet in any certificate)
#   rsa.pem / rsa.key  an RSA 2048 leaf for the same name, issued by the intermediate
# The examples of docs/tlsa.md and the clean zones' TLSA records are made from these files;
# running this again makes new keys, so those would have to be made again too.
set -euo pipefail
cd "$(dirname "$0")/../testdata/tlsa"
rm -f ./*.pem ./*.key ./*.csr ./*.ext
ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
cat > ca.ext <<'X'
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
X
cat > leaf.ext <<'X'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:mail.example.com,DNS:mx.example.com
authorityKeyIdentifier=keyid
X
ec root.key
openssl req -x509 -new -key root.key -subj "/CN=Example Test Root CA" -days 7300 \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -out root.pem
ec intermediate.key
openssl req -new -key intermediate.key -subj "/CN=Example Test Intermediate CA" -out i.csr
openssl x509 -req -in i.csr -CA root.pem -CAkey root.key -set_serial 2 -days 7300 \
    -extfile ca.ext -out intermediate.pem
leaf() { # KEYFILE CERTFILE SERIAL
    openssl req -new -key "$1" -subj "/CN=mail.example.com" -out l.csr
    openssl x509 -req -in l.csr -CA intermediate.pem -CAkey intermediate.key -set_serial "$3" \
        -days 3650 -extfile leaf.ext -out "$2"
}
ec mail.example.com.key
leaf mail.example.com.key mail.example.com.pem 10
ec old.key
leaf old.key old.pem 9
ec next.key
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.key
leaf rsa.key rsa.pem 11
cat mail.example.com.pem intermediate.pem > fullchain.pem
rm -f root.key intermediate.key ./*.csr ./*.ext
