//! Expanding the paths a command is given into zone files: a directory is walked the way
//! ripgrep walks one (the `ignore` crate: `.gitignore`, `.ignore` and `.git/info/exclude`
//! honoured, hidden files and directories skipped, symbolic links not followed), except
//! that the user's global git excludes are not read, and the
//! files in it whose name matches the config's `include` globs (by default `*.zone`, `*.db`,
//! `db.*`, `*.signed`) and no `exclude` glob are taken as zones. The config is the nearest
//! `zonewarden.toml` to each file, as for the zone's rules: one in a folder below the
//! directory walked decides for the files below it.
//!
//! The files come as a stream ([`ZoneFiles`]), never as a list of every path: a directory is
//! walked depth first with each directory's entries sorted by name, which is the order of
//! the paths sorted whole (a path orders by its components), so memory holds the entries of
//! the directories open on the way down, not the whole tree.

use super::*;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

/// The zone files that `paths` name, in order: each file named on the command line as given
/// (always read, whatever its name), and for each directory the zone files below it,
/// sorted by path. A path that names neither is left for the reader to report; a file
/// found twice is read once.
///
/// `config` is the `--config` file when one was given; otherwise the nearest
/// `zonewarden.toml` at or above each directory decides which of its files are zones.
pub fn expand_paths(paths: &[PathBuf], config: Option<&Config>) -> Result<Vec<PathBuf>, Error> {
    ZoneFiles::new(paths, config, true).collect()
}

/// [`expand_paths`] as a stream, and how many files it will give (with the entries that
/// cannot be read, which the stream gives as errors in their place): the directories are
/// walked once first (in the walker's own order, as a list would have been made) to count
/// the files and meet a config that cannot be loaded before a zone is read, then walked
/// again as the stream.
pub fn zone_files<'a>(
    paths: &'a [PathBuf],
    config: Option<&'a Config>,
) -> Result<(usize, ZoneFiles<'a>), Error> {
    let mut n = 0;
    for f in ZoneFiles::new(paths, config, false) {
        match f {
            // A directory that cannot be read, or holds no zone file, is reported in its
            // place, as a zone that cannot be read would be.
            Ok(_) | Err(Error::Unreadable { .. } | Error::NoZoneFiles { .. }) => n += 1,
            // A config that cannot be loaded ends the run before a zone is read.
            Err(e) => return Err(e),
        }
    }
    Ok((n, ZoneFiles::new(paths, config, true)))
}

/// The zone files of some paths, one by one (see [`expand_paths`]).
pub struct ZoneFiles<'a> {
    paths: &'a [PathBuf],
    fixed: Option<&'a Config>,
    sorted: bool,
    /// The next path to start on.
    next: usize,
    walk: Option<DirWalk>,
    /// Each path as [`canonical`] spells it, in a run over several paths (else empty).
    keys: Vec<PathBuf>,
    /// The directories among the paths, by index, spelled canonically.
    dirs: Vec<(usize, PathBuf)>,
    /// How many times each file is named on the command line, by its canonical spelling.
    named: HashMap<PathBuf, usize>,
    /// Files given already that another path could give again, spelled canonically: only
    /// those are kept.
    seen: HashSet<PathBuf>,
    done: bool,
}

/// A directory being walked: the path it came from, and its configs (see [`Configs`]).
struct DirWalk {
    arg: usize,
    root: PathBuf,
    configs: Arc<Configs>,
    walker: ignore::Walk,
    /// Whether the walk has given a zone file, or an entry it could not read, yet.
    found: bool,
}

