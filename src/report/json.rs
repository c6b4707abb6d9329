//! The JSON report; its schema is `schemas/report.schema.json`.
//!
//! Keys are written in sorted order, as `serde_json::Value` writes them: the structs below
//! declare their fields in that order, so that a zone's part can be written straight from
//! them, without building a `Value` of every finding (a zone with 100,000 findings would
//! take several hundred megabytes that way), and read the same as the whole report.

use super::{Summary, Unread, ZoneReport};
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a> {
    summary: Summary,
    tool: &'static str,
    /// The zone files that could not be read or checked, each with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unreadable: Vec<Unread>,
    version: u32,
    zones: Vec<JsonZone<'a>>,
}

#[derive(Serialize)]
struct JsonZone<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    file: String,
    origin: String,
    origin_source: &'static str,
    records: usize,
    /// The apex SOA's serial, which tells versions of a zone apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    serial: Option<u32>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    message: &'a str,
    /// Secondary spans: the evidence for the finding, each with what it shows.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
    rule: &'static str,
    /// For a rollover finding that waiting fixes: from when the change is safe.
    #[serde(skip_serializing_if = "Option::is_none")]
    safe_from: Option<String>,
    severity: &'static str,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    column: usize,
    end_column: usize,
    end_line: usize,
    file: &'a str,
    line: usize,
    message: &'a str,
}

fn origin_source_key(s: &crate::zone::OriginSource) -> &'static str {
    use crate::zone::OriginSource::*;
    match s {
        Option => "option",
        Environment => "environment",
        Directive => "directive",
        SoaOwner => "soa-owner",
        FileName => "file-name",
        Unknown => "unknown",
    }
}

