//! The chain of trust of one zone as a graph, for drawing: the parent's DS records, the
//! apex keys they match, the signatures over the DNSKEY RRset, and the RRsets each key
//! signs, by type with counts. Broken links carry the code of the finding that broke them.
//!
//! The model is built from the zone and the findings `verify` made: a signature is broken
//! when an error finding points at its RRSIG record (as its place or as evidence). It holds
//! no coordinates or colours; `report::chain_svg` draws it.

use super::keys::{Ds, DsMatch, Key};
use super::ParentDs;
use crate::diag::{Diagnostic, Severity};
use crate::index::Cx;
use crate::rules::dnssec::{
    DNSKEY_NOT_SIGNED_BY_DS_KEY, DNSKEY_NOT_SIGNED_BY_SEP, DS_DIGEST_MISMATCH, DS_NO_MATCHING_KEY,
};
use crate::zone::rtype::{t, type_to_string};
use crate::zone::view::Rrsig;
use crate::zone::Zone;
use std::collections::BTreeMap;

/// The chain of trust of one zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain {
    /// The zone's apex, as text (`example.com.`).
    pub zone: String,
    /// The parent's DS records (`--ds`), in file order; empty without `--ds`.
    pub ds: Vec<DsNode>,
    /// The apex DNSKEYs, in zone order.
    pub keys: Vec<KeyNode>,
    /// Signers that are not apex keys, by key tag and algorithm, in order of first use.
    pub unknown_signers: Vec<(u16, u8)>,
    /// The signatures over the apex DNSKEY RRset, and the links a DS-matched or SEP key
    /// should have made and did not.
    pub dnskey_sigs: Vec<SigLink>,
    /// The other RRsets of the zone each signer signs, summarised by type.
    pub signed: Vec<SignedType>,
}

/// One DS record of the parent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DsNode {
    pub tag: u16,
    pub algorithm: u8,
    pub digest_type: u8,
    /// The index in [`Chain::keys`] of the key it matches.
    pub key: Option<usize>,
    /// The finding's code when it matches no key (ZW2102, ZW2103).
    pub problem: Option<&'static str>,
}

/// One apex DNSKEY.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyNode {
    pub tag: u16,
    pub algorithm: u8,
    pub flags: u16,
    /// The SEP flag (257): a key-signing key.
    pub sep: bool,
    pub revoked: bool,
    /// The key signs RRsets other than the DNSKEY RRset.
    pub signs_data: bool,
    /// The key cannot be used (ZW2xxx bad DNSKEY).
    pub problem: Option<&'static str>,
}

/// Who made a signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Signer {
    /// An index in [`Chain::keys`].
    Key(usize),
    /// An index in [`Chain::unknown_signers`].
    Unknown(usize),
}

/// The state of one link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    Valid,
    /// The signature is there and a finding with this code says it is not good.
    Broken(&'static str),
    /// The signature should be there and is not (ZW2101, ZW2104).
    Missing(&'static str),
}

/// A signature over the DNSKEY RRset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigLink {
    pub signer: Signer,
    pub link: Link,
}

/// The RRsets of one type one signer signs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedType {
    pub signer: Signer,
    /// The type mnemonic (`A`, `NSEC`, `TYPE65534`).
    pub rtype: String,
    /// How many RRsets of the type have a signature by the signer.
    pub rrsets: u64,
    /// Broken signatures by finding code, codes in order, with their count.
    pub broken: Vec<(&'static str, u64)>,
}

/// The chain of trust of `cx`'s zone from `diags`, the findings `verify` made with
/// `parent` as its `--ds`.
pub fn build(cx: &Cx, parent: Option<&[ParentDs]>, diags: &[Diagnostic]) -> Chain {
    let zone = cx.zone;
    let keys = super::apex_keys(cx);
    let broken = broken_signatures(zone, diags);
    let (unknown_signers, mut dnskey_sigs, signed) = signatures(zone, &keys, &broken);
    let ds = parent_links(zone, &keys, parent, diags, &mut dnskey_sigs);
    let bad_key = crate::rules::dnssec::BAD_DNSKEY.code;
    let key_nodes = keys
        .iter()
        .enumerate()
        .map(|(i, k): (usize, &Key)| KeyNode {
            tag: k.tag,
            algorithm: k.algorithm,
            flags: k.flags,
            sep: k.is_sep(),
            revoked: k.is_revoked(),
            signs_data: signed.keys().any(|(s, _)| *s == Signer::Key(i)),
            problem: k.problem.as_ref().map(|_| bad_key),
        })
        .collect();
    let signed = signed
        .into_iter()
        .map(|((signer, rtype), (owners, broken))| SignedType {
            signer,
            rtype: type_to_string(rtype),
            rrsets: owners.len() as u64,
            broken: broken.into_iter().collect(),
        })
        .collect();
    Chain {
        zone: zone.origin_text(),
        ds,
        keys: key_nodes,
        unknown_signers,
        dnskey_sigs,
        signed,
    }
}

/// The RRSIG records an error finding points at (as its place or as evidence), with the
/// code of the first such finding.
fn broken_signatures(zone: &Zone, diags: &[Diagnostic]) -> BTreeMap<u32, &'static str> {
    // Where each error finding points, as record indices: a signature is broken when one
    // of them is its RRSIG.
    let mut by_pos: Vec<(u32, u32, u32)> = zone
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (file, pos) = zone.text_order(r);
            (file, pos, i as u32)
        })
        .collect();
    by_pos.sort_unstable();
    let record_at = |file: u32, pos: u32| -> Option<u32> {
        let n = by_pos.partition_point(|&(f, p, _)| (f, p) <= (file, pos));
        let &(f, _, i) = by_pos.get(n.checked_sub(1)?)?;
        (f == file).then_some(i)
    };
    let mut broken: BTreeMap<u32, &'static str> = BTreeMap::new();
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        let spans = d.span.iter().chain(d.related().iter().map(|(s, _)| s));
        for s in spans {
            if let Some(i) = record_at(s.file, s.start) {
                if zone.records[i as usize].rtype == t::RRSIG {
                    broken.entry(i).or_insert(d.rule.code);
                }
            }
        }
    }
    broken
}

