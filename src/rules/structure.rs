//! The shape of the zone: SOA and apex NS, CNAME and DNAME exclusivity, records outside the
//! origin (ZW1101-ZW1108).

use crate::declare_rule;
use crate::diag::Diagnostic;
use crate::lint::{flags, Check, Cx, Node, RRset};
use crate::zone::name::NO_NAME;
use crate::zone::rtype::{t, type_to_string};
use crate::zone::source::Span;

declare_rule! {
    /// A CNAME that shares its owner with other data.
    ///
    /// ## What it checks
    /// An owner with a CNAME may hold no other types but the DNSSEC records that cover it,
    /// RRSIG and NSEC (RFC 1034 §3.6.2, RFC 2181 §10.1, RFC 4035 §2.5).
    ///
    /// ## Why it matters
    /// Resolvers follow the alias and never see the other data; servers refuse the zone.
    ///
    /// ## Example
    /// ```text
    /// www  CNAME  web.example.com.
    /// www  TXT    "hello"
    /// ```
    pub CNAME_AND_OTHER_DATA = ("ZW1101", "cname-and-other-data", Error);
}

declare_rule! {
    /// More than one CNAME (or DNAME) at one owner.
    ///
    /// ## What it checks
    /// An alias names exactly one target: a CNAME or DNAME RRset holds one record
    /// (RFC 2181 §10.1, RFC 6672 §2.4).
    ///
    /// ## Example
    /// ```text
    /// www  CNAME  a.example.com.
    /// www  CNAME  b.example.com.
    /// ```
    pub MULTIPLE_CNAMES = ("ZW1102", "multiple-cnames", Error);
}

declare_rule! {
    /// Names below a DNAME.
    ///
    /// ## What it checks
    /// A DNAME redirects the whole subtree below its owner, so data below it can never be
    /// reached (RFC 6672 §2.4).
    ///
    /// ## Example
    /// ```text
    /// old       DNAME  new.example.com.
    /// www.old   A      192.0.2.1
    /// ```
    pub DNAME_DESCENDANTS = ("ZW1103", "dname-with-descendants", Error);
}

declare_rule! {
    /// A record whose owner is outside the zone's origin.
    ///
    /// ## What it checks
    /// Every owner must be the apex or below it (RFC 1034 §4.2.1). Out-of-zone data is
    /// dropped by servers (BIND: "ignoring out-of-zone data"), often after a missing
    /// trailing dot or a wrong `$ORIGIN`.
    ///
    /// ## Example
    /// ```text
    /// $ORIGIN example.com.
    /// www.example.net.  A  192.0.2.1
    /// ```
    pub OUT_OF_ZONE = ("ZW1104", "out-of-zone", Error);
}

declare_rule! {
    /// A zone with no SOA record.
    ///
    /// ## What it checks
    /// A zone has exactly one SOA, at its apex (RFC 1035 §5.2, RFC 1034 §4.2.1).
    pub MISSING_SOA = ("ZW1105", "missing-soa", Error);
}

declare_rule! {
    /// More than one SOA record at the apex.
    ///
    /// ## What it checks
    /// The SOA RRset holds one record (RFC 1035 §5.2, RFC 2181 §6.1).
    pub MULTIPLE_SOA = ("ZW1106", "multiple-soa", Error);
}

declare_rule! {
    /// An SOA record below the apex.
    ///
    /// ## What it checks
    /// The SOA marks the apex; one anywhere else means a zone cut was pasted in or the
    /// origin is wrong (RFC 1034 §4.2.1).
    pub SOA_NOT_AT_APEX = ("ZW1107", "soa-not-at-apex", Error);
}

declare_rule! {
    /// An apex with no NS records.
    ///
    /// ## What it checks
    /// The apex must list the zone's name servers (RFC 1034 §4.2.1, RFC 1035 §5.2).
    pub APEX_WITHOUT_NS = ("ZW1108", "apex-without-ns", Error);
}

/// ZW1101-ZW1108.
pub struct Structure;

impl Check for Structure {
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
                .map(|&i| cx.record(i).span())
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
                Diagnostic::new(&OUT_OF_ZONE, Some(first.span()), msg)
                    .with_fix("end the name with the zone's origin, or fix $ORIGIN"),
            );
            return;
        }
        let above = cx.dname_above[node.id as usize];
        if above != NO_NAME {
            let msg = format!(
                "{} lies below the DNAME at {} and can never be reached",
                cx.name_text(node.id),
                cx.name_text(above)
            );
            out.push(Diagnostic::new(&DNAME_DESCENDANTS, Some(first.span()), msg));
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
                    out.push(
                        Diagnostic::new(&CNAME_AND_OTHER_DATA, Some(cx.record(cname).span()), msg)
                            .with_fix("move the other records to the CNAME's target, or replace the CNAME with them"),
                    );
                }
            }
        }
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
                    out.push(Diagnostic::new(
                        &MULTIPLE_CNAMES,
                        Some(cx.record(i).span()),
                        msg,
                    ));
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
                            Some(cx.record(rrset.records[0]).span()),
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
                            Diagnostic::new(&MULTIPLE_SOA, Some(cx.record(i).span()), msg)
                                .with_fix("keep one SOA record"),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}
