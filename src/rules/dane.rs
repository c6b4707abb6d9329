//! DANE and TLSA (ZW3xxx): where TLSA records stand, what they say, whether they leave room
//! to roll the key, and, given certificates (`lint --cert`), whether they match them.

use crate::declare_rule;
use crate::diag::Diagnostic;
use crate::lint::{flags, Check, Cx, RRset};
use crate::tlsa::matching::{self, Matched};
use crate::tlsa::{digest_len, Tlsa};
use crate::zone::name::{self, NameId};
use crate::zone::rtype::t;
use std::collections::HashSet;

declare_rule! {
    /// TLSA records in a zone that is not signed.
    ///
    /// ## What it checks
    /// A zone that publishes TLSA records but has no DNSKEY at its apex. Each TLSA RRset is
    /// reported once.
    ///
    /// ## Why it matters
    /// DANE clients use TLSA records only when DNSSEC validates them: an SMTP client looks up
    /// TLSA only for MX hosts whose records are secure and treats insecure TLSA as absent
    /// (RFC 7672 §2.2, RFC 6698 §4.1). Unsigned, the records protect nothing. A zone that the
    /// name server signs itself (BIND's `dnssec-policy`, Knot's automatic signing) carries
    /// no DNSKEY in its file: ignore ZW3001 for it in `zonewarden.toml`.
    ///
    /// ## Example
    /// ```text
    /// $ORIGIN example.com.           ; no DNSKEY at the apex
    /// _25._tcp.mail  TLSA  3 1 1 0C72AC70…
    /// ```
    pub TLSA_UNSIGNED_ZONE = ("ZW3001", "tlsa-unsigned-zone", Warning);
}

declare_rule! {
    /// A TLSA record whose owner is not `_port._protocol.host`.
    ///
    /// ## What it checks
    /// The first label of a TLSA owner must be `_` and a decimal port (0-65535), the second
    /// `_` and a protocol name such as `tcp`, and a host name must follow.
    ///
    /// ## Why it matters
    /// Clients look for TLSA records only at `_port._protocol.host` (RFC 6698 §3); a record
    /// anywhere else is never found, so the service is not protected.
    ///
    /// ## Example
    /// ```text
    /// _tcp._25.mail  TLSA  3 1 1 0C72AC70…   ; labels swapped
    /// ```
    pub TLSA_BAD_OWNER = ("ZW3002", "tlsa-bad-owner", Error);
}

declare_rule! {
    /// A PKIX-TA (0) or PKIX-EE (1) TLSA record for SMTP.
    ///
    /// ## What it checks
    /// TLSA records at `_25._tcp` owners with certificate usage 0 or 1.
    ///
    /// ## Why it matters
    /// SMTP clients have no set of trusted CAs to validate a PKIX chain against, so RFC 7672
    /// §3.1.3 makes usages 0 and 1 unusable for SMTP: such records count as unusable, and a
    /// TLSA RRset of only such records makes delivery fail once DANE is in force. Publish
    /// DANE-EE (3) or DANE-TA (2) records.
    ///
    /// ## Example
    /// ```text
    /// _25._tcp.mail  TLSA  1 1 1 0C72AC70…
    /// ```
    pub TLSA_PKIX_FOR_SMTP = ("ZW3003", "tlsa-pkix-usage-for-smtp", Warning);
}

declare_rule! {
    /// A TLSA record that holds a whole certificate: selector 0 with matching type 0.
    ///
    /// ## What it checks
    /// TLSA records with selector Cert (0) and matching type Full (0).
    ///
    /// ## Why it matters
    /// The record carries the entire DER certificate: responses grow past what fits in UDP
    /// (so they go over TCP, or fail behind broken middleboxes), and the record breaks when
    /// the certificate is merely renewed with the same key. RFC 7671 recommends digests
    /// (matching type 1) over the public key (selector 1), which survive renewals that keep
    /// the key; RFC 7672 §3.1.1 recommends `3 1 1` for SMTP.
    ///
    /// ## Example
    /// ```text
    /// _25._tcp.mail  TLSA  3 0 0 308201A2308201…
    /// ```
    pub TLSA_FULL_CERTIFICATE = ("ZW3004", "tlsa-full-certificate", Warning);
}

