//! The NSEC3 chain (RFC 5155 §7.1): every name's hash under the zone's parameters owns an
//! NSEC3, the hashes form one closed chain, each bitmap lists the types at the name it
//! hashes, opt-out leaves out insecure delegations only, and NSEC3PARAM agrees.

use super::buckets::Buckets;
use super::nsec::{bitmap_difference, is_nsec3_only, type_list, types_at};
use crate::diag::Diagnostic;
use crate::index::{flags, Cx};
use crate::rules::dnssec::*;
use crate::zone::name::{self, NameId, NO_NAME};
use crate::zone::rdata::decode_bitmap;
use crate::zone::rtype::t;
use crate::zone::Zone;
use hickory_proto::dnssec::crypto::Digest;
use hickory_proto::dnssec::DigestType;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// NSEC3 parameters: hash algorithm, iterations, salt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    pub algorithm: u8,
    pub iterations: u16,
    pub salt: Vec<u8>,
}

impl Params {
    fn text(&self) -> String {
        let salt = if self.salt.is_empty() {
            "-".to_string()
        } else {
            data_encoding::HEXLOWER.encode(&self.salt)
        };
        format!("{} {} {salt}", self.algorithm, self.iterations)
    }
}

/// One NSEC3 record: its owner's hash, its flags and where it is. Kept small (a zone has one
/// per name); the other fields are read from the RDATA when needed ([`Fields`]).
#[derive(Clone, Copy)]
struct Nsec3 {
    record: u32,
    hash: [u8; 20],
    flags: u8,
}

impl Nsec3 {
    fn fields<'z>(&self, zone: &'z Zone) -> Option<Fields<'z>> {
        Fields::parse(zone.rdata(&zone.records[self.record as usize]))
    }
}

/// The fields of NSEC3 RDATA (RFC 5155 §3.2).
struct Fields<'a> {
    algorithm: u8,
    iterations: u16,
    salt: &'a [u8],
    next: &'a [u8],
    bitmap: &'a [u8],
}

impl<'a> Fields<'a> {
    fn parse(d: &'a [u8]) -> Option<Fields<'a>> {
        let n = crate::zone::view::Nsec3::parse(d)?;
        Some(Fields {
            algorithm: n.hash_algorithm,
            iterations: n.iterations,
            salt: n.salt,
            next: n.next_hashed,
            bitmap: n.types,
        })
    }

    fn same_params(&self, p: &Params) -> bool {
        self.algorithm == p.algorithm && self.iterations == p.iterations && self.salt == p.salt
    }

    fn params(&self) -> Params {
        Params {
            algorithm: self.algorithm,
            iterations: self.iterations,
            salt: self.salt.to_vec(),
        }
    }
}

/// NSEC3PARAM's fields: algorithm, flags, the parameters, and where the fixed part ends.
fn parse_params(d: &[u8]) -> Option<(u8, u8, Params, usize)> {
    let p = crate::zone::view::Nsec3Param::parse(d)?;
    Some((
        p.hash_algorithm,
        p.flags,
        Params {
            algorithm: p.hash_algorithm,
            iterations: p.iterations,
            salt: p.salt.to_vec(),
        },
        5 + p.salt.len(),
    ))
}

/// The NSEC3 hash of a lower-case wire name (RFC 5155 §5).
pub fn hash(owner_lower: &[u8], p: &Params) -> [u8; 20] {
    let mut out = [0u8; 20];
    if let Ok(d) = Digest::iterated(&p.salt, owner_lower, DigestType::SHA1, p.iterations) {
        out.copy_from_slice(&d.as_ref()[..20]);
    }
    out
}

/// What the NSEC3 pass counted.
pub struct Summary {
    pub hashes: usize,
    pub opt_out: bool,
}

/// Checks the NSEC3 chain and NSEC3PARAM.
pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) -> Summary {
    let zone = cx.zone;
    let named = nsec3param(cx, out);
    let param_rec = named.first().map(|n| n.0);
    let mut recs = nsec3_records(cx, out);
    let Some(params) = chain_params(cx, &recs, &named, out) else {
        return Summary {
            hashes: 0,
            opt_out: false,
        };
    };
    // RFC 9276 §3.1.
    let at = param_rec
        .or(recs.first().map(|n| n.record))
        .map(|i| zone.records[i as usize]);
    if params.iterations > 0 {
        out.push(
            Diagnostic::new(
                &NSEC3_ITERATIONS,
                at.map(|r| cx.field_span(&r, 2)),
                format!(
                    "NSEC3 uses {} additional iterations; RFC 9276 asks for 0",
                    params.iterations
                ),
            )
            .with_fix("re-sign with 0 iterations (dnssec-signzone -H 0, ldns-signzone -t 0)"),
        );
    }
    if !params.salt.is_empty() {
        out.push(
            Diagnostic::new(
                &NSEC3_SALT,
                at.map(|r| cx.field_span(&r, 3)),
                format!(
                    "NSEC3 uses a {}-octet salt; RFC 9276 asks for none",
                    params.salt.len()
                ),
            )
            .with_fix("re-sign with an empty salt (`-`)"),
        );
    }
    if param_rec.is_some() && recs.is_empty() {
        out.push(Diagnostic::new(
            &NSEC3PARAM,
            at.map(|r| cx.zone.span_of(&r)),
            "NSEC3PARAM at the apex, but the zone has no NSEC3 records",
        ));
        return Summary {
            hashes: 0,
            opt_out: false,
        };
    }
    if params.algorithm != 1 {
        return Summary {
            hashes: recs.len(),
            opt_out: false,
        };
    }
    let more = other_chains(cx, &mut recs, &params, &named, out);
    let summary = check_chain(cx, recs, params, out);
    for (p, recs) in more {
        check_chain(cx, recs, p, out);
    }
    summary
}

