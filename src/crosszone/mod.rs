//! Checks over all the zones of one run (ZW60xx): a parent beside the children it
//! delegates, forward zones beside their reverse zones.
//!
//! A run over many zones keeps no zone whole: from each zone it keeps only the compact
//! [`Facts`] these checks need (apex, NS, delegations with their glue and DS, DNSKEY,
//! CDS/CDNSKEY, MX and NS host names, PTR records, the addresses of the hosts the zone
//! names) with their spans, so memory stays near the zones in flight. Addresses of hosts
//! that another zone names are asked for afterwards ([`wanted`]): the caller reads those
//! zones again and hands them to [`Facts::add_addresses`]. [`check`] then raises the
//! findings, each in the zone to change with the other zone's record as evidence, and
//! [`locate`] gives each zone's findings a zone to print them against.
//!
//! These run over the zones [`Kept::gather`] gives back, which may be fewer than the run's:
//! the caller runs them only when the run kept two zones or more.

mod delegation;
mod reverse;
mod spill;

pub use spill::{Kept, Place};

use crate::diag::Diagnostic;
use crate::source::{SourceFile, Span};
use crate::zone::rtype::t;
use crate::zone::{name, view, OriginSource, Zone};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::IpAddr;
use std::path::PathBuf;

/// A name (lower-case wire form) and the record that names it.
#[derive(Clone, Debug)]
struct Ref {
    name: Vec<u8>,
    span: Span,
}

/// An address record.
#[derive(Clone, Debug)]
struct Addr {
    name: Vec<u8>,
    ip: IpAddr,
    span: Span,
}

/// A delegation in a parent zone: its NS and DS records.
#[derive(Clone, Debug, Default)]
struct Delegation {
    child: Vec<u8>,
    ns: Vec<Ref>,
    ds: Vec<(Vec<u8>, Span)>,
}

/// A PTR record: its owner, target and place.
#[derive(Clone, Debug)]
struct Ptr {
    owner: Vec<u8>,
    target: Vec<u8>,
    span: Span,
}

/// What the cross-zone checks need of one zone. A zone with nothing the checks can need
/// unless other zones ask for it (no delegation or PTR, not a reverse zone) keeps only its
/// origin, serial and SOA: it is *light*, a run keeps it on disk ([`Kept`]), and
/// [`to_complete`] says when a run must read it again for its details.
#[derive(Debug, Default)]
pub struct Facts {
    /// The zone's source files as read (path and length), for locating its spans later.
    sources: Box<[(PathBuf, usize)]>,
    origin: Box<[u8]>,
    serial: Option<u32>,
    soa: Option<Span>,
    /// Whether the zone is signed (DNSKEY at the apex, with an RRSIG over it): of two zones
    /// of one origin, the signed one is the one published ([`Run::new`]).
    signed: bool,
    /// The details dropped from a light zone.
    light: bool,
    detail: Option<Box<Detail>>,
}

/// The records of a zone the cross-zone checks look at.
#[derive(Debug, Default)]
pub struct Detail {
    apex_ns: Vec<Ref>,
    delegations: Vec<Delegation>,
    /// Addresses at or below a delegation point: glue.
    glue: Vec<Addr>,
    /// Authoritative addresses of the names in `known`.
    addrs: Vec<Addr>,
    /// The names whose addresses `addrs` holds in full.
    known: BTreeSet<Vec<u8>>,
    /// The names of `known` the zone does not hold that a wildcard answers for (RFC 4592),
    /// with the wildcard's owner, whose addresses `addrs` holds.
    synth: BTreeMap<Vec<u8>, Vec<u8>>,
    dnskeys: Vec<(Vec<u8>, Span)>,
    /// The algorithm and key tag of each RRSIG over the apex DNSKEY RRset.
    dnskey_sigs: BTreeSet<(u8, u16)>,
    cds: Vec<(Vec<u8>, Span)>,
    cdnskey: Vec<(Vec<u8>, Span)>,
    /// MX exchanges named in this zone.
    mx: Vec<Ref>,
    ptrs: Vec<Ptr>,
    /// CNAMEs of a reverse zone (RFC 2317 classless delegation): owner and target.
    cnames: Vec<(Vec<u8>, Vec<u8>)>,
}

