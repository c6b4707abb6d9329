//! SPF (RFC 7208): the record's syntax, `+all`, and the DNS lookups it needs.

use super::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

/// One parsed SPF record: the DNS-querying terms and the include/redirect targets, which
/// borrow the record's text when it is in lower case already (nearly always).
struct Spf<'a> {
    lookups: usize,
    /// `include:` and `redirect=` domains without macros, lower-case, absolute text.
    targets: Vec<Cow<'a, str>>,
    pass_all: bool,
    /// The qualifier of the first `all` term, if there is one.
    all: Option<u8>,
    /// `include:` domains without macros, lower-case, in order.
    includes: Vec<Cow<'a, str>>,
    /// The `redirect=` domain, `Some("")` when it holds a macro.
    redirect: Option<Cow<'a, str>>,
}

impl Spf<'_> {
    /// The record parsed, holding none of its text (to be remembered beyond it).
    fn into_owned(self) -> Spf<'static> {
        let own = |v: Vec<Cow<str>>| v.into_iter().map(|t| Cow::Owned(t.into_owned())).collect();
        Spf {
            lookups: self.lookups,
            targets: own(self.targets),
            pass_all: self.pass_all,
            all: self.all,
            includes: own(self.includes),
            redirect: self.redirect.map(|r| Cow::Owned(r.into_owned())),
        }
    }
}

/// `s` in lower case, copied only when it has an upper-case letter.
fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
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
        // Read as bytes: a macro-string without macros is printable ASCII.
        let d = s.strip_suffix('.').unwrap_or(s).as_bytes();
        let last_dot = d.iter().rposition(|&c| c == b'.');
        let top = &d[last_dot.map_or(0, |p| p + 1)..];
        let top_ok = !top.is_empty()
            && top.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            && top.iter().any(u8::is_ascii_alphabetic)
            && top[0] != b'-'
            && top[top.len() - 1] != b'-';
        let empty_label =
            d.first() == Some(&b'.') || d.last() == Some(&b'.') || d.windows(2).any(|w| w == b"..");
        if last_dot.is_none() || !top_ok || empty_label {
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

fn parse_spf(text: &str) -> Result<Spf<'_>, String> {
    let mut spf = Spf {
        lookups: 0,
        targets: Vec::new(),
        pass_all: false,
        all: None,
        includes: Vec::new(),
        redirect: None,
    };
    let mut terms = text.split(' ');
    let v = terms.next().unwrap_or("");
    if !v.eq_ignore_ascii_case("v=spf1") {
        return Err(format!("`{v}` is not v=spf1"));
    }
    let mut seen = Modifiers::default();
    for term in terms {
        if term.is_empty() {
            continue;
        }
        if term.bytes().any(|c| matches!(c, b'\t' | b'\r' | b'\n')) {
            return Err(format!(
                "`{term}`: terms are separated by single spaces only"
            ));
        }
        // Modifiers: name=value (RFC 7208 §6, §12).
        // Byte searches: the terms are ASCII, and a search by `char` decodes each one.
        let eq = term.bytes().position(|c| c == b'=');
        let colon_or_slash = term.bytes().position(|c| c == b':' || c == b'/');
        match eq.filter(|&e| colon_or_slash.is_none_or(|c| e < c)) {
            Some(e) => modifier(&mut spf, &mut seen, term, &term[..e], &term[e + 1..])?,
            None => mechanism(&mut spf, term)?,
        }
    }
    Ok(spf)
}

/// The modifiers that may appear once.
#[derive(Default)]
struct Modifiers {
    redirect: bool,
    exp: bool,
}

