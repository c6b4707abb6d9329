//! `zonewarden scorecard`: the mail-standards verdicts of the test repository
//! (testdata/scorecard/, made by scripts/make-scorecard-testdata.sh) as Markdown and JSON
//! snapshots, the JSON against its schema, the HTML through a strict HTML5 parser, the SVG
//! through rsvg-convert; and for each column internet.nl's criterion (internetstandards/
//! Internet.nl, the file and function named above each test) with a case on each side.

use crate::util::{self, root, stderr, stdout};
use serde_json::Value;
use std::path::PathBuf;

const NOW: &str = "2026-11-25T00:00:00Z";

/// The zone files of the test repository, sorted.
fn repository() -> Vec<String> {
    let dir = root().join("testdata/scorecard");
    util::files_with_ext(&dir, "zone")
        .into_iter()
        .map(|p| {
            p.strip_prefix(root())
                .unwrap_or(&p)
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// `scorecard` over the test repository with its DS file and certificates, and `extra`.
fn run_repository(extra: &[&str]) -> std::process::Output {
    let files = repository();
    let paths: Vec<&str> = files.iter().map(String::as_str).collect();
    run_paths(extra, &paths)
}

/// `scorecard` over `paths` with the repository's DS file and certificates, and `extra`.
fn run_paths(extra: &[&str], paths: &[&str]) -> std::process::Output {
    let mut args = vec![
        "scorecard",
        "--now",
        NOW,
        "--ds",
        "testdata/scorecard/parent.ds",
        "--cert",
        "testdata/tlsa/fullchain.pem",
        "--cert",
        "testdata/tlsa/next.key",
    ];
    args.extend_from_slice(extra);
    args.extend_from_slice(paths);
    util::zw(&args)
}

fn snapshot(name: &str, got: &str) {
    insta::with_settings!({
        snapshot_path => root().join("testdata/scorecard"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, got);
    });
}

fn json_of(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}{}", stdout(o), stderr(o)))
}

/// The verdict of `column` for `domain` in a JSON scorecard.
fn verdict(card: &Value, domain: &str, column: &str) -> String {
    let row = card["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["domain"] == domain)
        .unwrap_or_else(|| panic!("no row for {domain} in {card:#}"));
    row["checks"][column].as_str().unwrap().to_string()
}

/// The columns that do not pass, for each domain (columns by name: serde_json sorts keys).
fn failing(card: &Value) -> Vec<(String, Vec<String>)> {
    card["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let cols = d["checks"]
                .as_object()
                .unwrap()
                .iter()
                .filter(|(_, v)| *v != "pass")
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap()))
                .collect();
            (d["domain"].as_str().unwrap().to_string(), cols)
        })
        .collect()
}

