//! `zonewarden rollover` on the scenarios of RFC 7583, RFC 6781 §4.1 and RFC 7671 §8: versions
//! of testdata/rollover/base.zone signed at test time (scripts/make-rollover-scenarios.sh,
//! with ldns-signzone and dnssec-signzone and fresh keys), judged at chosen times. Each case
//! asserts the verdict (with the time it becomes safe) and the codes; the correct steps are
//! judged safe once their waits have passed and unsafe when rushed.
//!
//! DNSKEY TTL 1 hour, largest TTL 1 day, propagation 1 hour (the default): a key must be
//! published 2 hours before it signs; a retired ZSK's signatures age out in 25 hours.

use crate::util::{command_in, root, scratch, temp_scratch};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// When OLD went live in every pairwise case.
const T: &str = "2027-01-01T00:00:00Z";
/// Long after any wait.
const LATER: &str = "2027-01-10T00:00:00Z";

pub(crate) fn scenarios() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rollover-scenarios");
        let _ = std::fs::remove_dir_all(&dir);
                let st = Command::new(root().join("scripts/make-rollover-scenarios.sh"))
            .arg(&dir)
            .status()
            .expect("scripts/make-rollover-scenarios.sh runs (bind9-utils, ldnsutils and openssl are installed by scripts/test.sh)");
        assert!(st.success(), "making the scenarios failed");
        dir
    })
}

/// A transition's verdict as the JSON report gives it.
#[derive(Debug)]
struct Judged {
    status: i32,
    /// `safe`, `unsafe`, or `unsafe until TIME`.
    verdict: String,
    codes: Vec<String>,
}

fn verdicts(json: &Value) -> Vec<(String, Vec<String>)> {
    json["transitions"]
        .as_array()
        .expect("transitions")
        .iter()
        .map(|t| {
            let v = match t["verdict"].as_str().unwrap() {
                "unsafe-until" => format!("unsafe until {}", t["safe_from"].as_str().unwrap()),
                other => other.to_string(),
            };
            let codes = t["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect();
            (v, codes)
        })
        .collect()
}

fn rollover(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let o = command_in(root())
        .arg("rollover")
        .args(args)
        .args(["--format", "json"])
        .current_dir(dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not JSON ({e}): {text}\n{}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o.status.code().unwrap_or(-1), json, text)
}

fn judge(old: &str, new: &str, now: &str, extra: &[&str]) -> Judged {
    let mut args = vec![old, new, "--published-at", T, "--now", now];
    args.extend_from_slice(extra);
    let (status, json, _) = rollover(scenarios(), &args);
    let mut v = verdicts(&json);
    assert_eq!(v.len(), 1);
    let (verdict, codes) = v.remove(0);
    Judged {
        status,
        verdict,
        codes,
    }
}

/// One scenario step: OLD, NEW, when NEW goes live, extra options, the verdict and codes.
struct Case {
    what: &'static str,
    old: &'static str,
    new: &'static str,
    now: &'static str,
    extra: &'static [&'static str],
    verdict: &'static str,
    codes: &'static [&'static str],
}

