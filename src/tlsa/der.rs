//! Just enough DER (ITU-T X.690) to take private and public keys apart and to build a
//! SubjectPublicKeyInfo: tag, length, contents. Certificates and CSRs are left to x509-parser.
//!
//! The reader never panics and never allocates; every length is checked against what is left.

/// Universal tags used here.
pub const INTEGER: u8 = 0x02;
pub const BIT_STRING: u8 = 0x03;
pub const OCTET_STRING: u8 = 0x04;
pub const NULL: u8 = 0x05;
pub const OID: u8 = 0x06;
pub const SEQUENCE: u8 = 0x30;
/// `[0]` and `[1]`, constructed (EXPLICIT): ECPrivateKey's parameters and publicKey.
pub const CONTEXT_0: u8 = 0xa0;
pub const CONTEXT_1: u8 = 0xa1;
/// `[1]` IMPLICIT BIT STRING, primitive: OneAsymmetricKey's publicKey (RFC 5958 §2).
pub const CONTEXT_1_PRIMITIVE: u8 = 0x81;

/// One TLV: its tag, its contents, and the whole encoding.
#[derive(Clone, Copy, Debug)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub contents: &'a [u8],
    pub raw: &'a [u8],
}

/// Reads one TLV from the front of `input`; returns it and what follows. Only definite
/// lengths of up to four octets and single-octet tags (all DER here needs).
pub fn read(input: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let tag = *input.first()?;
    if tag & 0x1f == 0x1f {
        return None;
    }
    let first = *input.get(1)?;
    let (len, header) = if first < 0x80 {
        (first as usize, 2)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 {
            return None;
        }
        let bytes = input.get(2..2 + n)?;
        let len = bytes.iter().fold(0usize, |a, &b| (a << 8) | b as usize);
        (len, 2 + n)
    };
    let end = header.checked_add(len)?;
    let raw = input.get(..end)?;
    Some((
        Tlv {
            tag,
            contents: &raw[header..],
            raw,
        },
        &input[end..],
    ))
}

/// Reads one TLV that must carry `tag`.
pub fn expect(input: &[u8], tag: u8) -> Option<(Tlv<'_>, &[u8])> {
    let (t, rest) = read(input)?;
    (t.tag == tag).then_some((t, rest))
}

/// Reads a TLV with `tag` that must be all of `input`.
pub fn whole(input: &[u8], tag: u8) -> Option<Tlv<'_>> {
    let (t, rest) = expect(input, tag)?;
    rest.is_empty().then_some(t)
}

/// The elements of a constructed value, in order; `None` if any is malformed.
pub fn children(contents: &[u8]) -> Option<Vec<Tlv<'_>>> {
    let mut out = Vec::new();
    let mut rest = contents;
    while !rest.is_empty() {
        let (t, r) = read(rest)?;
        out.push(t);
        rest = r;
    }
    Some(out)
}

/// A small INTEGER's value (versions), or `None` if it does not fit.
pub fn small_uint(t: &Tlv) -> Option<u32> {
    if t.tag != INTEGER || t.contents.is_empty() || t.contents.len() > 4 {
        return None;
    }
    if t.contents[0] & 0x80 != 0 {
        return None;
    }
    Some(
        t.contents
            .iter()
            .fold(0u32, |a, &b| (a << 8) | u32::from(b)),
    )
}

/// Encodes one TLV.
pub fn tlv(tag: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = contents.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes = (n as u32).to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (4 - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(contents);
    out
}

/// A SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) from an encoded AlgorithmIdentifier and the
/// public key's octets (the BIT STRING's contents without its unused-bits octet).
pub fn spki(algorithm: &[u8], key: &[u8]) -> Vec<u8> {
    let mut bits = Vec::with_capacity(key.len() + 1);
    bits.push(0);
    bits.extend_from_slice(key);
    let mut body = algorithm.to_vec();
    body.extend_from_slice(&tlv(BIT_STRING, &bits));
    tlv(SEQUENCE, &body)
}

/// Encoded object identifiers this module compares against.
pub mod oid {
    /// rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017).
    pub const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    /// id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480).
    pub const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    /// id-Ed25519, 1.3.101.112 (RFC 8410).
    pub const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
}

/// AlgorithmIdentifier for rsaEncryption with NULL parameters (RFC 8017 Appendix A.1).
pub fn rsa_algorithm() -> Vec<u8> {
    let mut body = tlv(OID, oid::RSA_ENCRYPTION);
    body.extend_from_slice(&[NULL, 0]);
    tlv(SEQUENCE, &body)
}

/// AlgorithmIdentifier for id-ecPublicKey on a named curve (RFC 5480 §2.1.1).
pub fn ec_algorithm(curve: &[u8]) -> Vec<u8> {
    let mut body = tlv(OID, oid::EC_PUBLIC_KEY);
    body.extend_from_slice(curve);
    tlv(SEQUENCE, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_round_trip() {
        for n in [0usize, 1, 127, 128, 255, 256, 70000] {
            let v = tlv(OCTET_STRING, &vec![7u8; n]);
            let t = whole(&v, OCTET_STRING).unwrap();
            assert_eq!(t.contents.len(), n);
        }
    }

    #[test]
    fn truncated_and_indefinite_are_refused() {
        assert!(read(&[0x30]).is_none());
        assert!(read(&[0x30, 0x80]).is_none());
        assert!(read(&[0x30, 0x85, 1, 1, 1, 1, 1]).is_none());
        assert!(read(&[0x30, 0x03, 1]).is_none());
        assert!(read(&[0x1f, 0x01, 0]).is_none());
    }
}
