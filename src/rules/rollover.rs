//! Rollover (ZW5xxx): whether publishing NEW after OLD is safe for resolvers that still
//! cache parts of OLD, its predecessors, or the parent's DS RRset.
//!
//! The checks live in [`crate::rollover`]; `zonewarden rollover OLD NEW` runs them. Each
//! finding names the key (tag, algorithm, role) or record, and when the change would become
//! safe, if waiting is enough.

use crate::declare_rule;

declare_rule! {
    /// NEW's SOA serial is not greater than OLD's in serial number arithmetic.
    ///
    /// ## What it checks
    /// When NEW differs from OLD, its SOA serial must be greater than OLD's under RFC 1982
    /// arithmetic (a step of less than 2^31 forward, with wrap-around).
    ///
    /// ## Why it matters
    /// Secondaries transfer a zone only when the primary's serial is greater (RFC 1034
    /// §4.3.5, RFC 1996): a change published with an equal or smaller serial never reaches
    /// them, and they go on serving OLD and its signatures until those expire.
    ///
    /// ## Example
    /// ```text
    /// OLD: @ SOA ns1 hostmaster 2026112501 7200 3600 1209600 3600
    /// NEW: @ SOA ns1 hostmaster 2026112501 7200 3600 1209600 3600   ; records changed
    /// ```
    pub SERIAL_NOT_INCREASED = ("ZW5001", "serial-not-increased", Error);
}

declare_rule! {
    /// A key signs in NEW before every validator can know it.
    ///
    /// ## What it checks
    /// Every RRset NEW signs (other than the DNSKEY RRset, which the DS vouches for) needs a
    /// signature by a key that already signed OLD, or that was in the DNSKEY RRset of OLD
    /// for at least OLD's DNSKEY TTL plus the propagation delay (`--propagation`, 1 hour by
    /// default) before NEW goes live.
    /// An RRset signed only by newer keys is reported once per key: `unsafe` when the key
    /// was not in OLD at all, `unsafe until` the time it will have been published long enough.
    ///
    /// ## Why it matters
    /// RFC 7583 §3.2.1 (pre-publication): a resolver that cached the old DNSKEY RRset
    /// cannot validate a signature by a key it does not have, and answers SERVFAIL until its
    /// copy expires. Publish the key first, wait, then sign with it; or double-sign.
    ///
    /// ## Example
    /// ```text
    /// OLD: DNSKEY 256 3 13 (ZSK 11111)        ; www signed by 11111
    /// NEW: DNSKEY 256 3 13 (ZSK 22222)        ; www signed by 22222 only
    /// ```
    pub KEY_NOT_PREPUBLISHED = ("ZW5002", "key-not-prepublished", Error);
}

declare_rule! {
    /// A DNSKEY removed while signatures made with it may still be cached.
    ///
    /// ## What it checks
    /// A key in OLD's DNSKEY RRset but not in NEW's: if OLD has RRsets signed by it and by
    /// no key NEW keeps, the removal is `unsafe` (the successor must sign a version first).
    /// Otherwise its signatures may still be cached from the last version it signed alone:
    /// NEW must go live no earlier than that version's successor plus the largest TTL of
    /// the signed RRsets plus the propagation delay. Between two versions alone, OLD is
    /// taken as the first version its successor signed; with `--history`, the real one.
    ///
    /// ## Why it matters
    /// RFC 7583 §3.2.1 (removal) and RFC 6781 §4.1.1.1: a resolver holding an RRset and its
    /// signature by the old key fetches the new DNSKEY RRset, finds no key for the
    /// signature, and fails validation until the cached RRset expires.
    ///
    /// ## Example
    /// ```text
    /// OLD: DNSKEY ZSK 11111, ZSK 22222        ; everything signed by 11111
    /// NEW: DNSKEY ZSK 22222                   ; signed by 22222, 11111 gone at once
    /// ```
    pub KEY_REMOVED_EARLY = ("ZW5003", "key-removed-early", Error);
}

declare_rule! {
    /// A key-signing key removed while the parent's DS (or OLD's CDS) still names it.
    ///
    /// ## What it checks
    /// A key that signed OLD's DNSKEY RRset is gone from NEW, a DS of the parent (`--ds`,
    /// `--new-ds`; without them, OLD's CDS/CDNSKEY or the keys that signed OLD's DNSKEY
    /// RRset stand in for it) names it, and no DS names a key that signs NEW's DNSKEY RRset.
    /// An empty DS RRset (`none`: the parent has no DS) names no key; a DS it replaced is
    /// judged by ZW5005.
    ///
    /// ## Why it matters
    /// RFC 7583 §3.3 and RFC 6781 §4.1.2: the chain of trust runs from the parent's DS to a
    /// key that signs the DNSKEY RRset. Remove that key before the parent names its
    /// successor and the whole zone is bogus for every validating resolver.
    ///
    /// ## Example
    /// ```text
    /// parent: example.com. DS 12345 13 2 (...)   ; KSK 12345
    /// NEW:    DNSKEY 257 3 13 (KSK 54321)       ; 12345 removed, no DS for 54321
    /// ```
    pub KSK_REMOVED_WHILE_DS = ("ZW5004", "ksk-removed-while-ds", Error);
}

