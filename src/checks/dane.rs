//! DANE and TLSA (ZW3xxx): where TLSA records stand, what they say, whether they leave room
//! to roll the key, and, given certificates (`lint --cert`), whether they match them.

mod cert;

use super::{later, Wording};
use crate::diag::{Diagnostic, Rule, WordsIn};
use crate::index::{flags, Check, Cx, RRset};
use crate::rules::dane::*;
use crate::tlsa::matching::{self, Matched};
use crate::tlsa::{digest_len, Tlsa};
use crate::zone::name::{self, NameId};
use crate::zone::rtype::t;
use crate::zone::{Record, Zone};
use std::collections::HashSet;
use std::fmt::Write;

/// ZW3003's words, about the TLSA record.
struct PkixUsage;

impl Wording for PkixUsage {
    fn word(zone: &Zone, r: &Record, owner: &str, _: [u32; 2], out: &mut WordsIn) {
        let usage = Tlsa::from_rdata(zone.rdata(r)).map_or(0, |t| t.usage);
        let m = out.message();
        let _ = write!(
            m,
            "usage {usage} ({}) at {owner} is unusable for SMTP",
            crate::tlsa::acronym(crate::tlsa::USAGES, usage),
        );
        // A wildcard owner is here because it answers for a mail host's _25._tcp name.
        if let Some(tcp) = owner.strip_prefix("*.") {
            let _ = write!(m, " (the wildcard answers for the mail host's _25.{tcp})");
        }
        out.fix_static("publish usage 3 (DANE-EE) or 2 (DANE-TA) instead");
    }
}

/// ZW3006's words without certificates, about the RRset's first record.
struct OneUsable;

impl Wording for OneUsable {
    fn word(_: &Zone, _: &Record, owner: &str, _: [u32; 2], out: &mut WordsIn) {
        let _ = write!(
            out.message(),
            "only one usable TLSA record at {owner}: no room to roll the key"
        );
        out.fix_static(
            "publish the next key's record too (3 1 1 + 3 1 1), or a 2 1 1 for the issuing CA",
        );
    }
}

/// `_PORT._PROTO.host`: the port and protocol, if the owner has that form.
pub fn service_of(wire: &[u8]) -> Option<(u16, &[u8])> {
    let mut labels = name::labels(wire);
    let port = labels.next()?.strip_prefix(b"_")?;
    let proto = labels.next()?.strip_prefix(b"_")?;
    labels.next()?;
    let digits = !port.is_empty()
        && port.len() <= 5
        && port.iter().all(u8::is_ascii_digit)
        && (port == b"0" || port[0] != b'0');
    let port: u16 = std::str::from_utf8(port)
        .ok()?
        .parse()
        .ok()
        .filter(|_| digits)?;
    proto_ok(proto).then_some((port, proto))
}

/// `*._PROTO.host`: a wildcard TLSA owner, which answers for every `_PORT._PROTO.host` the
/// zone holds no name of its own for (RFC 4592 §3.3.1); the protocol, if the owner has that
/// form.
pub fn wildcard_service_of(wire: &[u8]) -> Option<&[u8]> {
    let mut labels = name::labels(wire);
    if labels.next()? != b"*" {
        return None;
    }
    let proto = labels.next()?.strip_prefix(b"_")?;
    labels.next()?;
    proto_ok(proto).then_some(proto)
}

fn proto_ok(proto: &[u8]) -> bool {
    !proto.is_empty()
        && proto[0].is_ascii_alphabetic()
        && proto
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'-')
}

fn is_smtp(wire: &[u8]) -> bool {
    matches!(service_of(wire), Some((25, p)) if p.eq_ignore_ascii_case(b"tcp"))
}

/// Where a CNAME chain from `id` ends inside the zone.
enum ChainEnd {
    /// At a name with TLSA records.
    Tlsa(NameId),
    /// At an in-zone name without them.
    Empty(Vec<u8>),
    /// It leaves the zone: unknown here.
    Outside,
    Loop,
}

