//! What `lint` and `verify` share: expanding directories into zone files, reading each zone
//! with its configuration, several in parallel, judging its findings against `fail-on`, and
//! writing every report in the chosen format.
//!
//! Memory is bounded by the zones in flight, never by the number of zones: each zone's part
//! of the report is rendered as soon as it is checked and the zone dropped; the human, short
//! and GitHub reports are written zone by zone in path order, and the JSON and SARIF
//! documents, which cover the whole run, are put together from the parts at the end.
//! Nor does the run hold a list of its files: the directories are walked as a stream
//! ([`super::walk::zone_files`]), and what the cross-zone checks need of each zone goes to
//! [`crate::crosszone::Kept`], which keeps the many light zones on disk.

use super::*;
use crate::report::Summary;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Condvar, Mutex};

/// A zone, its findings after config, and whether they fail the run.
pub(super) type Linted = (Zone, Vec<Diagnostic>, bool);

/// What checking one zone gives: its findings and a note for the human report.
pub(super) type CheckResult = Result<(Vec<Diagnostic>, Option<String>), Error>;

/// What a command runs on each zone read: the zone, the reader's findings (taken out of it, so
/// that they are not held twice) and its config, to the findings and a note.
pub(super) type ZoneCheck<'a> =
    dyn Fn(&Path, &Zone, Vec<Diagnostic>, &Config) -> CheckResult + Sync + 'a;

/// How many directories' configs a run keeps at once.
const CONFIGS_KEPT: usize = 64;

/// How the zones of a run are read and checked.
pub(super) struct Run<'a> {
    input: &'a ZoneInput,
    report: &'a ReportArgs,
    fixed_config: Option<Arc<Config>>,
    /// Configs found per zone directory, so a run over thousands of zones in one directory
    /// reads its zonewarden.toml once; the last [`CONFIGS_KEPT`] directories only, since
    /// the walk gives each directory's zones together.
    configs: Mutex<HashMap<PathBuf, Arc<Config>>>,
    /// The directories the command's paths name, walked for zones: a zone's config may come
    /// from any directory between its own and the one walked ([`Config::discover_within`]).
    walked: std::sync::OnceLock<Vec<PathBuf>>,
    show_progress: bool,
}

