//! `zonewarden rollover`: two files, a file against git, or a file's whole git history.

use crate::cli::{self, Error, ReportArgs, ZoneInput};
use crate::config::Config;
use crate::diag::{Diagnostic, Severity};
use crate::report::{self, human, ZoneReport};
use crate::rollover::judge::{self, Cert, DsSet, Finding, Past, Side, Verdict};
use crate::rollover::version::Version;
use crate::rollover::{git, timeline};
use crate::zone::{self, Zone};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

#[derive(clap::Args, Debug)]
pub struct RolloverArgs {
    /// OLD and NEW zone files (NEW may be `-`); with --git, `[REV] FILE...`.
    #[arg(required = true, value_name = "OLD NEW | [REV] FILE")]
    pub files: Vec<String>,
    #[command(flatten)]
    pub input: ZoneInput,
    /// When NEW goes live: RFC 3339, YYYYMMDDHHmmSS, or seconds since 1970 [default: now].
    #[arg(long)]
    pub now: Option<String>,
    /// When OLD went live [default: --now, as if OLD had just been published]; with --git,
    /// the time of the commit that made it.
    #[arg(long, value_name = "TIME")]
    pub published_at: Option<String>,
    /// How long a new version takes to reach every authoritative server [default: the
    /// config's `propagation`, else 1h].
    #[arg(long, value_name = "DURATION")]
    pub propagation: Option<String>,
    /// The parent's DS RRset (a dsset- file), when it does not change with NEW; `none` for
    /// no DS (an insecure delegation).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["old_ds", "new_ds"])]
    pub ds: Option<PathBuf>,
    /// The parent's DS RRset while OLD is live; `none` for no DS.
    #[arg(long, value_name = "FILE")]
    pub old_ds: Option<PathBuf>,
    /// The parent's DS RRset once NEW goes live; `none` for no DS.
    #[arg(long, value_name = "FILE")]
    pub new_ds: Option<PathBuf>,
    /// When the parent changed its DS RRset from --old-ds to --new-ds [default: --now, with
    /// NEW]; resolvers may hold the old one until then plus its TTL and propagation.
    #[arg(long, value_name = "TIME", requires_all = ["old_ds", "new_ds"])]
    pub ds_changed_at: Option<String>,
    /// The certificate chain (or key) served while OLD is live.
    #[arg(long, value_name = "FILE")]
    pub cert: Option<PathBuf>,
    /// The certificate chain (or key) served once NEW is live.
    #[arg(long, value_name = "FILE")]
    pub next_cert: Option<PathBuf>,
    /// OLD is FILE at REV (default HEAD) in git; NEW is what is staged, else the working tree.
    #[arg(long)]
    pub git: bool,
    /// Judge every consecutive pair of FILE's committed versions, each published at its
    /// commit's time (implies --git).
    #[arg(long)]
    pub history: bool,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// One judged transition, ready to print.
struct Transition {
    old: Version,
    new: Version,
    old_zone: Option<Rc<Zone>>,
    new_zone: Rc<Zone>,
    old_diags: Vec<Diagnostic>,
    new_diags: Vec<Diagnostic>,
    verdict: Verdict,
    now: i64,
}

/// RFC 7583 §3.1's propagation delay when neither `--propagation` nor the config sets one.
pub const DEFAULT_PROPAGATION: u32 = 3600;

pub fn run(a: &RolloverArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let now = cli::parse_now(a.now.as_deref())?;
    let propagation = match &a.propagation {
        Some(p) => Some(zone::rdata::parse_ttl(p.as_bytes()).ok_or_else(|| {
            Error::Input(format!(
                "--propagation: expected a duration such as 1h or 3600, found `{p}`"
            ))
        })?),
        None => None,
    };
    let config = match &a.report.config {
        Some(p) => Config::load(p)?,
        None => Config::discover(Path::new(a.files.last().map_or(".", |s| s.as_str())))?,
    };
    let propagation = propagation
        .or(config.thresholds.propagation)
        .unwrap_or(DEFAULT_PROPAGATION);
    let mut opts = judge::Options {
        now,
        propagation,
        ds_old: None,
        ds_new: None,
        ds_changed: None,
        cert: load_cert(a.cert.as_deref())?,
        next_cert: load_cert(a.next_cert.as_deref())?,
    };
    let transitions = if a.git || a.history {
        run_git(a, &mut opts, &config)?
    } else {
        let [old_path, new_path] = &a.files[..] else {
            return Err(Error::Input(
                "rollover takes OLD and NEW (or --git [REV] FILE)".into(),
            ));
        };
        let published = match &a.published_at {
            Some(t) => published_at(t, now)?,
            None => now,
        };
        let old_zone = cli::read_zone_with(Path::new(old_path), &a.input, &config, false)?;
        let input = origin_from(&a.input, &old_zone);
        let new_zone = cli::read_zone_with(Path::new(new_path), &input, &config, false)?;
        set_ds(a, &mut opts, &new_zone)?;
        check_ds_changed(&opts)?;
        vec![judge_pair(
            &[Version::from_zone(&old_zone, old_path.clone(), published)],
            false,
            Some(Rc::new(old_zone)),
            Rc::new(new_zone),
            new_path.clone(),
            &opts,
            &config,
        )]
    };
    write(out, &transitions, &a.report, &opts)?;
    let fail = transitions.iter().any(|t| {
        t.verdict != Verdict::Safe
            || cli::fails(a.report.fail_on, &config, &t.old_diags)
            || cli::fails(a.report.fail_on, &config, &t.new_diags)
    });
    Ok(i32::from(fail))
}

/// `--published-at`: OLD cannot have gone live after NEW does.
fn published_at(t: &str, now: i64) -> Result<i64, Error> {
    let p = cli::parse_now(Some(t))?;
    if p > now {
        return Err(Error::Input(format!(
            "--published-at {t} is after --now ({}): OLD must have gone live before NEW",
            crate::time::time_text(now)
        )));
    }
    Ok(p)
}

fn load_cert(p: Option<&Path>) -> Result<Option<Cert>, Error> {
    p.map(|p| {
        Ok(Cert {
            label: p.display().to_string(),
            input: crate::tlsa::input::load(p)?,
        })
    })
    .transpose()
}

/// NEW is read with OLD's origin unless one is given: a file name says nothing of NEW's.
fn origin_from(input: &ZoneInput, old: &Zone) -> ZoneInput {
    ZoneInput {
        origin: input.origin.clone().or_else(|| {
            (old.origin_source != zone::OriginSource::Unknown).then(|| old.origin_text())
        }),
        include_roots: input.include_roots.clone(),
    }
}

fn set_ds(a: &RolloverArgs, opts: &mut judge::Options, zone: &Zone) -> Result<(), Error> {
    let origin = zone.origin_text();
    let load = |p: &Option<PathBuf>| -> Result<Option<DsSet>, Error> {
        let Some(p) = p else { return Ok(None) };
        if p.as_os_str() == NO_DS {
            return Ok(Some(DsSet {
                label: format!("{NO_DS} (no DS)"),
                records: Vec::new(),
                ttl: 0,
            }));
        }
        let ds = crate::dnssec::read_ds_file(p, &origin)?;
        Ok(Some(DsSet {
            label: p.display().to_string(),
            ttl: ds.iter().map(|d| d.ttl).max().unwrap_or(0),
            records: ds.into_iter().map(|d| d.rdata).collect(),
        }))
    };
    if a.ds.is_some() {
        opts.ds_old = load(&a.ds)?;
        opts.ds_new = opts.ds_old.clone();
    } else {
        opts.ds_old = load(&a.old_ds)?;
        opts.ds_new = load(&a.new_ds)?;
    }
    // An empty DS RRset has no TTL of its own: it takes the other side's.
    if let (Some(x), Some(y)) = (&mut opts.ds_old, &mut opts.ds_new) {
        if x.is_empty() {
            x.ttl = y.ttl;
        } else if y.is_empty() {
            y.ttl = x.ttl;
        }
    }
    opts.ds_changed = a
        .ds_changed_at
        .as_deref()
        .map(|t| cli::parse_now(Some(t)))
        .transpose()?;
    Ok(())
}

/// `--ds none`, `--old-ds none`, `--new-ds none`: the parent has no DS RRset (a file named
/// `none` is `./none`).
const NO_DS: &str = "none";

/// `--ds-changed-at` cannot be after NEW goes live.
fn check_ds_changed(opts: &judge::Options) -> Result<(), Error> {
    match opts.ds_changed {
        Some(t) if t > opts.now => Err(Error::Input(format!(
            "--ds-changed-at {} is after --now ({}): the parent's change is judged with NEW or before it",
            crate::time::time_text(t),
            crate::time::time_text(opts.now)
        ))),
        _ => Ok(()),
    }
}

/// Judges NEW after `past` (whose last version is OLD) and applies suppressions and config.
fn judge_pair(
    past: &[Version],
    complete: bool,
    old_zone: Option<Rc<Zone>>,
    new_zone: Rc<Zone>,
    new_label: String,
    opts: &judge::Options,
    config: &Config,
) -> Transition {
    let new = Version::from_zone(&new_zone, new_label, opts.now);
    let past = Past {
        versions: past,
        complete,
    };
    let findings = judge::judge(&past, &new, opts);
    let old = past.old().clone();
    let (mut old_diags, mut new_diags) = (Vec::new(), Vec::new());
    for Finding {
        side,
        record,
        mut diag,
    } in findings
    {
        let zone = match side {
            Side::Old => old_zone.as_deref(),
            Side::New => Some(&*new_zone),
        };
        diag.span = zone.and_then(|z| Some(z.span_of(z.records.get(record? as usize)?)));
        match side {
            Side::Old => old_diags.push(diag),
            Side::New => new_diags.push(diag),
        }
    }
    // A zone that does not read cleanly cannot be judged safe.
    new_diags.extend(errors_of(&new_zone));
    let finish = |zone: &Zone, mut d: Vec<Diagnostic>| {
        crate::lint::suppress::apply(zone, &mut d);
        d.retain(|d| d.rule.code != crate::rules::tool::UNUSED_SUPPRESSION.code);
        let path = zone
            .sources
            .first()
            .map(|s| s.path.clone())
            .unwrap_or_default();
        let mut d = config.apply(&path, d);
        crate::lint::sort_diagnostics(&mut d);
        d
    };
    if let Some(z) = &old_zone {
        old_diags.extend(errors_of(z));
        old_diags = finish(z, old_diags);
    }
    let new_diags = finish(&new_zone, new_diags);
    let verdict = Verdict::of(old_diags.iter().chain(&new_diags));
    Transition {
        old,
        new,
        old_zone,
        new_zone,
        old_diags,
        new_diags,
        verdict,
        now: opts.now,
    }
}

fn errors_of(zone: &Zone) -> Vec<Diagnostic> {
    zone.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect()
}

/// `--git` and `--history`.
fn run_git(
    a: &RolloverArgs,
    opts: &mut judge::Options,
    config: &Config,
) -> Result<Vec<Transition>, Error> {
    // `[REV] FILE...`: a first word that is not a file is the revision.
    let (rev, files) = match &a.files[..] {
        [first, rest @ ..] if !rest.is_empty() && !Path::new(first).exists() => {
            (first.as_str(), rest)
        }
        all => ("HEAD", all),
    };
    let mut out = Vec::new();
    for f in files {
        let path = Path::new(f);
        if a.history {
            let versions = git::history(path, rev).map_err(git_error)?;
            let mut past: Vec<Version> = Vec::new();
            let mut prev: Option<Rc<Zone>> = None;
            for v in versions {
                let label = format!("{f}@{}", v.short);
                let input = match &prev {
                    Some(z) => origin_from(&a.input, z),
                    None => ZoneInput {
                        origin: a.input.origin.clone(),
                        include_roots: a.input.include_roots.clone(),
                    },
                };
                let zone = Rc::new(read_bytes(path, &label, v.text, &input, config));
                if past.is_empty() {
                    set_ds(a, opts, &zone)?;
                    past.push(Version::from_zone(&zone, label, v.time));
                    prev = Some(zone);
                    continue;
                }
                opts.now = v.time;
                let t = judge_pair(&past, true, prev.take(), zone.clone(), label, opts, config);
                past.push(t.new.clone());
                prev = Some(zone);
                out.push(t);
            }
            continue;
        }
        let Some(old) = git::at(path, rev).map_err(git_error)? else {
            // A first version (no commit yet, or a file being added) has nothing to roll
            // over from; `git::at` has made sure the file is at least in the index or the
            // working tree.
            continue;
        };
        let published = match &a.published_at {
            Some(t) => published_at(t, opts.now)?,
            None => old.time,
        };
        let old_label = format!("{f}@{}", old.short);
        let old_zone = read_bytes(path, &old_label, old.text, &a.input, config);
        let input = origin_from(&a.input, &old_zone);
        let (new_label, new_text) = match git::staged(path).map_err(git_error)? {
            Some(text) => (format!("{f} (staged)"), text),
            None => (
                f.clone(),
                // No more than a zone may hold (its offsets are 32-bit).
                crate::source::read_bounded(path, u64::from(u32::MAX))
                    .map_err(|e| Error::Input(format!("{f}: cannot read: {e}")))?,
            ),
        };
        let new_zone = read_bytes(path, &new_label, new_text, &input, config);
        set_ds(a, opts, &new_zone)?;
        check_ds_changed(opts)?;
        out.push(judge_pair(
            &[Version::from_zone(&old_zone, old_label, published)],
            false,
            Some(Rc::new(old_zone)),
            Rc::new(new_zone),
            new_label,
            opts,
            config,
        ));
    }
    Ok(out)
}

fn git_error(e: git::GitError) -> Error {
    Error::Input(e.to_string())
}

/// Reads zone text taken from git; reports name it `label`, and `$INCLUDE` resolves beside
/// the file in the working tree.
fn read_bytes(path: &Path, label: &str, text: Vec<u8>, input: &ZoneInput, config: &Config) -> Zone {
    let opts = input.read_options(config);
    let mut z = zone::read_text(path.to_path_buf(), text, &opts);
    if let Some(s) = z.sources.first_mut() {
        s.path = PathBuf::from(label);
    }
    z
}

fn write(
    out: &mut dyn Write,
    ts: &[Transition],
    args: &ReportArgs,
    opts: &judge::Options,
) -> Result<(), Error> {
    let io = cli::io;
    let format = args.format.unwrap_or(cli::Format::Human);
    match format {
        cli::Format::Json => {
            let v = serde_json::json!({
                "version": 1,
                "tool": concat!("zonewarden ", env!("CARGO_PKG_VERSION")),
                "transitions": ts.iter().map(json).collect::<Vec<_>>(),
            });
            let text = serde_json::to_string_pretty(&v).unwrap_or_default();
            writeln!(out, "{text}").map_err(io)?;
        }
        cli::Format::Sarif | cli::Format::Github => {
            let reports: Vec<ZoneReport> = ts.iter().flat_map(reports).collect();
            let text = if format == cli::Format::Sarif {
                format!("{}\n", report::sarif::render(&reports))
            } else {
                report::github::render(&reports)
            };
            out.write_all(text.as_bytes()).map_err(io)?;
        }
        cli::Format::Short => {
            for t in ts {
                for r in reports(t) {
                    report::short::render_zone(out, &r, false, None, true, false).map_err(io)?;
                }
                writeln!(out, "{}", verdict_line(t)).map_err(io)?;
            }
        }
        cli::Format::Svg => {
            out.write_all(picture(ts, opts)?.as_bytes()).map_err(io)?;
        }
        cli::Format::Human => {
            let color = cli::use_color(args.color);
            for t in ts {
                for r in reports(t) {
                    human::render_zone(out, &r, color).map_err(io)?;
                }
                writeln!(out, "{}", verdict_line(t)).map_err(io)?;
            }
        }
    }
    Ok(())
}

/// `--format svg`: the timeline of one file's versions, the transitions in order (each
/// NEW the next one's OLD).
fn picture(ts: &[Transition], opts: &judge::Options) -> Result<String, Error> {
    let Some(first) = ts.first() else {
        return Err(Error::Input(
            "--format svg: nothing to draw: the file has only one version".into(),
        ));
    };
    if ts.windows(2).any(|w| w[0].new.label != w[1].old.label) {
        return Err(Error::Input(
            "--format svg draws one file's timeline: give one file".into(),
        ));
    }
    let mut versions = vec![first.old.clone()];
    let mut steps = Vec::with_capacity(ts.len());
    for t in ts {
        versions.push(t.new.clone());
        steps.push(timeline::Step {
            new: versions.len() - 1,
            verdict: t.verdict,
            codes: codes(t),
        });
    }
    let ds = timeline::DsHistory {
        before: opts.ds_old.clone(),
        after: opts.ds_new.clone(),
        changed: opts.ds_changed,
    };
    Ok(timeline::Timeline::build(&versions, &steps, &ds, opts.propagation).svg())
}

/// The reports of a transition: OLD's findings (when it has any), then NEW's.
fn reports(t: &Transition) -> Vec<ZoneReport<'_>> {
    let mut v = Vec::new();
    if let Some(z) = &t.old_zone {
        if !t.old_diags.is_empty() {
            v.push(ZoneReport {
                zone: z,
                diagnostics: t.old_diags.clone(),
            });
        }
    }
    v.push(ZoneReport {
        zone: &t.new_zone,
        diagnostics: t.new_diags.clone(),
    });
    v
}

