//! Feeds two arbitrary zones to the rollover judgement: the input is OLD, a NUL byte, then
//! NEW (without a NUL, both halves of it). Each version is summarized and judged, once as
//! a pair (OLD published at a time taken from the first bytes) and once as a history of
//! OLD then NEW then OLD again; the verdict is computed from the findings. Nothing may
//! panic, and a safe verdict must come with no error finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use zonewarden::rollover::judge::{judge, Options, Past, Verdict};
use zonewarden::rollover::version::Version;
use zonewarden::zone::{read_text, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let (old, new) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => data.split_at(data.len() / 2),
    };
    let opts = ReadOptions {
        origin: Some("example.".into()),
        ..Default::default()
    };
    let read = |text: &[u8]| {
        read_text(
            PathBuf::from("/nonexistent/fuzz.zone"),
            text.to_vec(),
            &opts,
        )
    };
    let (old_zone, new_zone) = (read(old), read(new));
    // Times around the signatures' usual windows, from the input's first bytes.
    let seed = data
        .iter()
        .take(4)
        .fold(0i64, |a, &b| a * 256 + i64::from(b));
    let published = 1_700_000_000 + seed % 400_000_000;
    let now = published + seed % 10_000_000;
    let options = Options {
        now,
        propagation: (seed % 7200) as u32,
        ds_old: None,
        ds_new: None,
        ds_changed: None,
        cert: None,
        next_cert: None,
    };
    let old_v = Version::from_zone(&old_zone, "old".into(), published);
    let new_v = Version::from_zone(&new_zone, "new".into(), now);
    let pair = [old_v.clone()];
    let findings = judge(
        &Past {
            versions: &pair,
            complete: false,
        },
        &new_v,
        &options,
    );
    let verdict = Verdict::of(findings.iter().map(|f| &f.diag));
    let errors = findings
        .iter()
        .filter(|f| f.diag.severity == zonewarden::diag::Severity::Error)
        .count();
    assert_eq!(verdict == Verdict::Safe, errors == 0, "{findings:?}");
    for f in &findings {
        let zone = match f.side {
            zonewarden::rollover::judge::Side::Old => &old_zone,
            zonewarden::rollover::judge::Side::New => &new_zone,
        };
        if let Some(r) = f.record {
            assert!(
                (r as usize) < zone.records.len(),
                "finding points past the zone"
            );
        }
    }
    let history = [old_v.clone(), new_v.clone()];
    let later = Options {
        now: now + 86_400,
        ..options
    };
    let again = Version::from_zone(&old_zone, "old again".into(), now + 86_400);
    let _ = judge(
        &Past {
            versions: &history,
            complete: true,
        },
        &again,
        &later,
    );
});
