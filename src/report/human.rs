//! rustc-style diagnostics: `warning[ZW1115]: message`, ` --> file:line:col`, the source
//! line and a caret. Colour only when asked for (on a terminal, by default).

use super::{names_serial, origin_note, Summary, ZoneReport};
use crate::diag::Severity;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::io::Write;

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
        let title = level.primary_title(d.message.as_str()).id(d.rule.code);
        let mut group = Group::with_title(title);
        let located = d
            .span
            .and_then(|s| zone.sources.get(s.file as usize).map(|src| (s, src)));
        let line_text;
        let path;
        if let Some((span, src)) = located {
            let lc = src.line_col(span.start);
            let range = src.line_range(lc.line);
            // The line alone (read again if the text is not kept); offsets below are into it.
            let line = src.bytes(range.clone());
            line_text = String::from_utf8_lossy(&line).into_owned();
            let within = |offset: u32| {
                (offset as usize).clamp(range.start, range.start + line.len()) - range.start
            };
            let start_byte = within(span.start);
            let end_byte = within(span.end).max(start_byte);
            let mut s = String::from_utf8_lossy(&line[..start_byte]).len();
            let mut e = s + String::from_utf8_lossy(&line[start_byte..end_byte]).len();
            if e == s {
                // A point: underline the token that starts there.
                let token = line[start_byte..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || b"();".contains(b))
                    .unwrap_or(line.len() - start_byte);
                e = s + String::from_utf8_lossy(&line[start_byte..start_byte + token]).len();
                if e == s {
                    e = (s + 1).min(line_text.len().max(s));
                }
            }
            // Lossy decoding may widen bytes that are not UTF-8; keep the range on character
            // boundaries of the line as shown.
            while !line_text.is_char_boundary(s.min(line_text.len())) {
                s -= 1;
            }
            s = s.min(line_text.len());
            e = e.clamp(s, line_text.len());
            while !line_text.is_char_boundary(e) {
                e += 1;
            }
            path = src.display_path();
            let snippet = Snippet::source(line_text.as_str())
                .line_start(lc.line)
                .path(path.as_str())
                .annotation(AnnotationKind::Primary.span(s..e));
            group = group.element(snippet);
        }
        if let Some(fix) = &d.fix {
            group = group.element(Level::HELP.message(fix.as_str()));
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
        report.zone.sources[0].display_path(),
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
