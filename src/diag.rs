//! Diagnostics: what every pass produces and every printer consumes.
//!
//! The core never prints. Parser and rules push [`Diagnostic`]s; `report` formats them.

use crate::source::Span;
use serde::Serialize;

/// How serious a finding is; `--fail-on` compares against this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "info" | "note" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A rule: its stable code, kebab-case name, default severity and documentation.
///
/// Codes are stable: a retired code is marked removed and never reused.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// Markdown: what it checks, why it matters (with the RFC), an example.
    pub doc: &'static str,
}

impl Rule {
    /// The doc as plain text, without the one space each `///` line leaves.
    pub fn doc_text(&self) -> String {
        self.doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The doc's first paragraph, on one line: the summary (some run over two lines).
    pub fn summary(&self) -> String {
        self.doc
            .lines()
            .map(str::trim)
            .skip_while(|l| l.is_empty())
            .take_while(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Declares a rule; the doc comment above it is the rule's documentation.
#[macro_export]
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* pub $ident:ident = ($code:literal, $name:literal, $sev:ident);) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::diag::Rule = $crate::diag::Rule {
            code: $code,
            name: $name,
            severity: $crate::diag::Severity::$sev,
            doc: concat!($($doc, "\n"),*),
        };
    };
}

/// One finding.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    /// Where; `None` for findings about the zone as a whole that have no better place.
    pub span: Option<Span>,
    /// One line, lower case, no trailing period.
    pub message: String,
    /// What to do about it, when that helps: most fixes are fixed text, not allocated
    /// again for each finding.
    pub fix: Option<std::borrow::Cow<'static, str>>,
    /// For a rollover finding that waiting fixes: from when the change is safe (seconds
    /// since 1970).
    pub safe_from: Option<i64>,
    /// Secondary spans: the evidence for the finding (the RRSIG made before an edit, the
    /// key a DS names, the A record of a host without AAAA), each with a label. They may
    /// be in other files of the zone (`$INCLUDE`); a cross-zone finding (ZW6xxx) points
    /// into another zone's files through the zone `crosszone::locate` makes for it.
    pub related: Vec<(Span, String)>,
}

impl Diagnostic {
    pub fn new(rule: &'static Rule, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.severity,
            span,
            message: fitted(message.into()),
            fix: None,
            safe_from: None,
            related: Vec::new(),
        }
    }

    pub fn with_fix(mut self, fix: impl Into<std::borrow::Cow<'static, str>>) -> Diagnostic {
        self.fix = Some(match fix.into() {
            std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(fitted(s)),
            fixed => fixed,
        });
        self
    }

    /// Adds a secondary span: evidence for the finding, with a label saying what it shows.
    pub fn with_related(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        // Most findings have one: room for four (what `push` makes) would be 120 bytes lost.
        self.related.reserve_exact(1);
        self.related.push((span, fitted(label.into())));
        self
    }
}

/// A finding's text without the spare room `format!` leaves (up to as much again as the
/// text): findings are kept until the report is written, and a zone may raise 100,000.
fn fitted(mut s: String) -> String {
    if s.capacity() > s.len() {
        s.shrink_to_fit();
    }
    s
}

/// How many characters of the input a message quotes at most: a 100 MB token must not be
/// copied into every report of it.
pub const QUOTE_MAX: usize = 256;

/// Bytes of the input as a message quotes them: text as UTF-8 where it is (else lossily),
/// control characters escaped (see [`escape_controls`]), and at most [`QUOTE_MAX`]
/// characters, with how much was left out.
pub fn quote(bytes: &[u8]) -> String {
    // Enough bytes for QUOTE_MAX characters of up to four bytes, and no more.
    let head = &bytes[..bytes.len().min(QUOTE_MAX * 4)];
    let text = String::from_utf8_lossy(head);
    let mut out = String::new();
    for (shown, (i, c)) in text.char_indices().enumerate() {
        if shown == QUOTE_MAX {
            let left = bytes.len() - text[..i].len().min(bytes.len());
            out.push_str(&format!("… ({left} more bytes)"));
            return out;
        }
        push_escaped(&mut out, c);
    }
    if head.len() < bytes.len() {
        out.push_str(&format!("… ({} more bytes)", bytes.len() - head.len()));
    }
    out
}

/// Text with its control characters escaped (`\x1b`, `\n`), so that input written into a
/// report cannot move a terminal's cursor, change its colours or forge log lines. A tab is
/// left alone: it moves nothing but the cursor along its line.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    // Printable ASCII and tabs, as nearly all text is, need no look at each character.
    if s.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b)) || !s.chars().any(is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

/// C0 and C1 controls and DEL; Unicode's bidirectional overrides besides, which can make
/// a line read otherwise than it is (CVE-2021-42574).
fn is_control(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push('\t'),
        c if is_control(c) && (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if is_control(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_and_bounds() {
        assert_eq!(quote(b"www"), "www");
        assert_eq!(quote(b"a\x1b[2Jb\n"), "a\\x1b[2Jb\\n");
        let long = vec![b'x'; 1000];
        let q = quote(&long);
        assert!(q.starts_with(&"x".repeat(QUOTE_MAX)));
        assert!(q.ends_with("… (744 more bytes)"), "{q}");
        assert_eq!(escape_controls("fine"), "fine");
        assert_eq!(escape_controls("a\u{202e}b"), "a\\u{202e}b");
    }
}
