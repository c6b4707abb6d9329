//! The second half of reading a record: its RDATA encoded onto the arena, its TTL settled
//! and its owner interned; for a large file on the interner's thread.
//!
//! The reader splits lines into tokens and reads owners, TTLs, classes and types. For a
//! large file, what is left of each record line (its type token and RDATA tokens, copied
//! with their text) goes into the batch as a [`Pending`] record: encoding RDATA took about
//! a third of the reader's time, so moving it here balances the two threads. Diagnostics
//! keep reading order: the reader's are tagged with how many pending records came before
//! them, and this side puts its own between them in order. A small file's records are
//! assembled on the reader's thread as they are read ([`Assembly::assemble`]), its
//! diagnostics in order as they come.

use super::intern::Interning;
use super::Anchor;
use crate::diag::Diagnostic;
use crate::rules::syntax::*;
use crate::source::{FileId, Span};
use crate::zone::lexer::Token;
use crate::zone::name::{self, NameError, NameId};
use crate::zone::rdata::{self, RdataError};
use crate::zone::rtype::{self, t};
use crate::zone::{Record, RecordFiles};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// What a record line gives before its RDATA.
#[derive(Clone, Copy)]
pub(super) struct Head {
    /// The sequence number of the owner's first appearance (see [`super::intern::Batch`]).
    pub(super) owner: NameId,
    /// Where the record starts, for [`Record::pos`].
    pub(super) pos: u32,
    pub(super) rtype: u16,
    pub(super) file: FileId,
    /// The TTL written on the line, and the `$TTL` in force there.
    pub(super) ttl: Option<u32>,
    pub(super) default_ttl: Option<u32>,
}

/// A record line read up to its type; its RDATA is encoded on the assembling side.
#[derive(Clone, Copy)]
pub(super) struct Pending {
    pub(super) head: Head,
    /// Index of the origin in force, in the batch's origins.
    pub(super) origin: u32,
    /// Where the line's first token ends (it starts at `pos`): a stop is reported there.
    pub(super) first_end: u32,
    /// How many owner names the batch had introduced when this record was read.
    pub(super) names: u32,
    pub(super) rdata: Rdata,
}

/// A pending record's RDATA.
#[derive(Clone, Copy)]
pub(super) enum Rdata {
    /// To be encoded: the type token and the RDATA tokens after it, in the batch's tokens,
    /// and what to add (wrapping) to an offset in the batch's text for the offset in the
    /// file.
    Text { toks: (u32, u32), base: usize },
    /// Encoded by the reader already, in the batch's wire bytes, its errors reported there:
    /// a `$GENERATE` line's record (whose errors end the expansion, and whose findings
    /// point at the line), or the reader's share of the encoding when this side falls behind
    /// ([`super::intern::Balance`]). `type_at` is where findings about the type point.
    Encoded { wire: (u32, u32), type_at: Span },
    /// Refused by the reader, which reported why just after it: kept in the batch so that a
    /// stop at a full arena falls on the same record whichever side encodes.
    Refused,
}

impl Pending {
    /// Its RDATA in `b`.
    fn source<'a>(&self, b: &PendingBatch<'a>) -> Source<'a> {
        match self.rdata {
            Rdata::Encoded {
                wire: (s, e),
                type_at,
            } => Source::Encoded {
                wire: &b.wire[s as usize..e as usize],
                type_at,
            },
            Rdata::Refused => Source::Refused,
            Rdata::Text { toks, base } => Source::Text {
                text: b.text,
                toks: &b.toks[toks.0 as usize..toks.1 as usize],
                origin: b.origins[self.origin as usize].as_deref(),
                place: Place {
                    file: self.head.file,
                    base,
                    anchor: Anchor::Tokens,
                },
            },
        }
    }
}

/// A record's RDATA as it is assembled.
pub(super) enum Source<'a> {
    /// To encode: the type token and the RDATA tokens after it, in `text`, under `origin`;
    /// diagnostics placed by `place`.
    Text {
        text: &'a [u8],
        toks: &'a [Token],
        origin: Option<&'a [u8]>,
        place: Place,
    },
    /// Encoded already on the reader's side (a generated record's always); findings about
    /// its type point at `type_at` (a generated record's at its `$GENERATE` line).
    Encoded { wire: &'a [u8], type_at: Span },
    /// A record line's the reader could not encode (and has reported).
    Refused,
}