declare_rule! {
    /// The parent's DS RRset changes in the same step as the keys it must match.
    ///
    /// ## What it checks
    /// With `--old-ds` and `--new-ds` different: resolvers keep the old DS RRset for its
    /// TTL after the parent changes it, so NEW's DNSKEY RRset must also be signed by a key
    /// the old DS names; and they keep OLD's DNSKEY RRset for its TTL, so the new DS must
    /// name a key that has signed the DNSKEY RRset for at least the DNSKEY TTL plus the
    /// propagation delay.
    /// The first holds from the parent's change (`--ds-changed-at`, else `--now`) until its
    /// TTL plus the propagation delay have passed: with `--ds-changed-at` the verdict is
    /// `unsafe until` then, without it (the DS changes with NEW) `unsafe`. The second
    /// applies only when the new DS RRset drops a DS or is the first one: DS records added
    /// beside the old ones (the first step of a double-DS roll) break nothing.
    /// Going insecure (`--new-ds none`): NEW may drop its keys and signatures only once the
    /// old DS RRset has aged out. Going secure (`--old-ds none`): the DS may appear only once
    /// the signed zone has been live for its DNSKEY TTL plus the propagation delay.
    ///
    /// ## Why it matters
    /// RFC 7583 §3.3.2 (double-DS) and §3.3.1 (double-KSK): the DS and the key it names
    /// change at different places on different clocks; only overlap keeps every
    /// combination a resolver may hold valid. RFC 6781 §4.1.4: a zone goes insecure by
    /// removing the DS first and its keys after the DS TTL, and secure the other way round.
    ///
    /// ## Example
    /// ```text
    /// --old-ds: DS 12345 ...   --new-ds: DS 54321 ...
    /// NEW: DNSKEY set signed by 54321 only      ; cached DS 12345 matches nothing
    /// ```
    pub DS_CHANGED_WITH_KSK = ("ZW5005", "ds-changed-with-ksk", Error);
}

declare_rule! {
    /// A new key-signing key signs the DNSKEY RRset alone before any DS names it.
    ///
    /// ## What it checks
    /// NEW's DNSKEY RRset must be signed by a key the parent's DS RRset names (`--ds` or
    /// `--new-ds`; without them, a key that signed OLD's DNSKEY RRset or that OLD's CDS
    /// names). Not when the parent has no DS (`none`): nothing is validated through it.
    ///
    /// ## Why it matters
    /// RFC 7583 §3.3 and RFC 4035 §5.2: a validator accepts the DNSKEY RRset only through a
    /// key its DS names. A new KSK that signs alone before the parent publishes its DS
    /// leaves the zone bogus until the DS appears and propagates.
    ///
    /// ## Example
    /// ```text
    /// parent: DS 12345 ...
    /// NEW:    DNSKEY RRset signed by 54321 only (12345 still published, not signing)
    /// ```
    pub KSK_SIGNS_BEFORE_DS = ("ZW5006", "ksk-signs-before-ds", Error);
}

declare_rule! {
    /// NEW's CDS or CDNSKEY records change and do not match its DNSKEY RRset.
    ///
    /// ## What it checks
    /// When NEW's CDS/CDNSKEY RRsets differ from OLD's: each CDS must match a DNSKEY in
    /// NEW, each CDNSKEY must be one, the two sets must name the same keys, and at least one
    /// key they name must sign NEW's DNSKEY RRset. The delete form (`0 0 0 00`, `0 3 0 AA==`)
    /// is left to `verify` (ZW2204).
    ///
    /// ## Why it matters
    /// RFC 7344 §4 and RFC 8078: a parent that polls CDS/CDNSKEY replaces its DS RRset with
    /// what they say. A CDS for a key that does not sign the DNSKEY RRset asks the parent to
    /// break the chain of trust.
    ///
    /// ## Example
    /// ```text
    /// NEW: CDS 54321 13 2 (...)                ; 54321 is not in the DNSKEY RRset
    /// ```
    pub CDS_NOT_MATCHING_KEYS = ("ZW5007", "cds-not-matching-keys", Error);
}

declare_rule! {
    /// A new algorithm's DNSKEY is published before every RRset carries its signatures.
    ///
    /// ## What it checks
    /// For an algorithm in NEW's DNSKEY RRset but not in OLD's: OLD must already carry a
    /// signature of that algorithm on every signed RRset (otherwise `unsafe`), and OLD must
    /// have been live for the largest TTL of its signed RRsets plus the propagation delay
    /// (otherwise `unsafe until`). NEW itself must carry them too.
    ///
    /// ## Why it matters
    /// RFC 6781 §4.1.4 and RFC 7583 §3.4: a resolver that sees an algorithm in the DNSKEY
    /// RRset may expect a signature of it on every RRset (RFC 4035 §2.2); cached RRsets
    /// without one then fail. Sign with the new algorithm first, wait, then publish its keys.
    ///
    /// ## Example
    /// ```text
    /// OLD: signed with RSASHA256 only
    /// NEW: DNSKEY 257 3 13 ... and 256 3 13 ... published, RRsets double-signed
    /// ```
    pub ALGORITHM_PUBLISHED_EARLY = ("ZW5008", "algorithm-published-early", Error);
}

