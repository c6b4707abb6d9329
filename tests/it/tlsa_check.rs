//! `zonewarden tlsa check`: a certificate is accepted against a zone that publishes its record
//! and refused against one that publishes only the old key's, for RSA 2048 and ECDSA P-256
//! leaves under chains made by openssl and by rcgen; then the finer points of RFC 6698/7671
//! matching (DANE-TA and the chain, PKIX usages on port 25, CNAMEs, validity for DANE-TA).

use crate::tlsa_support::*;
use crate::util::{text, zw_in};
use std::path::Path;

fn zone(dir: &Path, file: &str, tlsa: &[String]) {
    let mut z = String::from(
        "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n\
         @ NS ns1\n@ MX 10 mail\nns1 A 192.0.2.1\nmail A 192.0.2.25\n",
    );
    for t in tlsa {
        z.push_str(&format!("_25._tcp.mail TLSA {t}\n"));
    }
    std::fs::write(dir.join(file), z).unwrap();
}

/// `U S M HEX` for a file, from `tlsa generate`.
fn rdata(dir: &Path, args: &[&str]) -> Vec<String> {
    generate_json(args, dir)
        .into_iter()
        .map(|r| r.4["rdata"].as_str().unwrap().to_string())
        .collect()
}

fn check(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut a = vec!["tlsa", "check"];
    a.extend_from_slice(args);
    let o = zw_in(dir, &a);
    (o.status.code().unwrap(), text(&o))
}

#[test]
fn accepts_its_record_and_refuses_the_old_keys() {
    for (label, chain) in all_chains("check") {
        let d = chain.dir.as_path();
        new_key(LeafKey::EcdsaP256, "old.key", d);
        let new = rdata(d, &[chain.fullchain]);
        let old = rdata(d, &["old.key"]);
        zone(d, "new.zone", &[old[0].clone(), new[0].clone()]);
        zone(d, "old.zone", &old);
        let (code, out) = check(d, &["--zone", "new.zone", "--cert", chain.fullchain]);
        assert_eq!(code, 0, "{label}: {out}");
        assert!(
            out.starts_with("_25._tcp.mail.example.com.: fullchain.pem is covered: 3 1 1 "),
            "{label}: {out}"
        );
        let (code, out) = check(d, &["--zone", "old.zone", "--cert", chain.fullchain]);
        assert_eq!(code, 1, "{label}: {out}");
        assert!(
            out.contains("is not covered: no TLSA record there matches it"),
            "{label}: {out}"
        );
        // The records to add: the leaf's 3 1 1 and the issuing intermediate's 2 1 1.
        let issuer = rdata(d, &[chain.intermediate, "--usage", "2"]);
        for want in [&new[0], &issuer[0]] {
            assert!(
                out.contains(&format!(
                    "_25._tcp.mail.example.com.\t3600\tIN\tTLSA\t{want}\n"
                )),
                "{label}: {want} not suggested in\n{out}"
            );
        }
        // Usage 2 for the issuing intermediate, or for the root when the chain carries it.
        zone(d, "ta.zone", &[old[0].clone(), issuer[0].clone()]);
        assert_eq!(
            check(d, &["--zone", "ta.zone", "--cert", chain.fullchain]).0,
            0,
            "{label}"
        );
        let root = rdata(d, &[chain.root, "--usage", "2", "--selector", "0"]);
        zone(d, "root.zone", &root);
        assert_eq!(
            check(d, &["--zone", "root.zone", "--cert", chain.fullchain_root]).0,
            0,
            "{label}"
        );
        assert_eq!(
            check(d, &["--zone", "root.zone", "--cert", chain.fullchain]).0,
            1,
            "{label}: the root is not in this chain"
        );
    }
}