/// Checks one chain: the NSEC3 records `recs` of one parameter set `params` against the
/// names of the zone, and their links.
fn check_chain(
    cx: &Cx,
    mut recs: Vec<Nsec3>,
    params: Params,
    out: &mut Vec<Diagnostic>,
) -> Summary {
    let opt_out = recs.iter().any(|n| n.flags & 1 != 0);
    recs.sort_unstable_by_key(|a| a.hash);
    let chain = Chain {
        cx,
        need: needed(cx, opt_out),
        matched: (0..recs.len()).map(|_| AtomicBool::new(false)).collect(),
        buckets: Buckets::new(&recs, 0, |r| &r.hash[..]),
        recs,
        params,
    };
    out.extend(chain.names());
    chain.links(out);
    Summary {
        hashes: chain.recs.len(),
        opt_out,
    }
}

/// The NSEC3PARAM records: each must be at the apex with flags 0 and hash algorithm 1.
/// Returns each distinct parameter set they name, with its first record, in zone order:
/// several name several valid chains (RFC 5155 §7.3).
fn nsec3param(cx: &Cx, out: &mut Vec<Diagnostic>) -> Vec<(u32, Params)> {
    let zone = cx.zone;
    let apex = zone.origin_id;
    let mut named: Vec<(u32, Params)> = Vec::new();
    for (i, r) in zone.records.iter().enumerate() {
        if r.rtype != t::NSEC3PARAM {
            continue;
        }
        if r.owner != apex {
            out.push(Diagnostic::new(
                &NSEC3PARAM,
                Some(cx.zone.span_of(r)),
                format!(
                    "NSEC3PARAM at {}, not at the apex {}",
                    cx.name_text(r.owner),
                    zone.origin_text()
                ),
            ));
            continue;
        }
        let Some((alg, fl, p, _)) = parse_params(zone.rdata(r)) else {
            continue;
        };
        if fl != 0 {
            out.push(Diagnostic::new(
                &NSEC3PARAM,
                Some(cx.field_span(r, 1)),
                format!("NSEC3PARAM has flags {fl}; it must be 0 (RFC 5155 §4.1.2)"),
            ));
        }
        if alg != 1 {
            out.push(Diagnostic::new(
                &NSEC3PARAM,
                Some(cx.field_span(r, 0)),
                format!("NSEC3PARAM has hash algorithm {alg}; only 1 (SHA-1) is defined"),
            ));
        }
        if !named.iter().any(|n| n.1 == p) {
            named.push((i as u32, p));
        }
    }
    named
}

