//! Reverse DNS across zones: the addresses of mail and name server hosts against the
//! reverse zones of the run (ZW6007), and each PTR against its target's addresses
//! (ZW6008). RFC 2317 classless delegations are followed through their CNAMEs; a
//! classless zone whose parent is not in the run is placed by its name.

use super::{is_reverse, text, Facts, Finding, Run};
use crate::diag::Diagnostic;
use crate::rules::crosszone as rules;
use crate::zone::name;
use std::collections::{BTreeSet, HashMap};
use std::net::IpAddr;

/// The reverse name of an address in wire form: `d.c.b.a.in-addr.arpa.` (RFC 1035 §3.5)
/// or the 32 nibbles under `ip6.arpa.` (RFC 3596 §2.5).
pub(super) fn reverse_name(ip: IpAddr) -> Vec<u8> {
    let mut labels: Vec<String> = Vec::new();
    match ip {
        IpAddr::V4(v4) => {
            labels.extend(v4.octets().iter().rev().map(|o| o.to_string()));
            labels.extend(["in-addr".into(), "arpa".into()]);
        }
        IpAddr::V6(v6) => {
            for o in v6.octets().iter().rev() {
                labels.push(format!("{:x}", o & 0xf));
                labels.push(format!("{:x}", o >> 4));
            }
            labels.extend(["ip6".into(), "arpa".into()]);
        }
    }
    let mut wire = Vec::new();
    for l in labels {
        wire.push(l.len() as u8);
        wire.extend_from_slice(l.as_bytes());
    }
    wire.push(0);
    wire
}

/// A label that is an IPv4 octet in decimal, without leading zeros.
fn octet(label: &[u8]) -> Option<u8> {
    if label.len() > 1 && label[0] == b'0' {
        return None;
    }
    std::str::from_utf8(label).ok()?.parse().ok()
}

/// The address a reverse name stands for, when it is one (four decimal labels under
/// in-addr.arpa., 32 nibbles under ip6.arpa.).
pub(super) fn address_of(n: &[u8]) -> Option<IpAddr> {
    let labels: Vec<&[u8]> = name::labels(n).filter(|l| !l.is_empty()).collect();
    let (last2, head) = (labels.len().checked_sub(2)?, labels.len());
    let tail: Vec<&[u8]> = labels[last2..head].to_vec();
    let body = &labels[..last2];
    if tail == [b"in-addr".as_slice(), b"arpa"] && body.len() == 4 {
        let mut o = [0u8; 4];
        for (i, l) in body.iter().rev().enumerate() {
            o[i] = octet(l)?;
        }
        return Some(IpAddr::from(o));
    }
    if tail == [b"ip6".as_slice(), b"arpa"] && body.len() == 32 {
        let mut o = [0u8; 16];
        for (i, l) in body.iter().rev().enumerate() {
            let [c] = l else { return None };
            let v = (*c as char).to_digit(16)? as u8;
            o[i / 2] |= if i % 2 == 0 { v << 4 } else { v };
        }
        return Some(IpAddr::from(o));
    }
    None
}

/// The addresses an RFC 2317 classless zone holds, read off its name: the `/24` (its
/// first three octets) and the first and last of its fourth octets. RFC 2317 §4 names such
/// a zone `64/26.2.0.192.in-addr.arpa.`; `64-26` and `64-127` are common too. `None` for a
/// name of no such form, or one that reads both as a prefix length and as a range end
/// (`0-31`).
fn classless_range(origin: &[u8]) -> Option<([u8; 3], u8, u8)> {
    let labels: Vec<&[u8]> = name::labels(origin).filter(|l| !l.is_empty()).collect();
    let [first, c, b, a, inaddr, arpa] = labels.as_slice() else {
        return None;
    };
    if !inaddr.eq_ignore_ascii_case(b"in-addr") || !arpa.eq_ignore_ascii_case(b"arpa") {
        return None;
    }
    let base = [octet(a)?, octet(b)?, octet(c)?];
    let split = first.iter().position(|&c| c == b'/' || c == b'-')?;
    let (x, y) = (octet(&first[..split])?, octet(&first[split + 1..])?);
    // A block of 2^k addresses starting at a multiple of it.
    let block = |start: u8, size: u16| {
        (size.is_power_of_two() && u16::from(start) % size == 0 && u16::from(start) + size <= 256)
            .then(|| (start, (u16::from(start) + size - 1) as u8))
    };
    let prefix = (25..=31)
        .contains(&y)
        .then(|| block(x, 1 << (32 - y)))
        .flatten();
    if first[split] == b'/' {
        return prefix.map(|(f, l)| (base, f, l));
    }
    let range = (y > x).then(|| block(x, u16::from(y - x) + 1)).flatten();
    match (prefix, range) {
        (Some((f, l)), None) | (None, Some((f, l))) => Some((base, f, l)),
        _ => None,
    }
}

