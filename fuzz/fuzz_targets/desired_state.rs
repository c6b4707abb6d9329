//! Feeds arbitrary bytes to the desired-state (octoDNS YAML) reader, and for every file it
//! accepts checks the round trip `diff` and `export` promise:
//!
//! 1. the desired state, published as a zone (each RDATA in RFC 3597 form, so it reads back
//!    as it is), shows no drift from the YAML;
//! 2. `export` of that zone reads back, and shows no drift from the zone either;
//! 3. both report renderers run.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use zonewarden::desired::{diff, export, read};
use zonewarden::diag::Severity;
use zonewarden::zone::{name, rdata, read_text, ReadOptions};

const ORIGIN: &[u8] = b"\x07example\x00";

fuzz_target!(|data: &[u8]| {
    let Ok(desired) = read::read_slice(Path::new("fuzz.yaml"), data, ORIGIN) else {
        return;
    };
    let mut text = String::from("$ORIGIN example.\n");
    for r in &desired.records {
        for d in &r.rdata {
            name::write_text(&r.owner, &mut text);
            let _ = write!(text, " {} IN TYPE{} ", r.ttl.unwrap_or(3600), r.rtype);
            rdata::write_generic(d, &mut text);
            text.push('\n');
        }
    }
    let opts = ReadOptions {
        origin: Some("example.".into()),
        ..Default::default()
    };
    let zone = read_text(PathBuf::from("fuzz.zone"), text.clone().into_bytes(), &opts);
    let errors: Vec<_> = zone
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message().to_string())
        .collect();
    assert!(errors.is_empty(), "the published zone does not read: {errors:?}\n{text}");

    let all = diff::DiffOptions {
        include_dnssec: true,
        include_serial: true,
        default_ttl: Some(3600),
    };
    let drift = diff::compare(&zone, &desired, &all);
    assert!(
        drift.changes.is_empty(),
        "the desired state drifts from itself:\n{}",
        diff::render_human(&drift, "zone", "desired", false)
    );

    let ex = export::export(&zone, &export::ExportOptions { include_dnssec: true });
    let back = read::read_slice(Path::new("export.yaml"), ex.yaml.as_bytes(), ORIGIN)
        .unwrap_or_else(|e| panic!("the export does not read back: {e}\n{}", ex.yaml));
    let drift = diff::compare(&zone, &back, &all);
    assert!(
        drift.changes.is_empty(),
        "the export drifts from its zone:\n{}\n{}",
        diff::render_human(&drift, "zone", "export", false),
        ex.yaml
    );

    // With the defaults (signer types and the serial left out) against the original.
    let drift = diff::compare(&zone, &desired, &diff::DiffOptions::default());
    let _ = diff::render_human(&drift, "zone", "desired", true);
    let _ = diff::render_json(&drift, "zone", "desired", "example.");
});
