//! A zone file's versions in git, read with the `git` command (local only: `rev-parse`,
//! `ls-tree`, `ls-files`, `show`, `log`, `diff`; nothing that fetches).
//!
//! Anything git cannot answer is an error, never "no earlier version": the pre-commit hook
//! must fail when it cannot check. The one legitimate absence is a first version: HEAD has no
//! commit yet (a new repository), or the file is not in the revision but is in the index or
//! the working tree (a file being added). A revision is first resolved to a commit with
//! `rev-parse --verify --end-of-options`, and only that commit's hash is passed on, so a
//! revision beginning with `-` never reaches git as an option.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One committed version of a file.
pub struct Committed {
    pub short: String,
    /// The commit time (seconds since 1970): taken as the version's publication.
    pub time: i64,
    pub text: Vec<u8>,
}

/// Why git could not say what a file was at a revision.
#[derive(Debug)]
pub enum GitError {
    /// git could not be started (most often: not installed, or not on PATH).
    Run(std::io::Error),
    /// The file's directory is not inside a git working tree.
    NotARepository { dir: PathBuf, said: String },
    /// The revision does not name a commit.
    BadRevision { rev: String, said: String },
    /// The file is in neither the revision, the index nor the working tree.
    Missing { file: PathBuf, rev: String },
    /// The file has no commits up to the revision (`--history`).
    NoCommits { file: PathBuf, rev: String },
    /// The path has no file name to give git.
    NotAFile(PathBuf),
    /// Any other git command that failed.
    Failed {
        file: PathBuf,
        command: String,
        said: String,
    },
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GitError::Run(e) => write!(f, "cannot run git (is it installed and on PATH?): {e}"),
            GitError::NotARepository { dir, said } => {
                write!(f, "{}: not in a git working tree: {said}", dir.display())
            }
            GitError::BadRevision { rev, said } => {
                write!(
                    f,
                    "--git: `{rev}` does not name a commit (nor is it a file)"
                )?;
                if !said.is_empty() {
                    write!(f, ": {said}")?;
                }
                Ok(())
            }
            GitError::Missing { file, rev } => write!(
                f,
                "{}: not in {rev}, the index or the working tree",
                file.display()
            ),
            GitError::NoCommits { file, rev } => {
                write!(f, "{}: no commits of it up to {rev}", file.display())
            }
            GitError::NotAFile(p) => write!(f, "{}: not a file name", p.display()),
            GitError::Failed {
                file,
                command,
                said,
            } => write!(f, "{}: git {command} failed: {said}", file.display()),
        }
    }
}

impl std::error::Error for GitError {}

/// What a git command did.
struct Ran {
    ok: bool,
    stdout: Vec<u8>,
    stderr: String,
}

/// The directory git runs in: the file's own.
fn dir_of(file: &Path) -> &Path {
    match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Runs git in the file's directory; only a failure to start it is an error here.
fn run(file: &Path, args: &[&str]) -> Result<Ran, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir_of(file))
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0")
        // A file name is a literal path, never a glob or a `:(magic)` pathspec.
        .env("GIT_LITERAL_PATHSPECS", "1")
        .output()
        .map_err(GitError::Run)?;
    Ok(Ran {
        ok: out.status.success(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
    })
}

/// Runs git and fails, naming the command and what git said, unless it succeeds.
fn git(file: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let r = run(file, args)?;
    if !r.ok {
        return Err(GitError::Failed {
            file: file.to_path_buf(),
            command: args.join(" "),
            said: r.stderr,
        });
    }
    Ok(r.stdout)
}

/// `./NAME`: the file relative to the directory git runs in.
fn rel(file: &Path) -> Result<String, GitError> {
    let name = file
        .file_name()
        .ok_or_else(|| GitError::NotAFile(file.to_path_buf()))?;
    Ok(format!("./{}", name.to_string_lossy()))
}

/// Fails unless the file's directory is inside a git working tree.
fn in_repository(file: &Path) -> Result<(), GitError> {
    let r = run(file, &["rev-parse", "--show-toplevel"])?;
    if !r.ok {
        return Err(GitError::NotARepository {
            dir: dir_of(file).to_path_buf(),
            said: r.stderr,
        });
    }
    Ok(())
}

