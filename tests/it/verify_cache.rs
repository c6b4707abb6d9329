//! `verify --cache DIR`: a hit skips only the cryptography, so the findings are the same
//! cold and warm; the tampered variants of the verify tests are still caught with a cache
//! warmed on the zone they were made from; a missing, truncated, corrupt, foreign or
//! misplaced cache (a directory, a symbolic link) costs time and never changes a verdict;
//! the file is 0600 and bounded (entries unused by the last two runs are dropped).

use crate::util::{self, command_in, scratch};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const NOW: &str = "2026-11-25T00:00:00Z";

/// One run: (exit status, findings as (code, severity, message, line), checks taken from
/// the cache, standard error).
struct Run {
    status: i32,
    findings: Vec<(String, String, String, u64)>,
    cached: u64,
    stderr: String,
}

fn verify(zone: &Path, origin: &str, cache: Option<&Path>, extra: &[String]) -> Run {
    let mut cmd = command_in(util::root());
    cmd.args([
        "verify", "--format", "json", "--now", NOW, "--origin", origin,
    ])
    .args(extra)
    .env("ZONEWARDEN_TIMING", "1");
    if let Some(c) = cache {
        cmd.arg("--cache").arg(c);
    }
    let o = cmd.arg(zone).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).to_string();
    let v: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{stderr}", String::from_utf8_lossy(&o.stdout)));
    let findings = v["zones"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let cached = stderr
        .lines()
        .find_map(|l| {
            let (_, rest) = l.split_once(" verifications, ")?;
            rest.split_once(" from the cache")?.0.parse().ok()
        })
        .unwrap_or(0);
    Run {
        status: o.status.code().unwrap_or(-1),
        findings,
        cached,
        stderr,
    }
}

fn lines(p: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn tampered_variants_are_caught_with_a_warm_cache() {
    let sources: Vec<(PathBuf, BTreeSet<String>)> = crate::verify::signed_cases()
        .into_iter()
        .map(|p| {
            let l = lines(&p);
            (p, l)
        })
        .collect();
    let variants = crate::verify::tampered_zones();
    assert!(variants.len() >= 15);
    let mut failures = Vec::new();
    let mut with_hits = 0;
    for (k, (zone, extra)) in variants.iter().enumerate() {
        // The signed zone it was made from: the one it shares the most lines with.
        let mine = lines(zone);
        let (source, _) = sources
            .iter()
            .max_by_key(|(_, l)| l.intersection(&mine).count())
            .unwrap();
        let dir = scratch(&format!("verify-cache-tampered-{k}"));
        let warmup = verify(source, "base.example.", Some(&dir), extra);
        let cold = verify(zone, "base.example.", None, extra);
        let warm = verify(zone, "base.example.", Some(&dir), extra);
        if warmup.status != 0 && warmup.findings.is_empty() {
            failures.push(format!(
                "{}: warm-up failed: {}",
                source.display(),
                warmup.stderr
            ));
        }
        if cold.status != warm.status || cold.findings != warm.findings {
            failures.push(format!(
                "{}: cold exit {} {:#?}\nwarm exit {} {:#?}",
                zone.display(),
                cold.status,
                cold.findings,
                warm.status,
                warm.findings
            ));
        }
        if cold.status != 1 {
            failures.push(format!("{}: exit {}", zone.display(), cold.status));
        }
        // A variant whose keys were replaced has no check the source passed.
        with_hits += usize::from(warm.cached > 0);
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(
        with_hits + 2 >= variants.len(),
        "{with_hits} of {}",
        variants.len()
    );
}

fn corpus_zone() -> (PathBuf, &'static str) {
    (
        util::root().join("testdata/zones/signed/example.com.bind-ecdsap256-nsec.signed"),
        "example.com.",
    )
}

#[test]
fn warm_equals_cold_and_a_damaged_cache_only_costs_time() {
    let (zone, origin) = corpus_zone();
    let dir = scratch("verify-cache-damage");
    let cold = verify(&zone, origin, None, &[]);
    let first = verify(&zone, origin, Some(&dir), &[]);
    assert_eq!(first.cached, 0, "{}", first.stderr);
    let file = dir.join("zw-verify-example.com.cache");
    let meta = std::fs::metadata(&file).unwrap();
    #[cfg(unix)]
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o777,
        0o600
    );
    let warm = verify(&zone, origin, Some(&dir), &[]);
    assert!(warm.cached > 10, "{}", warm.stderr);
    assert_eq!(
        (cold.status, &cold.findings),
        (first.status, &first.findings)
    );
    assert_eq!((cold.status, &cold.findings), (warm.status, &warm.findings));
    let good = std::fs::read(&file).unwrap();
    // 16-byte header, 8-byte count, 33 bytes an entry, a 32-byte checksum.
    assert_eq!((good.len() - 56) % 33, 0);
    type Damage = fn(&Path, &[u8]);
    let damages: [(&str, Damage); 5] = [
        ("truncated", |f, g| {
            std::fs::write(f, &g[..g.len() / 2]).unwrap()
        }),
        ("a digest flipped", |f, g| {
            let mut g = g.to_vec();
            g[30] ^= 0x40;
            std::fs::write(f, g).unwrap()
        }),
        ("foreign", |f, _| {
            std::fs::write(f, b"not a cache at all\n").unwrap()
        }),
        ("empty", |f, _| std::fs::write(f, b"").unwrap()),
        ("a directory", |f, _| {
            std::fs::remove_file(f).unwrap();
            std::fs::create_dir(f).unwrap();
        }),
    ];
    for (what, damage) in damages {
        std::fs::write(&file, &good).ok();
        damage(&file, &good);
        let r = verify(&zone, origin, Some(&dir), &[]);
        assert_eq!(r.cached, 0, "{what}: {}", r.stderr);
        assert!(
            r.stderr.contains("verification cache"),
            "{what}: {}",
            r.stderr
        );
        assert_eq!(
            (cold.status, &cold.findings),
            (r.status, &r.findings),
            "{what}"
        );
        if file.is_dir() {
            std::fs::remove_dir(&file).unwrap();
        }
    }
    // A symbolic link is neither followed nor replaced, even to a good cache.
    let elsewhere = scratch("verify-cache-elsewhere").join("target.cache");
    std::fs::write(&elsewhere, &good).unwrap();
    #[cfg(unix)]
    {
        let _ = std::fs::remove_file(&file);
        std::os::unix::fs::symlink(&elsewhere, &file).unwrap();
        let r = verify(&zone, origin, Some(&dir), &[]);
        assert_eq!(r.cached, 0, "{}", r.stderr);
        assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
        assert_eq!((cold.status, &cold.findings), (r.status, &r.findings));
        assert!(file.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&elsewhere).unwrap(), good);
    }
}

