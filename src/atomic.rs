//! Writing files atomically, one or several as a set: each is written to a temporary file
//! beside it (a name no other writer can be using, opened with `O_EXCL`), flushed to disk,
//! and only then put in place, so that a reader never sees half a file and a set of files
//! appears both or neither.
//!
//! Without `force` a file is put in place with a hard link, which fails if the name appeared
//! meanwhile; with `force`, by a rename over the old file, whose old content is first kept
//! under a second hidden name so that it can be put back if a later file of the set fails.
//!
//! The window that remains: the files of a set are put in place one after the other, so a
//! crash (power loss, SIGKILL) between two of them leaves the earlier ones in place, and
//! with `force` the hidden copies of the old files (`.NAME.…bak`) beside them. Callers order
//! a set so that what is placed last matters most (a private key after its CSR).

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write};
#[cfg(unix)]
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// One file of a set: where, what, and its mode (ignored off Unix).
pub struct NewFile<'a> {
    pub path: &'a Path,
    pub data: &'a [u8],
    pub mode: u32,
}

/// Why a set of files was not written; nothing of it is left in place.
#[derive(Debug)]
pub enum WriteError {
    /// The file exists and `force` was not given.
    Exists(PathBuf),
    /// The path has no file name.
    NotAFile(PathBuf),
    /// Writing or placing the file failed.
    Io(PathBuf, io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Exists(p) => write!(
                f,
                "{}: already exists; pass --force to replace it",
                p.display()
            ),
            WriteError::NotAFile(p) => write!(f, "{}: not a file name", p.display()),
            WriteError::Io(p, e) => write!(f, "{}: cannot write: {e}", p.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// Refuses an existing file unless forced; run before anything is written.
pub fn check_writable(path: &Path, force: bool) -> Result<(), WriteError> {
    if !force && path.symlink_metadata().is_ok() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    Ok(())
}

/// The directory a file is in (`.` for a bare name).
fn dir_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A hidden name beside `path` that nothing else uses: the process id, and 64 bits from
/// the standard library's per-process random hasher keys mixed with a counter, so that
/// neither a leftover of an earlier run with the same process id nor a concurrent writer
/// can hold it (and `create_new` makes sure).
fn hidden_name(path: &Path, suffix: &str) -> Result<PathBuf, WriteError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| WriteError::NotAFile(path.to_path_buf()))?;
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u32(std::process::id());
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    Ok(dir_of(path).join(format!(
        ".{}.{}.{:016x}.{suffix}",
        name.to_string_lossy(),
        std::process::id(),
        h.finish()
    )))
}

/// How many fresh names are tried before giving up (each collision is a 2^-64 chance, or a
/// hostile directory).
const TRIES: usize = 16;

/// Creates a new temporary file beside `path` with `mode`, holding `data`, synced.
fn write_temporary(file: &NewFile) -> Result<PathBuf, WriteError> {
    let io_err = |e| WriteError::Io(file.path.to_path_buf(), e);
    for _ in 0..TRIES {
        let tmp = hidden_name(file.path, "tmp")?;
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        opts.mode(file.mode);
        let mut f = match opts.open(&tmp) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_err(e)),
        };
        let written = (|| -> io::Result<()> {
            // The umask may have taken bits away; never added any. Set exactly what was asked.
            #[cfg(unix)]
            f.set_permissions(fs::Permissions::from_mode(file.mode))?;
            f.write_all(file.data)?;
            f.sync_all()
        })();
        return match written {
            Ok(()) => Ok(tmp),
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                Err(io_err(e))
            }
        };
    }
    Err(io_err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary name beside it",
    )))
}

/// Keeps the file at `path`, if there is one, under a hidden name (a second hard link), so
/// that it can be put back.
fn keep_old(path: &Path) -> Result<Option<PathBuf>, WriteError> {
    match path.symlink_metadata() {
        Ok(m) if m.is_file() => {}
        // Nothing there, or not a regular file (the rename over it will fail or replace a
        // symlink, which is not kept).
        _ => return Ok(None),
    }
    for _ in 0..TRIES {
        let bak = hidden_name(path, "bak")?;
        match fs::hard_link(path, &bak) {
            Ok(()) => return Ok(Some(bak)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(WriteError::Io(path.to_path_buf(), e)),
        }
    }
    Ok(None)
}

/// One file of the set, as far as it got.
struct Placing {
    path: PathBuf,
    tmp: PathBuf,
    old: Option<PathBuf>,
    placed: bool,
}

/// Puts one temporary file in place.
fn place(p: &mut Placing, force: bool) -> Result<(), WriteError> {
    let io_err = |e: io::Error| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            WriteError::Exists(p.path.clone())
        } else {
            WriteError::Io(p.path.clone(), e)
        }
    };
    if force {
        p.old = keep_old(&p.path)?;
        fs::rename(&p.tmp, &p.path).map_err(io_err)?;
    } else {
        fs::hard_link(&p.tmp, &p.path).map_err(io_err)?;
        let _ = fs::remove_file(&p.tmp);
    }
    p.placed = true;
    Ok(())
}

/// Writes every file of the set, or none: each to a temporary first, then each put in
/// place in the order given. If one cannot be, those already placed are taken back (the
/// new file removed, or with `force` the old one put back) and every temporary removed.
pub fn write_all_or_none(files: &[NewFile], force: bool) -> Result<(), WriteError> {
    for f in files {
        check_writable(f.path, force)?;
    }
    let mut set: Vec<Placing> = Vec::new();
    let mut failed = None;
    for f in files {
        match write_temporary(f) {
            Ok(tmp) => set.push(Placing {
                path: f.path.to_path_buf(),
                tmp,
                old: None,
                placed: false,
            }),
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    if failed.is_none() {
        for p in &mut set {
            if let Err(e) = place(p, force) {
                failed = Some(e);
                break;
            }
        }
    }
    if let Some(e) = failed {
        for p in set.iter().rev() {
            if p.placed {
                match &p.old {
                    Some(old) => {
                        let _ = fs::rename(old, &p.path);
                    }
                    None => {
                        let _ = fs::remove_file(&p.path);
                    }
                }
            }
            let _ = fs::remove_file(&p.tmp);
            if let Some(old) = &p.old {
                let _ = fs::remove_file(old);
            }
        }
        return Err(e);
    }
    for p in &set {
        if let Some(old) = &p.old {
            let _ = fs::remove_file(old);
        }
        // The new names survive a crash once their directory is synced.
        if let Ok(d) = File::open(dir_of(&p.path)) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}
