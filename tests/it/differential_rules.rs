//! Differential test of the rules issue #14 settled, against the peers: for each class a
//! small zone written here (or a signed case of the lint corpus), zonewarden's verdict and
//! the verdicts of BIND's `named-checkzone` and Knot's `kzonecheck` (for signed zones,
//! `dnssec-verify`, `ldns-verify-zone` and `kzonecheck -d on`). Where zonewarden and a peer
//! differ, the case says why, and docs/reader.md lists the difference with its RFC reason
//! ("Where zonewarden differs from BIND and Knot", Rules).
//!
//! The peers are those Debian bookworm ships and `scripts/test.sh` installs (BIND 9.18, Knot
//! 3.2, ldns 1.8): newer BIND refuses some zones 9.18 loads (a DS away from a delegation, a
//! CDS that matches no key: BIND's own `bad-ds-2.db` and `bad-cds.db`).

use crate::util::{self, command_in, scratch};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Whether a tool loads (accepts) the zone or refuses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum V {
    Accept,
    Refuse,
}
use V::*;

const HEAD: &str = "$TTL 3600\n\
@    SOA   ns1 hostmaster 1 7200 3600 1209600 3600\n\
@    NS    ns1\n\
ns1  A     192.0.2.1\n\
ns1  AAAA  2001:db8::1\n";

/// An RSASHA256 KSK (BIND's checkzone corpus uses one like it) and the digest of its DS for
/// `example.`; the CDS cases need the zone to be `example.`.
const KEY: &str = "AwEAAbqjg7xdvnU2Q/gtLw5LOfr5cDeTRjYuEbkzGrUiVSOSoxcTxuaoWS/AFPQHuD8OSLiE/CeZ087JowREXl058rRfae8KMrveY17V0wmKs9N1F1wf/hRDpXiThlRHWlskp8eSEEIqYrrHgWTesy/xDGIEOFM1gwRo0w8jKdRRJeL2hseTMa+m3rTzrYudUsI0BHLW8PiDUCbG5xgdee8/5YR4847iAAqHIiPJ1Z/IT53OIjMmtv5BUykZ8RYjlJxxX+C+dpRKiK73SQaR3hCBXAYOL9WsDp2/fpmEZpewavkMkdC+j2CX+z27MCS3ASO0AeKK0lcNXwNDkgreE+Kr7gc=";
const DIGEST: &str = "FD03B2312C8F0FE72C1751EFA1007D743C94EC91594FF0047C23C37CE119BA0C";

/// One unsigned case: the records after [`HEAD`], zonewarden's verdict with the codes it
/// must raise and those it must not, and BIND's and Knot's verdicts.
struct Case {
    name: &'static str,
    body: String,
    zw: V,
    codes: &'static [&'static str],
    not: &'static [&'static str],
    bind: V,
    knot: V,
}

