//! The signature pass: every RRSIG of the zone, in parallel over owners. Each owner's
//! signatures are checked field by field, against the clock and cryptographically; each
//! RRset that must be signed is checked for a signature per algorithm of the apex keys.
//!
//! A hostile zone must not make the pass cost keys × signatures (KeyTrap, CVE-2023-50387):
//! each RRSIG is tried against at most [`MAX_KEYS_PER_SIGNATURE`] keys with its key tag and
//! algorithm; signed data is built only for an RRSIG that some key can be tried against;
//! the canonical order of an RRset is computed once for all the RRSIGs over it; and an
//! owner with many signatures to verify spreads them over all cores by RRset and in chunks
//! within an RRset, instead of keeping one thread busy with the whole owner.

use super::keys::{algorithm_text, Key};
use super::signed_data::{self, Rrsig};
use crate::diag::Diagnostic;
use crate::index::{flags, Cx};
use crate::rules::dnssec::*;
use crate::time::time_text;
use crate::zone::name::{self, NameId};
use crate::zone::rtype::{t, type_to_string};
use crate::zone::Record;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;

/// The most keys one RRSIG is tried against: the first ones in zone order whose key tag and
/// algorithm it names. RFC 4034 Appendix B lets keys share a tag, and RFC 4035 §5.3.1 has a
/// validator try each of them, which a zone can turn into keys × signatures verifications
/// (KeyTrap, CVE-2023-50387). Validators patched for it bound the keys, signatures or
/// validations they try per RRset or per answer to small numbers (systemd-resolved, for
/// one, limits the invalid signatures per RRset and the validations per transaction), and
/// no signer makes colliding keys on purpose, so 4 leaves room for an accidental collision
/// during a rollover. A signature none of these keys verifies is reported with the number of
/// keys left untried: never passed, since a validator with such a limit would not pass it.
pub const MAX_KEYS_PER_SIGNATURE: usize = 4;

/// How many signatures by one key (key tag and algorithm) over one RRset are verified; the
/// rest are reported (ZW2015) and not checked. Each one hashes the whole RRset, so without a
/// bound a large RRset under many signatures costs their product.
pub const MAX_SIGNATURES_PER_KEY: u32 = 4;

/// An owner with at least this many signatures to verify, or with signatures over at least
/// [`PARALLEL_RECORDS`] records in all, has them verified in parallel rather than on the
/// thread that visits the owner.
const PARALLEL_SIGNATURES: usize = 16;
const PARALLEL_RECORDS: usize = 4096;

/// The keys a signature with a given key tag and algorithm may be checked against.
#[derive(Default)]
pub struct KeyGroup {
    /// Indices into [`Setup::keys`] of the zone keys (RFC 4034 §2.1.1, protocol 3) with the
    /// tag and algorithm that can verify, in zone order.
    pub tryable: Vec<usize>,
}

/// Groups the usable keys by (key tag, algorithm); a tag and algorithm absent from the map
/// names no zone key.
pub fn group_keys(keys: &[Key]) -> HashMap<(u16, u8), KeyGroup> {
    let mut groups: HashMap<(u16, u8), KeyGroup> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if !k.usable() {
            continue;
        }
        let g = groups.entry((k.tag, k.algorithm)).or_default();
        if k.verifier.is_some() {
            g.tryable.push(i);
        }
    }
    groups
}

/// What the pass needs besides the zone.
pub struct Setup<'a> {
    pub keys: &'a [Key],
    /// `keys` by key tag and algorithm ([`group_keys`]).
    pub groups: HashMap<(u16, u8), KeyGroup>,
    /// The algorithms every authoritative RRset must be signed with, sorted.
    pub algorithms: Vec<u8>,
    pub now: i64,
    /// Seconds before expiration at which a signature is reported as expiring.
    pub window: u32,
    /// The checks that passed in earlier runs (`verify --cache`).
    pub cache: Option<&'a super::cache::Cache>,
}

