//! The command line: argument definitions and what each command does.
//!
//! Exit status: 0 clean, 1 findings at or above `--fail-on`, 2 usage or input error.

mod desired;
mod input;
mod lint;
mod print;
pub mod rollover;
mod scorecard;
pub mod tlsa;
mod verify;
pub mod walk;
mod zones;

pub use desired::{DiffArgs, DiffFormat, ExportArgs};
pub use input::{read_zone, read_zone_with};
pub use lint::LintArgs;
pub use print::PrintArgs;
pub use scorecard::{ScorecardArgs, ScorecardFormat};
pub use verify::VerifyArgs;

use crate::config::Config;
use crate::diag::{Diagnostic, Severity};
use crate::lint::LintOptions;
use crate::report::{self, human, ZoneReport};
use crate::rules;
use crate::zone::{self, OriginSource, ReadOptions, Zone};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(
    name = "zonewarden",
    version,
    about = "Offline DNS zone linter, DNSSEC verifier and TLSA record generator"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read zone files and report every syntax error and rule finding.
    Lint(LintArgs),
    /// Verify a signed zone completely, offline: every signature, the keys, DS and CDS, the
    /// NSEC or NSEC3 chain, algorithm policy.
    Verify(VerifyArgs),
    /// Write a zone back in canonical form: absolute names, one record per line, RFC 4034 §6 order.
    Print(PrintArgs),
    /// Compare a zone with its desired state in octoDNS YAML: exit 0 equal, 1 drift, 2 bad input.
    Diff(DiffArgs),
    /// Write a zone as desired-state YAML in octoDNS's layout (without its SOA).
    Export(ExportArgs),
    /// The mail-standards scorecard of every mail domain in the zones, as internet.nl's mail
    /// test would judge it once published: exit 0 every decidable required cell passes, 1 one
    /// fails, 2 bad input.
    Scorecard(ScorecardArgs),
    /// Print a rule's documentation.
    Explain {
        /// A rule code such as ZW1101, or a rule name such as cname-and-other-data.
        code: String,
    },
    /// List every rule with its code, default severity and summary.
    Rules,
    /// Judge whether publishing NEW after OLD is a safe key rollover: exit 0 safe, 1 unsafe,
    /// 2 bad input.
    Rollover(rollover::RolloverArgs),
    /// TLSA records: generate them from certificates and keys, check a zone before deploying a
    /// certificate, make the next key.
    Tlsa {
        #[command(subcommand)]
        command: tlsa::TlsaCommand,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), generated from these definitions.
    Man,
}

#[derive(clap::Args, Debug)]
pub struct ZoneInput {
    /// The zone's apex; otherwise the first $ORIGIN, the SOA owner, or the file name.
    #[arg(long)]
    pub origin: Option<String>,
    /// A directory besides the zone file's own from which $INCLUDE may read (repeatable).
    #[arg(long = "include-root", value_name = "DIR")]
    pub include_roots: Vec<PathBuf>,
}

impl ZoneInput {
    /// Refuses `--origin` where it would be applied to more than one zone (a directory, or
    /// several paths): every zone would be read with that apex, and the cross-zone checks
    /// would find them all at one name. Each zone of such a run takes its origin from its own
    /// `$ORIGIN`, SOA owner or file name.
    pub fn origin_for_one(&self, paths: &[PathBuf]) -> Result<(), Error> {
        if self.origin.is_some() && (paths.len() > 1 || paths.iter().any(|p| p.is_dir())) {
            return Err(Error::Input(
                "--origin applies to a single zone file; in a run over a directory or several files each zone takes its origin from its $ORIGIN, its SOA owner or its file name".into(),
            ));
        }
        Ok(())
    }

    /// How to read a zone: these flags, with the include roots and limits of `config`.
    pub fn read_options(&self, config: &Config) -> ReadOptions {
        let mut include_roots = self.include_roots.clone();
        include_roots.extend(config.include_roots.iter().cloned());
        ReadOptions {
            origin: self.origin.clone(),
            origin_source: None,
            include_roots,
            limits: config.limits,
        }
    }
}

/// How findings are reported and judged; shared by `lint` and `verify`.
#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// The report format [default: human; short when reading `-` with VERIFY_ZONE set, as
    /// NSD runs its zone verifier].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// The lowest severity that makes the exit status 1 [default: the config's, else error].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// The config file; otherwise the nearest zonewarden.toml at or above each zone's directory.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// When to colour the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print findings only, without the per-zone summary lines.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// rustc-style text with the source line and a caret.
    Human,
    /// The JSON report (schemas/report.schema.json).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF consumers.
    Sarif,
    /// GitHub Actions workflow commands: one `::error file=…` annotation per finding.
    Github,
    /// One plain line per finding and a verdict line, each starting with the zone and its
    /// serial: for logs, such as NSD's.
    Short,
    /// A self-contained SVG 1.1 picture: the rollover timeline, or the chain of trust for verify.
    Svg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Why a command could not run: exit status 2.
