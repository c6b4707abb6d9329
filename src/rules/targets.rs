//! Where NS, MX and SRV records point: aliases, IP literals, missing addresses, host-name
//! syntax and IPv6 reachability (ZW1112-ZW1114, ZW1120, ZW1123).

use crate::declare_rule;
use crate::diag::Diagnostic;
use crate::lint::{flags, Check, Cx, RRset};
use crate::zone::name;
use crate::zone::rtype::{t, type_to_string};

declare_rule! {
    /// An NS, MX or SRV record whose target is an alias (a CNAME).
    ///
    /// ## What it checks
    /// The targets of NS, MX and SRV must be names with address records, not aliases
    /// (RFC 2181 §10.3, RFC 2782). Mail servers and resolvers may refuse to follow them.
    ///
    /// ## Example
    /// ```text
    /// @     MX     10 mail
    /// mail  CNAME  mx.provider.example.
    /// ```
    pub TARGET_IS_ALIAS = ("ZW1112", "target-is-alias", Error);
}

declare_rule! {
    /// An NS, MX or SRV target written as an IP address.
    ///
    /// ## What it checks
    /// These targets are domain names (RFC 1035 §3.3.9, §3.3.11; RFC 2782). `MX 10
    /// 192.0.2.1.` names a host called `192.0.2.1.`, which does not exist.
    pub TARGET_IS_IP = ("ZW1113", "target-is-ip-literal", Error);
}

declare_rule! {
    /// An NS, MX or SRV target inside the zone with no address record.
    ///
    /// ## What it checks
    /// A target in the zone's own authoritative data must have an A or AAAA record there
    /// (RFC 1034 §3.6.2, RFC 5321 §5.1). A typo in the target leaves mail or delegation
    /// pointing at nothing.
    pub TARGET_WITHOUT_ADDRESS = ("ZW1114", "target-without-address", Error);
}

declare_rule! {
    /// An NS, MX or SRV target that is not a valid host name.
    ///
    /// ## What it checks
    /// Host names are letters, digits and hyphens, no label starting or ending with a
    /// hyphen (RFC 1123 §2.1, RFC 952). Underscores and other characters are legal in DNS
    /// names but not in host names, and mail software refuses them.
    pub INVALID_HOSTNAME = ("ZW1120", "invalid-hostname", Warning);
}

declare_rule! {
    /// An in-zone mail host or name server with IPv4 but no IPv6 address.
    ///
    /// ## What it checks
    /// MX targets and NS hosts inside the zone should have an AAAA record as well as an A
    /// record: IPv6 reachability is required of mail and DNS operators by many
    /// governments and by RFC 3901's guidance for name servers.
    pub MISSING_AAAA = ("ZW1123", "missing-aaaa", Warning);
}

/// Whether a name reads as a dotted IPv4 address or holds an IPv6 address as a label.
fn looks_like_ip(wire: &[u8], origin: &[u8]) -> bool {
    let labels: Vec<&[u8]> = name::labels(wire).collect();
    let numeric = |l: &[u8]| !l.is_empty() && l.len() <= 3 && l.iter().all(u8::is_ascii_digit);
    let four = labels.len() >= 4 && labels[..4].iter().all(|l| numeric(l));
    let whole = labels.len() == 4
        || (four
            && name::is_subdomain(wire, origin)
            && labels.len() == 4 + name::label_count(origin));
    (four && whole)
        || labels.first().is_some_and(|l| {
            l.contains(&b':')
                && std::str::from_utf8(l).is_ok_and(|s| s.parse::<std::net::Ipv6Addr>().is_ok())
        })
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
    fn rrset(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
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
        let ty = type_to_string(rrset.rtype);
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
                out.push(Diagnostic::new(&TARGET_IS_IP, Some(span()), msg).with_fix(
                    "name a host that has the address, and end it with a dot if absolute",
                ));
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
            let id = cx.zone.names.find(target);
            if id.is_some_and(|id| cx.has(id, flags::CNAME)) {
                let msg = format!("{ty} target {} at {} is an alias (CNAME)", shown(), owner());
                out.push(
                    Diagnostic::new(&TARGET_IS_ALIAS, Some(span()), msg)
                        .with_fix("point at the canonical name the CNAME leads to"),
                );
                continue;
            }
            let has_a = id.is_some_and(|id| cx.has(id, flags::A));
            let has_aaaa = id.is_some_and(|id| cx.has(id, flags::AAAA));
            if !has_a && !has_aaaa {
                // Missing glue under a delegation is ZW1110's to report.
                if cx.enclosing_cut(target).is_none() {
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
                let what = if rrset.rtype == t::MX {
                    "mail host"
                } else {
                    "name server"
                };
                let msg = format!("{what} {} has an A record but no AAAA record", shown());
                out.push(
                    Diagnostic::new(&MISSING_AAAA, Some(span()), msg)
                        .with_fix(format!("add an AAAA record for {}", shown())),
                );
            }
        }
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
