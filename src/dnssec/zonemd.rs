//! ZONEMD (RFC 8976): the SIMPLE digest of the zone, and the checks of the apex ZONEMD
//! records (ZW25xx).
//!
//! The digest (§3.3) is over every record of the zone in canonical form and order (RFC 4034
//! §6, as [`canonical_records`] gives it, types strictly in numeric order), duplicates
//! once: glue and occluded data below delegations, ZONEMD records below the apex and the
//! SOA are in; the apex ZONEMD RRset, the apex RRSIGs covering ZONEMD, and records outside
//! the zone are out.

use crate::diag::Diagnostic;
use crate::index::{canonical_records, Cx};
use crate::rules::zonemd::*;
use crate::zone::rtype::t;
use crate::zone::view::Rrsig;
use crate::zone::{name, Record, Zone};
use sha2::{Digest, Sha384, Sha512};

/// The SIMPLE scheme (RFC 8976 §2.2.2).
pub const SIMPLE: u8 = 1;
/// SHA384 (RFC 8976 §2.2.3).
pub const SHA384: u8 = 1;
/// SHA512.
pub const SHA512: u8 = 2;

/// Whether zonewarden computes digests of `scheme` with hash algorithm `alg`.
pub fn supported(scheme: u8, alg: u8) -> bool {
    scheme == SIMPLE && matches!(alg, SHA384 | SHA512)
}

/// A ZONEMD record's fields.
#[derive(Clone, Copy, Debug)]
pub struct Zonemd<'a> {
    pub serial: u32,
    pub scheme: u8,
    pub alg: u8,
    pub digest: &'a [u8],
}