/// The details of a light zone: none.
static NO_DETAIL: Detail = Detail {
    apex_ns: Vec::new(),
    delegations: Vec::new(),
    glue: Vec::new(),
    addrs: Vec::new(),
    known: BTreeSet::new(),
    synth: BTreeMap::new(),
    dnskeys: Vec::new(),
    dnskey_sigs: BTreeSet::new(),
    cds: Vec::new(),
    cdnskey: Vec::new(),
    mx: Vec::new(),
    ptrs: Vec::new(),
    cnames: Vec::new(),
};

impl std::ops::Deref for Facts {
    type Target = Detail;
    fn deref(&self) -> &Detail {
        self.detail.as_deref().unwrap_or(&NO_DETAIL)
    }
}

fn lower(wire: &[u8]) -> Vec<u8> {
    name::to_lowercase(wire)
}

/// Whether a name (lower-case wire form) lies in the reverse trees.
fn is_reverse(origin: &[u8]) -> bool {
    name::is_subdomain(origin, b"\x07in-addr\x04arpa\x00")
        || name::is_subdomain(origin, b"\x03ip6\x04arpa\x00")
}

fn address(rtype: u16, rdata: &[u8]) -> Option<IpAddr> {
    match rtype {
        t::A => <[u8; 4]>::try_from(rdata).ok().map(IpAddr::from),
        t::AAAA => <[u8; 16]>::try_from(rdata).ok().map(IpAddr::from),
        _ => None,
    }
}

impl Facts {
    /// The facts of one zone read from files, light when nothing in it needs keeping;
    /// `None` for standard input, whose lines could not be shown again.
    pub fn of(zone: &Zone) -> Option<Facts> {
        let mut f = Facts::full(zone)?;
        let d = &*f;
        // Keys and CDS records count only in a child of a delegation in the run, which
        // [`to_complete`] reads again.
        let heavy = is_reverse(&f.origin) || !d.delegations.is_empty() || !d.ptrs.is_empty();
        if !heavy {
            // Read again before anything points into it, it gets its files back then.
            f.detail = None;
            f.sources = Box::default();
            f.light = true;
        }
        Some(f)
    }

    /// The facts of one zone with every detail.
    pub fn full(zone: &Zone) -> Option<Facts> {
        if zone.sources.iter().any(|s| s.path.as_os_str() == "-") {
            return None;
        }
        let origin = zone.origin.clone();
        let mut d = Detail::default();
        let mut soa = None;
        // First the cuts and the host names, then the addresses below the cuts (glue) and
        // of the hosts this zone names inside itself.
        let mut cuts: BTreeMap<Vec<u8>, Delegation> = BTreeMap::new();
        for r in &zone.records {
            let owner = lower(zone.owner_wire(r));
            let rdata = zone.rdata(r);
            let target = || view::target(r.rtype, rdata).map(lower);
            match r.rtype {
                t::SOA if owner == origin && soa.is_none() => soa = Some(zone.span_of(r)),
                t::NS if owner == origin => d.apex_ns.extend(target().map(|name| Ref {
                    name,
                    span: zone.span_of(r),
                })),
                t::NS if name::is_subdomain(&owner, &origin) => {
                    let d = cuts.entry(owner.clone()).or_default();
                    d.child = owner;
                    d.ns.extend(target().map(|name| Ref {
                        name,
                        span: zone.span_of(r),
                    }));
                }
                t::DS => {
                    let d = cuts.entry(owner.clone()).or_default();
                    d.child = owner;
                    d.ds.push((rdata.to_vec(), zone.span_of(r)));
                }
                t::DNSKEY if owner == origin => d.dnskeys.push((rdata.to_vec(), zone.span_of(r))),
                t::CDS if owner == origin => d.cds.push((rdata.to_vec(), zone.span_of(r))),
                t::CDNSKEY if owner == origin => d.cdnskey.push((rdata.to_vec(), zone.span_of(r))),
                t::RRSIG if owner == origin => {
                    if let Some(sig) = view::Rrsig::parse(rdata) {
                        if sig.type_covered == t::DNSKEY {
                            d.dnskey_sigs.insert((sig.algorithm, sig.key_tag));
                        }
                    }
                }
                t::MX => d.mx.extend(target().map(|name| Ref {
                    name,
                    span: zone.span_of(r),
                })),
                t::PTR => d.ptrs.extend(target().map(|target| Ptr {
                    owner,
                    target,
                    span: zone.span_of(r),
                })),
                t::CNAME if is_reverse(&origin) => {
                    if let Some(target) = target() {
                        d.cnames.push((owner, target));
                    }
                }
                _ => {}
            }
        }
        // A DS without NS at a name is no delegation.
        d.delegations = cuts.into_values().filter(|d| !d.ns.is_empty()).collect();
        let mut hosts: BTreeSet<Vec<u8>> = d.apex_ns.iter().map(|r| r.name.clone()).collect();
        hosts.extend(d.mx.iter().map(|r| r.name.clone()));
        hosts.retain(|h| name::is_subdomain(h, &origin) && cut_above(&d.delegations, h).is_none());
        d.synth = synthesized(zone, &hosts);
        let wildcards: BTreeSet<&[u8]> = d.synth.values().map(Vec::as_slice).collect();
        for r in &zone.records {
            let Some(ip) = address(r.rtype, zone.rdata(r)) else {
                continue;
            };
            let owner = lower(zone.owner_wire(r));
            let a = Addr {
                name: owner,
                ip,
                span: zone.span_of(r),
            };
            if cut_above(&d.delegations, &a.name).is_some() {
                d.glue.push(a);
            } else if hosts.contains(&a.name) || wildcards.contains(a.name.as_slice()) {
                d.addrs.push(a);
            }
        }
        d.known = hosts;
        // Sorted by name, for lookups in time logarithmic in the zone (stable: each name's
        // records stay in file order).
        d.addrs.sort_by(|a, b| a.name.cmp(&b.name));
        d.glue.sort_by(|a, b| a.name.cmp(&b.name));
        d.ptrs.sort_by(|a, b| a.owner.cmp(&b.owner));
        d.cnames.sort_by(|a, b| a.0.cmp(&b.0));
        let signed = !d.dnskeys.is_empty() && !d.dnskey_sigs.is_empty();
        Some(Facts {
            sources: zone
                .sources
                .iter()
                .map(|s| (s.path.clone(), s.len()))
                .collect(),
            origin: origin.into(),
            serial: zone.serial(),
            soa,
            signed,
            light: false,
            detail: Some(Box::new(d)),
        })
    }

