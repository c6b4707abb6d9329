//! Typed views over RDATA in wire form: each type's fields are read here, in one place,
//! rather than by byte offsets wherever a rule needs one (after NLnet Labs' `domain`,
//! `rdata::Soa`, `rdata::Dnskey`). A view borrows the RDATA and copies nothing; `parse`
//! returns `None` for RDATA too short for its fixed fields, so a rule can skip a record the
//! reader already reported.

use super::name;
use super::rtype::t;

/// Reads a big-endian `u16` at `at`.
fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

/// Reads a big-endian `u32` at `at`.
fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

/// The uncompressed name at the start of `d`, and what follows it.
fn split_name(d: &[u8]) -> Option<(&[u8], &[u8])> {
    let n = name::wire_len(d)?;
    Some(d.split_at(n))
}

/// SOA (RFC 1035 §3.3.13).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Soa<'a> {
    pub mname: &'a [u8],
    pub rname: &'a [u8],
    pub serial: u32,
    pub refresh: u32,
    pub retry: u32,
    pub expire: u32,
    /// The negative-caching TTL (RFC 2308 §4).
    pub minimum: u32,
}

impl<'a> Soa<'a> {
    pub fn parse(d: &'a [u8]) -> Option<Soa<'a>> {
        let (mname, rest) = split_name(d)?;
        let (rname, timers) = split_name(rest)?;
        Some(Soa {
            mname,
            rname,
            serial: u32_at(timers, 0)?,
            refresh: u32_at(timers, 4)?,
            retry: u32_at(timers, 8)?,
            expire: u32_at(timers, 12)?,
            minimum: u32_at(timers, 16)?,
        })
    }
}

/// DNSKEY and CDNSKEY (RFC 4034 §2.1, RFC 7344 §3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dnskey<'a> {
    pub flags: u16,
    pub protocol: u8,
    pub algorithm: u8,
    pub public_key: &'a [u8],
}

impl<'a> Dnskey<'a> {
    /// The Zone Key flag (bit 7).
    pub const ZONE_KEY: u16 = 0x0100;
    /// The Secure Entry Point flag (bit 15).
    pub const SEP: u16 = 0x0001;
    /// The REVOKE flag (RFC 5011 §3, bit 8).
    pub const REVOKE: u16 = 0x0080;

    pub fn parse(d: &'a [u8]) -> Option<Dnskey<'a>> {
        Some(Dnskey {
            flags: u16_at(d, 0)?,
            protocol: *d.get(2)?,
            algorithm: *d.get(3)?,
            public_key: d.get(4..)?,
        })
    }

    /// A zone key of protocol 3: the only kind that may sign the zone (RFC 4034 §2.1.1).
    pub fn is_zone_key(&self) -> bool {
        self.flags & Dnskey::ZONE_KEY != 0 && self.protocol == 3
    }
}

/// RRSIG (RFC 4034 §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rrsig<'a> {
    pub type_covered: u16,
    pub algorithm: u8,
    pub labels: u8,
    pub original_ttl: u32,
    /// Serial-number arithmetic applies (RFC 4034 §3.1.5).
    pub expiration: u32,
    pub inception: u32,
    pub key_tag: u16,
    /// The signer's name as written (case kept).
    pub signer: &'a [u8],
    pub signature: &'a [u8],
    /// The whole RDATA.
    pub rdata: &'a [u8],
}

impl<'a> Rrsig<'a> {
    /// The fixed fields before the signer's name.
    pub const FIXED: usize = 18;

