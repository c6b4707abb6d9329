//! rustc-style diagnostics: `warning[ZW1115]: message`, ` --> file:line:col`, the source
//! line and a caret. Colour only when asked for (on a terminal, by default).

use super::{names_serial, origin_note, Summary, ZoneReport};
use crate::diag::{escape_controls, Diagnostic, Severity};
use crate::source::SourceFile;
use crate::zone::Zone;
use annotate_snippets::{Annotation, AnnotationKind, Group, Level, Renderer, Snippet};

mod fast;
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
    /// The line's bytes in the source, and those of it shown.
    line: Range<usize>,
    from: usize,
    to: usize,
}

impl Shown {
    /// The line `line` of `src` around the byte offsets `start..end` (a point underlines
    /// the token that starts there), written into `text` (empty). Only what is shown is
    /// read, and in one piece: a report of 100,000 findings asked the file's pieces for
    /// each part of each line apart.
    fn new(src: &SourceFile, line: Range<usize>, start: u32, end: u32, mut text: String) -> Shown {
        let at = clamp(&line, start);
        let from = at.saturating_sub(CONTEXT).max(line.start);
        src.with_bytes(from..reach(&line, at), |bytes| {
            let bytes = Bytes { bytes, base: from };
            let (start, end) = extent(&bytes, &line, start, end);
            let to = (end + CONTEXT).min(line.end);
            if from > line.start {
                text.push('…');
            }
            bytes.part(from..start, &mut text);
            let s = text.len();
            bytes.part(start..end, &mut text);
            let mut e = text.len();
            bytes.part(end..to, &mut text);
            if to < line.end {
                text.push('…');
            }
            if e == s {
                // Nothing to underline (an empty line, or the end of one): one character.
                e = text[s..].chars().next().map_or(s, |c| s + c.len_utf8());
            }
            Shown {
                text,
                span: s..e,
                line,
                from,
                to,
            }
        })
    }

    /// Where the bytes `start..end` of the same line are in the shown text, if all of them
    /// are shown: a secondary span beside the primary one.
    fn place(&self, src: &SourceFile, start: u32, end: u32) -> Option<Range<usize>> {
        let at = clamp(&self.line, start);
        if at < self.from {
            return None;
        }
        src.with_bytes(self.from..reach(&self.line, at), |bytes| {
            let bytes = Bytes {
                bytes,
                base: self.from,
            };
            let (start, end) = extent(&bytes, &self.line, start, end);
            if end > self.to || end == start {
                return None;
            }
            let lead = if self.from > self.line.start {
                '…'.len_utf8()
            } else {
                0
            };
            let mut shown = String::new();
            bytes.part(self.from..start, &mut shown);
            let s = lead + shown.len();
            shown.clear();
            bytes.part(start..end, &mut shown);
            Some(s..s + shown.len())
        })
    }
}

/// An offset of the source clamped to `line`.
fn clamp(line: &Range<usize>, o: u32) -> usize {
    (o as usize).clamp(line.start, line.end)
}

/// How far a snippet of `line` for a span starting at `at` may read: the span's bytes (at
/// most [`SPAN`]) and the [`CONTEXT`] after them.
fn reach(line: &Range<usize>, at: usize) -> usize {
    (at + SPAN + CONTEXT).min(line.end)
}

/// Bytes of a source read in one piece, from the offset `base` on. What the file no longer
/// held when read again is missing at their end, and read as nothing.
struct Bytes<'a> {
    bytes: &'a [u8],
    base: usize,
}

impl Bytes<'_> {
    fn get(&self, r: Range<usize>) -> &[u8] {
        let local = |o: usize| o.saturating_sub(self.base).min(self.bytes.len());
        &self.bytes[local(r.start)..local(r.end).max(local(r.start))]
    }

    /// Bytes `r` of the source as shown, added to `out`: lossily decoded, control
    /// characters escaped.
    fn part(&self, r: Range<usize>, out: &mut String) {
        out.push_str(&escape_controls(&String::from_utf8_lossy(self.get(r))));
    }
}

/// The bytes a span underlines within its line: a point the token that starts there, and
/// at most [`SPAN`] bytes.
fn extent(bytes: &Bytes, line: &Range<usize>, start: u32, end: u32) -> (usize, usize) {
    let (start, mut end) = (clamp(line, start), clamp(line, end));
    if end <= start {
        // A point: underline the token that starts there.
        let ahead = bytes.get(start..(start + CONTEXT).min(line.end));
        let token = ahead
            .iter()
            .position(|b| b.is_ascii_whitespace() || b"();".contains(b))
            .unwrap_or(ahead.len());
        end = start + token;
    }
    (start, end.min(start + SPAN))
}

/// What a snippet underlines: a span of its shown text, primary (the finding's place) or
/// context (evidence, with a label).
struct Mark {
    primary: bool,
    span: Range<usize>,
    label: Option<String>,
}

/// One snippet of a report: a line of a file, and what is underlined in it.
struct Piece {
    file: u32,
    line: usize,
    shown: Shown,
    marks: Vec<Mark>,
}

