//! hickory-proto values built from what the reader parsed, for checks that need them.
//!
//! Our RDATA is uncompressed wire form, so hickory's own wire decoder builds every type it
//! models (DNSKEY, RRSIG, NSEC3 and the rest); types it does not model come back as
//! hickory's unknown-type RDATA with their number kept.

use super::name;
use super::{Record, Zone};
use hickory_proto::rr::{self, Name, RData, RecordType};
use hickory_proto::serialize::binary::{BinDecoder, Restrict};

/// A hickory name from wire form; labels are kept exactly (no IDNA).
pub fn to_name(wire: &[u8]) -> Option<Name> {
    let mut n = Name::from_labels(name::labels(wire)).ok()?;
    n.set_fqdn(true);
    Some(n)
}

/// The hickory record for one of ours, or why hickory refused its RDATA.
pub fn to_record(zone: &Zone, r: &Record) -> Result<rr::Record, String> {
    let owner = to_name(zone.owner_wire(r)).ok_or("owner name not accepted by hickory")?;
    let data = zone.rdata(r);
    let rtype = RecordType::from(r.rtype);
    let mut dec = BinDecoder::new(data);
    let rdata = RData::read(&mut dec, rtype, Restrict::new(data.len() as u16))
        .map_err(|e| e.to_string())?;
    let mut rec = rr::Record::from_rdata(owner, r.ttl, rdata);
    rec.dns_class = rr::DNSClass::from(zone.class);
    Ok(rec)
}
