//! `zonewarden scorecard`: the mail-standards verdict of every mail domain of a run of
//! zones, as internet.nl's mail test would give it once they are published.

use super::*;
use crate::index::{Cx, LintOptions};
use crate::scorecard::{self, ParentDs, ZoneRun, COLUMNS};
use rayon::prelude::*;

#[derive(clap::Args, Debug)]
pub struct ScorecardArgs {
    /// Zone files and directories (walked as `lint` walks them), all judged together (an MX
    /// host in one is looked up in the others); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub input: ZoneInput,
    /// The time signatures are checked against: RFC 3339, YYYYMMDDHHmmSS, or seconds since 1970.
    #[arg(long)]
    pub now: Option<String>,
    /// A certificate, chain or key (PEM or DER) the mail hosts serve: decides dane_valid
    /// (repeatable; without it dane_valid is unknown).
    #[arg(long = "cert", value_name = "FILE")]
    pub certs: Vec<PathBuf>,
    /// The parents' DS records in zone-file form, for any number of the zones (each DS names
    /// its owner, absolute): decides dnssec (a signed zone with no DS here is insecure).
    #[arg(long, value_name = "FILE")]
    pub ds: Option<PathBuf>,
    /// The columns that decide the exit status, comma-separated [default: all].
    #[arg(long, value_delimiter = ',', value_name = "COLUMNS")]
    pub require: Vec<String>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = ScorecardFormat::Markdown)]
    pub format: ScorecardFormat,
    /// The config file; otherwise the nearest zonewarden.toml at or above each zone's directory.
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScorecardFormat {
    /// A table to paste into a pull-request comment, then why each cell is not a pass.
    Markdown,
    /// schemas/scorecard.schema.json.
    Json,
    /// One self-contained page: the table, each failing cell linking to its findings.
    Html,
    /// One small badge per domain.
    Svg,
}

/// A zone's config: the one `--config` fixes for every zone, or its own.
enum ZoneConfig<'a> {
    Fixed(&'a Config),
    Own(Box<Config>),
}

impl std::ops::Deref for ZoneConfig<'_> {
    type Target = Config;
    fn deref(&self) -> &Config {
        match self {
            ZoneConfig::Fixed(c) => c,
            ZoneConfig::Own(c) => c,
        }
    }
}

/// `--require`: column indices; every column when none is named.
fn required(names: &[String]) -> Result<Vec<usize>, Error> {
    if names.is_empty() {
        return Ok((0..COLUMNS.len()).collect());
    }
    names
        .iter()
        .map(|n| {
            COLUMNS.iter().position(|c| *c == n.trim()).ok_or_else(|| {
                Error::Input(format!(
                    "--require: no column `{}`; the columns are {}",
                    crate::diag::quote(n.as_bytes()),
                    COLUMNS.join(", ")
                ))
            })
        })
        .collect()
}

pub(super) fn run_scorecard(args: &ScorecardArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let required = required(&args.require)?;
    let fixed_config = match &args.config {
        Some(p) => Some(Config::load(p)?),
        None => None,
    };
    // Files and directories, as `lint` reads them.
    args.input.origin_for_one(&args.paths)?;
    let files = super::walk::expand_paths(&args.paths, fixed_config.as_ref())?;
    if files.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::Input(
            "standard input (-) can be read only once".into(),
        ));
    }
    let lint_opts = LintOptions {
        now: parse_now(args.now.as_deref())?,
        certs: crate::cli::tlsa::load_inputs(&args.certs)?,
        // The scorecard judges on every rule's findings, whatever the config ignores.
        disabled: Vec::new(),
        word_later: false,
    };
    let ds_sets = match &args.ds {
        Some(f) => Some(crate::dnssec::read_ds_sets(f)?),
        None => None,
    };
    // Each zone's own config when none is fixed by --config.
    let zones: Vec<(PathBuf, ZoneConfig, Zone)> = files
        .par_iter()
        .map(|p| {
            let config = match &fixed_config {
                Some(c) => ZoneConfig::Fixed(c),
                None => ZoneConfig::Own(Box::new(Config::discover(p)?)),
            };
            let zone = read_zone_with(p, &args.input, &config, false)?;
            Ok((p.clone(), config, zone))
        })
        .collect::<Result<_, Error>>()?;
    let cxs: Vec<Cx> = zones
        .par_iter()
        .map(|(_, _, z)| Cx::new(z, &lint_opts))
        .collect();
    let judged: Vec<(Vec<Diagnostic>, ParentDs)> = zones
        .par_iter()
        .zip(&cxs)
        .map(|((path, config, zone), cx)| {
            let ds = ds_sets
                .as_ref()
                .map(|sets| sets.get(&zone::name::to_lowercase(&zone.origin)).cloned());
            let state = match &ds {
                None => ParentDs::NotGiven,
                Some(Some(_)) => ParentDs::Present,
                Some(None) => ParentDs::Absent,
            };
            let dnssec = crate::dnssec::Options {
                now: lint_opts.now,
                expiry_warning: config.thresholds.expiry_warning,
                ds: ds.flatten(),
                cache: None,
            };
            let diags = crate::lint::lint_in(cx, &dnssec);
            (config.apply(path, diags), state)
        })
        .collect();
    let runs: Vec<ZoneRun> = cxs
        .iter()
        .zip(&judged)
        .map(|(cx, (diags, ds))| ZoneRun { cx, diags, ds: *ds })
        .collect();
    let opts = scorecard::Options {
        certs: !lint_opts.certs.is_empty(),
    };
    let rows = scorecard::build(&runs, &opts);
    let text = match args.format {
        ScorecardFormat::Markdown => report::scorecard::markdown(&rows),
        ScorecardFormat::Json => report::scorecard::json(&rows) + "\n",
        ScorecardFormat::Html => report::scorecard::html(&rows),
        ScorecardFormat::Svg => report::scorecard::svg(&rows),
    };
    out.write_all(text.as_bytes()).map_err(io)?;
    let fail = rows.iter().any(|r| !scorecard::row_passes(r, &required));
    Ok(i32::from(fail))
}
