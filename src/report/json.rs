//! The JSON report; its schema is `schemas/report.schema.json`.

use super::{Summary, ZoneReport};
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: &'static str,
    zones: Vec<JsonZone<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonZone<'a> {
    file: String,
    origin: String,
    origin_source: &'static str,
    /// The apex SOA's serial, which tells versions of a zone apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    serial: Option<u32>,
    records: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    /// For a rollover finding that waiting fixes: from when the change is safe.
    #[serde(skip_serializing_if = "Option::is_none")]
    safe_from: Option<String>,
    /// Secondary spans: the evidence for the finding, each with what it shows.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
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

/// The report as a JSON value, for reports that embed it (`rollover --format json`).
pub fn value(reports: &[ZoneReport]) -> serde_json::Value {
    let mut summary = Summary::default();
    let zones = reports
        .iter()
        .map(|r| {
            summary.add(&r.diagnostics);
            JsonZone {
                file: r.zone.sources[0].display_path(),
                origin: r.zone.origin_text(),
                origin_source: origin_source_key(&r.zone.origin_source),
                serial: r.zone.serial(),
                records: r.zone.records.len(),
                diagnostics: r
                    .diagnostics
                    .iter()
                    .map(|d| {
                        let loc = r.zone.locate(d);
                        JsonDiagnostic {
                            code: d.rule.code,
                            rule: d.rule.name,
                            severity: d.severity.as_str(),
                            message: &d.message,
                            fix: d.fix.as_deref(),
                            file: loc.as_ref().map(|l| l.file.clone()),
                            line: loc.as_ref().map(|l| l.start.line),
                            column: loc.as_ref().map(|l| l.start.col),
                            end_line: loc.as_ref().map(|l| l.end.line),
                            end_column: loc.as_ref().map(|l| l.end.col),
                            safe_from: d.safe_from.map(crate::time::time_text),
                            related: d
                                .related
                                .iter()
                                .filter_map(|(span, label)| {
                                    let l = r.zone.locate_span(*span)?;
                                    Some(JsonRelated {
                                        file: l.file,
                                        line: l.start.line,
                                        column: l.start.col,
                                        end_line: l.end.line,
                                        end_column: l.end.col,
                                        message: label,
                                    })
                                })
                                .collect(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let report = JsonReport {
        version: 1,
        tool: concat!("zonewarden ", env!("CARGO_PKG_VERSION")),
        zones,
        summary,
    };
    serde_json::to_value(&report).unwrap_or_default()
}
