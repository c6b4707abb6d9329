//! SVCB and HTTPS service parameters, both ways (RFC 9460 §2.1): `key[=value]` pairs in
//! text, and keys with lengths and values on the wire.

use super::encode::unescape_into;
use super::print::write_quoted;
use super::words::{decode_base64, parse_ipv4, parse_ipv6, parse_uint};
use super::{Cursor, RdataError};
use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

const SVC_KEYS: &[(u16, &str)] = &[
    (0, "mandatory"),
    (1, "alpn"),
    (2, "no-default-alpn"),
    (3, "port"),
    (4, "ipv4hint"),
    (5, "ech"),
    (6, "ipv6hint"),
    (7, "dohpath"),
    (8, "ohttp"),
    (9, "tls-supported-groups"),
];

fn parse_svc_key(text: &[u8]) -> Option<u16> {
    if let Some(&(k, _)) = SVC_KEYS.iter().find(|(_, n)| n.as_bytes() == text) {
        return Some(k);
    }
    let digits = text.strip_prefix(b"key")?;
    if digits.len() > 1 && digits[0] == b'0' {
        return None;
    }
    parse_uint(digits, 65535).map(|v| v as u16)
}

fn svc_key_name(k: u16) -> String {
    SVC_KEYS
        .iter()
        .find(|(c, _)| *c == k)
        .map(|(_, n)| n.to_string())
        .unwrap_or_else(|| format!("key{k}"))
}

/// Reads a comma-separated value list (RFC 9460 Appendix A.1) from a value already decoded
/// as a character-string: items end at a comma that is not escaped, `\,` and `\\` are the
/// only escapes, and no item is empty.
fn value_list(key: u16, v: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let name = svc_key_name(key);
    let mut items = Vec::new();
    let mut item = Vec::new();
    let mut i = 0;
    while i < v.len() {
        match (v[i], v.get(i + 1)) {
            (b'\\', Some(&c @ (b',' | b'\\'))) => {
                item.push(c);
                i += 1;
            }
            (b'\\', Some(_)) => {
                return Err(format!(
                    "in {name}'s value list a backslash may escape only `,` or `\\` (RFC 9460 Appendix A.1)"
                ))
            }
            (b'\\', None) => {
                return Err(format!(
                    "{name}'s value ends in a backslash that escapes nothing (RFC 9460 Appendix A.1)"
                ))
            }
            (b',', _) => items.push(std::mem::take(&mut item)),
            (c, _) => item.push(c),
        }
        i += 1;
    }
    items.push(item);
    if items.iter().any(Vec::is_empty) {
        return Err(format!("{name}'s value list has an empty item"));
    }
    Ok(items)
}

/// RFC 9460 §2.1: `key[=value]` pairs, any order in text, ascending by key on the wire.
pub(super) fn encode_svc_params(c: &mut Cursor, out: &mut Vec<u8>) -> Result<(), RdataError> {
    let mut params: Vec<(u16, Vec<u8>, usize)> = Vec::new();
    while !c.at_end() {
        let (i, t) = c.next("a service parameter")?;
        let text = c.text(t);
        let (key_text, mut value) = match text.iter().position(|&b| b == b'=') {
            Some(p) => (&text[..p], Some(&text[p + 1..])),
            None => (text, None),
        };
        // `key="value"`: the lexer ends the word at the quote; the value is the next token.
        if value == Some(&b""[..]) && c.toks.get(c.i).is_some_and(|t| t.quoted) {
            let (_, vt) = c.next("a value")?;
            value = Some(c.text(vt));
        }
        let key = parse_svc_key(key_text).ok_or_else(|| {
            Cursor::bad(
                i,
                "expected a service parameter key such as alpn or key65333",
            )
        })?;
        let wire = svc_value(key, value).map_err(|m| Cursor::bad(i, m))?;
        if wire.len() > 65535 {
            return Err(Cursor::bad(i, "service parameter value too long"));
        }
        params.push((key, wire, i));
    }
    params.sort_by_key(|p| p.0);
    for w in params.windows(2) {
        if w[0].0 == w[1].0 {
            let m = format!("service parameter {} given twice", svc_key_name(w[1].0));
            return Err(Cursor::bad(w[1].2, m));
        }
    }
    check_consistency(&params)?;
    for (key, value, _) in params {
        out.extend_from_slice(&key.to_be_bytes());
        out.extend_from_slice(&(value.len() as u16).to_be_bytes());
        out.extend_from_slice(&value);
    }
    Ok(())
}

