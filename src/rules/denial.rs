//! DNSSEC denial of existence (ZW22xx NSEC, ZW23xx NSEC3): the rules' codes and
//! documentation. The checks live in [`crate::dnssec`]; the names are re-exported from
//! [`super::dnssec`] as well.

use crate::declare_rule;

// --- ZW22xx: NSEC ----------------------------------------------------------------------

declare_rule! {
    /// An authoritative name without an NSEC record in an NSEC-signed zone.
    ///
    /// ## What it checks
    /// Every name with authoritative data, and every delegation point, must own an NSEC
    /// record (RFC 4035 §2.3).
    ///
    /// ## Why it matters
    /// Without it the chain has a hole: denials for names in that span cannot be proven, and
    /// validators reject the answers as bogus.
    ///
    /// ## Example
    /// ```text
    /// new  A  192.0.2.99         ; added after signing: no NSEC, no RRSIG
    /// ```
    pub NSEC_MISSING = ("ZW2201", "nsec-missing", Error);
}

declare_rule! {
    /// An NSEC chain that is not closed in canonical order.
    ///
    /// ## What it checks
    /// Each NSEC's Next Domain Name must be the next owner of the chain in canonical order
    /// (RFC 4034 §4.1.1, §6.1), the last pointing back to the apex; NSEC records at names
    /// that are not part of the chain (glue, occluded names) are reported too.
    ///
    /// ## Why it matters
    /// A broken chain proves names absent that exist, or fails to prove absence; either way
    /// validators see bogus answers.
    ///
    /// ## Example
    /// ```text
    /// a  NSEC  c.example.com. A RRSIG NSEC    ; but b.example.com. exists
    /// ```
    ///
    /// ## Example report
    /// ```text
    /// error[ZW2202]: NSEC at mail.zw2.example. points to sub.zw2.example., but the next name in canonical order is ns1.zw2.example.
    ///   --> nsec_skips_a_name.zone:21:32
    ///    |
    /// 21 | mail.zw2.example. 3600 IN NSEC sub.zw2.example. A RRSIG NSEC
    ///    |                                ^^^^^^^^^^^^^^^^
    ///    |
    ///   ::: nsec_skips_a_name.zone:23:1
    ///    |
    /// 23 | ns1.zw2.example.                  3600 IN A        192.0.2.1
    ///    | ---------------- the next name in canonical order
    ///    |
    ///    = help: re-sign the zone
    /// ```
    pub NSEC_CHAIN = ("ZW2202", "nsec-chain", Error);
}

declare_rule! {
    /// An NSEC type bitmap that differs from the types present at its owner.
    ///
    /// ## What it checks
    /// The bitmap must list exactly the types at the owner, with RRSIG and NSEC; at a
    /// delegation point only NS, DS, RRSIG and NSEC (RFC 4034 §4.1.2, RFC 4035 §2.3).
    ///
    /// ## Why it matters
    /// A type missing from the bitmap is provably absent to a validator: answers for it are
    /// rejected. An extra type makes NODATA answers for it bogus.
    ///
    /// ## Example
    /// ```text
    /// www  AAAA  2001:db8::80
    /// www  NSEC  x.example.com. A RRSIG NSEC       ; AAAA missing
    /// ```
    pub NSEC_BITMAP = ("ZW2203", "nsec-bitmap", Error);
}

declare_rule! {
    /// A signed zone with neither NSEC nor NSEC3 records.
    ///
    /// ## What it checks
    /// A zone with DNSKEYs must prove non-existence with an NSEC chain (RFC 4035 §2.3) or an
    /// NSEC3 chain (RFC 5155 §7.1).
    ///
    /// ## Why it matters
    /// Every negative answer from the zone is bogus to a validator.
    ///
    /// ## Example
    /// ```text
    /// @  DNSKEY  257 3 13 (...)      ; signed, but no NSEC or NSEC3 anywhere
    /// ```
    pub NO_DENIAL_OF_EXISTENCE = ("ZW2204", "no-denial-of-existence", Error);
}

