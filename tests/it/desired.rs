//! `zonewarden diff` and `export`.
//!
//! - Every `testdata/desired/**/NAME.yaml` (octoDNS's layout) is diffed against `NAME.zone`
//!   beside it (with the options in `NAME.args`, if any); the human output must equal
//!   the insta snapshot `NAME.diff.snap` and the JSON output `NAME.json.snap`, and the exit
//!   status must be 0 exactly when there is no drift. `INSTA_UPDATE=always` rewrites them.
//! - Every zone of `testdata/zones/` (the MANIFEST, signed ones too) is exported and diffed
//!   against its export: no drift, exit 0; with and without `--include-dnssec`.
//! - Every `testdata/desired/broken/NAME.yaml` is refused (exit 2) with the message in
//!   the snapshot `NAME.err.snap`, which names the file, line and column.

use crate::util::{files_with_ext, root, temp_scratch, zw, zw_stdin};
use std::path::{Path, PathBuf};
use zonewarden::desired::{diff, export, read};
use zonewarden::zone::{read_file, ReadOptions};

/// The files under `dir` (from the crate root) named `*.EXT`, as paths from the crate root.
fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    files_with_ext(&root().join(dir), ext)
        .into_iter()
        .map(|p| p.strip_prefix(root()).unwrap().to_path_buf())
        .collect()
}

/// `got` must equal the insta snapshot `NAME.snap` of the expected file `NAME` (a path from
/// the crate root, `testdata/desired/mx.diff`): beside `input`, the case it is the output of.
fn check(expected: &Path, input: &Path, got: &str) {
    let dir = root().join(expected.parent().unwrap());
    let name = expected.file_name().unwrap().to_str().unwrap();
    insta::with_settings!({
        snapshot_path => dir,
        prepend_module_to_snapshot => false,
        input_file => root().join(input),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, got);
    });
}

/// The desired-state cases, without the broken ones.
fn cases() -> Vec<PathBuf> {
    files("testdata/desired", "yaml")
        .into_iter()
        .filter(|p| !p.starts_with("testdata/desired/broken"))
        .collect()
}

#[test]
fn desired_state_cases_match_their_snapshots() {
    let cases = cases();
    assert!(cases.len() >= 10, "the desired-state corpus is missing");
    let mut kinds = std::collections::BTreeSet::new();
    for yaml in cases {
        let zone = yaml.with_extension("zone");
        let extra =
            std::fs::read_to_string(root().join(yaml.with_extension("args"))).unwrap_or_default();
        let mut args = vec!["diff", "--color", "never"];
        args.extend(extra.split_whitespace());
        let (z, y) = (zone.to_str().unwrap(), yaml.to_str().unwrap());
        args.extend([z, y]);
        let human = zw(&args);
        let text = String::from_utf8(human.stdout).unwrap();
        assert!(
            human.stderr.is_empty(),
            "{}: {}",
            y,
            String::from_utf8_lossy(&human.stderr)
        );
        let drift = !text.contains(": no drift from ");
        assert_eq!(
            human.status.code(),
            Some(i32::from(drift)),
            "{y}: exit status"
        );
        check(&yaml.with_extension("diff"), &yaml, &text);
        for k in [
            "missing from the zone",
            "not in the desired state",
            "(TTL only)",
            "values differ",
        ] {
            if text.contains(k) {
                kinds.insert(k);
            }
        }

        args.extend(["--format", "json"]);
        let json = zw(&args);
        assert_eq!(
            json.status.code(),
            Some(i32::from(drift)),
            "{y}: JSON exit status"
        );
        let text = String::from_utf8(json.stdout).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["drift"], drift, "{y}");
        check(&yaml.with_extension("json"), &yaml, &text);
    }
    // The corpus tells every kind of change apart.
    assert_eq!(kinds.len(), 4, "kinds of change seen: {kinds:?}");
}