    /// The apex in presentation form.
    pub fn origin_text(&self) -> String {
        name::to_text(&self.origin)
    }

    /// The serial of the zone's SOA.
    pub fn serial(&self) -> Option<u32> {
        self.serial
    }

    /// The delegation at or above a name, if the name is at or below a cut of this zone.
    fn cut_above(&self, n: &[u8]) -> Option<&Delegation> {
        cut_above(&self.delegations, n)
    }

    /// Records the addresses found by [`Addresses::of`] in the zone these facts were made of.
    pub fn add_addresses(&mut self, found: Addresses) {
        if self.sources.is_empty() {
            self.sources = found.sources;
        }
        let d = self.detail.get_or_insert_with(Box::default);
        for a in found.addrs {
            if !d.known.contains(&a.name) {
                d.addrs.push(a);
            }
        }
        d.known.extend(found.names);
        d.synth.extend(found.synth);
        // A wildcard's records may come twice: for a name known before and one asked now.
        d.addrs.sort_by(|a, b| a.name.cmp(&b.name));
        d.addrs.dedup_by(|a, b| {
            a.name == b.name && (a.span.file, a.span.start) == (b.span.file, b.span.start)
        });
    }

    /// The addresses this zone gives a name it knows in full, a wildcard's for a name it
    /// does not hold; `None` if it was not asked.
    fn addresses_of(&self, n: &[u8]) -> Option<Vec<&Addr>> {
        if !self.known.contains(n) {
            return None;
        }
        let own = by_name(&self.addrs, n);
        let from = match self.synth.get(n) {
            Some(wildcard) if own.is_empty() => by_name(&self.addrs, wildcard),
            _ => own,
        };
        Some(from.iter().collect())
    }

    /// The glue records of a name.
    fn glue_of(&self, n: &[u8]) -> &[Addr] {
        by_name(&self.glue, n)
    }

    /// Whether a PTR record is owned by a name.
    fn has_ptr(&self, owner: &[u8]) -> bool {
        self.ptrs
            .binary_search_by(|p| p.owner.as_slice().cmp(owner))
            .is_ok()
    }

    /// The target of a reverse zone's CNAME at a name.
    fn cname_at(&self, owner: &[u8]) -> Option<&[u8]> {
        let i = self
            .cnames
            .binary_search_by(|(o, _)| o.as_slice().cmp(owner))
            .ok()?;
        Some(&self.cnames[i].1)
    }

    /// Where to point when a finding is about the zone as a whole: its SOA, else its apex
    /// NS, else (a reverse zone with neither) its first PTR, so that a finding is never
    /// shown against another zone's file.
    fn apex_span(&self) -> Option<Span> {
        self.soa
            .or_else(|| self.apex_ns.first().map(|r| r.span))
            .or_else(|| self.first_ptr().map(|p| p.span))
    }

