//! Interning owner names runs on a second thread, fed records in batches: reading text and
//! hashing names each take about half the time.

use super::Reader;
use crate::zone::name::{self, NameId};
use crate::zone::Record;
use std::sync::atomic::Ordering;

/// Records read since the last hand-over, with the owner names they introduced. A record's
/// `owner` holds the sequence number of its owner's first appearance until interned.
#[derive(Default)]
pub(super) struct Batch {
    pub(super) names: Vec<u8>,
    pub(super) ends: Vec<u32>,
    pub(super) records: Vec<Record>,
    /// How far the main file had been read when the batch was handed over.
    pub(super) read: usize,
}

/// How many records go in one batch.
pub(super) const BATCH: usize = 4096;

/// The interning side: names in order of appearance, records with their owners' ids.
///
/// Zones differ widely in text per owner name (a signed zone has several times an unsigned
/// one's), and a hash table touches all its pages however few names it holds, so the table
/// is sized from the names seen so far, projected over the `expected` length of the text,
/// each time the text read has doubled.
pub(super) fn intern_batches(
    mut names: name::NameTable,
    rx: std::sync::mpsc::Receiver<Batch>,
    back: std::sync::mpsc::SyncSender<Batch>,
    expected: usize,
) -> (name::NameTable, Vec<Record>) {
    let mut seq_ids: Vec<NameId> = Vec::new();
    let mut records = Vec::new();
    let mut next_estimate = 1 << 20;
    for mut b in rx {
        let mut start = 0;
        for &end in &b.ends {
            seq_ids.push(names.intern_lower(&b.names[start..end as usize]));
            start = end as usize;
        }
        records.reserve(b.records.len());
        records.extend(b.records.iter().map(|r| Record {
            owner: seq_ids[r.owner as usize],
            ..*r
        }));
        if b.read >= next_estimate && b.read < expected {
            next_estimate = b.read.saturating_mul(2);
            // Room for the projection (hashbrown rounds up to a power of two), and no more
            // than a name per 16 bytes of text.
            let projected = names.len() as u64 * expected as u64 / b.read as u64;
            let n = (projected as usize).min(expected / 16);
            names.reserve(n.saturating_sub(names.len()));
        }
        // Emptied, the batch goes back to be filled again: its lists keep their room, and
        // the reader need not grow new ones page by page. Should the reader have finished,
        // it is dropped here.
        b.names.clear();
        b.ends.clear();
        b.records.clear();
        let _ = back.try_send(b);
    }
    (names, records)
}

impl Reader {
    /// Hands the batch to the interner.
    pub(super) fn flush(&mut self) {
        if let Some(p) = &self.progress {
            p.store(self.main_pos as u64, Ordering::Relaxed);
        }
        let fresh = self.back.try_recv().unwrap_or_else(|_| Batch {
            records: Vec::with_capacity(BATCH),
            ..Batch::default()
        });
        let mut b = std::mem::replace(&mut self.batch, fresh);
        b.read = self.main_pos;
        // The interner only stops when this side drops the channel, so sending cannot fail.
        let _ = self.tx.send(b);
    }
}
