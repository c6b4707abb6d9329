//! The Cascade review hook of docs/cascade.md, run as it stands there (the ```sh block whose second
//! line is `# review: cascade …`), with Cascade's environment, against an NSD on loopback
//! that serves each version as Cascade's review server would, for `dig AXFR`.
//!
//! Unsigned stage: a good zone is approved, one whose MX names an alias is rejected, and
//! with `ZONEWARDEN_DESIRED` set, a zone that drifts from the desired state is rejected.
//! Signed stage: a first version and an update with the same keys are approved (each kept as
//! the last approved version), a version edited after signing is rejected by `verify`, and
//! a version whose new ZSK signs without having been published is rejected by `rollover`
//! against the version approved before; a rejection leaves that version in place.
//!
//! The signed versions come from scripts/make-rollover-scenarios.sh (signatures valid
//! 2026-01-01 to 2036-12-31: the hook runs with the real clock). Needs nsd, bind9-dnsutils,
//! bind9-utils and ldnsutils (scripts/test.sh installs them).

use crate::docs_support;

use crate::nsd_support::*;
use crate::util::{command_in, root, scratch, text};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ZONE: &str = "rollover.example";

/// The hook script from docs/cascade.md.
fn recipe() -> String {
    docs_support::scripts("docs/cascade.md")
        .into_iter()
        .find(|(purpose, _)| purpose.starts_with("# review: cascade"))
        .map(|(_, script)| script)
        .expect("docs/cascade.md has a ```sh block starting `#!/bin/sh` / `# review: cascade`")
}

struct Review {
    dir: PathBuf,
    script: PathBuf,
    bin: PathBuf,
    state: PathBuf,
    zonefile: PathBuf,
    nsd: Nsd,
    nsd_port: u16,
}

impl Review {
    /// Serves `text` from the NSD and waits until it answers with `serial`.
    fn serve(&self, text: &str, serial: u32) {
        std::fs::write(&self.zonefile, text).unwrap();
        self.nsd.control(&["reload", ZONE]);
        self.nsd.wait_for(&format!("serial {serial}"), || {
            self.nsd.serial() == Some(serial)
        });
    }

    /// Runs the hook as Cascade does: `sh -c "HOOK STAGE"` with its environment.
    fn run(&self, stage: &str, serial: u32) -> Output {
        self.run_with(stage, serial, None)
    }

