//! The mail-standards scorecard (`zonewarden scorecard`): for every mail domain of a run of
//! zones, one verdict per standard that internet.nl's mail test checks, decided from the
//! zone data and the findings `lint` already made. internet.nl's criteria
//! (internetstandards/Internet.nl, `checks/categories.py`, `checks/tasks/mail.py`) are the
//! reference; `docs/scorecard.md` maps each column to its subtest and says where the offline
//! answer differs.
//!
//! A mail domain is an authoritative name of a zone (its apex or a name inside it) with MX
//! records, an SPF record, or a DMARC record at `_dmarc` below it. The zones of the run are
//! looked at together: an MX host in another zone of the run is judged by that zone's data,
//! one in a zone not in the run is `unknown`.

mod columns;
mod dane;

use crate::diag::{Diagnostic, Severity};
use crate::index::{flags, Cx};
use crate::zone::name::{self, NameId};
use crate::zone::rtype::t;
use crate::zone::Record;
use std::collections::HashMap;

/// The columns, in their order; the ids are the interface (`--require`, JSON keys).
pub const COLUMNS: [&str; 15] = [
    "dnssec",
    "mx_dnssec",
    "dane_exists",
    "dane_valid",
    "dane_rollover",
    "spf",
    "spf_policy",
    "dmarc",
    "dmarc_policy",
    "dkim",
    "mta_sts",
    "tls_rpt",
    "mx_ipv6",
    "ns_ipv6",
    "mail_caa",
];

/// Column indices, by name.
pub mod col {
    pub const DNSSEC: usize = 0;
    pub const MX_DNSSEC: usize = 1;
    pub const DANE_EXISTS: usize = 2;
    pub const DANE_VALID: usize = 3;
    pub const DANE_ROLLOVER: usize = 4;
    pub const SPF: usize = 5;
    pub const SPF_POLICY: usize = 6;
    pub const DMARC: usize = 7;
    pub const DMARC_POLICY: usize = 8;
    pub const DKIM: usize = 9;
    pub const MTA_STS: usize = 10;
    pub const TLS_RPT: usize = 11;
    pub const MX_IPV6: usize = 12;
    pub const NS_IPV6: usize = 13;
    pub const MAIL_CAA: usize = 14;
}

/// One cell's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
    /// The zone data cannot decide it (an MX host in a zone not in the run, a DANE match
    /// without certificates, the parent's DS not given).
    Unknown,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Unknown => "unknown",
        }
    }

    /// The worse of two: a failure wins over unknown, unknown over a pass.
    fn and(self, other: Verdict) -> Verdict {
        match (self, other) {
            (Verdict::Fail, _) | (_, Verdict::Fail) => Verdict::Fail,
            (Verdict::Unknown, _) | (_, Verdict::Unknown) => Verdict::Unknown,
            _ => Verdict::Pass,
        }
    }
}

/// A finding behind a cell, as the report shows it.
#[derive(Clone, Debug)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    /// `file:line:col`, or the file alone for a finding without a position.
    pub at: String,
    pub message: String,
}

/// One cell: the verdict, why (a note), and the findings behind it.
#[derive(Clone, Debug)]
pub struct Cell {
    pub verdict: Verdict,
    /// Why it is not a pass, or what a pass rests on when that is not obvious.
    pub note: Option<String>,
    pub findings: Vec<Finding>,
}

impl Cell {
    fn pass() -> Cell {
        Cell {
            verdict: Verdict::Pass,
            note: None,
            findings: Vec::new(),
        }
    }

    fn new(verdict: Verdict, note: impl Into<String>) -> Cell {
        Cell {
            verdict,
            note: Some(note.into()),
            findings: Vec::new(),
        }
    }

    /// Combines a part (one MX host, say) into this cell: the worse verdict, the notes joined.
    fn and(mut self, other: Cell) -> Cell {
        self.verdict = self.verdict.and(other.verdict);
        self.note = match (self.note.take(), other.note) {
            (Some(a), Some(b)) => Some(format!("{a}; {b}")),
            (a, b) => a.or(b),
        };
        self.findings.extend(other.findings);
        self
    }

    /// The finding codes behind the cell, sorted, each once.
    pub fn codes(&self) -> Vec<&'static str> {
        let mut c: Vec<_> = self.findings.iter().map(|f| f.code).collect();
        c.sort_unstable();
        c.dedup();
        c
    }
}

