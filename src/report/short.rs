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
use crate::source::{count_at_most, SourceFile, Span};
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
/// stay below `--fail-on`, else `rejected`; `note` (what was verified) follows it. With
/// `name_file` (a run over several files, where two may hold the same zone and serial),
/// every line names the zone's file: its findings `(FILE line N)`, its verdict `; file FILE`.
pub fn render_zone(
    out: &mut dyn Write,
    report: &ZoneReport,
    fail: bool,
    note: Option<&str>,
    quiet: bool,
    name_file: bool,
) -> std::io::Result<()> {
    let zone = report.zone;
    let label = zone_label(zone);
    render_findings(out, &label, report, name_file)?;
    if quiet {
        return Ok(());
    }
    let mut s = Summary::default();
    s.add(&report.diagnostics);
    let verdict = if fail { "rejected" } else { "accepted" };
    let n = zone.records.len();
    let records = format!("{n} record{}", if n == 1 { "" } else { "s" });
    let note = note.map(|n| format!("; {n}")).unwrap_or_default();
    let file = match zone.sources.first() {
        Some(src) if name_file => format!("; file {}", escape_controls(&src.display_path())),
        _ => String::new(),
    };
    writeln!(
        out,
        "{label}: {verdict}: {records}, {}{note}{file}",
        human::counts(&s)
    )
}

/// Writes one line per finding under `label`, without a verdict; each names its file when
/// `name_file`, else only a file the zone includes.
pub fn render_findings(
    out: &mut dyn Write,
    label: &str,
    report: &ZoneReport,
    name_file: bool,
) -> std::io::Result<()> {
    let zone = report.zone;
    if report.diagnostics.is_empty() {
        return Ok(());
    }
    // Two passes over the whole zone, each on one core: side by side.
    let (starts, ()) = rayon::join(
        || RecordStarts::new(zone),
        || super::ordered::index_lines(zone, &report.diagnostics),
    );
    super::ordered::write_in_order(out, &report.diagnostics, |_, run, buf| {
        // The line and record of the finding placed before (findings come in file order).
        let mut near = (0, 0);
        let mut room = crate::diag::WordingRoom::default();
        // The owner of the record each finding points at, written over for each.
        let mut owner = String::new();
        for d in run {
            let d = d.worded_in(zone, &mut room);
            write_head(buf, label, d)?;
            starts.place(buf, zone, d, &mut near, name_file, &mut owner)?;
            write_message(buf, d)?;
        }
        Ok(())
    })
}

/// [`render_findings`] for the findings the cross-zone checks raise about a zone, written
/// after every zone's verdict and naming their files: the zone they come with holds no
/// records, so `record_at` names the owner (in presentation form) and type of the record at
/// each finding's span.
pub fn render_cross_findings(
    out: &mut dyn Write,
    label: &str,
    report: &ZoneReport,
    record_at: &dyn Fn(Span) -> Option<(String, u16)>,
) -> std::io::Result<()> {
    for d in &report.diagnostics {
        write_head(out, label, d)?;
        if let Some(span) = d.span {
            if let Some(src) = report.zone.sources.get(span.file as usize) {
                let record = record_at(span);
                let record = record.as_ref().map(|(o, t)| (o.as_str(), *t));
                write_place(out, src, span, src.line_of(span.start), record, true)?;
            }
        }
        write_message(out, d)?;
    }
    Ok(())
}

/// `example.com serial 1: warning[ZW1123]`, written a piece at a time: a zone may have
/// 100,000 findings, and formatting them through `write!` was a tenth of the report.
fn write_head(out: &mut dyn Write, label: &str, d: &Diagnostic) -> std::io::Result<()> {
    out.write_all(label.as_bytes())?;
    out.write_all(b": ")?;
    out.write_all(d.severity.as_str().as_bytes())?;
    out.write_all(b"[")?;
    out.write_all(d.rule.code.as_bytes())?;
    out.write_all(b"]")
}

/// `: MESSAGE` and the line's end, the message's control characters escaped.
fn write_message(out: &mut dyn Write, d: &Diagnostic) -> std::io::Result<()> {
    out.write_all(b": ")?;
    out.write_all(escape_controls(d.message()).as_bytes())?;
    out.write_all(b"\n")
}

/// ` www.example.com. A (line 12)`: the owner and type of the record at `span` when known,
/// then its `line`, in a file named when not the zone's first or when `name_file`.
fn write_place(
    out: &mut dyn Write,
    src: &SourceFile,
    span: Span,
    line: usize,
    record: Option<(&str, u16)>,
    name_file: bool,
) -> std::io::Result<()> {
    if let Some((owner, t)) = record {
        out.write_all(b" ")?;
        out.write_all(owner.as_bytes())?;
        out.write_all(b" ")?;
        match rtype::type_name(t) {
            Some(t) => out.write_all(t.as_bytes())?,
            None => out.write_all(rtype::type_to_string(t).as_bytes())?,
        }
    }
    out.write_all(b" (")?;
    if span.file != 0 || name_file {
        write!(out, "{} ", escape_controls(&src.display_path()))?;
    }
    out.write_all(b"line ")?;
    out.write_all(super::decimal(line, &mut [0; 20]).as_bytes())?;
    out.write_all(b")")
}

