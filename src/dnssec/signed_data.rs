//! The data an RRSIG signs (RFC 4034 §3.1.8.1), built from the zone's canonical wire RDATA.
//!
//! hickory-proto's own builder orders an RRset by TTL before RDATA, compares RDATA without
//! lower-casing names, and keeps duplicates (see shared/HICKORY.md), so a valid signature
//! over such an RRset fails there. This one follows the RFC: RRSIG RDATA without the
//! signature and with the signer lower-cased, then every record as owner | type | class |
//! original TTL | RDLENGTH | canonical RDATA, in canonical RDATA order (§6.3), duplicates
//! dropped, with the owner lower-cased and wildcard-expanded per the labels field.

use crate::index::canonical_rdata;
use crate::zone::name;
use crate::zone::{Record, Zone};
use std::borrow::Cow;

/// An RRSIG's fields, borrowed from the zone's RDATA.
pub use crate::zone::view::Rrsig;

/// The fixed part of RRSIG RDATA: type covered to key tag.
pub const RRSIG_FIXED: usize = Rrsig::FIXED;

/// Appends the owner as it is signed: lower case (the table keeps names lower-cased), and
/// for a signature whose labels field is below the owner's label count, `*.` and the
/// rightmost `labels` labels (RFC 4035 §5.3.2).
fn push_owner(owner: &[u8], labels: u8, out: &mut Vec<u8>) {
    let mut count = name::label_count(owner);
    let mut w = owner;
    if count > labels as usize {
        while count > labels as usize {
            w = name::parent(w).unwrap_or(w);
            count -= 1;
        }
        out.extend_from_slice(b"\x01*");
    }
    out.extend_from_slice(w);
}

/// Writes the signed data of `sig` over the records `rrset` (all of one owner, type and
/// class) into `out`, which is cleared first.
pub fn build(zone: &Zone, sig: &Rrsig, owner: &[u8], rrset: &[&Record], out: &mut Vec<u8>) {
    let ordered = canonical_order(zone, sig.type_covered, rrset);
    build_ordered(sig, owner, zone.class, &ordered, out);
}

/// The RRset's RDATA in canonical form (RFC 4034 §6.2) and canonical order (§6.3),
/// duplicates dropped. This is the part of the signed data that costs a sort, and it is the
/// same for every RRSIG over the RRset: only the RRSIG RDATA in front and the owner, type,
/// class and original TTL before each record depend on the signature.
pub fn canonical_order<'z>(zone: &'z Zone, rtype: u16, rrset: &[&Record]) -> Vec<Cow<'z, [u8]>> {
    let mut datas: Vec<Cow<[u8]>> = rrset
        .iter()
        .map(|r| canonical_rdata(rtype, zone.rdata(r)))
        .collect();
    if datas.len() > 1 {
        // RFC 4034 §6.3: RDATA as left-justified octet strings, a missing octet before a
        // zero octet, which is exactly the order of byte slices.
        datas.sort_unstable();
        datas.dedup();
    }
    datas
}

/// Writes the signed data of `sig` into `out`, which is cleared first: over an RRset of
/// class `class` at `owner` whose canonical RDATA `ordered` holds, as [`canonical_order`]
/// returns it.
pub fn build_ordered(
    sig: &Rrsig,
    owner: &[u8],
    class: u16,
    ordered: &[Cow<[u8]>],
    out: &mut Vec<u8>,
) {
    out.clear();
    out.extend_from_slice(&sig.rdata[..RRSIG_FIXED]);
    out.extend(sig.signer.iter().map(u8::to_ascii_lowercase));
    let mut head = Vec::with_capacity(owner.len() + 10);
    push_owner(owner, sig.labels, &mut head);
    head.extend_from_slice(&sig.type_covered.to_be_bytes());
    head.extend_from_slice(&class.to_be_bytes());
    head.extend_from_slice(&sig.original_ttl.to_be_bytes());
    out.reserve(ordered.iter().map(|d| head.len() + 2 + d.len()).sum());
    for d in ordered {
        out.extend_from_slice(&head);
        out.extend_from_slice(&(d.len() as u16).to_be_bytes());
        out.extend_from_slice(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_owner_is_expanded_per_labels() {
        let mut out = Vec::new();
        push_owner(b"\x01a\x01b\x07example\x00", 2, &mut out);
        assert_eq!(out, b"\x01*\x01b\x07example\x00");
        out.clear();
        push_owner(b"\x01*\x07example\x00", 1, &mut out);
        assert_eq!(out, b"\x01*\x07example\x00");
    }
}
