//! The master-file reader (RFC 1035 §5): directives, owners, TTLs and classes, and records.
//!
//! It keeps going after an error: a bad line becomes a diagnostic with its position and the
//! next line is read afresh, so one run reports every error in a file.

use super::lexer::{LexError, Lexer, Line, Token};
use super::name::{self, NameError, NameId};
use super::rdata::{self, RdataError};
use super::rtype::{self, t, CLASS_IN};
use super::window::{self, Window};
use super::{OriginSource, Record, Zone};
use crate::diag::{Diagnostic, Rule};
use crate::rules::syntax::*;
use crate::source::{FileId, SourceFile, Span};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// How deep `$INCLUDE`s may nest.
pub const MAX_INCLUDE_DEPTH: usize = 16;

/// Bounds on how far a few bytes of directives may multiply the work. `$GENERATE` makes
/// millions of records from one line and `$INCLUDE` may read one file many times over, so
/// both are counted against a budget per zone, checked before the work is done: memory
/// stays bounded by the budget, not by what the input claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most records all `$GENERATE` lines of a zone may make together.
    pub generated_records: u64,
    /// The most records that may be read through `$INCLUDE`s, however nested.
    pub included_records: u64,
    /// The most RDATA, in wire form, a zone may hold: records address it with 32-bit
    /// offsets, so never more than 4 GiB.
    pub rdata_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            // A /12 of IPv4 reverse entries.
            generated_records: 1 << 20,
            included_records: 50_000_000,
            rdata_bytes: u32::MAX as usize,
        }
    }
}

/// How many bytes of text, on average, a generated record may take: long templates
/// multiply as ranges do, so `$GENERATE` text is bounded at this much per record of
/// [`Limits::generated_records`] (reverse entries take about 40).
pub const GENERATED_TEXT: u64 = 256;

/// What the caller knows before reading.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// The zone's apex, in presentation form; a missing final dot is implied.
    pub origin: Option<String>,
    /// Where `origin` came from, when it did not come from `--origin`.
    pub origin_source: Option<OriginSource>,
    /// Directories besides the main file's own from which `$INCLUDE` may read.
    pub include_roots: Vec<PathBuf>,
    pub limits: Limits,
}

/// Reads a zone file (and what it includes). A main file that cannot be read at all is an
/// error; everything else is a diagnostic in the returned zone.
///
/// The text is streamed, not kept: reports read again the lines they show (see
/// [`SourceFile`]). A file that cannot be read twice (a pipe) is kept in memory.
pub fn read_file(path: &Path, opts: &ReadOptions) -> Result<Zone, std::io::Error> {
    read_file_with_progress(path, opts, None)
}

/// Like [`read_file`], storing how many bytes of the main file have been read into
/// `progress` as it goes, for a progress bar.
pub fn read_file_with_progress(
    path: &Path,
    opts: &ReadOptions,
    progress: Option<Arc<AtomicU64>>,
) -> Result<Zone, std::io::Error> {
    read_file_in_chunks(path, opts, progress, window::CHUNK)
}

/// [`read_file_with_progress`], reading `chunk` bytes at a time (tests try small ones).
pub(crate) fn read_file_in_chunks(
    path: &Path,
    opts: &ReadOptions,
    progress: Option<Arc<AtomicU64>>,
    chunk: usize,
) -> Result<Zone, std::io::Error> {
    let window = open_window(path, chunk)?;
    Ok(read(path.to_path_buf(), window, opts, progress, chunk))
}

/// A window over a regular file; anything else (a pipe, a device) cannot be read again for
/// a report, so it is read whole and kept.
fn open_window(path: &Path, chunk: usize) -> std::io::Result<Window> {
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_file() {
        let expected = usize::try_from(meta.len()).unwrap_or(usize::MAX);
        Window::open(file, expected, chunk)
    } else {
        let mut text = Vec::new();
        file.read_to_end(&mut text)?;
        Ok(Window::memory(text))
    }
}

/// Opens a file an `$INCLUDE` names (already resolved, so without symbolic links): a
/// regular file only. It is opened without following a link and without blocking, so a FIFO
/// or device swapped in after the check can neither hang the reader nor feed it forever,
/// and checked again once open.
fn open_included(path: &Path, chunk: usize) -> std::io::Result<Window> {
    use std::os::unix::fs::OpenOptionsExt;
    let not_regular = || std::io::Error::other("not a regular file");
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    let expected = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    Window::open(file, expected, chunk)
}

