//! Mail policy (ZW4xxx): SPF, DMARC, DKIM keys, MTA-STS, TLS-RPT, null MX and CAA, one
//! module each; this one holds what they share and dispatches by type.
//!
//! TXT records are read as mail software reads them: the strings of one record joined
//! without separators (RFC 7208 §3.3, RFC 6376 §3.6.2.2, RFC 7489 §6.1).

mod caa;
mod dkim;
pub mod dmarc;
pub mod spf;
mod sts;

use super::{later, Wording};
use crate::diag::{Diagnostic, Rule, WordsIn};
use crate::index::{Check, Cx, RRset};
use crate::rules::mail::*;
use crate::zone::name;
use crate::zone::rtype::t;
use crate::zone::view::{strings, Mx};
use crate::zone::{Record, Zone};
use std::borrow::Cow;
use std::fmt::Write;

/// The TXT records of one RRset, each with its index and its strings joined.
type Texts<'a> = [(u32, &'a Record, Cow<'a, str>)];

/// An owner's name in presentation form, made when a finding first needs it: most mail
/// records raise none.
pub(super) struct Shown<'c, 'z> {
    cx: &'c Cx<'z>,
    id: name::NameId,
    text: std::cell::OnceCell<String>,
}

impl<'c, 'z> Shown<'c, 'z> {
    fn new(cx: &'c Cx<'z>, id: name::NameId) -> Self {
        Shown {
            cx,
            id,
            text: std::cell::OnceCell::new(),
        }
    }

    fn as_str(&self) -> &str {
        self.text.get_or_init(|| self.cx.name_text(self.id))
    }
}

impl std::fmt::Display for Shown<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The strings of a TXT RDATA joined, as mail software reads them.
fn txt_joined(rdata: &[u8]) -> Vec<u8> {
    // The RDATA's length bounds the strings': one allocation, not one per doubling.
    let mut joined = Vec::with_capacity(rdata.len());
    for s in strings(rdata) {
        joined.extend_from_slice(s);
    }
    joined
}

/// The strings of a TXT RDATA joined, as text (invalid UTF-8 replaced): valid UTF-8, as
/// nearly all is, is not copied again.
pub fn txt_text(rdata: &[u8]) -> String {
    String::from_utf8(txt_joined(rdata))
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// [`txt_text`], borrowed from the RDATA when it holds one string of UTF-8, as most do.
fn txt_str(rdata: &[u8]) -> Cow<'_, str> {
    match rdata.split_first() {
        Some((&len, one)) if one.len() == usize::from(len) => match std::str::from_utf8(one) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => Cow::Owned(txt_text(rdata)),
        },
        _ => Cow::Owned(txt_text(rdata)),
    }
}

/// Whether a TXT record's strings joined begin with `v=spf1` (in any case), read without
/// joining them.
fn starts_spf(rdata: &[u8]) -> bool {
    let mut head = [0u8; 6];
    let mut n = 0;
    for (h, &c) in head.iter_mut().zip(strings(rdata).flatten()) {
        *h = c;
        n += 1;
    }
    n == head.len() && head.eq_ignore_ascii_case(b"v=spf1")
}

fn first_label(wire: &[u8]) -> &[u8] {
    name::labels(wire).next().unwrap_or(b"")
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Levenshtein distance, for "did you mean" on short tag names.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

fn did_you_mean(tag: &str, known: &[&str]) -> Option<String> {
    known
        .iter()
        .find(|k| tag.len() > 1 && distance(&tag.to_ascii_lowercase(), k) == 1)
        .map(|k| k.to_string())
}

/// `tag=value` pairs split on `;`, trimmed; empty parts (a trailing `;`) dropped. `Err`
/// names a part without `=`.
fn tag_list(s: &str) -> Result<Vec<(&str, &str)>, String> {
    let mut out = Vec::new();
    for part in s.split(';') {
        let part = part.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\r' || c == '\n');
        if part.is_empty() {
            continue;
        }
        let (tag, value) = part
            .split_once('=')
            .ok_or_else(|| format!("`{part}` is not tag=value"))?;
        let tag = tag.trim();
        if tag.is_empty()
            || !tag.as_bytes()[0].is_ascii_alphabetic()
            || !tag.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            return Err(format!("`{tag}` is not a tag name"));
        }
        out.push((tag, value.trim()));
    }
    Ok(out)
}

