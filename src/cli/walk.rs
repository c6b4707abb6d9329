//! Expanding the paths a command is given into zone files: a directory is walked the way
//! ripgrep walks one (the `ignore` crate: `.gitignore`, `.ignore` and `.git/info/exclude`
//! honoured, hidden files and directories skipped, symbolic links not followed), and the
//! files in it whose name matches the config's `include` globs (by default `*.zone`, `*.db`,
//! `db.*`, `*.signed`) and no `exclude` glob are taken as zones.
//!
//! The files come as a stream ([`ZoneFiles`]), never as a list of every path: a directory is
//! walked depth first with each directory's entries sorted by name, which is the order of
//! the paths sorted whole (a path orders by its components), so memory holds the entries of
//! the directories open on the way down, not the whole tree.

use super::*;
use std::collections::{HashMap, HashSet};

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

/// [`expand_paths`] as a stream, and how many files it will give: the directories are
/// walked once first (in the walker's own order, as a list would have been made) to count
/// the files and meet any error before a zone is read, then walked again as the stream.
pub fn zone_files<'a>(
    paths: &'a [PathBuf],
    config: Option<&'a Config>,
) -> Result<(usize, ZoneFiles<'a>), Error> {
    let mut n = 0;
    for f in ZoneFiles::new(paths, config, false) {
        f?;
        n += 1;
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

/// A directory being walked: the path it came from, its config when found for it.
struct DirWalk {
    arg: usize,
    root: PathBuf,
    discovered: Option<Config>,
    walker: ignore::Walk,
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

    /// The next zone file of the directory being walked, if any is left.
    fn next_in_dir(&mut self) -> Option<Result<PathBuf, Error>> {
        loop {
            let (arg, path) = match self.walk.as_mut()?.next_file(self.paths, self.fixed) {
                Some(Ok(found)) => found,
                Some(Err(e)) => return Some(Err(e)),
                None => {
                    self.walk = None;
                    return None;
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
    /// path the walk came from.
    fn next_file(
        &mut self,
        paths: &[PathBuf],
        fixed: Option<&Config>,
    ) -> Option<Result<(usize, PathBuf), Error>> {
        let config = self.discovered.as_ref().or(fixed)?;
        for entry in self.walker.by_ref() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let dir = &paths[self.arg];
                    return Some(Err(Error::Input(format!("{}: {e}", dir.display()))));
                }
            };
            let Some(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() || !kind.is_file() {
                continue;
            }
            let path = entry.path();
            let root = &self.root;
            // An excluded directory excludes everything below it.
            let in_excluded_dir = path
                .ancestors()
                .skip(1)
                .take_while(|a| *a != root && a.starts_with(root))
                .any(|a| config.is_excluded(a, root));
            if !in_excluded_dir && config.is_zone_file(path, root) {
                return Some(Ok((self.arg, path.to_path_buf())));
            }
        }
        None
    }
}

impl Iterator for ZoneFiles<'_> {
    type Item = Result<PathBuf, Error>;

    fn next(&mut self) -> Option<Result<PathBuf, Error>> {
        while !self.done {
            if let Some(r) = self.next_in_dir() {
                self.done = r.is_err();
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
            let discovered = match self.fixed {
                Some(_) => None,
                None => match Config::discover_dir(p) {
                    Ok(c) => Some(c),
                    Err(e) => {
                        self.done = true;
                        return Some(Err(e.into()));
                    }
                },
            };
            // ripgrep's defaults: ignore files honoured (.gitignore only inside a git
            // repository), hidden entries skipped, links not followed.
            let mut builder = ignore::WalkBuilder::new(p);
            if self.sorted {
                builder.sort_by_file_name(|a, b| a.cmp(b));
            }
            self.walk = Some(DirWalk {
                arg,
                root: p.clone(),
                discovered,
                walker: builder.build(),
            });
        }
        None
    }
}
