//! Shared by the `tlsa*` tests: certificate chains made with the openssl CLI and with rcgen,
//! the peers run without a network, and zonewarden run as a user runs it.
#![allow(dead_code)]

use crate::util::{scratch, stderr, stdout, zw_in};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs a peer tool, with no network when `unshare -n` works here.
pub fn peer(prog: &str, args: &[&str], dir: &Path) -> Output {
    let isolated = Command::new("unshare")
        .args(["-n", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    let mut c = if isolated {
        let mut c = Command::new("unshare");
        c.arg("-n").arg(prog);
        c
    } else {
        Command::new(prog)
    };
    let o = c
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| {
            panic!("{prog} is needed for this test (scripts/test.sh installs it): {e}")
        });
    assert!(o.status.success(), "{prog} {args:?} failed: {}", stderr(&o));
    o
}

pub fn openssl(args: &[&str], dir: &Path) -> Output {
    peer("openssl", args, dir)
}

/// `openssl dgst -sha256|-sha512` of a file, lower-case hex.
pub fn dgst(alg: &str, file: &str, dir: &Path) -> String {
    let o = openssl(&["dgst", alg, "-r", file], dir);
    stdout(&o).split_whitespace().next().unwrap().to_string()
}

/// The TLSA values openssl computes for a certificate: (selector, matching type, hex).
/// Selector 1 is `openssl x509 -pubkey | openssl pkey -pubin -outform DER`, selector 0 the
/// DER certificate; matching type 0 is the octets themselves.
pub fn openssl_values(cert: &str, dir: &Path) -> Vec<(u8, u8, String)> {
    let stem = cert.trim_end_matches(".pem");
    let pubkey = format!("{stem}.pubkey.pem");
    let spki = format!("{stem}.spki.der");
    let der = format!("{stem}.cert.der");
    let o = openssl(&["x509", "-in", cert, "-pubkey", "-noout"], dir);
    std::fs::write(dir.join(&pubkey), &o.stdout).unwrap();
    openssl(
        &[
            "pkey", "-pubin", "-in", &pubkey, "-outform", "DER", "-out", &spki,
        ],
        dir,
    );
    openssl(&["x509", "-in", cert, "-outform", "DER", "-out", &der], dir);
    let hex = |f: &str| data_encoding::HEXLOWER.encode(&std::fs::read(dir.join(f)).unwrap());
    vec![
        (0, 0, hex(&der)),
        (0, 1, dgst("-sha256", &der, dir)),
        (0, 2, dgst("-sha512", &der, dir)),
        (1, 0, hex(&spki)),
        (1, 1, dgst("-sha256", &spki, dir)),
        (1, 2, dgst("-sha512", &spki, dir)),
    ]
}

/// Which kind of leaf key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeafKey {
    Rsa2048,
    EcdsaP256,
}

/// A chain on disk: root CA -> intermediate CA -> leaf for mail.example.com, each as PEM,
/// with `fullchain.pem` (leaf, intermediate) and `fullchain-root.pem` (and the root).
pub struct Chain {
    pub dir: PathBuf,
    pub root: &'static str,
    pub intermediate: &'static str,
    pub leaf: &'static str,
    pub leaf_key: &'static str,
    pub fullchain: &'static str,
    pub fullchain_root: &'static str,
}

fn concat(dir: &Path, out: &str, parts: &[&str]) {
    let mut all = Vec::new();
    for p in parts {
        all.extend(std::fs::read(dir.join(p)).unwrap());
    }
    std::fs::write(dir.join(out), all).unwrap();
}

fn chain_at(dir: &Path) -> Chain {
    concat(dir, "fullchain.pem", &["leaf.pem", "intermediate.pem"]);
    concat(
        dir,
        "fullchain-root.pem",
        &["leaf.pem", "intermediate.pem", "root.pem"],
    );
    Chain {
        dir: dir.to_path_buf(),
        root: "root.pem",
        intermediate: "intermediate.pem",
        leaf: "leaf.pem",
        leaf_key: "leaf.key",
        fullchain: "fullchain.pem",
        fullchain_root: "fullchain-root.pem",
    }
}

/// A new private key of `kind` made by openssl, written to `dir/out`.
pub fn new_key(kind: LeafKey, out: &str, dir: &Path) {
    match kind {
        LeafKey::Rsa2048 => openssl(
            &[
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:2048",
                "-out",
                out,
            ],
            dir,
        ),
        LeafKey::EcdsaP256 => openssl(
            &[
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-out",
                out,
            ],
            dir,
        ),
    };
}