    /// The owner and type of the record at [`Facts::apex_span`].
    fn apex_record(&self) -> (&[u8], u16) {
        match self.first_ptr() {
            Some(p) if self.soa.is_none() && self.apex_ns.is_empty() => (&p.owner, t::PTR),
            _ if self.soa.is_some() => (&self.origin, t::SOA),
            _ => (&self.origin, t::NS),
        }
    }

    /// The PTR record that comes first in the zone's files.
    fn first_ptr(&self) -> Option<&Ptr> {
        self.ptrs.iter().min_by_key(|p| (p.span.file, p.span.start))
    }
}

/// Of `hosts`, the names the zone does not hold that a wildcard answers for
/// ([`Zone::wildcard_for`]), each with the wildcard's owner.
fn synthesized(zone: &Zone, hosts: &BTreeSet<Vec<u8>>) -> BTreeMap<Vec<u8>, Vec<u8>> {
    hosts
        .iter()
        .filter_map(|h| {
            let wildcard = zone.wildcard_for(h)?;
            Some((h.clone(), zone.names.wire(wildcard).to_vec()))
        })
        .collect()
}

/// The delegation among `cuts` (sorted by name) at or above a name: each of the name's
/// ancestors looked up, so that a zone with many delegations costs no more per name.
fn cut_above<'d>(cuts: &'d [Delegation], n: &[u8]) -> Option<&'d Delegation> {
    if cuts.is_empty() {
        return None;
    }
    let mut cur = Some(n);
    while let Some(c) = cur {
        if let Ok(i) = cuts.binary_search_by(|d| d.child.as_slice().cmp(c)) {
            return Some(&cuts[i]);
        }
        cur = name::parent(c);
    }
    None
}

/// The records of `list` (sorted by name) owned by `n`.
fn by_name<'l>(list: &'l [Addr], n: &[u8]) -> &'l [Addr] {
    let start = list.partition_point(|a| a.name.as_slice() < n);
    let end = start + list[start..].partition_point(|a| a.name.as_slice() == n);
    &list[start..end]
}

/// The light zones a run must read again, with [`Facts::full`]: the children of a
/// delegation in the run, and, when the run holds a reverse zone, every one (their mail
/// and name server hosts' addresses may need PTRs there); and each zone of an origin no
/// zone answers for, whose ZW6009 finding points into its files.
pub fn to_complete(facts: &[Facts]) -> Vec<usize> {
    let reverse = facts.iter().any(|f| is_reverse(&f.origin));
    let children: BTreeSet<&[u8]> = facts
        .iter()
        .flat_map(|f| f.delegations.iter().map(|d| d.child.as_slice()))
        .collect();
    let shared: BTreeSet<usize> = Run::new(facts).shared.into_iter().flatten().collect();
    (0..facts.len())
        .filter(|&i| {
            let wanted = reverse || children.contains(&*facts[i].origin) || shared.contains(&i);
            facts[i].light && wanted
        })
        .collect()
}

/// The addresses of some names of a zone, read again for the cross-zone checks.
pub struct Addresses {
    sources: Box<[(PathBuf, usize)]>,
    names: BTreeSet<Vec<u8>>,
    synth: BTreeMap<Vec<u8>, Vec<u8>>,
    addrs: Vec<Addr>,
}

impl Addresses {
    /// The A and AAAA records of `names` in a zone.
    pub fn of(zone: &Zone, names: BTreeSet<Vec<u8>>) -> Addresses {
        let synth = synthesized(zone, &names);
        let wildcards: BTreeSet<&[u8]> = synth.values().map(Vec::as_slice).collect();
        let mut addrs = Vec::new();
        for r in &zone.records {
            let Some(ip) = address(r.rtype, zone.rdata(r)) else {
                continue;
            };
            let owner = lower(zone.owner_wire(r));
            if names.contains(&owner) || wildcards.contains(owner.as_slice()) {
                addrs.push(Addr {
                    name: owner,
                    ip,
                    span: zone.span_of(r),
                });
            }
        }
        Addresses {
            sources: zone
                .sources
                .iter()
                .map(|s| (s.path.clone(), s.len()))
                .collect(),
            names,
            synth,
            addrs,
        }
    }
}