fn codes(t: &Transition) -> Vec<&'static str> {
    let mut c: Vec<&'static str> = t
        .old_diags
        .iter()
        .chain(&t.new_diags)
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.rule.code)
        .collect();
    c.sort_unstable();
    c.dedup();
    c
}

/// `OLD -> NEW: unsafe until 2027-01-01T02:00:00Z (ZW5002, ZW5003)`.
fn verdict_line(t: &Transition) -> String {
    let mut s = format!("{} -> {}: {}", t.old.label, t.new.label, t.verdict.text());
    let c = codes(t);
    if !c.is_empty() {
        s.push_str(&format!(" ({})", c.join(", ")));
    }
    s
}

fn json(t: &Transition) -> serde_json::Value {
    let version = |v: &Version| {
        serde_json::json!({
            "label": v.label,
            "serial": v.serial,
            "published": crate::time::time_text(v.published),
        })
    };
    let (verdict, safe_from) = match t.verdict {
        Verdict::Safe => ("safe", None),
        Verdict::Unsafe => ("unsafe", None),
        Verdict::UnsafeUntil(x) => ("unsafe-until", Some(crate::time::time_text(x))),
    };
    let mut o = serde_json::json!({
        "old": version(&t.old),
        "new": version(&t.new),
        "now": crate::time::time_text(t.now),
        "verdict": verdict,
        "reasons": codes(t),
        "report": report::json::value(&reports(t)),
    });
    if let Some(s) = safe_from {
        o["safe_from"] = serde_json::Value::String(s);
    }
    o
}