impl<'a> Run<'a> {
    pub(super) fn new(input: &'a ZoneInput, report: &'a ReportArgs) -> Result<Run<'a>, Error> {
        let fixed_config = match &report.config {
            Some(p) => Some(Arc::new(Config::load(p)?)),
            None => None,
        };
        Ok(Run {
            input,
            report,
            fixed_config,
            configs: Mutex::new(HashMap::new()),
            walked: std::sync::OnceLock::new(),
            // A progress bar only on a terminal, never under --quiet.
            show_progress: !report.quiet && std::io::stderr().is_terminal(),
        })
    }

    /// The zone files the command's paths name (directories walked, see
    /// [`super::walk::expand_paths`]); standard input at most once.
    pub(super) fn files(&self, paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
        stdin_once(paths)?;
        self.input.origin_for_one(paths)?;
        self.walking(paths);
        super::walk::expand_paths(paths, self.fixed_config.as_deref())
    }

    /// [`Run::files`] as a stream, with how many files it gives.
    fn file_stream<'p>(
        &'p self,
        paths: &'p [PathBuf],
    ) -> Result<(usize, super::walk::ZoneFiles<'p>), Error> {
        stdin_once(paths)?;
        self.input.origin_for_one(paths)?;
        self.walking(paths);
        super::walk::zone_files(paths, self.fixed_config.as_deref())
    }

    /// Notes the directories among `paths`, for [`Run::config_for`].
    fn walking(&self, paths: &[PathBuf]) {
        let dirs = paths.iter().filter(|p| p.is_dir()).cloned().collect();
        let _ = self.walked.set(dirs);
    }

    /// The config for a zone: `--config`, else the nearest zonewarden.toml, found once per
    /// directory.
    fn config_for(&self, path: &Path) -> Result<Arc<Config>, Error> {
        if let Some(c) = &self.fixed_config {
            return Ok(c.clone());
        }
        let dir = if path.as_os_str() == "-" {
            PathBuf::from("-")
        } else {
            path.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        if let Some(c) = self
            .configs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&dir)
        {
            return Ok(c.clone());
        }
        // The directory walked that holds the zone, if the walk found it.
        let walked = self
            .walked
            .get()
            .and_then(|dirs| dirs.iter().find(|d| path.starts_with(d)));
        let config = Arc::new(Config::discover_within(path, walked.map(PathBuf::as_path))?);
        let mut configs = self.configs.lock().unwrap_or_else(|e| e.into_inner());
        if configs.len() >= CONFIGS_KEPT {
            configs.clear();
        }
        configs.insert(dir, config.clone());
        Ok(config)
    }

    /// Reads one zone with its config, runs `check` on it, applies the config to the
    /// findings and judges them against `fail-on`.
    pub(super) fn check_one<F>(
        &self,
        p: &Path,
        check: &F,
    ) -> Result<(Linted, Option<String>), Error>
    where
        F: Fn(&Path, &Zone, Vec<Diagnostic>, &Config) -> CheckResult + Sync,
    {
        let config = self.config_for(p)?;
        let t0 = std::time::Instant::now();
        let mut zone = read_zone_with(p, self.input, &config, self.show_progress)?;
        let t1 = std::time::Instant::now();
        if std::env::var_os("ZONEWARDEN_TIMING").is_some() {
            eprintln!("{}: read, {}", p.display(), crate::dnssec::memory());
        }
        // The reader's findings go to the check by value, so that they are not held twice.
        let read = std::mem::take(&mut zone.diagnostics);
        let (diags, note) = check(p, &zone, read, &config)?;
        // For benchmarks: where the time goes, on standard error.
        if std::env::var_os("ZONEWARDEN_TIMING").is_some() {
            eprintln!(
                "{}: read {:?}, check {:?}, {}",
                p.display(),
                t1 - t0,
                t1.elapsed(),
                crate::dnssec::memory()
            );
        }
        let diags = config.apply(p, diags);
        let fail = fails(self.report.fail_on, &config, &diags);
        Ok(((zone, diags, fail), note))
    }
}

/// Refuses standard input named twice.
fn stdin_once(paths: &[PathBuf]) -> Result<(), Error> {
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::Input(
            "standard input (-) can be read only once".into(),
        ));
    }
    Ok(())
}

/// One zone's part of the report, rendered while the zone was at hand.
enum Part {
    /// Human, short or GitHub text, written as it comes.
    Text(Vec<u8>),
    /// The zone's entry in the JSON report.
    Json(report::json::ZonePart),
    /// The zone's SARIF results.
    Sarif(Vec<report::sarif::SarifResult>),
}

/// What is kept of a zone once its report part is rendered.
struct Done {
    part: Part,
    summary: Summary,
    fail: bool,
    /// What the cross-zone checks need of the zone, in a run over several zones, and its
    /// file.
    facts: Option<(PathBuf, crate::crosszone::Facts)>,
}

