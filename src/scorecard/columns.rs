//! The verdict of each column for one mail domain. Each function cites the internet.nl code
//! its criterion comes from (internetstandards/Internet.nl); `docs/scorecard.md` says where
//! the offline answer differs from the live test.

use super::*;
use crate::checks::mail::{dmarc, spf};

/// The DNSSEC codes that make a zone bogus or keep it from validating (ZW2000-ZW2499);
/// ZONEMD (ZW25xx) does not bear on validation.
fn is_dnssec_code(code: &str) -> bool {
    code.starts_with("ZW2") && code < "ZW25"
}

/// A zone's own DNSSEC verdict: `checks/tasks/dnssec.py`, `get_domain_results` (secure:
/// pass; insecure or bogus: fail). Signed (DNSKEY at the apex) and without a DNSSEC error
/// is secure only if the parent holds a DS: `--ds` says whether it does.
pub(super) fn zone_dnssec(z: &ZoneRun) -> Cell {
    let cx = z.cx;
    let findings: Vec<Finding> = z
        .diags
        .iter()
        .filter(|d| is_dnssec_code(d.rule.code))
        .map(|d| finding(cx, d))
        .collect();
    let origin = cx.zone.origin_text();
    let signed = rrs(cx, cx.zone.origin_id, t::DNSKEY).next().is_some();
    let mut cell = if !signed {
        Cell::new(
            Verdict::Fail,
            format!("{origin} is not signed (no DNSKEY at its apex)"),
        )
    } else if findings.iter().any(|f| f.severity == Severity::Error) {
        Cell::new(Verdict::Fail, format!("{origin} does not validate"))
    } else {
        match z.ds {
            ParentDs::Present => Cell::pass(),
            ParentDs::Absent => Cell::new(
                Verdict::Fail,
                format!("the --ds file holds no DS for {origin}: insecure at its parent"),
            ),
            ParentDs::NotGiven => Cell::new(
                Verdict::Unknown,
                format!(
                    "{origin} is signed; whether its parent holds a DS is unknown without --ds"
                ),
            ),
        }
    };
    cell.findings = findings;
    cell
}

/// An MX host: its name (lower case) and the zone of the run that holds it.
pub(super) struct Host {
    pub(super) wire: Vec<u8>,
    pub(super) text: String,
    pub(super) zone: Option<usize>,
}

/// The row of mail domain `id` of zone `z`.
pub(super) fn row(run: &Run, z: usize, id: NameId) -> Row {
    let cx = run.zones[z].cx;
    let mut null_mx = false;
    let mut hosts: Vec<Host> = Vec::new();
    for r in rrs(cx, id, t::MX) {
        match cx.target(r) {
            Some([0]) => null_mx = true,
            Some(target) => {
                let wire = name::to_lowercase(target);
                if hosts.iter().all(|h| h.wire != wire) {
                    hosts.push(Host {
                        text: name::to_text(&wire),
                        zone: run.zone_of(&wire),
                        wire,
                    });
                }
            }
            None => {}
        }
    }
    let d = Domain {
        run,
        z,
        cx,
        id,
        wire: name::to_lowercase(cx.zone.names.wire(id)),
        hosts,
        null_mx,
    };
    let (dane_exists, dane_valid, dane_rollover) = d.dane();
    let spf_records = d.spf_records();
    let dmarc = d.dmarc_record();
    let mut cells = vec![
        run.dnssec[z].clone(),
        d.mx_dnssec(),
        dane_exists,
        dane_valid,
        dane_rollover,
        d.spf(&spf_records),
        d.spf_policy(&spf_records),
        d.dmarc(&dmarc),
        d.dmarc_policy(&dmarc),
        d.dkim(&spf_records, &dmarc),
        d.simple("_mta-sts", "v=STSv1", "MTA-STS", "ZW4009"),
        d.simple("_smtp._tls", "v=TLSRPTv1", "TLS-RPT", "ZW4010"),
        d.mx_ipv6(),
        d.ns_ipv6(),
        d.mail_caa(),
    ];
    // A finding of severity error behind a cell fails it, whatever internet.nl would say.
    for c in &mut cells {
        if c.verdict == Verdict::Pass && c.findings.iter().any(|f| f.severity == Severity::Error) {
            c.verdict = Verdict::Fail;
            c.note.get_or_insert_with(|| "an error finding".into());
        }
    }
    Row {
        domain: cx.name_text(id),
        file: cx.zone.sources[0].display_path(),
        cells,
    }
}

