//! The delegation and DNSSEC across the cut: a parent's NS, glue and DS against the child
//! zone in the same run (ZW6001 to ZW6006).

use super::{text, Delegation, Facts, Finding, Run};
use crate::diag::Diagnostic;
use crate::dnssec::keys::{ds_digest, key_tag};
use crate::rules::crosszone as rules;
use crate::source::Span;
use crate::zone::rtype::t;
use crate::zone::view;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn check(run: &Run, out: &mut Vec<Finding>) {
    for (p, parent) in run.facts.iter().enumerate() {
        for d in &parent.delegations {
            let mut lame = BTreeSet::new();
            if let Some(c) = run.zone_named(&d.child) {
                if c != p {
                    let child = &run.facts[c];
                    ns_sets(p, d, c, child, &mut lame, out);
                    ds(p, d, c, child, out);
                    cds(p, d, c, child, out);
                }
            }
            unreachable_servers(run, p, d, &lame, out);
        }
        glue(run, p, parent, out);
    }
}

/// ZW6001 and ZW6003: the parent's NS RRset for the child against the child's apex NS.
fn ns_sets(
    p: usize,
    d: &Delegation,
    c: usize,
    child: &Facts,
    lame: &mut BTreeSet<Vec<u8>>,
    out: &mut Vec<Finding>,
) {
    let parent_set: BTreeSet<&[u8]> = d.ns.iter().map(|r| r.name.as_slice()).collect();
    let child_set: BTreeSet<&[u8]> = child.apex_ns.iter().map(|r| r.name.as_slice()).collect();
    if child_set.is_empty() {
        return;
    }
    for r in &child.apex_ns {
        if !parent_set.contains(r.name.as_slice()) {
            let diag = Diagnostic::new(
                &rules::DELEGATION_NS_MISMATCH,
                Some(d.ns[0].span),
                format!(
                    "the delegation of {} lacks name server {}, which the child lists at its apex",
                    text(&d.child),
                    text(&r.name)
                ),
            )
            .with_fix(format!(
                "add `{} NS {}` here, so that the parent's NS RRset equals the child's",
                text(&d.child),
                text(&r.name)
            ));
            out.push(Finding::new(p, diag).at(&d.child, t::NS).related(
                c,
                Some(r.span),
                "the child's NS record",
            ));
        }
    }
    for r in &d.ns {
        if !child_set.contains(r.name.as_slice()) && lame.insert(r.name.clone()) {
            let diag = Diagnostic::new(
                &rules::LAME_DELEGATION,
                Some(r.span),
                format!(
                    "name server {} of the delegation of {} is lame: the child's apex NS RRset does not list it",
                    text(&r.name),
                    text(&d.child)
                ),
            )
            .with_fix(
                "remove it from the delegation, or add it to the child's NS RRset and serve the zone there",
            );
            out.push(Finding::new(p, diag).at(&d.child, t::NS).related(
                c,
                child.apex_ns.first().map(|r| r.span),
                "the child's apex NS RRset",
            ));
        }
    }
}

/// ZW6003: a delegated name server whose name lies in a zone of the run that gives it no
/// address.
fn unreachable_servers(
    run: &Run,
    p: usize,
    d: &Delegation,
    lame: &BTreeSet<Vec<u8>>,
    out: &mut Vec<Finding>,
) {
    for r in &d.ns {
        if lame.contains(&r.name) || crate::zone::name::is_subdomain(&r.name, &d.child) {
            continue;
        }
        let Some(z) = run.authority_for(&r.name) else {
            continue;
        };
        let host_zone = &run.facts[z];
        if host_zone
            .addresses_of(&r.name)
            .is_some_and(|a| a.is_empty())
        {
            let diag = Diagnostic::new(
                &rules::LAME_DELEGATION,
                Some(r.span),
                format!(
                    "name server {} of the delegation of {} is lame: its zone {} gives it no address",
                    text(&r.name),
                    text(&d.child),
                    text(&host_zone.origin)
                ),
            )
            .with_fix(format!(
                "add A or AAAA records for {} to {}, or name another server",
                text(&r.name),
                text(&host_zone.origin)
            ));
            out.push(Finding::new(p, diag).at(&d.child, t::NS).related(
                z,
                host_zone.apex_span(),
                "the server's zone",
            ));
        }
    }
}

