//! The cryptography of one signature check, behind one seam.
//!
//! Two paths verify the same signature:
//! - [`Backend::RingPerCall`]: hickory-proto's verifier over ring, which decodes the DNSKEY
//!   and hands ring an unparsed key on every call (the path zonewarden used alone before),
//!   or the `rsa` crate for an RSA key ring refuses ([`Key::verify_per_call`]);
//! - [`Backend::Parsed`]: the key decoded once per DNSKEY into an aws-lc-rs
//!   `ParsedPublicKey` ([`ParsedKey`]) and reused for every signature it made.
//!
//! `zonewarden verify` takes the parsed path wherever a key has one, and the per-call path
//! otherwise. A parsed key is made only for a key ring would use too, under ring's own
//! limits (RSA: 1024 to 8192 bits, an odd exponent from 3 to 33 bits, no leading zero
//! octets), so that the two paths can only ever give the same verdict; the differential
//! test (tests/it/parsed_keys.rs) checks they do over every signature of the test corpora.
//! Chosen by measurement on a 2-core machine (docs/performance.md): aws-lc-rs with the key
//! parsed once was faster than ring per call for every algorithm measured.

use super::keys::Key;
use aws_lc_rs::signature::{self as aws, ParsedPublicKey, RsaPublicKeyComponents};

/// Which path checks a signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// ring through hickory-proto, the key decoded on every call.
    RingPerCall,
    /// aws-lc-rs, the key parsed once ([`Key::parsed`]); the per-call path for a key that
    /// has no parsed form.
    Parsed,
}

/// A DNSKEY's public key, parsed once.
pub struct ParsedKey(ParsedPublicKey);

impl ParsedKey {
    /// Parses the public key of a DNSKEY of `algorithm`; `None` for an algorithm without a
    /// parsed path, or a key outside what ring accepts (the per-call path then decides).
    pub fn new(algorithm: u8, public: &[u8]) -> Option<ParsedKey> {
        let key = match algorithm {
            13 | 14 => {
                let (alg, len) = if algorithm == 13 {
                    (&aws::ECDSA_P256_SHA256_FIXED, 64)
                } else {
                    (&aws::ECDSA_P384_SHA384_FIXED, 96)
                };
                if public.len() != len {
                    return None;
                }
                // RFC 6605 §4: the point's coordinates, without SEC1's uncompressed prefix.
                let mut sec1 = Vec::with_capacity(len + 1);
                sec1.push(4);
                sec1.extend_from_slice(public);
                ParsedPublicKey::new(alg, sec1).ok()?
            }
            15 if public.len() == 32 => ParsedPublicKey::new(&aws::ED25519, public).ok()?,
            5 | 7 | 8 | 10 => {
                let params = match algorithm {
                    8 => &aws::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
                    10 => &aws::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
                    _ => &aws::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
                };
                let (n, e) = rsa_components(public)?;
                RsaPublicKeyComponents { n, e }
                    .to_parsed_public_key(params)
                    .ok()?
            }
            _ => return None,
        };
        Some(ParsedKey(key))
    }

    /// Whether `signature` is valid over `message`.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        self.0.verify_sig(message, signature).is_ok()
    }
}

/// RFC 3110 §2 RSA public key: (modulus, exponent), when ring would accept it for
/// `RSA_PKCS1_1024_8192_*`: an odd modulus of 1024 to 8192 bits (ring takes from 1017 bits
/// on: those are left to it) and an odd exponent of 3 to 2^33 - 1, neither with a leading
/// zero octet.
fn rsa_components(public: &[u8]) -> Option<(&[u8], &[u8])> {
    let (elen, rest) = match *public.first()? {
        0 => (
            u16::from_be_bytes([*public.get(1)?, *public.get(2)?]) as usize,
            public.get(3..)?,
        ),
        n => (n as usize, &public[1..]),
    };
    let (e, n) = (rest.get(..elen)?, rest.get(elen..)?);
    let bits = |v: &[u8]| v.len() * 8 - v[0].leading_zeros() as usize;
    if e.is_empty() || n.is_empty() || e[0] == 0 || n[0] == 0 || n[n.len() - 1] & 1 == 0 {
        return None;
    }
    let (eb, nb) = (bits(e), bits(n));
    let e_ok = e[e.len() - 1] & 1 == 1 && (2..=33).contains(&eb) && !(eb == 2 && e[0] < 3);
    (e_ok && (1024..=8192).contains(&nb)).then_some((n, e))
}

/// Checks one signature over `message` with `key` through `backend`: `Some(true)` valid,
/// `Some(false)` invalid, `None` when the key cannot be used (never valid).
pub fn check_signature_with(
    backend: Backend,
    key: &Key,
    message: &[u8],
    signature: &[u8],
) -> Option<bool> {
    match (backend, &key.parsed) {
        (Backend::Parsed, Some(p)) => Some(p.verify(message, signature)),
        _ => key.verify_per_call(message, signature),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rsa(e: &[u8], n_len: usize, first: u8) -> Vec<u8> {
        let mut v = vec![e.len() as u8];
        v.extend_from_slice(e);
        v.push(first);
        v.extend(std::iter::repeat_n(0xab, n_len - 1));
        v
    }

    #[test]
    fn rsa_components_follow_rings_limits() {
        assert!(rsa_components(&rsa(&[1, 0, 1], 256, 0xc1)).is_some());
        assert!(rsa_components(&rsa(&[3], 128, 0x81)).is_some());
        // 1023 bits, a leading zero, an even or too small exponent: left to ring.
        assert!(rsa_components(&rsa(&[1, 0, 1], 128, 0x7f)).is_none());
        assert!(rsa_components(&rsa(&[1, 0, 1], 256, 0)).is_none());
        assert!(rsa_components(&rsa(&[1, 0, 2], 256, 0xc1)).is_none());
        assert!(rsa_components(&rsa(&[1], 256, 0xc1)).is_none());
        assert!(rsa_components(&rsa(&[0, 1, 0, 1], 256, 0xc1)).is_none());
        assert!(rsa_components(&[3, 1, 0]).is_none());
    }
}
