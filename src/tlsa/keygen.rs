//! The next key: a key pair made with rcgen, and its CSR. `tlsa next-key` writes them with
//! [`crate::atomic`]: both or neither, the private key with mode 0600, never over an existing
//! file unless forced.

#[cfg(test)]
use std::path::Path;

/// The key types `tlsa next-key` makes.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    /// ECDSA on P-256 with SHA-256 (the default; what most ACME clients make).
    EcdsaP256,
    /// ECDSA on P-384 with SHA-384.
    EcdsaP384,
    /// Ed25519 (RFC 8410); few public CAs issue for it yet.
    Ed25519,
}

/// A new key pair: its PKCS#8 PEM and its SubjectPublicKeyInfo.
pub struct NewKey {
    pub pair: rcgen::KeyPair,
}

impl NewKey {
    pub fn generate(alg: Algorithm) -> Result<NewKey, String> {
        let a = match alg {
            Algorithm::EcdsaP256 => &rcgen::PKCS_ECDSA_P256_SHA256,
            Algorithm::EcdsaP384 => &rcgen::PKCS_ECDSA_P384_SHA384,
            Algorithm::Ed25519 => &rcgen::PKCS_ED25519,
        };
        let pair =
            rcgen::KeyPair::generate_for(a).map_err(|e| format!("cannot make a key: {e}"))?;
        Ok(NewKey { pair })
    }

    /// The private key as PKCS#8 PEM. ring writes Ed25519 keys as RFC 5958 version 2 (with
    /// the public key), which OpenSSL 3.0 cannot read; those are written as version 1 (RFC
    /// 8410 §7), the seed alone, which every TLS server reads.
    pub fn private_pem(&self) -> String {
        let der = self.pair.serialize_der();
        let body = match pkcs8_v1(&der) {
            Some(v1) if self.pair.algorithm() == &rcgen::PKCS_ED25519 => v1,
            _ => der,
        };
        let b64 = data_encoding::BASE64.encode(&body);
        let mut out = String::from("-----BEGIN PRIVATE KEY-----\n");
        for chunk in b64.as_bytes().chunks(64) {
            out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
            out.push('\n');
        }
        out.push_str("-----END PRIVATE KEY-----\n");
        out
    }

    pub fn spki(&self) -> Vec<u8> {
        self.pair.public_key_der()
    }

    /// A PKCS#10 request for these DNS names, the first one also the subject's CN.
    pub fn csr_pem(&self, names: &[String]) -> Result<String, String> {
        let mut params = rcgen::CertificateParams::new(names.to_vec())
            .map_err(|e| format!("cannot make a CSR for {names:?}: {e}"))?;
        let mut dn = rcgen::DistinguishedName::new();
        if let Some(first) = names.first() {
            dn.push(rcgen::DnType::CommonName, first.clone());
        }
        params.distinguished_name = dn;
        let csr = params
            .serialize_request(&self.pair)
            .map_err(|e| format!("cannot make a CSR: {e}"))?;
        csr.pem().map_err(|e| format!("cannot encode the CSR: {e}"))
    }
}

/// A OneAsymmetricKey re-encoded as version 1: version 0, the algorithm and the private key,
/// without attributes or the public key.
fn pkcs8_v1(der: &[u8]) -> Option<Vec<u8>> {
    use super::der as d;
    let seq = d::whole(der, d::SEQUENCE)?;
    let kids = d::children(seq.contents)?;
    let (alg, key) = (kids.get(1)?, kids.get(2)?);
    let mut body = d::tlv(d::INTEGER, &[0]);
    body.extend_from_slice(alg.raw);
    body.extend_from_slice(key.raw);
    Some(d::tlv(d::SEQUENCE, &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_each_kind_parse_back() {
        for alg in [
            Algorithm::EcdsaP256,
            Algorithm::EcdsaP384,
            Algorithm::Ed25519,
        ] {
            let k = NewKey::generate(alg).unwrap();
            let input =
                crate::tlsa::input::decode(Path::new("k"), k.private_pem().as_bytes()).unwrap();
            assert_eq!(input.keys[0].spki, k.spki(), "{alg:?}");
            let csr = k.csr_pem(&["mail.example.com".into()]).unwrap();
            let input = crate::tlsa::input::decode(Path::new("c"), csr.as_bytes()).unwrap();
            assert_eq!(input.keys[0].spki, k.spki(), "{alg:?}");
            assert_eq!(input.keys[0].dns_names, ["mail.example.com"]);
        }
    }
}
