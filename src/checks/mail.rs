//! Mail policy (ZW4xxx): SPF, DMARC, DKIM keys, MTA-STS, TLS-RPT, null MX and CAA.
//!
//! TXT records are read as mail software reads them: the strings of one record joined
//! without separators (RFC 7208 §3.3, RFC 6376 §3.6.2.2, RFC 7489 §6.1).

use crate::diag::Diagnostic;
use crate::index::{Check, Cx, RRset};
use crate::rules::mail::*;
use crate::zone::name;
use crate::zone::rtype::t;
use crate::zone::Record;

/// The strings of a TXT RDATA joined, as mail software reads them.
fn txt_joined(rdata: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rdata.len());
    let mut p = 0;
    while p < rdata.len() {
        let n = rdata[p] as usize;
        let end = (p + 1 + n).min(rdata.len());
        out.extend_from_slice(&rdata[p + 1..end]);
        p = end;
    }
    out
}

/// The first `n` octets of a TXT record's strings joined, without decoding the rest.
fn txt_joined_prefix(rdata: &[u8], n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(n);
    let mut p = 0;
    while p < rdata.len() && out.len() < n {
        let len = rdata[p] as usize;
        let end = (p + 1 + len).min(rdata.len());
        let take = (end - p - 1).min(n - out.len());
        out.extend_from_slice(&rdata[p + 1..p + 1 + take]);
        p = end;
    }
    out
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
fn tag_list(s: &str) -> Result<Vec<(String, String)>, String> {
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
        out.push((tag.to_string(), value.trim().to_string()));
    }
    Ok(out)
}

// --- SPF (RFC 7208) ------------------------------------------------------------------------

/// One parsed SPF record: the DNS-querying terms and the include/redirect targets.
struct Spf {
    lookups: usize,
    /// `include:` and `redirect=` domains without macros, lower-case, absolute text.
    targets: Vec<String>,
    pass_all: bool,
}

fn is_macro_literal(c: u8) -> bool {
    (0x21..=0x7e).contains(&c) && c != b'%'
}

/// RFC 7208 §7.1 macro-string; `exp` allows the c, r and t letters.
fn macro_string(s: &str, exp: bool) -> Result<bool, String> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut has_macro = false;
    while i < b.len() {
        if b[i] == b'%' {
            has_macro = true;
            match b.get(i + 1) {
                Some(b'%' | b'_' | b'-') => i += 2,
                Some(b'{') => {
                    let close = s[i..]
                        .find('}')
                        .ok_or_else(|| format!("unclosed macro in `{s}`"))?;
                    let body = &s[i + 2..i + close];
                    let mut chars = body.chars();
                    let letter = chars.next().unwrap_or(' ').to_ascii_lowercase();
                    let letters = if exp { "slodiphcrtv" } else { "slodiphv" };
                    if !letters.contains(letter) {
                        return Err(format!("unknown macro letter in `%{{{body}}}`"));
                    }
                    let rest: String = chars.collect();
                    let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
                    let delims = digits.strip_prefix(['r', 'R']).unwrap_or(digits);
                    if !delims.chars().all(|c| ".-+,/_=".contains(c)) {
                        return Err(format!("bad macro transformer in `%{{{body}}}`"));
                    }
                    i += close + 1;
                }
                _ => {
                    return Err(format!(
                        "a `%` that starts no macro in `{s}` (write %% for %)"
                    ))
                }
            }
        } else if is_macro_literal(b[i]) {
            i += 1;
        } else {
            return Err(format!("character {:?} not allowed in `{s}`", b[i] as char));
        }
    }
    Ok(has_macro)
}

