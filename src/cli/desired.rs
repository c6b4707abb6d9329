//! `zonewarden diff` and `zonewarden export`: a zone against its desired state in
//! octoDNS YAML, and a zone written as one.

use super::*;

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

pub(super) fn run_diff(args: &DiffArgs, out: &mut dyn Write) -> Result<i32, Error> {
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

pub(super) fn run_export(args: &ExportArgs, out: &mut dyn Write) -> Result<i32, Error> {
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
