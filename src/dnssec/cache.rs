//! The verification cache (`verify --cache DIR`): the signature checks that passed before,
//! so that a zone verified again skips their cryptography.
//!
//! An entry is the SHA-256 of exactly what one check consumes: the algorithm, the DNSKEY
//! RDATA, the signed data (RFC 4034 §3.1.8.1, which holds the RRSIG's fields, its window
//! included, and the RRset in canonical form) and the signature. A hit means this very
//! check passed in an earlier run, so only the cryptography is skipped: the validity window
//! against `--now`, coverage, the chain of trust, DS, NSEC/NSEC3 and policy are checked as
//! always. Only valid checks are stored; a failed one is verified again each time.
//!
//! One file per zone, `DIR/zw-verify-<origin>.cache`: a header, the entries (32-byte digest
//! and an age byte) sorted by digest, and the SHA-256 of all that. A file that is missing,
//! truncated, corrupt, unsorted, of another version, not a regular file or a symbolic link
//! is not used (a note on standard error says why): it costs time, never a verdict. It is
//! written atomically ([`crate::atomic`]), mode 0600, and bounded: an entry neither hit nor
//! added by the last [`KEEP_RUNS`] runs is dropped, so it holds at most that many runs'
//! signatures. The cache directory must be as trusted as the binary (docs/security-model.md):
//! whoever can write it can make a bad signature pass.

use aws_lc_rs::digest::{Context, SHA256};
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// An entry is dropped when the last this many runs neither hit nor added it.
pub const KEEP_RUNS: u8 = 2;

const MAGIC: &[u8; 16] = b"zonewarden-vc\x00\x01\n";
const ENTRY: usize = 33;

/// The digest of one signature check.
pub type Digest = [u8; 32];

/// An entry of an earlier run, with whether this run hit it: beside the digest, so that
/// marking a hit costs no second cache miss.
struct Entry {
    digest: Digest,
    age: u8,
    hit: AtomicBool,
}

/// The cache of one zone for one run.
pub struct Cache {
    path: PathBuf,
    /// Entries of earlier runs, sorted by digest.
    old: Vec<Entry>,
    /// `old` by the first bits of the digest: a lookup looks at one or two entries.
    buckets: super::buckets::Buckets,
    /// Whether the file may be written: not when it is a symbolic link or not a file.
    writable: bool,
}

/// The digest of a check: algorithm, DNSKEY RDATA, signed data and signature, each with
/// its length, after a label that no other use of SHA-256 here shares.
pub fn digest(algorithm: u8, dnskey: &[u8], signed: &[u8], signature: &[u8]) -> Digest {
    let mut c = Context::new(&SHA256);
    c.update(b"zonewarden verify cache v1\0");
    c.update(&[algorithm]);
    for part in [dnskey, signed, signature] {
        c.update(&(part.len() as u32).to_be_bytes());
        c.update(part);
    }
    let mut d = [0u8; 32];
    d.copy_from_slice(c.finish().as_ref());
    d
}

/// The cache file of the zone `origin` (text, as `example.com.`) in `dir`.
pub fn file_name(dir: &Path, origin: &str) -> PathBuf {
    let mut s = String::from("zw-verify-");
    let origin = origin.trim_end_matches('.').to_ascii_lowercase();
    if origin.is_empty() {
        s.push_str("root");
    }
    for b in origin.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.' {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02x}"));
        }
    }
    s.push_str(".cache");
    dir.join(s)
}

impl Cache {
    /// Opens the cache of `origin` in `dir` (made, mode 0700, if missing). What cannot be
    /// used is noted on standard error and the run goes on without it.
    pub fn open(dir: &Path, origin: &str) -> Cache {
        let path = file_name(dir, origin);
        // Whatever cannot be used leaves an empty cache, which only costs time.
        let (entries, writable) = match make_dir(dir) {
            Err(e) => {
                note(&path, &format!("cannot make its directory: {e}"));
                (Vec::new(), false)
            }
            Ok(()) => match read(&path) {
                Ok(old) => (old, true),
                Err(Unusable::Missing) => (Vec::new(), true),
                Err(Unusable::NotAFile(why)) => {
                    note(&path, &format!("{why}; not read, not written"));
                    (Vec::new(), false)
                }
                Err(Unusable::Bad(why)) => {
                    note(&path, &format!("{why}; starting afresh"));
                    (Vec::new(), true)
                }
            },
        };
        Cache::with_entries(path, entries, writable)
    }