/// A DMARC record found for a domain, and whether it came from the organisational domain.
struct DmarcRecord {
    text: String,
    at: String,
    owner: NameId,
    org: bool,
}

/// What `dmarc` found: one record, none, or several at one name.
enum DmarcFound {
    One(DmarcRecord),
    None,
    Many(String, NameId, usize),
}

/// One mail domain being judged: its zone, name and MX hosts.
pub(super) struct Domain<'a, 'r> {
    pub(super) run: &'r Run<'a>,
    pub(super) z: usize,
    pub(super) cx: &'a Cx<'a>,
    pub(super) id: NameId,
    pub(super) wire: Vec<u8>,
    pub(super) hosts: Vec<Host>,
    pub(super) null_mx: bool,
}

impl Domain<'_, '_> {
    fn text(&self) -> String {
        name::to_text(&self.wire)
    }

    /// The cell of an MX column when there are no MX hosts: internet.nl does not test them
    /// (`checks/categories.py`, `result_no_mailservers`, `result_null_mx`).
    pub(super) fn no_hosts(&self) -> Option<Cell> {
        self.hosts.is_empty().then(|| {
            let why = if self.null_mx {
                "null MX"
            } else {
                "no MX records"
            };
            Cell::new(Verdict::Pass, format!("{why}: no mail hosts to test"))
        })
    }

    /// `dnssec_mx_exists` / `dnssec_mx_valid` (`checks/tasks/dnssec.py`, `get_mx_results`):
    /// every MX host's domain is secure.
    fn mx_dnssec(&self) -> Cell {
        if let Some(c) = self.no_hosts() {
            return c;
        }
        let mut cell = Cell::pass();
        let mut zones_seen = Vec::new();
        for h in &self.hosts {
            let part = match h.zone {
                None => Cell::new(
                    Verdict::Unknown,
                    format!("{} is in no zone of this run", h.text),
                ),
                Some(hz) if zones_seen.contains(&hz) => continue,
                Some(hz) => {
                    zones_seen.push(hz);
                    let mut c = self.run.dnssec[hz].clone();
                    if hz == self.z {
                        c.findings.clear(); // shown under dnssec already
                    }
                    if c.verdict != Verdict::Pass {
                        c.note = c.note.map(|n| format!("mail host {}: {n}", h.text));
                    }
                    c
                }
            };
            cell = cell.and(part);
        }
        cell
    }

    fn spf_records(&self) -> Vec<String> {
        rrs(self.cx, self.id, t::TXT)
            .map(|r| crate::checks::mail::txt_text(self.cx.zone.rdata(r)))
            .filter(|s| spf::is_spf(s))
            .collect()
    }

    /// `spf` (`checks/tasks/mail.py`, `do_spf`): one SPF record.
    fn spf(&self, records: &[String]) -> Cell {
        let mut cell = match records.len() {
            1 => Cell::pass(),
            0 => Cell::new(Verdict::Fail, format!("no SPF record at {}", self.text())),
            n => Cell::new(Verdict::Fail, format!("{n} SPF records at {}", self.text())),
        };
        cell.findings = self.run.findings_at(self.z, self.id, &["ZW4001"]);
        cell
    }

    /// `spf_policy` (`checks/tasks/mail.py`, `spf_check_policy`).
    fn spf_policy(&self, records: &[String]) -> Cell {
        let [text] = records else {
            return Cell::new(Verdict::Fail, "no single SPF record to judge");
        };
        let mut cell = match spf::policy(self.cx, text) {
            Ok(()) => Cell::pass(),
            Err(spf::SpfFault::Syntax(e)) => Cell::new(Verdict::Fail, format!("SPF syntax: {e}")),
            Err(spf::SpfFault::WeakAll(w)) => Cell::new(
                Verdict::Fail,
                format!("SPF ends in {w}: it must end in -all or ~all"),
            ),
            Err(spf::SpfFault::TooManyLookups) => {
                Cell::new(Verdict::Fail, "SPF needs more than 10 DNS lookups")
            }
            Err(spf::SpfFault::BadTarget(e)) => Cell::new(Verdict::Fail, e),
            Err(spf::SpfFault::Outside(d)) => Cell::new(
                Verdict::Unknown,
                format!("SPF includes or redirects to {d}, outside the zone"),
            ),
        };
        cell.findings = self
            .run
            .findings_at(self.z, self.id, &["ZW4002", "ZW4003", "ZW4004"]);
        cell
    }

