//! Delegations: occluded data, glue that is missing or that nothing uses (ZW1109-ZW1111), DS
//! records where no delegation is (ZW1124).

use super::{later, Wording};
use crate::diag::{Diagnostic, Rule, WordsIn};
use crate::index::{flags, Check, Cx, Node, RRset};
use crate::rules::delegation::*;
use crate::zone::name::{self, NO_NAME};
use crate::zone::rtype::{t, type_to_string};
use crate::zone::{Record, Zone};
use std::fmt::Write;

/// ZW1111's words, about the first address record of the name.
struct OrphanGlue;

impl Wording for OrphanGlue {
    fn word(_: &Zone, _: &Record, owner: &str, _: [u32; 2], out: &mut WordsIn) {
        let _ = write!(
            out.message(),
            "glue address at {owner} is named by no NS record"
        );
        out.fix_static("remove it, or name it in the delegation's NS records");
    }
}

/// ZW1110's words, about the NS record.
struct MissingGlue;

impl Wording for MissingGlue {
    fn word(zone: &Zone, r: &Record, owner: &str, _: [u32; 2], out: &mut WordsIn) {
        let target = crate::zone::view::target(r.rtype, zone.rdata(r)).unwrap_or(&[0]);
        let m = out.message();
        m.push_str("name server ");
        name::write_text(target, m);
        let _ = write!(m, " for {owner} has no glue address");
        out.fix_static("add A and AAAA glue records for the name server");
    }
}

/// ZW1109-ZW1111, ZW1124.
pub struct Delegation;

impl Check for Delegation {
    fn rules(&self) -> &'static [&'static Rule] {
        static RULES: &[&Rule] = &[
            &OCCLUDED_DATA,
            &MISSING_GLUE,
            &ORPHAN_GLUE,
            &DS_NOT_AT_DELEGATION,
        ];
        RULES
    }

    fn node(&self, cx: &Cx, node: &Node, out: &mut Vec<Diagnostic>) {
        let id = node.id;
        let is_cut = cx.has(id, flags::CUT);
        let below = cx.cut_above(id) != NO_NAME;
        if !is_cut && !below {
            return;
        }
        let mut reported = false;
        for &i in node.records {
            let r = cx.record(i);
            let allowed_at_cut = matches!(r.rtype, t::NS | t::DS | t::NSEC | t::RRSIG);
            let address = matches!(r.rtype, t::A | t::AAAA);
            if address {
                continue;
            }
            if is_cut && allowed_at_cut {
                continue;
            }
            // NSEC3 owners are hashes and never below a cut; RRSIGs below one follow their data.
            if r.rtype == t::RRSIG {
                continue;
            }
            if !reported {
                let cut = if is_cut { id } else { cx.cut_above(id) };
                let msg = format!(
                    "{} {} is occluded by the delegation at {}",
                    cx.name_text(id),
                    type_to_string(r.rtype),
                    cx.name_text(cut)
                );
                let mut d = Diagnostic::new(&OCCLUDED_DATA, Some(cx.zone.span_of(r)), msg)
                    .with_fix("remove it, or move it into the child zone");
                let ns = cx.records_of(cut).iter().map(|&i| cx.record(i));
                if let Some(ns) = ns.into_iter().find(|n| n.rtype == t::NS) {
                    d = d.with_related(cx.zone.span_of(ns), "the delegation that occludes it");
                }
                out.push(d);
                reported = true;
            }
        }
        let has_addr = cx.has(id, flags::A) || cx.has(id, flags::AAAA);
        if has_addr && !cx.has(id, flags::NS_TARGET) {
            let first = node
                .records
                .iter()
                .copied()
                .find(|&i| matches!(cx.record(i).rtype, t::A | t::AAAA));
            if let Some(i) = first {
                let span = cx.zone.span_of(cx.record(i));
                out.push(later::<OrphanGlue>(&ORPHAN_GLUE, span, i, [0, 0]));
            }
        }
    }

    fn rrset_types(&self) -> Option<&'static [u16]> {
        Some(&[t::DS, t::NS])
    }

    fn rrset(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        if rrset.rtype == t::DS {
            ds_placement(cx, rrset, out);
            return;
        }
        // Only the apex's NS records and a delegation's need glue: NS records below a cut
        // are occluded (ZW1109), those below a DNAME unreachable (ZW1103).
        if rrset.rtype != t::NS || !(cx.is_apex(rrset.owner) || cx.has(rrset.owner, flags::CUT)) {
            return;
        }
        for &i in rrset.records {
            let r = cx.record(i);
            let Some(target) = cx.target(r) else { continue };
            if !cx.in_zone_name(target) {
                continue;
            }
            // Glue is needed where the server's name is not authoritative data of this zone.
            let id = cx.target_id_of(i);
            let needs_glue = match id {
                Some(id) => cx.enclosing_cut_id(id),
                None => cx.enclosing_cut(target),
            }
            .is_some();
            let has_addr = id.is_some_and(|id| cx.has(id, flags::A) || cx.has(id, flags::AAAA));
            if needs_glue && !has_addr {
                let span = cx.field_span(r, 0);
                out.push(later::<MissingGlue>(&MISSING_GLUE, span, i, [0, 0]));
            }
        }
    }
}

/// ZW1124: a DS RRset at the apex or at an authoritative name that is not a delegation
/// (RFC 4034 §5, RFC 4035 §2.4). Below a cut or a DNAME, ZW1109 or ZW1103 says it instead.
fn ds_placement(cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
    let id = rrset.owner;
    if !cx.is_authoritative(id) || cx.has(id, flags::CUT) {
        return;
    }
    let r = cx.record(rrset.records[0]);
    let (msg, fix) = if cx.is_apex(id) {
        (
            format!(
                "DS record at the apex {}: a DS belongs in the parent zone",
                cx.name_text(id)
            ),
            "remove it; give the DS to the parent zone's operator (or publish CDS)",
        )
    } else {
        (
            format!(
                "DS record at {}, which is not a delegation (it has no NS records)",
                cx.name_text(id)
            ),
            "remove the DS, or delegate the name with NS records",
        )
    };
    out.push(Diagnostic::new(&DS_NOT_AT_DELEGATION, Some(cx.zone.span_of(r)), msg).with_fix(fix));
}
