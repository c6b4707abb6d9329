//! zonewarden as NSD's zone verifier, end to end: an NSD primary and a verifying NSD
//! secondary on loopback ports, configured from files written here, the secondary's
//! `verifier:` line exactly `zonewarden verify -` (the binary's absolute path), with
//! `verify-zone: yes` and `verifier-feed-zone: yes`. NSD runs a verifier only for zones it
//! receives by transfer, so every version is loaded on the primary and reaches the
//! secondary by NOTIFY and transfer.
//!
//! A correctly signed first version and a correctly signed update are served by the
//! secondary; an update edited after signing, one whose signatures have expired and one that
//! drops the DNSKEY still signing the other records are each refused: the secondary goes on
//! serving the last good serial, and NSD's log holds zonewarden's reason. `dig AXFR` from
//! those servers piped into `zonewarden verify --origin example.com -` exits 0 for the good
//! version and 1 for the tampered one, naming the record.
//!
//! Zones are signed here with `dnssec-keygen` and `dnssec-signzone`, with validity windows
//! around the real clock: NSD runs the verifier with the real time, and zonewarden's
//! default `--now` is the real clock. Needs the Debian packages nsd, bind9-utils and
//! bind9-dnsutils (`scripts/test.sh` installs them); a missing one fails the test.

use std::path::Path;
use std::process::{Command, Stdio};

const ZONE: &str = "example.com";
const ZW: &str = env!("CARGO_BIN_EXE_zonewarden");

use crate::nsd_support::*;

/// The zone's text before signing; `extra` holds the records that make a version differ.
fn unsigned(serial: u32, extra: &str, keys: &[String]) -> String {
    let mut z = format!(
        "$ORIGIN {ZONE}.\n$TTL 3600\n\
         @ SOA ns1 hostmaster {serial} 7200 3600 1209600 3600\n\
         @ NS ns1\n@ NS ns2.example.net.\n@ MX 10 mail\n\
         ns1 A 192.0.2.1\nns1 AAAA 2001:db8::1\n\
         mail A 192.0.2.25\nmail AAAA 2001:db8::25\n\
         www A 192.0.2.80\nwww AAAA 2001:db8::80\n{extra}"
    );
    for k in keys {
        z.push_str(k);
    }
    z
}

/// Signs a version with the keys in `keydir` (all of them) and the given window.
fn sign(
    dir: &Path,
    keydir: &str,
    name: &str,
    text: &str,
    window: [&str; 2],
    extra: &[&str],
) -> String {
    let input = dir.join(format!("{name}.unsigned"));
    std::fs::write(&input, text).unwrap();
    let out = dir.join(format!("{name}.signed"));
    let mut args = vec![
        "-q", "-O", "full", "-K", keydir, "-d", ".", "-o", ZONE, "-s", window[0], "-e", window[1],
        "-f",
    ];
    args.push(out.to_str().unwrap());
    args.extend(extra);
    args.push(input.to_str().unwrap());
    ok(dir, "dnssec-signzone", &args);
    std::fs::read_to_string(out).unwrap()
}

/// Whether a line of a `-O full` signed zone belongs to the DNSKEY RRset or its signatures.
fn is_dnskey_rrset(line: &str) -> bool {
    let t: Vec<&str> = line.split_whitespace().collect();
    t.get(3) == Some(&"DNSKEY") || (t.get(3) == Some(&"RRSIG") && t.get(4) == Some(&"DNSKEY"))
}

