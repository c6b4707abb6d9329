//! The owner names of a zone, interned: each name once, lower-cased, with a number.
//!
//! Names below the apex are held as a tree of labels: a name is found from its parent and
//! its first label. Zone files write a name's records, and the names below it, close
//! together, so the parent of a name read is usually one just read, and its few children
//! are still in the processor's cache; a hash table of whole names costs two or three cache
//! misses for every name of a large zone, whatever its order. A name with many children
//! keeps them in a hash table keyed by (parent, label), which bounds the cost of a name at
//! `FEW` comparisons or one probe, so interning stays linear in the zone's size.

use super::{is_subdomain, parent, NameId, NO_NAME};

/// A name with more children than this finds them in the hash table rather than in a list.
const FEW: u32 = 12;

/// In [`NameEntry::first_child`]: the name's children are in the hash table.
const MANY: NameId = NO_NAME - 1;

/// One interned name: where its lower-cased wire form lies in the arena, its parent, and
/// the links of the tree of names below the apex.
///
/// Packed to 18 bytes: a TLD-size zone has tens of millions of names, and the padding of an
/// aligned entry would be a fifth of it. The links and the tag lie beside the name they
/// belong to, since a walk down a list of children reads them all.
#[derive(Clone, Copy, Debug)]
#[repr(C, packed)]
pub struct NameEntry {
    start: u32,
    len: u8,
    /// [`tag`] of the first label: a walk down a list of children reads a sibling's name
    /// from the arena, most likely a cache miss of its own, only when its tag is the one
    /// looked for.
    tag: u8,
    /// The name one label up, when this name is strictly below the zone's apex.
    parent: NameId,
    /// The child created last, [`NO_NAME`] for none, or [`MANY`].
    first_child: NameId,
    /// The parent's child created before this one, while the parent has few.
    next_sibling: NameId,
}

impl NameEntry {
    /// The name one label up, when this name is strictly below the zone's apex; else
    /// [`NO_NAME`].
    pub fn parent(&self) -> NameId {
        self.parent
    }
}

/// A hash of a wire name that ignores ASCII case: `| 0x20` maps `A` and `a` alike, and
/// equality is checked case-insensitively, so the looser mapping only costs rare collisions.
pub fn hash_name(w: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (w.len() as u64).wrapping_mul(K);
    let mut chunks = w.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        let v = u64::from_le_bytes(b) | 0x2020_2020_2020_2020;
        h = (h.rotate_left(23) ^ v).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // The rest zero-extended, as if copied into a zeroed word, but read as the name's
        // last eight bytes shifted down: copying a few bytes into a word and loading it whole
        // stalled the store forwarding, half the time of interning a name.
        let v = match w.len().checked_sub(8) {
            Some(at) => {
                let mut last = [0u8; 8];
                last.copy_from_slice(&w[at..]);
                u64::from_le_bytes(last) >> (8 * (8 - rest.len()))
            }
            None => rest
                .iter()
                .rev()
                .fold(0u64, |v, &b| (v << 8) | u64::from(b)),
        };
        let v = v | 0x2020_2020_2020_2020;
        h = (h.rotate_left(23) ^ v).wrapping_mul(K);
    }
    // MurmurHash3's finaliser: the table uses the top bits.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// The hash of a child in the table: its parent and its first label (length octet
/// included), any case.
fn hash_child(parent: NameId, label: &[u8]) -> u64 {
    let h = hash_name(label) ^ u64::from(parent).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // SplitMix64's finaliser, so that the parent reaches the top bits too.
    let h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 31)
}

/// A byte of a hash of a label, any case (`| 0x20`, as [`hash_name`]).
fn tag(label: &[u8]) -> u8 {
    let h = label
        .iter()
        .fold(0u32, |h, &b| h.wrapping_mul(31) ^ u32::from(b | 0x20));
    (h ^ (h >> 8) ^ (h >> 16)) as u8
}