/// Checks every zone that `paths` name (directories walked), several in parallel, and writes
/// the report in the chosen format; returns the exit status: 2 if any zone could not be read
/// (each is named on standard error, and the run goes on with the others), else 1 if any
/// zone fails. A run over more than one zone ends with a summary line on standard
/// error (not under `--quiet`).
pub(super) fn lint_zones<F>(
    out: &mut dyn Write,
    paths: &[PathBuf],
    input: &ZoneInput,
    args: &ReportArgs,
    check: F,
) -> Result<i32, Error>
where
    F: Fn(&Path, &Zone, Vec<Diagnostic>, &Config) -> CheckResult + Sync,
{
    let started = std::time::Instant::now();
    let run = Run::new(input, args)?;
    let (count, files) = run.file_stream(paths)?;
    let stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let format = report_format(args.format, stdin);
    if format == Format::Svg {
        // `verify` draws its picture itself; `lint` refuses it before reading.
        return Err(svg_refused("lint"));
    }
    let color = use_color(args.color);
    let cross = count > 1;
    // Findings name their file where the user did not: several zones, or a directory walked.
    let name_file = cross || paths.iter().any(|p| p.is_dir());
    // A zone's text is rendered into a buffer of its own, for the zones to be written in
    // order; a run of one zone writes it straight out (50 MB of buffer saved for a zone
    // with 100,000 findings).
    let direct = count == 1
        && matches!(
            format,
            Format::Human | Format::Short | Format::Github | Format::Json
        );
    let out = std::cell::RefCell::new(out);
    let check_render = |p: PathBuf, text: &mut dyn Write| -> Result<Done, Error> {
        let ((zone, mut diags, fail), note) = run.check_one(&p, &check)?;
        // The reports of one zone word its findings as they write them, on every core
        // (`report::ordered`); the others are given them worded.
        if !(direct && matches!(format, Format::Human | Format::Short | Format::Json)) {
            crate::diag::word_all(&mut diags, &zone);
        }
        let mut summary = Summary::default();
        summary.add(&diags);
        let r = ZoneReport {
            zone: &zone,
            diagnostics: diags,
        };
        let t0 = std::time::Instant::now();
        let part = if direct && format == Format::Json {
            // The only zone: its counts are the run's, and nothing follows it.
            report::json::render_one(text, &summary, &r).map_err(io)?;
            None
        } else {
            let shown = Shown {
                color,
                quiet: args.quiet,
                name_file,
            };
            render_part(format, &r, fail, note.as_deref(), shown, text)?
        };
        if std::env::var_os("ZONEWARDEN_TIMING").is_some() {
            eprintln!("{}: report {:?}", p.display(), t0.elapsed());
        }
        let part = part.unwrap_or(Part::Text(Vec::new()));
        let facts = cross.then(|| crate::crosszone::Facts::of(&zone)).flatten();
        let facts = facts.map(|f| (p, f));
        if direct && zone.records.len() + r.diagnostics.len() >= FREE_BEHIND_FROM {
            let diagnostics = r.diagnostics;
            free_behind((zone, diagnostics));
        }
        Ok(Done {
            part,
            summary,
            fail,
            facts,
        })
    };
    // A zone that cannot be read or checked is named with why, and the run goes on.
    let render_to = |p: Result<PathBuf, Error>, text: &mut dyn Write| match p {
        Err(error) => Err(Unchecked { path: None, error }),
        Ok(p) => check_render(p.clone(), text).map_err(|error| Unchecked {
            path: Some(p),
            error,
        }),
    };
    let render = |p: Result<PathBuf, Error>| -> Result<Done, Unchecked> {
        let mut text = Vec::new();
        let mut done = render_to(p, &mut text)?;
        if let Part::Text(t) = &mut done.part {
            *t = text;
        }
        Ok(done)
    };
    let mut tally = Tally::default();
    if direct {
        for p in files {
            let done = render_to(p, *out.borrow_mut());
            tally.take(*out.borrow_mut(), done)?;
        }
    } else {
        ordered_par_map(files, render, |done| tally.take(*out.borrow_mut(), done))?;
    }
    let out = out.into_inner();
    let crossed = cross_zone(&run, std::mem::take(&mut tally.kept), format, color)?;
    if format == Format::Human && !args.quiet && !crossed.text.is_empty() {
        // The cross-zone findings follow the last zone's summary line, a blank line apart.
        writeln!(out).map_err(io)?;
    }
    // A zone written whole already (`direct`) leaves nothing; a run whose one zone could not
    // be read still writes a report with no zones.
    let written = direct && tally.unread.is_empty();
    tally.finish(out, crossed, format, written)?;
    out.flush().map_err(io)?;
    let many = tally.zones + tally.unread.len() > 1 || paths.iter().any(|p| p.is_dir());
    Ok(tally.tell(many && !args.quiet, started))
}

