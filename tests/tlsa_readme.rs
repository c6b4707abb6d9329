//! The README's `zonewarden tlsa` examples are real: each ```text block that starts with
//! `$ zonewarden tlsa …` is run from the crate root and must print exactly the lines below it.

use std::path::Path;
use std::process::Command;

/// (command line, expected output) for each example block.
fn examples(readme: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = readme;
    while let Some(start) = rest.find("```text\n") {
        let body = &rest[start + 8..];
        let end = body.find("```").expect("closed code block");
        let block = &body[..end];
        rest = &body[end + 3..];
        let Some(first) = block.lines().next() else {
            continue;
        };
        if let Some(cmd) = first.strip_prefix("$ zonewarden tlsa ") {
            let expected = block[first.len() + 1..].to_string();
            out.push((cmd.to_string(), expected));
        }
    }
    out
}

#[test]
fn readme_tlsa_examples_print_what_they_show() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let examples = examples(&readme);
    assert!(examples.len() >= 2, "the README shows tlsa examples");
    for (cmd, expected) in examples {
        let args: Vec<&str> = cmd.split_whitespace().collect();
        let o = Command::new(env!("CARGO_BIN_EXE_zonewarden"))
            .arg("tlsa")
            .args(&args)
            .current_dir(root)
            .output()
            .unwrap();
        let mut got = String::from_utf8_lossy(&o.stdout).into_owned();
        if !o.stderr.is_empty() {
            got.push_str(&String::from_utf8_lossy(&o.stderr));
        }
        assert_eq!(got, expected, "README example `zonewarden tlsa {cmd}`");
    }
}
