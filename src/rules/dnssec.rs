//! DNSSEC (ZW20xx, ZW21xx, ZW24xx): signatures, keys and algorithm policy; denial of existence
//! (ZW22xx, ZW23xx) is in [`super::denial`].
//!
//! The checks themselves live in [`crate::dnssec`]: verification is one zone-level pass that
//! runs in parallel over every signature, not an RRset visitor. This file holds the rules'
//! codes and documentation; `lint` runs the pass whenever the apex has DNSKEY records, and
//! `verify` always.

use crate::declare_rule;

// The denial-of-existence rules (ZW22xx, ZW23xx) live in `denial`; they are found here too.
pub use super::denial::*;

// --- ZW20xx: signatures ---------------------------------------------------------------

declare_rule! {
    /// An RRSIG whose signature does not verify.
    ///
    /// ## What it checks
    /// Every RRSIG is verified cryptographically against the apex DNSKEY its key tag and
    /// algorithm name, over the signed data RFC 4034 §3.1.8.1 defines: the RRSIG RDATA without
    /// the signature, then the RRset in canonical form (§6.2) and canonical order (§6.3),
    /// duplicates dropped, with the original TTL and the owner wildcard-expanded as the
    /// labels field says.
    ///
    /// When more than 4 zone keys share the signature's key tag and algorithm (RFC 4034
    /// Appendix B allows collisions), it is tried against the first 4 in zone order only, as
    /// validators limit the keys they try since KeyTrap (CVE-2023-50387); a signature none
    /// of them verifies is reported with the number of keys left untried, never passed.
    ///
    /// ## Why it matters
    /// Validating resolvers answer SERVFAIL for an RRset whose only signatures do not verify
    /// (RFC 4035 §5.3): the name goes dark for every user behind one. A record edited after
    /// signing, or a signature damaged in transfer, looks fine to a zone-file check.
    ///
    /// ## Example
    /// Reported at the A record, where to act, with the RRSIG and its key as evidence:
    /// ```text
    /// www  3600  A      192.0.2.81       ; was 192.0.2.80 when it was signed
    /// www  3600  RRSIG  A 13 3 3600 20361231000000 20260101000000 40001 example.com. (...)
    /// ```
    ///
    /// ## Example report
    /// ```text
    /// error[ZW2001]: RRSIG A at www.zw2.example. by key 1514 (ECDSAP256SHA256) does not verify over the 1 record of the RRset
    ///   --> record_edited_after_signing.zone:29:1
    ///    |
    /// 29 | www.zw2.example.                  3600 IN A        192.0.2.81
    ///    | ^^^^^^^^^^^^^^^^
    ///    |
    ///   ::: record_edited_after_signing.zone:30:1
    ///    |
    /// 30 | www.zw2.example.                  3600 IN RRSIG    A 13 3 3600 20361231000000 20260101000000 1514 zw2.example. oZuU3AlE7Dr0MBmGALu6P...
    ///    | ---------------- this signature does not verify over the RRset: was it made before a change?
    ///    |
    ///   ::: record_edited_after_signing.zone:8:1
    ///    |
    ///  8 | zw2.example.                      3600 IN DNSKEY    256 3 13 5OXZQJXfic+JeijF4K5ay2yRxj+h5LMPwRlUpbtuxQxb4Pp60BEH2LKz Sx93NlGBJTVAd4...
    ///    | ------------ the key it was checked against
    ///    |
    ///    = help: re-sign the zone; if it was edited after signing, sign the edited version
    /// ```
    pub BAD_SIGNATURE = ("ZW2001", "bad-signature", Error);
}

