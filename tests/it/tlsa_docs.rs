//! The `zonewarden tlsa` examples of docs/tlsa.md are real: each ```text block that starts with
//! `$ zonewarden tlsa …` is run from the crate root and must print exactly the lines below it.

use crate::util::{self, command_in};

/// (command line, expected output) for each example block.
fn examples(page: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = page;
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
fn documented_tlsa_examples_print_what_they_show() {
    let root = util::root();
    let page = std::fs::read_to_string(root.join("docs/tlsa.md")).unwrap();
    let examples = examples(&page);
    assert!(examples.len() >= 2, "docs/tlsa.md shows tlsa examples");
    for (cmd, expected) in examples {
        let args: Vec<&str> = cmd.split_whitespace().collect();
        let o = command_in(root)
            .arg("tlsa")
            .args(&args)
            .current_dir(root)
            .output()
            .unwrap();
        let mut got = String::from_utf8_lossy(&o.stdout).into_owned();
        if !o.stderr.is_empty() {
            got.push_str(&String::from_utf8_lossy(&o.stderr));
        }
        assert_eq!(
            got, expected,
            "docs/tlsa.md example `zonewarden tlsa {cmd}`"
        );
    }
}