/// The rules that tie one parameter to the others (RFC 9460 §8, §7.1.1): every key that
/// `mandatory` lists is in the record, once, and is not `mandatory` itself; `no-default-alpn`
/// comes with `alpn`.
fn check_consistency(params: &[(u16, Vec<u8>, usize)]) -> Result<(), RdataError> {
    let has = |k: u16| params.iter().any(|p| p.0 == k);
    if let Some((_, list, i)) = params.iter().find(|p| p.0 == 0) {
        let keys: Vec<u16> = list
            .chunks(2)
            .map(|k| u16::from_be_bytes([k[0], *k.get(1).unwrap_or(&0)]))
            .collect();
        let problem = if keys.contains(&0) {
            Some("mandatory must not list mandatory itself (RFC 9460 §8)".to_string())
        } else if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
            Some(format!(
                "mandatory lists {} twice (RFC 9460 §8)",
                svc_key_name(w[0])
            ))
        } else {
            keys.iter().find(|&&k| !has(k)).map(|&k| {
                format!(
                    "mandatory lists {}, which the record does not have (RFC 9460 §8)",
                    svc_key_name(k)
                )
            })
        };
        if let Some(m) = problem {
            return Err(Cursor::bad(*i, m));
        }
    }
    if let Some((_, _, i)) = params.iter().find(|p| p.0 == 2) {
        if !has(1) {
            let m = "no-default-alpn needs alpn in the same record (RFC 9460 §7.1.1)";
            return Err(Cursor::bad(*i, m));
        }
    }
    Ok(())
}

/// The wire form of one parameter's value, read as its key says, or what is wrong with it.
fn svc_value(key: u16, raw: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let name = svc_key_name(key);
    // RFC 9460 §7 and RFC 9461, RFC 9540: these keys take no value; the others that are
    // defined need one that is not empty. An undefined key may have either.
    match (key, raw) {
        (2 | 8, Some(_)) => return Err(format!("{name} takes no value (write it without `=`)")),
        (2 | 8, None) => return Ok(Vec::new()),
        (0..=9, None) => return Err(format!("{name} needs a value")),
        (0..=9, Some(b"")) => return Err(format!("{name} needs a value that is not empty")),
        _ => {}
    }
    // The value is a character-string first (RFC 9460 §2.1), lists split after that.
    let mut text = Vec::new();
    if let Some(v) = raw {
        unescape_into(v, true, &mut text).map_err(str::to_string)?;
    }
    let mut wire = Vec::new();
    match key {
        0 => {
            let mut keys = Vec::new();
            for item in value_list(key, &text)? {
                keys.push(parse_svc_key(&item).ok_or_else(|| {
                    format!("mandatory lists `{}`, which is not a key", quote(&item))
                })?);
            }
            keys.sort_unstable();
            for k in keys {
                wire.extend_from_slice(&k.to_be_bytes());
            }
        }
        1 => {
            for id in value_list(key, &text)? {
                if id.len() > 255 {
                    return Err("alpn identifiers must be 1 to 255 octets".into());
                }
                wire.push(id.len() as u8);
                wire.extend_from_slice(&id);
            }
        }
        3 => {
            let v = parse_uint(&text, 65535).ok_or("port needs a number from 0 to 65535")?;
            wire.extend_from_slice(&(v as u16).to_be_bytes());
        }
        4 => {
            for item in value_list(key, &text)? {
                let a = parse_ipv4(&item).ok_or("expected IPv4 addresses in ipv4hint")?;
                wire.extend_from_slice(&a.octets());
            }
        }
        6 => {
            for item in value_list(key, &text)? {
                let a = parse_ipv6(&item).ok_or("expected IPv6 addresses in ipv6hint")?;
                wire.extend_from_slice(&a.octets());
            }
        }
        5 => wire = decode_base64(&text).ok_or("expected base64 for ech")?,
        9 => {
            for item in value_list(key, &text)? {
                let g = parse_uint(&item, 65535)
                    .ok_or("expected group numbers from 0 to 65535 in tls-supported-groups")?;
                wire.extend_from_slice(&(g as u16).to_be_bytes());
            }
        }
        7 => {
            if let Some(problem) = dohpath_problem(&text) {
                return Err(problem.into());
            }
            wire = text;
        }
        _ => wire = text,
    }
    Ok(wire)
}

