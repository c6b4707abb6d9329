//! A zone file's versions in git, read with the `git` command (local only: `show`, `log`,
//! `diff`; nothing that fetches).

use std::path::Path;
use std::process::Command;

/// One committed version of a file.
pub struct Committed {
    pub short: String,
    /// The commit time (seconds since 1970): taken as the version's publication.
    pub time: i64,
    pub text: Vec<u8>,
}

/// Runs git in the file's directory; the error names the command and what git said.
fn git(file: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{}: git {} failed: {}",
            file.display(),
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}

/// `./NAME`: the file relative to the directory git runs in.
fn rel(file: &Path) -> Result<String, String> {
    let name = file
        .file_name()
        .ok_or_else(|| format!("{}: not a file name", file.display()))?;
    Ok(format!("./{}", name.to_string_lossy()))
}

/// The commits that changed the file, up to `rev`, oldest first, following first parents:
/// `(hash, commit time)`.
fn commits(file: &Path, rev: &str) -> Result<Vec<(String, i64)>, String> {
    let r = rel(file)?;
    let text = git(
        file,
        &[
            "log",
            "--first-parent",
            "--reverse",
            "--format=%H %ct",
            rev,
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

fn show(file: &Path, hash: &str) -> Result<Vec<u8>, String> {
    git(file, &["show", &format!("{hash}:{}", rel(file)?)])
}

/// The file as of `rev`, published when the last commit to change it was made; `None` when
/// it does not exist there.
pub fn at(file: &Path, rev: &str) -> Result<Option<Committed>, String> {
    // Before a repository's first commit there is no HEAD, and nothing to roll over from.
    if rev == "HEAD" && git(file, &["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).is_err() {
        return Ok(None);
    }
    let Some((hash, time)) = commits(file, rev)?.pop() else {
        return Ok(None);
    };
    Ok(Some(Committed {
        short: hash[..hash.len().min(12)].to_string(),
        time,
        text: show(file, &hash)?,
    }))
}

/// Every committed version of the file up to `rev`, oldest first.
pub fn history(file: &Path, rev: &str) -> Result<Vec<Committed>, String> {
    let list = commits(file, rev)?;
    if list.is_empty() {
        return Err(format!("{}: no commits of it up to {rev}", file.display()));
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
pub fn staged(file: &Path) -> Result<Option<Vec<u8>>, String> {
    let r = rel(file)?;
    let names = git(file, &["diff", "--cached", "--name-only", "--", &r])?;
    if names.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    git(file, &["show", &format!(":{r}")]).map(Some)
}
