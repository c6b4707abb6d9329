//! Reading what operators have on disk: certificates, chains (`fullchain.pem`), private and
//! public keys (PKCS#8, SEC1, PKCS#1, SubjectPublicKeyInfo) and CSRs, in PEM or DER.
//!
//! Every input comes down to DER certificates and SubjectPublicKeyInfo (SPKI) octets: the
//! two things a TLSA record's selector picks (RFC 6698 §2.1.2). Nothing here panics on bad
//! input: every failure is a message, and [`load`] puts the file's name in front of it.

use super::der::{self, oid, Tlv};
use std::path::{Path, PathBuf};
use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::FromDer;
use x509_parser::x509::SubjectPublicKeyInfo;

/// One certificate, kept as DER with the facts TLSA generation and matching need.
#[derive(Clone, Debug)]
pub struct Cert {
    /// The whole certificate (selector 0, `Cert`).
    pub der: Vec<u8>,
    /// Its SubjectPublicKeyInfo (selector 1, `SPKI`).
    pub spki: Vec<u8>,
    pub subject: String,
    pub issuer: String,
    subject_raw: Vec<u8>,
    issuer_raw: Vec<u8>,
    /// basicConstraints: `Some(true)` for a CA, `Some(false)` for an end entity, `None` when
    /// the extension is absent (version 1 certificates).
    pub ca: Option<bool>,
    /// DNS names of the subjectAltName extension.
    pub dns_names: Vec<String>,
    /// Validity, seconds since 1970.
    pub not_before: i64,
    pub not_after: i64,
}

/// How a key was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyForm {
    /// `PRIVATE KEY`: PKCS#8 (RFC 5208) or OneAsymmetricKey (RFC 5958).
    Pkcs8,
    /// `EC PRIVATE KEY`: SEC1 ECPrivateKey (RFC 5915).
    Sec1,
    /// `RSA PRIVATE KEY`: PKCS#1 RSAPrivateKey (RFC 8017).
    Pkcs1Private,
    /// `PUBLIC KEY`: SubjectPublicKeyInfo (RFC 5280).
    Spki,
    /// `RSA PUBLIC KEY`: PKCS#1 RSAPublicKey (RFC 8017).
    Pkcs1Public,
    /// `CERTIFICATE REQUEST`: PKCS#10 (RFC 2986).
    Csr,
}

impl KeyForm {
    pub fn describe(self) -> &'static str {
        match self {
            KeyForm::Pkcs8 => "PKCS#8 private key",
            KeyForm::Sec1 => "SEC1 EC private key",
            KeyForm::Pkcs1Private => "PKCS#1 RSA private key",
            KeyForm::Spki => "public key",
            KeyForm::Pkcs1Public => "PKCS#1 RSA public key",
            KeyForm::Csr => "CSR",
        }
    }
}

/// A key without a certificate: a key file or the key a CSR asks to be certified.
#[derive(Clone, Debug)]
pub struct Key {
    pub spki: Vec<u8>,
    pub form: KeyForm,
    /// The DNS names a CSR asks for.
    pub dns_names: Vec<String>,
}

/// Everything one file holds, in file order.
#[derive(Clone, Debug, Default)]
pub struct Input {
    pub path: PathBuf,
    pub certs: Vec<Cert>,
    pub keys: Vec<Key>,
    /// [`Input::issuer_path`], found once: a zone's every DANE-TA record asks for it, and
    /// each step checks a signature.
    issuer_path: std::sync::OnceLock<Vec<usize>>,
}

/// How many CAs an issuing path holds at most: OpenSSL's default verify depth. A file of
/// many certificates that all name one another costs linear time, not quadratic.
const MAX_PATH: usize = 100;

/// Why a certificate, key or CSR file could not be used; each names the file.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read.
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// The file holds no certificate, key or CSR that can be decoded; `reason` says why.
    Decode {
        path: std::path::PathBuf,
        reason: String,
    },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Read { path, source } => {
                write!(f, "{}: cannot read: {source}", path.display())
            }
            LoadError::Decode { path, reason } => write!(f, "{}: {reason}", path.display()),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Read { source, .. } => Some(source),
            LoadError::Decode { .. } => None,
        }
    }
}

/// The most a certificate, chain, key or CSR file may hold: a chain of a hundred
/// certificates is under a megabyte.
const MAX_INPUT: u64 = 16 << 20;

