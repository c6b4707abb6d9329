//! The rollover rules (ZW5xxx), judged over the versions published so far and NEW.
//!
//! The model: NEW goes live at `now`. Until then OLD was live, since `published`. A resolver
//! may hold any RRset of OLD (and of the versions before it, for as long as their TTLs allow
//! since they were replaced), and the parent's previous DS RRset for its TTL after a change.
//! Every combination it may hold must validate. Each finding says what breaks, and when
//! waiting alone would make it safe, from when (`safe_from`).

mod keys;
mod parent;
mod tlsa;

use crate::diag::{Diagnostic, Rule};
use crate::dnssec::keys::{algorithm_text, ds_digest, Ds};
use crate::rollover::version::{KeyId, KeyInfo, Version};
use crate::rules::rollover::*;
use crate::time::{duration_text, time_text};
use crate::tlsa::input::Input;
use crate::tlsa::matching::{matches, Matched};
use crate::zone::name;

/// The parent's DS RRset, as read from a `--ds`, `--old-ds` or `--new-ds` file; empty for
/// `none` (an insecure delegation: the zone is not signed as far as validators know).
#[derive(Clone, Debug)]
pub struct DsSet {
    /// The file, for messages.
    pub label: String,
    pub records: Vec<Vec<u8>>,
    /// The DS RRset's TTL; for an empty set, the other side's (see docs/rollover.md).
    pub ttl: u32,
}

impl DsSet {
    /// Whether this is the empty DS RRset of an insecure delegation.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// A certificate chain or key given on the command line, with its file for messages.
pub struct Cert {
    pub label: String,
    pub input: Input,
}

/// What the judgement takes besides the versions.
pub struct Options {
    /// When NEW goes live (seconds since 1970).
    pub now: i64,
    /// How long a new version takes to reach every authoritative server (`--propagation`).
    pub propagation: u32,
    /// The parent's DS RRset while OLD is live, and once NEW is.
    pub ds_old: Option<DsSet>,
    pub ds_new: Option<DsSet>,
    /// When the parent changed its DS RRset from `ds_old` to `ds_new` (`--ds-changed-at`);
    /// `None`: at `now`, with NEW.
    pub ds_changed: Option<i64>,
    /// The certificate served while OLD is live, and the one served once NEW is.
    pub cert: Option<Cert>,
    pub next_cert: Option<Cert>,
}

/// The versions published before NEW, oldest first, ending with OLD.
pub struct Past<'a> {
    pub versions: &'a [Version],
    /// Whether the first of them is the zone's first publication (`--history`); otherwise
    /// anything may have come before, and the checks assume the worst of it.
    pub complete: bool,
}

impl Past<'_> {
    pub fn old(&self) -> &Version {
        &self.versions[self.versions.len() - 1]
    }

    /// When the trailing run of versions for which `holds` is true began; `None` when it
    /// does not hold for OLD.
    pub fn since(&self, holds: impl Fn(&Version) -> bool) -> Option<i64> {
        let mut t = None;
        for v in self.versions.iter().rev() {
            if !holds(v) {
                break;
            }
            t = Some(v.published);
        }
        t
    }
}

/// Which version a finding points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Old,
    New,
}

/// One finding: the diagnostic (without a span yet), and the record of OLD or NEW it
/// points at.
#[derive(Clone, Debug)]
pub struct Finding {
    pub side: Side,
    pub record: Option<u32>,
    pub diag: Diagnostic,
}

/// The verdict on one transition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Safe,
    /// Waiting is enough: safe from this time on.
    UnsafeUntil(i64),
    /// Waiting is not enough; the change must be split or redone.
    Unsafe,
}

impl Verdict {
    /// The verdict of a transition's error findings (after config and suppressions).
    pub fn of<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> Verdict {
        let mut v = Verdict::Safe;
        for d in diags {
            if d.severity != crate::diag::Severity::Error {
                continue;
            }
            v = match (v, d.safe_from()) {
                (Verdict::Unsafe, _) | (_, None) => Verdict::Unsafe,
                (Verdict::Safe, Some(t)) => Verdict::UnsafeUntil(t),
                (Verdict::UnsafeUntil(a), Some(t)) => Verdict::UnsafeUntil(a.max(t)),
            };
        }
        v
    }

    /// `safe`, `unsafe until 2027-01-01T02:00:00Z`, `unsafe`.
    pub fn text(&self) -> String {
        match self {
            Verdict::Safe => "safe".into(),
            Verdict::UnsafeUntil(t) => format!("unsafe until {}", time_text(*t)),
            Verdict::Unsafe => "unsafe".into(),
        }
    }
}

/// Judges publishing `new` after the versions of `past`.
pub fn judge(past: &Past, new: &Version, opts: &Options) -> Vec<Finding> {
    let mut j = Judge {
        past,
        old: past.old(),
        new,
        opts,
        out: Vec::new(),
    };
    j.serial();
    j.signature_windows();
    if j.old.is_signed() && !j.goes_insecure() {
        j.prepublication();
        j.removal();
        j.algorithms();
    }
    if j.old.is_signed() || opts.ds_old.is_some() || opts.ds_new.is_some() {
        j.chain_of_trust();
    }
    j.cds();
    j.tlsa();
    j.out
}

