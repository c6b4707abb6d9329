//! Source files and byte spans into them.
//!
//! Every token and record remembers where it came from as a byte [`Span`]; line and column
//! are computed only when a diagnostic is printed, so reading a large zone pays nothing for it.
//!
//! A zone read from a file does not keep the file's text: the reader streams it through a
//! window of a few megabytes, and a report reads again only the lines it shows (a signed
//! zone's text is larger than everything parsed from it). Standard input is spooled to an
//! unnamed temporary file and read again from it the same way; text handed over in memory
//! is kept whole.

use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

mod lines;
pub use lines::LinesRead;

/// Index of a [`SourceFile`] in a zone's list of sources.
pub type FileId = u32;

/// A half-open byte range in one source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: start as u32,
            end: end.max(start) as u32,
        }
    }
}

/// Where a source's text is: in memory, in the file at `path`, or in a spool file (standard
/// input, copied to a temporary file that has no name left), to be read again on demand.
#[derive(Debug)]
enum Text {
    Memory(Vec<u8>),
    /// Read again from the file by its path, which must still be the file read
    /// ([`FileIdentity`], when known).
    Disk(Option<FileIdentity>),
    Spool(Mutex<File>),
}

/// Which file was read, and as it was: its device and inode, length and modification time.
/// A file read again for a report must be that one: not a file renamed over the path since
/// (an editor's save, or a link swapped to point at a file the zone has no business
/// showing), nor one changed in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FileIdentity {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl FileIdentity {
    /// The identity of an open file; `None` where the system gives no inode.
    pub(crate) fn of(file: &File) -> Option<FileIdentity> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = file.metadata().ok()?;
            Some(FileIdentity {
                dev: m.dev(),
                ino: m.ino(),
                len: m.len(),
                modified: m.modified().ok(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = file;
            None
        }
    }
}

/// One file (or standard input) as read, with its line index built on first use.
pub struct SourceFile {
    /// The path as the user named it (or `-` for standard input); used verbatim in reports.
    pub path: PathBuf,
    text: Text,
    /// The length of the text as read.
    len: usize,
    line_starts: OnceLock<LineIndex>,
    /// The lines noted while the file was read, if they were (see [`LinesRead`]): the line
    /// index is then made from them, not by reading the file again.
    lines_read: Option<LinesRead>,
    /// Offsets of every `zonewarden:` that starts a comment (inline suppressions do), found
    /// by the lexer while reading, so that they need not be searched for in text no longer
    /// held, and so that one inside a quoted string is never taken for one.
    markers: Vec<u32>,
    /// Pieces of a file read again, most recent first, a list for each of a few threads:
    /// reports read lines in file order, and the rules, the DNSSEC pass and the reports read
    /// fields of records from each of their threads, so a few pieces serve nearly every read,
    /// and no thread waits on another's. The file is not held open between reads (a lint of
    /// many files must not run out of file descriptors).
    cache: [Shard; SHARDS],
}

impl std::fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceFile")
            .field("path", &self.path)
            .field("len", &self.len)
            .field("kept", &self.is_kept())
            .finish()
    }
}

/// A 1-based line and column; the column counts characters, as editors do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// The marker that starts an inline suppression: a comment whose text begins with it.
pub const MARKER: &[u8] = b"zonewarden:";

/// How much of a file is read at a time when it is read again whole (for the line index).
const READ_CHUNK: usize = 1 << 20;
/// A file read again for its line index is read in parts of at least this much, each on a
/// core of its own.
const PART: usize = 8 << 20;
/// How much of a file is read again for a few bytes of it, and how many such pieces are kept.
const PIECE: usize = 64 << 10;
const PIECES: usize = 4;
/// Pieces of a file read again, each with its offset, most recent first.
type Pieces = Vec<(usize, Vec<u8>)>;

/// One thread's list of pieces, on cache lines of its own: side by side, two threads taking
/// their own locks made each other's lines move between cores, and a human report of
/// 125,000 findings spent a fifth of its time there.
#[derive(Default)]
#[repr(align(128))]
struct Shard(Mutex<Pieces>);

/// How many lists of pieces a source keeps: a thread reads through one of them.
const SHARDS: usize = 4;

/// The list of pieces the calling thread reads through: threads are dealt lists in turn.
fn shard() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static SHARD: usize = NEXT.fetch_add(1, Ordering::Relaxed) % SHARDS;
    }
    SHARD.with(|s| *s)
}

impl SourceFile {
    /// A source whose text stays in memory, with no suppression markers.
    pub fn new(path: PathBuf, text: Vec<u8>) -> SourceFile {
        SourceFile::with_markers(path, text, Vec::new())
    }

