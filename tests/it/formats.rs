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

/// Findings with secondary spans (issue #15): a zone written here whose evidence lies in
/// the same file and in an `$INCLUDE`d one, and corpus cases for signatures, keys and MX.
/// The human, JSON and SARIF reports show the evidence; the JSON validates against
/// `schemas/report.schema.json` and the SARIF against the OASIS schema.
#[test]
fn related_spans_in_human_json_and_sarif() {
    let root = util::root();
    let dir = util::scratch("formats-related-spans");
    std::fs::write(
        dir.join("related.zone"),
        "$ORIGIN related.example.\n\
         $TTL 3600\n\
         @      SOA    ns1 hostmaster 1 7200 3600 1209600 3600\n\
         @      SOA    ns1 hostmaster 2 7200 3600 1209600 3600\n\
         \x20      NS     ns1\n\
         \x20      MX     10 mail\n\
         ns1    A      192.0.2.1\n\
         ns1    AAAA   2001:db8::1\n\
         www    CNAME  web.example.net.\n\
         www    TXT    \"v=1\"\n\
         $INCLUDE hosts.inc\n",
    )
    .unwrap();
    std::fs::write(dir.join("hosts.inc"), "mail   A      192.0.2.25\n").unwrap();
    let mut files = vec!["related.zone".to_string()];
    for case in [
        "ZW2001/record_edited_after_signing.zone",
        "ZW2107/two_keys_one_tag.zone",
        "ZW3007/mx_host_without_tlsa.zone",
    ] {
        let name = case.replace('/', "-");
        std::fs::copy(root.join("testdata/lint").join(case), dir.join(&name)).unwrap();
        files.push(name);
    }
    let run = |format: &str| {
        let o = command_in(&dir)
            .args(["lint", "--format", format, "--now", "2026-11-25T00:00:00Z"])
            .args(&files)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{o:?}");
        String::from_utf8(o.stdout).unwrap()
    };
    let validate = |path: &str, log: &serde_json::Value| {
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root.join(path)).unwrap()).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(log)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
    };

    let human = run("human");
    for label in [
        "the first SOA record",
        "TXT record at the same owner",
        "has this A record but no AAAA record",
        "this signature does not verify over the RRset",
        "the key it was checked against",
        "the first key with tag",
        "has TLSA records",
    ] {
        assert!(human.contains(label), "{label} missing from\n{human}");
    }
    // The host's A record is shown in the file that holds it.
    assert!(human.contains("::: hosts.inc:1:1"), "{human}");
    insta::assert_snapshot!("related_spans_human", human);

    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    validate("schemas/report.schema.json", &json);
    let with_related: Vec<&serde_json::Value> = json["zones"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|z| z["diagnostics"].as_array().unwrap())
        .filter(|d| d.get("related").is_some())
        .collect();
    assert!(with_related.len() >= 5, "{json:#}");
    // The version in `tool` changes with every release.
    let mut json = json;
    json["tool"] = "zonewarden [version]".into();
    insta::assert_json_snapshot!("related_spans_json", json);

    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    validate("schemas/vendor/sarif-2.1.0-rtm.5.json", &sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let related: Vec<&serde_json::Value> = results
        .iter()
        .filter_map(|r| r.get("relatedLocations"))
        .collect();
    assert!(related.len() >= 5, "{sarif:#}");
    for locations in related {
        for l in locations.as_array().unwrap() {
            assert!(l["id"].is_u64());
            assert!(l["message"]["text"].as_str().is_some_and(|t| !t.is_empty()));
            assert!(
                l["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap()
                    >= 1
            );
        }
    }
    // The driver's rules carry the whole documentation; the results are what matters here.
    let results = serde_json::Value::Array(results.clone());
    insta::assert_json_snapshot!("related_spans_sarif_results", results);
}

/// A secondary span on the shown part of the primary's line is drawn in the same snippet;
/// one on a line too long to show whole gets its own, cut like the primary's; labels are
/// escaped like messages.
#[test]
fn related_spans_on_one_line_share_a_snippet() {
    use zonewarden::diag::Diagnostic;
    use zonewarden::report::{human, ZoneReport};
    use zonewarden::source::Span;
    let dir = util::scratch("formats-related-one-line");
    let long = "a".repeat(2000);
    let text = format!(
        "$ORIGIN one-line.example.\n@ 3600 SOA ns1 hostmaster 1 7200 3600 1209600 3600\n\
         www 3600 TXT \"x\" \"{long}\" \"y\"\n"
    );
    let path = dir.join("one-line.zone");
    std::fs::write(&path, &text).unwrap();
    let zone =
        zonewarden::zone::read_file(&path, &zonewarden::zone::ReadOptions::default()).unwrap();
    let at = |s: &str| text.find(s).unwrap();
    let span = |s: &str| Span::new(0, at(s), at(s) + s.len());
    let d = Diagnostic::new(
        &zonewarden::rules::structure::CNAME_AND_OTHER_DATA,
        Some(span("www")),
        "primary",
    )
    .with_related(span("TXT"), "same line \x1b[2J")
    .with_related(span("\"y\""), "far along the line");
    let r = ZoneReport {
        zone: &zone,
        diagnostics: vec![d],
    };
    let mut out = Vec::new();
    human::render_zone(&mut out, &r, false).unwrap();
    let out = String::from_utf8(out).unwrap();
    // One header for the line with `www` and `TXT`, one for the far end of it.
    assert_eq!(out.matches("one-line.zone:3:").count(), 2, "{out}");
    assert!(out.contains("--- same line \\x1b[2J"), "{out}");
    assert!(!out.contains('\x1b'), "{out}");
    assert!(out.contains("--- far along the line"), "{out}");
    // Cut by the renderer to the width, or by the report to its bounded context.
    assert!(out.contains("...") || out.contains('…'), "{out}");
    assert!(out.len() < 2000, "{out}");
}

/// The Rust sources under `dir`, recursively: (path, text).
fn rust_sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
}