/// What is wrong with a dohpath value, if anything: RFC 9461 §5 wants a URI Template
/// (RFC 6570 §2) that is a path relative to the server (it starts with `/`), in UTF-8, with
/// a variable named `dns`.
fn dohpath_problem(v: &[u8]) -> Option<&'static str> {
    const BAD_TEMPLATE: &str = "dohpath is not a URI template (RFC 6570 §2)";
    if std::str::from_utf8(v).is_err() {
        return Some("dohpath must be UTF-8 (RFC 9461 §5)");
    }
    if v.first() != Some(&b'/') {
        return Some("dohpath must be a path that starts with / (RFC 9461 §5)");
    }
    let pct = |i: usize| {
        v.get(i..i + 2)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    };
    let mut dns = false;
    let mut i = 0;
    while i < v.len() {
        match v[i] {
            b'%' if pct(i + 1) => i += 3,
            b'{' => {
                let Some(close) = v[i..].iter().position(|&b| b == b'}').map(|k| k + i) else {
                    return Some(BAD_TEMPLATE);
                };
                let mut expr = &v[i + 1..close];
                if let Some((&op, rest)) = expr.split_first() {
                    if b"+#./;?&".contains(&op) {
                        expr = rest;
                    } else if b"=,!@|".contains(&op) {
                        return Some(BAD_TEMPLATE);
                    }
                }
                for spec in expr.split(|&b| b == b',') {
                    let name = match spec.iter().position(|&b| b == b':' || b == b'*') {
                        Some(p) if spec[p] == b'*' && p + 1 == spec.len() => &spec[..p],
                        Some(p) if spec[p] == b':' => {
                            let n = &spec[p + 1..];
                            let ok = (1..=4).contains(&n.len())
                                && n[0] != b'0'
                                && n.iter().all(u8::is_ascii_digit);
                            if !ok {
                                return Some(BAD_TEMPLATE);
                            }
                            &spec[..p]
                        }
                        Some(_) => return Some(BAD_TEMPLATE),
                        None => spec,
                    };
                    let varchars = name
                        .iter()
                        .all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'%');
                    if name.is_empty() || !varchars || name[0] == b'.' || name.ends_with(b".") {
                        return Some(BAD_TEMPLATE);
                    }
                    dns |= name == b"dns";
                }
                i = close + 1;
            }
            // RFC 6570 §2.1: what a literal may not hold.
            b'%' | b'}' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'|' | b'"' | b'\'' => {
                return Some(BAD_TEMPLATE)
            }
            c if c <= b' ' || c == 0x7f => return Some(BAD_TEMPLATE),
            _ => i += 1,
        }
    }
    (!dns).then_some("dohpath must have the variable dns, as in /dns-query{?dns} (RFC 9461 §5)")
}

fn quote(b: &[u8]) -> String {
    crate::diag::quote(b)
}