/// The zones of a run, by origin. Of two zones of one origin, a signed one beside an
/// unsigned one is taken as the zone published (`dnssec-signzone` writes `FILE.signed`
/// beside its source); otherwise (views of a zone, or copies) which one answers is not
/// known, and that origin is paired with no other zone (ZW6009 says so).
struct Run<'a> {
    facts: &'a [Facts],
    by_origin: HashMap<&'a [u8], Option<usize>>,
    /// The zones of each origin no zone answers for, in run order.
    shared: Vec<Vec<usize>>,
}

impl<'a> Run<'a> {
    fn new(facts: &'a [Facts]) -> Run<'a> {
        let mut groups: BTreeMap<&[u8], Vec<usize>> = BTreeMap::new();
        for (i, f) in facts.iter().enumerate() {
            groups.entry(&*f.origin).or_default().push(i);
        }
        let mut by_origin = HashMap::new();
        let mut shared = Vec::new();
        for (origin, zones) in groups {
            let answers = answering(facts, &zones);
            if answers.is_none() {
                shared.push(zones);
            }
            by_origin.insert(origin, answers);
        }
        shared.sort();
        Run {
            facts,
            by_origin,
            shared,
        }
    }

    /// The one zone of the run with this origin.
    fn zone_named(&self, origin: &[u8]) -> Option<usize> {
        self.by_origin.get(origin).copied().flatten()
    }

    /// The deepest zone of the run that holds a name; `None` when that origin is ambiguous.
    fn zone_of(&self, n: &[u8]) -> Option<usize> {
        self.deepest_origin(n).flatten()
    }

    /// Whether some zone of the run holds a name, even one whose origin is ambiguous.
    fn holds(&self, n: &[u8]) -> bool {
        self.deepest_origin(n).is_some()
    }

    /// The run's entry for the deepest origin at or above a name: `Some(None)` when that
    /// origin is ambiguous, `None` when no zone of the run holds the name.
    fn deepest_origin(&self, n: &[u8]) -> Option<Option<usize>> {
        let mut cur = Some(n);
        while let Some(c) = cur {
            if let Some(&i) = self.by_origin.get(c) {
                return Some(i);
            }
            cur = name::parent(c);
        }
        None
    }

    /// The zone whose data for a host name counts: the deepest zone holding it, unless the
    /// name lies below one of that zone's delegations (then it is glue, not data).
    fn authority_for(&self, host: &[u8]) -> Option<usize> {
        let z = self.zone_of(host)?;
        self.facts[z].cut_above(host).is_none().then_some(z)
    }
}

/// The zone that answers for an origin among the run's zones of that origin: the only one,
/// or the only signed one.
fn answering(facts: &[Facts], zones: &[usize]) -> Option<usize> {
    if let [one] = zones {
        return Some(*one);
    }
    let mut signed = zones.iter().filter(|&&z| facts[z].signed);
    match (signed.next(), signed.next()) {
        (Some(&z), None) => Some(z),
        _ => None,
    }
}

/// ZW6009: each zone of an origin that no zone of the run answers for.
fn shared_origins(run: &Run, out: &mut Vec<Finding>) {
    for zones in &run.shared {
        for &z in zones {
            let f = &run.facts[z];
            let diag = Diagnostic::new(
                &crate::rules::crosszone::ORIGIN_SHARED,
                f.apex_span(),
                format!(
                    "{} zones of this run have origin {}: the cross-zone checks pair none of them with another zone",
                    zones.len(),
                    text(&f.origin)
                ),
            )
            .with_fix(
                "keep one copy of the zone in the run (exclude the others in zonewarden.toml), or lint each copy in a run of its own",
            );
            let (owner, rtype) = f.apex_record();
            let mut finding = Finding::new(z, diag).at(owner, rtype);
            for &other in zones.iter().filter(|&&o| o != z) {
                let span = run.facts[other].apex_span();
                finding = finding.related(other, span, "another zone of this origin");
            }
            out.push(finding);
        }
    }
}

/// The host names whose addresses the checks need from zones that did not collect them,
/// by zone: MX exchanges and name servers another zone names, and PTR targets.
pub fn wanted(facts: &[Facts]) -> Vec<(usize, BTreeSet<Vec<u8>>)> {
    let run = Run::new(facts);
    let mut want: BTreeMap<usize, BTreeSet<Vec<u8>>> = BTreeMap::new();
    let mut ask = |host: &[u8]| {
        if let Some(z) = run.authority_for(host) {
            if !facts[z].known.contains(host) {
                want.entry(z).or_default().insert(host.to_vec());
            }
        }
    };
    for f in facts {
        for r in f.apex_ns.iter().chain(&f.mx) {
            ask(&r.name);
        }
        for d in &f.delegations {
            for r in &d.ns {
                ask(&r.name);
            }
        }
        if is_reverse(&f.origin) {
            for p in &f.ptrs {
                ask(&p.target);
            }
        }
    }
    want.into_iter().collect()
}

/// A cross-zone finding: in zone `zone`, with evidence in others.
pub struct Finding {
    pub zone: usize,
    pub diagnostic: Diagnostic,
    /// Evidence: the zone, the span in it, and what it shows.
    related: Vec<(usize, Span, String)>,
    /// The owner and type of the record the finding points at, for reports that name it.
    at: Option<(Vec<u8>, u16)>,
}

impl Finding {
    fn new(zone: usize, diagnostic: Diagnostic) -> Finding {
        Finding {
            zone,
            diagnostic,
            related: Vec::new(),
            at: None,
        }
    }

