//! The cross-zone rules (ZW60xx) on cases the test repository (testdata/repo/, `repo.rs`)
//! does not hold, each written here as a small repository, broken and then mended: glue
//! compared with the zone the server lives in (a sibling's, a grandchild's), glue that lacks
//! an address, a DS set whose keys sign nothing or are revoked (a child signed here by
//! dnssec-signzone with fresh keys), and a PTR written without its trailing dot.

use crate::util::{self, scratch, stdout, zw_in};
use data_encoding::BASE64;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;

/// The time the signatures of the signed child are valid at.
const NOW: &str = "2026-12-01T00:00:00Z";

const SOA: &str = "@ 3600 IN SOA ns1.example.net. hostmaster.example.net. 1 7200 3600 1209600 3600";

/// Writes `files` (name, lines after `$ORIGIN`, `$TTL` and the SOA) into a fresh directory.
fn repo(name: &str, files: &[(&str, &str, &str)]) -> std::path::PathBuf {
    let dir = scratch(name);
    for (file, origin, body) in files {
        let text = format!("$ORIGIN {origin}\n$TTL 3600\n{SOA}\n{body}");
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

/// `lint .` in `dir`: the exit status and the cross-zone findings (short format).
fn cross(dir: &Path) -> (Option<i32>, Vec<String>) {
    let o = zw_in(dir, &["lint", "--now", NOW, "-q", "--format", "short", "."]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", util::text(&o));
    let found = stdout(&o)
        .lines()
        .filter(|l| l.contains("[ZW60"))
        .map(str::to_string)
        .collect();
    (o.status.code(), found)
}

#[test]
fn glue_is_compared_with_the_zone_the_server_lives_in() {
    // a. is served by a server in its sibling b.; x.a. by one in x.a. itself, whose glue the
    // grandparent holds too. Broken: both glue addresses are old.
    let zones = |which: &str, sibling: &str, grand: &str| {
        repo(
            &format!("crosszone-glue-{which}"),
            &[
                (
                    "example.test.zone",
                    "example.test.",
                    &format!(
                        "@ NS ns1.example.net.\na NS ns1.b\nb NS ns1.b\nns1.b A {sibling}\n\
                         a NS ns.x.a\nns.x.a A {grand}\n"
                    ),
                ),
                (
                    "b.example.test.zone",
                    "b.example.test.",
                    "@ NS ns1\nns1 A 192.0.2.99\n",
                ),
                (
                    "a.example.test.zone",
                    "a.example.test.",
                    "@ NS ns1.b.example.test.\n@ NS ns.x\nx NS ns.x\nns.x A 192.0.2.82\n",
                ),
                (
                    "x.a.example.test.zone",
                    "x.a.example.test.",
                    "@ NS ns\nns A 192.0.2.82\n",
                ),
            ],
        )
    };
    let (status, found) = cross(&zones("broken", "192.0.2.70", "192.0.2.80"));
    assert_eq!(status, Some(1), "{found:#?}");
    let sibling = found
        .iter()
        .find(|l| l.contains("glue 192.0.2.70 for ns1.b.example.test."));
    assert!(
        sibling.is_some_and(|l| l.contains("[ZW6002]") && l.contains("(192.0.2.99)")),
        "{found:#?}"
    );
    let grand = found.iter().find(|l| {
        l.contains("glue 192.0.2.80 for ns.x.a.example.test.")
            && l.contains("the addresses x.a.example.test. gives it (192.0.2.82)")
    });
    assert!(grand.is_some_and(|l| l.contains("[ZW6002]")), "{found:#?}");
    // Mended: the same zones with the servers' own addresses as glue.
    let (status, found) = cross(&zones("mended", "192.0.2.99", "192.0.2.82"));
    assert_eq!((status, found.len()), (Some(0), 0), "{found:#?}");
}

#[test]
fn glue_that_lacks_an_address_of_the_server_is_reported() {
    let zones = |glue: &str| {
        repo(
            &format!("crosszone-glue-lacks-{}", glue.len()),
            &[
                (
                    "example.test.zone",
                    "example.test.",
                    &format!("@ NS ns1.example.net.\na NS ns1.a\n{glue}"),
                ),
                (
                    "a.example.test.zone",
                    "a.example.test.",
                    "@ NS ns1\nns1 A 192.0.2.10\nns1 AAAA 2001:db8::10\n",
                ),
            ],
        )
    };
    let (status, found) = cross(&zones("ns1.a A 192.0.2.10\n"));
    assert_eq!(status, Some(1), "{found:#?}");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("[ZW6002]")
            && found[0].contains("the glue for ns1.a.example.test. lacks 2001:db8::10"),
        "{found:#?}"
    );
    let (status, found) = cross(&zones("ns1.a A 192.0.2.10\nns1.a AAAA 2001:db8::10\n"));
    assert_eq!((status, found.len()), (Some(0), 0), "{found:#?}");
}

#[test]
fn a_ptr_written_without_its_trailing_dot_is_reported() {
    let zones = |target: &str| {
        repo(
            &format!("crosszone-ptr-dot-{}", target.len()),
            &[
                (
                    "example.test.zone",
                    "example.test.",
                    "@ NS ns1.example.net.\n@ MX 10 mail\nmail A 192.0.2.25\n",
                ),
                (
                    "2.0.192.in-addr.arpa.zone",
                    "2.0.192.in-addr.arpa.",
                    &format!("@ NS ns1.example.net.\n25 PTR {target}\n"),
                ),
            ],
        )
    };
    let dir = zones("mail.example.test");
    let (status, found) = cross(&dir);
    assert_eq!(status, Some(0), "a warning: {found:#?}");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("[ZW6008]")
            && found[0].contains("names mail.example.test.2.0.192.in-addr.arpa."),
        "{found:#?}"
    );
    let human = stdout(&zw_in(&dir, &["lint", "-q", "--color", "never", "."]));
    assert!(
        human.contains("help: end the target with a dot: `mail.example.test.`"),
        "{human}"
    );
    let (_, found) = cross(&zones("mail.example.test."));
    assert!(found.is_empty(), "{found:#?}");
}

/// A key's DNSKEY RDATA from its `.key` file (`NAME IN DNSKEY FLAGS 3 ALG BASE64...`).
fn dnskey_rdata(key_file: &Path) -> Vec<u8> {
    let text = std::fs::read_to_string(key_file).unwrap();
    let line = text.lines().find(|l| !l.starts_with(';')).unwrap();
    let f: Vec<&str> = line.split_whitespace().collect();
    let at = f.iter().position(|w| *w == "DNSKEY").unwrap();
    let flags: u16 = f[at + 1].parse().unwrap();
    let mut rdata = flags.to_be_bytes().to_vec();
    rdata.push(f[at + 2].parse().unwrap());
    rdata.push(f[at + 3].parse().unwrap());
    rdata.extend(BASE64.decode(f[at + 4..].concat().as_bytes()).unwrap());
    rdata
}

/// The SHA-256 DS (RFC 4034 §5.1.4, key tag by Appendix B) of a key of `sec.example.test.`,
/// in presentation form: computed here, since dnssec-dsfromkey makes none for a revoked key.
fn ds_of(key_file: &Path) -> String {
    let rdata = dnskey_rdata(key_file);
    let mut ac: u32 = 0;
    for (i, b) in rdata.iter().enumerate() {
        ac += if i % 2 == 0 {
            u32::from(*b) << 8
        } else {
            u32::from(*b)
        };
    }
    let tag = (ac + (ac >> 16)) & 0xffff;
    let mut h = Sha256::new();
    h.update(b"\x03sec\x07example\x04test\x00");
    h.update(&rdata);
    let digest = data_encoding::HEXUPPER.encode(&h.finalize());
    format!("{tag} {} 2 {digest}", rdata[3])
}

fn run(dir: &Path, program: &str, args: &[&str]) -> String {
    let o = Command::new(program)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e} (Debian package bind9-utils)"));
    assert!(o.status.success(), "{program}: {}", util::text(&o));
    stdout(&o).trim().to_string()
}

