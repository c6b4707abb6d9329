//! `zonewarden verify`: the reader's findings and the DNSSEC checks, for a zone about to be
//! published.

use super::zones::{check_zones, parent_ds, write_reports};
use super::*;

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

pub(super) fn run_verify(args: &VerifyArgs, out: &mut dyn Write) -> Result<i32, Error> {
    super::zones::no_picture(&args.report, "verify")?;
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
        let ds = parent_ds(args.ds.as_deref(), zone)?;
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