/// RFC 7208 §7.1 domain-spec: a macro-string ending in a top label or a macro.
fn domain_spec(s: &str) -> Result<bool, String> {
    if s.is_empty() {
        return Err("empty domain".into());
    }
    let has_macro = macro_string(s, false)?;
    if !has_macro {
        let d = s.strip_suffix('.').unwrap_or(s);
        let top = d.rsplit('.').next().unwrap_or("");
        let top_ok = !top.is_empty()
            && top.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
            && top.bytes().any(|c| c.is_ascii_alphabetic())
            && !top.starts_with('-')
            && !top.ends_with('-');
        if !d.contains('.') || !top_ok || d.split('.').any(str::is_empty) {
            return Err(format!("`{s}` is not a domain name"));
        }
    }
    Ok(has_macro)
}

fn cidr(s: &str, max: u32) -> Result<(), String> {
    match s.parse::<u32>() {
        Ok(n) if n <= max && (s == "0" || !s.starts_with('0')) => Ok(()),
        _ => Err(format!("`/{s}` is not a prefix length of 0 to {max}")),
    }
}

/// `[:domain][/n][//n]` of `a` and `mx`.
fn dual_cidr(rest: &str) -> Result<Option<String>, String> {
    let (head, v6) = match rest.split_once("//") {
        Some((h, v6)) => (h, Some(v6)),
        None => (rest, None),
    };
    let (domain, v4) = match head.rfind('/') {
        Some(p) if !head[p + 1..].contains(':') => (&head[..p], Some(&head[p + 1..])),
        _ => (head, None),
    };
    if let Some(v4) = v4 {
        cidr(v4, 32)?;
    }
    if let Some(v6) = v6 {
        cidr(v6, 128)?;
    }
    match domain.strip_prefix(':') {
        Some(d) => {
            domain_spec(d)?;
            Ok(Some(d.to_string()))
        }
        None if domain.is_empty() => Ok(None),
        None => Err(format!("expected `:domain` or `/len`, found `{domain}`")),
    }
}