/// The directories `$INCLUDE` may read below, symbolic links resolved: the main file's
/// own (the current directory for standard input) and `extra`. A root that does not exist
/// allows nothing.
fn include_roots(main: &Path, extra: &[PathBuf]) -> Vec<PathBuf> {
    let own = match main.parent() {
        Some(d) if !d.as_os_str().is_empty() && main != Path::new("-") => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::iter::once(&own)
        .chain(extra)
        .filter_map(|d| std::fs::canonicalize(d).ok())
        .collect()
}

/// A path for a message, control characters escaped and its length bounded.
fn shown_path(path: &Path) -> String {
    crate::diag::quote(path.as_os_str().as_encoded_bytes())
}

/// Reads zone text already in memory; `path` names it in reports and anchors `$INCLUDE`.
/// The text is kept for the reports.
pub fn read_text(path: PathBuf, text: Vec<u8>, opts: &ReadOptions) -> Zone {
    read_text_with_progress(path, text, opts, None)
}

/// Like [`read_text`], storing how many bytes of the main file have been read into
/// `progress` as it goes, for a progress bar.
pub fn read_text_with_progress(
    path: PathBuf,
    text: Vec<u8>,
    opts: &ReadOptions,
    progress: Option<Arc<AtomicU64>>,
) -> Zone {
    read(path, Window::memory(text), opts, progress, window::CHUNK)
}

/// Reads the main file through `window`, and included files `chunk` bytes at a time.
fn read(
    path: PathBuf,
    mut window: Window,
    opts: &ReadOptions,
    progress: Option<Arc<AtomicU64>>,
    chunk: usize,
) -> Zone {
    let (origin, origin_source) = choose_origin(&path, &mut window, opts);
    let include_roots = include_roots(&path, &opts.include_roots);
    let apex = origin.clone().unwrap_or_else(|| vec![0]);
    let mut names = name::NameTable::new(&apex);
    let origin_id = names.intern_lower(&apex);
    let expected = window.expected_len();
    let mut zone = Zone {
        origin: apex,
        origin_source,
        origin_id,
        class: CLASS_IN,
        sources: Vec::new(),
        names,
        records: Vec::new(),
        rdata: Vec::new(),
        diagnostics: Vec::new(),
        transfer_framing: false,
    };
    if expected > u32::MAX as usize {
        let d = Diagnostic::new(&UNREADABLE, None, "file larger than 4 GiB");
        zone.diagnostics.push(d);
        zone.sources.push(SourceFile::new(path, Vec::new()));
        return zone;
    }
    // RDATA in wire form takes about a third of the text; growing the arena by doubling
    // would copy it several times. Capacity never written to is never resident, so a zone
    // with less RDATA pays nothing for the rest.
    zone.rdata = Vec::with_capacity(expected / 3);
    zone.sources
        .push(SourceFile::on_disk(path.clone(), 0, Vec::new()));
    // Interning owner names runs on a second thread, fed records in batches: reading text
    // and hashing names each take about half the time.
    let names = std::mem::replace(&mut zone.names, name::NameTable::new(&[0]));
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(8);
    std::thread::scope(|scope| {
        let interner = scope.spawn(move || intern_batches(names, rx, expected));
        let mut reader = Reader {
            zone,
            default_ttl: None,
            last_ttl: None,
            warned_ttl: false,
            class_known: false,
            include_stack: vec![std::fs::canonicalize(&path).unwrap_or(path)],
            include_roots,
            limits: opts.limits,
            generated: 0,
            generated_text: 0,
            included: 0,
            included_reported: false,
            stopped: false,
            scratch: Vec::new(),
            batch: Batch::default(),
            tx,
            next_seq: 0,
            progress,
            main_pos: 0,
            chunk,
        };
        if let Some(e) = reader.read_source(0, window, origin, 0) {
            let path = reader.zone.sources[0].display_path();
            let msg = format!("cannot read `{path}` to its end: {}", io_reason(&e));
            reader
                .zone
                .diagnostics
                .push(Diagnostic::new(&UNREADABLE, None, msg));
        }
        reader.flush();
        drop(reader.tx);
        let mut zone = reader.zone;
        let (names, records) = interner
            .join()
            .unwrap_or_else(|_| (name::NameTable::new(&[0]), Vec::new()));
        zone.names = names;
        zone.records = records;
        drop_axfr_trailer(&mut zone);
        zone
    })
}

/// A zone transfer (`dig AXFR`) ends with the SOA it began with (RFC 5936 §2.2): that last
/// copy is framing, not a second SOA. Only an identical first and last SOA is taken so.
fn drop_axfr_trailer(zone: &mut Zone) {
    let n = zone.records.len();
    if n < 2 {
        return;
    }
    let (first, last) = (zone.records[0], zone.records[n - 1]);
    let identical = first.rtype == t::SOA
        && last.rtype == t::SOA
        && first.owner == last.owner
        && first.class == last.class
        && first.ttl == last.ttl
        && zone.rdata(&first) == zone.rdata(&last);
    if identical {
        zone.records.pop();
        zone.transfer_framing = true;
    }
}

/// Records read since the last hand-over, with the owner names they introduced. A record's
/// `owner` holds the sequence number of its owner's first appearance until interned.
#[derive(Default)]
struct Batch {
    names: Vec<u8>,
    ends: Vec<u32>,
    records: Vec<Record>,
    /// How far the main file had been read when the batch was handed over.
    read: usize,
}

/// How many records go in one batch.
const BATCH: usize = 4096;

/// The interning side: names in order of appearance, records with their owners' ids.
///
/// Zones differ widely in text per owner name (a signed zone has several times an unsigned
/// one's), and a hash table touches all its pages however few names it holds, so the table
/// is sized from the names seen so far, projected over the `expected` length of the text,
/// each time the text read has doubled.
fn intern_batches(
    mut names: name::NameTable,
    rx: std::sync::mpsc::Receiver<Batch>,
    expected: usize,
) -> (name::NameTable, Vec<Record>) {
    let mut seq_ids: Vec<NameId> = Vec::new();
    let mut records = Vec::new();
    let mut next_estimate = 1 << 20;
    for b in rx {
        let mut start = 0;
        for &end in &b.ends {
            seq_ids.push(names.intern_lower(&b.names[start..end as usize]));
            start = end as usize;
        }
        records.reserve(b.records.len());
        for mut r in b.records {
            r.owner = seq_ids[r.owner as usize];
            records.push(r);
        }
        if b.read >= next_estimate && b.read < expected {
            next_estimate = b.read.saturating_mul(2);
            // Room for the projection (hashbrown rounds up to a power of two), and no more
            // than a name per 16 bytes of text.
            let projected = names.len() as u64 * expected as u64 / b.read as u64;
            let n = (projected as usize).min(expected / 16);
            names.reserve(n.saturating_sub(names.len()));
        }
    }
    (names, records)
}

/// `--origin`, else the SOA owner or the first `$ORIGIN` in the text, else the file name.
fn choose_origin(
    path: &Path,
    window: &mut Window,
    opts: &ReadOptions,
) -> (Option<Vec<u8>>, OriginSource) {
    if let Some(o) = &opts.origin {
        let mut wire = Vec::new();
        if let Ok(abs) = name::parse_text(o.as_bytes(), &mut wire) {
            if !abs {
                wire.push(0);
            }
            if wire.len() <= name::MAX_NAME_LEN {
                let src = opts.origin_source.clone().unwrap_or(OriginSource::Option);
                return (Some(wire.to_ascii_lowercase()), src);
            }
        }
    }
    if let Some(found) = scan_for_origin(window) {
        return found;
    }
    if let Some(wire) = origin_from_file_name(path) {
        return (Some(wire), OriginSource::FileName);
    }
    (None, OriginSource::Unknown)
}

/// Looks through the first lines for the SOA, its owner read under the `$ORIGIN` in force
/// there: that is the apex. NSD feeds a verifier `$ORIGIN com.` and then `example` for the
/// apex of `example.com`, so the first `$ORIGIN` is not always the apex; it counts (and
/// reports say so) when it names the SOA owner, or when no SOA can be found. The window grows
/// until it holds those lines (it is still at the start of the text), and the search starts
/// again each time it has.
fn scan_for_origin(window: &mut Window) -> Option<(Option<Vec<u8>>, OriginSource)> {
    'window: loop {
        let text = window.ready();
        let complete = window.at_eof();
        let mut lx = Lexer::new(text);
        let mut toks = Vec::new();
        let mut errs = Vec::new();
        let mut first_directive: Option<Vec<u8>> = None;
        let mut current: Option<Vec<u8>> = None;
        for _ in 0..1000 {
            let line = lx.next_line(&mut toks, &mut errs);
            if !complete && (line.is_none() || lx.hit_end()) {
                window.advance();
                continue 'window;
            }
            let Some(line) = line else {
                break;
            };
            if line.broken || toks.is_empty() {
                continue;
            }
            let first = toks[0].text(text);
            if !line.blank_owner && first.eq_ignore_ascii_case(b"$ORIGIN") {
                let Some(arg) = toks.get(1) else { break };
                let mut wire = Vec::new();
                if rdata::encode_name(arg.text(text), *arg, current.as_deref(), &mut wire).is_err()
                {
                    break;
                }
                wire.make_ascii_lowercase();
                first_directive.get_or_insert_with(|| wire.clone());
                current = Some(wire);
                continue;
            }
            if line.blank_owner || first.starts_with(b"$") {
                continue;
            }
            let mut i = 1;
            while i < toks.len() && i < 3 {
                let w = toks[i].text(text);
                if w.first().is_some_and(u8::is_ascii_digit) || rtype::parse_class(w).is_some() {
                    i += 1;
                } else {
                    break;
                }
            }
            if toks.get(i).and_then(|t| rtype::parse_type(t.text(text))) == Some(t::SOA) {
                let mut wire = Vec::new();
                if rdata::encode_name(first, toks[0], current.as_deref(), &mut wire).is_err() {
                    break;
                }
                wire.make_ascii_lowercase();
                if first_directive.as_ref() == Some(&wire) {
                    return Some((Some(wire), OriginSource::Directive));
                }
                return Some((Some(wire), OriginSource::SoaOwner));
            }
        }
        return first_directive.map(|w| (Some(w), OriginSource::Directive));
    }
}