#[test]
fn the_summary_counts_added_removed_and_changed() {
    let o = zw(&[
        "diff",
        "--color",
        "never",
        "testdata/desired/told-apart.zone",
        "testdata/desired/told-apart.yaml",
    ]);
    let text = String::from_utf8(o.stdout).unwrap();
    let last = text.lines().last().unwrap();
    assert!(last.starts_with("+1 -1 ~2: "), "{last}");
    assert!(text
        .contains("@@ ttl.apart.example.com. A: TTL 600 in the zone, 300 desired (TTL only) @@"));
    assert!(text.contains("@@ value.apart.example.com. A: values differ @@"));
    assert!(text.contains("@@ new.apart.example.com. AAAA: missing from the zone @@"));
    assert!(text.contains("@@ legacy.apart.example.com. A: not in the desired state @@"));

    let o = zw(&[
        "diff",
        "--format",
        "json",
        "testdata/desired/told-apart.zone",
        "testdata/desired/told-apart.yaml",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["added"], 1);
    assert_eq!(v["summary"]["removed"], 1);
    assert_eq!(v["summary"]["changed"], 2);
    assert_eq!(v["added"][0]["name"], "new.apart.example.com.");
    assert_eq!(v["removed"][0]["rdata"][0], "192.0.2.99");
    let changed = v["changed"].as_array().unwrap();
    assert_eq!(changed[0]["ttl_only"], true);
    assert_eq!(changed[0]["zone"]["ttl"], 600);
    assert_eq!(changed[0]["desired"]["ttl"], 300);
    assert_eq!(changed[1]["desired"]["rdata"][0], "192.0.2.31");
}

#[test]
fn colour_only_when_asked() {
    let args = |c: &'static str| {
        [
            "diff",
            "--color",
            c,
            "testdata/desired/told-apart.zone",
            "testdata/desired/told-apart.yaml",
        ]
    };
    assert!(!zw(&args("never")).stdout.contains(&0x1b));
    // Not a terminal: auto means none.
    assert!(!zw(&args("auto")).stdout.contains(&0x1b));
    let always = String::from_utf8(zw(&args("always")).stdout).unwrap();
    assert!(
        always.contains("\x1b[31m-legacy.apart.example.com."),
        "{always}"
    );
    assert!(
        always.contains("\x1b[32m+new.apart.example.com."),
        "{always}"
    );
}

fn manifest() -> Vec<(String, String)> {
    std::fs::read_to_string(root().join("testdata/zones/MANIFEST"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut w = l.split_whitespace();
            (w.next().unwrap().to_string(), w.next().unwrap().to_string())
        })
        .collect()
}

#[test]
fn export_then_diff_shows_no_drift_on_every_corpus_zone() {
    let zones = manifest();
    assert!(zones.len() >= 26);
    for (file, origin) in zones {
        let path = root().join("testdata/zones").join(&file);
        let opts = ReadOptions {
            origin: Some(origin.clone()),
            origin_source: None,
            ..ReadOptions::default()
        };
        let zone = read_file(&path, &opts).unwrap();
        for include_dnssec in [false, true] {
            let ex = export::export(&zone, &export::ExportOptions { include_dnssec });
            let desired =
                read::read_slice(Path::new("export.yaml"), ex.yaml.as_bytes(), &zone.origin)
                    .unwrap_or_else(|e| {
                        panic!("{file}: the export does not read back: {e}\n{}", ex.yaml)
                    });
            let drift = diff::compare(
                &zone,
                &desired,
                &diff::DiffOptions {
                    include_dnssec,
                    ..Default::default()
                },
            );
            assert!(
                drift.changes.is_empty(),
                "{file} (--include-dnssec {include_dnssec}): {}",
                diff::render_human(&drift, &file, "export", false)
            );
            // Signer records are in the export only when asked for.
            let signed = ex.yaml.contains("type: RRSIG");
            assert_eq!(
                signed,
                include_dnssec && file.starts_with("signed/"),
                "{file}"
            );
        }
    }
}

