//! `zonewarden verify` on hostile zones of the KeyTrap kind (CVE-2023-50387): many keys with
//! one key tag, many signatures whose tag names no key, many signatures over one large
//! RRset. The work is asserted through the counts the pass reports ([`Stats`]): cryptographic
//! verifications, signed data built and canonical orderings computed. Each hostile run also
//! has a generous deadline, so that a run that would take minutes fails instead of hanging.
//!
//! The zones come from `scripts/gen-keytrap.py` (junk keys and signatures of the right shape)
//! or are built here around one real ECDSA P-256 key made with ring.

use crate::util::{self, scratch};
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;
use zonewarden::diag::Diagnostic;
use zonewarden::dnssec::keys::key_tag;
use zonewarden::dnssec::verify::{MAX_KEYS_PER_SIGNATURE, MAX_SIGNATURES_PER_KEY};
use zonewarden::dnssec::{Options, Stats};
use zonewarden::lint::verify_zone;
use zonewarden::zone::{read_file, ReadOptions};

/// 2026-11-25T00:00:00Z, inside the signatures' window.
const NOW: i64 = 1_795_564_800;
/// 2036-12-31T00:00:00Z and 2026-01-01T00:00:00Z, the window of every signature here.
const EXPIRATION: u32 = 2_114_294_400;
const INCEPTION: u32 = 1_767_225_600;
/// Far more than any of these runs needs (a few seconds in a debug build), far less than the
/// minutes the unbounded pass took.
const DEADLINE: Duration = Duration::from_secs(60);

/// Writes `scripts/gen-keytrap.py FAMILY N` to a file.
fn generate(dir: &Path, family: &str, n: usize) -> PathBuf {
    let root = util::root();
    let o = Command::new("python3")
        .arg(root.join("scripts/gen-keytrap.py"))
        .args([family, &n.to_string()])
        .output()
        .expect("python3 runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let path = dir.join(format!("{family}-{n}.zone"));
    std::fs::write(&path, o.stdout).unwrap();
    path
}

/// Reads and verifies a zone on another thread, failing once the deadline passes.
fn verify(path: &Path) -> (Vec<Diagnostic>, Stats) {
    let path = path.to_path_buf();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let zone = read_file(&path, &ReadOptions::default()).unwrap();
        let opts = Options {
            now: NOW,
            ..Default::default()
        };
        let _ = tx.send(verify_zone(&zone, &opts));
    });
    rx.recv_timeout(DEADLINE)
        .expect("verify finishes well within the deadline")
}

fn with_code<'a>(found: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    found.iter().filter(|d| d.rule.code == code).collect()
}

#[test]
fn colliding_key_tags_cost_at_most_the_cap_per_signature() {
    let dir = scratch("keytrap-colliding");
    let n = 1000;
    let (found, stats) = verify(&generate(&dir, "colliding-keys", n));
    assert_eq!(stats.keys, n);
    assert_eq!(stats.signatures, n as u64);
    assert_eq!(stats.verified, 0);
    assert!(
        stats.attempts <= (MAX_KEYS_PER_SIGNATURE * n) as u64,
        "{} verifications for {n} signatures",
        stats.attempts
    );
    assert!(stats.attempts >= n as u64, "{}", stats.attempts);
    assert_eq!(stats.signed_data, n as u64);
    // The collision itself: every key after the first of the group is named.
    let dup = with_code(&found, "ZW2107");
    assert_eq!(dup.len(), n - 1);
    assert!(
        dup[0].message().contains("1000 keys share it"),
        "{}",
        dup[0].message()
    );
    // No signature passes, and each says that keys were left untried.
    let bad = with_code(&found, "ZW2001");
    assert_eq!(bad.len(), n);
    assert!(
        bad[0].message().contains("the first 4 of the 1000 keys"),
        "{}",
        bad[0].message()
    );
}

#[test]
fn key_tags_that_name_no_key_build_no_signed_data() {
    let dir = scratch("keytrap-unmatched");
    let n = 10_000;
    let (found, stats) = verify(&generate(&dir, "unmatched-tags", n));
    assert_eq!(stats.signatures, n as u64);
    assert_eq!(stats.signed_data, 0);
    assert_eq!(stats.attempts, 0);
    assert_eq!(stats.orderings, 0);
    let unknown = with_code(&found, "ZW2003");
    assert_eq!(unknown.len(), 1);
    assert!(
        unknown[0]
            .message()
            .contains("(and 9999 more signatures by it)"),
        "{}",
        unknown[0].message()
    );
}

