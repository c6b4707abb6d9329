//! The index the checks walk: [`Cx`] holds what they share, records grouped by owner and
//! type, and per-name facts computed once (which names are delegations, which lie below one
//! or below a DNAME). Checks implement [`Check`] and are called for the zone, each owner and
//! each RRset by the engine ([`crate::lint`]); none walks the zone itself.

use crate::diag::{Diagnostic, Rule};
use crate::source::Span;
use crate::zone::name::{self, NameId, NO_NAME};
use crate::zone::rdata;
use crate::zone::rtype::t;
use crate::zone::{Record, Zone};
use rayon::prelude::*;
use std::borrow::Cow;

mod owners;
mod targets;

use owners::{target_flags, Owners};

/// Facts about one name, as bits.
pub mod flags {
    pub const SOA: u16 = 1 << 0;
    pub const NS: u16 = 1 << 1;
    pub const CNAME: u16 = 1 << 2;
    pub const DNAME: u16 = 1 << 3;
    pub const A: u16 = 1 << 4;
    pub const AAAA: u16 = 1 << 5;
    pub const DS: u16 = 1 << 6;
    /// Some type other than those above, RRSIG, NSEC and NSEC3.
    pub const OTHER: u16 = 1 << 7;
    /// In the zone (the apex or below it).
    pub const IN_ZONE: u16 = 1 << 8;
    /// A delegation point: NS below the apex and not below another delegation.
    pub const CUT: u16 = 1 << 9;
    /// Named as a target by some NS record in the zone.
    pub const NS_TARGET: u16 = 1 << 10;
    /// Strictly below a delegation: occluded (glue, or data the child holds).
    pub const BELOW_CUT: u16 = 1 << 11;
    /// Named as a target by some MX record in the zone: a mail host.
    pub const MX_TARGET: u16 = 1 << 12;
}

/// What the clock and the caller say; every time-dependent check reads `now` from here.
#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    /// Seconds since 1970; `--now`.
    pub now: i64,
    /// Certificates, chains and keys from `--cert`, for the DANE rules that match TLSA
    /// records against them (ZW3006, ZW3009, ZW3011).
    pub certs: Vec<crate::tlsa::input::Input>,
    /// The codes of the rules the configuration switches off for this zone (`ignore`),
    /// sorted: a check none of whose rules is wanted is not run, the others look for these
    /// only where that costs nothing apart ([`Cx::wants`]), and what they find of them is
    /// dropped as the walk goes. `lint` returns no finding of them, except of those an
    /// inline suppression names. Not keeping them is what matters on a zone that raises many.
    pub disabled: Vec<&'static str>,
    /// Leave the findings of the rules that raise them by the thousand unworded
    /// ([`Diagnostic::later`](crate::diag::Diagnostic::later)), for a report that words
    /// each as it writes it ([`Diagnostic::worded`](crate::diag::Diagnostic::worded)): a
    /// zone's findings then hold a fifth of the memory until then. Off, `lint` words them.
    pub word_later: bool,
}

/// One owner name and its records, sorted by type.
pub struct Node<'a> {
    pub id: NameId,
    pub records: &'a [u32],
}

/// The records of one owner and type (and class).
pub struct RRset<'a> {
    pub owner: NameId,
    pub rtype: u16,
    pub records: &'a [u32],
}

/// A rule's hooks; each is called once per zone, owner or RRset.
pub trait Check: Sync {
    /// Every rule the check can raise: the engine skips a check none of whose rules
    /// [`Cx::wants`].
    fn rules(&self) -> &'static [&'static Rule];
    fn zone(&self, _cx: &Cx, _out: &mut Vec<Diagnostic>) {}
    fn node(&self, _cx: &Cx, _node: &Node, _out: &mut Vec<Diagnostic>) {}
    fn rrset(&self, _cx: &Cx, _rrset: &RRset, _out: &mut Vec<Diagnostic>) {}
    /// The types of the RRsets [`Check::rrset`] looks at, `None` for every type: the engine
    /// calls it for no RRset of another type. Most of a zone's RRsets are addresses, which
    /// most checks pass over, and a call that only returns, for each check and RRset, was a
    /// tenth of the walk.
    fn rrset_types(&self) -> Option<&'static [u16]> {
        None
    }
}

