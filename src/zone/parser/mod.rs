//! The master-file reader (RFC 1035 §5): directives, owners, TTLs and classes, and records.
//!
//! It keeps going after an error: a bad line becomes a diagnostic with its position and the
//! next line is read afresh, so one run reports every error in a file.
//!
//! Here are the entry points and the `Reader` that goes through a file line by line; one
//! record line is read in `record`, the directives in `directives` and `generate`, the apex
//! is chosen before reading in `origin`; RDATA is encoded and owner names interned on a
//! second thread, in `assemble` and `intern`.

mod assemble;
mod directives;
mod generate;
mod intern;
mod origin;
mod record;

use super::lexer::{LexError, Token};
use super::name::{self, NameError, NameId};
use super::rdata;
use super::rtype::{t, CLASS_IN};
use super::window::{self, Window};
use super::{OriginSource, Zone};
use crate::diag::{Diagnostic, Rule};
use crate::rules::syntax::*;
use crate::source::{FileId, SourceFile, Span};
use assemble::{Assembled, Assembly};
use directives::include_roots;
use intern::{assemble_batches, Balance, Batch, Interning, Sink};
use origin::choose_origin;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
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
    /// The most text a zone file may hold: offsets into it are 32-bit, so never more than
    /// 4 GiB. A stream (a pipe, a device, standard input) is read no further than a byte
    /// past it, so that an endless one (`/dev/zero`) ends with the finding a file too large
    /// gets, not with all memory or disk.
    pub text_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            // A /12 of IPv4 reverse entries.
            generated_records: 1 << 20,
            included_records: 50_000_000,
            rdata_bytes: u32::MAX as usize,
            text_bytes: u32::MAX as usize,
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
    let window = open_window(path, chunk, opts.limits.text_bytes)?;
    Ok(read(path.to_path_buf(), window, opts, progress, chunk))
}

/// A window over a regular file; a pipe cannot be read again for a report, so it is read
/// whole and kept: up to a byte past `limit`. A device (`/dev/zero`, `/dev/urandom`) is
/// never a zone file: refused before it is read.
fn open_window(path: &Path, chunk: usize, limit: usize) -> std::io::Result<Window> {
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    crate::source::refuse_device(&meta, "zone file")?;
    if meta.is_file() {
        let expected = usize::try_from(meta.len()).unwrap_or(usize::MAX);
        Window::open(file, expected, chunk)
    } else {
        let mut text = Vec::new();
        Read::take(&mut file, limit as u64 + 1).read_to_end(&mut text)?;
        Ok(Window::memory(text))
    }
}