#[test]
fn a_ds_set_is_judged_by_the_keys_that_sign_the_child_s_keys() {
    // sec.example.test., signed by dnssec-signzone: KSK `active` and a ZSK sign, KSK
    // `standby` is published to sign next year, KSK `revoked` is revoked (RFC 5011). Its
    // unsigned source lies beside it.
    let dir = scratch("crosszone-ds-keys");
    let keys = dir.join("keys");
    std::fs::create_dir_all(&keys).unwrap();
    let child = "sec.example.test.";
    let keygen = |extra: &[&str]| {
        let mut args = vec!["-q", "-K", "keys", "-a", "ECDSAP256SHA256"];
        args.extend_from_slice(extra);
        args.push(child);
        run(&dir, "dnssec-keygen", &args)
    };
    let active = keygen(&["-f", "KSK"]);
    let zsk = keygen(&[]);
    let standby = keygen(&["-f", "KSK", "-P", "now", "-A", "+365d"]);
    let to_revoke = keygen(&["-f", "KSK"]);
    let revoked = run(&dir, "dnssec-revoke", &["-r", "-K", "keys", &to_revoke]);
    let revoked = Path::new(&revoked).file_name().unwrap().to_str().unwrap();
    let source =
        format!("$ORIGIN {child}\n$TTL 3600\n{SOA}\n@ NS ns1.example.net.\nwww A 192.0.2.44\n");
    std::fs::write(dir.join("sec.example.test.zone"), source).unwrap();
    run(
        &dir,
        "dnssec-signzone",
        &[
            "-q",
            "-S",
            "-K",
            "keys",
            "-o",
            child,
            "-s",
            "20261101000000",
            "-e",
            "20270101000000",
            "-f",
            "sec.example.test.signed",
            "sec.example.test.zone",
        ],
    );
    let key = |name: &str| keys.join(format!("{name}.key"));
    let parent = |ds: &str| {
        let text = format!(
            "$ORIGIN example.test.\n$TTL 3600\n{SOA}\n@ NS ns1.example.net.\n\
             sec NS ns1.example.net.\nsec DS {ds}\n"
        );
        std::fs::write(dir.join("example.test.zone"), text).unwrap();
        cross(&dir)
    };
    // The active KSK's DS: a chain of trust, and nothing to report.
    let (status, found) = parent(&ds_of(&key(&active)));
    assert_eq!((status, found.len()), (Some(0), 0), "{found:#?}");
    // Beside it, the DS of a key the child does not publish yet (a Double-DS rollover,
    // RFC 6781 §4.1.2): a warning, since the active KSK's DS holds the chain.
    std::fs::create_dir_all(dir.join("next")).unwrap();
    let next = run(
        &dir,
        "dnssec-keygen",
        &[
            "-q",
            "-K",
            "next",
            "-a",
            "ECDSAP256SHA256",
            "-f",
            "KSK",
            child,
        ],
    );
    let both = format!(
        "{}\nsec DS {}",
        ds_of(&key(&active)),
        ds_of(&dir.join("next").join(format!("{next}.key")))
    );
    let (status, found) = parent(&both);
    assert_eq!((status, found.len()), (Some(0), 1), "{found:#?}");
    assert!(
        found[0].contains("warning[ZW6004]") && found[0].contains("holds the chain of trust"),
        "{found:#?}"
    );
    // The ZSK's alone: no SEP bit, but dnssec-signzone signs the DNSKEY RRset with it too, so
    // validators find the chain; a warning.
    let (status, found) = parent(&ds_of(&key(&zsk)));
    assert_eq!((status, found.len()), (Some(0), 1), "{found:#?}");
    assert!(
        found[0].contains("warning[ZW6004]")
            && found[0].contains("names a key without the SEP bit"),
        "{found:#?}"
    );
    // The stand-by KSK's: a SEP key of the child, but one that signs nothing yet.
    let (status, found) = parent(&ds_of(&key(&standby)));
    assert_eq!(status, Some(1), "{found:#?}");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("[ZW6005]")
            && found[0].contains("no DS of algorithm 13 in the parent names a key that signs"),
        "{found:#?}"
    );
    // The revoked KSK's: validators do not use the key, so no chain either.
    let (status, found) = parent(&ds_of(&key(revoked)));
    assert_eq!(status, Some(1), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|l| l.contains("[ZW6004]") && l.contains("matches only a revoked DNSKEY")),
        "{found:#?}"
    );
    assert!(found.iter().any(|l| l.contains("[ZW6005]")), "{found:#?}");
    // `verify --ds` agrees: the revoked key's signature over the keys completes no chain.
    let verify = |ds: &str| {
        std::fs::write(dir.join("parent.ds"), format!("{child} IN DS {ds}\n")).unwrap();
        let args = [
            "verify",
            "--now",
            NOW,
            "--format",
            "short",
            "--ds",
            "parent.ds",
            "sec.example.test.signed",
        ];
        stdout(&zw_in(&dir, &args))
    };
    let out = verify(&ds_of(&key(revoked)));
    assert!(
        out.contains("[ZW2104]") && out.contains(", revoked)"),
        "{out}"
    );
    assert!(!verify(&ds_of(&key(&active))).contains("[ZW2104]"));
    // The unsigned source beside the signed zone shares its origin, yet raises no ZW6009:
    // the signed zone is the one paired.
    assert!(!found.iter().any(|l| l.contains("[ZW6009]")), "{found:#?}");
}