declare_rule! {
    /// An RRSIG made with an algorithm zonewarden cannot verify.
    ///
    /// ## What it checks
    /// Signatures by RSASHA1, RSASHA1-NSEC3-SHA1, RSASHA256, RSASHA512, ECDSAP256SHA256,
    /// ECDSAP384SHA384 and ED25519 are verified. Any other algorithm (ED448, RSAMD5, DSA,
    /// ECC-GOST, private algorithms) is reported as unverifiable: never as valid. A warning
    /// while other signatures of the zone verify (validators use the algorithms they
    /// support); an error when none does, since then nothing of the zone was checked, and a
    /// check that could not run is never a pass.
    ///
    /// ## Why it matters
    /// A signature that was not checked proves nothing; RFC 4035 §5.2 treats an RRset whose
    /// algorithms a validator does not support as insecure, not as secure.
    ///
    /// ## Example
    /// ```text
    /// @  DNSKEY  257 3 16 (...)          ; ED448
    /// ```
    pub UNVERIFIABLE_ALGORITHM = ("ZW2002", "unverifiable-algorithm", Warning);
}

declare_rule! {
    /// An RRSIG whose key tag and algorithm match no zone key in the apex DNSKEY RRset.
    ///
    /// ## What it checks
    /// The key tag and algorithm of each RRSIG must name a DNSKEY at the apex with the Zone
    /// Key flag set and protocol 3 (RFC 4034 §2.1, §3.1.6; RFC 4035 §5.3.1).
    ///
    /// ## Why it matters
    /// A validator cannot check a signature by a key it cannot find: a DNSKEY replaced
    /// without re-signing, or a key removed too early in a rollover, leaves every RRset it
    /// signed bogus.
    ///
    /// ## Example
    /// ```text
    /// www  RRSIG  A 13 3 3600 20361231000000 20260101000000 11111 example.com. (...)
    /// ; but no DNSKEY with key tag 11111 and algorithm 13 at the apex
    /// ```
    pub UNKNOWN_SIGNING_KEY = ("ZW2003", "unknown-signing-key", Error);
}

declare_rule! {
    /// An RRSIG whose signature expiration lies before now.
    ///
    /// ## What it checks
    /// The expiration time compared with `--now` in serial-number arithmetic (RFC 4034
    /// §3.1.5, RFC 1982).
    ///
    /// ## Why it matters
    /// A validator must not use an expired signature (RFC 4035 §5.3.1): the RRset is bogus
    /// and the name fails to resolve for validating users. Expiry is the most common way a
    /// signed zone goes dark, usually because the re-signing job stopped.
    ///
    /// ## Example
    /// ```text
    /// www  RRSIG  A 13 3 3600 20250101000000 20240101000000 40001 example.com. (...)
    /// ```
    pub SIGNATURE_EXPIRED = ("ZW2004", "signature-expired", Error);
}

declare_rule! {
    /// An RRSIG whose signature inception lies after now.
    ///
    /// ## What it checks
    /// The inception time compared with `--now` in serial-number arithmetic (RFC 4034
    /// §3.1.5).
    ///
    /// ## Why it matters
    /// A signature is not valid before its inception (RFC 4035 §5.3.1); a signer whose clock
    /// runs ahead publishes a zone that validators reject until that time.
    ///
    /// ## Example
    /// ```text
    /// www  RRSIG  A 13 3 3600 20400101000000 20390101000000 40001 example.com. (...)
    /// ```
    pub SIGNATURE_NOT_YET_VALID = ("ZW2005", "signature-not-yet-valid", Error);
}

declare_rule! {
    /// Signatures that expire within the warning window.
    ///
    /// ## What it checks
    /// Whether any RRSIG expires within `--expiry-warning` (the config's
    /// `thresholds.expiry-warning`) of `--now`; by default the window is the SOA expire
    /// timer, and never less than 3 days. One finding per zone, at the signature that
    /// expires first, with the number of signatures in the window.
    ///
    /// ## Why it matters
    /// Secondaries keep serving a zone for up to the SOA expire time when they cannot reach
    /// the primary (RFC 1035 §3.3.13), so a zone whose signatures expire sooner can go
    /// bogus while still being served (RFC 6781 §4.4.2 on signature validity periods).
    ///
    /// ## Example
    /// ```text
    /// @  SOA  ns1 hostmaster 1 7200 3600 1209600 3600      ; expire: 14 days
    /// @  RRSIG  SOA 13 2 3600 20261201000000 ...           ; expires in 6 days
    /// ```
    pub SIGNATURE_EXPIRING = ("ZW2006", "signature-expiring", Warning);
}

