//! A zone repository linted whole, `zonewarden lint .` from its root: the cross-zone rules
//! (ZW60xx) over testdata/repo/ (made by scripts/make-repo-testdata.sh). broken/ breaks
//! each rule, good/ keeps every one; the same zones otherwise.

use crate::util::{self, root, stdout, zw_in};

/// The time the signatures of the signed child are valid at.
const NOW: &str = "2026-12-01T00:00:00Z";

const CODES: &[&str] = &[
    "ZW6001", "ZW6002", "ZW6003", "ZW6004", "ZW6005", "ZW6006", "ZW6007", "ZW6008", "ZW6009",
];

fn lint(which: &str, format: &str) -> std::process::Output {
    let dir = root().join("testdata/repo").join(which);
    zw_in(&dir, &["lint", "--now", NOW, "--format", format, "."])
}

#[test]
fn each_cross_zone_rule_fires_on_the_broken_repository() {
    let o = lint("broken", "short");
    assert_eq!(o.status.code(), Some(1), "{}", util::text(&o));
    let out = stdout(&o);
    for code in CODES {
        assert!(
            out.contains(&format!("[{code}]")),
            "{code} not raised:\n{out}"
        );
    }
    insta::assert_snapshot!("repo_broken_short", out);
    let human = stdout(&lint("broken", "human"));
    let cross: String = human
        .split("\n\n")
        .filter(|f| f.contains("[ZW60"))
        .collect::<Vec<_>>()
        .join("\n\n");
    insta::assert_snapshot!("repo_broken_human", cross);
}

#[test]
fn the_good_repository_raises_nothing() {
    let o = lint("good", "short");
    assert_eq!(o.status.code(), Some(0), "{}", util::text(&o));
    let out = stdout(&o);
    assert!(!out.contains("[ZW"), "{out}");
    // Every zone of the repository was read: parent, children, forward and reverse zones.
    for origin in [
        "corp.example serial",
        "shop.corp.example serial",
        "secure.corp.example serial",
        "example.net serial",
        "2.0.192.in-addr.arpa serial",
        "64/26.2.0.192.in-addr.arpa serial",
        "8.b.d.0.1.0.0.2.ip6.arpa serial",
    ] {
        assert!(out.contains(origin), "{origin} not read:\n{out}");
    }
}