/// (signer, type) → (RRset owners, broken signatures by code).
type Tally = BTreeMap<(Signer, u16), (Vec<u32>, BTreeMap<&'static str, u64>)>;

/// Every RRSIG of the zone by signer: the signers that are not apex keys, the signatures
/// over the apex DNSKEY RRset, and the other RRsets by signer and type.
fn signatures(
    zone: &Zone,
    keys: &[Key],
    broken: &BTreeMap<u32, &'static str>,
) -> (Vec<(u16, u8)>, Vec<SigLink>, Tally) {
    let mut unknown_signers: Vec<(u16, u8)> = Vec::new();
    let mut dnskey_sigs: Vec<SigLink> = Vec::new();
    let mut signed: Tally = BTreeMap::new();
    for (i, r) in zone.records.iter().enumerate() {
        if r.rtype != t::RRSIG {
            continue;
        }
        let Some(sig) = Rrsig::parse(zone.rdata(r)) else {
            continue;
        };
        let signer = match keys
            .iter()
            .position(|k| k.tag == sig.key_tag && k.algorithm == sig.algorithm)
        {
            Some(k) => Signer::Key(k),
            None => {
                let id = (sig.key_tag, sig.algorithm);
                let n = match unknown_signers.iter().position(|&u| u == id) {
                    Some(n) => n,
                    None => {
                        unknown_signers.push(id);
                        unknown_signers.len() - 1
                    }
                };
                Signer::Unknown(n)
            }
        };
        let problem = broken.get(&(i as u32)).copied();
        if sig.type_covered == t::DNSKEY && r.owner == zone.origin_id {
            dnskey_sigs.push(SigLink {
                signer,
                link: problem.map_or(Link::Valid, Link::Broken),
            });
            continue;
        }
        let e = signed.entry((signer, sig.type_covered)).or_default();
        if !e.0.contains(&r.owner) {
            e.0.push(r.owner);
        }
        if let Some(code) = problem {
            *e.1.entry(code).or_default() += 1;
        }
    }
    dnskey_sigs.sort_by_key(|s| s.signer);
    (unknown_signers, dnskey_sigs, signed)
}

/// The parent's DS records and the keys they match; adds to `dnskey_sigs` the links that
/// should be there and are not (ZW2104, or ZW2101 without `--ds`).
fn parent_links(
    zone: &Zone,
    keys: &[Key],
    parent: Option<&[ParentDs]>,
    diags: &[Diagnostic],
    dnskey_sigs: &mut Vec<SigLink>,
) -> Vec<DsNode> {
    let key_index = |rec: u32| keys.iter().position(|k| k.record == rec);
    let has = |code: &str| diags.iter().any(|d| d.rule.code == code);
    let signs_valid = |k: usize| {
        dnskey_sigs
            .iter()
            .any(|s| s.signer == Signer::Key(k) && s.link == Link::Valid)
    };
    // A key with a broken signature over the DNSKEY RRset has its link drawn already.
    let signs = |k: usize| dnskey_sigs.iter().any(|s| s.signer == Signer::Key(k));
    let mut ds = Vec::new();
    let mut ds_keys = Vec::new();
    for p in parent.unwrap_or_default() {
        let Some(d) = Ds::parse(&p.rdata) else {
            continue;
        };
        let (key, problem) = match d.matches(zone.origin.as_slice(), keys) {
            DsMatch::Key(rec) => (key_index(rec), None),
            DsMatch::NoKey => (None, Some(DS_NO_MATCHING_KEY.code)),
            DsMatch::DigestMismatch => (None, Some(DS_DIGEST_MISMATCH.code)),
            DsMatch::UnknownDigest => (None, None),
        };
        ds_keys.extend(key);
        ds.push(DsNode {
            tag: d.tag,
            algorithm: d.algorithm,
            digest_type: d.digest_type,
            key,
            problem,
        });
    }
    // The links that should be there: a key the DS matches, and with no DS the SEP keys,
    // when the finding that says they are not was made.
    ds_keys.sort_unstable();
    ds_keys.dedup();
    if !ds_keys.iter().any(|&k| signs_valid(k)) && has(DNSKEY_NOT_SIGNED_BY_DS_KEY.code) {
        let unsigned: Vec<usize> = ds_keys.iter().copied().filter(|&k| !signs(k)).collect();
        for k in unsigned {
            dnskey_sigs.push(SigLink {
                signer: Signer::Key(k),
                link: Link::Missing(DNSKEY_NOT_SIGNED_BY_DS_KEY.code),
            });
        }
    } else if ds_keys.is_empty() && has(DNSKEY_NOT_SIGNED_BY_SEP.code) {
        let unsigned: Vec<usize> = (0..keys.len())
            .filter(|&k| keys[k].is_sep() && !signs(k))
            .collect();
        for k in unsigned {
            dnskey_sigs.push(SigLink {
                signer: Signer::Key(k),
                link: Link::Missing(DNSKEY_NOT_SIGNED_BY_SEP.code),
            });
        }
    }
    dnskey_sigs.sort_by_key(|s| s.signer);
    ds
}