#[test]
fn entries_unused_by_the_last_two_runs_are_dropped() {
    // Two zones of the same origin (so one cache file), with other keys and signatures.
    let signed = crate::verify::signed_cases();
    let pick = |name: &str| {
        signed
            .iter()
            .find(|p| p.file_name().unwrap() == name)
            .unwrap()
            .clone()
    };
    let (a, b) = (
        pick("bind-p256-nsec.signed"),
        pick("bind-rsasha256-nsec.signed"),
    );
    let o = "base.example.";
    let dir = scratch("verify-cache-bounded");
    let file = dir.join("zw-verify-base.example.cache");
    let entries = || (std::fs::metadata(&file).unwrap().len() - 56) / 33;
    verify(&a, o, Some(&dir), &[]);
    let just_a = entries();
    verify(&b, o, Some(&dir), &[]);
    let both = entries();
    assert!(just_a > 10 && both > just_a, "{just_a} {both}");
    // One run of the other zone keeps a's entries (one run old)...
    assert_eq!(verify(&a, o, Some(&dir), &[]).cached, just_a);
    // ...two in a row drop them: the file holds b's alone.
    verify(&b, o, Some(&dir), &[]);
    verify(&b, o, Some(&dir), &[]);
    assert_eq!(entries(), both - just_a);
    assert_eq!(verify(&a, o, Some(&dir), &[]).cached, 0);
}

#[test]
fn a_config_names_the_cache_only_outside_its_own_directory() {
    let (zone, origin) = corpus_zone();
    let base = scratch("verify-cache-config");
    let conf_dir = base.join("repo");
    std::fs::create_dir_all(&conf_dir).unwrap();
    let config = conf_dir.join("zonewarden.toml");
    let run = |cache: &str| {
        std::fs::write(&config, format!("[verify]\ncache = {cache:?}\n")).unwrap();
        command_in(util::root())
            .args(["verify", "--now", NOW, "--origin", origin, "--config"])
            .arg(&config)
            .arg(&zone)
            .output()
            .unwrap()
    };
    for refused in ["cache", conf_dir.join("cache").to_str().unwrap()] {
        let o = run(refused);
        assert_eq!(o.status.code(), Some(2), "{refused}: {}", util::text(&o));
        assert!(
            util::stderr(&o).contains("[verify] cache"),
            "{}",
            util::text(&o)
        );
        assert!(!conf_dir.join("cache").exists());
    }
    let outside = base.join("outside");
    let o = run(outside.to_str().unwrap());
    assert_eq!(o.status.code(), Some(0), "{}", util::text(&o));
    assert!(outside.join("zw-verify-example.com.cache").is_file());
}

#[test]
fn a_cache_directory_that_cannot_be_made_only_costs_time() {
    // Below a regular file no directory can be made: the run verifies every signature
    // itself, says why on standard error, and reaches the verdict a run without a cache
    // does (it once panicked at the first lookup).
    let (zone, origin) = corpus_zone();
    let dir = scratch("verify-cache-unmakeable");
    let file = dir.join("a-file");
    std::fs::write(&file, b"").unwrap();
    let cold = verify(&zone, origin, None, &[]);
    let r = verify(&zone, origin, Some(&file.join("cache")), &[]);
    assert_eq!(r.cached, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("cannot make its directory"),
        "{}",
        r.stderr
    );
    assert_eq!((cold.status, &cold.findings), (r.status, &r.findings));
}