#[test]
fn repository_markdown_snapshot() {
    let o = run_repository(&[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    snapshot("repository.md", &stdout(&o));
}

#[test]
fn repository_json_snapshot_valid_against_schema() {
    let o = run_repository(&["--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    snapshot("repository.json", &stdout(&o));
    let card = json_of(&o);
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/scorecard.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&card)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema is not vacuous: a verdict it does not know is refused.
    let mut bad = card.clone();
    bad["domains"][0]["checks"]["spf"] = Value::from("maybe");
    assert!(!validator.is_valid(&bad));
}

/// Each domain of the repository fails what its zone's comment says, and nothing else;
/// pass.example and the non-sending nomail.example pass every column.
#[test]
fn each_domain_fails_its_one_standard() {
    let card = json_of(&run_repository(&["--format", "json"]));
    let got = failing(&card);
    let want: &[(&str, &[&str])] = &[
        ("dmarcnone.example.", &["dmarc_policy=fail"]),
        ("dmarctest.example.", &["dmarc_policy=fail"]),
        // DANE needs DNSSEC: the TLSA records of a host in an unsigned zone are insecure, as
        // internet.nl's dane_exists says (checks/tasks/tls/scans.py, `dane`).
        (
            "mxunsigned.example.",
            &["dane_exists=fail", "mx_dnssec=fail"],
        ),
        ("noaaaa.example.", &["mx_ipv6=fail"]),
        ("nomail.example.", &[]),
        ("onetlsa.example.", &["dane_rollover=fail"]),
        ("partialdane.example.", &["dane_exists=fail"]),
        ("pass.example.", &[]),
        ("spfneutral.example.", &["spf_policy=fail"]),
        ("unsigned.example.", &["dnssec=fail"]),
    ];
    let want: Vec<(String, Vec<String>)> = want
        .iter()
        .map(|(d, c)| (d.to_string(), c.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(got, want);
    // plainhost.example has no MX, SPF or DMARC: it is no mail domain, and has no row.
    assert!(!stdout(&run_repository(&[])).contains("| plainhost"));
}

#[test]
fn require_limits_the_columns_that_decide_the_exit_status() {
    let o = run_repository(&["--require", "spf,dkim,mta_sts"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_repository(&["--require", "spf,dmarc_policy"]);
    assert_eq!(o.status.code(), Some(1));
    let o = run_repository(&["--require", "spf,dmarc-policy"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no column `dmarc-policy`"),
        "{}",
        stderr(&o)
    );
    // An unknown cell fails nothing: without --cert dane_valid is unknown everywhere.
    let files = repository();
    let mut args = vec!["scorecard", "--now", NOW, "--require", "dane_valid"];
    args.extend(files.iter().map(String::as_str));
    let o = util::zw(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("❔ unknown"));
}

#[test]
fn a_directory_reads_as_its_zone_files() {
    // The walker `lint` uses: the directory's zone files (not parent.ds, not the
    // snapshots), in path order, give the same scorecard as the files named one by one.
    let by_files = run_repository(&["--format", "json"]);
    let by_dir = run_paths(&["--format", "json"], &["testdata/scorecard"]);
    assert_eq!(by_dir.status.code(), by_files.status.code());
    assert!(
        stdout(&by_dir).contains("\"domain\""),
        "{}",
        stderr(&by_dir)
    );
    assert_eq!(stdout(&by_dir), stdout(&by_files));
}

#[test]
fn html_parses_with_a_strict_html5_parser() {
    let o = run_repository(&["--format", "html"]);
    assert_eq!(o.status.code(), Some(1));
    let html = stdout(&o);
    let dir = util::scratch("scorecard-html");
    let file = dir.join("card.html");
    std::fs::write(&file, &html).unwrap();
    // Debian's python3-html5lib (scripts/test.sh installs it); /usr/bin/python3, not a
    // pyenv shim that lacks it.
    let script = "import sys, html5lib\n\
        p = html5lib.HTMLParser(strict=True)\n\
        p.parse(open(sys.argv[1], 'rb').read())\n\
        print(len(p.errors))\n";
    let py = std::process::Command::new("/usr/bin/python3")
        .args(["-c", script])
        .arg(&file)
        .output()
        .expect("/usr/bin/python3 runs");
    assert!(py.status.success(), "html5lib: {}", stderr(&py));
    assert_eq!(stdout(&py).trim(), "0");
    // Each cell that is not a pass links to its section, which lists its findings.
    assert!(
        html.contains("<a href=\"#r6-dane_exists\">fail</a>"),
        "{html}"
    );
    assert!(html.contains("<section id=\"r6-dane_exists\">"));
    assert!(html.contains("<code>ZW3007</code>"));
}

#[test]
fn svg_badges_render_without_warnings() {
    let o = run_repository(&["--format", "svg"]);
    let svg = stdout(&o);
    assert_eq!(svg.matches("<g id=\"badge-").count(), 10);
    assert!(svg.contains("pass.example.: 15/15 pass"), "{svg}");
    let (png, warnings) = util::rsvg_png(&svg);
    assert!(warnings.trim().is_empty(), "rsvg-convert: {warnings}");
    assert!(png.starts_with(b"\x89PNG"));
}

// Criteria, one column each, on zones written here.

/// A zone `NAME.example.` with two name servers with AAAA records and `body`.
fn zone(name: &str, body: &str) -> String {
    format!(
        "$ORIGIN {name}.example.\n$TTL 3600\n\
         @ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n\
         @ NS ns1\n@ NS ns2\n\
         ns1 A 192.0.2.53\nns1 AAAA 2001:db8::53\nns2 A 192.0.2.54\nns2 AAAA 2001:db8::54\n\
         {body}\n"
    )
}

/// The JSON scorecard of `zones` (name, text) written to a scratch directory, with `extra`.
fn card(test: &str, zones: &[(&str, String)], extra: &[&str]) -> Value {
    let dir = util::scratch(&format!("scorecard-{test}"));
    let files: Vec<PathBuf> = zones
        .iter()
        .map(|(n, text)| {
            let f = dir.join(format!("{n}.zone"));
            std::fs::write(&f, text).unwrap();
            f
        })
        .collect();
    let mut args = vec!["scorecard", "--format", "json", "--now", NOW];
    args.extend_from_slice(extra);
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(names.iter().map(String::as_str));
    let o = util::zw_in(root(), &args);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
    json_of(&o)
}

/// The verdict of `column` for `t.example.` whose zone holds `body`.
fn decide(test: &str, column: &str, body: &str) -> String {
    let c = card(test, &[("t", zone("t", body))], &[]);
    verdict(&c, "t.example.", column)
}

/// The repository's pass.example with its certificates, and `extra`, as JSON.
fn pass_zone(extra: &[&str]) -> Value {
    let mut args = vec!["scorecard", "--format", "json", "--now", NOW];
    args.extend_from_slice(extra);
    args.push("testdata/scorecard/pass.zone");
    json_of(&util::zw(&args))
}

/// dnssec: `checks/tasks/dnssec.py`, `get_domain_results`: a secure domain passes; an
/// insecure one (no DS at the parent, or not signed) fails; a bogus one fails.
#[test]
fn dnssec_secure_passes_insecure_fails() {
    let ds = ["--ds", "testdata/scorecard/parent.ds"];
    assert_eq!(verdict(&pass_zone(&ds), "pass.example.", "dnssec"), "pass");
    // Signed, but the DS file holds no DS for it: insecure at its parent.
    let dir = util::scratch("scorecard-dnssec");
    let other = dir.join("other.ds");
    let all = std::fs::read_to_string(root().join("testdata/scorecard/parent.ds")).unwrap();
    let kept: String = all
        .lines()
        .filter(|l| !l.starts_with("pass.example."))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&other, kept).unwrap();
    let other = other.display().to_string();
    let c = pass_zone(&["--ds", &other]);
    assert_eq!(verdict(&c, "pass.example.", "dnssec"), "fail");
    // Without --ds, whether the parent has a DS is unknown.
    assert_eq!(
        verdict(&pass_zone(&[]), "pass.example.", "dnssec"),
        "unknown"
    );
    assert_eq!(decide("dnssec-unsigned", "dnssec", "@ MX 10 ns1"), "fail");
    // A signature that does not verify makes it bogus: ZW2001 behind the cell.
    let text = std::fs::read_to_string(root().join("testdata/scorecard/pass.zone")).unwrap();
    let broken = text.replacen("\"v=spf1 mx -all\"", "\"v=spf1 mx ~all\"", 1);
    assert_ne!(broken, text);
    let c = card("dnssec-bogus", &[("pass", broken)], &ds);
    assert_eq!(verdict(&c, "pass.example.", "dnssec"), "fail");
    assert!(c.to_string().contains("ZW2001"), "{c:#}");
}

/// mx_dnssec: `checks/tasks/dnssec.py`, `get_mx_results`: every MX host's domain must be
/// secure; untested without MX hosts.
#[test]
fn mx_dnssec_needs_every_mail_host_secure() {
    let card = json_of(&run_repository(&["--format", "json"]));
    assert_eq!(verdict(&card, "unsigned.example.", "mx_dnssec"), "pass");
    assert_eq!(verdict(&card, "mxunsigned.example.", "mx_dnssec"), "fail");
    // A host in a zone not in the run cannot be judged.
    let c = decide(
        "mx-dnssec-outside",
        "mx_dnssec",
        "@ MX 10 mail.elsewhere.test.",
    );
    assert_eq!(c, "unknown");
    assert_eq!(decide("mx-dnssec-null", "mx_dnssec", "@ MX 0 ."), "pass");
}

/// dane_exists: `checks/tasks/tls/scans.py`, `dane`: secure TLSA records at `_25._tcp.HOST`
/// with a DANE usage (PKIX usages 0 and 1 are ignored for port 25), for every MX host.
#[test]
fn dane_exists_needs_secure_tlsa_on_every_host() {
    let card = json_of(&run_repository(&["--format", "json"]));
    assert_eq!(verdict(&card, "pass.example.", "dane_exists"), "pass");
    assert_eq!(
        verdict(&card, "partialdane.example.", "dane_exists"),
        "fail"
    );
    let pkix = "@ MX 10 mx\nmx A 192.0.2.25\n_25._tcp.mx TLSA 1 1 1 \
        0000000000000000000000000000000000000000000000000000000000000000";
    assert_eq!(decide("dane-pkix", "dane_exists", pkix), "fail");
}

/// dane_valid: `checks/tasks/tls/scans.py`, `dane`: `ldns-dane verify` of the served chain
/// against the TLSA records; offline, a usable record must match a certificate or key given
/// with --cert, and without one the cell is unknown.
#[test]
fn dane_valid_matches_the_certificates_given() {
    let cert = ["--cert", "testdata/tlsa/fullchain.pem"];
    assert_eq!(
        verdict(&pass_zone(&cert), "pass.example.", "dane_valid"),
        "pass"
    );
    let other = ["--cert", "testdata/tlsa/rsa.pem"];
    assert_eq!(
        verdict(&pass_zone(&other), "pass.example.", "dane_valid"),
        "fail"
    );
    assert_eq!(
        verdict(&pass_zone(&[]), "pass.example.", "dane_valid"),
        "unknown"
    );
}

/// dane_valid fails a host whose certificate, given by name, no record of the host
/// matches (ZW3011), even when a staged key given beside it matches one: the server presents
/// the certificate, not the key. With the certificate's record published it passes.
#[test]
fn dane_valid_fails_a_renewed_certificate_a_staged_key_does_not_save() {
    // The 3 1 1 records of the key before the renewal and of the staged next key
    // (testdata/tlsa/old.pem, next.key); the renewed certificate (fullchain.pem, for
    // mail.example.com) has none.
    let old = "3 1 1 60DDA15C4EC3BB6D1349C8C3A3E78E268200598B174CD0A22679D5363C1DB56F";
    let next = "3 1 1 DFC06C45CC1D34CB2983595A929A6A7ADEC4E5CF997B58140BF8B8611BA6322B";
    let current = "3 1 1 571312032B95CDE3387D4FCB6D936C6DD2340DA193FAF69D1F249A4417FE45A5";
    let zone = |records: &[&str]| {
        let mut z = String::from(
            "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n\
             @ NS ns1\n@ MX 10 mail\nns1 A 192.0.2.53\nmail A 192.0.2.25\n",
        );
        for r in records {
            z.push_str(&format!("_25._tcp.mail TLSA {r}\n"));
        }
        z
    };
    let certs = [
        "--cert",
        "testdata/tlsa/fullchain.pem",
        "--cert",
        "testdata/tlsa/next.key",
    ];
    let renewed = card(
        "dane-renewed",
        &[("example.com", zone(&[old, next]))],
        &certs,
    );
    assert_eq!(verdict(&renewed, "example.com.", "dane_valid"), "fail");
    let published = card(
        "dane-published",
        &[("example.com", zone(&[current, next]))],
        &certs,
    );
    assert_eq!(verdict(&published, "example.com.", "dane_valid"), "pass");
}

/// dane_rollover: `checks/tasks/tls/scans.py`, `dane`: "Accepted pairs are 3 x x - 3 x x,
/// 3 x x - 2 x x".
#[test]
fn dane_rollover_needs_two_ee_or_an_ee_and_a_ta() {
    let tlsa = |a: u8, b: u8| {
        format!(
            "@ MX 10 mx\nmx A 192.0.2.25\n\
             _25._tcp.mx TLSA {a} 1 1 {}\n_25._tcp.mx TLSA {b} 1 1 {}",
            "11".repeat(32),
            "22".repeat(32)
        )
    };
    assert_eq!(decide("rollover-33", "dane_rollover", &tlsa(3, 3)), "pass");
    assert_eq!(decide("rollover-32", "dane_rollover", &tlsa(3, 2)), "pass");
    assert_eq!(decide("rollover-22", "dane_rollover", &tlsa(2, 2)), "fail");
    let card = json_of(&run_repository(&["--format", "json"]));
    assert_eq!(verdict(&card, "onetlsa.example.", "dane_rollover"), "fail");
}

/// spf: `checks/tasks/mail.py`, `do_spf`: the domain has an SPF record (one).
#[test]
fn spf_needs_one_record() {
    assert_eq!(decide("spf-one", "spf", "@ TXT \"v=spf1 -all\""), "pass");
    assert_eq!(decide("spf-none", "spf", "@ MX 10 ns1"), "fail");
    let two = "@ TXT \"v=spf1 -all\"\n@ TXT \"v=spf1 mx -all\"";
    assert_eq!(decide("spf-two", "spf", two), "fail");
}

/// spf_policy: `checks/tasks/mail.py`, `spf_check_policy`: `-all` or `~all`; `+all`,
/// `?all`, and neither `all` nor `redirect` (which means `?all`) fail; so do more than 10
/// DNS lookups and an include or redirect whose record fails.
#[test]
fn spf_policy_wants_a_failing_all() {
    let spf = |t: &str| {
        format!(
            "@ TXT \"{t}\"\n_spf TXT \"v=spf1 ip4:192.0.2.0/24 ?all\"\n\
             _strict TXT \"v=spf1 ip4:192.0.2.0/24 -all\""
        )
    };
    let cases = [
        ("v=spf1 mx -all", "pass"),
        ("v=spf1 mx ~all", "pass"),
        ("v=spf1 mx ?all", "fail"),
        ("v=spf1 mx +all", "fail"),
        ("v=spf1 mx", "fail"),
        // An include may end in ?all: its result is only "no match".
        ("v=spf1 include:_spf.t.example -all", "pass"),
        // A redirect takes the target's policy: `?all` there fails, `-all` passes.
        ("v=spf1 redirect=_spf.t.example", "fail"),
        ("v=spf1 redirect=_strict.t.example", "pass"),
        ("v=spf1 include:_nothing.t.example -all", "fail"),
        ("v=spf1 a mx ptr a:a.t.example a:b.t.example a:c.t.example a:d.t.example a:e.t.example a:f.t.example a:g.t.example a:h.t.example -all", "fail"),
        ("v=spf1 include:_spf.elsewhere.test -all", "unknown"),
    ];
    for (i, (record, want)) in cases.iter().enumerate() {
        let got = decide(&format!("spf-policy-{i}"), "spf_policy", &spf(record));
        assert_eq!(&got, want, "{record}");
    }
}

/// dmarc: `checks/tasks/mail.py`, `do_dmarc`: one DMARC record at `_dmarc.DOMAIN`, else at
/// the organisational domain's (offline: the zone's apex).
#[test]
fn dmarc_needs_a_record_here_or_at_the_organisational_domain() {
    let rec = "_dmarc TXT \"v=DMARC1; p=reject\"";
    assert_eq!(
        decide("dmarc-one", "dmarc", &format!("@ MX 10 ns1\n{rec}")),
        "pass"
    );
    assert_eq!(decide("dmarc-none", "dmarc", "@ MX 10 ns1"), "fail");
    let sub = format!("{rec}\nsub MX 10 ns1");
    let c = card("dmarc-org", &[("t", zone("t", &sub))], &[]);
    assert_eq!(verdict(&c, "sub.t.example.", "dmarc"), "pass");
}

/// dmarc_policy: `checks/tasks/mail.py`, `dmarc_verify_sufficient_policy`: the applied
/// policy (`sp=` for the organisational domain when present, else `p=`) is quarantine or
/// reject; `t=y` (test mode) lowers quarantine to insufficient.
#[test]
fn dmarc_policy_wants_quarantine_or_reject_outside_test_mode() {
    let cases = [
        ("v=DMARC1; p=reject", "pass"),
        ("v=DMARC1; p=quarantine", "pass"),
        ("v=DMARC1; p=none", "fail"),
        ("v=DMARC1; p=quarantine; t=y", "fail"),
        ("v=DMARC1; p=reject; t=y", "pass"),
        ("v=DMARC1; p=rejected", "fail"),
    ];
    for (i, (record, want)) in cases.iter().enumerate() {
        let body = format!("@ MX 10 ns1\n_dmarc TXT \"{record}\"");
        assert_eq!(
            &decide(&format!("dmarc-policy-{i}"), "dmarc_policy", &body),
            want,
            "{record}"
        );
    }
    // A name without its own record takes the organisational domain's sp=.
    for (i, (record, want)) in [
        ("v=DMARC1; p=reject; sp=none", "fail"),
        ("v=DMARC1; p=none; sp=reject", "pass"),
    ]
    .iter()
    .enumerate()
    {
        let body = format!("_dmarc TXT \"{record}\"\nsub MX 10 ns1");
        let c = card(&format!("dmarc-sp-{i}"), &[("t", zone("t", &body))], &[]);
        assert_eq!(
            &verdict(&c, "sub.t.example.", "dmarc_policy"),
            want,
            "{record}"
        );
    }
}

/// dkim: `checks/tasks/mail.py`, `do_dkim` (`_domainkey.DOMAIN` exists) and
/// `skip_dkim_for_non_sending_domain` with the patterns of `checks/__init__.py`: a domain
/// with SPF `v=spf1 -all` and DMARC `p=reject` needs no DKIM.
#[test]
fn dkim_needs_keys_unless_the_domain_sends_no_mail() {
    let key =
        "s1._domainkey TXT \"v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"";
    assert_eq!(
        decide("dkim-key", "dkim", &format!("@ MX 10 ns1\n{key}")),
        "pass"
    );
    assert_eq!(decide("dkim-none", "dkim", "@ MX 10 ns1"), "fail");
    let none = |dmarc: &str| format!("@ TXT \"v=spf1 -all\"\n_dmarc TXT \"{dmarc}\"");
    assert_eq!(
        decide("dkim-nomail", "dkim", &none("v=DMARC1; p=reject")),
        "pass"
    );
    assert_eq!(
        decide("dkim-quarantine", "dkim", &none("v=DMARC1; p=quarantine")),
        "fail"
    );
}

/// mta_sts and tls_rpt: not in internet.nl's mail test; RFC 8461 §3.1 and RFC 8460 §3: one
/// record of the kind at `_mta-sts` and at `_smtp._tls`, without an error finding.
#[test]
fn mta_sts_and_tls_rpt_need_their_records() {
    let sts = "@ MX 10 ns1\n_mta-sts TXT \"v=STSv1; id=1\"";
    assert_eq!(decide("sts-one", "mta_sts", sts), "pass");
    assert_eq!(
        decide(
            "sts-bad",
            "mta_sts",
            "@ MX 10 ns1\n_mta-sts TXT \"v=STSv1; id=a-b\""
        ),
        "fail"
    );
    assert_eq!(decide("sts-none", "mta_sts", "@ MX 10 ns1"), "fail");
    let rpt = "@ MX 10 ns1\n_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:t@t.example\"";
    assert_eq!(decide("rpt-one", "tls_rpt", rpt), "pass");
    assert_eq!(decide("rpt-none", "tls_rpt", "@ MX 10 ns1"), "fail");
}

/// mx_ipv6: `checks/tasks/ipv6.py`, `callback` (`mx_aaaa`): every MX host has an AAAA
/// record.
#[test]
fn mx_ipv6_needs_aaaa_on_every_host() {
    assert_eq!(
        decide("mx-aaaa", "mx_ipv6", "@ MX 10 ns1\n@ MX 20 ns2"),
        "pass"
    );
    let one = "@ MX 10 ns1\n@ MX 20 mx\nmx A 192.0.2.25";
    assert_eq!(decide("mx-a-only", "mx_ipv6", one), "fail");
    assert_eq!(
        decide("mx-outside", "mx_ipv6", "@ MX 10 mail.elsewhere.test."),
        "unknown"
    );
}

/// ns_ipv6: `checks/tasks/ipv6.py`, `callback` (`ns_aaaa`): at least two name servers have
/// an AAAA record.
#[test]
fn ns_ipv6_needs_two_name_servers_with_aaaa() {
    assert_eq!(decide("ns-two", "ns_ipv6", "@ MX 0 ."), "pass");
    let one = "$ORIGIN t.example.\n$TTL 3600\n@ SOA ns1 h 1 7200 3600 1209600 3600\n\
               @ NS ns1\n@ NS ns2\nns1 A 192.0.2.53\nns1 AAAA 2001:db8::53\nns2 A 192.0.2.54\n\
               @ MX 0 .\n";
    let c = card("ns-one", &[("t", one.to_string())], &[]);
    assert_eq!(verdict(&c, "t.example.", "ns_ipv6"), "fail");
    let outside = one.replace("@ NS ns2", "@ NS ns.elsewhere.test.");
    let c = card("ns-outside", &[("t", outside)], &[]);
    assert_eq!(verdict(&c, "t.example.", "ns_ipv6"), "unknown");
}

/// mail_caa: `checks/caa/retrieval.py`, `CAAEvaluation`, for each MX host (`scans.py`): the
/// CAA RRset found from the host up holds an `issue` property and no error.
#[test]
fn mail_caa_needs_an_issue_property_above_each_host() {
    let base = "@ MX 10 ns1";
    assert_eq!(
        decide(
            "caa-issue",
            "mail_caa",
            &format!("{base}\n@ CAA 0 issue \"ca.example.net\"")
        ),
        "pass"
    );
    let iodef = format!("{base}\n@ CAA 0 iodef \"mailto:s@t.example\"");
    assert_eq!(decide("caa-iodef", "mail_caa", &iodef), "fail");
    assert_eq!(decide("caa-none", "mail_caa", base), "fail");
    // The nearest CAA RRset decides: one at the host hides the apex's.
    let host =
        format!("{base}\n@ CAA 0 issue \"ca.example.net\"\nns1 CAA 0 issuewild \"ca.example.net\"");
    assert_eq!(decide("caa-nearest", "mail_caa", &host), "fail");
}