fn parse_spf(text: &str) -> Result<Spf, String> {
    let mut spf = Spf {
        lookups: 0,
        targets: Vec::new(),
        pass_all: false,
    };
    let mut terms = text.split(' ');
    let v = terms.next().unwrap_or("");
    if !v.eq_ignore_ascii_case("v=spf1") {
        return Err(format!("`{v}` is not v=spf1"));
    }
    let (mut redirect, mut exp) = (false, false);
    for term in terms {
        if term.is_empty() {
            continue;
        }
        if term.contains(['\t', '\r', '\n']) {
            return Err(format!(
                "`{term}`: terms are separated by single spaces only"
            ));
        }
        // Modifiers: name=value (RFC 7208 §6, §12).
        let eq = term.find('=');
        let colon_or_slash = term.find([':', '/']);
        if let Some(e) = eq.filter(|&e| colon_or_slash.is_none_or(|c| e < c)) {
            let (name, value) = (&term[..e], &term[e + 1..]);
            let name_ok = !name.is_empty()
                && name.as_bytes()[0].is_ascii_alphabetic()
                && name
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"-_.".contains(&c));
            if !name_ok {
                return Err(format!("`{term}` is not a modifier name=value"));
            }
            match name.to_ascii_lowercase().as_str() {
                "redirect" => {
                    if redirect {
                        return Err("`redirect` appears more than once".into());
                    }
                    redirect = true;
                    spf.lookups += 1;
                    if !domain_spec(value).map_err(|e| format!("redirect: {e}"))? {
                        spf.targets.push(value.to_ascii_lowercase());
                    }
                }
                "exp" => {
                    if exp {
                        return Err("`exp` appears more than once".into());
                    }
                    exp = true;
                    domain_spec(value).map_err(|e| format!("exp: {e}"))?;
                }
                _ => {
                    macro_string(value, false).map_err(|e| format!("{name}: {e}"))?;
                }
            }
            continue;
        }
        let (qualifier, mech) = match term.as_bytes()[0] {
            b'+' | b'-' | b'~' | b'?' => (term.as_bytes()[0], &term[1..]),
            _ => (b'+', term),
        };
        let split = mech.find([':', '/']).unwrap_or(mech.len());
        let (kind, rest) = (mech[..split].to_ascii_lowercase(), &mech[split..]);
        match kind.as_str() {
            "all" => {
                if !rest.is_empty() {
                    return Err(format!("`{term}`: all takes no argument"));
                }
                spf.pass_all |= qualifier == b'+';
            }
            "include" | "exists" => {
                let d = rest
                    .strip_prefix(':')
                    .ok_or_else(|| format!("`{term}`: {kind} needs `:domain`"))?;
                let macros = domain_spec(d).map_err(|e| format!("{kind}: {e}"))?;
                spf.lookups += 1;
                if kind == "include" && !macros {
                    spf.targets.push(d.to_ascii_lowercase());
                }
            }
            "a" | "mx" => {
                dual_cidr(rest).map_err(|e| format!("`{term}`: {e}"))?;
                spf.lookups += 1;
            }
            "ptr" => {
                if let Some(d) = rest.strip_prefix(':') {
                    domain_spec(d).map_err(|e| format!("ptr: {e}"))?;
                } else if !rest.is_empty() {
                    return Err(format!("`{term}`: ptr takes only `:domain`"));
                }
                spf.lookups += 1;
            }
            "ip4" => {
                let v = rest
                    .strip_prefix(':')
                    .ok_or_else(|| format!("`{term}`: ip4 needs `:address`"))?;
                let (addr, len) = v.split_once('/').map_or((v, None), |(a, l)| (a, Some(l)));
                addr.parse::<std::net::Ipv4Addr>()
                    .map_err(|_| format!("`{addr}` is not an IPv4 address"))?;
                if let Some(l) = len {
                    cidr(l, 32)?;
                }
            }
            "ip6" => {
                let v = rest
                    .strip_prefix(':')
                    .ok_or_else(|| format!("`{term}`: ip6 needs `:address`"))?;
                let (addr, len) = v.split_once('/').map_or((v, None), |(a, l)| (a, Some(l)));
                addr.parse::<std::net::Ipv6Addr>()
                    .map_err(|_| format!("`{addr}` is not an IPv6 address"))?;
                if let Some(l) = len {
                    cidr(l, 128)?;
                }
            }
            _ => {
                let hint = did_you_mean(
                    &kind,
                    &["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"],
                )
                .map(|k| format!("; did you mean `{k}`?"))
                .unwrap_or_default();
                return Err(format!("`{term}` is not an SPF mechanism{hint}"));
            }
        }
    }
    Ok(spf)
}

fn spf_text(text: &str) -> bool {
    starts_with_ci(text, "v=spf1") && (text.len() == 6 || text.as_bytes()[6] == b' ')
}

/// The SPF records at a name in the zone, as text.
fn spf_at(cx: &Cx, domain: &str) -> Vec<String> {
    let mut wire = Vec::new();
    if name::parse_text(domain.as_bytes(), &mut wire).is_err() {
        return Vec::new();
    }
    if wire.last() != Some(&0) {
        wire.push(0);
    }
    let Some(id) = cx.zone.names.find(&name::to_lowercase(&wire)) else {
        return Vec::new();
    };
    cx.records_of(id)
        .iter()
        .map(|&i| cx.record(i))
        .filter(|r| r.rtype == t::TXT)
        .map(|r| String::from_utf8_lossy(&txt_joined(cx.zone.rdata(r))).into_owned())
        .filter(|s| spf_text(s))
        .collect()
}

/// Lookups of a record and, through the zone, of what it includes; `depth` bounds loops.
fn total_lookups(cx: &Cx, spf: &Spf, depth: usize, seen: &mut Vec<String>) -> usize {
    let mut n = spf.lookups;
    if depth == 0 {
        return n;
    }
    for target in &spf.targets {
        if seen.contains(target) {
            continue;
        }
        seen.push(target.clone());
        if let [one] = spf_at(cx, target).as_slice() {
            if let Ok(inner) = parse_spf(one) {
                n += total_lookups(cx, &inner, depth - 1, seen);
            }
        }
    }
    n
}