/// Reads a zone from `spool`, a regular file with no name (standard input copied to a
/// temporary file), which reports read their lines from again; `path` names it in reports
/// and anchors `$INCLUDE`, as for [`read_text`].
pub fn read_spool(
    path: PathBuf,
    mut spool: std::fs::File,
    opts: &ReadOptions,
) -> std::io::Result<Zone> {
    std::io::Seek::seek(&mut spool, std::io::SeekFrom::Start(0))?;
    let len = usize::try_from(spool.metadata()?.len()).unwrap_or(usize::MAX);
    let window = Window::open(spool.try_clone()?, len, window::CHUNK)?;
    let mut zone = read(path, window, opts, None, window::CHUNK);
    if !zone.sources.is_empty() {
        let main = zone.sources.remove(0);
        zone.sources.insert(0, main.spooled(spool));
    }
    Ok(zone)
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

/// The finding for a file larger than `most` bytes, at its start (none of it is read), so
/// that reports name the file and line.
fn too_large(most: usize) -> Diagnostic {
    let msg = if most == u32::MAX as usize {
        "file larger than 4 GiB".to_string()
    } else {
        format!("file larger than {most} bytes")
    };
    Diagnostic::new(&UNREADABLE_FILE, Some(Span::new(0, 0, 0)), msg)
}

/// Reads the main file through `window`, and included files `chunk` bytes at a time.
fn read(
    path: PathBuf,
    mut window: Window,
    opts: &ReadOptions,
    progress: Option<Arc<AtomicU64>>,
    chunk: usize,
) -> Zone {
    // The size is known before a byte past the first chunk is read (a regular file's from
    // its metadata): a file too large is refused before its origin is searched for.
    let expected = window.expected_len();
    let most = opts.limits.text_bytes.min(u32::MAX as usize);
    let scan = (expected <= most).then_some(&mut window);
    let (origin, origin_source) = choose_origin(&path, scan, opts);
    let include_roots = include_roots(&path, &opts.include_roots);
    let apex = origin.clone().unwrap_or_else(|| vec![0]);
    let mut names = name::NameTable::new(&apex);
    let origin_id = names.intern_lower(&apex);
    let mut zone = Zone {
        origin: apex,
        origin_source,
        origin_id,
        class: CLASS_IN,
        sources: Vec::new(),
        names,
        records: Vec::new(),
        rdata: Vec::new(),
        files: Default::default(),
        diagnostics: Vec::new(),
        transfer_framing: false,
    };
    if expected > most {
        zone.diagnostics.push(too_large(most));
        zone.sources.push(SourceFile::new(path, Vec::new()));
        return zone;
    }
    // RDATA in wire form takes about a third of the text; growing the arena by doubling
    // would copy it several times. Capacity never written to is never resident, so a zone
    // with less RDATA pays nothing for the rest.
    let arena = Vec::with_capacity(expected / 3);
    zone.sources
        .push(SourceFile::on_disk(path.clone(), 0, Vec::new()));
    // Encoding RDATA and interning owner names run on a second thread, fed records in
    // batches: that and splitting the text into records each take about half the time. A
    // small file's are assembled here.
    let names = std::mem::replace(&mut zone.names, name::NameTable::new(&[0]));
    let stop = Arc::new(AtomicBool::new(false));
    let assembly = Assembly::new(
        Interning::new(names, expected),
        arena,
        opts.limits.rdata_bytes,
        stop.clone(),
    );
    std::thread::scope(|scope| {
        let (sink, interner) = if expected < INTERN_HERE_BELOW {
            (Sink::Here(Box::new(assembly)), None)
        } else {
            // Four batches waiting keep both threads busy; each holds a few hundred
            // kilobytes.
            let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(4);
            let (back_tx, back) = std::sync::mpsc::sync_channel::<Batch>(4);
            let (balance, waiting) = Balance::new();
            let interner = scope.spawn(move || assemble_batches(assembly, rx, back_tx, waiting));
            (Sink::Thread { tx, back, balance }, Some(interner))
        };
        let mut reader = Reader {
            zone,
            default_ttl: None,
            class_known: false,
            include_stack: vec![std::fs::canonicalize(&path).unwrap_or(path)],
            include_roots,
            limits: opts.limits,
            generated: 0,
            generated_text: 0,
            included: 0,
            included_reported: false,
            stop,
            reported: 0,
            origin_key: None,
            scratch: Vec::new(),
            batch: match sink {
                Sink::Here(_) => Batch::default(),
                Sink::Thread { .. } => Batch::with_room(),
            },
            sink,
            next_seq: 0,
            progress,
            main_pos: 0,
            chunk,
        };
        if let Some(e) = reader.read_source(0, window, origin, 0) {
            let path = reader.zone.sources[0].display_path();
            let msg = format!("cannot read `{path}` to its end: {}", io_reason(&e));
            reader.report(Diagnostic::new(&UNREADABLE_FILE, None, msg));
        }
        reader.flush();
        let mut zone = reader.zone;
        let made = match reader.sink {
            Sink::Here(assembly) => assembly.finish(),
            Sink::Thread { tx, .. } => {
                // The assembling thread stops once the channel is closed.
                drop(tx);
                let joined = interner.and_then(|i| i.join().ok());
                joined.unwrap_or_else(|| Assembled::lost(&zone.sources[0].display_path()))
            }
        };
        zone.names = made.names;
        zone.records = made.records;
        zone.rdata = made.rdata;
        zone.files = made.files;
        zone.diagnostics = made.diagnostics;
        drop_axfr_trailer(&mut zone);
        zone
    })
}

/// Below this many bytes of text, owner names are interned on the reader's thread: such a
/// file is read in a few milliseconds, and a thread to intern it costs about what it saves
/// (10,000 small zones, each with a thread of its own, spent a quarter of their time
/// switching between threads).
const INTERN_HERE_BELOW: usize = 1 << 20;

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
        && first.ttl == last.ttl
        && zone.rdata(&first) == zone.rdata(&last);
    if identical {
        zone.records.pop();
        zone.transfer_framing = true;
    }
}

