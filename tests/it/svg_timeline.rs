//! `zonewarden rollover --history FILE --format svg`: the rollover timeline (issue #18).
//! Each scenario of tests/it/rollover.rs is committed to a test repository at chosen times
//! and drawn; the SVG text is an insta snapshot (key tags, fresh at every run, redacted),
//! rsvg-convert renders it without a warning, and the unsafe transitions are red where the
//! picture says. docs/images/rollover-timeline.svg is drawn from the bundled example
//! (testdata/rollover/example/, signed once and committed) and must match the committed file;
//! `ZONEWARDEN_BLESS=1 cargo test --test it svg_timeline::` rewrites it.

use crate::rollover::{commit_versions, new_repo, scenarios};
use crate::util::{command_in, root, rsvg_png, scratch, stderr, Image};
use std::path::Path;

const RED: [u8; 4] = [0xd7, 0x19, 0x1c, 255];

/// Commits `steps` (files of `dir`) as one file and draws its history with `extra` options.
fn draw(name: &str, dir: &Path, steps: &[(&str, &str)], extra: &[&str]) -> (i32, String) {
    let repo = scratch(&format!("svg-timeline-{name}"));
    let git = new_repo(&repo);
    let file = repo.join("rollover.example.zone");
    let steps: Vec<(String, &str)> = steps
        .iter()
        .map(|(f, t)| (dir.join(f).to_str().unwrap().to_string(), *t))
        .collect();
    let steps: Vec<(&str, &str)> = steps.iter().map(|(f, t)| (f.as_str(), *t)).collect();
    commit_versions(&git, &file, &steps);
    let extra: Vec<String> = extra
        .iter()
        .map(|a| {
            if a.ends_with(".ds") {
                dir.join(a).to_str().unwrap().to_string()
            } else {
                a.to_string()
            }
        })
        .collect();
    let mut args = vec![
        "rollover",
        "--history",
        "rollover.example.zone",
        "--format",
        "svg",
    ];
    args.extend(extra.iter().map(|s| s.as_str()));
    let o = command_in(&repo).args(&args).output().unwrap();
    let status = o.status.code().unwrap();
    assert!(status == 0 || status == 1, "{args:?}: {}", stderr(&o));
    (status, String::from_utf8(o.stdout).unwrap())
}