/// The run's classless zones by their `/24`: the first and last fourth octets of each, and
/// the zone.
type Classless = HashMap<[u8; 3], Vec<(u8, u8, usize)>>;

fn classless_zones(run: &Run) -> Classless {
    let mut by_base: Classless = HashMap::new();
    for (z, f) in run.facts.iter().enumerate() {
        if let Some((base, first, last)) = classless_range(&f.origin) {
            by_base.entry(base).or_default().push((first, last, z));
        }
    }
    by_base
}

/// Where the PTR for an IPv4 address is when no zone of the run holds its reverse name
/// (the `/24` above a classless zone is served elsewhere): `OCTET.ZONE` in the run's one
/// classless zone whose name covers the address, as RFC 2317 §4's CNAMEs lead.
fn classless_home(run: &Run, classless: &Classless, ip: IpAddr) -> Option<(usize, Vec<u8>)> {
    let IpAddr::V4(v4) = ip else {
        return None;
    };
    let [a, b, c, d] = v4.octets();
    let mut zones = classless.get(&[a, b, c])?.iter();
    let z = zones
        .find(|&&(first, last, _)| (first..=last).contains(&d))?
        .2;
    let digits = d.to_string();
    let mut at = vec![digits.len() as u8];
    at.extend_from_slice(digits.as_bytes());
    at.extend_from_slice(&run.facts[z].origin);
    Some((z, at))
}

/// The address a PTR owner `OCTET.ZONE` of a classless zone stands for, when the zone's
/// name covers it and no zone of the run holds the address's own reverse name.
fn classless_address(run: &Run, rev: &Facts, owner: &[u8]) -> Option<IpAddr> {
    let ([a, b, c], first, last) = classless_range(&rev.origin)?;
    if name::parent(owner)? != &*rev.origin {
        return None;
    }
    let d = octet(name::labels(owner).next()?)?;
    let ip = IpAddr::from([a, b, c, d]);
    ((first..=last).contains(&d) && !run.holds(&reverse_name(ip))).then_some(ip)
}

pub(super) fn check(run: &Run, out: &mut Vec<Finding>) {
    if !run.facts.iter().any(|f| is_reverse(&f.origin)) {
        return;
    }
    // RFC 2317: the CNAMEs of reverse zones, by target, to find the address a PTR in a
    // classless zone stands for.
    let mut alias_of: HashMap<&[u8], &[u8]> = HashMap::new();
    for f in run.facts.iter().filter(|f| is_reverse(&f.origin)) {
        for (owner, target) in &f.cnames {
            alias_of
                .entry(target.as_slice())
                .or_insert(owner.as_slice());
        }
    }
    let classless = classless_zones(run);
    hosts_have_ptr(run, &classless, out);
    ptrs_confirmed(run, &alias_of, out);
}

