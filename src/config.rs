//! `zonewarden.toml`: which rules run, at what severity, where; and the thresholds that
//! time-dependent checks use.
//!
//! Found by walking up from the zone's directory to the repository's root (see
//! [`Config::discover`]), or named with `--config`. Rules are
//! selected and ignored by code, code prefix or name; the more specific entry wins and
//! `ignore` wins ties (as in ruff). `[[overrides]]` apply to zone paths matching their globs,
//! relative to the config file's directory.
//!
//! ```toml
//! select = ["ZW"]            # the default: every rule
//! ignore = ["ZW1123"]
//! fail-on = "warning"
//!
//! [severity]
//! ZW1118 = "error"
//!
//! [thresholds]
//! expiry-warning = "7d"
//! propagation = "1h"
//!
//! include-roots = ["shared"]  # directories besides the zone's own that $INCLUDE may read
//! include = ["*.zone"]       # zone files in a directory walk (default: *.zone *.db db.* *.signed)
//! exclude = ["archive"]       # files and directories a walk skips
//!
//! [verify]
//! cache = "/var/cache/zonewarden"  # verify's cache: absolute, outside this file's directory
//!
//! [limits]
//! generated-records = 1048576  # records all $GENERATE lines of a zone may make
//! included-records = 50000000  # records that may be read through $INCLUDE
//!
//! [[overrides]]
//! paths = ["reverse/*.zone"]
//! ignore = ["missing-aaaa"]
//! severity = { ZW1115 = "info" }
//! ```

use crate::diag::{Diagnostic, Rule, Severity};
use crate::rules;
use crate::zone::Limits;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Whether a directory is the root of a git repository's working tree: it holds `.git`, a
/// directory, or a file naming the repository elsewhere (a worktree or a submodule).
fn is_repository_root(dir: &Path) -> bool {
    dir.join(".git").symlink_metadata().is_ok()
}

