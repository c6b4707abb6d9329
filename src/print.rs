//! The zone in canonical form (RFC 4034 §6): absolute lower-case owners, RDATA names
//! lower-cased where §6.2 says so, names in canonical order (§6.1) with the SOA first and
//! then types in numeric order, each RRset's records in canonical order, duplicates dropped
//! (§6.3).

use crate::index::canonical_records;
use crate::zone::name;
use crate::zone::rtype::t;
use crate::zone::{rdata, rtype, Zone};
use std::fmt::Write as _;

pub fn canonical_text(zone: &Zone, generic: bool) -> String {
    canonical_text_with(zone, generic, None)
}

/// [`canonical_text`], with the apex ZONEMD records replaced by `zonemd`, a TTL and the
/// RDATA of one made for the zone (`print --zonemd`), when given.
pub fn canonical_text_with(zone: &Zone, generic: bool, zonemd: Option<(u32, Vec<u8>)>) -> String {
    let replace = zonemd.is_some();
    let (order, canon) = canonical_records(zone, true, |r| {
        !(replace && r.owner == zone.origin_id && r.rtype == t::ZONEMD)
    });
    let mut s = String::with_capacity(zone.rdata.len() * 2 + zone.records.len() * 32);
    let mut pending = zonemd;
    let mut at_apex = false;
    for i in order {
        let r = &zone.records[i];
        let past = at_apex && (r.owner != zone.origin_id || r.rtype > t::ZONEMD);
        if past {
            if let Some((ttl, d)) = pending.take() {
                write_line(
                    &mut s,
                    zone.names.wire(zone.origin_id),
                    ttl,
                    zone.class,
                    t::ZONEMD,
                    &d,
                    generic,
                );
            }
        }
        at_apex = r.owner == zone.origin_id;
        write_line(
            &mut s,
            zone.owner_wire(r),
            r.ttl,
            zone.class,
            r.rtype,
            &canon[i],
            generic,
        );
    }
    if let Some((ttl, d)) = pending {
        write_line(
            &mut s,
            &zone.origin,
            ttl,
            zone.class,
            t::ZONEMD,
            &d,
            generic,
        );
    }
    s
}

fn write_line(
    s: &mut String,
    owner: &[u8],
    ttl: u32,
    class: u16,
    rtype: u16,
    data: &[u8],
    generic: bool,
) {
    name::write_text(owner, s);
    let _ = write!(
        s,
        "\t{}\t{}\t{}\t",
        ttl,
        rtype::class_to_string(class),
        rtype::type_to_string(rtype)
    );
    if generic {
        rdata::write_generic(data, s);
    } else {
        rdata::write_text(rtype, data, s);
    }
    s.push('\n');
}