#[test]
fn matching_follows_rfc_6698_and_7671() {
    let chain = openssl_chain("check-rules", LeafKey::EcdsaP256);
    let d = chain.dir.as_path();
    let leaf = chain.fullchain;
    // Selector 0 and matching type 2 are honoured, and so is Full(0).
    let full = rdata(
        d,
        &[
            leaf,
            "--selector",
            "Cert",
            "--matching-type",
            "Full,SHA2-512",
        ],
    );
    for r in &full {
        zone(d, "z.zone", std::slice::from_ref(r));
        assert_eq!(check(d, &["--zone", "z.zone", "--cert", leaf]).0, 0, "{r}");
    }
    // A record whose data is right but whose selector is wrong matches nothing.
    let spki = rdata(d, &[leaf])[0].clone();
    zone(d, "z.zone", &[spki.replacen("3 1 1", "3 0 1", 1)]);
    assert_eq!(check(d, &["--zone", "z.zone", "--cert", leaf]).0, 1);
    // PKIX-EE (1) is unusable for SMTP (RFC 7672 §3.1.3), usable on 443.
    let pkix = spki.replacen("3 1 1", "1 1 1", 1);
    std::fs::write(
        d.join("pkix.zone"),
        format!(
            "$ORIGIN example.com.\n@ 3600 SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ NS ns1\n\
             ns1 A 192.0.2.1\n_25._tcp.mail TLSA {pkix}\n_443._tcp.mail TLSA {pkix}\n"
        ),
    )
    .unwrap();
    let (code, out) = check(
        d,
        &[
            "--zone",
            "pkix.zone",
            "--cert",
            leaf,
            "--name",
            "mail.example.com",
        ],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("unusable here"), "{out}");
    let (code, out) = check(
        d,
        &[
            "--zone",
            "pkix.zone",
            "--cert",
            leaf,
            "--name",
            "mail.example.com",
            "--port",
            "443",
        ],
    );
    assert_eq!(code, 0, "{out}");
    // A CA that did not issue this chain does not count, even if the file carries it.
    let other = openssl_chain("check-rules-other", LeafKey::EcdsaP256);
    std::fs::copy(other.dir.join("intermediate.pem"), d.join("other-ca.pem")).unwrap();
    let mut mixed = std::fs::read(d.join(leaf)).unwrap();
    mixed.extend(std::fs::read(d.join("other-ca.pem")).unwrap());
    std::fs::write(d.join("mixed.pem"), mixed).unwrap();
    let other_ta = rdata(d, &["other-ca.pem", "--usage", "2"]);
    zone(d, "z.zone", &other_ta);
    let (code, out) = check(d, &["--zone", "z.zone", "--cert", "mixed.pem"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("which did not issue the leaf's chain"),
        "{out}"
    );
}

#[test]
fn cname_at_the_owner_is_followed() {
    let chain = openssl_chain("check-cname", LeafKey::Rsa2048);
    let d = chain.dir.as_path();
    let r = rdata(d, &[chain.fullchain])[0].clone();
    std::fs::write(
        d.join("z.zone"),
        format!(
            "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n\
             @ NS ns1\n@ MX 10 mail\nns1 A 192.0.2.1\nmail A 192.0.2.25\n\
             _25._tcp.mail CNAME _dane.example.com.\n_dane TLSA {r}\n"
        ),
    )
    .unwrap();
    let (code, out) = check(d, &["--zone", "z.zone", "--cert", chain.fullchain]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(via CNAME at _dane.example.com.)"), "{out}");
}

/// DANE-EE ignores the validity period (RFC 7672 §3.1.1); DANE-TA does not (RFC 7671 §5.2.2).
#[test]
fn dane_ta_needs_a_valid_chain_dane_ee_does_not() {
    let chain = openssl_chain("check-expiry", LeafKey::EcdsaP256);
    let d = chain.dir.as_path();
    let ee = rdata(d, &[chain.fullchain]);
    let ta = rdata(d, &[chain.fullchain, "--usage", "2"]);
    zone(d, "ee.zone", &ee);
    zone(d, "ta.zone", &ta);
    let later = "2099-01-01T00:00:00Z"; // after the 90-day leaf has expired
    assert_eq!(
        check(
            d,
            &[
                "--zone",
                "ee.zone",
                "--cert",
                chain.fullchain,
                "--now",
                later
            ]
        )
        .0,
        0
    );
    let (code, out) = check(
        d,
        &[
            "--zone",
            "ta.zone",
            "--cert",
            chain.fullchain,
            "--now",
            later,
        ],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("expired at"), "{out}");
    assert_eq!(
        check(d, &["--zone", "ta.zone", "--cert", chain.fullchain]).0,
        0
    );
}

/// The staged next key is checked like a certificate, and every --cert must be covered.
#[test]
fn next_key_and_several_certs() {
    let chain = openssl_chain("check-next", LeafKey::EcdsaP256);
    let d = chain.dir.as_path();
    new_key(LeafKey::EcdsaP256, "next.key", d);
    let cur = rdata(d, &[chain.fullchain])[0].clone();
    let next = rdata(d, &["next.key"])[0].clone();
    zone(d, "both.zone", &[cur.clone(), next.clone()]);
    zone(d, "cur.zone", &[cur]);
    let args = ["--cert", chain.fullchain, "--cert", "next.key"];
    let mut a = vec!["--zone", "both.zone"];
    a.extend(args);
    assert_eq!(check(d, &a).0, 0);
    a[1] = "cur.zone";
    let (code, out) = check(d, &a);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("next.key is not covered"), "{out}");
    assert!(out.contains(&next), "{out}");
}

#[test]
fn input_errors_are_exit_2() {
    let chain = openssl_chain("check-errors", LeafKey::EcdsaP256);
    let d = chain.dir.as_path();
    zone(d, "z.zone", &[]);
    std::fs::write(d.join("bad.zone"), "$ORIGIN example.com.\n@ 3600 SOA ns1\n").unwrap();
    for (args, why) in [
        (
            vec!["--zone", "z.zone", "--cert", "missing.pem"],
            "missing.pem: cannot read",
        ),
        (
            vec!["--zone", "missing.zone", "--cert", chain.leaf],
            "missing.zone: cannot read",
        ),
        (
            vec!["--zone", "bad.zone", "--cert", chain.leaf, "--name", "mail"],
            "bad.zone: 1 syntax error",
        ),
        (
            vec!["--zone", "z.zone", "--cert", chain.leaf, "--now", "soon"],
            "--now",
        ),
    ] {
        let (code, out) = check(d, &args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(out.contains(why), "{args:?}: {out}");
    }
    // No TLSA at all is a refusal, not an input error.
    let (code, out) = check(d, &["--zone", "z.zone", "--cert", chain.leaf]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("no TLSA records there"), "{out}");
}

/// Issue #15: with `--name`, only the named hosts are checked, so the renewal hook of one MX
/// host is not failed by another MX host's certificate; without it, every MX target is.
#[test]
fn name_checks_only_that_host_of_a_multi_mx_zone() {
    let mail = openssl_chain("check-multi-mx", LeafKey::EcdsaP256);
    let d = mail.dir.as_path();
    let other = rcgen_chain("check-multi-mx-mx2", LeafKey::Rsa2048);
    std::fs::copy(other.dir.join(other.fullchain), d.join("mx2.pem")).unwrap();
    let mail_r = rdata(d, &[mail.fullchain])[0].clone();
    let mx2_r = rdata(d, &["mx2.pem"])[0].clone();
    assert_ne!(mail_r, mx2_r);
    let zone = |file: &str, mx2_tlsa: &[&str]| {
        let mut z = format!(
            "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n\
             @ NS ns1\n@ MX 10 mail\n@ MX 20 mx2\nns1 A 192.0.2.1\nmail A 192.0.2.25\n\
             mx2 A 192.0.2.26\n_25._tcp.mail TLSA {mail_r}\n"
        );
        for t in mx2_tlsa {
            z.push_str(&format!("_25._tcp.mx2 TLSA {t}\n"));
        }
        std::fs::write(d.join(file), z).unwrap();
    };
    zone("z.zone", &[&mx2_r]);
    let name =
        |host: &str, cert: &str| check(d, &["--zone", "z.zone", "--cert", cert, "--name", host]);
    let (code, out) = name("mail.example.com", mail.fullchain);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("_25._tcp.mail.example.com.: fullchain.pem is covered: 3 1 1 "),
        "{out}"
    );
    assert!(!out.contains("mx2"), "only mail is checked:\n{out}");
    let (code, out) = name("mail.example.com", "mx2.pem");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("_25._tcp.mail.example.com.: mx2.pem is not covered"),
        "{out}"
    );
    assert!(
        !out.contains("_25._tcp.mx2"),
        "only mail is checked:\n{out}"
    );
    assert_eq!(name("mx2.example.com", "mx2.pem").0, 0);
    assert_eq!(name("mx2.example.com", mail.fullchain).0, 1);
    // Without --name, every MX target is checked, as before.
    let (code, out) = check(d, &["--zone", "z.zone", "--cert", mail.fullchain]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("_25._tcp.mail.example.com.: fullchain.pem is covered"),
        "{out}"
    );
    assert!(
        out.contains("_25._tcp.mx2.example.com.: fullchain.pem is not covered"),
        "{out}"
    );
    zone("both.zone", &[&mx2_r, &mail_r]);
    let (code, out) = check(d, &["--zone", "both.zone", "--cert", mail.fullchain]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("_25._tcp.mx2.example.com.: fullchain.pem is covered"),
        "{out}"
    );
}