pub fn render(reports: &[ZoneReport]) -> String {
    serde_json::to_string_pretty(&value(reports))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// One zone's entry of the `zones` array, written as soon as the zone is checked so that
/// the zone can be dropped; [`render_parts`] puts the parts together.
pub struct ZonePart {
    /// The findings as written in the report, one after another, each but the first after
    /// `,\n`: one buffer rather than a string each, which at 100,000 findings is 100,000
    /// allocations and their headers saved.
    diagnostics: String,
    /// The zone's other keys, as written after its findings (`,\n  "file": ...}`).
    rest: String,
}

impl ZonePart {
    /// Adds findings about the zone found later (the cross-zone checks).
    pub fn extend(&mut self, more: ZonePart) {
        if more.diagnostics.is_empty() {
            return;
        }
        if !self.diagnostics.is_empty() {
            self.diagnostics.push_str(",\n");
        }
        self.diagnostics.push_str(&more.diagnostics);
    }

    fn write(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        if self.diagnostics.is_empty() {
            return write!(out, "    {{\n      \"diagnostics\": []{}", self.rest);
        }
        write!(out, "    {{\n      \"diagnostics\": [\n")?;
        out.write_all(self.diagnostics.as_bytes())?;
        write!(out, "\n      ]{}", self.rest)
    }
}

/// Pretty JSON of `value`, each line after the first indented by `indent` more spaces, and
/// the first too when `first` (JSON strings hold no raw line breaks, so every line is a line
/// of structure).
fn indented<T: Serialize>(value: &T, indent: usize, first: bool) -> String {
    let mut out = String::new();
    indent_into(&mut out, &mut Vec::new(), value, indent, first);
    out
}

/// [`indented`], appended to `out`; `scratch` is reused from one value to the next.
fn indent_into<T: Serialize>(
    out: &mut String,
    scratch: &mut Vec<u8>,
    value: &T,
    indent: usize,
    first: bool,
) {
    scratch.clear();
    if serde_json::to_writer_pretty(&mut *scratch, value).is_err() {
        return;
    }
    // serde_json writes UTF-8 only.
    let text = std::str::from_utf8(scratch).unwrap_or_default();
    if text.is_empty() {
        return;
    }
    out.reserve(text.len() + text.len() / 4);
    if first {
        out.extend(std::iter::repeat_n(' ', indent));
    }
    // Line by line with `memchr`: `str::lines` looks at each byte for a carriage return as
    // well, which serde_json never writes outside a string's escapes.
    let mut rest = text;
    while let Some(k) = memchr::memchr(b'\n', rest.as_bytes()) {
        out.push_str(&rest[..=k]);
        out.extend(std::iter::repeat_n(' ', indent));
        rest = &rest[k + 1..];
    }
    out.push_str(rest);
}

/// A finding as serde_json's pretty writer puts it, indented by eight spaces (its place in
/// the report), appended to `out`: written directly, as serializing it and indenting the
/// result took a third of the JSON report's time. The test
/// `findings_are_written_as_serde_json_writes_them` holds the two to the same bytes.
fn write_diagnostic(out: &mut String, d: &JsonDiagnostic<'_>) {
    const IN: &str = "          ";
    let mut buf = [0u8; 20];
    out.push_str("        {\n");
    let key = |out: &mut String, k: &str, first: bool| {
        if !first {
            out.push_str(",\n");
        }
        out.push_str(IN);
        out.push('"');
        out.push_str(k);
        out.push_str("\": ");
    };
    key(out, "code", true);
    write_str(out, d.code);
    let numbers = [
        ("column", d.column),
        ("end_column", d.end_column),
        ("end_line", d.end_line),
    ];
    for (k, v) in numbers {
        if let Some(v) = v {
            key(out, k, false);
            out.push_str(super::decimal(v, &mut buf));
        }
    }
    if let Some(file) = d.file {
        key(out, "file", false);
        write_str(out, file);
    }
    if let Some(fix) = d.fix {
        key(out, "fix", false);
        write_str(out, fix);
    }
    if let Some(line) = d.line {
        key(out, "line", false);
        out.push_str(super::decimal(line, &mut buf));
    }
    key(out, "message", false);
    write_str(out, d.message);
    if !d.related.is_empty() {
        key(out, "related", false);
        out.push_str("[\n");
        for (i, r) in d.related.iter().enumerate() {
            if i > 0 {
                out.push_str(",\n");
            }
            out.push_str(IN);
            out.push_str("  {\n");
            let fields = [
                ("column", r.column),
                ("end_column", r.end_column),
                ("end_line", r.end_line),
            ];
            for (k, v) in fields {
                out.push_str(IN);
                out.push_str("    \"");
                out.push_str(k);
                out.push_str("\": ");
                out.push_str(super::decimal(v, &mut buf));
                out.push_str(",\n");
            }
            out.push_str(IN);
            out.push_str("    \"file\": ");
            write_str(out, r.file);
            out.push_str(",\n");
            out.push_str(IN);
            out.push_str("    \"line\": ");
            out.push_str(super::decimal(r.line, &mut buf));
            out.push_str(",\n");
            out.push_str(IN);
            out.push_str("    \"message\": ");
            write_str(out, r.message);
            out.push('\n');
            out.push_str(IN);
            out.push_str("  }");
        }
        out.push('\n');
        out.push_str(IN);
        out.push(']');
    }
    key(out, "rule", false);
    write_str(out, d.rule);
    if let Some(t) = &d.safe_from {
        key(out, "safe_from", false);
        write_str(out, t);
    }
    key(out, "severity", false);
    write_str(out, d.severity);
    out.push_str("\n        }");
}

/// A JSON string as serde_json writes it: `"` and `\\` escaped, the C0 controls as `\b`,
/// `\t`, `\n`, `\f`, `\r` or `\u00XX`, everything else as it is.
fn write_str(out: &mut String, s: &str) {
    let escaped = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    out.push('"');
    // Nearly every string has nothing to escape: looked over many bytes at a time.
    if crate::diag::all_bytes(s.as_bytes(), |b| !escaped(b)) {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut rest = s;
    while let Some(k) = rest.bytes().position(escaped) {
        out.push_str(&rest[..k]);
        match rest.as_bytes()[k] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'\r' => out.push_str("\\r"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            c => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[usize::from(c >> 4)] as char);
                out.push(HEX[usize::from(c & 15)] as char);
            }
        }
        rest = &rest[k + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// One zone's part of the report: each finding written as it is made into one buffer, so
/// that no finding's JSON form is kept but as text.
pub fn zone_part(report: &ZoneReport) -> ZonePart {
    let mut diagnostics = String::new();
    let paths = paths(report);
    for d in &report.diagnostics {
        if !diagnostics.is_empty() {
            diagnostics.push_str(",\n");
        }
        write_diagnostic(
            &mut diagnostics,
            &json_diagnostic_near(report, &paths, d, &mut 0),
        );
    }
    diagnostics.shrink_to_fit();
    ZonePart {
        diagnostics,
        rest: zone_rest(report),
    }
}

/// The zone without findings, from the key after `"diagnostics": []` on.
fn zone_rest(report: &ZoneReport) -> String {
    let empty = indented(&zone_head(report), 4, false);
    empty
        .split_once("\"diagnostics\": []")
        .map(|(_, r)| r.to_string())
        .unwrap_or_default()
}

/// The whole report of a run over one zone, as [`render_parts`] writes it, but with each
/// finding written as it is serialized rather than held in a part: for a zone with 100,000
/// findings, 70 MB less at the peak.
pub fn render_one(
    out: &mut dyn std::io::Write,
    summary: &Summary,
    report: &ZoneReport,
) -> std::io::Result<()> {
    head(out, summary, &[])?;
    writeln!(out, "  \"zones\": [")?;
    let rest = zone_rest(report);
    if report.diagnostics.is_empty() {
        write!(out, "    {{\n      \"diagnostics\": []{rest}")?;
    } else {
        write!(out, "    {{\n      \"diagnostics\": [\n")?;
        super::ordered::index_lines(report.zone, &report.diagnostics);
        let paths = paths(report);
        super::ordered::write_in_order(out, &report.diagnostics, |first, run, out| {
            // The run's buffer, empty, written as text (its room kept).
            let mut one = String::from_utf8(std::mem::take(out)).unwrap_or_default();
            let mut near = 0;
            let mut room = crate::diag::WordingRoom::default();
            for (i, d) in run.iter().enumerate() {
                if first + i > 0 {
                    one.push_str(",\n");
                }
                let d = d.worded_in(report.zone, &mut room);
                write_diagnostic(
                    &mut one,
                    &json_diagnostic_near(report, &paths, d, &mut near),
                );
            }
            *out = one.into_bytes();
            Ok(())
        })?;
        write!(out, "\n      ]{rest}")?;
    }
    writeln!(out)?;
    writeln!(out, "  ]")?;
    writeln!(out, "}}")
}

/// The report's keys before its zones; `unreadable` only when some zone could not be read.
fn head(
    out: &mut dyn std::io::Write,
    summary: &Summary,
    unreadable: &[Unread],
) -> std::io::Result<()> {
    writeln!(out, "{{")?;
    writeln!(out, "  \"summary\": {},", indented(summary, 2, false))?;
    writeln!(out, "  \"tool\": {},", serde_json::Value::from(TOOL))?;
    if !unreadable.is_empty() {
        writeln!(
            out,
            "  \"unreadable\": {},",
            indented(&unreadable, 2, false)
        )?;
    }
    writeln!(out, "  \"version\": 1,")
}

/// The whole report from the zones' parts ([`zone_part`]), their summed counts and the
/// zone files that could not be read: the same text as [`render`] gives for the same zones.
pub fn render_parts(
    out: &mut dyn std::io::Write,
    summary: &Summary,
    parts: &[ZonePart],
    unreadable: &[Unread],
) -> std::io::Result<()> {
    head(out, summary, unreadable)?;
    if parts.is_empty() {
        writeln!(out, "  \"zones\": []")?;
    } else {
        writeln!(out, "  \"zones\": [")?;
        for (i, p) in parts.iter().enumerate() {
            p.write(out)?;
            writeln!(out, "{}", if i + 1 < parts.len() { "," } else { "" })?;
        }
        writeln!(out, "  ]")?;
    }
    writeln!(out, "}}")
}

const TOOL: &str = concat!("zonewarden ", env!("CARGO_PKG_VERSION"));

fn zone<'a>(r: &'a ZoneReport, paths: &'a [String]) -> JsonZone<'a> {
    JsonZone {
        diagnostics: r
            .diagnostics
            .iter()
            .map(|d| json_diagnostic_near(r, paths, d, &mut 0))
            .collect(),
        ..zone_head(r)
    }
}

/// A zone's keys but its findings.
fn zone_head<'a>(r: &'a ZoneReport) -> JsonZone<'a> {
    JsonZone {
        file: r.zone.sources[0].display_path(),
        origin: r.zone.origin_text(),
        origin_source: origin_source_key(&r.zone.origin_source),
        serial: r.zone.serial(),
        records: r.zone.records.len(),
        diagnostics: Vec::new(),
    }
}

/// The files of a zone as the report names them: made once for all its findings.
fn paths(r: &ZoneReport) -> Vec<String> {
    r.zone.sources.iter().map(|s| s.display_path()).collect()
}

/// A finding as JSON, its place searched for forward from `near`, the line of the finding
/// placed before it, which it updates: findings come in file order. `paths` names the
/// zone's files ([`paths`]).
fn json_diagnostic_near<'a>(
    r: &ZoneReport,
    paths: &'a [String],
    d: &'a crate::diag::Diagnostic,
    near: &mut usize,
) -> JsonDiagnostic<'a> {
    let loc = d.span.and_then(|span| {
        let (start, end) = r.zone.line_cols_near(span, *near)?;
        *near = start.line;
        Some((paths[span.file as usize].as_str(), start, end))
    });
    let (file, line, column, end_line, end_column) = match loc {
        Some((file, start, end)) => (
            Some(file),
            Some(start.line),
            Some(start.col),
            Some(end.line),
            Some(end.col),
        ),
        None => (None, None, None, None, None),
    };
    JsonDiagnostic {
        code: d.rule.code,
        rule: d.rule.name,
        severity: d.severity.as_str(),
        message: d.message(),
        fix: d.fix(),
        file,
        line,
        column,
        end_line,
        end_column,
        safe_from: d.safe_from().map(crate::time::time_text),
        related: d
            .related()
            .iter()
            .filter_map(|(span, label)| {
                let (start, end) = r.zone.line_cols_near(*span, 0)?;
                Some(JsonRelated {
                    file: paths[span.file as usize].as_str(),
                    line: start.line,
                    column: start.col,
                    end_line: end.line,
                    end_column: end.col,
                    message: label,
                })
            })
            .collect(),
    }
}