    /// A cache of `sorted` entries (digest and age), none hit yet.
    fn with_entries(path: PathBuf, sorted: Vec<(Digest, u8)>, writable: bool) -> Cache {
        let buckets = super::buckets::Buckets::new(&sorted, 8, |e| &e.0[..]);
        let old = sorted
            .into_iter()
            .map(|(digest, age)| Entry {
                digest,
                age,
                hit: AtomicBool::new(false),
            })
            .collect();
        Cache {
            path,
            old,
            buckets,
            writable,
        }
    }

    /// Whether a check with this digest passed in an earlier run (and marks it used).
    pub fn contains(&self, d: &Digest) -> bool {
        // Digests are uniform: a bucket holds one or two, and a scan beats a search.
        match self.old[self.buckets.range(d)]
            .iter()
            .find(|e| e.digest == *d)
        {
            Some(e) => {
                e.hit.store(true, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }

    /// How many entries earlier runs left.
    pub fn len(&self) -> usize {
        self.old.len()
    }

    pub fn is_empty(&self) -> bool {
        self.old.is_empty()
    }

    /// Writes the cache back: the entries hit this run and `added` (checks that passed),
    /// age 0; the others one run older, unless that makes them [`KEEP_RUNS`] old.
    pub fn save(self, mut added: Vec<Digest>) {
        if !self.writable {
            return;
        }
        added.sort_unstable();
        added.dedup();
        // Merged straight into the file's bytes: no list of the entries beside them.
        let mut data = Encoder::with_capacity(self.old.len() + added.len());
        let (mut i, mut j) = (0, 0);
        while i < self.old.len() || j < added.len() {
            let take_old =
                j == added.len() || (i < self.old.len() && self.old[i].digest < added[j]);
            if take_old {
                let e = &self.old[i];
                if e.hit.load(Ordering::Relaxed) {
                    data.push(&e.digest, 0);
                } else if e.age + 1 < KEEP_RUNS {
                    data.push(&e.digest, e.age + 1);
                }
                i += 1;
            } else {
                if i < self.old.len() && self.old[i].digest == added[j] {
                    i += 1;
                }
                data.push(&added[j], 0);
                j += 1;
            }
        }
        let data = data.finish();
        let file = crate::atomic::NewFile {
            path: &self.path,
            data: &data,
            mode: 0o600,
        };
        if let Err(e) = crate::atomic::write_all_or_none(&[file], true) {
            note(&self.path, &format!("not written: {e}"));
        }
    }
}

/// A cache being written on a thread of its own, while the rest of the zone is checked;
/// dropping it waits for the writing to end.
pub struct Saving(Option<std::thread::JoinHandle<()>>);

impl Cache {
    /// [`Cache::save`] on a thread of its own. Should no thread start, the cache is not
    /// written, which costs the next run time, never a verdict.
    pub fn save_behind(self, added: Vec<Digest>) -> Saving {
        let path = self.path.clone();
        let spawned = std::thread::Builder::new()
            .name("zonewarden-cache".into())
            .spawn(move || self.save(added));
        match spawned {
            Ok(handle) => Saving(Some(handle)),
            Err(e) => {
                note(&path, &format!("not written: {e}"));
                Saving(None)
            }
        }
    }
}

impl Drop for Saving {
    fn drop(&mut self) {
        if let Some(h) = self.0.take() {
            // A panic while writing loses only the cache, never a verdict.
            let _ = h.join();
        }
    }
}

/// What the verification cache did in a signature pass.
#[derive(Default)]
pub struct Tally {
    /// Checks it had, their cryptography skipped.
    pub hits: u64,
    /// The digests of the checks that passed and it did not have.
    pub added: Vec<Digest>,
}

impl Tally {
    pub fn merge(&mut self, o: &mut Tally) {
        self.hits += o.hits;
        self.added.append(&mut o.added);
    }
}

/// Checks one signature with `key`, through `cache` when there is one: a hit skips the
/// cryptography; a check that passes and was not in it is added to `out.cache.added`.
pub fn check(
    cache: Option<&Cache>,
    key: &super::keys::Key,
    message: &[u8],
    signature: &[u8],
    out: &mut super::verify::Outcome,
) -> bool {
    let Some(cache) = cache else {
        return key.verify(message, signature) == Some(true);
    };
    let d = digest(key.algorithm, &key.rdata, message, signature);
    if cache.contains(&d) {
        out.cache.hits += 1;
        return true;
    }
    let valid = key.verify(message, signature) == Some(true);
    if valid {
        out.cache.added.push(d);
    }
    valid
}

fn note(path: &Path, what: &str) {
    eprintln!(
        "zonewarden: verification cache {}: {what} (this costs time, never a verdict)",
        path.display()
    );
}

fn make_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

enum Unusable {
    Missing,
    /// Not to be read or replaced: a symbolic link, a directory, a device.
    NotAFile(String),
    /// Unreadable, truncated, corrupt or foreign: replaced by this run's.
    Bad(String),
}

fn read(path: &Path) -> Result<Vec<(Digest, u8)>, Unusable> {
    let meta = match path.symlink_metadata() {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Unusable::Missing),
        Err(e) => return Err(Unusable::Bad(format!("cannot read: {e}"))),
    };
    if meta.file_type().is_symlink() {
        return Err(Unusable::NotAFile("a symbolic link".into()));
    }
    if !meta.is_file() {
        return Err(Unusable::NotAFile("not a regular file".into()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.mode() & 0o022 != 0 {
            return Err(Unusable::Bad("writable by group or others".into()));
        }
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut opts, libc::O_NOFOLLOW);
    let mut data = Vec::new();
    opts.open(path)
        .and_then(|mut f: File| f.read_to_end(&mut data))
        .map_err(|e| Unusable::Bad(format!("cannot read: {e}")))?;
    decode(&data).ok_or_else(|| Unusable::Bad("truncated, corrupt or not a cache".into()))
}

/// MAGIC, the entry count (u64), the entries, then the SHA-256 of everything before it.
/// The bytes of a cache file, entries added in order.
struct Encoder {
    data: Vec<u8>,
    count: u64,
}

impl Encoder {
    /// Room for `n` entries.
    fn with_capacity(n: usize) -> Encoder {
        let mut data = Vec::with_capacity(MAGIC.len() + 8 + n * ENTRY + 32);
        data.extend_from_slice(MAGIC);
        // The count, filled in by `finish`.
        data.extend_from_slice(&[0; 8]);
        Encoder { data, count: 0 }
    }

    fn push(&mut self, d: &Digest, age: u8) {
        self.data.extend_from_slice(d);
        self.data.push(age);
        self.count += 1;
    }

    /// The count filled in and the SHA-256 of it all appended.
    fn finish(mut self) -> Vec<u8> {
        let at = MAGIC.len();
        self.data[at..at + 8].copy_from_slice(&self.count.to_be_bytes());
        let sum = aws_lc_rs::digest::digest(&SHA256, &self.data);
        self.data.extend_from_slice(sum.as_ref());
        self.data
    }
}

#[cfg(test)]
fn encode(entries: &[(Digest, u8)]) -> Vec<u8> {
    let mut e = Encoder::with_capacity(entries.len());
    for (d, age) in entries {
        e.push(d, *age);
    }
    e.finish()
}

fn decode(data: &[u8]) -> Option<Vec<(Digest, u8)>> {
    let body_len = data.len().checked_sub(32)?;
    let (body, sum) = data.split_at(body_len);
    if body.len() < MAGIC.len() + 8 || &body[..MAGIC.len()] != MAGIC {
        return None;
    }
    let n = u64::from_be_bytes(body[MAGIC.len()..MAGIC.len() + 8].try_into().ok()?);
    let rest = &body[MAGIC.len() + 8..];
    if n > u64::from(u32::MAX) || n.checked_mul(ENTRY as u64)? != rest.len() as u64 {
        return None;
    }
    if aws_lc_rs::digest::digest(&SHA256, body).as_ref() != sum {
        return None;
    }
    let mut out: Vec<(Digest, u8)> = Vec::with_capacity(n as usize);
    for e in rest.chunks_exact(ENTRY) {
        let mut d = [0u8; 32];
        d.copy_from_slice(&e[..32]);
        if out.last().is_some_and(|l| l.0 >= d) || e[32] >= KEEP_RUNS {
            return None;
        }
        out.push((d, e[32]));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_round_trips_and_refuses_damage() {
        let mut e: Vec<(Digest, u8)> = (0..50u8).map(|i| ([i; 32], i % KEEP_RUNS)).collect();
        e.sort();
        let data = encode(&e);
        assert_eq!(decode(&data).unwrap(), e);
        assert!(decode(&data[..data.len() - 1]).is_none());
        assert!(decode(&data[..40]).is_none());
        for k in [0, 20, 100, data.len() - 1] {
            let mut d = data.clone();
            d[k] ^= 1;
            assert!(decode(&d).is_none(), "flip at {k}");
        }
        assert!(decode(b"").is_none());
    }

    #[test]
    fn lookups_find_exactly_the_entries() {
        let mut old: Vec<(Digest, u8)> = Vec::new();
        for (a, b) in [(0u8, 0u8), (0, 0), (0, 1), (7, 9), (255, 255), (255, 255)] {
            let mut d = [b; 32];
            d[0] = a;
            d[1] = b;
            d[31] = old.len() as u8;
            old.push((d, 0));
        }
        old.sort();
        let c = Cache::with_entries(PathBuf::new(), old.clone(), false);
        for (d, _) in &old {
            assert!(c.contains(d));
            let mut other = *d;
            other[20] ^= 1;
            assert!(!c.contains(&other));
        }
        assert!(!c.contains(&[1; 32]));
    }

    #[test]
    fn lookups_in_many_buckets() {
        // Enough entries for buckets of 13 bits, each digest a real SHA-256; then the
        // digests of other inputs, and each entry with its last bit flipped, are not found.
        let mut old: Vec<(Digest, u8)> = (0..10_000u32)
            .map(|i| (digest(8, b"key", &i.to_be_bytes(), b"sig"), 0))
            .collect();
        old.sort();
        let c = Cache::with_entries(PathBuf::new(), old.clone(), false);
        assert_eq!(c.buckets.bits(), 13);
        for (i, (d, _)) in old.iter().enumerate() {
            assert!(c.contains(d), "entry {i}");
            let mut other = *d;
            other[31] ^= 1;
            assert!(!c.contains(&other), "entry {i}, changed");
        }
        for i in 10_000..11_000u32 {
            assert!(!c.contains(&digest(8, b"key", &i.to_be_bytes(), b"sig")));
        }
        assert!(c.old.iter().all(|e| e.hit.load(Ordering::Relaxed)));
    }

    #[test]
    fn file_names_are_one_plain_component() {
        let d = Path::new("/c");
        assert_eq!(
            file_name(d, "Example.COM."),
            d.join("zw-verify-example.com.cache")
        );
        assert_eq!(file_name(d, "."), d.join("zw-verify-root.cache"));
        assert_eq!(file_name(d, "a/b\\."), d.join("zw-verify-a%2fb%5c.cache"));
        assert_ne!(digest(8, b"k", b"s", b"g"), digest(8, b"k", b"sg", b""));
    }
}
