//! The floor for verifying a signed zone with a generic library: ring's signature
//! verifications alone, for every RRSIG of the zone, spread over all cores.
//!
//!     cargo run --release --example verify_floor -- ZONE [ORIGIN]
//!
//! The zone is read and every signature's signed data is built first (not timed); then only
//! the `ring::signature` verify calls are timed, in parallel with rayon. `zonewarden verify`
//! does all of that and the chains besides; scripts/bench-verify.sh compares the two.

use rayon::prelude::*;
use ring::signature::{self, RsaPublicKeyComponents, UnparsedPublicKey};
use std::path::Path;
use std::time::Instant;
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
        8 | 10 => {
            let (elen, rest) = match key[0] {
                0 => (u16::from_be_bytes([key[1], key[2]]) as usize, &key[3..]),
                n => (n as usize, &key[1..]),
            };
            let alg = if k.algorithm == 8 {
                &signature::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY
            } else {
                &signature::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY
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

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: verify_floor ZONE [ORIGIN]");
        std::process::exit(2);
    };
    let opts = ReadOptions {
        origin: args.get(2).cloned(),
        origin_source: None,
        ..ReadOptions::default()
    };
    let t0 = Instant::now();
    let zone = read_file(Path::new(path), &opts).expect("readable zone");
    let lint_opts = LintOptions::default();
    let cx = Cx::new(&zone, &lint_opts);
    let keys: Vec<(Key, Public)> = cx
        .records_of(zone.origin_id)
        .iter()
        .filter(|&&i| cx.record(i).rtype == t::DNSKEY)
        .filter_map(|&i| Key::parse(i, zone.rdata(cx.record(i))))
        .filter_map(|k| public(&k).map(|p| (k, p)))
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
                .position(|(k, _)| k.tag == sig.key_tag && k.algorithm == sig.algorithm)
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
    let t1 = Instant::now();
    let valid = items
        .par_iter()
        .filter(|(k, msg, sig)| verify(&keys[*k].1, msg, sig))
        .count();
    let el = t1.elapsed().as_secs_f64();
    let threads = rayon::current_num_threads();
    println!(
        "{} signatures ({valid} valid) verified by ring in {el:.2} s on {threads} threads: {:.1} µs each per thread (preparation, not timed: {:.2} s)",
        items.len(),
        el * 1e6 * threads as f64 / items.len().max(1) as f64,
        prep.as_secs_f64()
    );
}