/// The report as a JSON value, for reports that embed it (`rollover --format json`).
pub fn value(reports: &[ZoneReport]) -> serde_json::Value {
    let mut summary = Summary::default();
    let paths: Vec<Vec<String>> = reports.iter().map(paths).collect();
    let zones = reports
        .iter()
        .zip(&paths)
        .map(|(r, paths)| {
            summary.add(&r.diagnostics);
            zone(r, paths)
        })
        .collect();
    let report = JsonReport {
        version: 1,
        tool: TOOL,
        unreadable: Vec::new(),
        zones,
        summary,
    };
    serde_json::to_value(&report).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::{read_text, ReadOptions};

    fn zone(text: &str) -> crate::zone::Zone {
        read_text(
            "z.zone".into(),
            text.as_bytes().to_vec(),
            &ReadOptions::default(),
        )
    }

    /// A finding written directly reads exactly as serde_json writes it, indented to its
    /// place: every key present and absent, evidence none, one and several, and text with
    /// every character JSON escapes, and some it does not.
    #[test]
    fn findings_are_written_as_serde_json_writes_them() {
        let mut odd: String = (0u8..0x20).map(char::from).collect();
        odd.push_str("\"\\/\u{7f}é€😀 plain");
        let related = |n: usize| -> Vec<JsonRelated<'_>> {
            (0..n)
                .map(|i| JsonRelated {
                    column: i,
                    end_column: 10 * i + 1,
                    end_line: 1_000_000 + i,
                    file: if i % 2 == 0 { "a.zone" } else { &odd },
                    line: usize::MAX - i,
                    message: if i % 2 == 1 { "evidence" } else { &odd },
                })
                .collect()
        };
        for k in 0..8usize {
            let some = |bit: usize| k & (1 << bit) != 0;
            let d = JsonDiagnostic {
                code: "ZW1001",
                column: some(0).then_some(7),
                end_column: some(1).then_some(0),
                end_line: some(2).then_some(12345),
                file: some(0).then_some(odd.as_str()),
                fix: some(1).then_some("add it \"now\""),
                line: some(2).then_some(99),
                message: if some(0) { &odd } else { "plain" },
                related: related(k % 3),
                rule: "missing-thing",
                safe_from: some(1).then(|| "2027-01-01T00:00:00Z".to_string()),
                severity: "warning",
            };
            let mut direct = String::new();
            write_diagnostic(&mut direct, &d);
            assert_eq!(direct, indented(&d, 8, true), "case {k}");
        }
    }

    /// The parts put together read exactly as the report rendered whole, for no zone, one,
    /// and several with findings.
    #[test]
    fn parts_put_together_equal_the_whole_report() {
        let a = zone(
            "$ORIGIN a.example.\n@ 3600 SOA ns h 1 2 3 4 5\n@ 3600 NS ns\nbad 3600 A 300.1.1.1\n",
        );
        let b = zone("$ORIGIN b.example.\n@ 3600 SOA ns h 1 2 3 4 5\n");
        let mut reports: Vec<ZoneReport> = [&a, &b, &a]
            .into_iter()
            .map(|z| ZoneReport {
                zone: z,
                diagnostics: z.diagnostics.clone(),
            })
            .collect();
        // A finding with every key: a fix, evidence, a time from when it is safe.
        let mut d = crate::diag::Diagnostic::new(
            &crate::rules::structure::MULTIPLE_SOA,
            Some(a.span_of(&a.records[0])),
            "a \"quoted\" message\twith a tab",
        )
        .with_fix("do something");
        d.words_mut()
            .related
            .push((a.span_of(&a.records[1]), "the evidence".into()));
        d.words_mut().safe_from = Some(1_800_000_000);
        reports[2].diagnostics.push(d);
        assert!(!reports[0].diagnostics.is_empty());
        for n in 0..=reports.len() {
            let mut summary = Summary::default();
            let mut parts = Vec::new();
            for r in &reports[..n] {
                summary.add(&r.diagnostics);
                parts.push(zone_part(r));
            }
            let mut out = Vec::new();
            render_parts(&mut out, &summary, &parts, &[]).unwrap();
            let whole = format!("{}\n", render(&reports[..n]));
            assert_eq!(String::from_utf8(out).unwrap(), whole, "{n} zones");
        }
    }
}
