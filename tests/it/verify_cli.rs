//! `zonewarden verify` on the command line: exit status, standard input, `--ds`,
//! `--expiry-warning` and the config's `thresholds.expiry-warning`, and input errors.

use crate::util::{root, scratch, text, zw, zw_stdin};

const NOW: &str = "2026-11-25T00:00:00Z";
const SIGNED: &str = "testdata/zones/signed/example.com.bind-ecdsap256-nsec.signed";

#[test]
fn a_valid_zone_exits_0_and_says_what_was_verified() {
    let o = zw(&["verify", "--now", NOW, SIGNED]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(t.contains("no findings"), "{t}");
    assert!(
        t.contains("38 of 38 RRSIGs verified with 2 DNSKEYs, NSEC chain of 12 names"),
        "{t}"
    );
}

#[test]
fn standard_input() {
    let zone = std::fs::read(SIGNED).unwrap();
    let o = zw_stdin(
        root(),
        &["verify", "--now", NOW, "--origin", "example.com.", "-"],
        &zone,
        &[],
    );
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(t.contains("38 of 38 RRSIGs verified"), "{t}");
}

#[test]
fn an_unsigned_zone_fails_with_no_dnskey() {
    let o = zw(&["verify", "--now", NOW, "testdata/zones/example.com.zone"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("error[ZW2100]"), "{t}");
    // Only the DNSSEC checks run: no structural or mail rule speaks.
    assert_eq!(t.matches("[ZW").count(), 1, "{t}");
}

#[test]
fn expiry_window_from_the_option_and_from_the_config() {
    // The corpus expires 2036-12-31: inside 600 weeks of the corpus's now, not inside 14 days.
    let o = zw(&["verify", "--now", NOW, "--expiry-warning", "600w", SIGNED]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(t.contains("warning[ZW2006]: 38 signatures expire within 4200 days; the earliest, RRSIG SOA at example.com., at 2036-12-31T00:00:00Z"), "{t}");
    let o = zw(&[
        "verify",
        "--now",
        NOW,
        "--expiry-warning",
        "600w",
        "--fail-on",
        "warning",
        SIGNED,
    ]);
    assert_eq!(o.status.code(), Some(1));
    // The config's threshold, for verify and for lint alike.
    let d = scratch("verify-cli-config");
    std::fs::copy(SIGNED, d.join("example.com.signed")).unwrap();
    std::fs::write(
        d.join("zonewarden.toml"),
        "[thresholds]\nexpiry-warning = \"600w\"\n",
    )
    .unwrap();
    let zone = d.join("example.com.signed");
    for cmd in ["verify", "lint"] {
        let o = zw(&[cmd, "--now", NOW, zone.to_str().unwrap()]);
        let t = text(&o);
        assert!(t.contains("warning[ZW2006]"), "{cmd}: {t}");
    }
}

#[test]
fn the_readers_findings_are_reported() {
    // A signed zone with a line the reader refuses: `verify` reports it beside its own
    // findings (the reader's findings reach the check by value, not copied).
    let dir = scratch("verify-reader-findings");
    let mut zone = std::fs::read_to_string(SIGNED).unwrap();
    zone.push_str("broken 3600 IN A (\n");
    let f = dir.join("example.com.signed");
    std::fs::write(&f, zone).unwrap();
    let o = zw(&[
        "verify",
        "--now",
        NOW,
        "--origin",
        "example.com.",
        f.to_str().unwrap(),
    ]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("error[ZW1005]: `(` is never closed"), "{t}");
    assert!(t.contains("38 of 38 RRSIGs verified"), "{t}");
}

#[test]
fn input_errors_exit_2() {
    let o = zw(&["verify", "--now", NOW, "--expiry-warning", "soon", SIGNED]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("--expiry-warning"), "{}", text(&o));
    let d = scratch("verify-cli-ds");
    let ds = d.join("dsset-example.com.");
    std::fs::write(&ds, "other.example. IN DS 1 13 2 00\n").unwrap();
    let o = zw(&["verify", "--now", NOW, "--ds", ds.to_str().unwrap(), SIGNED]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("no DS record for example.com."),
        "{}",
        text(&o)
    );
    let o = zw(&["verify", "--now", NOW, "--ds", "/nonexistent/dsset", SIGNED]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}

#[test]
fn json_output_names_code_and_position() {
    let o = zw(&[
        "verify",
        "--format",
        "json",
        "--now",
        NOW,
        "testdata/lint/ZW2013/signature_removed.zone",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &v["zones"][0]["diagnostics"][0];
    assert_eq!(d["code"], "ZW2013");
    assert_eq!(d["rule"], "missing-signature");
    assert!(d["line"].as_u64().unwrap() > 1);
    assert_eq!(
        d["message"], "www.zw2.example. AAAA has no signature",
        "{d:#}"
    );
}

/// Issue #15: `lint --ds FILE` passes the parent's DS to the DNSSEC checks lint runs, as
/// `verify --ds` does.
#[test]
fn lint_takes_the_parents_ds() {
    let zone = "testdata/lint/ZW2102/ds_for_missing_key.zone";
    let ds = "testdata/lint/ZW2102/ds_for_missing_key.ds";
    let o = zw(&["lint", "--now", NOW, "--ds", ds, zone]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(
        t.contains("error[ZW2102]: DS 18774 (ECDSAP256SHA256) at testdata/lint/ZW2102/ds_for_missing_key.ds:1 names no key"),
        "{t}"
    );
    let o = zw(&["lint", "--now", NOW, zone]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let t = text(&o);
    assert!(!t.contains("[ZW2102]"), "{t}");

    // The signed zones pass with the DS dnssec-dsfromkey makes from their KSK, and
    // fail with a DS whose key tag is one off.
    let d = scratch("verify_cli-lint-ds");
    let mut seen = 0;
    let mut clean = 0;
    for entry in std::fs::read_dir("testdata/zones/signed").unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap();
        // NAME.SIGNER-ALGORITHM-DENIAL.signed
        let origin = [".bind-", ".knot-", ".ldns-"]
            .iter()
            .find_map(|s| file.find(s))
            .map(|i| &file[..i])
            .unwrap();
        let o = std::process::Command::new("dnssec-dsfromkey")
            .args(["-2", "-f", path.to_str().unwrap(), origin])
            .output()
            .expect("dnssec-dsfromkey (bind9-utils) is needed for this test");
        assert!(o.status.success(), "{file}: {}", text(&o));
        let good = String::from_utf8(o.stdout).unwrap();
        assert!(good.starts_with(&format!("{origin}. IN DS ")), "{good}");
        let good_file = d.join(format!("{origin}.ds"));
        std::fs::write(&good_file, &good).unwrap();
        let p = path.to_str().unwrap();
        let o = zw(&["lint", "--now", NOW, "--ds", good_file.to_str().unwrap(), p]);
        // The right DS adds nothing to what lint says: the five clean zones exit 0 (two
        // carry broken TLSA or CAA records on purpose, and keep their exit status 1).
        let without = zw(&["lint", "--now", NOW, p]);
        assert_eq!(text(&o), text(&without), "{file}");
        assert_eq!(o.status.code(), without.status.code(), "{file}");
        assert!(!text(&o).contains("error[ZW2"), "{file}: {}", text(&o));
        if o.status.code() == Some(0) {
            clean += 1;
        }
        // A DS whose key tag is one off names no key here.
        let f: Vec<&str> = good.split_whitespace().collect();
        let tag: u16 = f[3].parse().unwrap();
        let bad = format!("{} IN DS {} {}\n", f[0], tag ^ 1, f[4..].join(" "));
        let bad_file = d.join(format!("{origin}.bad.ds"));
        std::fs::write(&bad_file, &bad).unwrap();
        let o = zw(&["lint", "--now", NOW, "--ds", bad_file.to_str().unwrap(), p]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "{file}: {t}");
        assert!(t.contains("error[ZW2102]"), "{file}: {t}");
        seen += 1;
    }
    assert!(
        seen >= 7 && clean >= 5,
        "{clean} of {seen} signed zones clean"
    );

    // The DS says the zone must be signed: an unsigned zone with --ds has no DNSKEY.
    let o = zw(&[
        "lint",
        "--now",
        NOW,
        "--ds",
        d.join("example.com.ds").to_str().unwrap(),
        "testdata/zones/example.com.zone",
    ]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("error[ZW2100]"), "{t}");
    let o = zw(&["lint", "--now", NOW, "testdata/zones/example.com.zone"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    // A DS file that cannot be read is an input error.
    let o = zw(&["lint", "--now", NOW, "--ds", "/nonexistent/dsset", SIGNED]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}