/// Reads and decodes one file; the error names the file.
pub fn load(path: &Path) -> Result<Input, LoadError> {
    let bytes = crate::source::read_bounded(path, MAX_INPUT).map_err(|source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    decode(path, &bytes).map_err(|reason| LoadError::Decode {
        path: path.to_path_buf(),
        reason,
    })
}

/// Decodes PEM (any number of blocks) or DER (one structure, or certificates back to back).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Input, String> {
    let mut input = Input {
        path: path.to_path_buf(),
        ..Input::default()
    };
    if memchr::memmem::find(bytes, b"-----BEGIN ").is_some() {
        decode_pem(bytes, &mut input)?;
    } else if bytes.first() == Some(&der::SEQUENCE) {
        decode_der(bytes, &mut input)?;
    } else if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty: no certificate, key or CSR".into());
    } else {
        return Err("neither PEM (no -----BEGIN line) nor DER (no ASN.1 SEQUENCE)".into());
    }
    if input.certs.is_empty() && input.keys.is_empty() {
        return Err("no certificate, key or CSR in it".into());
    }
    Ok(input)
}

fn decode_pem(bytes: &[u8], input: &mut Input) -> Result<(), String> {
    // RFC 1421 encryption headers; x509-parser would report them as bad base64.
    if memchr::memmem::find(bytes, b"Proc-Type: 4,ENCRYPTED").is_some() {
        return Err(
            "the private key is encrypted; decrypt it first (openssl pkey -in FILE -out PLAIN)"
                .into(),
        );
    }
    for (n, block) in x509_parser::pem::Pem::iter_from_buffer(bytes).enumerate() {
        let block = block.map_err(|e| format!("PEM block {}: {e}", n + 1))?;
        let what = |e: String| format!("PEM block {} ({}): {e}", n + 1, block.label);
        let der = block.contents.as_slice();
        match block.label.as_str() {
            "CERTIFICATE" | "X509 CERTIFICATE" => {
                input.certs.push(cert(der, false).map_err(what)?);
            }
            // OpenSSL's trusted form: the certificate followed by its trust settings.
            "TRUSTED CERTIFICATE" => input.certs.push(cert(der, true).map_err(what)?),
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => {
                input.keys.push(csr(der).map_err(what)?);
            }
            "PRIVATE KEY" => input
                .keys
                .push(key(KeyForm::Pkcs8, pkcs8(der)).map_err(what)?),
            "EC PRIVATE KEY" => input
                .keys
                .push(key(KeyForm::Sec1, sec1(der)).map_err(what)?),
            "RSA PRIVATE KEY" => input
                .keys
                .push(key(KeyForm::Pkcs1Private, pkcs1_private(der)).map_err(what)?),
            "PUBLIC KEY" => input
                .keys
                .push(key(KeyForm::Spki, spki(der)).map_err(what)?),
            "RSA PUBLIC KEY" => input
                .keys
                .push(key(KeyForm::Pkcs1Public, pkcs1_public(der)).map_err(what)?),
            "ENCRYPTED PRIVATE KEY" => return Err(what(
                "the private key is encrypted; decrypt it first (openssl pkey -in FILE -out PLAIN)"
                    .into(),
            )),
            // `openssl ecparam -genkey` writes the curve's name before the key.
            "EC PARAMETERS" => {}
            other => {
                return Err(format!(
                    "PEM block {} is a `{other}`, not a certificate, key or CSR",
                    n + 1
                ))
            }
        }
    }
    Ok(())
}

fn key(form: KeyForm, spki: Result<Vec<u8>, String>) -> Result<Key, String> {
    Ok(Key {
        spki: spki?,
        form,
        dns_names: Vec::new(),
    })
}

