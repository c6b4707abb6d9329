//! The floor for verifying a signed zone with a generic library: the signature
//! verifications alone, for every RRSIG of the zone, spread over all cores.
//!
//!     cargo run --release --example verify_floor -- ZONE [ORIGIN] [--repeat N] [FLOOR...]
//!
//! The zone is read and every signature's signed data is built first (not timed); then only
//! the verify calls are timed, in parallel with rayon, once for each floor asked for (all
//! three by default), each on one line:
//! - `ring`: ring's `UnparsedPublicKey` / `RsaPublicKeyComponents` verify, which parses the
//!   key on every call (the generic library's floor);
//! - `aws-lc`: the same per call with aws-lc-rs;
//! - `parsed`: each DNSKEY parsed once, before the clock starts, and reused for every
//!   signature it made: zonewarden's own path (`dnssec::backend::ParsedKey`, aws-lc-rs).
//!
//! `--repeat N` runs each floor N times over the signatures, the floors taking turns, and
//! reports the fastest pass of each (for a small zone, or a shared machine). With
//! `RAYON_NUM_THREADS=1` it gives the cost of one verification per algorithm
//! (scripts/bench-keys.sh). `zonewarden verify` does all of this and the chains besides;
//! scripts/bench-verify.sh compares them.

use aws_lc_rs::signature as aws;
use rayon::prelude::*;
use ring::signature::{self, RsaPublicKeyComponents, UnparsedPublicKey};
use std::path::Path;
use std::time::Instant;
use zonewarden::dnssec::backend::ParsedKey;
use zonewarden::dnssec::keys::Key;
use zonewarden::dnssec::signed_data::{self, Rrsig};
use zonewarden::index::{Cx, LintOptions};
use zonewarden::zone::rtype::t;
use zonewarden::zone::{read_file, ReadOptions, Record};