/// One mail domain's row.
#[derive(Clone, Debug)]
pub struct Row {
    /// Absolute, with the final dot.
    pub domain: String,
    /// The zone file it comes from.
    pub file: String,
    pub cells: Vec<Cell>,
}

/// What the run knows of the parent's DS for a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParentDs {
    /// No `--ds` file: whether the parent has a DS is unknown.
    NotGiven,
    /// The `--ds` file holds DS records for the zone.
    Present,
    /// The `--ds` file holds none for it: the zone is insecure at its parent.
    Absent,
}

/// One zone of the run: its index, its findings after configuration, and its parent's DS.
pub struct ZoneRun<'a> {
    pub cx: &'a Cx<'a>,
    pub diags: &'a [Diagnostic],
    pub ds: ParentDs,
}

/// Whether certificates were given (`--cert`): without them `dane_valid` is unknown.
pub struct Options {
    pub certs: bool,
}

/// The zones of a run, found by name, with what each cell needs precomputed per zone.
struct Run<'a> {
    zones: &'a [ZoneRun<'a>],
    by_origin: HashMap<Vec<u8>, usize>,
    /// Each zone's own DNSSEC verdict (the `dnssec` cell of its apex).
    dnssec: Vec<Cell>,
    /// Each zone's findings that cells show, by the owner of the record they point into
    /// (with that record's type).
    by_owner: Vec<HashMap<NameId, Vec<(usize, u16)>>>,
    opts: &'a Options,
}

impl<'a> Run<'a> {
    /// The zone of the run that is authoritative for `wire` (lower case), and the name's id
    /// there if it has one; `None` when no zone of the run holds it (or it lies below a
    /// delegation to a zone not in the run).
    fn zone_of(&self, wire: &[u8]) -> Option<usize> {
        let mut w = wire;
        loop {
            if let Some(&z) = self.by_origin.get(w) {
                let cx = self.zones[z].cx;
                return cx.enclosing_cut(wire).is_none().then_some(z);
            }
            w = name::parent(w)?;
        }
    }

    /// The findings of zone `z` at `owner` with one of `codes`.
    fn findings_at(&self, z: usize, owner: NameId, codes: &[&str]) -> Vec<Finding> {
        self.findings_of(z, owner, None, codes)
    }

    /// The findings of zone `z` in records of `owner` (of type `rtype`, when given) with one
    /// of `codes`.
    fn findings_of(
        &self,
        z: usize,
        owner: NameId,
        rtype: Option<u16>,
        codes: &[&str],
    ) -> Vec<Finding> {
        let Some(ids) = self.by_owner[z].get(&owner) else {
            return Vec::new();
        };
        ids.iter()
            .filter(|&&(_, ty)| rtype.is_none_or(|want| want == ty))
            .map(|&(i, _)| &self.zones[z].diags[i])
            .filter(|d| codes.contains(&d.rule.code))
            .map(|d| finding(self.zones[z].cx, d))
            .collect()
    }
}

fn finding(cx: &Cx, d: &Diagnostic) -> Finding {
    let at = match cx.zone.locate(d) {
        Some(l) => format!("{}:{}:{}", l.file, l.start.line, l.start.col),
        None => cx.zone.sources[0].display_path(),
    };
    Finding {
        code: d.rule.code,
        severity: d.severity,
        at,
        message: d.message().to_string(),
    }
}

/// The records of `id` of one type.
fn rrs<'z>(cx: &'z Cx, id: NameId, rtype: u16) -> impl Iterator<Item = &'z Record> + 'z {
    cx.records_of(id)
        .iter()
        .map(|&i| cx.record(i))
        .filter(move |r| r.rtype == rtype)
}

/// The id of `label.parent` (lower case) in the zone, if it is a name there.
fn child(cx: &Cx, label: &[u8], parent: &[u8]) -> Option<NameId> {
    let mut w = Vec::with_capacity(parent.len() + label.len() + 1);
    w.push(label.len() as u8);
    w.extend_from_slice(label);
    w.extend_from_slice(parent);
    cx.zone.names.find(&name::to_lowercase(&w))
}

