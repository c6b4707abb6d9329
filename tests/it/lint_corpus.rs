//! Each zone under `testdata/lint/` is linted; the human report (no colour) must equal the
//! `.snap` file beside it. The directory names the rule the case is for, and the case must
//! raise that code. `testdata/lint/clean/` holds zones that must raise nothing. A case with a
//! `.certs` file beside it is linted with those certificates and keys (`lint --cert`).

use crate::util::{files_with_ext, root};
use std::path::Path;
use zonewarden::lint::LintOptions;
use zonewarden::report::{human, ZoneReport};
use zonewarden::zone::{read_file, ReadOptions};

/// 2026-11-25T00:00:00Z: the corpus's fixed `--now`.
const NOW: i64 = 1_795_564_800;

fn report(path: &Path) -> (String, Vec<&'static str>) {
    let root = root();
    // Relative paths keep the snapshots independent of where the checkout lives.
    let rel = path.strip_prefix(root).unwrap();
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(
        cwd, root,
        "cargo runs integration tests from the crate root"
    );
    let zone = read_file(rel, &ReadOptions::default()).unwrap();
    // A `.certs` file beside a case lists the `--cert` files it is linted with, one a line.
    let certs = std::fs::read_to_string(path.with_extension("certs"))
        .map(|list| {
            list.lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| zonewarden::tlsa::input::load(Path::new(l.trim())).unwrap())
                .collect()
        })
        .unwrap_or_default();
    // A `.ds` file beside a case holds the parent's DS records (`verify --ds`).
    let ds = rel.with_extension("ds");
    let dnssec = zonewarden::dnssec::Options {
        now: NOW,
        expiry_warning: None,
        ds: ds
            .exists()
            .then(|| zonewarden::dnssec::read_ds_file(&ds, &zone.origin_text()).unwrap()),
        cache: None,
    };
    let diagnostics = zonewarden::lint::lint_with(&zone, &LintOptions { now: NOW, certs }, &dnssec);
    let codes = diagnostics.iter().map(|d| d.rule.code).collect();
    let r = ZoneReport {
        zone: &zone,
        diagnostics,
    };
    let mut out = Vec::new();
    human::render_zone(&mut out, &r, false).unwrap();
    let mut text = String::from_utf8(out).unwrap();
    text.push_str(&human::zone_line(&r));
    text.push('\n');
    (text, codes)
}

// One test per case, named `DIR_STEM` (`zw1101_cname_with_txt`), listed by build.rs.
include!(concat!(env!("OUT_DIR"), "/lint_cases.rs"));

/// The case `rel` (from the crate root): its report equals the `.snap` beside it, and it
/// raises the code its directory names, or nothing in `clean/`.
fn check_case(rel: &str) {
    let path = root().join(rel);
    let (text, codes) = report(&path);
    let dir = path.parent().unwrap();
    let family = dir.file_name().unwrap().to_str().unwrap();
    if family == "clean" {
        assert!(
            codes.is_empty(),
            "{} should be clean:\n{text}",
            path.display()
        );
    } else {
        assert!(
            codes.contains(&family),
            "{} does not raise {family}:\n{text}",
            path.display()
        );
    }
    let name = path.file_stem().unwrap().to_str().unwrap().to_string();
    insta::with_settings!({
        snapshot_path => dir,
        prepend_module_to_snapshot => false,
        input_file => &path,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

/// The generated tests are the corpus as it is on disk (build.rs reran when it changed).
#[test]
fn every_case_has_its_test() {
    let on_disk: Vec<String> = files_with_ext(&root().join("testdata/lint"), "zone")
        .iter()
        .map(|p| {
            p.strip_prefix(root())
                .unwrap()
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(on_disk.len() >= 20, "the corpus is missing");
    assert_eq!(CASES, on_disk, "build.rs lists another corpus");
}

#[test]
fn every_rule_has_a_broken_example() {
    let root = crate::util::root().join("testdata/lint");
    let missing: Vec<&str> = zonewarden::rules::ALL
        .iter()
        .map(|r| r.code)
        // ZW1016 is an unreadable file; ZW5xxx judge two versions (tests/it/rollover.rs);
        // ZW6xxx need several zones (testdata/repo/, tests/it/repo.rs).
        .filter(|c| {
            *c != "ZW1016"
                && !c.starts_with("ZW5")
                && !c.starts_with("ZW6")
                && !root.join(c).is_dir()
        })
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a case in testdata/lint: {missing:?}"
    );
}
