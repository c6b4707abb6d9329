//! Source files and byte spans into them.
//!
//! Every token and record remembers where it came from as a byte [`Span`]; line and column
//! are computed only when a diagnostic is printed, so reading a large zone pays nothing for it.

use std::path::PathBuf;
use std::sync::OnceLock;

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

/// One file (or standard input) as read, with its line index built on first use.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user named it (or `-` for standard input); used verbatim in reports.
    pub path: PathBuf,
    pub text: Vec<u8>,
    line_starts: OnceLock<Vec<u32>>,
}

/// A 1-based line and column; the column counts characters, as editors do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: Vec<u8>) -> SourceFile {
        SourceFile {
            path,
            text,
            line_starts: OnceLock::new(),
        }
    }

    /// The path for display.
    pub fn display_path(&self) -> String {
        self.path.display().to_string()
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0u32];
            starts.extend(memchr::memchr_iter(b'\n', &self.text).map(|i| i as u32 + 1));
            starts
        })
    }

    /// Line and column of a byte offset.
    pub fn line_col(&self, offset: u32) -> LineCol {
        let starts = self.line_starts();
        let line = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = starts[line] as usize;
        let end = (offset as usize).min(self.text.len());
        let col = String::from_utf8_lossy(&self.text[start..end.max(start)])
            .chars()
            .count()
            + 1;
        LineCol {
            line: line + 1,
            col,
        }
    }

    /// The byte range of the (1-based) line, without its line ending.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let starts = self.line_starts();
        let start = starts.get(line - 1).copied().unwrap_or(0) as usize;
        let mut end = starts
            .get(line)
            .map(|&s| s as usize - 1)
            .unwrap_or(self.text.len());
        if end > start && self.text.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }
}
