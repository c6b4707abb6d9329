//! Between octoDNS values and wire RDATA.
//!
//! A value becomes RDATA the way octoDNS itself renders it for a zone file
//! (`to_rdata_text` in its record classes): the fields are put together as presentation
//! text, which the zone reader's encoder then reads. So every string field means what it
//! would mean in a zone file: names are presentation-form names (escapes included) and the
//! contents of quoted fields (CAA `value`, NAPTR `regexp`) keep their backslash escapes. The
//! other way, a record's presentation form is taken apart into the same fields.

use super::{
    CaaValue, DsValue, Layout, LocValue, MxValue, NaptrValue, RecordValue, Scalar, SrvValue,
    SshfpValue, SvcParam, SvcbValue, TlsaValue, UriValue,
};
use crate::zone::lexer::Lexer;
use crate::zone::{name, rdata};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Wire RDATA for one value of a record of type `rtype` laid out as `layout`.
pub fn to_rdata(rtype: u16, layout: Layout, value: &RecordValue) -> Result<Vec<u8>, String> {
    if layout == Layout::Chunked {
        let RecordValue::Text(t) = value else {
            return Err("expected a string".into());
        };
        return chunked_rdata(t);
    }
    let text = presentation(layout, value)?;
    encode_text(rtype, &text)
}

/// The presentation form of one value, as octoDNS writes it into a zone file.
pub fn presentation(layout: Layout, value: &RecordValue) -> Result<String, String> {
    Ok(match value {
        RecordValue::Text(t) => {
            match layout {
                Layout::Target => check_absolute("value", t)?,
                Layout::Presentation | Layout::Ipv4 | Layout::Ipv6 | Layout::Base64 => {}
                _ => return Err("expected a mapping of fields, found a string".into()),
            }
            t.clone()
        }
        RecordValue::Mx(v) => {
            check_absolute("exchange", &v.exchange)?;
            format!("{} {}", v.preference, v.exchange)
        }
        RecordValue::Srv(v) => {
            check_absolute("target", &v.target)?;
            format!("{} {} {} {}", v.priority, v.weight, v.port, v.target)
        }
        RecordValue::Caa(v) => format!("{} {} \"{}\"", v.flags, v.tag, v.value),
        RecordValue::Tlsa(v) => format!(
            "{} {} {} {}",
            v.certificate_usage, v.selector, v.matching_type, v.certificate_association_data
        ),
        RecordValue::Sshfp(v) => {
            format!("{} {} {}", v.algorithm, v.fingerprint_type, v.fingerprint)
        }
        RecordValue::Ds(v) => format!(
            "{} {} {} {}",
            v.key_tag, v.algorithm, v.digest_type, v.digest
        ),
        RecordValue::Naptr(v) => {
            check_absolute("replacement", &v.replacement)?;
            format!(
                "{} {} \"{}\" \"{}\" \"{}\" {}",
                v.order, v.preference, v.flags, v.service, v.regexp, v.replacement
            )
        }
        RecordValue::Svcb(v) => {
            check_absolute("targetname", &v.targetname)?;
            let mut s = format!("{} {}", v.svcpriority, v.targetname);
            for (key, val) in &v.svcparams {
                s.push(' ');
                s.push_str(key);
                let text = match val {
                    None => continue,
                    Some(SvcParam::One(x)) => x.to_string(),
                    Some(SvcParam::List(xs)) => xs
                        .iter()
                        .map(Scalar::to_string)
                        .collect::<Vec<_>>()
                        .join(","),
                };
                // Quoting changes nothing in a value that is already escaped, and keeps
                // white space inside it.
                if text.contains([' ', '\t']) {
                    let _ = write!(s, "=\"{text}\"");
                } else {
                    let _ = write!(s, "={text}");
                }
            }
            s
        }
        RecordValue::Loc(v) => {
            for (field, d) in [
                ("lat_direction", &v.lat_direction),
                ("long_direction", &v.long_direction),
            ] {
                let ok = if field == "lat_direction" {
                    ["N", "S"]
                } else {
                    ["E", "W"]
                };
                if !ok.contains(&d.as_str()) {
                    return Err(format!(
                        "`{field}` must be {} or {}, found `{d}`",
                        ok[0], ok[1]
                    ));
                }
            }
            format!(
                "{} {} {} {} {} {} {} {} {}m {}m {}m {}m",
                v.lat_degrees,
                v.lat_minutes,
                v.lat_seconds,
                v.lat_direction,
                v.long_degrees,
                v.long_minutes,
                v.long_seconds,
                v.long_direction,
                v.altitude,
                v.size,
                v.precision_horz,
                v.precision_vert
            )
        }
        RecordValue::Uri(v) => format!("{} {} \"{}\"", v.priority, v.weight, v.target),
    })
}

