//! Expanding the paths a command is given into zone files: a directory is walked the way
//! ripgrep walks one (the `ignore` crate: `.gitignore`, `.ignore` and `.git/info/exclude`
//! honoured, hidden files and directories skipped, symbolic links not followed), and the
//! files in it whose name matches the config's `include` globs (by default `*.zone`, `*.db`,
//! `db.*`, `*.signed`) and no `exclude` glob are taken as zones.

use super::*;

/// The zone files that `paths` name, in order: each file named on the command line as given
/// (always read, whatever its name), and for each directory the zone files below it,
/// sorted by path. A path that names neither is left for the reader to report; a file
/// found twice is read once.
///
/// `config` is the `--config` file when one was given; otherwise the nearest
/// `zonewarden.toml` at or above each directory decides which of its files are zones.
pub fn expand_paths(paths: &[PathBuf], config: Option<&Config>) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            if p.as_os_str() == "-" || seen.insert(p.clone()) {
                out.push(p.clone());
            }
            continue;
        }
        let discovered;
        let config = match config {
            Some(c) => c,
            None => {
                discovered = Config::discover_dir(p)?;
                &discovered
            }
        };
        let found = walk_dir(p, config)?;
        if paths.len() == 1 {
            // One directory: its walk names each file once, and nothing else is named.
            return Ok(found);
        }
        for f in found {
            if seen.insert(f.clone()) {
                out.push(f);
            }
        }
    }
    Ok(out)
}

/// The zone files below one directory, sorted by path.
fn walk_dir(dir: &Path, config: &Config) -> Result<Vec<PathBuf>, Error> {
    let root = dir.to_path_buf();
    let mut files = Vec::new();
    // ripgrep's defaults: ignore files honoured (.gitignore only inside a git repository),
    // hidden entries skipped, links not followed.
    let walker = ignore::WalkBuilder::new(dir).build();
    for entry in walker {
        let entry = entry.map_err(|e| Error::Input(format!("{}: {e}", dir.display())))?;
        let Some(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() || !kind.is_file() {
            continue;
        }
        // An excluded directory excludes everything below it.
        let in_excluded_dir = path
            .ancestors()
            .skip(1)
            .take_while(|a| *a != root && a.starts_with(&root))
            .any(|a| config.is_excluded(a, &root));
        if !in_excluded_dir && config.is_zone_file(path, &root) {
            files.push(path.to_path_buf());
        }
    }
    files.sort();
    Ok(files)
}
