//! Domain names in wire form (RFC 1035 §3.1): what names are read into, compared and interned as.
//!
//! A name is a sequence of length-prefixed labels ending with the root label (a zero byte).
//! Owner names are interned lower-cased in a [`NameTable`]; names inside RDATA keep the case
//! they were written in, since canonical lower-casing applies only to some types
//! (RFC 4034 §6.2, RFC 6840 §5.1).

use std::cmp::Ordering;
use std::fmt::Write as _;

/// The longest name in wire form (RFC 1035 §2.3.4).
pub const MAX_NAME_LEN: usize = 255;
/// The longest label (RFC 1035 §2.3.4).
pub const MAX_LABEL_LEN: usize = 63;

/// Why a name in presentation form could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameError {
    /// Two dots in a row, or a leading dot.
    EmptyLabel,
    /// A label longer than 63 octets; holds its length.
    LabelTooLong(usize),
    /// A name longer than 255 octets in wire form; holds its length.
    NameTooLong(usize),
    /// A `\DDD` escape above 255 or a backslash at the end.
    BadEscape,
    /// A relative name where no origin is known.
    NoOrigin,
}

impl std::fmt::Display for NameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NameError::EmptyLabel => f.write_str("empty label in name"),
            NameError::LabelTooLong(n) => write!(f, "label of {n} octets (at most 63)"),
            NameError::NameTooLong(n) => write!(f, "name of {n} octets in wire form (at most 255)"),
            NameError::BadEscape => f.write_str("bad escape in name"),
            NameError::NoOrigin => f.write_str("relative name but no origin is known"),
        }
    }
}

/// Decodes one presentation-form name (escapes included) onto `out` as wire labels.
///
/// Returns whether the name was absolute (ended with an unescaped dot); the root label is
/// appended only then, so the caller can append an origin to a relative name.
pub fn parse_text(text: &[u8], out: &mut Vec<u8>) -> Result<bool, NameError> {
    if text == b"." {
        out.push(0);
        return Ok(true);
    }
    if memchr::memchr(b'\\', text).is_none() {
        parse_plain(text, out)
    } else {
        parse_escaped(text, out)
    }
}

