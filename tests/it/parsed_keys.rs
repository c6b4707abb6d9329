//! The parsed-key path (aws-lc-rs, each DNSKEY parsed once: `dnssec::backend`) against
//! ring's per-call path (hickory-proto): every signature of the signed corpus
//! (testdata/zones/signed/: BIND, ldns and Knot; ECDSA P-256 and P-384, Ed25519, RSASHA256,
//! RSASHA512), of the DNSSEC lint cases (testdata/lint/ZW2*: RSAMD5, RSASHA1, RSA-1024
//! among them, each with one fault) and of the tampered variants of the verify tests gets
//! the same verdict through both, tried against every apex key with its key tag and
//! algorithm.

use crate::util::root;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use zonewarden::dnssec::backend::{check_signature_with, Backend};
use zonewarden::dnssec::keys::Key;
use zonewarden::dnssec::signed_data::{self, Rrsig};
use zonewarden::index::{Cx, LintOptions};
use zonewarden::zone::rtype::t;
use zonewarden::zone::{read_file, ReadOptions, Record};

/// Per algorithm: (valid, invalid, through a parsed key) verdicts compared.
type Tally = BTreeMap<u8, (usize, usize, usize)>;

/// Compares the two paths over every (signature, key) pair of one zone; returns the
/// mismatches.
fn compare(path: &Path, origin: Option<String>, tally: &mut Tally) -> Vec<String> {
    let opts = ReadOptions {
        origin,
        ..ReadOptions::default()
    };
    let Ok(zone) = read_file(path, &opts) else {
        return Vec::new();
    };
    let lint = LintOptions::default();
    let cx = Cx::new(&zone, &lint);
    if zone.origin_id as usize >= zone.names.len() {
        return Vec::new();
    }
    let keys: Vec<Key> = cx
        .records_of(zone.origin_id)
        .iter()
        .filter(|&&i| cx.record(i).rtype == t::DNSKEY)
        .filter_map(|&i| Key::parse(i, zone.rdata(cx.record(i))))
        .collect();
    let mut bad = Vec::new();
    let mut buf = Vec::new();
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
            let covered: Vec<&Record> = recs
                .iter()
                .map(|&x| cx.record(x))
                .filter(|x| x.rtype == sig.type_covered)
                .collect();
            if covered.is_empty() {
                continue;
            }
            signed_data::build(&zone, &sig, zone.names.wire(id), &covered, &mut buf);
            for k in keys
                .iter()
                .filter(|k| k.tag == sig.key_tag && k.algorithm == sig.algorithm)
            {
                let ring = check_signature_with(Backend::RingPerCall, k, &buf, sig.signature);
                let parsed = check_signature_with(Backend::Parsed, k, &buf, sig.signature);
                let e = tally.entry(k.algorithm).or_default();
                match ring {
                    Some(true) => e.0 += 1,
                    _ => e.1 += 1,
                }
                e.2 += usize::from(k.parsed.is_some());
                if ring != parsed {
                    bad.push(format!(
                        "{}: RRSIG at {} by key {}: ring {ring:?}, parsed {parsed:?}",
                        path.display(),
                        cx.name_text(id),
                        k.tag
                    ));
                }
            }
        }
    }
    bad
}

fn zones_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

#[test]
fn the_signed_corpus_and_the_lint_cases_get_the_same_verdicts() {
    let mut tally = Tally::new();
    let mut bad = Vec::new();
    for p in zones_in(&root().join("testdata/zones/signed"), "signed") {
        let name = p.file_name().unwrap().to_str().unwrap();
        let origin = name.rsplit_once('.').unwrap().0.rsplit_once('.').unwrap().0;
        bad.extend(compare(&p, Some(format!("{origin}.")), &mut tally));
    }
    for e in std::fs::read_dir(root().join("testdata/lint")).unwrap() {
        let d = e.unwrap().path();
        if d.file_name().unwrap().to_str().unwrap().starts_with("ZW2") {
            for p in zones_in(&d, "zone") {
                bad.extend(compare(&p, None, &mut tally));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
    // Every algorithm of the corpus was compared, with valid and invalid signatures, and
    // through parsed keys (RSAMD5 has none: it stays on the per-call path).
    for alg in [5, 8, 10, 13, 14, 15] {
        let (valid, _, parsed) = tally.get(&alg).copied().unwrap_or_default();
        assert!(valid > 0 && parsed > 0, "algorithm {alg}: {tally:?}");
    }
    let invalid: usize = tally.values().map(|v| v.1).sum();
    assert!(invalid >= 5, "{tally:?}");
}

#[test]
fn the_tampered_variants_get_the_same_verdicts() {
    let mut tally = Tally::new();
    let mut bad = Vec::new();
    let cases = crate::verify::tampered_zones();
    assert!(cases.len() >= 15);
    for (p, _) in &cases {
        bad.extend(compare(p, Some("base.example.".into()), &mut tally));
    }
    assert!(bad.is_empty(), "{bad:#?}");
    let invalid: usize = tally.values().map(|v| v.1).sum();
    let valid: usize = tally.values().map(|v| v.0).sum();
    assert!(invalid >= 3 && valid > 100, "{tally:?}");
}
