//! zonewarden reads files and nothing else: whatever a zone names (out-of-zone NS and MX
//! targets, which `named-checkzone` would resolve by default), it opens no socket.
//! Checked by tracing every network system call of a real run (`strace`, which
//! `scripts/test.sh` installs).

use crate::util::temp_scratch;
use std::process::Command;

#[test]
fn lint_and_print_open_no_socket() {
    let dir = temp_scratch("no-network");
    let zone = dir.join("net.example.zone");
    std::fs::write(
        &zone,
        "$ORIGIN net.example.\n$TTL 3600\n@ SOA ns1.provider.example. h 1 7200 3600 1209600 3600\n\
         @ NS ns1.provider.example.\n@ NS ns2.elsewhere.example.\n@ MX 10 mx.mailhost.example.\n\
         www CNAME www.cdn.example.\n_sip._tcp SRV 0 5 5060 sip.voip.example.\n",
    )
    .unwrap();
    let trace = dir.join("trace");
    for args in [&["lint", "--fail-on", "never"][..], &["print"][..]] {
        let status = Command::new("strace")
            .args([
                "-f",
                "-qq",
                "-e",
                "trace=%network",
                "-e",
                "signal=none",
                "-o",
            ])
            .arg(&trace)
            .arg(env!("CARGO_BIN_EXE_zonewarden"))
            .args(args)
            .arg(&zone)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("strace is needed for this test (Debian package strace)");
        assert!(status.success(), "zonewarden {args:?} failed under strace");
        let calls = std::fs::read_to_string(&trace).unwrap();
        // Besides the calls traced, strace notes each thread's end: its exit, or, for a
        // thread still waiting in a system call when the process exits (one of the worker
        // pool's), `???( <detached ...>`. Neither is a network call.
        let network: Vec<&str> = calls
            .lines()
            .filter(|l| !l.contains("+++ exited") && !l.ends_with("<detached ...>"))
            .collect();
        assert!(
            network.is_empty(),
            "zonewarden {args:?} made network calls:\n{}",
            network.join("\n")
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