/// ZW6002: the glue of each name server a delegation of the parent names against the
/// addresses the zone of the run that holds the server gives it: the child's own for an
/// in-child server, a sibling's or a grandchild's for one there.
fn glue(run: &Run, p: usize, parent: &Facts, out: &mut Vec<Finding>) {
    // Only a server below one of the parent's cuts can have glue in it: a TLD's servers
    // elsewhere are left out of the set at once.
    let hosts: BTreeSet<&[u8]> = parent
        .delegations
        .iter()
        .flat_map(|d| d.ns.iter().map(|r| r.name.as_slice()))
        .filter(|h| parent.cut_above(h).is_some())
        .collect();
    for host in hosts {
        let glue = parent.glue_of(host);
        if glue.is_empty() {
            continue;
        }
        let Some(z) = run.authority_for(host).filter(|&z| z != p) else {
            continue;
        };
        let zone = &run.facts[z];
        let Some(own) = zone.addresses_of(host) else {
            continue;
        };
        let own_ips: BTreeSet<_> = own.iter().map(|a| a.ip).collect();
        let glue_ips: BTreeSet<_> = glue.iter().map(|a| a.ip).collect();
        if own_ips == glue_ips {
            continue;
        }
        // The wording names the child when the server's zone is one; else that zone.
        let child = parent
            .delegations
            .iter()
            .any(|d| *d.child == *zone.origin && d.ns.iter().any(|r| r.name.as_slice() == host));
        let (whose, theirs, label) = if child {
            (
                "the child's own addresses".to_string(),
                "the child's addresses".to_string(),
                "the child's address record".to_string(),
            )
        } else {
            let origin = text(&zone.origin);
            (
                format!("the addresses {origin} gives it"),
                format!("the addresses {origin} gives it"),
                format!("the address record in {origin}"),
            )
        };
        let listed = |ips: &BTreeSet<std::net::IpAddr>| {
            if ips.is_empty() {
                "none".to_string()
            } else {
                ips.iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let fix = format!(
            "make the glue for {} {theirs}: {}",
            text(host),
            listed(&own_ips)
        );
        let evidence = |mut f: Finding| {
            for a in &own {
                f = f.related(z, Some(a.span), label.clone());
            }
            if own.is_empty() {
                let what = if child { "the child" } else { "the zone" };
                f = f.related(
                    z,
                    zone.apex_span(),
                    format!("{what}, with no address for it"),
                );
            }
            f
        };
        for g in glue.iter().filter(|g| !own_ips.contains(&g.ip)) {
            let message = format!(
                "glue {} for {} differs from {whose} ({})",
                g.ip,
                text(host),
                listed(&own_ips)
            );
            let diag =
                Diagnostic::new(&rules::GLUE_MISMATCH, Some(g.span), message).with_fix(fix.clone());
            let rtype = if g.ip.is_ipv4() { t::A } else { t::AAAA };
            out.push(evidence(Finding::new(p, diag).at(&g.name, rtype)));
        }
        // Glue that lacks an address sends every resolver that needs it to the others
        // (an IPv6-only resolver to none). Glue that differs was reported just above, with
        // the whole set to make it.
        let missing: BTreeSet<_> = own_ips.difference(&glue_ips).copied().collect();
        if glue_ips.is_subset(&own_ips) {
            let message = format!(
                "the glue for {} lacks {} of {whose} ({})",
                text(host),
                listed(&missing),
                listed(&own_ips)
            );
            let diag = Diagnostic::new(&rules::GLUE_MISMATCH, Some(glue[0].span), message)
                .with_fix(fix.clone());
            let rtype = if glue[0].ip.is_ipv4() { t::A } else { t::AAAA };
            out.push(evidence(Finding::new(p, diag).at(&glue[0].name, rtype)));
        }
    }
}

/// Whether a DS (or CDS) matches a DNSKEY (or CDNSKEY) of the child: `None` when its digest
/// type cannot be computed.
fn ds_matches(child_origin: &[u8], ds: &view::Ds, key: &[u8]) -> Option<bool> {
    let k = view::Dnskey::parse(key)?;
    if k.algorithm != ds.algorithm || key_tag(key) != ds.key_tag {
        return Some(false);
    }
    let digest = ds_digest(child_origin, key, ds.digest_type)?;
    Some(digest == ds.digest)
}

/// ZW6004 and ZW6005: each DS against the child's SEP keys, and each algorithm the DS set
/// names against the signatures over the child's DNSKEY RRset: one of them must be made by
/// a key a DS of that algorithm names, or validators find no chain (RFC 4035 §5.2).
fn ds(p: usize, d: &Delegation, c: usize, child: &Facts, out: &mut Vec<Finding>) {
    let (keys_span, keys_label) = match child.dnskeys.first() {
        Some(k) => (Some(k.1), "the child's DNSKEY RRset"),
        None => (child.apex_span(), "the child zone, which has no DNSKEY"),
    };
    let zone_keys: Vec<(view::Dnskey, &[u8])> = child
        .dnskeys
        .iter()
        .filter_map(|(k, _)| Some((view::Dnskey::parse(k).filter(|x| x.is_zone_key())?, &k[..])))
        .collect();
    let judged: Vec<Judged> =
        d.ds.iter()
            .filter_map(|(rdata, span)| Judged::of(child, &zone_keys, rdata, *span))
            .collect();
    // Per algorithm: whether a DS of it names a key that signs the DNSKEY RRset, and
    // whether every DS of it could be checked.
    let mut algorithms: BTreeMap<u8, (bool, bool)> = BTreeMap::new();
    for j in &judged {
        let a = algorithms.entry(j.ds.algorithm).or_insert((false, true));
        a.0 |= j.signs;
        a.1 &= !j.uncomputable;
    }
    for j in judged.iter().filter(|j| !j.matched) {
        let chain = algorithms.get(&j.ds.algorithm).is_some_and(|a| a.0);
        out.push(
            Finding::new(p, j.finding(&d.child, chain))
                .at(&d.child, t::DS)
                .related(c, keys_span, keys_label),
        );
    }
    if child.dnskeys.is_empty() {
        return;
    }
    for (alg, (chain, checked)) in algorithms {
        let signers = signers(child, &zone_keys, alg);
        let signed = child.dnskey_sigs.iter().any(|s| s.0 == alg);
        let (message, fix) = if !signed {
            (
                format!(
                    "the parent's DS set names algorithm {alg}, but no RRSIG of algorithm {alg} covers the DNSKEY RRset of {}",
                    text(&child.origin)
                ),
                format!(
                    "sign the DNSKEY RRset with a key of algorithm {alg}, or remove the parent's DS records of algorithm {alg}"
                ),
            )
        } else if !chain && checked {
            let tags: Vec<String> = signers.iter().map(|t| t.to_string()).collect();
            let (by, fix) = if tags.is_empty() {
                (
                    "only a revoked key".to_string(),
                    "sign the DNSKEY RRset with a key the parent's DS names".to_string(),
                )
            } else {
                let tags = tags.join(", ");
                (
                    format!("key {tags}"),
                    format!("publish the DS of key {tags} (dnssec-dsfromkey), or sign the DNSKEY RRset with a key the parent's DS names"),
                )
            };
            (
                format!(
                    "no DS of algorithm {alg} in the parent names a key that signs the DNSKEY RRset of {} (signed by {by}): validators find no chain of trust",
                    text(&child.origin),
                ),
                fix,
            )
        } else {
            continue;
        };
        let ds_span =
            d.ds.iter()
                .find(|(r, _)| view::Ds::parse(r).is_some_and(|x| x.algorithm == alg))
                .map(|x| x.1);
        let diag = Diagnostic::new(&rules::DS_ALGORITHM_UNSIGNED, keys_span, message).with_fix(fix);
        // The child has keys: `keys_span` is its first DNSKEY.
        out.push(Finding::new(c, diag).at(&child.origin, t::DNSKEY).related(
            p,
            ds_span,
            "the parent's DS record",
        ));
    }
}

/// One DS of the parent against the child's zone keys.
struct Judged<'a> {
    ds: view::Ds<'a>,
    span: Span,
    /// It matches a key with the SEP bit, not revoked.
    matched: bool,
    /// Its digest type cannot be computed here.
    uncomputable: bool,
    /// It matches a revoked key.
    revoked: bool,
    /// It matches a key, not revoked, that signs the DNSKEY RRset.
    signs: bool,
}

impl<'a> Judged<'a> {
    fn of(
        child: &Facts,
        keys: &[(view::Dnskey, &[u8])],
        rdata: &'a [u8],
        span: Span,
    ) -> Option<Judged<'a>> {
        let ds = view::Ds::parse(rdata)?;
        let mut j = Judged {
            ds,
            span,
            matched: false,
            uncomputable: false,
            revoked: false,
            signs: false,
        };
        for (key, k) in keys {
            match ds_matches(&child.origin, &j.ds, k) {
                Some(true) if key.flags & view::Dnskey::REVOKE != 0 => j.revoked = true,
                Some(true) => {
                    j.signs |= child.dnskey_sigs.contains(&(j.ds.algorithm, key_tag(k)));
                    j.matched |= key.flags & view::Dnskey::SEP != 0;
                }
                Some(false) => {}
                None => j.uncomputable = true,
            }
        }
        Some(j)
    }

    /// ZW6004 for a DS that names no SEP key: an error, unless `chain` (a DS of its
    /// algorithm names a key that signs the child's keys): then it breaks no chain, being a
    /// DS published ahead of its key (a Double-DS rollover, RFC 6781 §4.1.2), one left
    /// behind, or one of a key that signs without the SEP bit, and is a warning.
    fn finding(&self, child: &[u8], chain: bool) -> Diagnostic {
        let ds = &self.ds;
        let what = format!(
            "DS {} {} {} for {}",
            ds.key_tag,
            ds.algorithm,
            ds.digest_type,
            text(child)
        );
        let message = if self.uncomputable {
            format!(
                "{what} not checked: zonewarden cannot compute digest type {}",
                ds.digest_type
            )
        } else if self.revoked {
            format!("{what} matches only a revoked DNSKEY (REVOKE bit set, RFC 5011 §2.1), which validators do not use")
        } else if self.signs {
            format!("{what} names a key without the SEP bit, though one that signs the DNSKEY RRset: validators ignore the bit (RFC 4034 §2.1.1), but tools that roll keys look for it")
        } else {
            format!("{what} matches no DNSKEY with the SEP bit in the child zone")
        };
        let message = if chain && self.uncomputable {
            format!(
                "{message}; another DS of algorithm {} holds the chain of trust",
                ds.algorithm
            )
        } else if chain && !self.signs {
            format!(
                "{message}; another DS of algorithm {} holds the chain of trust, so this one breaks nothing (published ahead of its key, or left behind)",
                ds.algorithm
            )
        } else {
            message
        };
        let fix = if self.signs {
            "name the child's KSK in the DS instead (dnssec-dsfromkey), or give the key the SEP bit (flags 257)"
        } else {
            "publish the DS of a key the child signs its DNSKEY RRset with (dnssec-dsfromkey), and remove this one once no resolver holds it"
        };
        let mut diag =
            Diagnostic::new(&rules::DS_MATCHES_NO_SEP_KEY, Some(self.span), message).with_fix(fix);
        if chain {
            diag.severity = crate::diag::Severity::Warning;
        }
        diag
    }
}