struct Reader {
    zone: Zone,
    /// `$TTL` in force (RFC 2308 §4).
    default_ttl: Option<u32>,
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
    /// Set when reading is to stop early: the RDATA arena ran out, and the assembling side
    /// said so (it keeps nothing after that record, so when the reader notices does not
    /// change what is read).
    stop: Arc<AtomicBool>,
    /// Diagnostics reported so far on this side.
    reported: usize,
    /// The file and origin generation the batch's last origin was taken under.
    origin_key: Option<(FileId, u32)>,
    scratch: Vec<u8>,
    batch: Batch,
    /// Where full batches go.
    sink: Sink,
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
    /// The last owner written was refused: a line after it that starts with blank space has
    /// no owner to take (the one before is not it).
    owner_refused: bool,
}

/// Where a generated record's diagnostics point: the `$GENERATE` line.
#[derive(Clone, Copy)]
enum Anchor {
    Tokens,
    Fixed(Span),
}

impl Reader {
    /// Reports `d` after the records read so far: it reaches the zone in reading order.
    fn report(&mut self, d: Diagnostic) {
        self.reported += 1;
        match &mut self.sink {
            Sink::Here(assembly) => assembly.report(d),
            Sink::Thread { .. } => {
                let at = self.batch.pending.len() as u32;
                self.batch.diags.push((at, d));
            }
        }
    }

    /// Reports a finding; a fixed message's words are shared by every finding that has it.
    fn diag(
        &mut self,
        rule: &'static Rule,
        span: Span,
        message: impl Into<std::borrow::Cow<'static, str>>,
    ) {
        self.report(Diagnostic::with_message(rule, Some(span), message.into()));
    }

