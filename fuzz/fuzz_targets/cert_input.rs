//! Certificates, chains, keys and CSRs as `tlsa generate`, `tlsa check` and `lint --cert` read
//! them: any bytes, PEM or DER. Decoding must return a certificate set or an error, never
//! panic; and every record generated from what decodes must match it again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use zonewarden::tlsa::{generate, input, matching};

fuzz_target!(|data: &[u8]| {
    let decoded = match input::decode(Path::new("fuzz.pem"), data) {
        Ok(i) => i,
        Err(e) => {
            assert!(!e.is_empty(), "an error must say what is wrong");
            return;
        }
    };
    assert!(!decoded.certs.is_empty() || !decoded.keys.is_empty());
    for k in &decoded.keys {
        let _ = input::describe_spki(&k.spki);
        let _ = input::rsa_bits(&k.spki);
    }
    for c in &decoded.certs {
        let _ = input::describe_spki(&c.spki);
        let _ = c.name();
    }
    let _ = decoded.issuer_path();
    // Every usage, selector and matching type; errors (no CA, no certificate) are fine.
    if let Ok(records) = generate::records(&decoded, &[0, 1, 2, 3], &[0, 1], &[0, 1, 2]) {
        for g in &records {
            let _ = g.describe();
            assert!(
                matching::matches(&g.tlsa, &decoded).is_some(),
                "a generated record must match its own input: {}",
                g.tlsa.short_text()
            );
        }
    }
});
