//! `zonewarden lint --cert` and ZW3011 (tlsa-cert-unmatched): a certificate renewed without
//! its TLSA record fails the lint, as `tlsa check` fails it, and passes once the record is
//! published; a certificate is judged only at the hosts it names, and per host, so that a
//! host's other services may present other certificates; a staged key counts for nothing,
//! and only usable records count. The certificates are those of `testdata/tlsa/`
//! (`scripts/make-tlsa-testdata.sh`), for mail.example.com and mx.example.com.

use crate::util::{root, stdout, temp_scratch, text, zw_in};
use std::path::Path;

/// The `3 1 1` record of the renewed certificate's key (`testdata/tlsa/fullchain.pem`).
const CURRENT: &str = "3 1 1 571312032B95CDE3387D4FCB6D936C6DD2340DA193FAF69D1F249A4417FE45A5";
/// The `3 1 1` record of the key before the renewal (`old.pem`, `old.key`).
const OLD: &str = "3 1 1 60DDA15C4EC3BB6D1349C8C3A3E78E268200598B174CD0A22679D5363C1DB56F";
/// The `3 1 1` record of the staged next key (`next.key`).
const NEXT: &str = "3 1 1 DFC06C45CC1D34CB2983595A929A6A7ADEC4E5CF997B58140BF8B8611BA6322B";
/// The `2 1 1` record of the CA that issued the leaf (`intermediate.pem`).
const CA: &str = "2 1 1 6E4C163BCD75A835E040FD43DD138FE59889B24E927465C703B8D191503E4270";
/// The `3 1 1` record of another certificate for the same hosts (`rsa.pem`), as another
/// service of the host (HTTPS, IMAP) may present.
const OTHER: &str = "3 1 1 3C7B358AFA369963530584940C12D3845B9E8342FA17487B9CE9E62D0E85C5AA";

fn tlsa(file: &str) -> String {
    root()
        .join("testdata/tlsa")
        .join(file)
        .display()
        .to_string()
}

/// example.com with mail hosts `mail`, `mx` (both named by the certificates) and `mx2` (not
/// named), and `lines` after them.
fn zone(dir: &Path, lines: &[&str]) {
    let mut z = String::from(
        "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n\
         @ NS ns1\n@ MX 10 mail\n@ MX 20 mx\n@ MX 30 mx2\nns1 A 192.0.2.1\n\
         mail A 192.0.2.25\nmx A 192.0.2.26\nmx2 A 192.0.2.27\n",
    );
    for l in lines {
        z.push_str(l);
        z.push('\n');
    }
    std::fs::write(dir.join("z.zone"), z).unwrap();
}

/// `lint --cert …` of `z.zone`: the exit status, the ZW3011 findings (message and fix) of the
/// JSON report, and the whole output.
fn lint(dir: &Path, certs: &[&str]) -> (i32, Vec<(String, String)>, String) {
    let mut args = vec!["lint", "--format", "json"];
    for c in certs {
        args.extend(["--cert", c]);
    }
    args.push("z.zone");
    let o = zw_in(dir, &args);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let found = v["zones"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "ZW3011")
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("message"), s("fix"))
        })
        .collect();
    (o.status.code().unwrap(), found, text(&o))
}

