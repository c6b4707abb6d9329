//! The master-file lexer (RFC 1035 §5.1): turns bytes into the tokens of one logical line.
//!
//! A logical line ends at a newline outside parentheses. Comments, quoting and escapes are
//! resolved here, so the parser sees only words and quoted strings, each with its byte span.
//! Tokens borrow nothing: they are offsets into the source, and no token allocates.

/// One word or quoted string. For a quoted string the span excludes the quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub quoted: bool,
    /// The token holds a backslash escape that must be decoded before use.
    pub escaped: bool,
}

impl Token {
    pub fn text<'a>(&self, src: &'a [u8]) -> &'a [u8] {
        &src[self.start as usize..self.end as usize]
    }

    /// The span of the token as written, quotes included.
    pub fn outer(&self) -> (usize, usize) {
        if self.quoted {
            (self.start as usize - 1, self.end as usize + 1)
        } else {
            (self.start as usize, self.end as usize)
        }
    }
}

/// What went wrong while splitting a line into tokens; each carries the byte offset to blame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexError {
    /// A `(` with no `)` before the end of the file.
    UnclosedParen(usize),
    /// A `)` with no `(` before it.
    StrayParen(usize),
    /// A quoted string still open at the end of its line.
    UnterminatedQuote(usize),
    /// A backslash at the very end of the input.
    DanglingEscape(usize),
}

/// One logical line.
#[derive(Clone, Copy, Debug)]
pub struct Line {
    /// Offset of the line's first byte.
    pub start: usize,
    /// The line began with white space: the owner is the previous record's (RFC 1035 §5.1).
    pub blank_owner: bool,
    /// A lexical error spoiled the line; its tokens must not be used as a record.
    pub broken: bool,
}

