//! Instants as zonewarden takes them from the command line: `--now` and the like.
//!
//! Time is an input, never read behind the user's back, so what is given is parsed
//! strictly: an impossible date (`T99:99:99Z`, 30 February) or one that does not fit is
//! refused rather than wrapped or normalised into another instant.

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Formats seconds since 1970 as `YYYYMMDDHHmmSS` (UTC).
pub fn format_time(secs: i64) -> String {
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}{m:02}{d:02}{:02}{:02}{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// How many days month `m` of year `y` has.
fn days_in_month(y: i64, m: i64) -> i64 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Seconds since 1970 of a UTC date and time of day, or `None` if there is no such
/// instant. A leap second (`:60`) is refused: no DNS time field can name one.
pub fn from_civil(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<i64> {
    let valid = (0..=9999).contains(&y)
        && (1..=12).contains(&mo)
        && (1..=days_in_month(y, mo)).contains(&d)
        && (0..24).contains(&h)
        && (0..60).contains(&mi)
        && (0..60).contains(&s);
    valid.then(|| days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s)
}

/// `YYYYMMDDHHmmSS`, as RRSIG times are written (RFC 4034 §3.2), taken as the instant it
/// names: not modulo 2^32, as a signature field would be.
pub fn parse_compact(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 14 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<i64>().ok();
    from_civil(
        n(0..4)?,
        n(4..6)?,
        n(6..8)?,
        n(8..10)?,
        n(10..12)?,
        n(12..14)?,
    )
}

/// RFC 3339: `2026-11-25T12:00:00Z`, an offset such as `+01:00` instead of `Z`, a
/// fraction of a second (dropped), or a date alone (midnight UTC).
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let (date, time) = s.split_once(['T', 't', ' ']).unwrap_or((s, "00:00:00Z"));
    let num = |t: &str, len: usize| -> Option<i64> {
        (t.len() == len && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok())?
    };
    let mut d = date.split('-');
    let (y, mo, dd) = (num(d.next()?, 4)?, num(d.next()?, 2)?, num(d.next()?, 2)?);
    if d.next().is_some() {
        return None;
    }
    let (clock, offset) = if let Some(c) = time.strip_suffix(['Z', 'z']) {
        (c, 0)
    } else {
        let p = time.rfind(['+', '-'])?;
        let (c, o) = time.split_at(p);
        let sign = if o.starts_with('-') { -1 } else { 1 };
        let (oh, om) = o[1..].split_once(':')?;
        let (oh, om) = (num(oh, 2)?, num(om, 2)?);
        if oh > 23 || om > 59 {
            return None;
        }
        (c, sign * (oh * 3600 + om * 60))
    };
    let mut c = clock.split(':');
    let (h, mi) = (num(c.next()?, 2)?, num(c.next()?, 2)?);
    let sec = match c.next() {
        Some(sec) => {
            let whole = sec.split_once('.').map_or(sec, |(w, f)| {
                if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                    ""
                } else {
                    w
                }
            });
            num(whole, 2)?
        }
        None => 0,
    };
    if c.next().is_some() {
        return None;
    }
    Some(from_civil(y, mo, dd, h, mi, sec)? - offset)
}

/// An instant given on the command line: RFC 3339, `YYYYMMDDHHmmSS`, or seconds since
/// 1970 (optionally after `@`, as `date +@%s` prints them).
pub fn parse_instant(s: &str) -> Option<i64> {
    if s.len() == 14 && s.bytes().all(|b| b.is_ascii_digit()) {
        return parse_compact(s);
    }
    let digits = s.strip_prefix('@').unwrap_or(s);
    let unsigned = digits.strip_prefix('-').unwrap_or(digits);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return digits.parse::<i64>().ok();
    }
    parse_rfc3339(s)
}

/// Formats seconds since 1970 as RFC 3339 (`2026-12-01T00:00:00Z`).
pub fn time_text(secs: i64) -> String {
    let s = format_time(secs);
    if s.len() != 14 {
        return s;
    }
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &s[0..4],
        &s[4..6],
        &s[6..8],
        &s[8..10],
        &s[10..12],
        &s[12..14]
    )
}

/// `3 days`, `2 hours`, `90 seconds`: the largest unit that divides it.
pub fn duration_text(secs: u32) -> String {
    let (n, unit) = if secs != 0 && secs % 86400 == 0 {
        (secs / 86400, "day")
    } else if secs != 0 && secs % 3600 == 0 {
        (secs / 3600, "hour")
    } else {
        (secs, "second")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_parse_strictly() {
        assert_eq!(parse_instant("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_instant("2026-11-25T12:00:00Z"), Some(1_795_608_000));
        assert_eq!(
            parse_instant("2026-11-25T13:00:00+01:00"),
            Some(1_795_608_000)
        );
        assert_eq!(parse_instant("2026-11-25T12:00:00.5Z"), Some(1_795_608_000));
        assert_eq!(parse_instant("2026-11-25"), Some(1_795_564_800));
        assert_eq!(parse_instant("20261125120000"), Some(1_795_608_000));
        assert_eq!(parse_instant("@1795608000"), Some(1_795_608_000));
        // Beyond 2106: the instant itself, not modulo 2^32.
        assert_eq!(parse_instant("21070101000000"), Some(4_323_283_200));
        for bad in [
            "2026-11-25T99:99:99Z",
            "2026-02-30T00:00:00Z",
            "2025-02-29",
            "20261325000000",
            "20260230000000",
            "20261125246000",
            "2026-11-25T12:00:60Z",
            "2026-11-25T12:00Z:00",
            "2026-1-25",
            "2026-11-25T12:00:00+25:00",
            "soon",
            "",
        ] {
            assert_eq!(parse_instant(bad), None, "{bad}");
        }
        assert_eq!(parse_instant("2024-02-29"), Some(1_709_164_800));
    }
}