// --- Tag-value records ---------------------------------------------------------------------

fn dmarc_uri(u: &str) -> Result<(), String> {
    let (uri, size) = match u.rsplit_once('!') {
        Some((a, b)) => (a, Some(b)),
        None => (u, None),
    };
    if let Some(s) = size {
        let digits = s.trim_end_matches(['k', 'm', 'g', 't', 'K', 'M', 'G', 'T']);
        if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return Err(format!("`!{s}` is not a size limit such as !10m"));
        }
    }
    uri_of(uri, &["mailto", "https", "http"])
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

const DMARC_TAGS: &[&str] = &[
    "v", "p", "sp", "np", "adkim", "aspf", "pct", "fo", "rf", "ri", "rua", "ruf", "psd", "t",
];

fn check_dmarc(text: &str) -> Result<(), String> {
    let tags = tag_list(text)?;
    match tags.first() {
        Some((t, v)) if t == "v" && v == "DMARC1" => {}
        _ => return Err("the record must begin with v=DMARC1".into()),
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, (tag, value)) in tags.iter().enumerate() {
        if seen.contains(&tag.as_str()) {
            return Err(format!("tag `{tag}` appears twice"));
        }
        seen.push(tag);
        let one_of = |allowed: &[&str]| -> Result<(), String> {
            if allowed.contains(&value.as_str()) {
                Ok(())
            } else {
                Err(format!("{tag}={value}: expected {}", allowed.join(", ")))
            }
        };
        match tag.as_str() {
            "v" => {}
            "p" => {
                if i != 1 {
                    return Err("p must come right after v (RFC 7489 §6.4)".into());
                }
                one_of(&["none", "quarantine", "reject"])?;
            }
            "sp" | "np" => one_of(&["none", "quarantine", "reject"])?,
            "adkim" | "aspf" => one_of(&["r", "s"])?,
            "psd" => one_of(&["y", "n", "u"])?,
            "t" => one_of(&["y", "n"])?,
            "pct" => {
                if !value.parse::<u8>().is_ok_and(|n| n <= 100) {
                    return Err(format!("pct={value}: expected 0 to 100"));
                }
            }
            "ri" => {
                if value.parse::<u32>().is_err() {
                    return Err(format!("ri={value}: expected seconds"));
                }
            }
            "fo" => {
                for f in value.split(':') {
                    if !["0", "1", "d", "s"].contains(&f.trim()) {
                        return Err(format!(
                            "fo={value}: options are 0, 1, d and s, joined by ':'"
                        ));
                    }
                }
            }
            "rf" => {
                for f in value.split(':') {
                    if !["afrf", "iodef"].contains(&f.trim()) {
                        return Err(format!("rf={value}: expected afrf"));
                    }
                }
            }
            "rua" | "ruf" => {
                for u in value.split(',') {
                    dmarc_uri(u.trim()).map_err(|e| format!("{tag}: {e}"))?;
                }
            }
            other => {
                if let Some(k) = did_you_mean(other, DMARC_TAGS) {
                    return Err(format!(
                        "unknown tag `{other}` (receivers ignore it); did you mean `{k}`?"
                    ));
                }
            }
        }
    }
    if !seen.contains(&"p") {
        return Err("no p= tag: the record sets no policy".into());
    }
    Ok(())
}