declare_rule! {
    /// An RRSIG whose inception lies after its expiration.
    ///
    /// ## What it checks
    /// Inception and expiration compared in serial-number arithmetic (RFC 4034 §3.1.5).
    ///
    /// ## Why it matters
    /// Such a signature is never valid (RFC 4035 §5.3.1); it usually comes from swapped
    /// arguments to a signer.
    ///
    /// ## Example
    /// ```text
    /// www  RRSIG  A 13 3 3600 20260101000000 20361231000000 40001 example.com. (...)
    /// ```
    pub SIGNATURE_WINDOW_INVERTED = ("ZW2007", "signature-window-inverted", Error);
}

declare_rule! {
    /// An RRSIG whose signer name is not the zone's apex.
    ///
    /// ## What it checks
    /// The Signer's Name field must be the name of the zone that holds the RRset (RFC 4035
    /// §2.2, §5.3.1).
    ///
    /// ## Why it matters
    /// A validator looks the key up at the signer name and rejects a signer outside the
    /// zone; copying records between zones leaves such signatures behind.
    ///
    /// ## Example
    /// ```text
    /// www  RRSIG  A 13 3 3600 20361231000000 20260101000000 40001 example.net. (...)
    /// ```
    pub SIGNER_NOT_APEX = ("ZW2008", "signer-not-apex", Error);
}

declare_rule! {
    /// An RRSIG whose labels field does not match its owner.
    ///
    /// ## What it checks
    /// The Labels field must equal the number of labels of the owner, not counting the root
    /// nor a leading `*` of a wildcard owner (RFC 4034 §3.1.3); in a zone file no signature
    /// is the result of a wildcard expansion.
    ///
    /// ## Why it matters
    /// A validator reconstructs the signed owner from this field; a wrong count makes the
    /// signature fail, or turns it into a claim of wildcard expansion that needs a proof
    /// the zone does not give (RFC 4035 §5.3.2).
    ///
    /// ## Example
    /// ```text
    /// www.example.com.  RRSIG  A 13 2 3600 ...     ; www.example.com. has 3 labels
    /// ```
    pub RRSIG_LABELS = ("ZW2009", "rrsig-labels", Error);
}

declare_rule! {
    /// An RRSIG whose original TTL differs from the TTL of the RRset it covers.
    ///
    /// ## What it checks
    /// The Original TTL field must be the RRset's TTL as it is in the zone (RFC 4034 §3.1.4,
    /// RFC 4035 §2.2).
    ///
    /// ## Why it matters
    /// Validators cap the TTL of a validated RRset at the original TTL (RFC 4035 §5.3.3); a
    /// TTL changed after signing does not take effect as intended, and the next re-signing
    /// changes it silently.
    ///
    /// ## Example
    /// ```text
    /// www  300   A      192.0.2.80
    /// www  300   RRSIG  A 13 3 3600 ...        ; signed when the TTL was 3600
    /// ```
    pub ORIGINAL_TTL_MISMATCH = ("ZW2010", "original-ttl-mismatch", Error);
}

declare_rule! {
    /// An RRSIG with a TTL above the TTL of the RRset it covers.
    ///
    /// ## What it checks
    /// The TTL of an RRSIG record must not exceed that of the RRset it covers (RFC 4034 §3:
    /// it must match it).
    ///
    /// ## Why it matters
    /// Caches would keep the signature longer than the data; resolvers then serve a
    /// signature whose RRset they no longer have, or the reverse.
    ///
    /// ## Example
    /// ```text
    /// www  300    A      192.0.2.80
    /// www  86400  RRSIG  A 13 3 300 ...
    /// ```
    pub RRSIG_TTL_TOO_HIGH = ("ZW2011", "rrsig-ttl-too-high", Warning);
}

