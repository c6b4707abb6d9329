//! The generated parts of the documentation, and the links between its pages.
//!
//! - docs/rules.md's rule table (between `<!-- rules:start -->` and `<!-- rules:end -->`) and
//!   one page per rule, docs/rules/CODE.md, are generated from `zonewarden::rules::ALL` (the
//!   rules' docs), `testdata/lint/CODE/` (the broken examples and their `.snap` reports) and
//!   tests/it/rollover.rs (the rollover scenarios). These tests fail when the table or any page
//!   is stale, when a page is missing, or when docs/rules/ holds a page for no rule; run
//!   `ZONEWARDEN_BLESS=1 cargo test --test it docs::` to rewrite them.
//! - Every relative link in README.md, CONTRIBUTING.md and docs/ names a file that exists,
//!   and an anchor a heading of that file makes.
//! - README.md stays an overview that keeps the two quick-start commands.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use zonewarden::rules::ALL;

use crate::docs_support::page as read;
use crate::util::{command_in, root, snapshot_body};

/// `ZONEWARDEN_BLESS` regenerates the docs; it is not a snapshot mechanism (expected output
/// elsewhere is insta's); tests/it/svg_timeline.rs also uses it for docs/images/.
fn bless() -> bool {
    std::env::var_os("ZONEWARDEN_BLESS").is_some()
}

const BLESS: &str = "run `ZONEWARDEN_BLESS=1 cargo test --test it docs::`";

/// The doc's first paragraph on one line: the whole summary, where `Rule::summary` keeps only
/// its first line.
fn first_paragraph(doc: &str) -> String {
    doc.lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The doc after its first paragraph.
fn rest_of_doc(doc: &str) -> String {
    let mut lines = doc.lines().skip_while(|l| l.trim().is_empty());
    for l in lines.by_ref() {
        if l.trim().is_empty() {
            break;
        }
    }
    let rest: Vec<&str> = lines.collect();
    rest.join("\n").trim().to_string()
}

fn table() -> String {
    let mut s = String::from("| code | name | default | what it checks |\n|---|---|---|---|\n");
    for r in ALL {
        s.push_str(&format!(
            "| [{code}](rules/{code}.md) | {} | {} | {} |\n",
            r.name,
            r.severity.as_str(),
            first_paragraph(&r.doc_text()).replace('|', "\\|"),
            code = r.code,
        ));
    }
    s
}

/// docs/rules.md with its table made from `rules::ALL`.
fn rules_page() -> String {
    let page = read("docs/rules.md");
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = page
        .find(start)
        .expect("docs/rules.md has a rules:start marker")
        + start.len();
    let b = page
        .find(end)
        .expect("docs/rules.md has a rules:end marker");
    format!("{}{}{}", &page[..a], table(), &page[b..])
}

#[test]
fn rule_table_is_current() {
    bless_once();
    let want = rules_page();
    if read("docs/rules.md") != want {
        panic!(
            "the rule table in docs/rules.md is stale; {BLESS}. Expected:\n{}",
            table()
        );
    }
}

/// The files of `testdata/lint/DIR/`, sorted.
fn files_in(dir: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root().join("testdata/lint").join(dir)) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    out.sort();
    out
}

fn rel(path: &Path) -> String {
    path.strip_prefix(root()).unwrap().display().to_string()
}

/// A link from docs/rules/ to a file of the repository.
fn link(path: &Path) -> String {
    format!("[`{0}`](../../{0})", rel(path))
}