declare_rule! {
    /// TLSA association data of the wrong length or form for its matching type.
    ///
    /// ## What it checks
    /// A SHA2-256 (1) digest must be 32 octets and a SHA2-512 (2) digest 64; Full (0) data
    /// must be a DER certificate (selector 0) or a DER SubjectPublicKeyInfo (selector 1).
    ///
    /// ## Why it matters
    /// RFC 6698 §2.1.3 and §2.1.4: data of another length can match no certificate, so the
    /// record is dead weight, and it is nearly always a truncated copy and paste.
    ///
    /// ## Example
    /// ```text
    /// _25._tcp.mail  TLSA  3 1 1 0C72AC70B745AC19998811B131D662C9   ; 16 octets
    /// ```
    pub TLSA_BAD_DATA = ("ZW3005", "tlsa-bad-association-data", Error);
}

declare_rule! {
    /// A TLSA RRset that leaves no room to roll the key.
    ///
    /// ## What it checks
    /// A TLSA RRset with a single usable record. With `--cert`, only records that match the
    /// current leaf, a staged next key or an issuing CA of what was given count, and records
    /// that match the same key count once, so duplicates and stale records do not pass for
    /// a rollover plan.
    ///
    /// ## Why it matters
    /// The next key must be published, and old answers must expire from caches, before a
    /// certificate with that key is deployed (RFC 7671 §8.1); otherwise mail to the host
    /// fails between the deployment and the DNS update. Publish current plus next:
    /// `3 1 1` for each key, or `3 1 1` with a `2 1 1` for the issuing CA (RFC 7671 §8).
    ///
    /// ## Example
    /// ```text
    /// _25._tcp.mail  TLSA  3 1 1 0C72AC70…   ; the only record: the next key is not published
    /// ```
    pub TLSA_NO_ROLLOVER = ("ZW3006", "tlsa-no-rollover", Warning);
}

declare_rule! {
    /// An MX host without TLSA records while other MX hosts of the domain have them.
    ///
    /// ## What it checks
    /// For each MX RRset, the in-zone mail hosts that have TLSA records at `_25._tcp.HOST`
    /// (following CNAMEs in the zone) and those that have none.
    ///
    /// ## Why it matters
    /// A DANE client that finds no TLSA records for one MX host delivers to it with
    /// unauthenticated TLS (RFC 7672 §2.2.3); an attacker who blocks the protected hosts
    /// pushes the mail to the unprotected one. Protect all MX hosts or none.
    ///
    /// ## Example
    /// ```text
    /// @              MX    10 mx1
    /// @              MX    20 mx2
    /// _25._tcp.mx1   TLSA  3 1 1 0C72AC70…   ; nothing for mx2
    /// ```
    pub TLSA_PARTIAL_MX = ("ZW3007", "tlsa-partial-mx-coverage", Warning);
}

declare_rule! {
    /// A TLSA owner that is a CNAME whose chain ends without TLSA records.
    ///
    /// ## What it checks
    /// A CNAME at a `_port._protocol.host` owner is followed inside the zone; the chain must
    /// end at TLSA records, not at a name without them, and must not loop.
    ///
    /// ## Why it matters
    /// RFC 7671 §7 lets TLSA owners be aliases, which is how many operators share one TLSA
    /// RRset between hosts; the client follows the chain and uses what is at its end. A
    /// chain that ends elsewhere or loops gives the client no TLSA records, and DANE is
    /// silently off for that service.
    ///
    /// ## Example
    /// ```text
    /// _25._tcp.mx2   CNAME  _25._tcp.mx3   ; and nothing at _25._tcp.mx3
    /// ```
    pub TLSA_CNAME_CHAIN = ("ZW3008", "tlsa-cname-chain", Warning);
}