/// For a zone that is not signed: each NSEC3 owner must still be one base32hex label (no
/// padding, RFC 4648 §7, RFC 5155 §3.3) below the apex, of 20 octets for SHA-1. BIND refuses
/// other owners (`bad-nsec3owner-padded.db`); the chain itself is checked once the zone is
/// signed.
pub fn check_owners(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for r in zone.records.iter().filter(|r| r.rtype == t::NSEC3) {
        let owner = zone.names.wire(r.owner);
        let label = name::labels(owner).next().unwrap_or(&[]);
        let hash = data_encoding::BASE32HEX_NOPAD
            .decode(&label.to_ascii_uppercase())
            .ok();
        let sha1 = Fields::parse(zone.rdata(r)).is_some_and(|f| f.algorithm == 1);
        let fits = hash.is_some_and(|h| !h.is_empty() && (!sha1 || h.len() == 20));
        if !fits || zone.names.get(r.owner).parent() != zone.origin_id {
            out.push(Diagnostic::new(
                &NSEC3_CHAIN,
                Some(cx.zone.span_of(r)),
                format!(
                    "NSEC3 owner {} is not one base32hex hash label below the apex",
                    cx.name_text(r.owner)
                ),
            ));
        }
    }
}

/// The NSEC3 records whose owner is one hash label below the apex and whose RDATA parses,
/// in zone order; reports the other owners.
fn nsec3_records(cx: &Cx, out: &mut Vec<Diagnostic>) -> Vec<Nsec3> {
    let zone = cx.zone;
    let apex = zone.origin_id;
    let mut recs: Vec<Nsec3> = Vec::new();
    for (i, r) in zone.records.iter().enumerate() {
        if r.rtype != t::NSEC3 {
            continue;
        }
        let owner = zone.names.wire(r.owner);
        let label = name::labels(owner).next().unwrap_or(&[]);
        let hash = data_encoding::BASE32HEX_NOPAD
            .decode(&label.to_ascii_uppercase())
            .ok()
            .and_then(|h| <[u8; 20]>::try_from(h).ok());
        let Some(hash) = hash.filter(|_| zone.names.get(r.owner).parent() == apex) else {
            out.push(Diagnostic::new(
                &NSEC3_CHAIN,
                Some(cx.zone.span_of(r)),
                format!(
                    "NSEC3 owner {} is not one base32hex SHA-1 hash label below the apex",
                    cx.name_text(r.owner)
                ),
            ));
            continue;
        };
        let d = zone.rdata(r);
        if Fields::parse(d).is_none() {
            continue;
        }
        recs.push(Nsec3 {
            record: i as u32,
            hash,
            flags: d[1],
        });
    }
    recs
}

/// The parameters of the active chain, or `None` if the zone has neither NSEC3PARAM nor
/// NSEC3 records. Reports the absence of NSEC3PARAM.
fn chain_params(
    cx: &Cx,
    recs: &[Nsec3],
    named: &[(u32, Params)],
    out: &mut Vec<Diagnostic>,
) -> Option<Params> {
    let zone = cx.zone;
    let param_rec = named.first().map(|n| n.0);
    // The active chain (RFC 5155 §7.1-§7.3): the one NSEC3PARAM names, when NSEC3 records
    // use its parameters; without NSEC3PARAM, the one that holds the apex's hash; failing
    // both, the parameters most NSEC3 records use. Other chains are [`other_chains`]'.
    let mut counts: Vec<(Params, usize)> = Vec::new();
    for f in recs.iter().filter_map(|n| n.fields(zone)) {
        match counts.iter_mut().find(|c| f.same_params(&c.0)) {
            Some(c) => c.1 += 1,
            None => counts.push((f.params(), 1)),
        }
    }
    let used = named
        .iter()
        .map(|n| &n.1)
        .find(|p| counts.iter().any(|c| &c.0 == *p))
        .cloned();
    let params = named.first().map(|n| n.1.clone());
    let chain_params = used
        .or_else(|| holding_apex(cx, recs, &counts))
        .or_else(|| counts.into_iter().max_by_key(|c| c.1).map(|c| c.0));
    match (chain_params.or(params), recs.first()) {
        (Some(p), Some(_)) if param_rec.is_some() => Some(p),
        (Some(p), None) => Some(p),
        (p, Some(n)) => {
            out.push(
                Diagnostic::new(
                    &NSEC3PARAM,
                    Some(cx.zone.span_of(&zone.records[n.record as usize])),
                    "the zone has NSEC3 records but no NSEC3PARAM at the apex",
                )
                .with_fix(
                    "add the NSEC3PARAM the zone was signed with (signers add it themselves)",
                ),
            );
            Some(
                p.or_else(|| n.fields(zone).map(|f| f.params()))
                    .unwrap_or(Params {
                        algorithm: 1,
                        iterations: 0,
                        salt: Vec::new(),
                    }),
            )
        }
        (None, None) => None,
    }
}

