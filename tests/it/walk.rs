//! Directories on the command line: `lint`, `verify` and `print` walk them for zone files
//! (ripgrep's walker: `.gitignore` and hidden files honoured), with `include` / `exclude`
//! globs from zonewarden.toml, in path order, with one report for the whole run.

use crate::util::{self, stderr, stdout, temp_scratch, zw_in};
use std::path::Path;

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A clean zone for `origin`; with `bad`, an A record with an address that cannot be.
fn zone(origin: &str, bad: bool) -> String {
    let mut z = format!(
        "$ORIGIN {origin}.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ NS ns1\n@ NS ns2.example.net.\nns1 A 192.0.2.1\nns1 AAAA 2001:db8::1\n"
    );
    if bad {
        z.push_str("www A 192.0.2.300\n");
    }
    z
}

/// A hosting layout: zones under nested folders in each default naming, and files the walk
/// must not take (not a zone name, hidden, ignored by git).
fn layout(name: &str) -> std::path::PathBuf {
    let d = temp_scratch(name);
    std::process::Command::new("git")
        .current_dir(&d)
        .args(["init", "-q"])
        .status()
        .unwrap();
    write(
        &d,
        "zones/b/bb/bravo.example.zone",
        &zone("bravo.example", true),
    );
    write(
        &d,
        "zones/a/aa/alpha.example.zone",
        &zone("alpha.example", false),
    );
    write(
        &d,
        "zones/a/db.charlie.example",
        &zone("charlie.example", false),
    );
    write(&d, "zones/delta.example.db", &zone("delta.example", true));
    write(
        &d,
        "zones/echo.example.signed",
        &zone("echo.example", false),
    );
    write(&d, "zones/README.md", "not a zone\n");
    write(
        &d,
        "zones/.hidden/hotel.example.zone",
        &zone("hotel.example", true),
    );
    write(
        &d,
        "zones/ignored/india.example.zone",
        &zone("india.example", true),
    );
    write(&d, ".gitignore", "ignored/\n");
    d
}

/// The file names in the human report's zone lines, in order.
fn zone_lines(out: &str) -> Vec<String> {
    out.lines()
        .filter(|l| l.contains(": origin "))
        .map(|l| l.split(": origin").next().unwrap().to_string())
        .collect()
}

