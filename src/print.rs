//! The zone in canonical form (RFC 4034 §6): absolute lower-case owners, RDATA names
//! lower-cased where §6.2 says so, names in canonical order (§6.1) with the SOA first and
//! then types in numeric order, each RRset's records in canonical order, duplicates dropped
//! (§6.3).

use crate::index::canonical_rdata;
use crate::zone::name::{self, canonical_cmp};
use crate::zone::rtype::t;
use crate::zone::{rdata, rtype, Zone};
use std::fmt::Write as _;

pub fn canonical_text(zone: &Zone, generic: bool) -> String {
    let mut order: Vec<usize> = (0..zone.records.len()).collect();
    let canon: Vec<std::borrow::Cow<[u8]>> = zone
        .records
        .iter()
        .map(|r| canonical_rdata(r.rtype, zone.rdata(r)))
        .collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&zone.records[a], &zone.records[b]);
        canonical_cmp(zone.owner_wire(ra), zone.owner_wire(rb))
            .then(ra.class.cmp(&rb.class))
            // The SOA leads, as in a transfer; then types in numeric order.
            .then((ra.rtype != t::SOA).cmp(&(rb.rtype != t::SOA)))
            .then(ra.rtype.cmp(&rb.rtype))
            .then_with(|| canon[a].cmp(&canon[b]))
    });
    order.dedup_by(|a, b| {
        let (ra, rb) = (&zone.records[*a], &zone.records[*b]);
        ra.owner == rb.owner
            && ra.class == rb.class
            && ra.rtype == rb.rtype
            && canon[*a] == canon[*b]
    });
    let mut s = String::with_capacity(zone.rdata.len() * 2 + zone.records.len() * 32);
    for i in order {
        let r = &zone.records[i];
        name::write_text(zone.owner_wire(r), &mut s);
        let _ = write!(
            s,
            "\t{}\t{}\t{}\t",
            r.ttl,
            rtype::class_to_string(r.class),
            rtype::type_to_string(r.rtype)
        );
        if generic {
            rdata::write_generic(&canon[i], &mut s);
        } else {
            rdata::write_text(r.rtype, &canon[i], &mut s);
        }
        s.push('\n');
    }
    s
}
