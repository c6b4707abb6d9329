//! Every record the reader builds becomes a hickory-proto record, DNSSEC types included, and
//! hickory writes it back, in canonical form, to the same wire bytes we read (for the types it re-encodes
//! faithfully; the exceptions are listed with the reason).

use hickory_proto::rr::RData;
use hickory_proto::serialize::binary::{BinEncodable, BinEncoder};
use zonewarden::zone::rtype::{t, type_to_string};
use zonewarden::zone::{hickory, read_file, ReadOptions};

#[test]
fn every_corpus_record_converts_to_hickory() {
    let dir = crate::util::root().join("testdata/zones");
    let manifest = std::fs::read_to_string(dir.join("MANIFEST")).unwrap();
    let mut dnssec_types = std::collections::BTreeSet::new();
    let mut mismatches = Vec::new();
    let mut count = 0;
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let mut parts = line.split_whitespace();
        let (file, origin) = (parts.next().unwrap(), parts.next().unwrap());
        let zone = read_file(
            &dir.join(file),
            &ReadOptions {
                origin: Some(origin.into()),
                origin_source: None,
                ..ReadOptions::default()
            },
        )
        .unwrap();
        for r in &zone.records {
            let rec = hickory::to_record(&zone, r)
                .unwrap_or_else(|e| panic!("{file}: {}: {e}", zone.record_text(r)));
            count += 1;
            assert_eq!(
                u16::from(rec.record_type()),
                r.rtype,
                "{file}: {}",
                zone.record_text(r)
            );
            if let RData::DNSSEC(_) = rec.data {
                dnssec_types.insert(r.rtype);
            }
            if matches!(
                r.rtype,
                t::DNSKEY | t::RRSIG | t::NSEC | t::NSEC3 | t::NSEC3PARAM | t::CDS | t::CDNSKEY
            ) {
                assert!(
                    matches!(rec.data, RData::DNSSEC(_)),
                    "{file}: {} is not a hickory DNSSEC record",
                    zone.record_text(r)
                );
            }
            let mut wire = Vec::new();
            let mut enc = BinEncoder::new(&mut wire);
            // Canonical form: no compression, names lower-cased where RFC 4034 §6.2 says.
            enc.set_canonical_form(true);
            rec.data.emit(&mut enc).unwrap();
            if wire != *zonewarden::index::canonical_rdata(r.rtype, zone.rdata(r)) {
                mismatches.push((r.rtype, zone.record_text(r)));
            }
        }
    }
    assert!(count > 1000, "{count} records");
    for ty in [
        t::DNSKEY,
        t::RRSIG,
        t::NSEC,
        t::NSEC3,
        t::NSEC3PARAM,
        t::DS,
        t::CDS,
        t::CDNSKEY,
    ] {
        assert!(
            dnssec_types.contains(&ty),
            "no {} became a hickory DNSSEC record",
            type_to_string(ty)
        );
    }
    // PX (RFC 2163) is in RFC 4034 §6.2's list, but hickory does not model it and keeps its
    // names' case in canonical form; zonewarden lower-cases them.
    let unexpected: Vec<&(u16, String)> = mismatches.iter().filter(|(ty, _)| *ty != 26).collect();
    assert!(
        unexpected.is_empty(),
        "hickory wrote different RDATA for:\n{unexpected:#?}"
    );
}
