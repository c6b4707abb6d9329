//! The NSEC chain (RFC 4034 §4, RFC 4035 §2.3): one NSEC per authoritative name and
//! delegation point, closed in canonical order, each bitmap equal to the types present.

use crate::diag::Diagnostic;
use crate::index::{flags, Cx};
use crate::rules::dnssec::*;
use crate::zone::name::{self, NameId};
use crate::zone::rdata::decode_bitmap;
use crate::zone::rtype::{t, type_to_string};
use rayon::prelude::*;
use std::cmp::Ordering;

/// RFC 4034 §6.1 order of two lower-case wire names, without allocating.
pub fn canonical_cmp_lower(a: &[u8], b: &[u8]) -> Ordering {
    let (mut sa, mut sb) = ([0u8; 128], [0u8; 128]);
    let na = label_starts(a, &mut sa);
    let nb = label_starts(b, &mut sb);
    let (mut i, mut j) = (na, nb);
    while i > 0 && j > 0 {
        i -= 1;
        j -= 1;
        let la = label_at(a, sa[i]);
        let lb = label_at(b, sb[j]);
        match la.cmp(lb) {
            Ordering::Equal => {}
            o => return o,
        }
    }
    na.cmp(&nb)
}

fn label_starts(w: &[u8], out: &mut [u8; 128]) -> usize {
    let mut n = 0;
    let mut i = 0usize;
    while i < w.len() && w[i] != 0 && n < 128 {
        out[n] = i as u8;
        n += 1;
        i += 1 + w[i] as usize;
    }
    n
}

fn label_at(w: &[u8], start: u8) -> &[u8] {
    let s = start as usize;
    let len = w[s] as usize;
    &w[s + 1..(s + 1 + len).min(w.len())]
}

/// The types an NSEC or NSEC3 bitmap must list for a name (without NSEC/NSEC3 itself): at a
/// delegation point only NS, DS and RRSIG; elsewhere every type present.
pub fn types_at(cx: &Cx, id: NameId) -> Vec<u16> {
    let cut = cx.has(id, flags::CUT);
    let mut v: Vec<u16> = Vec::new();
    for &i in cx.records_of(id) {
        let ty = cx.record(i).rtype;
        if ty == t::NSEC || ty == t::NSEC3 {
            continue;
        }
        if cut && !matches!(ty, t::NS | t::DS | t::RRSIG) {
            continue;
        }
        if v.last() != Some(&ty) {
            v.push(ty);
        }
    }
    v
}

/// Names of the form "A AAAA RRSIG" for messages.
pub fn type_list(types: &[u16]) -> String {
    if types.is_empty() {
        return "no types".into();
    }
    types
        .iter()
        .map(|&x| type_to_string(x))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Compares a bitmap with the expected types; a message fragment when they differ.
pub fn bitmap_difference(listed: &[u16], expected: &[u16]) -> Option<String> {
    let missing: Vec<u16> = expected
        .iter()
        .copied()
        .filter(|x| !listed.contains(x))
        .collect();
    let extra: Vec<u16> = listed
        .iter()
        .copied()
        .filter(|x| !expected.contains(x))
        .collect();
    if missing.is_empty() && extra.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("missing {}", type_list(&missing)));
    }
    if !extra.is_empty() {
        parts.push(format!("listing absent {}", type_list(&extra)));
    }
    Some(parts.join(", "))
}

/// Whether a name's only records are NSEC3 and their signatures: an NSEC3 owner, which is
/// not itself a name of the zone's data.
pub fn is_nsec3_only(cx: &Cx, id: NameId) -> bool {
    let recs = cx.records_of(id);
    !recs.is_empty()
        && recs.iter().all(|&i| {
            let r = cx.record(i);
            r.rtype == t::NSEC3
                || (r.rtype == t::RRSIG
                    && super::signed_data::Rrsig::covered(cx.zone.rdata(r)) == Some(t::NSEC3))
        })
}

