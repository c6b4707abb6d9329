//! DNSKEYs: parsed once per key, with their key tag and, for the algorithms hickory-proto
//! verifies, the public key ready for verification; and DS digests.
//!
//! ring (under hickory-proto) takes RSA keys of 1024 to 8192 bits with an odd exponent of 3
//! to 2^33 - 1 only. A zone may still hold others, the 512-bit keys of RFC 5155 Appendix A
//! for one: their signatures are valid or not all the same, so they are verified with the
//! RustCrypto `rsa` crate instead ([`Verifier::Legacy`]), and the key's weakness is the
//! policy finding ZW2109, never a "does not verify".

use hickory_proto::dnssec::crypto::Digest;
use hickory_proto::dnssec::{Algorithm, DigestType, PublicKey, PublicKeyBuf};

/// DNSKEY flags (RFC 4034 §2.1.1, RFC 5011 §3).
pub const ZONE_KEY: u16 = 0x0100;
pub const SEP: u16 = 0x0001;
pub const REVOKE: u16 = 0x0080;

/// One DNSKEY (or CDNSKEY) record, decoded.
pub struct Key {
    /// The record's index in `zone.records`.
    pub record: u32,
    pub flags: u16,
    pub protocol: u8,
    pub algorithm: u8,
    pub tag: u16,
    /// The whole RDATA, for DS digests and comparisons.
    pub rdata: Vec<u8>,
    /// The key ready for verification, when some implementation supports the algorithm and
    /// the key decodes.
    pub verifier: Option<Verifier>,
    /// The key parsed once for the faster path ([`super::backend`]), when it has one.
    pub parsed: Option<super::backend::ParsedKey>,
    /// Why the key cannot be used, if it cannot.
    pub problem: Option<String>,
    /// The RSA modulus length in bits.
    pub rsa_bits: Option<usize>,
}

impl Key {
    /// Decodes DNSKEY RDATA; `None` if it is shorter than its fixed fields.
    pub fn parse(record: u32, rdata: &[u8]) -> Option<Key> {
        let view = crate::zone::view::Dnskey::parse(rdata)?;
        let (flags, protocol, algorithm) = (view.flags, view.protocol, view.algorithm);
        let public = view.public_key;
        let tag = key_tag(rdata);
        let rsa_bits = if is_rsa(algorithm) {
            rsa_modulus_bits(public)
        } else {
            None
        };
        let mut problem = None;
        let alg = Algorithm::from_u8(algorithm);
        let verifier = if alg.is_supported() {
            match check_key_shape(algorithm, public) {
                Ok(()) => Some(match legacy_rsa(algorithm, public) {
                    Some(k) => Verifier::Legacy(k),
                    None => Verifier::Ring(PublicKeyBuf::new(public.to_vec(), alg)),
                }),
                Err(e) => {
                    problem = Some(e);
                    None
                }
            }
        } else {
            None
        };
        if protocol != 3 {
            problem = Some(format!("protocol {protocol}, not 3"));
        }
        Some(Key {
            record,
            flags,
            protocol,
            algorithm,
            tag,
            rdata: rdata.to_vec(),
            parsed: verifier
                .as_ref()
                .and_then(|_| super::backend::ParsedKey::new(algorithm, public)),
            verifier,
            problem,
            rsa_bits,
        })
    }

    pub fn is_zone_key(&self) -> bool {
        self.flags & ZONE_KEY != 0
    }

    pub fn is_sep(&self) -> bool {
        self.flags & SEP != 0
    }

    pub fn is_revoked(&self) -> bool {
        self.flags & REVOKE != 0
    }

    /// Whether this key may have made a zone signature: a zone key, protocol 3.
    pub fn usable(&self) -> bool {
        self.is_zone_key() && self.protocol == 3
    }

    /// Verifies a signature: `Some(true)` valid, `Some(false)` invalid, `None` when the
    /// algorithm or the key cannot be used (never reported as valid).
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Option<bool> {
        use super::backend::{check_signature_with, Backend};
        check_signature_with(Backend::Parsed, self, message, signature)
    }

