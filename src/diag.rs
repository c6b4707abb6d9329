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

/// One finding: its rule, severity and place, and its words.
///
/// A zone may raise 100,000 findings, which are kept until the report is written; their
/// words (message, fix, labels) were two thirds of the memory they held. So the rules that
/// raise findings by the thousand may leave theirs to be worded when written
/// ([`Diagnostic::later`]): such a finding holds only what its words are made from, a few
/// numbers, and [`Diagnostic::worded`] makes them from the zone. `lint` words every finding
/// before it returns unless asked not to (`LintOptions::word_later`), so that only the
/// reports that word as they write ever see one unworded.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    /// Where; `None` for findings about the zone as a whole that have no better place.
    pub span: Option<Span>,
    text: Text,
}

// A finding worded later costs this much in all, where one worded costs about 300 bytes.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Diagnostic>() == 56);

/// What a finding says.
#[derive(Clone, Debug, Default)]
pub struct Words {
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

/// The words of a finding not yet worded: what `word` makes of the zone the finding is in
/// (given as `&dyn Any`, since findings are made below the zone model: the rules' wording
/// functions take it as a `Zone`) and `args` (record indices, mostly).
#[derive(Clone, Copy)]
pub struct Later {
    /// Makes the words into [`WordsIn`], whose words are empty.
    pub word: fn(&dyn std::any::Any, [u32; 3], &mut WordsIn),
    pub args: [u32; 3],
}

/// Words being made, into the room of words made before: the reports word each finding as
/// they write it ([`Diagnostic::worded_in`]), and a zone may raise 100,000. Made afresh for
/// each, their strings cost a dozen allocations a finding, and on two threads half the runs
/// of such a report waited on the allocator's locks (docs/performance.md).
pub struct WordsIn<'a> {
    words: &'a mut Words,
    /// Emptied strings of words made before, to make labels and fixes in.
    spare: &'a mut Vec<String>,
}

impl WordsIn<'_> {
    /// The message, empty.
    pub fn message(&mut self) -> &mut String {
        &mut self.words.message
    }

    /// Sets a fixed fix.
    pub fn fix_static(&mut self, fix: &'static str) {
        self.words.fix = Some(std::borrow::Cow::Borrowed(fix));
    }

    /// The fix, to write: an empty string.
    pub fn fix(&mut self) -> &mut String {
        let mut room = self.spare.pop().unwrap_or_default();
        room.clear();
        let fix = self.words.fix.insert(std::borrow::Cow::Owned(room));
        fix.to_mut()
    }

    /// A secondary span, and its label to write: an empty string.
    pub fn related(&mut self, span: Span) -> &mut String {
        let mut room = self.spare.pop().unwrap_or_default();
        room.clear();
        self.words.related.push((span, room));
        let last = self.words.related.len() - 1;
        &mut self.words.related[last].1
    }
}

impl Words {
    /// Empties the words, their strings' room kept in `spare`.
    fn empty_into(&mut self, spare: &mut Vec<String>) {
        self.message.clear();
        self.safe_from = None;
        if let Some(std::borrow::Cow::Owned(fix)) = self.fix.take() {
            spare.push(fix);
        }
        spare.extend(self.related.drain(..).map(|(_, label)| label));
    }
}

/// Room to word findings in as they are written: see [`Diagnostic::worded_in`].
#[derive(Default)]
pub struct WordingRoom {
    worded: Option<Diagnostic>,
    spare: Vec<String>,
}

impl std::fmt::Debug for Later {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Later({:?})", self.args)
    }
}

#[derive(Clone, Debug)]
enum Text {
    Worded(Held),
    Later(Later),
}

/// Words a finding holds: its own, its message alone, or words the same for every finding
/// that has them, of which nothing is allocated for each. A file of hostile lines may raise
/// millions of findings, most with a message and nothing else, and many with the same
/// one. Beside [`Later`]'s function pointer, the choice costs the finding no byte.
#[derive(Clone, Debug)]
enum Held {
    Own(Box<Words>),
    /// A message and nothing else: a box of 24 bytes, not of [`Words`]' 88. Boxed, not a
    /// `String` of 24 bytes beside the tag, so that the variant is one pointer wide and a
    /// finding stays 56 bytes.
    #[allow(clippy::box_collection)]
    Message(Box<String>),
    Fixed(&'static Words),
}

/// The words a finding not yet worded shows: none.
static UNWORDED: Words = Words {
    message: String::new(),
    fix: None,
    safe_from: None,
    related: Vec::new(),
};

impl Diagnostic {
    pub fn new(rule: &'static Rule, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.severity,
            span,
            text: Text::Worded(Held::Message(Box::new(fitted(message.into())))),
        }
    }

