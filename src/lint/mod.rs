//! The lint engine: one index over the zone, one walk over its owners, every check a
//! visitor; then the DNSSEC pass for a signed zone, inline suppressions and sorting, the
//! same for `lint` and `verify`.

pub mod suppress;

use crate::diag::Diagnostic;
pub use crate::index::LintOptions;
use crate::index::{Check, Cx, Node, RRset};
use crate::zone::name::NameId;
use crate::zone::Zone;
use rayon::prelude::*;

/// Runs every rule over a zone and returns the reader's and the rules' findings, in file
/// order.
pub fn lint(zone: &Zone, opts: &LintOptions) -> Vec<Diagnostic> {
    let dnssec = crate::dnssec::Options {
        now: opts.now,
        ..Default::default()
    };
    lint_with(zone, opts, &dnssec)
}

/// [`lint`], with the DNSSEC checks' own options (`--expiry-warning`, `--ds`); those checks
/// run when the zone has signatures, and those of keys, CDS and CDNSKEY when it has only
/// those.
pub fn lint_with(
    zone: &Zone,
    opts: &LintOptions,
    dnssec: &crate::dnssec::Options,
) -> Vec<Diagnostic> {
    let t0 = std::time::Instant::now();
    let cx = Cx::new(zone, opts);
    if std::env::var_os("ZONEWARDEN_TIMING").is_some() {
        eprintln!("index {:?}", t0.elapsed());
    }
    lint_in(&cx, dnssec)
}

/// [`lint_with`] over an index the caller built (and keeps, as `scorecard` does, to read the
/// zone again without indexing it twice).
pub fn lint_in(cx: &Cx, dnssec: &crate::dnssec::Options) -> Vec<Diagnostic> {
    let zone = cx.zone;
    let checks = crate::checks::all();
    let mut out = zone.diagnostics.clone();
    for c in checks {
        c.zone(cx, &mut out);
    }
    let n = zone.names.len() as NameId;
    let found: Vec<Diagnostic> = (0..n)
        .into_par_iter()
        .with_min_len(2048)
        .fold(Vec::new, |mut acc, id| {
            visit_node(cx, checks, id, &mut acc);
            acc
        })
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        });
    out.extend(found);
    // The parent's DS (`lint --ds`) says the zone must be signed: check it even when not.
    if dnssec.ds.is_some() || crate::dnssec::is_signed(cx) {
        out.extend(crate::dnssec::check(cx, dnssec).0);
    } else if crate::dnssec::has_keys(cx) {
        out.extend(crate::dnssec::check_unsigned(cx));
    }
    crate::dnssec::zonemd::check(cx, &mut out);
    suppress::apply(zone, &mut out);
    sort_diagnostics(&mut out);
    out
}

fn visit_node(cx: &Cx, checks: &[&dyn Check], id: NameId, out: &mut Vec<Diagnostic>) {
    let records = cx.records_of(id);
    if records.is_empty() {
        return;
    }
    let node = Node { id, records };
    for c in checks {
        c.node(cx, &node, out);
    }
    let mut i = 0;
    while i < records.len() {
        let r0 = cx.record(records[i]);
        let mut j = i + 1;
        while j < records.len() && cx.record(records[j]).rtype == r0.rtype {
            j += 1;
        }
        let rrset = RRset {
            owner: id,
            rtype: r0.rtype,
            records: &records[i..j],
        };
        for c in checks {
            c.rrset(cx, &rrset, out);
        }
        i = j;
    }
}

/// File order: by file, then position, then code.
pub fn sort_diagnostics(d: &mut [Diagnostic]) {
    d.sort_by(|a, b| {
        let ka = a.span.map(|s| (s.file, s.start)).unwrap_or((0, 0));
        let kb = b.span.map(|s| (s.file, s.start)).unwrap_or((0, 0));
        ka.cmp(&kb)
            .then(a.rule.code.cmp(b.rule.code))
            .then(a.message.cmp(&b.message))
    });
}

/// The chain of trust of `zone` for drawing (`verify --format svg`), from `diags`, the
/// findings [`verify_zone`] made with `opts`.
pub fn chain_of_trust(
    zone: &Zone,
    opts: &crate::dnssec::Options,
    diags: &[Diagnostic],
) -> crate::dnssec::graph::Chain {
    let lint_opts = LintOptions {
        now: opts.now,
        ..Default::default()
    };
    let cx = Cx::new(zone, &lint_opts);
    crate::dnssec::graph::build(&cx, opts.ds.as_deref(), diags)
}

/// `zonewarden verify`: the reader's findings and the DNSSEC checks, without the other lint
/// rules; inline suppressions apply.
pub fn verify_zone(
    zone: &Zone,
    opts: &crate::dnssec::Options,
) -> (Vec<Diagnostic>, crate::dnssec::Stats) {
    let lint_opts = LintOptions {
        now: opts.now,
        ..Default::default()
    };
    let t0 = std::time::Instant::now();
    let cx = Cx::new(zone, &lint_opts);
    if std::env::var_os("ZONEWARDEN_TIMING").is_some() {
        eprintln!(
            "dnssec: index in {:?}, {}",
            t0.elapsed(),
            crate::dnssec::memory()
        );
    }
    let mut out = zone.diagnostics.clone();
    let (found, stats) = crate::dnssec::check(&cx, opts);
    out.extend(found);
    crate::dnssec::zonemd::check(&cx, &mut out);
    suppress::apply(zone, &mut out);
    // A suppression of a rule `verify` does not run is not unused; `lint` judges those.
    out.retain(|d| d.rule.code != crate::rules::tool::UNUSED_SUPPRESSION.code);
    sort_diagnostics(&mut out);
    (out, stats)
}