struct Judge<'a> {
    past: &'a Past<'a>,
    old: &'a Version,
    new: &'a Version,
    opts: &'a Options,
    out: Vec<Finding>,
}

/// Who the parent's DS RRset is taken to name.
enum Parent<'a> {
    Ds(&'a DsSet),
    /// OLD's CDS/CDNSKEY records, standing in for the DS the parent copied from them.
    Cds(&'a Version),
    /// The keys that signed OLD's DNSKEY RRset: what a parent that validated OLD named.
    OldSigners(&'a Version),
}

impl Parent<'_> {
    fn names(&self, k: &KeyInfo, origin: &[u8]) -> bool {
        match self {
            Parent::Ds(ds) => ds.records.iter().any(|d| ds_names(d, k, origin)),
            Parent::Cds(v) => {
                v.cds.iter().any(|d| ds_names(d, k, origin))
                    || v.cdnskey.iter().any(|c| c[..] == k.rdata[..])
            }
            Parent::OldSigners(v) => v.signs_dnskey(&k.id),
        }
    }

    fn describe(&self) -> String {
        match self {
            Parent::Ds(ds) => format!("the parent's DS RRset ({})", ds.label),
            Parent::Cds(v) => format!(
                "the parent's DS RRset (taken from the CDS/CDNSKEY of {}; give --ds to check the real one)",
                v.label
            ),
            Parent::OldSigners(v) => format!(
                "the parent's DS RRset (taken to name the keys that sign {}'s DNSKEY RRset; give --ds to check the real one)",
                v.label
            ),
        }
    }
}

/// Whether a DS (or CDS) RDATA names the key: tag, algorithm and digest.
pub fn ds_names(ds: &[u8], k: &KeyInfo, origin: &[u8]) -> bool {
    let Some(d) = Ds::parse(ds) else {
        return false;
    };
    d.tag == k.tag
        && d.algorithm == k.id.algorithm
        && ds_digest(origin, &k.rdata, d.digest_type).is_some_and(|x| x == d.digest)
}

fn is_delete(v: &Version) -> bool {
    v.cds
        .iter()
        .any(|d| Ds::parse(d).is_some_and(|d| d.is_delete()))
        || v.cdnskey.iter().any(|c| c.get(3) == Some(&0))
}

/// Whether a version's CDS/CDNSKEY records ask the parent for a DS RRset (some exist, and
/// they are not the RFC 8078 delete form).
fn asks_for_ds(v: &Version) -> bool {
    (!v.cds.is_empty() || !v.cdnskey.is_empty()) && !is_delete(v)
}

fn plural(n: u64, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

impl Judge<'_> {
    fn push(
        &mut self,
        rule: &'static Rule,
        side: Side,
        record: Option<u32>,
        msg: String,
        fix: String,
        safe_from: Option<i64>,
    ) {
        let mut diag = Diagnostic::new(rule, None, msg).with_fix(fix);
        diag.words_mut().safe_from = safe_from;
        self.out.push(Finding { side, record, diag });
    }

    /// A finding that no amount of waiting fixes.
    fn never(
        &mut self,
        rule: &'static Rule,
        side: Side,
        record: Option<u32>,
        msg: String,
        fix: String,
    ) {
        self.push(rule, side, record, msg, fix, None);
    }

    /// A finding that holds until `safe_from`; nothing if that is already past.
    fn until(
        &mut self,
        rule: &'static Rule,
        side: Side,
        record: Option<u32>,
        msg: String,
        fix: String,
        safe_from: i64,
    ) {
        if safe_from > self.opts.now {
            let msg = format!("{msg}; safe from {}", time_text(safe_from));
            self.push(rule, side, record, msg, fix, Some(safe_from));
        }
    }

    fn prop(&self) -> i64 {
        i64::from(self.opts.propagation)
    }

    /// Whether no validator needs NEW's keys and signatures: the parent's DS RRset is empty
    /// once NEW is live, and NEW has no signed DNSKEY RRset or no resolver may still cache a
    /// DS from before (RFC 6781 §4.1.4: the DS goes first, the keys after its TTL). Whether
    /// an old DS is still cached is judged in [`Judge::ds_change`].
    fn goes_insecure(&self) -> bool {
        let opts = self.opts;
        if !opts.ds_new.as_ref().is_some_and(DsSet::is_empty) {
            return false;
        }
        self.new.dnskey_signing_keys().next().is_none()
            || self
                .old_ds_cached_until()
                .is_none_or(|t| t <= self.opts.now)
    }

    /// Until when resolvers may hold the old DS RRset after the parent changed it: the change
    /// (`--ds-changed-at`, else `now`) plus its TTL and propagation. `None` when the DS RRset
    /// does not change or the old one is empty.
    fn old_ds_cached_until(&self) -> Option<i64> {
        let (Some(a), Some(b)) = (&self.opts.ds_old, &self.opts.ds_new) else {
            return None;
        };
        if a.is_empty() || same_records(a, b) {
            return None;
        }
        let changed = self.opts.ds_changed.unwrap_or(self.opts.now);
        Some(changed + i64::from(a.ttl) + self.prop())
    }
}

/// Whether two DS RRsets hold the same records, in any order.
fn same_records(a: &DsSet, b: &DsSet) -> bool {
    let (mut a, mut b) = (a.records.clone(), b.records.clone());
    a.sort();
    b.sort();
    a == b
}