declare_rule! {
    /// An RRSIG covering a type that is not present at its owner.
    ///
    /// ## What it checks
    /// Each RRSIG's Type Covered must name an RRset at the same owner (RFC 4034 §3.1.1).
    ///
    /// ## Why it matters
    /// Such a signature is left over from deleted data; it proves nothing and usually means
    /// the zone was edited after signing.
    ///
    /// ## Example
    /// ```text
    /// www  RRSIG  AAAA 13 3 3600 ...     ; but www has no AAAA
    /// ```
    pub RRSIG_WITHOUT_RRSET = ("ZW2012", "rrsig-without-rrset", Error);
}

declare_rule! {
    /// An authoritative RRset without a signature by one of the zone's algorithms.
    ///
    /// ## What it checks
    /// Every authoritative RRset (including DS at delegations and NSEC/NSEC3 records) must
    /// carry an RRSIG for each algorithm in the apex DNSKEY RRset (RFC 4035 §2.2, RFC 6840
    /// §5.11). Glue, occluded data and the NS RRset at a delegation are not signed.
    ///
    /// ## Why it matters
    /// A validator that finds no usable signature for an RRset in a signed zone treats the
    /// answer as bogus (RFC 4035 §5.3); a record added after signing is the usual cause.
    ///
    /// ## Example
    /// ```text
    /// new  3600  A  192.0.2.99        ; added after the zone was signed
    /// ```
    pub MISSING_SIGNATURE = ("ZW2013", "missing-signature", Error);
}

declare_rule! {
    /// A signature on data that must not be signed: glue, occluded data, a delegation's NS.
    ///
    /// ## What it checks
    /// RRSIGs on the NS RRset at a delegation point, on address records below a delegation,
    /// and on any other data at or below a delegation except its DS and NSEC (RFC 4035 §2.2).
    ///
    /// ## Why it matters
    /// The parent is not authoritative for that data; such signatures claim an authority the
    /// zone does not have, and signers never make them, so they point to a zone assembled by
    /// hand from two sources.
    ///
    /// ## Example
    /// ```text
    /// sub  NS     ns1.sub
    /// sub  RRSIG  NS 13 3 3600 ...
    /// ```
    pub UNEXPECTED_SIGNATURE = ("ZW2014", "unexpected-signature", Error);
}

declare_rule! {
    /// More signatures by one key over one RRset than are verified.
    ///
    /// ## What it checks
    /// How many RRSIGs with the same key tag and algorithm cover one RRset. `verify` checks
    /// the first 4 of them in zone order and reports the rest as not checked.
    ///
    /// ## Why it matters
    /// A signer makes one signature per key over an RRset (RFC 4035 §2.2); more are left
    /// over from an earlier signing or were put there to make validators work. Each one
    /// hashes the whole RRset again, so a few thousand over a large RRset cost a validator
    /// (and zonewarden) the product of the two, and validators stop after a few failures
    /// (KeyTrap, CVE-2023-50387): the extra signatures can only hurt.
    ///
    /// ## Example
    /// ```text
    /// www  RRSIG  A 13 3 3600 20361231000000 20260101000000 1514 example. (...)
    /// www  RRSIG  A 13 3 3600 20361130000000 20251201000000 1514 example. (...)
    /// ; ... and three more by key 1514
    /// ```
    pub REDUNDANT_SIGNATURES = ("ZW2015", "redundant-signatures", Error);
}

// --- ZW21xx: keys, DS, CDS ------------------------------------------------------------

declare_rule! {
    /// A zone checked with `zonewarden verify` that has no DNSKEY at its apex.
    ///
    /// ## What it checks
    /// A signed zone publishes its keys in a DNSKEY RRset at the apex (RFC 4035 §2.1).
    /// Reported by `verify` only: `lint` runs the DNSSEC checks when the apex has DNSKEYs.
    ///
    /// ## Why it matters
    /// Without keys no signature in the zone can be validated.
    ///
    /// ## Example
    /// ```text
    /// $ zonewarden verify unsigned.zone
    /// ```
    pub NO_DNSKEY = ("ZW2100", "no-dnskey", Error);
}