/// The renewed certificate's key has no record: `lint --cert` fails (exit 1) with ZW3011,
/// whose fix is the record to publish, as `tlsa check` fails; with that record published,
/// both pass.
#[test]
fn a_certificate_renewed_without_its_record_fails_lint() {
    let broken = "testdata/lint/ZW3011/renewed_cert_without_record.zone";
    let chain = "testdata/tlsa/fullchain.pem";
    let o = zw_in(root(), &["lint", "--cert", chain, broken]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = stdout(&o);
    assert!(out.contains("error[ZW3011]: no usable TLSA record at _25._tcp.mail.example.com. matches the certificate CN=mail.example.com of testdata/tlsa/fullchain.pem: a DANE client will refuse the server once it presents this certificate"), "{out}");
    assert!(
        out.contains(&format!(
            "help: publish `_25._tcp.mail.example.com. TLSA {CURRENT}` for the certificate's key"
        )),
        "{out}"
    );
    let check = ["tlsa", "check", "--zone", broken, "--cert", chain];
    assert_eq!(zw_in(root(), &check).status.code(), Some(1));

    let d = temp_scratch("lint-cert-renewed");
    let old = format!("_25._tcp.mail TLSA {OLD}");
    let published = format!("_25._tcp.mail TLSA {CURRENT}");
    zone(&d, &[&old]);
    let (code, found, out) = lint(&d, &[&tlsa("fullchain.pem")]);
    assert_eq!((code, found.len()), (1, 1), "{out}");
    zone(&d, &[&old, &published]);
    let (code, found, out) = lint(&d, &[&tlsa("fullchain.pem")]);
    assert_eq!((code, found.len()), (0, 0), "{out}");
    let check = [
        "tlsa",
        "check",
        "--zone",
        "z.zone",
        "--name",
        "mail.example.com",
    ];
    let cert = tlsa("fullchain.pem");
    let o = zw_in(&d, &[&check[..], &["--cert", &cert]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));

    // The clean corpus zone of the renewal, signed, with the record published for both
    // hosts (`mx` by a CNAME to `mail`'s records), and the staged next key beside it.
    let clean = "testdata/lint/clean/dane_renewed_published.zone";
    let o = zw_in(
        root(),
        &[
            "lint",
            "--cert",
            chain,
            "--cert",
            "testdata/tlsa/next.key",
            clean,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

/// A certificate is judged at the hosts its subjectAltName names (mail.example.com and
/// mx.example.com here): a host of the zone it does not name is not failed by it, however
/// little its records match; a host it names is, by a TLSA owner of its own or one that is a
/// CNAME to another host's records.
#[test]
fn a_certificate_is_judged_only_at_the_hosts_it_names() {
    let d = temp_scratch("lint-cert-hosts");
    let cert = tlsa("fullchain.pem");
    let mail_ok = format!("_25._tcp.mail TLSA {CURRENT}");
    let mx_ok = format!("_25._tcp.mx TLSA {CURRENT}");
    zone(&d, &[&mail_ok, &mx_ok, &format!("_25._tcp.mx2 TLSA {OLD}")]);
    let (code, found, out) = lint(&d, &[&cert]);
    assert_eq!((code, found.len()), (0, 0), "mx2 is not judged:\n{out}");
    assert!(
        out.contains("ZW3009"),
        "ZW3009 still warns of mx2's record:\n{out}"
    );

    zone(&d, &[&format!("_25._tcp.mail TLSA {OLD}"), &mx_ok]);
    let (code, found, out) = lint(&d, &[&cert]);
    assert_eq!((code, found.len()), (1, 1), "{out}");
    assert!(
        found[0].0.contains("at _25._tcp.mail.example.com. matches"),
        "{out}"
    );

    // mx shares the records of mx2, a host the certificate does not name: the finding is
    // at mx's CNAME, and says which records it was judged by.
    let mx2 = format!("_25._tcp.mx2 TLSA {OLD}");
    zone(&d, &[&mail_ok, "_25._tcp.mx CNAME _25._tcp.mx2", &mx2]);
    let (code, found, out) = lint(&d, &[&cert]);
    assert_eq!((code, found.len()), (1, 1), "{out}");
    assert!(
        found[0]
            .0
            .contains("at _25._tcp.mx2.example.com. (via CNAME at _25._tcp.mx.example.com.)"),
        "{out}"
    );
    // Shared with mail, a host the certificate names too, it is reported once, at mail.
    zone(
        &d,
        &[
            &format!("_25._tcp.mail TLSA {OLD}"),
            "_25._tcp.mx CNAME _25._tcp.mail",
        ],
    );
    let (code, found, out) = lint(&d, &[&cert]);
    assert_eq!((code, found.len()), (1, 1), "{out}");
    assert!(!found[0].0.contains("via CNAME"), "{out}");
}

/// Only what the server presents counts: a record for the staged next key does not cover
/// the certificate, and a key given alone is judged nowhere; a DANE-TA record counts when a
/// CA of the file issued the leaf, so not for a leaf given without its chain; a PKIX-EE
/// record is unusable under `_25._tcp` (RFC 7672 §3.1.3).
#[test]
fn only_usable_records_for_the_presented_chain_count() {
    let d = temp_scratch("lint-cert-usable");
    let (chain, next) = (tlsa("fullchain.pem"), tlsa("next.key"));
    zone(&d, &[&format!("_25._tcp.mail TLSA {NEXT}")]);
    let (code, found, out) = lint(&d, &[&chain, &next]);
    assert_eq!((code, found.len()), (1, 1), "{out}");
    let (code, found, out) = lint(&d, &[&next]);
    assert_eq!((code, found.len()), (0, 0), "{out}");

    zone(&d, &[&format!("_25._tcp.mail TLSA {CA}")]);
    let (code, found, out) = lint(&d, &[&chain]);
    assert_eq!((code, found.len()), (0, 0), "{out}");
    let (code, found, out) = lint(&d, &[&tlsa("mail.example.com.pem")]);
    assert_eq!(
        (code, found.len()),
        (1, 1),
        "the leaf alone has no CA:\n{out}"
    );

    let pkix = CURRENT.replacen('3', "1", 1);
    zone(&d, &[&format!("_25._tcp.mail TLSA {pkix}")]);
    let (code, found, out) = lint(&d, &[&chain]);
    assert_eq!((code, found.len()), (1, 1), "{out}");
    // On another port, PKIX-EE is usable.
    zone(&d, &[&format!("_443._tcp.mail TLSA {pkix}")]);
    let (code, found, out) = lint(&d, &[&chain]);
    assert_eq!((code, found.len()), (0, 0), "{out}");
    // A wildcard that answers for the mail host's _25._tcp is judged as SMTP clients use it:
    // its PKIX-EE record does not authenticate the certificate there, beside a DANE-EE
    // record for the old key.
    zone(
        &d,
        &[
            &format!("*._tcp.mail TLSA {pkix}"),
            &format!("*._tcp.mail TLSA {OLD}"),
        ],
    );
    let (code, found, out) = lint(&d, &[&chain]);
    assert_eq!((code, found.len()), (1, 1), "{out}");
    assert!(found[0].0.contains("*._tcp.mail.example.com."), "{out}");
    // With a _25._tcp name of the host's own, the wildcard is for its other services.
    zone(
        &d,
        &[
            &format!("*._tcp.mail TLSA {pkix}"),
            &format!("_25._tcp.mail TLSA {OTHER}"),
        ],
    );
    let (code, found, out) = lint(&d, &[&chain]);
    assert_eq!((code, found.len()), (0, 0), "{out}");
}

/// A host's services may present different certificates (SMTP one, HTTPS another), each
/// with its own TLSA records: a certificate is in use at a host where one of the host's
/// RRsets authenticates it, and the host's other RRsets are then for the other services.
#[test]
fn a_certificate_is_judged_per_host_not_at_every_port() {
    let d = temp_scratch("lint-cert-per-host");
    let (mail_cert, web_cert) = (tlsa("fullchain.pem"), tlsa("rsa.pem"));
    let (mail_cert, web_cert) = (mail_cert.as_str(), web_cert.as_str());
    let smtp = format!("_25._tcp.mail TLSA {CURRENT}");
    let https = format!("_443._tcp.mail TLSA {OTHER}");
    zone(&d, &[&smtp, &https]);
    for certs in [&[mail_cert][..], &[web_cert], &[mail_cert, web_cert]] {
        let (code, found, out) = lint(&d, certs);
        assert_eq!((code, found.len()), (0, 0), "{certs:?}:\n{out}");
    }
    // A wildcard RRset of the host is one of its RRsets too.
    let any = format!("*._tcp.mail TLSA {CURRENT}");
    zone(&d, &[&any, &https]);
    let (code, found, out) = lint(&d, &[mail_cert]);
    assert_eq!((code, found.len()), (0, 0), "{out}");
}

/// A host whose SMTP records are published by another zone, through a CNAME out of this
/// one, may be authenticated there: its other RRsets, for other services, are not judged
/// against the certificate.
#[test]
fn a_host_whose_records_are_elsewhere_is_not_judged() {
    let d = temp_scratch("lint-cert-per-host-outside");
    let cert = tlsa("fullchain.pem");
    let smtp = "_25._tcp.mail CNAME _25._tcp.mx.provider.example.";
    let https = format!("_443._tcp.mail TLSA {OTHER}");
    zone(&d, &[smtp, &https]);
    let (code, found, out) = lint(&d, &[&cert]);
    assert_eq!((code, found.len()), (0, 0), "{out}");
    // Without the CNAME, the HTTPS records are all the host has, and they do not match.
    zone(&d, &[&https]);
    let (code, found, out) = lint(&d, &[&cert]);
    assert_eq!((code, found.len()), (1, 1), "{out}");
}

/// When none of a host's RRsets authenticates a certificate that names it, each of them is
/// reported, where and as it was before; an inline suppression at a record takes its own.
#[test]
fn a_certificate_no_rrset_of_its_host_matches_fails_at_each() {
    let d = temp_scratch("lint-cert-per-host-none");
    let cert = tlsa("fullchain.pem");
    let smtp = format!("_25._tcp.mail TLSA {OLD}");
    let https = format!("_443._tcp.mail TLSA {OTHER}");
    zone(&d, &[&smtp, &https]);
    let (code, found, out) = lint(&d, &[&cert]);
    assert_eq!((code, found.len()), (1, 2), "{out}");
    assert!(
        found[0]
            .0
            .starts_with("no usable TLSA record at _25._tcp.mail.example.com. matches"),
        "{out}"
    );
    assert!(
        found[1]
            .0
            .starts_with("no usable TLSA record at _443._tcp.mail.example.com. matches"),
        "{out}"
    );
    assert!(
        found[1].1.starts_with(&format!(
            "publish `_443._tcp.mail.example.com. TLSA {CURRENT}`"
        )),
        "{out}"
    );
    let https = format!("{https} ; zonewarden: ignore[ZW3011]");
    zone(&d, &[&smtp, &https]);
    let (code, found, out) = lint(&d, &[&cert]);
    assert_eq!((code, found.len()), (1, 1), "{out}");
    assert!(
        found[0].0.contains("at _25._tcp.mail.example.com."),
        "{out}"
    );
}

/// A host whose only RRset is a CNAME to another host's records is judged by them: when the
/// certificate is in use at the other host by another of its RRsets, those records are not
/// reported at their owner for it, so they are at the CNAME.
#[test]
fn an_alias_to_records_of_another_service_is_reported_at_the_alias() {
    let d = temp_scratch("lint-cert-per-host-alias");
    let cert = tlsa("fullchain.pem");
    let smtp = format!("_25._tcp.mail TLSA {OTHER}");
    let https = format!("_443._tcp.mail TLSA {CURRENT}");
    zone(&d, &[&smtp, &https, "_25._tcp.mx CNAME _25._tcp.mail"]);
    let (code, found, out) = lint(&d, &[&cert]);
    assert_eq!((code, found.len()), (1, 1), "{out}");
    assert!(
        found[0]
            .0
            .contains("at _25._tcp.mail.example.com. (via CNAME at _25._tcp.mx.example.com.)"),
        "{out}"
    );
    // With the certificate in use at mx by a record of its own, neither is reported.
    let mx = format!("_443._tcp.mx TLSA {CURRENT}");
    zone(&d, &[&smtp, &https, "_25._tcp.mx CNAME _25._tcp.mail", &mx]);
    let (code, found, out) = lint(&d, &[&cert]);
    assert_eq!((code, found.len()), (0, 0), "{out}");
}