/// The chain made with the openssl CLI; `days` is the leaf's validity from now.
pub fn openssl_chain(name: &str, kind: LeafKey) -> Chain {
    let dir = scratch(&format!("tlsa-{name}"));
    let d = dir.as_path();
    std::fs::write(
        d.join("ca.ext"),
        "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
    )
    .unwrap();
    std::fs::write(
        d.join("leaf.ext"),
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:mail.example.com\nauthorityKeyIdentifier=keyid\n",
    )
    .unwrap();
    new_key(LeafKey::EcdsaP256, "root.key", d);
    openssl(
        &[
            "req",
            "-x509",
            "-new",
            "-key",
            "root.key",
            "-subj",
            "/CN=Test Root CA",
            "-days",
            "3650",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
            "-out",
            "root.pem",
        ],
        d,
    );
    new_key(LeafKey::EcdsaP256, "intermediate.key", d);
    openssl(
        &[
            "req",
            "-new",
            "-key",
            "intermediate.key",
            "-subj",
            "/CN=Test Intermediate CA",
            "-out",
            "intermediate.csr",
        ],
        d,
    );
    openssl(
        &[
            "x509",
            "-req",
            "-in",
            "intermediate.csr",
            "-CA",
            "root.pem",
            "-CAkey",
            "root.key",
            "-set_serial",
            "2",
            "-days",
            "3650",
            "-extfile",
            "ca.ext",
            "-out",
            "intermediate.pem",
        ],
        d,
    );
    new_key(kind, "leaf.key", d);
    openssl(
        &[
            "req",
            "-new",
            "-key",
            "leaf.key",
            "-subj",
            "/CN=mail.example.com",
            "-out",
            "leaf.csr",
        ],
        d,
    );
    openssl(
        &[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "intermediate.pem",
            "-CAkey",
            "intermediate.key",
            "-set_serial",
            "3",
            "-days",
            "90",
            "-extfile",
            "leaf.ext",
            "-out",
            "leaf.pem",
        ],
        d,
    );
    chain_at(d)
}

/// The same chain made with rcgen. rcgen (on ring) cannot make RSA keys, so the RSA leaf's
/// key comes from `openssl genpkey` and rcgen signs its certificate.
pub fn rcgen_chain(name: &str, kind: LeafKey) -> Chain {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose};
    let dir = scratch(&format!("tlsa-{name}"));
    let d = dir.as_path();
    let ca_params = |cn: &str| {
        let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
        p.distinguished_name.push(DnType::CommonName, cn);
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        p
    };
    let root_key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let root = ca_params("rcgen Root CA").self_signed(&root_key).unwrap();
    let int_key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let int = ca_params("rcgen Intermediate CA")
        .signed_by(&int_key, &root, &root_key)
        .unwrap();
    let leaf_key = match kind {
        LeafKey::EcdsaP256 => KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap(),
        LeafKey::Rsa2048 => {
            new_key(LeafKey::Rsa2048, "leaf.key", d);
            let pem = std::fs::read_to_string(d.join("leaf.key")).unwrap();
            KeyPair::from_pem_and_sign_algo(&pem, &rcgen::PKCS_RSA_SHA256).unwrap()
        }
    };
    std::fs::write(d.join("leaf.key"), leaf_key.serialize_pem()).unwrap();
    let mut lp = CertificateParams::new(vec!["mail.example.com".to_string()]).unwrap();
    lp.distinguished_name
        .push(DnType::CommonName, "mail.example.com");
    lp.is_ca = IsCa::ExplicitNoCa;
    let leaf = lp.signed_by(&leaf_key, &int, &int_key).unwrap();
    std::fs::write(d.join("root.pem"), root.pem()).unwrap();
    std::fs::write(d.join("intermediate.pem"), int.pem()).unwrap();
    std::fs::write(d.join("leaf.pem"), leaf.pem()).unwrap();
    chain_at(d)
}

/// The four chains the "Must show" list asks for.
pub fn all_chains(prefix: &str) -> Vec<(String, Chain)> {
    let mut out = Vec::new();
    for kind in [LeafKey::Rsa2048, LeafKey::EcdsaP256] {
        let k = format!("{kind:?}").to_lowercase();
        out.push((
            format!("openssl-{k}"),
            openssl_chain(&format!("{prefix}-openssl-{k}"), kind),
        ));
        out.push((
            format!("rcgen-{k}"),
            rcgen_chain(&format!("{prefix}-rcgen-{k}"), kind),
        ));
    }
    out
}

/// zonewarden's records in JSON, as (usage, selector, matching type, lower-case hex, for).
pub fn generate_json(args: &[&str], dir: &Path) -> Vec<(u8, u8, u8, String, serde_json::Value)> {
    let mut a = vec!["tlsa", "generate", "--format", "json"];
    a.extend_from_slice(args);
    let o = zw_in(dir, &a);
    assert_eq!(o.status.code(), Some(0), "{a:?}: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["usage"].as_u64().unwrap() as u8,
                r["selector"].as_u64().unwrap() as u8,
                r["matching_type"].as_u64().unwrap() as u8,
                r["data"].as_str().unwrap().to_lowercase(),
                r.clone(),
            )
        })
        .collect()
}
