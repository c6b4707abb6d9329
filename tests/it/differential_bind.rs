//! Differential test against BIND (and ldns): for every zone in `testdata/zones/MANIFEST`,
//! the records zonewarden reads equal, as (owner, class, type, TTL, RDATA wire bytes), what
//! `named-compilezone -s full` makes of the same zone, printed by `ldns-read-zone -U` in
//! RFC 3597 form so that no text parser of ours is involved on BIND's side.
//!
//! Needs bind9-utils and ldnsutils (`.ci/run` installs them); fails without them.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use zonewarden::zone::{name, read_file, read_text, ReadOptions, Zone};

type Rr = (Vec<u8>, u16, u16, u32, Vec<u8>);

fn records(z: &Zone) -> BTreeSet<Rr> {
    z.records
        .iter()
        .map(|r| {
            (
                name::to_lowercase(z.owner_wire(r)),
                z.class,
                r.rtype,
                r.ttl,
                z.rdata(r).to_vec(),
            )
        })
        .collect()
}

fn opts(origin: &str) -> ReadOptions {
    ReadOptions {
        origin: Some(origin.to_string()),
        origin_source: None,
        ..ReadOptions::default()
    }
}

/// BIND reads the zone; ldns prints BIND's result with every type in `\#` form.
fn bind_records(dir: &Path, file: &str, origin: &str) -> Zone {
    let script = format!(
        "set -o pipefail; {net} named-compilezone -i none -s full -o - {origin} {file} 2>/dev/null | ldns-read-zone -U TYPE0 /dev/stdin",
        net = if Command::new("unshare").args(["-n", "true"]).status().is_ok_and(|s| s.success()) { "unshare -n" } else { "" },
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(dir)
        .output()
        .expect("run bash");
    assert!(
        out.status.success(),
        "BIND/ldns failed on {file}: {}\n(install bind9-utils and ldnsutils)",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !out.stdout.is_empty(),
        "no output from BIND/ldns for {file}"
    );
    let z = read_text(
        "bind-output".into(),
        escape_owners(&out.stdout),
        &opts(origin),
    );
    assert!(
        z.diagnostics.is_empty(),
        "reading BIND's output of {file}: {:?}",
        z.diagnostics
    );
    z
}

#[test]
fn records_equal_bind_for_every_corpus_zone() {
    let dir = crate::util::root().join("testdata/zones");
    let manifest = std::fs::read_to_string(dir.join("MANIFEST")).unwrap();
    let mut checked = 0;
    for line in manifest
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let mut parts = line.split_whitespace();
        let (file, origin) = (parts.next().unwrap(), parts.next().unwrap());
        let ours = read_file(&dir.join(file), &opts(origin)).unwrap();
        let errors: Vec<_> = ours
            .diagnostics
            .iter()
            .filter(|d| d.severity == zonewarden::diag::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
        let theirs = bind_records(&dir, file, origin);
        let (a, b) = (records(&ours), records(&theirs));
        let only_ours: Vec<String> = a.difference(&b).map(show).collect();
        let only_bind: Vec<String> = b.difference(&a).map(show).collect();
        assert!(
            only_ours.is_empty() && only_bind.is_empty(),
            "{file}: records differ\n only zonewarden:\n  {}\n only BIND:\n  {}",
            only_ours.join("\n  "),
            only_bind.join("\n  ")
        );
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} zones in the corpus");
}

/// ldns prints owners with `$` at the start and `"`, `(`, `)`, `;` unescaped, which a
/// master-file reader must take as syntax; escape them again.
fn escape_owners(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for line in text.split_inclusive(|&b| b == b'\n') {
        let owner_end = line.iter().position(|&b| b == b'\t').unwrap_or(0);
        let mut prev = 0u8;
        for (i, &b) in line[..owner_end].iter().enumerate() {
            let special = matches!(b, b'"' | b'(' | b')' | b';') || (i == 0 && b == b'$');
            if special && prev != b'\\' {
                out.push(b'\\');
            }
            out.push(b);
            prev = if prev == b'\\' { 0 } else { b };
        }
        out.extend_from_slice(&line[owner_end..]);
    }
    out
}

fn show(r: &Rr) -> String {
    format!(
        "{} {} {} {} {:02x?}",
        name::to_text(&r.0),
        r.1,
        r.2,
        r.3,
        r.4
    )
}
