//! SOA timers (ZW1118).

use crate::diag::{Diagnostic, Rule};
use crate::index::{Check, Cx, RRset};
use crate::rules::soa::*;
use crate::zone::rtype::t;
use crate::zone::view::Soa;

/// ZW1118.
pub struct SoaTimers;

impl Check for SoaTimers {
    fn rules(&self) -> &'static [&'static Rule] {
        static RULES: &[&Rule] = &[&SOA_TIMERS];
        RULES
    }

    fn rrset_types(&self) -> Option<&'static [u16]> {
        Some(&[t::SOA])
    }

    fn rrset(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        if rrset.rtype != t::SOA || !cx.is_apex(rrset.owner) {
            return;
        }
        let r = cx.record(rrset.records[0]);
        let Some(soa) = Soa::parse(cx.zone.rdata(r)) else {
            return;
        };
        let (refresh, retry, expire, minimum) = (soa.refresh, soa.retry, soa.expire, soa.minimum);
        // SOA RDATA fields (RFC 1035 §3.3.13): 0 MNAME, 1 RNAME, 2 SERIAL, 3 REFRESH, 4 RETRY,
        // 5 EXPIRE, 6 MINIMUM.
        let mut problems = Vec::new();
        if !(1200..=86400).contains(&refresh) {
            problems.push((
                3,
                format!("refresh {refresh} is outside 1200..86400 seconds"),
            ));
        }
        if retry < 180 || retry >= refresh {
            problems.push((
                4,
                format!(
                    "retry {retry} should be at least 180 seconds and below refresh ({refresh})"
                ),
            ));
        }
        if !(604_800..=4_838_400).contains(&expire) {
            problems.push((
                5,
                format!("expire {expire} is outside 1 to 8 weeks (604800..4838400 seconds)"),
            ));
        } else if expire <= refresh.saturating_add(retry) {
            let sum = refresh.saturating_add(retry);
            problems.push((
                5,
                format!("expire {expire} should exceed refresh plus retry ({sum})"),
            ));
        }
        if !(300..=86400).contains(&minimum) {
            problems.push((
                6,
                format!("minimum (negative-caching TTL) {minimum} is outside 300..86400 seconds"),
            ));
        }
        for (field, msg) in problems {
            out.push(Diagnostic::new(
                &SOA_TIMERS,
                Some(cx.field_span(r, field)),
                format!("SOA {msg}"),
            ));
        }
    }
}
