//! The part of a zone file the reader holds at a time.
//!
//! A file is read through a window of a few megabytes that moves forward as lines are
//! consumed, so reading never holds the whole text (for a signed zone the text is larger than
//! everything parsed from it). The window always ends at a line end, or at the end of the
//! file; a logical line that runs past it (parentheses, an escaped newline, or an error the
//! lexer settles only at the end of the text) is lexed again once the window has grown, so
//! tokens, errors and offsets are exactly those of reading the whole text at once. Text
//! already in memory is one window that holds all of it.

use super::lexer::{LexError, Lexer, Line, Token};
use super::readahead::{fill, ReadAhead};
use crate::source::{FileIdentity, LinesRead, SourceFile};
use std::fs::File;
use std::path::PathBuf;

/// How much is read at a time: a chunk the kernel copies into and the lexer reads from
/// while it is still in the core's cache (half a megabyte of a 1 MiB second-level cache;
/// four megabytes, as before, cost 2 to 5% more wall time to lint a large zone).
pub(crate) const CHUNK: usize = 1 << 19;

/// Where more of the text comes from.
enum Feed {
    /// Read on the reader's thread as it is needed.
    Here(File),
    /// Read ahead on a thread of its own: files of more than two chunks.
    Ahead(ReadAhead),
}

impl Feed {
    /// Adds at least `want` bytes (or what is left) to the text held in `buf` from `front`
    /// on; returns whether the file ended. The text may move, and `front` with it.
    fn fill(&mut self, buf: &mut Vec<u8>, front: &mut usize, want: usize) -> std::io::Result<bool> {
        match self {
            Feed::Here(f) => {
                buf.drain(..*front);
                *front = 0;
                fill(f, buf, want)
            }
            Feed::Ahead(a) => a.fill(buf, front, want),
        }
    }
}

pub(crate) struct Window {
    file: Option<Feed>,
    /// The file as opened, which a report reading it again must find unchanged.
    identity: Option<FileIdentity>,
    /// How much to read at a time.
    chunk: usize,
    /// The length the text is expected to have (the file's size when opened).
    expected: usize,
    buf: Vec<u8>,
    /// Where the text held begins in `buf`: what lies before is consumed, or room a chunk
    /// read ahead left for it. `pos`, `ready` and `doomed` count from here.
    front: usize,
    /// Offset in the text of `buf[front]`.
    base: usize,
    /// The text held, up to `ready`, ends at a line end, or holds the rest of the text.
    ready: usize,
    /// Where reading goes on, in the text held.
    pos: usize,
    /// Nothing of the text lies beyond `buf` (or nothing more can be read).
    eof: bool,
    /// Why the file could not be read to its end.
    error: Option<std::io::Error>,
    /// Offsets in the text of the suppression markers that start comments, in the lines
    /// read so far.
    markers: Vec<u32>,
    /// Offsets in `buf` of `(`s that no `)` closes (see [`Lexer::set_doomed`]), sorted.
    doomed: Vec<usize>,
}

impl Window {
    /// All of a text already in memory.
    pub fn memory(text: Vec<u8>) -> Window {
        Window {
            file: None,
            identity: None,
            chunk: CHUNK,
            expected: text.len(),
            ready: text.len(),
            buf: text,
            front: 0,
            base: 0,
            pos: 0,
            eof: true,
            error: None,
            markers: Vec::new(),
            doomed: Vec::new(),
        }
    }

    /// A file, with its first `chunk` bytes read; an error there means the file cannot be
    /// read at all.
    pub fn open(mut file: File, expected: usize, chunk: usize) -> std::io::Result<Window> {
        let identity = FileIdentity::of(&file);
        // A file smaller than a chunk (most zones of a repository) is read into room for
        // itself and a byte more, which tells that it ended: not into a whole chunk, made
        // and freed again for each of 10,000 zones.
        let mut buf = Vec::new();
        let eof = fill(&mut file, &mut buf, chunk.min(expected.saturating_add(1)))?;
        // A thread is worth it for a file of several chunks, each more than a few lines.
        // It notes the lines it reads; those of the text read here come first.
        let ahead = (!eof && chunk >= 64 && expected > 2 * chunk)
            .then(|| {
                let mut lines = LinesRead::for_text_of(expected);
                lines.scan(&buf);
                ReadAhead::start(&file, chunk, lines)
            })
            .flatten();
        let feed = ahead.map_or(Feed::Here(file), Feed::Ahead);
        let mut w = Window {
            file: Some(feed),
            identity,
            chunk,
            expected,
            buf,
            front: 0,
            base: 0,
            ready: 0,
            pos: 0,
            eof,
            error: None,
            markers: Vec::new(),
            doomed: Vec::new(),
        };
        w.settle();
        Ok(w)
    }