fn cases() -> Vec<Case> {
    let dnskey = format!("@ DNSKEY 257 3 10 {KEY}\n");
    vec![
        // Class 4: RFC 4034 §5, RFC 4035 §2.4. Knot 3.2 does not check where a DS is.
        Case {
            name: "ds_at_apex",
            body: format!("@ DS 14364 13 2 {DIGEST}\n"),
            zw: Refuse,
            codes: &["ZW1124"],
            not: &[],
            bind: Refuse,
            knot: Accept,
        },
        // BIND 9.18 loads it; BIND 9.21 refuses it ("DS not at delegation point").
        Case {
            name: "ds_not_at_delegation",
            body: format!("www A 192.0.2.80\nwww DS 14364 13 2 {DIGEST}\n"),
            zw: Refuse,
            codes: &["ZW1124"],
            not: &[],
            bind: Accept,
            knot: Accept,
        },
        // RFC 7344 §4: a CDS in a zone with no DNSKEY matches nothing. Knot does not check.
        Case {
            name: "cds_without_keys",
            body: format!("@ CDS 14364 13 2 {DIGEST}\n"),
            zw: Refuse,
            codes: &["ZW2105"],
            not: &[],
            bind: Refuse,
            knot: Accept,
        },
        // A CDS whose digest is not the key's (one hex digit off). BIND 9.18 and Knot load
        // it; BIND 9.21 refuses it ("CDS/CDNSKEY consistency checks failed").
        Case {
            name: "cds_digest_differs",
            body: format!("{dnskey}@ CDS 14364 10 2 {}B\n", &DIGEST[..63]),
            zw: Refuse,
            codes: &["ZW2105"],
            not: &[],
            bind: Accept,
            knot: Accept,
        },
        // The signer's input: keys and a matching CDS, no signatures yet. Not a signed zone
        // that lacks its signatures (ZW2013).
        Case {
            name: "cds_matching_key_unsigned",
            body: format!("{dnskey}@ CDS 14364 10 2 {DIGEST}\n"),
            zw: Accept,
            codes: &[],
            not: &["ZW2105", "ZW2013", "ZW2101", "ZW2204"],
            bind: Accept,
            knot: Accept,
        },
        // RFC 8078 §4: the delete form matches no key by design.
        Case {
            name: "cds_delete_form",
            body: "@ CDS 0 0 0 00\n@ CDNSKEY 0 3 0 AA==\n".into(),
            zw: Accept,
            codes: &[],
            not: &["ZW2105", "ZW2106"],
            bind: Accept,
            knot: Accept,
        },
        // RFC 9461 §5: DNS over HTTPS needs dohpath. BIND 9.18 and Knot load it; BIND 9.21
        // refuses it (its bad-_dns-svcb*.db).
        Case {
            name: "dns_svcb_doh_without_dohpath",
            body: "_dns SVCB 1 ns1 alpn=h2\n".into(),
            zw: Refuse,
            codes: &["ZW1125"],
            not: &[],
            bind: Accept,
            knot: Accept,
        },
        Case {
            name: "dns_svcb_doh_with_dohpath",
            // key7 is dohpath: Knot 3.2 knows the key by number only.
            body: "_dns SVCB 1 ns1 alpn=h2 key7=\"/dns-query{?dns}\"\n".into(),
            zw: Accept,
            codes: &[],
            not: &["ZW1125"],
            bind: Accept,
            knot: Accept,
        },
        // RFC 5155 §3.3: an NSEC3 owner is a base32hex hash, without padding, even before
        // the zone is signed.
        Case {
            name: "nsec3_owner_padded",
            body: "CPNMU=== NSEC3 1 1 0 - 2t7b4g4vsa5smi47k61mv5bv1a22bojr A RRSIG\n".into(),
            zw: Refuse,
            codes: &["ZW2302"],
            not: &[],
            bind: Refuse,
            knot: Refuse,
        },
        // Class 5: RFC 2181 §5, RFC 4034 §6.2: one record, said once as a duplicate.
        Case {
            name: "soa_repeated_in_other_case",
            body: "www A 192.0.2.80\n@ SOA NS1 HostMaster 1 7200 3600 1209600 3600\n".into(),
            zw: Accept,
            codes: &["ZW1116"],
            not: &["ZW1106"],
            bind: Accept,
            knot: Accept,
        },
        Case {
            name: "cname_repeated_in_other_case",
            body: "www CNAME web.example.net.\nWWW CNAME Web.Example.NET.\n".into(),
            zw: Accept,
            codes: &["ZW1116"],
            not: &["ZW1102", "ZW1101"],
            bind: Accept,
            knot: Accept,
        },
        // Class 9: the delegation wins over a DNAME at the same owner (RFC 1034 §4.3.2 step
        // 3b before 3c, kept by RFC 6672 §3.2): the DNAME is occluded, the address below is
        // glue. Knot refuses an NS beside a DNAME; BIND loads it, as zonewarden does.
        Case {
            name: "dname_and_delegation",
            body: "sub NS ns.sub\nsub DNAME example.net.\nns.sub A 192.0.2.53\nns.sub AAAA 2001:db8::53\n".into(),
            zw: Accept,
            codes: &["ZW1109"],
            not: &["ZW1103"],
            bind: Accept,
            knot: Refuse,
        },
        // RFC 6672 §2.4: no data below a DNAME. Knot refuses it too; BIND loads it and
        // ignores the data (a documented difference).
        Case {
            name: "data_below_dname",
            body: "old DNAME example.net.\nx.old TXT \"below\"\n".into(),
            zw: Refuse,
            codes: &["ZW1103"],
            not: &[],
            bind: Accept,
            knot: Refuse,
        },
    ]
}

/// zonewarden's exit status and the codes of its findings, for `cmd` (`lint`, `verify`).
fn zonewarden(cmd: &str, dir: &Path, file: &str, origin: &str) -> (V, Vec<String>) {
    let o = command_in(dir)
        .args([cmd, "--format", "json", "--now", "2026-11-25T00:00:00Z"])
        .args(["--origin", origin, file])
        .output()
        .unwrap();
    let v: Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", util::text(&o)));
    let codes = v["zones"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    let verdict = match o.status.code() {
        Some(0) => Accept,
        Some(1) => Refuse,
        other => panic!(
            "zonewarden {cmd} {file}: exit {other:?}: {}",
            util::text(&o)
        ),
    };
    (verdict, codes)
}

/// A peer's verdict: its exit status.
fn peer(dir: &Path, program: &str, args: &[&str]) -> V {
    let st = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!("run {program} (install bind9-utils, knot-dnssecutils, ldnsutils): {e}")
        });
    if st.status.success() {
        Accept
    } else {
        Refuse
    }
}

