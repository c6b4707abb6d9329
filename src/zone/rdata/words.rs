//! The values one word of RDATA text holds: numbers, TTLs, addresses, RRSIG times, hex and
//! base64. Each reads the word whole and says `None` when it is not that value, so that the
//! caller can name what was expected.

use crate::time::days_from_civil;
use std::net::{Ipv4Addr, Ipv6Addr};

/// Parses a decimal number no greater than `max`.
pub fn parse_uint(text: &[u8], max: u64) -> Option<u64> {
    if text.is_empty() || text.len() > 20 {
        return None;
    }
    let mut v: u64 = 0;
    if text.len() < 20 {
        // At most 19 digits: below 10^19, which a u64 holds, so no step can overflow. One
        // pass (TTLs, priorities and ports are read by the million).
        for &d in text {
            let k = d.wrapping_sub(b'0');
            if k > 9 {
                return None;
            }
            v = v * 10 + u64::from(k);
        }
    } else {
        if !text.iter().all(u8::is_ascii_digit) {
            return None;
        }
        for &d in text {
            v = v.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
        }
    }
    (v <= max).then_some(v)
}

/// Parses a TTL: seconds, or BIND's units (`1w2d3h4m5s`, any case) (RFC 2308 §4).
pub fn parse_ttl(text: &[u8]) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    if let Some(v) = parse_uint(text, u32::MAX as u64) {
        return Some(v as u32);
    }
    let mut total: u64 = 0;
    let mut num: Option<u64> = None;
    for &c in text {
        if c.is_ascii_digit() {
            num = Some(
                num.unwrap_or(0)
                    .checked_mul(10)?
                    .checked_add(u64::from(c - b'0'))?,
            );
            continue;
        }
        let mult = match c.to_ascii_lowercase() {
            b'w' => 604_800,
            b'd' => 86_400,
            b'h' => 3_600,
            b'm' => 60,
            b's' => 1,
            _ => return None,
        };
        total = total.checked_add(num.take()?.checked_mul(mult)?)?;
    }
    if let Some(n) = num {
        total = total.checked_add(n)?;
    }
    u32::try_from(total).ok()
}

/// Dotted-quad IPv4, as `inet_pton` reads it: four decimal octets, no leading zeros.
pub(super) fn parse_ipv4(text: &[u8]) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut i = 0;
    for (k, o) in octets.iter_mut().enumerate() {
        // One to three digits, no leading zero, each octet after a dot but the first.
        if k > 0 {
            (text.get(i) == Some(&b'.')).then_some(())?;
            i += 1;
        }
        let start = i;
        let mut v = 0u32;
        while i - start < 3 {
            match text.get(i) {
                Some(d) if d.is_ascii_digit() => v = v * 10 + u32::from(d - b'0'),
                _ => break,
            }
            i += 1;
        }
        if i == start || (i - start > 1 && text[start] == b'0') || v > 255 {
            return None;
        }
        *o = v as u8;
    }
    (i == text.len()).then(|| Ipv4Addr::from(octets))
}

