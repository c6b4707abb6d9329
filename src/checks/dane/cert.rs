//! ZW3011 (tlsa-cert-unmatched), judged per host: a certificate given with `--cert` is in
//! use at a host it names when one of the host's TLSA RRsets authenticates it, and the host's
//! other RRsets are then for its other services, which may present other certificates (SMTP
//! with one, HTTPS or IMAP with another); when none does, each of them is reported. Found
//! in one pass over the zone's names, each host's RRsets gathered as it goes, so that no
//! RRset looks for its host's others by name.

use super::{follow, tlsa_host, usable_port, ChainEnd};
use crate::diag::Diagnostic;
use crate::index::{flags, Cx};
use crate::rules::dane::TLSA_CERT_UNMATCHED;
use crate::source::Span;
use crate::tlsa::generate::{self, Role};
use crate::tlsa::input::Input;
use crate::tlsa::matching::{self, HostNames};
use crate::tlsa::Tlsa;
use crate::zone::name::NameId;
use crate::zone::rtype::t;
use std::collections::HashSet;

/// A TLSA RRset of a host, as ZW3011 judges it.
#[derive(Clone, Copy)]
struct HostRRset<'z> {
    /// `HOST` of the owner `_PORT._PROTO.HOST` or `*._PROTO.HOST`.
    host: &'z [u8],
    /// Where the records are: the owner, or where the owner's CNAME chain ends.
    at: NameId,
    /// The owner, when it is a CNAME to the records at `at`.
    via: Option<NameId>,
    /// The port by which the records are usable or not ([`super::usable_port`]).
    port: u16,
    /// Where a finding about it stands: the RRset's first record, or the CNAME's target.
    span: Span,
}

/// A host's RRset that does not authenticate a certificate that names the host.
struct Unmatched<'z> {
    /// Index into the certificates given.
    cert: usize,
    rrset: HostRRset<'z>,
}

/// ZW3011 for the zone: for each certificate given that a server presents and each host it
/// names, the host's TLSA RRsets, unless one of them authenticates the certificate. An RRset
/// reached by a CNAME whose records are reported for the certificate at their own owner is
/// not reported again at the CNAME.
pub(super) fn unmatched(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let certs = &cx.opts.certs;
    if certs.is_empty() || !cx.wants(&TLSA_CERT_UNMATCHED) {
        return;
    }
    // Keys given without a certificate are staged, not presented by any server: never judged.
    let leaves: Vec<(usize, HostNames)> = certs
        .iter()
        .enumerate()
        .filter_map(|(i, input)| Some((i, HostNames::of(matching::served_leaf(input)?))))
        .collect();
    if leaves.is_empty() {
        return;
    }
    // The (certificate, host) pairs some RRset of the host authenticates the certificate at.
    let mut in_use: HashSet<(usize, &[u8])> = HashSet::new();
    let mut found: Vec<Unmatched> = Vec::new();
    let mut named: Vec<usize> = Vec::new();
    let mut rrsets: Vec<HostRRset> = Vec::new();
    for id in 0..cx.zone.names.len() as NameId {
        let Some(host) = owner_host(cx, id) else {
            continue;
        };
        named.clear();
        named.extend(
            leaves
                .iter()
                .filter(|(_, hosts)| hosts.names(host))
                .map(|&(i, _)| i),
        );
        if named.is_empty() {
            continue;
        }
        if !rrsets_at(cx, id, host, &mut rrsets) {
            // A CNAME out of the zone may lead to the records that authenticate the
            // certificate: the host's other RRsets cannot be judged against it here.
            in_use.extend(named.iter().map(|&c| (c, host)));
        }
        for rrset in rrsets.drain(..) {
            let records = usable_records(cx, rrset.at, rrset.port);
            for &c in &named {
                if records
                    .iter()
                    .any(|t| matching::authenticates(t, &certs[c]))
                {
                    in_use.insert((c, host));
                } else {
                    found.push(Unmatched { cert: c, rrset });
                }
            }
        }
    }
    found.retain(|u| !in_use.contains(&(u.cert, u.rrset.host)));
    // Each certificate's record to publish, made once: making it checks the chain's
    // signatures, and a hostile zone may have a finding for each of 100,000 RRsets.
    let fixes: Vec<Option<String>> = certs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            found
                .iter()
                .any(|u| u.cert == i)
                .then(|| leaf_record(input))
                .flatten()
        })
        .collect();
    // Records reported at their own owner are not reported again at a CNAME to them.
    let direct: HashSet<(usize, NameId)> = found
        .iter()
        .filter(|u| u.rrset.via.is_none())
        .map(|u| (u.cert, u.rrset.at))
        .collect();
    for u in &found {
        if u.rrset.via.is_some() && direct.contains(&(u.cert, u.rrset.at)) {
            continue;
        }
        let (r, fix) = (&u.rrset, fixes[u.cert].as_deref());
        out.push(cert_unmatched(cx, r, &certs[u.cert], fix));
    }
}

