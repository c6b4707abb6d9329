//! TLSA records (RFC 6698, RFC 7671, RFC 7672): made from certificates and keys, matched
//! against them, and the next key made before any certificate carries it.
//!
//! [`input`] turns files into certificates and SubjectPublicKeyInfo octets, [`Tlsa`] is one
//! record's RDATA with the association computed by [`association`], [`matching`] decides
//! whether a record fits a chain, [`generate`] picks the records for a chain, [`keygen`]
//! makes the next key, and [`cmd`] is the `zonewarden tlsa` command line.

pub mod der;
pub mod generate;
pub mod input;
pub mod keygen;
pub mod matching;

use sha2::{Digest, Sha256, Sha512};

/// RFC 6698 §2.1.1 certificate usages, with their RFC 7218 acronyms.
pub const USAGES: &[(u8, &str)] = &[
    (0, "PKIX-TA"),
    (1, "PKIX-EE"),
    (2, "DANE-TA"),
    (3, "DANE-EE"),
];
/// RFC 6698 §2.1.2 selectors.
pub const SELECTORS: &[(u8, &str)] = &[(0, "Cert"), (1, "SPKI")];
/// RFC 6698 §2.1.3 matching types.
pub const MATCHING_TYPES: &[(u8, &str)] = &[(0, "Full"), (1, "SHA2-256"), (2, "SHA2-512")];

/// Reads a comma-separated list of numbers or acronyms (any case) from one of the tables
/// above: `3`, `DANE-EE`, `2,3`, `dane-ta,DANE-EE`.
pub fn parse_list(text: &str, table: &[(u8, &str)], what: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim) {
        let v = table
            .iter()
            .find(|(n, a)| a.eq_ignore_ascii_case(part) || n.to_string() == part)
            .map(|(n, _)| *n)
            .ok_or_else(|| {
                let known: Vec<String> = table.iter().map(|(n, a)| format!("{n} ({a})")).collect();
                format!(
                    "unknown {what} `{part}`; expected one of {}",
                    known.join(", ")
                )
            })?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Ok(out)
}

/// The acronym of a value, or the number when it has none.
pub fn acronym(table: &[(u8, &str)], v: u8) -> String {
    table
        .iter()
        .find(|(n, _)| *n == v)
        .map(|(_, a)| (*a).to_string())
        .unwrap_or_else(|| v.to_string())
}

/// The certificate association data: the selected octets, whole or hashed (RFC 6698 §2.1.3).
pub fn association(selected: &[u8], matching_type: u8) -> Option<Vec<u8>> {
    match matching_type {
        0 => Some(selected.to_vec()),
        1 => Some(Sha256::digest(selected).to_vec()),
        2 => Some(Sha512::digest(selected).to_vec()),
        _ => None,
    }
}

/// The association data length a matching type requires, if it fixes one.
pub fn digest_len(matching_type: u8) -> Option<usize> {
    match matching_type {
        1 => Some(32),
        2 => Some(64),
        _ => None,
    }
}

/// One TLSA RDATA.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Tlsa {
    pub usage: u8,
    pub selector: u8,
    pub matching_type: u8,
    pub data: Vec<u8>,
}

impl Tlsa {
    /// From wire-form RDATA (RFC 6698 §2.1).
    pub fn from_rdata(rdata: &[u8]) -> Option<Tlsa> {
        match rdata {
            [u, s, m, data @ ..] => Some(Tlsa {
                usage: *u,
                selector: *s,
                matching_type: *m,
                data: data.to_vec(),
            }),
            _ => None,
        }
    }

    /// Presentation form: `3 1 1 0C72…` (RFC 6698 §2.2), hexadecimal in upper case as BIND
    /// and Knot print it.
    pub fn rdata_text(&self) -> String {
        format!(
            "{} {} {} {}",
            self.usage,
            self.selector,
            self.matching_type,
            data_encoding::HEXUPPER.encode(&self.data)
        )
    }

    /// `3 1 1 0C72AC70…` shortened for messages.
    pub fn short_text(&self) -> String {
        let hex = data_encoding::HEXUPPER.encode(&self.data);
        let cut = if hex.len() > 16 {
            format!("{}…", &hex[..16])
        } else {
            hex
        };
        format!(
            "{} {} {} {}",
            self.usage, self.selector, self.matching_type, cut
        )
    }

    /// `DANE-EE SPKI SHA2-256`.
    pub fn params_text(&self) -> String {
        format!(
            "{} {} {}",
            acronym(USAGES, self.usage),
            acronym(SELECTORS, self.selector),
            acronym(MATCHING_TYPES, self.matching_type)
        )
    }
}

/// The TLSA owner for a service: `_PORT._PROTO.HOST.` (RFC 6698 §3).
pub fn owner_name(host: &str, port: u16, proto: &str) -> String {
    let host = host.trim_end_matches('.');
    format!("_{port}._{proto}.{host}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_and_numbers_parse() {
        assert_eq!(parse_list("DANE-EE", USAGES, "usage").unwrap(), [3]);
        assert_eq!(parse_list("dane-ta,3", USAGES, "usage").unwrap(), [2, 3]);
        assert_eq!(
            parse_list("SHA2-256,sha2-512,Full", MATCHING_TYPES, "m").unwrap(),
            [1, 2, 0]
        );
        assert_eq!(parse_list("spki,cert", SELECTORS, "s").unwrap(), [1, 0]);
        assert!(parse_list("4", USAGES, "usage").is_err());
        assert!(parse_list("SHA1", MATCHING_TYPES, "m").is_err());
    }

    #[test]
    fn sha256_of_empty_input() {
        assert_eq!(
            data_encoding::HEXLOWER.encode(&association(b"", 1).unwrap()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(association(b"", 2).unwrap().len(), 64);
        assert!(association(b"", 3).is_none());
    }
}
