//! Input written by someone who wants zonewarden to leak, hang, blow up or wave a zone
//! through: each test reproduces one way of trying, with the input generated here.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zw-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs zonewarden in `dir`; a run still going after `limit` is killed and fails the test.
/// The limit is many times what the run needs: it tells a hang (or a quadratic blow-up)
/// from a finished run, and measures nothing.
fn zw_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zonewarden"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run zonewarden");
    // Read the pipes on threads so a large report cannot block the child.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).ok();
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).ok();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("zonewarden {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    }
}

fn zw(dir: &Path, args: &[&str]) -> Output {
    zw_within(dir, args, Duration::from_secs(60))
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

const HEAD: &str = "$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ NS ns1\nns1 A 192.0.2.1\nns1 AAAA 2001:db8::1\n";

/// Item 4: each line opens a parenthesis that is never closed. Recovering from each by
/// reading to the end of the file again made this quadratic; 480 KB did not finish in 30 s.
#[test]
fn unclosed_parentheses_cost_linear_time() {
    let dir = scratch("parens");
    let mut zone = String::from(HEAD);
    for _ in 0..100_000 {
        zone.push_str("a A (\n");
    }
    std::fs::write(dir.join("parens.example.zone"), &zone).unwrap();
    let o = zw_within(
        &dir,
        &["lint", "--format", "json", "parens.example.zone"],
        Duration::from_secs(30),
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let unclosed = report["zones"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "ZW1005")
        .count();
    // Every one of them is reported, as the slow recovery reported them.
    assert_eq!(unclosed, 100_000);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 4, the other way round: lines whose parentheses close after a doomed one are still
/// read as records.
#[test]
fn records_after_an_unclosed_parenthesis_still_read() {
    let dir = scratch("parens-mixed");
    let zone =
        format!("{HEAD}a A (\nb TXT ( \"x\" )\nc A ( 192.0.2.3\n  )\nd ( A\ne A 192.0.2.5\n");
    std::fs::write(dir.join("mixed.example.zone"), &zone).unwrap();
    let o = zw(&dir, &["lint", "--format", "json", "mixed.example.zone"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let zone = &report["zones"][0];
    // The four records of HEAD, then b, c and e.
    assert_eq!(zone["records"], 7, "{zone}");
    let unclosed: Vec<_> = zone["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "ZW1005")
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(unclosed, [6, 10]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 8: a `;` inside a quoted string that runs over two lines is not a comment, so the
/// suppression it seems to carry must not hide the broken record after it.
#[test]
fn a_quoted_string_carries_no_suppression() {
    let dir = scratch("quoted-suppression");
    let zone = format!("{HEAD}t TXT \"abc\\\n; zonewarden: ignore[ZW1002]\"\nx A 1.2.3\n");
    std::fs::write(dir.join("q.example.zone"), &zone).unwrap();
    let o = zw(&dir, &["lint", "q.example.zone"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("error[ZW1002]"), "{out}");
    assert!(out.contains("q.example.zone:8:5"), "{out}");
    // A real comment with the same words still suppresses.
    let zone = format!("{HEAD}; zonewarden: ignore[ZW1002]\nx A 1.2.3\n");
    std::fs::write(dir.join("q.example.zone"), &zone).unwrap();
    let o = zw(&dir, &["lint", "q.example.zone"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}