/// The host of a name that may own TLSA records ZW3011 judges: `HOST` of an authoritative
/// `_PORT._PROTO.HOST` or `*._PROTO.HOST` that is no delegation.
fn owner_host<'z>(cx: &Cx<'z>, id: NameId) -> Option<&'z [u8]> {
    if !cx.is_authoritative(id) || cx.has(id, flags::CUT) {
        return None;
    }
    tlsa_host(cx.zone.names.wire(id))
}

/// The TLSA RRsets of `host` that the name `id` stands for, into `rrsets`: its own TLSA
/// records, and those its CNAME chain ends at (RFC 7671 §7) when they are authoritative.
/// False when the chain leaves the zone, to records that cannot be seen here.
fn rrsets_at<'z>(cx: &Cx<'z>, id: NameId, host: &'z [u8], rrsets: &mut Vec<HostRRset<'z>>) -> bool {
    let port = usable_port(cx, id);
    let first = |rtype| {
        cx.records_of(id)
            .iter()
            .map(|&i| cx.record(i))
            .find(|r| r.rtype == rtype)
    };
    if let Some(r) = first(t::TLSA) {
        rrsets.push(HostRRset {
            host,
            at: id,
            via: None,
            port,
            span: cx.zone.span_of(r),
        });
    }
    let Some(cname) = first(t::CNAME) else {
        return true;
    };
    let at = match follow(cx, id) {
        ChainEnd::Tlsa(at) => at,
        ChainEnd::Outside => return false,
        ChainEnd::Empty(_) | ChainEnd::Loop => return true,
    };
    if cx.is_authoritative(at) && !cx.has(at, flags::CUT) {
        rrsets.push(HostRRset {
            host,
            at,
            via: Some(id),
            port,
            span: cx.field_span(cname, 0),
        });
    }
    true
}

/// The usable records at `at` for a service on `port`: those that can authenticate a server.
fn usable_records(cx: &Cx, at: NameId, port: u16) -> Vec<Tlsa> {
    cx.records_of(at)
        .iter()
        .map(|&i| cx.record(i))
        .filter(|r| r.rtype == t::TLSA)
        .filter_map(|r| Tlsa::from_rdata(cx.zone.rdata(r)))
        .filter(|t| matching::usable(t, port))
        .collect()
}

/// The `3 1 1` record of a certificate's leaf key, made as `tlsa generate` makes it.
fn leaf_record(input: &Input) -> Option<String> {
    generate::records(input, &[3], &[1], &[1])
        .ok()?
        .into_iter()
        .find(|g| g.role == Role::Leaf)
        .map(|g| g.tlsa.rdata_text())
}

/// ZW3011's finding for a certificate that no usable record of `rrset` authenticates, at
/// the records' owner, and reached from the TLSA owner by a CNAME when the RRset is; its fix
/// is `leaf_record`, the `3 1 1` record for the leaf's key.
fn cert_unmatched(
    cx: &Cx,
    rrset: &HostRRset,
    input: &Input,
    leaf_record: Option<&str>,
) -> Diagnostic {
    let at_text = cx.name_text(rrset.at);
    let via = rrset.via.map_or_else(String::new, |v| {
        format!(" (via CNAME at {})", cx.name_text(v))
    });
    let leaf = matching::served_leaf(input).map_or_else(String::new, |c| c.name());
    let file = input.path.display();
    let d = Diagnostic::new(
        &TLSA_CERT_UNMATCHED,
        Some(rrset.span),
        format!(
            "no usable TLSA record at {at_text}{via} matches the certificate {leaf} of {file}: \
             a DANE client will refuse the server once it presents this certificate"
        ),
    );
    match leaf_record {
        Some(rdata) => d.with_fix(format!(
            "publish `{at_text} TLSA {rdata}` for the certificate's key, a TTL before the server \
             presents the certificate"
        )),
        None => d,
    }
}