/// Why a configuration file could not be used; each names the file.
#[derive(Debug)]
pub enum Error {
    /// The file could not be read.
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not TOML, or not the shape of a configuration, at `line`.
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A value is not what its key takes: an unknown rule, severity, pattern or root.
    Invalid { path: PathBuf, message: String },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Read { path, source } => write!(f, "{}: cannot read: {source}", path.display()),
            Error::Syntax {
                path,
                line,
                message,
            } => write!(f, "{}:{line}: {message}", path.display()),
            Error::Invalid { path, message } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The file name looked for.
pub const FILE_NAME: &str = "zonewarden.toml";

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawConfig {
    /// This config is the top: discovery never reads above its directory.
    #[serde(default)]
    #[allow(dead_code)]
    root: bool,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    fail_on: Option<String>,
    #[serde(default)]
    thresholds: RawThresholds,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    include_roots: Vec<String>,
    #[serde(default)]
    limits: RawLimits,
    /// Which files in a directory given on the command line are zones.
    include: Option<Vec<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    verify: RawVerify,
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawVerify {
    cache: Option<String>,
}

/// `[verify] cache`: the verification cache's directory. Whoever can write the cache can make
/// a bad signature pass, and the config file is part of the repository it configures, which
/// anyone sending a change can edit: so the directory must be absolute and outside the
/// config file's directory (a cache committed beside the zones would be theirs to forge).
fn verify_cache(dir: &Path, cache: &str) -> Result<PathBuf, String> {
    let p = PathBuf::from(cache);
    if !p.is_absolute() {
        return Err(format!(
            "[verify] cache: `{cache}` is not an absolute path; the cache must be as trusted as zonewarden itself, outside the repository"
        ));
    }
    let base = std::path::absolute(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    })
    .map_err(|e| format!("[verify] cache: cannot resolve {}: {e}", dir.display()))?;
    let base = std::fs::canonicalize(&base).unwrap_or(base);
    let resolved = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
    if resolved.starts_with(&base) {
        return Err(format!(
            "[verify] cache: `{cache}` is inside the directory of this file, which changes to the repository can write; give a directory outside it, or --cache on the command line"
        ));
    }
    Ok(p)
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawLimits {
    generated_records: Option<u64>,
    included_records: Option<u64>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawThresholds {
    expiry_warning: Option<String>,
    propagation: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawOverride {
    paths: Vec<String>,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
}

/// An `include-roots` entry, relative to the config file's directory `dir`. The file is
/// part of the repository it configures, which anyone sending a change can edit, so it can
/// only allow directories inside that one: a root elsewhere must come from whoever runs
/// zonewarden, with `--include-root`.
fn include_root(dir: &Path, root: &str) -> Result<PathBuf, String> {
    let base = std::fs::canonicalize(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    })
    .map_err(|e| format!("include-roots: cannot resolve {}: {e}", dir.display()))?;
    let resolved = std::fs::canonicalize(base.join(root))
        .map_err(|e| format!("include-roots: `{root}`: {e}"))?;
    if !resolved.starts_with(&base) {
        return Err(format!(
            "include-roots: `{root}` is outside the directory of this file; allow it with --include-root on the command line"
        ));
    }
    Ok(resolved)
}

/// A selector: a rule's code, a code prefix, or a rule's name (which stands for its code).
#[derive(Clone, Debug)]
struct Selector(String);

impl Selector {
    /// How specifically it matches a code: the prefix length, or `None`.
    fn specificity(&self, code: &str) -> Option<usize> {
        code.starts_with(self.0.as_str()).then_some(self.0.len())
    }
}

#[derive(Clone, Debug)]
struct Override {
    globs: GlobSet,
    select: Vec<Selector>,
    ignore: Vec<Selector>,
    severity: BTreeMap<&'static str, Severity>,
}

/// Durations that time-dependent checks use, in seconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Thresholds {
    pub expiry_warning: Option<u32>,
    pub propagation: Option<u32>,
}

/// A loaded configuration.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Where it came from; `None` for the built-in default.
    pub path: Option<PathBuf>,
    dir: PathBuf,
    select: Vec<Selector>,
    ignore: Vec<Selector>,
    severity: BTreeMap<&'static str, Severity>,
    pub fail_on: Option<Severity>,
    /// `fail-on = "never"`.
    pub never_fail: bool,
    pub thresholds: Thresholds,
    overrides: Vec<Override>,
    /// Directories (resolved, inside the config file's own directory) that `$INCLUDE` may
    /// read besides the zone's.
    pub include_roots: Vec<PathBuf>,
    pub limits: Limits,
    /// `[verify] cache`, checked by [`verify_cache`].
    pub verify_cache: Option<PathBuf>,
    /// `include` and `exclude`: which files a directory walk takes as zones.
    walk: WalkGlobs,
}

/// The globs of a directory walk, and the patterns as written, for messages.
#[derive(Clone, Debug, Default)]
struct WalkGlobs {
    /// `include`: the globs naming zone files when a directory is walked; `None` for the
    /// default ([`DEFAULT_INCLUDE`]).
    include: Option<GlobSet>,
    /// `exclude`: globs naming files and directories a walk skips.
    exclude: Option<GlobSet>,
    include_text: Option<Vec<String>>,
    exclude_text: Vec<String>,
}

/// The zone files a directory walk reads when no `include` is configured.
pub const DEFAULT_INCLUDE: &[&str] = &["*.zone", "*.db", "db.*", "*.signed"];

/// Files the default `include` would take that are no zones: BIND's journals (`.jnl`, and
/// `.jbk` while it compacts one), which lie beside `db.*` and `*.signed` zones of dynamic and
/// inline-signed zones, and the copies editors, patch and backups leave.
pub const DEFAULT_NOT_ZONES: &[&str] = &[
    "*.jnl", "*.jbk", "*~", "*.bak", "*.orig", "*.rej", "*.swp", "*.tmp",
];

/// A glob set from a config's list of patterns.
fn glob_set(list: &[&str], key: &str) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for p in list {
        b.add(Glob::new(p).map_err(|e| format!("{key}: bad pattern `{p}`: {e}"))?);
    }
    b.build().map_err(|e| format!("{key}: {e}"))
}