declare_rule! {
    /// A zone holding both NSEC and NSEC3 records.
    ///
    /// ## What it checks
    /// A zone uses one denial method: NSEC (RFC 4035 §2.3) or NSEC3 (RFC 5155 §7.1), not both.
    ///
    /// ## Why it matters
    /// Servers pick one chain to answer from and validators may reject proofs that mix
    /// them; it is the leftover of an incomplete switch between the two.
    ///
    /// ## Example
    /// ```text
    /// @  NSEC3PARAM  1 0 0 -
    /// @  NSEC        a.example.com. SOA NS RRSIG NSEC DNSKEY NSEC3PARAM
    /// ```
    pub NSEC_AND_NSEC3 = ("ZW2205", "nsec-and-nsec3", Error);
}

// --- ZW23xx: NSEC3 ---------------------------------------------------------------------

declare_rule! {
    /// A name whose NSEC3 hash has no NSEC3 record.
    ///
    /// ## What it checks
    /// Every authoritative name (and empty non-terminal) must have an NSEC3 whose owner is
    /// its hash under the zone's parameters (RFC 5155 §7.1), except insecure delegations
    /// covered by an opt-out NSEC3.
    ///
    /// ## Why it matters
    /// Without it, answers about the name cannot be proven: NODATA and wildcard answers for
    /// it are bogus, and the NSEC3 chain has a gap.
    ///
    /// ## Example
    /// ```text
    /// new  A  192.0.2.99        ; added after signing: no NSEC3 for its hash
    /// ```
    pub NSEC3_MISSING = ("ZW2301", "nsec3-missing", Error);
}

declare_rule! {
    /// An NSEC3 chain that is not closed, or an NSEC3 record for no name of the zone.
    ///
    /// ## What it checks
    /// NSEC3 owners must be one base32hex label below the apex, without padding, 20 octets
    /// for SHA-1 (RFC 5155 §3.3; checked in a zone not signed yet too); each record's Next
    /// Hashed Owner Name must be the next hash in order, the last pointing to the first (RFC
    /// 5155 §3.1.7, §7.1); every NSEC3 of the active chain must be the hash of some name of
    /// the zone.
    ///
    /// ## Why it matters
    /// A gap in the chain makes denials for hashes in it unprovable; a stray NSEC3 proves a
    /// name exists that does not.
    ///
    /// ## Example
    /// ```text
    /// 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom  NSEC3  1 0 0 - 2VPTU5TIMAMQTTGL4LUU9KG21E0AOR3S A RRSIG
    /// ; but the next hash in the zone is 35mthgpgcu1qg68fab165klnsnk3dpvl
    /// ```
    pub NSEC3_CHAIN = ("ZW2302", "nsec3-chain", Error);
}

declare_rule! {
    /// An NSEC3 type bitmap that differs from the types present at the hashed name.
    ///
    /// ## What it checks
    /// The bitmap must list exactly the types at the original name (with RRSIG when the
    /// name has signed data), nothing for an empty non-terminal, and at a delegation only NS
    /// and, when present, DS and RRSIG (RFC 5155 §3.1.8, §7.1).
    ///
    /// ## Why it matters
    /// A type missing from the bitmap is provably absent to validators; an extra one makes
    /// NODATA answers for it bogus.
    ///
    /// ## Example
    /// ```text
    /// ; www has A and AAAA, its NSEC3 lists A RRSIG only
    /// ```
    pub NSEC3_BITMAP = ("ZW2303", "nsec3-bitmap", Error);
}