declare_rule! {
    /// A DNSKEY RRset not signed by any key with the SEP flag.
    ///
    /// ## What it checks
    /// At least one valid signature over the apex DNSKEY RRset must come from a key with
    /// the Secure Entry Point flag (RFC 4034 §2.1.1, RFC 6781 §3.2).
    ///
    /// ## Why it matters
    /// The parent's DS records point at the SEP key; a DNSKEY RRset signed only by the
    /// zone-signing key breaks the chain of trust once the DS refers to the KSK, and signers
    /// like BIND refuse such a zone.
    ///
    /// ## Example
    /// ```text
    /// @  DNSKEY  256 3 13 (...)      ; the only key: no SEP flag
    /// ```
    ///
    /// ## Example report
    /// ```text
    /// error[ZW2101]: the DNSKEY RRset of zw2.example. has no valid signature by a key with the SEP flag (257)
    ///  --> dnskey_signed_by_zsk_only.zone:8:1
    ///   |
    /// 8 | zw2.example.                      3600 IN DNSKEY    256 3 13 5OXZQJXfic+JeijF4K5ay2yRxj+h5LMPwRlUpbtuxQxb4Pp60BEH2LKz Sx93NlGBJTVAd48...
    ///   | ^^^^^^^^^^^^
    ///   |
    ///  ::: dnskey_signed_by_zsk_only.zone:9:1
    ///   |
    /// 9 | zw2.example.                      3600 IN DNSKEY    257 3 13 1PIVnlvjdB16ON0Obzv90mETrsxe2MbglzhtnmXaVnWYhkKyIDFCgnvz BQ/ECYSAAkslwll...
    ///   | ------------ a key with the SEP flag, which made no valid signature over the set
    ///   |
    ///   = help: sign the DNSKEY RRset with the KSK (the key the parent's DS points to)
    /// ```
    pub DNSKEY_NOT_SIGNED_BY_SEP = ("ZW2101", "dnskey-not-signed-by-sep", Error);
}

declare_rule! {
    /// A DS record (from `--ds`, or a CDS) that matches no key in the apex DNSKEY RRset.
    ///
    /// ## What it checks
    /// Each DS of the parent must name, by key tag and algorithm, a DNSKEY at the apex whose
    /// digest it holds (RFC 4034 §5.1, RFC 4509 for SHA-256, RFC 6605 for SHA-384).
    ///
    /// ## Why it matters
    /// A DS for a key the zone no longer publishes is harmless only while another DS still
    /// matches; when none does, validators treat the whole zone as bogus.
    ///
    /// ## Example
    /// ```text
    /// ; dsset-example.com.
    /// example.com.  DS  11111 13 2 (...)      ; no DNSKEY with key tag 11111
    /// ```
    ///
    /// ## Example report
    /// ```text
    /// error[ZW2102]: DS 18774 (ECDSAP256SHA256) at ds_for_missing_key.ds:1 names no key in the DNSKEY set of zw2.example.
    ///  --> ds_for_missing_key.zone:8:1
    ///   |
    /// 8 | zw2.example.                      3600 IN DNSKEY    256 3 13 5OXZQJXfic+JeijF4K5ay2yRxj+h5LMPwRlUpbtuxQxb4Pp60BEH2LKz Sx93NlGBJTVAd48...
    ///   | ------------ DNSKEY 1514 has this algorithm but another tag
    ///   |
    ///  ::: ds_for_missing_key.zone:9:1
    ///   |
    /// 9 | zw2.example.                      3600 IN DNSKEY    257 3 13 1PIVnlvjdB16ON0Obzv90mETrsxe2MbglzhtnmXaVnWYhkKyIDFCgnvz BQ/ECYSAAkslwll...
    ///   | ------------ DNSKEY 24672 has this algorithm but another tag
    ///   |
    ///   = help: publish the key, or have the parent remove the DS
    /// ```
    pub DS_NO_MATCHING_KEY = ("ZW2102", "ds-no-matching-key", Error);
}