/// The CNAME record at a name of the zone, if it has one.
fn cname_of<'c>(cx: &Cx<'c>, id: NameId) -> Option<&'c crate::zone::Record> {
    cx.records_of(id)
        .iter()
        .map(|&i| cx.record(i))
        .find(|r| r.rtype == t::CNAME)
}

fn follow(cx: &Cx, id: NameId) -> ChainEnd {
    // Made at the first CNAME: most names hold their TLSA records themselves.
    let mut seen: Option<HashSet<NameId>> = None;
    let mut cur = id;
    let mut first = true;
    loop {
        if !std::mem::take(&mut first)
            && !seen.get_or_insert_with(|| HashSet::from([id])).insert(cur)
        {
            return ChainEnd::Loop;
        }
        let recs = cx.records_of(cur);
        if recs.iter().any(|&i| cx.record(i).rtype == t::TLSA) {
            return ChainEnd::Tlsa(cur);
        }
        let Some(c) = cname_of(cx, cur) else {
            return ChainEnd::Empty(cx.zone.names.wire(cur).to_vec());
        };
        let Some(target) = cx.target(c) else {
            return ChainEnd::Outside;
        };
        if !cx.in_zone_name(target) {
            return ChainEnd::Outside;
        }
        // A target the zone does not hold may be answered by a wildcard (RFC 4592).
        match cx.target_id(c).or_else(|| cx.zone.wildcard_for(target)) {
            Some(next) => cur = next,
            None => return ChainEnd::Empty(name::to_lowercase(target)),
        }
    }
}

/// Where the TLSA records of a mail host's `_25._tcp.HOST` are in the zone.
pub enum SmtpTlsa {
    /// At this name (the owner, or where its CNAME chain ends).
    At(NameId),
    /// Nowhere in the zone.
    Missing,
    /// A CNAME leads out of the zone: unknown here.
    Outside,
}

/// Where the TLSA records of `_25._tcp.HOST` are in the zone, following CNAMEs and
/// wildcards.
pub fn smtp_tlsa(cx: &Cx, host: &[u8]) -> SmtpTlsa {
    match cx.zone.names.find(host) {
        Some(id) => smtp_tlsa_of(cx, id),
        // Every ancestor of a name of the zone is one: `_25._tcp.HOST` is none either, but
        // a wildcard may answer for it.
        None => smtp_tlsa_wildcard(cx, host),
    }
}

/// [`smtp_tlsa`] of a host that is a name of the zone. A host that is an alias has its TLSA
/// records looked up at the CNAME-expanded name first, then at its own (RFC 7672 §2.2.2).
fn smtp_tlsa_of(cx: &Cx, host: NameId) -> SmtpTlsa {
    if let Some(e) = expanded_host(cx, host) {
        if let found @ SmtpTlsa::At(_) = smtp_tlsa_here(cx, e) {
            return found;
        }
    }
    smtp_tlsa_here(cx, host)
}

/// Where an in-zone host's CNAME chain ends, if the host is an alias and the chain stays
/// among the names of the zone (at most 8 links).
fn expanded_host(cx: &Cx, host: NameId) -> Option<NameId> {
    let mut cur = host;
    for _ in 0..8 {
        let Some(c) = cname_of(cx, cur) else {
            return (cur != host).then_some(cur);
        };
        cur = cx.target_id(c).filter(|&n| cx.is_authoritative(n))?;
    }
    None
}

/// [`smtp_tlsa`] at the host's own name: the index knows its `_25._tcp` name
/// ([`Cx::smtp_tlsa_name`]), so no MX needs a lookup by name.
fn smtp_tlsa_here(cx: &Cx, host: NameId) -> SmtpTlsa {
    let Some(id) = cx.smtp_tlsa_name(host) else {
        return smtp_tlsa_wildcard(cx, cx.zone.names.wire(host));
    };
    smtp_tlsa_at(cx, id)
}

