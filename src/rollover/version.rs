//! One published version of a zone as the rollover checks see it: its keys, which keys sign
//! what, its CDS/CDNSKEY and TLSA RRsets, and its signature windows.
//!
//! A [`Version`] is small whatever the zone's size (RRsets signed by the same keys are
//! counted together), so `--history` keeps one per commit while reading the next.

use crate::dnssec::keys::{algorithm_text, key_tag, SEP};
use crate::dnssec::signed_data::Rrsig;
use crate::index::{flags, Cx, LintOptions};
use crate::tlsa::Tlsa;
use crate::zone::rtype::t;
use crate::zone::{name, Zone};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// A key's identity across versions: its algorithm and public key. Flags change when a key
/// is revoked (and its tag with them), and tags collide; the key material does not.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KeyId {
    pub algorithm: u8,
    pub public: Vec<u8>,
}

/// One DNSKEY of a version.
#[derive(Clone, Debug)]
pub struct KeyInfo {
    pub id: KeyId,
    pub tag: u16,
    pub flags: u16,
    /// The whole RDATA, for DS digests.
    pub rdata: Vec<u8>,
    /// The DNSKEY record's index in the zone, for positions.
    pub record: u32,
}

impl KeyInfo {
    /// `KSK 12345 (ECDSAP256SHA256)`: the role its SEP flag claims, the tag, the algorithm.
    pub fn describe(&self) -> String {
        let role = if self.flags & SEP != 0 { "KSK" } else { "ZSK" };
        format!(
            "{role} {} ({})",
            self.tag,
            algorithm_text(self.id.algorithm)
        )
    }

    pub fn is_sep(&self) -> bool {
        self.flags & SEP != 0
    }
}

/// A signature's signer as its RRSIG names it, with the version's key it names, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Signer {
    pub algorithm: u8,
    pub tag: u16,
    /// Index into [`Version::keys`].
    pub key: Option<u16>,
}

/// The RRsets (other than DNSKEY, CDS and CDNSKEY) signed by exactly the same signers.
#[derive(Clone, Debug)]
pub struct SignerSet {
    pub signers: Vec<Signer>,
    pub rrsets: u64,
    /// The largest original TTL among them: how long a resolver may cache one.
    pub max_ttl: u32,
    /// The first RRSIG record among them, for positions.
    pub first: u32,
}

/// The TLSA RRset at one owner.
#[derive(Clone, Debug)]
pub struct TlsaSet {
    /// Lower-case wire form.
    pub owner: Vec<u8>,
    pub ttl: u32,
    pub records: Vec<Tlsa>,
    /// The first TLSA record, for positions.
    pub first: u32,
}

/// What the rollover checks need of one version of a zone.
#[derive(Clone, Debug)]
pub struct Version {
    /// How reports name it: a file, or `FILE@COMMIT`.
    pub label: String,
    /// When it went live (seconds since 1970).
    pub published: i64,
    pub origin: Vec<u8>,
    pub serial: Option<u32>,
    pub soa_record: Option<u32>,
    pub soa_expire: u32,
    pub dnskey_ttl: u32,
    /// The largest TTL of any record.
    pub max_ttl: u32,
    pub keys: Vec<KeyInfo>,
    /// Who signs the apex DNSKEY RRset, and the first such RRSIG.
    pub dnskey_signers: Vec<Signer>,
    pub dnskey_rrsig: Option<u32>,
    pub signed: Vec<SignerSet>,
    /// CDS and CDNSKEY RDATA at the apex, sorted, and the first such record.
    pub cds: Vec<Vec<u8>>,
    pub cdnskey: Vec<Vec<u8>>,
    pub cds_record: Option<u32>,
    pub tlsa: Vec<TlsaSet>,
    /// Expiration and inception extremes as seconds since 1970, with the RRSIG's record.
    pub earliest_expiration: Option<(i64, u32)>,
    pub latest_inception: Option<(i64, u32)>,
    /// SHA-256 over the records in a canonical order: equal digests, equal content.
    pub digest: [u8; 32],
}

/// An RRSIG time (RFC 4034 §3.1.5, serial arithmetic) as seconds since 1970, taking the
/// instant nearest `reference`.
pub fn rrsig_time(t: u32, reference: i64) -> i64 {
    reference + i64::from(t.wrapping_sub(reference as u32) as i32)
}