/// The commit `rev` names, or `None` when `rev` is `HEAD` and HEAD has no commit yet (a new
/// repository, whose branch is "unborn").
fn resolve(file: &Path, rev: &str) -> Result<Option<String>, GitError> {
    let spec = format!("{rev}^{{commit}}");
    // `--end-of-options` (git 2.24 and later) makes a revision beginning with `-` a name.
    let r = run(
        file,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
    )?;
    if r.ok {
        let hash = String::from_utf8_lossy(&r.stdout).trim().to_string();
        return Ok(Some(hash));
    }
    if rev == "HEAD" {
        // HEAD is unborn when it is a symbolic reference to a branch that does not exist yet.
        let sym = run(file, &["symbolic-ref", "--quiet", "HEAD"])?;
        let branch = String::from_utf8_lossy(&sym.stdout).trim().to_string();
        if sym.ok && !branch.is_empty() {
            let b = run(
                file,
                &[
                    "rev-parse",
                    "--verify",
                    "--quiet",
                    "--end-of-options",
                    &branch,
                ],
            )?;
            if !b.ok {
                return Ok(None);
            }
        }
    }
    Err(GitError::BadRevision {
        rev: rev.to_string(),
        said: r.stderr,
    })
}

/// Whether the commit holds the file.
fn in_commit(file: &Path, commit: &str) -> Result<bool, GitError> {
    let out = git(
        file,
        &["ls-tree", "--end-of-options", commit, "--", &rel(file)?],
    )?;
    Ok(!out.is_empty())
}

/// Whether the index or the working tree holds the file (a first version being added).
fn being_added(file: &Path) -> Result<bool, GitError> {
    if file.exists() {
        return Ok(true);
    }
    let out = git(file, &["ls-files", "--cached", "-z", "--", &rel(file)?])?;
    Ok(!out.is_empty())
}

/// The commits that changed the file, up to `commit`, oldest first, following first parents:
/// `(hash, commit time)`.
fn commits(file: &Path, commit: &str) -> Result<Vec<(String, i64)>, GitError> {
    let r = rel(file)?;
    let text = git(
        file,
        &[
            "log",
            "--first-parent",
            "--reverse",
            "--format=%H %ct",
            "--end-of-options",
            commit,
            "--",
            &r,
        ],
    )?;
    Ok(String::from_utf8_lossy(&text)
        .lines()
        .filter_map(|l| {
            let (h, t) = l.split_once(' ')?;
            Some((h.to_string(), t.trim().parse().ok()?))
        })
        .collect())
}

fn show(file: &Path, hash: &str) -> Result<Vec<u8>, GitError> {
    git(file, &["show", &format!("{hash}:{}", rel(file)?)])
}

/// The file as of `rev`, published when the last commit to change it was made; `None` for a
/// first version (no commit yet, or the file is only in the index or the working tree).
pub fn at(file: &Path, rev: &str) -> Result<Option<Committed>, GitError> {
    in_repository(file)?;
    let missing = || GitError::Missing {
        file: file.to_path_buf(),
        rev: rev.to_string(),
    };
    let Some(commit) = resolve(file, rev)? else {
        // Before a repository's first commit there is nothing to roll over from.
        return if being_added(file)? {
            Ok(None)
        } else {
            Err(missing())
        };
    };
    if !in_commit(file, &commit)? {
        return if being_added(file)? {
            Ok(None)
        } else {
            Err(missing())
        };
    }
    let Some((hash, time)) = commits(file, &commit)?.pop() else {
        return Err(missing());
    };
    Ok(Some(Committed {
        short: hash[..hash.len().min(12)].to_string(),
        time,
        text: show(file, &hash)?,
    }))
}

/// Every committed version of the file up to `rev`, oldest first.
pub fn history(file: &Path, rev: &str) -> Result<Vec<Committed>, GitError> {
    in_repository(file)?;
    let no_commits = || GitError::NoCommits {
        file: file.to_path_buf(),
        rev: rev.to_string(),
    };
    let commit = resolve(file, rev)?.ok_or_else(no_commits)?;
    let list = commits(file, &commit)?;
    if list.is_empty() {
        return Err(no_commits());
    }
    list.into_iter()
        .map(|(hash, time)| {
            Ok(Committed {
                short: hash[..hash.len().min(12)].to_string(),
                time,
                text: show(file, &hash)?,
            })
        })
        .collect()
}

/// What is staged for the file, when it differs from HEAD; `None` when nothing is staged
/// (NEW is then the working tree).
pub fn staged(file: &Path) -> Result<Option<Vec<u8>>, GitError> {
    let r = rel(file)?;
    let names = git(file, &["diff", "--cached", "--name-only", "--", &r])?;
    if names.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    git(file, &["show", &format!(":{r}")]).map(Some)
}