impl<'a> ZoneFiles<'a> {
    fn new(paths: &'a [PathBuf], fixed: Option<&'a Config>, sorted: bool) -> ZoneFiles<'a> {
        let mut keys = Vec::new();
        let mut dirs = Vec::new();
        let mut named = HashMap::new();
        if paths.len() > 1 {
            for (i, p) in paths.iter().enumerate() {
                let key = canonical(p);
                keys.push(key.clone());
                if p.as_os_str() == "-" {
                    continue;
                }
                if p.is_dir() {
                    dirs.push((i, key));
                } else {
                    *named.entry(key).or_insert(0) += 1;
                }
            }
        }
        ZoneFiles {
            paths,
            fixed,
            sorted,
            next: 0,
            walk: None,
            keys,
            dirs,
            named,
            seen: HashSet::new(),
            done: false,
        }
    }

    /// Whether a file given by path `arg` is new, remembering it when another path (a
    /// directory above it, or the same file named again) could give it again. Files are
    /// told apart by their [`canonical`] spelling, so that `d`, `./d`, `$PWD/d` and a link
    /// to `d` give each file once: read twice, a zone would make its origin ambiguous, and
    /// the cross-zone checks would skip it.
    fn first_time(&mut self, arg: usize, f: &Path) -> bool {
        if self.paths.len() == 1 {
            return true;
        }
        let f = canonical(f);
        let self_named = usize::from(self.keys[arg] == f);
        let again = self.named.get(&f).is_some_and(|&n| n > self_named)
            || self.dirs.iter().any(|(j, d)| *j != arg && f.starts_with(d));
        !again || self.seen.insert(f)
    }

    /// The next zone file of the directory being walked, if any is left. A directory that
    /// gives none, not even an entry it cannot read, is an error in its place: named on
    /// the command line, it was meant to hold zones, and a run that checks nothing must not
    /// pass (a wrong `include` glob, an empty checkout). Files another path gives too count
    /// as found.
    fn next_in_dir(&mut self) -> Option<Result<PathBuf, Error>> {
        loop {
            let walk = self.walk.as_mut()?;
            let (arg, path) = match walk.next_file(self.paths) {
                Some(Ok(found)) => found,
                Some(Err(e)) => return Some(Err(e)),
                None => {
                    let walk = self.walk.take()?;
                    return (!walk.found).then(|| Err(walk.no_zone_files()));
                }
            };
            if self.first_time(arg, &path) {
                return Some(Ok(path));
            }
        }
    }
}

/// The path with every link resolved, `.` and `..` removed and made absolute (a file that
/// cannot be resolved, such as one that is not there, as written): one spelling per file.
fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

impl DirWalk {
    /// The next file of the walk that the config takes as a zone, with the index of the
    /// path the walk came from; or an entry that could not be read (a directory that cannot
    /// be listed), which the walk goes on past.
    fn next_file(&mut self, paths: &[PathBuf]) -> Option<Result<(usize, PathBuf), Error>> {
        let found = self.next_entry(paths);
        self.found |= found.is_some();
        found
    }

    /// [`DirWalk::next_file`], without noting what it found.
    fn next_entry(&mut self, paths: &[PathBuf]) -> Option<Result<(usize, PathBuf), Error>> {
        for entry in self.walker.by_ref() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => return Some(Err(walk_error(e, &paths[self.arg]))),
            };
            let Some(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() || !kind.is_file() {
                continue;
            }
            let path = entry.path();
            // Under a config that cannot be loaded, the walked directory's decides: a zone
            // there is then named with that config's error when it is checked, and the run
            // goes on with the others.
            let config = path
                .parent()
                .and_then(|dir| self.configs.for_dir(dir).ok())
                .unwrap_or_else(|| self.configs.base.clone());
            if config.is_zone_file(path, &self.root) {
                return Some(Ok((self.arg, path.to_path_buf())));
            }
        }
        None
    }

    /// The error for a walk that found no zone file: the directory as given, and the globs
    /// of its config.
    fn no_zone_files(&self) -> Error {
        Error::NoZoneFiles {
            dir: self.root.clone(),
            globs: self.configs.base.walk_globs_text(),
            config: self.configs.base.path.clone(),
        }
    }
}

/// What the walk of `dir` could not read, and why, as a zone that could not be read is
/// reported: the path the walker names, else `dir`.
fn walk_error(e: ignore::Error, dir: &Path) -> Error {
    let (path, reason) = walk_reason(e);
    Error::Unreadable {
        path: path.unwrap_or_else(|| dir.to_path_buf()),
        reason,
    }
}

/// The path an error of the walker names, if it names one, and why.
fn walk_reason(e: ignore::Error) -> (Option<PathBuf>, String) {
    match e {
        ignore::Error::WithDepth { err, .. } => walk_reason(*err),
        ignore::Error::WithLineNumber { line, err } => {
            let (path, reason) = walk_reason(*err);
            (path, format!("line {line}: {reason}"))
        }
        ignore::Error::WithPath { path, err } => (Some(path), walk_reason(*err).1),
        ignore::Error::Io(e) => {
            // The walker's error inside names the path again; its own cause says why.
            let why = e
                .get_ref()
                .and_then(|inner| inner.source())
                .map_or_else(|| e.to_string(), |cause| cause.to_string());
            (None, format!("cannot read: {why}"))
        }
        e => (None, e.to_string()),
    }
}

