//! `zonewarden verify` against BIND's `dnssec-verify` and ldns's `ldns-verify-zone`, on zones
//! signed at test time (scripts/sign-verify-cases.sh) by dnssec-signzone, ldns-signzone and
//! kzonesign with ECDSA P-256 and P-384, Ed25519, RSASHA256 and RSASHA512, NSEC, NSEC3 and
//! NSEC3 opt-out.
//!
//! Where both peers accept a zone, zonewarden reports no signature, key or chain finding;
//! for each tampered variant it reports the fault with the right code and owner, and at
//! least one peer rejects the variant too (where a peer can see the fault at all).
//!
//! The signatures are valid from 2026-01-01 to 2036-12-31: dnssec-verify has no option for
//! the time and uses the real clock, zonewarden gets `--now` inside the window.

use crate::util::{self, command_in, scratch};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

const NOW: &str = "2026-11-25T00:00:00Z";
const ORIGIN: &str = "base.example.";

/// The signed cases, made once per test run.
fn cases() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = scratch("verify-cases");
        std::fs::remove_dir(&dir).unwrap();
        let root = util::root();
        let st = Command::new(root.join("scripts/sign-verify-cases.sh"))
            .arg(&dir)
            .status()
            .expect("scripts/sign-verify-cases.sh runs (bind9-utils, ldnsutils and knot-dnssecutils are installed by scripts/test.sh)");
        assert!(st.success(), "signing the cases failed");
        dir
    })
}