#[derive(Debug)]
pub enum Error {
    /// The arguments, or a file they name, are not what the command needs; the message
    /// names the file (and line) and what is wrong.
    Input(String),
    /// A zone file (or standard input) that could not be read: `path` and why. A run over
    /// many zones names each such file and goes on with the others.
    Unreadable { path: PathBuf, reason: String },
    /// A directory named on the command line in which the walk found no zone file: the
    /// directory, the globs it took zone files by ([`Config::walk_globs_text`]) and the
    /// config they came from, if any. A run over several paths names it and goes on with
    /// the others, as it does for a zone that cannot be read.
    NoZoneFiles {
        dir: PathBuf,
        globs: String,
        config: Option<PathBuf>,
    },
    /// The report could not be written. A closed pipe (`zonewarden print z | head`) is one;
    /// `main` exits quietly on it, found by its [`std::io::ErrorKind`].
    Output(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Input(m) => f.write_str(m),
            Error::Unreadable { path, reason } => write!(f, "{}: {reason}", path.display()),
            Error::NoZoneFiles { dir, .. } => {
                write!(f, "{}: {}", dir.display(), self.no_zone_files_reason())
            }
            Error::Output(e) => write!(f, "cannot write output: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Input(_) | Error::Unreadable { .. } | Error::NoZoneFiles { .. } => None,
            Error::Output(e) => Some(e),
        }
    }
}

impl From<crate::dnssec::DsFileError> for Error {
    fn from(e: crate::dnssec::DsFileError) -> Error {
        Error::Input(e.to_string())
    }
}

impl From<crate::tlsa::input::LoadError> for Error {
    fn from(e: crate::tlsa::input::LoadError) -> Error {
        Error::Input(e.to_string())
    }
}

impl From<crate::config::Error> for Error {
    fn from(e: crate::config::Error) -> Error {
        Error::Input(e.to_string())
    }
}

impl Error {
    /// Why a directory gives no zone, for [`Error::NoZoneFiles`] (empty for the others): the
    /// globs in force and where to set them.
    pub fn no_zone_files_reason(&self) -> String {
        let Error::NoZoneFiles { globs, config, .. } = self else {
            return String::new();
        };
        let set = match config {
            Some(c) => format!("they are set by `include` and `exclude` in {}", c.display()),
            None => "set `include` in zonewarden.toml".to_string(),
        };
        format!("no zone files in this directory ({globs}); {set}")
    }

    /// A closed output pipe: not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// Runs a command; returns the exit status.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<i32, Error> {
    match cli.command {
        Command::Lint(args) => lint::run_lint(&args, out),
        Command::Verify(args) => verify::run_verify(&args, out),
        Command::Print(args) => print::run_print(&args, out),
        Command::Diff(args) => desired::run_diff(&args, out),
        Command::Export(args) => desired::run_export(&args, out),
        Command::Scorecard(args) => scorecard::run_scorecard(&args, out),
        Command::Explain { code } => {
            let rule = rules::by_code(&code)
                .or_else(|| rules::ALL.iter().copied().find(|r| r.name == code))
                .ok_or_else(|| {
                    Error::Input(format!("no rule `{code}`; `zonewarden rules` lists them"))
                })?;
            writeln!(
                out,
                "{} ({}) — default severity: {}\n",
                rule.code,
                rule.name,
                rule.severity.as_str()
            )
            .map_err(io)?;
            writeln!(out, "{}", rule.doc_text().trim_end()).map_err(io)?;
            Ok(0)
        }
        Command::Rollover(args) => rollover::run(&args, out),
        Command::Tlsa { command } => tlsa::run(&command, out),
        Command::Rules => {
            for r in rules::ALL {
                writeln!(
                    out,
                    "{}\t{:<7}\t{:<24}\t{}",
                    r.code,
                    r.severity.as_str(),
                    r.name,
                    r.summary()
                )
                .map_err(io)?;
            }
            Ok(0)
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "zonewarden", out);
            Ok(0)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(out).map_err(io)?;
            Ok(0)
        }
    }
}

/// An error writing the report.
pub fn io(e: std::io::Error) -> Error {
    Error::Output(e)
}

/// `--now`: RFC 3339 (`2026-11-25T12:00:00Z`), `YYYYMMDDHHmmSS`, or seconds since 1970.
pub fn parse_now(s: Option<&str>) -> Result<i64, Error> {
    let Some(s) = s else {
        return Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0));
    };
    crate::time::parse_instant(s).ok_or_else(|| {
        Error::Input(format!(
            "--now: expected RFC 3339 (2026-11-25T12:00:00Z), YYYYMMDDHHmmSS or seconds since 1970, found `{}`",
            crate::diag::quote(s.as_bytes())
        ))
    })
}

fn threshold(f: FailOn) -> Option<Severity> {
    match f {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    }
}

pub fn use_color(c: ColorChoice) -> bool {
    match c {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    }
}

/// Whether findings fail the run: `--fail-on`, else the config's `fail-on`, else errors.
pub fn fails(fail_on: Option<FailOn>, config: &Config, diags: &[Diagnostic]) -> bool {
    let fail_at = match fail_on {
        Some(f) => threshold(f),
        None if config.never_fail => None,
        None => Some(config.fail_on.unwrap_or(Severity::Error)),
    };
    fail_at.is_some_and(|t| diags.iter().any(|d| d.severity >= t))
}
