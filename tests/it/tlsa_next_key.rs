//! `zonewarden tlsa next-key`: the key file is private (0600), written atomically, never over
//! an existing file without --force; the CSR carries the same key and the names; the printed
//! `3 1 1` is the key's, as openssl computes it.

use crate::tlsa_support::*;
use crate::util::{scratch, stderr, stdout, text, zw_in};
use std::os::unix::fs::PermissionsExt;

fn spki_sha256(key: &str, dir: &std::path::Path) -> String {
    let der = format!("{key}.spki.der");
    let mut args = vec![
        "pkey", "-in", key, "-pubout", "-outform", "DER", "-out", &der,
    ];
    if key.ends_with(".pub.pem") {
        args.push("-pubin");
    }
    openssl(&args, dir);
    dgst("-sha256", &der, dir).to_uppercase()
}

#[test]
fn writes_a_private_key_and_csr_and_prints_its_record() {
    let d = scratch("tlsa-next-key");
    let d = d.as_path();
    for (alg, key, csr, kind) in [
        ("ecdsa-p256", "p256.key", "p256.csr", "ASN1 OID: prime256v1"),
        ("ecdsa-p384", "p384.key", "p384.csr", "ASN1 OID: secp384r1"),
        ("ed25519", "ed.key", "ed.csr", "ED25519"),
    ] {
        let o = zw_in(
            d,
            &[
                "tlsa",
                "next-key",
                "--key",
                key,
                "--csr",
                csr,
                "--algorithm",
                alg,
                "--name",
                "mail.example.com",
                "--name",
                "mx.example.com",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{alg}: {}", stderr(&o));
        let mode = std::fs::metadata(d.join(key)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{alg}: the private key must be 0600");
        let hash = spki_sha256(key, d);
        let what = match alg {
            "ecdsa-p256" => "ECDSA P-256",
            "ecdsa-p384" => "ECDSA P-384",
            _ => "Ed25519",
        };
        assert_eq!(
            stdout(&o),
            format!(
                "; {key}: DANE-EE SPKI SHA2-256: PKCS#8 private key ({what})\n\
                 _25._tcp.mail.example.com.\t3600\tIN\tTLSA\t3 1 1 {hash}\n\
                 _25._tcp.mx.example.com.\t3600\tIN\tTLSA\t3 1 1 {hash}\n"
            ),
            "{alg}"
        );
        // openssl reads the key; the CSR is well signed, carries the key and both names.
        let o = openssl(&["pkey", "-in", key, "-text", "-noout"], d);
        assert!(stdout(&o).contains(kind), "{alg}: {}", stdout(&o));
        let o = openssl(&["req", "-in", csr, "-verify", "-noout", "-text"], d);
        let t = text(&o);
        assert!(
            t.contains("verify OK") || t.contains("Certificate request self-signature verify OK"),
            "{t}"
        );
        assert!(
            t.contains("DNS:mail.example.com, DNS:mx.example.com"),
            "{t}"
        );
        openssl(
            &[
                "req",
                "-in",
                csr,
                "-pubkey",
                "-noout",
                "-out",
                "csr.pub.pem",
            ],
            d,
        );
        assert_eq!(spki_sha256("csr.pub.pem", d), hash, "{alg}: the CSR's key");
        // And zonewarden's own reading of the CSR gives the same record.
        let g = generate_json(&[csr], d);
        assert_eq!(g[0].3.to_uppercase(), hash);
    }
}

#[test]
fn never_over_an_existing_file_without_force() {
    let d = scratch("tlsa-next-key-force");
    let d = d.as_path();
    std::fs::write(d.join("next.key"), "keep me").unwrap();
    std::fs::write(d.join("next.csr"), "keep me too").unwrap();
    let o = zw_in(d, &["tlsa", "next-key", "--key", "next.key"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("next.key: already exists; pass --force to replace it"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(d.join("next.key")).unwrap(),
        "keep me"
    );
    // A new key with an existing CSR path: neither file is written.
    let o = zw_in(
        d,
        &[
            "tlsa",
            "next-key",
            "--key",
            "fresh.key",
            "--csr",
            "next.csr",
            "--name",
            "mail.example.com",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        !d.join("fresh.key").exists(),
        "nothing is written when one file is refused"
    );
    // --force replaces, atomically: no temporary file is left beside it.
    let o = zw_in(d, &["tlsa", "next-key", "--key", "next.key", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read_to_string(d.join("next.key"))
        .unwrap()
        .starts_with("-----BEGIN PRIVATE KEY-----"));
    let mode = std::fs::metadata(d.join("next.key"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Usage errors: a CSR needs names; a directory that does not exist.
    let o = zw_in(d, &["tlsa", "next-key", "--key", "a.key", "--csr", "a.csr"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--csr needs the names"));
    let o = zw_in(d, &["tlsa", "next-key", "--key", "no/such/dir/a.key"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no/such/dir/a.key: cannot write"),
        "{}",
        stderr(&o)
    );
}

/// Without --name the record is bare RDATA; JSON and nsupdate carry the owner when given.
#[test]
fn formats() {
    let d = scratch("tlsa-next-key-formats");
    let d = d.as_path();
    let o = zw_in(d, &["tlsa", "next-key", "--key", "a.key"]);
    let out = stdout(&o);
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("3 1 1 ") && last.len() == 6 + 64, "{out}");
    let o = zw_in(
        d,
        &[
            "tlsa",
            "next-key",
            "--key",
            "b.key",
            "--name",
            "mail.example.com",
            "--format",
            "nsupdate",
        ],
    );
    let out = stdout(&o);
    assert!(
        out.contains("update add _25._tcp.mail.example.com. 3600 IN TLSA 3 1 1 "),
        "{out}"
    );
    assert!(out.ends_with("send\n"));
}

/// The files in `dir` whose names start with a dot: temporaries or backups left behind.
fn hidden(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

/// The key and the CSR are written both or neither: a CSR that cannot be written leaves no
/// key behind, and with --force the keys already there are kept as they were.
#[test]
fn a_csr_that_cannot_be_written_leaves_no_key() {
    let d = scratch("tlsa-next-key-both-or-neither");
    let d = d.as_path();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "tlsa",
            "next-key",
            "--key",
            "k.key",
            "--name",
            "mail.example.com",
        ];
        args.extend_from_slice(extra);
        zw_in(d, &args)
    };
    // A directory that does not exist.
    let o = run(&["--csr", "no/such/dir/k.csr"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no/such/dir/k.csr: cannot write"),
        "{}",
        stderr(&o)
    );
    assert!(
        !d.join("k.key").exists(),
        "the key was written without its CSR"
    );
    // A path that is a directory, with --force.
    std::fs::create_dir(d.join("a-directory")).unwrap();
    let o = run(&["--csr", "a-directory", "--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        !d.join("k.key").exists(),
        "the key was written without its CSR"
    );
    // With --force over an existing key and CSR the old ones stay when the CSR fails.
    std::fs::write(d.join("k.key"), "old key").unwrap();
    let o = run(&["--csr", "a-directory", "--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(d.join("k.key")).unwrap(), "old key");
    assert!(hidden(d).is_empty(), "left behind: {:?}", hidden(d));
}

/// A temporary file left by an earlier run (`.NAME.PID.tmp`, the old naming) does not stop
/// the next one, whatever its process id.
#[test]
fn a_leftover_temporary_file_does_not_break_it() {
    let d = scratch("tlsa-next-key-leftover");
    let d = d.as_path();
    // The next process ids to be handed out: leave a temporary for each of them.
    let last: u32 = std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(std::process::id);
    for pid in last..last + 2000 {
        std::fs::write(d.join(format!(".k.key.{pid}.tmp")), "").unwrap();
        std::fs::write(d.join(format!(".k.csr.{pid}.tmp")), "").unwrap();
    }
    let o = zw_in(
        d,
        &[
            "tlsa",
            "next-key",
            "--key",
            "k.key",
            "--csr",
            "k.csr",
            "--name",
            "mail.example.com",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read_to_string(d.join("k.key"))
        .unwrap()
        .starts_with("-----BEGIN PRIVATE KEY-----"));
    assert!(std::fs::read_to_string(d.join("k.csr"))
        .unwrap()
        .starts_with("-----BEGIN CERTIFICATE REQUEST-----"));
    assert_eq!(hidden(d).len(), 4000, "only the old leftovers remain");
}
