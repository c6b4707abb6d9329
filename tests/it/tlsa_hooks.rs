//! The renewal-hook recipes of docs/renewal-hooks.md, run as they stand there: each script
//! is taken from that page (the ```sh blocks whose second line is `# hook: CLIENT …`), given the
//! environment its ACME client sets, and run against a zone that covers the new certificate
//! and one that publishes only the old key. `systemctl` and `nsupdate` are stand-ins that
//! record how they were called.

use crate::docs_support;

use crate::tlsa_support::*;
use crate::util::{command_in, root, scratch, stdout, text};
use std::path::PathBuf;
use std::process::Command;

/// (client, script) for each recipe in docs/renewal-hooks.md: the blocks whose second line is
/// `# hook: CLIENT …`.
fn recipes() -> Vec<(String, String)> {
    docs_support::scripts("docs/renewal-hooks.md")
        .into_iter()
        .filter_map(|(purpose, script)| {
            let client = purpose
                .strip_prefix("# hook: ")?
                .split_whitespace()
                .next()?;
            Some((client.to_string(), script))
        })
        .collect()
}

struct Setup {
    dir: PathBuf,
    bin: PathBuf,
    log: PathBuf,
}

fn setup(name: &str) -> Setup {
    let dir = scratch(&format!("tlsa-{name}"));
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_zonewarden"), bin.join("zonewarden")).unwrap();
    let log = dir.join("calls.log");
    for tool in ["systemctl", "nsupdate"] {
        let shim = bin.join(tool);
        std::fs::write(
            &shim,
            format!(
                "#!/bin/sh\necho \"{tool} $*\" >> \"{}\"\nif [ {tool} = nsupdate ]; then cat >> \"{}\"; fi\n",
                log.display(),
                log.display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&shim, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    Setup { dir, bin, log }
}

fn tlsa(file: &str) -> PathBuf {
    root().join("testdata/tlsa").join(file)
}

/// Runs a recipe with the client's environment; returns the exit status and the calls made.
fn run(s: &Setup, script: &str, zone: &str, env: &[(&str, PathBuf)]) -> (i32, String, String) {
    let _ = std::fs::remove_file(&s.log);
    let path = s.dir.join("hook.sh");
    std::fs::write(&path, script).unwrap();
    let mut c = Command::new("sh");
    c.arg(&path)
        .env(
            "PATH",
            format!("{}:{}", s.bin.display(), std::env::var("PATH").unwrap()),
        )
        .env("DANE_ZONE", tlsa(zone))
        .env("DANE_HOST", "mail.example.com")
        .current_dir(&s.dir);
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    let calls = std::fs::read_to_string(&s.log).unwrap_or_default();
    (o.status.code().unwrap_or(-1), calls, text(&o))
}

#[test]
fn each_recipe_deploys_only_what_the_zone_covers() {
    let recipes = recipes();
    let clients: Vec<&str> = recipes.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        clients,
        ["certbot", "acme.sh", "lego"],
        "the recipes of docs/renewal-hooks.md"
    );
    for (client, script) in &recipes {
        let s = setup(&format!("hook-{client}"));
        // What the client has just written: the testdata chain and its key.
        let live = s.dir.join("live");
        std::fs::create_dir_all(&live).unwrap();
        for (from, to) in [
            ("fullchain.pem", "fullchain.pem"),
            ("mail.example.com.pem", "cert.pem"),
            ("intermediate.pem", "chain.pem"),
            ("mail.example.com.key", "privkey.pem"),
        ] {
            std::fs::copy(tlsa(from), live.join(to)).unwrap();
        }
        // acme.sh's staged next key: a new one, not yet in any zone.
        new_key(LeafKey::EcdsaP256, "live/privkey.pem.next", &s.dir);
        let env: Vec<(&str, PathBuf)> = match client.as_str() {
            "certbot" => vec![
                ("RENEWED_LINEAGE", live.clone()),
                ("RENEWED_DOMAINS", PathBuf::from("mail.example.com")),
            ],
            "acme.sh" => vec![
                ("CERT_PATH", live.join("cert.pem")),
                ("CERT_KEY_PATH", live.join("privkey.pem")),
                ("CA_CERT_PATH", live.join("chain.pem")),
                ("CERT_FULLCHAIN_PATH", live.join("fullchain.pem")),
                ("Le_Domain", PathBuf::from("mail.example.com")),
            ],
            "lego" => vec![
                ("LEGO_CERT_PATH", live.join("fullchain.pem")),
                ("LEGO_CERT_KEY_PATH", live.join("privkey.pem")),
                ("LEGO_CERT_PEM_PATH", live.join("fullchain.pem")),
                ("LEGO_CERT_DOMAIN", PathBuf::from("mail.example.com")),
                (
                    "LEGO_ACCOUNT_EMAIL",
                    PathBuf::from("hostmaster@example.com"),
                ),
            ],
            other => panic!("no environment for {other}"),
        };
        // The zone publishes the new certificate's key: deploy.
        let (code, calls, out) = run(&s, script, "current.zone", &env);
        assert_eq!(code, 0, "{client}: {out}");
        assert!(
            calls.starts_with("systemctl reload postfix\n"),
            "{client}: {calls}"
        );
        if client == "acme.sh" {
            // The staged next key's record goes to nsupdate.
            let next = command_in(root())
                .args(["tlsa", "generate"])
                .arg(live.join("privkey.pem.next"))
                .output()
                .unwrap();
            let record = stdout(&next).lines().last().unwrap().to_string();
            assert!(calls.contains("nsupdate -l\n"), "{calls}");
            assert!(
                calls.contains(&format!(
                    "update add _25._tcp.mail.example.com. 3600 IN TLSA {record}\nsend\n"
                )),
                "{calls}"
            );
        } else {
            assert!(!calls.contains("nsupdate"), "{client}: {calls}");
        }
        // The zone publishes only the old key: refuse, and do not reload.
        let (code, calls, out) = run(&s, script, "old.zone", &env);
        assert_eq!(code, 1, "{client}: {out}");
        assert!(!calls.contains("systemctl"), "{client}: {calls}");
        assert!(out.contains("is not covered"), "{client}: {out}");
    }
}
