//! Input written by someone who wants zonewarden to leak, hang, blow up or wave a zone
//! through: each test reproduces one way of trying, with the input generated here.

use crate::util::{command_in, temp_scratch, text, zw_within};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

/// Long enough for any run here: what exceeds it hangs or blows up.
const LIMIT: Duration = Duration::from_secs(60);

const HEAD: &str = "$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ NS ns1\nns1 A 192.0.2.1\nns1 AAAA 2001:db8::1\n";

/// Item 4: each line opens a parenthesis that is never closed. Recovering from each by
/// reading to the end of the file again made this quadratic; 480 KB did not finish in 30 s.
#[test]
fn unclosed_parentheses_cost_linear_time() {
    let dir = temp_scratch("hostile-parens");
    let mut zone = String::from(HEAD);
    for _ in 0..100_000 {
        zone.push_str("a A (\n");
    }
    std::fs::write(dir.join("parens.example.zone"), &zone).unwrap();
    let o = zw_within(
        &dir,
        &["lint", "--format", "json", "parens.example.zone"],
        Duration::from_secs(30),
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let unclosed = report["zones"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "ZW1005")
        .count();
    // Every one of them is reported, as the slow recovery reported them.
    assert_eq!(unclosed, 100_000);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 4, the other way round: lines whose parentheses close after a doomed one are still
/// read as records.
#[test]
fn records_after_an_unclosed_parenthesis_still_read() {
    let dir = temp_scratch("hostile-parens-mixed");
    let zone =
        format!("{HEAD}a A (\nb TXT ( \"x\" )\nc A ( 192.0.2.3\n  )\nd ( A\ne A 192.0.2.5\n");
    std::fs::write(dir.join("mixed.example.zone"), &zone).unwrap();
    let o = zw_within(
        &dir,
        &["lint", "--format", "json", "mixed.example.zone"],
        LIMIT,
    );
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let zone = &report["zones"][0];
    // The four records of HEAD, then b, c and e.
    assert_eq!(zone["records"], 7, "{zone}");
    let unclosed: Vec<_> = zone["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "ZW1005")
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(unclosed, [6, 10]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 8: a `;` inside a quoted string that runs over two lines is not a comment, so the
/// suppression it seems to carry must not hide the broken record after it.
#[test]
fn a_quoted_string_carries_no_suppression() {
    let dir = temp_scratch("hostile-quoted-suppression");
    let zone = format!("{HEAD}t TXT \"abc\\\n; zonewarden: ignore[ZW1002]\"\nx A 1.2.3\n");
    std::fs::write(dir.join("q.example.zone"), &zone).unwrap();
    let o = zw_within(&dir, &["lint", "q.example.zone"], LIMIT);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("error[ZW1002]"), "{out}");
    assert!(out.contains("q.example.zone:8:5"), "{out}");
    // A real comment with the same words still suppresses.
    let zone = format!("{HEAD}; zonewarden: ignore[ZW1002]\nx A 1.2.3\n");
    std::fs::write(dir.join("q.example.zone"), &zone).unwrap();
    let o = zw_within(&dir, &["lint", "q.example.zone"], LIMIT);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 1: `$INCLUDE` of a file outside the zone's directory is refused without opening
/// it, so the process environment (CI's secrets) never reaches a report.
#[test]
fn include_outside_the_zone_directory_is_not_read() {
    let dir = temp_scratch("hostile-include-outside");
    let outside = temp_scratch("hostile-include-outside-secret");
    std::fs::write(outside.join("secret.zone"), "canary-d41d8cd9 TXT x\n").unwrap();
    std::os::unix::fs::symlink(outside.join("secret.zone"), dir.join("link.zone")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.zone")).unwrap();
    let zone = format!(
        "{HEAD}$INCLUDE /proc/self/environ\n$INCLUDE {}\n$INCLUDE link.zone\n$INCLUDE zero.zone\n$INCLUDE /etc/shadow\n",
        outside.join("secret.zone").display()
    );
    std::fs::write(dir.join("inc.example.zone"), &zone).unwrap();
    for format in ["human", "short", "github", "json", "sarif"] {
        let mut child = command_in(&dir);
        child
            .args(["lint", "--format", format, "inc.example.zone"])
            .env("ZW_CANARY", "canary-5f4dcc3b");
        let o = child.output().unwrap();
        let out = text(&o);
        assert_eq!(o.status.code(), Some(1), "{out}");
        assert!(
            !out.contains("canary-5f4dcc3b"),
            "{format}: environment leaked\n{out}"
        );
        assert!(
            !out.contains("canary-d41d8cd9"),
            "{format}: outside file read\n{out}"
        );
        assert!(!out.contains("root:"), "{format}: /etc/shadow read\n{out}");
        if !matches!(format, "json" | "sarif") {
            assert_eq!(out.matches("ZW1012").count(), 5, "{format}\n{out}");
        }
    }
    // --include-root allows the directory; the file is then read.
    let root = outside.to_str().unwrap();
    let o = zw_within(
        &dir,
        &["lint", "--include-root", root, "inc.example.zone"],
        LIMIT,
    );
    let out = text(&o);
    assert_eq!(out.matches("error[ZW1012]").count(), 3, "{out}");
    assert!(out.contains("canary-d41d8cd9"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&outside).unwrap();
}

/// Item 1: a FIFO or device inside the zone's directory is not a zone file: opening a FIFO
/// would hang, reading a device would never end.
#[test]
fn include_of_a_fifo_does_not_hang() {
    let dir = temp_scratch("hostile-include-fifo");
    let fifo = dir.join("pipe.zone");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    std::fs::write(
        dir.join("f.example.zone"),
        format!("{HEAD}$INCLUDE pipe.zone\n"),
    )
    .unwrap();
    let o = zw_within(&dir, &["lint", "f.example.zone"], Duration::from_secs(20));
    let out = text(&o);
    assert!(out.contains("error[ZW1012]"), "{out}");
    assert!(out.contains("not a regular file"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 1: roots in `zonewarden.toml` widen what may be read only inside the repository
/// the file configures.
#[test]
fn config_include_roots_stay_inside_its_directory() {
    let dir = temp_scratch("hostile-include-config");
    std::fs::create_dir_all(dir.join("zones")).unwrap();
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    std::fs::write(dir.join("shared/hosts.inc"), "www A 192.0.2.80\n").unwrap();
    std::fs::write(
        dir.join("zones/c.example.zone"),
        format!("{HEAD}$INCLUDE ../shared/hosts.inc\n"),
    )
    .unwrap();
    let o = zw_within(&dir, &["lint", "zones/c.example.zone"], LIMIT);
    assert!(text(&o).contains("error[ZW1012]"), "{}", text(&o));
    std::fs::write(
        dir.join("zonewarden.toml"),
        "include-roots = [\"shared\"]\n",
    )
    .unwrap();
    let o = zw_within(&dir, &["lint", "zones/c.example.zone"], LIMIT);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    std::fs::write(dir.join("zonewarden.toml"), "include-roots = [\"/\"]\n").unwrap();
    let o = zw_within(&dir, &["lint", "zones/c.example.zone"], LIMIT);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("outside the directory of this file"),
        "{}",
        text(&o)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 3: `$GENERATE` is budgeted per zone, from the ranges, before anything is
/// expanded; ten short lines used to make ten million records.
#[test]
fn generate_has_a_budget_per_zone() {
    let dir = temp_scratch("hostile-generate");
    let mut zone = String::from(HEAD);
    for k in 0..10 {
        let chunk = "x".repeat(100);
        zone.push_str(&format!(
            "$GENERATE 0-999999 h{k}-$ TXT {chunk} {chunk} {chunk} {chunk}\n"
        ));
    }
    std::fs::write(dir.join("g.example.zone"), &zone).unwrap();
    let o = zw_within(
        &dir,
        &["lint", "--format", "json", "g.example.zone"],
        Duration::from_secs(60),
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let z = &report["zones"][0];
    let generate: Vec<_> = z["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "ZW1013")
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    // The first line's text (1M records of over 400 bytes) is over the text budget, and
    // every later line over the record budget, each refused where it stands.
    assert_eq!(generate, (6..=15).collect::<Vec<u64>>(), "{z}");
    assert!(z["records"].as_u64().unwrap() < 1 << 20, "{}", z["records"]);

    // A lower budget from zonewarden.toml.
    std::fs::write(
        dir.join("zonewarden.toml"),
        "[limits]\ngenerated-records = 1000\n",
    )
    .unwrap();
    let zone = format!("{HEAD}$GENERATE 1-600 a$ A 192.0.2.1\n$GENERATE 1-600 b$ A 192.0.2.1\n");
    std::fs::write(dir.join("g.example.zone"), &zone).unwrap();
    let o = zw_within(
        &dir,
        &["lint", "--format", "short", "g.example.zone"],
        LIMIT,
    );
    let out = text(&o);
    assert!(out.contains("error[ZW1013] (line 7)"), "{out}");
    assert!(out.contains("604 records"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 3: fifteen small files that each include the next twice read 2^15 copies of the
/// last (3.3 million records from 2 KB); records read through includes are capped.
#[test]
fn include_fan_out_is_capped() {
    let dir = temp_scratch("hostile-fan-out");
    for k in 0..15 {
        let next = format!("f{}.inc", k + 1);
        std::fs::write(
            dir.join(format!("f{k}.inc")),
            format!("$INCLUDE {next}\n$INCLUDE {next}\n"),
        )
        .unwrap();
    }
    std::fs::write(dir.join("f15.inc"), "x TXT a\n".repeat(100)).unwrap();
    std::fs::write(
        dir.join("zonewarden.toml"),
        "[limits]\nincluded-records = 5000\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("fan.example.zone"),
        format!("{HEAD}$INCLUDE f0.inc\n"),
    )
    .unwrap();
    let o = zw_within(
        &dir,
        &["lint", "--format", "json", "fan.example.zone"],
        Duration::from_secs(60),
    );
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let z = &report["zones"][0];
    let cap: Vec<_> = z["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "ZW1012")
        .collect();
    assert_eq!(cap.len(), 1, "{z}");
    assert!(cap[0]["message"]
        .as_str()
        .unwrap()
        .contains("more than 5000 records"));
    assert!(
        z["records"].as_u64().unwrap() <= 5004 + 4,
        "{}",
        z["records"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 3: record offsets into the RDATA arena are 32 bits; the reader stops with a
/// finding before one could wrap (here with a smaller arena, as 4 GiB is too much for a test).
#[test]
fn rdata_arena_never_wraps() {
    use zonewarden::zone::{read_text, Limits, ReadOptions};
    let mut text = String::from(HEAD);
    for k in 0..2000 {
        text.push_str(&format!("t{k} TXT \"{}\"\n", "y".repeat(200)));
    }
    let opts = ReadOptions {
        limits: Limits {
            rdata_bytes: 150_000,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    let zone = read_text(
        PathBuf::from("arena.example.zone"),
        text.into_bytes(),
        &opts,
    );
    let stops: Vec<_> = zone
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == "ZW1016")
        .collect();
    assert_eq!(stops.len(), 1, "{:?}", zone.diagnostics);
    assert!(zone.rdata.len() <= 150_000);
    // Every record read has its own RDATA, intact.
    let last = zone.records.last().unwrap();
    assert_eq!(zone.rdata(last).len(), 201);
}

/// Item 10: control characters from the zone are escaped in every text report, so a zone
/// cannot clear a terminal or forge a log line.
#[test]
fn control_characters_are_escaped_in_reports() {
    let dir = temp_scratch("hostile-controls");
    let zone = format!("{HEAD}x A a\x1b[2J\x1b]0;pwned\x07b\nzonewarden: A 1\r\n");
    std::fs::write(dir.join("esc.example.zone"), &zone).unwrap();
    for format in ["human", "short", "github"] {
        let o = zw_within(
            &dir,
            &["lint", "--format", format, "esc.example.zone"],
            LIMIT,
        );
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(
            !o.stdout.iter().any(|&b| b == 0x1b || b == 0x07),
            "{format}: {}",
            text(&o)
        );
        assert!(text(&o).contains("\\x1b[2J"), "{format}: {}", text(&o));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 10: a huge token is quoted in part, not whole, in the message and the snippet.
#[test]
fn a_huge_token_is_not_echoed_whole() {
    let dir = temp_scratch("hostile-huge-token");
    let zone = format!("{HEAD}x A {}\n", "9".repeat(4 << 20));
    std::fs::write(dir.join("big.example.zone"), &zone).unwrap();
    for format in ["human", "short", "github", "json"] {
        let o = zw_within(
            &dir,
            &["lint", "--format", format, "big.example.zone"],
            LIMIT,
        );
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(o.stdout.len() < 8192, "{format}: {} bytes", o.stdout.len());
        assert!(text(&o).contains("more bytes)"), "{format}: {}", text(&o));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 10: `short` names the included file a finding is in.
#[test]
fn short_names_included_files() {
    let dir = temp_scratch("hostile-short-include");
    std::fs::write(dir.join("hosts.inc"), "ok A 192.0.2.7\nbad A 1.2.3\n").unwrap();
    std::fs::write(
        dir.join("s.example.zone"),
        format!("{HEAD}$INCLUDE hosts.inc\n"),
    )
    .unwrap();
    let o = zw_within(
        &dir,
        &["lint", "--format", "short", "s.example.zone"],
        LIMIT,
    );
    let out = text(&o);
    assert!(out.contains("error[ZW1002] (hosts.inc line 2)"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item 10: `--now` is parsed strictly: an impossible time is refused, and the compact form
/// means the instant it names, as the RFC 3339 form does, not that instant modulo 2^32.
#[test]
fn now_is_parsed_strictly() {
    let root = crate::util::root();
    let zone = "testdata/zones/signed/example.com.bind-ecdsap256-nsec.signed";
    for bad in [
        "2026-11-25T99:99:99Z",
        "2026-02-30T00:00:00Z",
        "20261125999999",
    ] {
        let o = zw_within(root, &["verify", "--now", bad, zone], LIMIT);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", text(&o));
        assert!(text(&o).contains("--now"), "{}", text(&o));
    }
    let compact = zw_within(
        root,
        &[
            "verify",
            "--format",
            "short",
            "--now",
            "21070101000000",
            zone,
        ],
        LIMIT,
    );
    let rfc = zw_within(
        root,
        &[
            "verify",
            "--format",
            "short",
            "--now",
            "2107-01-01T00:00:00Z",
            zone,
        ],
        LIMIT,
    );
    assert_eq!(text(&compact), text(&rfc));
    assert!(
        !text(&compact).contains("not valid before 2026"),
        "{}",
        text(&compact)
    );
}

/// A directory walk (`lint DIR`, issue #17) reads only the regular zone files below it: a
/// symlink loop, a symlink out of the tree, a FIFO and a device named like zones are neither
/// followed nor opened, so the walk ends and nothing outside the tree reaches a report.
#[test]
fn directory_walk_follows_no_link_and_opens_no_special_file() {
    let dir = temp_scratch("hostile-walk");
    let outside = temp_scratch("hostile-walk-secret");
    std::fs::write(outside.join("secret.zone"), "canary-9e107d9d TXT x\n").unwrap();
    std::fs::create_dir_all(dir.join("zones/deep")).unwrap();
    std::fs::write(dir.join("zones/deep/w.example.zone"), HEAD).unwrap();
    std::os::unix::fs::symlink("..", dir.join("zones/deep/loop")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("zones/outside")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.zone"), dir.join("zones/link.zone")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("zones/zero.zone")).unwrap();
    let fifo = dir.join("zones/fifo.zone");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let o = zw_within(&dir, &["lint", "--format", "short", "zones"], LIMIT);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("1 zone read"), "{out}");
    assert!(!out.contains("canary-9e107d9d"), "outside file read\n{out}");
    assert!(
        !out.contains("fifo.zone") && !out.contains("zero.zone"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&outside).unwrap();
}

/// A device or an endless file where a zone, a certificate, a config or a rollover's new
/// version is expected: refused at once with exit status 2, never read until memory (4 GiB
/// for a zone, grown without end for the others) or the disk runs out.
#[test]
fn devices_are_refused_before_they_are_read() {
    let dir = temp_scratch("hostile-devices");
    let zone = dir.join("d.example.zone");
    std::fs::write(&zone, HEAD).unwrap();
    let z = zone.to_str().unwrap();
    let cases: [&[&str]; 5] = [
        &["lint", "/dev/zero"],
        &["verify", "/dev/urandom"],
        &["lint", "--cert", "/dev/zero", z],
        &["lint", "--config", "/dev/zero", z],
        &["rollover", z, "/dev/zero"],
    ];
    for args in cases {
        let o = zw_within(&dir, args, Duration::from_secs(20));
        let out = text(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {out}");
        assert!(out.contains("a device, not a"), "{args:?}: {out}");
    }
    // A certificate larger than any real chain is refused once it is read past the limit.
    let big = dir.join("big.pem");
    std::fs::write(&big, vec![b'A'; (16 << 20) + 1]).unwrap();
    let o = zw_within(
        &dir,
        &["lint", "--cert", big.to_str().unwrap(), z],
        Duration::from_secs(20),
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("larger than 16777216 bytes"),
        "{}",
        text(&o)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A sparse file of 5 GiB with no line end (no disk taken): refused as too large from its
/// size, with the finding at its first line, before any of it past the first chunk is read.
/// It had been read whole into memory first (5 GB) to search it for its origin. And 2 MB of
/// NULs with no line end is read as one bad line, the finding naming the file and line.
#[test]
fn a_file_too_large_is_refused_before_it_is_read() {
    let dir = temp_scratch("hostile-sparse");
    let huge = std::fs::File::create(dir.join("huge.example.zone")).unwrap();
    huge.set_len(5 << 30).unwrap();
    drop(huge);
    std::fs::write(dir.join("nul.example.zone"), vec![0u8; 2_000_000]).unwrap();
    let findings = |file: &str| {
        let o = command_in(&dir)
            .args(["lint", "--format", "json", file])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{file}: {}", text(&o));
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        report["zones"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .clone()
    };
    let huge = findings("huge.example.zone");
    let too_large = huge.iter().find(|d| d["code"] == "ZW1016").unwrap();
    assert_eq!(too_large["message"], "file larger than 4 GiB");
    assert_eq!(too_large["file"], "huge.example.zone", "{too_large}");
    assert_eq!(too_large["line"], 1, "{too_large}");
    std::fs::remove_file(dir.join("huge.example.zone")).unwrap();
    let nul = findings("nul.example.zone");
    let first = &nul[0];
    assert_eq!(first["code"], "ZW1010", "{nul:#?}");
    assert_eq!(first["file"], "nul.example.zone");
    assert_eq!((&first["line"], &first["column"]), (&1.into(), &1.into()));
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .starts_with("label of 2000000 octets"),
        "{first}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