/// The broken examples of a rule: each case of `testdata/lint/CODE/`, its report and what
/// it is linted with.
fn broken_examples(code: &str) -> String {
    let files = files_in(code);
    let zones: Vec<&PathBuf> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "zone"))
        .collect();
    assert!(!zones.is_empty(), "no cases in testdata/lint/{code}/");
    let mut s = String::from("## Broken example");
    if zones.len() > 1 {
        s.push('s');
    }
    s.push_str(&format!(
        "\n\nFrom [`testdata/lint/{code}/`](../../testdata/lint/{code}/). `tests/it/lint_corpus.rs` \
         lints each zone there as of 2026-11-25T00:00:00Z (`--now`) and compares the report \
         with the `.snap` file beside it.\n"
    ));
    for zone in &zones {
        let stem = zone.file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(zone).unwrap();
        let snap = std::fs::read_to_string(zone.with_extension("snap"))
            .unwrap_or_else(|_| panic!("{} has no .snap", zone.display()));
        s.push_str(&format!(
            "\n### {stem}\n\n{}:\n\n```text\n{text}",
            link(zone)
        ));
        if !text.ends_with('\n') {
            s.push('\n');
        }
        s.push_str("```\n\n");
        let certs = zone.with_extension("certs");
        if certs.exists() {
            let list: Vec<String> = std::fs::read_to_string(&certs)
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| format!("`--cert {}`", l.trim()))
                .collect();
            s.push_str(&format!(
                "Linted with the certificates and keys of {}: {}. ",
                link(&certs),
                list.join(", ")
            ));
        }
        let ds = zone.with_extension("ds");
        if ds.exists() {
            s.push_str(&format!(
                "Linted with the parent's DS records of {}, as `verify --ds` reads them. ",
                link(&ds)
            ));
        }
        s.push_str(&format!(
            "The report ({}):\n\n```text\n{}",
            link(&zone.with_extension("snap")),
            snapshot_body(&snap)
        ));
        if !s.ends_with('\n') {
            s.push('\n');
        }
        s.push_str("```\n");
    }
    let others: Vec<String> = files
        .iter()
        .filter(|p| {
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            !["zone", "snap", "certs", "ds"].contains(&ext)
        })
        .map(|p| link(p))
        .collect();
    if !others.is_empty() {
        s.push_str(&format!(
            "\nFiles these cases read through `$INCLUDE`: {}.\n",
            others.join(", ")
        ));
    }
    s
}

/// A clean zone of `testdata/lint/clean/` and what it has.
struct Clean {
    file: &'static str,
    what: &'static str,
}

const MAIL: Clean = Clean {
    file: "mail_domain.zone",
    what: "a mail domain with every host on IPv4 and IPv6: MX, SPF, DKIM, DMARC, MTA-STS, \
           SRV and DANE records, owners carried over from line to line, a DKIM key in \
           quoted strings over several lines, and an inline suppression",
};
const SIGNED: Clean = Clean {
    file: "dane_mail_signed.zone",
    what: "a mail domain signed by `dnssec-signzone` (ECDSAP256SHA256, NSEC) with TLSA \
           records for its MX hosts, SPF, DKIM, DMARC, MTA-STS, TLS-RPT, CAA and a null MX; \
           linted with the certificate and the staged next key of `dane_mail_signed.certs`",
};
const RENEWED: Clean = Clean {
    file: "dane_renewed_published.zone",
    what: "a mail domain signed by `dnssec-signzone` after its certificate was renewed with \
           a new key: the new key's record published for both MX hosts (one by a CNAME to \
           the other's records), with the staged next key and the issuing CA; linted with \
           that certificate, which names both hosts, and the next key of \
           `dane_renewed_published.certs`",
};
const DELEGATIONS: Clean = Clean {
    file: "delegations_with_glue.zone",
    what: "a parent zone with signed and unsigned delegations: in-bailiwick servers with A \
           and AAAA glue, sibling glue, a DS with a SHA-256 digest at a cut",
};
const SIGNER_INPUT: Clean = Clean {
    file: "signer_input.zone",
    what: "a zone as it is handed to a signer: its key published with the CDS and CDNSKEY \
           that match it, nothing signed yet",
};
const REVERSE: Clean = Clean {
    file: "reverse_ipv4.zone",
    what: "a reverse zone with an SOA over several lines in parentheses, PTRs written out \
           and a pool made by `$GENERATE`",
};
const WEB: Clean = Clean {
    file: "web_with_include.zone",
    what: "a web zone with hosts read through `$INCLUDE`, a wildcard, aliases, CAA and HTTPS \
           records",
};