impl Iterator for ZoneFiles<'_> {
    type Item = Result<PathBuf, Error>;

    fn next(&mut self) -> Option<Result<PathBuf, Error>> {
        while !self.done {
            // An entry of the walk that cannot be read is given in its place, and the walk
            // goes on.
            if let Some(r) = self.next_in_dir() {
                return Some(r);
            }
            let Some(p) = self.paths.get(self.next) else {
                self.done = true;
                break;
            };
            let arg = self.next;
            self.next += 1;
            if p.as_os_str() == "-" || !p.is_dir() {
                if p.as_os_str() == "-" || self.first_time(arg, p) {
                    return Some(Ok(p.clone()));
                }
                continue;
            }
            let config = match self.fixed {
                Some(c) => Arc::new(c.clone()),
                None => match Config::discover_dir(p) {
                    Ok(c) => Arc::new(c),
                    Err(e) => {
                        self.done = true;
                        return Some(Err(e.into()));
                    }
                },
            };
            // ripgrep's defaults: ignore files honoured (.gitignore only inside a git
            // repository), hidden entries skipped, links not followed. But not the user's
            // global excludes (core.excludesFile): which zones a commit's check reads must
            // not hang on the machine it runs on, or a hook passes what CI fails (`*.db` is
            // a common global exclude, and a common zone file name).
            let mut builder = ignore::WalkBuilder::new(p);
            builder.git_global(false);
            if self.sorted {
                builder.sort_by_file_name(|a, b| a.cmp(b));
            }
            // An excluded directory is pruned, never read: everything below it is excluded
            // with it, and one that cannot be read costs nothing.
            let configs = Arc::new(Configs {
                root: p.clone(),
                base: config,
                fixed: self.fixed.is_some(),
                recent: Mutex::new(Vec::new()),
            });
            let (excluding, root) = (configs.clone(), p.clone());
            builder.filter_entry(move |e| {
                let dir = e.file_type().is_some_and(|t| t.is_dir());
                // A config that cannot be loaded excludes nothing here: the walk meets it.
                let excluded = || {
                    let above = e.path().parent().unwrap_or(&root);
                    excluding
                        .for_dir(above)
                        .is_ok_and(|c| c.is_excluded(e.path(), &root))
                };
                !(dir && e.depth() > 0 && excluded())
            });
            self.walk = Some(DirWalk {
                arg,
                root: p.clone(),
                configs,
                walker: builder.build(),
                found: false,
            });
        }
        None
    }
}

/// The configs that decide which files of a walked directory are zones: for each folder,
/// the nearest `zonewarden.toml` at or above it, as for the zones' own rules
/// ([`Config::discover_within`]): one in the folder or a folder above it within the walk,
/// else the walked directory's ([`Config::discover_dir`]), or always `--config` when given.
/// The walk is depth first, so a few folders' configs are kept, most recent first, and
/// memory does not grow with the tree.
struct Configs {
    root: PathBuf,
    base: Arc<Config>,
    fixed: bool,
    recent: Mutex<Vec<(PathBuf, Arc<Config>)>>,
}

/// How many folders' configs [`Configs`] keeps: more than a walk is deep.
const RECENT_CONFIGS: usize = 64;

impl Configs {
    /// The config for the files of the folder `dir`, a folder of the walk.
    fn for_dir(&self, dir: &Path) -> Result<Arc<Config>, Error> {
        if self.fixed || !dir.starts_with(&self.root) {
            return Ok(self.base.clone());
        }
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        // The folders from `dir` up to the first whose config is known or of its own.
        let mut below = Vec::new();
        let mut config = self.base.clone();
        for d in dir.ancestors().take_while(|d| *d != self.root) {
            if let Some((_, c)) = recent.iter().find(|(k, _)| k == d) {
                config = c.clone();
                break;
            }
            below.push(d);
            let own = d.join(crate::config::FILE_NAME);
            if own.is_file() {
                config = Arc::new(Config::load(&own)?);
                break;
            }
        }
        for d in below {
            if recent.len() == RECENT_CONFIGS {
                recent.pop();
            }
            recent.insert(0, (d.to_path_buf(), config.clone()));
        }
        Ok(config)
    }
}