#[test]
fn findings_name_both_zones_files() {
    let o = lint("broken", "json");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let corp = v["zones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|z| z["file"] == "./corp/corp.example.zone" || z["file"] == "corp/corp.example.zone")
        .unwrap_or_else(|| panic!("no corp zone in {v}"));
    let glue = corp["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "ZW6002")
        .expect("ZW6002 in the parent's entry");
    assert_eq!(glue["line"], 14, "{glue}");
    let related = glue["related"][0]["file"].as_str().unwrap();
    assert!(related.ends_with("corp/shop.corp.example.zone"), "{glue}");
    assert_eq!(glue["related"][0]["line"], 7, "{glue}");
    // The summary counts the cross-zone findings too.
    let n: usize = v["zones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|z| z["diagnostics"].as_array().unwrap().len())
        .sum();
    let s = &v["summary"];
    let total = s["errors"].as_u64().unwrap()
        + s["warnings"].as_u64().unwrap()
        + s["infos"].as_u64().unwrap();
    assert_eq!(total as usize, n);
    // SARIF: the evidence in the child's file.
    let o = lint("broken", "sarif");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let result = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "ZW6002")
        .unwrap();
    let uri = result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(uri.ends_with("corp/shop.corp.example.zone"), "{result}");
}

#[test]
fn a_zone_alone_has_no_cross_zone_findings() {
    let dir = root().join("testdata/repo/broken");
    let o = zw_in(
        &dir,
        &[
            "lint",
            "--now",
            NOW,
            "--format",
            "short",
            "corp/corp.example.zone",
        ],
    );
    assert!(!stdout(&o).contains("[ZW60"), "{}", stdout(&o));
    assert_eq!(o.status.code(), Some(0), "{}", util::text(&o));
}

#[test]
fn cross_zone_rules_follow_the_config() {
    // --config switches a cross-zone rule off, and --fail-on judges what is left.
    let dir = util::scratch("repo-config");
    let cfg = dir.join("zonewarden.toml");
    std::fs::write(&cfg, "ignore = [\"ZW6\", \"ZW2013\"]\n").unwrap();
    let repo = root().join("testdata/repo/broken");
    let o = zw_in(
        &repo,
        &[
            "lint",
            "--now",
            NOW,
            "--format",
            "short",
            "--config",
            cfg.to_str().unwrap(),
            ".",
        ],
    );
    let out = stdout(&o);
    assert!(!out.contains("[ZW6"), "{out}");
}

#[test]
fn a_light_child_is_read_again_when_its_parent_is_in_the_run() {
    // Without reverse zones, the unsigned child keeps no details as it goes by; the run
    // reads it again once the parent's delegation shows it is needed.
    let dir = root().join("testdata/repo/broken");
    let o = zw_in(
        &dir,
        &["lint", "--now", NOW, "--format", "short", "-q", "corp"],
    );
    let out = stdout(&o);
    for code in ["ZW6001", "ZW6002", "ZW6003", "ZW6004", "ZW6005", "ZW6006"] {
        assert!(
            out.contains(&format!("[{code}]")),
            "{code} not raised:\n{out}"
        );
    }
    assert!(
        !out.contains("[ZW6007]") && !out.contains("[ZW6008]"),
        "{out}"
    );
}

#[test]
fn zones_of_one_origin_are_paired_with_none() {
    // good/ and broken/ together: every origin twice (secure.corp.example. signed twice), so
    // which zone answers for a name is unknown, no zone is checked against another, and
    // each zone says so.
    let dir = root().join("testdata/repo");
    let o = zw_in(
        &dir,
        &["lint", "--now", NOW, "--format", "short", "-q", "."],
    );
    let out = stdout(&o);
    let cross: Vec<&str> = out.lines().filter(|l| l.contains("[ZW60")).collect();
    assert!(cross.iter().all(|l| l.contains("[ZW6009]")), "{cross:#?}");
    // Every zone of both: secure.corp.example. has two signed zones among its four, so
    // none of them answers (broken/ alone has two copies of legacy.corp.example.).
    assert_eq!(cross.len(), 18, "{cross:#?}");
    assert!(out.contains("[ZW2013]"), "the zones were read:\n{out}");
}

#[test]
fn an_spf_include_is_followed_in_each_zone_s_own_records() {
    // Eight zones of one origin in one run, alternately with a shared include target that
    // needs twelve lookups and one that needs none: what a worker thread remembers of one
    // zone's targets must never answer for another's.
    let dir = util::scratch("repo-spf-per-zone");
    for i in 0..8 {
        let target = if i % 2 == 0 {
            "\"v=spf1 a mx ptr exists:a.example include:b.example include:c.example a:d.example a:e.example mx:f.example a:g.example a:h.example -all\""
        } else {
            "\"v=spf1 ip4:192.0.2.0/24 -all\""
        };
        let zone = format!(
            "$ORIGIN example.com.\n$TTL 3600\n\
             @ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n\
             @ NS ns1\nns1 A 192.0.2.1\nns1 AAAA 2001:db8::1\n\
             @ TXT \"v=spf1 include:_spf.example.com -all\"\n\
             _spf TXT {target}\n"
        );
        std::fs::write(dir.join(format!("z{i}.zone")), zone).unwrap();
    }
    let o = zw_in(&dir, &["lint", "--format", "json", "."]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let zones = report["zones"].as_array().unwrap();
    assert_eq!(zones.len(), 8, "{}", util::text(&o));
    for z in zones {
        let file = z["file"].as_str().unwrap();
        let even = file
            .trim_end_matches(".zone")
            .ends_with(['0', '2', '4', '6']);
        let at_apex = z["diagnostics"].as_array().unwrap().iter().any(|d| {
            d["code"] == "ZW4003" && d["message"].as_str().unwrap().contains("at example.com.")
        });
        assert_eq!(at_apex, even, "{file}: {z}");
    }
}

/// A classless zone whose parent (the `/24` with its CNAMEs) is served elsewhere is placed
/// by its name, as RFC 2317 §4 names it: the mail host's address still needs its PTR there
/// (ZW6007), and the PTR there the host's address (ZW6008).
#[test]
fn a_classless_zone_without_its_parent_is_placed_by_its_name() {
    let files = [
        "forward/example.net.zone",
        "reverse/64-26.2.0.192.in-addr.arpa.zone",
    ];
    for (which, want) in [("good", vec![]), ("broken", vec!["ZW6007", "ZW6008"])] {
        let dir = root().join("testdata/repo").join(which);
        let mut args = vec!["lint", "--now", NOW, "--format", "short"];
        args.extend(files);
        let o = zw_in(&dir, &args);
        let out = stdout(&o);
        let found: Vec<&str> = CODES
            .iter()
            .copied()
            .filter(|c| out.contains(&format!("[{c}]")))
            .collect();
        assert_eq!(found, want, "{which}:\n{}", util::text(&o));
        if which == "broken" {
            assert!(
                out.contains("no PTR at 71.64/26.2.0.192.in-addr.arpa. for 192.0.2.71")
                    && out.contains("PTR for 192.0.2.70 names mx2.example.net."),
                "{out}"
            );
        }
    }
    // With two zones of the /24 in the run, which one answers is unknown (ZW6009): the
    // classless zone is not placed by its name instead.
    let dir = root().join("testdata/repo");
    let mut args = vec!["lint", "--now", NOW, "--format", "short"];
    let broken = files.map(|f| ["broken/", f].concat());
    args.extend(broken.iter().map(String::as_str));
    let twice = "reverse/2.0.192.in-addr.arpa.zone";
    let (a, b) = (["broken/", twice].concat(), ["good/", twice].concat());
    args.extend([a.as_str(), b.as_str()]);
    let o = zw_in(&dir, &args);
    let out = stdout(&o);
    assert!(out.contains("[ZW6009]"), "{}", util::text(&o));
    assert!(!out.contains("64/26.2.0.192.in-addr.arpa. for"), "{out}");
}
