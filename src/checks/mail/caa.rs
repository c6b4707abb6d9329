//! CAA (RFC 8659): flags, tags and the issue and iodef values.

use super::*;

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

/// Each CAA record: its flags, tag and value (RFC 8659 §4).
pub(super) fn check(cx: &Cx, rrset: &RRset, out: &mut Vec<Diagnostic>) {
    for &i in rrset.records {
        let r = cx.record(i);
        if let Some((field, _)) = problem(cx.zone.rdata(r)) {
            let span = cx.field_span(r, field);
            out.push(later::<CaaProblem>(&CAA_SYNTAX, span, i, [0, 0]));
        }
    }
}

/// ZW4012's words, about the CAA record.
struct CaaProblem;

impl Wording for CaaProblem {
    fn word(zone: &Zone, r: &Record, owner: &str, _: [u32; 2], out: &mut WordsIn) {
        let (_, msg) = problem(zone.rdata(r)).unwrap_or_default();
        let _ = write!(out.message(), "CAA at {owner}: {msg}");
    }
}

/// What is wrong with a CAA RDATA, if anything: the field to point at and what to say.
fn problem(data: &[u8]) -> Option<(usize, String)> {
    let [flags, len, rest @ ..] = data else {
        return None;
    };
    let tag = rest.get(..*len as usize)?;
    let value = String::from_utf8_lossy(&rest[*len as usize..]);
    // A known tag is matched in place; only an unknown one is made into text, to be quoted.
    let known = CAA_TAGS
        .iter()
        .find(|k| k.as_bytes().eq_ignore_ascii_case(tag));
    if flags & 0x7f != 0 {
        return Some((
            0,
            format!("flags {flags}: only 128 (issuer critical) is defined"),
        ));
    }
    let Some(&tag) = known else {
        let tag = String::from_utf8_lossy(tag).to_ascii_lowercase();
        if flags & 0x80 != 0 {
            return Some((
                1,
                format!("unknown tag `{tag}` marked critical: CAs refuse to issue"),
            ));
        }
        return did_you_mean(&tag, CAA_TAGS).map(|k| {
            (
                1,
                format!("unknown tag `{tag}` (CAs ignore it); did you mean `{k}`?"),
            )
        });
    };
    match tag {
        "issue" | "issuewild" | "issuemail" | "issuevmc" => caa_issue_value(&value)
            .err()
            .map(|e| (2, format!("{tag}: {e}"))),
        "iodef" => uri_of(&value, &["mailto", "http", "https"])
            .err()
            .map(|e| (2, format!("iodef: {e}"))),
        _ => None,
    }
}