declare_rule! {
    /// A DS record whose digest does not match the DNSKEY it names.
    ///
    /// ## What it checks
    /// The digest over the owner name and DNSKEY RDATA (RFC 4034 §5.1.4), with SHA-1,
    /// SHA-256 (RFC 4509) or SHA-384 (RFC 6605), compared with the DS's digest.
    ///
    /// ## Why it matters
    /// A wrong digest breaks the chain of trust from the parent exactly as a missing key
    /// does; it is usually a key regenerated with the same tag, or a digest copied wrongly.
    ///
    /// ## Example
    /// ```text
    /// example.com.  DS  40001 13 2 0000000000000000000000000000000000000000000000000000000000000000
    /// ```
    ///
    /// ## Example report
    /// ```text
    /// error[ZW2103]: DS 24672 (ECDSAP256SHA256, digest type 2) at ds_digest_wrong.ds:1 does not match the digest of DNSKEY 24672
    ///  --> ds_digest_wrong.zone:9:1
    ///   |
    /// 9 | zw2.example.                      3600 IN DNSKEY    257 3 13 1PIVnlvjdB16ON0Obzv90mETrsxe2MbglzhtnmXaVnWYhkKyIDFCgnvz BQ/ECYSAAkslwll...
    ///   | ------------ DNSKEY 24672, whose digest differs from the DS
    /// ```
    pub DS_DIGEST_MISMATCH = ("ZW2103", "ds-digest-mismatch", Error);
}

declare_rule! {
    /// A DNSKEY RRset not signed by any key that a DS from `--ds` matches.
    ///
    /// ## What it checks
    /// With `--ds`, at least one key that a parent DS matches must have a valid signature
    /// over the apex DNSKEY RRset (RFC 4035 §5.2). A revoked key's signature does not count:
    /// it signs the set only to announce its revocation, and validators do not use it
    /// (RFC 5011 §2.1).
    ///
    /// ## Why it matters
    /// The chain of trust runs from the parent's DS through that key's signature over the
    /// DNSKEY RRset; without it, every answer from the zone is bogus.
    ///
    /// ## Example
    /// ```text
    /// $ zonewarden verify --ds dsset-example.com. example.com.zone
    /// ```
    ///
    /// ## Example report
    /// ```text
    /// error[ZW2104]: the DNSKEY RRset of zw2.example. has no valid signature by a key the parent's DS matches (key 58662)
    ///  --> ds_names_the_zsk.zone:8:1
    ///   |
    /// 8 | zw2.example.                      3600 IN DNSKEY    256 3 13 em+Dr9ax5Jl5HPK4FzvePqM58r+8rF7LUd++RohimCHQSZAClDK8oFWL itPALu28rcjrANn...
    ///   | ^^^^^^^^^^^^
    ///   | |
    ///   | key 58662, which the parent's DS matches
    ///   |
    ///   = help: sign the DNSKEY RRset with that key
    /// ```
    pub DNSKEY_NOT_SIGNED_BY_DS_KEY = ("ZW2104", "dnskey-not-signed-by-ds-key", Error);
}

declare_rule! {
    /// CDS or CDNSKEY records that do not match the apex DNSKEY RRset.
    ///
    /// ## What it checks
    /// Each CDS must match a DNSKEY at the apex (key tag, algorithm and digest) and each
    /// CDNSKEY must equal one; when both are present they must describe the same keys
    /// (RFC 7344 §4, RFC 8078 §3).
    ///
    /// ## Why it matters
    /// A parent that polls CDS/CDNSKEY installs what they say: a CDS for a missing key makes
    /// the parent publish a DS that breaks the zone.
    ///
    /// ## Example
    /// ```text
    /// @  CDS  11111 13 2 (...)      ; no DNSKEY with key tag 11111
    /// ```
    pub CDS_MISMATCH = ("ZW2105", "cds-mismatch", Error);
}

