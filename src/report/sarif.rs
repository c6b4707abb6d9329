//! SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: one run, the rules that fired
//! with their documentation, and one result per finding with its region.

use super::{Unread, ZoneReport};
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

/// A path as a URI reference (RFC 3986 §4.1), percent-encoded where needed. A backslash is a
/// byte of a Unix file name like any other, not a separator: it is encoded, not turned
/// into `/`, which would name another file.
fn uri(path: &str) -> String {
    let mut s = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                s.push(b as char)
            }
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
    render_results(reports.iter().flat_map(zone_results).collect(), &[])
}

/// One result, written as it appears in the log but for its rule index, which is known
/// only once every rule that fired is: the text runs up to `"ruleIndex": `, the result's
/// last key, and [`render_results`] writes the index and closes it.
pub struct SarifResult {
    rule: &'static Rule,
    text: String,
}

/// What follows `"ruleIndex": N` in a result at its place in the log.
const RESULT_END: &str = "\n        }";

/// A result's text at its place in the log (eight spaces in), up to its rule index.
fn result_text(rule: &'static Rule, result: &Value) -> SarifResult {
    let pretty = serde_json::to_string_pretty(result).unwrap_or_default();
    let mut text = String::with_capacity(pretty.len() + pretty.len() / 4);
    for (i, line) in pretty.lines().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str("        ");
        text.push_str(line);
    }
    // "ruleIndex" is the last key (keys are sorted), written as 0 here.
    let cut = text
        .rfind("\"ruleIndex\": ")
        .map_or(text.len(), |i| i + "\"ruleIndex\": ".len());
    text.truncate(cut);
    SarifResult { rule, text }
}

/// One zone's results with their rules, located while the zone is at hand, so that a run
/// over many zones can drop each zone once it is checked; [`render_results`] numbers the
/// rules and writes the log.
pub fn zone_results(r: &ZoneReport) -> Vec<SarifResult> {
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
            "message": { "text": d.message() },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(&file) },
                    "region": region,
                }
            }],
        });
        // §3.27.22: the evidence, each location with an id unique in the result.
        let related: Vec<Value> = d
            .related()
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
        if let Some(fix) = d.fix() {
            result["properties"] = json!({ "fix": fix });
        }
        results.push(result_text(d.rule, &result));
    }
    results
}

/// The run's invocation (§3.20): successful when every zone file was read; otherwise one
/// error notification (§3.58) per file that could not be, naming it and why, so that a
/// consumer that looks only at the results does not take the missing zones for clean ones.
fn invocation(unreadable: &[Unread]) -> Value {
    let mut invocation = json!({ "executionSuccessful": unreadable.is_empty() });
    if !unreadable.is_empty() {
        invocation["toolExecutionNotifications"] = unreadable
            .iter()
            .map(|u| {
                json!({
                    "level": "error",
                    "message": { "text": format!("{}: {}", u.file, u.reason) },
                    "locations": [{
                        "physicalLocation": { "artifactLocation": { "uri": uri(&u.file) } }
                    }],
                })
            })
            .collect();
    }
    invocation
}

/// The SARIF log of one run: the tool, the rules that fired, `results`, and the files that
/// could not be read.
fn log_with(rules: &[&'static Rule], results: Vec<Value>, unreadable: &[Unread]) -> Value {
    json!({
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
            "invocations": [invocation(unreadable)],
            "results": results,
        }]
    })
}

/// The SARIF log of a run from every zone's results, in order: the rules that fired,
/// sorted by code, and each result's index into them; and the zone files that could not be
/// read.
pub fn render_results(results: Vec<SarifResult>, unreadable: &[Unread]) -> String {
    let mut rules: Vec<&'static Rule> = Vec::new();
    for r in &results {
        if !rules.iter().any(|x| std::ptr::eq(*x, r.rule)) {
            rules.push(r.rule);
        }
    }
    rules.sort_by_key(|r| r.code);
    let log = log_with(&rules, Vec::new(), unreadable);
    let text = serde_json::to_string_pretty(&log).unwrap_or_default();
    if results.is_empty() {
        return text;
    }
    let empty = "\"results\": []";
    let Some(at) = text.find(empty) else {
        return text;
    };
    let mut out = String::with_capacity(
        text.len() + results.iter().map(|r| r.text.len() + 16).sum::<usize>(),
    );
    out.push_str(&text[..at]);
    out.push_str("\"results\": [\n");
    for (i, r) in results.iter().enumerate() {
        let index = rules
            .iter()
            .position(|x| std::ptr::eq(*x, r.rule))
            .unwrap_or(0);
        out.push_str(&r.text);
        out.push_str(&index.to_string());
        out.push_str(RESULT_END);
        out.push_str(if i + 1 < results.len() { ",\n" } else { "\n" });
    }
    out.push_str("      ]");
    out.push_str(&text[at + empty.len()..]);
    out
}

/// The log built whole as a JSON value, as it was before results were written one by one:
/// what [`render`] must equal.
#[cfg(test)]
fn render_whole(reports: &[ZoneReport]) -> String {
    let results: Vec<SarifResult> = reports.iter().flat_map(zone_results).collect();
    let mut rules: Vec<&'static Rule> = results.iter().map(|r| r.rule).collect();
    rules.sort_by_key(|r| r.code);
    rules.dedup_by(|a, b| std::ptr::eq(*a, *b));
    let values: Vec<Value> = results
        .iter()
        .map(|r| {
            let index = rules
                .iter()
                .position(|x| std::ptr::eq(*x, r.rule))
                .unwrap_or(0);
            let text = format!("{}{index}{RESULT_END}", r.text);
            serde_json::from_str(&text).unwrap()
        })
        .collect();
    let log = log_with(&rules, values, &[]);
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::{read_text, ReadOptions};

    #[test]
    fn a_path_is_percent_encoded_byte_for_byte() {
        assert_eq!(uri("zones/a b.zone"), "zones/a%20b.zone");
        assert_eq!(uri("quo\"te\\back.zone"), "quo%22te%5Cback.zone");
        assert_eq!(uri("zones/100%.zone"), "zones/100%25.zone");
    }

    /// The log written result by result reads exactly as the log built whole.
    #[test]
    fn results_written_one_by_one_equal_the_whole_log() {
        let text = "$ORIGIN a.example.\n@ 3600 SOA ns h 1 2 3 4 5\n@ 3600 SOA ns h 2 2 3 4 5\nbad 3600 A 300.1.1.1\nx 3600 CNAME y\nx 3600 TXT \"t\"\n";
        let z = read_text(
            "z.zone".into(),
            text.as_bytes().to_vec(),
            &ReadOptions::default(),
        );
        let lints = crate::lint::lint(&z, &Default::default());
        assert!(lints.len() >= 3, "{lints:?}");
        assert!(lints.iter().any(|d| !d.related().is_empty()), "{lints:?}");
        let with = [ZoneReport {
            zone: &z,
            diagnostics: lints.clone(),
        }];
        assert_eq!(render(&with), render_whole(&with));
        let none = [ZoneReport {
            zone: &z,
            diagnostics: Vec::new(),
        }];
        assert_eq!(render(&none), render_whole(&none));
    }
}
