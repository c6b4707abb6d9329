//! Comparing a zone with its desired state, RRset by RRset, and printing what differs.
//!
//! Both sides become RRsets keyed by owner (lower-cased) and type. RDATA is compared in
//! canonical form (RFC 4034 §6.2), so the case of names inside it does not count; TXT and
//! SPF are compared by their text joined, as octoDNS keeps them; the SOA serial is masked
//! unless asked for. An RRset's TTL is the lowest of its records' (RFC 2181 §5.2).
//!
//! The direction is that of `diff ZONE DESIRED`: `-` lines are in the zone only, `+` lines in
//! the desired state only, so the diff reads as what publishing the desired state would do.

use super::{convert, Desired, SIGNER_TYPES};
use crate::index::canonical_rdata;
use crate::zone::name::{self, canonical_cmp};
use crate::zone::rtype::{self, t};
use crate::zone::{rdata, Zone};
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// What `diff` compares.
#[derive(Clone, Copy, Debug, Default)]
pub struct DiffOptions {
    /// Compare RRSIG, NSEC, NSEC3, NSEC3PARAM, DNSKEY, CDS, CDNSKEY and ZONEMD too.
    pub include_dnssec: bool,
    /// Compare the SOA serial (only when the desired state holds an SOA at all).
    pub include_serial: bool,
    /// The TTL of desired records without one; otherwise the zone's `$TTL`, else 3600
    /// (octoDNS's default).
    pub default_ttl: Option<u32>,
}

/// One RRset of either side: its records keyed by what is compared, with their text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RRset {
    /// Lower-cased wire form.
    pub owner: Vec<u8>,
    pub rtype: u16,
    pub ttl: u32,
    pub records: BTreeMap<Vec<u8>, String>,
}

impl RRset {
    /// The records as canonical zone-file lines.
    pub fn lines(&self) -> Vec<String> {
        let owner = name::to_text(&self.owner);
        let tname = rtype::type_to_string(self.rtype);
        self.records
            .values()
            .map(|r| format!("{owner}\t{}\tIN\t{tname}\t{r}", self.ttl))
            .collect()
    }

    fn json(&self) -> serde_json::Value {
        json!({
            "name": name::to_text(&self.owner),
            "type": rtype::type_to_string(self.rtype),
            "ttl": self.ttl,
            "rdata": self.records.values().collect::<Vec<_>>(),
        })
    }
}

/// How one RRset differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// In the desired state, not in the zone.
    Added,
    /// In the zone, not in the desired state.
    Removed,
    /// The same records with another TTL.
    Ttl,
    /// Other records (and perhaps another TTL too).
    Values,
}

#[derive(Clone, Debug)]
pub struct Change {
    pub kind: ChangeKind,
    pub zone: Option<RRset>,
    pub desired: Option<RRset>,
}

impl Change {
    fn any(&self) -> &RRset {
        self.zone
            .as_ref()
            .or(self.desired.as_ref())
            .expect("one side")
    }
}

/// The outcome of a comparison.
#[derive(Clone, Debug, Default)]
pub struct Drift {
    /// In canonical order of owner, the SOA first, then types by number.
    pub changes: Vec<Change>,
    /// RRsets on either side.
    pub compared: usize,
    /// What was left out and why.
    pub notes: Vec<String>,
}

impl Drift {
    pub fn count(&self, k: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.kind == k).count()
    }

    /// `+added -removed ~changed`.
    pub fn summary(&self) -> String {
        let changed = self.count(ChangeKind::Ttl) + self.count(ChangeKind::Values);
        format!(
            "+{} -{} ~{}",
            self.count(ChangeKind::Added),
            self.count(ChangeKind::Removed),
            changed
        )
    }
}

/// One RRset of a zone as read: owner, type, lowest TTL, and canonical RDATA without
/// duplicates.
#[derive(Clone, Debug)]
pub struct Group {
    pub owner: Vec<u8>,
    pub rtype: u16,
    pub ttl: u32,
    pub rdata: Vec<Vec<u8>>,
}