/// The most parameter sets tried for the one holding the apex's hash: each costs a hash
/// of up to 65,536 iterations, and a zone with more chains than this has other problems.
const MAX_CHAINS_TRIED: usize = 16;

/// The parameters, of those the NSEC3 records use (`counts`), under which the apex's hash
/// owns an NSEC3 record: the chain that covers the apex.
fn holding_apex(cx: &Cx, recs: &[Nsec3], counts: &[(Params, usize)]) -> Option<Params> {
    let zone = cx.zone;
    let apex = zone.names.wire(zone.origin_id);
    counts
        .iter()
        .filter(|c| c.0.algorithm == 1)
        .take(MAX_CHAINS_TRIED)
        .find(|c| {
            let h = hash(apex, &c.0);
            recs.iter()
                .any(|n| n.hash == h && n.fields(zone).is_some_and(|f| f.same_params(&c.0)))
        })
        .map(|c| c.0.clone())
}

/// Takes the NSEC3 records whose parameters are not the active chain's out of `recs`.
/// Returns those of the other chains an NSEC3PARAM names (`named`), which are checked as
/// chains too (RFC 5155 §7.3: each is valid); reports the records of each parameter set no
/// NSEC3PARAM names once (ZW2308), never as breaks in the active chain, and each
/// NSEC3PARAM whose parameters no NSEC3 record uses (ZW2304).
fn other_chains(
    cx: &Cx,
    recs: &mut Vec<Nsec3>,
    params: &Params,
    named: &[(u32, Params)],
    out: &mut Vec<Diagnostic>,
) -> Vec<(Params, Vec<Nsec3>)> {
    let zone = cx.zone;
    // In place: a second vector of the active chain would double its memory at the peak.
    let mut others: Vec<Nsec3> = Vec::new();
    recs.retain(|n| {
        let theirs = n.fields(zone).is_some_and(|f| !f.same_params(params));
        if theirs {
            others.push(*n);
        }
        !theirs
    });
    // Group the others by parameters, each group in zone order.
    let key = |n: &Nsec3| {
        n.fields(zone)
            .map(|f| f.params().text())
            .unwrap_or_default()
    };
    others.sort_by_cached_key(|n| (key(n), n.record));
    let mut more: Vec<(Params, Vec<Nsec3>)> = Vec::new();
    for (rec, p) in named.iter().filter(|n| &n.1 != params) {
        let (theirs, rest): (Vec<Nsec3>, Vec<Nsec3>) = std::mem::take(&mut others)
            .into_iter()
            .partition(|n| n.fields(zone).is_some_and(|f| f.same_params(p)));
        others = rest;
        if theirs.is_empty() {
            let r = &zone.records[*rec as usize];
            out.push(
                Diagnostic::new(
                    &NSEC3PARAM,
                    Some(cx.zone.span_of(r)),
                    format!(
                        "NSEC3PARAM has parameters {}, but no NSEC3 record uses them (the chain's are {})",
                        p.text(),
                        params.text()
                    ),
                )
                .with_fix("publish the NSEC3PARAM the chain was made with, or re-sign"),
            );
        } else if p.algorithm == 1 {
            more.push((p.clone(), theirs));
        }
    }
    for group in others.chunk_by(|a, b| key(a) == key(b)) {
        let first = &zone.records[group[0].record as usize];
        let theirs = key(&group[0]);
        let n = group.len();
        let plural = |one: &'static str, many: &'static str| if n == 1 { one } else { many };
        out.push(
            Diagnostic::new(
                &NSEC3_EXTRA_CHAIN,
                Some(cx.zone.span_of(first)),
                format!(
                    "{n} NSEC3 record{} with parameters {theirs} belong{} to another chain than the active one ({}); servers answer from the active chain only",
                    plural("", "s"),
                    plural("s", ""),
                    params.text()
                ),
            )
            .with_fix("remove the other chain's records once the change of parameters is complete"),
        );
    }
    more
}

