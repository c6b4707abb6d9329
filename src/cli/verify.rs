//! `zonewarden verify`: the reader's findings and the DNSSEC checks, for a zone about to be
//! published.

use super::input::parent_ds;
use super::zones::{lint_zones, CheckResult, Run, ZoneCheck};
use super::*;

#[derive(clap::Args, Debug)]
pub struct VerifyArgs {
    /// Signed zone files and directories (walked for zone files, see `include` in
    /// zonewarden.toml); `-` reads standard input.
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
    /// Keep the signature checks that passed in DIR and skip their cryptography when they
    /// come again (a re-signed zone keeps most of its signatures). DIR must be as trusted
    /// as zonewarden itself: whoever can write it can make a bad signature pass.
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
}

pub(super) fn run_verify(args: &VerifyArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let now = parse_now(args.now.as_deref())?;
    let window = match &args.expiry_warning {
        Some(s) => Some(zone::rdata::parse_ttl(s.as_bytes()).ok_or_else(|| {
            Error::Input(format!(
                "--expiry-warning: expected a duration such as 7d or 3600, found `{s}`"
            ))
        })?),
        None => None,
    };
    let check = |_: &Path, zone: &Zone, read: Vec<Diagnostic>, config: &Config| -> CheckResult {
        let ds = parent_ds(args.ds.as_deref(), zone)?;
        let opts = crate::dnssec::Options {
            now,
            expiry_warning: window.or(config.thresholds.expiry_warning),
            ds,
            cache: args.cache.clone().or_else(|| config.verify_cache.clone()),
        };
        let (diags, stats) = crate::lint::verify_zone_taking(zone, read, &opts);
        Ok((diags, Some(stats.describe())))
    };
    if args.report.format == Some(Format::Svg) {
        return write_chain(out, &check, args, now);
    }
    lint_zones(out, &args.files, &args.input, &args.report, check)
}

/// `--format svg`: the chain of trust of the one zone, drawn from the findings left after
/// its config; the exit status is the report's.
fn write_chain(
    out: &mut dyn Write,
    check: &ZoneCheck<'_>,
    args: &VerifyArgs,
    now: i64,
) -> Result<i32, Error> {
    let run = Run::new(&args.input, &args.report)?;
    let files = run.files(&args.files)?;
    if files.len() != 1 {
        return Err(Error::Input(format!(
            "--format svg draws the chain of trust of one zone; {} zones given (run verify once per zone)",
            files.len()
        )));
    }
    let ((zone, diags, fail), _) = run.check_one(&files[0], &check)?;
    let opts = crate::dnssec::Options {
        now,
        expiry_warning: None,
        ds: parent_ds(args.ds.as_deref(), &zone)?,
        cache: None,
    };
    let chain = crate::lint::chain_of_trust(&zone, &opts, &diags);
    out.write_all(report::chain_svg::render(&chain).as_bytes())
        .map_err(io)?;
    Ok(i32::from(fail))
}
