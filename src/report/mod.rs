//! Printers: the only code that writes findings out. Human (rustc style), JSON, SARIF,
//! GitHub annotations and the short one-line-per-finding form for logs.

pub mod chain_svg;
pub mod github;
pub mod human;
pub mod json;
mod ordered;
pub mod sarif;
pub mod scorecard;
pub mod short;
pub mod svg;

use crate::diag::{Diagnostic, Severity};
use crate::zone::{OriginSource, Zone};

/// The findings for one zone file, ready to print.
pub struct ZoneReport<'a> {
    pub zone: &'a Zone,
    pub diagnostics: Vec<Diagnostic>,
}

/// Counts by severity.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct Summary {
    // In the JSON report's (sorted) key order.
    pub errors: usize,
    pub infos: usize,
    /// Zone files of the run that could not be read or checked (the JSON report's
    /// `unreadable` list): written only when there are some.
    #[serde(skip_serializing_if = "is_zero")]
    pub unreadable: usize,
    pub warnings: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A zone file that a run could not read or check, and why: the run names it and goes on
/// with the other zones, and its exit status is 2 however the others fare.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Unread {
    // In the JSON report's (sorted) key order.
    /// The path as given or found by the walk.
    pub file: String,
    /// Why it could not be read, such as `cannot read: No such file or directory (os error 2)`.
    pub reason: String,
}

impl Summary {
    pub fn add(&mut self, d: &[Diagnostic]) {
        for x in d {
            match x.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

/// The decimal digits of `n`, made in `buf`: a line or column number written a few bytes at
/// a time, where `write!` goes through the formatting machinery for each (a report may
/// number 100,000 findings).
fn decimal(n: usize, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    let mut n = n;
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buf[at..]).unwrap_or("0")
}

/// Whether a report should say which serial it concerns: the zone came from standard input
/// (as from NSD, or piped from `dig AXFR`) or was a zone transfer, where no file name tells
/// versions apart.
pub fn names_serial(zone: &Zone) -> bool {
    zone.transfer_framing || zone.sources[0].path.as_os_str() == "-"
}

/// A sentence saying which origin a zone was read with and why.
pub fn origin_note(zone: &Zone) -> String {
    match zone.origin_source {
        // `--origin` is refused in a run over a directory or several files: the hint names
        // what works in both.
        OriginSource::Unknown => {
            "origin unknown (give the file an $ORIGIN, or --origin when it is the only one)"
                .to_string()
        }
        ref s => format!("origin {} from {}", zone.origin_text(), s.describe()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimals_are_those_display_writes() {
        let mut buf = [0u8; 20];
        let edges = [
            0,
            1,
            9,
            10,
            99,
            100,
            65_535,
            1_000_000,
            usize::MAX - 1,
            usize::MAX,
        ];
        for n in (0..100_000).chain(edges) {
            assert_eq!(super::decimal(n, &mut buf), n.to_string());
        }
    }
}