    /// How many bytes of the text the window holds.
    #[cfg(test)]
    pub fn held(&self) -> usize {
        self.buf.len() - self.front
    }

    /// The length the text is expected to have.
    pub fn expected_len(&self) -> usize {
        self.expected
    }

    /// Offset in the text of the window's first byte.
    pub fn base(&self) -> usize {
        self.base
    }

    /// The text that can be lexed now.
    pub fn ready(&self) -> &[u8] {
        &self.buf[self.front..self.front + self.ready]
    }

    /// Where reading goes on, in [`Window::ready`].
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// [`Window::ready`] holds the rest of the text.
    pub fn at_eof(&self) -> bool {
        self.eof
    }

    /// Reads on: drops what has been consumed (everything before [`Window::pos`]) and reads
    /// until more of a line is ready, at least as much again as is held, so a line lexed
    /// again each time the window grows costs linear time in all. Returns false at the end of
    /// the text. A read that fails ends the text at the last line end before it.
    pub fn advance(&mut self) -> bool {
        self.advance_within(usize::MAX)
    }

    /// [`Window::advance`], but holding no more than `most` bytes: a look at the start of
    /// the text costs that much at most, whatever the text is (a file with no line end
    /// would otherwise be read whole to find where its first line ends). Returns false at
    /// the end of the text, and when `most` bytes are held with no more of a line ready.
    pub fn advance_within(&mut self, most: usize) -> bool {
        if self.eof {
            return false;
        }
        let dropped = self.pos;
        self.front += dropped;
        self.base += dropped;
        self.doomed.retain(|&d| d >= dropped);
        self.doomed.iter_mut().for_each(|d| *d -= dropped);
        let old_ready = self.ready - self.pos;
        self.pos = 0;
        loop {
            let held = self.buf.len() - self.front;
            if held >= most {
                return false;
            }
            let want = self.chunk.max(held).min(most - held);
            let Some(f) = self.file.as_mut() else {
                self.eof = true;
                return true;
            };
            match f.fill(&mut self.buf, &mut self.front, want) {
                Ok(eof) => self.eof = eof,
                Err(e) => {
                    let held = &self.buf[self.front..];
                    let whole = memchr::memrchr(b'\n', held).map_or(0, |i| i + 1);
                    self.buf.truncate(self.front + whole);
                    self.error = Some(e);
                    self.eof = true;
                }
            }
            self.settle();
            if self.eof || self.ready > old_ready {
                return true;
            }
        }
    }

    /// Sets `ready` after the last line end (or at the end).
    fn settle(&mut self) {
        let held = &self.buf[self.front..];
        self.ready = if self.eof {
            held.len()
        } else {
            memchr::memrchr(b'\n', held).map_or(0, |i| i + 1)
        };
    }

    /// Once all is read: the source, holding the text if it was in memory (else its length
    /// and the markers found in it), and the error that ended the reading early, if one did.
    pub fn finish(self, path: PathBuf) -> (SourceFile, Option<std::io::Error>) {
        // Text in memory is one window that never moves: `front` is 0.
        let held = self.buf.len() - self.front;
        let source = match self.file {
            None => SourceFile::with_markers(path, self.buf, self.markers),
            Some(Feed::Here(_)) => SourceFile::on_disk(path, self.base + held, self.markers)
                .with_identity(self.identity),
            Some(Feed::Ahead(ahead)) => {
                let source = SourceFile::on_disk(path, self.base + held, self.markers)
                    .with_identity(self.identity);
                match ahead.lines() {
                    Some(lines) => source.with_lines_read(lines),
                    None => source,
                }
            }
        };
        (source, self.error)
    }
}

