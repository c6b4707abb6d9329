//! Wildcards that cannot work as written (ZW1121-ZW1122).

use crate::declare_rule;
use crate::diag::Diagnostic;
use crate::lint::{flags, Check, Cx, Node};
use crate::zone::name::{self, NO_NAME};

declare_rule! {
    /// A `*` label that is not the leftmost label.
    ///
    /// ## What it checks
    /// Only a leftmost `*` makes a wildcard (RFC 4592 §2.1.1); `a.*.example.com.` is a
    /// literal name with an asterisk label, which is almost never what was meant.
    pub WILDCARD_NOT_LEFTMOST = ("ZW1121", "wildcard-not-leftmost", Warning);
}

declare_rule! {
    /// A wildcard that synthesizes nothing, or whose use is undefined.
    ///
    /// ## What it checks
    /// A wildcard at or below a delegation or a DNAME is never used (RFC 4592 §2.2.1,
    /// RFC 6672 §2.3); NS or DNAME records at a wildcard owner have undefined behaviour
    /// (RFC 4592 §4.2, §4.4).
    pub WILDCARD_INEFFECTIVE = ("ZW1122", "wildcard-ineffective", Warning);
}

/// ZW1121-ZW1122.
pub struct Wildcards;

impl Check for Wildcards {
    fn node(&self, cx: &Cx, node: &Node, out: &mut Vec<Diagnostic>) {
        let wire = cx.zone.names.wire(node.id);
        let first = cx.record(node.records[0]);
        if name::labels(wire).skip(1).any(|l| l == b"*") {
            let msg = format!(
                "{} has a `*` label that is not leftmost, so it is no wildcard",
                cx.name_text(node.id)
            );
            out.push(Diagnostic::new(
                &WILDCARD_NOT_LEFTMOST,
                Some(first.span()),
                msg,
            ));
        }
        if !name::is_wildcard(wire) || !cx.has(node.id, flags::IN_ZONE) {
            return;
        }
        let why = if cx.cut_above[node.id as usize] != NO_NAME {
            Some("it lies below a delegation")
        } else if cx.dname_above[node.id as usize] != NO_NAME {
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
                Some(first.span()),
                msg,
            ));
        }
    }
}