/// Where the PTR records for a reverse name are: the zone and the name, after a CNAME
/// (RFC 2317) in the zone that holds the name. `None` when no zone of the run can answer.
fn ptr_home(run: &Run, rname: &[u8]) -> Option<(usize, Vec<u8>)> {
    let z = run.zone_of(rname)?;
    let f = &run.facts[z];
    if !is_reverse(&f.origin) || f.cut_above(rname).is_some() {
        return None;
    }
    if let Some(target) = f.cname_at(rname) {
        let z2 = run.zone_of(target)?;
        if !is_reverse(&run.facts[z2].origin) || run.facts[z2].cut_above(target).is_some() {
            return None;
        }
        return Some((z2, target.to_vec()));
    }
    Some((z, rname.to_vec()))
}

/// ZW6007: every address of an MX or NS host, in a reverse zone of the run, has a PTR.
fn hosts_have_ptr(run: &Run, classless: &Classless, out: &mut Vec<Finding>) {
    // Each host once, with the first record that names it.
    let mut hosts: Vec<(&[u8], usize, crate::source::Span, &str)> = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, f) in run.facts.iter().enumerate() {
        let named =
            f.mx.iter()
                .map(|r| (r, "mail host"))
                .chain(f.apex_ns.iter().map(|r| (r, "name server")));
        for (r, what) in named {
            if seen.insert(r.name.as_slice()) {
                hosts.push((&r.name, i, r.span, what));
            }
        }
    }
    let mut done = BTreeSet::new();
    for (host, named_in, named_at, what) in hosts {
        let Some(z) = run.authority_for(host) else {
            continue;
        };
        let Some(addrs) = run.facts[z].addresses_of(host) else {
            continue;
        };
        for a in addrs {
            if !done.insert(a.ip) {
                continue;
            }
            let rname = reverse_name(a.ip);
            // Placed by its name only when no zone of the run holds the address's own
            // reverse name: not when two do (ZW6009 says so).
            let home = if run.holds(&rname) {
                ptr_home(run, &rname)
            } else {
                classless_home(run, classless, a.ip)
            };
            let Some((r, at)) = home else {
                continue;
            };
            let rev = &run.facts[r];
            if rev.has_ptr(&at) {
                continue;
            }
            let diag = Diagnostic::new(
                &rules::HOST_WITHOUT_PTR,
                rev.apex_span(),
                format!(
                    "no PTR at {} for {}, the address of {what} {}",
                    text(&at),
                    a.ip,
                    text(host)
                ),
            )
            .with_fix(format!("add `{} PTR {}`", text(&at), text(host)));
            let (owner, rtype) = rev.apex_record();
            out.push(
                Finding::new(r, diag)
                    .at(owner, rtype)
                    .related(z, Some(a.span), "the host's address record")
                    .related(
                        named_in,
                        Some(named_at),
                        format!("the record naming the {what}"),
                    ),
            );
        }
    }
}

