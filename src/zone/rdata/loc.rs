//! LOC, both ways (RFC 1876): degrees, minutes and seconds with a hemisphere, metres, and
//! precisions as a mantissa and a power of ten.

use super::words::parse_uint;
use super::{Cursor, RdataError};
use std::fmt::Write as _;

/// RFC 1876 §3: parses `d [m [s]] N|S d [m [s]] E|W alt[m] [siz[m] [hp[m] [vp[m]]]]`.
pub(super) fn encode_loc(c: &mut Cursor, out: &mut Vec<u8>) -> Result<(), RdataError> {
    let start_index = c.i;
    let words: Vec<&[u8]> = c.toks[c.i..].iter().map(|t| t.text(c.src)).collect();
    c.i = c.toks.len();
    let bad = || {
        Cursor::bad(
            start_index,
            "expected LOC data: d [m [s]] N|S d [m [s]] E|W alt[m] [size[m] [hp[m] [vp[m]]]]",
        )
    };
    let mut w = words.into_iter().peekable();
    let mut coord = |pos: &[u8], neg: &[u8]| -> Option<i64> {
        let deg = parse_uint(w.next()?, 180)? as i64;
        let mut min = 0i64;
        let mut msec = 0i64;
        let mut hemi = w.next()?;
        if hemi.len() != 1 || !(hemi.eq_ignore_ascii_case(pos) || hemi.eq_ignore_ascii_case(neg)) {
            min = parse_uint(hemi, 59)? as i64;
            hemi = w.next()?;
            if hemi.len() != 1
                || !(hemi.eq_ignore_ascii_case(pos) || hemi.eq_ignore_ascii_case(neg))
            {
                msec = parse_decimal(hemi, 3)?;
                if msec >= 60_000 {
                    return None;
                }
                hemi = w.next()?;
            }
        }
        let value = ((deg * 60 + min) * 60) * 1000 + msec;
        if hemi.eq_ignore_ascii_case(pos) {
            Some(value)
        } else if hemi.eq_ignore_ascii_case(neg) {
            Some(-value)
        } else {
            None
        }
    };
    let lat = coord(b"N", b"S")
        .filter(|v| v.abs() <= 90 * 3_600_000)
        .ok_or_else(bad)?;
    let lon = coord(b"E", b"W")
        .filter(|v| v.abs() <= 180 * 3_600_000)
        .ok_or_else(bad)?;
    let meters = |t: &[u8]| -> Option<i64> {
        let t = t
            .strip_suffix(b"m")
            .or_else(|| t.strip_suffix(b"M"))
            .unwrap_or(t);
        parse_decimal(t, 2)
    };
    let alt = w.next().and_then(meters).ok_or_else(bad)?;
    if !(-10_000_000..=4_284_967_295).contains(&alt) {
        return Err(bad());
    }
    let mut prec = [100i64, 1_000_000, 1_000];
    for p in prec.iter_mut() {
        if let Some(t) = w.next() {
            *p = meters(t)
                .filter(|v| *v >= 0 && *v <= 9_000_000_000)
                .ok_or_else(bad)?;
        }
    }
    if w.next().is_some() {
        return Err(RdataError::Trailing {
            index: c.toks.len() - 1,
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