/// A zone's RRsets in canonical order, leaving out the signer's types unless
/// `include_dnssec`, the SOA unless `with_soa`, and what octoDNS's layout cannot hold
/// (records outside the origin or of another class than IN), which `notes` tells.
pub fn zone_groups(
    zone: &Zone,
    include_dnssec: bool,
    with_soa: bool,
    notes: &mut Vec<String>,
) -> Vec<Group> {
    let mut map: HashMap<(&[u8], u16), Group> = HashMap::new();
    let (mut outside, mut other_class) = (0usize, 0usize);
    for r in &zone.records {
        if (!include_dnssec && SIGNER_TYPES.contains(&r.rtype)) || (!with_soa && r.rtype == t::SOA)
        {
            continue;
        }
        let owner = zone.owner_wire(r);
        if !name::is_subdomain(owner, &zone.origin) {
            outside += 1;
            continue;
        }
        if zone.class != rtype::CLASS_IN {
            other_class += 1;
            continue;
        }
        let g = map.entry((owner, r.rtype)).or_insert_with(|| Group {
            owner: name::to_lowercase(owner),
            rtype: r.rtype,
            ttl: r.ttl,
            rdata: Vec::new(),
        });
        g.ttl = g.ttl.min(r.ttl);
        let c = canonical_rdata(r.rtype, zone.rdata(r)).into_owned();
        if !g.rdata.contains(&c) {
            g.rdata.push(c);
        }
    }
    if outside > 0 {
        notes.push(format!(
            "{outside} record{} outside the zone's origin left out",
            plural(outside)
        ));
    }
    if other_class > 0 {
        notes.push(format!(
            "{other_class} record{} of a class other than IN left out (octoDNS's layout is for IN)",
            plural(other_class)
        ));
    }
    let mut groups: Vec<Group> = map.into_values().collect();
    groups.sort_by(|a, b| order(&a.owner, a.rtype, &b.owner, b.rtype));
    groups
}