/// `example.com.zone`, `example.com.db`, `db.example.com`, `example.com`.
fn origin_from_file_name(path: &Path) -> Option<Vec<u8>> {
    let base = path.file_name()?.to_str()?;
    let mut s = base;
    for suffix in [".signed", ".zone", ".db", ".txt"] {
        if let Some(r) = s.strip_suffix(suffix) {
            s = r;
        }
    }
    if let Some(r) = s.strip_prefix("db.") {
        s = r;
    }
    if !s.contains('.') || s.starts_with('.') || s.ends_with('.') {
        return None;
    }
    let mut wire = Vec::new();
    if name::parse_text(s.as_bytes(), &mut wire).is_err() {
        return None;
    }
    wire.push(0);
    Some(wire.to_ascii_lowercase())
}

struct Reader {
    zone: Zone,
    /// `$TTL` in force (RFC 2308 §4).
    default_ttl: Option<u32>,
    /// The last TTL written out, for files without `$TTL` (RFC 1035 §5.1).
    last_ttl: Option<u32>,
    warned_ttl: bool,
    class_known: bool,
    /// Canonical paths of the files being read, for cycle detection.
    include_stack: Vec<PathBuf>,
    /// Canonical directories `$INCLUDE` may read below.
    include_roots: Vec<PathBuf>,
    limits: Limits,
    /// Records promised by the `$GENERATE` lines expanded so far.
    generated: u64,
    /// Bytes of record text those lines have made.
    generated_text: u64,
    /// Records read through `$INCLUDE`s so far.
    included: u64,
    included_reported: bool,
    /// Reading stopped early: what remains is not read (a budget or the RDATA arena ran
    /// out, and a finding says so).
    stopped: bool,
    scratch: Vec<u8>,
    batch: Batch,
    tx: std::sync::mpsc::SyncSender<Batch>,
    /// Owner names handed to the interner so far.
    next_seq: u32,
    /// Where a progress bar reads how far the main file has been read.
    progress: Option<Arc<AtomicU64>>,
    main_pos: usize,
    /// How much of a file to read at a time.
    chunk: usize,
}

/// Per-file state: `$ORIGIN` and the owner to carry over revert after an `$INCLUDE`.
struct FileCtx {
    file: FileId,
    /// Offset in the file of the window that token offsets are into.
    base: usize,
    origin: Option<Vec<u8>>,
    last_owner: Option<NameId>,
    /// The last owner token as written, to skip re-reading the same owner.
    last_owner_text: Vec<u8>,
    /// Bumped at every `$ORIGIN`, so the owner cache knows the origin changed.
    origin_generation: u32,
    /// The origin generation the cached owner was read under.
    last_owner_generation: u32,
}

/// Where a generated record's diagnostics point: the `$GENERATE` line.
#[derive(Clone, Copy)]
enum Anchor {
    Tokens,
    Fixed(Span),
}

impl Reader {
    fn diag(&mut self, rule: &'static Rule, span: Span, message: impl Into<String>) {
        self.zone
            .diagnostics
            .push(Diagnostic::new(rule, Some(span), message));
    }

    fn diag_fix(&mut self, rule: &'static Rule, span: Span, message: String, fix: &str) {
        self.zone
            .diagnostics
            .push(Diagnostic::new(rule, Some(span), message).with_fix(fix));
    }

