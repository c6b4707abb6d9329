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

/// The case `rel` (from the crate root) read and linted as the corpus lints it, with the
/// rules of `disabled` switched off as a config's `ignore` does; `plain`: with its inline
/// suppressions made plain comments.
fn lint_case(
    rel: &Path,
    disabled: &[&'static str],
    plain: bool,
) -> (zonewarden::zone::Zone, Vec<zonewarden::diag::Diagnostic>) {
    lint_case_with(rel, disabled, plain, false)
}

/// [`lint_case`], leaving findings to be worded when written if `word_later`.
fn lint_case_with(
    rel: &Path,
    disabled: &[&'static str],
    plain: bool,
    word_later: bool,
) -> (zonewarden::zone::Zone, Vec<zonewarden::diag::Diagnostic>) {
    let zone = if plain {
        let text = std::fs::read_to_string(rel).unwrap();
        let text = text.replace("zonewarden:", "zonewarden -");
        zonewarden::zone::read_text(rel.into(), text.into_bytes(), &ReadOptions::default())
    } else {
        read_file(rel, &ReadOptions::default()).unwrap()
    };
    // A `.certs` file beside a case lists the `--cert` files it is linted with, one a line.
    let certs = std::fs::read_to_string(rel.with_extension("certs"))
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
    let opts = LintOptions {
        now: NOW,
        certs,
        disabled: disabled.to_vec(),
        word_later,
    };
    let diagnostics = zonewarden::lint::lint_with(&zone, &opts, &dnssec);
    (zone, diagnostics)
}

fn report(path: &Path) -> (String, Vec<&'static str>) {
    let root = root();
    // Relative paths keep the snapshots independent of where the checkout lives.
    let rel = path.strip_prefix(root).unwrap();
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(
        cwd, root,
        "cargo runs integration tests from the crate root"
    );
    let (zone, diagnostics) = lint_case(rel, &[], false);
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

/// A finding as the reports show it.
fn shown(d: &zonewarden::diag::Diagnostic) -> String {
    format!(
        "{} {:?} {:?} {} {:?} {:?} {:?}",
        d.rule.code,
        d.severity,
        d.span,
        d.message(),
        d.fix(),
        d.safe_from(),
        d.related()
    )
}

/// Findings left to be worded when written (`LintOptions::word_later`, as `lint` does for
/// the human, short and JSON reports of one zone) come in the same order as those worded at
/// once, over every corpus case: they are sorted before they have words to break a tie
/// with. Each rule that raises findings by the thousand on a large zone leaves its findings
/// unworded, and only those. (What the words say is the corpus snapshots' to check: both
/// ways word a finding with the same function.)
#[test]
fn findings_worded_later_read_as_those_worded_at_once() {
    let mut unworded = std::collections::BTreeSet::new();
    for path in files_with_ext(&root().join("testdata/lint"), "zone") {
        let rel = path.strip_prefix(root()).unwrap();
        let (_, at_once) = lint_case(rel, &[], false);
        let (zone, mut later) = lint_case_with(rel, &[], false, true);
        for d in later.iter().filter(|d| !d.is_worded()) {
            assert!(d.message().is_empty(), "{}: {}", rel.display(), shown(d));
            unworded.insert(d.rule.code);
        }
        zonewarden::diag::word_all(&mut later, &zone);
        let shown_all =
            |v: &[zonewarden::diag::Diagnostic]| v.iter().map(shown).collect::<Vec<_>>();
        assert_eq!(shown_all(&later), shown_all(&at_once), "{}", rel.display());
    }
    let expected = [
        "ZW1110", "ZW1111", "ZW1123", "ZW3003", "ZW3006", "ZW4002", "ZW4004", "ZW4005", "ZW4012",
    ];
    assert_eq!(unworded.into_iter().collect::<Vec<_>>(), expected);
}

/// Rules a config switches off are not looked for (`LintOptions::disabled`), and that changes
/// nothing but that their findings are not kept: over every corpus case, switching off one
/// rule it raises, or every rule of one check, leaves exactly the other findings, in the same
/// order, as `Config::apply` would. A rule an inline suppression names is still looked for
/// (else the suppression would be reported as unused); so each case with suppressions is
/// tried again with them made plain comments. A check whose rules are all off does
/// not run, so a check that raises a rule it does not list in `Check::rules` loses that
/// rule's findings here.
#[test]
fn switched_off_rules_change_nothing_but_their_findings() {
    let cases: Vec<_> = files_with_ext(&root().join("testdata/lint"), "zone");
    let mut tried = 0;
    for (path, plain) in cases.iter().flat_map(|p| [(p, false), (p, true)]) {
        let rel = path.strip_prefix(root()).unwrap();
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if plain && !text.contains("zonewarden:") {
            continue;
        }
        let (zone, all) = lint_case(rel, &[], plain);
        let mut sets: Vec<Vec<&'static str>> = all.iter().map(|d| vec![d.rule.code]).collect();
        sets.sort();
        sets.dedup();
        sets.extend(
            zonewarden::checks::all()
                .iter()
                .map(|c| c.rules().iter().map(|r| r.code).collect::<Vec<_>>()),
        );
        for off in sets {
            let (_, got) = lint_case(rel, &off, plain);
            // What an inline suppression names is looked for whatever the config says.
            let named = |code: &str| {
                !plain
                    && text.contains("zonewarden:")
                    && text.to_ascii_uppercase().contains(&code[..4])
            };
            let want: Vec<String> = all
                .iter()
                .filter(|d| !off.contains(&d.rule.code))
                .map(shown)
                .collect();
            let got_kept: Vec<String> = got
                .iter()
                .filter(|d| !off.contains(&d.rule.code))
                .map(shown)
                .collect();
            assert_eq!(
                got_kept,
                want,
                "{} with {off:?} off (plain: {plain})",
                rel.display()
            );
            // No finding of a rule switched off is returned (nor kept until `Config::apply`),
            // whoever found it: the reader, a check that ran for other rules, the DNSSEC
            // pass; unless an inline suppression names it.
            for d in got.iter().filter(|d| off.contains(&d.rule.code)) {
                assert!(
                    named(d.rule.code),
                    "{}: {} was kept though it is switched off: {}",
                    rel.display(),
                    d.rule.code,
                    d.message()
                );
            }
            tried += 1;
        }
        drop(zone);
    }
    assert!(tried > cases.len(), "too few rules tried: {tried}");
}
