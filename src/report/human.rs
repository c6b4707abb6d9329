//! rustc-style diagnostics: `warning[ZW1115]: message`, ` --> file:line:col`, the source
//! line and a caret. Colour only when asked for (on a terminal, by default).

use super::{names_serial, origin_note, Summary, ZoneReport};
use crate::diag::{escape_controls, Severity};
use crate::source::SourceFile;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::io::Write;
use std::ops::Range;

/// How many bytes of a source line are shown on each side of a finding's span, and of the
/// span itself: a zone with a 100 MB line must not put it in every report. (The renderer
/// trims what is shown to the terminal's width in any case.)
const CONTEXT: usize = 256;
const SPAN: usize = 4096;

/// The part of a source line a report shows, control characters escaped, with the span
/// to underline in it.
struct Shown {
    text: String,
    span: Range<usize>,
}

impl Shown {
    /// The line `line` of `src` around the byte offsets `start..end` (a point underlines
    /// the token that starts there). Only what is shown is read.
    fn new(src: &SourceFile, line: Range<usize>, start: u32, end: u32) -> Shown {
        let clamp = |o: u32| (o as usize).clamp(line.start, line.end);
        let (start, mut end) = (clamp(start), clamp(end));
        if end <= start {
            // A point: underline the token that starts there.
            let ahead = src.bytes(start..(start + CONTEXT).min(line.end));
            let token = ahead
                .iter()
                .position(|b| b.is_ascii_whitespace() || b"();".contains(b))
                .unwrap_or(ahead.len());
            end = start + token;
        }
        let end = end.min(start + SPAN);
        let from = start.saturating_sub(CONTEXT).max(line.start);
        let to = (end + CONTEXT).min(line.end);
        let part =
            |r: Range<usize>| escape_controls(&String::from_utf8_lossy(&src.bytes(r))).into_owned();
        let mut text = String::new();
        if from > line.start {
            text.push('…');
        }
        text.push_str(&part(from..start));
        let s = text.len();
        text.push_str(&part(start..end));
        let mut e = text.len();
        text.push_str(&part(end..to));
        if to < line.end {
            text.push('…');
        }
        if e == s {
            // Nothing to underline (an empty line, or the end of one): one character.
            e = text[s..].chars().next().map_or(s, |c| s + c.len_utf8());
        }
        Shown { text, span: s..e }
    }
}

pub fn render_zone(out: &mut dyn Write, report: &ZoneReport, color: bool) -> std::io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let zone = report.zone;
    for d in &report.diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let message = escape_controls(&d.message);
        let title = level.primary_title(message.as_ref()).id(d.rule.code);
        let mut group = Group::with_title(title);
        let located = d
            .span
            .and_then(|s| zone.sources.get(s.file as usize).map(|src| (s, src)));
        let shown;
        let path;
        if let Some((span, src)) = located {
            let lc = src.line_col(span.start);
            shown = Shown::new(src, src.line_range(lc.line), span.start, span.end);
            path = escape_controls(&src.display_path()).into_owned();
            let snippet = Snippet::source(shown.text.as_str())
                .line_start(lc.line)
                .path(path.as_str())
                .annotation(AnnotationKind::Primary.span(shown.span.clone()));
            group = group.element(snippet);
        }
        let fix = d.fix.as_deref().map(escape_controls);
        if let Some(fix) = &fix {
            group = group.element(Level::HELP.message(fix.as_ref()));
        }
        writeln!(out, "{}\n", renderer.render(&[group]))?;
    }
    Ok(())
}

/// The closing line for one zone: its origin (and, from standard input or a transfer, its
/// serial) and counts.
pub fn zone_line(report: &ZoneReport) -> String {
    let mut s = Summary::default();
    s.add(&report.diagnostics);
    let serial = match report.zone.serial() {
        Some(n) if names_serial(report.zone) => format!(", serial {n}"),
        _ => String::new(),
    };
    format!(
        "{}: {}{serial}, {} records, {}",
        escape_controls(&report.zone.sources[0].display_path()),
        origin_note(report.zone),
        report.zone.records.len(),
        counts(&s)
    )
}

pub fn counts(s: &Summary) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    if s.errors + s.warnings + s.infos == 0 {
        return "no findings".into();
    }
    let mut parts = vec![plural(s.errors, "error"), plural(s.warnings, "warning")];
    if s.infos > 0 {
        parts.push(plural(s.infos, "note"));
    }
    parts.join(", ")
}
