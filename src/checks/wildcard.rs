//! Wildcards that cannot work as written (ZW1121-ZW1122).

use crate::diag::{Diagnostic, Rule};
use crate::index::{flags, Check, Cx, Node};
use crate::rules::wildcard::*;
use crate::zone::name::{self, NO_NAME};

/// ZW1121-ZW1122.
pub struct Wildcards;

impl Check for Wildcards {
    fn rules(&self) -> &'static [&'static Rule] {
        static RULES: &[&Rule] = &[&WILDCARD_NOT_LEFTMOST, &WILDCARD_INEFFECTIVE];
        RULES
    }

    fn rrset_types(&self) -> Option<&'static [u16]> {
        Some(&[])
    }

    fn node(&self, cx: &Cx, node: &Node, out: &mut Vec<Diagnostic>) {
        let wire = cx.zone.names.wire(node.id);
        // Both findings need a `*` label, which nearly no name has: one search of its bytes
        // passes over the rest, without their labels walked or their first record read.
        if memchr::memchr(b'*', wire).is_none() {
            return;
        }
        let first = cx.record(node.records[0]);
        if name::labels(wire).skip(1).any(|l| l == b"*") {
            let msg = format!(
                "{} has a `*` label that is not leftmost, so it is no wildcard",
                cx.name_text(node.id)
            );
            out.push(Diagnostic::new(
                &WILDCARD_NOT_LEFTMOST,
                Some(cx.zone.span_of(first)),
                msg,
            ));
        }
        if !name::is_wildcard(wire) || !cx.has(node.id, flags::IN_ZONE) {
            return;
        }
        let why = if cx.cut_above(node.id) != NO_NAME {
            Some("it lies below a delegation")
        } else if cx.dname_above(node.id) != NO_NAME {
            Some("it lies below a DNAME")
        } else if cx.has(node.id, flags::NS) {
            Some("NS records at a wildcard have undefined behaviour (RFC 4592 §4.2)")
        } else if cx.has(node.id, flags::DNAME) {
            Some("a DNAME at a wildcard has undefined behaviour (RFC 4592 §4.4)")
        } else {
            None
        };
        if let Some(why) = why {
            let msg = format!("wildcard {} is ineffective: {why}", cx.name_text(node.id));
            out.push(Diagnostic::new(
                &WILDCARD_INEFFECTIVE,
                Some(cx.zone.span_of(first)),
                msg,
            ));
        }
    }
}