    /// The same, with `ZONEWARDEN_DESIRED` naming a desired-state file.
    fn run_with(&self, stage: &str, serial: u32, desired: Option<&Path>) -> Output {
        let path = format!(
            "{}:{}",
            self.bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(format!("{} {stage}", self.script.display()))
            .env("PATH", path)
            .env("CASCADE_ZONE", ZONE)
            .env("CASCADE_SERIAL", serial.to_string())
            .env("CASCADE_SERVER", format!("127.0.0.1:{}", self.port()))
            .env("CASCADE_SERVER_IP", "127.0.0.1")
            .env("CASCADE_SERVER_PORT", self.port().to_string())
            .env("ZONEWARDEN_STATE", &self.state)
            .env_remove("ZONEWARDEN_DESIRED")
            .current_dir(&self.dir);
        if let Some(d) = desired {
            c.env("ZONEWARDEN_DESIRED", d);
        }
        c.output().unwrap()
    }

    fn port(&self) -> u16 {
        self.nsd_port
    }

    fn approved(&self) -> Option<String> {
        std::fs::read_to_string(self.state.join(format!("{ZONE}.approved"))).ok()
    }
}

/// The unsigned zone of the scenarios, with a serial and extra records.
fn unsigned(serial: u32, extra: &str) -> String {
    let base = std::fs::read_to_string(root().join("testdata/rollover/base.zone")).unwrap();
    base.replace("SERIAL", &serial.to_string()) + extra
}

#[test]
fn the_documented_review_hook_approves_and_rejects_as_it_should() {
    let dir = scratch("cascade-review");
    for d in ["bin", "nsd", "state"] {
        std::fs::create_dir_all(dir.join(d)).unwrap();
    }
    let dir = dir.canonicalize().unwrap();
    let scenarios = dir.join("scenarios");
    let st = Command::new(root().join("scripts/make-rollover-scenarios.sh"))
        .arg(&scenarios)
        .output()
        .unwrap();
    assert!(st.status.success(), "{}", text(&st));
    let version = |name: &str| std::fs::read_to_string(scenarios.join(name)).unwrap();

    let script = dir.join("zonewarden-review");
    std::fs::write(&script, recipe()).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_zonewarden"), dir.join("bin/zonewarden"))
        .unwrap();

    let ports = free_ports(2);
    let nsd_dir = dir.join("nsd");
    let zonefile = nsd_dir.join(format!("{ZONE}.zone"));
    std::fs::write(&zonefile, unsigned(2027010101, "")).unwrap();
    write_config(
        &nsd_dir,
        ports[0],
        ports[1],
        &format!(
            "zone:\n  name: {ZONE}\n  zonefile: \"{}\"\n  provide-xfr: 127.0.0.1 NOKEY\n",
            zonefile.display()
        ),
    );
    let nsd = Nsd::start(&nsd_dir, ports[0], ZONE);
    let r = Review {
        dir: dir.clone(),
        script,
        bin: dir.join("bin"),
        state: dir.join("state"),
        zonefile,
        nsd,
        nsd_port: ports[0],
    };

    // Unsigned stage.
    std::fs::write(dir.join("good.zone"), unsigned(2027010101, "")).unwrap();
    r.serve(&unsigned(2027010101, ""), 2027010101);
    let o = r.run("unsigned", 2027010101);
    assert!(
        o.status.success(),
        "a good unsigned zone is approved: {}",
        text(&o)
    );
    r.serve(
        &unsigned(2027010102, "alias CNAME mail\n@ MX 20 alias\n"),
        2027010102,
    );
    let o = r.run("unsigned", 2027010102);
    assert!(!o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("error[ZW1112]"),
        "rejected with the finding: {}",
        text(&o)
    );

    // With a desired state (exported from the good zone), drift is rejected too.
    let desired = dir.join("desired.yaml");
    let export = command_in(root())
        .args(["export", "--origin", ZONE, "-"])
        .stdin(std::fs::File::open(dir.join("good.zone")).unwrap())
        .output()
        .unwrap();
    assert!(export.status.success(), "{}", text(&export));
    std::fs::write(&desired, &export.stdout).unwrap();
    r.serve(&unsigned(2027010103, ""), 2027010103);
    let o = r.run_with("unsigned", 2027010103, Some(&desired));
    assert!(o.status.success(), "no drift: {}", text(&o));
    r.serve(
        &unsigned(2027010104, "extra TXT \"not desired\"\n"),
        2027010104,
    );
    let o = r.run_with("unsigned", 2027010104, Some(&desired));
    assert!(!o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("extra.rollover.example"),
        "the drift is shown: {}",
        text(&o)
    );

    // Signed stage: the first version, then an update with the same keys.
    r.serve(&version("zsk-1.zone"), 2027010101);
    let o = r.run("signed", 2027010101);
    assert!(o.status.success(), "{}", text(&o));
    let first = r.approved().expect("the approved version is kept");
    assert!(
        first.starts_with("; approved ") && first.contains("serial 2027010101"),
        "{first}"
    );
    r.serve(&version("tlsa-2.zone"), 2027010102);
    let o = r.run("signed", 2027010102);
    assert!(
        o.status.success(),
        "an update with the same keys: {}",
        text(&o)
    );
    let approved = r.approved().unwrap();
    assert!(approved.contains("serial 2027010102"), "{approved}");

    // Edited after signing: verify rejects it; the approved version stays.
    let edited = version("tlsa-2.zone").replace("192.0.2.80", "192.0.2.81");
    let edited = edited.replace("2027010102", "2027010103");
    r.serve(&edited, 2027010103);
    let o = r.run("signed", 2027010103);
    assert!(!o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("ZW2001"), "{}", text(&o));
    assert_eq!(
        r.approved().unwrap(),
        approved,
        "a rejection keeps the last approved version"
    );

    // A ZSK swapped without pre-publication: a valid zone by itself, rejected by rollover.
    r.serve(&version("zsk-4.zone"), 2027010104);
    let check = command_in(root())
        .args(["verify", "--quiet", "--origin", ZONE])
        .arg(scenarios.join("zsk-4.zone"))
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "zsk-4 verifies on its own: {}",
        text(&check)
    );
    let o = r.run("signed", 2027010104);
    assert!(!o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("error[ZW5002]") && t.contains(": unsafe ("),
        "{t}"
    );
    assert_eq!(r.approved().unwrap(), approved);
    // Nothing is left behind in the state directory but the approved version.
    let left: Vec<String> = std::fs::read_dir(&r.state)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, [format!("{ZONE}.approved")]);
}
