#!/usr/bin/env python3
"""Write a hostile zone for `zonewarden verify` to standard output: the two KeyTrap-style
families of CVE-2023-50387 that cost an offline verifier keys x signatures, or signed data
for signatures that name no key.

Usage:
  scripts/gen-keytrap.py colliding-keys N
      N apex DNSKEYs (RSASHA256, 2048-bit moduli) that all share one key tag, and N RRSIGs
      by that tag, each over its own small TXT RRset. The keys and signatures are junk of the right
      shape: every key decodes and every signature is as long as the modulus and below it,
      so a verifier that tries a key pays a full RSA verification for it.
  scripts/gen-keytrap.py unmatched-tags N
      One TXT RRset of 10*N records and N RRSIGs over it whose key tag names no apex key
      (the zone's one DNSKEY has another tag), so no signature can be checked at all.

  scripts/gen-keytrap.py redundant-signatures N
      As unmatched-tags, but the N RRSIGs name the zone's key: each one a verifier checks
      hashes the whole RRset again, so all of them would cost signatures x records.

N scales the input linearly (about 0.8 kB per N for colliding-keys, 0.4 kB per N for
unmatched-tags). Standard library only; the output is byte-for-byte identical for the same
arguments (fixed seed, no clock). The signatures are valid from 2026-01-01 to 2036-12-31,
so check with `--now` inside that window, e.g. `--now 2026-11-25T00:00:00Z`.
"""

import base64
import random
import sys

ORIGIN = "keytrap.example."
# The tag every colliding key and every colliding signature has.
TAG = 4242
# The tag of the unmatched-tags family's signatures, which no key has.
UNMATCHED_TAG = 1111
WINDOW = "20361231000000 20260101000000"


def key_tag(rdata):
    """RFC 4034 Appendix B, for every algorithm but RSAMD5."""
    ac = 0
    for i, b in enumerate(rdata):
        ac += b if i & 1 else b << 8
    ac += (ac >> 16) & 0xFFFF
    return ac & 0xFFFF


def rsa_key(rng, tag):
    """DNSKEY RDATA (flags 256, protocol 3, RSASHA256) with a random odd 2048-bit modulus
    whose bytes at an even offset are chosen so that the key tag is `tag`."""
    modulus = bytearray(rng.getrandbits(8) for _ in range(256))
    modulus[0] |= 0xC0
    modulus[-1] |= 1
    rdata = bytearray(b"\x01\x00\x03\x08" + b"\x03\x01\x00\x01") + modulus
    # Two bytes at an even offset add (hi << 8 | lo) to the checksum; try each carry.
    k = len(rdata) - 4
    assert k % 2 == 0
    rdata[k] = rdata[k + 1] = 0
    base = key_tag(rdata)
    for carry in range(3):
        x = (tag - base - carry) % 0x10000
        rdata[k], rdata[k + 1] = x >> 8, x & 0xFF
        if key_tag(rdata) == tag:
            return bytes(rdata)
    raise SystemExit("no adjustment hits the tag")


def junk_signature(rng):
    """256 octets below any of the moduli above (whose first octet is at least 0xC0)."""
    sig = bytearray(rng.getrandbits(8) for _ in range(256))
    sig[0] &= 0x7F
    return bytes(sig)


def b64(data):
    return base64.b64encode(data).decode()


def header(out):
    out.write(f"$ORIGIN {ORIGIN}\n$TTL 3600\n")
    out.write("@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n")
    out.write("@ NS ns1\nns1 A 192.0.2.1\n")


def colliding_keys(n, out):
    rng = random.Random(50387)
    header(out)
    for _ in range(n):
        rdata = rsa_key(rng, TAG)
        out.write(f"@ DNSKEY 256 3 8 {b64(rdata[4:])}\n")
    # One signature over each of N small RRsets, so that each is tried against the keys
    # (N signatures by one key over one RRset would be capped as redundant instead).
    for i in range(n):
        out.write(f't{i} TXT "keytrap"\n')
        out.write(
            f"t{i} RRSIG TXT 8 3 3600 {WINDOW} {TAG} {ORIGIN} {b64(junk_signature(rng))}\n"
        )


def big_rrset(n, tag, seed, out):
    rng = random.Random(seed)
    header(out)
    rdata = rsa_key(rng, TAG)
    out.write(f"@ DNSKEY 256 3 8 {b64(rdata[4:])}\n")
    for i in range(10 * n):
        out.write(f'big TXT "r{i}"\n')
    for _ in range(n):
        out.write(
            f"big RRSIG TXT 8 3 3600 {WINDOW} {tag} {ORIGIN} "
            f"{b64(junk_signature(rng))}\n"
        )


def unmatched_tags(n, out):
    big_rrset(n, UNMATCHED_TAG, 50388, out)


def redundant_signatures(n, out):
    big_rrset(n, TAG, 50389, out)


def main():
    families = {
        "colliding-keys": colliding_keys,
        "unmatched-tags": unmatched_tags,
        "redundant-signatures": redundant_signatures,
    }
    if len(sys.argv) != 3 or sys.argv[1] not in families or not sys.argv[2].isdigit():
        sys.stderr.write(__doc__)
        sys.exit(2)
    families[sys.argv[1]](int(sys.argv[2]), sys.stdout)


if __name__ == "__main__":
    main()