/// Writes the parameters in text, or gives `None` for any that would not read back the same.
pub(super) fn write_svc_params(mut b: &[u8], out: &mut String) -> Option<()> {
    let mut first = true;
    let mut last_key: Option<u16> = None;
    while !b.is_empty() {
        let key = u16::from_be_bytes([*b.first()?, *b.get(1)?]);
        let len = u16::from_be_bytes([*b.get(2)?, *b.get(3)?]) as usize;
        let v = b.get(4..4 + len)?;
        b = &b[4 + len..];
        // Keys are read back sorted and must not repeat (RFC 9460 §2.2).
        if last_key.is_some_and(|k| k >= key) {
            return None;
        }
        last_key = Some(key);
        if !first {
            out.push(' ');
        }
        first = false;
        out.push_str(&svc_key_name(key));
        write_svc_value(key, v, out)?;
    }
    Some(())
}

/// Writes `=value` for one parameter (nothing for a key without one), or gives `None` for a
/// value that would not read back the same.
fn write_svc_value(key: u16, v: &[u8], out: &mut String) -> Option<()> {
    match key {
        0 => {
            // Read back, the list is sorted and may not be empty.
            let keys: Vec<u16> = v
                .chunks(2)
                .map(|k| u16::from_be_bytes([k[0], *k.get(1).unwrap_or(&0)]))
                .collect();
            if v.is_empty() || v.len() % 2 != 0 || keys.windows(2).any(|w| w[0] > w[1]) {
                return None;
            }
            let keys: Vec<String> = keys.into_iter().map(svc_key_name).collect();
            let _ = write!(out, "={}", keys.join(","));
        }
        1 => write_alpn(v, out)?,
        2 | 8 if v.is_empty() => {}
        3 if v.len() == 2 => {
            let _ = write!(out, "={}", u16::from_be_bytes([v[0], v[1]]));
        }
        4 if v.len() % 4 == 0 && !v.is_empty() => {
            let a: Vec<String> = v
                .chunks(4)
                .map(|x| Ipv4Addr::new(x[0], x[1], x[2], x[3]).to_string())
                .collect();
            let _ = write!(out, "={}", a.join(","));
        }
        6 if v.len() % 16 == 0 && !v.is_empty() => {
            let a: Vec<String> = v
                .chunks(16)
                .map(|x| Ipv6Addr::from(<[u8; 16]>::try_from(x).unwrap_or([0; 16])).to_string())
                .collect();
            let _ = write!(out, "={}", a.join(","));
        }
        5 => {
            let _ = write!(out, "={}", data_encoding::BASE64.encode(v));
        }
        9 if v.len() % 2 == 0 && !v.is_empty() => {
            let g: Vec<String> = v
                .chunks(2)
                .map(|x| u16::from_be_bytes([x[0], x[1]]).to_string())
                .collect();
            let _ = write!(out, "={}", g.join(","));
        }
        // Values these keys cannot have do not read back.
        2..=4 | 6 | 8 | 9 => return None,
        _ => {
            if !v.is_empty() {
                out.push('=');
                write_quoted(v, out);
            }
        }
    }
    Some(())
}

/// Writes `="id,id…"` for an ALPN list, or gives `None` for an empty list or identifier.
fn write_alpn(v: &[u8], out: &mut String) -> Option<()> {
    let mut items = Vec::new();
    let mut q = v;
    if q.is_empty() {
        return None;
    }
    while !q.is_empty() {
        let n = q[0] as usize;
        let id = q.get(1..1 + n)?;
        if id.is_empty() {
            return None;
        }
        // Two levels of escaping (RFC 9460 Appendix A.1): `,` and `\` are
        // escaped in the value list, and that list's backslashes again in
        // the character-string.
        let mut s = String::new();
        for &c in id {
            match c {
                b',' => s.push_str("\\\\,"),
                b'\\' => s.push_str("\\\\\\\\"),
                b'"' => {
                    s.push('\\');
                    s.push(c as char);
                }
                0x21..=0x7e => s.push(c as char),
                _ => {
                    let _ = write!(s, "\\{c:03}");
                }
            }
        }
        items.push(s);
        q = &q[1 + n..];
    }
    let _ = write!(out, "=\"{}\"", items.join(","));
    Some(())
}