    /// A source whose text stays in memory; `markers` are the offsets where [`MARKER`]
    /// starts a comment.
    pub(crate) fn with_markers(path: PathBuf, text: Vec<u8>, markers: Vec<u32>) -> SourceFile {
        SourceFile {
            path,
            len: text.len(),
            text: Text::Memory(text),
            line_starts: OnceLock::new(),
            lines_read: None,
            markers,
            cache: Default::default(),
        }
    }

    /// A source read from the file at `path` and not kept: `len` bytes were read, and
    /// `markers` are the offsets where [`MARKER`] starts a comment.
    pub(crate) fn on_disk(path: PathBuf, len: usize, markers: Vec<u32>) -> SourceFile {
        SourceFile {
            path,
            text: Text::Disk(None),
            len,
            line_starts: OnceLock::new(),
            lines_read: None,
            markers,
            cache: Default::default(),
        }
    }

    /// This source, read from the file `identity` describes: a file read again for it must
    /// be that one, unchanged.
    pub(crate) fn with_identity(mut self, identity: Option<FileIdentity>) -> SourceFile {
        if let Text::Disk(id) = &mut self.text {
            *id = identity;
        }
        self
    }

    /// This source, read from a file, with the lines noted while it was read: used for its
    /// line index if they cover the text as read.
    pub(crate) fn with_lines_read(mut self, lines: LinesRead) -> SourceFile {
        if matches!(self.text, Text::Disk(_)) && lines.scanned() >= self.len {
            self.lines_read = Some(lines);
        }
        self
    }

    /// Whether the line index will be made from lines noted while reading.
    #[cfg(test)]
    pub(crate) fn has_lines_read(&self) -> bool {
        self.lines_read.is_some()
    }

    /// This source, read from a file, to be read again from `spool` rather than its path
    /// (standard input copied to a temporary file).
    pub(crate) fn spooled(mut self, spool: File) -> SourceFile {
        if matches!(self.text, Text::Disk(_)) {
            self.text = Text::Spool(Mutex::new(spool));
        }
        self
    }

    /// The file read, opened again by its path: an error when the path no longer names the
    /// file that was read, or that file has changed ([`FileIdentity`]).
    fn reopen(&self) -> std::io::Result<File> {
        let file = File::open(&self.path)?;
        match &self.text {
            Text::Disk(Some(identity)) if FileIdentity::of(&file) != Some(*identity) => {
                Err(std::io::Error::other("the file changed after it was read"))
            }
            _ => Ok(file),
        }
    }

    /// Runs `read` on the file the text is read again from.
    fn with_file<T>(
        &self,
        read: impl FnOnce(&mut File) -> std::io::Result<T>,
    ) -> std::io::Result<T> {
        match &self.text {
            Text::Spool(f) => read(&mut f.lock().unwrap_or_else(|e| e.into_inner())),
            _ => read(&mut self.reopen()?),
        }
    }

    /// The path for display.
    pub fn display_path(&self) -> String {
        self.path.display().to_string()
    }

    /// The length of the text as read.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the text is kept in memory (rather than read again from the file).
    pub fn is_kept(&self) -> bool {
        matches!(self.text, Text::Memory(_))
    }

    /// Offsets of every [`MARKER`] that starts a comment, in order.
    pub fn markers(&self) -> &[u32] {
        &self.markers
    }