/// DER: the structure's shape says what it is.
fn decode_der(bytes: &[u8], input: &mut Input) -> Result<(), String> {
    let Some((outer, rest)) = der::expect(bytes, der::SEQUENCE) else {
        return Err("bad DER: the first structure is truncated or malformed".into());
    };
    let kids = der::children(outer.contents)
        .ok_or_else(|| "bad DER: malformed contents in the first structure".to_string())?;
    let tags: Vec<u8> = kids.iter().map(|t| t.tag).collect();
    let version = kids.first().and_then(der::small_uint);
    match tags.as_slice() {
        // Certificate and CertificationRequest: SEQUENCE { SEQUENCE, SEQUENCE, BIT STRING }.
        [der::SEQUENCE, der::SEQUENCE, der::BIT_STRING] => {
            let tbs = der::children(kids[0].contents).unwrap_or_default();
            // TBSCertificate begins with [0] version or a serial INTEGER and has at least six
            // fields; CertificationRequestInfo is INTEGER, Name, SPKI, [0] attributes.
            if tbs.len() >= 6 {
                let mut rest = bytes;
                while !rest.is_empty() {
                    let (t, r) = der::expect(rest, der::SEQUENCE)
                        .ok_or("bad DER after a certificate: trailing bytes")?;
                    input.certs.push(cert(t.raw, false)?);
                    rest = r;
                }
                return Ok(());
            }
            if !rest.is_empty() {
                return Err("bad DER: trailing bytes after the CSR".into());
            }
            input.keys.push(csr(bytes)?);
        }
        [der::SEQUENCE, der::BIT_STRING] => {
            check_end(rest)?;
            input.keys.push(key(KeyForm::Spki, spki(bytes))?);
        }
        [der::INTEGER, der::SEQUENCE, der::OCTET_STRING, ..] => {
            check_end(rest)?;
            input.keys.push(key(KeyForm::Pkcs8, pkcs8(bytes))?);
        }
        [der::INTEGER, der::OCTET_STRING, ..] if version == Some(1) => {
            check_end(rest)?;
            input.keys.push(key(KeyForm::Sec1, sec1(bytes))?);
        }
        [der::INTEGER, der::INTEGER, der::INTEGER, der::INTEGER, der::INTEGER, der::INTEGER, der::INTEGER, der::INTEGER, der::INTEGER, ..] =>
        {
            check_end(rest)?;
            input
                .keys
                .push(key(KeyForm::Pkcs1Private, pkcs1_private(bytes))?);
        }
        [der::INTEGER, der::INTEGER] => {
            check_end(rest)?;
            input
                .keys
                .push(key(KeyForm::Pkcs1Public, pkcs1_public(bytes))?);
        }
        _ => return Err("DER, but not a certificate, CSR, private or public key".into()),
    }
    Ok(())
}

fn check_end(rest: &[u8]) -> Result<(), String> {
    if rest.is_empty() {
        Ok(())
    } else {
        Err("bad DER: trailing bytes after the key".into())
    }
}

fn x509_err<E: std::fmt::Display>(e: x509_parser::nom::Err<E>) -> String {
    match e {
        x509_parser::nom::Err::Incomplete(_) => "truncated".into(),
        x509_parser::nom::Err::Error(e) | x509_parser::nom::Err::Failure(e) => e.to_string(),
    }
}

/// A DER certificate; `trailing` allows bytes after it (OpenSSL's TRUSTED CERTIFICATE).
pub fn cert(bytes: &[u8], trailing: bool) -> Result<Cert, String> {
    let (rest, c) = x509_parser::parse_x509_certificate(bytes)
        .map_err(|e| format!("bad certificate: {}", x509_err(e)))?;
    if !rest.is_empty() && !trailing {
        return Err("bad certificate: trailing bytes".into());
    }
    let ca = c
        .basic_constraints()
        .map_err(|e| format!("bad certificate: basicConstraints: {e}"))?
        .map(|b| b.value.ca);
    let mut dns_names = Vec::new();
    if let Ok(Some(san)) = c.subject_alternative_name() {
        for n in &san.value.general_names {
            if let GeneralName::DNSName(s) = n {
                dns_names.push(s.to_string());
            }
        }
    }
    let der_len = bytes.len() - rest.len();
    Ok(Cert {
        der: bytes[..der_len].to_vec(),
        spki: c.public_key().raw.to_vec(),
        subject: c.subject().to_string(),
        issuer: c.issuer().to_string(),
        subject_raw: c.subject().as_raw().to_vec(),
        issuer_raw: c.issuer().as_raw().to_vec(),
        ca,
        dns_names,
        not_before: c.validity().not_before.timestamp(),
        not_after: c.validity().not_after.timestamp(),
    })
}

/// A DER PKCS#10 request: the key it carries and the names it asks for.
fn csr(bytes: &[u8]) -> Result<Key, String> {
    let (rest, req) = X509CertificationRequest::from_der(bytes)
        .map_err(|e| format!("bad CSR: {}", x509_err(e)))?;
    if !rest.is_empty() {
        return Err("bad CSR: trailing bytes".into());
    }
    let mut dns_names = Vec::new();
    if let Some(exts) = req.requested_extensions() {
        for e in exts {
            if let ParsedExtension::SubjectAlternativeName(san) = e {
                for n in &san.general_names {
                    if let GeneralName::DNSName(s) = n {
                        dns_names.push(s.to_string());
                    }
                }
            }
        }
    }
    Ok(Key {
        spki: spki(req.certification_request_info.subject_pki.raw)?,
        form: KeyForm::Csr,
        dns_names,
    })
}

