//! The lint engine: one index over the zone, one walk over its owners, every check a
//! visitor; then the DNSSEC pass for a signed zone, inline suppressions and sorting, the
//! same for `lint` and `verify`.

pub mod suppress;

use crate::diag::Diagnostic;
pub use crate::index::LintOptions;
use crate::index::{Check, Cx, Node, RRset, Wanted};
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
    lint_taking(zone, zone.diagnostics.clone(), opts, dnssec)
}

/// [`lint_with`], given the reader's findings (`read`) by value, taken out of the zone by a
/// caller that has no more use for them there: a file of hostile lines raises one a line, and
/// a copy held beside them for the lint was the larger part of its peak (2.4 million of
/// them, from 9.6 MB, took 654 MiB).
pub fn lint_taking(
    zone: &Zone,
    read: Vec<Diagnostic>,
    opts: &LintOptions,
    dnssec: &crate::dnssec::Options,
) -> Vec<Diagnostic> {
    let t0 = std::time::Instant::now();
    let mut cx = Cx::new(zone, opts);
    if !opts.disabled.is_empty() {
        cx.keep_rules(suppress::named_codes(zone).iter().map(String::as_str));
    }
    if std::env::var_os("ZONEWARDEN_TIMING").is_some() {
        eprintln!("index {:?}, {}", t0.elapsed(), crate::dnssec::memory());
    }
    let found = find_in(&cx, read, dnssec);
    let wanted = cx.wanted().clone();
    // The index is freed before the findings are put in one list and sorted: neither that
    // list nor the sort's keys need be held beside it (on a zone with many findings, that
    // was the peak).
    drop(cx);
    finish(zone, opts, found.into_list(), &wanted)
}

/// [`lint_with`] over an index the caller built (and keeps, as `scorecard` does, to read the
/// zone again without indexing it twice). Rules `cx` does not want may go unreported, so an
/// index made with [`LintOptions::disabled`] must want again those the zone's inline
/// suppressions name ([`Cx::keep_rules`]), as [`lint_with`] does.
pub fn lint_in(cx: &Cx, dnssec: &crate::dnssec::Options) -> Vec<Diagnostic> {
    finish(
        cx.zone,
        cx.opts,
        find_in(cx, cx.zone.diagnostics.clone(), dnssec).into_list(),
        cx.wanted(),
    )
}

/// What [`find_in`] found, in the lists it was found in: the reader's and the zone-wide
/// checks', each worker's part of the walk, then the DNSSEC pass's. Put in one list in that
/// order, which the sort keeps among findings it cannot tell apart.
struct Found {
    head: Vec<Diagnostic>,
    parts: Vec<Vec<Diagnostic>>,
    tail: Vec<Diagnostic>,
}

impl Found {
    fn len(&self) -> usize {
        self.head.len() + self.parts.iter().map(Vec::len).sum::<usize>() + self.tail.len()
    }

    /// One list of just their number, each part freed once moved. When the reader's findings
    /// are most of them, their list is grown in place (a large block is moved by its pages,
    /// not copied): a file of hostile lines has a million of them, and a new list beside
    /// theirs held them twice (56 MB more).
    fn into_list(self) -> Vec<Diagnostic> {
        let total = self.len();
        let mut out = if 2 * self.head.len() >= total {
            self.head
        } else {
            let mut out = Vec::with_capacity(total);
            out.extend(self.head);
            out
        };
        out.reserve_exact(total - out.len());
        for part in self.parts {
            out.extend(part);
        }
        out.extend(self.tail);
        out
    }
}