/// [`smtp_tlsa`] when the zone holds no TLSA or CNAME at `_25._tcp.HOST`: a wildcard such
/// as `*._tcp.HOST` answers for that name when the zone does not hold it (RFC 4592 §3.3.1).
fn smtp_tlsa_wildcard(cx: &Cx, host: &[u8]) -> SmtpTlsa {
    let smtp = [b"\x03_25\x04_tcp".as_slice(), host].concat();
    match cx.zone.wildcard_for(&smtp) {
        Some(id) => smtp_tlsa_at(cx, id),
        None => SmtpTlsa::Missing,
    }
}

/// Whether `*._tcp.HOST` answers for `_25._tcp.HOST` of a mail host: HOST is named by an
/// MX record of the zone and has no `_25._tcp` name of its own (RFC 4592 §3.3.1).
fn wildcard_answers_smtp(cx: &Cx, wildcard: NameId) -> bool {
    let names = &cx.zone.names;
    let tcp = names.get(wildcard).parent();
    if tcp == name::NO_NAME {
        return false;
    }
    let smtp = [b"\x03_25".as_slice(), names.wire(tcp)].concat();
    let host = names.get(tcp).parent();
    is_smtp(&smtp)
        && host != name::NO_NAME
        && cx.has(host, flags::MX_TARGET)
        && cx.zone.wildcard_for(&smtp) == Some(wildcard)
}

/// The port whose rules decide which TLSA records at `id` are usable (RFC 7672 §3.1.3): its
/// own `_PORT`, 25 for a wildcard that answers for a mail host's `_25._tcp`, else 0 (a
/// wildcard of other services, where every known usage may serve).
fn usable_port(cx: &Cx, id: NameId) -> u16 {
    let owner = cx.zone.names.wire(id);
    match service_of(owner) {
        Some((port, _)) => port,
        None if wildcard_service_of(owner).is_some() && wildcard_answers_smtp(cx, id) => 25,
        None => 0,
    }
}

fn smtp_tlsa_at(cx: &Cx, id: NameId) -> SmtpTlsa {
    match follow(cx, id) {
        ChainEnd::Tlsa(at) => SmtpTlsa::At(at),
        ChainEnd::Outside => SmtpTlsa::Outside,
        ChainEnd::Empty(_) | ChainEnd::Loop => SmtpTlsa::Missing,
    }
}

/// ZW3001-ZW3011.
pub struct Dane;