    fn diag_fix(&mut self, rule: &'static Rule, span: Span, message: String, fix: &str) {
        self.report(Diagnostic::new(rule, Some(span), message).with_fix(fix.to_owned()));
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
            owner_refused: false,
        };
        let mut toks: Vec<Token> = Vec::with_capacity(16);
        let mut lex_errors = Vec::new();
        while let Some(line) = window::next_line(&mut w, &mut toks, &mut lex_errors) {
            let stopped = self.stop.load(Ordering::Relaxed);
            if stopped || (file != 0 && self.included >= self.limits.included_records) {
                break;
            }
            let text = w.ready();
            ctx.base = w.base();
            if file == 0 {
                self.main_pos = ctx.base + w.pos();
            }
            for e in lex_errors.drain(..) {
                let (rule, at, msg): (&'static Rule, usize, &'static str) = match e {
                    LexError::UnclosedParen(at) => {
                        (&UNBALANCED_PARENTHESES, at, "`(` is never closed")
                    }
                    LexError::StrayParen(at) => {
                        (&UNBALANCED_PARENTHESES, at, "`)` without a matching `(`")
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
        let place = assemble::Place {
            file: ctx.file,
            base: ctx.base,
            anchor,
        };
        place.span(tok)
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
        self.report(assemble::name_error(span, text, e));
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::generate::nibbles;
    use super::origin::origin_from_file_name;
    use super::*;

    #[test]
    fn an_endless_stream_is_read_no_further_than_the_limit() {
        // A stream that never ends is read to a byte past the limit, then refused as too
        // large, as a file of that size is (`/dev/zero` once grew until memory ran out).
        let opts = ReadOptions {
            origin: Some("example.".into()),
            limits: Limits {
                text_bytes: 1 << 20,
                ..Limits::default()
            },
            ..ReadOptions::default()
        };
        // A stream without end: a pipe written to until no one reads it.
        let mut fds = [0; 2];
        // SAFETY: `fds` has room for the two descriptors pipe(2) writes.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        // SAFETY: both descriptors were just made and are owned here alone.
        let (rx, mut tx) = unsafe {
            use std::os::fd::FromRawFd;
            (
                std::fs::File::from_raw_fd(fds[0]),
                std::fs::File::from_raw_fd(fds[1]),
            )
        };
        let writer = std::thread::spawn(move || {
            let zeros = vec![0u8; 1 << 16];
            while std::io::Write::write_all(&mut tx, &zeros).is_ok() {}
        });
        let path = PathBuf::from(format!("/proc/self/fd/{}", fds[0]));
        let z = read_file(&path, &opts).unwrap();
        drop(rx);
        writer.join().unwrap();
        assert!(z.records.is_empty());
        let msgs: Vec<&str> = z.diagnostics.iter().map(|d| d.message()).collect();
        assert_eq!(msgs, ["file larger than 1048576 bytes"]);
        assert_eq!(z.diagnostics[0].rule.code, "ZW1016");
        // A device is refused before it is read.
        let e = read_file(Path::new("/dev/zero"), &opts).unwrap_err();
        assert_eq!(e.to_string(), "a device, not a zone file");
    }

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
            let (wire, src) =
                choose_origin(Path::new("-"), Some(&mut window), &ReadOptions::default());
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
    fn generate_offsets_as_bind_reads_them() {
        // A negative offset is BIND's: the sum is written signed in decimal and as its
        // 32-bit two's complement in hex; a sum past 2147483647 is refused.
        let z = read("$TTL 60\n$GENERATE 1-2 h$ A 10.0.0.${-1}\n$GENERATE 0-1 g${-1,2,x} TXT a\n");
        assert!(z.diagnostics.is_empty(), "{:?}", z.diagnostics);
        assert_eq!(
            texts(&z)[..3],
            [
                "h1.example.\t60\tIN\tA\t10.0.0.0",
                "h2.example.\t60\tIN\tA\t10.0.0.1",
                "gffffffff.example.\t60\tIN\tTXT\t\"a\"",
            ]
        );
        let msgs = |t: &str| {
            let z = read(t);
            z.diagnostics
                .iter()
                .map(|d| format!("{} {}", d.rule.code, d.message()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            msgs("$TTL 60\n$GENERATE 0-0 h${2147483647} A 10.0.0.1\n"),
            Vec::<String>::new()
        );
        let m = msgs("$TTL 60\n$GENERATE 1-2 h${2147483647} A 10.0.0.1\n");
        assert!(
            m[0].starts_with("ZW1013 ${2147483647} takes the counter 1 past"),
            "{m:?}"
        );
        let m = msgs("$TTL 60\n$GENERATE 0-1 h${-2147483649} A 10.0.0.1\n");
        assert!(m[0].contains("from -2147483648 to 2147483647"), "{m:?}");
        let m = msgs("$TTL 60\n$GENERATE 2147483648-2147483648 h$ A 10.0.0.1\n");
        assert!(m[0].starts_with("ZW1013 expected a range"), "{m:?}");
    }

    #[test]
    fn a_blank_owner_after_a_refused_owner_is_refused() {
        let z = read("$TTL 60\nok A 192.0.2.1\nbad..name A 192.0.2.2\n  A 192.0.2.3\n");
        let codes: Vec<&str> = z.diagnostics.iter().map(|d| d.rule.code).collect();
        assert_eq!(codes, ["ZW1010", "ZW1015"], "{:?}", z.diagnostics);
        assert_eq!(z.records.len(), 1);
    }

    #[test]
    fn a_backslash_escapes_no_newline() {
        // The word ends with the backslash and the line ends after it: the next line is a
        // record of its own.
        let z = read("$TTL 60\nt TXT a\\\nu A 192.0.2.1\n");
        let found: Vec<(&str, &str)> = z
            .diagnostics
            .iter()
            .map(|d| (d.rule.code, d.message()))
            .collect();
        assert_eq!(
            found,
            [(
                "ZW1007",
                "bad escape: a backslash at the end of the text escapes nothing in TXT record"
            )]
        );
        assert_eq!(texts(&z), ["u.example.\t60\tIN\tA\t192.0.2.1"]);
        // Inside quotes it escapes the newline, as in BIND.
        let z = read("$TTL 60\nt TXT \"abc\\\ndef\"\n");
        assert!(z.diagnostics.is_empty(), "{:?}", z.diagnostics);
        assert_eq!(texts(&z), ["t.example.\t60\tIN\tTXT\t\"abc\\010def\""]);
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