/// The clean zones closest to what a rule checks.
fn clean_zones(code: &str) -> Vec<Clean> {
    match code {
        "ZW1005" | "ZW1013" | "ZW1118" => vec![REVERSE],
        "ZW1012" | "ZW1101" | "ZW1102" | "ZW1121" | "ZW1122" => vec![WEB],
        "ZW1109" | "ZW1110" | "ZW1111" | "ZW1124" => vec![DELEGATIONS],
        "ZW2105" | "ZW2106" => vec![SIGNER_INPUT, SIGNED],
        "ZW1123" => vec![MAIL, DELEGATIONS],
        "ZW2403" => vec![SIGNED, DELEGATIONS],
        "ZW3008" => vec![SIGNED, MAIL],
        "ZW3011" => vec![RENEWED],
        "ZW4012" => vec![SIGNED, WEB],
        c if c.starts_with("ZW2") || c.starts_with("ZW3") => vec![SIGNED],
        c if c.starts_with("ZW4") => vec![MAIL, SIGNED],
        _ => vec![MAIL],
    }
}

/// The codes a zone's `; zonewarden: ignore[...]` comments name.
fn suppressed(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(at) = line.find("zonewarden: ignore[") else {
            continue;
        };
        let list = &line[at + "zonewarden: ignore[".len()..];
        let list = &list[..list.find(']').unwrap_or(list.len())];
        out.extend(list.split(',').map(|c| c.trim().to_string()));
    }
    out
}

fn clean_example(code: &str) -> String {
    // A clean zone that suppresses the rule passes it only by that comment: name it.
    let suppressing: Vec<String> = files_in("clean")
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "zone"))
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            suppressed(&text)
                .iter()
                .any(|c| code.starts_with(c.as_str()))
        })
        .map(|p| format!("`{}`", p.file_name().unwrap().to_str().unwrap()))
        .collect();
    let passes = if suppressing.is_empty() {
        "this rule included".to_string()
    } else {
        format!(
            "and passes this rule, except {}, which suppresses it with an inline comment",
            suppressing.join(", ")
        )
    };
    let mut s = format!(
        "## Clean example\n\nEvery zone in [`testdata/lint/clean/`](../../testdata/lint/clean/) \
         raises nothing, {passes} (`tests/it/lint_corpus.rs` checks that they raise nothing). \
         Closest to what {code} checks:\n\n"
    );
    for c in clean_zones(code) {
        let path = root().join("testdata/lint/clean").join(c.file);
        let text = std::fs::read_to_string(&path).unwrap();
        // The zone must pass the rule, not have it suppressed.
        for s in suppressed(&text) {
            assert!(
                !code.starts_with(s.as_str()),
                "{}: suppresses {code}, so it is no clean example of it",
                c.file
            );
        }
        s.push_str(&format!("- {}: {}.\n", link(&path), c.what));
    }
    if code.starts_with("ZW23") {
        let (zone, what) = if code == "ZW2305" {
            (
                "delegations.example.net.bind-ed25519-nsec3-optout.signed",
                "NSEC3 with opt-out",
            )
        } else {
            (
                "types-services.example.org.ldns-rsasha512-nsec3.signed",
                "NSEC3, no salt, no extra iterations",
            )
        };
        s.push_str(&format!(
            "\nThe clean zones use NSEC; for NSEC3 ({what}), {} passes `zonewarden verify` \
             (`tests/it/verify.rs`, `the_signed_corpus_verifies_clean`).\n",
            link(&root().join("testdata/zones/signed").join(zone))
        ));
    }
    s
}

/// A step of a rollover scenario in tests/it/rollover.rs.
struct Step {
    what: String,
    old: String,
    new: String,
    now: String,
    extra: String,
    verdict: String,
    codes: Vec<String>,
}

/// The scenario steps of tests/it/rollover.rs (its `CASES`), read from its source.
fn rollover_steps() -> Vec<Step> {
    let src = read("tests/it/rollover.rs");
    let consts: BTreeMap<&str, &str> = src
        .lines()
        .filter_map(|l| {
            let l = l.strip_prefix("const ")?;
            let (name, value) = l.split_once(": &str = \"")?;
            Some((name, value.strip_suffix("\";")?))
        })
        .collect();
    let cases = &src[src
        .find("const CASES")
        .expect("tests/it/rollover.rs has CASES")..];
    let cases = &cases[..cases.find("\n];").unwrap()];
    let field = |block: &str, name: &str| -> String {
        let at = block
            .find(&format!("{name}: "))
            .unwrap_or_else(|| panic!("a case without `{name}`:\n{block}"));
        let v = block[at + name.len() + 2..].lines().next().unwrap();
        let v = v.strip_suffix(',').unwrap_or(v);
        if let Some(s) = v.strip_prefix('"') {
            s.strip_suffix('"').unwrap().to_string()
        } else if let Some(list) = v.strip_prefix("&[") {
            list.strip_suffix(']').unwrap().replace('"', "")
        } else {
            consts
                .get(v)
                .unwrap_or_else(|| panic!("`{v}` is not a const"))
                .to_string()
        }
    };
    cases
        .split("Case {")
        .skip(1)
        .map(|block| Step {
            what: field(block, "what"),
            old: field(block, "old"),
            new: field(block, "new"),
            now: field(block, "now"),
            extra: field(block, "extra"),
            verdict: field(block, "verdict"),
            codes: field(block, "codes")
                .split(',')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect(),
        })
        .collect()
}