    /// A finding with words fixed in advance, the same for every finding that has them.
    pub fn fixed(rule: &'static Rule, span: Option<Span>, words: &'static Words) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.severity,
            span,
            text: Text::Worded(Held::Fixed(words)),
        }
    }

    /// A finding whose message is `message`: words of its own when made at run time, else
    /// words shared with every finding of the same fixed message ([`fixed_words`]).
    pub fn with_message(
        rule: &'static Rule,
        span: Option<Span>,
        message: std::borrow::Cow<'static, str>,
    ) -> Diagnostic {
        match message {
            std::borrow::Cow::Borrowed(m) => Diagnostic::fixed(rule, span, fixed_words(m)),
            std::borrow::Cow::Owned(m) => Diagnostic::new(rule, span, m),
        }
    }

    /// A finding worded when written: `later.word` makes its words from the zone.
    pub fn later(rule: &'static Rule, span: Option<Span>, later: Later) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.severity,
            span,
            text: Text::Later(later),
        }
    }

    pub fn with_fix(mut self, fix: impl Into<std::borrow::Cow<'static, str>>) -> Diagnostic {
        self.words_mut().fix = Some(match fix.into() {
            std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(fitted(s)),
            fixed => fixed,
        });
        self
    }

    /// Adds a secondary span: evidence for the finding, with a label saying what it shows.
    pub fn with_related(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        let related = &mut self.words_mut().related;
        // Most findings have one: room for four (what `push` makes) would be 120 bytes lost.
        related.reserve_exact(1);
        related.push((span, fitted(label.into())));
        self
    }

    /// Whether the finding has its words (every finding but one made by
    /// [`Diagnostic::later`] and not yet worded).
    pub fn is_worded(&self) -> bool {
        matches!(self.text, Text::Worded(_))
    }

    /// The finding's words besides its message; none for a finding not yet worded, and for
    /// one that has a message alone.
    fn words(&self) -> &Words {
        match &self.text {
            Text::Worded(Held::Own(w)) => w,
            Text::Worded(Held::Fixed(w)) => w,
            Text::Worded(Held::Message(_)) | Text::Later(_) => &UNWORDED,
        }
    }

    /// The finding's words, to change; a finding not yet worded is given an empty message
    /// (a programming error, which its message shows).
    pub fn words_mut(&mut self) -> &mut Words {
        match self.text {
            Text::Later(_) => self.text = Text::Worded(Held::Own(Box::default())),
            Text::Worded(Held::Fixed(w)) => {
                self.text = Text::Worded(Held::Own(Box::new(w.clone())))
            }
            Text::Worded(Held::Message(ref mut m)) => {
                let message = std::mem::take(&mut **m);
                self.text = Text::Worded(Held::Own(Box::new(Words {
                    message,
                    ..Words::default()
                })))
            }
            Text::Worded(Held::Own(_)) => {}
        }
        match &mut self.text {
            Text::Worded(Held::Own(w)) => w,
            _ => unreachable!("given words of its own just above"),
        }
    }

    pub fn message(&self) -> &str {
        match &self.text {
            Text::Worded(Held::Message(m)) => m,
            _ => &self.words().message,
        }
    }

    pub fn fix(&self) -> Option<&str> {
        self.words().fix.as_deref()
    }

    pub fn safe_from(&self) -> Option<i64> {
        self.words().safe_from
    }

    pub fn related(&self) -> &[(Span, String)] {
        &self.words().related
    }

    /// Words the finding, if it is not yet, from `zone` (the `Zone` it was found in).
    pub fn word(&mut self, zone: &dyn std::any::Any) {
        if let Text::Later(l) = self.text {
            let mut words = Words::default();
            let spare = &mut Vec::new();
            (l.word)(
                zone,
                l.args,
                &mut WordsIn {
                    words: &mut words,
                    spare,
                },
            );
            // Kept until the report is written: without `format!`'s spare room.
            words.message = fitted(words.message);
            if let Some(std::borrow::Cow::Owned(fix)) = &mut words.fix {
                *fix = fitted(std::mem::take(fix));
            }
            for (_, label) in &mut words.related {
                *label = fitted(std::mem::take(label));
            }
            words.related.shrink_to_fit();
            self.text = Text::Worded(Held::Own(Box::new(words)));
        }
    }

    /// The finding with its words, made in `room` when it has none yet, as a report writes
    /// it: the room's strings are written over for each finding, not made again.
    pub fn worded_in<'a>(
        &'a self,
        zone: &dyn std::any::Any,
        room: &'a mut WordingRoom,
    ) -> &'a Diagnostic {
        let Text::Later(l) = self.text else {
            return self;
        };
        let d = room.worded.get_or_insert_with(|| Diagnostic {
            rule: self.rule,
            severity: self.severity,
            span: None,
            text: Text::Worded(Held::Own(Box::default())),
        });
        d.rule = self.rule;
        d.severity = self.severity;
        d.span = self.span;
        let words = d.words_mut();
        words.empty_into(&mut room.spare);
        let spare = &mut room.spare;
        (l.word)(zone, l.args, &mut WordsIn { words, spare });
        d
    }

    /// The finding with its words: itself when it has them, else worded anew from `zone`.
    pub fn worded(&self, zone: &dyn std::any::Any) -> std::borrow::Cow<'_, Diagnostic> {
        match self.text {
            Text::Worded(_) => std::borrow::Cow::Borrowed(self),
            Text::Later(_) => {
                let mut d = self.clone();
                d.word(zone);
                std::borrow::Cow::Owned(d)
            }
        }
    }
}

