//! Offline DNSSEC verification of a whole zone (ZW2xxx).
//!
//! One pass over the zone's signatures ([`verify`], parallel over owners, reading the
//! records grouped as the lint engine's [`Cx`] holds them), then the zone-wide checks: keys,
//! DS and CDS ([`trust`]), algorithm and key policy ([`policy`]), and the NSEC ([`nsec`]) or
//! NSEC3 ([`nsec3`]) chain. `zonewarden verify` runs it; `lint` runs it whenever the apex
//! has DNSKEY records. The cryptography is hickory-proto's (ring); the signed data is ours
//! ([`signed_data`]).

pub mod backend;
mod buckets;
pub mod cache;
pub mod graph;
pub mod keys;
pub mod nsec;
pub mod nsec3;
pub mod policy;
pub mod signed_data;
pub mod trust;
pub mod verify;
pub mod zonemd;

use crate::diag::Diagnostic;
use crate::index::Cx;
use crate::rules::dnssec::*;
use crate::time::{duration_text, time_text};
use crate::zone::rtype::t;
use crate::zone::{name, ReadOptions};
use keys::{algorithm_text, Key};
use std::path::Path;

/// What the DNSSEC checks take besides the zone.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Seconds since 1970 (`--now`).
    pub now: i64,
    /// `--expiry-warning` in seconds; by default the SOA expire timer, at least 3 days.
    pub expiry_warning: Option<u32>,
    /// The parent's DS records (`--ds`), if given.
    pub ds: Option<Vec<ParentDs>>,
    /// The verification cache's directory (`--cache`), if given ([`cache`]).
    pub cache: Option<std::path::PathBuf>,
}

/// One DS record of the parent, as read from a `--ds` file.
#[derive(Clone, Debug)]
pub struct ParentDs {
    pub rdata: Vec<u8>,
    /// `file:line`, for messages: findings point into the zone, not into this file.
    pub at: String,
    pub ttl: u32,
}

/// The least expiry-warning window: 3 days.
pub const MIN_EXPIRY_WINDOW: u32 = 3 * 86400;

/// Which denial of existence the zone uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denial {
    None,
    Nsec { names: usize },
    Nsec3 { hashes: usize, opt_out: bool },
}

/// Counts for the report's summary.
#[derive(Clone, Debug)]
pub struct Stats {
    pub keys: usize,
    pub signatures: u64,
    pub verified: u64,
    /// Cryptographic verifications attempted, one per (signature, key) pair tried: at most
    /// [`verify::MAX_KEYS_PER_SIGNATURE`] per signature.
    pub attempts: u64,
    /// Signed data built: at most one per signature, and none for a signature whose key
    /// tag and algorithm name no key that can be tried.
    pub signed_data: u64,
    /// Canonical orderings of multi-record RRsets computed: at most one per RRset.
    pub orderings: u64,
    pub denial: Denial,
}

impl Stats {
    /// One line: `12 RRSIGs verified (12 checked) with 2 DNSKEYs, NSEC3 chain of 9 hashes`.
    pub fn describe(&self) -> String {
        let denial = match self.denial {
            Denial::None => "no NSEC or NSEC3 chain".to_string(),
            Denial::Nsec { names } => format!("NSEC chain of {names} names"),
            Denial::Nsec3 { hashes, opt_out } => format!(
                "NSEC3 chain of {hashes} hashes{}",
                if opt_out { " (opt-out)" } else { "" }
            ),
        };
        format!(
            "{} of {} RRSIGs verified with {} DNSKEY{}, {denial}",
            self.verified,
            self.signatures,
            self.keys,
            if self.keys == 1 { "" } else { "s" }
        )
    }
}

/// Whether the zone is signed: RRSIGs anywhere. `lint` runs every DNSSEC check only then,
/// or when it is given the parent's DS; a zone with keys but no signature is a signer's
/// input (BIND's inline signing and Knot's automatic signing load such files, and so do
/// their checkers), whose keys, CDS and CDNSKEY [`check_unsigned`] checks.
pub fn is_signed(cx: &Cx) -> bool {
    cx.has_rrsig()
}

/// Whether the apex holds DNSKEY, CDS or CDNSKEY records, or the zone NSEC3 records: what
/// [`check_unsigned`] looks at.
pub fn has_keys(cx: &Cx) -> bool {
    let apex = cx.zone.origin_id;
    (apex != name::NO_NAME
        && (apex as usize) < cx.zone.names.len()
        && cx
            .records_of(apex)
            .iter()
            .any(|&i| matches!(cx.record(i).rtype, t::DNSKEY | t::CDS | t::CDNSKEY)))
        || cx.has_nsec3()
}