/// ZW6008: each PTR whose target lies in a forward zone of the run names a host with the
/// address.
fn ptrs_confirmed(run: &Run, alias_of: &HashMap<&[u8], &[u8]>, out: &mut Vec<Finding>) {
    for (r, rev) in run.facts.iter().enumerate() {
        if !is_reverse(&rev.origin) {
            continue;
        }
        for p in &rev.ptrs {
            let ip = address_of(&p.owner)
                .or_else(|| address_of(alias_of.get(p.owner.as_slice())?))
                .or_else(|| classless_address(run, rev, &p.owner));
            let Some(ip) = ip else {
                continue;
            };
            if is_reverse(&p.target) {
                out.push(target_in_reverse_tree(r, rev, p, ip));
                continue;
            }
            let Some(z) = run.authority_for(&p.target) else {
                continue;
            };
            let fwd: &Facts = &run.facts[z];
            let Some(addrs) = fwd.addresses_of(&p.target) else {
                continue;
            };
            if addrs.iter().any(|a| a.ip == ip) {
                continue;
            }
            let has = if addrs.is_empty() {
                "no A or AAAA record".to_string()
            } else {
                addrs
                    .iter()
                    .map(|a| a.ip.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let diag = Diagnostic::new(
                &rules::PTR_NOT_FORWARD_CONFIRMED,
                Some(p.span),
                format!(
                    "PTR for {ip} names {}, which does not have that address (it has {has})",
                    text(&p.target)
                ),
            )
            .with_fix(format!(
                "point the PTR at the name of {ip}, or give {} the address",
                text(&p.target)
            ));
            let mut f = Finding::new(r, diag).at(&p.owner, crate::zone::rtype::t::PTR);
            match addrs.first() {
                Some(a) => f = f.related(z, Some(a.span), "the target's address record"),
                None => f = f.related(z, fwd.apex_span(), "the target's zone"),
            }
            out.push(f);
        }
    }
}

/// ZW6008 for a PTR whose target is itself a name of the reverse trees, which has no
/// address: nearly always a host name written without its trailing dot, to which the
/// zone's origin was appended.
fn target_in_reverse_tree(r: usize, rev: &Facts, p: &super::Ptr, ip: IpAddr) -> Finding {
    let relative = name::is_subdomain(&p.target, &rev.origin) && p.target.len() > rev.origin.len();
    let fix = if relative {
        let mut meant = p.target[..p.target.len() - rev.origin.len()].to_vec();
        meant.push(0);
        format!(
            "end the target with a dot: `{}`, or point the PTR at the name of {ip}",
            text(&meant)
        )
    } else {
        format!("point the PTR at the name of {ip}")
    };
    let diag = Diagnostic::new(
        &rules::PTR_NOT_FORWARD_CONFIRMED,
        Some(p.span),
        format!(
            "PTR for {ip} names {}, a name in the reverse tree, which has no address (a host name written without its trailing dot?)",
            text(&p.target)
        ),
    )
    .with_fix(fix);
    Finding::new(r, diag).at(&p.owner, crate::zone::rtype::t::PTR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverse_names_round_trip() {
        for ip in ["192.0.2.25", "2001:db8::25", "10.0.0.1", "::1"] {
            let ip: IpAddr = ip.parse().unwrap();
            assert_eq!(address_of(&reverse_name(ip)), Some(ip), "{ip}");
        }
        let n = reverse_name("192.0.2.25".parse().unwrap());
        assert_eq!(name::to_text(&n), "25.2.0.192.in-addr.arpa.");
        // A classless name is no address; nor is a zone's apex.
        let classless = name::wire_for_test("25.0/26.2.0.192.in-addr.arpa.");
        assert_eq!(address_of(&classless), None);
        assert_eq!(
            address_of(&name::wire_for_test("2.0.192.in-addr.arpa.")),
            None
        );
    }

    #[test]
    fn classless_zones_are_placed_by_their_names() {
        let range = |n: &str| classless_range(&name::wire_for_test(n));
        let base = [192, 0, 2];
        for (n, want) in [
            ("64/26.2.0.192.in-addr.arpa.", Some((base, 64, 127))),
            ("64-26.2.0.192.in-addr.arpa.", Some((base, 64, 127))),
            ("64-127.2.0.192.in-addr.arpa.", Some((base, 64, 127))),
            ("0/25.2.0.192.IN-ADDR.ARPA.", Some((base, 0, 127))),
            ("128/25.2.0.192.in-addr.arpa.", Some((base, 128, 255))),
            ("254/31.2.0.192.in-addr.arpa.", Some((base, 254, 255))),
            ("0-25.2.0.192.in-addr.arpa.", Some((base, 0, 127))),
            // Not aligned, no prefix length, or both readings.
            ("65/26.2.0.192.in-addr.arpa.", None),
            ("64/24.2.0.192.in-addr.arpa.", None),
            ("64-100.2.0.192.in-addr.arpa.", None),
            ("0-31.2.0.192.in-addr.arpa.", None),
            ("064/26.2.0.192.in-addr.arpa.", None),
            ("64/26.0.192.in-addr.arpa.", None),
            ("64/26.2.0.192.ip6.arpa.", None),
            ("2.0.192.in-addr.arpa.", None),
        ] {
            assert_eq!(range(n), want, "{n}");
        }
    }
}