/// [`parse_text`] a byte at a time, escapes decoded.
fn parse_escaped(text: &[u8], out: &mut Vec<u8>) -> Result<bool, NameError> {
    let base = out.len();
    let mut label_start = out.len();
    out.push(0);
    let mut i = 0;
    let mut absolute = false;
    while i < text.len() {
        let c = text[i];
        match c {
            b'.' => {
                close_label(out, label_start)?;
                i += 1;
                if i == text.len() {
                    absolute = true;
                    break;
                }
                label_start = out.len();
                out.push(0);
                continue;
            }
            b'\\' => {
                let (byte, used) = unescape(&text[i..]).ok_or(NameError::BadEscape)?;
                out.push(byte);
                i += used;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if !absolute {
        close_label(out, label_start)?;
    } else {
        out.push(0);
    }
    let n = out.len() - base;
    if absolute && n > MAX_NAME_LEN {
        return Err(NameError::NameTooLong(n));
    }
    Ok(absolute)
}

/// [`parse_text`] of a name without escapes, as nearly all are: a label at a time, not a
/// byte at a time. The same name, and the same error for a bad one.
fn parse_plain(text: &[u8], out: &mut Vec<u8>) -> Result<bool, NameError> {
    let base = out.len();
    let absolute = text.last() == Some(&b'.');
    let body = if absolute {
        &text[..text.len() - 1]
    } else {
        text
    };
    out.reserve(text.len() + 2);
    for label in body.split(|&c| c == b'.') {
        if label.is_empty() {
            return Err(NameError::EmptyLabel);
        }
        if label.len() > MAX_LABEL_LEN {
            return Err(NameError::LabelTooLong(label.len()));
        }
        out.push(label.len() as u8);
        out.extend_from_slice(label);
    }
    if absolute {
        out.push(0);
        let n = out.len() - base;
        if n > MAX_NAME_LEN {
            return Err(NameError::NameTooLong(n));
        }
    }
    Ok(absolute)
}

/// Writes the length octet of the label that starts at `at`, checking its length.
fn close_label(out: &mut [u8], at: usize) -> Result<(), NameError> {
    let len = out.len() - at - 1;
    if len == 0 {
        return Err(NameError::EmptyLabel);
    }
    if len > MAX_LABEL_LEN {
        return Err(NameError::LabelTooLong(len));
    }
    out[at] = len as u8;
    Ok(())
}

/// Decodes one escape at the start of `s` (which begins with a backslash): `\DDD` or `\X`.
/// Returns the byte and how many input bytes it used.
pub fn unescape(s: &[u8]) -> Option<(u8, usize)> {
    match s.get(1) {
        Some(d) if d.is_ascii_digit() => {
            let digits = s.get(1..4)?;
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let v = digits
                .iter()
                .fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
            (v <= 255).then_some((v as u8, 4))
        }
        Some(&c) => Some((c, 2)),
        None => None,
    }
}

/// An absolute name from text, for tests.
#[cfg(test)]
pub fn wire_for_test(s: &str) -> Vec<u8> {
    let mut v = Vec::new();
    assert!(
        parse_text(s.as_bytes(), &mut v).unwrap(),
        "{s} is not absolute"
    );
    v
}

/// Iterates over the labels of a wire-form name, without the root label.
pub fn labels(wire: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut i = 0;
    std::iter::from_fn(move || {
        let len = *wire.get(i)? as usize;
        if len == 0 || i + 1 + len > wire.len() {
            return None;
        }
        let label = &wire[i + 1..i + 1 + len];
        i += 1 + len;
        Some(label)
    })
}

/// Number of labels, not counting the root.
pub fn label_count(wire: &[u8]) -> usize {
    labels(wire).count()
}

/// The name with its first label removed, or `None` for the root.
pub fn parent(wire: &[u8]) -> Option<&[u8]> {
    let len = *wire.first()? as usize;
    if len == 0 {
        return None;
    }
    wire.get(1 + len..)
}

/// Whether the leftmost label is `*` (RFC 4592 §2.1.1).
pub fn is_wildcard(wire: &[u8]) -> bool {
    wire.len() >= 2 && wire[0] == 1 && wire[1] == b'*'
}

/// Length of a wire name at the start of `buf` (uncompressed), if it is well formed.
pub fn wire_len(buf: &[u8]) -> Option<usize> {
    let mut i = 0;
    loop {
        let len = *buf.get(i)? as usize;
        if len > MAX_LABEL_LEN {
            return None;
        }
        i += 1 + len;
        if len == 0 {
            return (i <= MAX_NAME_LEN).then_some(i);
        }
    }
}

/// ASCII lower-casing of a wire name; length octets are below `A`, so they are unaffected.
pub fn to_lowercase(wire: &[u8]) -> Vec<u8> {
    wire.to_ascii_lowercase()
}

/// Whether `name` equals `ancestor` or is below it (case-insensitive).
pub fn is_subdomain(name: &[u8], ancestor: &[u8]) -> bool {
    let mut rest = name;
    loop {
        if rest.len() == ancestor.len() {
            return rest.eq_ignore_ascii_case(ancestor);
        }
        if rest.len() < ancestor.len() {
            return false;
        }
        match parent(rest) {
            Some(p) => rest = p,
            None => return false,
        }
    }
}

/// RFC 4034 §6.1 canonical order: labels compared right to left, each as lower-cased octets.
pub fn canonical_cmp(a: &[u8], b: &[u8]) -> Ordering {
    let la: Vec<&[u8]> = labels(a).collect();
    let lb: Vec<&[u8]> = labels(b).collect();
    for (x, y) in la.iter().rev().zip(lb.iter().rev()) {
        let ord = x
            .iter()
            .map(u8::to_ascii_lowercase)
            .cmp(y.iter().map(u8::to_ascii_lowercase));
        if ord != Ordering::Equal {
            return ord;
        }
    }
    la.len().cmp(&lb.len())
}

/// Appends the presentation form of a wire name (absolute, with escapes) to `out`.
pub fn write_text(wire: &[u8], out: &mut String) {
    // Nearly every name has nothing to escape: its text is put together on the stack and
    // appended whole, checked as text once.
    let mut text = [0u8; 256];
    let mut n = 0;
    for label in labels(wire) {
        if n + label.len() >= text.len() || label.iter().any(|&c| needs_escape(c)) {
            return write_escaped(wire, out);
        }
        text[n..n + label.len()].copy_from_slice(label);
        text[n + label.len()] = b'.';
        n += label.len() + 1;
    }
    match std::str::from_utf8(&text[..n]) {
        Ok("") => out.push('.'),
        Ok(t) => out.push_str(t),
        // Not reached: every byte kept is printable ASCII.
        Err(_) => write_escaped(wire, out),
    }
}

/// [`write_text`] a byte at a time, escapes written.
fn write_escaped(wire: &[u8], out: &mut String) {
    out.reserve(wire.len());
    let mut any = false;
    for label in labels(wire) {
        any = true;
        for &c in label {
            if !needs_escape(c) {
                out.push(c as char);
            } else if (0x21..=0x7e).contains(&c) {
                out.push('\\');
                out.push(c as char);
            } else {
                let _ = write!(out, "\\{c:03}");
            }
        }
        out.push('.');
    }
    if !any {
        out.push('.');
    }
}

/// Whether a label byte is written escaped: outside printable ASCII, or special in zone
/// files.
fn needs_escape(c: u8) -> bool {
    !(0x21..=0x7e).contains(&c)
        || matches!(c, b'.' | b'\\' | b'"' | b';' | b'(' | b')' | b'@' | b'$')
}

/// The presentation form of a wire name.
pub fn to_text(wire: &[u8]) -> String {
    let mut s = String::with_capacity(wire.len() + 1);
    write_text(wire, &mut s);
    s
}

/// Identifies an interned owner name.
pub type NameId = u32;

/// No name; used for the parent of names outside the zone.
pub const NO_NAME: NameId = u32::MAX;

mod table;
pub use table::{NameEntry, NameTable};

#[cfg(test)]
mod tests {
    use super::*;

    use super::wire_for_test as wire;

    /// A name without escapes reads the same a label at a time as a byte at a time, and a
    /// bad one fails with the same error.
    #[test]
    fn plain_names_read_as_the_byte_at_a_time_reader_reads_them() {
        let labels = ["", "a", "Www", &"b".repeat(63), &"c".repeat(64), "x-y_z*"];
        let mut texts: Vec<String> = Vec::new();
        for a in labels {
            for b in labels {
                for c in ["", ".", "..", ".example", ".example."] {
                    texts.push(format!("{a}{c}"));
                    texts.push(format!("{a}.{b}{c}"));
                }
            }
        }
        // Around the 255-octet limit, absolute and not.
        for n in 60..=66 {
            let long = vec!["d".repeat(n); 4].join(".");
            texts.push(long.clone());
            texts.push(format!("{long}."));
        }
        for t in &texts {
            let (mut plain, mut bytewise) = (vec![7u8], vec![7u8]);
            let p = parse_plain(t.as_bytes(), &mut plain);
            let b = parse_escaped(t.as_bytes(), &mut bytewise);
            assert_eq!(p, b, "{t:?}");
            if p.is_ok() {
                assert_eq!(plain, bytewise, "{t:?}");
            }
        }
    }

    /// Every byte in a label is written as it was before labels were written whole: as
    /// itself, escaped with a backslash, or as three digits.
    #[test]
    fn every_label_byte_is_written_as_before() {
        for c in 0..=255u8 {
            let wire = [3, b'a', c, b'z', 0];
            let mut got = String::new();
            write_text(&wire, &mut got);
            let middle = match c {
                b'.' | b'\\' | b'"' | b';' | b'(' | b')' | b'@' | b'$' => {
                    format!("\\{}", c as char)
                }
                0x21..=0x7e => (c as char).to_string(),
                _ => format!("\\{c:03}"),
            };
            assert_eq!(got, format!("a{middle}z."), "byte {c}");
        }
    }

    #[test]
    fn escapes_and_text_round_trip() {
        let w = wire("odd\\032name.dot\\.in.Example.");
        assert_eq!(
            labels(&w).collect::<Vec<_>>(),
            vec![&b"odd name"[..], b"dot.in", b"Example"]
        );
        assert_eq!(to_text(&w), "odd\\032name.dot\\.in.Example.");
    }

    #[test]
    fn label_and_name_limits() {
        let long = "a".repeat(64);
        let mut v = Vec::new();
        assert_eq!(
            parse_text(long.as_bytes(), &mut v),
            Err(NameError::LabelTooLong(64))
        );
        let name = format!("{}.", vec!["a".repeat(63); 4].join("."));
        v.clear();
        assert_eq!(
            parse_text(name.as_bytes(), &mut v),
            Err(NameError::NameTooLong(257))
        );
        v.clear();
        assert_eq!(parse_text(b"a..b", &mut v), Err(NameError::EmptyLabel));
        v.clear();
        assert_eq!(parse_text(b"a\\256", &mut v), Err(NameError::BadEscape));
    }

    #[test]
    fn canonical_order_rfc4034_example() {
        // RFC 4034 §6.1's example, in its order.
        let names = [
            "example.",
            "a.example.",
            "yljkjljk.a.example.",
            "Z.a.example.",
            "zABC.a.EXAMPLE.",
            "z.example.",
            "\\001.z.example.",
            "*.z.example.",
            "\\200.z.example.",
        ];
        let wires: Vec<Vec<u8>> = names.iter().map(|n| wire(n)).collect();
        for pair in wires.windows(2) {
            assert_eq!(canonical_cmp(&pair[0], &pair[1]), Ordering::Less);
        }
    }
}
