//! RRset consistency: TTLs and duplicates (ZW1115-ZW1117).

use crate::diag::Diagnostic;
use crate::index::{Check, Cx, RRset};
use crate::rules::rrset::*;
use crate::zone::rtype::{t, type_to_string};

/// ZW1115-ZW1117.
pub struct RRsetConsistency;

impl Check for RRsetConsistency {
    fn rrset(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        let first = cx.record(rrset.records[0]);
        for &i in rrset.records {
            let r = cx.record(i);
            if r.ttl > i32::MAX as u32 {
                let msg = format!(
                    "TTL {} of {} {} exceeds 2147483647 and will be read as 0",
                    r.ttl,
                    cx.name_text(r.owner),
                    type_to_string(r.rtype)
                );
                out.push(Diagnostic::new(&TTL_TOO_LARGE, Some(r.span()), msg));
            }
        }
        if rrset.records.len() < 2 {
            return;
        }
        // RRSIGs differ per covered type and may carry different TTLs legitimately.
        if rrset.rtype != t::RRSIG {
            if let Some(&odd) = rrset
                .records
                .iter()
                .find(|&&i| cx.record(i).ttl != first.ttl)
            {
                let r = cx.record(odd);
                let msg = format!(
                    "{} {} has TTL {} here but {} on its first record",
                    cx.name_text(r.owner),
                    type_to_string(r.rtype),
                    r.ttl,
                    first.ttl
                );
                out.push(
                    Diagnostic::new(&TTL_MISMATCH, Some(r.span()), msg)
                        .with_fix(format!(
                            "give every record of the set the same TTL ({})",
                            first.ttl
                        ))
                        .with_related(
                            first.span(),
                            format!("the first record, with TTL {}", first.ttl),
                        ),
                );
            }
        }
        // Which records repeat an earlier one (in file order), with the one they repeat.
        let mut repeats: Vec<(u32, u32)> = Vec::new();
        if rrset.records.len() > 64 {
            // A large RRset: sort instead of comparing every pair.
            let mut keyed: Vec<(u16, std::borrow::Cow<[u8]>, u32)> = rrset
                .records
                .iter()
                .map(|&i| (cx.record(i).class, cx.canonical_rdata(cx.record(i)), i))
                .collect();
            keyed.sort();
            repeats.extend(
                keyed
                    .windows(2)
                    .filter(|w| w[0].0 == w[1].0 && w[0].1 == w[1].1)
                    .map(|w| (w[1].2.max(w[0].2), w[1].2.min(w[0].2))),
            );
        } else {
            // RRsets are small: compare each record with those before it.
            for (k, &j) in rrset.records.iter().enumerate().skip(1) {
                let r = cx.record(j);
                let data = cx.canonical_rdata(r);
                let dup = rrset.records[..k].iter().find(|&&i| {
                    let o = cx.record(i);
                    o.class == r.class
                        && o.rdata_len == r.rdata_len
                        && cx.canonical_rdata(o) == data
                });
                if let Some(&orig) = dup {
                    repeats.push((j, orig));
                }
            }
        }
        for (i, orig) in repeats {
            let r = cx.record(i);
            let msg = format!(
                "duplicate {} record at {}",
                type_to_string(r.rtype),
                cx.name_text(r.owner)
            );
            out.push(
                Diagnostic::new(&DUPLICATE_RECORD, Some(r.span()), msg)
                    .with_fix("remove one of the copies")
                    .with_related(cx.record(orig).span(), "the record it repeats"),
            );
        }
    }
}