declare_rule! {
    /// With `--cert`: a TLSA record that matches none of the certificates and keys given.
    ///
    /// ## What it checks
    /// Each usable TLSA record is matched (RFC 6698 §2.1, RFC 7671 §5) against the leaf,
    /// the issuing CAs and the bare keys of every `--cert` file.
    ///
    /// ## Why it matters
    /// A record for a key that is neither in use nor staged is a leftover of an earlier
    /// rollover; it makes the RRset look like a rollover plan while protecting nothing, and
    /// RFC 7671 §8 requires each combination of usage, selector and matching type to match
    /// the current chain. Remove it, or pass the certificate or key it is for.
    ///
    /// ## Example
    /// ```text
    /// $ zonewarden lint --cert fullchain.pem --cert next.key example.com.zone
    /// ```
    pub TLSA_MATCHES_NOTHING = ("ZW3009", "tlsa-matches-nothing", Warning);
}

declare_rule! {
    /// A TLSA record with a usage, selector or matching type no client knows.
    ///
    /// ## What it checks
    /// Certificate usages above 3, selectors above 1 and matching types above 2 (private-use
    /// 255 included).
    ///
    /// ## Why it matters
    /// Clients treat such records as unusable (RFC 6698 §4.1, RFC 7671 §4); an RRset of only
    /// unusable records gives a DANE client nothing to authenticate with, and SMTP delivery
    /// to the host fails (RFC 7672 §2.2).
    ///
    /// ## Example
    /// ```text
    /// _25._tcp.mail  TLSA  3 1 3 0C72AC70…
    /// ```
    pub TLSA_UNKNOWN_PARAMETER = ("ZW3010", "tlsa-unknown-parameter", Warning);
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
    let proto_ok = !proto.is_empty()
        && proto[0].is_ascii_alphabetic()
        && proto
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'-');
    proto_ok.then_some((port, proto))
}

fn is_smtp(wire: &[u8]) -> bool {
    matches!(service_of(wire), Some((25, p)) if p.eq_ignore_ascii_case(b"tcp"))
}

/// Where a CNAME chain from `id` ends inside the zone.
enum ChainEnd {
    /// At a name with TLSA records.
    Tlsa,
    /// At an in-zone name without them.
    Empty(Vec<u8>),
    /// It leaves the zone: unknown here.
    Outside,
    Loop,
}

fn follow(cx: &Cx, id: NameId) -> ChainEnd {
    let mut seen = HashSet::new();
    let mut cur = id;
    loop {
        if !seen.insert(cur) {
            return ChainEnd::Loop;
        }
        let recs = cx.records_of(cur);
        if recs.iter().any(|&i| cx.record(i).rtype == t::TLSA) {
            return ChainEnd::Tlsa;
        }
        let cname = recs
            .iter()
            .map(|&i| cx.record(i))
            .find(|r| r.rtype == t::CNAME);
        let Some(c) = cname else {
            return ChainEnd::Empty(cx.zone.names.wire(cur).to_vec());
        };
        let Some(target) = cx.target(c) else {
            return ChainEnd::Outside;
        };
        if !cx.in_zone_name(target) {
            return ChainEnd::Outside;
        }
        match cx.zone.names.find(&name::to_lowercase(target)) {
            Some(next) => cur = next,
            None => return ChainEnd::Empty(name::to_lowercase(target)),
        }
    }
}

/// Whether `_25._tcp.HOST` has TLSA records in the zone, following CNAMEs; `None` when a
/// CNAME leads out of the zone.
fn host_has_tlsa(cx: &Cx, host: &[u8]) -> Option<bool> {
    let mut owner = vec![3, b'_', b'2', b'5', 4, b'_', b't', b'c', b'p'];
    owner.extend_from_slice(&name::to_lowercase(host));
    let Some(id) = cx.zone.names.find(&owner) else {
        return Some(false);
    };
    match follow(cx, id) {
        ChainEnd::Tlsa => Some(true),
        ChainEnd::Outside => None,
        ChainEnd::Empty(_) | ChainEnd::Loop => Some(false),
    }
}

/// ZW3001-ZW3010.
pub struct Dane;