/// The rule constants `&NAME` on a line, as codes.
fn rules_on(line: &str, consts: &[(String, String)]) -> Vec<String> {
    consts
        .iter()
        .filter(|(name, _)| {
            line.match_indices(&format!("&{name}")).any(|(i, m)| {
                let after = line[i + m.len()..].chars().next();
                !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            })
        })
        .map(|(_, code)| code.clone())
        .collect()
}

/// The `fn` a line is in: the index of the nearest `fn` line above it, and its name.
fn enclosing_fn(lines: &[&str], at: usize) -> Option<(usize, String)> {
    (0..=at).rev().find_map(|k| {
        let l = lines[k].trim_start();
        let l = l
            .strip_prefix("pub(crate) ")
            .or(l.strip_prefix("pub "))
            .unwrap_or(l);
        let name = l.strip_prefix("fn ")?;
        let end = name.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
        Some((k, name[..end].to_string()))
    })
}

/// The codes of the rules whose findings `with_related` decorates: the rule constant used
/// before it in its function; in a helper that names none, the constants around the
/// helper's call sites, or in the functions called there.
fn codes_with_evidence() -> std::collections::BTreeSet<String> {
    let root = util::root();
    let mut files = Vec::new();
    rust_sources(&root.join("src"), &mut files);
    let mut consts: Vec<(String, String)> = Vec::new();
    for (path, text) in &files {
        if !path.contains("rules") {
            continue;
        }
        for l in text.lines() {
            let Some(rest) = l.trim_start().strip_prefix("pub ") else {
                continue;
            };
            let Some((name, tail)) = rest.split_once(" = (\"") else {
                continue;
            };
            if let Some(code) = tail.split('"').next().filter(|c| c.starts_with("ZW")) {
                consts.push((name.to_string(), code.to_string()));
            }
        }
    }
    let mut codes = std::collections::BTreeSet::new();
    for (path, text) in &files {
        if path.ends_with("diag.rs") {
            continue;
        }
        let lines: Vec<&str> = text.lines().collect();
        // Rules named in each function's body, by the function's name.
        let body_rules = |name: &str| -> Vec<String> {
            let Some(start) = lines
                .iter()
                .position(|l| l.contains(&format!("fn {name}(")))
            else {
                return Vec::new();
            };
            let end = (start + 1..lines.len())
                .find(|&k| enclosing_fn(&lines, k).is_some_and(|(s, _)| s != start))
                .unwrap_or(lines.len());
            lines[start..end]
                .iter()
                .flat_map(|l| rules_on(l, &consts))
                .collect()
        };
        for (at, _) in lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.contains("with_related("))
        {
            let (start, name) = enclosing_fn(&lines, at).expect("with_related outside a fn");
            let before: Vec<String> = (start..at)
                .rev()
                .flat_map(|k| rules_on(lines[k], &consts))
                .collect();
            if let Some(code) = before.first() {
                codes.insert(code.clone());
                continue;
            }
            let calls: Vec<usize> = (0..lines.len())
                .filter(|&k| k != start && lines[k].contains(&format!("{name}(")))
                .collect();
            assert!(
                !calls.is_empty(),
                "{path}:{}: no rule found for with_related",
                at + 1
            );
            for call in calls {
                // The statement around the call, within the calling function.
                let caller = enclosing_fn(&lines, call).map_or(0, |(s, _)| s);
                let window = (call.saturating_sub(10).max(caller + 1)
                    ..(call + 15).min(lines.len()))
                    .take_while(|&k| enclosing_fn(&lines, k).is_some_and(|(s, _)| s == caller));
                for l in window.map(|k| lines[k]) {
                    codes.extend(rules_on(l, &consts));
                    let called = l.split('(').next().unwrap_or("").trim();
                    let called = called
                        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or("");
                    if !called.is_empty() && called != name {
                        codes.extend(body_rules(called));
                    }
                }
            }
        }
    }
    codes
}

/// Every rule that shows evidence (`with_related`) shows a rendered report of it in its
/// documentation, which `zonewarden explain CODE` prints.
#[test]
fn rules_with_evidence_show_an_example_report() {
    let codes = codes_with_evidence();
    assert!(codes.len() >= 18, "{codes:?}");
    for code in &codes {
        let rule = zonewarden::rules::ALL
            .iter()
            .find(|r| r.code == code)
            .unwrap();
        let doc = rule.doc_text();
        let example = doc
            .split_once("## Example report\n")
            .and_then(|(_, section)| section.split("\n## ").next()?.split_once("```text\n"))
            .map(|(_, block)| block);
        let Some(example) = example else {
            panic!(
                "{code} shows evidence but its doc has no `## Example report` with a text block"
            );
        };
        assert!(
            example.starts_with(&format!("error[{code}]"))
                || example.starts_with(&format!("warning[{code}]"))
                || example.starts_with(&format!("info[{code}]")),
            "{code}: the example report is not a report of {code}"
        );
    }
}
