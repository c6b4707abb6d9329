//! `zonewarden tlsa generate` against independent computations: for RSA 2048 and ECDSA P-256
//! leaves under a two-level chain (root CA -> intermediate CA -> leaf), made both with the
//! openssl CLI and with rcgen, every value equals what `openssl x509 -pubkey | openssl pkey
//! -pubin -outform DER | openssl dgst` (or the DER certificate) gives, and what `ldns-dane
//! create` prints. Usage 2 is cross-checked with openssl only (PEER-TOOLS.md: ldns-dane's
//! usage-2 verdicts are unreliable).

use crate::tlsa_support::*;
use crate::util::{scratch, stderr, stdout, zw_in};

#[test]
fn every_value_equals_openssl_and_ldns_dane() {
    for (label, chain) in all_chains("gen") {
        let d = chain.dir.as_path();
        // DANE-EE: every selector and matching type, from fullchain.pem.
        let ours = generate_json(
            &[
                chain.fullchain,
                "--usage",
                "DANE-EE",
                "--selector",
                "0,1",
                "--matching-type",
                "0,1,2",
            ],
            d,
        );
        let theirs = openssl_values(chain.leaf, d);
        assert_eq!(ours.len(), 6, "{label}");
        for (s, m, hex) in &theirs {
            let got = ours
                .iter()
                .find(|r| r.0 == 3 && r.1 == *s && r.2 == *m)
                .unwrap_or_else(|| panic!("{label}: no 3 {s} {m}"));
            assert_eq!(&got.3, hex, "{label}: 3 {s} {m} differs from openssl");
            assert_eq!(got.4["for"], "leaf");
        }
        // ldns-dane create, for each selector and matching type.
        for (s, m, hex) in &theirs {
            let o = peer(
                "ldns-dane",
                &[
                    "-c",
                    chain.leaf,
                    "create",
                    "mail.example.com",
                    "25",
                    "3",
                    &s.to_string(),
                    &m.to_string(),
                ],
                d,
            );
            let line = stdout(&o);
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(fields[0], "_25._tcp.mail.example.com.", "{label}: {line}");
            assert_eq!(&fields[4..7], &["3", &s.to_string(), &m.to_string()]);
            assert_eq!(
                fields[7..].concat().to_lowercase(),
                *hex,
                "{label}: ldns-dane 3 {s} {m}"
            );
        }
        // DANE-TA: a record for each CA of the chain, and the intermediate said to issue the leaf.
        let ours = generate_json(
            &[
                chain.fullchain_root,
                "--usage",
                "2",
                "--selector",
                "Cert,SPKI",
                "--matching-type",
                "SHA2-256,SHA2-512",
            ],
            d,
        );
        assert_eq!(
            ours.len(),
            8,
            "{label}: 2 CAs x 2 selectors x 2 matching types"
        );
        for (ca, issued) in [(chain.intermediate, true), (chain.root, false)] {
            for (s, m, hex) in openssl_values(ca, d).into_iter().filter(|v| v.1 != 0) {
                let got = ours
                    .iter()
                    .find(|r| r.1 == s && r.2 == m && r.3 == hex)
                    .unwrap_or_else(|| panic!("{label}: no 2 {s} {m} for {ca}"));
                assert_eq!(got.0, 2);
                assert_eq!(got.4["for"], "ca");
                assert_eq!(got.4["issued_leaf"], issued, "{label}: {ca}");
            }
        }
    }
}

