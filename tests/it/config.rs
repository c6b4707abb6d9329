//! A rule switched off by `zonewarden.toml` (found by walking up from the zone) or by an
//! inline comment stops firing; a stale suppression is reported; severities and `fail-on`
//! follow the config; per-path overrides apply only to their paths.

use crate::util::{command_in, root, temp_scratch};
use std::path::{Path, PathBuf};

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = temp_scratch(&format!("config-{name}"));
        std::fs::create_dir_all(d.join("zones/reverse")).unwrap();
        // Each case is a repository: a config above its root would not be read.
        std::fs::create_dir_all(d.join(".git")).unwrap();
        Dir(d)
    }
    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A zone with one ZW1123 (mail host without AAAA) and one ZW1115 (TTL mismatch).
const ZONE: &str =
    "$ORIGIN cfg.example.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n\
@ NS ns1\nns1 A 192.0.2.53\nns1 AAAA 2001:db8::53\n@ MX 10 mail\nmail A 192.0.2.25\n\
www 300 A 192.0.2.80\nwww 600 A 192.0.2.81\n";

fn codes(zone: &Path, extra: &[&str]) -> (Vec<String>, Option<i32>) {
    let o = command_in(root())
        .args(["lint", "--format", "json", "--now", "2026-11-25T00:00:00Z"])
        .args(extra)
        .arg(zone)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&o.stderr)));
    let list = v["zones"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}",
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["line"]
            )
        })
        .collect();
    (list, o.status.code())
}

#[test]
fn without_config_both_rules_fire() {
    let d = Dir::new("none");
    let z = d.write("zones/a.zone", ZONE);
    assert_eq!(codes(&z, &[]).0, ["ZW1123:warning:7", "ZW1115:warning:10"]);
}

#[test]
fn config_found_above_the_zone_switches_rules_off_and_changes_severity() {
    let d = Dir::new("off");
    d.write(
        "zonewarden.toml",
        "ignore = [\"missing-aaaa\"]\nfail-on = \"warning\"\n[severity]\nZW1115 = \"error\"\n",
    );
    let z = d.write("zones/a.zone", ZONE);
    assert_eq!(
        codes(&z, &[]),
        (vec!["ZW1115:error:10".to_string()], Some(1))
    );
    // --fail-on on the command line wins over the config's.
    assert_eq!(codes(&z, &["--fail-on", "never"]).1, Some(0));
}

#[test]
fn more_specific_select_wins_over_a_broad_ignore() {
    let d = Dir::new("prefix");
    d.write(
        "zonewarden.toml",
        "ignore = [\"ZW11\"]\nselect = [\"ZW1115\"]\n",
    );
    let z = d.write("zones/a.zone", ZONE);
    assert_eq!(codes(&z, &[]).0, ["ZW1115:warning:10"]);
}

#[test]
fn overrides_apply_only_to_matching_paths() {
    let d = Dir::new("override");
    d.write(
        "zonewarden.toml",
        "[[overrides]]\npaths = [\"zones/reverse/*.zone\"]\nignore = [\"ZW1123\"]\n",
    );
    let a = d.write("zones/a.zone", ZONE);
    let b = d.write("zones/reverse/b.zone", ZONE);
    assert_eq!(codes(&a, &[]).0.len(), 2);
    assert_eq!(codes(&b, &[]).0, ["ZW1115:warning:10"]);
}

#[test]
fn explicit_config_and_bad_config_is_exit_two_naming_the_line() {
    let d = Dir::new("explicit");
    let cfg = d.write("other.toml", "ignore = [\"ZW1115\"]\n");
    let z = d.write("zones/a.zone", ZONE);
    assert_eq!(
        codes(&z, &["--config", cfg.to_str().unwrap()]).0,
        ["ZW1123:warning:7"]
    );
    let bad = d.write(
        "zonewarden.toml",
        "select = [\"ZW1\"]\nignore = \"ZW1123\"\n",
    );
    let o = command_in(root()).args(["lint"]).arg(&z).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("{}:2:", bad.display())), "{err}");
}

#[test]
fn inline_suppressions_silence_one_record_and_stale_ones_are_reported() {
    let d = Dir::new("inline");
    let zone = ZONE
        .replace("@ MX 10 mail\n", "; zonewarden: ignore[ZW1123]\n@ MX 10 mail\n")
        .replace("www 600 A 192.0.2.81\n", "www 600 A 192.0.2.81 ; zonewarden: ignore[ZW11]\nftp A 192.0.2.21 ; zonewarden: ignore[ZW1101]\n");
    let z = d.write("zones/a.zone", &zone);
    assert_eq!(codes(&z, &[]).0, ["ZW9001:warning:12"]);
    // The stale-suppression finding is itself a rule the config can switch off.
    d.write("zonewarden.toml", "ignore = [\"unused-suppression\"]\n");
    assert_eq!(codes(&z, &[]).0, Vec::<String>::new());
}