impl Dane {
    fn tlsa(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        let owner = cx.zone.names.wire(rrset.owner);
        let owner_text = || cx.name_text(rrset.owner);
        let first = cx.record(rrset.records[0]);
        // ZW3001: once per RRset, at its first record.
        let apex_has_dnskey = || {
            cx.records_of(cx.zone.origin_id)
                .iter()
                .any(|&i| cx.record(i).rtype == t::DNSKEY)
        };
        if cx.wants(&TLSA_UNSIGNED_ZONE) && !apex_has_dnskey() {
            out.push(
                Diagnostic::new(
                    &TLSA_UNSIGNED_ZONE,
                    Some(cx.zone.span_of(first)),
                    format!(
                        "TLSA at {} in a zone with no DNSKEY: DANE clients ignore unsigned TLSA records",
                        owner_text()
                    ),
                )
                .with_fix("sign the zone; if the name server signs it, ignore ZW3001 for this zone in zonewarden.toml"),
            );
        }
        let service = service_of(owner);
        let wildcard = wildcard_service_of(owner).is_some();
        if service.is_none() && !wildcard && cx.wants(&TLSA_BAD_OWNER) {
            out.push(
                Diagnostic::new(
                    &TLSA_BAD_OWNER,
                    Some(cx.zone.span_of(first)),
                    format!(
                        "TLSA owner {} is not of the form _port._protocol.host",
                        owner_text()
                    ),
                )
                .with_fix("name it _25._tcp.HOST (or the service's port and protocol)"),
            );
        }
        let port = usable_port(cx, rrset.owner);
        let smtp = is_smtp(owner) || (wildcard && port == 25);
        let mut usable: Vec<(&Record, Tlsa)> = Vec::new();
        for &i in rrset.records {
            let r = cx.record(i);
            let Some(tlsa) = Tlsa::from_rdata(cx.zone.rdata(r)) else {
                continue;
            };
            if smtp && tlsa.usage <= 1 && cx.wants(&TLSA_PKIX_USAGE_FOR_SMTP) {
                let span = cx.field_span(r, 0);
                out.push(later::<PkixUsage>(
                    &TLSA_PKIX_USAGE_FOR_SMTP,
                    span,
                    i,
                    [0, 0],
                ));
            }
            if tlsa.usage > 3 || tlsa.selector > 1 || tlsa.matching_type > 2 {
                let (field, what, v) = if tlsa.usage > 3 {
                    (0, "certificate usage", tlsa.usage)
                } else if tlsa.selector > 1 {
                    (1, "selector", tlsa.selector)
                } else {
                    (2, "matching type", tlsa.matching_type)
                };
                out.push(Diagnostic::new(
                    &TLSA_UNKNOWN_PARAMETER,
                    Some(cx.field_span(r, field)),
                    format!(
                        "{what} {v} at {} is not defined: clients ignore the record",
                        owner_text()
                    ),
                ));
                continue;
            }
            if tlsa.selector == 0 && tlsa.matching_type == 0 && cx.wants(&TLSA_FULL_CERTIFICATE) {
                out.push(
                    Diagnostic::new(
                        &TLSA_FULL_CERTIFICATE,
                        Some(cx.field_span(r, 1)),
                        format!(
                            "TLSA at {} holds a whole certificate ({} octets)",
                            owner_text(),
                            tlsa.data.len()
                        ),
                    )
                    .with_fix("publish a SHA2-256 digest of the public key instead: zonewarden tlsa generate CERT"),
                );
            }
            if let Some(why) = bad_data(&tlsa) {
                out.push(Diagnostic::new(
                    &TLSA_BAD_ASSOCIATION_DATA,
                    Some(cx.field_span(r, 3)),
                    format!("TLSA at {}: {why}", owner_text()),
                ));
                continue;
            }
            if !matching::usable(&tlsa, port) {
                continue;
            }
            // The same RDATA twice is one record (an RRset holds a few: no set needed).
            let rdata = cx.zone.rdata(r);
            if !usable.iter().any(|&(u, _)| cx.zone.rdata(u) == rdata) {
                usable.push((r, tlsa));
            }
        }
        rollover_room(cx, rrset, first, &usable, out);
    }

    fn cname(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        let owner = cx.zone.names.wire(rrset.owner);
        if service_of(owner).is_none() && wildcard_service_of(owner).is_none() {
            return;
        }
        let r = cx.record(rrset.records[0]);
        let msg = match follow(cx, rrset.owner) {
            // ZW3011 of the certificates given is judged per host, for the whole zone at once.
            ChainEnd::Tlsa(_) => return,
            ChainEnd::Outside => return,
            ChainEnd::Loop => format!("the CNAME chain from {} loops", cx.name_text(rrset.owner)),
            ChainEnd::Empty(end) => format!(
                "the CNAME chain from {} ends at {}, which has no TLSA records",
                cx.name_text(rrset.owner),
                name::to_text(&end)
            ),
        };
        out.push(
            Diagnostic::new(&TLSA_CNAME_CHAIN, Some(cx.field_span(r, 0)), msg)
                .with_fix("point the CNAME at the name that holds the TLSA records"),
        );
    }