impl<'a> Zonemd<'a> {
    pub fn parse(d: &'a [u8]) -> Option<Zonemd<'a>> {
        Some(Zonemd {
            serial: u32::from_be_bytes(d.get(..4)?.try_into().ok()?),
            scheme: *d.get(4)?,
            alg: *d.get(5)?,
            digest: &d[6..],
        })
    }
}

/// Whether the record takes part in the digest (RFC 8976 §3.3.1).
fn digested(zone: &Zone, r: &Record) -> bool {
    if !name::is_subdomain(zone.owner_wire(r), &zone.origin) {
        return false;
    }
    if r.owner != zone.origin_id {
        return true;
    }
    match r.rtype {
        t::ZONEMD => false,
        t::RRSIG => Rrsig::covered(zone.rdata(r)) != Some(t::ZONEMD),
        _ => true,
    }
}

fn hash_zone<D: Digest>(zone: &Zone) -> Vec<u8> {
    let (order, canon) = canonical_records(zone, false, |r| digested(zone, r));
    let mut h = D::new();
    for i in order {
        let r = &zone.records[i];
        h.update(zone.owner_wire(r));
        h.update(r.rtype.to_be_bytes());
        h.update(zone.class.to_be_bytes());
        h.update(r.ttl.to_be_bytes());
        h.update((canon[i].len() as u16).to_be_bytes());
        h.update(&canon[i]);
    }
    h.finalize().to_vec()
}

/// The SIMPLE digest of the zone with hash algorithm `alg`; `None` for an algorithm
/// zonewarden does not compute.
pub fn digest(zone: &Zone, alg: u8) -> Option<Vec<u8>> {
    match alg {
        SHA384 => Some(hash_zone::<Sha384>(zone)),
        SHA512 => Some(hash_zone::<Sha512>(zone)),
        _ => None,
    }
}

/// The RDATA of a correct ZONEMD record for the zone, serial from the apex SOA, and the TTL
/// to give it (the SOA's).
pub fn make(zone: &Zone, scheme: u8, alg: u8) -> Result<(u32, Vec<u8>), String> {
    if !supported(scheme, alg) {
        return Err(format!(
            "ZONEMD scheme {scheme} with hash algorithm {alg} is not supported: zonewarden computes scheme 1 (SIMPLE) with 1 (SHA384) or 2 (SHA512)"
        ));
    }
    let soa = zone
        .records
        .iter()
        .find(|r| r.rtype == t::SOA && r.owner == zone.origin_id);
    let (Some(soa), Some(serial)) = (soa, zone.serial()) else {
        return Err(format!(
            "{} has no SOA record at its apex",
            zone.origin_text()
        ));
    };
    let mut rdata = serial.to_be_bytes().to_vec();
    rdata.extend_from_slice(&[scheme, alg]);
    rdata.extend(digest(zone, alg).unwrap_or_default());
    Ok((soa.ttl, rdata))
}

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks the ZONEMD records at the apex: digests, supported parameters, repeated scheme
/// and algorithm pairs, serials.
pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let apex = zone.origin_id;
    if apex == name::NO_NAME || apex as usize >= zone.names.len() {
        return;
    }
    let records: Vec<&Record> = cx
        .records_of(apex)
        .iter()
        .map(|&i| cx.record(i))
        .filter(|r| r.rtype == t::ZONEMD)
        .collect();
    let serial = zone.serial();
    let checkable = records
        .iter()
        .any(|r| Zonemd::parse(zone.rdata(r)).is_some_and(|z| supported(z.scheme, z.alg)));
    let mut seen: Vec<(u8, u8, &Record)> = Vec::new();
    let mut digests: Vec<(u8, Vec<u8>)> = Vec::new();
    for r in records {
        let Some(z) = Zonemd::parse(zone.rdata(r)) else {
            continue;
        };
        if let Some(&(_, _, first)) = seen.iter().find(|e| (e.0, e.1) == (z.scheme, z.alg)) {
            out.push(
                Diagnostic::new(
                    &ZONEMD_DUPLICATE,
                    Some(cx.zone.span_of(r)),
                    format!(
                        "a second ZONEMD record with scheme {} and hash algorithm {}: verification fails",
                        z.scheme, z.alg
                    ),
                )
                .with_related(cx.zone.span_of(first), "the first")
                .with_fix("keep one ZONEMD record per scheme and hash algorithm"),
            );
        } else {
            seen.push((z.scheme, z.alg, r));
        }
        if let Some(s) = serial.filter(|&s| s != z.serial) {
            out.push(
                Diagnostic::new(
                    &ZONEMD_SERIAL_MISMATCH,
                    Some(cx.field_span(r, 0)),
                    format!(
                        "ZONEMD serial {} is not the SOA serial {s}: verification fails",
                        z.serial
                    ),
                )
                .with_fix("recompute the digest for this version: zonewarden print --zonemd 1,1"),
            );
        }
        if !supported(z.scheme, z.alg) {
            out.push(Diagnostic::new(
                &ZONEMD_UNSUPPORTED,
                Some(cx.field_span(r, if z.scheme == SIMPLE { 2 } else { 1 })),
                format!(
                    "ZONEMD with scheme {} and hash algorithm {} could not be checked: zonewarden verifies scheme 1 (SIMPLE) with 1 (SHA384) and 2 (SHA512){}",
                    z.scheme,
                    z.alg,
                    if checkable {
                        ""
                    } else {
                        "; no other ZONEMD record can be, so the zone's contents were not verified"
                    }
                ),
            ));
            continue;
        }
        let computed = match digests.iter().find(|d| d.0 == z.alg) {
            Some(d) => &d.1,
            None => {
                digests.push((z.alg, digest(zone, z.alg).unwrap_or_default()));
                &digests[digests.len() - 1].1
            }
        };
        if computed.as_slice() != z.digest {
            out.push(
                Diagnostic::new(
                    &ZONEMD_DIGEST_MISMATCH,
                    Some(cx.field_span(r, 3)),
                    format!(
                        "ZONEMD digest ({}) does not match the zone: computed {}",
                        if z.alg == SHA384 { "SHA384" } else { "SHA512" },
                        hex(computed)
                    ),
                )
                .with_fix("was the zone edited after the digest was made? recompute it: zonewarden print --zonemd 1,1"),
            );
        }
    }
}