/// The words of the fixed message `message`, made the first time it is asked for and shared
/// from then on. Only the program's own texts are fixed, so what is kept is bounded by them.
///
/// Each thread keeps the last it was given: a hostile file raises the same one a line, and
/// the zones of a repository are read on every core, which would otherwise all take the
/// lock for each.
pub fn fixed_words(message: &'static str) -> &'static Words {
    type Made = std::collections::HashMap<&'static str, &'static Words>;
    static MADE: std::sync::LazyLock<std::sync::Mutex<Made>> =
        std::sync::LazyLock::new(Default::default);
    thread_local! {
        static LAST: std::cell::Cell<Option<(&'static str, &'static Words)>> =
            const { std::cell::Cell::new(None) };
    }
    if let Some((m, words)) = LAST.get() {
        if std::ptr::eq(m, message) {
            return words;
        }
    }
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    let words = *made.entry(message).or_insert_with(|| {
        Box::leak(Box::new(Words {
            message: message.to_string(),
            ..Words::default()
        }))
    });
    LAST.set(Some((message, words)));
    words
}

/// Words every finding of `d` not yet worded, from `zone`.
pub fn word_all(d: &mut [Diagnostic], zone: &dyn std::any::Any) {
    for x in d {
        x.word(zone);
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
    if printable_or_tab(s.as_bytes()) || !s.chars().any(is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

/// Whether every byte is printable ASCII or a tab.
pub(crate) fn printable_or_tab(bytes: &[u8]) -> bool {
    all_bytes(bytes, |b| b == b'\t' || (0x20..0x7f).contains(&b))
}

/// Whether `ok` holds for every byte. Looked at 16 bytes at a time, without stopping inside
/// a block, so that the compiler can test a block in a few instructions (one byte at a time
/// was 9 instructions a byte, and every finding's message is looked at).
pub(crate) fn all_bytes(bytes: &[u8], ok: impl Fn(u8) -> bool) -> bool {
    let blocks = bytes.chunks_exact(16);
    let rest = blocks.remainder();
    blocks
        .into_iter()
        .all(|block| block.iter().fold(true, |all, &b| all & ok(b)))
        && rest.iter().all(|&b| ok(b))
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

    static RULE: Rule = Rule {
        code: "ZW0000",
        name: "test",
        severity: Severity::Warning,
        doc: "",
    };

    #[test]
    fn fixed_words_are_shared_and_changed_only_in_a_copy() {
        static FIXED: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| Words {
            message: "the same for all".into(),
            ..Words::default()
        });
        let d = Diagnostic::fixed(&RULE, None, &FIXED);
        assert!(d.is_worded());
        assert_eq!(d.message(), "the same for all");
        assert!(
            std::ptr::eq(d.words(), &*FIXED),
            "nothing copied for the finding"
        );
        assert!(std::ptr::eq(d.worded(&()).words(), &*FIXED));
        let mut room = WordingRoom::default();
        assert!(std::ptr::eq(d.worded_in(&(), &mut room).words(), &*FIXED));
        // Words added to one finding are its own: the shared words stay as they were.
        let changed = d.clone().with_fix("do this");
        assert_eq!(changed.fix(), Some("do this"));
        assert_eq!(changed.message(), "the same for all");
        assert_eq!(d.fix(), None);
        assert_eq!(FIXED.fix, None);
    }

    #[test]
    fn a_message_alone_is_held_alone_until_more_is_added() {
        let d = Diagnostic::new(&RULE, None, format!("bad {}", 1));
        assert!(matches!(d.text, Text::Worded(Held::Message(_))));
        assert_eq!(
            (d.message(), d.fix(), d.related().len(), d.safe_from()),
            ("bad 1", None, 0, None)
        );
        let d = d
            .with_fix("mend it")
            .with_related(Span::new(0, 1, 2), "here");
        assert!(matches!(d.text, Text::Worded(Held::Own(_))));
        assert_eq!((d.message(), d.fix()), ("bad 1", Some("mend it")));
        assert_eq!(d.related().len(), 1);
    }

    #[test]
    fn a_fixed_message_is_worded_once_for_all_its_findings() {
        let a = Diagnostic::with_message(&RULE, None, "expected a test".into());
        let b = Diagnostic::with_message(&RULE, None, "expected a test".into());
        assert_eq!(a.message(), "expected a test");
        assert!(std::ptr::eq(a.words(), b.words()));
        assert!(std::ptr::eq(a.words(), fixed_words("expected a test")));
        // A message made at run time is the finding's own.
        let c = Diagnostic::with_message(&RULE, None, format!("expected a {}", "test").into());
        assert_eq!(c.message(), "expected a test");
        assert!(!std::ptr::eq(a.words(), c.words()));
        let other = Diagnostic::with_message(&RULE, None, "expected another".into());
        assert_eq!(other.message(), "expected another");
        // The thread's last message is told apart from another at the same address.
        let long: &'static str = "expected a test";
        assert_eq!(fixed_words(long).message, "expected a test");
        assert_eq!(fixed_words(&long[..8]).message, "expected");
        assert_eq!(fixed_words(long).message, "expected a test");
        assert!(std::ptr::eq(fixed_words(long), a.words()));
    }

    /// Words from what `word` is given: here a string standing for the zone; a fix made
    /// and a label for even numbers.
    fn from_text(zone: &dyn std::any::Any, [n, ..]: [u32; 3], out: &mut WordsIn) {
        use std::fmt::Write;
        let text = zone.downcast_ref::<String>().cloned().unwrap_or_default();
        let _ = write!(out.message(), "{text} {n}");
        if n % 2 == 0 {
            let _ = write!(out.fix(), "fix {n}");
            let _ = write!(
                out.related(Span::new(0, n as usize, n as usize + 1)),
                "label {n}"
            );
        } else {
            out.fix_static("fix it");
        }
    }

    /// A finding worded later has no words until worded from its zone, and then has them
    /// for good; one worded at once is never worded again.
    #[test]
    fn findings_are_worded_once_from_their_zone() {
        let later = Later {
            word: from_text,
            args: [7, 0, 0],
        };
        let mut d = Diagnostic::later(&RULE, None, later);
        assert!(!d.is_worded());
        assert_eq!((d.message(), d.fix()), ("", None));
        let zone = "zone".to_string();
        assert_eq!(d.worded(&zone).message(), "zone 7");
        assert!(!d.is_worded(), "worded() leaves the finding as it is");
        d.word(&zone);
        assert!(d.is_worded());
        d.word(&"another".to_string());
        assert_eq!((d.message(), d.fix()), ("zone 7", Some("fix it")));
        let at_once = Diagnostic::new(&RULE, None, "said");
        assert!(matches!(
            at_once.worded(&zone),
            std::borrow::Cow::Borrowed(_)
        ));
        // Changing the words of one not yet worded starts them afresh.
        let mut d = Diagnostic::later(&RULE, None, later);
        d.words_mut().safe_from = Some(1);
        assert_eq!((d.message(), d.safe_from()), ("", Some(1)));
    }

    /// Findings worded in a room one after another, as a report writes them, say what each
    /// worded alone says: nothing of the one before is left in the room's words.
    #[test]
    fn findings_worded_in_a_room_are_worded_as_alone() {
        let zone = "zone".to_string();
        let mut room = WordingRoom::default();
        let at_once = Diagnostic::new(&RULE, Some(Span::new(0, 1, 2)), "said");
        for n in [3u32, 4, 4, 5, 8, 9, 11, 2] {
            let later = Later {
                word: from_text,
                args: [n, 0, 0],
            };
            let d = Diagnostic::later(&RULE, Some(Span::new(0, n as usize, n as usize)), later);
            let mut alone = d.clone();
            alone.word(&zone);
            let worded = d.worded_in(&zone, &mut room);
            assert_eq!(worded.span, d.span);
            assert_eq!(worded.message(), alone.message(), "{n}");
            assert_eq!(worded.fix(), alone.fix(), "{n}");
            assert_eq!(worded.related(), alone.related(), "{n}");
            assert!(std::ptr::eq(at_once.worded_in(&zone, &mut room), &at_once));
        }
    }

    #[test]
    fn blocks_of_sixteen_read_as_one_byte_at_a_time() {
        // Every byte value at every place in texts of up to 40 bytes: one block, two, and a
        // remainder of every length.
        let one_at_a_time = |b: &[u8]| b.iter().all(|&c| c == b'\t' || (0x20..0x7f).contains(&c));
        for len in 0..40 {
            let text = vec![b'a'; len];
            assert!(printable_or_tab(&text));
            for at in 0..len {
                for byte in 0..=255u8 {
                    let mut t = text.clone();
                    t[at] = byte;
                    assert_eq!(
                        printable_or_tab(&t),
                        one_at_a_time(&t),
                        "byte {byte:#x} at {at} of {len}"
                    );
                }
            }
        }
    }

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