#[test]
fn lint_walks_a_directory_in_path_order() {
    let d = layout("walk-order");
    let o = zw_in(&d, &["lint", "zones"]);
    assert_eq!(o.status.code(), Some(1), "{}", util::text(&o));
    assert_eq!(
        zone_lines(&stdout(&o)),
        [
            "zones/a/aa/alpha.example.zone",
            "zones/a/db.charlie.example",
            "zones/b/bb/bravo.example.zone",
            "zones/delta.example.db",
            "zones/echo.example.signed",
        ],
        "{}",
        stdout(&o)
    );
    // One summary line for the run, on standard error.
    let err = stderr(&o);
    assert!(
        err.starts_with("zonewarden: 5 zones read, 2 errors, 0 warnings in "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    // --quiet drops it, and the per-zone lines.
    let q = zw_in(&d, &["lint", "-q", "zones"]);
    assert_eq!(stderr(&q), "");
    assert_eq!(q.status.code(), Some(1));
}

#[test]
fn include_and_exclude_come_from_the_config() {
    let d = layout("walk-config");
    write(
        &d,
        "zonewarden.toml",
        "include = [\"*.zone\", \"*.txt\"]\nexclude = [\"bravo.*\", \"zones/a/aa\"]\n",
    );
    write(
        &d,
        "zones/foxtrot.example.txt",
        &zone("foxtrot.example", false),
    );
    let o = zw_in(&d, &["lint", "zones"]);
    assert_eq!(
        zone_lines(&stdout(&o)),
        ["zones/foxtrot.example.txt"],
        "{}",
        util::text(&o)
    );
    assert_eq!(o.status.code(), Some(0));
    // A bad pattern is an input error naming the file.
    write(&d, "zonewarden.toml", "include = [\"[\"]\n");
    let o = zw_in(&d, &["lint", "zones"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("zonewarden.toml: include: bad pattern"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn files_named_on_the_command_line_are_always_read() {
    let d = layout("walk-named");
    // Not a zone name, hidden and ignored: named, each is read; named twice, once.
    let o = zw_in(
        &d,
        &[
            "lint",
            "zones/.hidden/hotel.example.zone",
            "zones/ignored/india.example.zone",
            "zones/README.md",
            "zones/ignored/india.example.zone",
        ],
    );
    assert_eq!(
        zone_lines(&stdout(&o)),
        [
            "zones/.hidden/hotel.example.zone",
            "zones/ignored/india.example.zone",
            "zones/README.md",
        ],
        "{}",
        util::text(&o)
    );
}

#[test]
fn json_and_sarif_cover_the_whole_run() {
    let d = layout("walk-json");
    let o = zw_in(&d, &["lint", "--format", "json", "zones"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files: Vec<&str> = v["zones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|z| z["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 5, "{files:?}");
    assert_eq!(files[2], "zones/b/bb/bravo.example.zone");
    assert_eq!(v["summary"]["errors"], 2);
    let o = zw_in(&d, &["lint", "--format", "sarif", "zones"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        uris,
        ["zones/b/bb/bravo.example.zone", "zones/delta.example.db"]
    );
}

#[test]
fn verify_and_print_take_directories() {
    let d = layout("walk-print");
    let o = zw_in(&d, &["print", "zones/a"]);
    assert_eq!(o.status.code(), Some(0), "{}", util::text(&o));
    let out = stdout(&o);
    let marks: Vec<&str> = out.lines().filter(|l| l.starts_with("; zone ")).collect();
    assert_eq!(
        marks,
        [
            "; zone zones/a/aa/alpha.example.zone",
            "; zone zones/a/db.charlie.example"
        ]
    );
    assert!(out.contains("charlie.example.\t"), "{out}");
    // One file named alone prints as before, without the mark.
    let one = zw_in(&d, &["print", "zones/a/db.charlie.example"]);
    assert!(!stdout(&one).contains("; zone"), "{}", stdout(&one));
    let v = zw_in(&d, &["verify", "--format", "short", "zones/a"]);
    let out = stdout(&v);
    assert!(
        out.contains("alpha.example") && out.contains("charlie.example"),
        "{out}"
    );
    assert!(!out.contains("bravo"), "{out}");
}

/// BIND's journals and the backup copies beside zone files match `db.*`, but are no zones:
/// the default globs leave them out (a configured `include` takes what it names).
#[test]
fn journals_and_backups_are_not_taken_as_zones() {
    let d = temp_scratch("walk-journals");
    write(&d, "zones/db.alpha.example", &zone("alpha.example", false));
    // A journal is binary: read as a zone, it is a heap of errors.
    std::fs::write(
        d.join("zones/db.alpha.example.jnl"),
        b";BIND LOG V9\n\0\0\x01\xff",
    )
    .unwrap();
    for copy in [
        "db.alpha.example~",
        "db.alpha.example.bak",
        "db.alpha.example.orig",
    ] {
        write(&d, &format!("zones/{copy}"), &zone("alpha.example", true));
    }
    let o = zw_in(&d, &["lint", "zones"]);
    assert_eq!(o.status.code(), Some(0), "{}", util::text(&o));
    assert!(
        stderr(&o).starts_with("zonewarden: 1 zone read, no findings"),
        "{}",
        util::text(&o)
    );
    write(&d, "zonewarden.toml", "include = [\"db.*\"]\n");
    let o = zw_in(&d, &["lint", "-q", "zones"]);
    assert_eq!(o.status.code(), Some(1), "{}", util::text(&o));
}

/// A directory given in which the walk finds no zone file is an input error (exit 2), named
/// with the globs in force, as a zone that cannot be read is named: a CI gate with a wrong
/// glob or an empty checkout must not pass having checked nothing. So it is beside other
/// paths that hold zones, which are still checked; a directory whose zones another path
/// gives too is not empty.
#[test]
fn a_directory_without_zone_files_is_an_input_error() {
    let d = temp_scratch("walk-empty");
    std::fs::create_dir_all(d.join("none")).unwrap();
    let said = "zonewarden: none: no zone files in this directory \
                (include: *.zone, *.db, db.*, *.signed); set `include` in zonewarden.toml\n";
    let o = zw_in(&d, &["lint", "--format", "json", "none"]);
    assert_eq!(o.status.code(), Some(2), "{}", util::text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["zones"], serde_json::json!([]));
    assert_eq!(v["unreadable"][0]["file"], "none");
    assert_eq!(v["summary"]["unreadable"], 1);
    assert!(stderr(&o).starts_with(said), "{}", util::text(&o));
    for cmd in ["verify", "print"] {
        let o = zw_in(&d, &[cmd, "none"]);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", util::text(&o));
        assert!(stderr(&o).starts_with(said), "{cmd}: {}", util::text(&o));
    }

    // Files that are no zones by the config's globs: those globs are named, and where they
    // are set.
    write(&d, "repo/notes.txt", "not a zone\n");
    write(&d, "repo/example.com.zone", &zone("example.com", false));
    write(&d, "repo/zonewarden.toml", "include = [\"*.rev\"]\n");
    let o = zw_in(&d, &["lint", "repo"]);
    assert_eq!(o.status.code(), Some(2), "{}", util::text(&o));
    let said = "zonewarden: repo: no zone files in this directory (include: *.rev); they are \
                set by `include` and `exclude` in ";
    let err = stderr(&o);
    let first = err.lines().next().unwrap_or_default();
    assert!(first.starts_with(said), "{}", util::text(&o));
    assert!(
        first.ends_with("repo/zonewarden.toml"),
        "{}",
        util::text(&o)
    );

    // Beside a zone that is read and checked.
    write(&d, "bravo.example.zone", &zone("bravo.example", true));
    let o = zw_in(
        &d,
        &["lint", "--format", "json", "bravo.example.zone", "none"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", util::text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["zones"].as_array().unwrap().len(), 1);
    assert_eq!(v["unreadable"][0]["file"], "none");

    // `zones/a`'s zone is given by `zones` already: read once, and `zones/a` is no empty
    // directory.
    write(
        &d,
        "zones/a/alpha.example.zone",
        &zone("alpha.example", false),
    );
    let o = zw_in(&d, &["lint", "zones", "zones/a"]);
    assert_eq!(o.status.code(), Some(0), "{}", util::text(&o));
}

/// Zones that cannot be read (files named that are not there; a zone under a config that
/// cannot be loaded) are each named with why, counted apart from the zones read, and make
/// the exit status 2; the zones that can be read are still checked and reported.
#[test]
fn every_zone_that_cannot_be_read_is_named() {
    let d = temp_scratch("walk-unreadable");
    write(&d, "zones/alpha.example.zone", &zone("alpha.example", true));
    write(
        &d,
        "zones/bravo.example.zone",
        &zone("bravo.example", false),
    );
    write(
        &d,
        "zones/sub/echo.example.zone",
        &zone("echo.example", false),
    );
    write(&d, "zones/sub/zonewarden.toml", "include = [\"[\"]\n");
    let args = [
        "lint",
        "zones",
        "gone/charlie.example.zone",
        "gone/delta.example.zone",
    ];
    let o = zw_in(&d, &args);
    assert_eq!(o.status.code(), Some(2), "{}", util::text(&o));
    assert_eq!(
        zone_lines(&stdout(&o)),
        ["zones/alpha.example.zone", "zones/bravo.example.zone"],
        "{}",
        util::text(&o)
    );
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    // The zone, and the config that could not be loaded for it.
    assert!(
        lines[0].starts_with("zonewarden: zones/sub/echo.example.zone: /")
            && lines[0].contains("/zones/sub/zonewarden.toml: include: bad pattern"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("zonewarden: gone/charlie.example.zone: cannot read: "),
        "{err}"
    );
    assert!(
        lines[2].starts_with("zonewarden: gone/delta.example.zone: cannot read: "),
        "{err}"
    );
    assert!(
        lines[3]
            .starts_with("zonewarden: 2 zones read, 3 could not be read, 1 error, 0 warnings in "),
        "{err}"
    );
    // --quiet drops the summary line, never the files that could not be read.
    let mut quiet = args.to_vec();
    quiet.insert(1, "-q");
    let q = zw_in(&d, &quiet);
    assert_eq!(q.status.code(), Some(2));
    assert_eq!(stderr(&q).lines().count(), 3, "{}", stderr(&q));
}

/// The JSON report lists the zones that could not be read, each with why, and counts them
/// in its summary; the SARIF log's invocation is unsuccessful, with a notification per file.
/// Both still validate against their schemas, and a run that read everything says so.
#[test]
fn json_and_sarif_name_the_zones_that_could_not_be_read() {
    let d = temp_scratch("walk-unreadable-formats");
    write(&d, "zones/alpha.example.zone", &zone("alpha.example", true));
    let args = |format| {
        vec![
            "lint",
            "--format",
            format,
            "zones",
            "gone/charlie.example.zone",
            "gone/delta.example.zone",
        ]
    };
    let validate = |schema: &str, log: &serde_json::Value| {
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(util::root().join(schema)).unwrap())
                .unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator.iter_errors(log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}\n{log:#}");
    };
    let o = zw_in(&d, &args("json"));
    assert_eq!(o.status.code(), Some(2), "{}", util::text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    validate("schemas/report.schema.json", &v);
    assert_eq!(v["zones"].as_array().unwrap().len(), 1, "{v:#}");
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["unreadable"], 2);
    let unreadable = v["unreadable"].as_array().unwrap();
    let files: Vec<&str> = unreadable
        .iter()
        .map(|u| u["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["gone/charlie.example.zone", "gone/delta.example.zone"]
    );
    for u in unreadable {
        assert!(
            u["reason"].as_str().unwrap().starts_with("cannot read: "),
            "{u}"
        );
    }

    let o = zw_in(&d, &args("sarif"));
    assert_eq!(o.status.code(), Some(2), "{}", util::text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    validate("schemas/vendor/sarif-2.1.0-rtm.5.json", &v);
    let invocation = &v["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false, "{v:#}");
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 2, "{v:#}");
    for (n, file) in notes
        .iter()
        .zip(["gone/charlie.example.zone", "gone/delta.example.zone"])
    {
        assert_eq!(n["level"], "error");
        assert_eq!(
            n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            file
        );
        let text = n["message"]["text"].as_str().unwrap();
        assert!(
            text.starts_with(&format!("{file}: cannot read: ")),
            "{text}"
        );
    }
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 1);

    // Every zone read: no list, no count, a successful invocation.
    let o = zw_in(&d, &["lint", "--format", "json", "zones"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.get("unreadable").is_none() && v["summary"].get("unreadable").is_none());
    let o = zw_in(&d, &["lint", "--format", "sarif", "zones"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], true);
    assert!(v["runs"][0]["invocations"][0]
        .get("toolExecutionNotifications")
        .is_none());
}

/// `--origin` names one zone's apex: with a directory (or several files) it is a usage
/// error, not an origin forced on every zone of the walk; and no hint in a directory run
/// tells the user to give it.
#[test]
fn origin_applies_to_a_single_zone_file() {
    let d = temp_scratch("walk-origin");
    write(
        &d,
        "zones/alpha.example.zone",
        &zone("alpha.example", false),
    );
    write(
        &d,
        "zones/bravo.example.zone",
        &zone("bravo.example", false),
    );
    for cmd in ["lint", "verify", "print", "scorecard"] {
        for args in [
            vec![cmd, "--origin", "com", "zones"],
            vec![
                cmd,
                "--origin",
                "com",
                "zones/alpha.example.zone",
                "zones/bravo.example.zone",
            ],
        ] {
            let o = zw_in(&d, &args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", util::text(&o));
            assert!(
                stderr(&o).starts_with("zonewarden: --origin applies to a single zone file"),
                "{args:?}: {}",
                util::text(&o)
            );
            assert!(!stdout(&o).contains("from --origin"), "{}", stdout(&o));
        }
    }
    // One file: as before.
    let o = zw_in(
        &d,
        &[
            "lint",
            "--origin",
            "alpha.example",
            "zones/alpha.example.zone",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", util::text(&o));
    assert!(
        stdout(&o).contains("origin alpha.example. from --origin"),
        "{}",
        stdout(&o)
    );
    // A zone of a directory run whose origin cannot be known: no "give --origin".
    write(&d, "zones/nameless.zone", "$TTL 3600\nwww A 192.0.2.1\n");
    let o = zw_in(&d, &["lint", "zones"]);
    let out = stdout(&o);
    assert!(out.contains("zones/nameless.zone: origin unknown"), "{out}");
    assert!(!out.contains("give --origin"), "{out}");
}

/// Copies the directory `from` to `to`, recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A file is read once per run however it is spelled: the same directory given again as
/// `./DIR`, by its absolute path or through a link, or one of its files named before it,
/// gives the findings (the cross-zone ones too) and the zone count of `DIR` alone.
#[test]
fn a_file_is_read_once_whatever_its_spelling() {
    let d = temp_scratch("walk-spellings");
    let repo = d.join("repo");
    copy_dir(&util::root().join("testdata/repo/broken"), &repo);
    std::os::unix::fs::symlink(&repo, d.join("link")).unwrap();
    let run = |paths: &[&str]| {
        let mut args = vec!["lint", "--now", "2026-12-01T00:00:00Z", "--format", "json"];
        args.extend(paths);
        let o = zw_in(&d, &args);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{paths:?}: {e}: {}", util::text(&o)));
        let mut findings: Vec<String> = v["zones"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|z| z["diagnostics"].as_array().unwrap())
            .map(|f| format!("{} {}", f["code"], f["message"]))
            .collect();
        findings.sort();
        let zones = v["zones"].as_array().unwrap().len();
        (o.status.code(), zones, findings)
    };
    let alone = run(&["repo"]);
    assert_eq!(alone.1, 10);
    assert!(
        alone.2.iter().any(|f| f.starts_with("\"ZW60")),
        "{:#?}",
        alone.2
    );
    let absolute = repo.to_str().unwrap();
    for paths in [
        vec!["repo", "./repo"],
        vec!["repo", absolute],
        vec!["repo", "link"],
        vec!["link", "repo/"],
        vec!["./repo/corp/corp.example.zone", "repo"],
        vec!["repo", "repo/corp/../corp/corp.example.zone"],
    ] {
        assert_eq!(run(&paths), alone, "{paths:?}");
    }
}

/// Makes `dir/name` a directory that no one, root included, can list to its bottom: nested
/// so deep that its innermost paths are longer than PATH_MAX (4096 bytes), which the walker
/// opens whole (ENAMETOOLONG). Built by renames, each of short paths.
fn too_deep(dir: &Path, name: &str) {
    let long = ["a", "b"].map(|c| c.repeat(250));
    for i in 0..18 {
        let (outer, inner) = (&long[i % 2], &long[(i + 1) % 2]);
        std::fs::create_dir(dir.join(outer)).unwrap();
        if i > 0 {
            std::fs::rename(dir.join(inner), dir.join(outer).join(inner)).unwrap();
        }
    }
    std::fs::rename(dir.join(&long[1]), dir.join(name)).unwrap();
}

/// A directory that cannot be read is named with why, the walk goes on past it, and the
/// run exits 2 at the end; an excluded directory is pruned without being read, so that one
/// that cannot be read costs nothing (it had stopped the whole walk either way).
#[test]
fn an_unreadable_directory_is_named_and_the_walk_goes_on() {
    let d = temp_scratch("walk-unreadable-dir");
    write(&d, "zones/alpha.example.zone", &zone("alpha.example", true));
    write(&d, "zones/zulu.example.zone", &zone("zulu.example", false));
    too_deep(&d.join("zones"), "deep");
    let o = zw_in(&d, &["lint", "zones"]);
    assert_eq!(o.status.code(), Some(2), "{}", util::text(&o));
    assert_eq!(
        zone_lines(&stdout(&o)),
        ["zones/alpha.example.zone", "zones/zulu.example.zone"]
    );
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("zonewarden: zones/deep/") && lines[0].contains(": cannot read: "),
        "{err}"
    );
    assert!(
        lines[1].starts_with("zonewarden: 2 zones read, 1 could not be read, 1 error"),
        "{err}"
    );
    let o = zw_in(&d, &["lint", "--format", "json", "zones"]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let unreadable = v["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 1, "{v:#}");
    assert!(unreadable[0]["file"]
        .as_str()
        .unwrap()
        .starts_with("zones/deep/"));
    assert!(unreadable[0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("cannot read: "));
    assert_eq!(v["zones"].as_array().unwrap().len(), 2);

    // Excluded, the directory is not read, nor is a broken zone in another excluded one.
    write(
        &d,
        "zonewarden.toml",
        "exclude = [\"deep\", \"zones/broken\"]\n",
    );
    write(
        &d,
        "zones/broken/bravo.example.zone",
        &zone("bravo.example", true),
    );
    let o = zw_in(&d, &["lint", "zones"]);
    assert_eq!(o.status.code(), Some(1), "{}", util::text(&o));
    assert_eq!(
        zone_lines(&stdout(&o)),
        ["zones/alpha.example.zone", "zones/zulu.example.zone"]
    );
    assert!(
        stderr(&o).starts_with("zonewarden: 2 zones read, 1 error, 0 warnings in "),
        "{}",
        stderr(&o)
    );
    std::fs::remove_dir_all(&d).unwrap();
}

/// Outside a repository, a zone found by walking a directory takes the zonewarden.toml of
/// the nearest directory between its own and the one walked: the user named that tree.
#[test]
fn a_walked_zone_takes_the_config_of_the_tree_walked() {
    let d = temp_scratch("walk-config-tree");
    write(&d, "c1/top.zone", &zone("alpha.example", true));
    write(&d, "c1/sub/deeper/sub.zone", &zone("bravo.example", true));
    let o = zw_in(&d, &["lint", "-q", "--format", "short", "c1"]);
    assert_eq!(o.status.code(), Some(1), "{}", util::text(&o));
    // The invalid address is all either zone has: switched off at the top of the tree.
    write(&d, "c1/zonewarden.toml", "ignore = [\"ZW1002\"]\n");
    let o = zw_in(&d, &["lint", "--format", "short", "c1"]);
    assert_eq!(o.status.code(), Some(0), "{}", util::text(&o));
    // Above the directory walked (and the current directory), nothing is read.
    std::fs::rename(
        d.join("c1/zonewarden.toml"),
        d.join("c1/sub/zonewarden.toml"),
    )
    .unwrap();
    let o = zw_in(&d, &["lint", "-q", "--format", "short", "c1/sub/deeper"]);
    assert_eq!(o.status.code(), Some(1), "{}", util::text(&o));
    let o = zw_in(&d, &["lint", "-q", "--format", "short", "c1/sub"]);
    assert_eq!(o.status.code(), Some(0), "{}", util::text(&o));
}

/// The user's global git excludes (`core.excludesFile`, here `$XDG_CONFIG_HOME/git/ignore`)
/// are not the repository's: a zone they name is read all the same, so that a hook on one
/// machine checks what CI checks. The repository's own `.gitignore` still counts.
#[test]
fn global_git_excludes_hide_no_zone() {
    let d = layout("walk-global-excludes");
    let config = d.join("user-config");
    write(&config, "git/ignore", "*.db\n*.signed\n");
    let o = util::command_in(&d)
        .env("XDG_CONFIG_HOME", &config)
        .env("HOME", &config)
        .args(["lint", "zones"])
        .output()
        .unwrap();
    let lines = zone_lines(&stdout(&o));
    assert!(
        lines.contains(&"zones/delta.example.db".to_string())
            && lines.contains(&"zones/echo.example.signed".to_string()),
        "{}",
        util::text(&o)
    );
    assert!(!lines.iter().any(|l| l.contains("india")), "{lines:?}");
    assert_eq!(o.status.code(), Some(1), "{}", util::text(&o));
}

/// A zonewarden.toml in a folder below the directory walked decides which files below it
/// are zones, as it decides their rules: its `include` replaces the defaults there, its
/// `exclude` drops files and prunes folders, and the folders beside it keep the defaults.
/// A zone under one that cannot be loaded is named with its error (exit 2).
#[test]
fn a_nested_config_decides_for_its_folder() {
    let d = layout("walk-nested-config");
    write(&d, "zones/b/zonewarden.toml", "include = [\"*.hosts\"]\n");
    write(
        &d,
        "zones/b/golf.example.hosts",
        &zone("golf.example", true),
    );
    write(
        &d,
        "zones/a/zonewarden.toml",
        "exclude = [\"db.*\", \"skip\"]\n",
    );
    write(
        &d,
        "zones/a/skip/kilo.example.zone",
        &zone("kilo.example", true),
    );
    let o = zw_in(&d, &["lint", "zones"]);
    assert_eq!(
        zone_lines(&stdout(&o)),
        [
            "zones/a/aa/alpha.example.zone",
            "zones/b/golf.example.hosts",
            "zones/delta.example.db",
            "zones/echo.example.signed",
        ],
        "{}",
        util::text(&o)
    );
    assert_eq!(o.status.code(), Some(1), "{}", util::text(&o));
    // --config decides for every file, whatever lies below.
    let o = zw_in(
        &d,
        &["lint", "--config", "zones/a/zonewarden.toml", "zones"],
    );
    assert!(
        zone_lines(&stdout(&o)).contains(&"zones/b/bb/bravo.example.zone".to_string()),
        "{}",
        util::text(&o)
    );
    write(&d, "zones/a/aa/zonewarden.toml", "include = [\"[\"]\n");
    let o = zw_in(&d, &["lint", "zones"]);
    assert_eq!(o.status.code(), Some(2), "{}", util::text(&o));
    assert!(
        stderr(&o).contains("zonewarden.toml: include: bad pattern"),
        "{}",
        stderr(&o)
    );
}

/// A directory walked names each finding's file in the short report, though it held one
/// zone: the user named the directory, not the file. A zone file named on the command line
/// is reported as before (NSD's verifier reads what it prints).
#[test]
fn a_walked_directory_of_one_zone_names_its_file() {
    let d = temp_scratch("walk-one-zone-named");
    write(
        &d,
        "zones/sub/bravo.example.zone",
        &zone("bravo.example", true),
    );
    let o = zw_in(&d, &["lint", "--format", "short", "zones"]);
    assert_eq!(o.status.code(), Some(1), "{}", util::text(&o));
    let file = Path::new("zones").join("sub").join("bravo.example.zone");
    let file = file.display();
    let out = stdout(&o);
    assert!(out.contains(&format!("({file} line 8)")), "{out}");
    assert!(out.contains(&format!("; file {file}")), "{out}");
    let o = zw_in(
        &d,
        &["lint", "--format", "short", "zones/sub/bravo.example.zone"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", util::text(&o));
    let out = stdout(&o);
    assert!(
        out.contains("(line 8)") && !out.contains("; file "),
        "{out}"
    );
    std::fs::remove_dir_all(&d).unwrap();
}
