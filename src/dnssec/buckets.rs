//! Buckets over a list sorted by a uniformly distributed digest (the verification cache's
//! SHA-256 entries, an NSEC3 chain's SHA-1 hashes): a bucket for every one or two entries,
//! numbered by the digest's first bits, so that a lookup reads the bucket's start and one or
//! two entries where a binary search takes a cache miss at each of its twenty steps.

/// Where each bucket begins in the sorted list (one more at the end), and the bits of digest
/// that number them.
pub struct Buckets {
    starts: Vec<u32>,
    bits: u32,
}

impl Buckets {
    /// The buckets of `sorted` (sorted by `key`, which holds at least four bytes): about as
    /// many as the entries (4 bytes each), at least `1 << min_bits`.
    pub fn new<T>(sorted: &[T], min_bits: u32, key: impl Fn(&T) -> &[u8]) -> Buckets {
        let bits = (usize::BITS - sorted.len().leading_zeros())
            .saturating_sub(1)
            .clamp(min_bits, 28);
        let mut starts = Vec::with_capacity((1 << bits) + 1);
        let mut i = 0;
        for p in 0..=(1usize << bits) {
            while i < sorted.len() && prefix(key(&sorted[i]), bits) < p {
                i += 1;
            }
            starts.push(i as u32);
        }
        Buckets { starts, bits }
    }

    /// The entries whose digest begins as `digest` does: all those that can equal it, and
    /// where it would go among them.
    pub fn range(&self, digest: &[u8]) -> std::ops::Range<usize> {
        let p = prefix(digest, self.bits);
        self.starts[p] as usize..self.starts[p + 1] as usize
    }

    #[cfg(test)]
    pub fn bits(&self) -> u32 {
        self.bits
    }
}

/// The first `bits` bits of a digest.
fn prefix(digest: &[u8], bits: u32) -> usize {
    let mut four = [0u8; 4];
    four.copy_from_slice(&digest[..4]);
    (u64::from(u32::from_be_bytes(four)) >> (32 - bits)) as usize
}
