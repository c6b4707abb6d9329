//! LOC, both ways (RFC 1876): degrees, minutes and seconds with a hemisphere, metres, and
//! precisions as a mantissa and a power of ten.

use super::words::parse_uint;
use super::{Cursor, RdataError};
use std::fmt::Write as _;

/// The tokens of a LOC record, each with its index, for messages that point at the field.
struct Words<'a> {
    words: Vec<(usize, &'a [u8])>,
    k: usize,
}

impl<'a> Words<'a> {
    fn next(&mut self, what: &'static str) -> Result<(usize, &'a [u8]), RdataError> {
        let w = *self.words.get(self.k).ok_or(RdataError::Missing(what))?;
        self.k += 1;
        Ok(w)
    }

    fn peek(&self) -> Option<&'a [u8]> {
        self.words.get(self.k).map(|w| w.1)
    }

    /// One coordinate: `d [m [s]]` and a hemisphere letter, in thousandths of a second of
    /// arc, at most `max_deg` degrees (RFC 1876 §3).
    fn coord(&mut self, name: &str, max_deg: u64, hemis: [u8; 2]) -> Result<i64, RdataError> {
        let is_hemi = |w: &[u8]| w.len() == 1 && hemis.contains(&w[0].to_ascii_uppercase());
        let (di, dt) = self.next("degrees")?;
        let deg = parse_uint(dt, max_deg).ok_or_else(|| {
            Cursor::bad(
                di,
                format!("{name} degrees must be a whole number from 0 to {max_deg}"),
            )
        })? as i64;
        let (mut min, mut msec) = (0i64, 0i64);
        if self.peek().is_some_and(|w| !is_hemi(w)) {
            let (mi, mt) = self.next("minutes")?;
            min = parse_uint(mt, 59).ok_or_else(|| {
                Cursor::bad(
                    mi,
                    format!("{name} minutes must be a whole number from 0 to 59"),
                )
            })? as i64;
            if self.peek().is_some_and(|w| !is_hemi(w)) {
                let (si, st) = self.next("seconds")?;
                msec = parse_decimal(st, 3)
                    .filter(|v| (0..60_000).contains(v))
                    .ok_or_else(|| {
                        let m = format!(
                            "{name} seconds must be from 0 to 59.999 (three decimals at most)"
                        );
                        Cursor::bad(si, m)
                    })?;
            }
        }
        let (hi, ht) = self.next("a hemisphere letter")?;
        if !is_hemi(ht) {
            let m = format!(
                "expected {} or {} after the {name}",
                hemis[0] as char, hemis[1] as char
            );
            return Err(Cursor::bad(hi, m));
        }
        let value = ((deg * 60 + min) * 60) * 1000 + msec;
        if value > max_deg as i64 * 3_600_000 {
            let m = format!("the {name} is beyond {max_deg} degrees (at most {max_deg} 0 0)");
            return Err(Cursor::bad(di, m));
        }
        Ok(if ht[0].eq_ignore_ascii_case(&hemis[0]) {
            value
        } else {
            -value
        })
    }

    /// A length in metres with up to two decimals, in centimetres, within `range`; `label`
    /// names the field and its range in the message.
    fn metres(
        &mut self,
        what: &'static str,
        range: std::ops::RangeInclusive<i64>,
        label: &str,
    ) -> Result<i64, RdataError> {
        let (i, t) = self.next(what)?;
        let t = t
            .strip_suffix(b"m")
            .or_else(|| t.strip_suffix(b"M"))
            .unwrap_or(t);
        parse_decimal(t, 2)
            .filter(|v| range.contains(v))
            .ok_or_else(|| Cursor::bad(i, label.to_string()))
    }
}

/// RFC 1876 §3: parses `d [m [s]] N|S d [m [s]] E|W alt[m] [siz[m] [hp[m] [vp[m]]]]`, and
/// says which field is out of its range.
pub(super) fn encode_loc(c: &mut Cursor, out: &mut Vec<u8>) -> Result<(), RdataError> {
    let words: Vec<(usize, &[u8])> = (c.i..c.toks.len())
        .map(|i| (i, c.toks[i].text(c.src)))
        .collect();
    c.i = c.toks.len();
    let mut w = Words { words, k: 0 };
    let lat = w.coord("latitude", 90, [b'N', b'S'])?;
    let lon = w.coord("longitude", 180, [b'E', b'W'])?;
    let alt = w.metres(
        "the altitude",
        -10_000_000..=4_284_967_295,
        "the altitude must be from -100000.00m to 42849672.95m",
    )?;
    let mut prec = [100i64, 1_000_000, 1_000];
    let labels = [
        "the size must be from 0 to 90000000.00m",
        "the horizontal precision must be from 0 to 90000000.00m",
        "the vertical precision must be from 0 to 90000000.00m",
    ];
    for (p, label) in prec.iter_mut().zip(labels) {
        if w.peek().is_some() {
            *p = w.metres("a precision", 0..=9_000_000_000, label)?;
        }
    }
    if w.peek().is_some() {
        return Err(RdataError::Trailing {
            index: w.words[w.k].0,
        });
    }
    out.push(0);
    for p in prec {
        out.push(loc_precision(p));
    }
    out.extend_from_slice(&((1i64 << 31) + lat).to_be_bytes()[4..]);
    out.extend_from_slice(&((1i64 << 31) + lon).to_be_bytes()[4..]);
    out.extend_from_slice(&(alt + 10_000_000).to_be_bytes()[4..]);
    Ok(())
}

