//! What `lint` and `verify` share: reading each zone with its configuration, in parallel,
//! judging its findings against `fail-on`, and writing every report in the chosen format.

use super::*;

/// A zone, its findings after config, and whether they fail the run.
pub(super) type Linted = (Zone, Vec<Diagnostic>, bool);

pub(super) type Checked = Result<(Linted, Option<String>), Error>;

/// Reads each zone with its config (several in parallel, each report kept together), runs
/// `check` on it, applies the config to the findings and judges them against `fail-on`.
pub(super) fn check_zones<F>(
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

/// Prints every zone's report in the chosen format (a note per zone goes under the human
/// summary line) and returns the exit status: the first input error, else 1 if any zone
/// fails.
pub(super) fn write_reports(
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
        // `verify` draws its picture itself; `lint` refuses it before reading.
        Format::Svg => return Err(svg_refused("lint")),
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

/// The input error for `--format svg` where a command has no picture.
pub(super) fn svg_refused(command: &str) -> Error {
    Error::Input(format!(
        "--format svg: {command} has no picture; `zonewarden verify --format svg ZONE` draws a zone's chain of trust and `zonewarden rollover --format svg` a rollover timeline"
    ))
}

/// `--format`, else `short` when standard input is read with `VERIFY_ZONE` set: that is how
/// NSD runs a zone verifier, and what the verifier prints lands in NSD's log. Otherwise
/// `human`. Whether standard output is a terminal plays no part, so running the same
/// command by hand shows what the log showed.
pub(super) fn report_format(explicit: Option<Format>, reports: &[ZoneReport]) -> Format {
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

/// `--ds FILE`: the parent's DS RRset for this zone, read as `verify` and `lint` take it.
pub(super) fn parent_ds(
    file: Option<&Path>,
    zone: &Zone,
) -> Result<Option<Vec<crate::dnssec::ParentDs>>, Error> {
    file.map(|f| crate::dnssec::read_ds_file(f, &zone.origin_text()).map_err(Error::from))
        .transpose()
}
