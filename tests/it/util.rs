//! Helpers shared by the integration tests: running the binary, scratch directories, reading
//! a run's output, and walking `testdata/`. Every test runs in a thread of one process, so
//! nothing here changes process-wide state (environment, current directory): environment goes
//! to the child's `Command`, and each test names its own scratch directory.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The crate root, where Cargo runs the tests and where `testdata/` lives.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The zonewarden binary Cargo built for the tests, to run in `dir`, standard input closed.
pub fn command_in(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zonewarden"));
    c.current_dir(dir).stdin(Stdio::null());
    c
}

/// Runs zonewarden in the crate root.
pub fn zw(args: &[&str]) -> Output {
    zw_in(root(), args)
}

/// Runs zonewarden in `dir`.
pub fn zw_in(dir: &Path, args: &[&str]) -> Output {
    command_in(dir).args(args).output().expect("run zonewarden")
}

/// Runs zonewarden in `dir` with `stdin` on standard input and `env` added to its
/// environment.
pub fn zw_stdin(dir: &Path, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    output_with_stdin(command_in(dir).args(args).envs(env.iter().copied()), stdin)
}

/// Runs `cmd` to completion with `stdin` on its standard input, capturing its output.
pub fn output_with_stdin(cmd: &mut Command, stdin: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run zonewarden");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

/// Runs zonewarden in `dir`; a run still going after `limit` is killed and fails the test.
/// The limit is many times what the run needs: it tells a hang (or a quadratic blow-up)
/// from a finished run, and measures nothing.
pub fn zw_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = command_in(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run zonewarden");
    // Read the pipes on threads so a large report cannot block the child.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).ok();
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).ok();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("zonewarden {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    }
}

/// A fresh, empty directory under Cargo's per-target temporary directory, removed first if
/// an earlier run left it. Tests share one process: name it after the module and the test
/// (`cli-print`), so that no two tests get the same one.
pub fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A fresh, empty directory under the system's temporary directory, for the tests that need
/// one outside any repository (a config above it must not apply, git must find no work
/// tree): `zw-NAME-PID`, as other checkouts' tests share that directory. Name it after the
/// module and the test, as for [`scratch`].
pub fn temp_scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zw-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Standard output, lossily decoded.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error, lossily decoded.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard output then standard error, lossily decoded.
pub fn text(o: &Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
}

/// What an insta snapshot holds: the text after its `---` header.
pub fn snapshot_body(snap: &str) -> &str {
    let rest = snap.strip_prefix("---\n").expect("a snapshot header");
    let end = rest.find("\n---\n").expect("a snapshot header") + 5;
    &rest[end..]
}

/// Every file under `dir` (recursively) whose extension is `ext`, sorted.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Renders SVG text to PNG with `rsvg-convert` (librsvg2-bin, installed by scripts/test.sh);
/// returns the PNG and what it wrote to standard error.
pub fn rsvg_png(svg: &str) -> (Vec<u8>, String) {
    let o = output_with_stdin(
        Command::new("rsvg-convert").args(["--format", "png"]),
        svg.as_bytes(),
    );
    assert!(o.status.success(), "rsvg-convert failed: {}", stderr(&o));
    let e = stderr(&o);
    (o.stdout, e)
}

/// A decoded PNG: width, height and RGBA pixels.
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

impl Image {
    pub fn decode(png_bytes: &[u8]) -> Image {
        let mut d = png::Decoder::new(std::io::Cursor::new(png_bytes));
        d.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut r = d.read_info().expect("a PNG");
        let mut buf = vec![0; r.output_buffer_size().expect("a PNG size")];
        let info = r.next_frame(&mut buf).expect("a PNG frame");
        buf.truncate(info.buffer_size());
        let rgba = match info.color_type {
            png::ColorType::Rgba => buf,
            png::ColorType::Rgb => buf
                .chunks(3)
                .flat_map(|p| [p[0], p[1], p[2], 255])
                .collect(),
            other => panic!("unexpected PNG colour type {other:?}"),
        };
        Image {
            width: info.width,
            height: info.height,
            rgba,
        }
    }

    /// The pixel at (`x`, `y`) as RGBA.
    pub fn at(&self, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * self.width + x) * 4) as usize;
        [
            self.rgba[i],
            self.rgba[i + 1],
            self.rgba[i + 2],
            self.rgba[i + 3],
        ]
    }
}