/// The key tags of the keys of an algorithm whose RRSIGs cover the child's DNSKEY RRset: a
/// revoked key's left out (it signs only to announce its revocation), and the SEP keys'
/// alone when there are any (a ZSK that signs the keys too is not the one to name in a DS).
fn signers(child: &Facts, zone_keys: &[(view::Dnskey, &[u8])], alg: u8) -> Vec<u16> {
    let flags = |tag: u16| {
        zone_keys
            .iter()
            .find(|(k, raw)| k.algorithm == alg && key_tag(raw) == tag)
            .map_or(0, |(k, _)| k.flags)
    };
    let tags: Vec<(u16, u16)> = child
        .dnskey_sigs
        .iter()
        .filter(|s| s.0 == alg)
        .map(|s| (s.1, flags(s.1)))
        .filter(|(_, f)| f & view::Dnskey::REVOKE == 0)
        .collect();
    let sep = tags.iter().any(|(_, f)| f & view::Dnskey::SEP != 0);
    tags.into_iter()
        .filter(|(_, f)| !sep || f & view::Dnskey::SEP != 0)
        .map(|(t, _)| t)
        .collect()
}

/// ZW6006: the child's CDS or CDNSKEY records against the parent's DS set.
fn cds(p: usize, d: &Delegation, c: usize, child: &Facts, out: &mut Vec<Finding>) {
    if child.cds.is_empty() && child.cdnskey.is_empty() {
        return;
    }
    let parent: BTreeSet<&[u8]> = d.ds.iter().map(|(r, _)| r.as_slice()).collect();
    let mut differs = false;
    if !child.cds.is_empty() {
        let announced: BTreeSet<&[u8]> = child.cds.iter().map(|(r, _)| r.as_slice()).collect();
        differs |= announced != parent;
    }
    if !child.cdnskey.is_empty() {
        let ds: Vec<view::Ds> =
            d.ds.iter()
                .filter_map(|(r, _)| view::Ds::parse(r))
                .collect();
        let matched = |k: &[u8], x: &view::Ds| ds_matches(&child.origin, x, k) == Some(true);
        let every_key = child
            .cdnskey
            .iter()
            .all(|(k, _)| ds.iter().any(|x| matched(k, x)));
        let every_ds = ds
            .iter()
            .all(|x| child.cdnskey.iter().any(|(k, _)| matched(k, x)));
        differs |= !(every_key && every_ds);
    }
    if !differs {
        return;
    }
    let (span, rtype) = match d.ds.first() {
        Some(x) => (x.1, t::DS),
        None => (d.ns[0].span, t::NS),
    };
    let evidence = child.cds.first().or(child.cdnskey.first()).map(|x| x.1);
    let diag = Diagnostic::new(
        &rules::CDS_CHANGE_ANNOUNCED,
        Some(span),
        format!(
            "the CDS/CDNSKEY records of {} announce a change of the parent's DS set",
            text(&d.child)
        ),
    )
    .with_fix(
        "judge the change with `zonewarden rollover` (old and new child zone, --ds), then replace the DS set with the DS the CDS records name",
    );
    out.push(Finding::new(p, diag).at(&d.child, rtype).related(
        c,
        evidence,
        "the child's CDS/CDNSKEY RRset",
    ));
}
