//! RRset consistency: TTLs and duplicates (ZW1115-ZW1117).
//!
//! The rules' declarations, which are their documentation; the checks that raise them are in
//! [`crate::checks::rrset`].

use crate::declare_rule;

declare_rule! {
    /// Records of one RRset with different TTLs.
    ///
    /// ## What it checks
    /// All records of an RRset must have the same TTL (RFC 2181 §5.2); servers then
    /// serve the lowest, and DNSSEC signs one original TTL for the set (RFC 4034 §3.1.4).
    ///
    /// ## Example
    /// ```text
    /// www  300   A  192.0.2.1
    /// www  3600  A  192.0.2.2
    /// ```
    ///
    /// ## Example report
    /// ```text
    /// warning[ZW1115]: www.ttl-mismatch.example. A has TTL 3600 here but 300 on its first record
    ///   --> rrset_ttls_differ.zone:10:1
    ///    |
    /// 10 | www           A      192.0.2.81
    ///    | ^^^
    ///    |
    ///   ::: rrset_ttls_differ.zone:9:1
    ///    |
    ///  9 | www    300    A      192.0.2.80
    ///    | --- the first record, with TTL 300
    ///    |
    ///    = help: give every record of the set the same TTL (300)
    /// ```
    pub TTL_MISMATCH = ("ZW1115", "ttl-mismatch", Warning);
}

declare_rule! {
    /// The same record twice.
    ///
    /// ## What it checks
    /// An RRset is a set: records with the same owner, class, type and canonical RDATA
    /// (names compared case-insensitively, RFC 4034 §6.2) are one record (RFC 2181 §5).
    /// A duplicate is dropped on load and often hides an edit that went to the wrong line.
    ///
    /// ## Example report
    /// ```text
    /// warning[ZW1116]: duplicate MX record at duplicate.example.
    ///  --> duplicate_records.zone:8:8
    ///   |
    /// 8 |        MX     10 MAIL
    ///   |        ^^
    ///   |
    ///  ::: duplicate_records.zone:7:8
    ///   |
    /// 7 |        MX     10 mail
    ///   |        -- the record it repeats
    ///   |
    ///   = help: remove one of the copies
    /// ```
    pub DUPLICATE_RECORD = ("ZW1116", "duplicate-record", Warning);
}

declare_rule! {
    /// A TTL above 2^31 - 1 seconds.
    ///
    /// ## What it checks
    /// TTLs are 31-bit values; a larger one is treated as zero (RFC 2181 §8).
    pub TTL_TOO_LARGE = ("ZW1117", "ttl-too-large", Warning);
}
