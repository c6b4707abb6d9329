//! The chain of trust at the apex: the DNSKEY RRset signed by a SEP key and, with `--ds`,
//! by a key the parent's DS matches; CDS and CDNSKEY consistent with the keys (RFC 7344,
//! RFC 8078).

use super::keys::{algorithm_text, Ds, DsMatch, Key};
use super::ParentDs;
use crate::diag::Diagnostic;
use crate::index::Cx;
use crate::rules::dnssec::*;
use crate::zone::rtype::t;

/// RFC 8078 §4: the CDNSKEY delete form, `0 3 0 AA==`.
const CDNSKEY_DELETE: &[u8] = &[0, 0, 3, 0, 0];

/// Runs the chain-of-trust checks: `dnskey_signers` are the records of the apex keys that
/// made a valid signature over the apex DNSKEY RRset, `parent` the `--ds` records if given.
pub fn check(
    cx: &Cx,
    keys: &[Key],
    dnskey_signers: &[u32],
    parent: Option<&[ParentDs]>,
    out: &mut Vec<Diagnostic>,
) {
    let zone = cx.zone;
    let first_key = cx.record(keys[0].record);
    let signer = |rec: u32| keys.iter().find(|k| k.record == rec);
    // Only judge the SEP signature when some key could be verified at all.
    let verifiable = keys.iter().any(|k| k.verifier.is_some() && k.usable());
    if verifiable
        && !dnskey_signers
            .iter()
            .any(|&r| signer(r).is_some_and(Key::is_sep))
    {
        let mut d = Diagnostic::new(
            &DNSKEY_NOT_SIGNED_BY_SEP,
            Some(cx.zone.span_of(first_key)),
            format!(
                "the DNSKEY RRset of {} has no valid signature by a key with the SEP flag (257)",
                zone.origin_text()
            ),
        )
        .with_fix("sign the DNSKEY RRset with the KSK (the key the parent's DS points to)");
        for k in keys
            .iter()
            .filter(|k| k.is_sep() && k.record != keys[0].record)
        {
            let label = "a key with the SEP flag, which made no valid signature over the set";
            d = d.with_related(cx.zone.span_of(cx.record(k.record)), label);
        }
        out.push(d);
    }
    if let Some(parent) = parent {
        parent_ds(cx, keys, dnskey_signers, parent, out);
    }
    Cds::read(cx).check(cx, keys, out);
}

/// CDS and CDNSKEY consistent with each other and with `keys` (which may be none).
pub fn check_cds(cx: &Cx, keys: &[Key], out: &mut Vec<Diagnostic>) {
    Cds::read(cx).check(cx, keys, out);
}