/// octoDNS requires names inside values to be absolute; a relative one would silently take
/// a different meaning in each tool, so it is refused.
fn check_absolute(field: &str, text: &str) -> Result<(), String> {
    let mut wire = Vec::new();
    match name::parse_text(text.as_bytes(), &mut wire) {
        Ok(true) => Ok(()),
        Ok(false) => Err(format!(
            "`{field}` must be an absolute name ending with a dot (as octoDNS requires), found `{text}`"
        )),
        Err(e) => Err(format!("`{field}`: {e} in `{text}`")),
    }
}

/// Encodes one line of RDATA presentation text; names must be absolute.
pub fn encode_text(rtype: u16, text: &str) -> Result<Vec<u8>, String> {
    let src = text.as_bytes();
    let mut lexer = Lexer::new(src);
    let mut toks = Vec::new();
    let mut errs = Vec::new();
    let tname = crate::zone::rtype::type_to_string(rtype);
    // No tokens at all is empty RDATA, which some types (APL) may have.
    lexer.next_line(&mut toks, &mut errs);
    if let Some(e) = errs.first() {
        return Err(format!(
            "cannot read {tname} value `{text}`: {}",
            lex_error(e)
        ));
    }
    let mut rest = Vec::new();
    if lexer.next_line(&mut rest, &mut errs).is_some() {
        return Err(format!("{tname} value `{text}` holds more than one line"));
    }
    let mut out = Vec::new();
    rdata::encode(rtype, src, &toks, None, &mut out).map_err(|e| {
        let what = match e {
            rdata::RdataError::Missing(what) => format!("it ends early: expected {what}"),
            rdata::RdataError::Bad { index, message } => {
                let tok = toks
                    .get(index)
                    .map(|t| String::from_utf8_lossy(t.text(src)));
                match tok {
                    Some(t) => format!("{message}, found `{t}`"),
                    None => message,
                }
            }
            rdata::RdataError::Trailing { index } => {
                let t = toks
                    .get(index)
                    .map(|t| String::from_utf8_lossy(t.text(src)));
                format!(
                    "unexpected `{}` after the last field",
                    t.unwrap_or_default()
                )
            }
            rdata::RdataError::Name {
                error: name::NameError::NoOrigin,
                ..
            } => "names must be absolute, ending with a dot".into(),
            rdata::RdataError::Name { error, .. } => error.to_string(),
            rdata::RdataError::NoTextForm(_) => {
                "this type has no text form here: write it as RFC 3597 `\\# LENGTH HEX`".into()
            }
        };
        format!("bad {tname} value `{text}`: {what}")
    })?;
    Ok(out)
}

fn lex_error(e: &crate::zone::lexer::LexError) -> &'static str {
    use crate::zone::lexer::LexError::*;
    match e {
        UnclosedParen(_) => "a `(` is not closed",
        StrayParen(_) => "a `)` without its `(`",
        UnterminatedQuote(_) => "a quoted string is not closed",
        DanglingEscape(_) => "a backslash at the end",
    }
}

/// TXT and SPF as octoDNS reads them: a value that starts with `"` is in the chunked form
/// `"abc" "def"`, whose quotes are dropped and pieces joined; escapes (`\;`, `\\`, `\DDD`)
/// are those of a zone file; the text is split into strings of 255 octets (RFC 1035 §3.3.14).
pub fn chunked_rdata(text: &str) -> Result<Vec<u8>, String> {
    let mut t = text.to_string();
    if t.starts_with('"') {
        // Python's `v[1:-1]`: the first and the last character go, whatever they are.
        let mut inner = text.chars();
        inner.next();
        inner.next_back();
        t = inner.as_str().replace("\" \"", "");
    }
    let mut bytes = Vec::new();
    rdata::unescape_into(t.as_bytes(), true, &mut bytes).map_err(|e| format!("{e} in `{text}`"))?;
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 255 + 1);
    if bytes.is_empty() {
        out.push(0);
    }
    for chunk in bytes.chunks(255) {
        out.push(chunk.len() as u8);
        out.extend_from_slice(chunk);
    }
    if out.len() > 65535 {
        return Err(format!(
            "text of {} octets is longer than a record can hold",
            bytes.len()
        ));
    }
    Ok(out)
}

/// The strings of TXT RDATA joined: what octoDNS compares, since its values do not keep
/// where one string ends and the next begins.
pub fn chunked_text(rdata: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(rdata.len());
    let mut p = 0;
    while p < rdata.len() {
        let n = rdata[p] as usize;
        out.extend_from_slice(rdata.get(p + 1..p + 1 + n)?);
        p += 1 + n;
    }
    Some(out)
}