/// What is wrong with LOC RDATA that has no text form, for the message about a `\#` record.
pub(super) fn wire_problem(r: &[u8]) -> &'static str {
    let u = |i: usize| i64::from(u32::from_be_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]));
    if r.len() != 16 {
        "LOC data is 16 octets (RFC 1876 §2)"
    } else if r[0] != 0 {
        "only LOC version 0 is defined (RFC 1876 §2)"
    } else if (u(4) - (1i64 << 31)).abs() > 90 * 3_600_000 {
        "the latitude is beyond 90 degrees"
    } else if (u(8) - (1i64 << 31)).abs() > 180 * 3_600_000 {
        "the longitude is beyond 180 degrees"
    } else {
        "a size or precision is not a mantissa and an exponent from 0 to 9 (RFC 1876 §2)"
    }
}

/// A decimal with up to `places` fractional digits, scaled by 10^places; may be negative.
fn parse_decimal(t: &[u8], places: u32) -> Option<i64> {
    let (neg, t) = match t.strip_prefix(b"-") {
        Some(r) => (true, r),
        None => (false, t),
    };
    let (int, frac) = match t.iter().position(|&b| b == b'.') {
        Some(p) => (&t[..p], &t[p + 1..]),
        None => (t, &b""[..]),
    };
    if frac.len() > places as usize || (int.is_empty() && frac.is_empty()) {
        return None;
    }
    let i = if int.is_empty() {
        0
    } else {
        parse_uint(int, 1 << 40)? as i64
    };
    let mut f = if frac.is_empty() {
        0
    } else {
        parse_uint(frac, u64::MAX)? as i64
    };
    for _ in frac.len()..places as usize {
        f *= 10;
    }
    let v = i * 10i64.pow(places) + f;
    Some(if neg { -v } else { v })
}

/// RFC 1876 precision byte: mantissa and power of ten of centimetres.
fn loc_precision(cm: i64) -> u8 {
    let mut e = 0;
    while e < 9 && cm >= 10i64.pow(e + 1) {
        e += 1;
    }
    let m = (cm / 10i64.pow(e)).min(9);
    ((m as u8) << 4) | e as u8
}

fn loc_precision_cm(b: u8) -> Option<u64> {
    let (m, e) = (u64::from(b >> 4), u32::from(b & 0xf));
    (m <= 9 && e <= 9).then(|| m * 10u64.pow(e))
}

/// Writes LOC RDATA in text, or gives `None` for data that would not read back the same.
pub(super) fn write_loc(r: &[u8], out: &mut String) -> Option<()> {
    if r.len() != 16 || r[0] != 0 {
        return None;
    }
    let u = |i: usize| i64::from(u32::from_be_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]));
    // Only what reads back the same has a text form: latitude and longitude within ±90° and
    // ±180°, and precisions in their one canonical encoding (a zero mantissa with a
    // non-zero exponent reads back as 0x00).
    if (u(4) - (1i64 << 31)).abs() > 90 * 3_600_000
        || (u(8) - (1i64 << 31)).abs() > 180 * 3_600_000
        || r[1..4]
            .iter()
            .any(|&b| loc_precision_cm(b).map(|cm| loc_precision(cm as i64)) != Some(b))
    {
        return None;
    }
    let coord = |v: i64, pos: char, neg: char| {
        let v = v - (1i64 << 31);
        let h = if v < 0 { neg } else { pos };
        let v = v.abs();
        format!(
            "{} {} {}.{:03} {}",
            v / 3_600_000,
            v / 60_000 % 60,
            v / 1000 % 60,
            v % 1000,
            h
        )
    };
    let cm = |v: i64| {
        format!(
            "{}{}.{:02}m",
            if v < 0 { "-" } else { "" },
            v.abs() / 100,
            v.abs() % 100
        )
    };
    let alt = u(12) - 10_000_000;
    let _ = write!(
        out,
        "{} {} {} {} {} {}",
        coord(u(4), 'N', 'S'),
        coord(u(8), 'E', 'W'),
        cm(alt),
        cm(loc_precision_cm(r[1])? as i64),
        cm(loc_precision_cm(r[2])? as i64),
        cm(loc_precision_cm(r[3])? as i64)
    );
    Some(())
}