fn steps_table(steps: &[&Step]) -> String {
    let mut s = String::from("| step | OLD | NEW | NEW goes live | options | verdict |\n");
    s.push_str("|---|---|---|---|---|---|\n");
    for st in steps {
        let extra = st.extra.replace(", ", " ");
        s.push_str(&format!(
            "| {} | `{}` | `{}` | {} | {} | {}{} |\n",
            st.what,
            st.old,
            st.new,
            st.now,
            if extra.is_empty() {
                String::new()
            } else {
                format!("`{extra}`")
            },
            st.verdict,
            if st.codes.is_empty() {
                String::new()
            } else {
                format!(" ({})", st.codes.join(", "))
            }
        ));
    }
    s
}

/// ZW5xxx: the scenario steps that raise the rule, and the safe steps of the same scenarios.
fn rollover_examples(code: &str, steps: &[Step]) -> String {
    let broken: Vec<&Step> = steps
        .iter()
        .filter(|s| s.codes.iter().any(|c| c == code))
        .collect();
    assert!(!broken.is_empty(), "no rollover scenario raises {code}");
    let scenario = |s: &Step| s.what.split_once(": ").map(|(a, _)| a.to_string());
    let families: BTreeSet<Option<String>> = broken.iter().map(|s| scenario(s)).collect();
    let safe: Vec<&Step> = steps
        .iter()
        .filter(|s| s.verdict == "safe" && families.contains(&scenario(s)))
        .collect();
    let mut s = String::from(
        "## Examples\n\nA rollover rule judges two versions of a zone, so there is no single \
         broken zone in `testdata/lint/`. `tests/it/rollover.rs` judges each step of a ZSK \
         pre-publication, a double-DS KSK rollover, an algorithm rollover and a TLSA \
         rollover, between versions that `scripts/make-rollover-scenarios.sh` signs at test \
         time, each with `zonewarden rollover OLD NEW --published-at 2027-01-01T00:00:00Z \
         --now TIME`.\n\n### Broken\n\nThe steps that raise ",
    );
    s.push_str(&format!("{code}:\n\n{}", steps_table(&broken)));
    s.push_str("\n### Clean\n\n");
    if safe.is_empty() {
        s.push_str("No step of the same scenario is judged `safe`; see the other steps of `tests/it/rollover.rs`.\n");
    } else {
        s.push_str(&format!(
            "Steps of the same scenario{} judged `safe`:\n\n{}",
            if families.len() > 1 { "s" } else { "" },
            steps_table(&safe)
        ));
    }
    s
}

/// ZW6xxx: the lines of the broken repository's report that raise the rule.
fn crosszone_examples(code: &str) -> String {
    let snap = read("tests/it/snapshots/it__repo__repo_broken_short.snap");
    let lines: Vec<&str> = snapshot_body(&snap)
        .lines()
        .filter(|l| l.contains(&format!("[{code}]")))
        .collect();
    assert!(!lines.is_empty(), "testdata/repo/broken/ raises no {code}");
    format!(
        "## Examples\n\nA cross-zone rule needs several zones in one run, so there is no single \
         broken zone in `testdata/lint/`. `tests/it/repo.rs` runs `zonewarden lint --now \
         2026-12-01T00:00:00Z .` in [`testdata/repo/broken/`](../../testdata/repo/broken/) and \
         in [`testdata/repo/good/`](../../testdata/repo/good/) (a parent, an unsigned and a \
         signed child, a forward zone, its IPv4 reverse zone with an RFC 2317 classless \
         delegation and its IPv6 reverse zone; `scripts/make-repo-testdata.sh` makes both).\n\n\
         ### Broken\n\nThe findings of {code} in `testdata/repo/broken/` (`--format short`):\n\n\
         ```text\n{}\n```\n\n### Clean\n\nThe same zones in `testdata/repo/good/` raise no \
         finding at all.\n",
        lines.join("\n")
    )
}