/// The rules a config switches off are not looked for, but those an inline suppression
/// names still are: else the suppression would match nothing and be reported (ZW9001).
#[test]
fn a_switched_off_rule_that_a_suppression_names_is_still_looked_for() {
    let d = Dir::new("off-and-suppressed");
    let zone = ZONE.replace(
        "@ MX 10 mail\n",
        "; zonewarden: ignore[ZW1123]\n@ MX 10 mail\n",
    );
    let z = d.write("zones/a.zone", &zone);
    d.write("zonewarden.toml", "ignore = [\"ZW1123\"]\n");
    assert_eq!(codes(&z, &[]).0, ["ZW1115:warning:11"]);
    // A prefix names it too; switching off the check's every rule changes nothing either.
    let zone = ZONE.replace(
        "@ MX 10 mail\n",
        "; zonewarden: ignore[ZW11]\n@ MX 10 mail\n",
    );
    let z = d.write("zones/a.zone", &zone);
    d.write(
        "zonewarden.toml",
        "ignore = [\"ZW1112\", \"ZW1113\", \"ZW1114\", \"ZW1120\", \"ZW1123\", \"ZW1125\"]\n",
    );
    assert_eq!(codes(&z, &[]).0, ["ZW1115:warning:11"]);
}

/// A zone with syntax errors, and a config that ignores every rule.
const BROKEN: &str =
    "$ORIGIN cfg.example.\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ IN BOGUS x\n";
const IGNORE_ALL: &str = "ignore = [\"ZW\"]\n";

/// A config in the directory that holds a checkout does not apply inside it, whether the
/// checkout's `.git` is a directory or a file (a worktree); the nearest config inside the
/// repository still does.
#[test]
fn a_config_above_the_repository_root_is_not_read() {
    let d = Dir::new("above-repo");
    d.write("zonewarden.toml", IGNORE_ALL);
    std::fs::create_dir_all(d.0.join("checkout/.git")).unwrap();
    let z = d.write("checkout/zones/a.zone", BROKEN);
    let (codes_found, status) = codes(&z, &[]);
    assert_eq!(status, Some(1), "{codes_found:?}");
    assert!(
        codes_found.iter().any(|c| c.starts_with("ZW1001:error")),
        "{codes_found:?}"
    );
    // A worktree: `.git` is a file naming the real repository.
    d.write("worktree/.git", "gitdir: /nowhere\n");
    let z = d.write("worktree/zones/a.zone", BROKEN);
    assert_eq!(codes(&z, &[]).1, Some(1));
    // The nearest config inside the repository applies.
    d.write("checkout/zonewarden.toml", "ignore = [\"missing-aaaa\"]\n");
    let z = d.write("checkout/zones/b.zone", ZONE);
    assert_eq!(codes(&z, &[]).0, ["ZW1115:warning:10"]);
}

/// `root = true` marks a config as the top: nothing above it is read.
#[test]
fn root_true_stops_the_walk() {
    let d = Dir::new("root-true");
    d.write("zonewarden.toml", IGNORE_ALL);
    d.write(
        "project/zonewarden.toml",
        "root = true\nignore = [\"missing-aaaa\"]\n",
    );
    let z = d.write("project/zones/a.zone", ZONE);
    assert_eq!(
        codes(&z, &[]),
        (vec!["ZW1115:warning:10".to_string()], Some(0))
    );
    // `root` is a boolean.
    d.write("project/zonewarden.toml", "root = \"yes\"\n");
    let o = command_in(root()).args(["lint"]).arg(&z).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// Outside any repository only the zone's own directory (and the current directory) is
/// read: a config in a shared directory above, such as the temporary directory, does not
/// apply.
#[test]
fn outside_a_repository_only_the_zone_directory_is_read() {
    let d = Dir::new("no-repo");
    std::fs::remove_dir(d.0.join(".git")).unwrap();
    d.write("zonewarden.toml", IGNORE_ALL);
    let z = d.write("zones/a.zone", BROKEN);
    assert_eq!(codes(&z, &[]).1, Some(1));
    // In the zone's own directory it applies.
    d.write("zones/zonewarden.toml", IGNORE_ALL);
    assert_eq!(codes(&z, &[]), (Vec::new(), Some(0)));
}