    /// Bytes `range` of the text (clamped to it). A file is read again for them; should it
    /// have become shorter or unreadable since, what can be read is returned.
    pub fn bytes(&self, range: std::ops::Range<usize>) -> Cow<'_, [u8]> {
        match &self.text {
            Text::Memory(t) => {
                let end = range.end.min(self.len);
                Cow::Borrowed(&t[range.start.min(end)..end])
            }
            Text::Disk(_) | Text::Spool(_) => Cow::Owned(self.with_bytes(range, <[u8]>::to_vec)),
        }
    }

    /// Calls `f` with bytes `range` of the text (clamped to it), as [`SourceFile::bytes`]
    /// gives them, but without copying them out of the pieces kept of a file: reports ask for
    /// a few bytes of every finding.
    pub fn with_bytes<R>(&self, range: std::ops::Range<usize>, f: impl FnOnce(&[u8]) -> R) -> R {
        let end = range.end.min(self.len);
        let start = range.start.min(end);
        match &self.text {
            Text::Memory(t) => f(&t[start..end]),
            Text::Disk(_) | Text::Spool(_) if end - start > PIECE => f(&self.read_at(start, end)),
            Text::Disk(_) | Text::Spool(_) => {
                let mut cache = self.cache[shard()]
                    .0
                    .lock()
                    .unwrap_or_else(|e| e.into_inner());
                let hit = cache
                    .iter()
                    .position(|(at, piece)| *at <= start && end <= at + piece.len());
                let k = match hit {
                    Some(k) => k,
                    None => {
                        // From a little before: the rules go forward through a file, and now
                        // and then back a few records. Each byte of a file read through in
                        // order is read about once (pieces aligned to `PIECE` and two long
                        // read each byte twice).
                        let at = start.saturating_sub(PIECE / 8);
                        let piece = self.read_at(at, (at + PIECE + PIECE / 8).min(self.len));
                        if cache.len() == PIECES {
                            cache.pop();
                        }
                        cache.push((at, piece));
                        cache.len() - 1
                    }
                };
                // Most recent first.
                if k != 0 {
                    let entry = cache.remove(k);
                    cache.insert(0, entry);
                }
                // What the file no longer holds is left out.
                let (at, piece) = &cache[0];
                f(piece
                    .get(start - at..(end - at).min(piece.len()))
                    .unwrap_or_default())
            }
        }
    }

    /// Bytes `start..end` of the file, or as many of them as can be read.
    fn read_at(&self, start: usize, end: usize) -> Vec<u8> {
        // Read into room not zeroed first: the pieces of a report of many findings add up
        // to more than the file.
        let mut buf = Vec::with_capacity(end - start);
        let read = self.with_file(|f| {
            f.seek(SeekFrom::Start(start as u64))?;
            f.take((end - start) as u64).read_to_end(&mut buf)
        });
        if read.is_err() {
            buf.clear();
        }
        buf
    }

    /// The whole text.
    pub fn text(&self) -> Cow<'_, [u8]> {
        self.bytes(0..self.len)
    }

    fn line_starts(&self) -> &[u32] {
        &self.line_index().starts
    }

    fn line_index(&self) -> &LineIndex {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0u32];
            let ascii = match &self.text {
                Text::Memory(t) => {
                    starts.extend(memchr::memchr_iter(b'\n', t).map(|i| i as u32 + 1));
                    t.is_ascii()
                }
                Text::Disk(_) | Text::Spool(_) => match &self.lines_read {
                    Some(lines) => {
                        starts = lines.starts(self.len);
                        lines.ascii()
                    }
                    None => self.line_starts_streamed(&mut starts),
                },
            };
            LineIndex { starts, ascii }
        })
    }

    /// Builds the line index now, if it is not built yet. Called before findings are placed
    /// on every core: the first to need the index would build it while the others wait.
    pub fn index_lines(&self) {
        self.line_starts();
    }

    /// The line index of a file read again, into `starts`: streamed, so that the index does
    /// not need the whole text at once, and a large file on disk read in parts on every core
    /// (each part its own handle: a line start is only a byte after a newline, so the parts
    /// need not begin at one).
    /// Returns whether the text read is all ASCII.
    fn line_starts_streamed(&self, starts: &mut Vec<u32>) -> bool {
        let parts = match self.text {
            Text::Disk(_) => (self.len / PART).clamp(1, rayon::current_num_threads()),
            _ => 1,
        };
        let mut ascii = true;
        if parts == 1 {
            let read = |f: &mut File| self.newlines(f, 0..self.len, starts, &mut ascii);
            let _ = self.with_file(read);
            return ascii;
        }
        use rayon::prelude::*;
        let found: Vec<(Vec<u32>, bool, bool)> = (0..parts)
            .into_par_iter()
            .map(|k| {
                let range = self.len * k / parts..self.len * (k + 1) / parts;
                let (mut part, mut ascii) = (Vec::new(), true);
                let whole = self
                    .reopen()
                    .and_then(|mut f| self.newlines(&mut f, range, &mut part, &mut ascii))
                    .unwrap_or(false);
                (part, whole, ascii)
            })
            .collect();
        // As read in one stream: nothing after a part that ended short.
        for (part, whole, part_ascii) in found {
            starts.extend(part);
            ascii &= part_ascii;
            if !whole {
                break;
            }
        }
        ascii
    }

    /// The offsets after each newline in `range` of the file, into `starts`, and whether
    /// what is read is all ASCII, into `ascii`; whether the whole range could be read.
    fn newlines(
        &self,
        f: &mut File,
        range: std::ops::Range<usize>,
        starts: &mut Vec<u32>,
        ascii: &mut bool,
    ) -> std::io::Result<bool> {
        f.seek(SeekFrom::Start(range.start as u64))?;
        let mut buf = vec![0; READ_CHUNK.min(range.len())];
        let mut at = range.start;
        while at < range.end {
            let want = READ_CHUNK.min(range.end - at);
            let n = read_full(f, &mut buf[..want]).unwrap_or(0);
            starts.extend(memchr::memchr_iter(b'\n', &buf[..n]).map(|i| (at + i) as u32 + 1));
            *ascii = *ascii && buf[..n].is_ascii();
            at += n;
            if n < want {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The 1-based line of a byte offset; cheaper than [`SourceFile::line_col`], which
    /// reads the line for the column.
    pub fn line_of(&self, offset: u32) -> usize {
        self.line_of_near(offset, 0)
    }

    /// [`SourceFile::line_of`], searched forward from line `from` (1-based) when the offset
    /// lies at or after its start, as when offsets come in file order: steps that double
    /// from there and then halve, not a search over the whole file with a cache miss at each
    /// step. Any `from` gives the same answer; a good one gives it sooner.
    pub fn line_of_near(&self, offset: u32, from: usize) -> usize {
        let starts = self.line_starts();
        count_at_most(starts.len(), from.checked_sub(1), |i| starts[i] <= offset)
    }

    /// Line and column of a byte offset.
    pub fn line_col(&self, offset: u32) -> LineCol {
        self.line_col_near(offset, 0)
    }

    /// [`SourceFile::line_col`], the line searched forward from line `from` as
    /// [`SourceFile::line_of_near`] does.
    pub fn line_col_near(&self, offset: u32, from: usize) -> LineCol {
        let index = self.line_index();
        let line = self.line_of_near(offset, from) - 1;
        let start = index.starts[line] as usize;
        let end = (offset as usize).min(self.len);
        // In an ASCII file a column is a byte count, and the line need not be read again.
        let col = if index.ascii {
            end.saturating_sub(start)
        } else {
            self.with_bytes(start..end.max(start), |b| {
                if b.is_ascii() {
                    b.len()
                } else {
                    String::from_utf8_lossy(b).chars().count()
                }
            })
        } + 1;
        LineCol {
            line: line + 1,
            col,
        }
    }

    /// The byte range of the (1-based) line up to its newline, a carriage return included.
    pub fn raw_line_range(&self, line: usize) -> std::ops::Range<usize> {
        let starts = self.line_starts();
        let start = starts.get(line - 1).copied().unwrap_or(0) as usize;
        let end = starts
            .get(line)
            .map(|&s| s as usize - 1)
            .unwrap_or(self.len);
        start..end.max(start)
    }

    /// The byte range of the (1-based) line, without its line ending.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let range = self.raw_line_range(line);
        let (start, mut end) = (range.start, range.end);
        if end > start && self.with_bytes(end - 1..end, |b| b.first() == Some(&b'\r')) {
            end -= 1;
        }
        start..end
    }
}

/// Where each line of a file starts, and whether the file is all ASCII (then a column is a
/// byte count).
#[derive(Debug)]
struct LineIndex {
    starts: Vec<u32>,
    ascii: bool,
}

/// How many of the positions `0..len` satisfy `at_most`, which holds for a first run of
/// them and for none after (`partition_point` over positions rather than a slice). Given a
/// position `from` where it holds, the search goes forward from there, in steps that double
/// and then a binary search between the last two: a few steps when the answer lies near, as
/// it does for offsets that come in file order, rather than a cache miss at each step of a
/// search over the whole. Any `from` gives the same answer.
pub(crate) fn count_at_most(
    len: usize,
    from: Option<usize>,
    at_most: impl Fn(usize) -> bool,
) -> usize {
    let bisect = |mut lo: usize, mut hi: usize| {
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if at_most(mid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    };
    let Some(mut lo) = from.filter(|&f| f < len && at_most(f)) else {
        return bisect(0, len);
    };
    let (mut hi, mut step) = (lo + 1, 1);
    while hi < len && at_most(hi) {
        lo = hi;
        hi += step;
        step *= 2;
    }
    bisect(lo + 1, hi.min(len))
}

/// Reads until `buf` is full or the file ends; returns how much was read.
pub(crate) fn read_full(f: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Reads a whole file of at most `most` bytes, for the files beside a zone that are read
/// whole (a certificate, a config): a longer one, or a stream without end, is refused after
/// `most + 1` bytes, and a device (`/dev/zero`) before any.
pub fn read_bounded(path: &std::path::Path, most: u64) -> std::io::Result<Vec<u8>> {
    let file = File::open(path)?;
    refuse_device(&file.metadata()?, "file")?;
    let mut data = Vec::new();
    file.take(most + 1).read_to_end(&mut data)?;
    if data.len() as u64 > most {
        return Err(std::io::Error::other(format!("larger than {most} bytes")));
    }
    Ok(data)
}

/// An error for a device (`/dev/zero`, `/dev/urandom`), which is never an input's file (a
/// zone, a certificate, a config): "a device, not a `what`".
pub fn refuse_device(meta: &std::fs::Metadata, what: &str) -> std::io::Result<()> {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_char_device() || kind.is_block_device() {
        return Err(std::io::Error::other(format!("a device, not a {what}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Searching forward from a line agrees with searching the whole file, from every line
    /// at or before the offset's, and from a wrong one past it.
    #[test]
    fn a_line_searched_forward_is_the_line_searched_whole() {
        let text = b"a\n\nbb\nccc\n\n\nd\neeeeeeeee\nf".to_vec();
        let len = text.len() as u32;
        let src = SourceFile::new("t".into(), text);
        for offset in 0..=len {
            let line = src.line_of(offset);
            for from in 0..=line + 3 {
                assert_eq!(src.line_of_near(offset, from), line, "{offset} from {from}");
                assert_eq!(src.line_col_near(offset, from).line, line);
            }
        }
    }

    /// A file on disk large enough to be indexed in parts has the lines of the text it holds,
    /// whatever part a line starts in; one that shrank since it was read is indexed as far
    /// as it still goes, as a single stream would.
    #[test]
    fn a_large_file_indexed_in_parts_has_its_lines() {
        let mut text = Vec::new();
        let mut starts = vec![0u32];
        let mut i = 0usize;
        while text.len() < 2 * PART + 12345 {
            // Lines of 0 to 96 bytes, so that the parts cut lines at every phase.
            text.extend(std::iter::repeat_n(b'x', i * 7 % 97));
            text.push(b'\n');
            starts.push(text.len() as u32);
            i += 1;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.zone");
        std::fs::write(&path, &text).unwrap();
        let src = SourceFile::on_disk(path.clone(), text.len(), Vec::new());
        src.index_lines();
        assert_eq!(src.line_starts(), &starts[..]);
        // Cut short after it was read: the lines up to the cut.
        let cut = PART + 77;
        std::fs::write(&path, &text[..cut]).unwrap();
        let src = SourceFile::on_disk(path, text.len(), Vec::new());
        let kept: Vec<u32> = starts
            .iter()
            .copied()
            .filter(|&s| s as usize <= cut)
            .collect();
        assert_eq!(src.line_starts(), &kept[..]);
    }

    /// A column counts characters: in a file all ASCII it is found from the line index
    /// alone, in one with other characters anywhere (here only near its end) by reading the
    /// line again; on disk, in parts or not, as in memory.
    #[test]
    fn columns_count_characters_with_or_without_reading_again() {
        let dir = tempfile::tempdir().unwrap();
        for (k, big, accented) in [
            (0, false, false),
            (1, true, false),
            (2, false, true),
            (3, true, true),
        ] {
            let mut text = Vec::new();
            while text.len() < if big { 2 * PART + 999 } else { 300 } {
                text.extend_from_slice(b"www A 192.0.2.1 ; plain\n");
            }
            if accented {
                text.extend_from_slice("h\u{e9}\u{e9}te TXT \"caf\u{e9}\"\n".as_bytes());
            }
            text.extend_from_slice(b"last A 192.0.2.2\n");
            let path = dir.path().join(format!("{k}.zone"));
            std::fs::write(&path, &text).unwrap();
            let disk = SourceFile::on_disk(path, text.len(), Vec::new());
            let memory = SourceFile::new("m".into(), text.clone());
            // The last record's address, and (when there) the TXT's closing quote.
            let mut offsets = vec![text.len() - "192.0.2.2\n".len()];
            if accented {
                offsets.push(text.len() - "\"\nlast A 192.0.2.2\n".len());
            }
            for src in [&disk, &memory] {
                assert_eq!(src.line_index().ascii, !accented, "{k}");
                for &offset in &offsets {
                    let lc = src.line_col(offset as u32);
                    let start = src.line_starts()[lc.line - 1] as usize;
                    let chars = String::from_utf8_lossy(&text[start..offset])
                        .chars()
                        .count();
                    assert_eq!(lc.col, chars + 1, "{k} at {offset}");
                }
            }
            if accented {
                // `hééte TXT "café` before the quote: 15 characters, 18 bytes.
                assert_eq!(disk.line_col(offsets[1] as u32).col, 16);
            }
        }
    }
}