/// The first label of a wire name with its length octet: `wire` is not the root.
fn first_label(wire: &[u8]) -> &[u8] {
    &wire[..1 + wire[0] as usize]
}

/// Owner names of a zone, interned lower-cased in one arena.
///
/// Interning a name below the apex also interns its ancestors up to the apex (empty
/// non-terminals among them), so a parent always has a smaller id than its children and a
/// single forward pass over ids visits every name after its parent.
pub struct NameTable {
    /// The children of names with many, by (parent, first label), and the names with no
    /// parent (the apex, and names outside the zone) by their whole name. Each slot holds
    /// only the name's id: a probe compares the candidate through its entry, and hashbrown's
    /// control bytes keep false candidates to about one in 128.
    table: hashbrown::HashTable<NameId>,
    arena: Vec<u8>,
    entries: Vec<NameEntry>,
    apex: Box<[u8]>,
    /// The apex's id once it is interned.
    apex_id: NameId,
    /// The parent of the name interned last.
    last_parent: NameId,
}

impl std::fmt::Debug for NameTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NameTable({} names)", self.entries.len())
    }
}

fn slice<'a>(arena: &'a [u8], e: &NameEntry) -> &'a [u8] {
    &arena[e.start as usize..e.start as usize + e.len as usize]
}

/// The hash a name is kept under in the table: by parent and label when it has a parent.
fn hash_of(arena: &[u8], entries: &[NameEntry], id: NameId) -> u64 {
    let e = &entries[id as usize];
    let wire = slice(arena, e);
    match e.parent {
        NO_NAME => hash_name(wire),
        p => hash_child(p, first_label(wire)),
    }
}

impl NameTable {
    pub fn new(apex_lower: &[u8]) -> NameTable {
        NameTable {
            table: hashbrown::HashTable::new(),
            arena: Vec::new(),
            entries: Vec::new(),
            apex: apex_lower.into(),
            apex_id: NO_NAME,
            last_parent: NO_NAME,
        }
    }

    /// Makes room for about `n` more names; the table for as many of them as it has held
    /// of the names so far.
    pub fn reserve(&mut self, n: usize) {
        let share = match self.entries.len() {
            0 => n,
            held => (n as u64 * self.table.len() as u64 / held as u64) as usize,
        };
        let (arena, entries) = (&self.arena, &self.entries);
        self.table.reserve(share, |&id| hash_of(arena, entries, id));
        self.entries.reserve(n);
        self.arena.reserve(n * 24);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, id: NameId) -> &NameEntry {
        &self.entries[id as usize]
    }

    /// The lower-cased wire form of a name.
    pub fn wire(&self, id: NameId) -> &[u8] {
        slice(&self.arena, &self.entries[id as usize])
    }

    /// Whether `wire` is strictly below the apex.
    fn below_apex(&self, wire: &[u8]) -> bool {
        wire.len() > self.apex.len() && is_subdomain(wire, &self.apex)
    }

    /// Looks a name up (any case) without interning it.
    pub fn find(&self, wire: &[u8]) -> Option<NameId> {
        if !self.below_apex(wire) {
            return self.find_whole(wire);
        }
        let (starts, n) = self.label_starts(wire);
        let mut id = self.apex_id;
        for &at in starts[..n].iter().rev() {
            if id == NO_NAME {
                return None;
            }
            id = self.find_child(id, &wire[at as usize..], false)?;
        }
        Some(id)
    }

    /// Where each label of `wire`, a name below the apex, starts, up to the apex: in the
    /// first of the array, and how many.
    fn label_starts(&self, wire: &[u8]) -> ([u8; super::MAX_NAME_LEN / 2 + 1], usize) {
        let mut starts = [0u8; super::MAX_NAME_LEN / 2 + 1];
        let (mut n, mut at) = (0, 0);
        while wire.len() - at > self.apex.len() {
            starts[n] = at as u8;
            n += 1;
            at += 1 + wire[at] as usize;
        }
        (starts, n)
    }