/// A zone the run could not read or check: its file, when the walk got as far as naming
/// one, and why.
struct Unchecked {
    path: Option<PathBuf>,
    error: Error,
}

/// What a run has gathered of its zones as their results come in order.
#[derive(Default)]
struct Tally {
    /// The zones read and checked.
    zones: usize,
    total: Summary,
    fail: bool,
    /// The zones that could not be read or checked, in path order, each with why.
    unread: Vec<report::Unread>,
    json_parts: Vec<report::json::ZonePart>,
    sarif_results: Vec<report::sarif::SarifResult>,
    kept: crate::crosszone::Kept,
}

impl Tally {
    /// Takes the next zone's result: text parts are written out, the others kept.
    /// A report that cannot be written ends the run; a zone that cannot be read is kept to
    /// be named at the end.
    fn take(&mut self, out: &mut dyn Write, result: Result<Done, Unchecked>) -> Result<(), Error> {
        let done = match result {
            Ok(d) => d,
            Err(Unchecked {
                error: e @ Error::Output(_),
                ..
            }) => return Err(e),
            Err(Unchecked { path, error }) => {
                // The zone's file, and why: the reader's reason, else the whole message
                // (a config that cannot be loaded names itself).
                let unread = match error {
                    Error::Unreadable { path, reason } => report::Unread {
                        file: path.display().to_string(),
                        reason,
                    },
                    Error::NoZoneFiles { ref dir, .. } => report::Unread {
                        file: dir.display().to_string(),
                        reason: error.no_zone_files_reason(),
                    },
                    e => report::Unread {
                        file: path.map(|p| p.display().to_string()).unwrap_or_default(),
                        reason: e.to_string(),
                    },
                };
                self.unread.push(unread);
                return Ok(());
            }
        };
        self.zones += 1;
        self.add(&done.summary, done.fail);
        if let Some((path, f)) = done.facts {
            let part = self.json_parts.len();
            let place = crate::crosszone::Place { path, part };
            self.kept.push(place, f).map_err(|e| {
                Error::Input(format!(
                    "cannot keep what the cross-zone checks need of the zones read: {e}"
                ))
            })?;
        }
        match done.part {
            Part::Text(t) => return out.write_all(&t).map_err(io),
            Part::Json(j) => self.json_parts.push(j),
            Part::Sarif(s) => self.sarif_results.extend(s),
        }
        Ok(())
    }

    /// Names on standard error each zone that could not be read, and with `summary` writes
    /// the run's summary line; returns the exit status: 2 when a zone could not be read,
    /// else 1 when one fails.
    fn tell(&self, summary: bool, started: std::time::Instant) -> i32 {
        // Each named with why (the message may quote input: its control characters are
        // escaped, as `main` escapes an error's).
        for u in &self.unread {
            let said = match u.file.as_str() {
                "" => u.reason.clone(),
                file => format!("{file}: {}", u.reason),
            };
            eprintln!("zonewarden: {}", crate::diag::escape_controls(&said));
        }
        if summary {
            let unread = match self.unread.len() {
                0 => String::new(),
                n => format!(", {n} could not be read"),
            };
            eprintln!(
                "zonewarden: {} zone{} read{unread}, {} in {:.2} s",
                self.zones,
                if self.zones == 1 { "" } else { "s" },
                human::counts(&self.total),
                started.elapsed().as_secs_f64()
            );
        }
        if self.unread.is_empty() {
            i32::from(self.fail)
        } else {
            2
        }
    }

    fn add(&mut self, summary: &Summary, fail: bool) {
        self.total.errors += summary.errors;
        self.total.warnings += summary.warnings;
        self.total.infos += summary.infos;
        self.fail |= fail;
    }

