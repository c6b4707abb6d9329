//! The short report: one plain line per finding and a verdict line per zone, each beginning
//! with the zone and its serial. No colour and no source lines, since it is meant for a log:
//! NSD writes what its zone verifier prints into its own log, one entry per line.
//!
//! ```text
//! example.com serial 2026112503: error[ZW2001] www.example.com. A (line 29): RRSIG A at www.example.com. by key 49600 (ECDSAP256SHA256) does not verify over the 1 record of the RRset
//! example.com serial 2026112503: rejected: 29 records, 1 error, 0 warnings; 12 of 13 RRSIGs verified with 2 DNSKEYs, NSEC chain of 5 names
//! ```

use super::{human, Summary, ZoneReport};
use crate::diag::{escape_controls, Diagnostic};
use crate::zone::{name, rtype, Record, Zone};
use std::io::Write;

/// `example.com serial 2026112501`: the zone without its final dot, as NSD's log names
/// zones, and the serial of its SOA (`example.com (no SOA)` without one).
pub fn zone_label(zone: &Zone) -> String {
    label(zone.origin_text(), zone.serial())
}

/// [`zone_label`] from the origin in presentation form and the serial.
pub fn label(mut origin: String, serial: Option<u32>) -> String {
    if origin.len() > 1 {
        origin.pop();
    }
    match serial {
        Some(s) => format!("{origin} serial {s}"),
        None => format!("{origin} (no SOA)"),
    }
}

/// Writes one zone's findings and, unless `quiet`, its verdict: `accepted` when the findings
/// stay below `--fail-on`, else `rejected`; `note` (what was verified) follows it.
pub fn render_zone(
    out: &mut dyn Write,
    report: &ZoneReport,
    fail: bool,
    note: Option<&str>,
    quiet: bool,
) -> std::io::Result<()> {
    let zone = report.zone;
    let label = zone_label(zone);
    render_findings(out, &label, report)?;
    if quiet {
        return Ok(());
    }
    let mut s = Summary::default();
    s.add(&report.diagnostics);
    let verdict = if fail { "rejected" } else { "accepted" };
    let n = zone.records.len();
    let records = format!("{n} record{}", if n == 1 { "" } else { "s" });
    let note = note.map(|n| format!("; {n}")).unwrap_or_default();
    writeln!(
        out,
        "{label}: {verdict}: {records}, {}{note}",
        human::counts(&s)
    )
}

/// Writes one line per finding under `label`, without a verdict: also for the findings the
/// cross-zone checks raise about a zone, written after every zone's verdict.
pub fn render_findings(
    out: &mut dyn Write,
    label: &str,
    report: &ZoneReport,
) -> std::io::Result<()> {
    let zone = report.zone;
    let starts = RecordStarts::new(zone);
    for d in &report.diagnostics {
        let place = starts.place(zone, d);
        let message = escape_controls(&d.message);
        writeln!(
            out,
            "{label}: {}[{}]{place}: {message}",
            d.severity.as_str(),
            d.rule.code
        )?;
    }
    Ok(())
}

/// Records by file and position, to name the record a finding points at.
struct RecordStarts {
    /// (file, position, index into the zone's records), sorted.
    starts: Vec<(u16, u32, usize)>,
}

impl RecordStarts {
    fn new(zone: &Zone) -> RecordStarts {
        let mut starts: Vec<_> = zone
            .records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.file, r.pos, i))
            .collect();
        starts.sort_unstable();
        RecordStarts { starts }
    }

    /// ` www.example.com. RRSIG (line 30)`, ` (line 12)` for a line that holds no record,
    /// or nothing for a finding about the zone as a whole. A line of an included file
    /// names the file: ` (keys.inc line 3)`.
    fn place(&self, zone: &Zone, d: &Diagnostic) -> String {
        let Some(span) = d.span else {
            return String::new();
        };
        let Some(src) = zone.sources.get(span.file as usize) else {
            return String::new();
        };
        let line = src.line_col(span.start).line;
        let at = if span.file == 0 {
            format!("line {line}")
        } else {
            format!("{} line {line}", escape_controls(&src.display_path()))
        };
        match self.record_at(zone, span.file as u16, span.start, line) {
            Some(r) => {
                let mut owner = String::new();
                name::write_text(zone.owner_wire(r), &mut owner);
                let rtype = rtype::type_to_string(r.rtype);
                format!(" {owner} {rtype} ({at})")
            }
            None => format!(" ({at})"),
        }
    }

    /// The record that starts at or before `pos` on the same line, or whose RDATA starts at
    /// `pos`.
    fn record_at<'z>(
        &self,
        zone: &'z Zone,
        file: u16,
        pos: u32,
        line: usize,
    ) -> Option<&'z Record> {
        let i = self
            .starts
            .partition_point(|&(f, p, _)| (f, p) <= (file, pos));
        let &(f, _, idx) = self.starts.get(i.checked_sub(1)?)?;
        if f != file {
            return None;
        }
        let r = &zone.records[idx];
        let src = zone.sources.get(file as usize)?;
        let same_line = src.line_col(r.pos).line == line;
        (same_line || r.pos == pos || r.rdata_pos == pos).then_some(r)
    }
}
