//! Reading a large file ahead, on a thread of its own.
//!
//! Most of the time a `read` takes is the kernel copying the file's pages into the buffer.
//! Done on the reader's thread it adds to the lexing; done here, while the reader lexes the
//! chunk before, it overlaps it. At most four chunks are held beyond the reader's window
//! (one waiting, one being read, two emptied ones back to be filled again), so no new
//! memory is touched once the first few are made.

use crate::source::LinesRead;
use std::fs::File;
use std::io::Read;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;

/// A chunk, its text after [`ROOM`] bytes, and whether the file ended with it.
type Chunk = std::io::Result<(Vec<u8>, bool)>;

/// Room before a chunk's text for what the reader still holds of the one before (the start
/// of a line, usually): the chunk becomes the window without being copied.
const ROOM: usize = 64 << 10;

/// The file, read in chunks by a thread that stops when the file ends, a read fails, or
/// this side is dropped.
pub(crate) struct ReadAhead {
    chunks: Receiver<Chunk>,
    spare: SyncSender<Vec<u8>>,
    /// The file has ended (or failed): nothing more will come.
    done: bool,
    /// The thread, which ends with the lines of what it read.
    thread: JoinHandle<LinesRead>,
}

impl ReadAhead {
    /// Starts reading `file` from where it is, `chunk` bytes at a time, noting the lines of
    /// each chunk after those of `lines` (the text before); `None` when no thread can be
    /// started (the caller then reads the file itself).
    pub(crate) fn start(file: &File, chunk: usize, mut lines: LinesRead) -> Option<ReadAhead> {
        let mut file = file.try_clone().ok()?;
        let (tx, chunks) = sync_channel::<Chunk>(1);
        let (spare, spares) = sync_channel::<Vec<u8>>(2);
        let thread = std::thread::Builder::new()
            .name("zonewarden-read-ahead".into())
            .spawn(move || loop {
                let mut buf = spares.try_recv().unwrap_or_default();
                buf.clear();
                buf.resize(ROOM, 0);
                let read = fill(&mut file, &mut buf, chunk);
                if read.is_ok() {
                    lines.scan(&buf[ROOM..]);
                }
                let last = !matches!(read, Ok(false));
                // Sending fails once the reader is gone: then there is no one to read for.
                if tx.send(read.map(|ended| (buf, ended))).is_err() || last {
                    return lines;
                }
            })
            .ok()?;
        Some(ReadAhead {
            chunks,
            spare,
            done: false,
            thread,
        })
    }

    /// The lines of all the text read, once the file has ended or failed; `None` before
    /// (the thread may still be reading) or if the thread stopped otherwise.
    pub(crate) fn lines(self) -> Option<LinesRead> {
        if !self.done {
            return None;
        }
        let mut lines = self.thread.join().ok()?;
        lines.shrink_to_fit();
        Some(lines)
    }

    /// Adds at least `want` bytes, or what is left of the file, to the text held in `buf`
    /// from `front` on; returns whether the file ended, as [`fill`] does. A failed read is
    /// returned after the bytes before it.
    pub(crate) fn fill(
        &mut self,
        buf: &mut Vec<u8>,
        front: &mut usize,
        want: usize,
    ) -> std::io::Result<bool> {
        let mut got = 0;
        while !self.done && got < want {
            match self.chunks.recv() {
                Ok(Ok((mut chunk, ended))) => {
                    got += chunk.len() - ROOM;
                    self.done = ended;
                    let held = buf.len() - *front;
                    let spent = if held <= ROOM {
                        // What is held moves into the room before the chunk's text, and the
                        // chunk is the window: four megabytes not copied.
                        chunk[ROOM - held..ROOM].copy_from_slice(&buf[*front..]);
                        *front = ROOM - held;
                        std::mem::replace(buf, chunk)
                    } else {
                        buf.extend_from_slice(&chunk[ROOM..]);
                        chunk
                    };
                    // Back to be filled again; dropped when two are spare already.
                    let _ = self.spare.try_send(spent);
                }
                Ok(Err(e)) => {
                    self.done = true;
                    return Err(e);
                }
                // The thread cannot stop before sending its last chunk, unless it panicked.
                Err(_) => {
                    self.done = true;
                    return Err(std::io::Error::other("the read-ahead thread stopped"));
                }
            }
        }
        Ok(self.done)
    }
}

/// Appends `want` bytes (or what is left) to `buf`; returns whether the file ended.
pub(crate) fn fill(f: &mut File, buf: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
    buf.reserve(want);
    let n = Read::take(f, want as u64).read_to_end(buf)?;
    Ok(n < want)
}
