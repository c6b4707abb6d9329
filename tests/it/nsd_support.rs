//! An NSD on loopback for the tests that need a real name server (tests/it/nsd.rs,
//! tests/it/cascade.rs): configured from files the test writes, run in the foreground so its
//! pid is the child's, and stopped by that pid when dropped.

#![allow(dead_code)]

use std::net::{TcpListener, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs a peer tool to completion; a tool that is not installed fails the test loudly.
pub fn run(dir: &Path, prog: &str, args: &[&str]) -> Output {
    Command::new(prog)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {prog} ({e}): install the Debian packages nsd, bind9-utils and bind9-dnsutils (scripts/test.sh does)")
        })
}

pub fn ok(dir: &Path, prog: &str, args: &[&str]) -> String {
    let o = run(dir, prog, args);
    assert!(
        o.status.success(),
        "{prog} {args:?} failed: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// Loopback ports free for both UDP and TCP, all held until every one is found.
pub fn free_ports(n: usize) -> Vec<u16> {
    let mut held = Vec::new();
    let mut ports = Vec::new();
    while ports.len() < n {
        let tcp = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = tcp.local_addr().unwrap().port();
        if let Ok(udp) = UdpSocket::bind(("127.0.0.1", port)) {
            held.push((tcp, udp));
            ports.push(port);
        }
    }
    ports
}

/// An NSD in the foreground (`-d`), so that its pid is the child's; stopped by that pid
/// when dropped, also when a test assertion fails.
pub struct Nsd {
    child: Child,
    dir: PathBuf,
    port: u16,
    zone: String,
}

impl Nsd {
    pub fn start(dir: &Path, port: u16, zone: &str) -> Nsd {
        let conf = dir.join("nsd.conf");
        ok(dir, "nsd-checkconf", &[conf.to_str().unwrap()]);
        let child = Command::new("nsd")
            .args(["-d", "-c"])
            .arg(&conf)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start nsd ({e}): install the Debian package nsd (scripts/test.sh does)"
                )
            });
        let nsd = Nsd {
            child,
            dir: dir.to_path_buf(),
            port,
            zone: zone.to_string(),
        };
        nsd.wait_for(&format!("nsd at {port} answering"), || {
            nsd.log().contains("nsd started")
        });
        nsd
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("nsd.log")).unwrap_or_default()
    }

    pub fn control(&self, args: &[&str]) -> String {
        let conf = self.dir.join("nsd.conf");
        let mut a = vec!["-c", conf.to_str().unwrap()];
        a.extend(args);
        ok(&self.dir, "nsd-control", &a)
    }

    /// The serial this server answers with, if it serves the zone.
    pub fn serial(&self) -> Option<u32> {
        let port = self.port.to_string();
        let o = run(
            &self.dir,
            "dig",
            &[
                "@127.0.0.1",
                "-p",
                &port,
                "+short",
                "+time=2",
                "+tries=1",
                &self.zone,
                "SOA",
            ],
        );
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        text.split_whitespace().nth(2)?.parse().ok()
    }

    /// Waits up to 60 s for `done`; fails with the log when it never comes.
    pub fn wait_for(&self, what: &str, done: impl Fn() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !done() {
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for {what}; log of {}:\n{}",
                    self.dir.display(),
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Nsd {
    fn drop(&mut self) {
        // SIGTERM by pid: NSD stops its server and xfrd processes and exits.
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn write_config(dir: &Path, port: u16, control: u16, extra: &str) {
    let d = dir.display();
    let conf = format!(
        r#"server:
  ip-address: 127.0.0.1
  port: {port}
  do-ip6: no
  username: ""
  database: ""
  chroot: ""
  zonesdir: "{d}"
  pidfile: "{d}/nsd.pid"
  logfile: "{d}/nsd.log"
  xfrdfile: "{d}/xfrd.state"
  xfrdir: "{d}"
  zonelistfile: "{d}/zone.list"
  verbosity: 2
remote-control:
  control-enable: yes
  control-interface: 127.0.0.1
  control-port: {control}
  server-key-file: "{d}/nsd_server.key"
  server-cert-file: "{d}/nsd_server.pem"
  control-key-file: "{d}/nsd_control.key"
  control-cert-file: "{d}/nsd_control.pem"
{extra}"#
    );
    std::fs::write(dir.join("nsd.conf"), conf).unwrap();
    ok(dir, "nsd-control-setup", &["-d", dir.to_str().unwrap()]);
}