/// Where a record's type is, found only when a finding needs it.
#[derive(Clone, Copy)]
enum At {
    Token(Place, Token),
    Span(Span),
}

impl At {
    fn span(self) -> Span {
        match self {
            At::Token(place, tok) => place.span(&tok),
            At::Span(span) => span,
        }
    }
}

/// Where diagnostics about a record's tokens point.
#[derive(Clone, Copy)]
pub(super) struct Place {
    pub(super) file: FileId,
    /// Added (wrapping) to an offset into the text for the offset in the file.
    pub(super) base: usize,
    pub(super) anchor: Anchor,
}

impl Place {
    pub(super) fn span(&self, tok: &Token) -> Span {
        match self.anchor {
            Anchor::Tokens => {
                let (s, e) = tok.outer();
                Span::new(
                    self.file,
                    self.base.wrapping_add(s),
                    self.base.wrapping_add(e),
                )
            }
            Anchor::Fixed(span) => span,
        }
    }
}

/// The batch's pending records, as the assembling side reads them.
pub(super) struct PendingBatch<'a> {
    pub(super) pending: &'a [Pending],
    pub(super) text: &'a [u8],
    pub(super) toks: &'a [Token],
    pub(super) wire: &'a [u8],
    pub(super) origins: &'a [Option<Vec<u8>>],
}

/// What reading made, once all batches are in.
pub(super) struct Assembled {
    pub(super) names: name::NameTable,
    pub(super) records: Vec<Record>,
    pub(super) rdata: Vec<u8>,
    pub(super) files: RecordFiles,
    pub(super) diagnostics: Vec<Diagnostic>,
}

impl Assembled {
    /// What is left when the assembling thread is lost (a bug): no records, and a finding
    /// that `path` was not read, so that the zone cannot pass for a clean one.
    pub(super) fn lost(path: &str) -> Assembled {
        let msg = format!("cannot read `{path}` to its end: a reading thread stopped");
        Assembled {
            names: name::NameTable::new(&[0]),
            records: Vec::new(),
            rdata: Vec::new(),
            files: RecordFiles::default(),
            diagnostics: vec![Diagnostic::new(&UNREADABLE_FILE, None, msg)],
        }
    }
}

/// The assembling side's state across batches.
pub(super) struct Assembly {
    interning: Interning,
    rdata: Vec<u8>,
    files: RecordFiles,
    diagnostics: Vec<Diagnostic>,
    /// Records of this batch, owners still by sequence number (unless `interned`).
    records: Vec<Record>,
    /// The batch's owner names are interned already: records go straight to the interning
    /// side with their owners' ids.
    interned: bool,
    /// The last TTL written out, for files without `$TTL` (RFC 1035 §5.1).
    last_ttl: Option<u32>,
    warned_ttl: bool,
    /// The file of the last record kept, whose run [`RecordFiles`] is in.
    last_file: FileId,
    /// The most RDATA the arena may hold.
    rdata_limit: usize,
    /// The arena is full: nothing after the record that found it is kept, and the reader is
    /// told to stop.
    stopped: Arc<AtomicBool>,
}

impl Assembly {
    pub(super) fn new(
        interning: Interning,
        rdata: Vec<u8>,
        rdata_limit: usize,
        stopped: Arc<AtomicBool>,
    ) -> Assembly {
        Assembly {
            interning,
            rdata,
            files: RecordFiles::default(),
            diagnostics: Vec::new(),
            records: Vec::new(),
            interned: false,
            last_ttl: None,
            warned_ttl: false,
            last_file: 0,
            rdata_limit: rdata_limit.min(u32::MAX as usize),
            stopped,
        }
    }

