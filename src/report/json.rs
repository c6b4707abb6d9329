//! The JSON report; its schema is `schemas/report.schema.json`.

use super::{Summary, ZoneReport};
use serde::ser::Serializer;
use serde::Serialize;
use std::io::Write;

// The report is serialized straight from the findings, a zone and a finding at a time, with
// each object's keys in alphabetical order: the order it had when it was built as a
// `serde_json::Value` first (whose maps are sorted), which doubled its memory.

#[derive(Serialize)]
struct JsonReport<'a> {
    summary: JsonSummary,
    tool: &'static str,
    version: u32,
    zones: Zones<'a>,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    infos: usize,
    warnings: usize,
}

/// The zones, serialized as they are reached.
struct Zones<'a>(&'a [ZoneReport<'a>]);

impl Serialize for Zones<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|r| {
            let paths: Vec<String> = r.zone.sources.iter().map(|s| s.display_path()).collect();
            JsonZone {
                diagnostics: Diagnostics { report: r, paths },
                file: r.zone.sources[0].display_path(),
                origin: r.zone.origin_text(),
                origin_source: origin_source_key(&r.zone.origin_source),
                records: r.zone.records.len(),
                serial: r.zone.serial(),
            }
        }))
    }
}

#[derive(Serialize)]
struct JsonZone<'a> {
    diagnostics: Diagnostics<'a>,
    file: String,
    origin: String,
    origin_source: &'static str,
    records: usize,
    /// The apex SOA's serial, which tells versions of a zone apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    serial: Option<u32>,
}

/// One zone's findings, each made into its JSON form as it is written.
struct Diagnostics<'a> {
    report: &'a ZoneReport<'a>,
    /// The zone's source paths, by file id.
    paths: Vec<String>,
}

impl Serialize for Diagnostics<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let zone = self.report.zone;
        let place = |span: crate::source::Span| {
            let src = zone.sources.get(span.file as usize)?;
            Some((
                self.paths[span.file as usize].as_str(),
                src.line_col(span.start),
                src.line_col(span.end),
            ))
        };
        s.collect_seq(self.report.diagnostics.iter().map(|d| {
            let loc = d.span.and_then(place);
            JsonDiagnostic {
                code: d.rule.code,
                column: loc.map(|l| l.1.col),
                end_column: loc.map(|l| l.2.col),
                end_line: loc.map(|l| l.2.line),
                file: loc.map(|l| l.0),
                fix: d.fix.as_deref(),
                line: loc.map(|l| l.1.line),
                message: &d.message,
                related: d
                    .related
                    .iter()
                    .filter_map(|(span, label)| {
                        let (file, start, end) = place(*span)?;
                        Some(JsonRelated {
                            column: start.col,
                            end_column: end.col,
                            end_line: end.line,
                            file,
                            line: start.line,
                            message: label,
                        })
                    })
                    .collect(),
                rule: d.rule.name,
                safe_from: d.safe_from.map(crate::time::time_text),
                severity: d.severity.as_str(),
            }
        }))
    }
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

fn report<'a>(reports: &'a [ZoneReport<'a>]) -> JsonReport<'a> {
    let mut summary = Summary::default();
    for r in reports {
        summary.add(&r.diagnostics);
    }
    JsonReport {
        summary: JsonSummary {
            errors: summary.errors,
            infos: summary.infos,
            warnings: summary.warnings,
        },
        tool: concat!("zonewarden ", env!("CARGO_PKG_VERSION")),
        version: 1,
        zones: Zones(reports),
    }
}

/// The report, pretty-printed without a final newline, as something to format: it is
/// serialized as it is written (`writeln!(out, "{}", render(reports))`), never held whole
/// in memory (the report of 100,000 findings is about 50 MB of text); `to_string()` gives
/// it as a string.
pub fn render<'a>(reports: &'a [ZoneReport<'a>]) -> Rendered<'a> {
    Rendered(reports)
}

/// The JSON report of some zones, written as it is formatted: see [`render`].
pub struct Rendered<'a>(&'a [ZoneReport<'a>]);

impl std::fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut w = FmtWriter {
            f,
            pending: Vec::new(),
        };
        serde_json::to_writer_pretty(&mut w, &report(self.0)).map_err(|_| std::fmt::Error)?;
        // serde_json writes whole characters; anything left over is not text.
        if w.pending.is_empty() {
            Ok(())
        } else {
            Err(std::fmt::Error)
        }
    }
}

/// Bytes written to a formatter: serde_json writes UTF-8, in pieces that a character
/// could in principle straddle, so an incomplete character waits for its next piece.
struct FmtWriter<'a, 'b> {
    f: &'a mut std::fmt::Formatter<'b>,
    pending: Vec<u8>,
}

impl Write for FmtWriter<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let joined;
        let bytes = if self.pending.is_empty() {
            buf
        } else {
            self.pending.extend_from_slice(buf);
            joined = std::mem::take(&mut self.pending);
            &joined[..]
        };
        let (text, rest) = match std::str::from_utf8(bytes) {
            Ok(t) => (t, &[][..]),
            Err(e) if e.error_len().is_none() => {
                let (t, rest) = bytes.split_at(e.valid_up_to());
                (std::str::from_utf8(t).unwrap_or_default(), rest)
            }
            Err(e) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        };
        self.f.write_str(text).map_err(std::io::Error::other)?;
        self.pending = rest.to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes the report to `out` as it is serialized, never whole in memory (pretty-printed,
/// without a final newline): what [`render`] formats.
pub fn write(out: &mut dyn Write, reports: &[ZoneReport]) -> std::io::Result<()> {
    serde_json::to_writer_pretty(out, &report(reports)).map_err(std::io::Error::from)
}

/// The report as a JSON value, for reports that embed it (`rollover --format json`).
pub fn value(reports: &[ZoneReport]) -> serde_json::Value {
    serde_json::to_value(report(reports)).unwrap_or_default()
}
