//! Zone text as the publication path hands it over: as NSD feeds its zone verifier
//! (`$ORIGIN com.` then `example` for the apex, owners carried over) and as `dig AXFR` prints
//! a transfer (comments, the SOA at both ends, `+multiline`). The inputs in
//! `testdata/transfer/` were captured from NSD 4.6 and dig 9.18 serving one signed zone
//! (signatures valid 2026-01-01 to 2036-12-31); `example.com.axfr-second-soa` is the plain
//! transfer with the serial of its last SOA changed.

use crate::util::{self, command_in, output_with_stdin, root};
use std::process::Output;

const NOW: &str = "2026-11-25T00:00:00Z";
const DIR: &str = "testdata/transfer";

/// Runs zonewarden in the crate root without VERIFY_ZONE (unless `env` sets it), feeding
/// `stdin` when given.
fn fed(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Output {
    output_with_stdin(
        command_in(root())
            .args(args)
            .env_remove("VERIFY_ZONE")
            .envs(env.iter().copied()),
        stdin.unwrap_or_default(),
    )
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(root().join(DIR).join(name)).unwrap()
}

/// The findings of `lint --format json` on standard input: (code, message) pairs.
fn lint_findings(text: &[u8], extra: &[&str]) -> (serde_json::Value, Vec<(String, String)>) {
    let mut args = vec!["lint", "--format", "json", "--now", NOW];
    args.extend(extra);
    args.push("-");
    let o = fed(&args, Some(text), &[]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let found = v["zones"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (v["zones"][0].clone(), found)
}

#[test]
fn nsd_feed_reads_as_the_zone_under_every_origin_source() {
    let feed = read("example.com.nsd-feed");
    assert!(feed.starts_with(b"$ORIGIN com.\nexample\t"));
    // With --origin, with VERIFY_ZONE, and with neither (the SOA owner under `$ORIGIN com.`).
    for (args, env, source) in [
        (vec!["--origin", "example.com"], vec![], "option"),
        (vec![], vec![("VERIFY_ZONE", "example.com")], "environment"),
        (vec![], vec![], "soa-owner"),
    ] {
        let mut a = vec!["verify", "--format", "json", "--now", NOW];
        a.extend(&args);
        a.push("-");
        let o = fed(&a, Some(&feed), &env);
        assert_eq!(o.status.code(), Some(0), "{}", util::text(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let z = &v["zones"][0];
        assert_eq!(z["origin"], "example.com.", "{z}");
        assert_eq!(z["origin_source"], source, "{z}");
        assert_eq!(z["serial"], 2026112501, "{z}");
        assert_eq!(z["records"], 29, "{z}");
        assert_eq!(z["diagnostics"], serde_json::json!([]), "{z}");
    }
    // lint finds exactly what it finds in the same zone transferred by dig: nothing spurious
    // from the way NSD writes it.
    let (_, from_feed) = lint_findings(&feed, &["--origin", "example.com"]);
    let (_, from_dig) = lint_findings(&read("example.com.axfr"), &[]);
    assert_eq!(from_feed, from_dig);
    assert!(
        from_feed.iter().all(|(c, _)| c == "ZW1123"),
        "{from_feed:?}"
    );
}

#[test]
fn dig_axfr_output_reads_as_is() {
    let feed = fed(
        &["print", "--origin", "example.com", "-"],
        Some(&read("example.com.nsd-feed")),
        &[],
    );
    assert_eq!(feed.status.code(), Some(0), "{}", util::text(&feed));
    for name in ["example.com.axfr", "example.com.axfr-multiline"] {
        let text = read(name);
        assert!(text.starts_with(b"\n; <<>> DiG"), "{name}");
        // The same records as NSD's feed: the trailing SOA is framing.
        let o = fed(&["print", "-"], Some(&text), &[]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", util::text(&o));
        assert_eq!(util::text(&o), util::text(&feed), "{name}");
        let o = fed(
            &["verify", "--now", NOW, "--origin", "example.com", "-"],
            Some(&text),
            &[],
        );
        assert_eq!(o.status.code(), Some(0), "{name}: {}", util::text(&o));
        assert!(
            util::text(&o).starts_with("-: origin example.com. from --origin, serial 2026112501, 29 records, no findings\n  13 of 13 RRSIGs verified"),
            "{name}: {}",
            util::text(&o)
        );
        // From a file, the report names the serial too: the text was a transfer.
        let path = format!("{DIR}/{name}");
        let o = fed(&["verify", "--now", NOW, &path], None, &[]);
        assert!(
            util::text(&o).contains(": origin example.com. from the SOA owner, serial 2026112501, 29 records, no findings"),
            "{name}: {}",
            util::text(&o)
        );
    }
}

#[test]
fn only_an_identical_last_soa_is_framing() {
    let (zone, found) = lint_findings(&read("example.com.axfr-second-soa"), &[]);
    assert_eq!(zone["records"], 30, "{zone}");
    assert!(
        found.contains(&(
            "ZW1106".into(),
            "second SOA record at the apex example.com.".into()
        )),
        "{found:?}"
    );
    let multiple = &zone["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "ZW1106")
        .unwrap()["line"];
    assert_eq!(multiple, 34, "the last line of the transfer");
    let o = fed(
        &["verify", "--now", NOW, "-"],
        Some(&read("example.com.axfr-second-soa")),
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", util::text(&o));
}

/// The feed with www's A record edited after signing.
fn tampered_feed() -> Vec<u8> {
    let feed = String::from_utf8(read("example.com.nsd-feed")).unwrap();
    assert!(feed.contains("\t192.0.2.80\n"));
    feed.replace("\t192.0.2.80\n", "\t192.0.2.81\n")
        .into_bytes()
}

#[test]
fn under_nsd_verify_prints_short_plain_lines_naming_zone_and_serial() {
    let nsd = [("VERIFY_ZONE", "example.com")];
    let o = fed(&["verify", "-"], Some(&tampered_feed()), &nsd);
    assert_eq!(o.status.code(), Some(1), "{}", util::text(&o));
    assert!(o.stderr.is_empty(), "{}", util::text(&o));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "example.com serial 2026112501: error[ZW2001] www.example.com. A (line 29): RRSIG A at www.example.com. by key 49600 (ECDSAP256SHA256) does not verify over the 1 record of the RRset\n\
         example.com serial 2026112501: rejected: 29 records, 1 error, 0 warnings; 12 of 13 RRSIGs verified with 2 DNSKEYs, NSEC chain of 5 names\n"
    );
    let o = fed(&["verify", "-"], Some(&read("example.com.nsd-feed")), &nsd);
    assert_eq!(o.status.code(), Some(0), "{}", util::text(&o));
    assert_eq!(
        util::text(&o),
        "example.com serial 2026112501: accepted: 29 records, no findings; 13 of 13 RRSIGs verified with 2 DNSKEYs, NSEC chain of 5 names\n"
    );
    // --format wins; and without VERIFY_ZONE the default stays the human report.
    let o = fed(
        &["verify", "--format", "human", "-"],
        Some(&tampered_feed()),
        &nsd,
    );
    assert!(
        util::text(&o).contains("error[ZW2001]: RRSIG A at www.example.com."),
        "{}",
        util::text(&o)
    );
    assert!(util::text(&o).contains(" --> -:29:1"), "{}", util::text(&o));
    let o = fed(
        &["verify", "--origin", "example.com", "-"],
        Some(&tampered_feed()),
        &[],
    );
    // At the record edited after signing, with the RRSIG as evidence.
    assert!(util::text(&o).contains(" --> -:29:1"), "{}", util::text(&o));
    assert!(util::text(&o).contains("::: -:30:2"), "{}", util::text(&o));
    assert!(
        util::text(&o).contains("-: origin example.com. from --origin, serial 2026112501, 29 records, 1 error, 0 warnings"),
        "{}",
        util::text(&o)
    );
    // Asked for by name, it works for files and for lint too; --color does not colour it.
    let o = fed(
        &[
            "lint",
            "--format",
            "short",
            "--color",
            "always",
            "--now",
            NOW,
            &format!("{DIR}/example.com.axfr"),
        ],
        None,
        &[],
    );
    let text = util::text(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(!text.contains('\u{1b}'), "{text}");
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [
            "example.com serial 2026112501: warning[ZW1123] example.com. NS (line 11): name server ns1.example.com. has an A record but no AAAA record",
            "example.com serial 2026112501: warning[ZW1123] sub.example.com. NS (line 24): name server ns.sub.example.com. has an A record but no AAAA record",
            "example.com serial 2026112501: accepted: 29 records, 0 errors, 2 warnings",
        ]
    );
}