/// What the pass found beyond its diagnostics.
#[derive(Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub signatures: u64,
    pub verified: u64,
    /// Cryptographic verifications attempted: one per (signature, key) pair tried.
    pub attempts: u64,
    /// Signed data built (RFC 4034 §3.1.8.1), at most one per signature.
    pub signed_data: u64,
    /// Canonical orderings of a multi-record RRset computed (RFC 4034 §6.3).
    pub orderings: u64,
    pub cache: super::cache::Tally,
    /// Records of apex DNSKEYs that made a valid signature over the apex DNSKEY RRset.
    pub dnskey_signers: Vec<u32>,
    /// Signatures expiring within the window: how many, and the earliest (expiration as
    /// seconds since 1970, record index).
    pub expiring: u64,
    pub earliest: Option<(i64, u32)>,
    /// Signatures by keys that are not in the apex set, per (tag, algorithm): the count and
    /// the first record.
    pub unknown: Vec<((u16, u8), u64, u32)>,
    /// Signatures with an algorithm we cannot verify: per algorithm, the count and first.
    pub unverifiable: Vec<(u8, u64, u32)>,
}

impl Outcome {
    fn merge(mut self, mut o: Outcome) -> Outcome {
        self.diagnostics.append(&mut o.diagnostics);
        self.signatures += o.signatures;
        self.verified += o.verified;
        self.attempts += o.attempts;
        self.signed_data += o.signed_data;
        self.orderings += o.orderings;
        self.cache.merge(&mut o.cache);
        self.dnskey_signers.append(&mut o.dnskey_signers);
        self.expiring += o.expiring;
        self.earliest = match (self.earliest, o.earliest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        for (k, n, r) in o.unknown {
            bump(&mut self.unknown, k, n, r);
        }
        for (k, n, r) in o.unverifiable {
            bump(&mut self.unverifiable, k, n, r);
        }
        self
    }
}

fn bump<K: PartialEq>(list: &mut Vec<(K, u64, u32)>, key: K, n: u64, rec: u32) {
    match list.iter_mut().find(|e| e.0 == key) {
        Some(e) => {
            e.1 += n;
            e.2 = e.2.min(rec);
        }
        None => list.push((key, n, rec)),
    }
}

/// Per-thread state: the outcome so far and a reusable buffer for the signed data.
#[derive(Default)]
struct Acc {
    out: Outcome,
    buf: Vec<u8>,
}

/// Runs the pass over every owner of the zone.
pub fn run(cx: &Cx, setup: &Setup) -> Outcome {
    let n = cx.zone.names.len() as NameId;
    (0..n)
        .into_par_iter()
        .with_min_len(256)
        .fold(Acc::default, |mut acc, id| {
            owner(cx, setup, id, &mut acc);
            acc
        })
        .map(|a| a.out)
        .reduce(Outcome::default, Outcome::merge)
}

/// Whether an RRset of this type at this owner must be signed (RFC 4035 §2.2): authoritative
/// data, and at a delegation point only DS and NSEC.
pub fn must_be_signed(cx: &Cx, id: NameId, rtype: u16) -> bool {
    if rtype == t::RRSIG || !cx.is_authoritative(id) {
        return false;
    }
    !cx.has(id, flags::CUT) || rtype == t::DS || rtype == t::NSEC
}

/// Data below a DNAME (and not below a delegation) is occluded (RFC 6672 §2.3), but signers
/// differ on whether to sign it: a signature there is neither required nor refused, and is
/// checked like any other.
fn below_dname(cx: &Cx, id: NameId) -> bool {
    cx.dname_above(id) != name::NO_NAME && cx.cut_above(id) == name::NO_NAME
}

/// One owner's part of the pass: its RRsets and what its signatures showed of each.
struct Owner<'a> {
    cx: &'a Cx<'a>,
    setup: &'a Setup<'a>,
    id: NameId,
    recs: &'a [u32],
    /// The owner's RRsets: (type, start, end) into `recs`, which is sorted by type.
    sets: Vec<(u16, usize, usize)>,
    /// For each RRset, the algorithms that have a signature over it.
    signed_by: Vec<Vec<u8>>,
    /// For each RRset, whether it was reported as signed though it must not be.
    unexpected_reported: Vec<bool>,
}