/// The checks of a zone that is not signed (no RRSIG) but has keys, CDS or CDNSKEY at its
/// apex, or NSEC3 records: keys that cannot be used, key and algorithm policy, CDS and
/// CDNSKEY that match no key (RFC 7344 §4, RFC 8078 §4: the delete form matches none and is
/// not reported), and NSEC3 owners that are not hashes.
pub fn check_unsigned(cx: &Cx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let keys = apex_keys(cx);
    bad_keys(cx, &keys, &mut out);
    policy::check(cx, &keys, None, &mut out);
    trust::check_cds(cx, &keys, &mut out);
    nsec3::check_owners(cx, &mut out);
    out
}

/// ZW2110 for each apex key that cannot be used.
fn bad_keys(cx: &Cx, keys: &[Key], out: &mut Vec<Diagnostic>) {
    for k in keys {
        let r = cx.record(k.record);
        if let Some(p) = &k.problem {
            out.push(Diagnostic::new(
                &BAD_DNSKEY,
                Some(cx.zone.span_of(r)),
                format!(
                    "DNSKEY {} ({}) cannot be used: {p}",
                    k.tag,
                    algorithm_text(k.algorithm)
                ),
            ));
        }
    }
}

/// The SOA expire timer of the apex SOA.
fn soa_expire(cx: &Cx) -> Option<u32> {
    let &i = cx
        .records_of(cx.zone.origin_id)
        .iter()
        .find(|&&i| cx.record(i).rtype == t::SOA)?;
    Some(crate::zone::view::Soa::parse(cx.zone.rdata(cx.record(i)))?.expire)
}

/// Why a `--ds` file could not be used; each names the file.
#[derive(Debug)]
pub enum DsFileError {
    /// The file could not be read.
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// The file does not read as zone-file text: the first error, at `at`
    /// (`file:line:col: `, or empty).
    Syntax {
        at: String,
        message: String,
        code: &'static str,
    },
    /// The file holds no DS record for the zone.
    NoDs {
        path: std::path::PathBuf,
        origin: String,
    },
}

impl std::fmt::Display for DsFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DsFileError::Read { path, source } => {
                write!(f, "{}: cannot read: {source}", path.display())
            }
            DsFileError::Syntax { at, message, code } => write!(f, "{at}{message} [{code}]"),
            DsFileError::NoDs { path, origin } => {
                write!(f, "{}: no DS record for {origin} in it", path.display())
            }
        }
    }
}

