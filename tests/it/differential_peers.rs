//! Differential verdicts against the peers: for small zones written here, one or more per
//! defect class of issue #14, zonewarden's verdict (does the reader refuse a record?) equals
//! what `named-checkzone` and `kzonecheck` decide, or differs from a peer exactly where
//! docs/reader.md ("Where zonewarden differs from BIND and Knot") says it does and why.
//!
//! A zone named `CLASS-good*.zone` must be read without a syntax error and
//! `CLASS-bad*.zone` must be refused, so every case asserts zonewarden's verdict as well as
//! the peers'. BIND runs as `named-checkzone -i none -k ignore` (syntax only: no integrity
//! or host-name checks), Knot as `kzonecheck -d off` (no DNSSEC checks).
//!
//! Needs bind9-utils and knot-dnssecutils (`scripts/test.sh` installs them); fails without.

use std::path::Path;
use std::process::Command;
use zonewarden::diag::Severity;
use zonewarden::zone::{read_file, ReadOptions};

const ORIGIN: &str = "peers.example.";

/// What a peer decides about a case, against zonewarden.
#[derive(Clone, Copy, Debug)]
enum Peer {
    /// The same verdict as zonewarden.
    Agrees,
    /// The opposite verdict, for the reason given (listed in docs/reader.md).
    Differs(&'static str),
}
use Peer::*;

// Issue #14, the reader's classes: generic RDATA, SVCB/HTTPS, NSEC3 hash length, DSYNC,
// SINK, $GENERATE, WKS, LOC, escapes, and the field rules BIND enforces (URI quoting,
// ZONEMD digest length, RRSIG signer). Cases for the rules' classes go in a block of their
// own below this one.
const KNOT_OLD: &str = "kzonecheck 3.2 (Debian 12) does not know the type or key";
#[rustfmt::skip]
const READER_CASES: &[(&str, Peer, Peer)] = &[
    // (file, BIND, Knot)
    ("generic-good.zone", Agrees, Agrees),
    ("generic-bad-empty-a.zone", Agrees, Agrees),
    ("generic-bad-empty-ns.zone", Agrees, Agrees),
    ("generic-bad-empty-mx.zone", Agrees, Agrees),
    ("generic-bad-short-a.zone", Agrees, Differs("Knot does not check \\# RDATA against its type beyond its being empty")),
    ("generic-bad-svcb.zone", Agrees, Differs("Knot does not check \\# RDATA against its type beyond its being empty")),
    ("svcb-good.zone", Agrees, Agrees),
    ("svcb-bad-mandatory-missing.zone", Agrees, Agrees),
    ("svcb-bad-mandatory-self.zone", Agrees, Agrees),
    ("svcb-bad-mandatory-twice.zone", Agrees, Agrees),
    ("svcb-bad-no-default-alpn-value.zone", Differs("BIND reads `key=` with an empty value as `key`"), Agrees),
    ("svcb-bad-dohpath-empty.zone", Agrees, Agrees),
    ("svcb-bad-dohpath-no-dns.zone", Agrees, Agrees),
    ("svcb-bad-alpn-empty.zone", Agrees, Agrees),
    ("svcb-bad-alpn-backslash.zone", Agrees, Differs("kzonecheck 3.2 reads a trailing backslash in alpn; Knot's current corpus refuses it")),
    ("svcb-bad-alpn-escape.zone", Differs("BIND takes `\\b` in a value list as `b`; RFC 9460 Appendix A.1 allows only `\\,` and `\\\\`"), Differs("kzonecheck 3.2 likewise; Knot's current corpus refuses it")),
    ("svcb-bad-no-default-alpn-alone.zone", Agrees, Differs("Knot does not require alpn beside no-default-alpn (RFC 9460 §7.1.1)")),
    ("nsec3-good.zone", Agrees, Agrees),
    ("nsec3-bad-short.zone", Agrees, Differs("Knot does not check the hash length against the algorithm")),
    ("nsec3-bad-long.zone", Agrees, Differs("Knot does not check the hash length against the algorithm")),
    ("dsync-good.zone", Agrees, Differs(KNOT_OLD)),
    ("dsync-bad.zone", Agrees, Agrees),
    ("sink-good.zone", Agrees, Differs(KNOT_OLD)),
    ("sink-bad.zone", Agrees, Agrees),
    ("generate-good.zone", Agrees, Differs("Knot has no $GENERATE")),
    ("generate-bad.zone", Agrees, Agrees),
    ("wks-good.zone", Agrees, Differs("kzonecheck 3.2 does not read WKS")),
    ("wks-bad.zone", Agrees, Agrees),
    ("loc-good.zone", Agrees, Agrees),
    ("loc-bad-beyond.zone", Agrees, Differs("Knot checks degrees, minutes and seconds each, not the latitude as a whole")),
    ("loc-bad-degrees.zone", Agrees, Agrees),
    ("escape-good.zone", Agrees, Agrees),
    ("escape-bad.zone", Agrees, Agrees),
    ("uri-good.zone", Agrees, Agrees),
    ("uri-bad.zone", Agrees, Differs("Knot reads a URI target without quotes; RFC 7553 §4.5 quotes it")),
    ("zonemd-good.zone", Agrees, Agrees),
    ("zonemd-bad.zone", Agrees, Differs("Knot does not check the digest's length (RFC 8976 §2.2.4)")),
    ("rrsig-good.zone", Agrees, Agrees),
    ("rrsig-bad.zone", Agrees, Differs("Knot does not compare the signer with the labels field (RFC 4034 §3.1.3)")),
    // Types with an RFC or IANA text form that BIND reads and Knot does not know (found by the
    // BIND checkzone corpus: its bad-cname-and-* zones hold one of each).
    ("types-good.zone", Agrees, Differs("Knot does not know NSAP-PTR, AMTRELAY, HHIT or BRID")),
    ("amtrelay-bad-type0.zone", Agrees, Agrees),
    ("amtrelay-bad-discovery.zone", Agrees, Agrees),
    ("atma-good.zone", Agrees, Differs("Knot does not know ATMA")),
    ("atma-bad.zone", Agrees, Agrees),
    ("doa-good.zone", Agrees, Differs("Knot does not know DOA")),
    // Meta and query types are no data, in any form (RFC 6895 §3.1).
    ("meta-bad-tkey.zone", Agrees, Agrees),
    ("meta-bad-opt.zone", Agrees, Agrees),
    ("meta-bad-range.zone", Agrees, Differs("Knot reads an unassigned type of 128-255 in \\# form; RFC 6895 §3.1 keeps the range for meta and query types")),
];

/// zonewarden refuses a record of the zone: the reader reports a syntax error (ZW10xx).
fn zonewarden_refuses(path: &Path) -> bool {
    let opts = ReadOptions {
        origin: Some(ORIGIN.to_string()),
        origin_source: None,
        ..ReadOptions::default()
    };
    let zone = read_file(path, &opts).expect("read the case");
    zone.diagnostics
        .iter()
        .any(|d| d.rule.code.starts_with("ZW10") && d.severity == Severity::Error)
}

/// Runs a peer on the zone: `true` if it refuses it.
fn peer_refuses(dir: &Path, program: &str, args: &[&str]) -> bool {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e} (install bind9-utils, knot-dnssecutils)"));
    !out.status.success()
}

