//! A record's text read again: where its RDATA and each RDATA field lie.
//!
//! A record keeps only the offset of its first token. Where its RDATA starts is found, when
//! a finding needs it, by lexing its line again and skipping what the reader skipped: the
//! owner (present when the line does not start with blank space), a TTL and a class in
//! either order, and the type. Keeping the RDATA's offset in every record instead cost 4
//! bytes a record (80 MB for a TLD-size zone) to save a few microseconds a finding.

use super::lexer::{LexError, Lexer, Token};
use super::rtype;
use super::{Record, Zone};
use crate::source::Span;
use std::cell::RefCell;

thread_local! {
    /// Each thread's lists for the tokens and errors of the line read again: a rules pass
    /// reads a line for each of tens of thousands of findings, and lists made anew for each
    /// were allocated and grown every time.
    static LINE: RefCell<(Vec<Token>, Vec<LexError>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

impl Zone {
    /// The span of RDATA field `n` (0-based) of a record, read from its text; `None` when the
    /// record has no such field or its text cannot be followed (a `$GENERATE` line).
    pub fn field_span(&self, r: &Record, n: usize) -> Option<Span> {
        self.reread(r, |toks, rdata| toks.get(rdata + n).map(Token::outer))
            .flatten()
            .map(|(s, e)| Span::new(self.file_of(r), s, e))
    }

    /// Where a record's RDATA starts: its first RDATA token, or the end of its type when it
    /// has none; a generated record's is its `$GENERATE` directive, as the reader reports.
    pub fn rdata_span(&self, r: &Record) -> Span {
        let at = self
            .reread(r, |toks, rdata| match toks.get(rdata) {
                Some(t) => Some(t.outer().0),
                None => toks.get(rdata.checked_sub(1)?).map(|t| t.outer().1),
            })
            .flatten()
            .unwrap_or(r.pos as usize);
        Span::new(self.file_of(r), at, at)
    }

    /// Lexes the logical line of `r` and hands `f` its tokens, at offsets in the source file,
    /// with the index of the first RDATA token. Text not kept is read in growing pieces until
    /// the record's line ends within one (tests start small, so that the growing is tried).
    fn reread<T>(&self, r: &Record, f: impl Fn(&[Token], usize) -> T) -> Option<T> {
        let src = self.sources.get(self.file_of(r) as usize)?;
        let pos = r.pos as usize;
        if pos >= src.len() {
            return None;
        }
        // The byte before the first token tells whether the line starts with an owner.
        let from = pos.saturating_sub(1);
        let mut want = if src.is_kept() {
            src.len()
        } else if cfg!(test) {
            2
        } else {
            1024
        };
        loop {
            let end = pos.saturating_add(want).min(src.len());
            // Lexed where the source keeps the text, without copying it out.
            let found = src.with_bytes(from..end, |text| {
                let owner = pos == 0 || text.first() == Some(&b'\n');
                // A file that has become shorter since it was read gives less.
                let Some(text) = text.get(pos - from..) else {
                    return Some(None);
                };
                LINE.with(|line| {
                    // Taken, not borrowed, should `f` ever read a line again itself.
                    let (mut toks, mut errs) = std::mem::take(&mut *line.borrow_mut());
                    toks.clear();
                    errs.clear();
                    let mut lx = Lexer::new(text);
                    let read = lx.next_line(&mut toks, &mut errs);
                    let found = if lx.hit_end() && end < src.len() {
                        None
                    } else {
                        Some(read.and_then(|_| {
                            if toks.first()?.text(text).first() == Some(&b'$') {
                                return None;
                            }
                            let rdata = type_index(text, &toks, usize::from(owner))? + 1;
                            for t in &mut toks {
                                t.start += pos as u32;
                                t.end += pos as u32;
                            }
                            Some(f(&toks, rdata))
                        }))
                    };
                    *line.borrow_mut() = (toks, errs);
                    found
                })
            });
            match found {
                None => want = want.saturating_mul(2),
                Some(v) => return v,
            }
        }
    }
}

/// The index of the type token: after the owner (if `first` is 1), a TTL (a token that
/// starts with a digit) and a class (an unquoted class mnemonic), each at most once and in
/// either order, as the reader takes them.
fn type_index(text: &[u8], toks: &[Token], first: usize) -> Option<usize> {
    let (mut ttl, mut class) = (false, false);
    let mut i = first;
    while let Some(t) = toks.get(i) {
        let w = t.text(text);
        if !ttl && w.first().is_some_and(u8::is_ascii_digit) {
            ttl = true;
        } else if !class && !t.quoted && rtype::parse_class(w).is_some() {
            class = true;
        } else {
            break;
        }
        i += 1;
    }
    (i < toks.len()).then_some(i)
}

#[cfg(test)]
mod tests {
    use crate::zone::{read_file, read_text, ReadOptions, Zone};

    const TEXT: &str = "$ORIGIN example.\n$TTL 300\n\
        @ IN SOA ( ns1 hostmaster\n    1 2 3 4 5 )\n\
        @ 3600 IN NS ns1\n\
        ns1 IN 60 A 192.0.2.1\n\
        \tAAAA 2001:db8::1 ; a comment\n\
        in TXT \"quoted text\" plain\n\
        60 MX 10 mail\n\
        $GENERATE 1-2 h$ A 192.0.2.$\n";

    /// Each record's RDATA fields as the re-reading finds them, as text.
    fn fields(z: &Zone, text: &str) -> Vec<Vec<String>> {
        let at = |s: crate::source::Span| text[s.start as usize..s.end as usize].to_string();
        z.records
            .iter()
            .map(|r| {
                let mut v = vec![format!("@{}", z.rdata_span(r).start)];
                v.extend((0..8).map_while(|n| z.field_span(r, n)).map(at));
                v
            })
            .collect()
    }

    #[test]
    fn fields_are_found_past_owner_ttl_class_and_parentheses() {
        let want: Vec<Vec<&str>> = vec![
            vec!["ns1", "hostmaster", "1", "2", "3", "4", "5"],
            vec!["ns1"],
            vec!["192.0.2.1"],
            vec!["2001:db8::1"],
            vec!["\"quoted text\"", "plain"],
            vec!["10", "mail"],
            vec![],
            vec![],
        ];
        let kept = read_text("t.zone".into(), TEXT.into(), &ReadOptions::default());
        let dir = std::env::temp_dir().join(format!("zw-reread-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.zone");
        std::fs::write(&path, TEXT).unwrap();
        // Read from disk, the text is not kept and is read again in growing pieces.
        let streamed = read_file(&path, &ReadOptions::default()).unwrap();
        for z in [&kept, &streamed] {
            assert!(z.diagnostics.is_empty(), "{:?}", z.diagnostics);
            let got = fields(z, TEXT);
            assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                assert_eq!(&g[1..], &w[..], "{g:?}");
                // The RDATA starts at the first field; a generated record points at its
                // directive.
                let start: usize = g[0][1..].parse().unwrap();
                match w.first() {
                    Some(f) => assert!(TEXT[start..].starts_with(f)),
                    None => assert!(TEXT[start..].starts_with("$GENERATE")),
                }
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
