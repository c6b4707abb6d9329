//! Lists the lint corpus for the integration tests: one `#[test]` per `testdata/lint/**/*.zone`
//! (tests/it/lint_corpus.rs includes `$OUT_DIR/lint_cases.rs`), so that a failure names its
//! case. No corpus (a packaged crate) makes an empty list.

use std::path::{Path, PathBuf};

fn zones(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            zones(&p, out);
        } else if p.extension().is_some_and(|x| x == "zone") {
            out.push(p);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=testdata/lint");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let corpus = root.join("testdata/lint");
    let mut found = Vec::new();
    zones(&corpus, &mut found);
    let mut rel: Vec<String> = found
        .iter()
        .filter_map(|p| p.strip_prefix(&corpus).ok()?.to_str().map(str::to_owned))
        .collect();
    rel.sort();
    let mut names = Vec::new();
    let mut code = String::new();
    for case in &rel {
        let stem = case.strip_suffix(".zone").unwrap();
        let mut name: String = stem
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        if name.starts_with(|c: char| c.is_ascii_digit()) {
            name.insert(0, '_');
        }
        while names.contains(&name) {
            name.push('_');
        }
        code += &format!(
            "#[test]\nfn {name}() {{\n    check_case({:?});\n}}\n\n",
            format!("testdata/lint/{case}")
        );
        names.push(name);
    }
    code += &format!(
        "/// Every case above.\nconst CASES: &[&str] = &{:?};\n",
        rel.iter()
            .map(|c| format!("testdata/lint/{c}"))
            .collect::<Vec<_>>()
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("lint_cases.rs");
    std::fs::write(out, code).unwrap();
}