// Bytes that end a word.
const fn delimiters() -> [bool; 256] {
    let mut t = [false; 256];
    t[b' ' as usize] = true;
    t[b'\t' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t[b';' as usize] = true;
    t[b'(' as usize] = true;
    t[b')' as usize] = true;
    t[b'"' as usize] = true;
    t
}
static DELIM: [bool; 256] = delimiters();

/// Which of eight bytes (a little-endian word) may end a word or escape in it: below 0x21
/// (white space, line ends and other controls), `;`, `(`, `)`, `"` or a backslash. Each
/// such byte's top bit is set, and the lowest set bit is exact (the any-byte tests of Bit
/// Twiddling Hacks, `hasless` and `haszero`, may also flag bytes above the first); zero means
/// a word runs on past all eight. Signatures and keys are long words, and a byte at a time
/// was most of reading them.
fn word_end_mask(v: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |v: u64, n: u8| v.wrapping_sub(ONES * u64::from(n)) & !v & HIGHS;
    let has = |v: u64, b: u8| below(v ^ (ONES * u64::from(b)), 1);
    // `(` and `)` differ in the lowest bit only.
    below(v, 0x21) | has(v, b';') | has(v & !ONES, b'(') | has(v, b'"') | has(v, b'\\')
}

use crate::source::MARKER;

pub struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    hit_end: bool,
    /// Offsets (into `src`) of `(`s known to have no `)` before the end of the text, sorted.
    doomed: &'a [usize],
    /// Where [`MARKER`] starts a comment, in the lines read since the last
    /// [`Lexer::take_markers`].
    markers: Vec<usize>,
    /// The `(`s of the last unclosed parenthesis that have no `)`: see
    /// [`Lexer::take_unmatched`].
    unmatched: Vec<usize>,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a [u8]) -> Lexer<'a> {
        Lexer {
            src,
            pos: 0,
            hit_end: false,
            doomed: &[],
            markers: Vec::new(),
            unmatched: Vec::new(),
        }
    }

    /// Tells the lexer which `(`s an earlier scan found unclosed at the end of the text
    /// (offsets into this lexer's text, sorted). Such a `(` is reported at once instead of
    /// being followed to the end of the text again: without this, a file of lines that
    /// each open a parenthesis would cost time quadratic in its length.
    pub fn set_doomed(&mut self, doomed: &'a [usize]) {
        self.doomed = doomed;
    }

    /// Offsets of the suppression markers that start comments, in the lines read so far.
    /// Only real comments count: a `;` inside a quoted string starts none.
    pub fn take_markers(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.markers)
    }

    /// After an unclosed parenthesis ran into the end of the text: every `(` from that one
    /// on that no `)` closes, in order. Each of them would run into the end again.
    pub fn take_unmatched(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.unmatched)
    }

    /// How far the lexer has read.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// Goes on reading from `pos`, which must be where a line starts.
    pub fn set_offset(&mut self, pos: usize) {
        self.pos = pos.min(self.src.len());
    }

    /// Whether the last [`Lexer::next_line`] ran into the end of the text before its line
    /// ended: with more text after it, the line could read otherwise.
    pub fn hit_end(&self) -> bool {
        self.hit_end
    }

    /// Reads the next logical line that holds at least one token (or a lexical error).
    pub fn next_line(
        &mut self,
        tokens: &mut Vec<Token>,
        errors: &mut Vec<LexError>,
    ) -> Option<Line> {
        let src = self.src;
        self.hit_end = false;
        loop {
            if self.pos >= src.len() {
                return None;
            }
            tokens.clear();
            let start = self.pos;
            let blank_owner = matches!(src[start], b' ' | b'\t');
            let mut depth = 0usize;
            let mut open_at = 0usize;
            let mut broken = false;
            loop {
                while self.pos < src.len() && matches!(src[self.pos], b' ' | b'\t' | b'\r') {
                    self.pos += 1;
                }
                if self.pos >= src.len() {
                    self.hit_end = true;
                    if depth > 0 {
                        self.unmatched = unmatched_opens(src, open_at);
                        broken = self.unclosed(open_at, tokens, errors);
                    }
                    break;
                }
                match src[self.pos] {
                    b'\n' => {
                        self.pos += 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    b';' => {
                        let body = self.pos + 1;
                        self.pos = memchr::memchr(b'\n', &src[body..])
                            .map(|i| body + i)
                            .unwrap_or(src.len());
                        let text = &src[body..self.pos];
                        let lead = text
                            .iter()
                            .take_while(|b| matches!(b, b' ' | b'\t'))
                            .count();
                        if text[lead..].starts_with(MARKER) {
                            self.markers.push(body + lead);
                        }
                    }
                    b'(' => {
                        if depth == 0 {
                            open_at = self.pos;
                            if !self.doomed.is_empty()
                                && self.doomed.binary_search(&open_at).is_ok()
                            {
                                broken = self.unclosed(open_at, tokens, errors);
                                break;
                            }
                        }
                        depth += 1;
                        self.pos += 1;
                    }
                    b')' => {
                        if depth == 0 {
                            errors.push(LexError::StrayParen(self.pos));
                            broken = true;
                        } else {
                            depth -= 1;
                        }
                        self.pos += 1;
                    }
                    b'"' => match self.quoted() {
                        Ok(tok) => tokens.push(tok),
                        Err(e) => {
                            errors.push(e);
                            broken = true;
                            depth = 0;
                        }
                    },
                    _ => match self.word() {
                        Ok(tok) => tokens.push(tok),
                        Err(e) => {
                            errors.push(e);
                            broken = true;
                        }
                    },
                }
            }
            if tokens.is_empty() && !broken {
                continue;
            }
            return Some(Line {
                start,
                blank_owner,
                broken,
            });
        }
    }

    /// Reports the `(` at `open_at` as never closed and recovers: the record is given up and
    /// reading goes on after the line that holds the `(`. Returns that the line is broken.
    fn unclosed(
        &mut self,
        open_at: usize,
        tokens: &mut Vec<Token>,
        errors: &mut Vec<LexError>,
    ) -> bool {
        errors.push(LexError::UnclosedParen(open_at));
        self.pos = memchr::memchr(b'\n', &self.src[open_at..])
            .map(|i| open_at + i + 1)
            .unwrap_or(self.src.len());
        tokens.clear();
        true
    }

    /// A quoted string; `self.pos` is at the opening quote.
    fn quoted(&mut self) -> Result<Token, LexError> {
        let src = self.src;
        let open = self.pos;
        let start = open + 1;
        let mut i = start;
        let mut escaped = false;
        while i < src.len() {
            // Straight to the next byte that matters: TXT strings (SPF, DKIM keys) are long.
            let Some(k) = memchr::memchr3(b'"', b'\\', b'\n', &src[i..]) else {
                i = src.len();
                break;
            };
            i += k;
            match src[i] {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(Token {
                        start: start as u32,
                        end: i as u32,
                        quoted: true,
                        escaped,
                    });
                }
                b'\\' => {
                    escaped = true;
                    i += 2;
                }
                b'\n' => break,
                _ => i += 1,
            }
        }
        if i >= src.len() {
            // An escaped newline may have carried the string to the end of the text.
            self.hit_end = true;
        }
        // Unterminated: stop at the end of this line so the next line is read afresh.
        self.pos = memchr::memchr(b'\n', &src[open..])
            .map(|k| open + k)
            .unwrap_or(src.len());
        Err(LexError::UnterminatedQuote(open))
    }

    /// A word. As in BIND's lexer, `"` ends a word as `(`, `)` and `;` do, so
    /// SVCB's `alpn="h2,h3"` is the word `alpn=` followed by a quoted string.
    fn word(&mut self) -> Result<Token, LexError> {
        let src = self.src;
        let start = self.pos;
        let mut i = start;
        let mut escaped = false;
        // Eight bytes at a time while none can end the word; then byte by byte.
        while let Some(eight) = src.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(eight);
            let v = u64::from_le_bytes(w);
            let m = word_end_mask(v);
            if m != 0 {
                // The first byte that may end the word, taken from the word already read:
                // white space or a line's end (as nearly always) ends it here, without
                // waiting to read the byte again; anything else is looked at below.
                let shift = m.trailing_zeros() & !7;
                i += (shift / 8) as usize;
                if matches!((v >> shift) as u8, b' ' | b'\n' | b'\t') {
                    self.pos = i;
                    return Ok(Token {
                        start: start as u32,
                        end: i as u32,
                        quoted: false,
                        escaped,
                    });
                }
                break;
            }
            i += 8;
        }
        while i < src.len() {
            let c = src[i];
            if c == b'\\' {
                if i + 1 >= src.len() {
                    self.pos = src.len();
                    return Err(LexError::DanglingEscape(i));
                }
                escaped = true;
                // Outside quotes, a backslash before the end of the line escapes nothing
                // (BIND and Knot refuse it): the word ends with it, and the line ends after
                // it. Inside quotes it escapes the newline, as in BIND.
                if matches!(src[i + 1], b'\n' | b'\r') {
                    i += 1;
                    break;
                }
                i += 2;
                continue;
            }
            if DELIM[c as usize] {
                break;
            }
            i += 1;
        }
        self.pos = i.min(src.len());
        Ok(Token {
            start: start as u32,
            end: self.pos as u32,
            quoted: false,
            escaped,
        })
    }
}