/// The names that need an NSEC3, and those that may go without under opt-out: for each
/// name, 0 no, 1 optional, 2 mandatory.
fn needed(cx: &Cx, opt_out: bool) -> Vec<u8> {
    let zone = cx.zone;
    let n = zone.names.len();
    let mut need = vec![0u8; n];
    for id in 0..n as NameId {
        if !cx.is_authoritative(id) || is_nsec3_only(cx, id) {
            continue;
        }
        let recs_here = cx.records_of(id);
        // An empty non-terminal is mandatory if something mandatory lies below it (decided
        // below); an insecure delegation under opt-out may go without.
        let optional =
            recs_here.is_empty() || (opt_out && cx.has(id, flags::CUT) && !cx.has(id, flags::DS));
        need[id as usize] = if optional { 1 } else { 2 };
    }
    // Children have larger ids than their parents: one backward pass lifts empty
    // non-terminals above mandatory names to mandatory. Whether a mandatory name lies below
    // is a bit of the same byte, cleared as the pass leaves each name.
    const BELOW: u8 = 4;
    for id in (0..n).rev() {
        let below = need[id] & BELOW != 0;
        need[id] &= !BELOW;
        let m = need[id] == 2 || (below && need[id] == 1 && cx.records_of(id as NameId).is_empty());
        if m {
            need[id] = 2;
        }
        if m || below {
            let p = zone.names.get(id as NameId).parent();
            if p != NO_NAME {
                need[p as usize] |= BELOW;
            }
        }
    }
    if !opt_out {
        for v in need.iter_mut().filter(|v| **v == 1) {
            *v = 2;
        }
    }
    need
}

/// As `binary_search` over `recs` (sorted by hash) for `h`, through their buckets: on a TLD's
/// chain a binary search took about twenty cache misses, and the check grew faster than the
/// zone.
fn find(recs: &[Nsec3], buckets: &Buckets, h: &[u8; 20]) -> Result<usize, usize> {
    let range = buckets.range(h);
    let k = range.start + recs[range].partition_point(|x| x.hash < *h);
    match recs.get(k) {
        Some(x) if x.hash == *h => Ok(k),
        _ => Err(k),
    }
}

/// The chain, sorted by hash, and what checking the names against it needs.
struct Chain<'a> {
    cx: &'a Cx<'a>,
    recs: Vec<Nsec3>,
    /// `recs` by the first bits of the hash.
    buckets: Buckets,
    params: Params,
    /// For each name, whether it needs an NSEC3 ([`needed`]).
    need: Vec<u8>,
    /// For each NSEC3 of `recs`, whether some name hashes to it.
    matched: Vec<AtomicBool>,
}