/// Text for a TXT or SPF value: `\;` for `;` (octoDNS's rule), `\\`, `\DDD` for anything
/// not printable ASCII, and a leading `"` escaped so it is not taken for the chunked form.
pub fn escape_chunked(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len());
    for (i, &c) in bytes.iter().enumerate() {
        match c {
            b';' | b'\\' => {
                s.push('\\');
                s.push(c as char);
            }
            b'"' if i == 0 => s.push_str("\\034"),
            0x20..=0x7e => s.push(c as char),
            _ => {
                let _ = write!(s, "\\{c:03}");
            }
        }
    }
    s
}

/// One record's value in octoDNS's layout for its type, or `None` when that layout cannot
/// hold it (the caller then writes the presentation form under the `TYPEnn` name).
pub fn value_from_rdata(rtype: u16, layout: Layout, data: &[u8]) -> Option<RecordValue> {
    if layout == Layout::Chunked {
        return Some(RecordValue::Text(escape_chunked(&chunked_text(data)?)));
    }
    let mut text = String::new();
    rdata::write_text(rtype, data, &mut text);
    if text.starts_with("\\#") {
        return None;
    }
    let value = match layout {
        Layout::Ipv4 | Layout::Ipv6 | Layout::Target | Layout::Base64 => RecordValue::Text(text),
        Layout::Svcb => RecordValue::Svcb(svcb_from_text(&text)?),
        Layout::Loc => RecordValue::Loc(loc_from_text(&text)?),
        _ => {
            let f = fields(&text)?;
            let s = |i: usize| f.get(i).cloned();
            match layout {
                Layout::Mx if f.len() == 2 => RecordValue::Mx(MxValue {
                    preference: num(&f, 0)?,
                    exchange: s(1)?,
                }),
                Layout::Srv if f.len() == 4 => RecordValue::Srv(SrvValue {
                    priority: num(&f, 0)?,
                    weight: num(&f, 1)?,
                    port: num(&f, 2)?,
                    target: s(3)?,
                }),
                Layout::Caa if f.len() == 3 => RecordValue::Caa(CaaValue {
                    flags: num(&f, 0)?,
                    tag: s(1)?,
                    value: s(2)?,
                }),
                Layout::Tlsa if f.len() == 4 => RecordValue::Tlsa(TlsaValue {
                    certificate_usage: num(&f, 0)?,
                    selector: num(&f, 1)?,
                    matching_type: num(&f, 2)?,
                    certificate_association_data: s(3)?,
                }),
                Layout::Sshfp if f.len() == 3 => RecordValue::Sshfp(SshfpValue {
                    algorithm: num(&f, 0)?,
                    fingerprint_type: num(&f, 1)?,
                    fingerprint: s(2)?,
                }),
                Layout::Ds if f.len() == 4 => RecordValue::Ds(DsValue {
                    key_tag: num(&f, 0)?,
                    algorithm: num(&f, 1)?,
                    digest_type: num(&f, 2)?,
                    digest: s(3)?,
                }),
                Layout::Naptr if f.len() == 6 => RecordValue::Naptr(NaptrValue {
                    order: num(&f, 0)?,
                    preference: num(&f, 1)?,
                    flags: s(2)?,
                    service: s(3)?,
                    regexp: s(4)?,
                    replacement: s(5)?,
                }),
                Layout::Uri if f.len() == 3 => RecordValue::Uri(UriValue {
                    priority: num(&f, 0)?,
                    weight: num(&f, 1)?,
                    target: s(2)?,
                }),
                _ => return None,
            }
        }
    };
    // Only a value that gives back the same RDATA is used.
    (to_rdata(rtype, layout, &value).ok()?.as_slice() == data).then_some(value)
}

fn num<T: std::str::FromStr>(f: &[String], i: usize) -> Option<T> {
    f.get(i)?.parse().ok()
}

/// The fields of presentation text: words, and quoted strings without their quotes (their
/// escapes kept).
fn fields(text: &str) -> Option<Vec<String>> {
    let src = text.as_bytes();
    let mut lexer = Lexer::new(src);
    let mut toks = Vec::new();
    let mut errs = Vec::new();
    lexer.next_line(&mut toks, &mut errs)?;
    if !errs.is_empty() {
        return None;
    }
    toks.iter()
        .map(|t| std::str::from_utf8(t.text(src)).ok().map(str::to_string))
        .collect()
}

