//! The TLSA records for a certificate chain, a key or a CSR: every combination of the usages,
//! selectors and matching types asked for.

use super::input::{Input, KeyForm};
use super::{association, Tlsa};

/// What a generated record is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// The leaf certificate of a chain.
    Leaf,
    /// A key given without a certificate, or a CSR's key.
    Key(KeyForm),
    /// A CA certificate of the chain; `issued_leaf` when it signed the leaf itself.
    Ca { issued_leaf: bool },
}

/// One generated record and what it was made from.
#[derive(Clone, Debug)]
pub struct Generated {
    pub tlsa: Tlsa,
    pub role: Role,
    /// The certificate's subject, or the key's type and size.
    pub subject: String,
}

impl Generated {
    /// One line saying what the record is for, such as
    /// `DANE-TA SPKI SHA2-256: CA CN=Example Intermediate, which issued the leaf`.
    pub fn describe(&self) -> String {
        let what = match &self.role {
            Role::Leaf => format!("leaf certificate {}", self.subject),
            Role::Key(form) => format!("{} ({})", form.describe(), self.subject),
            Role::Ca { issued_leaf: true } => format!("CA {}, which issued the leaf", self.subject),
            Role::Ca { issued_leaf: false } => format!("CA {}", self.subject),
        };
        format!("{}: {what}", self.tlsa.params_text())
    }
}

/// The records for one input. Usages 3 and 1 take the leaf (or the keys of a key file or
/// CSR), usages 2 and 0 every CA certificate of the chain. Errors say why a combination
/// cannot be made from this input.
pub fn records(
    input: &Input,
    usages: &[u8],
    selectors: &[u8],
    matching_types: &[u8],
) -> Result<Vec<Generated>, String> {
    let mut out: Vec<Generated> = Vec::new();
    let mut push = |g: Generated| {
        if !out.iter().any(|o| o.tlsa == g.tlsa) {
            out.push(g);
        }
    };
    // A file that starts with a CA (certbot's chain.pem) has no leaf to have issued.
    let issuer_of_leaf = input
        .leaf()
        .filter(|l| l.ca != Some(true))
        .and_then(|_| input.issuer_path().first().copied());
    for &usage in usages {
        for &selector in selectors {
            for &mt in matching_types {
                let make = |octets: &[u8]| Tlsa {
                    usage,
                    selector,
                    matching_type: mt,
                    data: association(octets, mt).unwrap_or_default(),
                };
                match usage {
                    1 | 3 => {
                        if let Some(leaf) = input.leaf() {
                            let octets = if selector == 0 { &leaf.der } else { &leaf.spki };
                            push(Generated {
                                tlsa: make(octets),
                                role: Role::Leaf,
                                subject: leaf.name(),
                            });
                        } else if selector == 0 {
                            return Err(format!(
                                "holds a {}, not a certificate: selector 0 (Cert) needs a certificate",
                                input.keys.first().map_or("key", |k| k.form.describe())
                            ));
                        }
                        if selector == 1 {
                            for k in &input.keys {
                                push(Generated {
                                    tlsa: make(&k.spki),
                                    role: Role::Key(k.form),
                                    subject: super::input::describe_spki(&k.spki),
                                });
                            }
                        }
                    }
                    _ => {
                        let cas: Vec<_> = input.cas().collect();
                        if cas.is_empty() {
                            return Err(format!(
                                "holds no CA certificate: usage {usage} ({}) names a CA, so give the chain (fullchain.pem)",
                                super::acronym(super::USAGES, usage)
                            ));
                        }
                        for (i, c) in cas {
                            let octets = if selector == 0 { &c.der } else { &c.spki };
                            push(Generated {
                                tlsa: make(octets),
                                role: Role::Ca {
                                    issued_leaf: issuer_of_leaf == Some(i),
                                },
                                subject: c.name(),
                            });
                        }
                    }
                }
            }
        }
    }
    Ok(out)
}