    /// Adds the cross-zone findings and writes what the format writes at the end (the JSON
    /// report unless `written` already, the SARIF log).
    fn finish(
        &mut self,
        out: &mut dyn Write,
        crossed: Crossed,
        format: Format,
        written: bool,
    ) -> Result<(), Error> {
        self.add(&crossed.summary, crossed.fail);
        out.write_all(&crossed.text).map_err(io)?;
        for (i, d) in crossed.json {
            if let Some(p) = self.json_parts.get_mut(i) {
                p.extend(d);
            }
        }
        match format {
            Format::Json if !written => {
                let total = Summary {
                    unreadable: self.unread.len(),
                    ..self.total
                };
                report::json::render_parts(out, &total, &self.json_parts, &self.unread).map_err(io)
            }
            Format::Sarif => {
                let mut results = std::mem::take(&mut self.sarif_results);
                results.extend(crossed.sarif);
                writeln!(
                    out,
                    "{}",
                    report::sarif::render_results(results, &self.unread)
                )
                .map_err(io)
            }
            _ => Ok(()),
        }
    }
}

/// The cross-zone findings of a run, rendered.
#[derive(Default)]
struct Crossed {
    summary: Summary,
    fail: bool,
    /// Human, short or GitHub text, written after every zone's report.
    text: Vec<u8>,
    /// JSON diagnostics, by the index of the zone's part they join.
    json: Vec<(usize, report::json::ZonePart)>,
    sarif: Vec<report::sarif::SarifResult>,
}

/// Runs the cross-zone checks over what the run kept of its zones: reads again the zones
/// whose host addresses the checks need, then renders each zone's findings, after its
/// config, in `format`.
fn cross_zone(
    run: &Run,
    kept: crate::crosszone::Kept,
    format: Format,
    color: bool,
) -> Result<Crossed, Error> {
    let mut crossed = Crossed::default();
    if kept.len() < 2 {
        return Ok(crossed);
    }
    // The zones that can take part: the heavy ones and the light ones they reach.
    let (places, mut facts) = kept.gather().map_err(io)?;
    // Light zones the checks turn out to need in full (children of a delegation in the
    // run; every one when the run has a reverse zone), read again, several at once.
    let full: Vec<Result<(usize, Option<crate::crosszone::Facts>), Error>> =
        crate::crosszone::to_complete(&facts)
            .into_par_iter()
            .map(|z| {
                let path = &places[z].path;
                let config = run.config_for(path)?;
                let zone = read_zone_with(path, run.input, &config, false)?;
                Ok((z, crate::crosszone::Facts::full(&zone)))
            })
            .collect();
    for f in full {
        if let (z, Some(full)) = f? {
            facts[z] = full;
        }
    }
    // The zones holding hosts that other zones name, read again, several at once.
    let found: Vec<Result<(usize, crate::crosszone::Addresses), Error>> =
        crate::crosszone::wanted(&facts)
            .into_par_iter()
            .map(|(z, names)| {
                let path = &places[z].path;
                let config = run.config_for(path)?;
                let zone = read_zone_with(path, run.input, &config, false)?;
                Ok((z, crate::crosszone::Addresses::of(&zone, names)))
            })
            .collect();
    for f in found {
        let (z, addresses) = f?;
        facts[z].add_addresses(addresses);
    }
    let findings = crate::crosszone::check(&facts);
    for located in crate::crosszone::locate(&facts, findings) {
        let crate::crosszone::Located {
            index: z,
            zone,
            diagnostics: diags,
            records,
        } = located;
        let crate::crosszone::Place { path, part } = &places[z];
        let config = run.config_for(path)?;
        let diags = config.apply(path, diags);
        if diags.is_empty() {
            continue;
        }
        crossed.summary.add(&diags);
        crossed.fail |= fails(run.report.fail_on, &config, &diags);
        let r = ZoneReport {
            zone: &zone,
            diagnostics: diags,
        };
        let text = &mut crossed.text;
        match format {
            Format::Json => crossed.json.push((*part, report::json::zone_part(&r))),
            Format::Sarif => crossed.sarif.extend(report::sarif::zone_results(&r)),
            Format::Github => {
                text.extend_from_slice(report::github::render(std::slice::from_ref(&r)).as_bytes())
            }
            Format::Short => {
                let label = report::short::label(facts[z].origin_text(), facts[z].serial());
                // The owner and type of the record a finding points at.
                let at = |span| {
                    let (_, owner, t) = records.iter().find(|r| r.0 == span)?;
                    Some((owner.clone(), *t))
                };
                report::short::render_cross_findings(text, &label, &r, &at).map_err(io)?;
            }
            Format::Human | Format::Svg => human::render_zone(text, &r, color).map_err(io)?,
        }
    }
    Ok(crossed)
}