/// DNSKEY RDATA (flags 256, protocol 3, ECDSAP256SHA256) for a junk 64-octet point whose
/// key tag is `tag`; `seed` makes each one different.
fn junk_key(tag: u16, seed: u8) -> Vec<u8> {
    let mut rdata = vec![1, 0, 3, 13];
    rdata.extend((0..64u8).map(|i| i.wrapping_mul(37).wrapping_add(seed)));
    // The last two octets sit at an even offset and add (hi << 8 | lo) to the sum.
    let k = rdata.len() - 2;
    rdata[k] = 0;
    rdata[k + 1] = 0;
    let base = key_tag(&rdata);
    for carry in 0..3u16 {
        let x = tag.wrapping_sub(base).wrapping_sub(carry);
        rdata[k..].copy_from_slice(&x.to_be_bytes());
        if key_tag(&rdata) == tag {
            return rdata;
        }
    }
    panic!("no adjustment hits key tag {tag}");
}

const ORIGIN_WIRE: &[u8] = b"\x02kt\x07example\x00";

/// A real ECDSA P-256 key: its DNSKEY RDATA, and a signature by it over `kt.example. TXT
/// "hello"` with labels 2 and original TTL 3600 (RFC 4034 §3.1.8.1), returned as the RRSIG's
/// presentation form.
fn real_key_and_rrsig() -> (Vec<u8>, String) {
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
    let pair =
        EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng).unwrap();
    let mut rdata = vec![1, 0, 3, 13];
    // An uncompressed point, 0x04 | x | y; DNSSEC keeps x | y (RFC 6605 §4).
    rdata.extend_from_slice(&pair.public_key().as_ref()[1..]);
    let tag = key_tag(&rdata);
    let mut data = Vec::new();
    data.extend_from_slice(&16u16.to_be_bytes()); // TXT
    data.extend_from_slice(&[13, 2]);
    data.extend_from_slice(&3600u32.to_be_bytes());
    data.extend_from_slice(&EXPIRATION.to_be_bytes());
    data.extend_from_slice(&INCEPTION.to_be_bytes());
    data.extend_from_slice(&tag.to_be_bytes());
    data.extend_from_slice(ORIGIN_WIRE);
    data.extend_from_slice(ORIGIN_WIRE);
    data.extend_from_slice(&16u16.to_be_bytes());
    data.extend_from_slice(&1u16.to_be_bytes());
    data.extend_from_slice(&3600u32.to_be_bytes());
    data.extend_from_slice(&6u16.to_be_bytes());
    data.extend_from_slice(b"\x05hello");
    let sig = pair.sign(&rng, &data).unwrap();
    let rrsig = format!(
        "@ 3600 RRSIG TXT 13 2 3600 20361231000000 20260101000000 {tag} kt.example. {}",
        data_encoding::BASE64.encode(sig.as_ref())
    );
    (rdata, rrsig)
}

/// A zone with `before` junk keys sharing the real key's tag ahead of it in zone order and
/// `after` behind it, and the real key's signature over the TXT RRset.
fn zone_with_real_key_at(dir: &Path, before: u8, after: u8) -> PathBuf {
    let (real, rrsig) = real_key_and_rrsig();
    let tag = key_tag(&real);
    let dnskey = |rdata: &[u8]| {
        format!(
            "@ 3600 DNSKEY 256 3 13 {}\n",
            data_encoding::BASE64.encode(&rdata[4..])
        )
    };
    let mut text = String::from(
        "$ORIGIN kt.example.\n@ 3600 SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ 3600 NS ns1\nns1 3600 A 192.0.2.1\n@ 3600 TXT \"hello\"\n",
    );
    for i in 0..before {
        text += &dnskey(&junk_key(tag, i));
    }
    text += &dnskey(&real);
    for i in 0..after {
        text += &dnskey(&junk_key(tag, 100 + i));
    }
    text += &rrsig;
    text += "\n";
    let path = dir.join(format!("real-key-after-{before}.zone"));
    std::fs::write(&path, text).unwrap();
    path
}

