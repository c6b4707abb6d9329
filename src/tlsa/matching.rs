//! Whether a TLSA record fits a certificate chain or a key (RFC 6698 §2.1, RFC 7671 §5).
//!
//! DANE-EE (3) and PKIX-EE (1) records are compared with the leaf, or with a bare key (the
//! staged next key, a CSR); DANE-TA (2) and PKIX-TA (0) records with the CA certificates of
//! the chain. A TA record that names a CA of the file that did not issue the leaf's chain is
//! told apart, since a client would not accept it either.

use super::input::{Cert, Input};
use super::{association, Tlsa};
use crate::zone::name;

/// What a record matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matched {
    /// The leaf certificate (or its key).
    Leaf,
    /// A key given without a certificate (index into [`Input::keys`]).
    Key(usize),
    /// A CA on the leaf's issuing path (index into [`Input::certs`]).
    Issuer(usize),
    /// A CA of the input that is not on the leaf's issuing path.
    OffPath(usize),
}

fn selected(c: &Cert, selector: u8) -> Option<&[u8]> {
    match selector {
        0 => Some(&c.der),
        1 => Some(&c.spki),
        _ => None,
    }
}

fn same(t: &Tlsa, octets: &[u8]) -> bool {
    association(octets, t.matching_type).is_some_and(|a| a == t.data)
}

/// The first thing in `input` the record matches, if any.
pub fn matches(t: &Tlsa, input: &Input) -> Option<Matched> {
    match t.usage {
        1 | 3 => {
            if let Some(leaf) = input.leaf() {
                if selected(leaf, t.selector).is_some_and(|s| same(t, s)) {
                    return Some(Matched::Leaf);
                }
            }
            if t.selector == 1 {
                return input
                    .keys
                    .iter()
                    .position(|k| same(t, &k.spki))
                    .map(Matched::Key);
            }
            None
        }
        0 | 2 => {
            let (i, _) = input
                .cas()
                .find(|(_, c)| selected(c, t.selector).is_some_and(|s| same(t, s)))?;
            // A file that starts with a CA (certbot's chain.pem) has no leaf to chain from.
            if i == 0 || input.issuer_path().contains(&i) {
                Some(Matched::Issuer(i))
            } else {
                Some(Matched::OffPath(i))
            }
        }
        _ => None,
    }
}

/// The certificate a server presents from `input`: its leaf, unless the file holds only keys
/// (a staged next key, a CSR) or starts with a CA (certbot's `chain.pem`), which no server
/// presents as its own.
pub fn served_leaf(input: &Input) -> Option<&Cert> {
    input.leaf().filter(|c| c.ca != Some(true))
}

/// Whether a record authenticates the server that presents `input`'s chain: a DANE-EE or
/// PKIX-EE record that matches the leaf, or a DANE-TA or PKIX-TA record that matches a CA on
/// the leaf's issuing path (RFC 7671 §5). A record for a staged key of the file does not: no
/// certificate carries that key yet.
pub fn authenticates(t: &Tlsa, input: &Input) -> bool {
    matches!(matches(t, input), Some(Matched::Leaf | Matched::Issuer(_)))
}

/// The hosts a certificate is for: the DNS names of its subjectAltName, read once into
/// lower-cased wire form, since a zone asks of each of its TLSA hosts. The subject's common
/// name is not looked at (RFC 9525 §6.3 drops it).
pub struct HostNames(Vec<Vec<u8>>);

impl HostNames {
    pub fn of(cert: &Cert) -> HostNames {
        HostNames(cert.dns_names.iter().filter_map(|s| san_wire(s)).collect())
    }

    /// Whether the certificate is for `host` (wire form, lower case): one of its names is
    /// the host, or is `*.PARENT` with the `*` as the whole left-most label standing for the
    /// host's first label (RFC 6125 §6.4.3, as RFC 7672 §3.2.3 has SMTP clients match).
    pub fn names(&self, host: &[u8]) -> bool {
        self.0.iter().any(|wire| stands_for(wire, host))
    }
}

/// A subjectAltName DNS name in lower-cased wire form, if it is a name.
fn san_wire(san: &str) -> Option<Vec<u8>> {
    let mut wire = Vec::new();
    if !name::parse_text(san.as_bytes(), &mut wire).ok()? {
        wire.push(0);
    }
    Some(name::to_lowercase(&wire))
}

/// Whether the name `wire`, or the wildcard it is, stands for `host`: see [`HostNames::names`].
fn stands_for(wire: &[u8], host: &[u8]) -> bool {
    wire == host
        || wire
            .strip_prefix(b"\x01*")
            .is_some_and(|parent| name::parent(host) == Some(parent))
}

/// Whether a record can authenticate an SMTP server at all: RFC 7672 §3.1.3 makes PKIX-TA (0)
/// and PKIX-EE (1) unusable, and unknown parameters are unusable everywhere (RFC 6698 §4.1).
pub fn usable(t: &Tlsa, port: u16) -> bool {
    let usage_ok = match t.usage {
        2 | 3 => true,
        0 | 1 => port != 25,
        _ => false,
    };
    usage_ok && t.selector <= 1 && t.matching_type <= 2
}

/// Describes a match for messages.
pub fn describe(m: Matched, input: &Input) -> String {
    match m {
        Matched::Leaf => match input.leaf() {
            Some(c) => format!("the leaf certificate {}", c.name()),
            None => "the leaf certificate".into(),
        },
        Matched::Key(i) => format!("the {}", input.keys[i].form.describe()),
        Matched::Issuer(i) => format!("the CA {}", input.certs[i].name()),
        Matched::OffPath(i) => format!(
            "the CA {}, which did not issue the leaf's chain",
            input.certs[i].name()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::name::wire_for_test as w;

    fn san_names(san: &str, host: &[u8]) -> bool {
        san_wire(san).is_some_and(|wire| stands_for(&wire, host))
    }

    /// RFC 6125 §6.4.3: a `*` that is the whole left-most label stands for exactly one
    /// label; names compare without case, with or without the trailing dot.
    #[test]
    fn a_san_names_its_host_and_a_wildcard_one_label_below() {
        let host = w("mail.example.com.");
        assert!(san_names("mail.example.com", &host));
        assert!(san_names("MAIL.Example.COM.", &host));
        assert!(san_names("*.example.com", &host));
        assert!(!san_names("mx.example.com", &host));
        assert!(!san_names("*.com", &host));
        assert!(!san_names("*.mail.example.com", &host));
        assert!(!san_names("m*.example.com", &host));
        assert!(!san_names("*.example.com", &w("example.com.")));
        assert!(!san_names("*.example.com", &w("a.mail.example.com.")));
        assert!(!san_names("", &host));
        assert!(!san_names("bad..name", &host));
    }
}