/// Reads the next logical line, growing the window when the line runs past it; `None` at
/// the end of the text. Offsets in `tokens`, `errors` and the line are into
/// [`Window::ready`], whose first byte is at [`Window::base`] in the text.
pub(crate) fn next_line(
    w: &mut Window,
    tokens: &mut Vec<Token>,
    errors: &mut Vec<LexError>,
) -> Option<Line> {
    loop {
        let before = errors.len();
        let doomed = std::mem::take(&mut w.doomed);
        let mut lx = Lexer::new(&w.buf[w.front..w.front + w.ready]);
        lx.set_doomed(&doomed);
        lx.set_offset(w.pos);
        let line = lx.next_line(tokens, errors);
        let (markers, unmatched) = (lx.take_markers(), lx.take_unmatched());
        let (hit_end, offset) = (lx.hit_end(), lx.offset());
        w.doomed = doomed;
        if hit_end && !w.eof {
            // The line may go on past the window: read more and lex it again.
            errors.truncate(before);
            w.advance();
            continue;
        }
        w.pos = offset;
        let base = w.base;
        w.markers.extend(markers.iter().map(|&m| (base + m) as u32));
        if !unmatched.is_empty() {
            // Those after the one just reported; the window holds the rest of the text.
            w.doomed.extend(unmatched.into_iter().skip(1));
            w.doomed.sort_unstable();
            w.doomed.dedup();
        }
        match line {
            Some(l) => return Some(l),
            None if !w.advance() => return None,
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::zone::parser::read_file_in_chunks;
    use crate::zone::{read_text, ReadOptions, Zone};
    use std::path::{Path, PathBuf};

    /// Everything read, in a form to compare.
    fn summary(z: &Zone) -> String {
        let names: Vec<(u32, Vec<u8>, u32)> = z
            .names
            .iter()
            .map(|(id, w)| (id, w.to_vec(), z.names.get(id).parent()))
            .collect();
        let sources: Vec<(PathBuf, usize, Vec<u32>)> = z
            .sources
            .iter()
            .map(|s| (s.path.clone(), s.len(), s.markers().to_vec()))
            .collect();
        format!(
            "{:?} {:?} {} {:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            z.origin, z.origin_source, z.class, sources, names, z.records, z.rdata, z.diagnostics
        )
    }

    /// Where each record and each finding of the reader is, as a report prints it: file,
    /// line, column and the line's text, read back from the source (from the file, for a
    /// zone that was streamed).
    fn report(z: &Zone) -> String {
        let mut out = String::new();
        let spans = z.records.iter().map(|r| z.text_order(r)).chain(
            z.diagnostics
                .iter()
                .filter_map(|d| d.span)
                .map(|s| (s.file, s.start)),
        );
        for (file, pos) in spans {
            let src = &z.sources[file as usize];
            let lc = src.line_col(pos);
            let text = src.bytes(src.line_range(lc.line));
            out.push_str(&format!(
                "{}:{}:{}: {}\n",
                src.display_path(),
                lc.line,
                lc.col,
                String::from_utf8_lossy(&text)
            ));
        }
        out
    }

    /// Reading a file through windows of any size gives what reading its text at once gives.
    fn check_file(path: &Path, chunks: &[usize]) {
        let opts = ReadOptions::default();
        let text = std::fs::read(path).unwrap();
        let whole = read_text(path.to_path_buf(), text, &opts);
        let (want, want_report) = (summary(&whole), report(&whole));
        for &chunk in chunks {
            let z = read_file_in_chunks(path, &opts, None, chunk).unwrap();
            // A file of more than two chunks is read ahead, and its lines noted as it is:
            // the report below then places everything by them.
            let ahead = chunk >= 64 && z.sources[0].len() > 2 * chunk;
            assert_eq!(z.sources[0].has_lines_read(), ahead, "{}", path.display());
            assert_eq!(summary(&z), want, "{} in chunks of {chunk}", path.display());
            assert_eq!(
                report(&z),
                want_report,
                "{} in chunks of {chunk}",
                path.display()
            );
        }
    }

    fn zone_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                zone_files(&p, out);
            } else if p
                .extension()
                .is_some_and(|x| x == "zone" || x == "signed" || x == "db")
            {
                out.push(p);
            }
        }
    }

    #[test]
    fn every_test_zone_reads_the_same_in_windows() {
        let mut files = Vec::new();
        zone_files(Path::new("testdata"), &mut files);
        assert!(files.len() > 100, "{} zone files", files.len());
        for f in &files {
            check_file(f, &[1, 7, 100]);
        }
    }

    #[test]
    fn lines_that_run_past_the_window() {
        let dir = std::env::temp_dir().join(format!("zw-window-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let cases: &[&str] = &[
            // Parentheses over several lines, with comments in them.
            "$TTL 60\n@ SOA ( ns1 ; primary\n  hostmaster ; contact\n  1 2 3 4 5 )\n@ NS ns1\nns1 A 192.0.2.1\n",
            // An escaped newline inside a word and inside a quoted string.
            "$TTL 60\n@ SOA ns1 h 1 2 3 4 5\nt TXT \"one\\\ntwo\" x\\\ny\nw\\\nx A 192.0.2.2\n",
            // Errors: an unclosed parenthesis, a stray one, an open quote, CRLF line ends.
            "$TTL 60\r\n@ SOA ns1 h 1 2 3 4 5\r\na A 192.0.2.1 )\r\nb TXT \"open\r\nc ( A\r\nd A 192.0.2.4\r\n",
            // Suppressions, one on its own line, one after a record; no final newline.
            "$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n; zonewarden: ignore[ZW1115]\nwww CNAME @\nx TXT \"zonewarden: no\" ; zonewarden: ignore[ZW11]\nlast A 192.0.2.9",
            // A backslash at the very end, and $GENERATE.
            "$ORIGIN gen.example.\n$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n$GENERATE 1-20 h$ A 192.0.2.$\nz TXT a\\",
        ];
        for (i, text) in cases.iter().enumerate() {
            let p = dir.join(format!("case{i}.example.zone"));
            std::fs::write(&p, text).unwrap();
            check_file(&p, &[1, 2, 3, 5, 8, 13, 21, 64, 4096]);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A file longer than its size said when it was opened (it grew since) is read to its
    /// end all the same, and one of that size exactly is known to have ended at once.
    #[test]
    fn a_file_is_read_whole_whatever_its_size_said() {
        let dir = std::env::temp_dir().join(format!("zw-window-grew-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("z.zone");
        let text: Vec<u8> = (0..5000)
            .flat_map(|i| format!("h{i} A 192.0.2.1\n").into_bytes())
            .collect();
        std::fs::write(&path, &text).unwrap();
        for (expected, chunk) in [
            (text.len(), 1 << 20),
            (100, 1 << 20),
            (0, 1 << 20),
            (100, 4096),
        ] {
            let file = std::fs::File::open(&path).unwrap();
            let mut w = super::Window::open(file, expected, chunk).unwrap();
            assert_eq!(w.at_eof(), expected == text.len(), "{expected} {chunk}");
            let mut read = Vec::new();
            loop {
                read.extend_from_slice(w.ready());
                w.pos = w.ready;
                if !w.advance() {
                    break;
                }
            }
            assert_eq!(read, text, "expected {expected}, chunks of {chunk}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[cfg(test)]
mod identity_tests {
    use super::super::parser::read_file_in_chunks;
    use crate::zone::ReadOptions;

    /// A file read from disk is read again for a report only while its path still names
    /// that file, unchanged: a file renamed over it, or the same file changed in place,
    /// gives no text (never another file's), in one piece or in parts.
    #[test]
    fn a_file_changed_after_reading_is_not_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("z.zone");
        let zone = "$ORIGIN example.\n@ SOA ns h 1 2 3 4 5\nwww A 192.0.2.1\n".repeat(20);
        std::fs::write(&path, &zone).unwrap();
        let opts = ReadOptions::default();
        let read = || read_file_in_chunks(&path, &opts, None, 64).unwrap();
        let z = read();
        let src = &z.sources[0];
        assert!(!src.is_kept());
        assert_eq!(&*src.bytes(0..7), b"$ORIGIN");
        // Another file renamed over the path.
        let other = dir.path().join("secret");
        std::fs::write(&other, "SECRET".repeat(300)).unwrap();
        let z = read();
        std::fs::rename(&other, &path).unwrap();
        let src = &z.sources[0];
        assert!(src.bytes(0..7).is_empty(), "{:?}", src.bytes(0..7));
        // The file changed in place (its length, here); unchanged, it is read again.
        std::fs::write(&path, &zone).unwrap();
        let z = read();
        std::fs::write(&path, zone.replace("www", "mail")).unwrap();
        assert!(z.sources[0].bytes(0..7).is_empty());
        std::fs::write(&path, &zone).unwrap();
        let z = read();
        assert_eq!(&*z.sources[0].bytes(0..7), b"$ORIGIN");
    }
}
