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

/// The report as a string (pretty-printed, without a final newline).
pub fn render(reports: &[ZoneReport]) -> String {
    let mut out = Vec::new();
    match serde_json::to_writer_pretty(&mut out, &report(reports)) {
        // serde_json writes UTF-8 only.
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    }
}

/// Writes the report to `out` as it is serialized, never whole in memory (pretty-printed,
/// without a final newline): what [`render`] returns.
pub fn write(out: &mut dyn Write, reports: &[ZoneReport]) -> std::io::Result<()> {
    serde_json::to_writer_pretty(out, &report(reports)).map_err(std::io::Error::from)
}

/// The report as a JSON value, for reports that embed it (`rollover --format json`).
pub fn value(reports: &[ZoneReport]) -> serde_json::Value {
    serde_json::to_value(report(reports)).unwrap_or_default()
}
