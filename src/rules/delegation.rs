//! Delegations: occluded data, glue that is missing or that nothing uses (ZW1109-ZW1111).
//!
//! The rules' declarations, which are their documentation; the checks that raise them are in
//! [`crate::checks::delegation`].

use crate::declare_rule;

declare_rule! {
    /// Data at or below a delegation that is not glue.
    ///
    /// ## What it checks
    /// Below a zone cut the parent is not authoritative: only the NS and DS records at the
    /// cut (with NSEC and RRSIG) and glue addresses belong there (RFC 1034 §4.2.1,
    /// RFC 4035 §2.2). Anything else is occluded: never served, often a leftover.
    ///
    /// ## Example
    /// ```text
    /// sub      NS   ns1.sub
    /// www.sub  A    192.0.2.1    ; not glue: no NS names it
    /// sub      MX   10 mail      ; occluded by the cut
    /// ```
    ///
    /// ## Example report
    /// ```text
    /// warning[ZW1109]: sub.occluded.example. MX is occluded by the delegation at sub.occluded.example.
    ///   --> data_at_and_below_cut.zone:12:12
    ///    |
    /// 12 |            MX     10 mail
    ///    |            ^^
    ///    |
    ///   ::: data_at_and_below_cut.zone:10:1
    ///    |
    /// 10 | sub        NS     ns1.sub
    ///    | --- the delegation that occludes it
    ///    |
    ///    = help: remove it, or move it into the child zone
    /// ```
    pub OCCLUDED_DATA = ("ZW1109", "occluded-data", Warning);
}

declare_rule! {
    /// A delegation whose name server lies inside the zone but has no address record.
    ///
    /// ## What it checks
    /// A name server at or below a zone cut in this zone can only be reached through glue
    /// A/AAAA records here (RFC 1034 §4.2.1, RFC 9471).
    ///
    /// ## Example
    /// ```text
    /// sub  NS  ns1.sub     ; and no ns1.sub A or AAAA
    /// ```
    pub MISSING_GLUE = ("ZW1110", "missing-glue", Error);
}

declare_rule! {
    /// Address records below a delegation that no NS record names.
    ///
    /// ## What it checks
    /// Glue exists to reach name servers; an address below a cut that no NS uses is
    /// never served and usually outlived a renamed server.
    pub ORPHAN_GLUE = ("ZW1111", "orphan-glue", Warning);
}

declare_rule! {
    /// A DS record at the apex, or at a name that is not a delegation.
    ///
    /// ## What it checks
    /// A DS RRset belongs to the parent side of a zone cut: it appears only at a delegation
    /// point, the owner of the child's NS records (RFC 4034 §5, RFC 4035 §2.4, RFC 3658 §2.2).
    /// A DS at the zone's own apex, or at a name in the zone that holds no NS records, is
    /// reported, in a signed zone or not. A DS below a delegation is occluded data (ZW1109)
    /// and one below a DNAME unreachable (ZW1103) instead.
    ///
    /// ## Why it matters
    /// A DS at the apex is the parent's record put in the child: resolvers ask the parent for
    /// it and never see this one, and the zone's own signed DS RRset contradicts the parent's.
    /// A DS at a name that is not a delegation secures nothing: there is no child zone whose
    /// keys it could name. BIND refuses to load either (`DS record at top of zone`, `DS not at
    /// delegation point`).
    ///
    /// ## Example
    /// ```text
    /// @     DS  14364 13 2 FD03B2312C8F0FE72C1751EFA1007D743C94EC91594FF0047C23C37CE119BA0C
    /// www   A   192.0.2.1
    /// www   DS  14364 13 2 FD03B2312C8F0FE72C1751EFA1007D743C94EC91594FF0047C23C37CE119BA0C
    /// ```
    pub DS_NOT_AT_DELEGATION = ("ZW1124", "ds-not-at-delegation", Error);
}
