//! The rule registry checks itself: `rules::ALL` holds every rule declared in `src/rules/`,
//! once, in code order, and each rule's constant is its name (`missing-aaaa` is
//! `MISSING_AAAA`), so that a code, a name and the code that raises it find each other.

use std::collections::BTreeSet;
use zonewarden::rules::ALL;

/// `(constant, code, name)` of every `declare_rule!` in `src/rules/`.
fn declared() -> Vec<(String, String, String)> {
    let dir = crate::util::root().join("src/rules");
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        for line in text.lines() {
            // `    pub MISSING_AAAA = ("ZW1123", "missing-aaaa", Warning);`
            let Some(rest) = line.trim().strip_prefix("pub ") else {
                continue;
            };
            let Some((constant, tuple)) = rest.split_once(" = (\"") else {
                continue;
            };
            let mut parts = tuple.split('"');
            let code = parts.next().unwrap_or_default();
            let name = parts.nth(1).unwrap_or_default();
            out.push((constant.to_string(), code.to_string(), name.to_string()));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

#[test]
fn the_registry_is_complete_sorted_and_unique() {
    let codes: Vec<&str> = ALL.iter().map(|r| r.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted, "rules::ALL is not in code order");
    let unique: BTreeSet<&str> = codes.iter().copied().collect();
    assert_eq!(unique.len(), codes.len(), "a code is registered twice");
    let names: BTreeSet<&str> = ALL.iter().map(|r| r.name).collect();
    assert_eq!(names.len(), codes.len(), "a name is used twice");
    for r in ALL {
        let family = r.code.strip_prefix("ZW").unwrap_or_default();
        assert!(
            family.len() == 4 && family.bytes().all(|b| b.is_ascii_digit()),
            "{} is not ZW and four digits",
            r.code
        );
        assert!(!r.doc.trim().is_empty(), "{} has no documentation", r.code);
    }
    let declared = declared();
    let declared_codes: Vec<&str> = declared.iter().map(|d| d.1.as_str()).collect();
    assert_eq!(
        declared_codes, codes,
        "rules::ALL differs from the rules declared in src/rules/"
    );
}

#[test]
fn each_constant_is_its_rule_name() {
    let differ: Vec<String> = declared()
        .into_iter()
        .filter(|(constant, _, name)| *constant != name.to_ascii_uppercase().replace('-', "_"))
        .map(|(constant, code, name)| format!("{code}: {constant} for `{name}`"))
        .collect();
    assert!(
        differ.is_empty(),
        "constants that are not their rule's name:\n{}",
        differ.join("\n")
    );
}