/// Checks the NSEC chain.
pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) -> usize {
    let zone = cx.zone;
    let n = zone.names.len() as NameId;
    // The names of the chain: authoritative names with data, and delegation points.
    let mut chain: Vec<NameId> = (0..n)
        .filter(|&id| {
            cx.is_authoritative(id) && !cx.records_of(id).is_empty() && !is_nsec3_only(cx, id)
        })
        .collect();
    chain
        .par_sort_unstable_by(|&a, &b| canonical_cmp_lower(zone.names.wire(a), zone.names.wire(b)));
    let found: Vec<Diagnostic> = chain
        .par_iter()
        .enumerate()
        .with_min_len(1024)
        .fold(Vec::new, |mut acc, (k, &id)| {
            let next_id = chain[(k + 1) % chain.len()];
            link(cx, id, next_id, &mut acc);
            acc
        })
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        });
    out.extend(found);
    // NSEC records outside the chain: below a delegation or a DNAME.
    for id in 0..n {
        if !cx.is_authoritative(id) {
            for &i in cx.records_of(id) {
                let r = cx.record(i);
                if r.rtype == t::NSEC {
                    out.push(Diagnostic::new(
                        &NSEC_CHAIN,
                        Some(cx.zone.span_of(r)),
                        format!(
                            "NSEC at {}, which is not authoritative (below a delegation or DNAME) and is no part of the chain",
                            cx.name_text(id)
                        ),
                    ).with_fix("remove it and re-sign the zone"));
                }
            }
        }
    }
    chain.len()
}

fn link(cx: &Cx, id: NameId, next_id: NameId, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let nsecs: Vec<u32> = cx
        .records_of(id)
        .iter()
        .copied()
        .filter(|&i| cx.record(i).rtype == t::NSEC)
        .collect();
    let Some(&first) = nsecs.first() else {
        let span = cx
            .records_of(id)
            .first()
            .map(|&i| cx.zone.span_of(cx.record(i)));
        out.push(
            Diagnostic::new(
                &NSEC_MISSING,
                span,
                format!("{} has no NSEC record", cx.name_text(id)),
            )
            .with_fix("re-sign the zone after editing it"),
        );
        return;
    };
    for &extra in &nsecs[1..] {
        out.push(
            Diagnostic::new(
                &NSEC_CHAIN,
                Some(cx.zone.span_of(cx.record(extra))),
                format!("{} has more than one NSEC record", cx.name_text(id)),
            )
            .with_related(cx.zone.span_of(cx.record(first)), "the first NSEC record"),
        );
    }
    let r = cx.record(first);
    let data = zone.rdata(r);
    let Some(nsec) = crate::zone::view::Nsec::parse(data) else {
        return;
    };
    let next = nsec.next;
    let want = zone.names.wire(next_id);
    if !next.eq_ignore_ascii_case(want) {
        let mut d = Diagnostic::new(
            &NSEC_CHAIN,
            Some(cx.field_span(r, 0)),
            format!(
                "NSEC at {} points to {}, but the next name in canonical order is {}",
                cx.name_text(id),
                name::to_text(next),
                name::to_text(want)
            ),
        )
        .with_fix("re-sign the zone");
        if let Some(&n) = cx.records_of(next_id).first() {
            d = d.with_related(
                cx.zone.span_of(cx.record(n)),
                "the next name in canonical order",
            );
        }
        out.push(d);
    }
    let Some(listed) = decode_bitmap(nsec.types) else {
        return;
    };
    let mut expected = types_at(cx, id);
    expected.push(t::NSEC);
    if !expected.contains(&t::RRSIG) {
        // The NSEC itself is signed.
        expected.push(t::RRSIG);
    }
    expected.sort_unstable();
    if let Some(diff) = bitmap_difference(&listed, &expected) {
        out.push(
            Diagnostic::new(
                &NSEC_BITMAP,
                Some(cx.field_span(r, 1)),
                format!(
                    "NSEC at {} lists {}, but the name has {} ({diff})",
                    cx.name_text(id),
                    type_list(&listed),
                    type_list(&expected)
                ),
            )
            .with_fix("re-sign the zone"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_order_matches_the_reader() {
        let names: [&[u8]; 6] = [
            b"\x07example\x00",
            b"\x01a\x07example\x00",
            b"\x08yljkjljk\x01a\x07example\x00",
            b"\x01z\x01a\x07example\x00",
            b"\x01z\x07example\x00",
            b"\x01\x2a\x01z\x07example\x00",
        ];
        for w in names.windows(2) {
            assert_eq!(canonical_cmp_lower(w[0], w[1]), Ordering::Less);
            assert_eq!(name::canonical_cmp(w[0], w[1]), Ordering::Less);
        }
    }
}