    /// The owner and type of the record at the finding's span.
    fn at(mut self, owner: &[u8], rtype: u16) -> Finding {
        self.at = Some((owner.to_vec(), rtype));
        self
    }

    fn related(mut self, zone: usize, span: Option<Span>, label: impl Into<String>) -> Finding {
        if let Some(span) = span {
            self.related.push((zone, span, label.into()));
        }
        self
    }
}

/// Every cross-zone finding of a run, in zone order.
pub fn check(facts: &[Facts]) -> Vec<Finding> {
    let run = Run::new(facts);
    let mut out = Vec::new();
    shared_origins(&run, &mut out);
    delegation::check(&run, &mut out);
    reverse::check(&run, &mut out);
    out.sort_by_key(|f| {
        (
            f.zone,
            f.diagnostic.span.map(|s| (s.file, s.start)),
            f.diagnostic.rule.code,
        )
    });
    out
}

/// The findings of one zone, located: see [`locate`].
pub struct Located {
    /// The index of the zone among the facts.
    pub index: usize,
    /// A zone that holds only the source files the findings point into.
    pub zone: Zone,
    pub diagnostics: Vec<Diagnostic>,
    /// The owner (in presentation form) and type of the record at each finding's span,
    /// since the zone holds no records to find them in.
    pub records: Vec<(Span, String, u16)>,
}

/// Each zone's findings, against a zone that holds only the source files they point into
/// (the zone's own first, then the other zones' they name), read again for the lines a
/// report shows. In zone order.
pub fn locate(facts: &[Facts], findings: Vec<Finding>) -> Vec<Located> {
    let mut by_zone: BTreeMap<usize, Vec<Finding>> = BTreeMap::new();
    for f in findings {
        by_zone.entry(f.zone).or_default().push(f);
    }
    let mut out = Vec::new();
    for (z, list) in by_zone {
        let mut sources: Vec<SourceFile> = Vec::new();
        // The first file id each zone's sources take in the new list.
        let mut base: BTreeMap<usize, u32> = BTreeMap::new();
        let mut take = |zone: usize, sources: &mut Vec<SourceFile>| -> u32 {
            *base.entry(zone).or_insert_with(|| {
                let at = sources.len() as u32;
                for (path, len) in &facts[zone].sources {
                    sources.push(SourceFile::on_disk(path.clone(), *len, Vec::new()));
                }
                at
            })
        };
        take(z, &mut sources);
        let mut diags = Vec::new();
        let mut records = Vec::new();
        for f in list {
            let mut d = f.diagnostic;
            if let (Some(span), Some((owner, rtype))) = (d.span, f.at) {
                records.push((span, text(&owner), rtype));
            }
            for (zone, span, label) in f.related {
                let b = take(zone, &mut sources);
                d.words_mut().related.push((
                    Span {
                        file: span.file + b,
                        ..span
                    },
                    label,
                ));
            }
            diags.push(d);
        }
        let origin = facts[z].origin.to_vec();
        let zone = Zone {
            names: crate::zone::name::NameTable::new(&origin),
            origin,
            origin_source: OriginSource::Unknown,
            origin_id: 0,
            class: 1,
            sources,
            records: Vec::new(),
            rdata: Vec::new(),
            files: Default::default(),
            diagnostics: Vec::new(),
            transfer_framing: false,
        };
        out.push(Located {
            index: z,
            zone,
            diagnostics: diags,
            records,
        });
    }
    out
}

/// A name in presentation form, for messages.
fn text(n: &[u8]) -> String {
    name::to_text(n)
}