/// The rules an index wants ([`Cx::wants`]), kept apart from it: a lint run judges the last
/// of its findings by them once the index is freed.
#[derive(Clone, Debug, Default)]
pub struct Wanted {
    /// The codes of the rules not wanted, sorted.
    disabled: Vec<&'static str>,
}

impl Wanted {
    /// Whether the findings of `rule` are wanted.
    pub fn wants(&self, rule: &Rule) -> bool {
        self.disabled.is_empty() || self.disabled.binary_search(&rule.code).is_err()
    }
}

/// The shared view of a zone that rules read.
pub struct Cx<'z> {
    pub zone: &'z Zone,
    pub opts: &'z LintOptions,
    /// Record indices grouped by owner (in id order), each group sorted by type.
    order: Vec<u32>,
    /// `order[starts[id]..starts[id + 1]]` are the records of name `id`.
    starts: Vec<u32>,
    pub flags: Vec<u16>,
    /// The authoritative DNAME strictly above each name, or `NO_NAME`: the highest one, not
    /// at or below a delegation (a DNAME there is the child's, occluded like its other data).
    /// Empty when the zone has no DNAME, as most have none: 4 bytes a name saved.
    dname_above: Vec<NameId>,
    /// Records that repeat an earlier record of their RRset, with the record each repeats
    /// (in file order): equal in owner, class, type and canonical RDATA (RFC 4034 §6.2, names
    /// compared without case), they are one record in the DNS (RFC 2181 §5), so
    /// [`Cx::records_of`] leaves them out and no rule counts them twice.
    pub duplicates: Vec<(u32, u32)>,
    /// The rules not wanted: `opts.disabled` less those an inline suppression names
    /// ([`Cx::keep_rules`]).
    wanted: Wanted,
    /// Unique to this index among all made by the process: what a check keys a per-thread
    /// memo on, so that nothing learnt of one zone is taken for another.
    instance: u64,
    /// The owner-name id of the target of each record that names one (NS, MX, SRV, CNAME,
    /// DNAME, PTR) when the target is a name of the zone: each target is looked up once
    /// here, not again by every rule that follows it (a lookup in a table of a million names
    /// is a few cache misses).
    targets: targets::TargetTable,
    /// `_25._tcp.HOST` by HOST, as (HOST, that name), by HOST, for the names of that form
    /// with TLSA or CNAME records: where a mail host's DANE records are (RFC 7672 §2.2),
    /// found for every MX without a lookup in the name table.
    smtp_tlsa: Vec<(NameId, NameId)>,
    /// The zone holds RRSIG records, and NSEC3 records: the DNSSEC passes ask before they
    /// run, and a scan of a large zone's records on one core left the others idle.
    has_rrsig: bool,
    has_nsec3: bool,
}

