//! [`TargetTable`]: the target of every record that names one, looked up once.

use super::names_target;
use crate::zone::name::{NameId, NO_NAME};
use crate::zone::Zone;
use rayon::prelude::*;

/// How many records a block of [`TargetTable::blocks`] covers.
const BLOCK: u32 = 1 << 10;

/// Every record that names a target (NS, MX, SRV, CNAME, DNAME, PTR), by record, with its
/// target's owner-name id (`NO_NAME` for a name not in the zone).
#[derive(Default)]
pub(crate) struct TargetTable {
    entries: Vec<(u32, NameId)>,
    /// Where the entries of each block of [`BLOCK`] records begin, and after the last, the
    /// end: a record's entry is searched for among its block's, a few next to each other,
    /// not in the whole table (a step of a binary search over a table of a few megabytes
    /// is a cache miss).
    blocks: Vec<u32>,
}

impl TargetTable {
    /// The records are listed first and their targets looked up in place, on every core
    /// when `parallel`: no list is built twice over.
    pub(crate) fn new(zone: &Zone, parallel: bool) -> TargetTable {
        let mut entries: Vec<(u32, NameId)> = (0..zone.records.len() as u32)
            .filter(|&i| names_target(zone.records[i as usize].rtype))
            .map(|i| (i, NO_NAME))
            .collect();
        let look_up = |chunk: &mut [(u32, NameId)]| {
            for (i, id) in chunk {
                let r = &zone.records[*i as usize];
                let target = crate::zone::view::target(r.rtype, zone.rdata(r));
                if let Some(found) = target.and_then(|w| zone.names.find_near(w, r.owner)) {
                    *id = found;
                }
            }
        };
        if parallel {
            entries.par_chunks_mut(4096).for_each(look_up);
        } else {
            look_up(&mut entries);
        }
        let n_blocks = zone.records.len().div_ceil(BLOCK as usize);
        let mut blocks = Vec::with_capacity(n_blocks + 1);
        let mut k = 0;
        for b in 0..n_blocks as u32 {
            while entries.get(k).is_some_and(|e| e.0 < b * BLOCK) {
                k += 1;
            }
            blocks.push(k as u32);
        }
        blocks.push(entries.len() as u32);
        TargetTable { entries, blocks }
    }

    /// Every record that names a target, with the target's id, by record.
    pub(crate) fn entries(&self) -> &[(u32, NameId)] {
        &self.entries
    }

    /// The id of record `i`'s target, when it names one that is a name of the zone.
    pub(crate) fn get(&self, i: u32) -> Option<NameId> {
        let b = (i / BLOCK) as usize;
        let (from, to) = (*self.blocks.get(b)?, *self.blocks.get(b + 1)?);
        let block = &self.entries[from as usize..to as usize];
        let k = block.binary_search_by_key(&i, |&(r, _)| r).ok()?;
        Some(block[k].1).filter(|&id| id != NO_NAME)
    }
}