/// The DKIM key record's problems: `Err(syntax)`, or the RSA key size for the size rules.
fn check_dkim(text: &str) -> Result<Option<usize>, String> {
    let tags = tag_list(text)?;
    let mut seen: Vec<&str> = Vec::new();
    let (mut k, mut p) = ("rsa".to_string(), None);
    for (i, (tag, value)) in tags.iter().enumerate() {
        if seen.contains(&tag.as_str()) {
            return Err(format!("tag `{tag}` appears twice"));
        }
        seen.push(tag);
        match tag.as_str() {
            "v" if i != 0 || value != "DKIM1" => {
                return Err("v= must be first and say DKIM1".into());
            }
            "k" => {
                if !["rsa", "ed25519"].contains(&value.as_str()) {
                    return Err(format!("k={value}: expected rsa or ed25519"));
                }
                k = value.clone();
            }
            "h" if !value
                .split(':')
                .any(|h| ["sha1", "sha256"].contains(&h.trim())) =>
            {
                return Err(format!("h={value}: no hash a verifier knows (sha256)"));
            }
            "t" => {
                for f in value.split(':') {
                    if !["y", "s"].contains(&f.trim()) {
                        return Err(format!("t={value}: flags are y and s"));
                    }
                }
            }
            "p" => p = Some(value.clone()),
            _ => {}
        }
    }
    let p = p.ok_or("no p= tag: the record carries no key")?;
    let b64: Vec<u8> = p.bytes().filter(|c| !c.is_ascii_whitespace()).collect();
    if b64.is_empty() {
        return Ok(None); // RFC 6376 §3.6.1: an empty p= revokes the key.
    }
    let key = data_encoding::BASE64
        .decode(&b64)
        .map_err(|_| "p= is not valid base64 (cut short, or a stray character)".to_string())?;
    match k.as_str() {
        "ed25519" => {
            if key.len() != 32 {
                return Err(format!(
                    "an ed25519 key is 32 octets (RFC 8463 §4.2), p= holds {}",
                    key.len()
                ));
            }
            Ok(None)
        }
        _ => match crate::tlsa::input::rsa_bits(&key) {
            Some(bits) => Ok(Some(bits)),
            None => Err("p= does not hold an RSA public key".into()),
        },
    }
}

/// `v=NAME` first, then `tag=value` fields; `required` tags must appear.
fn check_simple(
    text: &str,
    version: &str,
    required: &str,
    value_ok: &dyn Fn(&str) -> Result<(), String>,
) -> Result<(), String> {
    let tags = tag_list(text)?;
    match tags.first() {
        Some((t, v)) if t == "v" && v == version => {}
        _ => return Err(format!("the record must begin with v={version}")),
    }
    let mut seen: Vec<&str> = Vec::new();
    for (tag, value) in &tags[1..] {
        if seen.contains(&tag.as_str()) || tag == "v" {
            return Err(format!("tag `{tag}` appears twice"));
        }
        seen.push(tag);
        if tag == required {
            value_ok(value)?;
        } else if value.is_empty() || value.contains(|c: char| c.is_ascii_whitespace() || c == '=')
        {
            return Err(format!("extension `{tag}={value}` has a bad value"));
        }
    }
    if !seen.contains(&required) {
        return Err(format!("no {required}= tag"));
    }
    Ok(())
}

// --- CAA (RFC 8659) ------------------------------------------------------------------------

const CAA_TAGS: &[&str] = &[
    "issue",
    "issuewild",
    "iodef",
    "issuemail",
    "issuevmc",
    "contactemail",
    "contactphone",
];

