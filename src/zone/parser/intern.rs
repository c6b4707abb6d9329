//! Interning owner names and encoding RDATA ([`super::assemble`]) run on a second thread,
//! fed records in batches: that and splitting the text into records each take about half
//! the time. A small file's batches are assembled on the reader's thread.

use super::assemble::{Assembled, Assembly, Pending, PendingBatch};
use super::Reader;
use crate::diag::Diagnostic;
use crate::zone::lexer::Token;
use crate::zone::name::{self, NameId};
use crate::zone::Record;
use std::sync::atomic::Ordering;

/// Records read since the last hand-over, with the owner names they introduced. A record's
/// `owner` holds the sequence number of its owner's first appearance until interned.
#[derive(Default)]
pub(super) struct Batch {
    pub(super) names: Vec<u8>,
    pub(super) ends: Vec<u32>,
    /// Record lines read up to their type, RDATA still to encode ([`Pending`]).
    pub(super) pending: Vec<Pending>,
    /// The text and tokens of each pending record from its type on, offsets into `text`.
    pub(super) text: Vec<u8>,
    pub(super) toks: Vec<Token>,
    /// RDATA the reader encoded itself (generated records).
    pub(super) wire: Vec<u8>,
    /// The origins the pending records were read under.
    pub(super) origins: Vec<Option<Vec<u8>>>,
    /// The reader's diagnostics, each with the number of pending records before it.
    pub(super) diags: Vec<(u32, Diagnostic)>,
    /// How far the main file had been read when the batch was handed over.
    pub(super) read: usize,
}

/// The room a large file's batch starts with for its copied text and owner names, and as
/// much for its tokens: past the 256 KiB from which the allocator maps a block of its own
/// (`main.rs`), so that the batches' lists are returned to the system when reading ends
/// rather than left in the heap, where the index's and the rules' large lists (mapped of
/// their own) cannot reuse them (3.5 MB at the peak of a lint of 1.6 million records).
const ROOM: usize = 260 << 10;

impl Batch {
    /// An empty batch for a large file, with room for a full one.
    pub(super) fn with_room() -> Batch {
        Batch {
            names: Vec::with_capacity(ROOM),
            pending: Vec::with_capacity(BATCH),
            text: Vec::with_capacity(ROOM),
            toks: Vec::with_capacity(ROOM / std::mem::size_of::<Token>()),
            ..Batch::default()
        }
    }

    /// Hands the batch to `assembly` and empties it, keeping its lists' room.
    pub(super) fn assemble_into(&mut self, assembly: &mut Assembly) {
        let pending = PendingBatch {
            pending: &self.pending,
            text: &self.text,
            toks: &self.toks,
            wire: &self.wire,
            origins: &self.origins,
        };
        assembly.take(pending, &mut self.diags, &self.names, &self.ends, self.read);
        self.names.clear();
        self.ends.clear();
        self.pending.clear();
        self.text.clear();
        self.toks.clear();
        self.wire.clear();
        self.origins.clear();
        self.diags.clear();
    }
}

/// How many records go in one batch.
pub(super) const BATCH: usize = 4096;

/// Where full batches go: to a thread of their own, or interned at once on the reader's.
pub(super) enum Sink {
    /// A second thread interns while the reader reads on (a large file: each takes about
    /// half the time); emptied batches come back to be filled again.
    Thread {
        tx: std::sync::mpsc::SyncSender<Batch>,
        back: std::sync::mpsc::Receiver<Batch>,
    },
    /// Assembled on the reader's thread (a small file: starting a thread and waking it for
    /// each batch costs more than it saves, and a repository's zones are read one per core
    /// already).
    Here(Box<Assembly>),
}

/// The interning side: names in order of appearance, records with their owners' ids.
///
/// Zones differ widely in text per owner name (a signed zone has several times an unsigned
/// one's), and a hash table touches all its pages however few names it holds, so the table
/// is sized from the names seen so far, projected over the `expected` length of the text,
/// each time the text read has doubled.
pub(super) struct Interning {
    names: name::NameTable,
    /// The id of each owner name by its sequence number of first appearance.
    seq_ids: Vec<NameId>,
    records: Vec<Record>,
    next_estimate: usize,
    expected: usize,
}

impl Interning {
    pub(super) fn new(names: name::NameTable, expected: usize) -> Interning {
        Interning {
            names,
            seq_ids: Vec::new(),
            records: Vec::new(),
            next_estimate: 1 << 20,
            expected,
        }
    }