/// With `--ds`: each of the parent's DS records names a key of the apex and matches its
/// digest, and one of the keys they match signs the DNSKEY RRset.
fn parent_ds(
    cx: &Cx,
    keys: &[Key],
    dnskey_signers: &[u32],
    parent: &[ParentDs],
    out: &mut Vec<Diagnostic>,
) {
    let zone = cx.zone;
    let apex_wire = zone.origin.as_slice();
    let mut matched: Vec<u32> = Vec::new();
    // DS records that could be checked at all (parsed, with a digest type computed here).
    let mut checked = 0;
    let mut passed_over: Vec<String> = Vec::new();
    for ds in parent {
        let Some(d) = Ds::parse(&ds.rdata) else {
            passed_over.push(format!("{} does not parse", ds.at));
            continue;
        };
        let m = d.matches(apex_wire, keys);
        if matches!(m, DsMatch::UnknownDigest) {
            passed_over.push(format!("{} has digest type {}", ds.at, d.digest_type));
        } else {
            checked += 1;
        }
        match m {
            DsMatch::Key(r) => matched.push(r),
            DsMatch::NoKey => out.push(with_keys(
                cx,
                keys.iter().filter(|k| k.algorithm == d.algorithm),
                |k| format!("DNSKEY {} has this algorithm but another tag", k.tag),
                Diagnostic::new(
                    &DS_NO_MATCHING_KEY,
                    None,
                    format!(
                        "DS {} ({}) at {} names no key in the DNSKEY set of {}",
                        d.tag,
                        algorithm_text(d.algorithm),
                        ds.at,
                        zone.origin_text()
                    ),
                )
                .with_fix("publish the key, or have the parent remove the DS"),
            )),
            DsMatch::DigestMismatch => out.push(with_keys(
                cx,
                keys.iter()
                    .filter(|k| k.tag == d.tag && k.algorithm == d.algorithm),
                |k| format!("DNSKEY {}, whose digest differs from the DS", k.tag),
                Diagnostic::new(
                    &DS_DIGEST_MISMATCH,
                    None,
                    format!(
                        "DS {} ({}, digest type {}) at {} does not match the digest of DNSKEY {}",
                        d.tag,
                        algorithm_text(d.algorithm),
                        d.digest_type,
                        ds.at,
                        d.tag
                    ),
                ),
            )),
            DsMatch::UnknownDigest => {}
        }
    }
    if checked == 0 && !parent.is_empty() {
        out.push(
            Diagnostic::new(
                &DS_UNVERIFIABLE,
                None,
                format!(
                    "none of the parent's DS records for {} could be checked: {}",
                    zone.origin_text(),
                    passed_over.join("; ")
                ),
            )
            .with_fix("have the parent publish a DS with digest type 2 (SHA-256)"),
        );
    }
    // A revoked key signs the DNSKEY RRset only to announce its revocation: validators do
    // not use it (RFC 5011 §2.1), so its signature completes no chain.
    let revoked = |r: u32| keys.iter().any(|k| k.record == r && k.is_revoked());
    let chain = dnskey_signers
        .iter()
        .any(|&r| matched.contains(&r) && !revoked(r));
    if !matched.is_empty() && !chain {
        let tags: Vec<String> = matched
            .iter()
            .filter_map(|&r| keys.iter().find(|k| k.record == r))
            .map(|k| {
                if k.is_revoked() {
                    format!("{}, revoked", k.tag)
                } else {
                    k.tag.to_string()
                }
            })
            .collect();
        out.push(with_keys(
            cx,
            keys.iter().filter(|k| matched.contains(&k.record)),
            |k| format!("key {}, which the parent's DS matches", k.tag),
            Diagnostic::new(
                &DNSKEY_NOT_SIGNED_BY_DS_KEY,
                Some(cx.zone.span_of(cx.record(keys[0].record))),
                format!(
                    "the DNSKEY RRset of {} has no valid signature by a key the parent's DS matches (key {})",
                    zone.origin_text(),
                    tags.join(", ")
                ),
            )
            .with_fix("sign the DNSKEY RRset with that key"),
        ));
    }
}

/// How many keys a finding shows as evidence.
const MAX_RELATED: usize = 4;

/// `d` with the records of the first few of `keys` as evidence, each labelled by `label`.
fn with_keys<'k>(
    cx: &Cx,
    keys: impl Iterator<Item = &'k Key>,
    label: impl Fn(&Key) -> String,
    mut d: Diagnostic,
) -> Diagnostic {
    for k in keys.take(MAX_RELATED) {
        d = d.with_related(cx.zone.span_of(cx.record(k.record)), label(k));
    }
    d
}

/// The CDS and CDNSKEY records at the apex, and whether each set holds the delete form
/// (RFC 8078 §4).
struct Cds {
    cds: Vec<u32>,
    cdnskey: Vec<u32>,
    cds_delete: bool,
    cdnskey_delete: bool,
}

/// Whether CDS record `i` is the delete form, `0 0 0 00` (RFC 8078 §4).
fn is_cds_delete(cx: &Cx, i: u32) -> bool {
    Ds::parse(cx.zone.rdata(cx.record(i))).is_some_and(|d| d.is_delete())
}

/// Whether CDNSKEY record `i` is the delete form (RFC 8078 §4).
fn is_cdnskey_delete(cx: &Cx, i: u32) -> bool {
    let d = cx.zone.rdata(cx.record(i));
    d.len() >= 4 && d[0] == 0 && d[1] == 0 && d[3] == 0 || d == CDNSKEY_DELETE
}

impl Cds {
    /// The CDS and CDNSKEY records at the apex.
    fn read(cx: &Cx) -> Cds {
        let of_type = |ty: u16| -> Vec<u32> {
            cx.records_of(cx.zone.origin_id)
                .iter()
                .copied()
                .filter(|&i| cx.record(i).rtype == ty)
                .collect()
        };
        let cds = of_type(t::CDS);
        let cdnskey = of_type(t::CDNSKEY);
        let cds_delete = cds.iter().any(|&i| is_cds_delete(cx, i));
        let cdnskey_delete = cdnskey.iter().any(|&i| is_cdnskey_delete(cx, i));
        Cds {
            cds,
            cdnskey,
            cds_delete,
            cdnskey_delete,
        }
    }

