//! Interning owner names and encoding RDATA ([`super::assemble`]) run on a second thread,
//! fed records in batches: that and splitting the text into records each take about half
//! the time. A small file's batches are assembled on the reader's thread.

use super::assemble::{Assembled, Assembly, Pending, PendingBatch};
use super::Reader;
use crate::diag::Diagnostic;
use crate::zone::lexer::Token;
use crate::zone::name::{self, NameId};
use crate::zone::Record;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

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
            wire: Vec::with_capacity(ROOM),
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
        balance: Balance,
    },
    /// Assembled on the reader's thread (a small file: starting a thread and waking it for
    /// each batch costs more than it saves, and a repository's zones are read one per core
    /// already).
    Here(Box<Assembly>),
}

/// How much of the RDATA encoding the reader takes on, so that neither thread waits on the
/// other. Interning names costs more per record in some zones than in others (a zone of many
/// short-lived names against one of a few names with many records each), so no fixed split
/// suits every zone: the reader encodes a share of the records itself, in sixteenths,
/// raised at each hand-over that finds a batch still waiting and lowered at each that finds
/// none. Which side encodes a record changes nothing in what is read (see the test
/// `either_side_encodes_alike`).
pub(super) struct Balance {
    /// Batches handed over and not yet taken up by the assembling side.
    waiting: Arc<AtomicUsize>,
    /// Sixteenths of the records the reader encodes.
    share: u32,
    tick: u32,
}

/// The units of [`Balance::share`].
const SHARES: u32 = 16;

impl Balance {
    /// A balance, and the count of waiting batches the assembling side takes from.
    pub(super) fn new() -> (Balance, Arc<AtomicUsize>) {
        let waiting = Arc::new(AtomicUsize::new(0));
        let balance = Balance {
            waiting: waiting.clone(),
            share: 0,
            tick: 0,
        };
        (balance, waiting)
    }

    /// Whether the reader encodes the next record's RDATA itself.
    pub(super) fn encode_here(&mut self) -> bool {
        self.tick = self.tick.wrapping_add(1);
        self.tick % SHARES < self.share()
    }

    fn share(&self) -> u32 {
        #[cfg(test)]
        if let Some(share) = tests::FORCE_SHARE.get() {
            return share;
        }
        self.share
    }

    /// At a hand-over: more for the reader if a batch still waits, less if none does.
    fn handing_over(&mut self) {
        if self.waiting.load(Ordering::Relaxed) > 0 {
            self.share = (self.share + 1).min(SHARES);
        } else {
            self.share = self.share.saturating_sub(1);
        }
        self.waiting.fetch_add(1, Ordering::Relaxed);
    }
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
    waiting: Arc<AtomicUsize>,
) -> Assembled {
    for mut b in rx {
        waiting.fetch_sub(1, Ordering::Relaxed);
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
            Sink::Thread { tx, back, balance } => {
                balance.handing_over();
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
pub(super) mod tests {
    use crate::zone::{name, read_text, ReadOptions};
    use std::cell::Cell;

    thread_local! {
        /// A fixed share of the encoding for the reader, in place of the balance's.
        pub(in crate::zone::parser) static FORCE_SHARE: Cell<Option<u32>> = const { Cell::new(None) };
    }

    /// A large file's RDATA is encoded by the reader or by the assembling thread, in shares
    /// that follow the two threads' pace: whichever side encodes each record, the zone read
    /// is the same, its records, RDATA, names and diagnostics (reading order included), and
    /// so is where reading stops when the RDATA arena fills.
    #[test]
    fn either_side_encodes_alike() {
        use crate::zone::{Limits, Zone};
        let mut text = String::from("$ORIGIN example.\n@ SOA ns h 1 2 3 4 5\n");
        for i in 0..60_000usize {
            let line = match i % 11 {
                0 => format!("h{i} A 192.0.2.{}\n", i % 300),
                1 => format!("h{i} 60 AAAA 2001:db8::{:x}\n", i),
                2 => format!("m{i} MX 10 mail{}\n", i % 7),
                3 => format!("t{i} TXT \"v=spf1 -all\" \"\\{}\"\n", i % 400),
                4 => format!("s{i} SRV 0 1 {} target{i}\n", i % 70_000),
                5 => format!("x{i} CNAME a..b{i}\n"),
                6 => format!("_25._tcp.h{i} TLSA 3 1 1 {}\n", "ab".repeat(i % 33)),
                7 => format!("d{i} DS {} 13 2 {}\n", i, "0f".repeat(32)),
                8 => format!("h{i} A 192.0.2.1 extra\n"),
                9 => format!("h{i} MX 10\n"),
                _ => format!("$TTL {}\nh{i} NS ns{i}.other.\n", 300 + i % 5),
            };
            text.push_str(&line);
        }
        // Records of an included file, some bad, halfway through.
        text.push_str("$INCLUDE inc.zone\n");
        text.push_str(&text.clone()[40..200_000]);
        assert!(text.len() >= super::super::INTERN_HERE_BELOW);
        let dir = std::env::temp_dir().join(format!("zw-either-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("t.zone"), &text).unwrap();
        let included = "$ORIGIN inc.example.\na A 192.0.2.1\nb A 192.0.2.999\nc MX 10\n";
        std::fs::write(dir.join("inc.zone"), included).unwrap();
        let read = |share: Option<u32>, rdata_bytes: usize| -> (Zone, String) {
            super::tests::FORCE_SHARE.set(share);
            let opts = ReadOptions {
                limits: Limits {
                    rdata_bytes,
                    ..Limits::default()
                },
                ..ReadOptions::default()
            };
            let z = crate::zone::read_file(&dir.join("t.zone"), &opts).unwrap();
            super::tests::FORCE_SHARE.set(None);
            let names: Vec<String> = z.names.iter().map(|(_, w)| name::to_text(w)).collect();
            let seen = format!(
                "{:?}\n{:?}\n{:?}\n{:?}",
                z.records, z.rdata, names, z.diagnostics
            );
            (z, seen)
        };
        for rdata_bytes in [Limits::default().rdata_bytes, 65535 + 200_000] {
            let (z, by_assembler) = read(Some(0), rdata_bytes);
            // Every kind of finding the test means to raise, on both sides.
            let codes: std::collections::BTreeSet<&str> =
                z.diagnostics.iter().map(|d| d.rule.code).collect();
            assert!(codes.len() >= 5, "{codes:?}");
            if rdata_bytes < 1 << 20 {
                assert_eq!(z.diagnostics.last().map(|d| d.rule.code), Some("ZW1016"));
            }
            for share in [Some(16), Some(5), None] {
                let (_, seen) = read(share, rdata_bytes);
                assert!(seen == by_assembler, "share {share:?}, arena {rdata_bytes}");
            }
            if rdata_bytes > 1 << 20 {
                // The included file's records and findings are there, in its file.
                assert!(
                    z.sources.len() == 2 && z.files.of(z.records.last().unwrap().rdata_start) == 0
                );
                let in_include = z
                    .diagnostics
                    .iter()
                    .filter(|d| d.span.is_some_and(|s| s.file == 1));
                assert_eq!(in_include.count(), 2);
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

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