impl<'z> Cx<'z> {
    pub fn new(zone: &'z Zone, opts: &'z LintOptions) -> Cx<'z> {
        // The target table and the mail hosts' TLSA names need only the zone: on a large zone
        // they are made beside the rest, so that its steps on one core (the counts, the
        // occlusion) do not leave the other idle.
        // The targets' flags too: set on a list of their own there, while the other core
        // decides what occludes each name, and merged below in one pass in order.
        let of_targets = |parallel| {
            let targets = targets::TargetTable::new(zone, parallel);
            let target_flags = target_flags(zone, &targets);
            (targets, smtp_tlsa_names(zone), target_flags)
        };
        let (owners, (targets, smtp_tlsa, target_flags)) = if on_every_core(zone) {
            rayon::join(|| Owners::new(zone), || of_targets(true))
        } else {
            (Owners::new(zone), of_targets(false))
        };
        let Owners {
            order,
            starts,
            mut flags,
            dname_above,
            duplicates,
            has_rrsig,
            has_nsec3,
        } = owners;
        for (f, t) in flags.iter_mut().zip(target_flags) {
            *f |= t;
        }
        Cx {
            zone,
            opts,
            order,
            starts,
            flags,
            dname_above,
            duplicates,
            instance: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
            wanted: {
                let mut d = opts.disabled.clone();
                d.sort_unstable();
                d.dedup();
                Wanted { disabled: d }
            },
            targets,
            smtp_tlsa,
            has_rrsig,
            has_nsec3,
        }
    }

    /// Whether the zone holds RRSIG records.
    pub fn has_rrsig(&self) -> bool {
        self.has_rrsig
    }

    /// Whether the zone holds NSEC3 records.
    pub fn has_nsec3(&self) -> bool {
        self.has_nsec3
    }

    /// Unique to this index among all made by the process (see the field).
    pub fn instance(&self) -> u64 {
        self.instance
    }

    /// Whether the findings of `rule` are wanted: false only for the rules the configuration
    /// switches off, which a check then need not look for.
    pub fn wants(&self, rule: &Rule) -> bool {
        self.wanted.wants(rule)
    }

    /// The rules this index wants, apart from it.
    pub fn wanted(&self) -> &Wanted {
        &self.wanted
    }

    /// Wants again every rule whose code starts with one of `prefixes`: those an inline
    /// suppression names, which must be looked for to tell whether the suppression is used.
    pub fn keep_rules<'p>(&mut self, prefixes: impl IntoIterator<Item = &'p str>) {
        for p in prefixes {
            self.wanted.disabled.retain(|code| !code.starts_with(p));
        }
    }

    pub fn record(&self, i: u32) -> &'z Record {
        &self.zone.records[i as usize]
    }

    /// The records of a name, sorted by type.
    pub fn records_of(&self, id: NameId) -> &[u32] {
        let id = id as usize;
        &self.order[self.starts[id] as usize..self.starts[id + 1] as usize]
    }

    pub fn has(&self, id: NameId, flag: u16) -> bool {
        self.flags[id as usize] & flag != 0
    }

    pub fn is_apex(&self, id: NameId) -> bool {
        id == self.zone.origin_id
    }

    /// Authoritative data: in the zone, not below a delegation or a DNAME.
    pub fn is_authoritative(&self, id: NameId) -> bool {
        self.has(id, flags::IN_ZONE)
            && !self.has(id, flags::BELOW_CUT)
            && self.dname_above(id) == NO_NAME
    }

    /// The nearest delegation strictly above a name, or `NO_NAME`: found by walking up
    /// from names flagged [`flags::BELOW_CUT`], since a table of it would cost 4 bytes a name
    /// for the few names below a cut that a rule asks about.
    pub fn cut_above(&self, id: NameId) -> NameId {
        if !self.has(id, flags::BELOW_CUT) {
            return NO_NAME;
        }
        let mut p = self.zone.names.get(id).parent();
        while p != NO_NAME && !self.has(p, flags::CUT) {
            p = self.zone.names.get(p).parent();
        }
        p
    }

    /// The authoritative DNAME strictly above a name, or `NO_NAME` (see the field).
    pub fn dname_above(&self, id: NameId) -> NameId {
        at(&self.dname_above, id as usize)
    }

    pub fn name_text(&self, id: NameId) -> String {
        name::to_text(self.zone.names.wire(id))
    }

    /// The target name in the RDATA of an NS, MX, SRV, CNAME, DNAME or PTR record.
    pub fn target<'a>(&self, r: &'a Record) -> Option<&'z [u8]> {
        crate::zone::view::target(r.rtype, self.zone.rdata(r))
    }

    /// The interned id of a record's target, if the target is an owner name in this zone.
    pub fn target_id(&self, r: &Record) -> Option<NameId> {
        match self.index_of(r) {
            Some(i) if names_target(r.rtype) => self.target_id_of(i),
            _ => self.zone.names.find(self.target(r)?),
        }
    }

    /// [`Cx::target_id`] of record `i`, as looked up once when the index was made.
    pub fn target_id_of(&self, i: u32) -> Option<NameId> {
        self.targets.get(i)
    }

    /// The name `_25._tcp.HOST` of a host of the zone, when it holds TLSA or CNAME records.
    pub fn smtp_tlsa_name(&self, host: NameId) -> Option<NameId> {
        let k = self
            .smtp_tlsa
            .binary_search_by_key(&host, |&(h, _)| h)
            .ok()?;
        Some(self.smtp_tlsa[k].1)
    }

    /// The index of a record of this zone, from where it lies in the zone's list.
    fn index_of(&self, r: &Record) -> Option<u32> {
        let base = self.zone.records.as_ptr() as usize;
        let i = (r as *const Record as usize).checked_sub(base)? / std::mem::size_of::<Record>();
        let same = self.zone.records.get(i).is_some_and(|x| std::ptr::eq(x, r));
        same.then_some(i as u32)
    }

    /// The delegation at or above a name (interned or not), if the name lies in the zone.
    pub fn enclosing_cut(&self, wire: &[u8]) -> Option<NameId> {
        let mut w = wire;
        loop {
            if let Some(id) = self.zone.names.find(w) {
                return self.enclosing_cut_id(id);
            }
            w = name::parent(w)?;
        }
    }

    /// [`Cx::enclosing_cut`] of a name the caller has looked up already (`id`), without
    /// looking it up again.
    pub fn enclosing_cut_id(&self, id: NameId) -> Option<NameId> {
        if !self.has(id, flags::IN_ZONE) {
            return None;
        }
        if self.has(id, flags::CUT) {
            return Some(id);
        }
        let above = self.cut_above(id);
        (above != NO_NAME).then_some(above)
    }

    /// Whether a name is at or below the apex.
    pub fn in_zone_name(&self, wire: &[u8]) -> bool {
        name::is_subdomain(wire, &self.zone.origin)
    }

    /// Canonical RDATA (RFC 4034 §6.2): names lower-cased for the types that ask for it.
    pub fn canonical_rdata(&self, r: &Record) -> Cow<'z, [u8]> {
        canonical_rdata(r.rtype, self.zone.rdata(r))
    }

    /// The span of RDATA field `n` (0-based), found by re-reading the record's text; the
    /// RDATA's start if the text cannot be followed (a `$GENERATE` line, say).
    pub fn field_span(&self, r: &Record, n: usize) -> Span {
        self.zone
            .field_span(r, n)
            .unwrap_or_else(|| self.zone.rdata_span(r))
    }
}

