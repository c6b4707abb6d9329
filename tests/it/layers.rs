//! The library's modules form layers that import one way: a module uses only modules below
//! it. This reads every `crate::` path in `src/` (comments aside, tests included) and fails
//! on any that points to a module on its own layer or above, so that a module can be read
//! and tested with only what is below it.

use std::collections::BTreeSet;
use std::path::Path;

/// The top-level modules, from the bottom up. A module may use any module on a lower line.
const LAYERS: &[&[&str]] = &[
    // Time as an input, writing files atomically, byte spans into source files.
    &["time", "atomic", "source"],
    // Findings: severity, rule, diagnostic.
    &["diag"],
    // The rule catalogue: codes, names and docs, and nothing that raises them.
    &["rules"],
    // The zone model and its reader.
    &["zone"],
    // TLSA records, certificates and keys.
    &["tlsa"],
    // The index the checks walk.
    &["index"],
    // The DNSSEC passes.
    &["dnssec"],
    // The lint checks, by family.
    &["checks"],
    // The engine: runs the checks or verify, suppressions, sorting.
    &["lint"],
    // The checks over all zones of a run, from each zone's compact facts.
    &["crosszone"],
    // The mail-standards scorecard: per-domain verdicts from the findings and the zones.
    &["scorecard"],
    // Report writers and the canonical printer.
    &["report", "print"],
    // Judging two versions; desired state.
    &["rollover", "desired"],
    // zonewarden.toml.
    &["config"],
    // The command line, one file per command.
    &["cli"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The module a file of `src/` belongs to: `src/zone/parser.rs` and `src/zone.rs` are `zone`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_str()
        .unwrap();
    first.trim_end_matches(".rs").to_string()
}

/// The top-level modules a line names as `crate::NAME`.
fn crate_paths(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        // `$crate::` in a macro is the crate itself, not a module.
        let before = &rest[..i];
        rest = &rest[i + "crate::".len()..];
        if before.ends_with('$') || before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.push(name);
        }
    }
    out
}

#[test]
fn every_import_points_down() {
    let src = crate::util::root().join("src");
    let files = crate::util::files_with_ext(&src, "rs");
    let mut problems = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" || module == "main" {
            continue;
        }
        seen.insert(module.clone());
        let Some(from) = layer_of(&module) else {
            problems.insert(format!("{module} is in no layer of tests/it/layers.rs"));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for to in crate_paths(line) {
                if to == module || to == "declare_rule" {
                    continue;
                }
                match layer_of(&to) {
                    Some(l) if l < from => {}
                    Some(_) => {
                        problems.insert(format!(
                            "{}:{}: {module} uses {to}, which is not below it",
                            file.strip_prefix(&src).unwrap().display(),
                            n + 1
                        ));
                    }
                    None => {
                        problems.insert(format!(
                            "{}:{}: {to} is in no layer",
                            file.strip_prefix(&src).unwrap().display(),
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    // Every layer names a module that exists, so the list stays true.
    for layer in LAYERS {
        for m in *layer {
            if !seen.contains(*m) {
                problems.insert(format!(
                    "tests/it/layers.rs names {m}, which src/ does not have"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "imports that point up:\n{}",
        problems.into_iter().collect::<Vec<_>>().join("\n")
    );
}