/// Records by file and position, to name the record a finding points at.
struct RecordStarts {
    /// (file, position, index into the zone's records), sorted; empty when the zone's
    /// records are in that order already, as the reader usually leaves them.
    starts: Vec<(u32, u32, usize)>,
}

impl RecordStarts {
    fn new(zone: &Zone) -> RecordStarts {
        if zone.records.is_sorted_by_key(|r| zone.text_order(r)) {
            return RecordStarts { starts: Vec::new() };
        }
        let mut starts: Vec<_> = zone
            .records
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let (file, pos) = zone.text_order(r);
                (file, pos, i)
            })
            .collect();
        starts.sort_unstable();
        RecordStarts { starts }
    }

    /// Where the last record at or before `(file, pos)` is in the list searched (the
    /// records, or `starts` when they are not in order), if any: searched forward from
    /// `from` when that lies at or before it ([`count_at_most`]).
    fn last_at_or_before(&self, zone: &Zone, file: u32, pos: u32, from: usize) -> Option<usize> {
        let key = |i: usize| match self.starts.get(i) {
            Some(&(f, p, _)) => (f, p),
            None => zone.text_order(&zone.records[i]),
        };
        let len = if self.starts.is_empty() {
            zone.records.len()
        } else {
            self.starts.len()
        };
        count_at_most(len, Some(from), |i| key(i) <= (file, pos)).checked_sub(1)
    }

    /// ` www.example.com. RRSIG (line 30)`, ` (line 12)` for a line that holds no record,
    /// or nothing for a finding about the zone as a whole. A line of an included file
    /// names the file: ` (keys.inc line 3)`, as does every line with `name_file`. `near` is the line and record of the finding
    /// placed before: this one's are searched for forward from them, and `near` moved. The
    /// owner's name is written into `owner`.
    fn place(
        &self,
        out: &mut dyn Write,
        zone: &Zone,
        d: &Diagnostic,
        near: &mut (usize, usize),
        name_file: bool,
        owner: &mut String,
    ) -> std::io::Result<()> {
        let Some(span) = d.span else {
            return Ok(());
        };
        let Some(src) = zone.sources.get(span.file as usize) else {
            return Ok(());
        };
        let line = src.line_of_near(span.start, near.0);
        let file = span.file;
        let last = self.last_at_or_before(zone, file, span.start, near.1);
        *near = (line, last.unwrap_or(0));
        let record = last
            .and_then(|i| self.record_at(zone, i, file, span.start, line))
            .map(|r| {
                owner.clear();
                name::write_text(zone.owner_wire(r), owner);
                r.rtype
            });
        let record = record.map(|t| (owner.as_str(), t));
        write_place(out, src, span, line, record, name_file)
    }

    /// The record at `i` in the list searched, when it starts at or before `pos` on the
    /// same line (`line`), or its RDATA starts at `pos`.
    fn record_at<'z>(
        &self,
        zone: &'z Zone,
        i: usize,
        file: u32,
        pos: u32,
        line: usize,
    ) -> Option<&'z Record> {
        let r = &zone.records[self.starts.get(i).map_or(i, |s| s.2)];
        if zone.file_of(r) != file {
            return None;
        }
        let src = zone.sources.get(file as usize)?;
        // It starts at or before `pos`: on the line when at or after the line's start.
        let same_line = r.pos as usize >= src.raw_line_range(line).start;
        (same_line || r.pos == pos || zone.rdata_span(r).start == pos).then_some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::{read_text, ReadOptions};

    /// A record searched for forward from any earlier one is the record searched for over
    /// the whole zone, at every offset of the text.
    #[test]
    fn records_searched_forward_are_those_searched_whole() {
        let text = "$ORIGIN example.\n$TTL 300\n@ SOA ns h 1 2 3 4 5\n@ NS ns\n\nns A 192.0.2.1\n \
                    AAAA 2001:db8::1\nwww CNAME ns ; a comment\nmail MX 10 ns\n";
        let zone = read_text(
            "z".into(),
            text.as_bytes().to_vec(),
            &ReadOptions::default(),
        );
        let starts = RecordStarts::new(&zone);
        let n = zone.records.len();
        for pos in 0..=text.len() as u32 {
            let whole = starts.last_at_or_before(&zone, 0, pos, usize::MAX);
            for from in 0..=n + 1 {
                let near = starts.last_at_or_before(&zone, 0, pos, from);
                assert_eq!(near, whole, "at {pos} from {from}");
            }
        }
    }
}