    fn mx(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        let mut with = 0;
        let mut covered = Vec::new();
        let mut without = Vec::new();
        for &i in rrset.records {
            let r = cx.record(i);
            let Some(target) = cx.target(r) else { continue };
            if target == [0] || !cx.in_zone_name(target) {
                continue;
            }
            // A host at or below a delegation is the child zone's: its TLSA records are
            // published there, out of this zone's authority, and not judged here.
            let host = cx.target_id_of(i);
            let cut = match host {
                Some(h) => cx.enclosing_cut_id(h),
                None => cx.enclosing_cut(target),
            };
            if cut.is_some() {
                continue;
            }
            let at = match host {
                Some(h) => smtp_tlsa_of(cx, h),
                None => smtp_tlsa(cx, target),
            };
            match at {
                SmtpTlsa::At(_) => {
                    with += 1;
                    covered.push((r, target));
                }
                SmtpTlsa::Missing => without.push((r, target)),
                SmtpTlsa::Outside => {}
            }
        }
        if with == 0 {
            return;
        }
        for (r, target) in without {
            let mut d = Diagnostic::new(
                &TLSA_PARTIAL_MX_COVERAGE,
                Some(cx.field_span(r, 1)),
                format!(
                    "mail host {} of {} has no TLSA records while {with} other{} do{}",
                    name::to_text(target),
                    cx.name_text(rrset.owner),
                    if with == 1 { "" } else { "s" },
                    if with == 1 { "es" } else { "" }
                ),
            )
            .with_fix(format!(
                "publish TLSA records at _25._tcp.{}",
                name::to_text(target)
            ));
            // The MX records whose hosts have TLSA records, at most a few.
            for (m, host) in covered.iter().take(MAX_RELATED) {
                let label = format!("mail host {} has TLSA records", name::to_text(host));
                d = d.with_related(cx.field_span(m, 1), label);
            }
            out.push(d);
        }
    }
}

/// The host a TLSA owner is for: `HOST` of `_PORT._PROTO.HOST` or `*._PROTO.HOST`.
fn tlsa_host(owner: &[u8]) -> Option<&[u8]> {
    if service_of(owner).is_none() && wildcard_service_of(owner).is_none() {
        return None;
    }
    name::parent(name::parent(owner)?)
}

/// How many other MX records a finding shows as evidence.
const MAX_RELATED: usize = 4;

/// Why the association data cannot match anything, if it cannot.
fn bad_data(tlsa: &Tlsa) -> Option<String> {
    if let Some(n) = digest_len(tlsa.matching_type) {
        if tlsa.data.len() != n {
            return Some(format!(
                "matching type {} needs {n} octets of digest, found {}",
                tlsa.matching_type,
                tlsa.data.len()
            ));
        }
        return None;
    }
    let ok = match tlsa.selector {
        0 => crate::tlsa::input::cert(&tlsa.data, false).is_ok(),
        _ => crate::tlsa::input::describe_spki(&tlsa.data) != "unknown key",
    };
    (!ok).then(|| {
        format!(
            "Full (0) data is not a DER {}",
            if tlsa.selector == 0 {
                "certificate"
            } else {
                "SubjectPublicKeyInfo"
            }
        )
    })
}

impl Check for Dane {
    fn rules(&self) -> &'static [&'static Rule] {
        static RULES: &[&Rule] = &[
            &TLSA_UNSIGNED_ZONE,
            &TLSA_BAD_OWNER,
            &TLSA_PKIX_USAGE_FOR_SMTP,
            &TLSA_FULL_CERTIFICATE,
            &TLSA_BAD_ASSOCIATION_DATA,
            &TLSA_NO_ROLLOVER,
            &TLSA_PARTIAL_MX_COVERAGE,
            &TLSA_CNAME_CHAIN,
            &TLSA_MATCHES_NOTHING,
            &TLSA_UNKNOWN_PARAMETER,
            &TLSA_CERT_UNMATCHED,
        ];
        RULES
    }

    fn zone(&self, cx: &Cx, out: &mut Vec<Diagnostic>) {
        cert::unmatched(cx, out);
    }

    fn rrset_types(&self) -> Option<&'static [u16]> {
        Some(&[t::TLSA, t::CNAME, t::MX])
    }

    fn rrset(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        if !cx.is_authoritative(rrset.owner) || cx.has(rrset.owner, flags::CUT) {
            return;
        }
        match rrset.rtype {
            t::TLSA => self.tlsa(cx, rrset, out),
            t::CNAME => self.cname(cx, rrset, out),
            t::MX => self.mx(cx, rrset, out),
            _ => {}
        }
    }
}