/// A modifier `name=value` (RFC 7208 §6): `redirect` counts as a lookup and names a record
/// to follow; `exp` and unknown modifiers must be macro-strings.
fn modifier<'a>(
    spf: &mut Spf<'a>,
    seen: &mut Modifiers,
    term: &str,
    name: &str,
    value: &'a str,
) -> Result<(), String> {
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
            if seen.redirect {
                return Err("`redirect` appears more than once".into());
            }
            seen.redirect = true;
            spf.lookups += 1;
            if !domain_spec(value).map_err(|e| format!("redirect: {e}"))? {
                spf.targets.push(lower(value));
                spf.redirect = Some(lower(value));
            } else {
                spf.redirect = Some(Cow::Borrowed(""));
            }
        }
        "exp" => {
            if seen.exp {
                return Err("`exp` appears more than once".into());
            }
            seen.exp = true;
            domain_spec(value).map_err(|e| format!("exp: {e}"))?;
        }
        _ => {
            macro_string(value, false).map_err(|e| format!("{name}: {e}"))?;
        }
    }
    Ok(())
}

/// The mechanisms' names (RFC 7208 §5).
const MECHANISMS: &[&str] = &["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"];

/// A mechanism with its optional qualifier (RFC 7208 §4.6.2, §5).
fn mechanism<'a>(spf: &mut Spf<'a>, term: &'a str) -> Result<(), String> {
    let (qualifier, mech) = match term.as_bytes()[0] {
        b'+' | b'-' | b'~' | b'?' => (term.as_bytes()[0], &term[1..]),
        _ => (b'+', term),
    };
    let split = mech
        .bytes()
        .position(|c| c == b':' || c == b'/')
        .unwrap_or(mech.len());
    let (written, rest) = (&mech[..split], &mech[split..]);
    // The mechanism's name in lower case, without a copy: one is made only to report it.
    let kind = MECHANISMS
        .iter()
        .find(|k| k.eq_ignore_ascii_case(written))
        .copied()
        .unwrap_or("");
    match kind {
        "all" => {
            if !rest.is_empty() {
                return Err(format!("`{term}`: all takes no argument"));
            }
            spf.pass_all |= qualifier == b'+';
            spf.all.get_or_insert(qualifier);
        }
        "include" | "exists" => {
            let d = rest
                .strip_prefix(':')
                .ok_or_else(|| format!("`{term}`: {kind} needs `:domain`"))?;
            let macros = domain_spec(d).map_err(|e| format!("{kind}: {e}"))?;
            spf.lookups += 1;
            if kind == "include" && !macros {
                spf.targets.push(lower(d));
                spf.includes.push(lower(d));
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
            let hint = did_you_mean(&written.to_ascii_lowercase(), MECHANISMS)
                .map(|k| format!("; did you mean `{k}`?"))
                .unwrap_or_default();
            return Err(format!("`{term}` is not an SPF mechanism{hint}"));
        }
    }
    Ok(())
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
        .map(|r| txt_text(cx.zone.rdata(r)))
        .filter(|s| spf_text(s))
        .collect()
}

/// What an include or redirect target holds: its SPF records, and the one parsed when
/// there is exactly one.
struct Target {
    records: Vec<String>,
    parsed: Option<Result<Spf<'static>, String>>,
}

/// How many targets a thread remembers before it starts again.
const TARGETS_KEPT: usize = 4096;

thread_local! {
    /// Targets already looked up in the zone of the index whose [`Cx::instance`] is the
    /// first field: a provider's hosts mostly include one shared record, read and parsed
    /// once per thread rather than once per host.
    static TARGETS: std::cell::RefCell<(u64, HashMap<String, Rc<Target>>)> =
        std::cell::RefCell::new((u64::MAX, HashMap::new()));
}

/// [`spf_at`] of an include or redirect target, remembered per thread.
fn target(cx: &Cx, domain: &str) -> Rc<Target> {
    TARGETS.with(|memo| {
        let (instance, map) = &mut *memo.borrow_mut();
        if *instance != cx.instance() || map.len() >= TARGETS_KEPT {
            *instance = cx.instance();
            map.clear();
        }
        if let Some(t) = map.get(domain) {
            return Rc::clone(t);
        }
        let records = spf_at(cx, domain);
        let parsed = match records.as_slice() {
            [one] => Some(parse_spf(one).map(Spf::into_owned)),
            _ => None,
        };
        let t = Rc::new(Target { records, parsed });
        map.insert(domain.to_string(), Rc::clone(&t));
        t
    })
}