declare_rule! {
    /// A CDS/CDNSKEY delete request written wrongly.
    ///
    /// ## What it checks
    /// The delete form (`CDS 0 0 0 00`, `CDNSKEY 0 3 0 AA==`, RFC 8078 §4) must be the only
    /// record of its RRset, and when both CDS and CDNSKEY are present both must ask for
    /// deletion.
    ///
    /// ## Why it matters
    /// A parent seeing a delete record mixed with keys, or a CDS and CDNSKEY that disagree,
    /// must ignore them (RFC 8078 §4, RFC 7344 §4.1): the intended change never happens.
    ///
    /// ## Example
    /// ```text
    /// @  CDS  0 0 0 00
    /// @  CDS  40001 13 2 (...)
    /// ```
    pub CDS_DELETE_FORM = ("ZW2106", "cds-delete-form", Error);
}

declare_rule! {
    /// Two keys at the apex with the same key tag and algorithm.
    ///
    /// ## What it checks
    /// Key tags of the apex DNSKEYs, computed as RFC 4034 Appendix B says, must be distinct
    /// per algorithm.
    ///
    /// ## Why it matters
    /// Validators must try every key with a matching tag (RFC 4035 §5.3.1), and some limit how
    /// many they try (RFC 9276, KeyTrap CVE-2023-50387 mitigations); signers such as BIND
    /// refuse to create colliding keys. `verify` tries a signature against at most 4 keys
    /// with its tag and algorithm, and when more keys share one the finding says how many.
    ///
    /// ## Example
    /// ```text
    /// @  DNSKEY  257 3 13 (...)     ; key tag 40001
    /// @  DNSKEY  256 3 13 (...)     ; key tag 40001 as well
    /// ```
    ///
    /// ## Example report
    /// ```text
    /// warning[ZW2107]: DNSKEY 51419 (ECDSAP256SHA256) has the key tag of another key at the apex
    ///  --> two_keys_one_tag.zone:7:1
    ///   |
    /// 7 | zw2.example.    3600    IN    DNSKEY    256 3 13 t843a3EZfO73HU6w2is7ANEbpfovZcLHG/32wn+bbrimgHUUjssoKR7yA4Cg1yL6qv1aqs0ttudWTp+dbLp9...
    ///   | ^^^^^^^^^^^^
    ///   |
    ///  ::: two_keys_one_tag.zone:6:1
    ///   |
    /// 6 | zw2.example.    3600    IN    DNSKEY    256 3 13 N863a3EZfO73HU6w2is7ANEbpfovZcLHG/32wn+bbrimgHUUjssoKR7yA4Cg1yL6qv1aqs0ttudWTp+dbLp9...
    ///   | ------------ the first key with tag 51419 and this algorithm
    ///   |
    ///   = help: replace one of the keys with a newly generated one
    /// ```
    pub DUPLICATE_KEY_TAG = ("ZW2107", "duplicate-key-tag", Warning);
}

declare_rule! {
    /// A DNSKEY with the REVOKE flag.
    ///
    /// ## What it checks
    /// The REVOKE bit (flag 0x0080) of each apex DNSKEY (RFC 5011 §3); a revoked key must
    /// itself sign the DNSKEY RRset and must not be relied on for anything else.
    ///
    /// ## Why it matters
    /// A revoked key is the end of an RFC 5011 rollover; one left in the zone by mistake
    /// removes a trust anchor from every resolver that tracks it.
    ///
    /// ## Example
    /// ```text
    /// @  DNSKEY  385 3 13 (...)     ; 257 + 128: a revoked KSK
    /// ```
    pub REVOKED_KEY = ("ZW2108", "revoked-key", Warning);
}

declare_rule! {
    /// An RSA key shorter than 2048 bits.
    ///
    /// ## What it checks
    /// The modulus length of RSA DNSKEYs (RFC 3110 §2 encoding).
    ///
    /// ## Why it matters
    /// 1024-bit RSA is below every current recommendation (NIST SP 800-131A, RFC 6781 §3.4.2
    /// as updated by current practice); BIND and Knot default to 2048 bits.
    ///
    /// ## Example
    /// ```text
    /// @  DNSKEY  256 3 8 AwEAAc...      ; 1024-bit modulus
    /// ```
    pub RSA_KEY_TOO_SHORT = ("ZW2109", "rsa-key-too-short", Warning);
}