    /// [`NameTable::find`], trying first the names numbered within `NEAR` of `near`. Names
    /// are numbered as they first appear, and a record's target (a CNAME's, an MX's, glue's)
    /// is usually written a few lines from it: those few names are next to each other in
    /// memory, where a lookup from the apex down costs a cache miss or more.
    pub fn find_near(&self, wire: &[u8], near: NameId) -> Option<NameId> {
        const NEAR: usize = 8;
        let exact = !wire.iter().any(u8::is_ascii_uppercase);
        let from = (near as usize).saturating_sub(NEAR);
        let to = (near as usize)
            .saturating_add(NEAR + 1)
            .min(self.entries.len());
        (from..to)
            .map(|id| id as NameId)
            .find(|&id| self.is(id, wire, exact))
            .or_else(|| self.find(wire))
    }

    /// Whether name `id` is `wire`: compared exactly when `exact` (`wire` has no upper
    /// case), else in any case.
    fn is(&self, id: NameId, wire: &[u8], exact: bool) -> bool {
        let e = &self.entries[id as usize];
        e.len as usize == wire.len()
            && if exact {
                slice(&self.arena, e) == wire
            } else {
                slice(&self.arena, e).eq_ignore_ascii_case(wire)
            }
    }

    /// A name with no parent (the apex, or one outside the zone), any case.
    fn find_whole(&self, wire: &[u8]) -> Option<NameId> {
        let exact = !wire.iter().any(u8::is_ascii_uppercase);
        self.table
            .find(hash_name(wire), |&id| {
                self.entries[id as usize].parent == NO_NAME && self.is(id, wire, exact)
            })
            .copied()
    }

    /// The child of `parent` whose wire form is `wire` (whose parent's is `parent`'s); in
    /// lower case when `lower`, else compared in any case.
    fn find_child(&self, parent: NameId, wire: &[u8], lower: bool) -> Option<NameId> {
        let label = first_label(wire);
        let tag = tag(label);
        // Below one parent, names of one length with one first label are one name.
        let same = |id: NameId| {
            let e = &self.entries[id as usize];
            if e.len as usize != wire.len() || e.tag != tag {
                return false;
            }
            let theirs = &self.arena[e.start as usize..e.start as usize + label.len()];
            if lower {
                theirs == label
            } else {
                theirs.eq_ignore_ascii_case(label)
            }
        };
        let mut child = self.entries[parent as usize].first_child;
        if child == MANY {
            return self
                .table
                .find(hash_child(parent, label), |&id| {
                    self.entries[id as usize].parent == parent && same(id)
                })
                .copied();
        }
        while child != NO_NAME {
            if same(child) {
                return Some(child);
            }
            child = self.entries[child as usize].next_sibling;
        }
        None
    }

    /// Interns a name given in lower case.
    pub fn intern_lower(&mut self, wire: &[u8]) -> NameId {
        // Siblings come in runs: the last name's parent is often this one's, and then the
        // name is below the apex.
        if self.last_parent != NO_NAME && parent(wire) == Some(self.wire(self.last_parent)) {
            return self.child(self.last_parent, wire);
        }
        if !self.below_apex(wire) {
            return self.intern_whole(wire);
        }
        // From the apex down, each ancestor found or made before its child.
        let (starts, n) = self.label_starts(wire);
        let mut id = match self.apex_id {
            NO_NAME => self.intern_whole(&self.apex.clone()),
            apex => apex,
        };
        for &at in starts[1..n].iter().rev() {
            id = self.child(id, &wire[at as usize..]);
        }
        self.last_parent = id;
        self.child(id, wire)
    }

    /// Interns a name with no parent: the apex, or a name outside the zone.
    fn intern_whole(&mut self, wire: &[u8]) -> NameId {
        if let Some(id) = self.find_whole(wire) {
            return id;
        }
        let id = self.push(wire, NO_NAME);
        if wire == &*self.apex {
            self.apex_id = id;
        }
        let (arena, entries) = (&self.arena, &self.entries);
        self.table
            .insert_unique(hash_name(wire), id, |&i| hash_of(arena, entries, i));
        id
    }

