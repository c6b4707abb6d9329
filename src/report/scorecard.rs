//! Writing the mail-standards scorecard ([`crate::scorecard`]): a Markdown table for a pull
//! request comment, JSON (`schemas/scorecard.schema.json`), one self-contained HTML page, and
//! SVG badges, one per domain.

use super::svg::escape;
use crate::scorecard::{Row, Verdict, COLUMNS};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::fmt::Write;

fn mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "✅",
        Verdict::Fail => "❌",
        Verdict::Unknown => "❔",
    }
}

/// `|` and the characters Markdown would read as markup, escaped for a table cell.
fn md(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '|' | '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']') {
            o.push('\\');
        }
        o.push(if c.is_control() { ' ' } else { c });
    }
    o
}

/// The Markdown report: the table, then why each cell that is not a pass is not.
pub fn markdown(rows: &[Row]) -> String {
    let mut o = String::from("| domain |");
    for c in COLUMNS {
        let _ = write!(o, " {c} |");
    }
    o.push_str("\n|---|");
    o.push_str(&"---|".repeat(COLUMNS.len()));
    o.push('\n');
    for r in rows {
        let _ = write!(o, "| {} |", md(&r.domain));
        for cell in &r.cells {
            let _ = write!(o, " {} {}", mark(cell.verdict), cell.verdict.as_str());
            for code in cell.codes() {
                let _ = write!(o, " {code}");
            }
            o.push_str(" |");
        }
        o.push('\n');
    }
    let _ = writeln!(o, "\n{} mail domains.", rows.len());
    for r in rows {
        let open: Vec<_> = (0..COLUMNS.len())
            .filter(|&c| r.cells[c].verdict != Verdict::Pass)
            .collect();
        if open.is_empty() {
            continue;
        }
        let _ = writeln!(o, "\n**{}** ({})\n", md(&r.domain), md(&r.file));
        for c in open {
            let cell = &r.cells[c];
            let _ = write!(
                o,
                "- {} {}: {}",
                COLUMNS[c],
                cell.verdict.as_str(),
                md(cell.note.as_deref().unwrap_or(""))
            );
            let codes = cell.codes();
            if !codes.is_empty() {
                let _ = write!(o, " ({})", codes.join(", "));
            }
            o.push('\n');
        }
    }
    o
}

/// The cells of a row as a JSON object whose keys keep the column order.
struct Ordered<'a, T: Serialize>(Vec<(&'static str, T)>, std::marker::PhantomData<&'a ()>);

impl<T: Serialize> Serialize for Ordered<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    severity: &'static str,
    at: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    domain: &'a str,
    file: &'a str,
    checks: Ordered<'a, &'static str>,
    codes: Ordered<'a, Vec<&'static str>>,
    /// Why each cell that has a note is what it is.
    notes: Ordered<'a, &'a str>,
    findings: Ordered<'a, Vec<JsonFinding<'a>>>,
}

#[derive(Serialize)]
struct JsonCard<'a> {
    version: u32,
    columns: &'static [&'static str],
    domains: Vec<JsonRow<'a>>,
}

/// The JSON report (`schemas/scorecard.schema.json`).
pub fn json(rows: &[Row]) -> String {
    let domains = rows
        .iter()
        .map(|r| JsonRow {
            domain: &r.domain,
            file: &r.file,
            checks: Ordered(
                (0..COLUMNS.len())
                    .map(|c| (COLUMNS[c], r.cells[c].verdict.as_str()))
                    .collect(),
                Default::default(),
            ),
            codes: Ordered(
                (0..COLUMNS.len())
                    .map(|c| (COLUMNS[c], r.cells[c].codes()))
                    .collect(),
                Default::default(),
            ),
            notes: Ordered(
                (0..COLUMNS.len())
                    .filter(|&c| r.cells[c].note.is_some())
                    .map(|c| (COLUMNS[c], r.cells[c].note.as_deref().unwrap_or("")))
                    .collect(),
                Default::default(),
            ),
            findings: Ordered(
                (0..COLUMNS.len())
                    .filter(|&c| !r.cells[c].findings.is_empty())
                    .map(|c| {
                        let f = r.cells[c]
                            .findings
                            .iter()
                            .map(|f| JsonFinding {
                                code: f.code,
                                severity: f.severity.as_str(),
                                at: &f.at,
                                message: &f.message,
                            })
                            .collect();
                        (COLUMNS[c], f)
                    })
                    .collect(),
                Default::default(),
            ),
        })
        .collect();
    let card = JsonCard {
        version: 1,
        columns: &COLUMNS,
        domains,
    };
    serde_json::to_string_pretty(&card).unwrap_or_default()
}