/// What the reader found (`read`), and what the checks and the DNSSEC pass find, in no order.
fn find_in(cx: &Cx, read: Vec<Diagnostic>, dnssec: &crate::dnssec::Options) -> Found {
    let t0 = std::time::Instant::now();
    let zone = cx.zone;
    let checks = wanted_checks(cx, crate::checks::all());
    let checks = checks.as_slice();
    let mut head = read;
    for c in checks {
        c.zone(cx, &mut head);
    }
    let by_type = ByType::new(checks);
    let n = zone.names.len() as NameId;
    // Each worker's findings apart, moved into one list of just their number once the index
    // is freed ([`Found::into_list`]): a zone with many findings does not hold them twice
    // over in lists grown by doubling, nor beside the index.
    let parts: Vec<Vec<Diagnostic>> = (0..n)
        .into_par_iter()
        .with_min_len(2048)
        .fold(Vec::new, |mut acc, id| {
            let from = acc.len();
            visit_node(cx, checks, &by_type, id, &mut acc);
            drop_unwanted(cx.wanted(), &mut acc, from);
            acc
        })
        .filter(|v| !v.is_empty())
        .collect();
    let mut tail = Vec::new();
    // The parent's DS (`lint --ds`) says the zone must be signed: check it even when not.
    if dnssec.ds.is_some() || crate::dnssec::is_signed(cx) {
        tail.extend(crate::dnssec::check(cx, dnssec).0);
    } else if crate::dnssec::has_keys(cx) {
        tail.extend(crate::dnssec::check_unsigned(cx));
    }
    crate::dnssec::zonemd::check(cx, &mut tail);
    let found = Found { head, parts, tail };
    timing("rules", t0, found.len());
    found
}

/// For benchmarks (`ZONEWARDEN_TIMING`): how long a step since `t0` took, on standard error,
/// with the findings it left and the memory held.
fn timing(step: &str, t0: std::time::Instant, findings: usize) {
    if std::env::var_os("ZONEWARDEN_TIMING").is_some() {
        eprintln!(
            "{step} {:?}, {} findings, {}",
            t0.elapsed(),
            findings,
            crate::dnssec::memory()
        );
    }
}

/// The findings `found` as `lint` returns them: worded (unless `opts.word_later`), the
/// zone's inline suppressions applied, only those of `wanted` rules, in file order.
fn finish(
    zone: &Zone,
    opts: &LintOptions,
    mut out: Vec<Diagnostic>,
    wanted: &Wanted,
) -> Vec<Diagnostic> {
    let t0 = std::time::Instant::now();
    if !opts.word_later {
        crate::diag::word_all(&mut out, zone);
    }
    suppress::apply(zone, &mut out);
    // The reader, the zone-wide passes, the DNSSEC pass and the suppressions find what they
    // find; what the configuration switches off goes here, as the walk's findings went as
    // it went.
    drop_unwanted(wanted, &mut out, 0);
    sort_diagnostics(&mut out);
    timing("suppressions and sorting", t0, out.len());
    out
}

/// Drops the findings from `from` on of the rules not `wanted`: a check that raises some
/// rules the configuration keeps runs for those, and may find others it switches off, which
/// are not kept until `Config::apply` would drop them (125,000 of them on a large zone, in
/// one test).
fn drop_unwanted(wanted: &Wanted, found: &mut Vec<Diagnostic>, from: usize) {
    if found[from..].iter().all(|d| wanted.wants(d.rule)) {
        return;
    }
    // Kept findings move forward in their order, the others to the end: one pass, however
    // many one name raises.
    let mut kept = from;
    for i in from..found.len() {
        if wanted.wants(found[i].rule) {
            found.swap(kept, i);
            kept += 1;
        }
    }
    found.truncate(kept);
}

/// The checks of `all` that can raise a rule `cx` wants: the others need not run at all.
fn wanted_checks<'c>(cx: &Cx, all: &[&'c dyn Check]) -> Vec<&'c dyn Check> {
    all.iter()
        .copied()
        .filter(|c| c.rules().iter().any(|r| cx.wants(r)))
        .collect()
}

/// How many checks [`ByType`] has bits for.
const BY_TYPE_MAX: usize = 64;

/// Which checks look at the RRsets of each type ([`Check::rrset_types`]), as bits of their
/// places in the list of checks (the first [`BY_TYPE_MAX`]): the walk calls no other.
struct ByType {
    /// For the types below 256 (all but a few), by type.
    low: [u64; 256],
    /// For the others: the checks that look at every type, and those that name the type.
    every: u64,
    high: Vec<(u16, u64)>,
}