impl Version {
    /// Summarizes a zone published at `published`.
    pub fn from_zone(zone: &Zone, label: String, published: i64) -> Version {
        let opts = LintOptions::default();
        let cx = Cx::new(zone, &opts);
        let apex = zone.origin_id;
        let mut v = Version {
            label,
            published,
            origin: zone.origin.clone(),
            serial: None,
            soa_record: None,
            soa_expire: 0,
            dnskey_ttl: 0,
            max_ttl: 0,
            keys: Vec::new(),
            dnskey_signers: Vec::new(),
            dnskey_rrsig: None,
            signed: Vec::new(),
            cds: Vec::new(),
            cdnskey: Vec::new(),
            cds_record: None,
            tlsa: Vec::new(),
            earliest_expiration: None,
            latest_inception: None,
            digest: digest(zone),
        };
        let apex_ok = apex != name::NO_NAME && (apex as usize) < zone.names.len();
        if apex_ok {
            for &i in cx.records_of(apex) {
                let r = cx.record(i);
                let d = zone.rdata(r);
                match r.rtype {
                    t::SOA if v.soa_record.is_none() => {
                        v.soa_record = Some(i);
                        let soa = crate::zone::view::Soa::parse(d);
                        v.serial = soa.map(|s| s.serial);
                        v.soa_expire = soa.map_or(0, |s| s.expire);
                    }
                    t::DNSKEY if d.len() > 4 => {
                        let Some(key) = crate::zone::view::Dnskey::parse(d) else {
                            continue;
                        };
                        if !key.is_zone_key() {
                            continue;
                        }
                        v.dnskey_ttl = v.dnskey_ttl.max(r.ttl);
                        let id = KeyId {
                            algorithm: key.algorithm,
                            public: key.public_key.to_vec(),
                        };
                        if v.keys.iter().any(|k| k.id == id) {
                            continue;
                        }
                        v.keys.push(KeyInfo {
                            id,
                            tag: key_tag(d),
                            flags: key.flags,
                            rdata: d.to_vec(),
                            record: i,
                        });
                    }
                    t::CDS => {
                        v.cds.push(d.to_vec());
                        v.cds_record.get_or_insert(i);
                    }
                    t::CDNSKEY => {
                        v.cdnskey.push(d.to_vec());
                        v.cds_record.get_or_insert(i);
                    }
                    _ => {}
                }
            }
        }
        v.cds.sort();
        v.cds.dedup();
        v.cdnskey.sort();
        v.cdnskey.dedup();
        v.max_ttl = zone.records.iter().map(|r| r.ttl).max().unwrap_or(0);
        v.read_signatures(&cx);
        v.read_tlsa(&cx);
        v
    }

    /// Groups every RRset by the signers of its RRSIGs, and finds the signature windows.
    fn read_signatures(&mut self, cx: &Cx) {
        let zone = cx.zone;
        let mut sets: HashMap<Vec<Signer>, SignerSet> = HashMap::new();
        let mut here: Vec<(u16, Signer, u32, u32)> = Vec::new();
        for id in 0..zone.names.len() as name::NameId {
            if !cx.has(id, flags::IN_ZONE) {
                continue;
            }
            here.clear();
            for &i in cx.records_of(id) {
                let r = cx.record(i);
                if r.rtype != t::RRSIG {
                    continue;
                }
                let Some(sig) = Rrsig::parse(zone.rdata(r)) else {
                    continue;
                };
                let exp = rrsig_time(sig.expiration, self.published);
                let inc = rrsig_time(sig.inception, self.published);
                if self.earliest_expiration.is_none_or(|(e, _)| exp < e) {
                    self.earliest_expiration = Some((exp, i));
                }
                if self.latest_inception.is_none_or(|(e, _)| inc > e) {
                    self.latest_inception = Some((inc, i));
                }
                let key = self
                    .keys
                    .iter()
                    .position(|k| k.tag == sig.key_tag && k.id.algorithm == sig.algorithm)
                    .map(|k| k as u16);
                let signer = Signer {
                    algorithm: sig.algorithm,
                    tag: sig.key_tag,
                    key,
                };
                here.push((sig.type_covered, signer, sig.original_ttl, i));
            }
            if here.is_empty() {
                continue;
            }
            here.sort_unstable();
            let mut s = 0;
            while s < here.len() {
                let ty = here[s].0;
                let mut e = s;
                while e < here.len() && here[e].0 == ty {
                    e += 1;
                }
                let mut signers: Vec<Signer> = here[s..e].iter().map(|x| x.1).collect();
                signers.dedup();
                let ttl = here[s..e].iter().map(|x| x.2).max().unwrap_or(0);
                let first = here[s..e].iter().map(|x| x.3).min().unwrap_or(0);
                if id == zone.origin_id && ty == t::DNSKEY {
                    self.dnskey_signers = signers;
                    self.dnskey_rrsig = Some(first);
                } else if !(id == zone.origin_id && (ty == t::CDS || ty == t::CDNSKEY)) {
                    // CDS and CDNSKEY are signed like the DNSKEY RRset, by the keys the
                    // parent's DS names; the ZSK timing rules leave them out.
                    let set = sets.entry(signers.clone()).or_insert(SignerSet {
                        signers,
                        rrsets: 0,
                        max_ttl: 0,
                        first,
                    });
                    set.rrsets += 1;
                    set.max_ttl = set.max_ttl.max(ttl);
                    set.first = set.first.min(first);
                }
                s = e;
            }
        }
        self.signed = sets.into_values().collect();
        self.signed.sort_by_key(|s| s.first);
    }