    /// `_dmarc.DOMAIN`, else (`do_dmarc`) the organisational domain's, which offline is the
    /// zone's apex: zonewarden has no public suffix list.
    fn dmarc_record(&self) -> DmarcFound {
        let cx = self.cx;
        let look = |domain: &[u8], org: bool| -> Option<DmarcFound> {
            let owner = child(cx, b"_dmarc", domain)?;
            let found = txts_with(cx, Some(owner), "v=DMARC1");
            let at = name::to_text(cx.zone.names.wire(owner));
            match found.len() {
                0 => None,
                1 => Some(DmarcFound::One(DmarcRecord {
                    text: found[0].clone(),
                    at,
                    owner,
                    org,
                })),
                n => Some(DmarcFound::Many(at, owner, n)),
            }
        };
        if let Some(f) = look(&self.wire, false) {
            return f;
        }
        let apex = name::to_lowercase(&cx.zone.origin);
        if apex != self.wire {
            if let Some(f) = look(&apex, true) {
                return f;
            }
        }
        DmarcFound::None
    }

    /// `dmarc` (`do_dmarc`, `_dmarc_dns_lookup`): exactly one DMARC record.
    fn dmarc(&self, found: &DmarcFound) -> Cell {
        match found {
            DmarcFound::One(r) => {
                let mut c = Cell::pass();
                if r.org {
                    c.note = Some(format!("from the organisational domain, at {}", r.at));
                }
                c
            }
            DmarcFound::None => Cell::new(
                Verdict::Fail,
                format!("no DMARC record at _dmarc.{}", self.text()),
            ),
            DmarcFound::Many(at, owner, n) => {
                let mut c = Cell::new(Verdict::Fail, format!("{n} DMARC records at {at}"));
                c.findings = self.run.findings_at(self.z, *owner, &["ZW4005"]);
                c
            }
        }
    }

    /// `dmarc_policy` (`dmarc_verify_sufficient_policy`): the applied policy (`sp=` for the
    /// organisational domain when present, else `p=`) is quarantine or reject, and `t=y`
    /// lowers quarantine one level.
    fn dmarc_policy(&self, found: &DmarcFound) -> Cell {
        let DmarcFound::One(r) = found else {
            return Cell::new(Verdict::Fail, "no single DMARC record to judge");
        };
        let mut cell = match dmarc::policy(&r.text) {
            Err(e) => Cell::new(Verdict::Fail, format!("DMARC record at {}: {e}", r.at)),
            Ok(p) => {
                let (tag, value) = match (&p.sp, r.org) {
                    (Some(sp), true) => ("sp", sp.as_str()),
                    _ => ("p", p.p.as_str()),
                };
                let test_mode = p.t.as_deref() == Some("y");
                if value == "none" {
                    Cell::new(
                        Verdict::Fail,
                        format!("{tag}=none: receivers apply no policy"),
                    )
                } else if test_mode && value == "quarantine" {
                    Cell::new(
                        Verdict::Fail,
                        format!("{tag}=quarantine in test mode (t=y) is applied as none"),
                    )
                } else {
                    Cell::pass()
                }
            }
        };
        cell.findings = self.run.findings_at(self.z, r.owner, &["ZW4005"]);
        cell
    }

    /// `dkim` (`do_dkim`): `_domainkey.DOMAIN` exists; skipped (`callback`,
    /// `skip_dkim_for_non_sending_domain`) for a domain that declares it sends no mail.
    fn dkim(&self, spf_records: &[String], dmarc: &DmarcFound) -> Cell {
        let cx = self.cx;
        let Some(dk) = child(cx, b"_domainkey", &self.wire) else {
            if non_sending(cx, spf_records, dmarc) {
                return Cell::new(
                    Verdict::Pass,
                    "no DKIM, and none needed: SPF -all and DMARC p=reject say it sends no mail",
                );
            }
            return Cell::new(
                Verdict::Fail,
                format!("no DKIM keys under _domainkey.{}", self.text()),
            );
        };
        let dk_wire = cx.zone.names.wire(dk).to_vec();
        let mut cell = Cell::pass();
        let mut owners: Vec<NameId> = self.run.by_owner[self.z]
            .keys()
            .copied()
            .filter(|&o| name::is_subdomain(cx.zone.names.wire(o), &dk_wire))
            .collect();
        owners.sort_unstable();
        for o in owners {
            let codes = ["ZW4006", "ZW4007", "ZW4008"];
            cell.findings
                .extend(self.run.findings_at(self.z, o, &codes));
        }
        cell
    }