    /// Reads one file through its window; returns the error that cut the reading short, if
    /// one did.
    fn read_source(
        &mut self,
        file: FileId,
        mut w: Window,
        origin: Option<Vec<u8>>,
        depth: usize,
    ) -> Option<std::io::Error> {
        let mut ctx = FileCtx {
            file,
            base: 0,
            origin,
            last_owner: None,
            last_owner_text: Vec::new(),
            origin_generation: 0,
            last_owner_generation: 0,
        };
        let mut toks: Vec<Token> = Vec::with_capacity(16);
        let mut lex_errors = Vec::new();
        while let Some(line) = window::next_line(&mut w, &mut toks, &mut lex_errors) {
            if self.stopped || (file != 0 && self.included >= self.limits.included_records) {
                break;
            }
            let text = w.ready();
            ctx.base = w.base();
            if file == 0 {
                self.main_pos = ctx.base + w.pos();
            }
            for e in lex_errors.drain(..) {
                let (rule, at, msg): (&'static Rule, usize, &str) = match e {
                    LexError::UnclosedParen(at) => (&UNBALANCED_PARENS, at, "`(` is never closed"),
                    LexError::StrayParen(at) => {
                        (&UNBALANCED_PARENS, at, "`)` without a matching `(`")
                    }
                    LexError::UnterminatedQuote(at) => (
                        &UNTERMINATED_QUOTE,
                        at,
                        "quoted string not closed before the end of the line",
                    ),
                    LexError::DanglingEscape(at) => {
                        (&BAD_ESCAPE, at, "backslash at the end of the file")
                    }
                };
                let at = ctx.base + at;
                self.diag(rule, Span::new(file, at, at + 1), msg);
            }
            if line.broken {
                continue;
            }
            let first = toks[0].text(text);
            if !line.blank_owner && first.first() == Some(&b'$') {
                self.directive(&mut ctx, text, &toks, depth);
            } else {
                self.record(&mut ctx, text, &toks, line, Anchor::Tokens);
            }
        }
        let source = &mut self.zone.sources[file as usize];
        let (read, error) = w.finish(std::mem::take(&mut source.path));
        *source = read;
        error
    }

    fn span_of(&self, ctx: &FileCtx, anchor: Anchor, tok: &Token) -> Span {
        match anchor {
            Anchor::Tokens => {
                let (s, e) = tok.outer();
                Span::new(ctx.file, ctx.base + s, ctx.base + e)
            }
            Anchor::Fixed(span) => span,
        }
    }

    /// Reads a name token relative to the current origin.
    fn read_name(&mut self, ctx: &FileCtx, text: &[u8]) -> Result<Vec<u8>, NameError> {
        let mut out = Vec::with_capacity(text.len() + 2);
        rdata::encode_name(
            text,
            Token {
                start: 0,
                end: 0,
                quoted: false,
                escaped: false,
            },
            ctx.origin.as_deref(),
            &mut out,
        )?;
        Ok(out)
    }

