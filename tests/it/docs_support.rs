//! The shell recipes of the guide in docs/, for the tests that run them as they stand there
//! (tests/it/tlsa_hooks.rs runs docs/renewal-hooks.md, tests/it/cascade.rs docs/cascade.md): no
//! second copy of a script lives in the tests.

/// The text of a page, by its path from the crate root (`docs/cascade.md`).
pub fn page(path: &str) -> String {
    let full = crate::util::root().join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// Every ```sh block of the page that starts with `#!/bin/sh`, with its second line (the
/// comment that says what the script is for).
pub fn scripts(path: &str) -> Vec<(String, String)> {
    let text = page(path);
    let mut out = Vec::new();
    let mut rest = text.as_str();
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