fn unreadable_examples() -> String {
    "## Examples\n\nNo case in `testdata/lint/` can show this rule: it is raised for a zone \
     file larger than 4 GiB, one that cannot be read to its end, and a zone whose records' \
     data reach 4 GiB in wire form (a file that cannot be opened at all is an input error, \
     exit status 2). `tests/it/hostile.rs` (`rdata_arena_never_wraps`) checks the last with a \
     smaller limit. A file that can be read passes it, such as every zone in \
     [`testdata/lint/clean/`](../../testdata/lint/clean/).\n"
        .to_string()
}

fn rule_page(r: &zonewarden::diag::Rule, steps: &[Step]) -> String {
    let doc = r.doc_text();
    let mut s = format!(
        "# {code} {name}\n\n<!-- Generated by tests/it/docs.rs from the rule's doc and its examples; \
         `ZONEWARDEN_BLESS=1 cargo test --test it docs::` rewrites it. -->\n\n\
         | code | name | default severity |\n|---|---|---|\n| {code} | {name} | {sev} |\n\n\
         {summary}\n\n",
        code = r.code,
        name = r.name,
        sev = r.severity.as_str(),
        summary = first_paragraph(&doc),
    );
    let rest = rest_of_doc(&doc);
    if !rest.is_empty() {
        s.push_str(&rest);
        s.push_str("\n\n");
    }
    s.push_str(&format!(
        "`zonewarden explain {}` prints this documentation. All rules: [the rule table](../rules.md).\n\n",
        r.code
    ));
    if r.code == "ZW1016" {
        s.push_str(&unreadable_examples());
    } else if r.code.starts_with("ZW6") {
        s.push_str(&crosszone_examples(r.code));
    } else if r.code.starts_with("ZW5") {
        s.push_str(&rollover_examples(r.code, steps));
    } else {
        s.push_str(&broken_examples(r.code));
        s.push('\n');
        s.push_str(&clean_example(r.code));
    }
    s
}

/// Every page docs/rules/ should hold, by file name.
fn rule_pages() -> BTreeMap<String, String> {
    let steps = rollover_steps();
    ALL.iter()
        .map(|r| (format!("{}.md", r.code), rule_page(r, &steps)))
        .collect()
}

/// The files in docs/rules/.
fn rule_files() -> BTreeSet<String> {
    std::fs::read_dir(root().join("docs/rules"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default()
}

/// With `ZONEWARDEN_BLESS` set, rewrites the rule table and docs/rules/ once, before any test
/// here reads them (the link check reads the pages the others write).
fn bless_once() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        if !bless() {
            return;
        }
        std::fs::write(root().join("docs/rules.md"), rules_page()).unwrap();
        let dir = root().join("docs/rules");
        std::fs::create_dir_all(&dir).unwrap();
        let want = rule_pages();
        for f in rule_files() {
            if !want.contains_key(&f) {
                std::fs::remove_file(dir.join(f)).unwrap();
            }
        }
        for (f, text) in &want {
            if std::fs::read_to_string(dir.join(f)).ok().as_ref() != Some(text) {
                std::fs::write(dir.join(f), text).unwrap();
            }
        }
    });
}