    /// An RRSIG with a signer name and at least one octet of signature.
    pub fn parse(d: &'a [u8]) -> Option<Rrsig<'a>> {
        if d.len() < Rrsig::FIXED + 1 {
            return None;
        }
        let (signer, signature) = split_name(&d[Rrsig::FIXED..])?;
        Some(Rrsig {
            type_covered: u16_at(d, 0)?,
            algorithm: d[2],
            labels: d[3],
            original_ttl: u32_at(d, 4)?,
            expiration: u32_at(d, 8)?,
            inception: u32_at(d, 12)?,
            key_tag: u16_at(d, 16)?,
            signer,
            signature,
            rdata: d,
        })
    }

    /// The covered type, without decoding the rest.
    pub fn covered(d: &[u8]) -> Option<u16> {
        u16_at(d, 0)
    }
}

/// DS and CDS (RFC 4034 §5.1, RFC 7344 §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ds<'a> {
    pub key_tag: u16,
    pub algorithm: u8,
    pub digest_type: u8,
    pub digest: &'a [u8],
}

impl<'a> Ds<'a> {
    pub fn parse(d: &'a [u8]) -> Option<Ds<'a>> {
        Some(Ds {
            key_tag: u16_at(d, 0)?,
            algorithm: *d.get(2)?,
            digest_type: *d.get(3)?,
            digest: d.get(4..)?,
        })
    }
}

/// NSEC (RFC 4034 §4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Nsec<'a> {
    pub next: &'a [u8],
    /// The type bitmap in wire form (windows).
    pub types: &'a [u8],
}

impl<'a> Nsec<'a> {
    pub fn parse(d: &'a [u8]) -> Option<Nsec<'a>> {
        let (next, types) = split_name(d)?;
        Some(Nsec { next, types })
    }
}

/// NSEC3 (RFC 5155 §3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Nsec3<'a> {
    pub hash_algorithm: u8,
    /// Bit 0 is Opt-Out (RFC 5155 §3.1.2.1).
    pub flags: u8,
    pub iterations: u16,
    pub salt: &'a [u8],
    pub next_hashed: &'a [u8],
    pub types: &'a [u8],
}

impl<'a> Nsec3<'a> {
    pub fn parse(d: &'a [u8]) -> Option<Nsec3<'a>> {
        let salt_len = *d.get(4)? as usize;
        let salt = d.get(5..5 + salt_len)?;
        let at = 5 + salt_len;
        let hash_len = *d.get(at)? as usize;
        let next_hashed = d.get(at + 1..at + 1 + hash_len)?;
        Some(Nsec3 {
            hash_algorithm: d[0],
            flags: d[1],
            iterations: u16_at(d, 2)?,
            salt,
            next_hashed,
            types: &d[at + 1 + hash_len..],
        })
    }

    pub fn opt_out(&self) -> bool {
        self.flags & 1 != 0
    }
}

/// NSEC3PARAM (RFC 5155 §4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Nsec3Param<'a> {
    pub hash_algorithm: u8,
    pub flags: u8,
    pub iterations: u16,
    pub salt: &'a [u8],
}

impl<'a> Nsec3Param<'a> {
    pub fn parse(d: &'a [u8]) -> Option<Nsec3Param<'a>> {
        let salt_len = *d.get(4)? as usize;
        Some(Nsec3Param {
            hash_algorithm: *d.first()?,
            flags: *d.get(1)?,
            iterations: u16_at(d, 2)?,
            salt: d.get(5..5 + salt_len)?,
        })
    }
}

/// MX (RFC 1035 §3.3.9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mx<'a> {
    pub preference: u16,
    pub exchange: &'a [u8],
}

impl<'a> Mx<'a> {
    pub fn parse(d: &'a [u8]) -> Option<Mx<'a>> {
        Some(Mx {
            preference: u16_at(d, 0)?,
            exchange: split_name(d.get(2..)?)?.0,
        })
    }
}

/// SRV (RFC 2782).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Srv<'a> {
    pub priority: u16,
    pub weight: u16,
    pub port: u16,
    pub target: &'a [u8],
}