impl Dane {
    fn tlsa(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        let owner = cx.zone.names.wire(rrset.owner);
        let owner_text = || cx.name_text(rrset.owner);
        let first = cx.record(rrset.records[0]);
        // ZW3001: once per RRset, at its first record.
        let apex_has_dnskey = cx
            .records_of(cx.zone.origin_id)
            .iter()
            .any(|&i| cx.record(i).rtype == t::DNSKEY);
        if !apex_has_dnskey {
            out.push(
                Diagnostic::new(
                    &TLSA_UNSIGNED_ZONE,
                    Some(first.span()),
                    format!(
                        "TLSA at {} in a zone with no DNSKEY: DANE clients ignore unsigned TLSA records",
                        owner_text()
                    ),
                )
                .with_fix("sign the zone; if the name server signs it, ignore ZW3001 for this zone in zonewarden.toml"),
            );
        }
        let service = service_of(owner);
        if service.is_none() {
            out.push(
                Diagnostic::new(
                    &TLSA_BAD_OWNER,
                    Some(first.span()),
                    format!(
                        "TLSA owner {} is not of the form _port._protocol.host",
                        owner_text()
                    ),
                )
                .with_fix("name it _25._tcp.HOST (or the service's port and protocol)"),
            );
        }
        let port = service.map_or(0, |s| s.0);
        let smtp = is_smtp(owner);
        let mut usable = Vec::new();
        let mut seen_rdata = HashSet::new();
        for &i in rrset.records {
            let r = cx.record(i);
            let Some(tlsa) = Tlsa::from_rdata(cx.zone.rdata(r)) else {
                continue;
            };
            if smtp && tlsa.usage <= 1 {
                out.push(
                    Diagnostic::new(
                        &TLSA_PKIX_FOR_SMTP,
                        Some(cx.field_span(r, 0)),
                        format!(
                            "usage {} ({}) at {} is unusable for SMTP",
                            tlsa.usage,
                            crate::tlsa::acronym(crate::tlsa::USAGES, tlsa.usage),
                            owner_text()
                        ),
                    )
                    .with_fix("publish usage 3 (DANE-EE) or 2 (DANE-TA) instead"),
                );
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
            if tlsa.selector == 0 && tlsa.matching_type == 0 {
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
                    &TLSA_BAD_DATA,
                    Some(cx.field_span(r, 3)),
                    format!("TLSA at {}: {why}", owner_text()),
                ));
                continue;
            }
            if !matching::usable(&tlsa, port) {
                continue;
            }
            if seen_rdata.insert(tlsa.clone()) {
                usable.push((r, tlsa));
            }
        }
        // With certificates: what each usable record matches, by the key it names.
        let certs = &cx.opts.certs;
        if !certs.is_empty() {
            let mut keys: HashSet<Vec<u8>> = HashSet::new();
            for (r, tlsa) in &usable {
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
                        .with_fix(
                            "remove it, or pass the certificate or key it is for with --cert",
                        ),
                    ),
                }
            }
            if keys.len() < 2 && !usable.is_empty() {
                out.push(
                    Diagnostic::new(
                        &TLSA_NO_ROLLOVER,
                        Some(first.span()),
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
            out.push(
                Diagnostic::new(
                    &TLSA_NO_ROLLOVER,
                    Some(first.span()),
                    format!(
                        "only one usable TLSA record at {}: no room to roll the key",
                        owner_text()
                    ),
                )
                .with_fix("publish the next key's record too (3 1 1 + 3 1 1), or a 2 1 1 for the issuing CA"),
            );
        }
    }

    fn cname(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        let owner = cx.zone.names.wire(rrset.owner);
        if service_of(owner).is_none() {
            return;
        }
        let r = cx.record(rrset.records[0]);
        let msg = match follow(cx, rrset.owner) {
            ChainEnd::Tlsa | ChainEnd::Outside => return,
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
        let mut without = Vec::new();
        for &i in rrset.records {
            let r = cx.record(i);
            let Some(target) = cx.target(r) else { continue };
            if target == [0] || !cx.in_zone_name(target) {
                continue;
            }
            match host_has_tlsa(cx, target) {
                Some(true) => with += 1,
                Some(false) => without.push((r, target)),
                None => {}
            }
        }
        if with == 0 {
            return;
        }
        for (r, target) in without {
            out.push(
                Diagnostic::new(
                    &TLSA_PARTIAL_MX,
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
                )),
            );
        }
    }
}

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
    }
}