    /// The child `wire` of `parent`, interned.
    fn child(&mut self, parent: NameId, wire: &[u8]) -> NameId {
        if let Some(id) = self.find_child(parent, wire, true) {
            return id;
        }
        let first = self.entries[parent as usize].first_child;
        let id = self.push(wire, parent);
        let (arena, entries) = (&self.arena, &mut self.entries);
        if first == MANY {
            let h = hash_child(parent, first_label(wire));
            self.table
                .insert_unique(h, id, |&i| hash_of(arena, entries, i));
            return id;
        }
        entries[id as usize].next_sibling = first;
        entries[parent as usize].first_child = id;
        // Past `FEW` children, the parent's list moves to the table.
        let mut count = 0;
        let mut c = id;
        while c != NO_NAME && count <= FEW {
            count += 1;
            c = entries[c as usize].next_sibling;
        }
        if count > FEW {
            let mut c = id;
            while c != NO_NAME {
                let h = hash_of(arena, entries, c);
                self.table
                    .insert_unique(h, c, |&i| hash_of(arena, entries, i));
                c = entries[c as usize].next_sibling;
            }
            entries[parent as usize].first_child = MANY;
        }
        id
    }

    /// Appends a name to the arena, with no children yet.
    fn push(&mut self, wire: &[u8], parent: NameId) -> NameId {
        let id = self.entries.len() as NameId;
        self.entries.push(NameEntry {
            start: self.arena.len() as u32,
            len: wire.len() as u8,
            tag: wire.first().map_or(0, |_| tag(first_label(wire))),
            parent,
            first_child: NO_NAME,
            next_sibling: NO_NAME,
        });
        self.arena.extend_from_slice(wire);
        id
    }

    /// Interns a name in any case.
    pub fn intern(&mut self, wire: &[u8]) -> NameId {
        if wire.iter().any(u8::is_ascii_uppercase) {
            self.intern_lower(&wire.to_ascii_lowercase())
        } else {
            self.intern_lower(wire)
        }
    }