/// A public key in the form ring takes it.
enum Public {
    Ec(&'static signature::EcdsaVerificationAlgorithm, Vec<u8>),
    Ed(Vec<u8>),
    Rsa(&'static signature::RsaParameters, Vec<u8>, Vec<u8>),
}

fn public(k: &Key) -> Option<Public> {
    let key = &k.rdata[4..];
    Some(match k.algorithm {
        13 | 14 => {
            let mut v = vec![4u8];
            v.extend_from_slice(key);
            let alg = if k.algorithm == 13 {
                &signature::ECDSA_P256_SHA256_FIXED
            } else {
                &signature::ECDSA_P384_SHA384_FIXED
            };
            Public::Ec(alg, v)
        }
        15 => Public::Ed(key.to_vec()),
        5 | 7 | 8 | 10 => {
            let (elen, rest) = match key[0] {
                0 => (u16::from_be_bytes([key[1], key[2]]) as usize, &key[3..]),
                n => (n as usize, &key[1..]),
            };
            let alg = match k.algorithm {
                8 => &signature::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
                10 => &signature::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
                _ => &signature::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
            };
            Public::Rsa(alg, rest[elen..].to_vec(), rest[..elen].to_vec())
        }
        _ => return None,
    })
}

fn verify(p: &Public, msg: &[u8], sig: &[u8]) -> bool {
    match p {
        Public::Ec(alg, k) => UnparsedPublicKey::new(*alg, k).verify(msg, sig).is_ok(),
        Public::Ed(k) => UnparsedPublicKey::new(&signature::ED25519, k)
            .verify(msg, sig)
            .is_ok(),
        Public::Rsa(alg, n, e) => RsaPublicKeyComponents { n, e }
            .verify(alg, msg, sig)
            .is_ok(),
    }
}

/// The same call with aws-lc-rs, the key parsed on every call.
fn verify_aws(p: &Public, msg: &[u8], sig: &[u8]) -> bool {
    match p {
        Public::Ec(alg, k) => {
            let alg = if std::ptr::eq(*alg, &signature::ECDSA_P256_SHA256_FIXED) {
                &aws::ECDSA_P256_SHA256_FIXED
            } else {
                &aws::ECDSA_P384_SHA384_FIXED
            };
            aws::UnparsedPublicKey::new(alg, k).verify(msg, sig).is_ok()
        }
        Public::Ed(k) => aws::UnparsedPublicKey::new(&aws::ED25519, k)
            .verify(msg, sig)
            .is_ok(),
        Public::Rsa(alg, n, e) => {
            let alg = if std::ptr::eq(
                *alg,
                &signature::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
            ) {
                &aws::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY
            } else if std::ptr::eq(
                *alg,
                &signature::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
            ) {
                &aws::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY
            } else {
                &aws::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY
            };
            aws::RsaPublicKeyComponents { n, e }
                .verify(alg, msg, sig)
                .is_ok()
        }
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 1usize;
    if let Some(i) = args.iter().position(|a| a == "--repeat") {
        repeat = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(1);
        args.drain(i..(i + 2).min(args.len()));
    }
    let known = ["ring", "aws-lc", "parsed"];
    let mut floors: Vec<String> = Vec::new();
    args.retain(|a| {
        let f = known.contains(&a.as_str());
        if f {
            floors.push(a.clone());
        }
        !f
    });
    if floors.is_empty() {
        floors = known.iter().map(|s| s.to_string()).collect();
    }
    let Some(path) = args.first() else {
        eprintln!("usage: verify_floor ZONE [ORIGIN] [--repeat N] [ring|aws-lc|parsed...]");
        std::process::exit(2);
    };
    let opts = ReadOptions {
        origin: args.get(1).cloned(),
        origin_source: None,
        ..ReadOptions::default()
    };
    let t0 = Instant::now();
    let zone = read_file(Path::new(path), &opts).expect("readable zone");
    let lint_opts = LintOptions::default();
    let cx = Cx::new(&zone, &lint_opts);
    let keys: Vec<(Key, Public, Option<ParsedKey>)> = cx
        .records_of(zone.origin_id)
        .iter()
        .filter(|&&i| cx.record(i).rtype == t::DNSKEY)
        .filter_map(|&i| Key::parse(i, zone.rdata(cx.record(i))))
        .filter_map(|k| public(&k).map(|p| (k, p)))
        .map(|(k, p)| {
            let parsed = ParsedKey::new(k.algorithm, &k.rdata[4..]);
            (k, p, parsed)
        })
        .collect();
    // Every signature with its signed data and the key that should have made it.
    let mut items: Vec<(usize, Vec<u8>, &[u8])> = Vec::new();
    let mut covered: Vec<&Record> = Vec::new();
    for id in 0..zone.names.len() as u32 {
        let recs = cx.records_of(id);
        for &ri in recs {
            let r = cx.record(ri);
            if r.rtype != t::RRSIG {
                continue;
            }
            let Some(sig) = Rrsig::parse(zone.rdata(r)) else {
                continue;
            };
            let Some(k) = keys
                .iter()
                .position(|(k, _, _)| k.tag == sig.key_tag && k.algorithm == sig.algorithm)
            else {
                continue;
            };
            covered.clear();
            covered.extend(
                recs.iter()
                    .map(|&x| cx.record(x))
                    .filter(|x| x.rtype == sig.type_covered),
            );
            let mut buf = Vec::new();
            signed_data::build(&zone, &sig, zone.names.wire(id), &covered, &mut buf);
            items.push((k, buf, sig.signature));
        }
    }
    let prep = t0.elapsed();
    let threads = rayon::current_num_threads();
    // Each pass over the signatures is timed alone, the floors taking turns, and the
    // fastest pass of each is reported: on a shared machine the least disturbed one.
    let mut best = vec![f64::INFINITY; floors.len()];
    let mut valid = vec![0; floors.len()];
    for _ in 0..repeat {
        for (f, floor) in floors.iter().enumerate() {
            let t1 = Instant::now();
            valid[f] = items
                .par_iter()
                .filter(|(k, msg, sig)| {
                    let (_, p, parsed) = &keys[*k];
                    match floor.as_str() {
                        "ring" => verify(p, msg, sig),
                        "aws-lc" => verify_aws(p, msg, sig),
                        _ => match parsed {
                            Some(pk) => pk.verify(msg, sig),
                            None => verify(p, msg, sig),
                        },
                    }
                })
                .count();
            best[f] = best[f].min(t1.elapsed().as_secs_f64());
        }
    }
    for (f, floor) in floors.iter().enumerate() {
        let (el, n) = (best[f], items.len());
        println!(
            "{floor}: {n} signatures ({} valid) verified in {el:.2} s on {threads} threads: {:.1} µs each per thread (fastest of {repeat}; preparation, not timed: {:.2} s)",
            valid[f],
            el * 1e6 * threads as f64 / n.max(1) as f64,
            prep.as_secs_f64()
        );
    }
}