const CASES: &[Case] = &[
    // ZSK pre-publication: publish zsk2, sign with it, remove zsk1.
    Case {
        what: "ZSK: publish the new key",
        old: "zsk-1.zone",
        new: "zsk-2.zone",
        now: "2027-01-01T00:00:01Z",
        extra: &[],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "ZSK: sign with it after the DNSKEY TTL",
        old: "zsk-2.zone",
        new: "zsk-3.zone",
        now: "2027-01-01T02:00:00Z",
        extra: &[],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "ZSK: sign with it too soon",
        old: "zsk-2.zone",
        new: "zsk-3.zone",
        now: "2027-01-01T00:30:00Z",
        extra: &[],
        verdict: "unsafe until 2027-01-01T02:00:00Z",
        codes: &["ZW5002"],
    },
    Case {
        what: "ZSK: sign with it too soon (BIND)",
        old: "zsk-2.zone",
        new: "zsk-3-bind.zone",
        now: "2027-01-01T01:59:59Z",
        extra: &[],
        verdict: "unsafe until 2027-01-01T02:00:00Z",
        codes: &["ZW5002"],
    },
    Case {
        what: "ZSK: sign with it after the DNSKEY TTL (BIND)",
        old: "zsk-2.zone",
        new: "zsk-3-bind.zone",
        now: "2027-01-01T02:00:00Z",
        extra: &[],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "ZSK: remove the old key after the largest TTL",
        old: "zsk-3.zone",
        new: "zsk-4.zone",
        now: "2027-01-02T01:00:00Z",
        extra: &[],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "ZSK: remove the old key too early",
        old: "zsk-3.zone",
        new: "zsk-4.zone",
        now: "2027-01-01T12:00:00Z",
        extra: &[],
        verdict: "unsafe until 2027-01-02T01:00:00Z",
        codes: &["ZW5003"],
    },
    Case {
        what: "ZSK: remove the old key while it still signs",
        old: "zsk-2.zone",
        new: "zsk-4.zone",
        now: LATER,
        extra: &[],
        verdict: "unsafe",
        codes: &["ZW5003"],
    },
    Case {
        what: "ZSK: sign with a key never published",
        old: "zsk-1.zone",
        new: "zsk-3.zone",
        now: LATER,
        extra: &[],
        verdict: "unsafe",
        codes: &["ZW5002"],
    },
    // KSK, double-DS: the parent adds ds(ksk2), the zone swaps its KSK, the parent drops ds(ksk1).
    Case {
        what: "KSK: the parent adds the new DS",
        old: "zsk-1.zone",
        new: "zsk-1.zone",
        now: LATER,
        extra: &["--old-ds", "ds-ksk1.ds", "--new-ds", "ds-ksk1-ksk2.ds"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "KSK: swap the KSK under both DS",
        old: "zsk-1.zone",
        new: "ksk-2.zone",
        now: LATER,
        extra: &["--ds", "ds-ksk1-ksk2.ds"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "KSK: the parent drops the old DS after the DNSKEY TTL",
        old: "ksk-2.zone",
        new: "ksk-2.zone",
        now: "2027-01-01T02:00:00Z",
        extra: &["--old-ds", "ds-ksk1-ksk2.ds", "--new-ds", "ds-ksk2.ds"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "KSK: the parent drops the old DS too soon",
        old: "ksk-2.zone",
        new: "ksk-2.zone",
        now: "2027-01-01T00:30:00Z",
        extra: &["--old-ds", "ds-ksk1-ksk2.ds", "--new-ds", "ds-ksk2.ds"],
        verdict: "unsafe until 2027-01-01T02:00:00Z",
        codes: &["ZW5005"],
    },
    Case {
        what: "KSK: removed while the DS names only it",
        old: "zsk-1.zone",
        new: "ksk-2.zone",
        now: LATER,
        extra: &["--ds", "ds-ksk1.ds"],
        verdict: "unsafe",
        codes: &["ZW5004"],
    },
    Case {
        what: "KSK: removed, no DS given (OLD's signers stand in)",
        old: "zsk-1.zone",
        new: "ksk-2.zone",
        now: LATER,
        extra: &[],
        verdict: "unsafe",
        codes: &["ZW5004"],
    },
    Case {
        what: "KSK: DS and key swapped in one step",
        old: "zsk-1.zone",
        new: "ksk-2.zone",
        now: LATER,
        extra: &["--old-ds", "ds-ksk1.ds", "--new-ds", "ds-ksk2.ds"],
        verdict: "unsafe",
        codes: &["ZW5005"],
    },
    Case {
        what: "KSK: the new KSK signs alone before its DS",
        old: "zsk-1.zone",
        new: "ksk-both-new-signs.zone",
        now: LATER,
        extra: &["--ds", "ds-ksk1.ds"],
        verdict: "unsafe",
        codes: &["ZW5006"],
    },
    Case {
        what: "CDS for a key the zone does not publish",
        old: "zsk-1.zone",
        new: "ksk-1-cds-unpublished.zone",
        now: LATER,
        extra: &[],
        verdict: "unsafe",
        codes: &["ZW5007"],
    },
    // Algorithm rollover RSASHA256 -> ECDSAP256SHA256, conservative.
    Case {
        what: "algorithm: add signatures without the keys",
        old: "alg-1.zone",
        new: "alg-2.zone",
        now: LATER,
        extra: &["--ds", "ds-ksk8.ds"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "algorithm: publish the keys after the largest TTL",
        old: "alg-2.zone",
        new: "alg-3.zone",
        now: "2027-01-02T01:00:00Z",
        extra: &["--ds", "ds-ksk8.ds"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "algorithm: publish the keys too soon",
        old: "alg-2.zone",
        new: "alg-3.zone",
        now: "2027-01-01T12:00:00Z",
        extra: &["--ds", "ds-ksk8.ds"],
        verdict: "unsafe until 2027-01-02T01:00:00Z",
        codes: &["ZW5008"],
    },
    Case {
        what: "algorithm: keys and signatures at once",
        old: "alg-1.zone",
        new: "alg-3.zone",
        now: LATER,
        extra: &["--ds", "ds-ksk8.ds"],
        verdict: "unsafe",
        codes: &["ZW5008"],
    },
    Case {
        what: "algorithm: the parent swaps the DS",
        old: "alg-3.zone",
        new: "alg-3.zone",
        now: LATER,
        extra: &["--old-ds", "ds-ksk8.ds", "--new-ds", "ds-ksk1.ds"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "algorithm: remove the old keys",
        old: "alg-3.zone",
        new: "alg-4.zone",
        now: LATER,
        extra: &["--ds", "ds-ksk1.ds"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "algorithm: remove the old signatures after the DNSKEY TTL",
        old: "alg-4.zone",
        new: "alg-5.zone",
        now: "2027-01-01T02:00:00Z",
        extra: &["--ds", "ds-ksk1.ds"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "algorithm: remove the old signatures too soon",
        old: "alg-4.zone",
        new: "alg-5.zone",
        now: "2027-01-01T01:00:00Z",
        extra: &["--ds", "ds-ksk1.ds"],
        verdict: "unsafe until 2027-01-01T02:00:00Z",
        codes: &["ZW5009"],
    },
    Case {
        what: "algorithm: keys and signatures removed at once",
        old: "alg-3.zone",
        new: "alg-5.zone",
        now: LATER,
        extra: &["--ds", "ds-ksk1.ds"],
        verdict: "unsafe",
        codes: &["ZW5009"],
    },
    // TLSA 3 1 1 + 3 1 1.
    Case {
        what: "TLSA: publish the next key's record",
        old: "tlsa-1.zone",
        new: "tlsa-2.zone",
        now: LATER,
        extra: &["--cert", "cert1.pem"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "TLSA: deploy after the TLSA TTL",
        old: "tlsa-2.zone",
        new: "tlsa-2.zone",
        now: "2027-01-01T02:00:00Z",
        extra: &["--cert", "cert1.pem", "--next-cert", "cert2.pem"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "TLSA: deploy too soon",
        old: "tlsa-2.zone",
        new: "tlsa-2.zone",
        now: "2027-01-01T00:10:00Z",
        extra: &["--cert", "cert1.pem", "--next-cert", "cert2.pem"],
        verdict: "unsafe until 2027-01-01T02:00:00Z",
        codes: &["ZW5013"],
    },
    Case {
        what: "TLSA: drop the old key's record after deploying",
        old: "tlsa-2.zone",
        new: "tlsa-3.zone",
        now: LATER,
        extra: &["--cert", "cert2.pem"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "TLSA: deploy with no prior record",
        old: "tlsa-1.zone",
        new: "tlsa-1.zone",
        now: LATER,
        extra: &["--cert", "cert1.pem", "--next-cert", "cert2.pem"],
        verdict: "unsafe",
        codes: &["ZW5012", "ZW5013"],
    },
    Case {
        what: "TLSA: drop the deployed certificate's record",
        old: "tlsa-1.zone",
        new: "tlsa-3.zone",
        now: LATER,
        extra: &["--cert", "cert1.pem"],
        verdict: "unsafe",
        codes: &["ZW5012"],
    },
    // Serial and signature windows.
    Case {
        what: "serial not increased",
        old: "zsk-1.zone",
        new: "zsk-1-same-serial.zone",
        now: LATER,
        extra: &[],
        verdict: "unsafe",
        codes: &["ZW5001"],
    },
    Case {
        what: "signatures expire too soon",
        old: "zsk-1.zone",
        new: "zsk-1-short.zone",
        now: "2027-01-01T12:00:00Z",
        extra: &[],
        verdict: "unsafe",
        codes: &["ZW5010"],
    },
    Case {
        what: "signatures not valid yet",
        old: "zsk-1.zone",
        new: "zsk-1-future.zone",
        now: "2027-01-01T12:00:00Z",
        extra: &[],
        verdict: "unsafe until 2027-01-02T00:00:00Z",
        codes: &["ZW5011"],
    },
    Case {
        what: "signatures valid by then",
        old: "zsk-1.zone",
        new: "zsk-1-future.zone",
        now: "2027-01-02T00:00:00Z",
        extra: &[],
        verdict: "safe",
        codes: &[],
    },
];

#[test]
fn scenarios_are_judged_as_rfc_7583_says() {
    let mut wrong = Vec::new();
    for c in CASES {
        let j = judge(c.old, c.new, c.now, c.extra);
        let expected_status = i32::from(c.verdict != "safe");
        if j.verdict != c.verdict || j.codes != c.codes || j.status != expected_status {
            wrong.push(format!(
                "{}: {} -> {} at {}: expected {} {:?}, got {} {:?} (exit {})",
                c.what, c.old, c.new, c.now, c.verdict, c.codes, j.verdict, j.codes, j.status
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_rollover_rule_has_a_scenario() {
    let missing: Vec<&str> = zonewarden::rules::ALL
        .iter()
        .map(|r| r.code)
        .filter(|code| code.starts_with("ZW5"))
        .filter(|code| !CASES.iter().any(|c| c.codes.contains(code)))
        .collect();
    assert!(missing.is_empty(), "rules without a scenario: {missing:?}");
}

#[test]
fn human_output_ends_with_the_verdict_and_points_at_the_key() {
    let o = command_in(root())
        .args(["rollover", "zsk-3.zone", "zsk-4.zone", "--published-at", T])
        .args(["--now", "2027-01-01T12:00:00Z", "--color", "never"])
        .current_dir(scenarios())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        text.contains("error[ZW5003]: ZSK ") && text.contains(" --> zsk-3.zone:"),
        "{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("zsk-3.zone -> zsk-4.zone: unsafe until 2027-01-02T01:00:00Z (ZW5003)"),
        "{text}"
    );
}

#[test]
fn bad_input_exits_2() {
    let run = |args: &[&str]| {
        command_in(root())
            .arg("rollover")
            .args(args)
            .current_dir(scenarios())
            .output()
            .unwrap()
    };
    let o = run(&["zsk-1.zone", "missing.zone"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.zone"));
    let o = run(&["zsk-1.zone", "zsk-2.zone", "--ds", "missing.ds"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["zsk-1.zone", "zsk-2.zone", "--propagation", "soon"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["zsk-1.zone"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[
        "zsk-1.zone",
        "zsk-2.zone",
        "--published-at",
        LATER,
        "--now",
        T,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--published-at"));
}

/// Runs git in `repo` with a fixed identity and no user or system configuration; commits
/// are dated `date` when one is given.
fn git_in(repo: &Path, args: &[&str], date: Option<&str>) {
    let mut c = Command::new("git");
    c.args(args).current_dir(repo);
    c.env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.net");
    c.env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.net");
    c.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1");
    if let Some(d) = date {
        c.env("GIT_AUTHOR_DATE", d).env("GIT_COMMITTER_DATE", d);
    }
    let o = c.output().unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A fresh, empty repository at `repo` (removed first), and a function running git in it.
pub(crate) fn new_repo(repo: &Path) -> impl Fn(&[&str], Option<&str>) + '_ {
    let _ = std::fs::remove_dir_all(repo);
    std::fs::create_dir_all(repo).unwrap();
    git_in(repo, &["init", "-q", "-b", "main"], None);
    move |args, date| git_in(repo, args, date)
}

/// Commits each scenario version as `file` in the repository `git` runs in, at its time.
pub(crate) fn commit_versions(
    git: &impl Fn(&[&str], Option<&str>),
    file: &Path,
    steps: &[(&str, &str)],
) {
    let name = file.file_name().unwrap().to_str().unwrap();
    for (version, date) in steps {
        std::fs::copy(scenarios().join(version), file).unwrap();
        git(&["add", name], None);
        git(&["commit", "-q", "-m", version], Some(date));
    }
}

/// A repository of zone versions with chosen commit times; `--history` judges each step at
/// its commit's time.
#[test]
fn history_judges_every_commit_at_its_time() {
    let repo = scratch("rollover-history");
    let git = new_repo(&repo);
    let file = repo.join("rollover.example.zone");
    // zsk-1 at 00:00, zsk-2 a day later, zsk-3 only 30 minutes after that (rushed), an
    // unrelated edit, and zsk-4 two days later.
    let steps = [
        ("zsk-1.zone", "2027-01-01T00:00:00Z"),
        ("zsk-2.zone", "2027-01-02T00:00:00Z"),
        ("zsk-3.zone", "2027-01-02T00:30:00Z"),
        ("zsk-4.zone", "2027-01-04T00:00:00Z"),
    ];
    commit_versions(&git, &file, &steps);
    let (status, json, text) = rollover(&repo, &["--history", "rollover.example.zone"]);
    let got = verdicts(&json);
    let expect = [
        ("safe".to_string(), vec![]),
        (
            "unsafe until 2027-01-02T02:00:00Z".to_string(),
            vec!["ZW5002".to_string()],
        ),
        ("safe".to_string(), vec![]),
    ];
    assert_eq!(got, expect, "{text}");
    assert_eq!(status, 1);
    // The labels name the commits, and each step's time is its commit's.
    let t = &json["transitions"][1];
    assert_eq!(t["now"], "2027-01-02T00:30:00Z");
    assert!(t["old"]["label"]
        .as_str()
        .unwrap()
        .starts_with("rollover.example.zone@"));

    // `--git`: OLD is HEAD (zsk-4, committed 2027-01-04), NEW the staged file.
    std::fs::copy(scenarios().join("zsk-1.zone"), &file).unwrap();
    git(&["add", "rollover.example.zone"], None);
    let (status, json, text) = rollover(
        &repo,
        &[
            "--git",
            "rollover.example.zone",
            "--now",
            "2027-01-05T00:00:00Z",
        ],
    );
    assert_eq!(status, 1, "{text}");
    let (verdict, codes) = &verdicts(&json)[0];
    assert_eq!(verdict, "unsafe", "{text}");
    // zsk1 signs again without being in zsk-4's DNSKEY RRset, zsk2 is pulled while it
    // signs, and the serial goes back.
    assert_eq!(codes, &["ZW5001", "ZW5002", "ZW5003"], "{text}");
    assert!(json["transitions"][0]["new"]["label"]
        .as_str()
        .unwrap()
        .ends_with("(staged)"));
    // Against HEAD~1 (zsk-3, committed 2027-01-02T00:30) the working tree's zsk-4 is safe
    // from 25 hours later.
    std::fs::copy(scenarios().join("zsk-4.zone"), &file).unwrap();
    git(&["add", "rollover.example.zone"], None);
    let (status, json, text) = rollover(
        &repo,
        &[
            "--git",
            "HEAD~1",
            "rollover.example.zone",
            "--now",
            "2027-01-03T01:30:00Z",
        ],
    );
    assert_eq!(status, 0, "{text}");
    assert_eq!(verdicts(&json)[0].0, "safe");
}

#[test]
fn json_report_validates_against_its_schema() {
    let load = |f: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(root().join("schemas").join(f)).unwrap())
            .unwrap()
    };
    let report = jsonschema::Resource::from_contents(load("report.schema.json")).unwrap();
    let validator = jsonschema::options()
        .with_resource(
            "https://zonewarden.invalid/schemas/report.schema.json",
            report,
        )
        .build(&load("rollover.schema.json"))
        .expect("schema compiles");
    for c in CASES {
        let mut args = vec![c.old, c.new, "--published-at", T, "--now", c.now];
        args.extend_from_slice(c.extra);
        let (_, json, text) = rollover(scenarios(), &args);
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}\n{text}", c.what);
    }
    // And the schema does refuse what it should.
    let (_, mut json, _) = rollover(scenarios(), &["zsk-1.zone", "zsk-2.zone"]);
    json["transitions"][0]["verdict"] = Value::String("unsafe-until".into());
    assert!(!validator.is_valid(&json), "unsafe-until without safe_from");
}

#[test]
fn new_from_standard_input() {
    let o = command_in(root())
        .args(["rollover", "zsk-2.zone", "-", "--published-at", T])
        .args(["--now", "2027-01-01T00:30:00Z", "--color", "never"])
        .current_dir(scenarios())
        .stdin(std::fs::File::open(scenarios().join("zsk-3.zone")).unwrap())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(
        text.trim_end()
            .ends_with("zsk-2.zone -> -: unsafe until 2027-01-01T02:00:00Z (ZW5002)"),
        "{text}"
    );
}

#[test]
fn propagation_from_the_option_and_from_the_config() {
    // zsk-3 -> zsk-4: the old ZSK's signatures age out a day (the largest TTL) plus the
    // propagation delay after zsk-3 went live.
    let dir = scratch("rollover-config");
    for f in ["zsk-3.zone", "zsk-4.zone"] {
        std::fs::copy(scenarios().join(f), dir.join(f)).unwrap();
    }
    let at = |extra: &[&str]| {
        let mut args = vec!["zsk-3.zone", "zsk-4.zone", "--published-at", T, "--now", T];
        args.extend_from_slice(extra);
        let (_, json, _) = rollover(&dir, &args);
        verdicts(&json).remove(0).0
    };
    assert_eq!(at(&[]), "unsafe until 2027-01-02T01:00:00Z");
    assert_eq!(
        at(&["--propagation", "30m"]),
        "unsafe until 2027-01-02T00:30:00Z"
    );
    std::fs::write(
        dir.join("zonewarden.toml"),
        "[thresholds]\npropagation = \"3h\"\n",
    )
    .unwrap();
    assert_eq!(at(&[]), "unsafe until 2027-01-02T03:00:00Z");
    // The option wins over the config.
    assert_eq!(
        at(&["--propagation", "0"]),
        "unsafe until 2027-01-02T00:00:00Z"
    );
}

/// An unsigned zone for the git cases, which need no signing tools.
const SMALL_ZONE: &str = "$ORIGIN example.net.\n$TTL 3600\n\
@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n\
@ NS ns1\n\
ns1 A 192.0.2.1\n";

/// Runs `zonewarden rollover ARGS` in `dir` with extra environment: `(exit status, stdout,
/// stderr)`.
fn rollover_raw(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = command_in(root());
    c.arg("rollover").args(args).current_dir(dir);
    c.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1");
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// `--git` that cannot look at git exits 2 naming why, instead of passing with nothing judged:
/// the pre-commit hook must be able to fail.
#[test]
fn git_that_cannot_check_is_an_input_error() {
    let repo = scratch("rollover-git-errors");
    let git = new_repo(&repo);
    std::fs::write(repo.join("z.zone"), SMALL_ZONE).unwrap();
    git(&["add", "z.zone"], None);
    git(&["commit", "-q", "-m", "first"], None);
    let expect_2 = |args: &[&str], env: &[(&str, &str)], says: &[&str]| {
        let (status, out, err) = rollover_raw(&repo, args, env);
        assert_eq!(status, 2, "{args:?}: {out}{err}");
        for s in says {
            assert!(err.contains(s), "{args:?}: expected `{s}` in: {err}");
        }
    };
    // A file in neither HEAD nor the index nor the working tree.
    expect_2(
        &["--git", "HEAD", "typo.zone"],
        &[],
        &["typo.zone", "not in HEAD, the index or the working tree"],
    );
    expect_2(
        &["--git", "typo.zone"],
        &[],
        &["typo.zone", "not in HEAD, the index or the working tree"],
    );
    // A revision that does not name a commit.
    expect_2(
        &["--git", "no-such-branch", "z.zone"],
        &[],
        &["`no-such-branch`", "does not name a commit"],
    );
    expect_2(
        &["--history", "no-such-branch", "z.zone"],
        &[],
        &["`no-such-branch`", "does not name a commit"],
    );
    // No git on PATH.
    let empty = repo.join(".no-git-here");
    std::fs::create_dir_all(&empty).unwrap();
    expect_2(
        &["--git", "z.zone"],
        &[("PATH", empty.to_str().unwrap())],
        &["cannot run git"],
    );
    // A directory outside any repository (the temporary directory, with git told not to look
    // above it).
    let outside = temp_scratch("rollover-outside");
    std::fs::write(outside.join("z.zone"), SMALL_ZONE).unwrap();
    let (status, out, err) = rollover_raw(
        &outside,
        &["--git", "z.zone"],
        &[(
            "GIT_CEILING_DIRECTORIES",
            std::env::temp_dir().to_str().unwrap(),
        )],
    );
    std::fs::remove_dir_all(&outside).unwrap();
    assert_eq!(status, 2, "{out}{err}");
    assert!(err.contains("not in a git working tree"), "{err}");
}

/// A revision that begins with `-` is never read by git as an option: `git log --output=FILE`
/// would write FILE.
#[test]
fn a_revision_is_never_a_git_option() {
    let repo = scratch("rollover-git-option");
    let git = new_repo(&repo);
    std::fs::write(repo.join("z.zone"), SMALL_ZONE).unwrap();
    git(&["add", "z.zone"], None);
    git(&["commit", "-q", "-m", "first"], None);
    let written = repo.join("written-by-git");
    let option = format!("--output={}", written.display());
    for args in [
        vec!["--git", "--", &option, "z.zone"],
        vec!["--history", "--", &option, "z.zone"],
        vec!["--git", &option, "z.zone"],
    ] {
        let (status, out, err) = rollover_raw(&repo, &args, &[]);
        assert_eq!(status, 2, "{args:?}: {out}{err}");
        assert!(
            !written.exists(),
            "{args:?} made git write {}",
            written.display()
        );
    }
    let (_, _, err) = rollover_raw(&repo, &["--git", "--", &option, "z.zone"], &[]);
    assert!(err.contains("does not name a commit"), "{err}");
}

/// The first version of a file has nothing to roll over from: in a repository with no commit
/// yet, and a file staged or only in the working tree but not in the revision. Each passes
/// with no transition.
#[test]
fn a_first_version_is_not_an_error() {
    let repo = scratch("rollover-git-first");
    let git = new_repo(&repo);
    std::fs::write(repo.join("z.zone"), SMALL_ZONE).unwrap();
    let none = |args: &[&str]| {
        let (status, out, err) = rollover_raw(&repo, args, &[]);
        assert_eq!(status, 0, "{args:?}: {out}{err}");
        let json: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            json["transitions"],
            serde_json::json!([]),
            "{args:?}: {out}"
        );
    };
    // No commit yet: untracked, then staged.
    none(&["--git", "z.zone", "--format", "json"]);
    none(&["--git", "HEAD", "z.zone", "--format", "json"]);
    git(&["add", "z.zone"], None);
    none(&["--git", "z.zone", "--format", "json"]);
    // With no commit yet, a revision other than HEAD still has to name one.
    let (status, _, err) = rollover_raw(&repo, &["--git", "main~1", "z.zone"], &[]);
    assert_eq!(status, 2, "{err}");
    git(&["commit", "-q", "-m", "first"], None);
    // A file added after the commit: only in the working tree, then staged.
    std::fs::write(repo.join("new.zone"), SMALL_ZONE).unwrap();
    none(&["--git", "new.zone", "--format", "json"]);
    git(&["add", "new.zone"], None);
    none(&["--git", "HEAD", "new.zone", "--format", "json"]);
    // And the committed file is still judged.
    let (status, out, err) = rollover_raw(&repo, &["--git", "z.zone", "--format", "json"], &[]);
    assert_eq!(status, 0, "{out}{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["transitions"].as_array().unwrap().len(), 1, "{out}");
}

/// Judges each case as `scenarios_are_judged_as_rfc_7583_says` does; panics listing the
/// wrong ones.
fn judge_cases(cases: &[Case]) {
    let mut wrong = Vec::new();
    for c in cases {
        let j = judge(c.old, c.new, c.now, c.extra);
        let expected_status = i32::from(c.verdict != "safe");
        if j.verdict != c.verdict || j.codes != c.codes || j.status != expected_status {
            wrong.push(format!(
                "{}: {} -> {} at {}: expected {} {:?}, got {} {:?} (exit {})",
                c.what, c.old, c.new, c.now, c.verdict, c.codes, j.verdict, j.codes, j.status
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Issue #15: the two KSK rollovers of RFC 7583 §3.3, every version signed by
/// dnssec-signzone (bind-2: ksk1; bind-both-3: ksk1 and ksk2 both signing the DNSKEY RRset;
/// bind-ksk2-4: ksk2), each step on time and rushed. DS TTL 1 day, DNSKEY TTL 1 hour,
/// propagation 1 hour. `--ds-changed-at` says when the parent changed its DS RRset.
const KSK_ROLLS: &[Case] = &[
    // Double-DS (§3.3.2): a DS only added beside the current one is not a change to wait
    // for, even at the moment OLD went live.
    Case {
        what: "double-DS: the parent adds the new DS at once",
        old: "bind-2.zone",
        new: "bind-2.zone",
        now: T,
        extra: &["--old-ds", "ds-ksk1.ds", "--new-ds", "ds-ksk1-ksk2.ds"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "double-DS: swap the KSK once the old DS RRset has aged out",
        old: "bind-2.zone",
        new: "bind-ksk2-4.zone",
        now: "2027-01-02T01:00:00Z",
        extra: &[
            "--old-ds",
            "ds-ksk1.ds",
            "--new-ds",
            "ds-ksk1-ksk2.ds",
            "--ds-changed-at",
            T,
        ],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "double-DS: swap the KSK while the old DS RRset may be cached",
        old: "bind-2.zone",
        new: "bind-ksk2-4.zone",
        now: "2027-01-01T12:00:00Z",
        extra: &[
            "--old-ds",
            "ds-ksk1.ds",
            "--new-ds",
            "ds-ksk1-ksk2.ds",
            "--ds-changed-at",
            T,
        ],
        verdict: "unsafe until 2027-01-02T01:00:00Z",
        codes: &["ZW5005"],
    },
    Case {
        what: "double-DS: swap the KSK in the same step as the new DS",
        old: "bind-2.zone",
        new: "bind-ksk2-4.zone",
        now: LATER,
        extra: &["--old-ds", "ds-ksk1.ds", "--new-ds", "ds-ksk1-ksk2.ds"],
        verdict: "unsafe",
        codes: &["ZW5005"],
    },
    Case {
        what: "double-DS: the parent drops the old DS after the DNSKEY TTL",
        old: "bind-ksk2-4.zone",
        new: "bind-ksk2-4.zone",
        now: "2027-01-01T02:00:00Z",
        extra: &["--old-ds", "ds-ksk1-ksk2.ds", "--new-ds", "ds-ksk2.ds"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "double-DS: the parent drops the old DS too soon",
        old: "bind-ksk2-4.zone",
        new: "bind-ksk2-4.zone",
        now: "2027-01-01T00:30:00Z",
        extra: &["--old-ds", "ds-ksk1-ksk2.ds", "--new-ds", "ds-ksk2.ds"],
        verdict: "unsafe until 2027-01-01T02:00:00Z",
        codes: &["ZW5005"],
    },
    // Double-KSK (§3.3.1).
    Case {
        what: "double-KSK: the new KSK signs the DNSKEY RRset beside the old",
        old: "bind-2.zone",
        new: "bind-both-3.zone",
        now: T,
        extra: &["--ds", "ds-ksk1.ds"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "double-KSK: the parent swaps the DS after the DNSKEY TTL",
        old: "bind-both-3.zone",
        new: "bind-both-3.zone",
        now: "2027-01-01T02:00:00Z",
        extra: &["--old-ds", "ds-ksk1.ds", "--new-ds", "ds-ksk2.ds"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "double-KSK: the parent swaps the DS too soon",
        old: "bind-both-3.zone",
        new: "bind-both-3.zone",
        now: "2027-01-01T00:30:00Z",
        extra: &["--old-ds", "ds-ksk1.ds", "--new-ds", "ds-ksk2.ds"],
        verdict: "unsafe until 2027-01-01T02:00:00Z",
        codes: &["ZW5005"],
    },
    Case {
        what: "double-KSK: the old KSK goes once the old DS has aged out",
        old: "bind-both-3.zone",
        new: "bind-ksk2-4.zone",
        now: "2027-01-02T03:00:00Z",
        extra: &[
            "--old-ds",
            "ds-ksk1.ds",
            "--new-ds",
            "ds-ksk2.ds",
            "--ds-changed-at",
            "2027-01-01T02:00:00Z",
        ],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "double-KSK: the old KSK goes while the old DS may be cached",
        old: "bind-both-3.zone",
        new: "bind-ksk2-4.zone",
        now: "2027-01-01T12:00:00Z",
        extra: &[
            "--old-ds",
            "ds-ksk1.ds",
            "--new-ds",
            "ds-ksk2.ds",
            "--ds-changed-at",
            "2027-01-01T02:00:00Z",
        ],
        verdict: "unsafe until 2027-01-02T03:00:00Z",
        codes: &["ZW5005"],
    },
    Case {
        what: "double-KSK: the old KSK goes while the DS still names only it",
        old: "bind-both-3.zone",
        new: "bind-ksk2-4.zone",
        now: LATER,
        extra: &["--ds", "ds-ksk1.ds"],
        verdict: "unsafe",
        codes: &["ZW5004"],
    },
];

#[test]
fn double_ds_and_double_ksk_rolls_step_by_step() {
    judge_cases(KSK_ROLLS);
}

/// Issue #15: to and from an unsigned zone (RFC 6781 §4.1.4, RFC 7583), with the parent's
/// empty DS RRset given as `none`. plain-1 and plain-3 are unsigned, bind-2 is signed by
/// dnssec-signzone with ksk1 (DS TTL 1 day, DNSKEY TTL 1 hour, propagation 1 hour).
const SECURE_INSECURE: &[Case] = &[
    // Going insecure: the DS goes first, the keys after the DS TTL.
    Case {
        what: "insecure: the parent removes the DS",
        old: "bind-2.zone",
        new: "bind-2.zone",
        now: T,
        extra: &["--old-ds", "ds-ksk1.ds", "--new-ds", "none"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "insecure: the keys go once the old DS has aged out",
        old: "bind-2.zone",
        new: "plain-3.zone",
        now: "2027-01-02T01:00:00Z",
        extra: &[
            "--old-ds",
            "ds-ksk1.ds",
            "--new-ds",
            "none",
            "--ds-changed-at",
            T,
        ],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "insecure: the keys go while the old DS may be cached",
        old: "bind-2.zone",
        new: "plain-3.zone",
        now: "2027-01-01T12:00:00Z",
        extra: &[
            "--old-ds",
            "ds-ksk1.ds",
            "--new-ds",
            "none",
            "--ds-changed-at",
            T,
        ],
        verdict: "unsafe until 2027-01-02T01:00:00Z",
        codes: &["ZW5005"],
    },
    Case {
        what: "insecure: the keys go with the DS",
        old: "bind-2.zone",
        new: "plain-3.zone",
        now: LATER,
        extra: &["--old-ds", "ds-ksk1.ds", "--new-ds", "none"],
        verdict: "unsafe",
        codes: &["ZW5005"],
    },
    Case {
        what: "insecure: the keys go while the DS stays",
        old: "bind-2.zone",
        new: "plain-3.zone",
        now: LATER,
        extra: &["--ds", "ds-ksk1.ds"],
        verdict: "unsafe",
        codes: &["ZW5003", "ZW5004"],
    },
    Case {
        what: "insecure: the keys go long after the DS",
        old: "bind-2.zone",
        new: "plain-3.zone",
        now: T,
        extra: &["--ds", "none"],
        verdict: "safe",
        codes: &[],
    },
    // Going secure: the signed zone first, the DS after the DNSKEY TTL.
    Case {
        what: "secure: the signed zone goes out with no DS",
        old: "plain-1.zone",
        new: "bind-2.zone",
        now: T,
        extra: &["--ds", "none"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "secure: the parent adds the DS after the DNSKEY TTL",
        old: "bind-2.zone",
        new: "bind-2.zone",
        now: "2027-01-01T02:00:00Z",
        extra: &["--old-ds", "none", "--new-ds", "ds-ksk1.ds"],
        verdict: "safe",
        codes: &[],
    },
    Case {
        what: "secure: the parent adds the DS too soon",
        old: "bind-2.zone",
        new: "bind-2.zone",
        now: "2027-01-01T00:30:00Z",
        extra: &["--old-ds", "none", "--new-ds", "ds-ksk1.ds"],
        verdict: "unsafe until 2027-01-01T02:00:00Z",
        codes: &["ZW5005"],
    },
    Case {
        what: "secure: the DS with the signed zone",
        old: "plain-1.zone",
        new: "bind-2.zone",
        now: LATER,
        extra: &["--old-ds", "none", "--new-ds", "ds-ksk1.ds"],
        verdict: "unsafe",
        codes: &["ZW5005"],
    },
    Case {
        what: "secure: the DS before the signed zone",
        old: "plain-1.zone",
        new: "plain-1.zone",
        now: LATER,
        extra: &["--old-ds", "none", "--new-ds", "ds-ksk1.ds"],
        verdict: "unsafe",
        codes: &["ZW5005"],
    },
];

#[test]
fn going_insecure_and_going_secure() {
    judge_cases(SECURE_INSECURE);
    // `--ds-changed-at` is about the parent's change: it needs both DS RRsets and cannot be
    // after NEW goes live.
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_zonewarden"))
            .arg("rollover")
            .args(args)
            .current_dir(scenarios())
            .output()
            .unwrap()
    };
    let o = run(&["bind-2.zone", "plain-3.zone", "--ds-changed-at", T]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[
        "bind-2.zone",
        "plain-3.zone",
        "--old-ds",
        "ds-ksk1.ds",
        "--new-ds",
        "none",
        "--ds-changed-at",
        LATER,
        "--now",
        T,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--ds-changed-at"));
}

/// Going insecure and secure through git: `none` and `--ds-changed-at` apply to `--git` and
/// `--history` as the DS files do.
#[test]
fn going_insecure_and_secure_through_git() {
    let repo = scratch("rollover-insecure-git");
    let git = new_repo(&repo);
    let file = repo.join("rollover.example.zone");
    let steps = [
        ("plain-1.zone", "2027-01-01T00:00:00Z"),
        ("bind-2.zone", "2027-01-02T00:00:00Z"),
        ("plain-3.zone", "2027-01-03T00:00:00Z"),
    ];
    commit_versions(&git, &file, &steps);
    // With no DS at the parent, signing and unsigning are both safe.
    let (status, json, text) = rollover(
        &repo,
        &["--history", "rollover.example.zone", "--ds", "none"],
    );
    let got: Vec<String> = verdicts(&json).into_iter().map(|v| v.0).collect();
    assert_eq!(got, ["safe", "safe"], "{text}");
    assert_eq!(status, 0);
    // HEAD~1 is bind-2 (committed 2027-01-02); the working tree's plain-3 drops its keys
    // after the parent removed the DS at 2027-01-02T00:00:00Z.
    let ds = scenarios().join("ds-ksk1.ds");
    let at = |now: &str| {
        let (status, json, text) = rollover(
            &repo,
            &[
                "--git",
                "HEAD~1",
                "rollover.example.zone",
                "--old-ds",
                ds.to_str().unwrap(),
                "--new-ds",
                "none",
                "--ds-changed-at",
                "2027-01-02T00:00:00Z",
                "--now",
                now,
            ],
        );
        let (verdict, codes) = verdicts(&json).remove(0);
        (status, verdict, codes, text)
    };
    let (status, verdict, codes, text) = at("2027-01-02T12:00:00Z");
    assert_eq!(
        (status, verdict.as_str(), codes),
        (
            1,
            "unsafe until 2027-01-03T01:00:00Z",
            vec!["ZW5005".into()]
        ),
        "{text}"
    );
    let (status, verdict, _, text) = at("2027-01-03T01:00:00Z");
    assert_eq!((status, verdict.as_str()), (0, "safe"), "{text}");
}