    /// Encodes a batch's pending records, puts the reader's diagnostics between them (each
    /// after the pending records its number counts), and interns the owner names they
    /// introduced, `read` bytes into the main file.
    pub(super) fn take(
        &mut self,
        b: PendingBatch<'_>,
        diags: &mut Vec<(u32, Diagnostic)>,
        names: &[u8],
        ends: &[u32],
        read: usize,
    ) {
        if self.stopped.load(Ordering::Relaxed) {
            return;
        }
        // Each record adds at most a byte between files and 65535 of RDATA: when the arena
        // cannot fill up in this batch, its names are interned first and each record is
        // taken with its owner's id at once, not gathered and gone over again.
        let most = b.pending.len().saturating_add(1).saturating_mul(65536);
        self.interned = self.rdata.len().saturating_add(most) <= self.rdata_limit;
        if self.interned {
            self.interning.intern(names, ends, read);
        }
        let mut diags = diags.drain(..).peekable();
        let mut names_kept = ends.len();
        for (k, p) in b.pending.iter().enumerate() {
            while let Some((_, d)) = diags.next_if(|(at, _)| *at as usize <= k) {
                self.diagnostics.push(d);
            }
            if !self.assemble(&p.head, p.first_end, p.source(&b)) {
                names_kept = p.names as usize;
                break;
            }
        }
        if self.stopped.load(Ordering::Relaxed) {
            // The reader's diagnostics after the stop are about lines not read.
            diags.for_each(drop);
        } else {
            self.diagnostics.extend(diags.map(|(_, d)| d));
        }
        if !std::mem::take(&mut self.interned) {
            self.interning
                .take(names, &ends[..names_kept], &mut self.records, read);
        }
    }

    /// Interns the owner names a small file's batch introduced, its records assembled on
    /// the reader's thread already ([`Assembly::assemble`]), `read` bytes into the file.
    pub(super) fn take_names(&mut self, names: &[u8], ends: &[u32], read: usize) {
        self.interning.take(names, ends, &mut self.records, read);
    }

    /// A diagnostic of the reader's, in reading order: a small file's, read on this thread.
    pub(super) fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// One record onto the arena, its line's first token ending at `first_end`; `false`
    /// once the arena is full.
    pub(super) fn assemble(&mut self, p: &Head, first_end: u32, rdata: Source<'_>) -> bool {
        if p.file != self.last_file {
            // A run of records from another file: a byte apart from the last run's RDATA, so
            // that a record of none there is not taken for this file's ([`RecordFiles`]).
            // Past 4 GiB, no run is started: the arena is full, and reading stops at this
            // record with a finding that says so.
            self.rdata.push(0);
            if let Ok(at) = u32::try_from(self.rdata.len()) {
                self.files.start(at, p.file as u16);
            }
            self.last_file = p.file;
        }
        let start = self.rdata.len();
        // One record's RDATA is at most 65535 octets; stop before an offset could wrap.
        if start + 65535 > self.rdata_limit {
            self.stopped.store(true, Ordering::Relaxed);
            // The line's first token (a generated record's `$GENERATE`).
            let first = Span::new(p.file, p.pos as usize, first_end as usize);
            let msg = "the zone's RDATA reaches 4 GiB in wire form; this record and the rest of the zone are not read";
            self.diagnostics
                .push(Diagnostic::new(&UNREADABLE_FILE, Some(first), msg));
            return false;
        }
        let at_type = match rdata {
            Source::Encoded { wire, type_at } => {
                self.rdata.extend_from_slice(wire);
                At::Span(type_at)
            }
            Source::Refused => return true,
            Source::Text {
                text,
                toks,
                origin,
                place,
            } => {
                let encoded = rdata::encode(p.rtype, text, &toks[1..], origin, &mut self.rdata);
                if let Err(e) = encoded {
                    self.rdata.truncate(start);
                    let d = rdata_error(place, text, toks, 0, p.rtype, e);
                    self.diagnostics.push(d);
                    return true;
                }
                At::Token(place, toks[0])
            }
        };
        let rdata_len = self.rdata.len() - start;
        let ttl = self.resolve_ttl(p, rdata_len, at_type);
        let record = Record {
            owner: p.owner,
            ttl,
            rdata_start: start as u32,
            pos: p.pos,
            rtype: p.rtype,
            rdata_len: rdata_len as u16,
        };
        if self.interned {
            self.interning.push(record);
        } else {
            self.records.push(record);
        }
        true
    }

    /// The TTL written, else `$TTL`, else (with a warning, once) the last TTL written or the
    /// SOA minimum.
    fn resolve_ttl(&mut self, p: &Head, rdata_len: usize, at_type: At) -> u32 {
        if let Some(v) = p.ttl {
            self.last_ttl = Some(v);
            return v;
        }
        if let Some(v) = p.default_ttl {
            return v;
        }
        // RFC 1035 semantics: BIND warns and takes the last TTL or the SOA minimum.
        let soa_min = (p.rtype == t::SOA && rdata_len >= 4).then(|| {
            let m = &self.rdata[self.rdata.len() - 4..];
            u32::from_be_bytes([m[0], m[1], m[2], m[3]])
        });
        let v = self.last_ttl.or(soa_min).unwrap_or(0);
        if !self.warned_ttl {
            self.warned_ttl = true;
            let msg = format!("no TTL given and no $TTL in force; using {v}");
            self.diagnostics.push(
                Diagnostic::new(&MISSING_TTL, Some(at_type.span()), msg)
                    .with_fix("add a $TTL line at the top of the zone"),
            );
        }
        if self.last_ttl.is_none() {
            self.last_ttl = Some(v);
        }
        v
    }

