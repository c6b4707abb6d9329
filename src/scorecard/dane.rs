//! The DANE columns: `dane_exists`, `dane_valid` and `dane_rollover`, for every MX host of
//! a mail domain (`checks/tasks/tls/scans.py`, `dane`).

use super::columns::{Domain, Host};
use super::*;
use crate::checks::dane::SmtpTlsa;
use crate::tlsa::matching::{self, Matched};
use crate::tlsa::Tlsa;

impl Domain<'_, '_> {
    /// `dane_exists`, `dane_valid`, `dane_rollover` (`checks/tasks/tls/scans.py`, `dane`).
    pub(super) fn dane(&self) -> (Cell, Cell, Cell) {
        if let Some(c) = self.no_hosts() {
            return (c.clone(), c.clone(), c);
        }
        let mut exists = Cell::pass();
        let (mut valid, mut rollover) = (Cell::pass(), Cell::pass());
        let (mut judged, mut unknown) = (0, 0);
        // ZW3007 stands at the domain's MX records.
        exists.findings = self.run.findings_at(self.z, self.id, &["ZW3007"]);
        for h in &self.hosts {
            let Some(hz) = h.zone else {
                let why = format!("{} is in no zone of this run", h.text);
                exists = exists.and(Cell::new(Verdict::Unknown, why));
                unknown += 1;
                continue;
            };
            let hcx = self.run.zones[hz].cx;
            let at = match crate::checks::dane::smtp_tlsa(hcx, &h.wire) {
                SmtpTlsa::Outside => {
                    let why = format!("_25._tcp.{} is a CNAME out of its zone", h.text);
                    exists = exists.and(Cell::new(Verdict::Unknown, why));
                    unknown += 1;
                    continue;
                }
                SmtpTlsa::Missing => {
                    let why = format!("no TLSA records at _25._tcp.{}", h.text);
                    exists = exists.and(Cell::new(Verdict::Fail, why));
                    continue;
                }
                SmtpTlsa::At(at) => at,
            };
            let records: Vec<Tlsa> = rrs(hcx, at, t::TLSA)
                .filter_map(|r| Tlsa::from_rdata(hcx.zone.rdata(r)))
                .collect();
            exists = exists.and(self.tlsa_exists(hz, at, h, &records));
            valid = valid.and(self.tlsa_valid(hz, at, h, &records));
            rollover = rollover.and(self.tlsa_rollover(hz, at, h, &records));
            judged += 1;
        }
        if judged == 0 {
            let (v, why) = if unknown > 0 {
                (
                    Verdict::Unknown,
                    "no mail host's TLSA records could be read",
                )
            } else {
                (Verdict::Fail, "no mail host has TLSA records")
            };
            valid = Cell::new(v, why);
            rollover = Cell::new(v, why);
        }
        (exists, valid, rollover)
    }

    /// internet.nl ignores PKIX usages (0, 1) for port 25 and wants the TLSA records secure.
    fn tlsa_exists(&self, hz: usize, at: NameId, h: &Host, records: &[Tlsa]) -> Cell {
        let codes = ["ZW3001", "ZW3002", "ZW3003", "ZW3005", "ZW3008", "ZW3010"];
        let findings = self.run.findings_at(hz, at, &codes);
        let dane_usages = records.iter().filter(|r| matches!(r.usage, 2 | 3)).count();
        let mut cell = if dane_usages == 0 {
            Cell::new(
                Verdict::Fail,
                format!(
                    "only PKIX (usage 0 or 1) TLSA records at _25._tcp.{}, which SMTP ignores",
                    h.text
                ),
            )
        } else {
            match self.run.dnssec[hz].verdict {
                Verdict::Pass => Cell::pass(),
                v => Cell::new(
                    v,
                    format!(
                        "the TLSA records of {} are only as secure as its zone, whose DNSSEC is {}",
                        h.text,
                        if v == Verdict::Fail {
                            "not valid"
                        } else {
                            "unknown"
                        }
                    ),
                ),
            }
        };
        cell.findings = findings;
        cell
    }

    /// Offline, "valid" means a DANE record matches a certificate or key given with --cert
    /// (`ldns-dane verify` against the served chain, live).
    fn tlsa_valid(&self, hz: usize, at: NameId, h: &Host, records: &[Tlsa]) -> Cell {
        if !self.run.opts.certs {
            return Cell::new(
                Verdict::Unknown,
                "no --cert given to match the TLSA records against",
            );
        }
        let certs = &self.run.zones[hz].cx.opts.certs;
        let matched = records.iter().filter(|r| matching::usable(r, 25)).any(|r| {
            certs.iter().any(
                |c| matches!(matching::matches(r, c), Some(m) if !matches!(m, Matched::OffPath(_))),
            )
        });
        // ZW3011: a certificate given for this host (by its names) that none of the host's
        // records authenticates fails it, whatever else matches (a staged key, another
        // host's certificate): the server presents that certificate.
        let findings = self.run.findings_at(hz, at, &["ZW3009", "ZW3011"]);
        let unmatched = findings.iter().any(|f| f.code == "ZW3011");
        let mut cell = if unmatched {
            Cell::new(
                Verdict::Fail,
                format!(
                    "no TLSA record at _25._tcp.{} matches the certificate given for it",
                    h.text
                ),
            )
        } else if matched {
            Cell::pass()
        } else {
            Cell::new(
                Verdict::Fail,
                format!(
                    "no TLSA record at _25._tcp.{} matches the certificates and keys given",
                    h.text
                ),
            )
        };
        cell.findings = findings;
        cell
    }

    /// Rollover: two usage-3 records, or a usage-3 and a usage-2 record (`dane`, "Accepted
    /// pairs are 3 x x - 3 x x, 3 x x - 2 x x").
    fn tlsa_rollover(&self, hz: usize, at: NameId, h: &Host, records: &[Tlsa]) -> Cell {
        let three = records.iter().filter(|r| r.usage == 3).count();
        let two = records.iter().filter(|r| r.usage == 2).count();
        let mut cell = if three > 1 || (three > 0 && two > 0) {
            Cell::pass()
        } else {
            Cell::new(
                Verdict::Fail,
                format!("_25._tcp.{} has {three} DANE-EE and {two} DANE-TA records: no room to roll the key", h.text),
            )
        };
        cell.findings = self.run.findings_at(hz, at, &["ZW3006"]);
        cell
    }
}