/// Checks the signatures at owner `id` and that each of its RRsets that must be signed is.
fn owner(cx: &Cx, setup: &Setup, id: NameId, acc: &mut Acc) {
    let recs = cx.records_of(id);
    if recs.is_empty() || !cx.has(id, flags::IN_ZONE) {
        return;
    }
    let sets = rrsets(cx, recs);
    let mut o = Owner {
        cx,
        setup,
        id,
        recs,
        signed_by: vec![Vec::new(); sets.len()],
        unexpected_reported: vec![false; sets.len()],
        sets,
    };
    let Some(&(_, rs, re)) = o.sets.iter().find(|s| s.0 == t::RRSIG) else {
        o.report_coverage(acc);
        return;
    };
    let owner_wire = cx.zone.names.wire(id);
    let wildcard = name::is_wildcard(owner_wire);
    let owner_labels = name::label_count(owner_wire) - usize::from(wildcard);
    let mut work: Vec<Job> = Vec::new();
    for &ri in &recs[rs..re] {
        work.extend(o.signature(ri, owner_labels, acc));
    }
    o.report_coverage(acc);
    if work.is_empty() {
        return;
    }
    o.verify(work, acc);
}

/// The RRsets of an owner's records `recs` (sorted by type): (type, start, end) into `recs`.
fn rrsets(cx: &Cx, recs: &[u32]) -> Vec<(u16, usize, usize)> {
    let mut sets: Vec<(u16, usize, usize)> = Vec::with_capacity(4);
    let mut i = 0;
    while i < recs.len() {
        let ty = cx.record(recs[i]).rtype;
        let mut j = i + 1;
        while j < recs.len() && cx.record(recs[j]).rtype == ty {
            j += 1;
        }
        sets.push((ty, i, j));
        i = j;
    }
    sets
}

impl<'a> Owner<'a> {
    /// `RRSIG <type> at <owner> by key <tag> (<algorithm>)`, for messages.
    fn what(&self, sig: &Rrsig) -> String {
        format!(
            "RRSIG {} at {} by key {} ({})",
            type_to_string(sig.type_covered),
            self.cx.name_text(self.id),
            sig.key_tag,
            algorithm_text(sig.algorithm)
        )
    }

