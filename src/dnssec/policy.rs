//! Key and algorithm policy: RFC 8624 (and the IANA recommendations RFC 9904 maintains) for
//! algorithms and DS digests, RSA key sizes, duplicate key tags, revoked keys.

use super::keys::{algorithm_text, Ds, Key};
use super::verify::MAX_KEYS_PER_SIGNATURE;
use super::ParentDs;
use crate::diag::Diagnostic;
use crate::index::Cx;
use crate::rules::dnssec::*;
use crate::zone::rtype::t;
use std::collections::HashMap;

/// RFC 8624 §3.1: MUST NOT sign with these.
fn must_not(alg: u8) -> bool {
    matches!(alg, 1 | 3 | 6 | 12)
}

/// RFC 8624 §3.1: NOT RECOMMENDED for signing.
fn not_recommended(alg: u8) -> bool {
    matches!(alg, 5 | 7)
}

fn digest_name(d: u8) -> &'static str {
    match d {
        1 => "SHA-1",
        3 => "GOST R 34.11-94",
        _ => "?",
    }
}

/// Runs the policy checks over the apex keys, the DS and CDS records of the zone and the
/// parent's DS records.
pub fn check(cx: &Cx, keys: &[Key], parent: Option<&[ParentDs]>, out: &mut Vec<Diagnostic>) {
    let mut seen_alg: Vec<u8> = Vec::new();
    let sharing_tag = sharing_tags(keys);
    // The first key with each tag and algorithm: the one a later key collides with.
    let mut first: HashMap<(u16, u8), u32> = HashMap::new();
    // Once, not per key: a zone may hold many keys.
    let signed = super::is_signed(cx);
    for (k, &sharing) in keys.iter().zip(&sharing_tag) {
        if !seen_alg.contains(&k.algorithm) {
            seen_alg.push(k.algorithm);
            out.extend(algorithm(cx, k, signed));
        }
        let other = *first.entry((k.tag, k.algorithm)).or_insert(k.record);
        key(cx, k, sharing, other, signed, out);
    }
    digests(cx, parent, out);
}

/// For each key: how many keys share its tag and algorithm, and how many of those come
/// before it; counted through a map, so that many colliding keys cost linear time.
fn sharing_tags(keys: &[Key]) -> Vec<(usize, usize)> {
    let mut by_tag: HashMap<(u16, u8), usize> = HashMap::new();
    let earlier: Vec<usize> = keys
        .iter()
        .map(|k| {
            let c = by_tag.entry((k.tag, k.algorithm)).or_default();
            *c += 1;
            *c - 1
        })
        .collect();
    keys.iter()
        .zip(earlier)
        .map(|(k, e)| (by_tag[&(k.tag, k.algorithm)], e))
        .collect()
}

/// The finding for the algorithm of `k`, the first key with it, if RFC 8624 §3.1 advises
/// against signing with it.
fn algorithm(cx: &Cx, k: &Key, signed: bool) -> Option<Diagnostic> {
    let r = cx.record(k.record);
    if must_not(k.algorithm) {
        Some(
            Diagnostic::new(
                &ALGORITHM_MUST_NOT,
                Some(cx.field_span(r, 2)),
                format!(
                    "{} {}, which MUST NOT be used for signing (RFC 8624 §3.1)",
                    signed_with(signed),
                    algorithm_text(k.algorithm)
                ),
            )
            .with_fix("roll to ECDSAP256SHA256 (13) or ED25519 (15)"),
        )
    } else if not_recommended(k.algorithm) {
        Some(
            Diagnostic::new(
                &ALGORITHM_NOT_RECOMMENDED,
                Some(cx.field_span(r, 2)),
                format!(
                    "{} {}, which is NOT RECOMMENDED for signing (RFC 8624 §3.1)",
                    signed_with(signed),
                    algorithm_text(k.algorithm)
                ),
            )
            .with_fix("roll to ECDSAP256SHA256 (13), ED25519 (15) or RSASHA256 (8)"),
        )
    } else {
        None
    }
}

/// How an algorithm finding names the zone's use of the algorithm: a zone not signed yet (a
/// signer's input) only has keys of it.
fn signed_with(signed: bool) -> &'static str {
    if signed {
        "the zone is signed with"
    } else {
        "the zone's keys (nothing is signed yet) use"
    }
}

