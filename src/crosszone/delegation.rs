//! The delegation and DNSSEC across the cut: a parent's NS, glue and DS against the child
//! zone in the same run (ZW6001 to ZW6006).

use super::{text, Delegation, Facts, Finding, Run};
use crate::diag::Diagnostic;
use crate::dnssec::keys::{ds_digest, key_tag};
use crate::rules::crosszone as rules;
use crate::zone::rtype::t;
use crate::zone::view;
use std::collections::BTreeSet;

pub(super) fn check(run: &Run, out: &mut Vec<Finding>) {
    for (p, parent) in run.facts.iter().enumerate() {
        for d in &parent.delegations {
            let mut lame = BTreeSet::new();
            if let Some(c) = run.zone_named(&d.child) {
                if c != p {
                    let child = &run.facts[c];
                    ns_sets(p, d, c, child, &mut lame, out);
                    glue(p, parent, d, c, child, out);
                    ds(p, d, c, child, out);
                    cds(p, d, c, child, out);
                }
            }
            unreachable_servers(run, p, d, &lame, out);
        }
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

/// ZW6002: glue for in-child name servers against the child's own addresses.
fn glue(p: usize, parent: &Facts, d: &Delegation, c: usize, child: &Facts, out: &mut Vec<Finding>) {
    let hosts: BTreeSet<&[u8]> =
        d.ns.iter()
            .map(|r| r.name.as_slice())
            .filter(|h| crate::zone::name::is_subdomain(h, &d.child))
            .collect();
    for host in hosts {
        let glue = parent.glue_of(host);
        let Some(own) = child.addresses_of(host) else {
            continue;
        };
        if glue.is_empty() {
            continue;
        }
        let own_ips: BTreeSet<_> = own.iter().map(|a| a.ip).collect();
        let glue_ips: BTreeSet<_> = glue.iter().map(|a| a.ip).collect();
        if own_ips == glue_ips {
            continue;
        }
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
        for g in glue.iter().filter(|g| !own_ips.contains(&g.ip)) {
            let diag = Diagnostic::new(
                &rules::GLUE_MISMATCH,
                Some(g.span),
                format!(
                    "glue {} for {} differs from the child's own addresses ({})",
                    g.ip,
                    text(host),
                    listed(&own_ips)
                ),
            )
            .with_fix(format!(
                "make the glue for {} the child's addresses: {}",
                text(host),
                listed(&own_ips)
            ));
            let rtype = if g.ip.is_ipv4() { t::A } else { t::AAAA };
            let mut f = Finding::new(p, diag).at(&g.name, rtype);
            for a in &own {
                f = f.related(c, Some(a.span), "the child's address record");
            }
            if own.is_empty() {
                f = f.related(c, child.apex_span(), "the child, with no address for it");
            }
            out.push(f);
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

/// ZW6004 and ZW6005: each DS against the child's SEP keys, each DS algorithm against the
/// signatures over the child's DNSKEY RRset.
fn ds(p: usize, d: &Delegation, c: usize, child: &Facts, out: &mut Vec<Finding>) {
    let keys_span = child.dnskeys.first().map(|k| k.1).or(child.apex_span());
    let mut algorithms = BTreeSet::new();
    for (rdata, span) in &d.ds {
        let Some(ds) = view::Ds::parse(rdata) else {
            continue;
        };
        algorithms.insert(ds.algorithm);
        let sep = child.dnskeys.iter().filter(|(k, _)| {
            view::Dnskey::parse(k)
                .is_some_and(|k| k.is_zone_key() && k.flags & view::Dnskey::SEP != 0)
        });
        let mut uncomputable = false;
        let mut matched = false;
        for (k, _) in sep {
            match ds_matches(&child.origin, &ds, k) {
                Some(true) => matched = true,
                Some(false) => {}
                None => uncomputable = true,
            }
        }
        if matched {
            continue;
        }
        let message = if uncomputable {
            format!(
                "DS {} {} {} for {} not checked: zonewarden cannot compute digest type {}",
                ds.key_tag,
                ds.algorithm,
                ds.digest_type,
                text(&d.child),
                ds.digest_type
            )
        } else {
            format!(
                "DS {} {} {} for {} matches no DNSKEY with the SEP bit in the child zone",
                ds.key_tag,
                ds.algorithm,
                ds.digest_type,
                text(&d.child)
            )
        };
        let diag = Diagnostic::new(&rules::DS_MATCHES_NO_SEP_KEY, Some(*span), message).with_fix(
            "publish the DS of a key the child signs its DNSKEY RRset with (dnssec-dsfromkey), and remove this one once no resolver holds it",
        );
        out.push(Finding::new(p, diag).at(&d.child, t::DS).related(
            c,
            keys_span,
            "the child's DNSKEY RRset",
        ));
    }
    if child.dnskeys.is_empty() {
        return;
    }
    for alg in algorithms {
        if child.dnskey_sig_algs.contains(&alg) {
            continue;
        }
        let ds_span =
            d.ds.iter()
                .find(|(r, _)| view::Ds::parse(r).is_some_and(|x| x.algorithm == alg))
                .map(|x| x.1);
        let diag = Diagnostic::new(
            &rules::DS_ALGORITHM_UNSIGNED,
            keys_span,
            format!(
                "the parent's DS set names algorithm {alg}, but no RRSIG of algorithm {alg} covers the DNSKEY RRset of {}",
                text(&child.origin)
            ),
        )
        .with_fix(format!(
            "sign the DNSKEY RRset with a key of algorithm {alg}, or remove the parent's DS records of algorithm {alg}"
        ));
        // The child has keys: `keys_span` is its first DNSKEY.
        out.push(Finding::new(c, diag).at(&child.origin, t::DNSKEY).related(
            p,
            ds_span,
            "the parent's DS record",
        ));
    }
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
