//! The index's facts by owner ([`Owners`]): each owner's records grouped and sorted by
//! type, the types at each name, what occludes it, the records that repeat another of their
//! RRset, and which names the NS and MX records name.

use super::{at, canonical_rdata, flags, on_every_core, targets};
use crate::zone::name::{NameId, NO_NAME};
use crate::zone::rdata;
use crate::zone::rtype::t;
use crate::zone::Zone;
use rayon::prelude::*;
use std::borrow::Cow;

/// The index's facts by owner: each owner's records grouped and sorted by type, the types
/// at each name, what occludes it, and the records that repeat another of their RRset.
pub(super) struct Owners {
    pub(super) order: Vec<u32>,
    pub(super) starts: Vec<u32>,
    pub(super) flags: Vec<u16>,
    pub(super) dname_above: Vec<NameId>,
    pub(super) duplicates: Vec<(u32, u32)>,
    pub(super) has_rrsig: bool,
    pub(super) has_nsec3: bool,
}

impl Owners {
    pub(super) fn new(zone: &Zone) -> Owners {
        let n = zone.names.len();
        // One pass for the counts per owner, the types present at each name, and whether the
        // records already come grouped by owner (the reader numbers owners as they appear,
        // so they usually do).
        let mut counts = vec![0u32; n + 1];
        let mut flags = vec![0u16; n];
        let mut grouped = true;
        let mut last = 0u32;
        let (mut has_rrsig, mut has_nsec3) = (false, false);
        for r in &zone.records {
            counts[r.owner as usize + 1] += 1;
            grouped &= r.owner >= last;
            last = r.owner;
            flags[r.owner as usize] |= match r.rtype {
                t::SOA => flags::SOA,
                t::NS => flags::NS,
                t::CNAME => flags::CNAME,
                t::DNAME => flags::DNAME,
                t::A => flags::A,
                t::AAAA => flags::AAAA,
                t::DS => flags::DS,
                t::RRSIG => {
                    has_rrsig = true;
                    0
                }
                t::NSEC3 => {
                    has_nsec3 = true;
                    0
                }
                t::NSEC => 0,
                _ => flags::OTHER,
            };
        }
        for i in 1..=n {
            counts[i] += counts[i - 1];
        }
        let mut starts = counts;
        let mut order: Vec<u32> = if grouped {
            (0..zone.records.len() as u32).collect()
        } else {
            // A counting sort that advances each owner's start as it fills its slots, then
            // shifts the starts back: no second table of starts, which a TLD-size zone's
            // index would have at its peak.
            let mut order = vec![0u32; zone.records.len()];
            for (i, r) in zone.records.iter().enumerate() {
                let slot = &mut starts[r.owner as usize];
                order[*slot as usize] = i as u32;
                *slot += 1;
            }
            // Each start now holds the next owner's; the last entry, the total, is untouched.
            starts.rotate_right(1);
            starts[0] = 0;
            order
        };
        // Each owner's records sorted by type (the sort is stable, so file order stays
        // within a type), and the records that repeat another of their RRset found, in one
        // pass over the owners, on every core for a large zone (`order` holds each owner's
        // records together).
        let same_owner =
            |&a: &u32, &b: &u32| zone.records[a as usize].owner == zone.records[b as usize].owner;
        let of_owner = |s: &mut [u32]| sort_and_find_repeats(zone, s);
        let mut duplicates: Vec<(u32, u32)> = if on_every_core(zone) {
            order
                .par_chunk_by_mut(same_owner)
                .flat_map_iter(of_owner)
                .collect()
        } else {
            order.chunk_by_mut(same_owner).flat_map(of_owner).collect()
        };
        duplicates.sort_unstable();
        let (order, starts) = if duplicates.is_empty() {
            (order, starts)
        } else {
            drop_duplicates(&order, &starts, &duplicates)
        };
        let dname_above = occlusion(zone, &mut flags);
        Owners {
            order,
            starts,
            flags,
            dname_above,
            duplicates,
            has_rrsig,
            has_nsec3,
        }
    }
}

/// [`flags::NS_TARGET`] and [`flags::MX_TARGET`] of each name, from the targets looked up:
/// made on a list of their own beside the owners' pass, and or-ed into its flags after.
pub(super) fn target_flags(zone: &Zone, targets: &targets::TargetTable) -> Vec<u16> {
    let mut out = vec![0u16; zone.names.len()];
    for &(i, id) in targets.entries() {
        if id != NO_NAME {
            match zone.records[i as usize].rtype {
                t::NS => out[id as usize] |= flags::NS_TARGET,
                t::MX => out[id as usize] |= flags::MX_TARGET,
                _ => {}
            }
        }
    }
    out
}

