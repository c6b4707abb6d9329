//! The shape of the zone: SOA and apex NS, CNAME and DNAME exclusivity, records outside the
//! origin (ZW1101-ZW1108).

use crate::diag::{Diagnostic, Rule};
use crate::index::{flags, Check, Cx, Node, RRset};
use crate::rules::structure::*;
use crate::source::Span;
use crate::zone::name::NO_NAME;
use crate::zone::rtype::{t, type_to_string};

/// ZW1101-ZW1108.
pub struct Structure;

impl Check for Structure {
    fn rules(&self) -> &'static [&'static Rule] {
        static RULES: &[&Rule] = &[
            &CNAME_AND_OTHER_DATA,
            &MULTIPLE_CNAMES,
            &DNAME_WITH_DESCENDANTS,
            &OUT_OF_ZONE,
            &MISSING_SOA,
            &MULTIPLE_SOA,
            &SOA_NOT_AT_APEX,
            &APEX_WITHOUT_NS,
        ];
        RULES
    }

    fn zone(&self, cx: &Cx, out: &mut Vec<Diagnostic>) {
        let apex = cx.zone.origin_id;
        let start = Span::default();
        // An SOA elsewhere is ZW1107's or ZW1104's; the apex still lacks one.
        if !cx.has(apex, flags::SOA) {
            let msg = format!(
                "zone {} has no SOA record at its apex",
                cx.zone.origin_text()
            );
            out.push(
                Diagnostic::new(&MISSING_SOA, Some(start), msg)
                    .with_fix("add an SOA record at the apex (@)"),
            );
        }
        if !cx.has(apex, flags::NS) && !cx.zone.records.is_empty() {
            let at = cx
                .records_of(apex)
                .first()
                .map(|&i| cx.zone.span_of(cx.record(i)))
                .unwrap_or(start);
            let msg = format!("apex {} has no NS records", cx.zone.origin_text());
            out.push(
                Diagnostic::new(&APEX_WITHOUT_NS, Some(at), msg)
                    .with_fix("add the zone's NS records at @"),
            );
        }
    }

    fn node(&self, cx: &Cx, node: &Node, out: &mut Vec<Diagnostic>) {
        let first = cx.record(node.records[0]);
        if !cx.has(node.id, flags::IN_ZONE) {
            let msg = format!(
                "{} is outside the zone {}",
                cx.name_text(node.id),
                cx.zone.origin_text()
            );
            out.push(
                Diagnostic::new(&OUT_OF_ZONE, Some(cx.zone.span_of(first)), msg)
                    .with_fix("end the name with the zone's origin, or fix $ORIGIN"),
            );
            return;
        }
        let above = cx.dname_above(node.id);
        if above != NO_NAME {
            let msg = format!(
                "{} lies below the DNAME at {} and can never be reached",
                cx.name_text(node.id),
                cx.name_text(above)
            );
            let mut d = Diagnostic::new(&DNAME_WITH_DESCENDANTS, Some(cx.zone.span_of(first)), msg);
            let dname = cx.records_of(above).iter().map(|&i| cx.record(i));
            if let Some(r) = dname.into_iter().find(|r| r.rtype == t::DNAME) {
                d = d.with_related(
                    cx.zone.span_of(r),
                    "the DNAME that redirects everything below it",
                );
            }
            out.push(d);
        }
        if cx.has(node.id, flags::CNAME) {
            let others: Vec<u16> = node
                .records
                .iter()
                .map(|&i| cx.record(i).rtype)
                .filter(|&ty| !matches!(ty, t::CNAME | t::RRSIG | t::NSEC))
                .collect();
            if let Some(&cname) = node
                .records
                .iter()
                .find(|&&i| cx.record(i).rtype == t::CNAME)
            {
                if !others.is_empty() {
                    let mut names: Vec<String> =
                        others.iter().map(|&t| type_to_string(t)).collect();
                    names.dedup();
                    let msg = format!(
                        "CNAME at {} shares its owner with {}",
                        cx.name_text(node.id),
                        names.join(", ")
                    );
                    let mut d =
                        Diagnostic::new(&CNAME_AND_OTHER_DATA, Some(cx.zone.span_of(cx.record(cname))), msg)
                            .with_fix("move the other records to the CNAME's target, or replace the CNAME with them");
                    // The first record of each other type, as evidence, in file order.
                    let mut seen: Vec<u16> = Vec::new();
                    for &i in node.records {
                        let r = cx.record(i);
                        if others.contains(&r.rtype) && !seen.contains(&r.rtype) {
                            seen.push(r.rtype);
                            let label =
                                format!("{} record at the same owner", type_to_string(r.rtype));
                            d = d.with_related(cx.zone.span_of(r), label);
                        }
                    }
                    d.words_mut()
                        .related
                        .sort_by_key(|(s, _)| (s.file, s.start));
                    out.push(d);
                }
            }
        }
    }

    fn rrset_types(&self) -> Option<&'static [u16]> {
        Some(&[t::CNAME, t::DNAME, t::SOA])
    }

    fn rrset(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        match rrset.rtype {
            t::CNAME | t::DNAME if rrset.records.len() > 1 => {
                let ty = type_to_string(rrset.rtype);
                for &i in &rrset.records[1..] {
                    let msg = format!(
                        "{} has more than one {ty} record",
                        cx.name_text(rrset.owner)
                    );
                    out.push(
                        Diagnostic::new(&MULTIPLE_CNAMES, Some(cx.zone.span_of(cx.record(i))), msg)
                            .with_related(
                                cx.zone.span_of(cx.record(rrset.records[0])),
                                format!("the first {ty} record"),
                            ),
                    );
                }
            }
            t::SOA => {
                if !cx.is_apex(rrset.owner) {
                    if cx.has(rrset.owner, flags::IN_ZONE) {
                        let msg = format!(
                            "SOA at {}, below the apex {}",
                            cx.name_text(rrset.owner),
                            cx.zone.origin_text()
                        );
                        out.push(Diagnostic::new(
                            &SOA_NOT_AT_APEX,
                            Some(cx.zone.span_of(cx.record(rrset.records[0]))),
                            msg,
                        ));
                    }
                } else if rrset.records.len() > 1 {
                    for &i in &rrset.records[1..] {
                        let msg = format!(
                            "second SOA record at the apex {}",
                            cx.name_text(rrset.owner)
                        );
                        out.push(
                            Diagnostic::new(
                                &MULTIPLE_SOA,
                                Some(cx.zone.span_of(cx.record(i))),
                                msg,
                            )
                            .with_fix("keep one SOA record")
                            .with_related(
                                cx.zone.span_of(cx.record(rrset.records[0])),
                                "the first SOA record",
                            ),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}