/// [`Cx::smtp_tlsa`]: the owners of TLSA and CNAME records named `_25._tcp.HOST`, by HOST.
fn smtp_tlsa_names(zone: &Zone) -> Vec<(NameId, NameId)> {
    let at = |owner: NameId| {
        let wire = zone.names.wire(owner);
        if wire.len() <= 9 || !wire[..9].eq_ignore_ascii_case(b"\x03_25\x04_tcp") {
            return None;
        }
        let tcp = zone.names.get(owner).parent();
        let host = (tcp != NO_NAME).then(|| zone.names.get(tcp).parent())?;
        (host != NO_NAME).then_some((host, owner))
    };
    let scan = |chunk: &[Record]| -> Vec<(NameId, NameId)> {
        let mut last = NO_NAME;
        let mut found = Vec::new();
        for r in chunk {
            if matches!(r.rtype, t::TLSA | t::CNAME) && r.owner != last {
                last = r.owner;
                found.extend(at(r.owner));
            }
        }
        found
    };
    let mut found: Vec<(NameId, NameId)> = if on_every_core(zone) {
        zone.records
            .par_chunks(1 << 16)
            .flat_map_iter(scan)
            .collect()
    } else {
        scan(&zone.records)
    };
    found.sort_unstable();
    found.dedup();
    found
}

/// Whether the index's passes over a zone are worth handing to the thread pool: for a small
/// zone, handing them over costs more than it saves (a thread waits and wakes for each), and
/// the zones of a repository are indexed one per core already.
fn on_every_core(zone: &Zone) -> bool {
    zone.records.len() >= 1 << 15
}

/// Whether records of a type name a target ([`crate::zone::view::target`]).
fn names_target(rtype: u16) -> bool {
    matches!(rtype, t::NS | t::CNAME | t::DNAME | t::PTR | t::MX | t::SRV)
}

/// Entry `i` of a per-name table that may be left empty when it would hold only `NO_NAME`.
fn at(v: &[NameId], i: usize) -> NameId {
    v.get(i).copied().unwrap_or(NO_NAME)
}