/// Lookups of a record and, through the zone, of what it includes; `depth` bounds loops.
fn total_lookups(cx: &Cx, spf: &Spf, depth: usize, seen: &mut Vec<String>) -> usize {
    let mut n = spf.lookups;
    if depth == 0 {
        return n;
    }
    for t in &spf.targets {
        if seen.iter().any(|s| s == t) {
            continue;
        }
        seen.push(t.to_string());
        if let Some(Ok(inner)) = &target(cx, t).parsed {
            n += total_lookups(cx, inner, depth - 1, seen);
        }
    }
    n
}

/// Why an SPF policy fails internet.nl's `spf_policy` subtest (`checks/tasks/mail.py`,
/// `spf_check_policy`), or why it cannot be decided from the zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpfFault {
    /// The record does not parse.
    Syntax(String),
    /// It ends in `+all` or `?all` (or, in an include, `+all`), or has neither `all` nor
    /// `redirect`, which means `?all`.
    WeakAll(String),
    /// More than 10 DNS-querying terms, counting what it includes.
    TooManyLookups,
    /// An included or redirected-to domain has no usable SPF record, or a failing one.
    BadTarget(String),
    /// An include or redirect leads out of the zone: it cannot be followed offline.
    Outside(String),
}

fn domain_wire(domain: &str) -> Option<Vec<u8>> {
    let mut wire = Vec::new();
    name::parse_text(domain.as_bytes(), &mut wire).ok()?;
    if wire.last() != Some(&0) {
        wire.push(0);
    }
    Some(name::to_lowercase(&wire))
}

/// internet.nl's SPF policy test of one record, following includes and a redirect through
/// the zone: `Ok` when it passes.
pub fn policy(cx: &Cx, text: &str) -> Result<(), SpfFault> {
    let mut left = 10i64;
    judge(cx, text, false, 10, &mut left)
}

fn judge(
    cx: &Cx,
    text: &str,
    is_include: bool,
    depth: usize,
    left: &mut i64,
) -> Result<(), SpfFault> {
    let spf = parse_spf(text).map_err(SpfFault::Syntax)?;
    *left -= spf.lookups as i64;
    match spf.all {
        Some(q @ (b'+' | b'?')) if q == b'+' || !is_include => {
            return Err(SpfFault::WeakAll(format!("`{}all`", q as char)));
        }
        None if !is_include && spf.redirect.is_none() => {
            return Err(SpfFault::WeakAll(
                "no `all` and no `redirect`, which means `?all`".into(),
            ));
        }
        _ => {}
    }
    if *left < 0 {
        return Err(SpfFault::TooManyLookups);
    }
    let redirect = spf.redirect.iter().filter(|_| spf.all.is_none());
    let targets = spf
        .includes
        .iter()
        .map(|t| (t, true))
        .chain(redirect.map(|t| (t, false)));
    for (target, include) in targets {
        if target.is_empty() {
            continue; // a macro: not expanded, as internet.nl does not
        }
        let inside = domain_wire(target).is_some_and(|w| cx.in_zone_name(&w));
        if !inside {
            return Err(SpfFault::Outside(target.to_string()));
        }
        let found = self::target(cx, target);
        let [one] = found.records.as_slice() else {
            return Err(SpfFault::BadTarget(format!(
                "{target} has {} SPF records",
                found.records.len()
            )));
        };
        if depth == 0 {
            return Err(SpfFault::TooManyLookups);
        }
        match judge(cx, one, include, depth - 1, left) {
            Ok(()) => {}
            Err(e @ (SpfFault::TooManyLookups | SpfFault::Outside(_))) => return Err(e),
            Err(_) => {
                return Err(SpfFault::BadTarget(format!(
                    "the SPF record at {target} fails"
                )))
            }
        }
    }
    Ok(())
}

/// Whether a TXT record's text is an SPF record (`v=spf1` alone or before a space).
pub fn is_spf(text: &str) -> bool {
    spf_text(text)
}