fn order(ao: &[u8], at: u16, bo: &[u8], bt: u16) -> std::cmp::Ordering {
    canonical_cmp(ao, bo)
        .then((at != t::SOA).cmp(&(bt != t::SOA)))
        .then(at.cmp(&bt))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The zone's first `$TTL`, if it has one.
pub fn zone_default_ttl(zone: &Zone) -> Option<u32> {
    let text = zone.sources.first()?.text();
    text.split(|&b| b == b'\n').find_map(|line| {
        let mut words = line
            .split(|b| b.is_ascii_whitespace())
            .filter(|w| !w.is_empty());
        let first = words.next()?;
        if !first.eq_ignore_ascii_case(b"$TTL") {
            return None;
        }
        rdata::parse_ttl(words.next()?)
    })
}

/// What is compared of one record: canonical RDATA, TXT and SPF joined, the SOA serial
/// masked unless `serial`.
fn compare_key(rtype: u16, data: &[u8], serial: bool) -> Vec<u8> {
    let canon = canonical_rdata(rtype, data);
    match rtype {
        t::TXT | 99 => convert::chunked_text(&canon).unwrap_or_else(|| canon.into_owned()),
        t::SOA if !serial => {
            let mut v = canon.into_owned();
            // The serial follows MNAME and RNAME (RFC 1035 §3.3.13).
            if let Some(soa) = crate::zone::view::Soa::parse(&v) {
                let at = soa.mname.len() + soa.rname.len();
                v[at..at + 4].fill(0);
            }
            v
        }
        _ => canon.into_owned(),
    }
}

fn display(rtype: u16, data: &[u8]) -> String {
    let mut s = String::new();
    rdata::write_text(rtype, &canonical_rdata(rtype, data), &mut s);
    s
}

/// Compares a zone with its desired state.
pub fn compare(zone: &Zone, desired: &Desired, opts: &DiffOptions) -> Drift {
    let mut drift = Drift::default();
    let with_soa = desired.records.iter().any(|r| r.rtype == t::SOA);
    let default_ttl = opts
        .default_ttl
        .or_else(|| zone_default_ttl(zone))
        .unwrap_or(3600);
    let mut zone_sets: HashMap<(Vec<u8>, u16), RRset> = HashMap::new();
    for g in zone_groups(zone, opts.include_dnssec, with_soa, &mut drift.notes) {
        let records = g
            .rdata
            .iter()
            .map(|d| {
                (
                    compare_key(g.rtype, d, opts.include_serial),
                    display(g.rtype, d),
                )
            })
            .collect();
        zone_sets.insert(
            (g.owner.clone(), g.rtype),
            RRset {
                owner: g.owner,
                rtype: g.rtype,
                ttl: g.ttl,
                records,
            },
        );
    }
    let mut desired_sets: HashMap<(Vec<u8>, u16), RRset> = HashMap::new();
    let mut signer = 0usize;
    for r in &desired.records {
        if !opts.include_dnssec && SIGNER_TYPES.contains(&r.rtype) {
            signer += 1;
            continue;
        }
        let records = r
            .rdata
            .iter()
            .map(|d| {
                (
                    compare_key(r.rtype, d, opts.include_serial),
                    display(r.rtype, d),
                )
            })
            .collect();
        desired_sets.insert(
            (r.owner.clone(), r.rtype),
            RRset {
                owner: r.owner.clone(),
                rtype: r.rtype,
                ttl: r.ttl.unwrap_or(default_ttl),
                records,
            },
        );
    }
    if signer > 0 {
        drift.notes.push(format!(
            "{signer} signer RRset{} of the desired state left out (--include-dnssec compares them)",
            plural(signer)
        ));
    }
    for (name, typ) in &desired.skipped {
        drift.notes.push(format!(
            "{typ} record at `{name}` has no zone-file form; not compared"
        ));
    }
    let mut keys: Vec<(Vec<u8>, u16)> = zone_sets.keys().cloned().collect();
    keys.extend(
        desired_sets
            .keys()
            .filter(|k| !zone_sets.contains_key(*k))
            .cloned(),
    );
    keys.sort_by(|a, b| order(&a.0, a.1, &b.0, b.1));
    drift.compared = keys.len();
    for k in keys {
        let z = zone_sets.remove(&k);
        let d = desired_sets.remove(&k);
        let kind = match (&z, &d) {
            (Some(z), Some(d)) => {
                let same_records = z.records.keys().eq(d.records.keys());
                match (same_records, z.ttl == d.ttl) {
                    (true, true) => continue,
                    (true, false) => ChangeKind::Ttl,
                    (false, _) => ChangeKind::Values,
                }
            }
            (Some(_), None) => ChangeKind::Removed,
            (None, Some(_)) => ChangeKind::Added,
            (None, None) => continue,
        };
        drift.changes.push(Change {
            kind,
            zone: z,
            desired: d,
        });
    }
    drift
}

/// What a hunk header says about a change.
fn describe(c: &Change) -> String {
    match c.kind {
        ChangeKind::Added => "missing from the zone".into(),
        ChangeKind::Removed => "not in the desired state".into(),
        ChangeKind::Ttl | ChangeKind::Values => {
            // A TTL or value change has both sides; the words need both.
            let (Some(z), Some(d)) = (&c.zone, &c.desired) else {
                return "values differ".into();
            };
            let ttl = format!("TTL {} in the zone, {} desired", z.ttl, d.ttl);
            match (c.kind, z.ttl == d.ttl) {
                (ChangeKind::Ttl, _) => format!("{ttl} (TTL only)"),
                (_, true) => "values differ".into(),
                _ => format!("values differ, {ttl}"),
            }
        }
    }
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The unified diff, one hunk per RRset that differs, and the summary line.
pub fn render_human(drift: &Drift, zone_label: &str, desired_label: &str, color: bool) -> String {
    let paint = |s: &str, c: &str| {
        if color {
            format!("{c}{s}{RESET}")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    for n in &drift.notes {
        let _ = writeln!(out, "note: {n}");
    }
    if !drift.changes.is_empty() {
        let _ = writeln!(out, "{}", paint(&format!("--- {zone_label} (zone)"), BOLD));
        let _ = writeln!(
            out,
            "{}",
            paint(&format!("+++ {desired_label} (desired)"), BOLD)
        );
    }
    for c in &drift.changes {
        let r = c.any();
        let header = format!(
            "@@ {} {}: {} @@",
            name::to_text(&r.owner),
            rtype::type_to_string(r.rtype),
            describe(c)
        );
        let _ = writeln!(out, "{}", paint(&header, CYAN));
        let old = c
            .zone
            .as_ref()
            .map(RRset::lines)
            .unwrap_or_default()
            .join("\n");
        let new = c
            .desired
            .as_ref()
            .map(RRset::lines)
            .unwrap_or_default()
            .join("\n");
        let (old, new) = (old + "\n", new + "\n");
        let diff = similar::TextDiff::from_lines(
            if c.zone.is_some() { old.as_str() } else { "" },
            if c.desired.is_some() {
                new.as_str()
            } else {
                ""
            },
        );
        for ch in diff.iter_all_changes() {
            let line = crate::diag::escape_controls(ch.value().trim_end_matches('\n'));
            match ch.tag() {
                similar::ChangeTag::Delete => {
                    let _ = writeln!(out, "{}", paint(&format!("-{line}"), RED));
                }
                similar::ChangeTag::Insert => {
                    let _ = writeln!(out, "{}", paint(&format!("+{line}"), GREEN));
                }
                similar::ChangeTag::Equal => {
                    let _ = writeln!(out, " {line}");
                }
            }
        }
    }
    if drift.changes.is_empty() {
        let _ = writeln!(
            out,
            "{zone_label}: no drift from {desired_label} ({} RRset{} compared)",
            drift.compared,
            plural(drift.compared)
        );
    } else {
        let ttl = drift.count(ChangeKind::Ttl);
        let ttl_note = if ttl > 0 {
            format!(" ({ttl} in TTL only)")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{}: {} RRset{} missing from the zone, {} not in the desired state, {} changed{ttl_note}; {} compared",
            paint(&drift.summary(), BOLD),
            drift.count(ChangeKind::Added),
            plural(drift.count(ChangeKind::Added)),
            drift.count(ChangeKind::Removed),
            drift.count(ChangeKind::Ttl) + drift.count(ChangeKind::Values),
            drift.compared
        );
    }
    out
}

/// The JSON report: added (desired only), removed (zone only) and changed RRsets.
pub fn render_json(
    drift: &Drift,
    zone_label: &str,
    desired_label: &str,
    origin: &str,
) -> serde_json::Value {
    let side = |k: ChangeKind| -> Vec<serde_json::Value> {
        drift
            .changes
            .iter()
            .filter(|c| c.kind == k)
            .map(|c| c.any().json())
            .collect()
    };
    let changed: Vec<serde_json::Value> = drift
        .changes
        .iter()
        .filter(|c| matches!(c.kind, ChangeKind::Ttl | ChangeKind::Values))
        .map(|c| {
            let r = c.any();
            json!({
                "name": name::to_text(&r.owner),
                "type": rtype::type_to_string(r.rtype),
                "ttl_only": c.kind == ChangeKind::Ttl,
                "zone": c.zone.as_ref().map(RRset::json),
                "desired": c.desired.as_ref().map(RRset::json),
            })
        })
        .collect();
    json!({
        "zone": zone_label,
        "desired": desired_label,
        "origin": origin,
        "drift": !drift.changes.is_empty(),
        "summary": {
            "added": drift.count(ChangeKind::Added),
            "removed": drift.count(ChangeKind::Removed),
            "changed": changed.len(),
            "compared": drift.compared,
        },
        "added": side(ChangeKind::Added),
        "removed": side(ChangeKind::Removed),
        "changed": changed,
        "notes": drift.notes,
    })
}
