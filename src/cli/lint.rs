//! `zonewarden lint`: every syntax error and rule finding.

use super::input::parent_ds;
use super::zones::lint_zones;
use super::*;

#[derive(clap::Args, Debug)]
pub struct LintArgs {
    /// Zone files and directories (walked for zone files, see `include` in zonewarden.toml);
    /// `-` reads standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub input: ZoneInput,
    /// The time checks compare against: RFC 3339, YYYYMMDDHHmmSS, or seconds since 1970.
    #[arg(long)]
    pub now: Option<String>,
    /// A certificate, chain, key or CSR (PEM or DER) that TLSA records should match; repeat
    /// for the current chain and the staged next key (ZW3006, ZW3009). A certificate's hosts
    /// (its subjectAltName) must have a TLSA record that matches it (ZW3011).
    #[arg(long = "cert", value_name = "FILE")]
    pub certs: Vec<PathBuf>,
    /// The parent's DS records in zone-file form (a dsset- file), as for `verify`: each must
    /// match a key, and a key one of them matches must sign the DNSKEY RRset. With it the
    /// DNSSEC checks run even on a zone that is not signed.
    #[arg(long, value_name = "FILE")]
    pub ds: Option<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
}

pub(super) fn run_lint(args: &LintArgs, out: &mut dyn Write) -> Result<i32, Error> {
    if args.report.format == Some(Format::Svg) {
        return Err(super::zones::svg_refused("lint"));
    }
    let now = parse_now(args.now.as_deref())?;
    let opts = LintOptions {
        now,
        certs: tlsa::load_inputs(&args.certs)?,
        disabled: Vec::new(),
        // The report words them (see `lint_zones`).
        word_later: true,
    };
    lint_zones(
        out,
        &args.files,
        &args.input,
        &args.report,
        |path, zone, read, config| {
            // The DNSSEC checks (when the zone has signatures, or --ds says the parent expects
            // them) take the config's expiry window and the parent's DS.
            let ds = parent_ds(args.ds.as_deref(), zone)?;
            let dnssec = crate::dnssec::Options {
                now,
                expiry_warning: config.thresholds.expiry_warning,
                ds,
                cache: None,
            };
            // The rules the config switches off for this zone are not run: their findings
            // would only be dropped by `Config::apply`.
            let disabled = config.disabled_rules(path);
            let zone_opts;
            let opts = if disabled.is_empty() {
                &opts
            } else {
                zone_opts = LintOptions {
                    disabled,
                    ..opts.clone()
                };
                &zone_opts
            };
            Ok((crate::lint::lint_taking(zone, read, opts, &dnssec), None))
        },
    )
}