/// The signature over the TXT RRset, found as verified or as ZW2001.
fn txt_signature(found: &[Diagnostic]) -> Option<&Diagnostic> {
    found
        .iter()
        .find(|d| d.rule.code == "ZW2001" && d.message().starts_with("RRSIG TXT"))
}

#[test]
fn a_signature_is_tried_against_the_first_keys_with_its_tag_in_zone_order() {
    let dir = scratch("keytrap-order");
    // The real key first: one verification, and it passes.
    let (found, stats) = verify(&zone_with_real_key_at(&dir, 0, 6));
    assert_eq!((stats.verified, stats.attempts), (1, 1), "{found:?}");
    assert!(txt_signature(&found).is_none());
    assert_eq!(with_code(&found, "ZW2107").len(), 6);
    // The real key last among the first four: four verifications, and it passes.
    let cap = MAX_KEYS_PER_SIGNATURE as u8;
    let (found, stats) = verify(&zone_with_real_key_at(&dir, cap - 1, 3));
    assert_eq!(
        (stats.verified, stats.attempts),
        (1, MAX_KEYS_PER_SIGNATURE as u64)
    );
    assert!(txt_signature(&found).is_none());
    // The real key fifth: it is never tried, and the signature does not pass silently.
    let (found, stats) = verify(&zone_with_real_key_at(&dir, cap, 2));
    assert_eq!(
        (stats.verified, stats.attempts),
        (0, MAX_KEYS_PER_SIGNATURE as u64)
    );
    let bad = txt_signature(&found).expect("the untried key is reported");
    assert!(
        bad.message()
            .contains("the first 4 of the 7 keys with its key tag and algorithm"),
        "{}",
        bad.message()
    );
}

#[test]
fn the_canonical_order_of_an_rrset_is_computed_once_for_all_its_signatures() {
    let dir = scratch("keytrap-order-once");
    let (real, _) = real_key_and_rrsig();
    let tag = key_tag(&real);
    let mut text = format!(
        "$ORIGIN kt.example.\n@ 3600 SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ 3600 NS ns1\nns1 3600 A 192.0.2.1\n@ 3600 DNSKEY 256 3 13 {}\n",
        data_encoding::BASE64.encode(&real[4..])
    );
    for i in 0..2000 {
        text += &format!("big 3600 TXT \"r{i}\"\n");
    }
    // 50 signatures by the key, each with different (junk) signature octets.
    for i in 0..50u8 {
        let sig: Vec<u8> = (0..64u8).map(|j| j ^ i).collect();
        text += &format!(
            "big 3600 RRSIG TXT 13 3 3600 20361231000000 20260101000000 {tag} kt.example. {}\n",
            data_encoding::BASE64.encode(&sig)
        );
    }
    let path = dir.join("big.zone");
    std::fs::write(&path, text).unwrap();
    let (found, stats) = verify(&path);
    assert_eq!(stats.signatures, 50);
    // Only the first few signatures by one key over one RRset are verified (ZW2015 below).
    let cap = MAX_SIGNATURES_PER_KEY as u64;
    assert_eq!(stats.attempts, cap);
    assert_eq!(stats.signed_data, cap);
    assert_eq!(stats.orderings, 1);
    assert_eq!(
        found
            .iter()
            .filter(|d| d.rule.code == "ZW2001" && d.message().contains("2000 records"))
            .count(),
        cap as usize
    );
    let redundant = with_code(&found, "ZW2015");
    assert_eq!(redundant.len(), 1);
    assert!(redundant[0].message().contains("has 50 RRSIGs by key"));
}

/// Many signatures by the zone's key over one large RRset: each would hash the whole RRset
/// again (signatures x records); only the first few are verified and the rest reported.
#[test]
fn redundant_signatures_over_a_large_rrset_are_capped() {
    let dir = scratch("keytrap-redundant");
    let n = 10_000;
    let (found, stats) = verify(&generate(&dir, "redundant-signatures", n));
    assert_eq!(stats.signatures, n as u64);
    assert_eq!(stats.signed_data, u64::from(MAX_SIGNATURES_PER_KEY));
    assert_eq!(stats.attempts, u64::from(MAX_SIGNATURES_PER_KEY));
    let redundant = with_code(&found, "ZW2015");
    assert_eq!(redundant.len(), 1);
    assert!(
        redundant[0]
            .message()
            .contains("only the first 4 were verified, 9996 not checked"),
        "{}",
        redundant[0].message()
    );
}