impl Config {
    /// Loads a config file; errors name the file and, for syntax, the line.
    pub fn load(path: &Path) -> Result<Config, Error> {
        // A config is a few kilobytes; a megabyte is far past any real one.
        let read = crate::source::read_bounded(path, 1 << 20).and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "stream did not contain valid UTF-8",
                )
            })
        });
        let text = read.map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, Error> {
        let at = |message: String| Error::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            match line {
                Some(l) => Error::Syntax {
                    path: path.to_path_buf(),
                    line: l,
                    message: e.message().to_string(),
                },
                None => at(e.message().to_string()),
            }
        })?;
        let selectors = |list: &[String]| -> Result<Vec<Selector>, Error> {
            list.iter().map(|s| selector(s).map_err(at)).collect()
        };
        let severities =
            |map: &BTreeMap<String, String>| -> Result<BTreeMap<&'static str, Severity>, Error> {
                let mut out = BTreeMap::new();
                for (k, v) in map {
                    let rule = rule_by_code_or_name(k)
                        .ok_or_else(|| at(format!("no rule `{k}` in [severity]")))?;
                    let sev = Severity::parse(v).ok_or_else(|| {
                        at(format!(
                            "severity `{v}` for {k}: expected error, warning or info"
                        ))
                    })?;
                    out.insert(rule.code, sev);
                }
                Ok(out)
            };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut overrides = Vec::new();
        for o in &raw.overrides {
            let mut b = GlobSetBuilder::new();
            for p in &o.paths {
                b.add(Glob::new(p).map_err(|e| at(format!("bad path pattern `{p}`: {e}")))?);
            }
            overrides.push(Override {
                globs: b.build().map_err(|e| at(e.to_string()))?,
                select: selectors(&o.select)?,
                ignore: selectors(&o.ignore)?,
                severity: severities(&o.severity)?,
            });
        }
        let (fail_on, never_fail) = match raw.fail_on.as_deref() {
            None => (None, false),
            Some("never") => (None, true),
            Some(s) => (
                Some(Severity::parse(s).ok_or_else(|| {
                    at(format!(
                        "fail-on `{s}`: expected error, warning, info or never"
                    ))
                })?),
                false,
            ),
        };
        let duration = |s: &Option<String>, what: &str| -> Result<Option<u32>, Error> {
            s.as_deref()
                .map(|v| {
                    crate::zone::rdata::parse_ttl(v.as_bytes()).ok_or_else(|| {
                        at(format!(
                            "{what} `{v}`: expected a duration such as 7d or 3600"
                        ))
                    })
                })
                .transpose()
        };
        let defaults = Limits::default();
        let limits = Limits {
            generated_records: raw
                .limits
                .generated_records
                .unwrap_or(defaults.generated_records),
            included_records: raw
                .limits
                .included_records
                .unwrap_or(defaults.included_records),
            ..defaults
        };
        let include_roots = raw
            .include_roots
            .iter()
            .map(|r| include_root(&dir, r).map_err(at))
            .collect::<Result<_, _>>()?;
        let verify_cache = match &raw.verify.cache {
            Some(c) => Some(verify_cache(&dir, c).map_err(at)?),
            None => None,
        };
        let walk = walk_globs(raw.include.as_deref(), &raw.exclude).map_err(at)?;
        Ok(Config {
            path: Some(path.to_path_buf()),
            walk,
            dir,
            select: if raw.select.is_empty() {
                vec![Selector("ZW".into())]
            } else {
                selectors(&raw.select)?
            },
            ignore: selectors(&raw.ignore)?,
            severity: severities(&raw.severity)?,
            fail_on,
            never_fail,
            thresholds: Thresholds {
                expiry_warning: duration(&raw.thresholds.expiry_warning, "expiry-warning")?,
                propagation: duration(&raw.thresholds.propagation, "propagation")?,
            },
            overrides,
            include_roots,
            limits,
            verify_cache,
        })
    }

    /// The nearest `zonewarden.toml` for a zone (`-`: the current directory stands for the
    /// zone's directory).
    ///
    /// Inside a repository, the walk goes up from the zone's directory to the repository's
    /// root (the first directory holding `.git`, a directory or, in a worktree or submodule, a
    /// file) and never above it: a config in the directory that holds a checkout belongs to
    /// someone else and must not switch rules off inside it. Outside any repository there is
    /// no such bound, so only the zone's own directory and then the current directory are
    /// read, never a shared directory above (such as the temporary directory). The nearest
    /// config applies alone, so the walk also ends at the first one found; `root = true`
    /// states that a config is the top, and nothing above it is read.
    pub fn discover(zone: &Path) -> Result<Config, Error> {
        Config::discover_within(zone, None)
    }

    /// [`Config::discover`] for a zone found by walking `walked`, a directory given on the
    /// command line: outside a repository, the directories from the zone's up to `walked`
    /// are read too, since the user named that tree (in a repository, the repository's
    /// root bounds the search as for any zone).
    pub fn discover_within(zone: &Path, walked: Option<&Path>) -> Result<Config, Error> {
        let cwd = std::env::current_dir().unwrap_or_default();
        if zone == Path::new("-") {
            return Config::discover_from(&cwd, &cwd, None);
        }
        let abs = std::path::absolute(zone).unwrap_or_else(|_| zone.to_path_buf());
        let walked = walked.map(|w| std::path::absolute(w).unwrap_or_else(|_| w.to_path_buf()));
        match abs.parent() {
            Some(dir) => Config::discover_from(dir, &cwd, walked.as_deref()),
            None => Ok(Config::builtin()),
        }
    }

    fn discover_from(dir: &Path, cwd: &Path, walked: Option<&Path>) -> Result<Config, Error> {
        let candidates: Vec<&Path> = match dir.ancestors().position(is_repository_root) {
            Some(root) => dir.ancestors().take(root + 1).collect(),
            None => {
                let mut c: Vec<&Path> = match walked.filter(|w| dir.starts_with(w)) {
                    Some(w) => dir.ancestors().take_while(|a| a.starts_with(w)).collect(),
                    None => vec![dir],
                };
                if !c.contains(&cwd) && !cwd.as_os_str().is_empty() {
                    c.push(cwd);
                }
                c
            }
        };
        for d in candidates {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
        }
        Ok(Config::builtin())
    }

    /// Every rule at its default severity.
    pub fn builtin() -> Config {
        Config {
            select: vec![Selector("ZW".into())],
            ..Config::default()
        }
    }

    /// The config for the files below a directory given on the command line: the nearest
    /// `zonewarden.toml` at or above it, found as for a zone in that directory.
    pub fn discover_dir(dir: &Path) -> Result<Config, Error> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        Config::discover_from(&abs, &cwd, None)
    }

    /// Whether a walk of a directory takes this file as a zone: its name or its path
    /// relative to the config's directory (else to `root`, the directory walked) matches an
    /// `include` glob (by default `*.zone`, `*.db`, `db.*`, `*.signed`, less journals and
    /// backups: [`DEFAULT_NOT_ZONES`]) and no `exclude` glob.
    pub fn is_zone_file(&self, path: &Path, root: &Path) -> bool {
        let matches = |set: &GlobSet| {
            path.file_name().is_some_and(|n| set.is_match(n))
                || set.is_match(self.relative(path, root))
        };
        let included = match &self.walk.include {
            Some(set) => matches(set),
            None => {
                default_include().is_some_and(matches)
                    && !path
                        .file_name()
                        .is_some_and(|n| default_not_zones().is_some_and(|s| s.is_match(n)))
            }
        };
        included && !self.is_excluded(path, root)
    }

    /// The globs a directory walk takes zone files by, as a message names them:
    /// `include: *.zone, *.db, db.*, *.signed`, and `; exclude: …` when there are any.
    pub fn walk_globs_text(&self) -> String {
        let include = match &self.walk.include_text {
            Some(list) => list.join(", "),
            None => DEFAULT_INCLUDE.join(", "),
        };
        let mut text = format!("include: {include}");
        if !self.walk.exclude_text.is_empty() {
            text.push_str(&format!("; exclude: {}", self.walk.exclude_text.join(", ")));
        }
        text
    }

    /// Whether an `exclude` glob matches a file or directory's name or relative path.
    pub fn is_excluded(&self, path: &Path, root: &Path) -> bool {
        self.walk.exclude.as_ref().is_some_and(|set| {
            path.file_name().is_some_and(|n| set.is_match(n))
                || set.is_match(self.relative(path, root))
        })
    }

    /// A path relative to the config's directory, else to `root`.
    fn relative<'p>(&self, path: &'p Path, root: &Path) -> std::borrow::Cow<'p, Path> {
        let base = if self.path.is_some() {
            std::path::absolute(&self.dir).unwrap_or_else(|_| self.dir.clone())
        } else {
            std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf())
        };
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        match abs.strip_prefix(&base) {
            Ok(rel) => std::borrow::Cow::Owned(rel.to_path_buf()),
            Err(_) => std::borrow::Cow::Borrowed(path),
        }
    }

    /// The overrides whose globs match a zone path.
    fn overrides_for(&self, zone: &Path) -> Vec<&Override> {
        if self.overrides.is_empty() || zone == Path::new("-") {
            return Vec::new();
        }
        let abs = std::path::absolute(zone).unwrap_or_else(|_| zone.to_path_buf());
        let dir = std::path::absolute(&self.dir).unwrap_or_else(|_| self.dir.clone());
        let rel = abs.strip_prefix(&dir).unwrap_or(&abs);
        self.overrides
            .iter()
            .filter(|o| o.globs.is_match(rel))
            .collect()
    }

    /// Drops the findings of rules switched off for this zone and sets severities.
    pub fn apply(&self, zone: &Path, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let overrides = self.overrides_for(zone);
        diagnostics
            .into_iter()
            .filter(|d| self.enabled(d.rule, &overrides))
            .map(|mut d| {
                let specific = overrides
                    .iter()
                    .rev()
                    .find_map(|o| o.severity.get(d.rule.code));
                if let Some(&s) = specific.or_else(|| self.severity.get(d.rule.code)) {
                    d.severity = s;
                }
                d
            })
            .collect()
    }

    /// The codes of the rules switched off for this zone, in code order: the lint engine
    /// need not look for them ([`crate::lint::LintOptions::disabled`]).
    pub fn disabled_rules(&self, zone: &Path) -> Vec<&'static str> {
        let overrides = self.overrides_for(zone);
        rules::ALL
            .iter()
            .filter(|r| !self.enabled(r, &overrides))
            .map(|r| r.code)
            .collect()
    }

    fn enabled(&self, rule: &Rule, overrides: &[&Override]) -> bool {
        let best = |lists: &mut dyn Iterator<Item = &Selector>| {
            lists.filter_map(|s| s.specificity(rule.code)).max()
        };
        let selected = best(
            &mut self
                .select
                .iter()
                .chain(overrides.iter().flat_map(|o| o.select.iter())),
        );
        let ignored = best(
            &mut self
                .ignore
                .iter()
                .chain(overrides.iter().flat_map(|o| o.ignore.iter())),
        );
        match (selected, ignored) {
            (Some(s), Some(i)) => s > i,
            (Some(_), None) => true,
            _ => false,
        }
    }
}