/// ZW3006 and ZW3009: with certificates, what each usable record matches, by the key it
/// names, and whether a second key is published to roll to; without, whether there is more
/// than one usable record.
fn rollover_room(
    cx: &Cx,
    rrset: &RRset,
    first: &Record,
    usable: &[(&Record, Tlsa)],
    out: &mut Vec<Diagnostic>,
) {
    let owner_text = || cx.name_text(rrset.owner);
    // With certificates: what each usable record matches, by the key it names.
    let certs = &cx.opts.certs;
    if !certs.is_empty() {
        let mut keys: HashSet<Vec<u8>> = HashSet::new();
        for (r, tlsa) in usable {
            let hit = certs.iter().find_map(|input| {
                let m = matching::matches(tlsa, input)?;
                let spki = match m {
                    Matched::Leaf => input.leaf()?.spki.clone(),
                    Matched::Key(k) => input.keys[k].spki.clone(),
                    Matched::Issuer(c) => input.certs[c].spki.clone(),
                    Matched::OffPath(_) => return None,
                };
                Some(spki)
            });
            match hit {
                Some(spki) => {
                    keys.insert(spki);
                }
                None => out.push(
                    Diagnostic::new(
                        &TLSA_MATCHES_NOTHING,
                        Some(cx.field_span(r, 3)),
                        format!(
                            "TLSA {} at {} matches none of the certificates and keys given",
                            tlsa.short_text(),
                            owner_text()
                        ),
                    )
                    .with_fix("remove it, or pass the certificate or key it is for with --cert"),
                ),
            }
        }
        if keys.len() < 2 && !usable.is_empty() {
            out.push(
                Diagnostic::new(
                    &TLSA_NO_ROLLOVER,
                    Some(cx.zone.span_of(first)),
                    format!(
                        "TLSA at {} matches {} of the keys given: no next key or issuer is published to roll to",
                        owner_text(),
                        if keys.is_empty() { "none" } else { "only one" }
                    ),
                )
                .with_fix("publish the next key's record too: zonewarden tlsa next-key, or a 2 1 1 for the issuing CA"),
            );
        }
    } else if usable.len() == 1 {
        let first_index = rrset.records[0];
        out.push(later::<OneUsable>(
            &TLSA_NO_ROLLOVER,
            cx.zone.span_of(first),
            first_index,
            [0, 0],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::zone::name::wire_for_test as w;

    #[test]
    fn owners() {
        assert_eq!(
            service_of(&w("_25._tcp.mail.example.")),
            Some((25, &b"tcp"[..]))
        );
        assert_eq!(
            service_of(&w("_443._udp.example.")),
            Some((443, &b"udp"[..]))
        );
        assert!(service_of(&w("_tcp._25.mail.example.")).is_none());
        assert!(service_of(&w("_25._tcp.")).is_none());
        assert!(service_of(&w("_65536._tcp.x.")).is_none());
        assert!(service_of(&w("_025._tcp.x.")).is_none());
        assert!(service_of(&w("25._tcp.x.")).is_none());
        assert!(service_of(&w("_25.tcp.x.")).is_none());
        assert_eq!(
            wildcard_service_of(&w("*._tcp.mx.example.")),
            Some(&b"tcp"[..])
        );
        assert!(wildcard_service_of(&w("*._tcp.")).is_none());
        assert!(wildcard_service_of(&w("*.mx.example.")).is_none());
        assert!(wildcard_service_of(&w("_25.*._tcp.x.")).is_none());
    }
}
