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