    /// MTA-STS (`_mta-sts`, RFC 8461 §3.1) and TLS-RPT (`_smtp._tls`, RFC 8460 §3), which
    /// internet.nl does not test: one record of the kind, without an error finding.
    fn simple(&self, under: &str, prefix: &str, what: &str, code: &str) -> Cell {
        let cx = self.cx;
        let mut owner = self.wire.clone();
        for label in under.rsplit('.') {
            owner = match child(cx, label.as_bytes(), &owner) {
                Some(id) => cx.zone.names.wire(id).to_vec(),
                None => {
                    return Cell::new(
                        Verdict::Fail,
                        format!("no {what} record at {under}.{}", self.text()),
                    );
                }
            };
        }
        let id = cx.zone.names.find(&owner);
        let found = txts_with(cx, id, prefix);
        let mut cell = match found.len() {
            1 => Cell::pass(),
            0 => Cell::new(
                Verdict::Fail,
                format!("no {what} record at {under}.{}", self.text()),
            ),
            n => Cell::new(
                Verdict::Fail,
                format!("{n} {what} records at {under}.{}", self.text()),
            ),
        };
        if let Some(id) = id {
            cell.findings = self.run.findings_at(self.z, id, &[code]);
        }
        cell
    }

    /// `mx_aaaa` (`checks/tasks/ipv6.py`, `callback`): every MX host has an AAAA record.
    fn mx_ipv6(&self) -> Cell {
        if let Some(c) = self.no_hosts() {
            return c;
        }
        let mut cell = Cell::pass();
        cell.findings = self
            .run
            .findings_of(self.z, self.id, Some(t::MX), &["ZW1123"]);
        for h in &self.hosts {
            cell = cell.and(match self.has_aaaa(&h.wire) {
                Some(true) => Cell::pass(),
                Some(false) => Cell::new(
                    Verdict::Fail,
                    format!("mail host {} has no AAAA record", h.text),
                ),
                None => Cell::new(
                    Verdict::Unknown,
                    format!("{} is in no zone of this run", h.text),
                ),
            });
        }
        cell
    }

    /// Whether a name has AAAA records in the zone of the run that holds it.
    fn has_aaaa(&self, wire: &[u8]) -> Option<bool> {
        let hz = self.run.zone_of(wire)?;
        let hcx = self.run.zones[hz].cx;
        Some(
            hcx.zone
                .names
                .find(wire)
                .is_some_and(|id| rrs(hcx, id, t::AAAA).next().is_some()),
        )
    }

    /// `ns_aaaa` (`checks/tasks/ipv6.py`, `callback`): at least two name servers of the
    /// domain have an AAAA record.
    fn ns_ipv6(&self) -> Cell {
        let cx = self.cx;
        let (mut with, mut unknown, mut total) = (0, 0, 0);
        for r in rrs(cx, cx.zone.origin_id, t::NS) {
            let Some(target) = cx.target(r) else { continue };
            total += 1;
            match self.has_aaaa(&name::to_lowercase(target)) {
                Some(true) => with += 1,
                Some(false) => {}
                None => unknown += 1,
            }
        }
        let apex = cx.zone.origin_id;
        let mut cell = if with >= 2 {
            Cell::pass()
        } else if with + unknown >= 2 {
            Cell::new(
                Verdict::Unknown,
                format!("{with} of {total} name servers have AAAA; {unknown} are in no zone of this run"),
            )
        } else {
            Cell::new(
                Verdict::Fail,
                format!("{with} of {total} name servers have AAAA; two are needed"),
            )
        };
        cell.findings = self.run.findings_of(self.z, apex, Some(t::NS), &["ZW1123"]);
        cell
    }

    /// `mail_caa` (`checks/caa/retrieval.py`, `CAAEvaluation`): for each MX host, the CAA
    /// RRset found climbing from the host towards the root holds an `issue` property and no
    /// error.
    fn mail_caa(&self) -> Cell {
        if let Some(c) = self.no_hosts() {
            return c;
        }
        let mut cell = Cell::pass();
        for h in &self.hosts {
            cell = cell.and(self.host_caa(h));
        }
        cell
    }