    pub(super) fn finish(self) -> Assembled {
        let (names, records) = self.interning.finish();
        Assembled {
            names,
            records,
            rdata: self.rdata,
            files: self.files,
            diagnostics: self.diagnostics,
        }
    }
}

/// The diagnostic for RDATA that could not be encoded; `toks[type_index]` is the type
/// token, the RDATA's follow it.
pub(super) fn rdata_error(
    place: Place,
    src: &[u8],
    toks: &[Token],
    type_index: usize,
    rtype: u16,
    e: RdataError,
) -> Diagnostic {
    let rdata_toks = &toks[type_index + 1..];
    let tname = rtype::type_to_string(rtype);
    let at_tok = |k: usize| rdata_toks.get(k).copied().unwrap_or(toks[toks.len() - 1]);
    let d = |rule, tok: Token, msg: String| Diagnostic::new(rule, Some(place.span(&tok)), msg);
    match e {
        RdataError::Missing(what) => {
            let last = toks[toks.len() - 1];
            let span = match place.anchor {
                Anchor::Tokens => {
                    let end = place.base.wrapping_add(last.outer().1);
                    Span::new(place.file, end, end)
                }
                Anchor::Fixed(s) => s,
            };
            let msg = format!("{tname} record ends early: expected {what}");
            Diagnostic::new(&MISSING_RDATA, Some(span), msg)
        }
        RdataError::Bad { index, message } if message.starts_with("bad escape") => d(
            &BAD_ESCAPE,
            at_tok(index),
            format!("{message} in {tname} record"),
        ),
        RdataError::Bad { index, message } => {
            let tok = at_tok(index);
            let found = crate::diag::quote(tok.text(src));
            let msg = format!("{message} in {tname} record, found `{found}`");
            d(&BAD_RDATA, tok, msg)
        }
        RdataError::Trailing { index } => {
            let tok = at_tok(index);
            let found = crate::diag::quote(tok.text(src));
            let msg = format!("unexpected `{found}` after the last field of the {tname} record");
            d(&TRAILING_RDATA, tok, msg)
        }
        RdataError::Name { index, error } => {
            let tok = at_tok(index);
            name_error(place.span(&tok), tok.text(src), error)
        }
        RdataError::NoTextForm(code) => {
            let msg = format!(
                "{} has no text form here: write its RDATA as \\# LENGTH HEX (RFC 3597)",
                rtype::type_to_string(code)
            );
            d(&BAD_RDATA, at_tok(0), msg)
        }
    }
}

/// The diagnostic for a name that could not be read.
pub(super) fn name_error(span: Span, text: &[u8], e: NameError) -> Diagnostic {
    let rule: &'static crate::diag::Rule = match e {
        NameError::LabelTooLong(_) | NameError::EmptyLabel => &BAD_LABEL,
        NameError::NameTooLong(_) => &NAME_TOO_LONG,
        NameError::BadEscape => &BAD_ESCAPE,
        NameError::NoOrigin => &BAD_RECORD_LINE,
    };
    let shown = crate::diag::quote(text);
    let msg = match e {
        NameError::NoOrigin => {
            // `--origin` serves a run over one zone file only.
            format!("relative name `{shown}` but no origin is known; give $ORIGIN (or --origin for a single zone file)")
        }
        e => format!("{e}: `{shown}`"),
    };
    Diagnostic::new(rule, Some(span), msg)
}

#[cfg(test)]
mod tests {
    use crate::zone::{read_text, Limits, ReadOptions, Zone};

    fn read(text: String, limits: Limits) -> Zone {
        let opts = ReadOptions {
            origin: Some("example.".into()),
            limits,
            ..ReadOptions::default()
        };
        read_text("t.zone".into(), text.into_bytes(), &opts)
    }