#[test]
fn rule_pages_are_current() {
    bless_once();
    let dir = root().join("docs/rules");
    let want = rule_pages();
    let have = rule_files();
    let extra: Vec<&String> = have.iter().filter(|f| !want.contains_key(*f)).collect();
    let mut missing = Vec::new();
    let mut stale = Vec::new();
    for (file, text) in &want {
        match std::fs::read_to_string(dir.join(file)) {
            Ok(t) if t == *text => {}
            Ok(_) => stale.push(file),
            Err(_) => missing.push(file),
        }
    }
    assert!(
        extra.is_empty() && missing.is_empty() && stale.is_empty(),
        "docs/rules/ is out of date; {BLESS}.\nstale: {stale:?}\nmissing: {missing:?}\n\
         pages for no rule: {extra:?}"
    );
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces made hyphens.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ' ')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The lines of a Markdown file outside fenced code blocks, with their line numbers.
fn prose(text: &str) -> Vec<(usize, &str)> {
    let mut fence = false;
    let mut out = Vec::new();
    for (n, l) in text.lines().enumerate() {
        if l.trim_start().starts_with("```") {
            fence = !fence;
        } else if !fence {
            out.push((n + 1, l));
        }
    }
    out
}

fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = BTreeSet::new();
    for (_, l) in prose(text) {
        let Some(h) = l.strip_prefix('#') else {
            continue;
        };
        let h = h.trim_start_matches('#');
        if !h.starts_with(' ') {
            continue;
        }
        let s = slug(h);
        let n = seen.entry(s.clone()).or_insert(0);
        out.insert(if *n == 0 {
            s.clone()
        } else {
            format!("{s}-{n}")
        });
        *n += 1;
    }
    out
}

/// The Markdown files whose links are checked: README.md, CONTRIBUTING.md and docs/.
fn markdown_files() -> Vec<PathBuf> {
    let mut out = vec![root().join("README.md"), root().join("CONTRIBUTING.md")];
    let mut dirs = vec![root().join("docs")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The targets of the inline links `[text](target)` in a line, outside code spans.
fn links(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'`' => in_code = !in_code,
            b']' if !in_code && b.get(i + 1) == Some(&b'(') => {
                if let Some(end) = line[i + 2..].find(')') {
                    out.push(line[i + 2..i + 2 + end].to_string());
                    i += 2 + end;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[test]
fn every_link_resolves() {
    bless_once();
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in markdown_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in prose(&text) {
            for target in links(line) {
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                checked += 1;
                let (path, anchor) = match target.split_once('#') {
                    Some((p, a)) => (p, Some(a)),
                    None => (target.as_str(), None),
                };
                let dest = if path.is_empty() {
                    file.clone()
                } else {
                    file.parent().unwrap().join(path)
                };
                let at = format!("{}:{n}: ({target})", rel(&file));
                if !dest.exists() {
                    broken.push(format!("{at}: no such file"));
                    continue;
                }
                if let Some(a) = anchor {
                    let dest_text = std::fs::read_to_string(&dest).unwrap_or_default();
                    if !anchors(&dest_text).contains(a) {
                        broken.push(format!("{at}: no heading makes #{a}"));
                    }
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} links found");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn slugs_are_githubs() {
    assert_eq!(
        slug(" `zonewarden verify ZONE...`"),
        "zonewarden-verify-zone"
    );
    assert_eq!(
        slug(" In the publication path: NSD's zone verifier"),
        "in-the-publication-path-nsds-zone-verifier"
    );
    assert_eq!(
        slug(" `zonewarden explain CODE` and `zonewarden rules`"),
        "zonewarden-explain-code-and-zonewarden-rules"
    );
    assert_eq!(
        links("see [a](b.md#c) and `[x](y)` and [d](e)"),
        ["b.md#c", "e"]
    );
}

/// The README is an overview: at most 15 KB, with the two commands for a fresh machine that
/// CI and newcomers run, as they stand.
#[test]
fn readme_stays_an_overview() {
    let readme = read("README.md");
    assert!(
        readme.len() <= 15 * 1024,
        "README.md is {} bytes; move detail into docs/",
        readme.len()
    );
    for block in [
        "```sh\ncargo run --release -- lint testdata/zones/example.com.zone\n```",
        "```sh\nscripts/test.sh\n```",
    ] {
        assert!(readme.contains(block), "README.md lacks\n{block}");
    }
    assert!(
        read(".ci/run").lines().any(|l| l == "scripts/test.sh"),
        ".ci/run runs the README's test command"
    );
    // The summary line the quick start shows is what the command prints.
    let o = command_in(root())
        .args(["lint", "testdata/zones/example.com.zone"])
        .current_dir(root())
        .output()
        .unwrap();
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        readme.contains(&format!("```text\n{out}```")),
        "README.md's quick start does not show what lint prints:\n{out}"
    );
}