#[test]
fn default_is_3_1_1_for_the_leaf_in_zone_file_form() {
    let chain = openssl_chain("gen-default", LeafKey::EcdsaP256);
    let d = chain.dir.as_path();
    let o = zw_in(
        d,
        &[
            "tlsa",
            "generate",
            chain.fullchain,
            "--name",
            "mail.example.com",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let want = openssl_values(chain.leaf, d)
        .into_iter()
        .find(|v| v.0 == 1 && v.1 == 1)
        .unwrap()
        .2;
    let out = stdout(&o);
    assert_eq!(
        out,
        format!(
            "; fullchain.pem: DANE-EE SPKI SHA2-256: leaf certificate CN=mail.example.com\n\
             _25._tcp.mail.example.com.\t3600\tIN\tTLSA\t3 1 1 {}\n",
            want.to_uppercase()
        )
    );
    // The usage-2 output names the CA that issued the leaf.
    let o = zw_in(d, &["tlsa", "generate", chain.fullchain, "--usage", "2"]);
    assert!(
        stdout(&o)
            .contains("DANE-TA SPKI SHA2-256: CA CN=Test Intermediate CA, which issued the leaf"),
        "{}",
        stdout(&o)
    );
    // nsupdate commands, another port and protocol.
    let o = zw_in(
        d,
        &[
            "tlsa",
            "generate",
            chain.leaf,
            "--name",
            "mail.example.com.",
            "--port",
            "465",
            "--format",
            "nsupdate",
            "--ttl",
            "300",
        ],
    );
    assert_eq!(
        stdout(&o),
        format!(
            "; leaf.pem: DANE-EE SPKI SHA2-256: leaf certificate CN=mail.example.com\n\
             update add _465._tcp.mail.example.com. 300 IN TLSA 3 1 1 {}\nsend\n",
            want.to_uppercase()
        )
    );
}

/// Every way of writing the leaf's key gives the leaf's `3 1 1`: the key in PKCS#8, SEC1 and
/// PKCS#1, private and public, PEM and DER, and a CSR for it.
#[test]
fn keys_and_csrs_in_every_form_give_the_leaf_value() {
    for kind in [LeafKey::Rsa2048, LeafKey::EcdsaP256] {
        let chain = openssl_chain(&format!("gen-forms-{kind:?}"), kind);
        let d = chain.dir.as_path();
        let want = generate_json(&[chain.leaf], d)[0].3.clone();
        let mut files = vec![
            (
                "pkcs8.pem",
                vec!["pkey", "-in", "leaf.key", "-out", "pkcs8.pem"],
            ),
            (
                "pkcs8.der",
                vec![
                    "pkey",
                    "-in",
                    "leaf.key",
                    "-outform",
                    "DER",
                    "-out",
                    "pkcs8.der",
                ],
            ),
            (
                "spki.pem",
                vec!["pkey", "-in", "leaf.key", "-pubout", "-out", "spki.pem"],
            ),
            (
                "spki.der",
                vec![
                    "pkey", "-in", "leaf.key", "-pubout", "-outform", "DER", "-out", "spki.der",
                ],
            ),
            (
                "leaf.der",
                vec![
                    "x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.der",
                ],
            ),
            (
                "csr.pem",
                vec![
                    "req",
                    "-new",
                    "-key",
                    "leaf.key",
                    "-subj",
                    "/CN=mail.example.com",
                    "-out",
                    "csr.pem",
                ],
            ),
            (
                "csr.der",
                vec![
                    "req", "-in", "csr.pem", "-outform", "DER", "-out", "csr.der",
                ],
            ),
        ];
        match kind {
            LeafKey::Rsa2048 => files.extend([
                (
                    "pkcs1.pem",
                    vec![
                        "rsa",
                        "-in",
                        "leaf.key",
                        "-traditional",
                        "-out",
                        "pkcs1.pem",
                    ],
                ),
                (
                    "pkcs1.der",
                    vec![
                        "rsa",
                        "-in",
                        "leaf.key",
                        "-traditional",
                        "-outform",
                        "DER",
                        "-out",
                        "pkcs1.der",
                    ],
                ),
                (
                    "pkcs1-pub.pem",
                    vec![
                        "rsa",
                        "-in",
                        "leaf.key",
                        "-RSAPublicKey_out",
                        "-out",
                        "pkcs1-pub.pem",
                    ],
                ),
                (
                    "pkcs1-pub.der",
                    vec![
                        "rsa",
                        "-in",
                        "leaf.key",
                        "-RSAPublicKey_out",
                        "-outform",
                        "DER",
                        "-out",
                        "pkcs1-pub.der",
                    ],
                ),
            ]),
            LeafKey::EcdsaP256 => files.extend([
                (
                    "sec1.pem",
                    vec!["ec", "-in", "leaf.key", "-out", "sec1.pem"],
                ),
                (
                    "sec1.der",
                    vec![
                        "ec", "-in", "leaf.key", "-outform", "DER", "-out", "sec1.der",
                    ],
                ),
                (
                    "params.pem",
                    vec!["ecparam", "-name", "prime256v1", "-out", "params.pem"],
                ),
            ]),
        }
        for (file, args) in &files {
            openssl(args, d);
            // `openssl ecparam -genkey` writes EC PARAMETERS before the key.
            let file = &if *file == "params.pem" {
                let mut both = std::fs::read(d.join("params.pem")).unwrap();
                both.extend(std::fs::read(d.join("sec1.pem")).unwrap());
                std::fs::write(d.join("sec1-params.pem"), both).unwrap();
                "sec1-params.pem"
            } else {
                file
            };
            let got = generate_json(&[file], d);
            assert_eq!(got.len(), 1, "{kind:?} {file}");
            assert_eq!(got[0].3, want, "{kind:?} {file}");
        }
    }
}

#[test]
fn ed25519_and_p384_keys_match_openssl() {
    let d = scratch("tlsa-gen-other-keys");
    let d = d.as_path();
    for (file, args) in [
        (
            "ed25519.key",
            vec!["genpkey", "-algorithm", "ED25519", "-out", "ed25519.key"],
        ),
        (
            "p384.key",
            vec![
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-384",
                "-out",
                "p384.key",
            ],
        ),
    ] {
        openssl(&args, d);
        let spki = format!("{file}.spki.der");
        openssl(
            &[
                "pkey", "-in", file, "-pubout", "-outform", "DER", "-out", &spki,
            ],
            d,
        );
        let got = generate_json(&[file, "--matching-type", "1,2"], d);
        assert_eq!(got[0].3, dgst("-sha256", &spki, d), "{file}");
        assert_eq!(got[1].3, dgst("-sha512", &spki, d), "{file}");
    }
}

/// A bad file is exit status 2 with a message that names it, never a panic.
#[test]
fn bad_input_is_exit_2_naming_the_file() {
    let chain = openssl_chain("gen-bad", LeafKey::EcdsaP256);
    let d = chain.dir.as_path();
    let leaf = std::fs::read(d.join("leaf.pem")).unwrap();
    let der = {
        openssl(
            &[
                "x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.der",
            ],
            d,
        );
        std::fs::read(d.join("leaf.der")).unwrap()
    };
    openssl(
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-aes256",
            "-pass",
            "pass:x",
            "-out",
            "encrypted.key",
        ],
        d,
    );
    openssl(
        &[
            "ec",
            "-in",
            "leaf.key",
            "-traditional",
            "-aes256",
            "-passout",
            "pass:x",
            "-out",
            "encrypted-sec1.key",
        ],
        d,
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.pem", Vec::new(), "empty"),
        ("text.pem", b"hello\n".to_vec(), "neither PEM"),
        ("truncated.der", der[..der.len() / 2].to_vec(), "bad DER"),
        (
            "truncated.pem",
            leaf[..leaf.len() / 2].to_vec(),
            "PEM block 1",
        ),
        (
            "corrupt.pem",
            {
                let s = String::from_utf8(leaf.clone()).unwrap();
                s.replacen("MII", "MIJ", 1).into_bytes()
            },
            "bad certificate",
        ),
        (
            "crl.pem",
            b"-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n".to_vec(),
            "X509 CRL",
        ),
        (
            "encrypted.key",
            std::fs::read(d.join("encrypted.key")).unwrap(),
            "encrypted",
        ),
        (
            "encrypted-sec1.key",
            std::fs::read(d.join("encrypted-sec1.key")).unwrap(),
            "encrypted",
        ),
    ];
    for (file, bytes, why) in &cases {
        std::fs::write(d.join(file), bytes).unwrap();
        let o = zw_in(d, &["tlsa", "generate", file]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{file}: {err}");
        assert!(
            err.starts_with(&format!("zonewarden: {file}: ")),
            "{file}: {err}"
        );
        assert!(err.contains(why), "{file}: {err}");
        assert!(!err.contains("panicked"), "{file}: {err}");
    }
    // A missing file, a key asked for selector 0, a leaf alone asked for usage 2.
    for (args, why) in [
        (vec!["no-such.pem"], "no-such.pem: cannot read"),
        (
            vec!["leaf.key", "--selector", "0"],
            "selector 0 (Cert) needs a certificate",
        ),
        (vec!["leaf.pem", "--usage", "2"], "holds no CA certificate"),
        (
            vec!["leaf.pem", "--usage", "4"],
            "--usage: unknown usage `4`",
        ),
        (vec!["leaf.pem", "--format", "nsupdate"], "needs an owner"),
    ] {
        let mut a = vec!["tlsa", "generate"];
        a.extend(args.iter().copied());
        let o = zw_in(d, &a);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(why), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn zone_gives_every_mx_target_inside_it() {
    let chain = openssl_chain("gen-zone", LeafKey::EcdsaP256);
    let d = chain.dir.as_path();
    std::fs::write(
        d.join("z.zone"),
        "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns hostmaster 1 7200 3600 1209600 3600\n@ NS ns\n\
         @ MX 10 mx1\n@ MX 20 mx2.example.com.\n@ MX 30 mx.provider.example.\nsub MX 10 MX1\n",
    )
    .unwrap();
    let o = zw_in(d, &["tlsa", "generate", chain.leaf, "--zone", "z.zone"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let owners: Vec<String> = stdout(&o)
        .lines()
        .filter(|l| !l.starts_with(';'))
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(
        owners,
        ["_25._tcp.mx1.example.com.", "_25._tcp.mx2.example.com."]
    );
}