/// ZW4002's words, about the TXT record.
struct SpfSyntax;

impl Wording for SpfSyntax {
    fn word(zone: &Zone, r: &Record, owner: &str, _: [u32; 2], out: &mut WordsIn) {
        let e = parse_spf(&txt_text(zone.rdata(r)))
            .err()
            .unwrap_or_default();
        let _ = write!(out.message(), "SPF record at {owner}: {e}");
    }
}

/// ZW4004's words, about the TXT record.
struct SpfPassAll;

impl Wording for SpfPassAll {
    fn word(_: &Zone, _: &Record, owner: &str, _: [u32; 2], out: &mut WordsIn) {
        let _ = write!(
            out.message(),
            "SPF record at {owner} ends in +all: any host may send as it"
        );
        out.fix_static("end it with -all (or ~all while testing)");
    }
}

/// SPF at any owner: one record, that parses, does not pass all, within 10 lookups.
pub(super) fn check(cx: &Cx, texts: &Texts, shown: &Shown, out: &mut Vec<Diagnostic>) {
    let spf: Vec<_> = texts.iter().filter(|(_, _, s)| spf_text(s)).collect();
    if spf.is_empty() {
        return;
    }
    if spf.len() > 1 {
        for (_, r, _) in &spf[1..] {
            out.push(
                Diagnostic::new(
                    &SPF_MULTIPLE_RECORDS,
                    Some(cx.field_span(r, 0)),
                    format!(
                        "{} SPF records at {}: SPF fails with permerror",
                        spf.len(),
                        shown
                    ),
                )
                .with_fix("merge them into one v=spf1 record")
                .with_related(cx.field_span(spf[0].1, 0), "the first SPF record"),
            );
        }
    }
    for &&(i, r, ref text) in &spf {
        match parse_spf(text) {
            Err(_) => out.push(later::<SpfSyntax>(
                &SPF_SYNTAX,
                cx.field_span(r, 0),
                i,
                [0, 0],
            )),
            Ok(parsed) => {
                if parsed.pass_all {
                    let span = cx.field_span(r, 0);
                    out.push(later::<SpfPassAll>(&SPF_PASS_ALL, span, i, [0, 0]));
                }
                // Only a record that includes or redirects has more lookups than its own.
                let n = if parsed.targets.is_empty() {
                    parsed.lookups
                } else {
                    total_lookups(
                        cx,
                        &parsed,
                        10,
                        &mut vec![shown.as_str().to_ascii_lowercase()],
                    )
                };
                if n > 10 {
                    out.push(
                        Diagnostic::new(
                            &SPF_TOO_MANY_LOOKUPS,
                            Some(cx.field_span(r, 0)),
                            format!(
                                "SPF record at {} needs at least {n} DNS lookups; the limit is 10",
                                shown
                            ),
                        )
                        .with_fix("replace a, mx and include terms with ip4 and ip6 ranges"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`domain_spec`] as first written, by `char` and `str` searches: the byte reader
    /// must agree with it.
    fn domain_spec_by_str(s: &str) -> Result<bool, String> {
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

    #[test]
    fn domain_specs_read_by_byte_as_by_char() {
        // Every string of up to six of these characters: dots in every place, labels
        // with and without letters, hyphens at either end, a macro and a stray `%`.
        let alphabet = ["a", "1", "-", ".", "%{d}", "%", "_"];
        let mut texts = vec![String::new()];
        let mut checked = 0;
        for _ in 0..6 {
            let mut next = Vec::new();
            for t in &texts {
                for c in alphabet {
                    let s = format!("{t}{c}");
                    assert_eq!(domain_spec(&s), domain_spec_by_str(&s), "{s:?}");
                    checked += 1;
                    next.push(s);
                }
            }
            texts = next;
        }
        assert!(checked > 100_000);
        assert!(domain_spec("mail.example.com.").is_ok());
        assert!(domain_spec("example..com").is_err());
    }

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
}