/// The `include` and `exclude` glob sets: `None` for no `include` (the default) or no
/// `exclude`; with the patterns as written.
fn walk_globs(include: Option<&[String]>, exclude: &[String]) -> Result<WalkGlobs, String> {
    let globs = |list: &[String], key: &str| {
        glob_set(&list.iter().map(String::as_str).collect::<Vec<_>>(), key)
    };
    let include_set = include.map(|l| globs(l, "include")).transpose()?;
    let exclude_set = if exclude.is_empty() {
        None
    } else {
        Some(globs(exclude, "exclude")?)
    };
    Ok(WalkGlobs {
        include: include_set,
        exclude: exclude_set,
        include_text: include.map(<[String]>::to_vec),
        exclude_text: exclude.to_vec(),
    })
}

/// The [`DEFAULT_NOT_ZONES`] globs, built once.
fn default_not_zones() -> Option<&'static GlobSet> {
    static SET: std::sync::OnceLock<Option<GlobSet>> = std::sync::OnceLock::new();
    SET.get_or_init(|| glob_set(DEFAULT_NOT_ZONES, "include").ok())
        .as_ref()
}

/// The default `include` globs, built once.
fn default_include() -> Option<&'static GlobSet> {
    static SET: std::sync::OnceLock<Option<GlobSet>> = std::sync::OnceLock::new();
    SET.get_or_init(|| glob_set(DEFAULT_INCLUDE, "include").ok())
        .as_ref()
}

