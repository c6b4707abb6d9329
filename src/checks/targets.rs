//! Where NS, MX and SRV records point: aliases, IP literals, missing addresses, host-name
//! syntax and IPv6 reachability (ZW1112-ZW1114, ZW1120, ZW1123).

use super::{later, Wording, NO_RECORD};
use crate::diag::{Diagnostic, Rule, WordsIn};
use crate::index::{flags, Check, Cx, RRset};
use crate::rules::targets::*;
use crate::zone::name;
use crate::zone::rtype::{t, type_name};
use crate::zone::{Record, Zone};

/// ZW1123's words, about the NS or MX record: `[its host's A record or NO_RECORD, _]`.
struct MissingAaaa;

impl Wording for MissingAaaa {
    const NAMES_OWNER: bool = false;

    fn word(zone: &Zone, r: &Record, _: &str, [a, _]: [u32; 2], out: &mut WordsIn) {
        let what = if r.rtype == t::MX {
            "mail host"
        } else {
            "name server"
        };
        // The host's name, written where each string needs it rather than made apart.
        let host = crate::zone::view::target(r.rtype, zone.rdata(r));
        let host = |s: &mut String| {
            if let Some(h) = host {
                name::write_text(h, s);
            }
        };
        let m = out.message();
        m.push_str(what);
        m.push(' ');
        host(m);
        m.push_str(" has an A record but no AAAA record");
        let f = out.fix();
        f.push_str("add an AAAA record for ");
        host(f);
        if let Some(a) = zone.records.get(a as usize) {
            let label = out.related(zone.span_of(a));
            host(label);
            label.push_str(" has this A record but no AAAA record");
        }
    }
}

/// Whether a name reads as a dotted IPv4 address or holds an IPv6 address as a label.
fn looks_like_ip(wire: &[u8], origin: &[u8]) -> bool {
    let numeric = |l: &[u8]| !l.is_empty() && l.len() <= 3 && l.iter().all(u8::is_ascii_digit);
    let mut labels = name::labels(wire);
    let first = labels.next();
    if first.is_some_and(|l| {
        l.contains(&b':')
            && std::str::from_utf8(l).is_ok_and(|s| s.parse::<std::net::Ipv6Addr>().is_ok())
    }) {
        return true;
    }
    // Four numeric labels, alone or followed by the origin.
    let four =
        first.is_some_and(numeric) && labels.by_ref().take(3).filter(|l| numeric(l)).count() == 3;
    if !four {
        return false;
    }
    let rest = 4 + labels.count();
    rest == 4 || (name::is_subdomain(wire, origin) && rest == 4 + name::label_count(origin))
}

/// RFC 1123 §2.1 host-name syntax.
fn is_hostname(wire: &[u8]) -> bool {
    name::labels(wire).all(|l| {
        !l.is_empty()
            && l.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-')
            && l[0] != b'-'
            && l[l.len() - 1] != b'-'
    })
}

/// ZW1112-ZW1114, ZW1120, ZW1123.
pub struct Targets;

impl Check for Targets {
    fn rules(&self) -> &'static [&'static Rule] {
        static RULES: &[&Rule] = &[
            &TARGET_IS_ALIAS,
            &TARGET_IS_IP_LITERAL,
            &TARGET_WITHOUT_ADDRESS,
            &INVALID_HOSTNAME,
            &MISSING_AAAA,
            &DNS_SVCB_INCOMPLETE,
        ];
        RULES
    }

    fn rrset_types(&self) -> Option<&'static [u16]> {
        Some(&[t::SVCB, t::NS, t::MX, t::SRV])
    }

    fn rrset(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        if rrset.rtype == t::SVCB {
            dns_svcb(cx, rrset, out);
            return;
        }
        let field = match rrset.rtype {
            t::NS => 0,
            t::MX => 1,
            t::SRV => 3,
            _ => return,
        };
        // At a zone cut only the delegation's NS records are this zone's; an MX or SRV there
        // is occluded (ZW1109) and never served (RFC 1034 §4.2.1), so its target is not checked.
        let at_cut = cx.has(rrset.owner, flags::CUT);
        let delegation_ns = rrset.rtype == t::NS && at_cut;
        if !((cx.is_authoritative(rrset.owner) && !at_cut) || delegation_ns) {
            return;
        }
        let ty = type_name(rrset.rtype).unwrap_or("?");
        for &i in rrset.records {
            let r = cx.record(i);
            let Some(target) = cx.target(r) else { continue };
            // Null MX (RFC 7505) and "no service" SRV (RFC 2782) point at the root.
            if target == [0] {
                continue;
            }
            // Text and positions are built only for findings.
            let shown = || name::to_text(target);
            let span = || cx.field_span(r, field);
            let owner = || cx.name_text(rrset.owner);
            if looks_like_ip(target, &cx.zone.origin) {
                let msg = format!(
                    "{ty} target {} at {} is an IP address, not a host name",
                    shown(),
                    owner()
                );
                out.push(
                    Diagnostic::new(&TARGET_IS_IP_LITERAL, Some(span()), msg).with_fix(
                        "name a host that has the address, and end it with a dot if absolute",
                    ),
                );
                continue;
            }
            if !is_hostname(target) {
                let msg = format!(
                    "{ty} target {} at {} is not a valid host name",
                    shown(),
                    owner()
                );
                out.push(Diagnostic::new(&INVALID_HOSTNAME, Some(span()), msg));
            }
            if !cx.in_zone_name(target) {
                continue;
            }
            let id = cx.target_id_of(i);
            if let Some(id) = id.filter(|&id| cx.has(id, flags::CNAME)) {
                let msg = format!("{ty} target {} at {} is an alias (CNAME)", shown(), owner());
                let mut d = Diagnostic::new(&TARGET_IS_ALIAS, Some(span()), msg)
                    .with_fix("point at the canonical name the CNAME leads to");
                let cname = cx.records_of(id).iter().map(|&i| cx.record(i));
                if let Some(c) = cname.into_iter().find(|c| c.rtype == t::CNAME) {
                    d = d.with_related(cx.zone.span_of(c), "the CNAME at the target");
                }
                out.push(d);
                continue;
            }
            let has_a = id.is_some_and(|id| cx.has(id, flags::A));
            let has_aaaa = id.is_some_and(|id| cx.has(id, flags::AAAA));
            if !has_a && !has_aaaa {
                // Missing glue under a delegation is ZW1110's to report.
                let cut = match id {
                    Some(id) => cx.enclosing_cut_id(id),
                    None => cx.enclosing_cut(target),
                };
                if cut.is_none() {
                    let msg = format!(
                        "{ty} target {} at {} has no A or AAAA record in the zone",
                        shown(),
                        owner()
                    );
                    out.push(
                        Diagnostic::new(&TARGET_WITHOUT_ADDRESS, Some(span()), msg)
                            .with_fix(format!("add A and AAAA records for {}", shown())),
                    );
                }
                continue;
            }
            if matches!(rrset.rtype, t::NS | t::MX) && has_a && !has_aaaa {
                // The host's A record: the address family it has.
                let a = id.and_then(|id| {
                    cx.records_of(id)
                        .iter()
                        .copied()
                        .find(|&a| cx.record(a).rtype == t::A)
                });
                let more = [a.unwrap_or(NO_RECORD), 0];
                out.push(later::<MissingAaaa>(&MISSING_AAAA, span(), i, more));
            }
        }
    }
}

