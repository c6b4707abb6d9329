//! A progress bar on standard error when it is a terminal and reading takes over a second;
//! none when piped or under `--quiet`. The terminal is a pseudo-terminal from util-linux's
//! `script`; the zone is the benchmark generator's 1.5M-record zone. The bar is asked for
//! at once (`ZONEWARDEN_PROGRESS_DELAY_MS=0`), so that the test does not depend on reading
//! taking a second (in a release build it takes a quarter); a small zone read with the
//! usual wait shows none.

use crate::util::{command_in, root, temp_scratch};
use std::process::Command;

fn run_in_pty(cmd: &str) -> String {
    let o = Command::new("script")
        .args(["-qfec", cmd, "/dev/null"])
        .output()
        .expect("script (util-linux)");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn progress_bar_only_on_a_terminal_and_not_when_quiet() {
    let dir = temp_scratch("progress");
    let zone = dir.join("big.zone");
    let gen = Command::new("python3")
        .arg(root().join("scripts/gen-bench-zone.py"))
        .arg("--out")
        .arg(&zone)
        .status()
        .unwrap();
    assert!(gen.success());
    let bin = env!("CARGO_BIN_EXE_zonewarden");
    let z = zone.display();
    // Standard output goes to /dev/null; what the terminal shows is standard error.
    let shown = run_in_pty(&format!(
        "ZONEWARDEN_PROGRESS_DELAY_MS=0 {bin} lint --fail-on never --origin bench.example. {z} >/dev/null"
    ));
    assert!(
        shown.contains("reading") && shown.contains("MiB"),
        "no progress bar on a terminal: {shown:?}"
    );
    let quiet = run_in_pty(&format!(
        "ZONEWARDEN_PROGRESS_DELAY_MS=0 {bin} lint --quiet --fail-on never --origin bench.example. {z} >/dev/null"
    ));
    assert!(
        !quiet.contains("reading"),
        "a progress bar under --quiet: {quiet:?}"
    );
    let small = root().join("testdata/zones/example.com.zone");
    let small_shown = run_in_pty(&format!(
        "{bin} lint --fail-on never {} >/dev/null",
        small.display()
    ));
    assert!(
        !small_shown.contains("reading"),
        "a progress bar for a small zone: {small_shown:?}"
    );
    let piped = command_in(root())
        .env("ZONEWARDEN_PROGRESS_DELAY_MS", "0")
        .args(["lint", "--fail-on", "never", "--origin", "bench.example."])
        .arg(&zone)
        .output()
        .unwrap();
    assert!(
        piped.stderr.is_empty(),
        "output on a pipe: {:?}",
        String::from_utf8_lossy(&piped.stderr)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