/// Runs zonewarden with JSON output; returns (exit status, findings as (code, severity,
/// message)).
fn findings(cmd: &str, file: &Path, extra: &[&str]) -> (i32, Vec<(String, String, String)>) {
    let o = command_in(util::root())
        .args([cmd, "--format", "json", "--now", NOW, "--origin", ORIGIN])
        .args(extra)
        .arg(file)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let found = v["zones"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (o.status.code().unwrap_or(-1), found)
}

fn no_network() -> Vec<&'static str> {
    let ok = Command::new("unshare")
        .args(["-n", "true"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        vec!["unshare", "-n"]
    } else {
        Vec::new()
    }
}

/// Whether dnssec-verify and ldns-verify-zone accept a zone (with a DS trust anchor for
/// ldns when given).
fn peers_accept(file: &Path, ds: Option<&Path>) -> (bool, bool) {
    let nonet = no_network();
    let run = |argv: Vec<&str>| {
        let (cmd, args) = argv.split_first().unwrap();
        Command::new(cmd)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap()
            .success()
    };
    let f = file.to_str().unwrap();
    let mut bind = nonet.clone();
    bind.extend(["dnssec-verify", "-q", "-o", ORIGIN, f]);
    let mut ldns = vec!["ldns-verify-zone"];
    if let Some(ds) = ds {
        ldns.extend(["-k", ds.to_str().unwrap()]);
    }
    ldns.push(f);
    (run(bind), run(ldns))
}

/// The DNSSEC findings that say a zone is broken: ZW20xx-ZW23xx errors.
fn chain_errors(found: &[(String, String, String)]) -> Vec<String> {
    found
        .iter()
        .filter(|(c, s, _)| s == "error" && c.starts_with("ZW2") && !c.starts_with("ZW24"))
        .map(|(c, _, m)| format!("{c}: {m}"))
        .collect()
}

const SIGNED: &[&str] = &[
    "bind-p256-nsec",
    "bind-p256-nsec3",
    "bind-p384-nsec3",
    "bind-ed25519-nsec3-optout",
    "bind-rsasha256-nsec",
    "bind-rsasha512-nsec3",
    "ldns-p256-nsec3",
    "ldns-ed25519-nsec",
    "ldns-rsasha256-nsec3-optout",
    "ldns-p384-nsec",
    "ldns-rsasha512-nsec",
    "knot-p256-nsec3",
    "knot-ed25519-nsec",
    "knot-rsasha256-nsec3-optout",
    "knot-p384-nsec",
];

#[test]
fn zones_the_peers_accept_verify_clean() {
    let dir = cases();
    let mut accepted = 0;
    for case in SIGNED {
        let f = dir.join(format!("{case}.signed"));
        let (bind, ldns) = peers_accept(&f, None);
        assert!(
            bind && ldns,
            "{case}: the signers' own output should pass both peers (dnssec-verify {bind}, ldns-verify-zone {ldns})"
        );
        accepted += 1;
        for cmd in ["verify", "lint"] {
            let (_, found) = findings(cmd, &f, &[]);
            let errs = chain_errors(&found);
            assert!(errs.is_empty(), "{case} ({cmd}): {errs:#?}");
        }
        let (status, found) = findings("verify", &f, &[]);
        // RFC 9276 warnings only for the one case signed with a salt and iterations.
        if *case == "bind-rsasha512-nsec3" {
            let codes: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
            assert_eq!(codes, ["ZW2306", "ZW2307"], "{case}");
        } else {
            assert!(found.is_empty(), "{case}: {found:#?}");
            assert_eq!(status, 0);
        }
        // The parent's DS, with each digest type: the chain of trust holds.
        for d in ["ds1", "ds2", "ds4"] {
            let ds = dir.join(format!("{case}.{d}"));
            let (_, found) = findings("verify", &f, &["--ds", ds.to_str().unwrap()]);
            let errs = chain_errors(&found);
            assert!(errs.is_empty(), "{case} --ds {d}: {errs:#?}");
            let weak = found.iter().any(|f| f.0 == "ZW2403");
            assert_eq!(
                weak,
                d == "ds1",
                "{case} {d}: SHA-1 DS digests are flagged: {found:#?}"
            );
            assert!(
                peers_accept(&f, Some(&ds)).1,
                "{case}: ldns-verify-zone -k {d}"
            );
        }
    }
    assert_eq!(accepted, SIGNED.len());
}

#[test]
fn windows_wholly_in_the_past_or_the_future() {
    let dir = cases();
    for (case, code, when) in [
        (
            "bind-p256-nsec-expired",
            "ZW2004",
            "expired at 2021-01-01T00:00:00Z",
        ),
        (
            "bind-p256-nsec-future",
            "ZW2005",
            "not valid before 2030-01-01T00:00:00Z",
        ),
    ] {
        let f = dir.join(format!("{case}.signed"));
        assert_eq!(peers_accept(&f, None), (false, false), "{case}");
        let (status, found) = findings("verify", &f, &[]);
        assert_eq!(status, 1);
        assert!(
            found.iter().all(|(c, _, m)| c == code && m.contains(when)),
            "{case}: {found:#?}"
        );
        assert!(found
            .iter()
            .any(|(_, _, m)| m.starts_with("RRSIG SOA at base.example. ")));
        assert!(found
            .iter()
            .any(|(_, _, m)| m.starts_with("RRSIG A at www.base.example. ")));
    }
}

/// A signed zone as lines, for surgical edits. Every signer here writes one record per line.
struct Lines(Vec<String>);

/// The fields of a record line: owner, type, RDATA words (the class is optional: Knot
/// leaves it out).
fn fields(line: &str) -> Option<(String, String, Vec<String>)> {
    if line.starts_with(';') || line.trim().is_empty() {
        return None;
    }
    let w: Vec<&str> = line.split_whitespace().collect();
    let k = if w.get(2) == Some(&"IN") { 3 } else { 2 };
    Some((
        w.first()?.to_ascii_lowercase(),
        w.get(k)?.to_string(),
        w[k + 1..].iter().map(|s| s.to_string()).collect(),
    ))
}

impl Lines {
    fn read(case: &str) -> Lines {
        let text = std::fs::read_to_string(cases().join(format!("{case}.signed"))).unwrap();
        Lines(text.lines().map(str::to_string).collect())
    }

    /// Indices of records with this owner and type (and, for RRSIG, covered type).
    fn find(&self, owner: &str, rtype: &str, covered: Option<&str>) -> Vec<usize> {
        (0..self.0.len())
            .filter(|&i| {
                fields(&self.0[i]).is_some_and(|(o, t, rd)| {
                    o == owner
                        && t == rtype
                        && covered.is_none_or(|c| rd.first().map(String::as_str) == Some(c))
                })
            })
            .collect()
    }

    fn one(&self, owner: &str, rtype: &str, covered: Option<&str>) -> usize {
        let v = self.find(owner, rtype, covered);
        assert!(!v.is_empty(), "no {owner} {rtype} {covered:?}");
        v[0]
    }

    fn remove(&mut self, mut idx: Vec<usize>) {
        idx.sort_unstable();
        for i in idx.into_iter().rev() {
            self.0.remove(i);
        }
    }

    fn edit(&mut self, i: usize, from: &str, to: &str) {
        assert!(self.0[i].contains(from), "{} has no {from}", self.0[i]);
        self.0[i] = self.0[i].replacen(from, to, 1);
    }

    fn write(&self, name: &str) -> PathBuf {
        let p = cases().join(format!("tampered-{name}.zone"));
        std::fs::write(&p, self.0.join("\n") + "\n").unwrap();
        p
    }
}

/// The owner of the NSEC3 record for a name of base.example. with these parameters.
fn nsec3_owner(name: &str, iterations: u16) -> String {
    let mut wire = Vec::new();
    for l in name.trim_end_matches('.').split('.') {
        wire.push(l.len() as u8);
        wire.extend_from_slice(l.as_bytes());
    }
    wire.push(0);
    let p = zonewarden::dnssec::nsec3::Params {
        algorithm: 1,
        iterations,
        salt: Vec::new(),
    };
    let h = zonewarden::dnssec::nsec3::hash(&wire, &p);
    format!(
        "{}.{ORIGIN}",
        data_encoding::BASE32HEX_NOPAD
            .encode(&h)
            .to_ascii_lowercase()
    )
}

/// Flips one character of the last base64 word of a line (the signature's end).
fn flip_signature(line: &str) -> String {
    let mut words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    let last = words.last_mut().unwrap();
    let mut b = last.clone().into_bytes();
    let k = b.len() / 2;
    b[k] = if b[k] == b'A' { b'B' } else { b'A' };
    *last = String::from_utf8(b).unwrap();
    words.join(" ")
}

struct Case {
    name: &'static str,
    zone: PathBuf,
    extra: Vec<String>,
    /// The code that must be reported, and text the message must contain (the owner).
    code: &'static str,
    owner: &'static str,
    /// Whether dnssec-verify or ldns-verify-zone can see this fault.
    peers_see_it: bool,
    ds: Option<PathBuf>,
}

/// The tampered variants, written once per test run (several modules read them).
fn tampered() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(make_tampered)
}