/// What occludes each name, decided once for every rule: whether a delegation lies strictly
/// above it (the `BELOW_CUT` flag) and the authoritative DNAME strictly above it
/// (`dname_above`, empty if the zone has no DNAME); sets the `CUT` and `IN_ZONE` flags on the
/// way.
fn occlusion(zone: &Zone, flags: &mut [u16]) -> Vec<NameId> {
    let apex = zone.origin_id;
    let n = zone.names.len();
    let any_dname = flags.iter().any(|f| f & flags::DNAME != 0);
    let mut dname_above = if any_dname {
        vec![NO_NAME; n]
    } else {
        Vec::new()
    };
    for id in 0..n {
        let e = zone.names.get(id as NameId);
        if id as NameId == apex || e.parent() != NO_NAME {
            flags[id] |= flags::IN_ZONE;
        }
        // Parents have smaller ids than their children, so they are done already. What
        // occludes a name is decided here once, for every rule: the first delegation or
        // authoritative DNAME on the way down from the apex (RFC 1034 §4.3.2 step 3, as
        // RFC 6672 §3.2 keeps it: a referral is taken before a DNAME is looked at).
        let p = e.parent();
        if p != NO_NAME {
            let pu = p as usize;
            if flags[pu] & (flags::CUT | flags::BELOW_CUT) != 0 {
                flags[id] |= flags::BELOW_CUT;
            }
            // Below a delegation, a DNAME is the child's data, occluded like the rest.
            if any_dname && flags[id] & flags::BELOW_CUT == 0 {
                dname_above[id] = if dname_above[pu] != NO_NAME {
                    dname_above[pu]
                } else if flags[pu] & flags::DNAME != 0 && flags[pu] & flags::CUT == 0 {
                    p
                } else {
                    NO_NAME
                };
            }
        }
        // NS records below another cut are occluded data, not a delegation of this zone
        // (RFC 1034 §4.2.1); nor are NS records below a DNAME, which no query reaches
        // (RFC 6672 §2.3).
        if id as NameId != apex
            && flags[id] & flags::NS != 0
            && flags[id] & (flags::IN_ZONE | flags::BELOW_CUT) == flags::IN_ZONE
            && at(&dname_above, id) == NO_NAME
        {
            flags[id] |= flags::CUT;
        }
    }
    dname_above
}

/// One owner's records (`own`) sorted by type, and those of them that repeat an earlier
/// record of their RRset (RFC 2181 §5), with the record each repeats. Most RRsets have one
/// record and are not looked at again; nothing is kept per RRset.
fn sort_and_find_repeats(zone: &Zone, own: &mut [u32]) -> Vec<(u32, u32)> {
    let rtype = |i: &u32| zone.records[*i as usize].rtype;
    let mut found = Vec::new();
    if own.len() < 2 {
        return found;
    }
    if !own.is_sorted_by_key(rtype) {
        own.sort_by_key(rtype);
    }
    for run in own.chunk_by(|a, b| rtype(a) == rtype(b)) {
        if run.len() > 1 {
            repeats_in(zone, run, &mut found);
        }
    }
    found
}

/// The records of one RRset `run` (in file order) that repeat an earlier one.
fn repeats_in(zone: &Zone, run: &[u32], found: &mut Vec<(u32, u32)>) {
    let rec = |i: u32| &zone.records[i as usize];
    let canon = |i: u32| canonical_rdata(rec(i).rtype, zone.rdata(rec(i)));
    if run.len() > 64 {
        // A large RRset: sort instead of comparing every pair.
        let mut keyed: Vec<(Cow<[u8]>, u32)> = run.iter().map(|&i| (canon(i), i)).collect();
        keyed.sort();
        for w in keyed.chunk_by(|a, b| a.0 == b.0) {
            let first = w.iter().map(|k| k.1).min().unwrap_or(0);
            found.extend(w.iter().filter(|k| k.1 != first).map(|k| (k.1, first)));
        }
        return;
    }
    // RRsets are small: compare each record with those before it, by length and bytes
    // first; names in RDATA are lower-cased only when the bytes differ and the type has
    // them (RFC 4034 §6.2).
    let lower = rdata::schema(rec(run[0]).rtype).is_some_and(|info| info.canonical_lower);
    for (k, &j) in run.iter().enumerate().skip(1) {
        let r = rec(j);
        let data = zone.rdata(r);
        let dup = run[..k].iter().find(|&&i| {
            let o = rec(i);
            // Lower-casing changes only letters: RDATA that differ beyond case cannot be
            // canonically equal, and most that differ do (ns1 and ns2), without a copy made.
            o.rdata_len == r.rdata_len
                && (zone.rdata(o) == data
                    || (lower && zone.rdata(o).eq_ignore_ascii_case(data) && canon(i) == canon(j)))
        });
        if let Some(&orig) = dup {
            found.push((j, orig));
        }
    }
}

/// `order` and `starts` without the records of `dups` (sorted by record).
fn drop_duplicates(order: &[u32], starts: &[u32], dups: &[(u32, u32)]) -> (Vec<u32>, Vec<u32>) {
    let is_dup = |i: u32| dups.binary_search_by_key(&i, |d| d.0).is_ok();
    let mut kept = Vec::with_capacity(order.len() - dups.len());
    let mut new_starts = Vec::with_capacity(starts.len());
    for w in starts.windows(2) {
        new_starts.push(kept.len() as u32);
        kept.extend(
            order[w[0] as usize..w[1] as usize]
                .iter()
                .copied()
                .filter(|&i| !is_dup(i)),
        );
    }
    new_starts.push(kept.len() as u32);
    (kept, new_starts)
}