/// Records and findings together below which a run over one zone frees them where it is:
/// in well under a millisecond, and with no thread left running at exit.
const FREE_BEHIND_FROM: usize = 1 << 16;

/// Frees what a run over one zone is done with on a thread of its own: a zone of 1.6 million
/// records with 125,000 findings takes 30 ms to free, which the run need not wait for (at its
/// exit the system takes the memory back whole). A run over many zones frees each as it goes,
/// so that its memory stays bounded.
fn free_behind<T: Send + 'static>(done: T) {
    // Should no thread start, the value is freed here, as it would have been.
    let _ = std::thread::Builder::new().spawn(move || drop(done));
}

/// How a zone's part of a text report is shown.
#[derive(Clone, Copy)]
struct Shown {
    color: bool,
    /// No summary or verdict line.
    quiet: bool,
    /// The run covers several files: the short report names each line's.
    name_file: bool,
}

/// One zone's part of the report in `format` (a note per zone goes under the human summary
/// line): human, short and GitHub text is written to `text` and `None` returned.
fn render_part(
    format: Format,
    r: &ZoneReport,
    fail: bool,
    note: Option<&str>,
    shown: Shown,
    text: &mut dyn Write,
) -> Result<Option<Part>, Error> {
    match format {
        Format::Json => return Ok(Some(Part::Json(report::json::zone_part(r)))),
        Format::Sarif => return Ok(Some(Part::Sarif(report::sarif::zone_results(r)))),
        Format::Github => text
            .write_all(report::github::render(std::slice::from_ref(r)).as_bytes())
            .map_err(io)?,
        Format::Short => {
            let (quiet, name_file) = (shown.quiet, shown.name_file);
            report::short::render_zone(text, r, fail, note, quiet, name_file).map_err(io)?
        }
        Format::Svg => return Err(svg_refused("lint")),
        Format::Human => {
            human::render_zone(text, r, shown.color).map_err(io)?;
            if !shown.quiet {
                writeln!(text, "{}", human::zone_line(r)).map_err(io)?;
                if let Some(n) = note {
                    writeln!(text, "  {n}").map_err(io)?;
                }
            }
        }
    }
    Ok(None)
}

