//! RRset consistency: TTLs and duplicates (ZW1115-ZW1117).

use crate::diag::{Diagnostic, Rule};
use crate::index::{Check, Cx, RRset};
use crate::rules::rrset::*;
use crate::zone::rtype::{t, type_to_string};

/// ZW1115-ZW1117.
pub struct RRsetConsistency;

impl Check for RRsetConsistency {
    fn rules(&self) -> &'static [&'static Rule] {
        static RULES: &[&Rule] = &[&TTL_MISMATCH, &DUPLICATE_RECORD, &TTL_TOO_LARGE];
        RULES
    }

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
                out.push(Diagnostic::new(
                    &TTL_TOO_LARGE,
                    Some(cx.zone.span_of(r)),
                    msg,
                ));
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
                    Diagnostic::new(&TTL_MISMATCH, Some(cx.zone.span_of(r)), msg)
                        .with_fix(format!(
                            "give every record of the set the same TTL ({})",
                            first.ttl
                        ))
                        .with_related(
                            cx.zone.span_of(first),
                            format!("the first record, with TTL {}", first.ttl),
                        ),
                );
            }
        }
    }

    /// RFC 2181 §5: a record given twice (up to the case of names, RFC 4034 §6.2) is one
    /// record; the index keeps one copy ([`Cx::duplicates`]) and each other copy is said once.
    fn zone(&self, cx: &Cx, out: &mut Vec<Diagnostic>) {
        for &(i, orig) in &cx.duplicates {
            let r = cx.record(i);
            let msg = format!(
                "duplicate {} record at {}",
                type_to_string(r.rtype),
                cx.name_text(r.owner)
            );
            out.push(
                Diagnostic::new(&DUPLICATE_RECORD, Some(cx.zone.span_of(r)), msg)
                    .with_fix("remove one of the copies")
                    .with_related(cx.zone.span_of(cx.record(orig)), "the record it repeats"),
            );
        }
    }
}