const STYLE: &str = "body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}\
th,td{border:1px solid #999;padding:.2em .4em;font-size:90%}\
td.pass{background:#d4f4d4}td.fail{background:#f8d0d0}td.unknown{background:#e8e8e8}\
th.col{writing-mode:vertical-rl}section{margin:.8em 0}";

/// One self-contained HTML page: the table, each cell that is not a pass linking to why,
/// listed below it with its findings.
pub fn html(rows: &[Row]) -> String {
    let mut o = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Mail standards scorecard</title>\n");
    let _ = writeln!(
        o,
        "<style>{STYLE}</style>\n</head>\n<body>\n<h1>Mail standards scorecard</h1>"
    );
    o.push_str("<table>\n<thead><tr><th scope=\"col\">domain</th>");
    for c in COLUMNS {
        let _ = write!(o, "<th scope=\"col\" class=\"col\">{c}</th>");
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for (i, r) in rows.iter().enumerate() {
        let _ = write!(o, "<tr><th scope=\"row\">{}</th>", escape(&r.domain));
        for (c, cell) in r.cells.iter().enumerate() {
            let v = cell.verdict.as_str();
            if cell.verdict == Verdict::Pass {
                let _ = write!(o, "<td class=\"pass\">{v}</td>");
            } else {
                let _ = write!(
                    o,
                    "<td class=\"{v}\"><a href=\"#r{i}-{}\">{v}</a></td>",
                    COLUMNS[c]
                );
            }
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n<h2>Why</h2>\n");
    for (i, r) in rows.iter().enumerate() {
        for (c, cell) in r.cells.iter().enumerate() {
            if cell.verdict == Verdict::Pass {
                continue;
            }
            let _ = writeln!(
                o,
                "<section id=\"r{i}-{col}\">\n<h3>{} — {col}: {}</h3>\n<p>{}</p>",
                escape(&r.domain),
                cell.verdict.as_str(),
                escape(cell.note.as_deref().unwrap_or("")),
                col = COLUMNS[c],
            );
            if !cell.findings.is_empty() {
                o.push_str("<ul>\n");
                for f in &cell.findings {
                    let _ = writeln!(
                        o,
                        "<li><code>{}</code> {} at {}: {}</li>",
                        f.code,
                        f.severity.as_str(),
                        escape(&f.at),
                        escape(&f.message)
                    );
                }
                o.push_str("</ul>\n");
            }
            o.push_str("</section>\n");
        }
    }
    o.push_str("</body>\n</html>\n");
    o
}

/// SVG badges, one per domain, stacked: the domain on grey, then how many columns pass, on
/// green when none fails, red when one does, grey when some are unknown and none fails.
pub fn svg(rows: &[Row]) -> String {
    let (h, gap) = (20u32, 4u32);
    let width_of = |s: &str| 10 + 7 * s.chars().count() as u32;
    let left = rows.iter().map(|r| width_of(&r.domain)).max().unwrap_or(60);
    let right = width_of("15/15 pass");
    let total_h = (rows.len() as u32 * (h + gap)).max(h);
    let mut o = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{total_h}\" viewBox=\"0 0 {w} {total_h}\">",
        w = left + right
    );
    for (i, r) in rows.iter().enumerate() {
        let y = i as u32 * (h + gap);
        let pass = r
            .cells
            .iter()
            .filter(|c| c.verdict == Verdict::Pass)
            .count();
        let fail = r.cells.iter().any(|c| c.verdict == Verdict::Fail);
        let colour = if fail {
            "#c0392b"
        } else if pass < COLUMNS.len() {
            "#7f8c8d"
        } else {
            "#2e8b57"
        };
        let label = format!("{pass}/{} pass", COLUMNS.len());
        let _ = writeln!(
            o,
            "<g id=\"badge-{i}\">\n<title>{}: {label}</title>",
            escape(&r.domain)
        );
        let _ = writeln!(
            o,
            "<rect x=\"0\" y=\"{y}\" width=\"{left}\" height=\"{h}\" fill=\"#555555\"/>"
        );
        let _ = writeln!(
            o,
            "<rect x=\"{left}\" y=\"{y}\" width=\"{right}\" height=\"{h}\" fill=\"{colour}\"/>"
        );
        let _ = writeln!(
            o,
            "<text x=\"5\" y=\"{}\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#ffffff\">{}</text>",
            y + 14,
            escape(&r.domain)
        );
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#ffffff\">{label}</text>\n</g>",
            left + 5,
            y + 14
        );
    }
    o.push_str("</svg>\n");
    o
}