impl ByType {
    fn new(checks: &[&dyn Check]) -> ByType {
        let mut by = ByType {
            low: [0; 256],
            every: 0,
            high: Vec::new(),
        };
        // The checks past the 64th have no bit: the walk calls them for every RRset.
        for (k, c) in checks.iter().enumerate().take(BY_TYPE_MAX) {
            let bit = 1u64 << k;
            match c.rrset_types() {
                Some(types) => {
                    for &t in types {
                        match by.low.get_mut(usize::from(t)) {
                            Some(m) => *m |= bit,
                            None => by.high.push((t, bit)),
                        }
                    }
                }
                None => {
                    by.low.iter_mut().for_each(|m| *m |= bit);
                    by.every |= bit;
                }
            }
        }
        by
    }

    /// The checks that look at RRsets of type `rtype`, as bits.
    fn of(&self, rtype: u16) -> u64 {
        match self.low.get(usize::from(rtype)) {
            Some(&m) => m,
            None => self
                .high
                .iter()
                .filter(|&&(t, _)| t == rtype)
                .fold(self.every, |m, &(_, bit)| m | bit),
        }
    }
}

fn visit_node(
    cx: &Cx,
    checks: &[&dyn Check],
    by_type: &ByType,
    id: NameId,
    out: &mut Vec<Diagnostic>,
) {
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
        let mut wanted = by_type.of(r0.rtype);
        while wanted != 0 {
            checks[wanted.trailing_zeros() as usize].rrset(cx, &rrset, out);
            wanted &= wanted - 1;
        }
        for c in checks.get(BY_TYPE_MAX..).unwrap_or_default() {
            c.rrset(cx, &rrset, out);
        }
        i = j;
    }
}

/// File order: by file, then position, then code (then message, so that the order does not
/// depend on how the checks were scheduled).
///
/// The keys are sorted rather than the findings, which are large to move, and the
/// findings put in their order once.
pub fn sort_diagnostics(d: &mut [Diagnostic]) {
    let key = |x: &Diagnostic| x.span.map(|s| (s.file, s.start)).unwrap_or((0, 0));
    let mut keys: Vec<((u32, u32), u32)> = d
        .iter()
        .enumerate()
        .map(|(i, x)| (key(x), i as u32))
        .collect();
    // The index breaks the last tie, so equal findings keep their order: as a stable sort
    // would leave them, without the room a stable sort takes (half as much again). Sorted on
    // every core: the other cores are idle here, and 100,000 findings take milliseconds.
    let all: &[Diagnostic] = d;
    keys.par_sort_unstable_by(|(ka, a), (kb, b)| {
        ka.cmp(kb).then_with(|| {
            let (x, y) = (&all[*a as usize], &all[*b as usize]);
            x.rule
                .code
                .cmp(y.rule.code)
                .then_with(|| x.message().cmp(y.message()))
                .then(a.cmp(b))
        })
    });
    // Apply the permutation in place, cycle by cycle: slot `i` takes finding `keys[i].1`
    // (and once it has, `keys[i].1` is `i`).
    for i in 0..keys.len() {
        let mut cur = i;
        while keys[cur].1 as usize != i {
            let next = keys[cur].1 as usize;
            d.swap(cur, next);
            keys[cur].1 = cur as u32;
            cur = next;
        }
        keys[cur].1 = cur as u32;
    }
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
    verify_zone_taking(zone, zone.diagnostics.clone(), opts)
}