/// The snippets of the finding being written, and the room of those written before: a
/// zone may raise 100,000 findings, and each finding's strings and lists made anew cost
/// more than placing it.
#[derive(Default)]
struct Room {
    pieces: Vec<Piece>,
    strings: Vec<String>,
    marks: Vec<Vec<Mark>>,
}

impl Room {
    /// Empties the pieces, keeping their strings and lists to be written over.
    fn recycle(&mut self) {
        for p in self.pieces.drain(..) {
            let Piece {
                shown, mut marks, ..
            } = p;
            self.strings.push(shown.text);
            self.strings.extend(marks.drain(..).filter_map(|m| m.label));
            self.marks.push(marks);
        }
    }

    fn string(&mut self) -> String {
        let mut s = self.strings.pop().unwrap_or_default();
        s.clear();
        s
    }
}

/// The snippets of a finding, into `room.pieces` (empty): its primary span, then its
/// secondary spans, each on the line of another snippet when it is shown there, else on a
/// snippet of its own.
///
/// `near` is the line of the finding before (findings come in file order): the primary
/// span's line is searched for forward from there, and `near` moved to it.
fn pieces(zone: &Zone, d: &Diagnostic, near: &mut usize, room: &mut Room) {
    let primary = d.span.map(|s| (s, None));
    let related = d.related().iter().map(|(s, l)| (*s, Some(l)));
    for (span, label) in primary.into_iter().chain(related) {
        let Some(src) = zone.sources.get(span.file as usize) else {
            continue;
        };
        let primary = label.is_none();
        let line = if primary {
            *near = src.line_of_near(span.start, *near);
            *near
        } else {
            src.line_of(span.start)
        };
        let label = label.map(|l| {
            let mut s = room.string();
            s.push_str(&escape_controls(l));
            s
        });
        let beside = room.pieces.iter_mut().find_map(|p| {
            if p.file != span.file || p.line != line {
                return None;
            }
            p.shown.place(src, span.start, span.end).map(|r| (p, r))
        });
        if let Some((p, span)) = beside {
            p.marks.push(Mark {
                primary,
                span,
                label,
            });
            continue;
        }
        let text = room.string();
        let shown = Shown::new(src, src.line_range(line), span.start, span.end, text);
        let mut marks = room.marks.pop().unwrap_or_default();
        marks.push(Mark {
            primary,
            span: shown.span.clone(),
            label,
        });
        room.pieces.push(Piece {
            file: span.file,
            line,
            shown,
            marks,
        });
    }
}

pub fn render_zone(out: &mut dyn Write, report: &ZoneReport, color: bool) -> std::io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let zone = report.zone;
    let paths: Vec<String> = zone
        .sources
        .iter()
        .map(|s| escape_controls(&s.display_path()).into_owned())
        .collect();
    super::ordered::index_lines(zone, &report.diagnostics);
    super::ordered::write_in_order(out, &report.diagnostics, |_, run, out| {
        let (mut fast, mut near) = (String::new(), 0);
        let mut room = crate::diag::WordingRoom::default();
        let mut snippets = Room::default();
        for d in run {
            let d = d.worded_in(zone, &mut room);
            let message = escape_controls(d.message());
            let fix = d.fix().map(escape_controls);
            snippets.recycle();
            pieces(zone, d, &mut near, &mut snippets);
            let pieces = &snippets.pieces;
            fast.clear();
            if !color && fast::render(&mut fast, d, &message, fix.as_deref(), pieces, &paths) {
                if cfg!(debug_assertions) {
                    let pieces = std::mem::take(&mut snippets.pieces);
                    let slow = render_one(&renderer, d, &message, fix.as_deref(), pieces, &paths);
                    assert_eq!(fast, slow, "the fast path of the human report differs");
                }
                out.write_all(fast.as_bytes())?;
            } else {
                let pieces = std::mem::take(&mut snippets.pieces);
                let text = render_one(&renderer, d, &message, fix.as_deref(), pieces, &paths);
                out.write_all(text.as_bytes())?;
            }
            out.write_all(b"\n\n")?;
        }
        Ok(())
    })
}

/// One finding as annotate-snippets renders it.
fn render_one(
    renderer: &Renderer,
    d: &Diagnostic,
    message: &str,
    fix: Option<&str>,
    pieces: Vec<Piece>,
    paths: &[String],
) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let title = level.primary_title(message).id(d.rule.code);
    let mut group = Group::with_title(title);
    for p in pieces {
        let annotations: Vec<Annotation> = p
            .marks
            .into_iter()
            .map(|m| {
                let kind = if m.primary {
                    AnnotationKind::Primary
                } else {
                    AnnotationKind::Context
                };
                kind.span(m.span).label(m.label)
            })
            .collect();
        let snippet = Snippet::source(p.shown.text)
            .line_start(p.line)
            .path(paths[p.file as usize].clone())
            .annotations(annotations);
        group = group.element(snippet);
    }
    if let Some(fix) = fix {
        group = group.element(Level::HELP.message(fix));
    }
    renderer.render(&[group])
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