    fn host_caa(&self, h: &Host) -> Cell {
        if h.zone.is_none() {
            return Cell::new(
                Verdict::Unknown,
                format!("{} is in no zone of this run", h.text),
            );
        }
        let mut w: &[u8] = &h.wire;
        loop {
            let Some(z) = self.run.zone_of(w) else {
                return Cell::new(
                    Verdict::Fail,
                    format!(
                        "no CAA records at {} or above it in the zones of this run",
                        h.text
                    ),
                );
            };
            let cx = self.run.zones[z].cx;
            if let Some(id) = cx.zone.names.find(w) {
                let caa: Vec<&Record> = rrs(cx, id, t::CAA).collect();
                if !caa.is_empty() {
                    let issue = caa.iter().any(|r| {
                        let d = cx.zone.rdata(r);
                        d.len() >= 2
                            && d.get(2..2 + d[1] as usize)
                                .is_some_and(|tag| tag.eq_ignore_ascii_case(b"issue"))
                    });
                    let mut c = if issue {
                        Cell::pass()
                    } else {
                        Cell::new(
                            Verdict::Fail,
                            format!(
                                "the CAA records at {} have no issue property",
                                cx.name_text(id)
                            ),
                        )
                    };
                    c.findings = self.run.findings_at(z, id, &["ZW4012"]);
                    return c;
                }
            }
            match name::parent(w) {
                Some(p) => w = p,
                None => {
                    return Cell::new(
                        Verdict::Fail,
                        format!("no CAA records at {} or above it", h.text),
                    );
                }
            }
        }
    }
}

/// internet.nl's non-sending domain (`checks/__init__.py`): SPF `v=spf1 -all` (an `exp=`
/// aside) with a valid policy, and DMARC `p=reject` (for the organisational domain's record,
/// `sp=reject`, or `p=reject` with no `sp=`).
fn non_sending(cx: &Cx, spf_records: &[String], dmarc: &DmarcFound) -> bool {
    let DmarcFound::One(r) = dmarc else {
        return false;
    };
    let spf_ok = match spf_records {
        [one] => spf::policy(cx, one).is_ok() && spf_denies_all(one),
        _ => false,
    };
    let dmarc_ok = if r.org {
        dmarc_rejects_org(&r.text)
    } else {
        dmarc_rejects(&r.text)
    };
    spf_ok && dmarc_ok && dmarc::policy(&r.text).is_ok()
}

/// `^v=spf1\ +(?:exp=[^ ]+\ +)?-all;?(?:\ +exp=[^ ]+)?$`
pub(super) fn spf_denies_all(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("v=spf1 ") else {
        return false;
    };
    let terms: Vec<&str> = rest.split(' ').filter(|t| !t.is_empty()).collect();
    let is_exp = |t: &str| t.strip_prefix("exp=").is_some_and(|v| !v.is_empty());
    match terms.as_slice() {
        [all] => matches!(*all, "-all" | "-all;"),
        [a, b] => {
            (is_exp(a) && matches!(*b, "-all" | "-all;"))
                || (matches!(*a, "-all" | "-all;") && is_exp(b))
        }
        _ => false,
    }
}

/// `^v=DMARC1;\ *p=reject;?`
pub(super) fn dmarc_rejects(text: &str) -> bool {
    text.strip_prefix("v=DMARC1;")
        .is_some_and(|r| r.trim_start_matches(' ').starts_with("p=reject"))
}

/// `v=DMARC1;(?:.*sp=reject|\ *p=reject(?!.*sp=))`
pub(super) fn dmarc_rejects_org(text: &str) -> bool {
    let Some(i) = text.find("v=DMARC1;") else {
        return false;
    };
    let r = &text[i + "v=DMARC1;".len()..];
    if r.contains("sp=reject") {
        return true;
    }
    let r = r.trim_start_matches(' ');
    r.starts_with("p=reject") && !r["p=reject".len()..].contains("sp=")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_sending_patterns() {
        assert!(spf_denies_all("v=spf1 -all"));
        assert!(spf_denies_all("v=spf1  exp=explain.example -all"));
        assert!(spf_denies_all("v=spf1 -all exp=x.example"));
        assert!(!spf_denies_all("v=spf1 ~all"));
        assert!(!spf_denies_all("v=spf1 mx -all"));
        assert!(dmarc_rejects(
            "v=DMARC1; p=reject; rua=mailto:d@example.com"
        ));
        assert!(!dmarc_rejects("v=DMARC1; p=quarantine"));
        assert!(dmarc_rejects_org("v=DMARC1; p=none; sp=reject"));
        assert!(dmarc_rejects_org("v=DMARC1; p=reject"));
        assert!(!dmarc_rejects_org("v=DMARC1; p=reject; sp=none"));
    }
}