    /// Interns a batch's owner names (`ends` marks where each ends in `names`), and takes
    /// its `records` with their owners' ids, leaving the list empty; `read` bytes of the main
    /// file are read.
    pub(super) fn take(
        &mut self,
        names: &[u8],
        ends: &[u32],
        records: &mut Vec<Record>,
        read: usize,
    ) {
        self.intern(names, ends, read);
        self.records.reserve(records.len());
        for r in records.drain(..) {
            self.push(r);
        }
    }

    /// Interns a batch's owner names, `read` bytes into the main file: its records'
    /// owners, by sequence number, have their ids from here on ([`Interning::push`]).
    pub(super) fn intern(&mut self, names: &[u8], ends: &[u32], read: usize) {
        let mut start = 0;
        for &end in ends {
            let id = self.names.intern_lower(&names[start..end as usize]);
            self.seq_ids.push(id);
            start = end as usize;
        }
        if read >= self.next_estimate && read < self.expected {
            self.next_estimate = read.saturating_mul(2);
            // Room for the projection (hashbrown rounds up to a power of two), and no more
            // than a name per 16 bytes of text.
            let projected = self.names.len() as u64 * self.expected as u64 / read as u64;
            let n = (projected as usize).min(self.expected / 16);
            self.names.reserve(n.saturating_sub(self.names.len()));
        }
    }

    /// Takes a record whose owner, by sequence number, is interned, with the owner's id.
    pub(super) fn push(&mut self, r: Record) {
        let owner = self.seq_ids[r.owner as usize];
        self.records.push(Record { owner, ..r });
    }

    pub(super) fn finish(self) -> (name::NameTable, Vec<Record>) {
        (self.names, self.records)
    }
}

/// [`Sink::Thread`]'s side: assembles the batches as they come, and sends each back
/// emptied (dropped should the reader have finished).
pub(super) fn assemble_batches(
    mut assembly: Assembly,
    rx: std::sync::mpsc::Receiver<Batch>,
    back: std::sync::mpsc::SyncSender<Batch>,
) -> Assembled {
    for mut b in rx {
        b.assemble_into(&mut assembly);
        let _ = back.try_send(b);
    }
    assembly.finish()
}

impl Reader {
    /// Hands the batch to the assembling side.
    pub(super) fn flush(&mut self) {
        if let Some(p) = &self.progress {
            p.store(self.main_pos as u64, Ordering::Relaxed);
        }
        self.batch.read = self.main_pos;
        match &mut self.sink {
            Sink::Here(assembly) => {
                // Its records were assembled as they were read.
                let b = &mut self.batch;
                assembly.take_names(&b.names, &b.ends, b.read);
                b.names.clear();
                b.ends.clear();
            }
            Sink::Thread { tx, back } => {
                let fresh = back.try_recv().unwrap_or_else(|_| Batch::with_room());
                let b = std::mem::replace(&mut self.batch, fresh);
                // The assembling side only stops when this side drops the channel, so sending
                // cannot fail.
                let _ = tx.send(b);
            }
        }
        // The next batch starts its list of origins afresh.
        self.origin_key = None;
    }
}

#[cfg(test)]
mod tests {
    use crate::zone::{name, read_text, ReadOptions};

    /// A small zone is interned on the reader's thread and a large one on a thread of its
    /// own: both give every record its owner, each name once, in order of appearance.
    #[test]
    fn owners_are_interned_alike_here_and_on_a_thread() {
        for hosts in [100usize, 40_000] {
            let mut text = String::from("$ORIGIN example.\n$TTL 300\n@ SOA ns h 1 2 3 4 5\n");
            for i in 0..hosts {
                text.push_str(&format!("host{i} A 192.0.2.1\n AAAA 2001:db8::1\n"));
            }
            // Each host again, out of order: interned already.
            for i in (0..hosts).step_by(7) {
                text.push_str(&format!("HOST{i} TXT \"again\"\n"));
            }
            let big = text.len() >= super::super::INTERN_HERE_BELOW;
            assert_eq!(big, hosts > 100, "{} bytes", text.len());
            let zone = read_text("z".into(), text.into_bytes(), &ReadOptions::default());
            assert!(zone.diagnostics.is_empty(), "{:?}", zone.diagnostics);
            assert_eq!(zone.records.len(), 1 + 2 * hosts + hosts.div_ceil(7));
            // The apex, then each host in order of first appearance.
            assert_eq!(zone.names.len(), 1 + hosts);
            for (k, r) in zone.records[1..].iter().enumerate() {
                let i = if k < 2 * hosts {
                    k / 2
                } else {
                    (k - 2 * hosts) * 7
                };
                let owner = name::to_text(zone.names.wire(r.owner));
                assert_eq!(owner, format!("host{i}.example."), "record {k} of {hosts}");
                assert_eq!(r.owner as usize, 1 + i);
            }
        }
    }
}
