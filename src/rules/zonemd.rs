//! ZONEMD (ZW25xx): the message digest over the whole zone (RFC 8976).
//!
//! The digest is computed in [`crate::dnssec::zonemd`]; `lint` and `verify` check every
//! ZONEMD record at the apex, signed zone or not.

use crate::declare_rule;

declare_rule! {
    /// A ZONEMD record whose digest is not that of the zone.
    ///
    /// ## What it checks
    /// For each ZONEMD record at the apex with scheme SIMPLE (1) and hash algorithm SHA384
    /// (1) or SHA512 (2), the digest is computed as RFC 8976 §3 defines it: every record of
    /// the zone in canonical form and canonical order (RFC 4034 §6), duplicates once,
    /// including glue and occluded data below delegations, ZONEMD records below the apex,
    /// and the SOA; excluding the apex ZONEMD RRset, the apex RRSIGs covering ZONEMD, and
    /// records outside the zone. It must equal the record's digest.
    ///
    /// ## Why it matters
    /// A recipient that verifies ZONEMD (RFC 8976 §4; the root zone's, for RFC 8806 local
    /// root servers) rejects the whole zone when the digest does not match. A zone edited
    /// after its digest was computed looks fine to every other check.
    ///
    /// ## Example
    /// ```text
    /// @    86400  ZONEMD  2026112501 1 1 ( fba5470f85daa9d5 ... )
    /// www  3600   A       192.0.2.81        ; was 192.0.2.80 when the digest was made
    /// ```
    pub ZONEMD_DIGEST_MISMATCH = ("ZW2501", "zonemd-digest-mismatch", Error);
}

declare_rule! {
    /// A ZONEMD record with a scheme or hash algorithm zonewarden cannot compute.
    ///
    /// ## What it checks
    /// zonewarden computes the SIMPLE scheme (1) with SHA384 (1) and SHA512 (2). A ZONEMD
    /// record with any other scheme or hash algorithm (reserved, unassigned, or private
    /// use 240-254) is reported as not checked: never as verified.
    ///
    /// ## Why it matters
    /// A digest that was not checked proves nothing. RFC 8976 §4 lets a verifier ignore
    /// such records, but if the zone has no other, its contents were not verified at all.
    ///
    /// ## Example
    /// ```text
    /// @  86400  ZONEMD  2026112501 1 240 ( 00112233445566778899aabbccddeeff )
    /// ```
    pub ZONEMD_UNSUPPORTED = ("ZW2502", "zonemd-unsupported", Warning);
}

declare_rule! {
    /// Two ZONEMD records at the apex with the same scheme and hash algorithm.
    ///
    /// ## What it checks
    /// The apex ZONEMD RRset must not hold two records with the same scheme and hash
    /// algorithm (RFC 8976 §2.4).
    ///
    /// ## Why it matters
    /// A verifier cannot tell which of the two digests is meant, and RFC 8976 §4 says
    /// verification fails: recipients reject the zone even if one digest is right.
    ///
    /// ## Example
    /// ```text
    /// @  86400  ZONEMD  2026112501 1 1 ( fba5470f85daa9d5 ... )
    /// @  86400  ZONEMD  2026112501 1 1 ( 0011223344556677 ... )
    /// ```
    ///
    /// ## Example report
    /// ```text
    /// error[ZW2503]: a second ZONEMD record with scheme 1 and hash algorithm 1: verification fails
    ///   --> two_sha384_digests.zone:10:7
    ///    |
    /// 10 |       86400  IN  ZONEMD  2026112501 1 1 (
    ///    |       ^^^^^
    ///    |
    ///   ::: two_sha384_digests.zone:7:7
    ///    |
    ///  7 |       86400  IN  ZONEMD  2026112501 1 1 (
    ///    |       ----- the first
    ///    |
    ///    = help: keep one ZONEMD record per scheme and hash algorithm
    /// ```
    pub ZONEMD_DUPLICATE = ("ZW2503", "zonemd-duplicate", Error);
}

declare_rule! {
    /// A ZONEMD record whose serial is not the SOA serial.
    ///
    /// ## What it checks
    /// The serial field of every ZONEMD record at the apex must equal the serial of the
    /// apex SOA (RFC 8976 §2.2.1).
    ///
    /// ## Why it matters
    /// The serial says which version of the zone the digest is for; RFC 8976 §4 makes a
    /// mismatch a verification failure. It usually means the SOA serial was raised after
    /// the digest was computed, so the digest is stale too.
    ///
    /// ## Example
    /// ```text
    /// @  86400  SOA     ns1 hostmaster 2026112502 1800 900 604800 86400
    /// @  86400  ZONEMD  2026112501 1 1 ( fba5470f85daa9d5 ... )
    /// ```
    pub ZONEMD_SERIAL_MISMATCH = ("ZW2504", "zonemd-serial-mismatch", Error);
}