    /// One RRSIG of the owner (record `ri`): the RRset it covers, its fields and validity
    /// window, and the keys it names. Returns the job that verifies it, if there is one;
    /// `owner_labels` is the owner's label count as RRSIG labels counts it.
    fn signature(&mut self, ri: u32, owner_labels: usize, acc: &mut Acc) -> Option<Job<'a>> {
        let cx = self.cx;
        let id = self.id;
        let r = cx.record(ri);
        let sig = Rrsig::parse(cx.zone.rdata(r))?;
        acc.out.signatures += 1;
        let owner_text = || cx.name_text(id);
        // `sets` is sorted by type: a binary search keeps an owner with many types and many
        // signatures linear, not types × signatures.
        let Ok(k) = self.sets.binary_search_by_key(&sig.type_covered, |s| s.0) else {
            acc.out.diagnostics.push(
                Diagnostic::new(
                    &RRSIG_WITHOUT_RRSET,
                    Some(self.cx.zone.span_of(r)),
                    format!(
                        "RRSIG at {} covers {}, but {} has no {} records",
                        owner_text(),
                        type_to_string(sig.type_covered),
                        owner_text(),
                        type_to_string(sig.type_covered)
                    ),
                )
                .with_fix("remove the signature, or re-sign the zone"),
            );
            return None;
        };
        let (ty, s, e) = self.sets[k];
        // A signature of this algorithm exists; whether it is good is reported below, so
        // the RRset is not also reported as unsigned.
        mark(&mut self.signed_by[k], sig.algorithm);
        if !must_be_signed(cx, id, ty) && !below_dname(cx, id) {
            if !self.unexpected_reported[k] {
                self.unexpected_reported[k] = true;
                let why = if cx.has(id, flags::CUT) {
                    "the NS RRset at a delegation point"
                } else {
                    "data below a delegation (glue or occluded)"
                };
                acc.out.diagnostics.push(
                    Diagnostic::new(
                        &UNEXPECTED_SIGNATURE,
                        Some(self.cx.zone.span_of(r)),
                        format!(
                            "{} {} is signed, but {why} is not authoritative and must not be signed",
                            owner_text(),
                            type_to_string(ty)
                        ),
                    )
                    .with_fix("remove the signature"),
                );
            }
            return None;
        }
        let rrset_ttl = cx.record(self.recs[s]).ttl;
        if !self.check_fields(ri, &sig, owner_labels, rrset_ttl, acc) {
            return None;
        }
        let keys = self.choose_keys(ri, &sig, e - s, acc)?;
        Some(Job {
            set: k,
            rec: ri,
            sig,
            keys,
        })
    }

    /// The field checks (RFC 4035 §2.2, §5.3.1) and the validity window of the RRSIG `ri`
    /// over an RRset with TTL `rrset_ttl`. Returns whether to go on to its keys: not when it
    /// names another signer than the apex.
    fn check_fields(
        &self,
        ri: u32,
        sig: &Rrsig,
        owner_labels: usize,
        rrset_ttl: u32,
        acc: &mut Acc,
    ) -> bool {
        let (cx, zone) = (self.cx, self.cx.zone);
        let r = cx.record(ri);
        if !sig.signer.eq_ignore_ascii_case(&zone.origin) {
            acc.out.diagnostics.push(
                Diagnostic::new(
                    &SIGNER_NOT_APEX,
                    Some(cx.field_span(r, 7)),
                    format!(
                        "{} names signer {}, not the apex {}",
                        self.what(sig),
                        name::to_text(sig.signer),
                        zone.origin_text()
                    ),
                )
                .with_fix("re-sign the RRset with the zone's keys"),
            );
            return false;
        }
        if sig.labels as usize != owner_labels {
            acc.out.diagnostics.push(Diagnostic::new(
                &RRSIG_LABELS,
                Some(cx.field_span(r, 2)),
                format!(
                    "{} has labels {}, but its owner has {owner_labels}",
                    self.what(sig),
                    sig.labels
                ),
            ));
        }
        if sig.original_ttl != rrset_ttl {
            acc.out.diagnostics.push(
                Diagnostic::new(
                    &ORIGINAL_TTL_MISMATCH,
                    Some(cx.field_span(r, 3)),
                    format!(
                        "{} has original TTL {}, but the RRset's TTL is {rrset_ttl}",
                        self.what(sig),
                        sig.original_ttl
                    ),
                )
                .with_fix("re-sign the RRset"),
            );
        }
        if r.ttl > rrset_ttl {
            acc.out.diagnostics.push(
                Diagnostic::new(
                    &RRSIG_TTL_TOO_HIGH,
                    Some(self.cx.zone.span_of(r)),
                    format!(
                        "{} has TTL {}, above the TTL {rrset_ttl} of the RRset it covers",
                        self.what(sig),
                        r.ttl
                    ),
                )
                .with_fix(format!("give the RRSIG the RRset's TTL ({rrset_ttl})")),
            );
        }
        self.check_window(ri, sig, acc);
        true
    }

    /// The validity window of the RRSIG `ri`, in serial-number arithmetic (RFC 4034
    /// §3.1.5): inverted, expired, not yet valid, or expiring within the window.
    fn check_window(&self, ri: u32, sig: &Rrsig, acc: &mut Acc) {
        let (cx, setup) = (self.cx, self.setup);
        let r = cx.record(ri);
        let now32 = setup.now as u32;
        let abs = |v: u32| setup.now + i64::from(v.wrapping_sub(now32) as i32);
        // Each time as the field reads relative to now, and, when the text names an instant
        // the field cannot hold (more than 68 years away), what was written: found by reading
        // the record's text again, so only for a finding (it once cost a third of the pass).
        let inc = || time_read(cx, r, 5, abs(sig.inception));
        let exp = || time_read(cx, r, 4, abs(sig.expiration));
        if serial_lt(sig.expiration, sig.inception) {
            acc.out.diagnostics.push(Diagnostic::new(
                &SIGNATURE_WINDOW_INVERTED,
                Some(cx.field_span(r, 5)),
                format!(
                    "{} has inception {} after its expiration {}",
                    self.what(sig),
                    inc(),
                    exp()
                ),
            ));
        } else if serial_lt(sig.expiration, now32) {
            acc.out.diagnostics.push(
                Diagnostic::new(
                    &SIGNATURE_EXPIRED,
                    Some(cx.field_span(r, 4)),
                    match wrapped(cx, r, 4, abs(sig.expiration)) {
                        Some(w) => format!(
                            "{} has its expiration written as {}, more than 68 years from now, which the 32-bit field cannot hold: it reads as {} (RFC 4034 §3.1.5), so the signature has expired",
                            self.what(sig),
                            time_text(w),
                            time_text(abs(sig.expiration))
                        ),
                        None => format!("{} expired at {}", self.what(sig), exp()),
                    },
                )
                .with_fix("re-sign the zone"),
            );
        } else if serial_lt(now32, sig.inception) {
            acc.out.diagnostics.push(
                Diagnostic::new(
                    &SIGNATURE_NOT_YET_VALID,
                    Some(cx.field_span(r, 5)),
                    match wrapped(cx, r, 5, abs(sig.inception)) {
                        Some(w) => format!(
                            "{} has its inception written as {}, more than 68 years from now, which the 32-bit field cannot hold: it reads as {} (RFC 4034 §3.1.5), so the signature is not valid yet",
                            self.what(sig),
                            time_text(w),
                            time_text(abs(sig.inception))
                        ),
                        None => format!("{} is not valid before {}", self.what(sig), inc()),
                    },
                )
                .with_fix("re-sign with an inception in the past (check the signer's clock)"),
            );
        } else if sig.expiration.wrapping_sub(now32) < setup.window {
            acc.out.expiring += 1;
            let cand = (abs(sig.expiration), ri);
            acc.out.earliest = Some(acc.out.earliest.map_or(cand, |e| e.min(cand)));
        }
    }

    /// The keys the RRSIG `ri` (over an RRset of `n` records) can be tried against, if any:
    /// nothing is built for a signature no key can be tried against.
    fn choose_keys(&self, ri: u32, sig: &Rrsig, n: usize, acc: &mut Acc) -> Option<&'a [usize]> {
        if !super::keys::algorithm_supported(sig.algorithm) {
            bump(&mut acc.out.unverifiable, sig.algorithm, 1, ri);
            return None;
        }
        let setup: &'a Setup<'a> = self.setup;
        let Some(group) = setup.groups.get(&(sig.key_tag, sig.algorithm)) else {
            bump(&mut acc.out.unknown, (sig.key_tag, sig.algorithm), 1, ri);
            return None;
        };
        if group.tryable.is_empty() {
            // The keys themselves are unusable; `bad-dnskey` says why.
            let r = self.cx.record(ri);
            acc.out.diagnostics.push(bad_signature(
                self.cx,
                self.id,
                r,
                sig,
                n,
                group.tryable.len(),
            ));
            return None;
        }
        Some(&group.tryable)
    }

    /// Verifies the signatures of `work`, each over one RRset of the owner.
    fn verify(&self, mut work: Vec<Job<'a>>, acc: &mut Acc) {
        // The signatures of each RRset together, so that its canonical order is computed once,
        // and within it those of each key in zone order, so that only the first few are kept.
        work.sort_by_key(|j| (j.set, j.sig.key_tag, j.sig.algorithm));
        self.drop_redundant(&mut work, acc);
        let records: usize = work
            .iter()
            .map(|j| self.sets[j.set].2 - self.sets[j.set].1)
            .sum();
        if work.len() < PARALLEL_SIGNATURES && records < PARALLEL_RECORDS {
            for jobs in work.chunk_by(|a, b| a.set == b.set) {
                let rrset = self.canonical(jobs[0].set);
                acc.out.orderings += u64::from(rrset.n > 1);
                self.verify_jobs(&rrset, jobs, &mut acc.out, &mut acc.buf);
            }
            return;
        }
        // Many signatures at one owner (a large RRset, or many RRSIGs over one): spread them
        // over the cores by RRset, and within an RRset in chunks, so that one owner does not
        // keep a single thread busy while the others idle.
        let groups: Vec<&[Job]> = work.chunk_by(|a, b| a.set == b.set).collect();
        let o = groups
            .par_iter()
            .map(|jobs| {
                let rrset = self.canonical(jobs[0].set);
                let mut o = jobs
                    .par_iter()
                    .with_min_len(if rrset.n >= 256 { 1 } else { 8 })
                    .fold(Acc::default, |mut a, job| {
                        let one = std::slice::from_ref(job);
                        self.verify_jobs(&rrset, one, &mut a.out, &mut a.buf);
                        a
                    })
                    .map(|a| a.out)
                    .reduce(Outcome::default, Outcome::merge);
                o.orderings += u64::from(rrset.n > 1);
                o
            })
            .reduce(Outcome::default, Outcome::merge);
        acc.out = std::mem::take(&mut acc.out).merge(o);
    }

    /// The RRset `set` of the owner in canonical form (RFC 4034 §6.3).
    fn canonical(&self, set: usize) -> Canonical<'a> {
        let (ty, s, e) = self.sets[set];
        let covered: Vec<&Record> = self.recs[s..e].iter().map(|&x| self.cx.record(x)).collect();
        Canonical {
            ty,
            class: self.cx.zone.class,
            ordered: signed_data::canonical_order(self.cx.zone, ty, &covered),
            n: e - s,
        }
    }

    /// Keeps the first [`MAX_SIGNATURES_PER_KEY`] signatures by each key over each RRset of
    /// `work` (sorted by RRset, key tag and algorithm, in zone order within), and reports each
    /// RRset that had more (ZW2015) at the first signature not kept.
    fn drop_redundant(&self, work: &mut Vec<Job<'a>>, acc: &mut Acc) {
        let same = |a: &Job, b: &Job| {
            (a.set, a.sig.key_tag, a.sig.algorithm) == (b.set, b.sig.key_tag, b.sig.algorithm)
        };
        if work
            .chunk_by(same)
            .all(|run| run.len() <= MAX_SIGNATURES_PER_KEY as usize)
        {
            return;
        }
        let mut kept = Vec::with_capacity(work.len());
        let mut run: Vec<Job> = Vec::new();
        for job in work.drain(..) {
            if run.last().is_some_and(|last| !same(last, &job)) {
                self.keep_first(&mut run, &mut kept, acc);
            }
            run.push(job);
        }
        self.keep_first(&mut run, &mut kept, acc);
        *work = kept;
    }

    /// Moves the first signatures of one run (one key over one RRset) to `kept`; reports the
    /// rest.
    fn keep_first(&self, run: &mut Vec<Job<'a>>, kept: &mut Vec<Job<'a>>, acc: &mut Acc) {
        let cap = MAX_SIGNATURES_PER_KEY as usize;
        if run.len() > cap {
            let (n, first) = (run.len(), &run[cap]);
            let msg = format!(
                "{} {} has {n} RRSIGs by key {} ({}); only the first {cap} were verified, {} not checked",
                self.cx.name_text(self.id),
                type_to_string(self.sets[first.set].0),
                first.sig.key_tag,
                algorithm_text(first.sig.algorithm),
                n - cap
            );
            acc.out.diagnostics.push(
                Diagnostic::new(
                    &REDUNDANT_SIGNATURES,
                    Some(self.cx.zone.span_of(self.cx.record(first.rec))),
                    msg,
                )
                .with_fix("keep one signature per key over each RRset: re-sign the zone"),
            );
            run.truncate(cap);
        }
        kept.append(run);
    }

    /// A ZW2001 whose every key was tried moved to where the operator acts: the first
    /// record of the RRset (most often edited after signing), with the RRSIG and the key it
    /// was checked against as evidence. With keys left untried the keys are the problem,
    /// and the finding stays at the RRSIG.
    fn at_covered(&self, mut d: Diagnostic, job: &Job) -> Diagnostic {
        let (_, start, _) = self.sets[job.set];
        if job.keys.len() > MAX_KEYS_PER_SIGNATURE || start >= self.recs.len() {
            return d;
        }
        if let Some(rrsig) = d
            .span
            .replace(self.cx.zone.span_of(self.cx.record(self.recs[start])))
        {
            d = d.with_related(
                rrsig,
                "this signature does not verify over the RRset: was it made before a change?",
            );
        }
        if let Some(&k) = job.keys.first() {
            let key = self.cx.record(self.setup.keys[k].record);
            d = d.with_related(self.cx.zone.span_of(key), "the key it was checked against");
        }
        d
    }

    /// Verifies signatures over one RRset of the owner, given in canonical form: each
    /// against at most [`MAX_KEYS_PER_SIGNATURE`] of its keys, the first in zone order.
    fn verify_jobs(&self, rrset: &Canonical, jobs: &[Job], out: &mut Outcome, buf: &mut Vec<u8>) {
        let (cx, id, zone) = (self.cx, self.id, self.cx.zone);
        for job in jobs {
            signed_data::build_ordered(
                &job.sig,
                zone.names.wire(id),
                rrset.class,
                &rrset.ordered,
                buf,
            );
            out.signed_data += 1;
            let mut valid = None;
            for &k in job.keys.iter().take(MAX_KEYS_PER_SIGNATURE) {
                let key = &self.setup.keys[k];
                out.attempts += 1;
                if super::cache::check(self.setup.cache, key, buf, job.sig.signature, out) {
                    valid = Some(key.record);
                    break;
                }
            }
            match valid {
                Some(key_rec) => {
                    out.verified += 1;
                    if rrset.ty == t::DNSKEY && id == zone.origin_id {
                        out.dnskey_signers.push(key_rec);
                    }
                }
                None => {
                    let d = bad_signature(
                        cx,
                        id,
                        cx.record(job.rec),
                        &job.sig,
                        rrset.n,
                        job.keys.len(),
                    );
                    out.diagnostics.push(self.at_covered(d, job));
                }
            }
        }
    }

    /// RFC 4035 §2.2: each RRset that must be signed has an RRSIG for every algorithm of the
    /// apex DNSKEY RRset.
    fn report_coverage(&self, acc: &mut Acc) {
        let (cx, setup, id) = (self.cx, self.setup, self.id);
        if setup.algorithms.is_empty() {
            return;
        }
        for (k, &(ty, s, _)) in self.sets.iter().enumerate() {
            if !must_be_signed(cx, id, ty) {
                continue;
            }
            let signed_by = &self.signed_by[k];
            let missing: Vec<String> = setup
                .algorithms
                .iter()
                .filter(|a| !signed_by.contains(a))
                .map(|&a| algorithm_text(a))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let r = cx.record(self.recs[s]);
            let msg = if signed_by.is_empty() {
                format!(
                    "{} {} has no signature",
                    cx.name_text(id),
                    type_to_string(ty)
                )
            } else {
                format!(
                    "{} {} has no signature by {}, an algorithm of the apex DNSKEY set",
                    cx.name_text(id),
                    type_to_string(ty),
                    missing.join(", ")
                )
            };
            acc.out.diagnostics.push(
                Diagnostic::new(&MISSING_SIGNATURE, Some(self.cx.zone.span_of(r)), msg)
                    .with_fix("re-sign the zone after editing it"),
            );
        }
    }
}