declare_rule! {
    /// An algorithm's signatures are removed before its DNSKEYs have been gone long enough.
    ///
    /// ## What it checks
    /// For an algorithm that signs RRsets in OLD but not (or not every RRset) in NEW: if NEW
    /// still publishes a DNSKEY of it, or OLD did, the removal is `unsafe`; the DNSKEYs must
    /// go first. Otherwise OLD (the first version without them) must have been live for its
    /// DNSKEY TTL plus the propagation delay (otherwise `unsafe until`).
    ///
    /// ## Why it matters
    /// RFC 6781 §4.1.4 and RFC 7583 §3.4: a resolver holding a DNSKEY RRset that still lists
    /// the old algorithm may expect its signatures on every RRset it fetches.
    ///
    /// ## Example
    /// ```text
    /// OLD: DNSKEYs of RSASHA256 and ECDSAP256SHA256, RRsets signed with both
    /// NEW: RSASHA256 DNSKEYs and signatures removed in the same step
    /// ```
    pub ALGORITHM_REMOVED_EARLY = ("ZW5009", "algorithm-removed-early", Error);
}

declare_rule! {
    /// NEW's signatures expire too soon after it goes live.
    ///
    /// ## What it checks
    /// Every RRSIG in NEW must stay valid until `--now` plus the larger of the SOA expire
    /// timer and the largest TTL in the zone.
    ///
    /// ## Why it matters
    /// RFC 6781 §4.4.2: secondaries may serve a version for the SOA expire time without
    /// reaching the primary, and resolvers cache records for their TTL; a signature that
    /// expires inside either window turns cached or served data bogus.
    ///
    /// ## Example
    /// ```text
    /// SOA expire 1209600 (14 days); RRSIGs expire 5 days after --now
    /// ```
    pub SIGNATURES_EXPIRE_SOON = ("ZW5010", "signatures-expire-soon", Error);
}

declare_rule! {
    /// NEW's signatures are not valid yet when it goes live.
    ///
    /// ## What it checks
    /// The inception of every RRSIG in NEW must be at or before `--now`; the finding says
    /// when the latest one begins.
    ///
    /// ## Why it matters
    /// RFC 4035 §5.3.1: a validator rejects a signature before its inception. A zone signed
    /// with a clock in the future, or published early, is bogus until then.
    ///
    /// ## Example
    /// ```text
    /// --now 2026-11-25T12:00:00Z; RRSIG ... 20261201000000 20261126000000 ...
    /// ```
    pub SIGNATURES_NOT_YET_VALID = ("ZW5011", "signatures-not-yet-valid", Error);
}

declare_rule! {
    /// NEW drops the TLSA record that matches the certificate served while it is live.
    ///
    /// ## What it checks
    /// At each TLSA owner where OLD matches the deployed certificate (`--cert`), NEW must
    /// still have a TLSA record matching the certificate served once NEW is live
    /// (`--next-cert` when given, else `--cert`).
    ///
    /// ## Why it matters
    /// RFC 7671 §8 and RFC 7672 §3.1: a DANE client that finds no TLSA record matching the
    /// server's certificate refuses to deliver; mail queues up or bounces.
    ///
    /// ## Example
    /// ```text
    /// OLD: _25._tcp.mx TLSA 3 1 1 (hash of the deployed key)
    /// NEW: _25._tcp.mx TLSA 3 1 1 (hash of the next key only)
    /// ```
    pub TLSA_DROPPED = ("ZW5012", "tlsa-dropped", Error);
}

declare_rule! {
    /// A certificate is deployed before a TLSA record for it has been published long enough.
    ///
    /// ## What it checks
    /// With `--next-cert` (deployed when NEW goes live), OLD must already have a TLSA record
    /// matching it at each owner where the current certificate is matched (otherwise
    /// `unsafe`), and OLD must have been live for its TLSA TTL plus the propagation delay
    /// (otherwise `unsafe until`).
    ///
    /// ## Why it matters
    /// RFC 7671 §8.1 (`3 1 1 + 3 1 1`): clients cache the TLSA RRset for its TTL; a new key
    /// served before every cached copy lists it fails DANE authentication.
    ///
    /// ## Example
    /// ```text
    /// OLD: _25._tcp.mx TLSA 3 1 1 (current key only)
    /// --next-cert new.pem deployed with NEW
    /// ```
    pub TLSA_NOT_PREPUBLISHED = ("ZW5013", "tlsa-not-prepublished", Error);
}