impl std::error::Error for DsFileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DsFileError::Read { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Reads a `--ds` file (a dsset- file, or any zone-file text) and keeps the DS records whose
/// owner is `origin`.
pub fn read_ds_file(path: &Path, origin: &str) -> Result<Vec<ParentDs>, DsFileError> {
    let z = read_ds_zone(path, origin)?;
    let out: Vec<ParentDs> = z
        .records
        .iter()
        .filter(|r| r.rtype == t::DS && r.owner == z.origin_id)
        .map(|r| {
            let src = &z.sources[z.file_of(r) as usize];
            ParentDs {
                rdata: z.rdata(r).to_vec(),
                at: format!("{}:{}", src.display_path(), src.line_col(r.pos).line),
                ttl: r.ttl,
            }
        })
        .collect();
    if out.is_empty() {
        return Err(DsFileError::NoDs {
            path: path.to_path_buf(),
            origin: z.origin_text(),
        });
    }
    Ok(out)
}

/// Reads a `--ds` file that may hold the DS RRsets of many zones (a parent's zone, a
/// registrar's export): each DS names its owner, absolute. Returns them by owner (wire form,
/// lower case). Unlike [`read_ds_file`], a zone with no DS in the file is not an error here:
/// the caller decides what that means.
pub fn read_ds_sets(
    path: &Path,
) -> Result<std::collections::HashMap<Vec<u8>, Vec<ParentDs>>, DsFileError> {
    let z = read_ds_zone(path, ".")?;
    let mut out: std::collections::HashMap<Vec<u8>, Vec<ParentDs>> = Default::default();
    for r in z.records.iter().filter(|r| r.rtype == t::DS) {
        let src = &z.sources[z.file_of(r) as usize];
        out.entry(name::to_lowercase(z.names.wire(r.owner)))
            .or_default()
            .push(ParentDs {
                rdata: z.rdata(r).to_vec(),
                at: format!("{}:{}", src.display_path(), src.line_col(r.pos).line),
                ttl: r.ttl,
            });
    }
    Ok(out)
}

/// A `--ds` file read as zone-file text with `origin`; its first syntax error refuses it.
fn read_ds_zone(path: &Path, origin: &str) -> Result<crate::zone::Zone, DsFileError> {
    let opts = ReadOptions {
        origin: Some(origin.to_string()),
        ..ReadOptions::default()
    };
    let z = crate::zone::read_file(path, &opts).map_err(|source| DsFileError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if let Some(d) = z
        .diagnostics
        .iter()
        .find(|d| d.severity == crate::diag::Severity::Error)
    {
        let at = z
            .locate(d)
            .map(|l| format!("{}:{}:{}: ", l.file, l.start.line, l.start.col))
            .unwrap_or_default();
        return Err(DsFileError::Syntax {
            at,
            message: d.message().to_string(),
            code: d.rule.code,
        });
    }
    Ok(z)
}

/// Runs every DNSSEC check over the zone.
pub fn check(cx: &Cx, opts: &Options) -> (Vec<Diagnostic>, Stats) {
    let zone = cx.zone;
    let mut out = Vec::new();
    let keys = apex_keys(cx);
    let mut stats = Stats {
        keys: keys.len(),
        signatures: 0,
        verified: 0,
        attempts: 0,
        signed_data: 0,
        orderings: 0,
        denial: Denial::None,
    };
    if keys.is_empty() {
        out.push(
            Diagnostic::new(
                &NO_DNSKEY,
                None,
                format!("{} has no DNSKEY records at its apex", zone.origin_text()),
            )
            .with_fix("sign the zone (dnssec-signzone, ldns-signzone, kzonesign) first"),
        );
        return (out, stats);
    }
    bad_keys(cx, &keys, &mut out);
    let timing = std::env::var_os("ZONEWARDEN_TIMING").is_some();
    // The cache is written while the rest is checked; `_saving` waits for it when dropped.
    let (o, _saving) = signatures(cx, opts, &keys, timing, &mut out);
    stats.signatures = o.signatures;
    stats.verified = o.verified;
    stats.attempts = o.attempts;
    stats.signed_data = o.signed_data;
    stats.orderings = o.orderings;
    trust::check(cx, &keys, &o.dnskey_signers, opts.ds.as_deref(), &mut out);
    policy::check(cx, &keys, opts.ds.as_deref(), &mut out);
    let t1 = std::time::Instant::now();
    stats.denial = denial(cx, &keys, &mut out);
    if timing {
        eprintln!(
            "dnssec: denial of existence in {:?}, {}",
            t1.elapsed(),
            memory()
        );
    }
    (out, stats)
}

/// The DNSKEY records at the apex, parsed; none if the zone has no apex.
fn apex_keys(cx: &Cx) -> Vec<Key> {
    let zone = cx.zone;
    let apex = zone.origin_id;
    if apex == name::NO_NAME || apex as usize >= zone.names.len() {
        return Vec::new();
    }
    cx.records_of(apex)
        .iter()
        .filter(|&&i| cx.record(i).rtype == t::DNSKEY)
        .filter_map(|&i| Key::parse(i, zone.rdata(cx.record(i))))
        .collect()
}

/// The signature pass ([`verify`]) with `keys`, the apex keys: its diagnostics and the
/// findings it summarizes (expiring signatures, unknown keys, unverifiable algorithms) go
/// to `out`; the rest of its outcome is returned.
fn signatures(
    cx: &Cx,
    opts: &Options,
    keys: &[Key],
    timing: bool,
    out: &mut Vec<Diagnostic>,
) -> (verify::Outcome, Option<cache::Saving>) {
    let mut algorithms: Vec<u8> = keys
        .iter()
        .filter(|k| k.usable())
        .map(|k| k.algorithm)
        .collect();
    algorithms.sort_unstable();
    algorithms.dedup();
    let window = opts
        .expiry_warning
        .unwrap_or_else(|| soa_expire(cx).unwrap_or(0).max(MIN_EXPIRY_WINDOW));
    let setup = verify::Setup {
        keys,
        groups: verify::group_keys(keys),
        algorithms,
        now: opts.now,
        window,
        cache: None,
    };
    let t0 = std::time::Instant::now();
    let store = opts
        .cache
        .as_deref()
        .map(|dir| cache::Cache::open(dir, &cx.zone.origin_text()));
    let setup = verify::Setup {
        cache: store.as_ref(),
        ..setup
    };
    let mut o = verify::run(cx, &setup);
    let t1 = std::time::Instant::now();
    let saving = store.map(|store| store.save_behind(std::mem::take(&mut o.cache.added)));
    if timing {
        eprintln!(
            "dnssec: {} signatures ({} verifications, {} from the cache, {} signed data) in {:?}, {}{}",
            o.signatures,
            o.attempts,
            o.cache.hits,
            o.signed_data,
            t1 - t0,
            if saving.is_some() { "the cache written behind, " } else { "" },
            memory()
        );
    }
    out.append(&mut o.diagnostics);
    summarized(cx, &mut o, window, out);
    (o, saving)
}

/// The findings the signature pass counts rather than reports one by one: signatures
/// expiring within `window`, signatures by keys not in the apex set, and signatures with
/// an algorithm that cannot be verified.
fn summarized(cx: &Cx, o: &mut verify::Outcome, window: u32, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    if let Some((when, rec)) = o.earliest {
        let r = cx.record(rec);
        let covered = signed_data::Rrsig::covered(zone.rdata(r)).unwrap_or(0);
        out.push(
            Diagnostic::new(
                &SIGNATURE_EXPIRING,
                Some(cx.field_span(r, 4)),
                format!(
                    "{} signature{} expire{} within {}; the earliest, RRSIG {} at {}, at {}",
                    o.expiring,
                    if o.expiring == 1 { "" } else { "s" },
                    if o.expiring == 1 { "s" } else { "" },
                    duration_text(window),
                    crate::zone::rtype::type_to_string(covered),
                    cx.name_text(r.owner),
                    time_text(when)
                ),
            )
            .with_fix("re-sign the zone before then"),
        );
    }
    o.unknown.sort_by_key(|e| e.2);
    for ((tag, alg), n, rec) in &o.unknown {
        let r = cx.record(*rec);
        let covered = signed_data::Rrsig::covered(zone.rdata(r)).unwrap_or(0);
        let more = if *n > 1 {
            format!(" (and {} more signatures by it)", n - 1)
        } else {
            String::new()
        };
        out.push(
            Diagnostic::new(
                &UNKNOWN_SIGNING_KEY,
                Some(cx.field_span(r, 6)),
                format!(
                    "RRSIG {} at {} is by key {tag} ({}), which is not a zone key in the apex DNSKEY set{more}",
                    crate::zone::rtype::type_to_string(covered),
                    cx.name_text(r.owner),
                    algorithm_text(*alg)
                ),
            )
            .with_fix("publish the key, or re-sign with the keys the zone publishes"),
        );
    }
    o.unverifiable.sort_by_key(|e| e.2);
    // With nothing verified, the signatures were not checked at all: never a pass.
    let none_verified = o.verified == 0;
    for (alg, n, rec) in &o.unverifiable {
        let r = cx.record(*rec);
        let mut d = Diagnostic::new(
            &UNVERIFIABLE_ALGORITHM,
            Some(cx.field_span(r, 1)),
            format!(
                "{n} signature{} by {} could not be verified: the algorithm is not supported{}",
                if *n == 1 { "" } else { "s" },
                algorithm_text(*alg),
                if none_verified {
                    ", and no signature of the zone could be"
                } else {
                    ""
                }
            ),
        );
        if none_verified {
            d.severity = crate::diag::Severity::Error;
        }
        out.push(d);
    }
}

/// Denial of existence: the NSEC or the NSEC3 chain, whichever the zone has (and a finding
/// if it has both or neither).
fn denial(cx: &Cx, keys: &[Key], out: &mut Vec<Diagnostic>) -> Denial {
    let zone = cx.zone;
    let first_of = |ty: u16| zone.records.iter().position(|r| r.rtype == ty);
    let nsec = first_of(t::NSEC);
    let nsec3param = first_of(t::NSEC3PARAM);
    let nsec3 = first_of(t::NSEC3);
    if nsec.is_some() && (nsec3.is_some() || nsec3param.is_some()) {
        let at = nsec3param.or(nsec3).unwrap_or(0);
        out.push(
            Diagnostic::new(
                &NSEC_AND_NSEC3,
                Some(cx.zone.span_of(&zone.records[at])),
                "the zone has both NSEC and NSEC3 records",
            )
            .with_fix("re-sign the zone with one of the two"),
        );
    }
    if nsec3param.is_some() || (nsec.is_none() && nsec3.is_some()) {
        let s = nsec3::check(cx, out);
        Denial::Nsec3 {
            hashes: s.hashes,
            opt_out: s.opt_out,
        }
    } else if nsec.is_some() {
        let names = nsec::check(cx, out);
        Denial::Nsec { names }
    } else {
        out.push(
            Diagnostic::new(
                &NO_DENIAL_OF_EXISTENCE,
                Some(cx.zone.span_of(cx.record(keys[0].record))),
                format!(
                    "{} has DNSKEYs but neither NSEC nor NSEC3 records",
                    zone.origin_text()
                ),
            )
            .with_fix("sign the zone completely: signers add the NSEC or NSEC3 chain"),
        );
        Denial::None
    }
}

/// Resident and peak memory, for `ZONEWARDEN_TIMING` (Linux; empty elsewhere).
pub(crate) fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |k: &str| {
        status
            .lines()
            .find(|l| l.starts_with(k))
            .map(|l| l[k.len()..].trim().to_string())
            .unwrap_or_default()
    };
    format!("resident {}, peak {}", get("VmRSS:"), get("VmHWM:"))
}