declare_rule! {
    /// An apex DNSKEY that cannot be used: protocol not 3, or a key that does not decode.
    ///
    /// ## What it checks
    /// The Protocol field must be 3 (RFC 4034 §2.1.2); the public key must decode for its
    /// algorithm (RFC 3110, RFC 6605, RFC 8080 formats); a key that signs must have the Zone
    /// Key flag (§2.1.1).
    ///
    /// ## Why it matters
    /// Validators discard such keys, and with them every signature they made.
    ///
    /// ## Example
    /// ```text
    /// @  DNSKEY  257 2 13 (...)      ; protocol 2
    /// ```
    pub BAD_DNSKEY = ("ZW2110", "bad-dnskey", Error);
}

declare_rule! {
    /// None of the parent's DS records (`--ds`) could be checked against the keys.
    ///
    /// ## What it checks
    /// With `--ds`, whether at least one of the parent's DS records has a digest type
    /// zonewarden computes (SHA-1, SHA-256, SHA-384) and RDATA that parses. DS records of
    /// other types are passed over while one of them can be checked.
    ///
    /// ## Why it matters
    /// A check that could not run is never a pass: the DS set cannot be shown to match a key
    /// of the zone, and a validator that supports none of its digest types treats the zone
    /// as insecure (RFC 4035 §5.2), so its answers go unauthenticated.
    ///
    /// ## Example
    /// ```text
    /// example.com.  DS  40001 13 6 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    /// ```
    pub DS_UNVERIFIABLE = ("ZW2111", "ds-unverifiable", Error);
}

// --- ZW24xx: algorithm policy ------------------------------------------------------------

declare_rule! {
    /// A zone signed with an algorithm that must not be used for signing.
    ///
    /// ## What it checks
    /// The algorithms of the apex DNSKEYs against RFC 8624 §3.1 and the IANA registry's
    /// recommendation columns that RFC 9904 maintains: RSAMD5 (1), DSA (3), DSA-NSEC3-SHA1
    /// (6) and ECC-GOST (12) MUST NOT be used for signing.
    ///
    /// ## Why it matters
    /// Validators no longer support these algorithms and treat the zone as insecure; some
    /// are broken outright (MD5).
    ///
    /// ## Example
    /// ```text
    /// @  DNSKEY  257 3 1 (...)      ; RSAMD5
    /// ```
    pub ALGORITHM_MUST_NOT = ("ZW2401", "algorithm-must-not", Error);
}

declare_rule! {
    /// A zone signed with an algorithm that is not recommended for signing.
    ///
    /// ## What it checks
    /// RSASHA1 (5) and RSASHA1-NSEC3-SHA1 (7): NOT RECOMMENDED for signing by RFC 8624 §3.1,
    /// and being withdrawn under RFC 9904's registry updates.
    ///
    /// ## Why it matters
    /// SHA-1 signatures are refused by a growing number of validators (some operating
    /// systems disable SHA-1 altogether), which then see the zone as insecure or bogus.
    ///
    /// ## Example
    /// ```text
    /// @  DNSKEY  257 3 8 (...)      ; fine
    /// @  DNSKEY  257 3 5 (...)      ; RSASHA1
    /// ```
    pub ALGORITHM_NOT_RECOMMENDED = ("ZW2402", "algorithm-not-recommended", Warning);
}

declare_rule! {
    /// A DS or CDS with a SHA-1 (or GOST) digest.
    ///
    /// ## What it checks
    /// Digest types of DS records at delegations, of CDS at the apex and of `--ds`: SHA-1 (1)
    /// MUST NOT be used to generate DS records and GOST R 34.11-94 (3) neither (RFC 8624
    /// §3.3).
    ///
    /// ## Why it matters
    /// A SHA-1 digest is as weak as SHA-1; validators ignore such DS records when a stronger
    /// one is present and may treat the delegation as insecure when not.
    ///
    /// ## Example
    /// ```text
    /// sub  DS  12345 13 1 (...)
    /// ```
    pub WEAK_DS_DIGEST = ("ZW2403", "weak-ds-digest", Warning);
}