/// A SubjectPublicKeyInfo, checked to be one and nothing more.
fn spki(bytes: &[u8]) -> Result<Vec<u8>, String> {
    match SubjectPublicKeyInfo::from_der(bytes) {
        Ok((&[], _)) => Ok(bytes.to_vec()),
        Ok(_) => Err("bad public key: trailing bytes".into()),
        Err(e) => Err(format!("bad public key: {}", x509_err(e))),
    }
}

/// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1).
fn rsa_spki(n: &Tlv, e: &Tlv) -> Result<Vec<u8>, String> {
    if n.tag != der::INTEGER || e.tag != der::INTEGER || n.contents.is_empty() {
        return Err("bad RSA key: modulus and exponent must be integers".into());
    }
    let mut body = n.raw.to_vec();
    body.extend_from_slice(e.raw);
    Ok(der::spki(
        &der::rsa_algorithm(),
        &der::tlv(der::SEQUENCE, &body),
    ))
}

/// PKCS#1 RSAPrivateKey: version, modulus, publicExponent, then the private values.
fn pkcs1_private(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let seq =
        der::whole(bytes, der::SEQUENCE).ok_or("bad RSA private key: not one DER SEQUENCE")?;
    let kids = der::children(seq.contents).ok_or("bad RSA private key: malformed DER")?;
    if kids.len() < 9 || !matches!(kids.first().and_then(der::small_uint), Some(0 | 1)) {
        return Err("bad RSA private key: expected version and eight integers".into());
    }
    rsa_spki(&kids[1], &kids[2])
}

/// PKCS#1 RSAPublicKey.
fn pkcs1_public(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let seq = der::whole(bytes, der::SEQUENCE).ok_or("bad RSA public key: not one DER SEQUENCE")?;
    match der::children(seq.contents).as_deref() {
        Some([n, e]) => rsa_spki(n, e),
        _ => Err("bad RSA public key: expected modulus and exponent".into()),
    }
}

/// The BIT STRING contents of a public key, without the unused-bits octet.
fn bits(t: &Tlv) -> Result<Vec<u8>, String> {
    match t.contents.split_first() {
        Some((0, key)) if !key.is_empty() => Ok(key.to_vec()),
        _ => Err("bad public key bits".into()),
    }
}

/// SEC1 ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING,
/// parameters [0] OPTIONAL, publicKey [1] BIT STRING OPTIONAL } (RFC 5915 §3). `curve` is the
/// named curve from PKCS#8's AlgorithmIdentifier when the key came wrapped in one.
fn ec_private(bytes: &[u8], curve: Option<&Tlv>) -> Result<Vec<u8>, String> {
    let seq = der::whole(bytes, der::SEQUENCE).ok_or("bad EC private key: not one DER SEQUENCE")?;
    let kids = der::children(seq.contents).ok_or("bad EC private key: malformed DER")?;
    if kids.len() < 2
        || kids[0].tag != der::INTEGER
        || der::small_uint(&kids[0]) != Some(1)
        || kids[1].tag != der::OCTET_STRING
    {
        return Err("bad EC private key: expected version 1 and the private key".into());
    }
    let mut params = curve.copied();
    let mut public = None;
    for k in &kids[2..] {
        match k.tag {
            der::CONTEXT_0 => {
                let inner = der::whole(k.contents, der::OID)
                    .ok_or("bad EC private key: the curve must be a named curve (an OID)")?;
                params = Some(inner);
            }
            der::CONTEXT_1 => {
                let inner = der::whole(k.contents, der::BIT_STRING)
                    .ok_or("bad EC private key: malformed public key")?;
                public = Some(bits(&inner)?);
            }
            _ => return Err("bad EC private key: unexpected field".into()),
        }
    }
    let curve = params.ok_or("bad EC private key: no curve named")?;
    let public = public.ok_or(
        "the EC private key does not carry its public key; re-export it with `openssl ec -in KEY -out KEY2`",
    )?;
    Ok(der::spki(&der::ec_algorithm(curve.raw), &public))
}

fn sec1(bytes: &[u8]) -> Result<Vec<u8>, String> {
    ec_private(bytes, None)
}