/// `dig AXFR` from a server piped into `zonewarden verify --origin example.com -`.
fn verify_transfer(port: u16) -> (i32, String) {
    let mut dig = Command::new("dig")
        .args([
            "@127.0.0.1",
            "-p",
            &port.to_string(),
            "+time=2",
            "+tries=1",
            ZONE,
            "AXFR",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("dig (Debian bind9-dnsutils) is needed");
    let zw = Command::new(ZW)
        .args(["verify", "--origin", ZONE, "-"])
        .env_remove("VERIFY_ZONE")
        .stdin(Stdio::from(dig.stdout.take().unwrap()))
        .output()
        .unwrap();
    assert!(dig.wait().unwrap().success(), "dig AXFR failed");
    let text = crate::util::text(&zw);
    // dig exits 0 on a refused transfer too; zonewarden would then have read no record.
    assert!(!text.contains(" 0 records,"), "the transfer failed: {text}");
    (zw.status.code().unwrap_or(-1), text)
}

#[test]
fn a_verifying_nsd_secondary_serves_good_versions_and_refuses_broken_ones() {
    let tmp = crate::util::scratch("nsd-verifier");
    for d in ["keys", "keys-ksk-only", "primary", "secondary"] {
        std::fs::create_dir_all(tmp.join(d)).unwrap();
    }
    let tmp = tmp.canonicalize().unwrap();

    // One KSK and one ZSK; a second key directory holds the KSK alone.
    let ksk = ok(
        &tmp,
        "dnssec-keygen",
        &[
            "-q",
            "-K",
            "keys",
            "-a",
            "ECDSAP256SHA256",
            "-f",
            "KSK",
            ZONE,
        ],
    );
    let zsk = ok(
        &tmp,
        "dnssec-keygen",
        &["-q", "-K", "keys", "-a", "ECDSAP256SHA256", ZONE],
    );
    let (ksk, zsk) = (ksk.trim().to_string(), zsk.trim().to_string());
    for ext in ["key", "private"] {
        std::fs::copy(
            tmp.join(format!("keys/{ksk}.{ext}")),
            tmp.join(format!("keys-ksk-only/{ksk}.{ext}")),
        )
        .unwrap();
    }
    let key = |k: &str| std::fs::read_to_string(tmp.join(format!("keys/{k}.key"))).unwrap();
    let both = [key(&ksk), key(&zsk)];

    // Windows around the real clock for good versions; wholly in the past for the expired.
    let good = ["now-3600", "now+5184000"];
    let past = ["20200101000000", "20210101000000"];
    let v1 = sign(
        &tmp,
        "keys",
        "v1",
        &unsigned(2026112501, "", &both),
        good,
        &[],
    );
    let v2 = sign(
        &tmp,
        "keys",
        "v2",
        &unsigned(2026112502, "new TXT \"v2\"\n", &both),
        good,
        &[],
    );
    // Edited after signing: www's address changed under its signature.
    let v3 = sign(
        &tmp,
        "keys",
        "v3",
        &unsigned(2026112503, "new TXT \"v3\"\n", &both),
        good,
        &[],
    );
    let www = format!("www.{ZONE}.");
    let edited: Vec<String> = v3
        .lines()
        .map(|l| {
            if l.starts_with(&www) && l.ends_with("\t192.0.2.80") {
                l.replace("\t192.0.2.80", "\t192.0.2.81")
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(edited.iter().any(|l| l.ends_with("\t192.0.2.81")), "{v3}");
    let v3 = edited.join("\n") + "\n";
    let v4 = sign(
        &tmp,
        "keys",
        "v4",
        &unsigned(2026112504, "new TXT \"v4\"\n", &both),
        past,
        &["-P"],
    );
    // The DNSKEY RRset drops the ZSK (and is signed anew by the KSK), while the ZSK's
    // signatures stay on every other RRset.
    let text5 = unsigned(2026112505, "new TXT \"v5\"\n", &both);
    let full = sign(&tmp, "keys", "v5-full", &text5, good, &[]);
    let only_ksk = unsigned(2026112505, "new TXT \"v5\"\n", &[key(&ksk)]);
    let ksk_signed = sign(&tmp, "keys-ksk-only", "v5-ksk", &only_ksk, good, &["-z"]);
    let mut v5: String = full
        .lines()
        .filter(|l| !is_dnskey_rrset(l))
        .map(|l| format!("{l}\n"))
        .collect();
    for l in ksk_signed.lines().filter(|l| is_dnskey_rrset(l)) {
        v5.push_str(l);
        v5.push('\n');
    }
    let zsk_tag = zsk.rsplit('+').next().unwrap().trim_start_matches('0');

    let ports = free_ports(5);
    let (p_dns, p_ctl, s_dns, s_ctl, s_verify) = (ports[0], ports[1], ports[2], ports[3], ports[4]);
    let (pdir, sdir) = (tmp.join("primary"), tmp.join("secondary"));
    let zonefile = pdir.join(format!("{ZONE}.zone"));
    std::fs::write(&zonefile, &v1).unwrap();
    write_config(
        &pdir,
        p_dns,
        p_ctl,
        &format!(
            "zone:\n  name: {ZONE}\n  zonefile: \"{}\"\n  provide-xfr: 127.0.0.1 NOKEY\n  notify: 127.0.0.1@{s_dns} NOKEY\n",
            zonefile.display()
        ),
    );
    let verifier = format!("verifier: {ZW} verify -");
    write_config(
        &sdir,
        s_dns,
        s_ctl,
        &format!(
            "verify:\n  enable: yes\n  ip-address: 127.0.0.1\n  port: {s_verify}\n\
             zone:\n  name: {ZONE}\n  zonefile: \"{}/{ZONE}.zone\"\n  request-xfr: 127.0.0.1@{p_dns} NOKEY\n  provide-xfr: 127.0.0.1 NOKEY\n  allow-notify: 127.0.0.1 NOKEY\n  verify-zone: yes\n  {verifier}\n  verifier-feed-zone: yes\n  verifier-timeout: 120\n",
            sdir.display()
        ),
    );
    let conf = std::fs::read_to_string(sdir.join("nsd.conf")).unwrap();
    assert!(
        conf.lines().any(|l| l.trim() == verifier),
        "the verifier line is exactly `zonewarden verify -`"
    );

    let primary = Nsd::start(&pdir, p_dns, ZONE);
    assert_eq!(primary.serial(), Some(2026112501));
    let secondary = Nsd::start(&sdir, s_dns, ZONE);

    // The first version: transferred, verified, served.
    secondary.wait_for("the first version on the secondary", || {
        secondary.serial() == Some(2026112501)
    });
    assert!(
        secondary
            .log()
            .contains("example.com serial 2026112501: accepted: "),
        "{}",
        secondary.log()
    );

    // Publishes a version on the primary; the secondary hears of it by NOTIFY.
    let publish = |text: &str, serial: u32| {
        std::fs::write(&zonefile, text).unwrap();
        primary.control(&["reload", ZONE]);
        primary.wait_for(&format!("serial {serial} on the primary"), || {
            primary.serial() == Some(serial)
        });
    };

    publish(&v2, 2026112502);
    secondary.wait_for("the update on the secondary", || {
        secondary.serial() == Some(2026112502)
    });
    assert!(secondary
        .log()
        .contains("example.com serial 2026112502: accepted: "));
    let (status, text) = verify_transfer(s_dns);
    assert_eq!(status, 0, "{text}");
    assert!(text.contains("serial 2026112502, "), "{text}");

    let broken: [(&str, u32, Vec<String>); 3] = [
        (
            &v3,
            2026112503,
            vec![
                "example.com serial 2026112503: error[ZW2001] www.example.com. A".into(),
                "RRSIG A at www.example.com. by key".into(),
            ],
        ),
        (
            &v4,
            2026112504,
            vec![
                "example.com serial 2026112504: error[ZW2004] ".into(),
                "expired".into(),
            ],
        ),
        (
            &v5,
            2026112505,
            vec![
                "example.com serial 2026112505: error[ZW2003] ".into(),
                format!("key {zsk_tag} "),
            ],
        ),
    ];
    for (text, serial, reasons) in &broken {
        publish(text, *serial);
        if *serial == 2026112503 {
            // The tampered version, straight from the primary: refused, naming the record.
            let (status, out) = verify_transfer(p_dns);
            assert_eq!(status, 1, "{out}");
            assert!(
                out.contains("error[ZW2001]: RRSIG A at www.example.com."),
                "{out}"
            );
        }
        let verdict = format!("example.com serial {serial}: rejected: ");
        secondary.wait_for(&format!("the verdict on {serial}"), || {
            secondary.log().contains(&verdict)
        });
        // NSD logs the verifier's exit after its output; then the update is discarded.
        secondary.wait_for("the verifier's exit", || {
            let log = secondary.log();
            let at = log.find(&verdict).unwrap();
            log[at..].contains("exited with 1")
        });
        assert_eq!(
            secondary.serial(),
            Some(2026112502),
            "serial {serial} refused"
        );
        let log = secondary.log();
        for r in reasons {
            assert!(log.contains(r.as_str()), "no `{r}` in NSD's log:\n{log}");
        }
    }
    // Still the last good version, and nothing but zonewarden's short lines in the log.
    assert_eq!(secondary.serial(), Some(2026112502));
    let log = secondary.log();
    assert!(!log.contains('\u{1b}'), "{log}");
    assert!(!log.contains(" --> "), "{log}");
    drop(secondary);
    drop(primary);
}

/// The recipe of docs/publication-path.md for the verifying secondary and its BIND primary:
/// valid configuration for `nsd-checkconf` and `named-checkconf`.
#[test]
fn the_documented_recipe_is_valid_configuration() {
    let page =
        std::fs::read_to_string(crate::util::root().join("docs/publication-path.md")).unwrap();
    let block_after = |marker: &str| -> String {
        let at = page
            .find(marker)
            .unwrap_or_else(|| panic!("no `{marker}` in docs/publication-path.md"));
        let rest = &page[at..];
        let open = rest.find("```").unwrap();
        let body = &rest[open..];
        let start = body.find('\n').unwrap() + 1;
        let end = body[start..].find("```").unwrap();
        body[start..start + end].to_string()
    };
    let dir = crate::util::scratch("nsd-page");
    let nsd = block_after("**The verifying NSD secondary**");
    assert!(
        nsd.contains("    verifier: /usr/local/bin/zonewarden verify -\n"),
        "{nsd}"
    );
    std::fs::write(dir.join("nsd.conf"), &nsd).unwrap();
    ok(&dir, "nsd-checkconf", &["nsd.conf"]);
    let bind = block_after("**A BIND hidden primary**");
    std::fs::write(dir.join("named.conf"), &bind).unwrap();
    ok(&dir, "named-checkconf", &["named.conf"]);
}
