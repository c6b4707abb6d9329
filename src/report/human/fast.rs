//! The human report of a common finding without annotate-snippets: plain text, each snippet
//! a short line of printable ASCII with one mark. The output is byte for byte what
//! annotate-snippets renders (debug builds render both and compare, so every test that
//! prints a human report checks it); anything else is left to it. Rendering a finding
//! through annotate-snippets costs several microseconds, and a zone may raise 100,000.

use super::Piece;
use crate::diag::{Diagnostic, Severity};
use std::fmt::Write;

/// Past this width annotate-snippets may trim a line to the terminal's (140 columns).
const WIDTH: usize = 100;

/// Printable ASCII: nothing that annotate-snippets replaces or measures otherwise.
fn plain(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Printable ASCII or tabs, which annotate-snippets shows as four spaces.
fn plain_or_tab(s: &str) -> bool {
    s.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
}

/// The width of `s` as shown: a tab takes four columns.
fn width(s: &str) -> usize {
    s.len() + 3 * s.bytes().filter(|&b| b == b'\t').count()
}

/// Writes the finding into `out` (empty) and returns true, or returns false when it is not
/// of the form this renders.
pub(super) fn render(
    out: &mut String,
    d: &Diagnostic,
    message: &str,
    fix: Option<&str>,
    pieces: &[Piece],
    paths: &[String],
) -> bool {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => return false,
    };
    if pieces.is_empty() || !plain(message) || !fix.is_none_or(plain) {
        return false;
    }
    for p in pieces {
        let [m] = p.marks.as_slice() else {
            return false;
        };
        let text = &p.shown.text;
        let label = m.label.as_deref().unwrap_or("");
        if m.span.start >= m.span.end
            || m.span.end > text.len()
            || m.primary != (m.label.is_none())
            || !plain_or_tab(text)
            || text.ends_with([' ', '\t'])
            || !plain(label)
            || width(text) + label.len() > WIDTH
            || !paths.get(p.file as usize).is_some_and(|p| plain(p))
        {
            return false;
        }
    }
    let max_line = pieces.iter().map(|p| p.line).max().unwrap_or(1);
    let w = max_line.to_string().len();
    let gutter = " ".repeat(w);
    let _ = write!(out, "{level}[{}]: {message}", d.rule.code);
    for (i, p) in pieces.iter().enumerate() {
        let m = &p.marks[0];
        let text = &p.shown.text;
        let arrow = if i == 0 { "-->" } else { ":::" };
        if i > 0 {
            let _ = write!(out, "\n{gutter} |");
        }
        let col = m.span.start + 1;
        let _ = write!(
            out,
            "\n{gutter}{arrow} {}:{}:{col}\n{gutter} |\n{:>w$} | ",
            paths[p.file as usize], p.line, p.line
        );
        for c in text.chars() {
            if c == '\t' {
                out.push_str("    ");
            } else {
                out.push(c);
            }
        }
        let _ = write!(out, "\n{gutter} | ");
        for _ in 0..width(&text[..m.span.start]) {
            out.push(' ');
        }
        let mark = if m.primary { '^' } else { '-' };
        for _ in 0..width(&text[m.span.clone()]) {
            out.push(mark);
        }
        if let Some(label) = &m.label {
            let _ = write!(out, " {label}");
        }
    }
    if let Some(fix) = fix {
        let _ = write!(out, "\n{gutter} |\n{gutter} = help: {fix}");
    }
    true
}