    /// CDS and CDNSKEY consistent with each other and with the keys (RFC 7344 §4, RFC 8078).
    fn check(&self, cx: &Cx, keys: &[Key], out: &mut Vec<Diagnostic>) {
        let (cds, cdnskey) = (&self.cds, &self.cdnskey);
        for (set, del, name) in [
            (cds, self.cds_delete, "CDS"),
            (cdnskey, self.cdnskey_delete, "CDNSKEY"),
        ] {
            if del && set.len() > 1 {
                out.push(Diagnostic::new(
                    &CDS_DELETE_FORM,
                    Some(cx.zone.span_of(cx.record(set[0]))),
                    format!("the {name} RRset holds the delete form (RFC 8078 §4) and other records; the delete form must stand alone"),
                ));
            }
        }
        if !cds.is_empty() && !cdnskey.is_empty() && self.cds_delete != self.cdnskey_delete {
            out.push(Diagnostic::new(
                &CDS_DELETE_FORM,
                Some(cx.zone.span_of(cx.record(cds[0]))),
                "one of CDS and CDNSKEY asks for deletion of the DS (RFC 8078 §4) and the other does not",
            ));
        }
        let mut by_cds = self.cds_keys(cx, keys, out);
        let mut by_cdnskey = self.cdnskey_keys(cx, keys, out);
        if !self.cds_delete && !self.cdnskey_delete && !cds.is_empty() && !cdnskey.is_empty() {
            by_cds.sort_unstable();
            by_cds.dedup();
            by_cdnskey.sort_unstable();
            by_cdnskey.dedup();
            if by_cds != by_cdnskey {
                out.push(Diagnostic::new(
                    &CDS_MISMATCH,
                    Some(cx.zone.span_of(cx.record(cds[0]))),
                    "CDS and CDNSKEY name different keys (RFC 7344 §4: they must agree)",
                ));
            }
        }
    }

    /// The records of the keys the CDS records (other than the delete form) match; reports
    /// those that match none.
    fn cds_keys(&self, cx: &Cx, keys: &[Key], out: &mut Vec<Diagnostic>) -> Vec<u32> {
        let zone = cx.zone;
        let mut by_cds: Vec<u32> = Vec::new();
        for &i in self.cds.iter().filter(|&&i| !is_cds_delete(cx, i)) {
            let r = cx.record(i);
            let Some(d) = Ds::parse(zone.rdata(r)) else {
                continue;
            };
            match d.matches(zone.origin.as_slice(), keys) {
                DsMatch::Key(k) => by_cds.push(k),
                DsMatch::NoKey => out.push(Diagnostic::new(
                    &CDS_MISMATCH,
                    Some(cx.zone.span_of(r)),
                    format!(
                        "CDS {} ({}) names no key in the DNSKEY set",
                        d.tag,
                        algorithm_text(d.algorithm)
                    ),
                )),
                DsMatch::DigestMismatch => out.push(Diagnostic::new(
                    &CDS_MISMATCH,
                    Some(cx.field_span(r, 3)),
                    format!(
                        "CDS {} ({}) does not match the digest of DNSKEY {}",
                        d.tag,
                        algorithm_text(d.algorithm),
                        d.tag
                    ),
                )),
                DsMatch::UnknownDigest => {}
            }
        }
        by_cds
    }

    /// The records of the keys the CDNSKEY records (other than the delete form) equal;
    /// reports those that equal none.
    fn cdnskey_keys(&self, cx: &Cx, keys: &[Key], out: &mut Vec<Diagnostic>) -> Vec<u32> {
        let mut by_cdnskey: Vec<u32> = Vec::new();
        for &i in self.cdnskey.iter().filter(|&&i| !is_cdnskey_delete(cx, i)) {
            let r = cx.record(i);
            let data = cx.zone.rdata(r);
            match keys.iter().find(|k| k.rdata == data) {
                Some(k) => by_cdnskey.push(k.record),
                None => out.push(Diagnostic::new(
                    &CDS_MISMATCH,
                    Some(cx.zone.span_of(r)),
                    format!(
                        "CDNSKEY {} equals no DNSKEY at the apex",
                        super::keys::key_tag(data)
                    ),
                )),
            }
        }
        by_cdnskey
    }
}