/// One signature to verify: over the RRset `set` of its owner, by one of `keys`.
struct Job<'a> {
    set: usize,
    rec: u32,
    sig: Rrsig<'a>,
    /// The keys with its tag and algorithm that can be tried, in zone order.
    keys: &'a [usize],
}

/// An RRset of type `ty` and class `class` with `n` records, whose canonical RDATA
/// `ordered` holds: computed once for all the signatures over it.
struct Canonical<'a> {
    ty: u16,
    class: u16,
    ordered: Vec<Cow<'a, [u8]>>,
    n: usize,
}

/// ZW2001 for a signature that no key it was tried against verifies; `keys` is how many
/// keys have its tag and algorithm, of which only the first [`MAX_KEYS_PER_SIGNATURE`] were
/// tried.
fn bad_signature(
    cx: &Cx,
    id: NameId,
    r: &Record,
    sig: &Rrsig,
    n: usize,
    keys: usize,
) -> Diagnostic {
    let what = format!(
        "RRSIG {} at {} by key {} ({}) does not verify over the {n} record{} of the RRset",
        type_to_string(sig.type_covered),
        cx.name_text(id),
        sig.key_tag,
        algorithm_text(sig.algorithm),
        if n == 1 { "" } else { "s" }
    );
    if keys <= MAX_KEYS_PER_SIGNATURE {
        return Diagnostic::new(&BAD_SIGNATURE, Some(cx.zone.span_of(r)), what)
            .with_fix("re-sign the zone; if it was edited after signing, sign the edited version");
    }
    Diagnostic::new(
        &BAD_SIGNATURE,
        Some(cx.zone.span_of(r)),
        format!(
            "{what} with the first {MAX_KEYS_PER_SIGNATURE} of the {keys} keys with its key tag and algorithm; the other {} were not tried, as validators limit the keys they try per signature (KeyTrap, CVE-2023-50387)",
            keys - MAX_KEYS_PER_SIGNATURE
        ),
    )
    .with_fix("give each key a distinct key tag (replace the colliding keys), then re-sign the zone")
}