    /// [`Key::verify`] without the parsed key: hickory-proto and ring, the key decoded on
    /// every call, or the `rsa` crate for a key ring refuses.
    pub fn verify_per_call(&self, message: &[u8], signature: &[u8]) -> Option<bool> {
        match self.verifier.as_ref()? {
            Verifier::Ring(v) => Some(v.verify(message, signature).is_ok()),
            Verifier::Legacy(k) => Some(k.verify(self.algorithm, message, signature)),
        }
    }

    /// Whether the key's signatures are verified by the `rsa` crate because ring refuses the
    /// key (a modulus under 1024 bits, or an exponent ring does not take).
    pub fn ring_refuses(&self) -> bool {
        matches!(self.verifier, Some(Verifier::Legacy(_)))
    }
}

/// What verifies a key's signatures.
pub enum Verifier {
    /// hickory-proto over ring: every supported algorithm and key ring accepts.
    Ring(PublicKeyBuf),
    /// An RSA key ring refuses, verified with the `rsa` crate (PKCS #1 v1.5, RFC 3110 §3,
    /// RFC 5702 §3).
    Legacy(LegacyRsa),
}

/// An RSA public key ring refuses.
pub struct LegacyRsa(rsa::RsaPublicKey);

impl LegacyRsa {
    /// PKCS #1 v1.5 over the hash the algorithm names: SHA-1 for RSASHA1 (5) and
    /// RSASHA1-NSEC3-SHA1 (7), SHA-256 for RSASHA256 (8), SHA-512 for RSASHA512 (10).
    fn verify(&self, algorithm: u8, message: &[u8], signature: &[u8]) -> bool {
        use rsa::sha2::Digest as _;
        use rsa::Pkcs1v15Sign;
        let (scheme, hashed) = match algorithm {
            5 | 7 => (
                Pkcs1v15Sign::new::<sha1::Sha1>(),
                sha1::Sha1::digest(message).to_vec(),
            ),
            8 => (
                Pkcs1v15Sign::new::<rsa::sha2::Sha256>(),
                rsa::sha2::Sha256::digest(message).to_vec(),
            ),
            10 => (
                Pkcs1v15Sign::new::<rsa::sha2::Sha512>(),
                rsa::sha2::Sha512::digest(message).to_vec(),
            ),
            _ => return false,
        };
        self.0.verify(scheme, &hashed, signature).is_ok()
    }
}

/// The largest modulus and exponent the `rsa` fallback is given: ring's own upper bound
/// for the modulus, and 64 bits for the exponent, so that a hostile key cannot make each
/// verification cost a long exponentiation.
const LEGACY_MAX_MODULUS_BITS: usize = 8192;
const LEGACY_MAX_EXPONENT_BITS: usize = 64;

/// The RSA exponent and modulus of an RFC 3110 §2 public key, leading zeros stripped.
fn rsa_parts(public: &[u8]) -> Option<(&[u8], &[u8])> {
    let (elen, rest) = match *public.first()? {
        0 => (
            u16::from_be_bytes([*public.get(1)?, *public.get(2)?]) as usize,
            public.get(3..)?,
        ),
        n => (n as usize, &public[1..]),
    };
    let (e, n) = (rest.get(..elen)?, rest.get(elen..)?);
    Some((strip_zeros(e), strip_zeros(n)))
}

fn strip_zeros(x: &[u8]) -> &[u8] {
    let first = x.iter().position(|&b| b != 0).unwrap_or(x.len());
    &x[first..]
}

fn bit_len(x: &[u8]) -> usize {
    x.first()
        .map_or(0, |&b| x.len() * 8 - b.leading_zeros() as usize)
}

