//! The shape of the zone: SOA and apex NS, CNAME and DNAME exclusivity, records outside the
//!
//! The rules' declarations, which are their documentation; the checks that raise them are in
//! [`crate::checks::structure`].

use crate::declare_rule;

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
    ///
    /// ## Example report
    /// ```text
    /// error[ZW1101]: CNAME at cname-at-apex.example. shares its owner with NS, SOA, MX
    ///  --> cname_at_apex.zone:7:8
    ///   |
    /// 7 |        CNAME  www.example.net.
    ///   |        ^^^^^
    ///   |
    ///  ::: cname_at_apex.zone:5:1
    ///   |
    /// 5 | @      SOA    ns1 hostmaster 1 7200 3600 1209600 3600
    ///   | - SOA record at the same owner
    ///   |
    ///  ::: cname_at_apex.zone:6:8
    ///   |
    /// 6 |        NS     ns1
    ///   |        -- NS record at the same owner
    ///   |
    ///  ::: cname_at_apex.zone:8:8
    ///   |
    /// 8 |        MX     10 mail.example.net.
    ///   |        -- MX record at the same owner
    ///   |
    ///   = help: move the other records to the CNAME's target, or replace the CNAME with them
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
    ///
    /// ## Example report
    /// ```text
    /// error[ZW1102]: www.two-cnames.example. has more than one CNAME record
    ///   --> two_cnames.zone:10:1
    ///    |
    /// 10 | www    CNAME  web2.example.net.
    ///    | ^^^
    ///    |
    ///   ::: two_cnames.zone:9:1
    ///    |
    ///  9 | www    CNAME  web1.example.net.
    ///    | --- the first CNAME record
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
    ///
    /// ## Example report
    /// ```text
    /// error[ZW1103]: www.old.dname-descendants.example. lies below the DNAME at old.dname-descendants.example. and can never be reached
    ///   --> dname_with_descendants.zone:10:1
    ///    |
    /// 10 | www.old       A      192.0.2.80
    ///    | ^^^^^^^
    ///    |
    ///   ::: dname_with_descendants.zone:9:1
    ///    |
    ///  9 | old           DNAME  new.example.net.
    ///    | --- the DNAME that redirects everything below it
    /// ```
    pub DNAME_WITH_DESCENDANTS = ("ZW1103", "dname-with-descendants", Error);
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
    ///
    /// ## Example report
    /// ```text
    /// error[ZW1106]: second SOA record at the apex multiple-soa.example.
    ///  --> two_soas_at_apex.zone:6:1
    ///   |
    /// 6 | @      SOA    ns1 hostmaster 2026112501 7200 3600 1209600 3600
    ///   | ^
    ///   |
    ///  ::: two_soas_at_apex.zone:5:1
    ///   |
    /// 5 | @      SOA    ns1 hostmaster 2026112401 7200 3600 1209600 3600
    ///   | - the first SOA record
    ///   |
    ///   = help: keep one SOA record
    /// ```
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