/// PKCS#8 PrivateKeyInfo / RFC 5958 OneAsymmetricKey: version, AlgorithmIdentifier,
/// privateKey OCTET STRING, attributes [0] OPTIONAL, publicKey [1] OPTIONAL.
fn pkcs8(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let seq = der::whole(bytes, der::SEQUENCE).ok_or("bad PKCS#8 key: not one DER SEQUENCE")?;
    let kids = der::children(seq.contents).ok_or("bad PKCS#8 key: malformed DER")?;
    if kids.len() < 3
        || !matches!(der::small_uint(&kids[0]), Some(0 | 1))
        || kids[1].tag != der::SEQUENCE
        || kids[2].tag != der::OCTET_STRING
    {
        return Err("bad PKCS#8 key: expected version, algorithm and private key".into());
    }
    let alg = der::children(kids[1].contents).ok_or("bad PKCS#8 key: malformed algorithm")?;
    let algorithm = alg
        .first()
        .filter(|t| t.tag == der::OID)
        .ok_or("bad PKCS#8 key: no algorithm OID")?;
    let mut public = None;
    for k in &kids[3..] {
        match k.tag {
            der::CONTEXT_0 => {}
            der::CONTEXT_1_PRIMITIVE => public = Some(bits(k)?),
            _ => return Err("bad PKCS#8 key: unexpected field".into()),
        }
    }
    let private = kids[2].contents;
    match algorithm.contents {
        oid::RSA_ENCRYPTION => pkcs1_private(private),
        oid::EC_PUBLIC_KEY => {
            let curve = alg
                .get(1)
                .filter(|t| t.tag == der::OID)
                .ok_or("bad PKCS#8 EC key: the curve must be a named curve (an OID)")?;
            ec_private(private, Some(curve))
        }
        oid::ED25519 => {
            let algorithm_id = der::tlv(der::SEQUENCE, algorithm.raw);
            if let Some(p) = public {
                return Ok(der::spki(&algorithm_id, &p));
            }
            // RFC 8410 §7: version 1 keys carry only the seed; the public key is derived.
            let pair = rcgen::KeyPair::try_from(bytes)
                .map_err(|e| format!("bad Ed25519 private key: {e}"))?;
            Ok(der::spki(&algorithm_id, pair.public_key_raw()))
        }
        other => match public {
            Some(p) => Ok(der::spki(kids[1].raw, &p)),
            None => Err(format!(
                "cannot derive the public key of a private key with algorithm {}; give the public key or the certificate",
                oid_text(other)
            )),
        },
    }
}

/// Dotted form of an encoded OID, for messages.
fn oid_text(b: &[u8]) -> String {
    let mut parts = Vec::new();
    let mut v: u64 = 0;
    for (i, &c) in b.iter().enumerate() {
        v = (v << 7) | u64::from(c & 0x7f);
        if c & 0x80 == 0 {
            if parts.is_empty() {
                let first = (v / 40).min(2);
                parts.push(first.to_string());
                parts.push((v - first * 40).to_string());
            } else {
                parts.push(v.to_string());
            }
            v = 0;
        } else if i == b.len() - 1 || v > u64::MAX >> 8 {
            return "(malformed OID)".into();
        }
    }
    parts.join(".")
}

/// The key type and size of an SPKI, for messages: `RSA 2048`, `ECDSA P-256`, `Ed25519`.
pub fn describe_spki(spki: &[u8]) -> String {
    let Ok((_, info)) = SubjectPublicKeyInfo::from_der(spki) else {
        return "unknown key".into();
    };
    let alg = info.algorithm.algorithm.as_bytes();
    match alg {
        oid::RSA_ENCRYPTION => match rsa_bits(spki) {
            Some(n) => format!("RSA {n}"),
            None => "RSA".into(),
        },
        oid::EC_PUBLIC_KEY => {
            let curve = info
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string());
            match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => "ECDSA P-256".into(),
                Some("1.3.132.0.34") => "ECDSA P-384".into(),
                Some("1.3.132.0.35") => "ECDSA P-521".into(),
                Some(c) => format!("EC {c}"),
                None => "EC".into(),
            }
        }
        oid::ED25519 => "Ed25519".into(),
        [0x2b, 0x65, 0x71] => "Ed448".into(),
        other => oid_text(other),
    }
}