/// The findings for one key: a key tag it shares with an earlier key (the counts of
/// [`sharing_tags`]), the REVOKE flag, a short RSA modulus.
/// `other` is the record of the first key with its tag and algorithm; `signed` whether the
/// zone has signatures.
fn key(
    cx: &Cx,
    k: &Key,
    (sharing, earlier): (usize, usize),
    other: u32,
    signed: bool,
    out: &mut Vec<Diagnostic>,
) {
    let r = cx.record(k.record);
    if earlier > 0 {
        // Beyond the cap, keys are not only a cost to validators but left untried by
        // them, and by `verify` (RFC 4034 Appendix B; KeyTrap, CVE-2023-50387).
        let untried = if sharing > MAX_KEYS_PER_SIGNATURE {
            format!(
                "; {sharing} keys share it, and a signature is tried against the first {MAX_KEYS_PER_SIGNATURE} only"
            )
        } else {
            String::new()
        };
        out.push(
            Diagnostic::new(
                &DUPLICATE_KEY_TAG,
                Some(cx.zone.span_of(r)),
                format!(
                    "DNSKEY {} ({}) has the key tag of another key at the apex{untried}",
                    k.tag,
                    algorithm_text(k.algorithm)
                ),
            )
            .with_fix("replace one of the keys with a newly generated one")
            .with_related(
                cx.zone.span_of(cx.record(other)),
                format!("the first key with tag {} and this algorithm", k.tag),
            ),
        );
    }
    if k.is_revoked() {
        out.push(
            Diagnostic::new(
                &REVOKED_KEY,
                Some(cx.field_span(r, 0)),
                format!(
                    "DNSKEY {} ({}) has the REVOKE flag (flags {})",
                    k.tag,
                    algorithm_text(k.algorithm),
                    k.flags
                ),
            )
            .with_fix(
                "remove the key once the revocation has been published long enough (RFC 5011 §6.6)",
            ),
        );
    }
    if let Some(bits) = k.rsa_bits.filter(|&b| b < 2048 || k.ring_refuses()) {
        // Signatures by a key ring refuses are verified all the same (keys::Verifier::Legacy);
        // what is wrong with the key is said here, once.
        let refused = match (k.ring_refuses(), signed) {
            (true, true) => "; ring refuses the key (it takes 1024 to 8192 bits and an odd exponent up to 2^33 - 1), so its signatures were verified with the rsa crate",
            (true, false) => "; ring refuses the key (it takes 1024 to 8192 bits and an odd exponent up to 2^33 - 1), and so do validators built on it",
            _ => "",
        };
        out.push(
            Diagnostic::new(
                &RSA_KEY_TOO_SHORT,
                Some(cx.field_span(r, 3)),
                format!(
                    "DNSKEY {} ({}) has a {bits}-bit modulus, below 2048 bits{refused}",
                    k.tag,
                    algorithm_text(k.algorithm)
                ),
            )
            .with_fix("roll to a 2048-bit RSA key, or to ECDSAP256SHA256"),
        );
    }
}

/// Digest types of DS at delegations and of CDS at the apex, and of the parent's DS.
fn digests(cx: &Cx, parent: Option<&[ParentDs]>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for r in &zone.records {
        if r.rtype != t::DS && r.rtype != t::CDS {
            continue;
        }
        let Some(d) = Ds::parse(zone.rdata(r)) else {
            continue;
        };
        if matches!(d.digest_type, 1 | 3) && !d.is_delete() {
            out.push(
                Diagnostic::new(
                    &WEAK_DS_DIGEST,
                    Some(cx.field_span(r, 2)),
                    format!(
                        "{} {} at {} has a {} digest (RFC 8624 §3.3: MUST NOT be generated)",
                        crate::zone::rtype::type_to_string(r.rtype),
                        d.tag,
                        cx.name_text(r.owner),
                        digest_name(d.digest_type)
                    ),
                )
                .with_fix("use digest type 2 (SHA-256)"),
            );
        }
    }
    for ds in parent.unwrap_or(&[]) {
        if let Some(d) = Ds::parse(&ds.rdata).filter(|d| matches!(d.digest_type, 1 | 3)) {
            out.push(Diagnostic::new(
                &WEAK_DS_DIGEST,
                None,
                format!(
                    "the parent's DS {} at {} has a {} digest (RFC 8624 §3.3: MUST NOT be generated)",
                    d.tag,
                    ds.at,
                    digest_name(d.digest_type)
                ),
            ).with_fix("ask the parent for digest type 2 (SHA-256)"));
        }
    }
}