    /// Every name with its id, in id order (parents before children).
    pub fn iter(&self) -> impl Iterator<Item = (NameId, &[u8])> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, e)| (i as NameId, slice(&self.arena, e)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::wire_for_test as wire;
    use super::*;

    #[test]
    fn the_hash_reads_each_length_as_zero_padded_words() {
        // Every length from none to five words and a bit, against the definition: the name
        // in little-endian words, the last padded with zeros, each OR 0x20 in every byte.
        let name: Vec<u8> = (0..45u8).map(|i| i.wrapping_mul(37) ^ 0x55).collect();
        for n in 0..=name.len() {
            let w = &name[..n];
            const K: u64 = 0x9E37_79B9_7F4A_7C15;
            let mut h = (n as u64).wrapping_mul(K);
            for c in w.chunks(8) {
                let mut b = [0u8; 8];
                b[..c.len()].copy_from_slice(c);
                let v = u64::from_le_bytes(b) | 0x2020_2020_2020_2020;
                h = (h.rotate_left(23) ^ v).wrapping_mul(K);
            }
            h ^= h >> 33;
            h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
            h ^= h >> 33;
            assert_eq!(hash_name(w), h, "length {n}");
        }
        assert_eq!(
            hash_name(&wire("WWW.Example.")),
            hash_name(&wire("www.example."))
        );
    }

    /// Looking a name up near an id finds what the table finds, from any id: names within
    /// reach and far away, in any case, and names not held.
    #[test]
    fn a_lookup_near_an_id_agrees_with_the_table() {
        let mut t = NameTable::new(&wire("example."));
        let held: Vec<String> = (0..40).map(|i| format!("host{i}.example.")).collect();
        for h in &held {
            t.intern(&wire(h));
        }
        let mut asked: Vec<Vec<u8>> = held.iter().map(|h| wire(h)).collect();
        asked.push(wire("HOST7.Example."));
        asked.push(wire("host7.example.net."));
        asked.push(wire("other.example."));
        for w in &asked {
            for near in 0..t.len() as NameId + 3 {
                assert_eq!(t.find_near(w, near), t.find(w), "{w:?} near {near}");
            }
        }
        assert!(t.find_near(&wire("HOST7.Example."), 0).is_some());
    }

    #[test]
    fn names_are_found_after_the_table_grows() {
        let apex = wire("example.");
        let mut t = NameTable::new(&apex);
        let ids: Vec<NameId> = (0..100)
            .map(|i| t.intern(&wire(&format!("h{i}.example."))))
            .collect();
        t.reserve(10_000);
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(t.find(&wire(&format!("H{i}.example."))), Some(*id));
        }
    }

    #[test]
    fn interning_creates_ancestors_first() {
        let apex = wire("example.");
        let mut t = NameTable::new(&apex);
        let a = t.intern(&apex);
        let deep = t.intern(&wire("X.y.Example."));
        let y = t.find(&wire("y.example.")).unwrap();
        assert!(y < deep);
        assert_eq!(t.get(deep).parent(), y);
        assert_eq!(t.get(y).parent(), a);
        assert_eq!(t.get(a).parent(), NO_NAME);
    }

    /// Every name interned is found again, by interning and by looking it up in any case,
    /// whether its parent keeps its children in a list or in the table, whatever order the
    /// names come in; names not held are not found; ids are dense and parents come first.
    #[test]
    fn every_name_is_found_in_lists_and_in_the_table() {
        let apex = wire("example.");
        let mut names = vec!["example.".to_string(), "outside.test.".into(), ".".into()];
        for i in 0..40 {
            // The apex and `big` get many children; `small` and each host a few.
            names.push(format!("h{i}.example."));
            names.push(format!("c{i}.big.example."));
            names.push(format!("x.h{}.example.", i % 5));
            names.push(format!("c{}.small.example.", i % (FEW as usize)));
            names.push(format!("deep.er.d{i}.big.example."));
            names.push(format!("n{i}.outside.test."));
        }
        for order in [false, true] {
            let mut t = NameTable::new(&apex);
            let mut list = names.clone();
            if order {
                list.reverse();
            }
            let ids: Vec<NameId> = list.iter().map(|n| t.intern(&wire(n))).collect();
            for (n, &id) in list.iter().zip(&ids) {
                assert_eq!(t.wire(id), wire(n).as_slice(), "{n}");
                assert_eq!(t.find(&wire(n)), Some(id), "{n}");
                assert_eq!(t.find(&wire(&n.to_uppercase())), Some(id), "{n}");
                assert_eq!(t.intern(&wire(&n.to_uppercase())), id, "{n}");
                let up = t.get(id).parent();
                if up != NO_NAME {
                    assert!(up < id, "{n}");
                    assert_eq!(Some(t.wire(up)), parent(t.wire(id)), "{n}");
                }
            }
            let held = t.len();
            for n in [
                "h40.example.",
                "c5.small.test.",
                "y.h1.example.",
                "test.",
                "a.b.",
            ] {
                assert_eq!(t.find(&wire(n)), None, "{n}");
            }
            assert_eq!(t.len(), held);
            let first = t.entries[t.apex_id as usize].first_child;
            assert_eq!(first, MANY);
        }
    }

    /// A label that ends with the apex's bytes but is not below it (a label holding a
    /// length octet's value) is a name outside the zone, with no parent.
    #[test]
    fn a_name_ending_in_the_apex_bytes_is_not_below_it() {
        let apex = wire("example.");
        let mut t = NameTable::new(&apex);
        t.intern(&apex);
        let odd = wire("zz\\007example.");
        let id = t.intern(&odd);
        assert_eq!(t.get(id).parent(), NO_NAME);
        assert_eq!(t.find(&odd), Some(id));
    }
}