/// Whether an owner names a DNS server's SVCB records: `_dns` or `_PORT._dns` first (RFC
/// 9461 §2).
fn is_dns_svcb_owner(wire: &[u8]) -> bool {
    let mut labels = name::labels(wire);
    let first = labels.next().unwrap_or(&[]);
    let is_dns = |l: &[u8]| l.eq_ignore_ascii_case(b"_dns");
    if is_dns(first) {
        return true;
    }
    let port = first
        .strip_prefix(b"_")
        .and_then(|d| std::str::from_utf8(d).ok())
        .filter(|d| !d.is_empty() && d.len() <= 5 && d.bytes().all(|c| c.is_ascii_digit()))
        .and_then(|d| d.parse::<u16>().ok());
    port.is_some() && labels.next().is_some_and(is_dns)
}

/// The ALPN IDs that mean HTTP, and so DNS over HTTPS (RFC 9461 §5; IANA's ALPN Protocol
/// IDs registry).
const HTTP_ALPN: [&[u8]; 6] = [b"http/0.9", b"http/1.0", b"http/1.1", b"h2", b"h2c", b"h3"];

/// ZW1125: a ServiceMode SVCB record for a DNS server needs `alpn` (key 1), and `dohpath`
/// (key 7) when an ALPN ID is HTTP (RFC 9461 §4.1, §5).
fn dns_svcb(cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
    if !is_dns_svcb_owner(cx.zone.names.wire(rrset.owner)) || !cx.is_authoritative(rrset.owner) {
        return;
    }
    for &i in rrset.records {
        let r = cx.record(i);
        let Some(svcb) = crate::zone::view::Svcb::parse(cx.zone.rdata(r)) else {
            continue;
        };
        if svcb.priority == 0 {
            continue;
        }
        let params: Vec<(u16, &[u8])> = svcb.params().collect();
        let value = |key: u16| params.iter().find(|p| p.0 == key).map(|p| p.1);
        let owner = cx.name_text(rrset.owner);
        let msg = match value(1) {
            None => format!("SVCB for the DNS server at {owner} has no alpn: clients cannot tell which protocol it speaks"),
            Some(alpn) => {
                let http = crate::zone::view::strings(alpn)
                    .flat_map(|id| id.split(|&c| c == b','))
                    .find(|id| HTTP_ALPN.iter().any(|h| h == id));
                match (http, value(7)) {
                    (Some(id), None) => format!(
                        "SVCB for the DNS server at {owner} names HTTP (alpn {}) but has no dohpath",
                        String::from_utf8_lossy(id)
                    ),
                    _ => continue,
                }
            }
        };
        out.push(
            Diagnostic::new(&DNS_SVCB_INCOMPLETE, Some(cx.zone.rdata_span(r)), msg).with_fix(
                "add alpn (dot, doq or h2/h3) and, for DNS over HTTPS, dohpath=/dns-query{?dns}",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::zone::name::wire_for_test as w;

    #[test]
    fn ip_literals_and_host_names() {
        let origin = w("example.");
        assert!(looks_like_ip(&w("192.0.2.1."), &origin));
        assert!(looks_like_ip(&w("192.0.2.1.example."), &origin));
        assert!(!looks_like_ip(&w("192.0.2.1.in-addr.arpa."), &origin));
        assert!(!looks_like_ip(&w("mail.example."), &origin));
        assert!(is_hostname(&w("mx-1.example.")));
        assert!(!is_hostname(&w("mx_1.example.")));
        assert!(!is_hostname(&w("-mx.example.")));
    }
}