/// The TXT texts at `id` that start with `prefix` (ASCII case ignored).
fn txts_with(cx: &Cx, id: Option<NameId>, prefix: &str) -> Vec<String> {
    let Some(id) = id else { return Vec::new() };
    rrs(cx, id, t::TXT)
        .map(|r| crate::checks::mail::txt_text(cx.zone.rdata(r)))
        .filter(|s| {
            s.len() >= prefix.len()
                && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
        })
        .collect()
}

/// The mail domains of a zone: authoritative names with MX, SPF or a `_dmarc` record below.
fn mail_domains(cx: &Cx) -> Vec<NameId> {
    let mut out = Vec::new();
    for (id, wire) in cx.zone.names.iter() {
        // A wildcard is no domain a test could name; delegations belong to their child.
        if !cx.is_authoritative(id) || cx.has(id, flags::CUT) || name::is_wildcard(wire) {
            continue;
        }
        let has_mx = rrs(cx, id, t::MX).next().is_some();
        let has_spf = || {
            rrs(cx, id, t::TXT).any(|r| {
                crate::checks::mail::spf::is_spf(&crate::checks::mail::txt_text(cx.zone.rdata(r)))
            })
        };
        let has_dmarc = || !txts_with(cx, child(cx, b"_dmarc", wire), "v=DMARC1").is_empty();
        let underscore = name::labels(wire)
            .next()
            .is_some_and(|l| l.first() == Some(&b'_'));
        if !underscore && (has_mx || has_spf() || has_dmarc()) {
            out.push(id);
        }
    }
    out
}

/// Each finding a cell may show (DANE and mail policy, ZW3xxx and ZW4xxx, and ZW1123, a
/// host without AAAA), by the owner and type of the record it points into.
fn findings_by_owner(cx: &Cx, diags: &[Diagnostic]) -> HashMap<NameId, Vec<(usize, u16)>> {
    let mut out: HashMap<NameId, Vec<(usize, u16)>> = HashMap::new();
    let wanted: Vec<usize> = (0..diags.len())
        .filter(|&i| {
            let c = diags[i].rule.code;
            c.starts_with("ZW3") || c.starts_with("ZW4") || c == "ZW1123"
        })
        .filter(|&i| diags[i].span.is_some())
        .collect();
    if wanted.is_empty() {
        return out;
    }
    let mut starts: Vec<(u32, u32, NameId, u16)> = cx
        .zone
        .records
        .iter()
        .map(|r| {
            let (file, pos) = cx.zone.text_order(r);
            (file, pos, r.owner, r.rtype)
        })
        .collect();
    starts.sort_unstable();
    for i in wanted {
        let Some(span) = diags[i].span else { continue };
        let key = (span.file, span.start);
        let at = starts.partition_point(|&(f, p, _, _)| (f, p) <= key);
        if let Some(&(f, _, owner, rtype)) = at.checked_sub(1).map(|k| &starts[k]) {
            if f == span.file {
                out.entry(owner).or_default().push((i, rtype));
            }
        }
    }
    out
}

/// The scorecard of a run of zones: one row per mail domain, in the order of the zones and,
/// within a zone, of its names.
pub fn build(zones: &[ZoneRun], opts: &Options) -> Vec<Row> {
    use rayon::prelude::*;
    let by_origin = zones
        .iter()
        .enumerate()
        .map(|(i, z)| (name::to_lowercase(&z.cx.zone.origin), i))
        .collect();
    let dnssec = zones.par_iter().map(columns::zone_dnssec).collect();
    let by_owner = zones
        .par_iter()
        .map(|z| findings_by_owner(z.cx, z.diags))
        .collect();
    let run = Run {
        zones,
        by_origin,
        dnssec,
        by_owner,
        opts,
    };
    let per_zone: Vec<Vec<Row>> = (0..zones.len())
        .into_par_iter()
        .map(|z| {
            let cx = zones[z].cx;
            mail_domains(cx)
                .into_iter()
                .map(|id| columns::row(&run, z, id))
                .collect()
        })
        .collect();
    per_zone.into_iter().flatten().collect()
}

/// Whether a row passes: every decidable cell of the `required` columns (indices) passes.
pub fn row_passes(row: &Row, required: &[usize]) -> bool {
    required
        .iter()
        .all(|&c| row.cells[c].verdict != Verdict::Fail)
}