fn make_tampered() -> Vec<Case> {
    let mut out = Vec::new();
    let mut add = |name, zone, code, owner, peers_see_it| {
        out.push(Case {
            name,
            zone,
            extra: Vec::new(),
            code,
            owner,
            peers_see_it,
            ds: None,
        })
    };
    let www = "www.base.example.";
    {
        let mut z = Lines::read("bind-p256-nsec");
        let i = z.one(www, "RRSIG", Some("A"));
        z.0[i] = flip_signature(&z.0[i]);
        add(
            "signature-byte-flipped",
            z.write("sig-flip"),
            "ZW2001",
            "RRSIG A at www.base.example.",
            true,
        );
    }
    {
        let mut z = Lines::read("bind-p256-nsec");
        let i = z.find(www, "A", None)[0];
        z.edit(i, "192.0.2.80", "192.0.2.82");
        add(
            "record-edited-after-signing",
            z.write("edited"),
            "ZW2001",
            "RRSIG A at www.base.example.",
            true,
        );
    }
    {
        let mut z = Lines::read("bind-p256-nsec");
        let i = z.one(www, "RRSIG", Some("AAAA"));
        z.remove(vec![i]);
        add(
            "rrsig-removed",
            z.write("rrsig-removed"),
            "ZW2013",
            "www.base.example. AAAA has no signature",
            true,
        );
    }
    {
        let mut z = Lines::read("bind-p256-nsec3");
        let h = nsec3_owner(www, 0);
        let mut idx = z.find(&h, "NSEC3", None);
        idx.extend(z.find(&h, "RRSIG", Some("NSEC3")));
        assert_eq!(idx.len(), 2);
        z.remove(idx);
        add(
            "nsec3-record-removed",
            z.write("nsec3-removed"),
            "ZW2301",
            "www.base.example. has no NSEC3",
            true,
        );
    }
    {
        let mut z = Lines::read("bind-p256-nsec");
        let i = z.one(www, "NSEC", None);
        z.edit(i, " AAAA", "");
        add(
            "nsec-bitmap-changed",
            z.write("nsec-bitmap"),
            "ZW2203",
            "NSEC at www.base.example. lists",
            true,
        );
    }
    {
        let mut z = Lines::read("bind-p256-nsec3");
        let i = z.one(&nsec3_owner(www, 0), "NSEC3", None);
        z.edit(i, " AAAA", "");
        add(
            "nsec3-bitmap-changed",
            z.write("nsec3-bitmap"),
            "ZW2303",
            "NSEC3 for www.base.example. lists",
            true,
        );
    }
    {
        let mut z = Lines::read("bind-p256-nsec");
        let other = std::fs::read_to_string(cases().join("other.dnskey")).unwrap();
        let (_, _, key) = fields(other.trim()).unwrap();
        let zsk = z
            .find(ORIGIN, "DNSKEY", None)
            .into_iter()
            .find(|&i| fields(&z.0[i]).unwrap().2[0] == "256")
            .unwrap();
        z.0[zsk] = format!("{ORIGIN} 3600 IN DNSKEY {}", key.join(" "));
        add(
            "dnskey-swapped",
            z.write("dnskey-swapped"),
            "ZW2003",
            "RRSIG SOA at base.example. is by key",
            true,
        );
    }
    {
        let mut z = Lines::read("bind-p256-nsec");
        z.0.push("new.base.example. 3600 IN A 192.0.2.99".into());
        let f = z.write("added");
        add(
            "record-added-after-signing",
            f.clone(),
            "ZW2013",
            "new.base.example. A has no signature",
            true,
        );
        add(
            "record-added-nsec-missing",
            f,
            "ZW2201",
            "new.base.example. has no NSEC",
            true,
        );
    }
    {
        let mut z = Lines::read("bind-p256-nsec");
        let i = z.one(www, "NSEC", None);
        let next = fields(&z.0[i]).unwrap().2[0].clone();
        z.edit(i, &format!("{next} "), "zzz.base.example. ");
        add(
            "nsec-next-changed",
            z.write("nsec-next"),
            "ZW2202",
            "NSEC at www.base.example. points to zzz.base.example.",
            true,
        );
    }
    {
        let mut z = Lines::read("bind-p256-nsec");
        let i = z.one(www, "AAAA", None);
        z.remove(vec![i]);
        add(
            "record-deleted-signature-left",
            z.write("deleted"),
            "ZW2012",
            "RRSIG at www.base.example. covers AAAA",
            true,
        );
    }
    {
        let mut z = Lines::read("bind-p256-nsec");
        let ksk = z
            .find(ORIGIN, "DNSKEY", None)
            .into_iter()
            .find(|&i| fields(&z.0[i]).unwrap().2[0] == "257")
            .unwrap();
        let ksk_tag = {
            let (_, _, rd) = fields(&z.0[ksk]).unwrap();
            let mut rdata = vec![1u8, 1, 3, rd[2].parse().unwrap()];
            rdata.extend(
                data_encoding::BASE64
                    .decode(rd[3..].concat().as_bytes())
                    .unwrap(),
            );
            zonewarden::dnssec::keys::key_tag(&rdata).to_string()
        };
        let sig = z
            .find(ORIGIN, "RRSIG", Some("DNSKEY"))
            .into_iter()
            .find(|&i| fields(&z.0[i]).unwrap().2[6] == ksk_tag)
            .unwrap();
        z.remove(vec![sig]);
        add(
            "ksk-signature-removed",
            z.write("no-ksk-sig"),
            "ZW2101",
            "the DNSKEY RRset of base.example. has no valid signature by a key with the SEP flag",
            true,
        );
    }
    {
        let mut z = Lines::read("ldns-ed25519-nsec");
        let i = z.one("*.wild.base.example.", "TXT", None);
        z.edit(i, "wildcard", "wildcarD");
        add(
            "wildcard-record-edited",
            z.write("wildcard"),
            "ZW2001",
            "RRSIG TXT at *.wild.base.example.",
            true,
        );
    }
    {
        let mut z = Lines::read("bind-p256-nsec3");
        let i = z.one(ORIGIN, "NSEC3PARAM", None);
        z.edit(i, "1 0 0 -", "1 0 0 AABB");
        add(
            "nsec3param-changed",
            z.write("nsec3param"),
            "ZW2304",
            "NSEC3PARAM has parameters 1 0 aabb, but no NSEC3 record uses them (the chain's are 1 0 -)",
            true,
        );
    }
    {
        let mut z = Lines::read("bind-p256-nsec");
        let i = z.one("secure.base.example.", "DS", None);
        z.remove(vec![i]);
        add(
            "ds-removed-at-delegation",
            z.write("ds-removed"),
            "ZW2012",
            "RRSIG at secure.base.example. covers DS",
            true,
        );
    }
    {
        let mut z = Lines::read("bind-p256-nsec");
        let i = z.one("mail.base.example.", "RRSIG", Some("A"));
        z.edit(i, " base.example. ", " example. ");
        add(
            "signer-name-changed",
            z.write("signer"),
            "ZW2008",
            "RRSIG A at mail.base.example.",
            true,
        );
    }
    {
        let mut z = Lines::read("knot-rsasha256-nsec3-optout");
        let i = z.one("mail.base.example.", "RRSIG", Some("AAAA"));
        z.0[i] = flip_signature(&z.0[i]);
        add(
            "rsa-signature-flipped-knot",
            z.write("rsa-flip"),
            "ZW2001",
            "RRSIG AAAA at mail.base.example.",
            true,
        );
    }
    {
        let mut z = Lines::read("ldns-p256-nsec3");
        let h = nsec3_owner("insecure.base.example.", 0);
        let mut idx = z.find(&h, "NSEC3", None);
        idx.extend(z.find(&h, "RRSIG", Some("NSEC3")));
        assert_eq!(idx.len(), 2);
        z.remove(idx);
        add(
            "insecure-delegation-nsec3-removed-without-opt-out",
            z.write("no-optout"),
            "ZW2301",
            "insecure.base.example. has no NSEC3",
            true,
        );
    }
    {
        let mut z = Lines::read("bind-p256-nsec");
        let i = z.find(www, "A", None);
        for k in i {
            z.edit(k, " 3600 ", " 300 ");
        }
        // The signature still verifies (it carries the original TTL); the peers accept it.
        add(
            "ttl-changed-after-signing",
            z.write("ttl"),
            "ZW2010",
            "RRSIG A at www.base.example.",
            false,
        );
    }
    let mut z = Lines::read("bind-p256-nsec");
    z.0.push(String::new());
    out.push(Case {
        name: "ds-for-a-missing-key",
        zone: z.write("unchanged"),
        extra: vec![
            "--ds".into(),
            cases().join("other.ds2").to_str().unwrap().into(),
        ],
        code: "ZW2102",
        owner: "names no key in the DNSKEY set of base.example.",
        peers_see_it: true,
        ds: Some(cases().join("other.ds2")),
    });
    out
}

