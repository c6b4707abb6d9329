//! Feeds a set of files to the zone reader: the input, split at NUL bytes, is a main zone
//! file and up to seven files it may `$INCLUDE` (`f1.inc` … `f7.inc`, beside it), written to
//! a directory of this process. Each may include the others (or itself), use `$GENERATE`,
//! and name paths outside the directory (absolute, `..`, symbolic links: `up.inc` links to
//! the directory's parent, `zero.inc` to /dev/zero, `env.inc` to /proc/self/environ).
//!
//! Budgets are small (10,000 generated and 20,000 included records) so that a run stays
//! short, and these must hold for every input:
//! - no panic, and the reader finishes (libFuzzer's timeout catches a hang);
//! - the records generated and included stay within the budgets;
//! - every source read lies inside the directory (nothing outside was opened);
//! - every finding's span lies inside its file, and the human report renders.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use zonewarden::lint::{lint, LintOptions};
use zonewarden::report::{human, ZoneReport};
use zonewarden::zone::{read_file, Limits, ReadOptions};

const GENERATED: u64 = 10_000;
const INCLUDED: u64 = 20_000;

/// The directory the files are written to, with its links made once.
fn dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let d = base.join(format!("zw-fuzz-include-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("zones")).unwrap();
        let z = d.join("zones");
        std::os::unix::fs::symlink("..", z.join("up.inc")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", z.join("zero.inc")).unwrap();
        std::os::unix::fs::symlink("/proc/self/environ", z.join("env.inc")).unwrap();
        std::fs::write(d.join("outside.inc"), "outside TXT secret\n").unwrap();
        std::fs::canonicalize(z).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let dir = dir();
    let mut parts = data.splitn(8, |&b| b == 0);
    let main = parts.next().unwrap_or_default();
    let main_path = dir.join("fuzz.example.zone");
    std::fs::write(&main_path, main).unwrap();
    for k in 1..8 {
        let p = dir.join(format!("f{k}.inc"));
        match parts.next() {
            Some(text) => std::fs::write(&p, text).unwrap(),
            None => {
                let _ = std::fs::remove_file(&p);
            }
        }
    }
    let opts = ReadOptions {
        origin: Some("fuzz.example.".into()),
        limits: Limits {
            generated_records: GENERATED,
            included_records: INCLUDED,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    let zone = read_file(&main_path, &opts).unwrap();

    let lines = main.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let records = zone.records.len() as u64;
    assert!(
        records <= lines + GENERATED + INCLUDED,
        "{records} records from {lines} lines"
    );
    let included = zone.records.iter().filter(|r| zone.file_of(r) != 0).count() as u64;
    assert!(included <= INCLUDED, "{included} records through includes");
    for src in &zone.sources[1..] {
        let real = std::fs::canonicalize(dir.join(&src.path)).unwrap_or_default();
        assert!(real.starts_with(dir), "read {}", src.path.display());
    }
    let diagnostics = lint(&zone, &LintOptions::default());
    for d in &diagnostics {
        if let Some(s) = d.span {
            let len = zone.sources[s.file as usize].len() as u32;
            assert!(s.start <= s.end && s.end <= len, "{d:?}");
        }
    }
    let report = ZoneReport {
        zone: &zone,
        diagnostics,
    };
    let mut out = Vec::new();
    human::render_zone(&mut out, &report, false).unwrap();
    assert!(!out.contains(&0x1b));
});