impl Chain<'_> {
    /// As `binary_search` over `recs` by hash: `Ok` with the record of this hash, or `Err`
    /// with where it would go.
    fn find(&self, h: &[u8; 20]) -> Result<usize, usize> {
        find(&self.recs, &self.buckets, h)
    }

    /// Each name against the chain, hashed on the fly (no table of hashes is kept).
    fn names(&self) -> Vec<Diagnostic> {
        let n = self.cx.zone.names.len();
        (0..n as NameId)
            .into_par_iter()
            .with_min_len(1024)
            .filter(|&id| self.need[id as usize] != 0)
            .fold(Vec::new, |mut acc, id| {
                self.name(id, &mut acc);
                acc
            })
            .reduce(Vec::new, |mut a, mut b| {
                a.append(&mut b);
                a
            })
    }

    /// One name: its NSEC3 lists the types at it; without one, it must be optional and the
    /// NSEC3 covering its hash must have opt-out.
    fn name(&self, id: NameId, acc: &mut Vec<Diagnostic>) {
        let cx = self.cx;
        let zone = cx.zone;
        let recs = &self.recs;
        let h = hash(zone.names.wire(id), &self.params);
        match self.find(&h) {
            Ok(k) => {
                self.matched[k].store(true, Ordering::Relaxed);
                let nr = &recs[k];
                let r = &zone.records[nr.record as usize];
                let Some(listed) = nr.fields(zone).and_then(|f| decode_bitmap(f.bitmap)) else {
                    return;
                };
                let expected = types_at(cx, id);
                if let Some(diff) = bitmap_difference(&listed, &expected) {
                    acc.push(
                        Diagnostic::new(
                            &NSEC3_BITMAP,
                            Some(cx.field_span(r, 5)),
                            format!(
                                "NSEC3 for {} lists {}, but the name has {} ({diff})",
                                cx.name_text(id),
                                type_list(&listed),
                                type_list(&expected)
                            ),
                        )
                        .with_fix("re-sign the zone"),
                    );
                }
            }
            Err(pos) => {
                let span = cx
                    .records_of(id)
                    .first()
                    .map(|&i| self.cx.zone.span_of(cx.record(i)));
                let hash_text = data_encoding::BASE32HEX_NOPAD
                    .encode(&h)
                    .to_ascii_lowercase();
                if self.need[id as usize] == 2 {
                    acc.push(
                        Diagnostic::new(
                            &NSEC3_MISSING,
                            span,
                            format!(
                                "{} has no NSEC3 record (its hash is {hash_text})",
                                cx.name_text(id)
                            ),
                        )
                        .with_fix("re-sign the zone after editing it"),
                    );
                } else if !recs.is_empty() {
                    // Optional: the NSEC3 whose span covers the hash must have opt-out.
                    let cover = &recs[(pos + recs.len() - 1) % recs.len()];
                    if cover.flags & 1 == 0 {
                        let cr = &zone.records[cover.record as usize];
                        let what = if span.is_some() {
                            "insecure delegation"
                        } else {
                            "empty non-terminal"
                        };
                        acc.push(Diagnostic::new(
                                &NSEC3_OPT_OUT,
                                span,
                                format!(
                                    "{what} {} has no NSEC3, and the NSEC3 covering its hash ({}) has no opt-out flag",
                                    cx.name_text(id),
                                    cx.name_text(cr.owner)
                                ),
                            ).with_fix("re-sign the zone (with opt-out, or with an NSEC3 for every delegation)"));
                    }
                }
            }
        }
    }

    /// NSEC3 records that hash no name (known once [`Chain::names`] has run), and the links
    /// of the chain.
    fn links(&self, out: &mut Vec<Diagnostic>) {
        let cx = self.cx;
        let zone = cx.zone;
        let recs = &self.recs;
        for (k, nr) in recs.iter().enumerate() {
            let r = &zone.records[nr.record as usize];
            if k > 0 && recs[k - 1].hash == nr.hash {
                out.push(Diagnostic::new(
                    &NSEC3_CHAIN,
                    Some(self.cx.zone.span_of(r)),
                    format!("more than one NSEC3 record at {}", cx.name_text(r.owner)),
                ));
                continue;
            }
            if !self.matched[k].load(Ordering::Relaxed) {
                out.push(
                    Diagnostic::new(
                        &NSEC3_CHAIN,
                        Some(self.cx.zone.span_of(r)),
                        format!(
                            "NSEC3 at {} is the hash of no name in the zone",
                            cx.name_text(r.owner)
                        ),
                    )
                    .with_fix("remove it and re-sign the zone"),
                );
            }
            let mut j = (k + 1) % recs.len();
            while j != k && recs[j].hash == nr.hash {
                j = (j + 1) % recs.len();
            }
            let want = &recs[j].hash;
            let Some(next) = nr.fields(zone).map(|f| f.next) else {
                continue;
            };
            if next != want.as_slice() {
                let enc = |h: &[u8]| {
                    data_encoding::BASE32HEX_NOPAD
                        .encode(h)
                        .to_ascii_lowercase()
                };
                out.push(
                    Diagnostic::new(
                        &NSEC3_CHAIN,
                        Some(cx.field_span(r, 4)),
                        format!(
                            "NSEC3 at {} points to {}, but the next hash in the zone is {}",
                            cx.name_text(r.owner),
                            enc(next),
                            enc(want)
                        ),
                    )
                    .with_fix("re-sign the zone"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_find_what_a_binary_search_finds() {
        let params = Params {
            algorithm: 1,
            iterations: 0,
            salt: Vec::new(),
        };
        let h = |i: u32| hash(&i.to_be_bytes(), &params);
        for n in [0u32, 1, 2, 3, 17, 1000, 5000] {
            let mut recs: Vec<Nsec3> = (0..n)
                .map(|i| Nsec3 {
                    record: i,
                    hash: h(2 * i),
                    flags: 0,
                })
                .collect();
            recs.sort_unstable_by_key(|a| a.hash);
            let buckets = Buckets::new(&recs, 0, |r| &r.hash[..]);
            // Every hash in the chain, and as many not in it, and the ends of the space.
            let probes = (0..2 * n + 2).map(h).chain([[0; 20], [0xff; 20]]);
            for p in probes {
                let want = recs.binary_search_by(|x| x.hash.cmp(&p));
                assert_eq!(find(&recs, &buckets, &p), want, "{n} records");
            }
        }
    }
}
