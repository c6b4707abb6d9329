//! The command line: argument definitions and what each command does.
//!
//! Exit status: 0 clean, 1 findings at or above `--fail-on`, 2 usage or input error.

pub mod rollover;
pub mod tlsa;

use crate::config::Config;
use crate::diag::{Diagnostic, Severity};
use crate::lint::{self, LintOptions};
use crate::report::{self, human, ZoneReport};
use crate::rules;
use crate::zone::{self, OriginSource, ReadOptions, Zone};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
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

#[derive(clap::Args, Debug)]
pub struct LintArgs {
    /// Zone files; `-` reads standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub input: ZoneInput,
    /// The time checks compare against: RFC 3339, YYYYMMDDHHmmSS, or seconds since 1970.
    #[arg(long)]
    pub now: Option<String>,
    /// A certificate, chain, key or CSR (PEM or DER) that TLSA records should match; repeat
    /// for the current chain and the staged next key (ZW3006, ZW3009).
    #[arg(long = "cert", value_name = "FILE")]
    pub certs: Vec<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
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

#[derive(clap::Args, Debug)]
pub struct VerifyArgs {
    /// Signed zone files; `-` reads standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub input: ZoneInput,
    /// The time signatures are checked against: RFC 3339, YYYYMMDDHHmmSS, or seconds since 1970.
    #[arg(long)]
    pub now: Option<String>,
    /// The parent's DS records in zone-file form (a dsset- file); the DNSKEY RRset must be
    /// signed by a key one of them matches.
    #[arg(long, value_name = "FILE")]
    pub ds: Option<PathBuf>,
    /// Warn about signatures expiring within this long, such as 7d [default: the config's, else
    /// the SOA expire timer, at least 3 days].
    #[arg(long, value_name = "DURATION")]
    pub expiry_warning: Option<String>,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(clap::Args, Debug)]
pub struct PrintArgs {
    /// The zone file; `-` reads standard input.
    pub file: PathBuf,
    #[command(flatten)]
    pub input: ZoneInput,
    /// Write RDATA in RFC 3597's generic form (`\# LEN HEX`).
    #[arg(long)]
    pub generic: bool,
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
    /// The report could not be written. A closed pipe (`zonewarden print z | head`) is one;
    /// `main` exits quietly on it, found by its [`std::io::ErrorKind`].
    Output(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Input(m) => f.write_str(m),
            Error::Output(e) => write!(f, "cannot write output: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Input(_) => None,
            Error::Output(e) => Some(e),
        }
    }
}

impl From<crate::config::Error> for Error {
    fn from(e: crate::config::Error) -> Error {
        Error::Input(e.to_string())
    }
}

impl Error {
    /// A closed output pipe: not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// Runs a command; returns the exit status.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<i32, Error> {
    match cli.command {
        Command::Lint(args) => run_lint(&args, out),
        Command::Verify(args) => run_verify(&args, out),
        Command::Print(args) => run_print(&args, out),
        Command::Diff(args) => run_diff(&args, out),
        Command::Export(args) => run_export(&args, out),
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

/// Reads one zone (a file, or standard input for `-`), with the include roots and limits
/// of the configuration found for it.
pub fn read_zone(path: &Path, input: &ZoneInput) -> Result<Zone, Error> {
    let config = Config::discover(path)?;
    read_zone_with(path, input, &config, false)
}

/// Reads one zone; `progress` allows a progress bar on standard error.
pub fn read_zone_with(
    path: &Path,
    input: &ZoneInput,
    config: &Config,
    progress: bool,
) -> Result<Zone, Error> {
    let mut opts = input.read_options(config);
    if path == Path::new("-") {
        // NSD names the zone it feeds a verifier only in VERIFY_ZONE.
        if opts.origin.is_none() {
            if let Ok(z) = std::env::var("VERIFY_ZONE") {
                opts.origin = Some(z);
                opts.origin_source = Some(OriginSource::Environment);
            }
        }
        let mut text = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut text)
            .map_err(|e| Error::Input(format!("-: cannot read standard input: {e}")))?;
        return Ok(zone::read_text(PathBuf::from("-"), text, &opts));
    }
    let cannot =
        |e: std::io::Error| Error::Input(format!("{}: cannot read: {}", path.display(), e));
    if !progress {
        return zone::read_file(path, &opts).map_err(cannot);
    }
    let len = std::fs::metadata(path).map_err(cannot)?.len();
    with_progress_bar(path, len, |counter| {
        zone::read_file_with_progress(path, &opts, Some(counter))
    })
    .map_err(cannot)
}

/// Runs `read` while a progress bar on standard error follows the bytes it has read; the
/// bar appears only once a second has passed, so small zones never show one.
fn with_progress_bar<T: Send>(
    path: &Path,
    total: u64,
    read: impl FnOnce(Arc<AtomicU64>) -> T + Send,
) -> T {
    let counter = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicBool::new(false));
    std::thread::scope(|scope| {
        let (c, d) = (counter.clone(), done.clone());
        scope.spawn(move || {
            let started = std::time::Instant::now();
            while started.elapsed() < std::time::Duration::from_secs(1) {
                if d.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            let bar = indicatif::ProgressBar::new(total);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{prefix} [{bar:30}] {bytes}/{total_bytes} {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_prefix(format!("reading {}", path.display()));
            while !d.load(Ordering::Relaxed) {
                bar.set_position(c.load(Ordering::Relaxed));
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            bar.finish_and_clear();
        });
        let result = read(counter);
        done.store(true, Ordering::Relaxed);
        result
    })
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

/// A zone, its findings after config, and whether they fail the run.
type Linted = (Zone, Vec<Diagnostic>, bool);

fn run_lint(args: &LintArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let now = parse_now(args.now.as_deref())?;
    let opts = LintOptions {
        now,
        certs: tlsa::load_inputs(&args.certs)?,
    };
    let results = check_zones(&args.files, &args.input, &args.report, |_, zone, config| {
        // The DNSSEC checks (when the apex has DNSKEYs) take the config's expiry window.
        let dnssec = crate::dnssec::Options {
            now,
            expiry_warning: config.thresholds.expiry_warning,
            ds: None,
        };
        Ok((lint::lint_with(zone, &opts, &dnssec), None))
    })?;
    write_reports(out, results, &args.report)
}

/// A zone's findings and a note for its summary line, or an input error.
type Checked = Result<(Linted, Option<String>), Error>;

/// Reads each zone with its config (several in parallel, each report kept together), runs
/// `check` on it, applies the config to the findings and judges them against `fail-on`.
fn check_zones<F>(
    files: &[PathBuf],
    input: &ZoneInput,
    report: &ReportArgs,
    check: F,
) -> Result<Vec<Checked>, Error>
where
    F: Fn(&Path, &Zone, &Config) -> Result<(Vec<Diagnostic>, Option<String>), Error> + Sync,
{
    if files.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::Input(
            "standard input (-) can be read only once".into(),
        ));
    }
    // A progress bar only on a terminal, never under --quiet.
    let show_progress = !report.quiet && std::io::stderr().is_terminal();
    let fixed_config = match &report.config {
        Some(p) => Some(Config::load(p)?),
        None => None,
    };
    Ok(files
        .par_iter()
        .map(|p| {
            let discovered;
            let config = match &fixed_config {
                Some(c) => c,
                None => {
                    discovered = Config::discover(p)?;
                    &discovered
                }
            };
            let t0 = std::time::Instant::now();
            let zone = read_zone_with(p, input, config, show_progress)?;
            let t1 = std::time::Instant::now();
            let (diags, note) = check(p, &zone, config)?;
            // For benchmarks: where the time goes, on standard error.
            if std::env::var_os("ZONEWARDEN_TIMING").is_some() {
                eprintln!(
                    "{}: read {:?}, check {:?}",
                    p.display(),
                    t1 - t0,
                    t1.elapsed()
                );
            }
            let diags = config.apply(p, diags);
            let fail = fails(report.fail_on, config, &diags);
            Ok(((zone, diags, fail), note))
        })
        .collect())
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

/// Prints every zone's report in the chosen format (a note per zone goes under the human
/// summary line) and returns the exit status: the first input error, else 1 if any zone
/// fails.
fn write_reports(
    out: &mut dyn Write,
    results: Vec<Checked>,
    args: &ReportArgs,
) -> Result<i32, Error> {
    let (color, quiet) = (args.color, args.quiet);
    let mut zones = Vec::new();
    let mut input_errors = Vec::new();
    for r in results {
        match r {
            Ok(z) => zones.push(z),
            Err(e) => input_errors.push(e),
        }
    }
    let fail = zones.iter().any(|z| z.0 .2);
    let reports: Vec<ZoneReport> = zones
        .iter()
        .map(|((z, d, _), _)| ZoneReport {
            zone: z,
            diagnostics: d.clone(),
        })
        .collect();
    match report_format(args.format, &reports) {
        Format::Json => writeln!(out, "{}", report::json::render(&reports)).map_err(io)?,
        Format::Sarif => writeln!(out, "{}", report::sarif::render(&reports)).map_err(io)?,
        Format::Github => out
            .write_all(report::github::render(&reports).as_bytes())
            .map_err(io)?,
        Format::Short => {
            for (r, ((_, _, fail), note)) in reports.iter().zip(&zones) {
                report::short::render_zone(out, r, *fail, note.as_deref(), quiet).map_err(io)?;
            }
        }
        Format::Human => {
            let color = use_color(color);
            for (r, (_, note)) in reports.iter().zip(&zones) {
                human::render_zone(out, r, color).map_err(io)?;
                if !quiet {
                    writeln!(out, "{}", human::zone_line(r)).map_err(io)?;
                    if let Some(n) = note {
                        writeln!(out, "  {n}").map_err(io)?;
                    }
                }
            }
        }
    }
    if let Some(e) = input_errors.into_iter().next() {
        return Err(e);
    }
    Ok(i32::from(fail))
}

/// `--format`, else `short` when standard input is read with `VERIFY_ZONE` set: that is how
/// NSD runs a zone verifier, and what the verifier prints lands in NSD's log. Otherwise
/// `human`. Whether standard output is a terminal plays no part, so running the same
/// command by hand shows what the log showed.
fn report_format(explicit: Option<Format>, reports: &[ZoneReport]) -> Format {
    if let Some(f) = explicit {
        return f;
    }
    let stdin = reports
        .iter()
        .any(|r| r.zone.sources[0].path.as_os_str() == "-");
    if stdin && std::env::var_os("VERIFY_ZONE").is_some_and(|v| !v.is_empty()) {
        return Format::Short;
    }
    Format::Human
}

fn run_verify(args: &VerifyArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let now = parse_now(args.now.as_deref())?;
    let window = match &args.expiry_warning {
        Some(s) => Some(zone::rdata::parse_ttl(s.as_bytes()).ok_or_else(|| {
            Error::Input(format!(
                "--expiry-warning: expected a duration such as 7d or 3600, found `{s}`"
            ))
        })?),
        None => None,
    };
    let results = check_zones(&args.files, &args.input, &args.report, |_, zone, config| {
        let ds = match &args.ds {
            Some(f) => {
                Some(crate::dnssec::read_ds_file(f, &zone.origin_text()).map_err(Error::Input)?)
            }
            None => None,
        };
        let opts = crate::dnssec::Options {
            now,
            expiry_warning: window.or(config.thresholds.expiry_warning),
            ds,
        };
        let (diags, stats) = crate::lint::verify_zone(zone, &opts);
        Ok((diags, Some(stats.describe())))
    })?;
    write_reports(out, results, &args.report)
}

fn run_print(args: &PrintArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let zone = read_zone(&args.file, &args.input)?;
    let errors: Vec<_> = zone
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if let Some(d) = errors.first() {
        let loc = zone
            .locate(d)
            .map(|l| format!("{}:{}:{}: ", l.file, l.start.line, l.start.col))
            .unwrap_or_default();
        return Err(Error::Input(format!(
            "{loc}{} [{}] ({} syntax error{} in all; `zonewarden lint` lists them)",
            d.message,
            d.rule.code,
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        )));
    }
    let text = crate::print::canonical_text(&zone, args.generic);
    out.write_all(text.as_bytes()).map_err(io)?;
    Ok(0)
}

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// The zone file; `-` reads standard input.
    pub zone: PathBuf,
    /// The desired state: octoDNS zone YAML.
    pub desired: PathBuf,
    #[command(flatten)]
    pub input: ZoneInput,
    /// The TTL of desired records without one [default: the zone's $TTL, else 3600].
    #[arg(long)]
    pub default_ttl: Option<u32>,
    /// Compare what a signer maintains too: RRSIG, NSEC, NSEC3, NSEC3PARAM, DNSKEY, CDS,
    /// CDNSKEY, ZONEMD.
    #[arg(long)]
    pub include_dnssec: bool,
    /// Compare the SOA serial (the SOA is compared only when the desired state has one).
    #[arg(long)]
    pub include_serial: bool,
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// When to colour the diff.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    /// A unified diff, one hunk per RRset that differs, and a `+N -N ~N` summary.
    Human,
    /// Added, removed and changed RRsets as JSON.
    Json,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The zone file; `-` reads standard input.
    pub zone: PathBuf,
    #[command(flatten)]
    pub input: ZoneInput,
    /// Write what a signer maintains too (RRSIG, NSEC, DNSKEY, …).
    #[arg(long)]
    pub include_dnssec: bool,
}

fn run_diff(args: &DiffArgs, out: &mut dyn Write) -> Result<i32, Error> {
    use crate::desired::{diff, read};
    let zone = read_zone(&args.zone, &args.input)?;
    if let Some(e) = crate::desired::syntax_error(&zone) {
        return Err(Error::Input(e));
    }
    let desired =
        read::read_file(&args.desired, &zone.origin).map_err(|e| Error::Input(e.to_string()))?;
    let opts = diff::DiffOptions {
        include_dnssec: args.include_dnssec,
        include_serial: args.include_serial,
        default_ttl: args.default_ttl,
    };
    let drift = diff::compare(&zone, &desired, &opts);
    let (zl, dl) = (
        args.zone.display().to_string(),
        args.desired.display().to_string(),
    );
    match args.format {
        DiffFormat::Human => {
            let text = diff::render_human(&drift, &zl, &dl, use_color(args.color));
            out.write_all(text.as_bytes()).map_err(io)?;
        }
        DiffFormat::Json => {
            let v = diff::render_json(&drift, &zl, &dl, &zone.origin_text());
            let text = serde_json::to_string_pretty(&v).unwrap_or_default();
            writeln!(out, "{text}").map_err(io)?;
        }
    }
    Ok(i32::from(!drift.changes.is_empty()))
}

fn run_export(args: &ExportArgs, out: &mut dyn Write) -> Result<i32, Error> {
    use crate::desired::export;
    let zone = read_zone(&args.zone, &args.input)?;
    if let Some(e) = crate::desired::syntax_error(&zone) {
        return Err(Error::Input(e));
    }
    let opts = export::ExportOptions {
        include_dnssec: args.include_dnssec,
    };
    let exported = export::export(&zone, &opts);
    for n in &exported.notes {
        eprintln!("{}: note: {n}", args.zone.display());
    }
    out.write_all(exported.yaml.as_bytes()).map_err(io)?;
    Ok(0)
}