declare_rule! {
    /// NSEC3PARAM missing, misplaced or inconsistent with the NSEC3 records.
    ///
    /// ## What it checks
    /// An NSEC3 zone has one NSEC3PARAM at the apex, with flags 0 (RFC 5155 §4.1.2), and all
    /// NSEC3 records use its hash algorithm (SHA-1, the only one defined), iterations and
    /// salt (§7.1); NSEC3PARAM without NSEC3 records is reported too.
    ///
    /// ## Why it matters
    /// Authoritative servers find the chain to answer from through NSEC3PARAM; a mismatch
    /// leaves them unable to build denials, so every negative answer fails.
    ///
    /// ## Example
    /// ```text
    /// @  NSEC3PARAM  1 0 5 aabbccdd      ; but the NSEC3 records use 0 iterations, no salt
    /// ```
    pub NSEC3PARAM = ("ZW2304", "nsec3param", Error);
}

declare_rule! {
    /// An insecure delegation left out of the NSEC3 chain by an NSEC3 without opt-out.
    ///
    /// ## What it checks
    /// An insecure delegation (NS without DS) may lack its own NSEC3 only when the NSEC3
    /// whose span covers its hash has the Opt-Out flag (RFC 5155 §6, §7.1).
    ///
    /// ## Why it matters
    /// Without opt-out the covering NSEC3 proves that the delegation does not exist, so
    /// referrals to it are bogus.
    ///
    /// ## Example
    /// ```text
    /// sub  NS  ns1.example.net.       ; no DS, no NSEC3, and the covering NSEC3 has flags 0
    /// ```
    pub NSEC3_OPT_OUT = ("ZW2305", "nsec3-opt-out", Error);
}

declare_rule! {
    /// NSEC3 with more than 0 additional iterations.
    ///
    /// ## What it checks
    /// The iterations of NSEC3PARAM and the NSEC3 records (RFC 9276 §3.1: iterations MUST be
    /// 0).
    ///
    /// ## Why it matters
    /// Extra iterations add nothing against zone walking and cost resolvers CPU; validators
    /// treat zones above a small limit as insecure or bogus (RFC 9276 §3.2).
    ///
    /// ## Example
    /// ```text
    /// @  NSEC3PARAM  1 0 10 -
    /// ```
    pub NSEC3_ITERATIONS = ("ZW2306", "nsec3-iterations", Warning);
}

declare_rule! {
    /// NSEC3 with a non-empty salt.
    ///
    /// ## What it checks
    /// The salt of NSEC3PARAM (RFC 9276 §3.1: operators SHOULD NOT use a salt).
    ///
    /// ## Why it matters
    /// A salt gives no protection against zone walking with modern hardware and makes
    /// every re-salting re-sign the whole chain.
    ///
    /// ## Example
    /// ```text
    /// @  NSEC3PARAM  1 0 0 d0d1d2d3d4d5d6d7
    /// ```
    pub NSEC3_SALT = ("ZW2307", "nsec3-salt", Warning);
}

declare_rule! {
    /// NSEC3 records of a second chain, with other parameters than the active one.
    ///
    /// ## What it checks
    /// A zone may hold more than one NSEC3 chain, each with its own hash parameters: a
    /// signer builds the new chain beside the old one before it switches NSEC3PARAM to it
    /// (RFC 5155 §7.1–§7.3). The active chain is the one whose parameters the NSEC3PARAM
    /// names (without NSEC3PARAM, the one that holds the apex's hash); only it is checked
    /// for gaps, links and bitmaps. The NSEC3 records of each other parameter set are
    /// reported once here, with how many there are, never as breaks in the active chain.
    ///
    /// ## Why it matters
    /// Servers answer from the active chain only, so the other chain is harmless while a
    /// change of parameters is under way; left behind afterwards (whole or in part), it is
    /// dead weight that every transfer carries and every signer re-signs. BIND's `dnssec-verify` and Knot accept such
    /// zones.
    ///
    /// ## Example
    /// ```text
    /// @                                 NSEC3PARAM 1 0 0 -
    /// 1ncif4ogq3uov6dsuppl2jc5q3dq6d5m  NSEC3  1 0 10 874a1253fd24911f ...   ; another chain
    /// ```
    pub NSEC3_EXTRA_CHAIN = ("ZW2308", "nsec3-extra-chain", Warning);
}