fn mark(list: &mut Vec<u8>, alg: u8) {
    if !list.contains(&alg) {
        list.push(alg);
    }
}

/// RFC 1982 serial-number arithmetic: whether `a` is before `b`.
pub fn serial_lt(a: u32, b: u32) -> bool {
    a != b && (a.wrapping_sub(b) as i32) < 0
}

/// An RRSIG time as the field reads relative to now (`read`, RFC 4034 §3.1.5: serial-number
/// arithmetic, so within 68 years of now), for messages. When field `n`'s text names
/// another instant (`21220222132804` read in 2026 is 1986-01-16), the text says both: the
/// field holds seconds modulo 2^32 and cannot name a time that far from now.
fn time_read(cx: &Cx, r: &Record, n: usize, read: i64) -> String {
    match wrapped(cx, r, n, read) {
        Some(w) => format!(
            "{} (written as {}, more than 68 years from now: a 32-bit serial-number time cannot reach it, RFC 4034 §3.1.5)",
            time_text(read),
            time_text(w)
        ),
        None => time_text(read),
    }
}

/// The instant RRSIG field `n` of `r` is written as (`YYYYMMDDHHmmSS`), when it is not the
/// instant `read` the field holds relative to now: one more than 68 years away.
fn wrapped(cx: &Cx, r: &Record, n: usize, read: i64) -> Option<i64> {
    let span = cx.field_span(r, n);
    let src = &cx.zone.sources[span.file as usize];
    let text = src.bytes(span.start as usize..span.end as usize);
    std::str::from_utf8(&text)
        .ok()
        .and_then(crate::time::parse_compact)
        .filter(|&w| w != read)
}