/// The value of each byte as a hex digit, either case; 16 for a byte that is none. A table
/// look-up, where a match on three ranges was most of reading an address (AAAA records are
/// read by the million).
const HEX_DIGIT: [u8; 256] = {
    let mut t = [16u8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

/// IPv6 in RFC 4291 §2.2 text form: up to eight groups of one to four hex digits, one `::`,
/// and optionally a dotted-quad IPv4 address in the last 32 bits.
pub(super) fn parse_ipv6(text: &[u8]) -> Option<Ipv6Addr> {
    let mut head = [0u16; 8];
    let mut tail = [0u16; 8];
    let (mut nh, mut nt) = (0usize, 0usize);
    let mut gap = false;
    let mut i = 0;
    if text.starts_with(b"::") {
        gap = true;
        i = 2;
        if text.len() == 2 {
            return Some(Ipv6Addr::UNSPECIFIED);
        }
    } else if text.first() == Some(&b':') {
        return None;
    }
    loop {
        let start = i;
        let mut v: u32 = 0;
        while i < text.len() && i - start < 5 {
            let d = HEX_DIGIT[text[i] as usize];
            if d > 15 {
                break;
            }
            v = v * 16 + u32::from(d);
            i += 1;
        }
        let len = i - start;
        let groups = nh + nt;
        if i < text.len() && text[i] == b'.' {
            // An embedded IPv4 address takes the last two groups.
            if groups > 6 {
                return None;
            }
            let v4 = parse_ipv4(&text[start..])?.octets();
            let (dst, n) = if gap {
                (&mut tail, &mut nt)
            } else {
                (&mut head, &mut nh)
            };
            dst[*n] = u16::from_be_bytes([v4[0], v4[1]]);
            dst[*n + 1] = u16::from_be_bytes([v4[2], v4[3]]);
            *n += 2;
            break;
        }
        if len == 0 || len > 4 || groups >= 8 {
            return None;
        }
        if gap {
            tail[nt] = v as u16;
            nt += 1;
        } else {
            head[nh] = v as u16;
            nh += 1;
        }
        if i == text.len() {
            break;
        }
        if text[i] != b':' {
            return None;
        }
        i += 1;
        if i < text.len() && text[i] == b':' {
            if gap {
                return None;
            }
            gap = true;
            i += 1;
            if i == text.len() {
                break;
            }
        } else if i == text.len() {
            return None;
        }
    }
    let total = nh + nt;
    if (gap && total > 7) || (!gap && total != 8) {
        return None;
    }
    let mut groups = [0u16; 8];
    groups[..nh].copy_from_slice(&head[..nh]);
    groups[8 - nt..].copy_from_slice(&tail[..nt]);
    Some(Ipv6Addr::from(groups))
}

/// Hex, either case; an even number of digits.
pub fn decode_hex(text: &[u8]) -> Option<Vec<u8>> {
    data_encoding::HEXLOWER_PERMISSIVE.decode(text).ok()
}

pub(super) fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    data_encoding::BASE64.decode(text).ok()
}

/// Decodes `text` with `encoding` onto the end of `out`, as its `decode` would into a list
/// of its own (RDATA is appended to the zone's, not copied there); false, and `out` as it
/// was, when the text is not valid.
pub(super) fn decode_onto(
    encoding: &data_encoding::Encoding,
    text: &[u8],
    out: &mut Vec<u8>,
) -> bool {
    let Ok(n) = encoding.decode_len(text.len()) else {
        return false;
    };
    let start = out.len();
    out.resize(start + n, 0);
    match encoding.decode_mut(text, &mut out[start..]) {
        Ok(len) => {
            out.truncate(start + len);
            true
        }
        Err(_) => {
            out.truncate(start);
            false
        }
    }
}

/// Hex of either case, an even number of digits, decoded onto the end of `out`, as
/// [`decode_onto`] with `HEXLOWER_PERMISSIVE` does (false, and `out` as it was, for text
/// that is not): a table look-up for each digit, where the general decoder took about ten
/// instructions a digit (each TLSA and DS record has 40 to 128).
pub(super) fn decode_hex_onto(text: &[u8], out: &mut Vec<u8>) -> bool {
    if text.len() % 2 != 0 {
        return false;
    }
    let start = out.len();
    let mut seen = 0u8;
    out.extend(text.chunks_exact(2).map(|pair| {
        let (hi, lo) = (HEX_DIGIT[pair[0] as usize], HEX_DIGIT[pair[1] as usize]);
        seen |= hi | lo;
        ((hi & 15) << 4) | (lo & 15)
    }));
    if seen > 15 {
        out.truncate(start);
        return false;
    }
    true
}

/// RFC 4034 §3.2: `YYYYMMDDHHmmSS` in UTC, or an unsigned decimal of seconds.
pub fn parse_rrsig_time(text: &[u8]) -> Option<u32> {
    if text.len() == 14 && text.iter().all(u8::is_ascii_digit) {
        let n = |r: std::ops::Range<usize>| -> i64 {
            text[r]
                .iter()
                .fold(0i64, |a, d| a * 10 + i64::from(d - b'0'))
        };
        let (y, mo, d, h, mi, s) = (n(0..4), n(4..6), n(6..8), n(8..10), n(10..12), n(12..14));
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
            return None;
        }
        let days = days_from_civil(y, mo, d);
        let secs = days * 86400 + h * 3600 + mi * 60 + s;
        // Serial-number arithmetic (RFC 4034 §3.1.5): the value is taken modulo 2^32.
        return Some(secs.rem_euclid(1 << 32) as u32);
    }
    parse_uint(text, u32::MAX as u64).map(|v| v as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dotted quad read the way it was before it was read in one pass: split on dots,
    /// each part a number of one to three digits without a leading zero.
    fn ipv4_by_parts(text: &[u8]) -> Option<Ipv4Addr> {
        let mut octets = [0u8; 4];
        let mut parts = text.split(|&b| b == b'.');
        for o in octets.iter_mut() {
            let p = parts.next()?;
            if p.is_empty() || p.len() > 3 || (p.len() > 1 && p[0] == b'0') {
                return None;
            }
            *o = u8::try_from(parse_uint(p, 255)?).ok()?;
        }
        parts.next().is_none().then(|| Ipv4Addr::from(octets))
    }

    /// Every text of up to five pieces (octets good and bad, dots, stray bytes) reads the
    /// same both ways.
    #[test]
    fn ipv4_in_one_pass_reads_as_by_parts() {
        let pieces: [&[u8]; 10] = [
            b"0", b"7.", b"25.", b"255", b"256.", b"01.", b"1234", b".", b"a", b" ",
        ];
        let mut texts: Vec<Vec<u8>> = vec![Vec::new()];
        let mut last = texts.clone();
        for _ in 0..5 {
            let next: Vec<Vec<u8>> = last
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| [t.as_slice(), p].concat()))
                .collect();
            texts.extend(next.iter().cloned());
            last = next;
        }
        texts.push(b"192.0.2.1".to_vec());
        texts.push(b"10.255.0.99".to_vec());
        let mut valid = 0;
        for t in &texts {
            assert_eq!(
                parse_ipv4(t),
                ipv4_by_parts(t),
                "{:?}",
                String::from_utf8_lossy(t)
            );
            valid += usize::from(parse_ipv4(t).is_some());
        }
        assert!(valid > 50, "{valid}");
    }

    /// Numbers read in one pass as the standard library reads them (digits only: no sign),
    /// at every length up to the 20 digits of the largest u64 and past it, under limits.
    #[test]
    fn uint_in_one_pass_reads_as_std() {
        let mut texts: Vec<String> = vec![
            String::new(),
            "0".into(),
            "007".into(),
            "3600".into(),
            "+1".into(),
            "-1".into(),
            "1h".into(),
            " 1".into(),
            "1/".into(),
            "1:".into(),
            u64::MAX.to_string(),
            (u128::from(u64::MAX) + 1).to_string(),
            "9".repeat(19),
            "9".repeat(20),
            "1".repeat(21),
            format!("{}a", "1".repeat(18)),
            format!("{}a", "1".repeat(19)),
        ];
        for n in 1..=20 {
            texts.push("7".repeat(n));
        }
        for t in &texts {
            for max in [255, u64::from(u32::MAX), u64::MAX] {
                let std = t
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| t.parse::<u64>().ok())
                    .flatten()
                    .filter(|&v| v <= max);
                assert_eq!(parse_uint(t.as_bytes(), max), std, "{t:?} under {max}");
            }
        }
    }

    /// Every text made of up to six pieces (groups of one to five digits of either case,
    /// colons, double colons, dotted quads, stray bytes) reads as the standard library reads
    /// it.
    #[test]
    fn ipv6_reads_as_std() {
        let pieces: [&str; 12] = [
            "0", "db8", "FfFf", "12345", ":", "::", "1.2.3.4", "2001", "g", ".", "a:b", "7:",
        ];
        let mut texts: Vec<String> = vec![String::new()];
        let mut last = texts.clone();
        for _ in 0..6 {
            let next: Vec<String> = last
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .filter(|t| t.len() <= 45)
                .collect();
            texts.extend(next.iter().cloned());
            last = next;
        }
        let mut valid = 0;
        for t in &texts {
            let std = t.parse::<std::net::Ipv6Addr>().ok();
            assert_eq!(parse_ipv6(t.as_bytes()), std, "{t:?}");
            valid += usize::from(std.is_some());
        }
        assert!(valid > 1000, "{valid} of {}", texts.len());
    }

    /// Hex decoded through the table as the general decoder decodes it: every text of up to
    /// four pieces (digits of either case, non-digits, odd lengths), onto a list that holds
    /// bytes already.
    #[test]
    fn hex_onto_decodes_as_data_encoding() {
        let pieces: [&str; 10] = [
            "",
            "0",
            "aF",
            "9f",
            "Ab",
            "g",
            " ",
            "0123456789abcdef",
            "ABCDEF",
            "z1",
        ];
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            texts = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
        }
        for t in &texts {
            let (mut fast, mut general) = (vec![7u8], vec![7u8]);
            let ok = decode_hex_onto(t.as_bytes(), &mut fast);
            let want = decode_onto(
                &data_encoding::HEXLOWER_PERMISSIVE,
                t.as_bytes(),
                &mut general,
            );
            assert_eq!((ok, &fast), (want, &general), "{t:?}");
        }
    }
}