/// Canonical RDATA (RFC 4034 §6.2) for any type.
pub fn canonical_rdata(rtype: u16, data: &[u8]) -> Cow<'_, [u8]> {
    match rdata::schema(rtype) {
        Some(info) if info.canonical_lower && data.iter().any(u8::is_ascii_uppercase) => {
            let names = rdata::names_in(rtype, data);
            if names
                .iter()
                .all(|(_, n)| !n.iter().any(u8::is_ascii_uppercase))
            {
                return Cow::Borrowed(data);
            }
            let mut v = data.to_vec();
            for (off, n) in names {
                v[off..off + n.len()].make_ascii_lowercase();
            }
            Cow::Owned(v)
        }
        _ => Cow::Borrowed(data),
    }
}

/// The zone's records in canonical order (RFC 4034 §6.1 for names, then class, then type
/// in numeric order, then canonical RDATA, §6.3), duplicates dropped, with the canonical
/// RDATA of every record. `print` puts the SOA first, as a transfer does (`soa_first`);
/// the ZONEMD digest (RFC 8976 §3.3) takes types strictly in numeric order. Records for
/// which `keep` is false are left out.
pub fn canonical_records<'z>(
    zone: &'z Zone,
    soa_first: bool,
    keep: impl Fn(&Record) -> bool,
) -> (Vec<usize>, Vec<Cow<'z, [u8]>>) {
    let canon: Vec<Cow<[u8]>> = zone
        .records
        .iter()
        .map(|r| canonical_rdata(r.rtype, zone.rdata(r)))
        .collect();
    let mut order: Vec<usize> = (0..zone.records.len())
        .filter(|&i| keep(&zone.records[i]))
        .collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&zone.records[a], &zone.records[b]);
        name::canonical_cmp(zone.owner_wire(ra), zone.owner_wire(rb))
            .then(if soa_first {
                (ra.rtype != t::SOA).cmp(&(rb.rtype != t::SOA))
            } else {
                std::cmp::Ordering::Equal
            })
            .then(ra.rtype.cmp(&rb.rtype))
            .then_with(|| canon[a].cmp(&canon[b]))
    });
    order.dedup_by(|a, b| {
        let (ra, rb) = (&zone.records[*a], &zone.records[*b]);
        ra.owner == rb.owner && ra.rtype == rb.rtype && canon[*a] == canon[*b]
    });
    (order, canon)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::{read_text, ReadOptions};

    /// The targets looked up once agree with looking each up again, whatever the case of
    /// the target, in the zone or not, and for records whose type names none.
    #[test]
    fn targets_looked_up_once_agree_with_the_name_table() {
        let text = "$ORIGIN example.\n$TTL 300\n\
            @ SOA ns1 h 1 7200 3600 1209600 300\n\
            @ NS ns1\n@ NS NS2.Example.\n@ NS ns.elsewhere.net.\n\
            @ MX 10 Mail\n@ MX 0 .\n@ TXT \"v=spf1 -all\"\n\
            ns1 A 192.0.2.1\nns2 A 192.0.2.2\nmail AAAA 2001:db8::1\n\
            www CNAME mail\nold DNAME example.net.\n\
            _sip._tcp SRV 0 0 5060 mail\n1 PTR www.example.\n\
            sub NS ns.sub\nns.sub A 192.0.2.3\n";
        let zone = read_text(
            "z.zone".into(),
            text.as_bytes().to_vec(),
            &ReadOptions::default(),
        );
        assert!(zone.diagnostics.is_empty(), "{:?}", zone.diagnostics);
        let opts = LintOptions::default();
        let cx = Cx::new(&zone, &opts);
        let mut found = 0;
        for (i, r) in zone.records.iter().enumerate() {
            let again = cx.target(r).and_then(|w| zone.names.find(w));
            assert_eq!(cx.target_id(r), again, "record {i}");
            assert_eq!(cx.target_id_of(i as u32), again, "record {i}");
            found += usize::from(again.is_some());
        }
        // ns1, NS2 (any case), Mail, mail (CNAME and SRV), www, ns.sub.
        assert_eq!(found, 7);
        let id = |t: &str| {
            let mut wire = Vec::new();
            crate::zone::name::parse_text(t.as_bytes(), &mut wire).unwrap();
            zone.names.find(&wire).unwrap()
        };
        assert!(cx.has(id("ns2.example."), flags::NS_TARGET));
        assert!(cx.has(id("ns.sub.example."), flags::NS_TARGET));
        assert!(!cx.has(id("mail.example."), flags::NS_TARGET));
    }

    /// Each host's `_25._tcp` name is known when it holds TLSA or CNAME records, and only
    /// then; other ports and other names do not count.
    #[test]
    fn a_host_s_smtp_tlsa_name_is_found_without_a_lookup() {
        let text = "$ORIGIN example.\n$TTL 300\n\
            @ SOA ns h 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n\
            _25._tcp.mail TLSA 3 1 1 aabb\n_443._tcp.web TLSA 3 1 1 aabb\n\
            _25._TCP.Alias CNAME _25._tcp.mail\nx._25._tcp.empty A 192.0.2.2\n\
            _25._tcp TLSA 3 1 1 aabb\n_26._tcp.near TLSA 3 1 1 aabb\n";
        let zone = read_text(
            "z.zone".into(),
            text.as_bytes().to_vec(),
            &ReadOptions::default(),
        );
        let opts = LintOptions::default();
        let cx = Cx::new(&zone, &opts);
        let id = |t: &str| {
            let mut wire = Vec::new();
            crate::zone::name::parse_text(t.as_bytes(), &mut wire).unwrap();
            zone.names.find(&wire).unwrap()
        };
        let at = |host: &str| cx.smtp_tlsa_name(id(host));
        assert_eq!(at("mail.example."), Some(id("_25._tcp.mail.example.")));
        assert_eq!(at("alias.example."), Some(id("_25._tcp.alias.example.")));
        assert_eq!(at("example."), Some(id("_25._tcp.example.")));
        for none in [
            "web.example.",
            "empty.example.",
            "near.example.",
            "ns.example.",
        ] {
            assert_eq!(at(none), None, "{none}");
        }
    }

    /// A zone large enough for the index's passes to run on every core gives the answers
    /// looking each name up again gives: targets, `_25._tcp` names, duplicates and the
    /// order of each owner's records.
    #[test]
    fn a_large_zone_is_indexed_on_every_core_as_a_small_one_is_alone() {
        let mut text = String::from("$ORIGIN example.\n$TTL 300\n@ SOA ns h 1 2 3 4 5\n@ NS ns\n");
        for i in 0..6000 {
            text.push_str(&format!(
                "h{i} A 192.0.2.1\nh{i} MX 10 m{i}\nh{i} AAAA 2001:db8::1\nh{i} A 192.0.2.1\n\
                 m{i} A 192.0.2.2\n_25._tcp.m{i} TLSA 3 1 1 aabb\nw{i} CNAME H{i}\n\
                 d{i} NS ns.d{i}\nns.d{i} A 192.0.2.3\n"
            ));
        }
        let zone = read_text("z.zone".into(), text.into_bytes(), &ReadOptions::default());
        assert!(on_every_core(&zone), "{} records", zone.records.len());
        let opts = LintOptions::default();
        let cx = Cx::new(&zone, &opts);
        for (i, r) in zone.records.iter().enumerate() {
            let again = cx.target(r).and_then(|w| zone.names.find(w));
            assert_eq!(cx.target_id_of(i as u32), again, "record {i}");
            if r.rtype == t::MX {
                let host = zone.names.wire(again.unwrap());
                let smtp = [&b"\x03_25\x04_tcp"[..], host].concat();
                assert_eq!(cx.smtp_tlsa_name(again.unwrap()), zone.names.find(&smtp));
                assert!(cx.smtp_tlsa_name(again.unwrap()).is_some());
            }
        }
        // Each host's second A record repeats its first, and its records come by type.
        assert_eq!(cx.duplicates.len(), 6000);
        for id in 0..zone.names.len() as NameId {
            let types: Vec<u16> = cx
                .records_of(id)
                .iter()
                .map(|&i| cx.record(i).rtype)
                .collect();
            assert!(types.is_sorted(), "{types:?}");
        }
    }
}