/// Key tags (`KSK 12345`, `ZSK 678`, `tag 9`) replaced by their order of first appearance,
/// as the scenarios' keys are made fresh at every run. A text cut to fit its lane (ending in
/// `…`) is cut where the tag's width puts it, so it is replaced whole first.
fn redact(svg: &str) -> String {
    let unclipped = unclip(svg);
    let mut tags: Vec<String> = Vec::new();
    let mut out = String::with_capacity(svg.len());
    let mut rest = unclipped.as_str();
    loop {
        let next = ["KSK ", "ZSK ", "tag "]
            .iter()
            .filter_map(|p| rest.find(p).map(|i| (i, p.len())))
            .min();
        let Some((i, n)) = next else { break };
        out.push_str(&rest[..i + n]);
        rest = &rest[i + n..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let tag = rest[..digits].to_string();
            let k = match tags.iter().position(|t| *t == tag) {
                Some(k) => k,
                None => {
                    tags.push(tag);
                    tags.len() - 1
                }
            };
            out.push_str(&format!("<tag{}>", k + 1));
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// Every `<text>` whose content was cut to fit (ends in `…`) with its content replaced by
/// `[cut to fit]`.
fn unclip(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    for line in svg.split_inclusive('\n') {
        let cut = line
            .find("\">")
            .zip(line.rfind("…</text>"))
            .filter(|(open, close)| open < close && !line.contains(">… and "));
        match cut {
            Some((open, close)) => {
                out.push_str(&line[..open + 2]);
                out.push_str("[cut to fit]");
                out.push_str(&line[close + "…".len()..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// A number attribute of an SVG element's text.
fn attr(element: &str, name: &str) -> f64 {
    let key = format!(" {name}=\"");
    let i = element.find(&key).unwrap() + key.len();
    let j = element[i..].find('"').unwrap();
    element[i..i + j].parse().unwrap()
}

/// The solid red bands above the plot, one per unsafe transition: (x, y, width, height).
fn red_bands(svg: &str) -> Vec<(f64, f64, f64, f64)> {
    svg.lines()
        .filter(|l| l.starts_with("<rect ") && l.contains(r##"fill="#d7191c""##))
        .filter(|l| attr(l, "x") > 100.0)
        .map(|l| {
            (
                attr(l, "x"),
                attr(l, "y"),
                attr(l, "width"),
                attr(l, "height"),
            )
        })
        .collect()
}

/// Renders the picture and checks it: no warning, the size the SVG says, white in the
/// corner, red in the middle of each unsafe band. Returns how many bands it found.
fn check_rendering(svg: &str) -> usize {
    assert!(svg.starts_with("<?xml") && svg.contains(r#"version="1.1""#));
    for banned in [
        "<script",
        "href",
        "@import",
        "url(http",
        "<image",
        "<foreignObject",
    ] {
        assert!(!svg.contains(banned), "{banned} in the picture");
    }
    let (png, warnings) = rsvg_png(svg);
    assert_eq!(warnings, "", "rsvg-convert warned");
    let img = Image::decode(&png);
    let head = svg.lines().find(|l| l.starts_with("<svg ")).unwrap();
    assert_eq!(f64::from(img.width), attr(head, "width"));
    assert_eq!(f64::from(img.height), attr(head, "height"));
    assert_eq!(img.at(2, 2), [255, 255, 255, 255]);
    let bands = red_bands(svg);
    for (x, y, w, h) in &bands {
        let (cx, cy) = ((x + w / 2.0) as u32, (y + h / 2.0) as u32);
        assert_eq!(img.at(cx, cy), RED, "the unsafe band at {x},{y} is red");
    }
    bands.len()
}

fn snapshot(name: &str, svg: &str) {
    insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("svg_timeline", redact(svg));
    });
}

#[test]
fn zsk_pre_publication_on_time() {
    let steps = [
        ("zsk-1.zone", "2027-01-01T00:00:00Z"),
        ("zsk-2.zone", "2027-01-02T00:00:00Z"),
        ("zsk-3.zone", "2027-01-02T02:00:00Z"),
        ("zsk-4.zone", "2027-01-04T00:00:00Z"),
    ];
    let (status, svg) = draw("zsk-on-time", scenarios(), &steps, &[]);
    assert_eq!(status, 0);
    assert_eq!(check_rendering(&svg), 0);
    assert!(!svg.contains("Unsafe transitions"));
    snapshot("zsk_on_time", &svg);
}

#[test]
fn zsk_pre_publication_rushed() {
    let steps = [
        ("zsk-1.zone", "2027-01-01T00:00:00Z"),
        ("zsk-2.zone", "2027-01-02T00:00:00Z"),
        ("zsk-3.zone", "2027-01-02T00:30:00Z"),
        ("zsk-4.zone", "2027-01-02T12:00:00Z"),
    ];
    let (status, svg) = draw("zsk-rushed", scenarios(), &steps, &[]);
    assert_eq!(status, 1);
    assert_eq!(check_rendering(&svg), 2);
    assert!(
        svg.contains("ZW5002 — safe from 2027-01-02T02:00:00Z"),
        "{svg}"
    );
    assert!(svg.contains("ZW5003"), "{svg}");
    snapshot("zsk_rushed", &svg);
}

#[test]
fn double_ds_ksk_roll() {
    let steps = [
        ("zsk-1.zone", "2027-01-01T00:00:00Z"),
        ("ksk-2.zone", "2027-01-03T00:00:00Z"),
    ];
    let (status, svg) = draw(
        "double-ds",
        scenarios(),
        &steps,
        &["--ds", "ds-ksk1-ksk2.ds"],
    );
    assert_eq!(status, 0);
    assert_eq!(check_rendering(&svg), 0);
    // Both KSKs are named by the parent's DS.
    assert!(svg.matches(r#"fill="url(#zw-ds)""#).count() >= 3);
    snapshot("double_ds", &svg);
}

#[test]
fn algorithm_roll() {
    let steps = [
        ("alg-1.zone", "2027-01-01T00:00:00Z"),
        ("alg-2.zone", "2027-01-02T00:00:00Z"),
        ("alg-3.zone", "2027-01-03T00:00:00Z"),
        ("alg-4.zone", "2027-01-05T00:00:00Z"),
        ("alg-5.zone", "2027-01-07T00:00:00Z"),
    ];
    let (_, svg) = draw("alg", scenarios(), &steps, &["--ds", "ds-ksk1-ksk8.ds"]);
    check_rendering(&svg);
    assert!(svg.contains("RSASHA256") && svg.contains("ECDSAP256SHA256"));
    snapshot("algorithm", &svg);
}

#[test]
fn tlsa_3_1_1_plus_3_1_1() {
    let steps = [
        ("tlsa-1.zone", "2027-01-01T00:00:00Z"),
        ("tlsa-2.zone", "2027-01-02T00:00:00Z"),
        ("tlsa-3.zone", "2027-01-03T00:00:00Z"),
    ];
    let (status, svg) = draw("tlsa", scenarios(), &steps, &[]);
    assert_eq!(status, 0);
    assert_eq!(check_rendering(&svg), 0);
    // Caches may hold the older TLSA RRset after each change.
    assert!(svg.contains(r#"fill="url(#zw-cached)""#));
    assert!(svg.contains("3 1 1 [1] + 3 1 1 [2]"), "{svg}");
    snapshot("tlsa", &svg);
}

#[test]
fn the_same_input_draws_the_same_picture() {
    let steps = [
        ("zsk-1.zone", "2027-01-01T00:00:00Z"),
        ("zsk-2.zone", "2027-01-02T00:00:00Z"),
    ];
    let (_, a) = draw("same-a", scenarios(), &steps, &[]);
    let (_, b) = draw("same-b", scenarios(), &steps, &[]);
    assert_eq!(a, b);
}

/// `lint` draws no picture; `verify` draws the chain of trust (tests/it/chain_svg.rs).
#[test]
fn lint_cannot_draw() {
    let o = command_in(root())
        .args(["lint", "--format", "svg", "testdata/rollover/base.zone"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--format svg"), "{}", stderr(&o));
}

/// docs/rollover.md shows the timeline of the bundled example: ZSK pre-publication with the
/// signing step rushed.
#[test]
fn docs_image_is_current() {
    let steps = [
        ("zsk-1.zone", "2027-01-01T00:00:00Z"),
        ("zsk-2.zone", "2027-01-02T00:00:00Z"),
        ("zsk-3.zone", "2027-01-02T00:30:00Z"),
        ("zsk-4.zone", "2027-01-04T00:00:00Z"),
    ];
    let example = root().join("testdata/rollover/example");
    let (_, svg) = draw("docs", &example, &steps, &[]);
    assert_eq!(check_rendering(&svg), 1);
    let path = root().join("docs/images/rollover-timeline.svg");
    if std::env::var_os("ZONEWARDEN_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &svg).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == svg,
        "docs/images/rollover-timeline.svg is stale; run `ZONEWARDEN_BLESS=1 cargo test --test it svg_timeline::`"
    );
}
