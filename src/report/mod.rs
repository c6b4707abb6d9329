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
    pub warnings: usize,
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

/// Whether a report should say which serial it concerns: the zone came from standard input
/// (as from NSD, or piped from `dig AXFR`) or was a zone transfer, where no file name tells
/// versions apart.
pub fn names_serial(zone: &Zone) -> bool {
    zone.transfer_framing || zone.sources[0].path.as_os_str() == "-"
}

/// A sentence saying which origin a zone was read with and why.
pub fn origin_note(zone: &Zone) -> String {
    match zone.origin_source {
        OriginSource::Unknown => "origin unknown (give --origin)".to_string(),
        ref s => format!("origin {} from {}", zone.origin_text(), s.describe()),
    }
}