/// The `rsa` crate's key for an RSA DNSKEY that ring refuses but that can still be
/// verified; `None` for a key ring takes (or one nothing should try).
fn legacy_rsa(algorithm: u8, public: &[u8]) -> Option<LegacyRsa> {
    if !matches!(algorithm, 5 | 7 | 8 | 10) {
        return None;
    }
    let (e, n) = rsa_parts(public)?;
    let (e_bits, n_bits) = (bit_len(e), bit_len(n));
    let odd = e.last().is_some_and(|b| b & 1 == 1);
    let ring_takes = (1024..=8192).contains(&n_bits) && (2..=33).contains(&e_bits) && odd;
    if ring_takes || n_bits == 0 || n_bits > LEGACY_MAX_MODULUS_BITS {
        return None;
    }
    if e_bits == 0 || e_bits > LEGACY_MAX_EXPONENT_BITS {
        return None;
    }
    let key = rsa::RsaPublicKey::new_unchecked(
        rsa::BigUint::from_bytes_be(n),
        rsa::BigUint::from_bytes_be(e),
    );
    Some(LegacyRsa(key))
}

/// Whether hickory-proto (with ring) verifies this algorithm.
pub fn algorithm_supported(alg: u8) -> bool {
    Algorithm::from_u8(alg).is_supported()
}

fn is_rsa(alg: u8) -> bool {
    matches!(alg, 1 | 5 | 7 | 8 | 10)
}

/// Rejects keys whose encoding cannot be right for the algorithm, so that hickory and ring
/// are never asked to verify with them.
fn check_key_shape(alg: u8, public: &[u8]) -> Result<(), String> {
    let want = match alg {
        13 => 64,
        14 => 96,
        15 => 32,
        _ => {
            return match rsa_modulus_bits(public) {
                Some(_) => Ok(()),
                None => Err("the RSA public key does not decode (RFC 3110 §2)".into()),
            }
        }
    };
    if public.len() == want {
        Ok(())
    } else {
        Err(format!(
            "the public key has {} octets, algorithm {alg} needs {want}",
            public.len()
        ))
    }
}

/// RFC 3110 §2: exponent length (1 or 3 octets), exponent, modulus.
pub fn rsa_modulus_bits(public: &[u8]) -> Option<usize> {
    let (elen, rest) = match *public.first()? {
        0 => (
            u16::from_be_bytes([*public.get(1)?, *public.get(2)?]) as usize,
            &public[3..],
        ),
        n => (n as usize, &public[1..]),
    };
    let modulus = rest.get(elen..)?;
    if elen == 0 {
        return None;
    }
    let first = modulus.iter().position(|&b| b != 0)?;
    let m = &modulus[first..];
    Some(m.len() * 8 - m[0].leading_zeros() as usize)
}

/// The key tag of DNSKEY RDATA (RFC 4034 Appendix B; B.1 for algorithm 1).
pub fn key_tag(rdata: &[u8]) -> u16 {
    if rdata.len() >= 4 && rdata[3] == 1 {
        // RSAMD5: the most significant 16 of the least significant 24 bits of the modulus.
        let n = rdata.len();
        if n >= 7 {
            return u16::from_be_bytes([rdata[n - 3], rdata[n - 2]]);
        }
        return 0;
    }
    let mut ac: u32 = 0;
    for (i, &b) in rdata.iter().enumerate() {
        ac += if i & 1 == 1 {
            u32::from(b)
        } else {
            u32::from(b) << 8
        };
    }
    ac += (ac >> 16) & 0xffff;
    (ac & 0xffff) as u16
}

/// The digest a DS of type `digest_type` holds for a DNSKEY (RFC 4034 §5.1.4): over the
/// owner in canonical wire form and the DNSKEY RDATA. `None` for a type we cannot compute.
pub fn ds_digest(owner_lower: &[u8], dnskey_rdata: &[u8], digest_type: u8) -> Option<Vec<u8>> {
    let t = match digest_type {
        1 => DigestType::SHA1,
        2 => DigestType::SHA256,
        4 => DigestType::SHA384,
        _ => return None,
    };
    let d = Digest::from_iter([owner_lower, dnskey_rdata], t).ok()?;
    Some(d.as_ref().to_vec())
}

/// A DS (or CDS) record, decoded.
pub struct Ds<'a> {
    pub tag: u16,
    pub algorithm: u8,
    pub digest_type: u8,
    pub digest: &'a [u8],
}

