//! The human report of a common finding without annotate-snippets: plain text, each snippet
//! a short line of printable ASCII with one mark. The output is byte for byte what
//! annotate-snippets renders (debug builds render both and compare, so every test that
//! prints a human report checks it); anything else is left to it. Rendering a finding
//! through annotate-snippets costs several microseconds, and a zone may raise 100,000.

use super::super::decimal;
use super::Piece;
use crate::diag::{Diagnostic, Severity};

/// The terminal width annotate-snippets trims lines to ([`annotate_snippets::renderer::DEFAULT_TERM_WIDTH`]):
/// a line fits when it and its label leave room for the gutter (the line number's digits
/// and ` | `).
const TERM_WIDTH: usize = annotate_snippets::renderer::DEFAULT_TERM_WIDTH;

/// Leading white space wider than this (in columns, up to the mark) is cut at the left by
/// annotate-snippets, which shows `...` there (its `LONG_WHITESPACE`, 20, past its 6 columns
/// of padding); such a line is left to it.
const CUT_LEFT_BEYOND: usize = 26;

/// Printable ASCII: nothing that annotate-snippets replaces or measures otherwise.
fn plain(s: &str) -> bool {
    crate::diag::all_bytes(s.as_bytes(), |b| (0x20..0x7f).contains(&b))
}

/// Printable ASCII or tabs, which annotate-snippets shows as four spaces.
fn plain_or_tab(s: &str) -> bool {
    crate::diag::printable_or_tab(s.as_bytes())
}

/// The width of `s` as shown: a tab takes four columns.
fn width(s: &str) -> usize {
    s.len() + 3 * s.bytes().filter(|&b| b == b'\t').count()
}

/// The width of the white space that starts `s`.
fn indent(s: &str) -> usize {
    let lead = s.len() - s.trim_start_matches([' ', '\t']).len();
    width(&s[..lead])
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
    let max_line = pieces.iter().map(|p| p.line).max().unwrap_or(1);
    let mut digits = [0; 20];
    let w = decimal(max_line, &mut digits).len();
    let room = TERM_WIDTH.saturating_sub(w + 3);
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
            || width(text) + label.len() > room
            || indent(text).min(width(&text[..m.span.start])) > CUT_LEFT_BEYOND
            || !paths.get(p.file as usize).is_some_and(|p| plain(p))
        {
            return false;
        }
    }
    let gutter = " ".repeat(w);
    // Written a piece at a time with `push_str`: `write!` cost about half of this function.
    for piece in [level, "[", d.rule.code, "]: ", message] {
        out.push_str(piece);
    }
    for (i, p) in pieces.iter().enumerate() {
        let m = &p.marks[0];
        let text = &p.shown.text;
        let arrow = if i == 0 { "-->" } else { ":::" };
        if i > 0 {
            for piece in ["\n", &gutter, " |"] {
                out.push_str(piece);
            }
        }
        let line = decimal(p.line, &mut digits);
        for piece in [
            "\n",
            &gutter,
            arrow,
            " ",
            &paths[p.file as usize],
            ":",
            line,
            ":",
        ] {
            out.push_str(piece);
        }
        out.push_str(decimal(m.span.start + 1, &mut [0; 20]));
        for piece in ["\n", &gutter, " |\n"] {
            out.push_str(piece);
        }
        // The line number right-aligned under the gutter.
        out.extend(std::iter::repeat_n(' ', w - line.len()));
        out.push_str(line);
        out.push_str(" | ");
        if text.contains('\t') {
            out.push_str(&text.replace('\t', "    "));
        } else {
            out.push_str(text);
        }
        for piece in ["\n", &gutter, " | "] {
            out.push_str(piece);
        }
        out.extend(std::iter::repeat_n(' ', width(&text[..m.span.start])));
        let mark = if m.primary { '^' } else { '-' };
        out.extend(std::iter::repeat_n(mark, width(&text[m.span.clone()])));
        if let Some(label) = &m.label {
            out.push(' ');
            out.push_str(label);
        }
    }
    if let Some(fix) = fix {
        for piece in ["\n", &gutter, " |\n", &gutter, " = help: ", fix] {
            out.push_str(piece);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::{render_one, Mark, Piece, Shown};
    use super::*;
    use crate::rules::targets::MISSING_AAAA;
    use crate::source::Span;

    fn piece(line: usize, text: &str, span: std::ops::Range<usize>, label: Option<&str>) -> Piece {
        Piece {
            file: 0,
            line,
            shown: Shown {
                text: text.to_string(),
                span: span.clone(),
                line: 0..0,
                from: 0,
                to: 0,
            },
            marks: vec![Mark {
                primary: label.is_none(),
                span,
                label: label.map(str::to_string),
            }],
        }
    }

    /// Wherever the fast path renders a finding, annotate-snippets renders it alike: lines
    /// of every width up to past the terminal's, indented or not, numbered with one to seven
    /// digits, underlined at the start, middle or end, with and without a labelled second
    /// snippet and a fix.
    #[test]
    fn the_fast_path_renders_as_annotate_snippets() {
        let renderer = annotate_snippets::Renderer::plain();
        let paths = vec!["zones/example.zone".to_string()];
        let d = Diagnostic::new(&MISSING_AAAA, Some(Span::new(0, 0, 1)), "m");
        let (mut taken, mut compared) = (0, 0);
        for len in (60usize..=150).step_by(2) {
            for indent in [0usize, 3, 21, 26, 27, 30] {
                for line in [7usize, 42, 996, 99_999, 1_234_567] {
                    for at in [0usize, 1, 2] {
                        for (label, fix) in [(None, None), (Some("the A record"), Some("add one"))]
                        {
                            let body: String = (0..len.saturating_sub(indent))
                                .map(|i| {
                                    if i % 9 == 8 {
                                        ' '
                                    } else {
                                        (b'a' + (i % 26) as u8) as char
                                    }
                                })
                                .collect();
                            // Indented by spaces, or as far by tabs and spaces.
                            let lead = if line % 2 == 0 {
                                " ".repeat(indent)
                            } else {
                                format!("{}{}", "\t".repeat(indent / 4), " ".repeat(indent % 4))
                            };
                            let text = format!("{lead}{body}");
                            let end = text.trim_end().len();
                            let text = &text[..end];
                            let start = [lead.len(), (lead.len() + end) / 2, end - 3][at];
                            let span = start..start + 3;
                            let mut pieces = vec![piece(line, text, span.clone(), None)];
                            if let Some(l) = label {
                                pieces.push(piece(line + 3, text, span, Some(l)));
                            }
                            let mut fast = String::new();
                            compared += 1;
                            if render(&mut fast, &d, "message", fix, &pieces, &paths) {
                                taken += 1;
                                let slow =
                                    render_one(&renderer, &d, "message", fix, pieces, &paths);
                                assert_eq!(
                                    fast, slow,
                                    "len {len} indent {indent} line {line} at {at} label {label:?}"
                                );
                            }
                        }
                    }
                }
            }
        }
        assert!(taken > compared / 3, "{taken} of {compared}");
    }
}