/// `scheme:rest` with one of the schemes, and for mailto an address with an `@`.
fn uri_of(uri: &str, schemes: &[&str]) -> Result<(), String> {
    let (scheme, rest) = uri
        .split_once(':')
        .ok_or_else(|| format!("`{uri}` is not a URI (no scheme such as mailto:)"))?;
    let scheme = scheme.to_ascii_lowercase();
    if !schemes.contains(&scheme.as_str()) {
        return Err(format!(
            "`{uri}`: the scheme must be {}",
            schemes.join(" or ")
        ));
    }
    let ok = match scheme.as_str() {
        "mailto" => rest
            .split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.')),
        _ => rest.starts_with("//") && rest.len() > 2,
    };
    if !ok || rest.contains(' ') {
        return Err(format!("`{uri}` is not a valid {scheme} URI"));
    }
    Ok(())
}

/// ZW4001-ZW4012.
pub struct Mail;

impl Mail {
    fn txt(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        let owner = cx.zone.names.wire(rrset.owner);
        // Mail policy lives in SPF records (at any owner) and in TXT at underscore names
        // (_dmarc, _domainkey, _mta-sts, _smtp._tls); other TXT records are not decoded.
        let underscore = name::labels(owner).any(|l| l.first() == Some(&b'_'));
        let maybe_spf = || {
            rrset
                .records
                .iter()
                .any(|&i| starts_spf(cx.zone.rdata(cx.record(i))))
        };
        if !underscore && !maybe_spf() {
            return;
        }
        let texts: Vec<(u32, &Record, Cow<str>)> = rrset
            .records
            .iter()
            .map(|&i| (i, cx.record(i)))
            .map(|(i, r)| (i, r, txt_str(cx.zone.rdata(r))))
            .collect();
        let shown = Shown::new(cx, rrset.owner);
        spf::check(cx, &texts, &shown, out);
        if !underscore {
            // DMARC, DKIM, MTA-STS and TLS-RPT live at underscore names only.
            return;
        }
        let first = first_label(owner);
        let labels: Vec<&[u8]> = name::labels(owner).collect();
        if first.eq_ignore_ascii_case(b"_dmarc") {
            dmarc::check(cx, &texts, &shown, out);
        }
        // DKIM keys at SELECTOR._domainkey.DOMAIN (not the old policy record at _domainkey).
        let dk = labels
            .iter()
            .position(|l| l.eq_ignore_ascii_case(b"_domainkey"));
        if dk.is_some_and(|p| p > 0) && !first.eq_ignore_ascii_case(b"_adsp") {
            dkim::check(cx, &texts, &shown, out);
        }
        sts::check(cx, &texts, &shown, &labels, out);
    }

    fn mx(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        let nulls: Vec<_> = rrset
            .records
            .iter()
            .map(|&i| cx.record(i))
            .filter(|r| cx.target(r) == Some(&[0][..]))
            .collect();
        for r in &nulls {
            let pref = Mx::parse(cx.zone.rdata(r)).map_or(0, |m| m.preference);
            if rrset.records.len() > 1 {
                out.push(
                    Diagnostic::new(
                        &NULL_MX_NOT_ALONE,
                        Some(cx.field_span(r, 1)),
                        format!(
                            "null MX at {} alongside {} other MX record{}",
                            cx.name_text(rrset.owner),
                            rrset.records.len() - 1,
                            if rrset.records.len() == 2 { "" } else { "s" }
                        ),
                    )
                    .with_fix(
                        "remove the null MX to receive mail, or the other MX records to refuse it",
                    ),
                );
            } else if pref != 0 {
                out.push(
                    Diagnostic::new(
                        &NULL_MX_NOT_ALONE,
                        Some(cx.field_span(r, 0)),
                        format!(
                            "null MX at {} has preference {pref}, not 0",
                            cx.name_text(rrset.owner)
                        ),
                    )
                    .with_fix("write it as MX 0 ."),
                );
            }
        }
    }
}

impl Check for Mail {
    fn rules(&self) -> &'static [&'static Rule] {
        static RULES: &[&Rule] = &[
            &SPF_MULTIPLE_RECORDS,
            &SPF_SYNTAX,
            &SPF_TOO_MANY_LOOKUPS,
            &SPF_PASS_ALL,
            &DMARC_SYNTAX,
            &DKIM_SYNTAX,
            &DKIM_KEY_TOO_SHORT,
            &DKIM_KEY_WEAK,
            &MTA_STS_SYNTAX,
            &TLSRPT_SYNTAX,
            &NULL_MX_NOT_ALONE,
            &CAA_SYNTAX,
        ];
        RULES
    }

    fn rrset_types(&self) -> Option<&'static [u16]> {
        Some(&[t::TXT, t::MX, t::CAA])
    }

    fn rrset(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        if !cx.is_authoritative(rrset.owner) || cx.has(rrset.owner, crate::index::flags::CUT) {
            return;
        }
        match rrset.rtype {
            t::TXT => self.txt(cx, rrset, out),
            t::MX => self.mx(cx, rrset, out),
            t::CAA => caa::check(cx, rrset, out),
            _ => {}
        }
    }
}
