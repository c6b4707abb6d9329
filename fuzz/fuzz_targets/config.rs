//! Feeds arbitrary text to the `zonewarden.toml` reader. A file that is refused must be
//! refused with a message naming it; one that is accepted is applied to a fixed set of
//! findings for a few zone paths and judged against every `fail-on`. Nothing may panic, and
//! applying a config never adds a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use zonewarden::config::Config;
use zonewarden::diag::Diagnostic;

const PATH: &str = "/nonexistent/repo/zonewarden.toml";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let config = match Config::parse(Path::new(PATH), text) {
        Ok(c) => c,
        Err(e) => {
            assert!(e.to_string().starts_with(PATH), "{e}");
            return;
        }
    };
    let findings: Vec<Diagnostic> = zonewarden::rules::ALL
        .iter()
        .map(|r| Diagnostic::new(r, None, "finding"))
        .collect();
    for zone in [
        "/nonexistent/repo/example.com.zone",
        "/nonexistent/repo/reverse/2.0.192.in-addr.arpa.zone",
        "-",
    ] {
        let kept = config.apply(Path::new(zone), findings.clone());
        assert!(kept.len() <= findings.len());
        for fail_on in [None, Some(zonewarden::cli::FailOn::Never), Some(zonewarden::cli::FailOn::Info)] {
            zonewarden::cli::fails(fail_on, &config, &kept);
        }
    }
});