/// The tampered variants (for tests/it/parsed_keys.rs and verify_cache.rs): each zone
/// file with its extra arguments, and the signed zones they were made from.
pub fn tampered_zones() -> Vec<(PathBuf, Vec<String>)> {
    tampered()
        .iter()
        .map(|c| (c.zone.clone(), c.extra.clone()))
        .collect()
}

/// The signed zones the tampered variants were made from.
pub fn signed_cases() -> Vec<PathBuf> {
    crate::util::files_with_ext(cases(), "signed")
}

#[test]
fn tampered_variants_are_reported_with_code_and_owner() {
    let cases = tampered();
    assert!(cases.len() >= 15, "{} cases", cases.len());
    let mut failures = Vec::new();
    for c in cases {
        let extra: Vec<&str> = c.extra.iter().map(String::as_str).collect();
        let (status, found) = findings("verify", &c.zone, &extra);
        let hit = found
            .iter()
            .any(|(code, _, m)| code == c.code && m.contains(c.owner));
        if !hit || status != 1 {
            failures.push(format!(
                "{}: expected {} mentioning `{}`, exit 1; got exit {status}: {found:#?}",
                c.name, c.code, c.owner
            ));
        }
        if c.peers_see_it {
            let (bind, ldns) = peers_accept(&c.zone, c.ds.as_deref());
            let peer_rejects = if c.ds.is_some() {
                !ldns
            } else {
                !bind || !ldns
            };
            if !peer_rejects {
                failures.push(format!("{}: both peers accept it", c.name));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_signed_corpus_verifies_clean() {
    // testdata/zones/signed/: valid 2026-01-01..2036-12-31, signed by all three signers.
    let dir = util::root().join("testdata/zones/signed");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        let origin = format!(
            "{}.",
            name.rsplit_once('.').unwrap().0.rsplit_once('.').unwrap().0
        );
        let o = command_in(util::root())
            .args([
                "verify", "--format", "json", "--now", NOW, "--origin", &origin,
            ])
            .arg(&p)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        let bad: Vec<&Value> = v["zones"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error" || d["code"] != "ZW2307")
            .collect();
        assert!(bad.is_empty(), "{name}: {bad:#?}");
        n += 1;
    }
    assert!(n >= 7);
}

/// RFC 5155 Appendix A, typed in from the RFC (testdata/zones/rfc/): its two keys are 512-bit
/// RSASHA1-NSEC3-SHA1 keys that ring refuses. Inside the signatures' window all 30 verify
/// (with the `rsa` crate), and what is said of the keys is policy, never a bad signature.
#[test]
fn rfc5155_appendix_a_verifies_with_its_512_bit_keys() {
    let zone = util::root().join("testdata/zones/rfc/rfc5155-appendix-a.zone");
    let o = command_in(util::root())
        .args([
            "verify",
            "--format",
            "json",
            "--now",
            "2010-01-01T00:00:00Z",
        ])
        .arg(&zone)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let z = &v["zones"][0];
    let mut codes: Vec<(String, String)> = z["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let c = d["code"].as_str().unwrap().to_string();
            (c, d["message"].as_str().unwrap().to_string())
        })
        .collect();
    codes.sort();
    let only: Vec<&str> = codes.iter().map(|c| c.0.as_str()).collect();
    // The 512-bit keys (ZW2109, one per key), and the RFC's other choices that policy
    // advises against: RSASHA1-NSEC3-SHA1 (ZW2402), a SHA-1 DS (ZW2403), 12 iterations
    // (ZW2306) and a salt (ZW2307). All warnings: the zone verifies.
    assert_eq!(
        only,
        ["ZW2109", "ZW2109", "ZW2306", "ZW2307", "ZW2402", "ZW2403"],
        "{codes:#?}"
    );
    assert!(
        codes[..2].iter().all(|c| c.1.contains("512-bit")),
        "{codes:#?}"
    );
    assert_eq!(o.status.code(), Some(0), "{}", util::text(&o));
    let o = command_in(util::root())
        .args([
            "verify",
            "--format",
            "short",
            "--now",
            "2010-01-01T00:00:00Z",
        ])
        .arg(&zone)
        .output()
        .unwrap();
    assert!(
        util::stdout(&o).contains("30 of 30 RRSIGs verified with 2 DNSKEYs"),
        "{}",
        util::text(&o)
    );
}

#[test]
fn unverifiable_signatures_fail_only_when_nothing_verifies() {
    // An Ed25519 zone with one more RRSIG, by Ed448 (which no library here verifies): the
    // others verify, so the one that cannot is a warning and the zone passes. The Ed448
    // zone of the corpus has nothing else: then nothing of it was checked, an error.
    let dir = scratch("verify-unverifiable");
    let signed = util::root()
        .join("testdata/zones/signed/delegations.example.net.bind-ed25519-nsec3-optout.signed");
    let mut text = std::fs::read_to_string(&signed).unwrap();
    let sig = "A".repeat(152);
    text.push_str(&format!(
        "delegations.example.net. 3600 IN RRSIG SOA 16 3 3600 20361231000000 20260101000000 4242 delegations.example.net. {sig}\n"
    ));
    let mixed = dir.join("mixed.signed");
    std::fs::write(&mixed, text).unwrap();
    let ed448 = util::root().join("testdata/lint/ZW2002/ed448.zone");
    for (file, status, severity) in [(&mixed, 0, "warning"), (&ed448, 1, "error")] {
        let o = command_in(util::root())
            .args(["verify", "--format", "json", "--now", NOW])
            .arg(file)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        let found: Vec<&Value> = v["zones"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "ZW2002")
            .collect();
        assert_eq!(found.len(), 1, "{}: {v}", file.display());
        assert_eq!(found[0]["severity"], severity, "{}", file.display());
        assert_eq!(o.status.code(), Some(status), "{}: {v}", file.display());
    }
}