/// A wildcard TLSA owner, `*._tcp.HOST`, answers for `_25._tcp.HOST` when the zone holds no
/// name of that spelling (RFC 4592 §3.3.1): `tlsa check` finds its records, and `lint` takes
/// it for a TLSA owner (no ZW3002) and the host for one with TLSA records (no ZW3007). Where
/// the zone holds `_25._tcp.HOST` itself, the wildcard answers nothing there.
#[test]
fn wildcard_owner_answers_for_every_port() {
    let chain = openssl_chain("check-wildcard", LeafKey::EcdsaP256);
    let d = chain.dir.as_path();
    new_key(LeafKey::EcdsaP256, "next.key", d);
    let cur = rdata(d, &[chain.fullchain])[0].clone();
    let next = rdata(d, &["next.key"])[0].clone();
    let zone = |file: &str, extra: &str| {
        let z = format!(
            "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n\
             @ NS ns1\n@ MX 10 mail\n@ MX 20 mx2\nns1 A 192.0.2.1\nmail A 192.0.2.25\n\
             mx2 A 192.0.2.26\n_25._tcp.mail TLSA {cur}\n_25._tcp.mail TLSA {next}\n\
             *._tcp.mx2 TLSA {cur}\n*._tcp.mx2 TLSA {next}\n{extra}"
        );
        std::fs::write(d.join(file), z).unwrap();
    };
    zone("z.zone", "");
    let args = ["--zone", "z.zone", "--cert", chain.fullchain];
    let (code, out) = check(d, &[&args[..], &["--name", "mx2.example.com"]].concat());
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("_25._tcp.mx2.example.com.: fullchain.pem is covered: 3 1 1 "),
        "{out}"
    );
    let (code, out) = check(
        d,
        &[&args[..], &["--port", "465", "--name", "mx2.example.com"]].concat(),
    );
    assert_eq!(code, 0, "{out}");
    let o = zw_in(d, &["lint", "z.zone"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    for code in ["ZW3002", "ZW3006", "ZW3007"] {
        assert!(!out.contains(code), "{code} raised:\n{out}");
    }
    // `_25._tcp.mx2` exists: the wildcard does not answer for it, so mx2 has no TLSA there.
    zone("held.zone", "_25._tcp.mx2 TXT \"not TLSA\"\n");
    let (code, out) = check(
        d,
        &[
            "--zone",
            "held.zone",
            "--cert",
            chain.fullchain,
            "--name",
            "mx2.example.com",
        ],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("no TLSA records there"), "{out}");
    let out = text(&zw_in(d, &["lint", "held.zone"]));
    assert!(
        out.contains("warning[ZW3007]: mail host mx2.example.com."),
        "{out}"
    );
}

/// An MX host in a delegated child zone has its TLSA records in the child, out of this zone's
/// authority: neither `tlsa check` (without `--name`) nor `lint` (ZW3007) asks this zone for
/// them, while an in-zone host without them still fails both.
#[test]
fn mx_host_in_a_child_zone_is_not_judged_here() {
    let chain = openssl_chain("check-child-mx", LeafKey::Rsa2048);
    let d = chain.dir.as_path();
    new_key(LeafKey::EcdsaP256, "next.key", d);
    let cur = rdata(d, &[chain.fullchain])[0].clone();
    let next = rdata(d, &["next.key"])[0].clone();
    let zone = |file: &str, extra: &str| {
        let z = format!(
            "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n\
             @ NS ns1\n@ MX 10 mail\n@ MX 20 mx.child\nns1 A 192.0.2.1\nmail A 192.0.2.25\n\
             child NS ns1.child\nns1.child A 192.0.2.60\nmx.child A 192.0.2.61\n\
             _25._tcp.mail TLSA {cur}\n_25._tcp.mail TLSA {next}\n{extra}"
        );
        std::fs::write(d.join(file), z).unwrap();
    };
    zone("z.zone", "");
    let (code, out) = check(d, &["--zone", "z.zone", "--cert", chain.fullchain]);
    assert_eq!(code, 0, "{out}");
    assert!(
        !out.contains("child"),
        "the child's host is checked:\n{out}"
    );
    let out = text(&zw_in(d, &["lint", "z.zone"]));
    assert!(!out.contains("ZW3007"), "{out}");
    // An in-zone host without TLSA records is still reported by both.
    zone("z3.zone", "@ MX 30 mx3\nmx3 A 192.0.2.27\n");
    let (code, out) = check(d, &["--zone", "z3.zone", "--cert", chain.fullchain]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("_25._tcp.mx3.example.com.: fullchain.pem is not covered"),
        "{out}"
    );
    assert!(!out.contains("child"), "{out}");
    let out = text(&zw_in(d, &["lint", "z3.zone"]));
    assert!(
        out.contains("warning[ZW3007]: mail host mx3.example.com."),
        "{out}"
    );
    assert!(!out.contains("mail host mx.child.example.com. of"), "{out}");
}

/// An MX host that is an alias has its TLSA records looked up at the CNAME-expanded name
/// first, then at its own (RFC 7672 §2.2.2): `tlsa check` and `lint` (ZW3007) find them at
/// either. The alias itself is still ZW1112 (RFC 2181 §10.3).
#[test]
fn mx_host_alias_is_looked_up_at_its_target_then_itself() {
    let chain = rcgen_chain("check-mx-alias", LeafKey::EcdsaP256);
    let d = chain.dir.as_path();
    new_key(LeafKey::Rsa2048, "next.key", d);
    let cur = rdata(d, &[chain.fullchain])[0].clone();
    let next = rdata(d, &["next.key"])[0].clone();
    let zone = |file: &str, tlsa_host: &str| {
        let z = format!(
            "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n\
             @ NS ns1\n@ MX 10 mail\n@ MX 20 smtp\nns1 A 192.0.2.1\nmail A 192.0.2.25\n\
             smtp CNAME mx2\nmx2 A 192.0.2.26\n\
             _25._tcp.mail TLSA {cur}\n_25._tcp.mail TLSA {next}\n\
             _25._tcp.{tlsa_host} TLSA {cur}\n_25._tcp.{tlsa_host} TLSA {next}\n"
        );
        std::fs::write(d.join(file), z).unwrap();
    };
    for (file, at) in [("target.zone", "mx2"), ("alias.zone", "smtp")] {
        zone(file, at);
        let (code, out) = check(
            d,
            &[
                "--zone",
                file,
                "--cert",
                chain.fullchain,
                "--name",
                "smtp.example.com",
            ],
        );
        assert_eq!(code, 0, "{file}: {out}");
        assert!(
            out.contains("fullchain.pem is covered: 3 1 1 "),
            "{file}: {out}"
        );
        let out = text(&zw_in(d, &["lint", file]));
        assert!(!out.contains("ZW3007"), "{file}: {out}");
        assert!(out.contains("error[ZW1112]"), "{file}: {out}");
    }
}