    fn name_error(&mut self, span: Span, text: &[u8], e: NameError) {
        let rule: &'static Rule = match e {
            NameError::LabelTooLong(_) | NameError::EmptyLabel => &LABEL_TOO_LONG,
            NameError::NameTooLong(_) => &NAME_TOO_LONG,
            NameError::BadEscape => &BAD_ESCAPE,
            NameError::NoOrigin => &BAD_RECORD_LINE,
        };
        let shown = crate::diag::quote(text);
        let msg = match e {
            NameError::NoOrigin => {
                format!("relative name `{shown}` but no origin is known; give --origin or $ORIGIN")
            }
            e => format!("{e}: `{shown}`"),
        };
        self.diag(rule, span, msg);
    }

    fn directive(&mut self, ctx: &mut FileCtx, src: &[u8], toks: &[Token], depth: usize) {
        let word = toks[0].text(src);
        let span0 = self.span_of(ctx, Anchor::Tokens, &toks[0]);
        if word.eq_ignore_ascii_case(b"$ORIGIN") {
            let Some(arg) = toks.get(1) else {
                return self.diag(&BAD_DIRECTIVE, span0, "$ORIGIN needs a domain name");
            };
            let at = self.span_of(ctx, Anchor::Tokens, arg);
            match self.read_name(ctx, arg.text(src)) {
                Ok(w) => {
                    ctx.origin = Some(w);
                    ctx.origin_generation += 1;
                }
                Err(e) => self.name_error(at, arg.text(src), e),
            }
            if let Some(extra) = toks.get(2) {
                let at = self.span_of(ctx, Anchor::Tokens, extra);
                self.diag(&BAD_DIRECTIVE, at, "unexpected text after $ORIGIN's name");
            }
        } else if word.eq_ignore_ascii_case(b"$TTL") {
            let Some(arg) = toks.get(1) else {
                return self.diag(&BAD_DIRECTIVE, span0, "$TTL needs a TTL");
            };
            let at = self.span_of(ctx, Anchor::Tokens, arg);
            match rdata::parse_ttl(arg.text(src)) {
                Some(v) => self.default_ttl = Some(v),
                None => self.diag(
                    &BAD_TTL,
                    at,
                    format!(
                        "expected a TTL such as 3600 or 1h, found `{}`",
                        crate::diag::quote(arg.text(src))
                    ),
                ),
            }
            if let Some(extra) = toks.get(2) {
                let at = self.span_of(ctx, Anchor::Tokens, extra);
                self.diag(&BAD_DIRECTIVE, at, "unexpected text after $TTL's value");
            }
        } else if word.eq_ignore_ascii_case(b"$INCLUDE") {
            self.include(ctx, src, toks, depth);
        } else if word.eq_ignore_ascii_case(b"$GENERATE") {
            self.generate(ctx, src, toks);
        } else {
            let msg = format!(
                "unknown directive `{}`; expected $ORIGIN, $TTL, $INCLUDE or $GENERATE",
                crate::diag::quote(word)
            );
            self.diag(&BAD_DIRECTIVE, span0, msg);
        }
    }

    fn include(&mut self, ctx: &mut FileCtx, src: &[u8], toks: &[Token], depth: usize) {
        let span0 = self.span_of(ctx, Anchor::Tokens, &toks[0]);
        let Some(arg) = toks.get(1) else {
            return self.diag(&BAD_INCLUDE, span0, "$INCLUDE needs a file name");
        };
        let at = self.span_of(ctx, Anchor::Tokens, arg);
        let mut raw = Vec::new();
        if rdata::unescape_into(arg.text(src), arg.escaped, &mut raw).is_err() {
            return self.diag(&BAD_ESCAPE, at, "bad escape in file name");
        }
        let rel =
            PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&raw));
        let including = &self.zone.sources[ctx.file as usize].path;
        let path = if rel.is_absolute() {
            rel
        } else {
            including.parent().map(|d| d.join(&rel)).unwrap_or(rel)
        };
        let origin = match toks.get(2) {
            Some(o) => {
                let oat = self.span_of(ctx, Anchor::Tokens, o);
                match self.read_name(ctx, o.text(src)) {
                    Ok(w) => Some(w),
                    Err(e) => return self.name_error(oat, o.text(src), e),
                }
            }
            None => ctx.origin.clone(),
        };
        if let Some(extra) = toks.get(3) {
            let eat = self.span_of(ctx, Anchor::Tokens, extra);
            return self.diag(&BAD_INCLUDE, eat, "unexpected text after $INCLUDE's origin");
        }
        if depth + 1 > MAX_INCLUDE_DEPTH {
            return self.diag(
                &BAD_INCLUDE,
                at,
                format!("$INCLUDE nested more than {MAX_INCLUDE_DEPTH} deep"),
            );
        }
        if self.included >= self.limits.included_records {
            // Said once, where the budget ran out.
            return;
        }
        let canonical = match std::fs::canonicalize(&path) {
            Ok(c) => c,
            Err(e) => {
                return self.diag(
                    &BAD_INCLUDE,
                    at,
                    format!("cannot read `{}`: {}", shown_path(&path), io_reason(&e)),
                )
            }
        };
        // Only below the main file's directory or an allowed root, symbolic links
        // resolved: a zone from a pull request must not make CI print /proc/self/environ.
        if !self.include_roots.iter().any(|r| canonical.starts_with(r)) {
            let msg = format!(
                "`{}` is outside the zone's directory and every --include-root; not read",
                shown_path(&path)
            );
            return self.diag_fix(
                &BAD_INCLUDE,
                at,
                msg,
                "move the file below the zone's directory, or allow its directory with --include-root DIR",
            );
        }
        if self.include_stack.contains(&canonical) {
            return self.diag(
                &BAD_INCLUDE,
                at,
                format!(
                    "`{}` is already being read: an $INCLUDE cycle",
                    shown_path(&path)
                ),
            );
        }
        let window = match open_included(&canonical, self.chunk) {
            Ok(w) if w.expected_len() <= u32::MAX as usize => w,
            Ok(_) => {
                return self.diag(
                    &BAD_INCLUDE,
                    at,
                    format!("`{}` is larger than 4 GiB", shown_path(&path)),
                )
            }
            Err(e) => {
                return self.diag(
                    &BAD_INCLUDE,
                    at,
                    format!("cannot read `{}`: {}", shown_path(&path), io_reason(&e)),
                )
            }
        };
        if self.zone.sources.len() >= u16::MAX as usize {
            return self.diag(&BAD_INCLUDE, at, "too many included files");
        }
        let file = self.zone.sources.len() as FileId;
        let shown = shown_path(&path);
        self.zone
            .sources
            .push(SourceFile::on_disk(path, 0, Vec::new()));
        self.include_stack.push(canonical);
        let error = self.read_source(file, window, origin, depth + 1);
        self.include_stack.pop();
        if let Some(e) = error {
            let msg = format!("cannot read `{shown}` to its end: {}", io_reason(&e));
            self.diag(&BAD_INCLUDE, at, msg);
        }
        let limit = self.limits.included_records;
        if self.included >= limit && !self.included_reported {
            self.included_reported = true;
            let msg = format!(
                "more than {limit} records read through $INCLUDE; the rest of the included files is not read"
            );
            self.diag_fix(
                &BAD_INCLUDE,
                at,
                msg,
                "include each file once, or raise [limits] included-records in zonewarden.toml",
            );
        }
    }

    /// BIND's `$GENERATE range lhs [ttl] [class] type rhs`.
    fn generate(&mut self, ctx: &mut FileCtx, src: &[u8], toks: &[Token]) {
        let span0 = self.span_of(ctx, Anchor::Tokens, &toks[0]);
        if toks.len() < 5 {
            return self.diag(
                &BAD_GENERATE,
                span0,
                "$GENERATE needs a range, a left-hand side, a type and a right-hand side",
            );
        }
        let range_tok = toks[1];
        let rat = self.span_of(ctx, Anchor::Tokens, &range_tok);
        let Some((start, stop, step)) = parse_range(range_tok.text(src)) else {
            return self.diag(
                &BAD_GENERATE,
                rat,
                "expected a range start-stop[/step] with start <= stop and a step above 0",
            );
        };
        // The budget is the sum of the ranges, counted before anything is expanded.
        let count = (stop - start) / step + 1;
        let limit = self.limits.generated_records;
        if self.generated + count > limit {
            let msg = format!(
                "$GENERATE would make {count} records, {} in all with the lines before it, over the limit of {limit} for a zone; not expanded",
                self.generated + count
            );
            return self.diag_fix(
                &BAD_GENERATE,
                rat,
                msg,
                "raise [limits] generated-records in zonewarden.toml if the zone really needs them",
            );
        }
        self.generated += count;
        let templates: Vec<&[u8]> = toks[2..].iter().map(|t| t.text(src)).collect();
        // The directive's whole line is where generated records point.
        let anchor = Anchor::Fixed(Span::new(
            ctx.file,
            ctx.base + toks[0].start as usize,
            ctx.base + toks[0].end as usize,
        ));
        let mut line_text = Vec::new();
        let mut gtoks = Vec::new();
        let mut errs = Vec::new();
        let mut value = start;
        while value <= stop {
            line_text.clear();
            for (k, tpl) in templates.iter().enumerate() {
                if k > 0 {
                    line_text.push(b' ');
                }
                // Substitute only the owner (first) and the values; TTL, class and type are plain.
                if let Err(m) = substitute(tpl, value, &mut line_text) {
                    let at = self.span_of(ctx, Anchor::Tokens, &toks[2 + k]);
                    return self.diag(&BAD_GENERATE, at, m);
                }
            }
            line_text.push(b'\n');
            // Long templates multiply too: the text made is bounded as well as the count.
            self.generated_text += line_text.len() as u64;
            let text_limit = self.limits.generated_records.saturating_mul(GENERATED_TEXT);
            if self.generated_text > text_limit {
                let msg = format!(
                    "$GENERATE lines have made more than {text_limit} bytes of records ({GENERATED_TEXT} per record of the limit); the rest is not expanded"
                );
                return self.diag_fix(
                    &BAD_GENERATE,
                    rat,
                    msg,
                    "raise [limits] generated-records in zonewarden.toml if the zone really needs them",
                );
            }
            let mut lx = Lexer::new(&line_text);
            if let Some(line) = lx.next_line(&mut gtoks, &mut errs) {
                if !errs.is_empty() || line.broken {
                    errs.clear();
                    return self.diag(
                        &BAD_GENERATE,
                        span0,
                        "a generated line does not read as a record",
                    );
                }
                let saved = (ctx.last_owner, std::mem::take(&mut ctx.last_owner_text));
                let before = self.zone.diagnostics.len();
                self.record(ctx, &line_text, &gtoks, line, anchor);
                ctx.last_owner = saved.0;
                ctx.last_owner_text = saved.1;
                if self.zone.diagnostics.len() > before {
                    // One report per $GENERATE line is enough.
                    return;
                }
            }
            value += step;
        }
    }

    fn record(
        &mut self,
        ctx: &mut FileCtx,
        src: &[u8],
        toks: &[Token],
        line: Line,
        anchor: Anchor,
    ) {
        let mut i = 0;
        let owner = if line.blank_owner {
            match ctx.last_owner {
                Some(o) => o,
                None => {
                    let at = self.span_of(ctx, anchor, &toks[0]);
                    return self.diag(
                        &NO_OWNER,
                        at,
                        "no owner name here and no previous record to take it from",
                    );
                }
            }
        } else {
            i = 1;
            let text = toks[0].text(src);
            match ctx.last_owner {
                Some(id)
                    if ctx.last_owner_text == text
                        && ctx.last_owner_generation == ctx.origin_generation
                        && !text.contains(&b'@') =>
                {
                    id
                }
                _ => {
                    self.scratch.clear();
                    let origin = ctx.origin.as_deref();
                    if let Err(e) = rdata::encode_name(text, toks[0], origin, &mut self.scratch) {
                        let at = self.span_of(ctx, anchor, &toks[0]);
                        return self.name_error(at, text, e);
                    }
                    // Owners are interned lower-cased (RFC 4034 §6.2's canonical form).
                    self.scratch.make_ascii_lowercase();
                    self.batch.names.extend_from_slice(&self.scratch);
                    self.batch.ends.push(self.batch.names.len() as u32);
                    let id = self.next_seq;
                    self.next_seq += 1;
                    ctx.last_owner = Some(id);
                    ctx.last_owner_text.clear();
                    ctx.last_owner_text.extend_from_slice(text);
                    ctx.last_owner_generation = ctx.origin_generation;
                    id
                }
            }
        };
        ctx.last_owner = Some(owner);

        let mut ttl = None;
        let mut class = None;
        while i < toks.len() {
            let w = toks[i].text(src);
            if ttl.is_none() && w.first().is_some_and(u8::is_ascii_digit) {
                match rdata::parse_ttl(w) {
                    Some(v) => ttl = Some(v),
                    None => {
                        let at = self.span_of(ctx, anchor, &toks[i]);
                        let msg = format!(
                            "expected a TTL such as 3600 or 1h, found `{}`",
                            crate::diag::quote(w)
                        );
                        return self.diag(&BAD_TTL, at, msg);
                    }
                }
            } else if class.is_none() && !toks[i].quoted {
                match rtype::parse_class(w) {
                    Some(c) => class = Some(c),
                    None => break,
                }
            } else {
                break;
            }
            i += 1;
        }
        let Some(type_tok) = toks.get(i) else {
            let last = toks[toks.len() - 1];
            let at = self.span_of(ctx, anchor, &last);
            return self.diag(&BAD_RECORD_LINE, at, "expected a record type");
        };
        let type_text = type_tok.text(src);
        let Some(rtype) = (!type_tok.quoted)
            .then(|| rtype::parse_type(type_text))
            .flatten()
        else {
            let at = self.span_of(ctx, anchor, type_tok);
            let msg = format!(
                "expected a record type, found `{}`",
                crate::diag::quote(type_text)
            );
            return self.diag(&BAD_RECORD_LINE, at, msg);
        };
        if let Some(c) = class {
            if !self.class_known {
                self.zone.class = c;
            } else if c != self.zone.class {
                let at = self.span_of(ctx, anchor, &toks[i - 1]);
                let msg = format!(
                    "class {} differs from the zone's class {}",
                    rtype::class_to_string(c),
                    rtype::class_to_string(self.zone.class)
                );
                return self.diag(&BAD_RECORD_LINE, at, msg);
            }
        }
        self.class_known = true;
        let rdata_toks = &toks[i + 1..];
        let rdata_start = self.zone.rdata.len();
        // One record's RDATA is at most 65535 octets; stop before an offset could wrap.
        if rdata_start + 65535 > self.limits.rdata_bytes.min(u32::MAX as usize) {
            self.stopped = true;
            let at = self.span_of(ctx, anchor, &toks[0]);
            let msg = "the zone's RDATA reaches 4 GiB in wire form; this record and the rest of the zone are not read";
            return self.diag(&UNREADABLE, at, msg);
        }
        let enc = rdata::encode(
            rtype,
            src,
            rdata_toks,
            ctx.origin.as_deref(),
            &mut self.zone.rdata,
        );
        if let Err(e) = enc {
            self.zone.rdata.truncate(rdata_start);
            return self.rdata_error(ctx, anchor, src, toks, i, rtype, e);
        }
        let rdata_len = self.zone.rdata.len() - rdata_start;
        let explicit_ttl = ttl.is_some();
        let ttl = match ttl {
            Some(v) => {
                self.last_ttl = Some(v);
                v
            }
            None => match self.default_ttl.or(self.last_ttl) {
                Some(v) if self.default_ttl.is_some() => v,
                other => {
                    // RFC 1035 semantics: BIND warns and takes the last TTL or the SOA minimum.
                    let soa_min = (rtype == t::SOA && rdata_len >= 4).then(|| {
                        let m = &self.zone.rdata[self.zone.rdata.len() - 4..];
                        u32::from_be_bytes([m[0], m[1], m[2], m[3]])
                    });
                    let v = other.or(soa_min).unwrap_or(0);
                    if !self.warned_ttl {
                        self.warned_ttl = true;
                        let at = self.span_of(ctx, anchor, type_tok);
                        let msg = format!("no TTL given and no $TTL in force; using {v}");
                        self.zone.diagnostics.push(
                            Diagnostic::new(&MISSING_TTL, Some(at), msg)
                                .with_fix("add a $TTL line at the top of the zone"),
                        );
                    }
                    if self.last_ttl.is_none() {
                        self.last_ttl = Some(v);
                    }
                    v
                }
            },
        };
        let (pos, rdata_pos) = match anchor {
            Anchor::Tokens => {
                let p = ctx.base + toks[0].outer().0;
                let rp = rdata_toks
                    .first()
                    .map_or(type_tok.end as usize, |t| t.outer().0);
                (p as u32, (ctx.base + rp) as u32)
            }
            Anchor::Fixed(s) => (s.start, s.start),
        };
        if ctx.file != 0 {
            self.included += 1;
        }
        self.batch.records.push(Record {
            owner,
            rtype,
            class: class.unwrap_or(self.zone.class),
            ttl,
            rdata_start: rdata_start as u32,
            rdata_len: rdata_len as u16,
            file: ctx.file as u16,
            pos,
            rdata_pos,
            explicit_ttl,
        });
        if self.batch.records.len() >= BATCH {
            self.flush();
        }
    }

    /// Hands the batch to the interner.
    fn flush(&mut self) {
        if let Some(p) = &self.progress {
            p.store(self.main_pos as u64, Ordering::Relaxed);
        }
        let mut b = std::mem::take(&mut self.batch);
        b.read = self.main_pos;
        // The interner only stops when this side drops the channel, so sending cannot fail.
        let _ = self.tx.send(b);
    }

    #[allow(clippy::too_many_arguments)]
    fn rdata_error(
        &mut self,
        ctx: &FileCtx,
        anchor: Anchor,
        src: &[u8],
        toks: &[Token],
        type_index: usize,
        rtype: u16,
        e: RdataError,
    ) {
        let rdata_toks = &toks[type_index + 1..];
        let tname = rtype::type_to_string(rtype);
        let at_tok = |k: usize| rdata_toks.get(k).copied().unwrap_or(toks[toks.len() - 1]);
        match e {
            RdataError::Missing(what) => {
                let last = toks[toks.len() - 1];
                let span = match anchor {
                    Anchor::Tokens => {
                        let end = ctx.base + last.outer().1;
                        Span::new(ctx.file, end, end)
                    }
                    Anchor::Fixed(s) => s,
                };
                self.diag(
                    &MISSING_RDATA,
                    span,
                    format!("{tname} record ends early: expected {what}"),
                );
            }
            RdataError::Bad { index, message } if message.starts_with("bad escape") => {
                let tok = at_tok(index);
                let at = self.span_of(ctx, anchor, &tok);
                self.diag(&BAD_ESCAPE, at, format!("{message} in {tname} record"));
            }
            RdataError::Bad { index, message } => {
                let tok = at_tok(index);
                let at = self.span_of(ctx, anchor, &tok);
                let found = crate::diag::quote(tok.text(src));
                self.diag(
                    &BAD_RDATA,
                    at,
                    format!("{message} in {tname} record, found `{found}`"),
                );
            }
            RdataError::Trailing { index } => {
                let tok = at_tok(index);
                let at = self.span_of(ctx, anchor, &tok);
                let found = crate::diag::quote(tok.text(src));
                self.diag(
                    &TRAILING_RDATA,
                    at,
                    format!("unexpected `{found}` after the last field of the {tname} record"),
                );
            }
            RdataError::Name { index, error } => {
                let tok = at_tok(index);
                let at = self.span_of(ctx, anchor, &tok);
                self.name_error(at, tok.text(src), error);
            }
            RdataError::NoTextForm(code) => {
                let tok = at_tok(0);
                let at = self.span_of(ctx, anchor, &tok);
                let msg = format!(
                    "{} has no text form here: write its RDATA as \\# LENGTH HEX (RFC 3597)",
                    rtype::type_to_string(code)
                );
                self.diag(&BAD_RDATA, at, msg);
            }
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// `start-stop[/step]`.
fn parse_range(text: &[u8]) -> Option<(u64, u64, u64)> {
    let (range, step) = match text.iter().position(|&b| b == b'/') {
        Some(p) => (
            &text[..p],
            rdata::parse_uint(&text[p + 1..], u32::MAX as u64)?,
        ),
        None => (text, 1),
    };
    let dash = range.iter().position(|&b| b == b'-')?;
    let start = rdata::parse_uint(&range[..dash], u32::MAX as u64)?;
    let stop = rdata::parse_uint(&range[dash + 1..], u32::MAX as u64)?;
    (start <= stop && step > 0).then_some((start, stop, step))
}

/// Expands `$`, `${offset[,width[,base]]}`, `\$` and `$$` in a `$GENERATE` template.
fn substitute(tpl: &[u8], value: u64, out: &mut Vec<u8>) -> Result<(), String> {
    let mut i = 0;
    while i < tpl.len() {
        match tpl[i] {
            b'\\' if tpl.get(i + 1) == Some(&b'$') => {
                out.push(b'$');
                i += 2;
            }
            b'\\' => {
                out.push(b'\\');
                if let Some(&c) = tpl.get(i + 1) {
                    out.push(c);
                }
                i += 2;
            }
            b'$' if tpl.get(i + 1) == Some(&b'$') => {
                out.push(b'$');
                i += 2;
            }
            b'$' if tpl.get(i + 1) == Some(&b'{') => {
                let close = tpl[i..]
                    .iter()
                    .position(|&b| b == b'}')
                    .ok_or("`${` without `}`")?;
                let inner = &tpl[i + 2..i + close];
                let parts: Vec<&[u8]> = inner.split(|&b| b == b',').collect();
                if parts.len() > 3 {
                    return Err("expected ${offset[,width[,base]]}".into());
                }
                let offset: i64 = std::str::from_utf8(parts[0])
                    .ok()
                    .and_then(|s| s.trim().parse().ok())
                    .ok_or("expected a number as the offset in ${offset,width,base}")?;
                let width = match parts.get(1) {
                    Some(w) => {
                        rdata::parse_uint(w, 255).ok_or("expected a width from 0 to 255")? as usize
                    }
                    None => 0,
                };
                let base = match parts.get(2) {
                    Some(b) if b.len() == 1 && b"doxXnN".contains(&b[0]) => b[0],
                    Some(_) => return Err("expected a base d, o, x, X, n or N".into()),
                    None => b'd',
                };
                // `value` is at most 2^32 - 1, but the offset may be any i64.
                let v = (value as i64)
                    .checked_add(offset)
                    .ok_or("offset too large in ${offset,width,base}")?;
                if v < 0 {
                    return Err("offset makes the value negative".into());
                }
                let v = v as u64;
                let s = match base {
                    b'd' => format!("{v:0width$}"),
                    b'o' => format!("{v:0width$o}"),
                    b'x' => format!("{v:0width$x}"),
                    b'X' => format!("{v:0width$X}"),
                    _ => nibbles(v, width, base == b'N'),
                };
                out.extend_from_slice(s.as_bytes());
                i += close + 1;
            }
            b'$' => {
                out.extend_from_slice(value.to_string().as_bytes());
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(())
}

/// BIND's nibble form: least significant nibble first, dot-separated; `width` counts the
/// characters written, dots included.
fn nibbles(mut v: u64, width: usize, upper: bool) -> String {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut s = String::new();
    let mut width = width;
    loop {
        s.push(digits[(v & 0xf) as usize] as char);
        v >>= 4;
        width = width.saturating_sub(1);
        if width > 0 || v != 0 {
            s.push('.');
            width = width.saturating_sub(1);
        }
        if v == 0 && width == 0 {
            break;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Zone {
        read_text(
            PathBuf::from("t.zone"),
            text.as_bytes().to_vec(),
            &ReadOptions {
                origin: Some("example.".into()),
                origin_source: None,
                ..ReadOptions::default()
            },
        )
    }

    fn texts(z: &Zone) -> Vec<String> {
        z.records.iter().map(|r| z.record_text(r)).collect()
    }

    #[test]
    fn owners_ttls_classes() {
        let z = read("$TTL 1h\n@ IN SOA ns h 1 2 3 4 5\n  NS ns\nwww 300 IN A 192.0.2.1\n  IN 60 AAAA ::1\nMail.Example. A 192.0.2.2\n");
        assert!(z.diagnostics.is_empty(), "{:?}", z.diagnostics);
        assert_eq!(
            texts(&z),
            [
                "example.\t3600\tIN\tSOA\tns.example. h.example. 1 2 3 4 5",
                "example.\t3600\tIN\tNS\tns.example.",
                "www.example.\t300\tIN\tA\t192.0.2.1",
                "www.example.\t60\tIN\tAAAA\t::1",
                "mail.example.\t3600\tIN\tA\t192.0.2.2",
            ]
        );
    }

    #[test]
    fn same_owner_text_under_a_new_origin_is_a_new_owner() {
        let z = read(
            "$TTL 60\n$ORIGIN aa.example.\nwww A 192.0.2.1\n$ORIGIN bb.example.\nwww A 192.0.2.2\n",
        );
        assert_eq!(
            texts(&z),
            [
                "www.aa.example.\t60\tIN\tA\t192.0.2.1",
                "www.bb.example.\t60\tIN\tA\t192.0.2.2"
            ]
        );
    }

    #[test]
    fn an_identical_trailing_soa_is_transfer_framing() {
        let soa = "@ 60 SOA ns h 1 7200 3600 1209600 3600\n";
        let axfr = read(&format!("{soa}@ 60 NS ns\nns 60 A 192.0.2.1\n{soa}"));
        assert_eq!(axfr.records.iter().filter(|r| r.rtype == t::SOA).count(), 1);
        assert!(axfr.transfer_framing);
        let other = read(&format!(
            "{soa}@ 60 NS ns\n@ 60 SOA ns h 2 7200 3600 1209600 3600\n"
        ));
        assert_eq!(
            other.records.iter().filter(|r| r.rtype == t::SOA).count(),
            2
        );
        assert!(!other.transfer_framing);
    }

    #[test]
    fn the_soa_owner_under_its_origin_is_the_apex() {
        let scan = |text: &str| {
            let mut window = Window::memory(text.as_bytes().to_vec());
            let (wire, src) = choose_origin(Path::new("-"), &mut window, &ReadOptions::default());
            (wire.map(|w| name::to_text(&w)), src)
        };
        // NSD's verifier feed: the apex of example.com written as `example` under `com.`.
        let nsd = "$ORIGIN com.\nexample 3600 IN SOA ns1.example.com. h.example.com. 1 2 3 4 5\n";
        assert_eq!(
            scan(nsd),
            (Some("example.com.".into()), OriginSource::SoaOwner)
        );
        let plain = "$ORIGIN Example.COM.\n$TTL 60\n@ SOA ns h 1 2 3 4 5\n";
        assert_eq!(
            scan(plain),
            (Some("example.com.".into()), OriginSource::Directive)
        );
        let no_soa = "$ORIGIN example.net.\nwww A 192.0.2.1\n";
        assert_eq!(
            scan(no_soa),
            (Some("example.net.".into()), OriginSource::Directive)
        );
        // --origin is the apex whatever $ORIGIN says.
        let z = read_text(
            PathBuf::from("-"),
            nsd.as_bytes().to_vec(),
            &ReadOptions {
                origin: Some("example.com".into()),
                origin_source: None,
                ..ReadOptions::default()
            },
        );
        assert_eq!(z.origin_text(), "example.com.");
        assert_eq!(z.serial(), Some(1));
        assert_eq!(z.records[0].owner, z.origin_id);
    }

    #[test]
    fn generate_and_nibbles() {
        let z =
            read("$TTL 60\n$GENERATE 1-3/2 h${10,3} A 192.0.2.$\n$GENERATE 26-26 ${0,7,n} PTR x\n");
        assert!(z.diagnostics.is_empty(), "{:?}", z.diagnostics);
        assert_eq!(
            texts(&z),
            [
                "h011.example.\t60\tIN\tA\t192.0.2.1",
                "h013.example.\t60\tIN\tA\t192.0.2.3",
                "a.1.0.0.example.\t60\tIN\tPTR\tx.example.",
            ]
        );
        assert_eq!(nibbles(0x1a, 0, false), "a.1");
        assert_eq!(nibbles(0, 4, false), "0.0.");
    }

    #[test]
    fn errors_carry_positions_and_reading_goes_on() {
        let z = read("$TTL 60\nwww A 192.0.2.300\nx AA 1.2.3.4\nok A 192.0.2.1\n$ORIGN x.\n");
        let found: Vec<(&str, u32)> = z
            .diagnostics
            .iter()
            .map(|d| (d.rule.code, d.span.unwrap().start))
            .collect();
        assert_eq!(found, [("ZW1002", 14), ("ZW1001", 28), ("ZW1011", 54)]);
        assert_eq!(z.records.len(), 1);
    }

    #[test]
    fn origin_from_file_name_forms() {
        let o = |p: &str| origin_from_file_name(Path::new(p)).map(|w| name::to_text(&w));
        assert_eq!(o("zones/example.com.zone").as_deref(), Some("example.com."));
        assert_eq!(o("db.example.com").as_deref(), Some("example.com."));
        assert_eq!(o("zonefile"), None);
    }
}
