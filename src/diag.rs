//! Diagnostics: what every pass produces and every printer consumes.
//!
//! The core never prints. Parser and rules push [`Diagnostic`]s; `report` formats them.

use crate::zone::source::Span;
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

    /// The first line of the doc: the one-line summary.
    pub fn summary(&self) -> &'static str {
        self.doc
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
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
    /// What to do about it, when that helps.
    pub fix: Option<String>,
    /// For a rollover finding that waiting fixes: from when the change is safe (seconds
    /// since 1970).
    pub safe_from: Option<i64>,
}

impl Diagnostic {
    pub fn new(rule: &'static Rule, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.severity,
            span,
            message: message.into(),
            fix: None,
            safe_from: None,
        }
    }

    pub fn with_fix(mut self, fix: impl Into<String>) -> Diagnostic {
        self.fix = Some(fix.into());
        self
    }
}