fn caa_issue_value(v: &str) -> Result<(), String> {
    let mut parts = v.split(';');
    let domain = parts.next().unwrap_or("").trim();
    if !domain.is_empty() {
        let ok = domain.split('.').all(|l| {
            !l.is_empty()
                && l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        });
        if !ok {
            return Err(format!("`{domain}` is not a CA's domain name"));
        }
    }
    for p in parts {
        let p = p.trim();
        if p.is_empty() && domain.is_empty() {
            continue;
        }
        let (tag, value) = p
            .split_once('=')
            .ok_or_else(|| format!("parameter `{p}` is not tag=value"))?;
        if tag.is_empty() || !tag.bytes().all(|c| c.is_ascii_alphanumeric()) {
            return Err(format!("`{tag}` is not a parameter name"));
        }
        if value
            .bytes()
            .any(|c| !(0x21..=0x7e).contains(&c) || c == b';')
        {
            return Err(format!("parameter value `{value}` has spaces or controls"));
        }
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
            rrset.records.iter().any(|&i| {
                let joined = txt_joined_prefix(cx.zone.rdata(cx.record(i)), 7);
                joined.len() >= 6 && joined[..6].eq_ignore_ascii_case(b"v=spf1")
            })
        };
        if !underscore && !maybe_spf() {
            return;
        }
        let texts: Vec<(&Record, String)> = rrset
            .records
            .iter()
            .map(|&i| cx.record(i))
            .map(|r| {
                (
                    r,
                    String::from_utf8_lossy(&txt_joined(cx.zone.rdata(r))).into_owned(),
                )
            })
            .collect();
        let shown = || cx.name_text(rrset.owner);
        // SPF at any owner.
        let spf: Vec<_> = texts.iter().filter(|(_, s)| spf_text(s)).collect();
        if spf.len() > 1 {
            for (r, _) in &spf[1..] {
                out.push(
                    Diagnostic::new(
                        &SPF_MULTIPLE,
                        Some(cx.field_span(r, 0)),
                        format!(
                            "{} SPF records at {}: SPF fails with permerror",
                            spf.len(),
                            shown()
                        ),
                    )
                    .with_fix("merge them into one v=spf1 record"),
                );
            }
        }
        for (r, text) in &spf {
            match parse_spf(text) {
                Err(e) => out.push(Diagnostic::new(
                    &SPF_SYNTAX,
                    Some(cx.field_span(r, 0)),
                    format!("SPF record at {}: {e}", shown()),
                )),
                Ok(parsed) => {
                    if parsed.pass_all {
                        out.push(
                            Diagnostic::new(
                                &SPF_PASS_ALL,
                                Some(cx.field_span(r, 0)),
                                format!(
                                    "SPF record at {} ends in +all: any host may send as it",
                                    shown()
                                ),
                            )
                            .with_fix("end it with -all (or ~all while testing)"),
                        );
                    }
                    let mut seen = vec![shown().to_ascii_lowercase()];
                    let n = total_lookups(cx, &parsed, 10, &mut seen);
                    if n > 10 {
                        out.push(
                            Diagnostic::new(
                                &SPF_TOO_MANY_LOOKUPS,
                                Some(cx.field_span(r, 0)),
                                format!(
                                    "SPF record at {} needs at least {n} DNS lookups; the limit is 10",
                                    shown()
                                ),
                            )
                            .with_fix("replace a, mx and include terms with ip4 and ip6 ranges"),
                        );
                    }
                }
            }
        }
        let first = first_label(owner);
        let labels: Vec<&[u8]> = name::labels(owner).collect();
        // DMARC at _dmarc.
        if first.eq_ignore_ascii_case(b"_dmarc") {
            let recs: Vec<_> = texts
                .iter()
                .filter(|(_, s)| starts_with_ci(s, "v=DMARC"))
                .collect();
            for (n, (r, text)) in recs.iter().enumerate() {
                let err = if n > 0 {
                    Err(format!(
                        "{} DMARC records: none of them applies",
                        recs.len()
                    ))
                } else {
                    check_dmarc(text)
                };
                if let Err(e) = err {
                    out.push(Diagnostic::new(
                        &DMARC_SYNTAX,
                        Some(cx.field_span(r, 0)),
                        format!("DMARC record at {}: {e}", shown()),
                    ));
                }
            }
        }
        // DKIM keys at SELECTOR._domainkey.DOMAIN (not the old policy record at _domainkey).
        let dk = labels
            .iter()
            .position(|l| l.eq_ignore_ascii_case(b"_domainkey"));
        if dk.is_some_and(|p| p > 0) && !first.eq_ignore_ascii_case(b"_adsp") {
            for (r, text) in &texts {
                match check_dkim(text) {
                    Err(e) => out.push(Diagnostic::new(
                        &DKIM_SYNTAX,
                        Some(cx.field_span(r, 0)),
                        format!("DKIM key at {}: {e}", shown()),
                    )),
                    Ok(Some(bits)) if bits < 1024 => out.push(
                        Diagnostic::new(
                            &DKIM_KEY_TOO_SHORT,
                            Some(cx.field_span(r, 0)),
                            format!("DKIM key at {} is RSA {bits}: verifiers refuse keys under 1024 bits", shown()),
                        )
                        .with_fix("make a 2048-bit key under a new selector and sign with it"),
                    ),
                    Ok(Some(bits)) if bits < 2048 => out.push(
                        Diagnostic::new(
                            &DKIM_KEY_WEAK,
                            Some(cx.field_span(r, 0)),
                            format!("DKIM key at {} is RSA {bits}, under 2048 bits", shown()),
                        )
                        .with_fix("make a 2048-bit key under a new selector and sign with it"),
                    ),
                    Ok(_) => {}
                }
            }
        }
        // MTA-STS at _mta-sts, TLS-RPT at _smtp._tls.
        let tlsrpt = labels.len() >= 2
            && labels[0].eq_ignore_ascii_case(b"_smtp")
            && labels[1].eq_ignore_ascii_case(b"_tls");
        let kind = if first.eq_ignore_ascii_case(b"_mta-sts") {
            Some(("MTA-STS", "v=STS", "STSv1", "id", &MTA_STS_SYNTAX))
        } else if tlsrpt {
            Some(("TLS-RPT", "v=TLSRPT", "TLSRPTv1", "rua", &TLSRPT_SYNTAX))
        } else {
            None
        };
        if let Some((what, prefix, version, required, rule)) = kind {
            // Records that do not start with the version are not this kind (RFC 8461 §3.1,
            // RFC 8460 §3); a misspelt version number still is, and is reported.
            let recs: Vec<_> = texts
                .iter()
                .filter(|(_, s)| starts_with_ci(s, prefix))
                .collect();
            let value_ok = |v: &str| -> Result<(), String> {
                if required == "id" {
                    if v.is_empty() || v.len() > 32 || !v.bytes().all(|c| c.is_ascii_alphanumeric())
                    {
                        return Err(format!("id={v}: 1 to 32 letters and digits"));
                    }
                    Ok(())
                } else {
                    for u in v.split(',') {
                        uri_of(u.trim(), &["mailto", "https"]).map_err(|e| format!("rua: {e}"))?;
                    }
                    Ok(())
                }
            };
            for (n, (r, text)) in recs.iter().enumerate() {
                let err = if n > 0 {
                    Err(format!(
                        "{} {what} records: senders ignore them all",
                        recs.len()
                    ))
                } else {
                    check_simple(text, version, required, &value_ok)
                };
                if let Err(e) = err {
                    out.push(Diagnostic::new(
                        rule,
                        Some(cx.field_span(r, 0)),
                        format!("{what} record at {}: {e}", shown()),
                    ));
                }
            }
        }
    }

    fn mx(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        let nulls: Vec<_> = rrset
            .records
            .iter()
            .map(|&i| cx.record(i))
            .filter(|r| cx.target(r) == Some(&[0][..]))
            .collect();
        for r in &nulls {
            let pref = cx
                .zone
                .rdata(r)
                .get(..2)
                .map_or(0, |p| u16::from_be_bytes([p[0], p[1]]));
            if rrset.records.len() > 1 {
                out.push(
                    Diagnostic::new(
                        &NULL_MX,
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
                        &NULL_MX,
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

    fn caa(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        for &i in rrset.records {
            let r = cx.record(i);
            let data = cx.zone.rdata(r);
            let [flags, len, rest @ ..] = data else {
                continue;
            };
            let Some(tag) = rest.get(..*len as usize) else {
                continue;
            };
            let value = String::from_utf8_lossy(&rest[*len as usize..]);
            let tag = String::from_utf8_lossy(tag).to_ascii_lowercase();
            let critical = flags & 0x80 != 0;
            let problem = if flags & 0x7f != 0 {
                Some((
                    0,
                    format!("flags {flags}: only 128 (issuer critical) is defined"),
                ))
            } else if !CAA_TAGS.contains(&tag.as_str()) {
                if critical {
                    Some((
                        1,
                        format!("unknown tag `{tag}` marked critical: CAs refuse to issue"),
                    ))
                } else {
                    did_you_mean(&tag, CAA_TAGS).map(|k| {
                        (
                            1,
                            format!("unknown tag `{tag}` (CAs ignore it); did you mean `{k}`?"),
                        )
                    })
                }
            } else {
                match tag.as_str() {
                    "issue" | "issuewild" | "issuemail" | "issuevmc" => caa_issue_value(&value)
                        .err()
                        .map(|e| (2, format!("{tag}: {e}"))),
                    "iodef" => uri_of(&value, &["mailto", "http", "https"])
                        .err()
                        .map(|e| (2, format!("iodef: {e}"))),
                    _ => None,
                }
            };
            if let Some((field, msg)) = problem {
                out.push(Diagnostic::new(
                    &CAA_SYNTAX,
                    Some(cx.field_span(r, field)),
                    format!("CAA at {}: {msg}", cx.name_text(rrset.owner)),
                ));
            }
        }
    }
}

impl Check for Mail {
    fn rrset(&self, cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
        if !cx.is_authoritative(rrset.owner) || cx.has(rrset.owner, crate::index::flags::CUT) {
            return;
        }
        match rrset.rtype {
            t::TXT => self.txt(cx, rrset, out),
            t::MX => self.mx(cx, rrset, out),
            t::CAA => self.caa(cx, rrset, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spf_terms() {
        for ok in [
            "v=spf1 -all",
            "v=spf1 mx a:mail.example.com/24//64 ip4:192.0.2.0/24 ip6:2001:db8::/32 ~all",
            "v=spf1 include:_spf.example.net exists:%{i}._spf.%{d} ?all",
            "v=spf1 redirect=_spf.example.com",
            "v=spf1 a/24 mx//64 ptr -all exp=explain.%{d} custom-mod=x",
            "V=SPF1 MX -ALL",
        ] {
            assert!(parse_spf(ok).is_ok(), "{ok}: {:?}", parse_spf(ok).err());
        }
        for bad in [
            "v=spf1 ip4:192.0.2.300 -all",
            "v=spf1 ip4:192.0.2.0/33",
            "v=spf1 include -all",
            "v=spf1 inclde:x.example -all",
            "v=spf1 redirect=a.example redirect=b.example",
            "v=spf1 a:not_a_domain -all",
            "v=spf1 exists:%{z}.example -all",
            "v=spf1 all:x",
        ] {
            assert!(parse_spf(bad).is_err(), "{bad}");
        }
        assert!(parse_spf("v=spf1 mx all").unwrap().pass_all);
        assert!(!parse_spf("v=spf1 mx ~all").unwrap().pass_all);
        assert_eq!(
            parse_spf("v=spf1 a mx ptr exists:x.example include:y.example redirect=z.example")
                .unwrap()
                .lookups,
            6
        );
    }

    #[test]
    fn dmarc_tags() {
        assert!(
            check_dmarc("v=DMARC1; p=reject; rua=mailto:d@example.com!10m; adkim=s; pct=50;")
                .is_ok()
        );
        assert!(check_dmarc("v=DMARC1; p=rejects").is_err());
        assert!(check_dmarc("v=DMARC1; rua=mailto:d@example.com; p=none").is_err());
        assert!(check_dmarc("v=DMARC1; p=none; adkin=s").is_err());
        assert!(check_dmarc("v=DMARC1; p=none; pct=101").is_err());
        assert!(check_dmarc("v=DMARC1; p=none; rua=d@example.com").is_err());
        assert!(check_dmarc("v=DMARC1; p=none; p=reject").is_err());
        assert!(check_dmarc("v=DMARC1; p=none; future=1").is_ok());
    }
}