#[test]
fn zones_of_one_origin_are_reported_once_each() {
    let copy = "@ NS ns1.example.net.\nwww A 192.0.2.90\n";
    let dir = repo(
        "crosszone-shared-origin",
        &[
            (
                "example.test.zone",
                "example.test.",
                "@ NS ns1.example.net.\nold NS ns9.example.net.\n",
            ),
            ("old.example.test.zone", "old.example.test.", copy),
            ("old.example.test.db", "old.example.test.", copy),
        ],
    );
    let (status, found) = cross(&dir);
    // A warning each, which fails no run by default; the delegation is left unchecked
    // (ns9. is not in the child's NS RRset).
    assert_eq!(status, Some(0), "{found:#?}");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found.iter().all(|l| l.contains("[ZW6009]")
            && l.contains("2 zones of this run have origin old.example.test.")),
        "{found:#?}"
    );
}

#[test]
fn a_reverse_zone_without_soa_is_shown_its_own_finding() {
    // A reverse zone with neither SOA nor NS: its ZW6007 points at its own first PTR, not at
    // the forward zone's record it names as evidence.
    let dir = scratch("crosszone-reverse-no-soa");
    std::fs::write(
        dir.join("2.0.192.in-addr.arpa.zone"),
        "$ORIGIN 2.0.192.in-addr.arpa.\n$TTL 3600\n1 PTR ns1.example.test.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("example.test.zone"),
        format!("$ORIGIN example.test.\n$TTL 3600\n{SOA}\n@ NS ns1.example.net.\n@ MX 10 mail\nmail A 192.0.2.25\n"),
    )
    .unwrap();
    let o = zw_in(&dir, &["lint", "-q", "--color", "never", "."]);
    let human = stdout(&o);
    let finding = human
        .split("\n\n")
        .find(|f| f.contains("[ZW6007]"))
        .unwrap_or_else(|| panic!("no ZW6007:\n{human}"));
    let location = finding.lines().nth(1).unwrap();
    assert_eq!(
        location.trim(),
        "--> ./2.0.192.in-addr.arpa.zone:3:1",
        "{finding}"
    );
}