impl<'a> Ds<'a> {
    pub fn parse(rdata: &'a [u8]) -> Option<Ds<'a>> {
        let v = crate::zone::view::Ds::parse(rdata)?;
        Some(Ds {
            tag: v.key_tag,
            algorithm: v.algorithm,
            digest_type: v.digest_type,
            digest: v.digest,
        })
    }

    /// RFC 8078 §4: `0 0 0 00`.
    pub fn is_delete(&self) -> bool {
        self.tag == 0 && self.algorithm == 0 && self.digest_type == 0
    }

    /// How this DS relates to a set of keys.
    pub fn matches(&self, owner_lower: &[u8], keys: &[Key]) -> DsMatch {
        let mut named = false;
        for k in keys
            .iter()
            .filter(|k| k.tag == self.tag && k.algorithm == self.algorithm)
        {
            named = true;
            match ds_digest(owner_lower, &k.rdata, self.digest_type) {
                Some(d) if d == self.digest => return DsMatch::Key(k.record),
                Some(_) => {}
                None => return DsMatch::UnknownDigest,
            }
        }
        if named {
            DsMatch::DigestMismatch
        } else {
            DsMatch::NoKey
        }
    }
}

/// What a DS matched.
#[derive(Debug, PartialEq, Eq)]
pub enum DsMatch {
    /// The DNSKEY record it matches.
    Key(u32),
    /// Keys with its tag and algorithm exist, but none has its digest.
    DigestMismatch,
    /// No key has its tag and algorithm.
    NoKey,
    /// A digest type we cannot compute.
    UnknownDigest,
}

/// The algorithm's mnemonic for messages (`ECDSAP256SHA256`), or `algorithm N`.
pub fn algorithm_text(alg: u8) -> String {
    match crate::zone::rtype::algorithm_name(alg) {
        Some(n) => n.to_string(),
        None => format!("algorithm {alg}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ring_refuses_go_to_the_rsa_crate() {
        let key = |b64: &str| {
            let mut rdata = vec![0x01, 0x00, 3, 7];
            rdata.extend(data_encoding::BASE64.decode(b64.as_bytes()).unwrap());
            Key::parse(0, &rdata).unwrap()
        };
        // RFC 5155 Appendix A's zone-signing key: 512 bits, which ring refuses.
        let short = key("AwEAAaetidLzsKWUt4swWR8yu0wPHPiUi8LUsAD0QPWU+wzt89epO6tHzkMBVDkC7qphQO2hTY4hHn9npWFRw5BYubE=");
        assert_eq!(short.rsa_bits, Some(512));
        assert!(short.ring_refuses() && short.problem.is_none());
        // RFC 4034 §5.4's 1024-bit key: ring takes it.
        let ok = key("AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==");
        assert_eq!(ok.rsa_bits, Some(1024));
        assert!(!ok.ring_refuses() && ok.verifier.is_some());
        // A signature that is not one verifies with neither.
        assert_eq!(short.verify(b"message", &[0u8; 64]), Some(false));
    }

    #[test]
    fn key_tag_rfc4034_example() {
        // RFC 4034 §5.4's DNSKEY for dskey.example.com. has key tag 60485.
        let key = data_encoding::BASE64
            .decode(
                b"AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==",
            )
            .unwrap();
        let mut rdata = vec![0x01, 0x00, 3, 5];
        rdata.extend_from_slice(&key);
        assert_eq!(key_tag(&rdata), 60485);
        let k = Key::parse(0, &rdata).unwrap();
        assert_eq!(k.rsa_bits, Some(1024));
        // And its DS (RFC 4034 §5.4): SHA-1 2BB183AF5F22588179A53B0A98631FAD1A292118.
        let owner = b"\x05dskey\x07example\x03com\x00";
        let d = ds_digest(owner, &rdata, 1).unwrap();
        assert_eq!(
            data_encoding::HEXUPPER.encode(&d),
            "2BB183AF5F22588179A53B0A98631FAD1A292118"
        );
    }
}