#[test]
fn export_then_diff_through_the_command_line() {
    let dir = temp_scratch("desired-export");
    for (file, origin) in manifest() {
        let zone = format!("testdata/zones/{file}");
        let o = zw(&["export", "--origin", &origin, &zone]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{file}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let yaml = dir.join("export.yaml");
        std::fs::write(&yaml, &o.stdout).unwrap();
        let d = zw(&["diff", "--origin", &origin, &zone, yaml.to_str().unwrap()]);
        let out = String::from_utf8_lossy(&d.stdout);
        assert_eq!(d.status.code(), Some(0), "{file}: {out}");
        assert!(out.contains(": no drift from "), "{file}: {out}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_writes_octodns_order_and_the_apex_first() {
    let o = zw(&["export", "testdata/zones/example.com.zone"]);
    let yaml = String::from_utf8(o.stdout).unwrap();
    assert!(
        yaml.starts_with("---\n'':\n- ttl: 3600\n  type: A\n"),
        "{yaml}"
    );
    // Names in natural order, each record's fields sorted.
    let names: Vec<&str> = yaml
        .lines()
        .filter(|l| !l.starts_with([' ', '-']) && l.ends_with(':'))
        .collect();
    let mut sorted = names.clone();
    sorted.sort_by(|a, b| {
        export::natural_cmp(a.trim_matches(['\'', ':']), b.trim_matches(['\'', ':']))
    });
    assert_eq!(names, sorted);
    assert!(
        yaml.contains("  value: 'v=DMARC1\\; p=reject\\; "),
        "{yaml}"
    );
}

#[test]
fn broken_desired_states_are_refused_at_their_line() {
    let broken: Vec<PathBuf> = files("testdata/desired/broken", "yaml");
    assert!(broken.len() >= 10);
    for yaml in broken {
        let y = yaml.to_str().unwrap();
        let o = zw(&["diff", "testdata/desired/broken/zone.zone", y]);
        assert_eq!(o.status.code(), Some(2), "{y}");
        assert!(o.stdout.is_empty(), "{y}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(err.starts_with(&format!("zonewarden: {y}:")), "{err}");
        check(&yaml.with_extension("err"), &yaml, &err);
    }
}

#[test]
fn bad_input_is_exit_status_2() {
    let o = zw(&[
        "diff",
        "testdata/desired/mx.zone",
        "testdata/desired/no-such.yaml",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such.yaml: cannot read"));
    let o = zw(&[
        "diff",
        "testdata/lint/ZW1001/unknown_type_and_missing_type.zone",
        "testdata/desired/mx.yaml",
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn default_ttl_comes_from_the_zone_then_the_option() {
    // default-ttl.zone has $TTL 3600: without the option, mail (300 in the zone) differs.
    let o = zw(&[
        "diff",
        "--format",
        "json",
        "testdata/desired/default-ttl.zone",
        "testdata/desired/default-ttl.yaml",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["changed"][0]["name"], "mail.dttl.example.com.");
    assert_eq!(v["changed"][0]["desired"]["ttl"], 3600);
}

#[test]
fn standard_input_and_origin_work_as_for_lint() {
    let zone = std::fs::read(root().join("testdata/desired/mx.zone")).unwrap();
    let text = String::from_utf8(zone)
        .unwrap()
        .replace("$ORIGIN mx.example.com.\n", "");
    let o = zw_stdin(
        root(),
        &[
            "diff",
            "--origin",
            "mx.example.com",
            "-",
            "testdata/desired/mx.yaml",
        ],
        text.as_bytes(),
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("@@ mx.example.com. MX: values differ @@"));
}

/// The examples of docs/desired-state.md are real: their output is what the commands print.
#[test]
fn documented_examples_are_real() {
    let page = std::fs::read_to_string(root().join("docs/desired-state.md")).unwrap();
    for cmd in [
        "diff testdata/desired/told-apart.zone testdata/desired/told-apart.yaml",
        "export testdata/desired/mx.zone",
        "diff testdata/desired/broken/zone.zone testdata/desired/broken/relative-target.yaml",
    ] {
        let args: Vec<&str> = cmd.split(' ').collect();
        let o = zw(&args);
        let mut out = String::from_utf8(o.stdout).unwrap();
        out.push_str(&String::from_utf8(o.stderr).unwrap());
        let block = format!("$ zonewarden {cmd}\n{out}```");
        assert!(
            page.contains(&block),
            "docs/desired-state.md lacks, or has stale:\n{block}"
        );
    }
    let yaml = std::fs::read_to_string(root().join("testdata/desired/told-apart.yaml")).unwrap();
    assert!(
        page.contains(&format!("```yaml\n{yaml}```")),
        "the YAML of docs/desired-state.md is told-apart.yaml"
    );
}

/// An empty file is an empty zone, as for octoDNS: everything in the zone is extra.
#[test]
fn an_empty_desired_state_is_an_empty_zone() {
    for text in ["", "---\n"] {
        let d =
            read::read_slice(Path::new("empty.yaml"), text.as_bytes(), b"\x07example\x00").unwrap();
        assert!(d.records.is_empty());
    }
}

/// Writes `text` as a desired state in a fresh directory and runs `diff` of the broken cases'
/// zone against it: `(exit status, stderr)`.
fn diff_hostile(name: &str, text: &[u8]) -> (Option<i32>, String) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("desired-hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    let o = zw(&[
        "diff",
        "testdata/desired/broken/zone.zone",
        file.to_str().unwrap(),
    ]);
    std::fs::remove_file(&file).unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// `n` TXT values under one anchor and `n` records that each alias all of them: a file that
/// grows linearly in `n` and expands quadratically (as `scripts/gen-hostile.py yaml-aliases`).
fn alias_bomb(n: usize) -> String {
    let mut s = String::from("'':\n  type: TXT\n  values: &l [");
    for i in 0..n {
        s.push_str(&format!("v{i}, "));
    }
    s.push_str("end]\n");
    for i in 0..n {
        s.push_str(&format!("n{i}: {{type: TXT, values: *l}}\n"));
    }
    s
}

/// A value nested `n` flow sequences deep (as `scripts/gen-hostile.py yaml-nesting`).
fn deep_nesting(n: usize) -> String {
    format!(
        "www:\n  type: A\n  value: {}{}\n",
        "[".repeat(n),
        "]".repeat(n)
    )
}

#[test]
fn an_alias_bomb_is_refused_before_it_expands() {
    let (status, err) = diff_hostile("aliases.yaml", alias_bomb(1000).as_bytes());
    assert_eq!(status, Some(2), "{err}");
    assert!(
        err.contains(
            "aliases.yaml:161:27: aliases expand to more than 160080 nodes, \
             the limit for 6008 nodes written (10 per node plus 100000)"
        ),
        "{err}"
    );
}

#[test]
fn deep_nesting_is_refused_at_its_line() {
    let (status, err) = diff_hostile("nested.yaml", deep_nesting(100_000).as_bytes());
    assert_eq!(status, Some(2), "{err}");
    assert!(
        err.contains("nested.yaml:3:")
            && err.contains(": nested deeper than 64 collections: a desired-state file"),
        "{err}"
    );
    // 64 levels are allowed (the value is then refused for what it is, not for its depth).
    let (status, err) = diff_hostile("nested.yaml", deep_nesting(62).as_bytes());
    assert_eq!(status, Some(2), "{err}");
    assert!(!err.contains("nested deeper"), "{err}");
}

#[test]
fn an_oversized_desired_state_is_refused_unread() {
    // A comment line of 16 MiB: valid YAML that is simply too large.
    let mut text = b"# ".to_vec();
    text.resize(16 * 1024 * 1024 + 1, b'x');
    let (status, err) = diff_hostile("large.yaml", &text);
    assert_eq!(status, Some(2), "{err}");
    assert!(
        err.contains("large.yaml: 16777217 bytes, more than the 16 MiB"),
        "{err}"
    );
}
