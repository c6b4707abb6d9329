//! SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: one run, the rules that fired
//! with their documentation, and one result per finding with its region.

use super::ZoneReport;
use crate::diag::{Rule, Severity};
use serde_json::{json, Value};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_descriptor(r: &Rule) -> Value {
    json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": { "text": r.summary() },
        "fullDescription": { "text": r.summary() },
        "help": { "text": r.doc_text(), "markdown": r.doc_text() },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "tags": ["dns"] },
    })
}

/// A relative path as a URI reference: forward slashes, percent-encoded where needed.
fn uri(path: &str) -> String {
    let mut s = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                s.push(b as char)
            }
            b'\\' => s.push('/'),
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s
}

/// A SARIF region (§3.30) for a location: an empty span still covers one column.
fn region_of(l: &crate::zone::Location) -> Value {
    json!({
        "startLine": l.start.line,
        "startColumn": l.start.col,
        "endLine": l.end.line,
        "endColumn": l.end.col.max(l.start.col + usize::from(l.end == l.start)),
    })
}

pub fn render(reports: &[ZoneReport]) -> String {
    render_results(reports.iter().flat_map(zone_results).collect())
}

/// One zone's results with their rules, located while the zone is at hand, so that a run
/// over many zones can drop each zone once it is checked; [`render_results`] numbers the
/// rules and writes the log.
pub fn zone_results(r: &ZoneReport) -> Vec<(&'static Rule, Value)> {
    let mut results = Vec::new();
    for d in &r.diagnostics {
        let (file, region) = match r.zone.locate(d) {
            Some(l) => (l.file.clone(), region_of(&l)),
            None => (r.zone.sources[0].display_path(), json!({ "startLine": 1 })),
        };
        let mut result = json!({
            "ruleId": d.rule.code,
            "ruleIndex": 0,
            "level": level(d.severity),
            "message": { "text": d.message },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(&file) },
                    "region": region,
                }
            }],
        });
        // §3.27.22: the evidence, each location with an id unique in the result.
        let related: Vec<Value> = d
            .related
            .iter()
            .filter_map(|(span, label)| r.zone.locate_span(*span).map(|l| (l, label)))
            .enumerate()
            .map(|(id, (l, label))| {
                json!({
                    "id": id,
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&l.file) },
                        "region": region_of(&l),
                    },
                    "message": { "text": label },
                })
            })
            .collect();
        if !related.is_empty() {
            result["relatedLocations"] = Value::Array(related);
        }
        if let Some(fix) = &d.fix {
            result["properties"] = json!({ "fix": fix });
        }
        results.push((d.rule, result));
    }
    results
}

/// The SARIF log of a run from every zone's results, in order: the rules that fired,
/// sorted by code, and each result's index into them.
pub fn render_results(results: Vec<(&'static Rule, Value)>) -> String {
    let mut rules: Vec<&'static Rule> = Vec::new();
    for (rule, _) in &results {
        if !rules.iter().any(|x| std::ptr::eq(*x, *rule)) {
            rules.push(rule);
        }
    }
    rules.sort_by_key(|r| r.code);
    let results: Vec<Value> = results
        .into_iter()
        .map(|(rule, mut result)| {
            let index = rules
                .iter()
                .position(|x| std::ptr::eq(*x, rule))
                .unwrap_or(0);
            result["ruleIndex"] = json!(index);
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "zonewarden",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}