#[test]
fn a_wildcard_gives_its_addresses_to_the_names_it_answers_for() {
    // net.test. answers every name it does not hold with `*` (RFC 4592). A delegation's
    // server and a PTR's target there have the wildcard's address, except under `host`,
    // which the zone holds, so that the wildcard does not answer for `host` itself.
    let dir = repo(
        "crosszone-wildcard",
        &[
            (
                "net.test.zone",
                "net.test.",
                "@ NS ns1\nns1 A 192.0.2.1\n* A 192.0.2.25\nhost TXT \"no address\"\n",
            ),
            (
                "example.test.zone",
                "example.test.",
                "@ NS ns1.net.test.\n@ MX 10 mail.net.test.\nsub NS ns7.net.test.\nold NS host.net.test.\n",
            ),
            (
                "2.0.192.in-addr.arpa.zone",
                "2.0.192.in-addr.arpa.",
                "@ NS ns1.net.test.\n1 PTR ns1.net.test.\n25 PTR mail.net.test.\n26 PTR web.net.test.\n",
            ),
        ],
    );
    let (_, found) = cross(&dir);
    // Before, ns7. was lame and mail. had "no address"; now only the real faults remain.
    assert_eq!(found.len(), 2, "{found:#?}");
    let has = |code: &str, words: &str| found.iter().any(|l| l.contains(code) && l.contains(words));
    assert!(has("[ZW6003]", "name server host.net.test."), "{found:#?}");
    assert!(
        has(
            "[ZW6008]",
            "web.net.test., which does not have that address (it has 192.0.2.25)"
        ),
        "{found:#?}"
    );
}
