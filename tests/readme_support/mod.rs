//! The README's shell recipes, for the tests that run them as they stand there
//! (tests/tlsa_hooks.rs, tests/cascade.rs): no second copy of a script lives in the tests.

use std::path::Path;

/// Every ```sh block of README.md that starts with `#!/bin/sh`, with its second line (the
/// comment that says what the script is for).
pub fn scripts() -> Vec<(String, String)> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut out = Vec::new();
    let mut rest = readme.as_str();
    while let Some(start) = rest.find("```sh\n") {
        let body = &rest[start + 6..];
        let end = body.find("```").unwrap();
        let block = &body[..end];
        rest = &body[end + 3..];
        let mut lines = block.lines();
        if lines.next() == Some("#!/bin/sh") {
            let purpose = lines.next().unwrap_or("").to_string();
            out.push((purpose, block.to_string()));
        }
    }
    out
}