impl<'a> Srv<'a> {
    pub fn parse(d: &'a [u8]) -> Option<Srv<'a>> {
        Some(Srv {
            priority: u16_at(d, 0)?,
            weight: u16_at(d, 2)?,
            port: u16_at(d, 4)?,
            target: split_name(d.get(6..)?)?.0,
        })
    }
}

/// The host name a record of type `rtype` points at: NS, CNAME, DNAME and PTR targets, the
/// MX exchange, the SRV target.
pub fn target(rtype: u16, d: &[u8]) -> Option<&[u8]> {
    match rtype {
        t::NS | t::CNAME | t::DNAME | t::PTR => Some(split_name(d)?.0),
        t::MX => Some(Mx::parse(d)?.exchange),
        t::SRV => Some(Srv::parse(d)?.target),
        _ => None,
    }
}

/// The character-strings of TXT (and SPF) RDATA (RFC 1035 §3.3.14), in order; a string
/// whose length runs past the end ends the iteration.
pub fn strings(d: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = d;
    std::iter::from_fn(move || {
        let (&len, tail) = rest.split_first()?;
        let s = tail.get(..len as usize)?;
        rest = &tail[len as usize..];
        Some(s)
    })
}

/// SVCB and HTTPS (RFC 9460 §2.2): priority, target and the SvcParams in wire form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Svcb<'a> {
    pub priority: u16,
    pub target: &'a [u8],
    pub params: &'a [u8],
}

impl<'a> Svcb<'a> {
    pub fn parse(d: &'a [u8]) -> Option<Svcb<'a>> {
        let priority = u16_at(d, 0)?;
        let (target, params) = split_name(d.get(2..)?)?;
        Some(Svcb {
            priority,
            target,
            params,
        })
    }

    /// The SvcParams as (key, value), in wire order; stops at one that is cut short.
    pub fn params(&self) -> impl Iterator<Item = (u16, &'a [u8])> {
        let mut rest = self.params;
        std::iter::from_fn(move || {
            let key = u16_at(rest, 0)?;
            let len = usize::from(u16_at(rest, 2)?);
            let value = rest.get(4..4 + len)?;
            rest = &rest[4 + len..];
            Some((key, value))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_read_their_fields() {
        let soa = [
            &[2, b'n', b's', 0][..],
            &[1, b'h', 0],
            &1u32.to_be_bytes(),
            &7200u32.to_be_bytes(),
            &3600u32.to_be_bytes(),
            &1_209_600u32.to_be_bytes(),
            &300u32.to_be_bytes(),
        ]
        .concat();
        let s = Soa::parse(&soa).unwrap();
        assert_eq!(
            (s.serial, s.refresh, s.retry, s.expire, s.minimum),
            (1, 7200, 3600, 1_209_600, 300)
        );
        assert_eq!(s.rname, [1, b'h', 0]);
        assert!(Soa::parse(&soa[..soa.len() - 1]).is_none());

        let mx = [0, 10, 2, b'm', b'x', 0, 0xff];
        assert_eq!(Mx::parse(&mx).unwrap().exchange, [2, b'm', b'x', 0]);
        assert_eq!(target(t::MX, &mx), Some(&[2, b'm', b'x', 0][..]));
        assert_eq!(target(t::A, &mx), None);

        let nsec3 = [1, 1, 0, 10, 2, 0xab, 0xcd, 3, 1, 2, 3, 0, 1, 0x40];
        let n = Nsec3::parse(&nsec3).unwrap();
        assert_eq!(
            (n.iterations, n.salt, n.next_hashed),
            (10, &[0xab, 0xcd][..], &[1, 2, 3][..])
        );
        assert!(n.opt_out());
        assert_eq!(n.types, [0, 1, 0x40]);
        assert!(Nsec3::parse(&nsec3[..8]).is_none());

        let txt = [3, b'a', b'b', b'c', 0, 1, b'd', 5, b'x'];
        let got: Vec<&[u8]> = strings(&txt).collect();
        assert_eq!(got, [&b"abc"[..], b"", b"d"]);
    }
}
