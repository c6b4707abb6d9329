//! `--format sarif` validates against the official SARIF 2.1.0 schema (vendored in
//! `schemas/vendor/`) over the whole broken-zone corpus; `--format github` writes one
//! workflow command per finding.

use crate::util::{self, command_in};

fn corpus() -> Vec<String> {
    let root = util::root();
    let mut files = Vec::new();
    for dir in std::fs::read_dir(root.join("testdata/lint")).unwrap() {
        for e in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "zone") {
                files.push(p.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    files
}

#[test]
fn sarif_of_the_broken_corpus_validates_against_the_sarif_schema() {
    let root = util::root();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("schemas/vendor/sarif-2.1.0-rtm.5.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let files = corpus();
    let o = command_in(util::root())
        .args(["lint", "--format", "sarif", "--now", "2026-11-25T00:00:00Z"])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(results.len() > 100, "{} results", results.len());
    // Every result points at a file and line, and at a rule the driver describes with help.
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        assert!(rules[idx]["help"]["text"]
            .as_str()
            .unwrap()
            .contains("## What it checks"));
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .starts_with("testdata/lint/"));
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    // The schema is strict enough to catch a broken log: the test can fail.
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&bad));
}

#[test]
fn github_format_writes_workflow_commands() {
    let files = vec!["testdata/lint/ZW1101/cname_with_txt.zone".to_string()];
    let o = command_in(util::root())
        .args([
            "lint",
            "--format",
            "github",
            "--now",
            "2026-11-25T00:00:00Z",
        ])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "::error file=testdata/lint/ZW1101/cname_with_txt.zone,line=9,col=1,endLine=9,title=ZW1101 cname-and-other-data::\
         CNAME at www.cname-with-txt.example. shares its owner with TXT%0Ahelp: move the other records to the CNAME's target, or replace the CNAME with them"
    );
}
