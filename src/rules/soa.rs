//! SOA timers (ZW1118).
//!
//! The rules' declarations, which are their documentation; the checks that raise them are in
//! [`crate::checks::soa`].

use crate::declare_rule;

declare_rule! {
    /// SOA refresh, retry, expire or minimum outside sane ranges.
    ///
    /// ## What it checks
    /// RFC 1912 §2.2 and RIPE-203 give the ranges operators use: refresh 20 minutes to
    /// 1 day; retry at least 3 minutes and below refresh; expire 1 to 8 weeks and above
    /// refresh plus retry; minimum (the negative-caching TTL, RFC 2308 §4-5) 5 minutes to
    /// 1 day.
    ///
    /// ## Why it matters
    /// A short expire makes secondaries drop the zone during a primary outage; a long
    /// negative TTL keeps a newly added name unreachable for days.
    ///
    /// ## Example
    /// ```text
    /// @  SOA  ns1 hostmaster 1 7200 3600 3600 86400   ; expire of 1 hour
    /// ```
    pub SOA_TIMERS = ("ZW1118", "soa-timers", Warning);
}
