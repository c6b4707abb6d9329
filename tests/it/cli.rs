//! The binary as users and scripts see it: exit statuses, formats, `explain`, `print`.

use crate::util::{root, stdout, temp_scratch, zw};
use std::process::Command;

const NOW: &str = "2026-11-25T00:00:00Z";

#[test]
fn clean_zone_exits_zero() {
    let o = zw(&["lint", "--now", NOW, "testdata/zones/example.com.zone"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("origin example.com. from the first $ORIGIN, 28 records, no findings")
    );
}

#[test]
fn findings_exit_one_and_fail_on_moves_the_bar() {
    let broken = "testdata/lint/ZW1101/cname_with_txt.zone";
    if !root().join(broken).exists() {
        panic!("{broken} is missing");
    }
    assert_eq!(zw(&["lint", "--now", NOW, broken]).status.code(), Some(1));
    assert_eq!(
        zw(&["lint", "--now", NOW, "--fail-on", "never", broken])
            .status
            .code(),
        Some(0)
    );
    // A warning alone passes by default and fails with --fail-on warning.
    let warn = "testdata/zones/directives-nottl.example.net.zone";
    assert_eq!(zw(&["lint", "--now", NOW, warn]).status.code(), Some(0));
    assert_eq!(
        zw(&["lint", "--now", NOW, "--fail-on", "warning", warn])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn input_and_usage_errors_exit_two() {
    let o = zw(&["lint", "no/such/file.zone"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no/such/file.zone: cannot read"));
    assert_eq!(
        zw(&[
            "lint",
            "--now",
            "yesterday",
            "testdata/zones/example.com.zone"
        ])
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        zw(&["lint", "--format", "xml", "testdata/zones/example.com.zone"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(zw(&["explain", "ZW9999"]).status.code(), Some(2));
}

#[test]
fn human_report_points_at_file_line_and_column() {
    let o = zw(&[
        "lint",
        "--color",
        "never",
        "--now",
        NOW,
        "testdata/zones/directives-nottl.example.net.zone",
    ]);
    let s = stdout(&o);
    assert!(
        s.contains("warning[ZW1014]: no TTL given and no $TTL in force; using 7200"),
        "{s}"
    );
    assert!(
        s.contains(" --> testdata/zones/directives-nottl.example.net.zone:8:13"),
        "{s}"
    );
    assert!(!s.contains('\u{1b}'), "no colour when not on a terminal");
}

#[test]
fn json_report_validates_against_its_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/report.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut files: Vec<String> = vec![
        "testdata/zones/example.com.zone".into(),
        "testdata/zones/directives-nottl.example.net.zone".into(),
    ];
    for e in std::fs::read_dir(root().join("testdata/lint/ZW1002")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "zone") {
            files.push(
                p.strip_prefix(root())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
    let mut args = vec!["lint", "--format", "json", "--now", NOW];
    args.extend(files.iter().map(String::as_str));
    let o = zw(&args);
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // The serial of the apex SOA tells versions of a zone apart.
    assert_eq!(report["zones"][0]["serial"], 2026010101);
    let d = &report["zones"][1]["diagnostics"][0];
    assert_eq!(d["code"], "ZW1014");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(8), Some(13))
    );
    // A report that breaks the schema is caught: the test can fail.
    let mut bad = report.clone();
    bad["zones"][1]["diagnostics"][0]["severity"] = "fatal".into();
    assert!(!validator.is_valid(&bad));
}

#[test]
fn explain_prints_the_rule_doc() {
    let o = zw(&["explain", "ZW1101"]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.starts_with("ZW1101 (cname-and-other-data) — default severity: error"));
    assert!(s.contains("RFC 1034 §3.6.2"));
    assert_eq!(stdout(&zw(&["explain", "cname-and-other-data"])), s);
}

#[test]
fn print_is_canonical_and_reads_back_the_same() {
    let o = zw(&["print", "testdata/zones/directives-owners.example.org.zone"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("directives-owners.example.org.\t"),
        "{first}"
    );
    // The printed zone reads back to the same records, in the same canonical order.
    let dir = temp_scratch("cli-print");
    let f = dir.join("printed.zone");
    std::fs::write(&f, &text).unwrap();
    let again = zw(&[
        "print",
        "--origin",
        "directives-owners.example.org",
        f.to_str().unwrap(),
    ]);
    assert_eq!(stdout(&again), text);
    let generic = zw(&[
        "print",
        "--generic",
        "testdata/zones/directives-owners.example.org.zone",
    ]);
    std::fs::write(&f, &generic.stdout).unwrap();
    let from_generic = zw(&[
        "print",
        "--origin",
        "directives-owners.example.org",
        f.to_str().unwrap(),
    ]);
    assert_eq!(stdout(&from_generic), text);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn print_refuses_a_zone_with_syntax_errors() {
    let dir = temp_scratch("cli-print-refuses");
    let f = dir.join("bad.example.zone");
    std::fs::write(&f, "$TTL 60\n@ SOA ns h 1 2 3 4 5\nwww A 192.0.2.300\n").unwrap();
    let o = zw(&["print", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("bad.example.zone:3:7: expected an IPv4 address"));
    assert!(o.stdout.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn completions_and_man_page_come_from_the_clap_definition() {
    let o = zw(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    let dir = temp_scratch("cli-completions");
    let script = dir.join("zonewarden.bash");
    std::fs::write(&script, &o.stdout).unwrap();
    let syntax = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        syntax.success(),
        "the bash completion script does not parse"
    );
    let s = stdout(&o);
    assert!(s.contains("--fail-on") && s.contains("explain"), "{s}");
    let man = stdout(&zw(&["man"]));
    assert!(man.contains(".TH zonewarden 1"), "{man}");
    assert!(man.contains("lint") && man.contains("explain"));
    assert_eq!(zw(&["completions", "tcsh"]).status.code(), Some(2));
}