/// [`verify_zone`], given the reader's findings by value (see [`lint_taking`]).
pub fn verify_zone_taking(
    zone: &Zone,
    read: Vec<Diagnostic>,
    opts: &crate::dnssec::Options,
) -> (Vec<Diagnostic>, crate::dnssec::Stats) {
    let lint_opts = LintOptions {
        now: opts.now,
        ..Default::default()
    };
    let t0 = std::time::Instant::now();
    if std::env::var_os("ZONEWARDEN_TIMING").is_some() {
        eprintln!("dnssec: read, {}", crate::dnssec::memory());
    }
    let cx = Cx::new(zone, &lint_opts);
    if std::env::var_os("ZONEWARDEN_TIMING").is_some() {
        eprintln!(
            "dnssec: index in {:?}, {}",
            t0.elapsed(),
            crate::dnssec::memory()
        );
    }
    let mut out = read;
    let (found, stats) = crate::dnssec::check(&cx, opts);
    out.extend(found);
    crate::dnssec::zonemd::check(&cx, &mut out);
    suppress::apply(zone, &mut out);
    // A suppression of a rule `verify` does not run is not unused; `lint` judges those.
    out.retain(|d| d.rule.code != crate::rules::tool::UNUSED_SUPPRESSION.code);
    sort_diagnostics(&mut out);
    (out, stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    /// A check of two rules, for [`wanted_checks`].
    struct Two;

    impl Check for Two {
        fn rules(&self) -> &'static [&'static crate::diag::Rule] {
            static RULES: &[&crate::diag::Rule] = &[
                &crate::rules::targets::MISSING_AAAA,
                &crate::rules::dane::TLSA_UNSIGNED_ZONE,
            ];
            RULES
        }
    }

    /// A zone read from `text`, as the file `z.zone`.
    fn read(text: &str) -> Zone {
        crate::zone::read_text("z.zone".into(), text.into(), &Default::default())
    }

    #[test]
    fn a_check_runs_while_one_of_its_rules_is_wanted() {
        let zone = read("$ORIGIN z.example.\n@ 3600 SOA ns h 1 2 3 4 5\n");
        let all: &[&dyn Check] = &[&Two];
        let run = |disabled: &[&'static str], named: &[&str]| {
            let opts = LintOptions {
                disabled: disabled.to_vec(),
                ..Default::default()
            };
            let mut cx = Cx::new(&zone, &opts);
            cx.keep_rules(named.iter().copied());
            wanted_checks(&cx, all).len()
        };
        assert_eq!(run(&[], &[]), 1);
        assert_eq!(run(&["ZW3001"], &[]), 1, "ZW1123 is still wanted");
        assert_eq!(run(&["ZW3001", "ZW1123", "ZW1101"], &[]), 0);
        // Unsorted, repeated: the same.
        assert_eq!(run(&["ZW3001", "ZW1123", "ZW3001"], &[]), 0);
        // A suppression naming a rule, or a prefix of its code, makes it wanted again.
        assert_eq!(run(&["ZW3001", "ZW1123"], &["ZW30"]), 1);
        assert_eq!(run(&["ZW3001", "ZW1123"], &["ZW1123"]), 1);
        assert_eq!(run(&["ZW3001", "ZW1123"], &["ZW4"]), 0);
        let opts = LintOptions {
            disabled: vec!["ZW3001"],
            ..Default::default()
        };
        let cx = Cx::new(&zone, &opts);
        assert!(!cx.wants(&crate::rules::dane::TLSA_UNSIGNED_ZONE));
        assert!(cx.wants(&crate::rules::targets::MISSING_AAAA));
    }

    /// Every zone file under `dir`, recursively.
    fn zone_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                zone_files(&p, out);
            } else if name.ends_with(".zone") || name.ends_with(".signed") || name.ends_with(".db")
            {
                out.push(p);
            }
        }
    }

    #[test]
    fn checks_called_by_type_find_what_checks_called_for_every_rrset_find() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
        let mut files = Vec::new();
        zone_files(&dir, &mut files);
        files.sort();
        assert!(files.len() > 200, "the test zones: {}", files.len());
        let checks = crate::checks::all();
        let by_type = ByType::new(checks);
        let every = ByType::new(
            &checks
                .iter()
                .map(|_| &Every as &dyn Check)
                .collect::<Vec<_>>(),
        );
        let (mut zones, mut found) = (0, 0);
        for f in &files {
            let Ok(zone) = crate::zone::read_file(f, &crate::zone::ReadOptions::default()) else {
                continue;
            };
            let opts = LintOptions::default();
            let cx = Cx::new(&zone, &opts);
            let walk = |by: &ByType| {
                let mut out = Vec::new();
                for id in 0..zone.names.len() as NameId {
                    visit_node(&cx, checks, by, id, &mut out);
                }
                crate::diag::word_all(&mut out, &zone);
                out.iter()
                    .map(|d| (d.rule.code, d.span, d.message().to_string()))
                    .collect::<Vec<_>>()
            };
            let want = walk(&every);
            assert_eq!(walk(&by_type), want, "{}", f.display());
            zones += 1;
            found += want.len();
        }
        // The test zones hold findings of every kind the walk makes.
        assert!(
            zones > 200 && found > 200,
            "{zones} zones, {found} findings"
        );
    }

    /// A check that looks at the RRsets of every type: what [`ByType`] makes of a list of
    /// them calls every check for every RRset.
    struct Every;

    /// A check that counts the RRsets it is called for.
    struct Count(std::sync::atomic::AtomicUsize);

    impl Check for Count {
        fn rules(&self) -> &'static [&'static crate::diag::Rule] {
            &[]
        }
        fn rrset(&self, _: &Cx, _: &RRset, _: &mut Vec<Diagnostic>) {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }

    #[test]
    fn the_readers_findings_and_the_walks_make_one_list_whichever_are_more() {
        // More of the reader's findings than of the walk's (their list is grown in place),
        // then fewer.
        for (bad, tlsa) in [(20, 1), (3, 20)] {
            let mut text = String::from(
                "$ORIGIN z.example.\n$TTL 3600\n@ SOA ns h 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n",
            );
            for i in 0..tlsa {
                // Usage 1 is unusable for SMTP (ZW3003): a finding of the walk over the names.
                let hex = "ab".repeat(32);
                text.push_str(&format!("_25._tcp.mx{i} TLSA 1 1 1 {hex}\n"));
            }
            for i in 0..bad {
                text.push_str(&format!("bad{i} A 300.1.1.{i}\n"));
            }
            let zone = read(&text);
            let found = lint(&zone, &LintOptions::default());
            let codes: Vec<&str> = found.iter().map(|d| d.rule.code).collect();
            let count = |code: &str| codes.iter().filter(|c| **c == code).count();
            assert_eq!((count("ZW1002"), count("ZW3003")), (bad, tlsa), "{codes:?}");
        }
    }

    #[test]
    fn checks_past_those_the_table_has_bits_for_are_called_for_every_rrset() {
        let zone = read("$ORIGIN z.example.\n@ 3600 SOA ns h 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n");
        let opts = LintOptions::default();
        let cx = Cx::new(&zone, &opts);
        let (first, last) = (Count(0.into()), Count(0.into()));
        let mut checks: Vec<&dyn Check> = vec![&first];
        checks.extend((1..BY_TYPE_MAX + 5).map(|_| &Every as &dyn Check));
        checks.push(&last);
        let by_type = ByType::new(&checks);
        for id in 0..zone.names.len() as NameId {
            visit_node(&cx, &checks, &by_type, id, &mut Vec::new());
        }
        let n = |c: &Count| c.0.load(std::sync::atomic::Ordering::Relaxed);
        // SOA, NS and A: three RRsets, each seen by both.
        assert_eq!((n(&first), n(&last)), (3, 3));
    }

    impl Check for Every {
        fn rules(&self) -> &'static [&'static crate::diag::Rule] {
            &[]
        }
    }

    #[test]
    fn sorting_matches_a_plain_stable_sort() {
        let rules = [
            &crate::rules::targets::MISSING_AAAA,
            &crate::rules::delegation::MISSING_GLUE,
        ];
        let mut d = Vec::new();
        let mut x = 12345u32;
        for i in 0..500u32 {
            x = x.wrapping_mul(1103515245).wrapping_add(12345);
            let span = (x % 7 != 0).then(|| Span::new(x % 2, (x >> 8) as usize % 40, 50));
            let msg = format!("m{}", (x >> 4) % 3);
            d.push(
                Diagnostic::new(rules[(x >> 12) as usize % 2], span, msg).with_fix(i.to_string()),
            );
        }
        let mut want = d.clone();
        want.sort_by(|a, b| {
            let ka = a.span.map(|s| (s.file, s.start)).unwrap_or((0, 0));
            let kb = b.span.map(|s| (s.file, s.start)).unwrap_or((0, 0));
            ka.cmp(&kb)
                .then(a.rule.code.cmp(b.rule.code))
                .then(a.message().cmp(b.message()))
        });
        sort_diagnostics(&mut d);
        let fixes = |v: &[Diagnostic]| {
            v.iter()
                .map(|x| x.fix().map(str::to_string))
                .collect::<Vec<_>>()
        };
        assert_eq!(fixes(&d), fixes(&want));
    }
}
