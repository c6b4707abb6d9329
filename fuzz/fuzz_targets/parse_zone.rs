//! Feeds arbitrary bytes to the zone reader as a master file, then runs everything that
//! consumes a zone over the result: the lint rules, the canonical printer (text and RFC 3597
//! forms), the hickory conversion and the report renderers (human, JSON, SARIF, GitHub).
//!
//! It also checks one invariant: the presentation form that `rdata::write_text` prints for
//! a record's RDATA reads back (as that type's RDATA) to exactly the same wire bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;
use std::path::PathBuf;
use zonewarden::diag::Severity;
use zonewarden::lint::{lint, LintOptions};
use zonewarden::print::canonical_text;
use zonewarden::report::{github, human, json, sarif, ZoneReport};
use zonewarden::zone::{hickory, rdata, read_text, rtype, ReadOptions};

/// A path that does not exist, so relative `$INCLUDE`s fail at once.
const FAKE_PATH: &str = "/nonexistent/fuzz.zone";

/// The most distinct RDATA values whose round trip one input checks (a `$GENERATE` line
/// can make a million records).
const MAX_ROUND_TRIPS: usize = 2048;

fuzz_target!(|data: &[u8]| {
    let with_origin = ReadOptions {
        origin: Some("example.".into()),
        ..Default::default()
    };
    let mut checked = HashSet::new();
    exercise(data, &with_origin, &mut checked);
    // The low bit of the first byte also asks for a run with no origin given, so the
    // origin comes from `$ORIGIN`, the SOA owner or nowhere.
    if data.first().is_some_and(|b| b & 1 == 1) {
        exercise(data, &ReadOptions::default(), &mut checked);
    }
});

fn exercise(data: &[u8], opts: &ReadOptions, checked: &mut HashSet<(u16, Vec<u8>)>) {
    let zone = read_text(PathBuf::from(FAKE_PATH), data.to_vec(), opts);
    let diagnostics = lint(
        &zone,
        &LintOptions {
            now: 0,
            ..LintOptions::default()
        },
    );
    let _ = canonical_text(&zone, false);
    let _ = canonical_text(&zone, true);
    for r in &zone.records {
        let _ = zone.record_text(r);
        let _ = hickory::to_record(&zone, r);
    }
    let report = ZoneReport {
        zone: &zone,
        diagnostics,
    };
    let mut out = Vec::new();
    human::render_zone(&mut out, &report, false).expect("writing to a Vec cannot fail");
    let _ = human::zone_line(&report);
    let reports = [report];
    let _ = json::render(&reports);
    let _ = sarif::render(&reports);
    let _ = github::render(&reports);

    for r in &zone.records {
        if checked.len() >= MAX_ROUND_TRIPS {
            break;
        }
        let wire = zone.rdata(r);
        if checked.insert((r.rtype, wire.to_vec())) {
            round_trip(r.rtype, wire);
        }
    }
}

/// `write_text` then reading the text back as RDATA of the same type gives the same wire.
fn round_trip(rtype_code: u16, wire: &[u8]) {
    let mut text = String::new();
    rdata::write_text(rtype_code, wire, &mut text);
    let line = format!("x. 0 IN {} {}\n", rtype::type_to_string(rtype_code), text);
    let opts = ReadOptions {
        origin: Some("example.".into()),
        ..Default::default()
    };
    let again = read_text(PathBuf::from(FAKE_PATH), line.clone().into_bytes(), &opts);
    let errors: Vec<String> = again
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", d.rule.code, d.message()))
        .collect();
    assert!(
        errors.is_empty() && again.records.len() == 1,
        "printed RDATA does not read back\n type: {}\n wire: {}\n line: {:?}\n errors: {:?}\n records: {}",
        rtype_code,
        hex(wire),
        line,
        errors,
        again.records.len()
    );
    let back = again.rdata(&again.records[0]);
    assert!(
        back == wire,
        "printed RDATA reads back differently\n type: {}\n wire:  {}\n again: {}\n line: {:?}",
        rtype_code,
        hex(wire),
        hex(back),
        line
    );
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