#[test]
fn unsigned_cases_against_named_checkzone_and_kzonecheck() {
    let dir = scratch("differential-rules");
    for c in cases() {
        let file = format!("{}.zone", c.name);
        std::fs::write(dir.join(&file), format!("{HEAD}{}", c.body)).unwrap();
        let (zw, codes) = zonewarden("lint", &dir, &file, "example.");
        assert_eq!(zw, c.zw, "{}: zonewarden {codes:?}", c.name);
        for code in c.codes {
            assert!(
                codes.iter().any(|x| x == code),
                "{}: {code} not in {codes:?}",
                c.name
            );
        }
        for code in c.not {
            assert!(
                !codes.iter().any(|x| x == code),
                "{}: {code} in {codes:?}",
                c.name
            );
        }
        let bind = peer(&dir, "named-checkzone", &["-q", "example.", &file]);
        assert_eq!(bind, c.bind, "{}: named-checkzone", c.name);
        let knot = peer(&dir, "kzonecheck", &["-o", "example.", &file]);
        assert_eq!(knot, c.knot, "{}: kzonecheck", c.name);
    }
}

/// A signed case of the lint corpus, with zonewarden's verdict under `verify`, the codes it
/// must raise and those it must not, and the verdicts of `dnssec-verify -z`,
/// `ldns-verify-zone` and `kzonecheck -d on`. The signatures are valid from 2026-01-01 to
/// 2036-12-31 (the peers use the real clock), except where the case is about their dates.
struct Signed {
    file: &'static str,
    origin: &'static str,
    zw: V,
    codes: &'static [&'static str],
    not: &'static [&'static str],
    bind: V,
    ldns: V,
    knot: V,
}

const SIGNED: [Signed; 3] = [
    // Class 7: 512-bit RSASHA256 keys, which ring refuses. Every peer verifies the
    // signatures; zonewarden does too (with the rsa crate) and reports the keys (ZW2109).
    Signed {
        file: "testdata/lint/ZW2109/rsa_512_ring_refuses.zone",
        origin: "rsa-512.example.",
        zw: Accept,
        codes: &["ZW2109"],
        not: &["ZW2001", "ZW2110"],
        bind: Accept,
        ldns: Accept,
        knot: Accept,
    },
    // Class 7: signatures written as 2122: more than 68 years from now, the 32-bit field
    // reads 1986, and every peer calls them expired too.
    Signed {
        file: "testdata/lint/ZW2004/expiration_beyond_68_years.zone",
        origin: "far-future.example.",
        zw: Refuse,
        codes: &["ZW2004"],
        not: &["ZW2001"],
        bind: Refuse,
        ldns: Refuse,
        knot: Refuse,
    },
    // Class 8: a second NSEC3 chain (RFC 5155 §7.3) beside the one NSEC3PARAM names.
    // dnssec-verify accepts it, as zonewarden does (ZW2308, a warning); ldns-verify-zone and
    // Knot check every NSEC3 record against the names of the zone under its own parameters
    // and refuse it (a documented difference).
    Signed {
        file: "testdata/lint/ZW2308/two_chains.zone",
        origin: "two-chains.example.",
        zw: Accept,
        codes: &["ZW2308"],
        not: &["ZW2302", "ZW2304", "ZW2301"],
        bind: Accept,
        ldns: Refuse,
        knot: Refuse,
    },
];

#[test]
fn signed_cases_against_dnssec_verify_ldns_and_knot() {
    let root = util::root();
    for c in &SIGNED {
        let (zw, codes) = zonewarden("verify", root, c.file, c.origin);
        assert_eq!(zw, c.zw, "{}: zonewarden {codes:?}", c.file);
        for code in c.codes {
            assert!(
                codes.iter().any(|x| x == code),
                "{}: {code} not in {codes:?}",
                c.file
            );
        }
        for code in c.not {
            assert!(
                !codes.iter().any(|x| x == code),
                "{}: {code} in {codes:?}",
                c.file
            );
        }
        let bind = peer(root, "dnssec-verify", &["-z", "-o", c.origin, c.file]);
        assert_eq!(bind, c.bind, "{}: dnssec-verify", c.file);
        let ldns = peer(root, "ldns-verify-zone", &[c.file]);
        assert_eq!(ldns, c.ldns, "{}: ldns-verify-zone", c.file);
        let knot = peer(root, "kzonecheck", &["-d", "on", "-o", c.origin, c.file]);
        assert_eq!(knot, c.knot, "{}: kzonecheck", c.file);
    }
}