fn rule_by_code_or_name(s: &str) -> Option<&'static Rule> {
    rules::by_code(s).or_else(|| rules::ALL.iter().copied().find(|r| r.name == s))
}

/// A code, a prefix of at least one code, `ALL`, or a rule name.
fn selector(s: &str) -> Result<Selector, String> {
    if s == "ALL" {
        return Ok(Selector("ZW".into()));
    }
    if let Some(rule) = rules::ALL.iter().find(|r| r.name == s) {
        return Ok(Selector(rule.code.into()));
    }
    let upper = s.to_ascii_uppercase();
    if upper.starts_with("ZW")
        && rules::ALL
            .iter()
            .any(|r| r.code.starts_with(upper.as_str()))
    {
        return Ok(Selector(upper));
    }
    Err(format!(
        "`{s}` names no rule and is the prefix of no rule's code"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(text: &str) -> Config {
        Config::parse(Path::new("/z/zonewarden.toml"), text).unwrap()
    }

    #[test]
    fn more_specific_wins_and_ignore_wins_ties() {
        let c = cfg("select = [\"ZW11\"]\nignore = [\"ZW1\", \"ZW1123\"]\n");
        let on = |code: &str| c.enabled(rules::by_code(code).unwrap(), &[]);
        assert!(on("ZW1101"), "ZW11 is more specific than ZW1");
        assert!(!on("ZW1123"), "the exact code wins");
        assert!(!on("ZW1001"), "only ZW1 matches, and it is ignored");
        let tie = cfg("select = [\"ZW1101\"]\nignore = [\"cname-and-other-data\"]\n");
        assert!(!tie.enabled(rules::by_code("ZW1101").unwrap(), &[]));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e =
            Config::parse(Path::new("zw.toml"), "select = [\"ZW1\"]\nignroe = []\n").unwrap_err();
        assert!(matches!(e, Error::Syntax { line: 2, .. }), "{e:?}");
        assert!(e.to_string().starts_with("zw.toml:2:"), "{e}");
        let e = Config::parse(Path::new("zw.toml"), "ignore = [\"ZW77\"]\n").unwrap_err();
        assert!(matches!(e, Error::Invalid { .. }), "{e:?}");
        assert!(e.to_string().contains("`ZW77` names no rule"), "{e}");
    }
}