/// Maps `work` over `items` on several threads and hands the results to `sink` in the
/// items' order, with at most a few more results in flight than there are threads, so that
/// what the results hold is bounded by that window. The items are taken from the iterator
/// one at a time, as threads are free: they need not be all at hand. An error from `sink`
/// stops the work.
pub(super) fn ordered_par_map<I, R, W, S>(items: I, work: W, mut sink: S) -> Result<(), Error>
where
    I: Iterator + Send,
    I::Item: Send,
    R: Send,
    W: Fn(I::Item) -> R + Sync,
    S: FnMut(R) -> Result<(), Error>,
{
    let most = items.size_hint().1.unwrap_or(usize::MAX);
    let threads = rayon::current_num_threads().clamp(1, most.max(1));
    if threads == 1 {
        for item in items {
            sink(work(item))?;
        }
        return Ok(());
    }
    let window = 2 * threads + 2;
    // The items and the index of the next one.
    let source = Mutex::new((0usize, items));
    let written = Mutex::new(0usize);
    let moved = Condvar::new();
    let stop = AtomicBool::new(false);
    // The next item with its index, taken under the lock.
    let next = |s: &mut (usize, I)| {
        let item = s.1.next()?;
        s.0 += 1;
        Some((s.0 - 1, item))
    };
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, R)>();
        // One thread fewer than the cores: this one works too, between handing results on,
        // rather than waking for each result (for 10,000 small zones that waking was a fifth
        // of the run).
        for _ in 1..threads {
            let (tx, source, written, moved, stop, work, next) =
                (tx.clone(), &source, &written, &moved, &stop, &work, &next);
            scope.spawn(move || loop {
                let taken = {
                    let mut s = source.lock().unwrap_or_else(|e| e.into_inner());
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    next(&mut s)
                };
                let Some((i, item)) = taken else {
                    break;
                };
                {
                    let mut w = written.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= *w + window && !stop.load(Ordering::Relaxed) {
                        w = moved.wait(w).unwrap_or_else(|e| e.into_inner());
                    }
                }
                if stop.load(Ordering::Relaxed) || tx.send((i, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut out_next = 0usize;
        let (mut exhausted, mut workers_done) = (false, false);
        let result = 'run: loop {
            // Hand on what is next in order.
            while let Some(r) = pending.remove(&out_next) {
                out_next += 1;
                *written.lock().unwrap_or_else(|e| e.into_inner()) = out_next;
                moved.notify_all();
                if let Err(e) = sink(r) {
                    break 'run Err(e);
                }
            }
            if exhausted && workers_done {
                break Ok(());
            }
            // What the other threads have done, without waiting for it.
            if let Ok((i, r)) = rx.try_recv() {
                pending.insert(i, r);
                continue;
            }
            // The next item, worked on here while the window has room for it...
            if !exhausted {
                let mut s = source.lock().unwrap_or_else(|e| e.into_inner());
                if s.0 < out_next + window {
                    let Some((i, item)) = next(&mut s) else {
                        exhausted = true;
                        continue;
                    };
                    drop(s);
                    pending.insert(i, work(item));
                    continue;
                }
            }
            // ...else what the other threads do next.
            match rx.recv() {
                Ok((i, r)) => {
                    pending.insert(i, r);
                }
                Err(_) => workers_done = true,
            }
        };
        stop.store(true, Ordering::Relaxed);
        // Wake the threads waiting for the window, under the lock so none misses it.
        drop(written.lock().unwrap_or_else(|e| e.into_inner()));
        moved.notify_all();
        drop(rx);
        result
    })
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
pub(super) fn report_format(explicit: Option<Format>, stdin: bool) -> Format {
    if let Some(f) = explicit {
        return f;
    }
    if stdin && std::env::var_os("VERIFY_ZONE").is_some_and(|v| !v.is_empty()) {
        return Format::Short;
    }
    Format::Human
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Results come in the items' order whatever order the work finishes in, and an error
    /// from the sink ends the run early.
    #[test]
    fn ordered_par_map_keeps_order_and_stops_on_error() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        ordered_par_map(
            items.iter(),
            |&i| {
                // Later items finish first now and then.
                std::thread::sleep(std::time::Duration::from_micros((200 - i) % 7 * 50));
                i * 2
            },
            |r| {
                seen.push(r);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        let done = AtomicU64::new(0);
        let r = ordered_par_map(
            items.iter(),
            |&i| {
                done.fetch_add(1, Ordering::Relaxed);
                i
            },
            |i| {
                if i == 10 {
                    Err(Error::Input("stop".into()))
                } else {
                    Ok(())
                }
            },
        );
        assert!(r.is_err());
        assert!(
            done.load(Ordering::Relaxed) < 200,
            "the work went on after the error"
        );
    }
}
