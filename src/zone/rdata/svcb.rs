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

/// Splits an RFC 9460 Appendix A.1 value list at commas that are not escaped.
fn split_value_list(raw: &[u8]) -> Vec<&[u8]> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'\\' => i += 2,
            b',' => {
                items.push(&raw[start..i]);
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    items.push(&raw[start.min(raw.len())..]);
    items
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
        let wire = svc_value(key, value, i)?;
        if wire.len() > 65535 {
            return Err(Cursor::bad(i, "service parameter value too long"));
        }
        params.push((key, wire, i));
    }
    params.sort_by_key(|p| p.0);
    for w in params.windows(2) {
        if w[0].0 == w[1].0 {
            return Err(Cursor::bad(w[1].2, "service parameter key given twice"));
        }
    }
    for (key, value, _) in params {
        out.extend_from_slice(&key.to_be_bytes());
        out.extend_from_slice(&(value.len() as u16).to_be_bytes());
        out.extend_from_slice(&value);
    }
    Ok(())
}

/// The wire form of one parameter's value, read as its key says; `i` is the parameter's
/// token, for errors.
fn svc_value(key: u16, raw: Option<&[u8]>, i: usize) -> Result<Vec<u8>, RdataError> {
    let bad = |m: &str| Cursor::bad(i, m.to_string());
    let mut wire = Vec::new();
    match key {
        0 => {
            let mut keys = Vec::new();
            for item in split_value_list(raw.ok_or_else(|| bad("mandatory needs a list of keys"))?)
            {
                keys.push(parse_svc_key(item).ok_or_else(|| bad("expected a key in mandatory"))?);
            }
            keys.sort_unstable();
            for k in keys {
                wire.extend_from_slice(&k.to_be_bytes());
            }
        }
        1 => {
            // RFC 9460 Appendix A.1: the character-string is decoded first, then split
            // at commas not escaped by a backslash, then `\,` and `\\` in each item.
            let mut list = Vec::new();
            unescape_into(
                raw.ok_or_else(|| bad("alpn needs a value"))?,
                true,
                &mut list,
            )
            .map_err(bad)?;
            for item in split_value_list(&list) {
                let mut id = Vec::new();
                unescape_into(item, true, &mut id).map_err(bad)?;
                if id.is_empty() || id.len() > 255 {
                    return Err(bad("alpn identifiers must be 1 to 255 octets"));
                }
                wire.push(id.len() as u8);
                wire.extend_from_slice(&id);
            }
        }
        2 | 8 => {
            if raw.is_some_and(|v| !v.is_empty()) {
                return Err(bad("this key takes no value"));
            }
        }
        3 => {
            let v = raw
                .and_then(|v| parse_uint(v, 65535))
                .ok_or_else(|| bad("port needs a number"))?;
            wire.extend_from_slice(&(v as u16).to_be_bytes());
        }
        4 => {
            for item in split_value_list(raw.ok_or_else(|| bad("ipv4hint needs addresses"))?) {
                wire.extend_from_slice(
                    &parse_ipv4(item)
                        .ok_or_else(|| bad("expected IPv4 addresses"))?
                        .octets(),
                );
            }
        }
        6 => {
            for item in split_value_list(raw.ok_or_else(|| bad("ipv6hint needs addresses"))?) {
                wire.extend_from_slice(
                    &parse_ipv6(item)
                        .ok_or_else(|| bad("expected IPv6 addresses"))?
                        .octets(),
                );
            }
        }
        5 => {
            wire = decode_base64(raw.ok_or_else(|| bad("ech needs base64"))?)
                .ok_or_else(|| bad("expected base64 for ech"))?;
        }
        _ => {
            if let Some(v) = raw {
                unescape_into(v, true, &mut wire).map_err(bad)?;
            }
        }
    }
    Ok(wire)
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
        // Values these keys cannot have do not read back.
        2..=4 | 6 | 8 => return None,
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
