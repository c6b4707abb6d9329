//! Whether a TLSA record fits a certificate chain or a key (RFC 6698 §2.1, RFC 7671 §5).
//!
//! DANE-EE (3) and PKIX-EE (1) records are compared with the leaf, or with a bare key (the
//! staged next key, a CSR); DANE-TA (2) and PKIX-TA (0) records with the CA certificates of
//! the chain. A TA record that names a CA of the file that did not issue the leaf's chain is
//! told apart, since a client would not accept it either.

use super::input::{Cert, Input};
use super::{association, Tlsa};

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
