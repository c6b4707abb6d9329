//! Where a file's lines start, noted while the file is read.
//!
//! A report's line index is built when a report first needs it. A file not kept in memory
//! would then be read again whole, only to find its newlines: about 5% of the CPU of a
//! lint of 1.6 million records with 125,000 findings. The thread that reads a large file
//! ahead notes them instead, on each chunk it has just read and still holds in its cache, a
//! thread that otherwise waits most of the time.
//!
//! They are kept at a byte a line, not as four-byte offsets: a lint's memory peaks while
//! the rules run, before any report needs the index, and offsets would add four megabytes
//! to that peak for every million lines. The offsets are made from them when a report
//! first asks.

/// The lines of the text scanned so far: each one's length, and whether all of it is ASCII.
#[derive(Debug)]
pub struct LinesRead {
    /// The length of each line that ends in a newline, the newline included; 0 for a line of
    /// 256 bytes or more, whose end is then in `long`.
    lengths: Vec<u8>,
    /// The offset after the newline of each line too long for `lengths`, in order.
    long: Vec<u32>,
    /// The offset where the last line scanned starts.
    last: usize,
    /// How many bytes of the text have been scanned.
    scanned: usize,
    ascii: bool,
}

impl Default for LinesRead {
    fn default() -> Self {
        LinesRead {
            lengths: Vec::new(),
            long: Vec::new(),
            last: 0,
            scanned: 0,
            ascii: true,
        }
    }
}

impl LinesRead {
    /// Room for the lines of a text of `len` bytes, guessed at 32 bytes a line (zone files'
    /// lines are about 40): grown once in a block of its own, not through the small sizes of
    /// the allocator's heap of the thread that reads, which would stay resident.
    pub fn for_text_of(len: usize) -> LinesRead {
        LinesRead {
            lengths: Vec::with_capacity(len / 32),
            ..LinesRead::default()
        }
    }

    /// Notes the lines of `text`, the next bytes of the file after those scanned before.
    pub fn scan(&mut self, text: &[u8]) {
        for i in memchr::memchr_iter(b'\n', text) {
            let start = self.scanned + i + 1;
            match u8::try_from(start - self.last) {
                Ok(length) => self.lengths.push(length),
                Err(_) => {
                    self.lengths.push(0);
                    self.long.push(start as u32);
                }
            }
            self.last = start;
        }
        self.ascii = self.ascii && text.is_ascii();
        self.scanned += text.len();
    }

    /// Gives back the room grown for lines that never came: the lengths are held through
    /// the rules, when a lint's memory peaks.
    pub fn shrink_to_fit(&mut self) {
        self.lengths.shrink_to_fit();
        self.long.shrink_to_fit();
    }

    /// How many bytes of the text have been scanned.
    pub fn scanned(&self) -> usize {
        self.scanned
    }

    /// Whether the bytes scanned are all ASCII. Of a text shorter than what was scanned, this
    /// may say no where it is: a report then counts a column's characters rather than its
    /// bytes, with the same result.
    pub fn ascii(&self) -> bool {
        self.ascii
    }

    /// The offset of each line's start in the first `len` bytes of the text (0 first), as
    /// searching those bytes for newlines would give them.
    pub fn starts(&self, len: usize) -> Vec<u32> {
        let mut starts = Vec::with_capacity(self.lengths.len() + 1);
        starts.push(0);
        let (mut at, mut long) = (0u32, self.long.iter());
        for &length in &self.lengths {
            at = match length {
                0 => long.next().copied().unwrap_or(u32::MAX),
                n => at.saturating_add(u32::from(n)),
            };
            if at as usize > len {
                break;
            }
            starts.push(at);
        }
        starts
    }
}

#[cfg(test)]
mod tests {
    use super::LinesRead;

    /// The starts searched for at once in the text's first bytes.
    fn searched(text: &[u8], len: usize) -> Vec<u32> {
        std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', &text[..len]).map(|i| i as u32 + 1))
            .collect()
    }

    /// Lines of every length about the one byte's limit, scanned in pieces of any size,
    /// give the starts a search of the whole text gives, in the whole and in any prefix.
    #[test]
    fn lines_noted_in_pieces_are_the_lines_searched_at_once() {
        let mut text = Vec::new();
        for n in [0, 1, 254, 255, 256, 257, 1000, 3, 0, 70_000, 12] {
            text.extend(std::iter::repeat_n(b'x', n));
            text.push(b'\n');
        }
        text.extend_from_slice("no newline at the end, é".as_bytes());
        for piece in [1, 2, 7, 255, 256, 4096, text.len()] {
            let mut lines = LinesRead::default();
            text.chunks(piece).for_each(|c| lines.scan(c));
            assert_eq!(lines.scanned(), text.len());
            assert!(!lines.ascii());
            for len in [0, 1, 255, 256, 257, 513, 1500, 71_000, text.len()] {
                let len = len.min(text.len());
                assert_eq!(lines.starts(len), searched(&text, len), "{piece} {len}");
            }
        }
        let mut lines = LinesRead::default();
        lines.scan(b"a\nbb\n");
        assert!(lines.ascii());
        assert_eq!(lines.starts(5), vec![0, 2, 5]);
    }
}