/// The `(`s from `open` on (which must open a parenthesis at the top level, and whose
/// scan ran into the end of `src`) that no `)` closes, read with the lexer's rules for
/// comments, quotes and escapes. A line that starts after `open` reads the same bytes the
/// same way, so each of these would run into the end of the text again, and no other would.
fn unmatched_opens(src: &[u8], open: usize) -> Vec<usize> {
    let mut stack = Vec::new();
    let mut i = open;
    while i < src.len() {
        match src[i] {
            b'\\' if !matches!(src.get(i + 1), Some(b'\n' | b'\r')) => i += 1,
            b';' => {
                i = memchr::memchr(b'\n', &src[i..]).map_or(src.len(), |k| i + k);
                continue;
            }
            b'"' => {
                i += 1;
                while i < src.len() && !matches!(src[i], b'"' | b'\n') {
                    i += if src[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' => stack.push(i),
            b')' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_bytes_at_a_time_stop_where_a_byte_at_a_time_does() {
        // Every byte value at every place of a long word: the word ends exactly at the
        // first delimiter (or goes on past a backslash's escape), as byte by byte.
        let word = b"AwEAAcMnWBKLuvG/LwnPVykcmpvnntwxfshHlHRhlY0F3oz8AMcuF8gw9McCw";
        for place in 0..40 {
            for b in 0..=255u8 {
                let mut text = word.to_vec();
                text[place] = b;
                text.extend_from_slice(b" rest\n");
                let mut lx = Lexer::new(&text);
                let tok = lx.word().unwrap();
                let want = if b == b'\\' {
                    text[place + 2..]
                        .iter()
                        .position(|&c| DELIM[c as usize])
                        .unwrap()
                        + place
                        + 2
                } else {
                    text.iter().position(|&c| DELIM[c as usize]).unwrap()
                };
                assert_eq!(tok.end as usize, want, "byte {b:#04x} at {place}");
            }
        }
    }

    #[test]
    fn the_lowest_byte_the_mask_flags_is_the_first_that_may_end_a_word() {
        let ends = |c: u8| c < 0x21 || b";()\"\\".contains(&c);
        for place in 0..8 {
            for b in 0..=255u8 {
                // A word byte before `place`, `b` at it, and bytes of every kind after.
                for after in [b'A', 0x00, 0x80, 0xff, b'(', b')'] {
                    let mut w = [after; 8];
                    w[..place].fill(b'x');
                    w[place] = b;
                    let m = word_end_mask(u64::from_le_bytes(w));
                    let first = w.iter().position(|&c| ends(c));
                    let flagged = (m != 0).then(|| (m.trailing_zeros() / 8) as usize);
                    assert_eq!(flagged, first, "{w:?}");
                }
            }
        }
    }

    fn lex(s: &str) -> (Vec<Vec<String>>, Vec<LexError>) {
        let mut lx = Lexer::new(s.as_bytes());
        let mut toks = Vec::new();
        let mut errs = Vec::new();
        let mut lines = Vec::new();
        while let Some(line) = lx.next_line(&mut toks, &mut errs) {
            if line.broken {
                lines.push(vec!["<broken>".to_string()]);
                continue;
            }
            lines.push(
                toks.iter()
                    .map(|t| String::from_utf8_lossy(t.text(s.as_bytes())).into_owned())
                    .collect(),
            );
        }
        (lines, errs)
    }

    #[test]
    fn parentheses_comments_and_quotes() {
        let (lines, errs) =
            lex("@ IN SOA ns ( ; c\n 1 2 ; x\n 3 4 5 )\n\n; only\nt TXT \"a b\\\"c\" d\\;e\n");
        assert!(errs.is_empty());
        assert_eq!(lines[0], ["@", "IN", "SOA", "ns", "1", "2", "3", "4", "5"]);
        assert_eq!(lines[1], ["t", "TXT", "a b\\\"c", "d\\;e"]);
    }

    #[test]
    fn errors_recover_at_the_next_line() {
        let (lines, errs) = lex("a A 1.2.3.4 )\nb TXT \"open\nc A 1.2.3.4\nd ( A\n");
        assert_eq!(
            errs,
            [
                LexError::StrayParen(12),
                LexError::UnterminatedQuote(20),
                LexError::UnclosedParen(40)
            ]
        );
        assert_eq!(lines[0], ["<broken>"]);
        assert_eq!(lines[1], ["<broken>"]);
        assert_eq!(lines[2], ["c", "A", "1.2.3.4"]);
        assert_eq!(lines[3], ["<broken>"]);
    }
}