/// The modulus length in bits of an RSA key given as SPKI or as PKCS#1 RSAPublicKey.
pub fn rsa_bits(key: &[u8]) -> Option<usize> {
    let rsa_public = match SubjectPublicKeyInfo::from_der(key) {
        Ok((_, info)) if info.algorithm.algorithm.as_bytes() == oid::RSA_ENCRYPTION => {
            info.subject_public_key.data.to_vec()
        }
        Ok(_) => return None,
        Err(_) => key.to_vec(),
    };
    let seq = der::whole(&rsa_public, der::SEQUENCE)?;
    let kids = der::children(seq.contents)?;
    let n = kids.first().filter(|t| t.tag == der::INTEGER)?;
    let m = n.contents;
    let skip = m.iter().take_while(|&&b| b == 0).count();
    let m = &m[skip..];
    let top = *m.first()?;
    Some((m.len() - 1) * 8 + (8 - top.leading_zeros() as usize))
}

impl Cert {
    /// Whether this certificate's subject is `other`'s issuer and its key signed `other`.
    /// A signature algorithm ring cannot check counts as a name match only.
    pub fn issued(&self, other: &Cert) -> bool {
        if self.subject_raw != other.issuer_raw {
            return false;
        }
        let (Ok((_, child)), Ok((_, parent))) = (
            x509_parser::parse_x509_certificate(&other.der),
            x509_parser::parse_x509_certificate(&self.der),
        ) else {
            return false;
        };
        match child.verify_signature(Some(parent.public_key())) {
            Ok(()) => true,
            Err(x509_parser::error::X509Error::SignatureUnsupportedAlgorithm) => true,
            Err(_) => false,
        }
    }

    /// The subject for messages, shortened to its common name when it has one.
    pub fn name(&self) -> String {
        self.subject
            .split(", ")
            .find_map(|p| p.strip_prefix("CN="))
            .map(|cn| format!("CN={cn}"))
            .unwrap_or_else(|| self.subject.clone())
    }
}

impl Input {
    /// What a file at `path` holds: `certs` and `keys`, in file order.
    pub fn new(path: PathBuf, certs: Vec<Cert>, keys: Vec<Key>) -> Input {
        Input {
            path,
            certs,
            keys,
            issuer_path: Default::default(),
        }
    }

    /// The end-entity certificate: the first one, as a server sends it (RFC 8446 §4.4.2) and
    /// as `fullchain.pem` holds it.
    pub fn leaf(&self) -> Option<&Cert> {
        self.certs.first()
    }

    /// The certificates a DANE-TA record may name: every certificate after the first unless
    /// its basicConstraints says it is no CA, and the first one too when it says it is one
    /// (a file holding only a CA, such as certbot's `chain.pem`).
    pub fn cas(&self) -> impl Iterator<Item = (usize, &Cert)> {
        self.certs.iter().enumerate().filter(|(i, c)| {
            if *i == 0 {
                c.ca == Some(true)
            } else {
                c.ca != Some(false)
            }
        })
    }

    /// The indices of the CAs on the leaf's issuing path, nearest first: each one's subject
    /// is the previous one's issuer and its key verifies the previous one's signature.
    pub fn issuer_path(&self) -> &[usize] {
        self.issuer_path.get_or_init(|| self.find_issuer_path())
    }

    fn find_issuer_path(&self) -> Vec<usize> {
        let mut path = Vec::new();
        let Some(mut cur) = self.leaf() else {
            return path;
        };
        while path.len() < self.certs.len().min(MAX_PATH) {
            let next = self
                .certs
                .iter()
                .enumerate()
                .skip(1)
                .find(|(i, c)| !path.contains(i) && !std::ptr::eq(*c, cur) && c.issued(cur));
            match next {
                Some((i, c)) => {
                    path.push(i);
                    cur = c;
                }
                None => break,
            }
        }
        path
    }

    /// Whether the input holds only keys (a key file or a CSR), with no certificate.
    pub fn keys_only(&self) -> bool {
        self.certs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oids_print_dotted() {
        assert_eq!(oid_text(oid::RSA_ENCRYPTION), "1.2.840.113549.1.1.1");
        assert_eq!(oid_text(oid::ED25519), "1.3.101.112");
        assert_eq!(oid_text(&[0x80]), "(malformed OID)");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let p = Path::new("x");
        for b in [
            &b""[..],
            b"hello",
            b"\x30",
            b"\x30\x00",
            b"\x30\x03\x02\x01\x00",
            b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            b"-----BEGIN PRIVATE KEY-----\n!!\n-----END PRIVATE KEY-----\n",
            b"-----BEGIN FOO-----\n-----END FOO-----\n",
            b"-----BEGIN CERTIFICATE-----\nAAAA\n",
        ] {
            assert!(decode(p, b).is_err(), "{b:?}");
        }
    }
}
