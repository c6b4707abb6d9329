//! `schemas/desired-state.schema.json` against the desired-state files: every one in
//! `testdata/desired/` (and every export of the corpus zones) validates, and the broken ones
//! in `testdata/desired/broken/` are refused, by the schema where a schema can say so and by
//! zonewarden's reader always, at the line their `.err.snap` snapshot names.

use crate::util::{command_in, files_with_ext, root, snapshot_body};
use std::path::PathBuf;

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("schemas/desired-state.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

/// YAML to JSON the way serde reads it: serde_yaml into serde_json's value.
fn to_json(yaml: &[u8]) -> Result<serde_json::Value, serde_yaml::Error> {
    serde_yaml::from_slice(yaml)
}

#[test]
fn every_desired_state_file_validates() {
    let v = validator();
    let files: Vec<PathBuf> = files_with_ext(&root().join("testdata/desired"), "yaml")
        .into_iter()
        .filter(|p| !p.starts_with(root().join("testdata/desired/broken")))
        .collect();
    assert!(files.len() >= 10);
    for f in files {
        let json = to_json(&std::fs::read(&f).unwrap()).unwrap();
        let errors: Vec<String> = v
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", f.display());
    }
}

#[test]
fn every_export_validates() {
    let v = validator();
    let manifest = std::fs::read_to_string(root().join("testdata/zones/MANIFEST")).unwrap();
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let mut w = line.split_whitespace();
        let (file, origin) = (w.next().unwrap(), w.next().unwrap());
        for extra in [&[][..], &["--include-dnssec"][..]] {
            let o = command_in(root())
                .arg("export")
                .args(extra)
                .args(["--origin", origin, &format!("testdata/zones/{file}")])
                .current_dir(root())
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(0), "{file}");
            let json = to_json(&o.stdout).unwrap();
            let errors: Vec<String> = v
                .iter_errors(&json)
                .map(|e| format!("{e} at {}", e.instance_path))
                .collect();
            assert!(errors.is_empty(), "{file} {extra:?}: {errors:#?}");
        }
    }
}

/// Broken files whose fault no schema can see: YAML that does not parse or is not UTF-8,
/// and a type given twice in a name's list (a schema cannot compare list items' fields).
const SCHEMA_BLIND: &[&str] = &["yaml-syntax.yaml", "not-utf8.yaml", "duplicate-type.yaml"];

#[test]
fn broken_files_are_refused_with_the_right_line() {
    let v = validator();
    let files = files_with_ext(&root().join("testdata/desired/broken"), "yaml");
    assert!(files.len() >= 10);
    for f in files {
        let name = f.file_name().unwrap().to_str().unwrap();
        let text = std::fs::read(&f).unwrap();
        match to_json(&text) {
            Ok(json) if !SCHEMA_BLIND.contains(&name) => {
                assert!(!v.is_valid(&json), "{name}: the schema accepts it");
            }
            Ok(json) => assert!(
                v.is_valid(&json),
                "{name}: listed as schema-blind, but refused"
            ),
            Err(_) => assert!(
                SCHEMA_BLIND.contains(&name),
                "{name} does not parse as YAML"
            ),
        }
        // The reader's error names the line the `.err.snap` snapshot gives, and that is the line
        // the fault is on.
        let rel = f.strip_prefix(root()).unwrap();
        let snap = std::fs::read_to_string(f.with_extension("err.snap")).unwrap();
        let err = snapshot_body(&snap);
        let after = err
            .strip_prefix(&format!("zonewarden: {}:", rel.display()))
            .unwrap_or_else(|| panic!("{name}: {err}"));
        let line: usize = after.split(':').next().unwrap().parse().unwrap();
        let origin = b"\x07example\x03com\x00";
        let e = zonewarden::desired::read::read_slice(rel, &text, origin).unwrap_err();
        assert_eq!(e.line, line, "{name}: {e}");
        let faulty = String::from_utf8_lossy(&text)
            .lines()
            .nth(line - 1)
            .unwrap()
            .to_string();
        assert!(
            faulty.contains(expected_on_line(name)),
            "{name}: line {line} is `{faulty}`"
        );
    }
}

/// What the faulty line of each broken case holds.
fn expected_on_line(name: &str) -> &'static str {
    match name {
        "absolute-name.yaml" => "www.example.com.:",
        "bad-address.yaml" => "192.0.2.300",
        "bad-ttl.yaml" => "ttl: 1h",
        "duplicate-type.yaml" => "type: A",
        "empty-values.yaml" => "values: []",
        "lowercase-type.yaml" => "type: cname",
        "missing-type.yaml" => "ttl: 300",
        "not-utf8.yaml" => "value: \"caf",
        "out-of-range.yaml" => "port: 70000",
        "relative-target.yaml" => "exchange: mail",
        "string-for-mapping.yaml" => "value: 0 issue",
        "unknown-field.yaml" => "matching-type",
        "yaml-syntax.yaml" => " mail:",
        other => panic!("{other}: add what its faulty line holds"),
    }
}