/// `1 svc.example. alpn="h2,h3" port=443` into octoDNS's `svcparams`.
fn svcb_from_text(text: &str) -> Option<SvcbValue> {
    let mut parts = split_unquoted(text).into_iter();
    let svcpriority = parts.next()?.parse().ok()?;
    let targetname = parts.next()?;
    let mut svcparams = BTreeMap::new();
    for p in parts {
        let (key, val) = match p.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (p.clone(), None),
        };
        let val = val.map(|v| {
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .map(str::to_string)
                .unwrap_or(v);
            let listy = matches!(key.as_str(), "mandatory" | "alpn" | "ipv4hint" | "ipv6hint");
            if listy && !v.contains('\\') {
                SvcParam::List(v.split(',').map(|x| Scalar::Str(x.to_string())).collect())
            } else {
                SvcParam::One(Scalar::Str(v))
            }
        });
        svcparams.insert(key, val);
    }
    Some(SvcbValue {
        svcpriority,
        targetname,
        svcparams,
    })
}

/// Splits at spaces outside double quotes (backslash escapes respected).
fn split_unquoted(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut quoted, mut escaped) = (false, false);
    for c in text.chars() {
        if escaped {
            cur.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' => {
                cur.push(c);
                escaped = true;
            }
            '"' => {
                cur.push(c);
                quoted = !quoted;
            }
            ' ' if !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `52 22 23.000 N 4 53 32.000 E -2.00m 1.00m 10000.00m 10.00m` into octoDNS's fields.
fn loc_from_text(text: &str) -> Option<LocValue> {
    let w: Vec<&str> = text.split(' ').collect();
    if w.len() != 12 {
        return None;
    }
    let num = |s: &str| s.trim_end_matches('m').parse::<f64>().ok();
    Some(LocValue {
        lat_degrees: w[0].parse().ok()?,
        lat_minutes: w[1].parse().ok()?,
        lat_seconds: num(w[2])?,
        lat_direction: w[3].to_string(),
        long_degrees: w[4].parse().ok()?,
        long_minutes: w[5].parse().ok()?,
        long_seconds: num(w[6])?,
        long_direction: w[7].to_string(),
        altitude: num(w[8])?,
        size: num(w[9])?,
        precision_horz: num(w[10])?,
        precision_vert: num(w[11])?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_text_round_trips() {
        for bytes in [&b"v=spf1 -all; x"[..], b"\"quoted\" \\ \x00\xff", b""] {
            let text = escape_chunked(bytes);
            let wire = chunked_rdata(&text).unwrap();
            assert_eq!(chunked_text(&wire).unwrap(), bytes, "{text}");
        }
        // The chunked form: quotes dropped, pieces joined.
        let w = chunked_rdata("\"v=DKIM1\\; k=rsa\\; \" \"p=AB\"").unwrap();
        assert_eq!(chunked_text(&w).unwrap(), b"v=DKIM1; k=rsa; p=AB");
        // Long text is split every 255 octets.
        let w = chunked_rdata(&"x".repeat(300)).unwrap();
        assert_eq!((w[0], w[256]), (255, 45));
    }

    #[test]
    fn structured_values_round_trip() {
        let cases: &[(u16, Layout, &str)] = &[
            (15, Layout::Mx, "10 mail.example.com."),
            (33, Layout::Srv, "0 5 5060 sip.example.com."),
            (
                257,
                Layout::Caa,
                "0 issue \"ca.example.net; policy=\\\"ev\\\"\"",
            ),
            (52, Layout::Tlsa, "3 1 1 0123456789ABCDEF"),
            (
                35,
                Layout::Naptr,
                "100 10 \"U\" \"E2U+sip\" \"!^\\\\+1(.*)$!sip:\\\\1@example.org!\" .",
            ),
            (
                64,
                Layout::Svcb,
                "1 svc.example. alpn=\"h2,h3\" port=443 ipv4hint=192.0.2.1,192.0.2.2",
            ),
            (
                29,
                Layout::Loc,
                "52 22 23.000 N 4 53 32.000 E -2.00m 1.00m 10000.00m 10.00m",
            ),
            (256, Layout::Uri, "10 1 \"https://example.com/\""),
        ];
        for &(rtype, layout, text) in cases {
            let wire = encode_text(rtype, text).unwrap();
            let v = value_from_rdata(rtype, layout, &wire).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(to_rdata(rtype, layout, &v).unwrap(), wire, "{text}");
        }
    }

    #[test]
    fn relative_names_are_refused() {
        let v = RecordValue::Mx(MxValue {
            preference: 10,
            exchange: "mail".into(),
        });
        let e = to_rdata(15, Layout::Mx, &v).unwrap_err();
        assert!(e.contains("absolute name"), "{e}");
    }
}
