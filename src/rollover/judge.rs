//! The rollover rules (ZW5xxx), judged over the versions published so far and NEW.
//!
//! The model: NEW goes live at `now`. Until then OLD was live, since `published`. A resolver
//! may hold any RRset of OLD (and of the versions before it, for as long as their TTLs allow
//! since they were replaced), and the parent's previous DS RRset for its TTL after a change.
//! Every combination it may hold must validate. Each finding says what breaks, and when
//! waiting alone would make it safe, from when (`safe_from`).

use super::version::{KeyId, KeyInfo, Version};
use crate::diag::{Diagnostic, Rule};
use crate::dnssec::keys::{algorithm_text, ds_digest, Ds};
use crate::rules::rollover::*;
use crate::time::{duration_text, time_text};
use crate::tlsa::input::Input;
use crate::tlsa::matching::{matches, Matched};
use crate::zone::name;

/// The parent's DS RRset, as read from a `--ds`, `--old-ds` or `--new-ds` file.
#[derive(Clone, Debug)]
pub struct DsSet {
    /// The file, for messages.
    pub label: String,
    pub records: Vec<Vec<u8>>,
    pub ttl: u32,
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
            v = match (v, d.safe_from) {
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
    if j.old.is_signed() {
        j.prepublication();
        j.removal();
        j.algorithms();
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
fn ds_names(ds: &[u8], k: &KeyInfo, origin: &[u8]) -> bool {
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
        diag.safe_from = safe_from;
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

    /// ZW5001: RFC 1982 serial arithmetic.
    fn serial(&mut self) {
        let (old, new) = (self.old, self.new);
        if old.digest == new.digest {
            return;
        }
        if let (Some(a), Some(b)) = (old.serial, new.serial) {
            if !crate::dnssec::verify::serial_lt(a, b) {
                self.never(
                    &SERIAL_NOT_INCREASED,
                    Side::New,
                    new.soa_record,
                    format!(
                        "the SOA serial {b} is not greater than {a}, the serial of {} (RFC 1982)",
                        old.label
                    ),
                    "increase the serial: secondaries transfer only a greater one".into(),
                );
            }
        }
    }

    /// ZW5010, ZW5011: NEW's signatures hold from `now` for as long as it may be served.
    fn signature_windows(&mut self) {
        let (new, now) = (self.new, self.opts.now);
        let need = new.soa_expire.max(new.max_ttl);
        if let Some((exp, rec)) = new.earliest_expiration {
            if exp < now + i64::from(need) {
                let msg = if exp <= now {
                    format!(
                        "a signature expired at {}, before going live",
                        time_text(exp)
                    )
                } else {
                    format!(
                        "a signature expires at {}, within {} of going live (the larger of the SOA expire timer and the largest TTL)",
                        time_text(exp),
                        duration_text(need)
                    )
                };
                self.never(
                    &SIGNATURES_EXPIRE_SOON,
                    Side::New,
                    Some(rec),
                    msg,
                    "re-sign with signatures valid for longer".into(),
                );
            }
        }
        if let Some((inc, rec)) = new.latest_inception {
            self.until(
                &SIGNATURES_NOT_YET_VALID,
                Side::New,
                Some(rec),
                format!("a signature is not valid before {}", time_text(inc)),
                "publish it later, or re-sign with an earlier inception".into(),
                inc,
            );
        }
    }

    /// ZW5002: every RRset NEW signs has a signature by a key every cached DNSKEY RRset has.
    fn prepublication(&mut self) {
        let (old, new, now) = (self.old, self.new, self.opts.now);
        let wait = i64::from(old.dnskey_ttl) + self.prop();
        // For each of NEW's keys: since when every validator knows it (None: not in OLD).
        // A key that already signed OLD was known when OLD went live (OLD was judged too).
        let known: Vec<Option<i64>> = new
            .keys
            .iter()
            .map(|k| {
                if old.signs_data(&k.id) {
                    Some(i64::MIN)
                } else {
                    self.past.since(|v| v.has_key(&k.id)).map(|s| s + wait)
                }
            })
            .collect();
        let mut alone: Vec<(u64, u32)> = vec![(0, u32::MAX); new.keys.len()];
        for set in &new.signed {
            let keys: Vec<usize> = set
                .signers
                .iter()
                .filter_map(|s| s.key.map(usize::from))
                .collect();
            if keys.is_empty() || keys.iter().any(|&k| known[k].is_some_and(|t| t <= now)) {
                continue;
            }
            for k in keys {
                alone[k].0 += set.rrsets;
                alone[k].1 = alone[k].1.min(set.first);
            }
        }
        for (k, &(n, first)) in alone.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let key = &new.keys[k];
            let fix = format!(
                "publish the key in a version of its own and sign with it once the DNSKEY TTL ({}) and propagation have passed, or sign with the old key as well",
                duration_text(old.dnskey_ttl)
            );
            match known[k] {
                None => self.never(
                    &KEY_NOT_PREPUBLISHED,
                    Side::New,
                    Some(first),
                    format!(
                        "{} signs {} alone, but it is not in the DNSKEY RRset of {}, which resolvers may still cache",
                        key.describe(),
                        plural(n, "RRset"),
                        old.label
                    ),
                    fix,
                ),
                Some(t) => self.until(
                    &KEY_NOT_PREPUBLISHED,
                    Side::New,
                    Some(first),
                    format!(
                        "{} signs {} alone, but has been in the DNSKEY RRset only since {}; an older DNSKEY RRset without it may be cached until then plus its TTL and propagation",
                        key.describe(),
                        plural(n, "RRset"),
                        time_text(t - wait)
                    ),
                    fix,
                    t,
                ),
            }
        }
    }

    /// Whether a version signs some RRset with this key and with no key NEW keeps.
    fn signs_alone(&self, v: &Version, id: &KeyId) -> u64 {
        v.signed
            .iter()
            .filter(|s| v.set_has_key(s, id))
            .filter(|s| {
                !s.signers.iter().any(|x| {
                    x.key
                        .is_some_and(|k| self.new.has_key(&v.keys[k as usize].id))
                })
            })
            .map(|s| s.rrsets)
            .sum()
    }

    /// ZW5003: a key leaves the DNSKEY RRset only once no cached signature needs it.
    fn removal(&mut self) {
        let (old, new) = (self.old, self.new);
        let wait = i64::from(old.max_signed_ttl()) + self.prop();
        for r in old.keys.iter().filter(|k| !new.has_key(&k.id)) {
            let n = self.signs_alone(old, &r.id);
            if n > 0 {
                self.never(
                    &KEY_REMOVED_EARLY,
                    Side::Old,
                    Some(r.record),
                    format!(
                        "{} is removed, but {} of {} {} signed by it and by no key that stays",
                        r.describe(),
                        plural(n, "RRset"),
                        old.label,
                        if n == 1 { "is" } else { "are" }
                    ),
                    format!(
                        "have its successor sign a version first, and remove the key once the largest TTL of the signed RRsets ({}) and propagation have passed",
                        duration_text(old.max_signed_ttl())
                    ),
                );
                continue;
            }
            // Its signatures may be cached from the last version it signed alone; between
            // two versions only, that may have been the one just before OLD.
            let versions = self.past.versions;
            let last = versions
                .iter()
                .rposition(|v| self.signs_alone(v, &r.id) > 0);
            let aging_since = match last {
                Some(i) => Some(versions[i + 1].published),
                None if self.past.complete => None,
                // A KSK that signs only the DNSKEY RRset leaves no signatures elsewhere.
                None if r.is_sep() && !versions.iter().any(|v| v.signs_data(&r.id)) => None,
                None => Some(versions[0].published),
            };
            if let Some(since) = aging_since {
                self.until(
                    &KEY_REMOVED_EARLY,
                    Side::Old,
                    Some(r.record),
                    format!(
                        "{} is removed, but RRsets signed by it alone may be cached from before {}",
                        r.describe(),
                        time_text(since)
                    ),
                    format!(
                        "keep the key published until the largest TTL of the signed RRsets ({}) and propagation have passed since its successor took over",
                        duration_text(old.max_signed_ttl())
                    ),
                    since + wait,
                );
            }
        }
    }

    /// ZW5008, ZW5009: RFC 6781 §4.1.4's order for algorithm rollovers.
    fn algorithms(&mut self) {
        let (old, new) = (self.old, self.new);
        let (old_algs, new_algs) = (old.key_algorithms(), new.key_algorithms());
        for &a in new_algs.iter().filter(|a| !old_algs.contains(a)) {
            let rec = new.first_key_of(a);
            let alg = algorithm_text(a);
            let fix = format!(
                "sign every RRset with {alg} in a version without its DNSKEYs first, and publish them once the largest TTL ({}) and propagation have passed",
                duration_text(old.max_signed_ttl())
            );
            // NEW itself, then OLD (which resolvers may still hold), must carry them.
            let lacking = [(new, ""), (old, ", which resolvers may still cache,")]
                .into_iter()
                .map(|(v, note)| (v, note, v.lacking(a)))
                .find(|x| x.2 > 0);
            if let Some((v, note, lack)) = lacking {
                self.never(
                    &ALGORITHM_PUBLISHED_EARLY,
                    Side::New,
                    rec,
                    format!(
                        "{alg} DNSKEYs are published, but {} of {}{note} {} no {alg} signature",
                        plural(lack, "RRset"),
                        v.label,
                        if lack == 1 { "has" } else { "have" }
                    ),
                    fix,
                );
                continue;
            }
            let since = self
                .past
                .since(|v| v.lacking(a) == 0 && v.signature_algorithms().contains(&a))
                .unwrap_or(old.published);
            self.until(
                &ALGORITHM_PUBLISHED_EARLY,
                Side::New,
                rec,
                format!(
                    "{alg} DNSKEYs are published, but every RRset has carried {alg} signatures only since {}",
                    time_text(since)
                ),
                fix,
                since + i64::from(old.max_signed_ttl()) + self.prop(),
            );
        }
        for a in old.signature_algorithms() {
            let lack = new.lacking(a);
            if old.lacking(a) > 0 || lack == 0 || !new.is_signed() {
                continue;
            }
            let alg = algorithm_text(a);
            let fix = format!(
                "remove the {alg} DNSKEYs first, and their signatures once the DNSKEY TTL ({}) and propagation have passed",
                duration_text(old.dnskey_ttl)
            );
            if new_algs.contains(&a) {
                let rec = new.first_key_of(a);
                self.never(
                    &ALGORITHM_REMOVED_EARLY,
                    Side::New,
                    rec,
                    format!(
                        "{alg} DNSKEYs stay published, but {} lost {} {alg} signature{}",
                        plural(lack, "RRset"),
                        if lack == 1 { "its" } else { "their" },
                        if lack == 1 { "" } else { "s" }
                    ),
                    fix,
                );
            } else if old_algs.contains(&a) {
                let rec = old.first_key_of(a);
                self.never(
                    &ALGORITHM_REMOVED_EARLY,
                    Side::Old,
                    rec,
                    format!("{alg} DNSKEYs and their signatures are removed in the same step"),
                    fix,
                );
            } else {
                let since = self
                    .past
                    .since(|v| !v.key_algorithms().contains(&a))
                    .unwrap_or(old.published);
                self.until(
                    &ALGORITHM_REMOVED_EARLY,
                    Side::New,
                    new.signed.first().map(|s| s.first),
                    format!(
                        "{alg} signatures are removed, but its DNSKEYs have been gone only since {}",
                        time_text(since)
                    ),
                    fix,
                    since + i64::from(old.dnskey_ttl) + self.prop(),
                );
            }
        }
    }

    /// ZW5004, ZW5005, ZW5006: the parent's DS names a key that signs the DNSKEY RRset,
    /// whichever DS RRset and DNSKEY RRset a resolver holds.
    fn chain_of_trust(&mut self) {
        let (old, new, opts) = (self.old, self.new, self.opts);
        let parent = match (&opts.ds_new, &opts.ds_old) {
            (Some(d), _) | (None, Some(d)) => Parent::Ds(d),
            _ if asks_for_ds(old) => Parent::Cds(old),
            _ => Parent::OldSigners(old),
        };
        let origin = &new.origin;
        let new_signers: Vec<&KeyInfo> = new.dnskey_signing_keys().collect();
        let mut reported: Vec<KeyId> = Vec::new();
        if !new_signers.iter().any(|k| parent.names(k, origin)) {
            let removed: Vec<&KeyInfo> = old
                .keys
                .iter()
                .filter(|k| !new.has_key(&k.id) && parent.names(k, origin))
                .collect();
            for k in &removed {
                reported.push(k.id.clone());
                self.never(
                    &KSK_REMOVED_WHILE_DS,
                    Side::Old,
                    Some(k.record),
                    format!(
                        "{} is removed while {} names it, and names no key that signs the DNSKEY RRset of {}",
                        k.describe(),
                        parent.describe(),
                        new.label
                    ),
                    "keep it signing the DNSKEY RRset until the parent's DS names its successor and the old DS's TTL has passed".into(),
                );
            }
            if removed.is_empty() && !new_signers.is_empty() {
                let names: Vec<String> = new_signers.iter().map(|k| k.describe()).collect();
                self.never(
                    &KSK_SIGNS_BEFORE_DS,
                    Side::New,
                    new.dnskey_rrsig,
                    format!(
                        "the DNSKEY RRset is signed only by {}, which {} does not name",
                        names.join(" and "),
                        parent.describe()
                    ),
                    "keep the old KSK signing the DNSKEY RRset until the parent publishes a DS for the new one".into(),
                );
            }
        }
        // A parent that polls CDS may be acting on OLD's right now.
        if !matches!(parent, Parent::Cds(_)) && asks_for_ds(old) {
            let cds = Parent::Cds(old);
            if !new_signers.iter().any(|k| cds.names(k, origin)) {
                for k in old.keys.iter().filter(|k| {
                    !new.has_key(&k.id) && !reported.contains(&k.id) && cds.names(k, origin)
                }) {
                    self.never(
                        &KSK_REMOVED_WHILE_DS,
                        Side::Old,
                        Some(k.record),
                        format!(
                            "{} is removed while the CDS/CDNSKEY of {} still name it: a parent acting on them publishes a DS for a key {} lacks",
                            k.describe(),
                            old.label,
                            new.label
                        ),
                        "publish CDS/CDNSKEY for the successor and wait until the parent's DS names it".into(),
                    );
                }
            }
        }
        let (Some(ds_old), Some(ds_new)) = (&opts.ds_old, &opts.ds_new) else {
            return;
        };
        let (mut a, mut b) = (ds_old.records.clone(), ds_new.records.clone());
        a.sort();
        b.sort();
        if a == b {
            return;
        }
        let old_ds = Parent::Ds(ds_old);
        let new_ds = Parent::Ds(ds_new);
        if new.is_signed() && !new_signers.iter().any(|k| old_ds.names(k, origin)) {
            self.never(
                &DS_CHANGED_WITH_KSK,
                Side::New,
                new.dnskey_rrsig,
                format!(
                    "the old DS RRset ({}), which resolvers keep for its TTL ({}) after the parent changes it, names no key that signs the DNSKEY RRset of {}",
                    ds_old.label,
                    duration_text(ds_old.ttl),
                    new.label
                ),
                "change the DS first; change the keys once the old DS's TTL has passed".into(),
            );
        }
        let named: Vec<&KeyInfo> = old
            .dnskey_signing_keys()
            .filter(|k| new_ds.names(k, origin))
            .collect();
        if named.is_empty() {
            self.never(
                &DS_CHANGED_WITH_KSK,
                Side::Old,
                old.dnskey_rrsig,
                format!(
                    "the new DS RRset ({}) names no key that signs the DNSKEY RRset of {}, which resolvers keep for its TTL ({})",
                    ds_new.label,
                    old.label,
                    duration_text(old.dnskey_ttl)
                ),
                "sign the DNSKEY RRset with the new KSK first; change the DS once the DNSKEY TTL has passed".into(),
            );
        } else if let Some(since) = named
            .iter()
            .filter_map(|k| self.past.since(|v| v.signs_dnskey(&k.id)))
            .min()
        {
            let names: Vec<String> = named.iter().map(|k| k.describe()).collect();
            self.until(
                &DS_CHANGED_WITH_KSK,
                Side::Old,
                old.dnskey_rrsig,
                format!(
                    "the new DS RRset names {}, which has signed the DNSKEY RRset only since {}; an older DNSKEY RRset may be cached until then plus its TTL and propagation",
                    names.join(" and "),
                    time_text(since)
                ),
                "change the DS once the DNSKEY TTL has passed since the new KSK began signing".into(),
                since + i64::from(old.dnskey_ttl) + self.prop(),
            );
        }
    }

    /// ZW5007: changed CDS/CDNSKEY records must describe keys that sign NEW's DNSKEY RRset.
    fn cds(&mut self) {
        let (old, new) = (self.old, self.new);
        if (new.cds == old.cds && new.cdnskey == old.cdnskey)
            || (new.cds.is_empty() && new.cdnskey.is_empty())
            || is_delete(new)
        {
            return;
        }
        let rec = new.cds_record;
        let mut named: Vec<KeyId> = Vec::new();
        for c in &new.cds {
            match new.keys.iter().find(|k| ds_names(c, k, &new.origin)) {
                Some(k) => named.push(k.id.clone()),
                None => {
                    let d = Ds::parse(c);
                    self.never(
                        &CDS_NOT_MATCHING_KEYS,
                        Side::New,
                        rec,
                        format!(
                            "CDS {} {} names no DNSKEY of {}",
                            d.as_ref().map_or(0, |d| d.tag),
                            algorithm_text(d.as_ref().map_or(0, |d| d.algorithm)),
                            new.label
                        ),
                        "publish the key first, or remove the CDS".into(),
                    );
                }
            }
        }
        let mut named_cdnskey: Vec<KeyId> = Vec::new();
        for c in &new.cdnskey {
            match new.keys.iter().find(|k| k.rdata[..] == c[..]) {
                Some(k) => named_cdnskey.push(k.id.clone()),
                None => self.never(
                    &CDS_NOT_MATCHING_KEYS,
                    Side::New,
                    rec,
                    format!(
                        "CDNSKEY {} is not a DNSKEY of {}",
                        crate::dnssec::keys::key_tag(c),
                        new.label
                    ),
                    "publish the key first, or remove the CDNSKEY".into(),
                ),
            }
        }
        if !new.cds.is_empty() && !new.cdnskey.is_empty() {
            let (mut a, mut b) = (named.clone(), named_cdnskey.clone());
            a.sort_by(|x, y| x.public.cmp(&y.public));
            b.sort_by(|x, y| x.public.cmp(&y.public));
            a.dedup();
            b.dedup();
            if a != b {
                self.never(
                    &CDS_NOT_MATCHING_KEYS,
                    Side::New,
                    rec,
                    "CDS and CDNSKEY records name different keys".into(),
                    "publish CDS and CDNSKEY for the same keys".into(),
                );
            }
        }
        named.extend(named_cdnskey);
        if !named.is_empty() && !named.iter().any(|id| new.signs_dnskey(id)) {
            self.never(
                &CDS_NOT_MATCHING_KEYS,
                Side::New,
                rec,
                "none of the keys the CDS/CDNSKEY records name signs the DNSKEY RRset: a parent acting on them breaks the chain of trust".into(),
                "sign the DNSKEY RRset with the key they name before publishing them".into(),
            );
        }
    }

    /// ZW5012, ZW5013: RFC 7671 §8.1, a TLSA record for the next key before it is deployed.
    fn tlsa(&mut self) {
        let (old, new, opts) = (self.old, self.new, self.opts);
        let Some(serving) = opts.next_cert.as_ref().or(opts.cert.as_ref()) else {
            return;
        };
        let fits = |set: &super::version::TlsaSet, c: &Cert| {
            set.records.iter().any(
                |t| matches!(matches(t, &c.input), Some(m) if !matches!(m, Matched::OffPath(_))),
            )
        };
        // The services the certificate is deployed for: where OLD matches it.
        let mut owners: Vec<Vec<u8>> = match &opts.cert {
            Some(c) => old
                .tlsa
                .iter()
                .filter(|s| fits(s, c))
                .map(|s| s.owner.clone())
                .collect(),
            None => Vec::new(),
        };
        if owners.is_empty() {
            owners = old.tlsa.iter().map(|s| s.owner.clone()).collect();
        }
        for o in &owners {
            let at = name::to_text(o);
            let old_set = old.tlsa_at(o);
            match new.tlsa_at(o) {
                Some(s) if fits(s, serving) => {}
                Some(s) => self.never(
                    &TLSA_DROPPED,
                    Side::New,
                    Some(s.first),
                    format!(
                        "no TLSA record at {at} matches {}, the certificate served once {} is live",
                        serving.label, new.label
                    ),
                    "keep the TLSA record of the deployed certificate until it is replaced".into(),
                ),
                None => self.never(
                    &TLSA_DROPPED,
                    Side::Old,
                    old_set.map(|s| s.first),
                    format!(
                        "{} drops the TLSA RRset at {at}, which {} needs",
                        new.label, serving.label
                    ),
                    "keep the TLSA record of the deployed certificate until it is replaced".into(),
                ),
            }
            let Some(next) = &opts.next_cert else {
                continue;
            };
            let ttl = old_set.map_or(0, |s| s.ttl);
            let fix = format!(
                "publish a TLSA record for the next key beside the current one (3 1 1 + 3 1 1) and deploy the certificate once the TLSA TTL ({}) and propagation have passed",
                duration_text(ttl)
            );
            if !old_set.is_some_and(|s| fits(s, next)) {
                self.never(
                    &TLSA_NOT_PREPUBLISHED,
                    Side::Old,
                    old_set.map(|s| s.first),
                    format!(
                        "{} is deployed with {}, but {} has no TLSA record at {at} matching it",
                        next.label, new.label, old.label
                    ),
                    fix,
                );
                continue;
            }
            let since = self
                .past
                .since(|v| v.tlsa_at(o).is_some_and(|s| fits(s, next)))
                .unwrap_or(old.published);
            self.until(
                &TLSA_NOT_PREPUBLISHED,
                Side::Old,
                old_set.map(|s| s.first),
                format!(
                    "{} is deployed with {}, but a TLSA record at {at} has matched it only since {}",
                    next.label,
                    new.label,
                    time_text(since)
                ),
                fix,
                since + i64::from(ttl) + self.prop(),
            );
        }
    }
}