    fn read_tlsa(&mut self, cx: &Cx) {
        let zone = cx.zone;
        let mut by_owner: HashMap<name::NameId, TlsaSet> = HashMap::new();
        for (i, r) in zone.records.iter().enumerate() {
            if r.rtype != t::TLSA {
                continue;
            }
            let Some(tlsa) = Tlsa::from_rdata(zone.rdata(r)) else {
                continue;
            };
            let set = by_owner.entry(r.owner).or_insert_with(|| TlsaSet {
                owner: zone.names.wire(r.owner).to_vec(),
                ttl: r.ttl,
                records: Vec::new(),
                first: i as u32,
            });
            set.ttl = set.ttl.max(r.ttl);
            if !set.records.contains(&tlsa) {
                set.records.push(tlsa);
            }
        }
        self.tlsa = by_owner.into_values().collect();
        self.tlsa.sort_by_key(|s| s.first);
    }

    /// Whether the zone is signed at all: zone keys at the apex.
    pub fn is_signed(&self) -> bool {
        !self.keys.is_empty()
    }

    pub fn key(&self, id: &KeyId) -> Option<&KeyInfo> {
        self.keys.iter().find(|k| &k.id == id)
    }

    pub fn has_key(&self, id: &KeyId) -> bool {
        self.key(id).is_some()
    }

    /// The keys of this version that sign its DNSKEY RRset.
    pub fn dnskey_signing_keys(&self) -> impl Iterator<Item = &KeyInfo> {
        self.dnskey_signers
            .iter()
            .filter_map(|s| s.key.map(|k| &self.keys[k as usize]))
    }

    pub fn signs_dnskey(&self, id: &KeyId) -> bool {
        self.dnskey_signing_keys().any(|k| &k.id == id)
    }

    /// Whether a key signs any RRset other than DNSKEY, CDS and CDNSKEY.
    pub fn signs_data(&self, id: &KeyId) -> bool {
        self.signed.iter().any(|s| self.set_has_key(s, id))
    }

    pub fn set_has_key(&self, set: &SignerSet, id: &KeyId) -> bool {
        set.signers
            .iter()
            .any(|s| s.key.is_some_and(|k| &self.keys[k as usize].id == id))
    }

    /// The DNSKEY record of the first key of an algorithm, for positions.
    pub fn first_key_of(&self, alg: u8) -> Option<u32> {
        self.keys
            .iter()
            .find(|k| k.id.algorithm == alg)
            .map(|k| k.record)
    }

    /// The algorithms of the zone keys.
    pub fn key_algorithms(&self) -> Vec<u8> {
        let mut a: Vec<u8> = self.keys.iter().map(|k| k.id.algorithm).collect();
        a.sort_unstable();
        a.dedup();
        a
    }

    /// The algorithms of any signature, published key or not.
    pub fn signature_algorithms(&self) -> Vec<u8> {
        let mut a: Vec<u8> = self
            .signed
            .iter()
            .flat_map(|s| s.signers.iter().map(|x| x.algorithm))
            .chain(self.dnskey_signers.iter().map(|x| x.algorithm))
            .collect();
        a.sort_unstable();
        a.dedup();
        a
    }

    /// How many signed RRsets (the DNSKEY RRset among them) have no signature of `alg`.
    pub fn lacking(&self, alg: u8) -> u64 {
        let data: u64 = self
            .signed
            .iter()
            .filter(|s| !s.signers.iter().any(|x| x.algorithm == alg))
            .map(|s| s.rrsets)
            .sum();
        let dnskey = !self.dnskey_signers.is_empty()
            && !self.dnskey_signers.iter().any(|x| x.algorithm == alg);
        data + u64::from(dnskey)
    }

    /// The largest TTL of a signed RRset: how long a signature may stay cached.
    pub fn max_signed_ttl(&self) -> u32 {
        self.signed.iter().map(|s| s.max_ttl).max().unwrap_or(0)
    }

    pub fn tlsa_at(&self, owner: &[u8]) -> Option<&TlsaSet> {
        self.tlsa.iter().find(|s| s.owner == owner)
    }
}

/// A digest of the zone's content, independent of record order, case and layout.
fn digest(zone: &Zone) -> [u8; 32] {
    let mut each: Vec<[u8; 32]> = zone
        .records
        .iter()
        .map(|r| {
            let mut h = Sha256::new();
            h.update(name::to_lowercase(zone.owner_wire(r)));
            h.update(r.rtype.to_be_bytes());
            h.update(zone.class.to_be_bytes());
            h.update(r.ttl.to_be_bytes());
            h.update(zone.rdata(r));
            h.finalize().into()
        })
        .collect();
    each.sort_unstable();
    each.dedup();
    let mut h = Sha256::new();
    h.update(&zone.origin);
    for e in &each {
        h.update(e);
    }
    h.finalize().into()
}