    /// (code, line) of each diagnostic, in the order the zone holds them.
    fn found(z: &Zone) -> Vec<(&'static str, usize)> {
        z.diagnostics
            .iter()
            .map(|d| (d.rule.code, z.locate(d).unwrap().start.line))
            .collect()
    }

    /// Errors the reader finds (a bad TTL) and errors found where RDATA is encoded (a bad
    /// address) come out in reading order, at their lines, whether a batch is assembled on
    /// the reader's thread (a small file) or on a thread of its own (a large one).
    #[test]
    fn diagnostics_keep_reading_order_on_either_thread() {
        for hosts in [50usize, 60_000] {
            let mut text = String::from("$TTL 300\n@ SOA ns h 1 2 3 4 5\n");
            let mut want = Vec::new();
            for i in 0..hosts {
                let line = 3 + i;
                match i % 9 {
                    4 => {
                        text.push_str(&format!("h{i} A 192.0.2.{}\n", 256 + i));
                        want.push(("ZW1002", line));
                    }
                    7 => {
                        text.push_str(&format!("h{i} 1x A 192.0.2.1\n"));
                        want.push(("ZW1008", line));
                    }
                    _ => text.push_str(&format!("h{i} AAAA 2001:db8::{:x}\n", i % 65536)),
                }
            }
            let big = text.len() >= super::super::INTERN_HERE_BELOW;
            assert_eq!(big, hosts > 50);
            let z = read(text, Limits::default());
            assert_eq!(found(&z), want, "{hosts} hosts");
            assert_eq!(z.records.len(), 1 + hosts - want.len());
        }
    }

    /// Once the RDATA arena is full, nothing after the record that found it is kept: not its
    /// records, not the reader's diagnostics about later lines, not their owner names.
    #[test]
    fn a_full_arena_stops_on_either_thread() {
        for hosts in [40usize, 30_000] {
            let mut text = String::from("$TTL 300\n@ SOA ns h 1 2 3 4 5\n");
            for i in 0..hosts {
                text.push_str(&format!("t{i} TXT \"{}\"\n", "y".repeat(40)));
                if i % 10 == 9 {
                    text.push_str(&format!("bad{i} 1x A 192.0.2.1\n"));
                }
            }
            let big = text.len() >= super::super::INTERN_HERE_BELOW;
            assert_eq!(big, hosts > 40);
            let rdata_bytes = 65535 + 41 * (hosts / 2);
            let z = read(
                text,
                Limits {
                    rdata_bytes,
                    ..Limits::default()
                },
            );
            let codes: Vec<&str> = z.diagnostics.iter().map(|d| d.rule.code).collect();
            assert_eq!(codes.last(), Some(&"ZW1016"), "{hosts} hosts");
            assert_eq!(codes.iter().filter(|&&c| c == "ZW1016").count(), 1);
            let kept = z.records.len() - 1;
            assert!(kept > 0 && kept < hosts / 2 + 2, "{kept} of {hosts}");
            // Each bad TTL reported lies before the stop; the names are the apex, the
            // records' owners and the bad lines' owners before it, and the stopping one.
            let bad = codes.iter().filter(|&&c| c == "ZW1008").count();
            assert_eq!(bad, kept / 10, "{hosts} hosts");
            assert_eq!(z.names.len(), 1 + kept + bad + 1, "{hosts} hosts");
            assert!(z.rdata.len() <= rdata_bytes);
        }
    }

    /// A `$GENERATE` line without a TTL is expanded whole: the warning that no TTL is in
    /// force is not an error that ends the expansion (it once stopped it after one record).
    #[test]
    fn a_missing_ttl_does_not_end_a_generate() {
        let z = read(
            "@ 60 SOA ns h 1 2 3 4 5\n$GENERATE 1-3 h$ A 192.0.2.$\n".into(),
            Limits::default(),
        );
        let codes: Vec<&str> = z.diagnostics.iter().map(|d| d.rule.code).collect();
        assert_eq!(codes, ["ZW1014"]);
        assert_eq!(z.records.len(), 4);
        // A bad generated record still ends it, with one report.
        let z = read(
            "$TTL 60\n@ SOA ns h 1 2 3 4 5\n$GENERATE 250-260 h$ A 192.0.2.$\n".into(),
            Limits::default(),
        );
        let codes: Vec<&str> = z.diagnostics.iter().map(|d| d.rule.code).collect();
        assert_eq!(codes, ["ZW1002"]);
        assert_eq!(z.records.len(), 1 + 6);
    }
}