fn check(cases: &[(&str, Peer, Peer)]) {
    let dir = crate::util::root().join("testdata/peers");
    let mut wrong = Vec::new();
    for &(file, bind, knot) in cases {
        let path = dir.join(file);
        assert!(path.exists(), "{file} is missing");
        let refused = zonewarden_refuses(&path);
        let want_refused = file.contains("-bad");
        if refused != want_refused {
            wrong.push(format!("{file}: zonewarden refuses it: {refused}"));
        }
        let peers = [
            (
                "named-checkzone",
                bind,
                peer_refuses(
                    &dir,
                    "named-checkzone",
                    &["-q", "-i", "none", "-k", "ignore", ORIGIN, file],
                ),
            ),
            (
                "kzonecheck",
                knot,
                peer_refuses(&dir, "kzonecheck", &["-d", "off", "-o", ORIGIN, file]),
            ),
        ];
        for (name, expect, peer_refused) in peers {
            let agrees = peer_refused == refused;
            match expect {
                Agrees if !agrees => wrong.push(format!(
                    "{file}: {name} refuses it: {peer_refused}, zonewarden: {refused}"
                )),
                Differs(why) if agrees => wrong.push(format!(
                    "{file}: {name} now agrees with zonewarden (documented difference: {why}); update the case and docs/reader.md"
                )),
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn reader_verdicts_agree_with_bind_and_knot_or_differ_as_documented() {
    check(READER_CASES);
}

/// Every case table of this module; a zone in testdata/peers must be in one of them.
const TABLES: &[&[(&str, Peer, Peer)]] = &[READER_CASES];

#[test]
fn every_peers_zone_is_a_case() {
    let dir = crate::util::root().join("testdata/peers");
    for path in crate::util::files_with_ext(&dir, "zone") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            TABLES.iter().any(|t| t.iter().any(|c| c.0 == name)),
            "testdata/peers/{name} is in no case table"
        );
    }
}
