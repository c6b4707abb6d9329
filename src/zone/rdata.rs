//! RDATA: the shape of each type's data, and its reading from text into wire form and back.
//!
//! Each type is described once, as a list of [`Field`]s (the data model); one encoder and one
//! printer walk that list. Wire form is uncompressed and keeps names in the case they were
//! written in; canonical lower-casing (RFC 4034 §6.2) is applied where a signature needs it.

use super::lexer::Token;
use super::name;
use super::rtype::{self, parse_algorithm, parse_type, type_to_string};
use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

/// How one RDATA field is written in text and laid out on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A domain name, uncompressed.
    Name,
    U8,
    U16,
    U32,
    /// A 32-bit period that may be written with TTL units (SOA timers, RFC 2308 §4).
    Period,
    Ipv4,
    Ipv6,
    /// One `<character-string>`: a length octet and up to 255 octets.
    Str,
    /// One or more character-strings, to the end of the record.
    Strs,
    /// Base64, possibly split over several words, to the end of the record.
    Base64,
    /// Like `Base64`, but may be absent.
    Base64Opt,
    /// Hexadecimal, possibly split over several words, to the end of the record.
    Hex,
    /// NSEC3 salt: `-` or hex, with a length octet (RFC 5155 §3.3).
    Salt,
    /// NSEC3 next hashed owner: base32hex with a length octet (RFC 5155 §3.3).
    Hash32,
    /// A type bitmap, to the end of the record (RFC 4034 §4.1.2).
    Bitmap,
    /// An RRSIG time: `YYYYMMDDHHmmSS` or seconds (RFC 4034 §3.2).
    Time,
    /// A record type mnemonic, 16 bits.
    Type,
    /// A DNSSEC algorithm number or mnemonic, 8 bits.
    Alg,
    /// A CERT type number or mnemonic, 16 bits (RFC 4398 §2.1).
    CertType,
    /// A CAA tag: a length octet and letters and digits (RFC 8659 §4.1).
    Tag,
    /// One string, without a length octet, to the end of the RDATA (CAA value, URI target).
    Raw,
    /// SVCB service parameters, to the end of the record (RFC 9460 §2.1).
    SvcParams,
    /// The whole LOC presentation form (RFC 1876 §3).
    Loc,
    /// APL items, to the end of the record (RFC 3123 §5).
    Apl,
    Eui48,
    Eui64,
    /// A 64-bit ILNP locator or node id: four groups of hex (RFC 6742 §2).
    Ilnp64,
    /// An IPSECKEY gateway, whose form the preceding gateway-type octet selects (RFC 4025).
    Gateway,
    /// WKS protocol: a number, `tcp` or `udp` (RFC 1035 §3.4.2).
    WksProto,
    /// WKS services: port numbers or well-known names, as a bitmap, to the end.
    WksPorts,
    /// NSAP: `0x` and hex, dots allowed (RFC 1706 §5).
    Nsap,
    /// HIP: algorithm, HIT in hex, public key in base64, rendezvous servers (RFC 8005 §4).
    Hip,
}

use Field::*;

/// The RDATA layout of a type.
#[derive(Debug)]
pub struct TypeInfo {
    pub fields: &'static [Field],
    /// Names in this RDATA are lower-cased in canonical form (RFC 4034 §6.2, RFC 6840 §5.1).
    pub canonical_lower: bool,
}

const fn ti(fields: &'static [Field], canonical_lower: bool) -> TypeInfo {
    TypeInfo {
        fields,
        canonical_lower,
    }
}

static NAME_LC: TypeInfo = ti(&[Name], true);
static DS_LIKE: TypeInfo = ti(&[U16, Alg, U8, Hex], false);
static DNSKEY_LIKE: TypeInfo = ti(&[U16, U8, Alg, Base64], false);
static RRSIG_LIKE: TypeInfo = ti(&[Type, Alg, U8, U32, Time, Time, U16, Name, Base64], true);
static PREF_NAME: TypeInfo = ti(&[U16, Name], true);
static STRS: TypeInfo = ti(&[Strs], false);
static TLSA_LIKE: TypeInfo = ti(&[U8, U8, U8, Hex], false);
static SVCB_LIKE: TypeInfo = ti(&[U16, Name, SvcParams], false);

/// The layout of a type, if zonewarden reads it from text; others need RFC 3597's `\#` form.
pub fn schema(rtype: u16) -> Option<&'static TypeInfo> {
    static A: TypeInfo = ti(&[Ipv4], false);
    static SOA: TypeInfo = ti(&[Name, Name, U32, Period, Period, Period, Period], true);
    static HINFO: TypeInfo = ti(&[Str, Str], false);
    static MINFO: TypeInfo = ti(&[Name, Name], true);
    static X25: TypeInfo = ti(&[Str], false);
    static PX: TypeInfo = ti(&[U16, Name, Name], true);
    static GPOS: TypeInfo = ti(&[Str, Str, Str], false);
    static AAAA: TypeInfo = ti(&[Ipv6], false);
    static LOC: TypeInfo = ti(&[Loc], false);
    static SRV: TypeInfo = ti(&[U16, U16, U16, Name], true);
    static NAPTR: TypeInfo = ti(&[U16, U16, Str, Str, Str, Name], true);
    static CERT: TypeInfo = ti(&[CertType, U16, Alg, Base64], false);
    static APL: TypeInfo = ti(&[Apl], false);
    static SSHFP: TypeInfo = ti(&[U8, U8, Hex], false);
    static IPSECKEY: TypeInfo = ti(&[U8, U8, U8, Gateway, Base64Opt], false);
    static NSEC: TypeInfo = ti(&[Name, Bitmap], false);
    static B64: TypeInfo = ti(&[Base64], false);
    static NSEC3: TypeInfo = ti(&[U8, U8, U16, Salt, Hash32, Bitmap], false);
    static NSEC3PARAM: TypeInfo = ti(&[U8, U8, U16, Salt], false);
    static TALINK: TypeInfo = ti(&[Name, Name], false);
    static CSYNC: TypeInfo = ti(&[U32, U16, Bitmap], false);
    static ZONEMD: TypeInfo = ti(&[U32, U8, U8, Hex], false);
    static DSYNC: TypeInfo = ti(&[Type, U8, U16, Name], false);
    static ILNP: TypeInfo = ti(&[U16, Ilnp64], false);
    static L32: TypeInfo = ti(&[U16, Ipv4], false);
    static LP: TypeInfo = ti(&[U16, Name], false);
    static EUI48: TypeInfo = ti(&[Eui48], false);
    static EUI64: TypeInfo = ti(&[Eui64], false);
    static URI: TypeInfo = ti(&[U16, U16, Raw], false);
    static CAA: TypeInfo = ti(&[U8, Tag, Raw], false);
    static NAME_PLAIN: TypeInfo = ti(&[Name], false);
    static WKS: TypeInfo = ti(&[Ipv4, WksProto, WksPorts], false);
    static NSAP: TypeInfo = ti(&[Nsap], false);
    static HEX: TypeInfo = ti(&[Hex], false);
    static HIP: TypeInfo = ti(&[Hip], false);
    Some(match rtype {
        1 => &A,
        2..=5 | 7..=9 | 12 | 39 => &NAME_LC,
        6 => &SOA,
        11 => &WKS,
        13 => &HINFO,
        20 => &STRS,
        22 => &NSAP,
        31 | 32 => &HEX,
        55 => &HIP,
        14 | 17 => &MINFO,
        15 | 18 | 21 | 36 => &PREF_NAME,
        16 | 56 | 99 | 258 | 261 => &STRS,
        19 => &X25,
        24 | 46 => &RRSIG_LIKE,
        25 | 48 | 57 | 60 => &DNSKEY_LIKE,
        26 => &PX,
        27 => &GPOS,
        28 => &AAAA,
        29 => &LOC,
        33 => &SRV,
        35 => &NAPTR,
        37 => &CERT,
        42 => &APL,
        43 | 59 | 32768 | 32769 => &DS_LIKE,
        44 => &SSHFP,
        45 => &IPSECKEY,
        47 => &NSEC,
        49 | 61 => &B64,
        50 => &NSEC3,
        51 => &NSEC3PARAM,
        52 | 53 => &TLSA_LIKE,
        58 => &TALINK,
        62 => &CSYNC,
        63 => &ZONEMD,
        64 | 65 => &SVCB_LIKE,
        66 => &DSYNC,
        104 | 106 => &ILNP,
        105 => &L32,
        107 => &LP,
        108 => &EUI48,
        109 => &EUI64,
        256 => &URI,
        257 => &CAA,
        0xff00..=0xffff => return None,
        _ if rtype == 40 => &NAME_PLAIN,
        _ => return None,
    })
}

/// Why RDATA text could not be encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RdataError {
    /// The record ended where this was expected.
    Missing(&'static str),
    /// Token `index` is not what was expected; the message says what was.
    Bad { index: usize, message: String },
    /// Tokens from `index` on are left over.
    Trailing { index: usize },
    /// A name in the RDATA is malformed.
    Name {
        index: usize,
        error: name::NameError,
    },
    /// The type has no text form here; only `\#` is accepted.
    NoTextForm(u16),
}

/// Tokens of the RDATA being read, with the source they point into.
struct Cursor<'a> {
    src: &'a [u8],
    toks: &'a [Token],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn next(&mut self, expected: &'static str) -> Result<(usize, Token), RdataError> {
        let t = *self.toks.get(self.i).ok_or(RdataError::Missing(expected))?;
        self.i += 1;
        Ok((self.i - 1, t))
    }

    fn text(&self, t: Token) -> &'a [u8] {
        t.text(self.src)
    }

    fn at_end(&self) -> bool {
        self.i >= self.toks.len()
    }

    fn bad(index: usize, message: impl Into<String>) -> RdataError {
        RdataError::Bad {
            index,
            message: message.into(),
        }
    }

    /// The remaining tokens' text, concatenated (for base64 and hex split over words).
    fn rest_concat(&mut self) -> (usize, Vec<u8>) {
        let first = self.i;
        let mut v = Vec::new();
        while let Some(t) = self.toks.get(self.i) {
            v.extend_from_slice(t.text(self.src));
            self.i += 1;
        }
        (first, v)
    }
}

/// Encodes the RDATA tokens of one record onto `out`.
///
/// `origin` (wire form) completes relative names. The RFC 3597 form `\# LEN HEX` is
/// accepted for every type.
pub fn encode(
    rtype: u16,
    src: &[u8],
    toks: &[Token],
    origin: Option<&[u8]>,
    out: &mut Vec<u8>,
) -> Result<(), RdataError> {
    let mut c = Cursor { src, toks, i: 0 };
    if let Some(first) = toks.first() {
        if !first.quoted && first.text(src) == b"\\#" {
            c.i = 1;
            return encode_generic(&mut c, out);
        }
    }
    let info = schema(rtype).ok_or(RdataError::NoTextForm(rtype))?;
    let start = out.len();
    for &f in info.fields {
        encode_field(f, &mut c, origin, start, out)?;
    }
    if !c.at_end() {
        return Err(RdataError::Trailing { index: c.i });
    }
    if out.len() - start > 65535 {
        return Err(RdataError::Bad {
            index: 0,
            message: "RDATA longer than 65535 octets".into(),
        });
    }
    Ok(())
}

/// RFC 3597 §5: `\# LENGTH HEX…`.
fn encode_generic(c: &mut Cursor, out: &mut Vec<u8>) -> Result<(), RdataError> {
    let (li, lt) = c.next("the RDATA length after \\#")?;
    let len = parse_uint(c.text(lt), 65535).ok_or_else(|| {
        Cursor::bad(
            li,
            "expected the RDATA length after \\#, a number up to 65535",
        )
    })? as usize;
    let (hi, hex) = c.rest_concat();
    let data = decode_hex(&hex).ok_or_else(|| {
        Cursor::bad(
            hi.min(c.toks.len().saturating_sub(1)),
            "expected hexadecimal RDATA",
        )
    })?;
    if data.len() != len {
        return Err(Cursor::bad(
            li,
            format!("\\# says {len} octets but {} follow", data.len()),
        ));
    }
    out.extend_from_slice(&data);
    Ok(())
}

fn encode_field(
    f: Field,
    c: &mut Cursor,
    origin: Option<&[u8]>,
    rdata_start: usize,
    out: &mut Vec<u8>,
) -> Result<(), RdataError> {
    match f {
        Name => {
            let (i, t) = c.next("a domain name")?;
            encode_name(c.text(t), t, origin, out)
                .map_err(|error| RdataError::Name { index: i, error })?;
        }
        U8 => {
            let (i, t) = c.next("a number (0-255)")?;
            let v = parse_uint(c.text(t), 255)
                .ok_or_else(|| Cursor::bad(i, "expected a number from 0 to 255"))?;
            out.push(v as u8);
        }
        U16 => {
            let (i, t) = c.next("a number (0-65535)")?;
            let v = parse_uint(c.text(t), 65535)
                .ok_or_else(|| Cursor::bad(i, "expected a number from 0 to 65535"))?;
            out.extend_from_slice(&(v as u16).to_be_bytes());
        }
        U32 => {
            let (i, t) = c.next("a number")?;
            let v = parse_uint(c.text(t), u32::MAX as u64)
                .ok_or_else(|| Cursor::bad(i, "expected a number from 0 to 4294967295"))?;
            out.extend_from_slice(&(v as u32).to_be_bytes());
        }
        Period => {
            let (i, t) = c.next("a time period")?;
            let v = parse_ttl(c.text(t))
                .ok_or_else(|| Cursor::bad(i, "expected a time period such as 3600 or 1h"))?;
            out.extend_from_slice(&v.to_be_bytes());
        }
        Ipv4 => {
            let (i, t) = c.next("an IPv4 address")?;
            let a =
                parse_ipv4(c.text(t)).ok_or_else(|| Cursor::bad(i, "expected an IPv4 address"))?;
            out.extend_from_slice(&a.octets());
        }
        Ipv6 => {
            let (i, t) = c.next("an IPv6 address")?;
            let a =
                parse_ipv6(c.text(t)).ok_or_else(|| Cursor::bad(i, "expected an IPv6 address"))?;
            out.extend_from_slice(&a.octets());
        }
        Str => {
            let (i, t) = c.next("a character string")?;
            encode_char_string(c.text(t), t.escaped, out).map_err(|m| Cursor::bad(i, m))?;
        }
        Strs => {
            let (i, t) = c.next("a character string")?;
            encode_char_string(c.text(t), t.escaped, out).map_err(|m| Cursor::bad(i, m))?;
            while !c.at_end() {
                let (i, t) = c.next("a character string")?;
                encode_char_string(c.text(t), t.escaped, out).map_err(|m| Cursor::bad(i, m))?;
            }
        }
        Base64 | Base64Opt => {
            if f == Base64 && c.at_end() {
                return Err(RdataError::Missing("base64 data"));
            }
            if c.at_end() {
                return Ok(());
            }
            let (i, text) = c.rest_concat();
            let data =
                decode_base64(&text).ok_or_else(|| Cursor::bad(i, "expected base64 data"))?;
            out.extend_from_slice(&data);
        }
        Hex => {
            if c.at_end() {
                return Err(RdataError::Missing("hexadecimal data"));
            }
            let (i, text) = c.rest_concat();
            let data = decode_hex(&text).ok_or_else(|| {
                Cursor::bad(i, "expected hexadecimal data (an even number of digits)")
            })?;
            out.extend_from_slice(&data);
        }
        Salt => {
            let (i, t) = c.next("a salt (hex, or - for none)")?;
            let text = c.text(t);
            if text == b"-" {
                out.push(0);
            } else {
                let data = decode_hex(text)
                    .filter(|d| !d.is_empty() && d.len() <= 255)
                    .ok_or_else(|| Cursor::bad(i, "expected a salt in hex, or - for none"))?;
                out.push(data.len() as u8);
                out.extend_from_slice(&data);
            }
        }
        Hash32 => {
            let (i, t) = c.next("the next hashed owner name (base32hex)")?;
            let upper = c.text(t).to_ascii_uppercase();
            let data = data_encoding::BASE32HEX_NOPAD
                .decode(&upper)
                .ok()
                .filter(|d| !d.is_empty() && d.len() <= 255)
                .ok_or_else(|| Cursor::bad(i, "expected a hashed owner name in base32hex"))?;
            out.push(data.len() as u8);
            out.extend_from_slice(&data);
        }
        Bitmap => {
            let mut types = Vec::new();
            while !c.at_end() {
                let (i, t) = c.next("a record type")?;
                let ty = parse_type(c.text(t))
                    .ok_or_else(|| Cursor::bad(i, "expected a record type in the type bitmap"))?;
                types.push(ty);
            }
            encode_bitmap(&mut types, out);
        }
        Time => {
            let (i, t) = c.next("a time (YYYYMMDDHHmmSS)")?;
            let v = parse_rrsig_time(c.text(t)).ok_or_else(|| {
                Cursor::bad(i, "expected a time as YYYYMMDDHHmmSS or seconds since 1970")
            })?;
            out.extend_from_slice(&v.to_be_bytes());
        }
        Type => {
            let (i, t) = c.next("a record type")?;
            let v =
                parse_type(c.text(t)).ok_or_else(|| Cursor::bad(i, "expected a record type"))?;
            out.extend_from_slice(&v.to_be_bytes());
        }
        Alg => {
            let (i, t) = c.next("an algorithm")?;
            let text = c.text(t);
            let v = parse_uint(text, 255)
                .map(|v| v as u8)
                .or_else(|| parse_algorithm(text))
                .ok_or_else(|| Cursor::bad(i, "expected an algorithm number or mnemonic"))?;
            out.push(v);
        }
        CertType => {
            let (i, t) = c.next("a certificate type")?;
            let text = c.text(t);
            let v = parse_uint(text, 65535)
                .map(|v| v as u16)
                .or_else(|| {
                    CERT_TYPES
                        .iter()
                        .find(|(_, n)| n.as_bytes().eq_ignore_ascii_case(text))
                        .map(|&(v, _)| v)
                })
                .ok_or_else(|| Cursor::bad(i, "expected a certificate type"))?;
            out.extend_from_slice(&v.to_be_bytes());
        }
        Tag => {
            let (i, t) = c.next("a CAA tag")?;
            let text = c.text(t);
            if text.is_empty() || text.len() > 255 || !text.iter().all(u8::is_ascii_alphanumeric) {
                return Err(Cursor::bad(i, "expected a CAA tag of letters and digits"));
            }
            out.push(text.len() as u8);
            out.extend_from_slice(text);
        }
        Raw => {
            let (i, t) = c.next("a string")?;
            unescape_into(c.text(t), t.escaped, out).map_err(|m| Cursor::bad(i, m))?;
        }
        SvcParams => encode_svc_params(c, out)?,
        Loc => encode_loc(c, out)?,
        Apl => {
            while !c.at_end() {
                let (i, t) = c.next("an APL item")?;
                encode_apl_item(c.text(t), out)
                    .ok_or_else(|| Cursor::bad(i, "expected an APL item such as 1:192.0.2.0/24"))?;
            }
        }
        Eui48 | Eui64 => {
            let n = if f == Eui48 { 6 } else { 8 };
            let (i, t) = c.next("an EUI address")?;
            let text = c.text(t);
            let parts: Vec<&[u8]> = text.split(|&b| b == b'-').collect();
            let ok = parts.len() == n && parts.iter().all(|p| p.len() == 2);
            let bytes = ok
                .then(|| {
                    decode_hex(
                        &text
                            .iter()
                            .copied()
                            .filter(|&b| b != b'-')
                            .collect::<Vec<_>>(),
                    )
                })
                .flatten();
            let bytes = bytes
                .ok_or_else(|| Cursor::bad(i, format!("expected {n} hex pairs separated by -")))?;
            out.extend_from_slice(&bytes);
        }
        Ilnp64 => {
            let (i, t) = c.next("a 64-bit locator")?;
            let text = c.text(t);
            let groups: Vec<&[u8]> = text.split(|&b| b == b':').collect();
            if groups.len() != 4 || groups.iter().any(|g| g.is_empty() || g.len() > 4) {
                return Err(Cursor::bad(
                    i,
                    "expected four groups of hex digits separated by :",
                ));
            }
            for g in groups {
                let s = std::str::from_utf8(g).ok();
                let v = s
                    .and_then(|s| u16::from_str_radix(s, 16).ok())
                    .ok_or_else(|| Cursor::bad(i, "expected hex digits"))?;
                out.extend_from_slice(&v.to_be_bytes());
            }
        }
        WksProto => {
            let (i, t) = c.next("a protocol")?;
            let text = c.text(t);
            let v = parse_uint(text, 255)
                .map(|v| v as u8)
                .or_else(|| {
                    WKS_PROTOCOLS
                        .iter()
                        .find(|(_, n)| n.as_bytes().eq_ignore_ascii_case(text))
                        .map(|&(v, _)| v)
                })
                .ok_or_else(|| Cursor::bad(i, "expected a protocol number, tcp or udp"))?;
            out.push(v);
        }
        WksPorts => {
            let mut bits: Vec<u8> = Vec::new();
            while !c.at_end() {
                let (i, t) = c.next("a port")?;
                let text = c.text(t);
                let port = parse_uint(text, 65535)
                    .map(|v| v as u16)
                    .or_else(|| {
                        WKS_SERVICES
                            .iter()
                            .find(|(_, n)| n.as_bytes().eq_ignore_ascii_case(text))
                            .map(|&(v, _)| v)
                    })
                    .ok_or_else(|| Cursor::bad(i, "expected a port number or service name"))?
                    as usize;
                if bits.len() <= port / 8 {
                    bits.resize(port / 8 + 1, 0);
                }
                bits[port / 8] |= 0x80 >> (port % 8);
            }
            out.extend_from_slice(&bits);
        }
        Nsap => {
            let (i, t) = c.next("an NSAP address")?;
            let text = c.text(t);
            let hex: Vec<u8> = text
                .strip_prefix(b"0x")
                .or_else(|| text.strip_prefix(b"0X"))
                .map(|h| h.iter().copied().filter(|&b| b != b'.').collect())
                .unwrap_or_default();
            let data = decode_hex(&hex)
                .filter(|d| !d.is_empty())
                .ok_or_else(|| Cursor::bad(i, "expected 0x and hex digits"))?;
            out.extend_from_slice(&data);
        }
        Hip => {
            let (ai, at) = c.next("a public-key algorithm")?;
            let alg = parse_uint(c.text(at), 255)
                .ok_or_else(|| Cursor::bad(ai, "expected an algorithm number"))?;
            let (hi, ht) = c.next("a HIT in hex")?;
            let hit = decode_hex(c.text(ht))
                .filter(|d| !d.is_empty() && d.len() <= 255)
                .ok_or_else(|| Cursor::bad(hi, "expected a HIT in hex"))?;
            let (ki, kt) = c.next("a public key in base64")?;
            let key = decode_base64(c.text(kt))
                .filter(|d| d.len() <= 65535)
                .ok_or_else(|| Cursor::bad(ki, "expected a public key in base64"))?;
            out.push(hit.len() as u8);
            out.push(alg as u8);
            out.extend_from_slice(&(key.len() as u16).to_be_bytes());
            out.extend_from_slice(&hit);
            out.extend_from_slice(&key);
            while !c.at_end() {
                let (i, t) = c.next("a rendezvous server")?;
                encode_name(c.text(t), t, origin, out)
                    .map_err(|error| RdataError::Name { index: i, error })?;
            }
        }
        Gateway => {
            let gw_type = out.get(rdata_start + 1).copied().unwrap_or(0);
            let (i, t) = c.next("a gateway")?;
            let text = c.text(t);
            match gw_type {
                0 if text == b"." => {}
                1 => out.extend_from_slice(
                    &parse_ipv4(text)
                        .ok_or_else(|| Cursor::bad(i, "expected an IPv4 gateway"))?
                        .octets(),
                ),
                2 => out.extend_from_slice(
                    &parse_ipv6(text)
                        .ok_or_else(|| Cursor::bad(i, "expected an IPv6 gateway"))?
                        .octets(),
                ),
                3 => encode_name(text, t, origin, out)
                    .map_err(|error| RdataError::Name { index: i, error })?,
                _ => return Err(Cursor::bad(i, "gateway does not fit its gateway type")),
            }
        }
    }
    Ok(())
}

/// Encodes a name token (absolute, or relative to `origin`; `@` is the origin).
pub fn encode_name(
    text: &[u8],
    _t: Token,
    origin: Option<&[u8]>,
    out: &mut Vec<u8>,
) -> Result<(), name::NameError> {
    if text == b"@" {
        out.extend_from_slice(origin.ok_or(name::NameError::NoOrigin)?);
        return Ok(());
    }
    let start = out.len();
    let absolute = name::parse_text(text, out)?;
    if !absolute {
        let origin = origin.ok_or(name::NameError::NoOrigin)?;
        out.extend_from_slice(origin);
        let n = out.len() - start;
        if n > name::MAX_NAME_LEN {
            return Err(name::NameError::NameTooLong(n));
        }
    }
    Ok(())
}

/// Decodes `\X` and `\DDD` escapes onto `out`.
pub fn unescape_into(text: &[u8], escaped: bool, out: &mut Vec<u8>) -> Result<(), &'static str> {
    if !escaped {
        out.extend_from_slice(text);
        return Ok(());
    }
    let mut i = 0;
    while i < text.len() {
        if text[i] == b'\\' {
            let (b, used) =
                name::unescape(&text[i..]).ok_or("bad escape: \\DDD must be at most 255")?;
            out.push(b);
            i += used;
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    Ok(())
}

fn encode_char_string(text: &[u8], escaped: bool, out: &mut Vec<u8>) -> Result<(), String> {
    let len_at = out.len();
    out.push(0);
    unescape_into(text, escaped, out)?;
    let n = out.len() - len_at - 1;
    if n > 255 {
        out.truncate(len_at);
        return Err(format!("character string of {n} octets (at most 255)"));
    }
    out[len_at] = n as u8;
    Ok(())
}

/// RFC 4034 §4.1.2: window blocks of up to 32 octets, trailing zero octets dropped.
pub fn encode_bitmap(types: &mut Vec<u16>, out: &mut Vec<u8>) {
    types.sort_unstable();
    types.dedup();
    let mut i = 0;
    while i < types.len() {
        let window = (types[i] >> 8) as u8;
        let mut bits = [0u8; 32];
        let mut max = 0;
        while i < types.len() && (types[i] >> 8) as u8 == window {
            let low = (types[i] & 0xff) as usize;
            bits[low / 8] |= 0x80 >> (low % 8);
            max = low / 8;
            i += 1;
        }
        out.push(window);
        out.push(max as u8 + 1);
        out.extend_from_slice(&bits[..=max]);
    }
}

/// Decodes a type bitmap into its types, or `None` if it is malformed.
pub fn decode_bitmap(mut b: &[u8]) -> Option<Vec<u16>> {
    let mut types = Vec::new();
    let mut last_window: Option<u8> = None;
    while !b.is_empty() {
        let window = *b.first()?;
        let len = *b.get(1)? as usize;
        if len == 0 || len > 32 || last_window.is_some_and(|w| w >= window) {
            return None;
        }
        let bits = b.get(2..2 + len)?;
        for (octet, &v) in bits.iter().enumerate() {
            for bit in 0..8 {
                if v & (0x80 >> bit) != 0 {
                    types.push((u16::from(window) << 8) | (octet * 8 + bit) as u16);
                }
            }
        }
        last_window = Some(window);
        b = &b[2 + len..];
    }
    Some(types)
}

/// Parses a decimal number no greater than `max`.
pub fn parse_uint(text: &[u8], max: u64) -> Option<u64> {
    if text.is_empty() || text.len() > 20 || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: u64 = 0;
    for &d in text {
        v = v.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
    }
    (v <= max).then_some(v)
}

/// Parses a TTL: seconds, or BIND's units (`1w2d3h4m5s`, any case) (RFC 2308 §4).
pub fn parse_ttl(text: &[u8]) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    if let Some(v) = parse_uint(text, u32::MAX as u64) {
        return Some(v as u32);
    }
    let mut total: u64 = 0;
    let mut num: Option<u64> = None;
    for &c in text {
        if c.is_ascii_digit() {
            num = Some(
                num.unwrap_or(0)
                    .checked_mul(10)?
                    .checked_add(u64::from(c - b'0'))?,
            );
            continue;
        }
        let mult = match c.to_ascii_lowercase() {
            b'w' => 604_800,
            b'd' => 86_400,
            b'h' => 3_600,
            b'm' => 60,
            b's' => 1,
            _ => return None,
        };
        total = total.checked_add(num.take()?.checked_mul(mult)?)?;
    }
    if let Some(n) = num {
        total = total.checked_add(n)?;
    }
    u32::try_from(total).ok()
}

/// Dotted-quad IPv4, as `inet_pton` reads it: four decimal octets, no leading zeros.
fn parse_ipv4(text: &[u8]) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut parts = text.split(|&b| b == b'.');
    for o in octets.iter_mut() {
        let p = parts.next()?;
        if p.is_empty() || p.len() > 3 || (p.len() > 1 && p[0] == b'0') {
            return None;
        }
        *o = u8::try_from(parse_uint(p, 255)?).ok()?;
    }
    parts.next().is_none().then(|| Ipv4Addr::from(octets))
}

/// IPv6 in RFC 4291 §2.2 text form: up to eight groups of one to four hex digits, one `::`,
/// and optionally a dotted-quad IPv4 address in the last 32 bits.
fn parse_ipv6(text: &[u8]) -> Option<Ipv6Addr> {
    let mut head = [0u16; 8];
    let mut tail = [0u16; 8];
    let (mut nh, mut nt) = (0usize, 0usize);
    let mut gap = false;
    let mut i = 0;
    if text.starts_with(b"::") {
        gap = true;
        i = 2;
        if text.len() == 2 {
            return Some(Ipv6Addr::UNSPECIFIED);
        }
    } else if text.first() == Some(&b':') {
        return None;
    }
    loop {
        let start = i;
        let mut v: u32 = 0;
        while i < text.len() && i - start < 5 {
            let d = match text[i] {
                c @ b'0'..=b'9' => c - b'0',
                c @ b'a'..=b'f' => c - b'a' + 10,
                c @ b'A'..=b'F' => c - b'A' + 10,
                _ => break,
            };
            v = v * 16 + u32::from(d);
            i += 1;
        }
        let len = i - start;
        let groups = nh + nt;
        if i < text.len() && text[i] == b'.' {
            // An embedded IPv4 address takes the last two groups.
            if groups > 6 {
                return None;
            }
            let v4 = parse_ipv4(&text[start..])?.octets();
            let (dst, n) = if gap {
                (&mut tail, &mut nt)
            } else {
                (&mut head, &mut nh)
            };
            dst[*n] = u16::from_be_bytes([v4[0], v4[1]]);
            dst[*n + 1] = u16::from_be_bytes([v4[2], v4[3]]);
            *n += 2;
            break;
        }
        if len == 0 || len > 4 || groups >= 8 {
            return None;
        }
        if gap {
            tail[nt] = v as u16;
            nt += 1;
        } else {
            head[nh] = v as u16;
            nh += 1;
        }
        if i == text.len() {
            break;
        }
        if text[i] != b':' {
            return None;
        }
        i += 1;
        if i < text.len() && text[i] == b':' {
            if gap {
                return None;
            }
            gap = true;
            i += 1;
            if i == text.len() {
                break;
            }
        } else if i == text.len() {
            return None;
        }
    }
    let total = nh + nt;
    if (gap && total > 7) || (!gap && total != 8) {
        return None;
    }
    let mut groups = [0u16; 8];
    groups[..nh].copy_from_slice(&head[..nh]);
    groups[8 - nt..].copy_from_slice(&tail[..nt]);
    Some(Ipv6Addr::from(groups))
}

/// Hex, either case; an even number of digits.
pub fn decode_hex(text: &[u8]) -> Option<Vec<u8>> {
    data_encoding::HEXLOWER_PERMISSIVE.decode(text).ok()
}

fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    data_encoding::BASE64.decode(text).ok()
}

/// RFC 4034 §3.2: `YYYYMMDDHHmmSS` in UTC, or an unsigned decimal of seconds.
pub fn parse_rrsig_time(text: &[u8]) -> Option<u32> {
    if text.len() == 14 && text.iter().all(u8::is_ascii_digit) {
        let n = |r: std::ops::Range<usize>| -> i64 {
            text[r]
                .iter()
                .fold(0i64, |a, d| a * 10 + i64::from(d - b'0'))
        };
        let (y, mo, d, h, mi, s) = (n(0..4), n(4..6), n(6..8), n(8..10), n(10..12), n(12..14));
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
            return None;
        }
        let days = days_from_civil(y, mo, d);
        let secs = days * 86400 + h * 3600 + mi * 60 + s;
        // Serial-number arithmetic (RFC 4034 §3.1.5): the value is taken modulo 2^32.
        return Some(secs.rem_euclid(1 << 32) as u32);
    }
    parse_uint(text, u32::MAX as u64).map(|v| v as u32)
}

pub use crate::time::{days_from_civil, format_time};

const WKS_PROTOCOLS: &[(u8, &str)] = &[(6, "tcp"), (17, "udp")];

/// Service names BIND's resolver library commonly knows; numbers work for all.
const WKS_SERVICES: &[(u16, &str)] = &[
    (21, "ftp"),
    (22, "ssh"),
    (23, "telnet"),
    (25, "smtp"),
    (53, "domain"),
    (80, "http"),
    (110, "pop3"),
    (123, "ntp"),
    (143, "imap"),
    (443, "https"),
];

const CERT_TYPES: &[(u16, &str)] = &[
    (1, "PKIX"),
    (2, "SPKI"),
    (3, "PGP"),
    (4, "IPKIX"),
    (5, "ISPKI"),
    (6, "IPGP"),
    (7, "ACPKIX"),
    (8, "IACPKIX"),
    (253, "URI"),
    (254, "OID"),
];

const SVC_KEYS: &[(u16, &str)] = &[
    (0, "mandatory"),
    (1, "alpn"),
    (2, "no-default-alpn"),
    (3, "port"),
    (4, "ipv4hint"),
    (5, "ech"),
    (6, "ipv6hint"),
    (7, "dohpath"),
    (8, "ohttp"),
    (9, "tls-supported-groups"),
];

fn parse_svc_key(text: &[u8]) -> Option<u16> {
    if let Some(&(k, _)) = SVC_KEYS.iter().find(|(_, n)| n.as_bytes() == text) {
        return Some(k);
    }
    let digits = text.strip_prefix(b"key")?;
    if digits.len() > 1 && digits[0] == b'0' {
        return None;
    }
    parse_uint(digits, 65535).map(|v| v as u16)
}

fn svc_key_name(k: u16) -> String {
    SVC_KEYS
        .iter()
        .find(|(c, _)| *c == k)
        .map(|(_, n)| n.to_string())
        .unwrap_or_else(|| format!("key{k}"))
}

/// Splits an RFC 9460 Appendix A.1 value list at commas that are not escaped.
fn split_value_list(raw: &[u8]) -> Vec<&[u8]> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'\\' => i += 2,
            b',' => {
                items.push(&raw[start..i]);
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    items.push(&raw[start.min(raw.len())..]);
    items
}

/// RFC 9460 §2.1: `key[=value]` pairs, any order in text, ascending by key on the wire.
fn encode_svc_params(c: &mut Cursor, out: &mut Vec<u8>) -> Result<(), RdataError> {
    let mut params: Vec<(u16, Vec<u8>, usize)> = Vec::new();
    while !c.at_end() {
        let (i, t) = c.next("a service parameter")?;
        let text = c.text(t);
        let (key_text, mut value) = match text.iter().position(|&b| b == b'=') {
            Some(p) => (&text[..p], Some(&text[p + 1..])),
            None => (text, None),
        };
        // `key="value"`: the lexer ends the word at the quote; the value is the next token.
        if value == Some(&b""[..]) && c.toks.get(c.i).is_some_and(|t| t.quoted) {
            let (_, vt) = c.next("a value")?;
            value = Some(c.text(vt));
        }
        let key = parse_svc_key(key_text).ok_or_else(|| {
            Cursor::bad(
                i,
                "expected a service parameter key such as alpn or key65333",
            )
        })?;
        let raw = value;
        let bad = |m: &str| Cursor::bad(i, m.to_string());
        let mut wire = Vec::new();
        match key {
            0 => {
                let mut keys = Vec::new();
                for item in
                    split_value_list(raw.ok_or_else(|| bad("mandatory needs a list of keys"))?)
                {
                    keys.push(
                        parse_svc_key(item).ok_or_else(|| bad("expected a key in mandatory"))?,
                    );
                }
                keys.sort_unstable();
                for k in keys {
                    wire.extend_from_slice(&k.to_be_bytes());
                }
            }
            1 => {
                // RFC 9460 Appendix A.1: the character-string is decoded first, then split
                // at commas not escaped by a backslash, then `\,` and `\\` in each item.
                let mut list = Vec::new();
                unescape_into(
                    raw.ok_or_else(|| bad("alpn needs a value"))?,
                    true,
                    &mut list,
                )
                .map_err(bad)?;
                for item in split_value_list(&list) {
                    let mut id = Vec::new();
                    unescape_into(item, true, &mut id).map_err(bad)?;
                    if id.is_empty() || id.len() > 255 {
                        return Err(bad("alpn identifiers must be 1 to 255 octets"));
                    }
                    wire.push(id.len() as u8);
                    wire.extend_from_slice(&id);
                }
            }
            2 | 8 => {
                if raw.is_some_and(|v| !v.is_empty()) {
                    return Err(bad("this key takes no value"));
                }
            }
            3 => {
                let v = raw
                    .and_then(|v| parse_uint(v, 65535))
                    .ok_or_else(|| bad("port needs a number"))?;
                wire.extend_from_slice(&(v as u16).to_be_bytes());
            }
            4 => {
                for item in split_value_list(raw.ok_or_else(|| bad("ipv4hint needs addresses"))?) {
                    wire.extend_from_slice(
                        &parse_ipv4(item)
                            .ok_or_else(|| bad("expected IPv4 addresses"))?
                            .octets(),
                    );
                }
            }
            6 => {
                for item in split_value_list(raw.ok_or_else(|| bad("ipv6hint needs addresses"))?) {
                    wire.extend_from_slice(
                        &parse_ipv6(item)
                            .ok_or_else(|| bad("expected IPv6 addresses"))?
                            .octets(),
                    );
                }
            }
            5 => {
                wire = decode_base64(raw.ok_or_else(|| bad("ech needs base64"))?)
                    .ok_or_else(|| bad("expected base64 for ech"))?;
            }
            _ => {
                if let Some(v) = raw {
                    unescape_into(v, true, &mut wire).map_err(bad)?;
                }
            }
        }
        if wire.len() > 65535 {
            return Err(bad("service parameter value too long"));
        }
        params.push((key, wire, i));
    }
    params.sort_by_key(|p| p.0);
    for w in params.windows(2) {
        if w[0].0 == w[1].0 {
            return Err(Cursor::bad(w[1].2, "service parameter key given twice"));
        }
    }
    for (key, value, _) in params {
        out.extend_from_slice(&key.to_be_bytes());
        out.extend_from_slice(&(value.len() as u16).to_be_bytes());
        out.extend_from_slice(&value);
    }
    Ok(())
}

/// RFC 3123 §5: `[!]afi:address/prefix`.
fn encode_apl_item(text: &[u8], out: &mut Vec<u8>) -> Option<()> {
    let (neg, text) = match text.strip_prefix(b"!") {
        Some(t) => (true, t),
        None => (false, text),
    };
    let colon = text.iter().position(|&b| b == b':')?;
    let slash = text.iter().rposition(|&b| b == b'/')?;
    let afi = parse_uint(&text[..colon], 65535)? as u16;
    let addr = text.get(colon + 1..slash)?;
    let prefix = parse_uint(&text[slash + 1..], 255)? as u8;
    let mut bytes = match afi {
        1 if prefix <= 32 => parse_ipv4(addr)?.octets().to_vec(),
        2 if prefix <= 128 => parse_ipv6(addr)?.octets().to_vec(),
        _ => return None,
    };
    while bytes.last() == Some(&0) {
        bytes.pop();
    }
    out.extend_from_slice(&afi.to_be_bytes());
    out.push(prefix);
    out.push(bytes.len() as u8 | if neg { 0x80 } else { 0 });
    out.extend_from_slice(&bytes);
    Some(())
}

/// RFC 1876 §3: parses `d [m [s]] N|S d [m [s]] E|W alt[m] [siz[m] [hp[m] [vp[m]]]]`.
fn encode_loc(c: &mut Cursor, out: &mut Vec<u8>) -> Result<(), RdataError> {
    let start_index = c.i;
    let words: Vec<&[u8]> = c.toks[c.i..].iter().map(|t| t.text(c.src)).collect();
    c.i = c.toks.len();
    let bad = || {
        Cursor::bad(
            start_index,
            "expected LOC data: d [m [s]] N|S d [m [s]] E|W alt[m] [size[m] [hp[m] [vp[m]]]]",
        )
    };
    let mut w = words.into_iter().peekable();
    let mut coord = |pos: &[u8], neg: &[u8]| -> Option<i64> {
        let deg = parse_uint(w.next()?, 180)? as i64;
        let mut min = 0i64;
        let mut msec = 0i64;
        let mut hemi = w.next()?;
        if hemi.len() != 1 || !(hemi.eq_ignore_ascii_case(pos) || hemi.eq_ignore_ascii_case(neg)) {
            min = parse_uint(hemi, 59)? as i64;
            hemi = w.next()?;
            if hemi.len() != 1
                || !(hemi.eq_ignore_ascii_case(pos) || hemi.eq_ignore_ascii_case(neg))
            {
                msec = parse_decimal(hemi, 3)?;
                if msec >= 60_000 {
                    return None;
                }
                hemi = w.next()?;
            }
        }
        let value = ((deg * 60 + min) * 60) * 1000 + msec;
        if hemi.eq_ignore_ascii_case(pos) {
            Some(value)
        } else if hemi.eq_ignore_ascii_case(neg) {
            Some(-value)
        } else {
            None
        }
    };
    let lat = coord(b"N", b"S")
        .filter(|v| v.abs() <= 90 * 3_600_000)
        .ok_or_else(bad)?;
    let lon = coord(b"E", b"W")
        .filter(|v| v.abs() <= 180 * 3_600_000)
        .ok_or_else(bad)?;
    let meters = |t: &[u8]| -> Option<i64> {
        let t = t
            .strip_suffix(b"m")
            .or_else(|| t.strip_suffix(b"M"))
            .unwrap_or(t);
        parse_decimal(t, 2)
    };
    let alt = w.next().and_then(meters).ok_or_else(bad)?;
    if !(-10_000_000..=4_284_967_295).contains(&alt) {
        return Err(bad());
    }
    let mut prec = [100i64, 1_000_000, 1_000];
    for p in prec.iter_mut() {
        if let Some(t) = w.next() {
            *p = meters(t)
                .filter(|v| *v >= 0 && *v <= 9_000_000_000)
                .ok_or_else(bad)?;
        }
    }
    if w.next().is_some() {
        return Err(RdataError::Trailing {
            index: c.toks.len() - 1,
        });
    }
    out.push(0);
    for p in prec {
        out.push(loc_precision(p));
    }
    out.extend_from_slice(&((1i64 << 31) + lat).to_be_bytes()[4..]);
    out.extend_from_slice(&((1i64 << 31) + lon).to_be_bytes()[4..]);
    out.extend_from_slice(&(alt + 10_000_000).to_be_bytes()[4..]);
    Ok(())
}

/// A decimal with up to `places` fractional digits, scaled by 10^places; may be negative.
fn parse_decimal(t: &[u8], places: u32) -> Option<i64> {
    let (neg, t) = match t.strip_prefix(b"-") {
        Some(r) => (true, r),
        None => (false, t),
    };
    let (int, frac) = match t.iter().position(|&b| b == b'.') {
        Some(p) => (&t[..p], &t[p + 1..]),
        None => (t, &b""[..]),
    };
    if frac.len() > places as usize || (int.is_empty() && frac.is_empty()) {
        return None;
    }
    let i = if int.is_empty() {
        0
    } else {
        parse_uint(int, 1 << 40)? as i64
    };
    let mut f = if frac.is_empty() {
        0
    } else {
        parse_uint(frac, u64::MAX)? as i64
    };
    for _ in frac.len()..places as usize {
        f *= 10;
    }
    let v = i * 10i64.pow(places) + f;
    Some(if neg { -v } else { v })
}

/// RFC 1876 precision byte: mantissa and power of ten of centimetres.
fn loc_precision(cm: i64) -> u8 {
    let mut e = 0;
    while e < 9 && cm >= 10i64.pow(e + 1) {
        e += 1;
    }
    let m = (cm / 10i64.pow(e)).min(9);
    ((m as u8) << 4) | e as u8
}

fn loc_precision_cm(b: u8) -> Option<u64> {
    let (m, e) = (u64::from(b >> 4), u32::from(b & 0xf));
    (m <= 9 && e <= 9).then(|| m * 10u64.pow(e))
}

// ---- wire to text ----

/// Appends the presentation form of RDATA; RFC 3597's `\#` form where the type has no text
/// form here or the data does not decode.
pub fn write_text(rtype: u16, rdata: &[u8], out: &mut String) {
    let mark = out.len();
    if let Some(info) = schema(rtype) {
        if write_fields(info.fields, rdata, out).is_some() {
            return;
        }
    }
    out.truncate(mark);
    write_generic(rdata, out);
}

/// RFC 3597 §5 generic form.
pub fn write_generic(rdata: &[u8], out: &mut String) {
    let _ = write!(out, "\\# {}", rdata.len());
    if !rdata.is_empty() {
        out.push(' ');
        out.push_str(&data_encoding::HEXUPPER.encode(rdata));
    }
}

fn write_fields(fields: &[Field], rdata: &[u8], out: &mut String) -> Option<()> {
    let mut p = 0usize;
    let take = |p: &mut usize, n: usize| -> Option<&[u8]> {
        let s = rdata.get(*p..*p + n)?;
        *p += n;
        Some(s)
    };
    for (k, &f) in fields.iter().enumerate() {
        if k > 0 && !(f == Base64Opt && p == rdata.len()) {
            out.push(' ');
        }
        match f {
            Name => {
                let n = name::wire_len(&rdata[p..])?;
                name::write_text(&rdata[p..p + n], out);
                p += n;
            }
            U8 | Alg => {
                let _ = write!(out, "{}", take(&mut p, 1)?[0]);
            }
            U16 | CertType => {
                let b = take(&mut p, 2)?;
                let _ = write!(out, "{}", u16::from_be_bytes([b[0], b[1]]));
            }
            U32 | Period => {
                let b = take(&mut p, 4)?;
                let _ = write!(out, "{}", u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
            }
            Ipv4 => {
                let b = take(&mut p, 4)?;
                let _ = write!(out, "{}", Ipv4Addr::new(b[0], b[1], b[2], b[3]));
            }
            Ipv6 => {
                let b: [u8; 16] = take(&mut p, 16)?.try_into().ok()?;
                let _ = write!(out, "{}", Ipv6Addr::from(b));
            }
            Str => {
                let n = *rdata.get(p)? as usize;
                write_quoted(take(&mut p, n + 1)?.get(1..)?, out);
            }
            Strs => {
                let mut first = true;
                loop {
                    if !first {
                        out.push(' ');
                    }
                    first = false;
                    let n = *rdata.get(p)? as usize;
                    write_quoted(take(&mut p, n + 1)?.get(1..)?, out);
                    if p == rdata.len() {
                        break;
                    }
                }
            }
            Base64 | Base64Opt => {
                let rest = &rdata[p..];
                if f == Base64 && rest.is_empty() {
                    return None;
                }
                out.push_str(&data_encoding::BASE64.encode(rest));
                p = rdata.len();
            }
            Hex => {
                let rest = &rdata[p..];
                if rest.is_empty() {
                    return None;
                }
                out.push_str(&data_encoding::HEXUPPER.encode(rest));
                p = rdata.len();
            }
            Salt => {
                let n = *rdata.get(p)? as usize;
                let s = take(&mut p, n + 1)?.get(1..)?;
                if s.is_empty() {
                    out.push('-');
                } else {
                    out.push_str(&data_encoding::HEXUPPER.encode(s));
                }
            }
            Hash32 => {
                let n = *rdata.get(p)? as usize;
                let s = take(&mut p, n + 1)?.get(1..)?;
                // An empty hash would print as nothing, which does not read back.
                if s.is_empty() {
                    return None;
                }
                out.push_str(&data_encoding::BASE32HEX_NOPAD.encode(s));
            }
            Bitmap => {
                let mut types = decode_bitmap(&rdata[p..])?;
                // Empty windows and trailing zero octets have no text form: the types
                // would read back as the minimal bitmap.
                let mut canonical = Vec::new();
                encode_bitmap(&mut types, &mut canonical);
                if canonical != rdata[p..] {
                    return None;
                }
                p = rdata.len();
                let names: Vec<String> = types.into_iter().map(type_to_string).collect();
                out.push_str(&names.join(" "));
            }
            Time => {
                let b = take(&mut p, 4)?;
                out.push_str(&format_time(i64::from(u32::from_be_bytes([
                    b[0], b[1], b[2], b[3],
                ]))));
            }
            Type => {
                let b = take(&mut p, 2)?;
                out.push_str(&type_to_string(u16::from_be_bytes([b[0], b[1]])));
            }
            Tag => {
                let n = *rdata.get(p)? as usize;
                let s = take(&mut p, n + 1)?.get(1..)?;
                if s.is_empty() || !s.iter().all(u8::is_ascii_alphanumeric) {
                    return None;
                }
                out.push_str(std::str::from_utf8(s).ok()?);
            }
            Raw => {
                write_quoted(&rdata[p..], out);
                p = rdata.len();
            }
            SvcParams => {
                write_svc_params(&rdata[p..], out)?;
                p = rdata.len();
            }
            Loc => {
                write_loc(rdata, out)?;
                p = rdata.len();
            }
            Apl => {
                let mut first = true;
                while p < rdata.len() {
                    if !first {
                        out.push(' ');
                    }
                    first = false;
                    let h = take(&mut p, 4)?;
                    let afi = u16::from_be_bytes([h[0], h[1]]);
                    let len = (h[3] & 0x7f) as usize;
                    let addr = take(&mut p, len)?;
                    if h[3] & 0x80 != 0 {
                        out.push('!');
                    }
                    // Trailing zero octets are dropped when read (RFC 3123 §4.1), so an
                    // address that has them does not read back.
                    if addr.last() == Some(&0) {
                        return None;
                    }
                    match afi {
                        1 if len <= 4 && h[2] <= 32 => {
                            let mut b = [0u8; 4];
                            b[..len].copy_from_slice(addr);
                            let _ = write!(out, "1:{}/{}", Ipv4Addr::from(b), h[2]);
                        }
                        2 if len <= 16 && h[2] <= 128 => {
                            let mut b = [0u8; 16];
                            b[..len].copy_from_slice(addr);
                            let _ = write!(out, "2:{}/{}", Ipv6Addr::from(b), h[2]);
                        }
                        _ => return None,
                    }
                }
            }
            Eui48 | Eui64 => {
                let n = if f == Eui48 { 6 } else { 8 };
                let b = take(&mut p, n)?;
                let parts: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
                out.push_str(&parts.join("-"));
            }
            Ilnp64 => {
                let b = take(&mut p, 8)?;
                let parts: Vec<String> = b
                    .chunks(2)
                    .map(|x| format!("{:04x}", u16::from_be_bytes([x[0], x[1]])))
                    .collect();
                out.push_str(&parts.join(":"));
            }
            WksProto => {
                let _ = write!(out, "{}", take(&mut p, 1)?[0]);
            }
            WksPorts => {
                // Ports above 65535 cannot be written, and trailing zero octets are not
                // written back when read.
                let bits = &rdata[p..];
                if bits.len() > 8192 || bits.last() == Some(&0) {
                    return None;
                }
                let mut ports = Vec::new();
                for (k, &b) in bits.iter().enumerate() {
                    for bit in 0..8 {
                        if b & (0x80 >> bit) != 0 {
                            ports.push((k * 8 + bit).to_string());
                        }
                    }
                }
                p = rdata.len();
                out.push_str(&ports.join(" "));
            }
            Nsap => {
                if rdata.is_empty() {
                    return None;
                }
                out.push_str("0x");
                out.push_str(&data_encoding::HEXLOWER.encode(rdata));
                p = rdata.len();
            }
            Hip => {
                let hl = *rdata.first()? as usize;
                let alg = *rdata.get(1)?;
                let kl = u16::from_be_bytes([*rdata.get(2)?, *rdata.get(3)?]) as usize;
                let hit = rdata.get(4..4 + hl)?;
                let key = rdata.get(4 + hl..4 + hl + kl)?;
                // An empty HIT or key would print as an empty word.
                if hit.is_empty() || key.is_empty() {
                    return None;
                }
                let _ = write!(
                    out,
                    "{alg} {} {}",
                    data_encoding::HEXUPPER.encode(hit),
                    data_encoding::BASE64.encode(key)
                );
                p = 4 + hl + kl;
                while p < rdata.len() {
                    let n = name::wire_len(&rdata[p..])?;
                    out.push(' ');
                    name::write_text(&rdata[p..p + n], out);
                    p += n;
                }
            }
            Gateway => match rdata.get(1)? {
                0 => out.push('.'),
                1 => {
                    let b = take(&mut p, 4)?;
                    let _ = write!(out, "{}", Ipv4Addr::new(b[0], b[1], b[2], b[3]));
                }
                2 => {
                    let b: [u8; 16] = take(&mut p, 16)?.try_into().ok()?;
                    let _ = write!(out, "{}", Ipv6Addr::from(b));
                }
                3 => {
                    let n = name::wire_len(&rdata[p..])?;
                    name::write_text(&rdata[p..p + n], out);
                    p += n;
                }
                _ => return None,
            },
        }
    }
    (p == rdata.len()).then_some(())
}

/// A character string in quotes, escaping `"` and `\` and anything not printable.
pub fn write_quoted(s: &[u8], out: &mut String) {
    out.push('"');
    for &c in s {
        match c {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            _ => {
                let _ = write!(out, "\\{c:03}");
            }
        }
    }
    out.push('"');
}

fn write_svc_params(mut b: &[u8], out: &mut String) -> Option<()> {
    let mut first = true;
    let mut last_key: Option<u16> = None;
    while !b.is_empty() {
        let key = u16::from_be_bytes([*b.first()?, *b.get(1)?]);
        let len = u16::from_be_bytes([*b.get(2)?, *b.get(3)?]) as usize;
        let v = b.get(4..4 + len)?;
        b = &b[4 + len..];
        // Keys are read back sorted and must not repeat (RFC 9460 §2.2).
        if last_key.is_some_and(|k| k >= key) {
            return None;
        }
        last_key = Some(key);
        if !first {
            out.push(' ');
        }
        first = false;
        out.push_str(&svc_key_name(key));
        match key {
            0 => {
                // Read back, the list is sorted and may not be empty.
                let keys: Vec<u16> = v
                    .chunks(2)
                    .map(|k| u16::from_be_bytes([k[0], *k.get(1).unwrap_or(&0)]))
                    .collect();
                if v.is_empty() || v.len() % 2 != 0 || keys.windows(2).any(|w| w[0] > w[1]) {
                    return None;
                }
                let keys: Vec<String> = keys.into_iter().map(svc_key_name).collect();
                let _ = write!(out, "={}", keys.join(","));
            }
            1 => {
                let mut items = Vec::new();
                let mut q = v;
                if q.is_empty() {
                    return None;
                }
                while !q.is_empty() {
                    let n = q[0] as usize;
                    let id = q.get(1..1 + n)?;
                    if id.is_empty() {
                        return None;
                    }
                    // Two levels of escaping (RFC 9460 Appendix A.1): `,` and `\` are
                    // escaped in the value list, and that list's backslashes again in
                    // the character-string.
                    let mut s = String::new();
                    for &c in id {
                        match c {
                            b',' => s.push_str("\\\\,"),
                            b'\\' => s.push_str("\\\\\\\\"),
                            b'"' => {
                                s.push('\\');
                                s.push(c as char);
                            }
                            0x21..=0x7e => s.push(c as char),
                            _ => {
                                let _ = write!(s, "\\{c:03}");
                            }
                        }
                    }
                    items.push(s);
                    q = &q[1 + n..];
                }
                let _ = write!(out, "=\"{}\"", items.join(","));
            }
            2 | 8 if v.is_empty() => {}
            3 if v.len() == 2 => {
                let _ = write!(out, "={}", u16::from_be_bytes([v[0], v[1]]));
            }
            4 if v.len() % 4 == 0 && !v.is_empty() => {
                let a: Vec<String> = v
                    .chunks(4)
                    .map(|x| Ipv4Addr::new(x[0], x[1], x[2], x[3]).to_string())
                    .collect();
                let _ = write!(out, "={}", a.join(","));
            }
            6 if v.len() % 16 == 0 && !v.is_empty() => {
                let a: Vec<String> = v
                    .chunks(16)
                    .map(|x| Ipv6Addr::from(<[u8; 16]>::try_from(x).unwrap_or([0; 16])).to_string())
                    .collect();
                let _ = write!(out, "={}", a.join(","));
            }
            5 => {
                let _ = write!(out, "={}", data_encoding::BASE64.encode(v));
            }
            // Values these keys cannot have do not read back.
            2..=4 | 6 | 8 => return None,
            _ => {
                if !v.is_empty() {
                    out.push('=');
                    write_quoted(v, out);
                }
            }
        }
    }
    Some(())
}

fn write_loc(r: &[u8], out: &mut String) -> Option<()> {
    if r.len() != 16 || r[0] != 0 {
        return None;
    }
    let u = |i: usize| i64::from(u32::from_be_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]));
    // Only what reads back the same has a text form: latitude and longitude within ±90° and
    // ±180°, and precisions in their one canonical encoding (a zero mantissa with a
    // non-zero exponent reads back as 0x00).
    if (u(4) - (1i64 << 31)).abs() > 90 * 3_600_000
        || (u(8) - (1i64 << 31)).abs() > 180 * 3_600_000
        || r[1..4]
            .iter()
            .any(|&b| loc_precision_cm(b).map(|cm| loc_precision(cm as i64)) != Some(b))
    {
        return None;
    }
    let coord = |v: i64, pos: char, neg: char| {
        let v = v - (1i64 << 31);
        let h = if v < 0 { neg } else { pos };
        let v = v.abs();
        format!(
            "{} {} {}.{:03} {}",
            v / 3_600_000,
            v / 60_000 % 60,
            v / 1000 % 60,
            v % 1000,
            h
        )
    };
    let cm = |v: i64| {
        format!(
            "{}{}.{:02}m",
            if v < 0 { "-" } else { "" },
            v.abs() / 100,
            v.abs() % 100
        )
    };
    let alt = u(12) - 10_000_000;
    let _ = write!(
        out,
        "{} {} {} {} {} {}",
        coord(u(4), 'N', 'S'),
        coord(u(8), 'E', 'W'),
        cm(alt),
        cm(loc_precision_cm(r[1])? as i64),
        cm(loc_precision_cm(r[2])? as i64),
        cm(loc_precision_cm(r[3])? as i64)
    );
    Some(())
}

/// Extracts the names in RDATA with their byte offsets, for rules that follow targets.
pub fn names_in(rtype: u16, rdata: &[u8]) -> Vec<(usize, &[u8])> {
    let Some(info) = schema(rtype) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut p = 0usize;
    for &f in info.fields {
        let size = match f {
            Name => {
                let Some(n) = rdata.get(p..).and_then(name::wire_len) else {
                    break;
                };
                found.push((p, &rdata[p..p + n]));
                n
            }
            U8 | Alg => 1,
            U16 | CertType | Type => 2,
            U32 | Period | Ipv4 | Time => 4,
            Ipv6 => 16,
            Str | Salt | Hash32 | Tag => 1 + *rdata.get(p).unwrap_or(&0) as usize,
            _ => break,
        };
        p += size;
    }
    found
}

/// The name of a type, for messages.
pub fn type_label(rtype: u16) -> String {
    rtype::type_to_string(rtype)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::lexer::Lexer;

    fn enc(rtype: u16, text: &str) -> Result<Vec<u8>, RdataError> {
        let mut lx = Lexer::new(text.as_bytes());
        let mut toks = Vec::new();
        let mut errs = Vec::new();
        lx.next_line(&mut toks, &mut errs);
        let mut out = Vec::new();
        encode(
            rtype,
            text.as_bytes(),
            &toks,
            Some(b"\x07example\x00"),
            &mut out,
        )?;
        Ok(out)
    }

    fn round_trip(rtype: u16, text: &str) -> String {
        let w = enc(rtype, text).unwrap();
        let mut s = String::new();
        write_text(rtype, &w, &mut s);
        let again = enc(rtype, &s).unwrap();
        assert_eq!(w, again, "{s}");
        s
    }

    #[test]
    fn common_types() {
        assert_eq!(enc(1, "192.0.2.1").unwrap(), [192, 0, 2, 1]);
        assert!(enc(1, "192.0.2.300").is_err());
        assert_eq!(
            enc(15, "10 mail").unwrap(),
            b"\x00\x0a\x04mail\x07example\x00"
        );
        assert_eq!(
            round_trip(16, "\"a b\" c \"\\\"q\\\\\" \\065"),
            "\"a b\" \"c\" \"\\\"q\\\\\" \"A\""
        );
        assert_eq!(
            enc(6, "ns h 1 1h 30m 1w 1d").unwrap()
                [enc(6, "ns h 1 1h 30m 1w 1d").unwrap().len() - 16..],
            [0, 0, 0x0e, 0x10, 0, 0, 0x07, 0x08, 0, 0x09, 0x3a, 0x80, 0, 1, 0x51, 0x80]
        );
        assert_eq!(enc(99, "\\# 3 abcdef").unwrap(), [0xab, 0xcd, 0xef]);
        assert!(enc(99, "\\# 4 abcdef").is_err());
        assert_eq!(enc(65534, "\\# 0").unwrap(), b"");
        assert_eq!(enc(65534, "abc"), Err(RdataError::NoTextForm(65534)));
        assert_eq!(
            enc(1, "192.0.2.1 x"),
            Err(RdataError::Trailing { index: 1 })
        );
        assert_eq!(enc(15, "10"), Err(RdataError::Missing("a domain name")));
    }

    #[test]
    fn dnssec_types_round_trip() {
        round_trip(48, "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==");
        round_trip(
            46,
            "A 13 2 3600 20361231000000 20260101000000 12345 example. AAAA",
        );
        round_trip(47, "host.example. A AAAA RRSIG NSEC TYPE65534");
        round_trip(50, "1 1 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A RRSIG");
        round_trip(51, "1 0 10 aabbccdd");
        round_trip(43, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118");
        round_trip(
            52,
            "3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6",
        );
        assert_eq!(
            format_time(i64::from(parse_rrsig_time(b"20361231000000").unwrap())),
            "20361231000000"
        );
    }

    #[test]
    fn svcb_loc_apl_caa() {
        let s = round_trip(
            65,
            "1 . alpn=\"h2,h3\" port=8443 ipv4hint=192.0.2.1,192.0.2.2 key65333=ex",
        );
        assert_eq!(
            s,
            "1 . alpn=\"h2,h3\" port=8443 ipv4hint=192.0.2.1,192.0.2.2 key65333=\"ex\""
        );
        assert_eq!(
            round_trip(65, "1 . port=53 mandatory=port"),
            "1 . mandatory=port port=53"
        );
        round_trip(29, "42 21 54.675 N 71 6 18.343 W -24m 30m");
        round_trip(29, "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m");
        round_trip(42, "1:192.168.32.0/21 !1:192.168.38.0/28 2:2001:db8::/32");
        assert_eq!(
            round_trip(257, "0 issue \"ca.example.net; account=1\""),
            "0 issue \"ca.example.net; account=1\""
        );
    }

    #[test]
    fn ipv6_parser_agrees_with_std() {
        let cases = [
            "::",
            "::1",
            "1::",
            "2001:db8::1",
            "2001:DB8:0:0:8:800:200C:417A",
            "fe80::1:2:3:4:5:6",
            "::ffff:192.0.2.1",
            "64:ff9b::192.0.2.33",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:192.0.2.1",
            ":::",
            "1:::2",
            "1::2::3",
            "12345::",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7",
            ":1::",
            "1::2:",
            "::1.2.3",
            "1.2.3.4",
            "g::",
            "",
            "1:2:3:4:5:6:7::",
            "::1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:1.2.3.4",
            "::01.2.3.4",
            "0000:0000::00000",
        ];
        for c in cases {
            assert_eq!(parse_ipv6(c.as_bytes()), c.parse::<Ipv6Addr>().ok(), "{c}");
        }
    }

    #[test]
    fn bitmap_windows() {
        let mut types = vec![1, 2, 46, 47, 65534];
        let mut out = Vec::new();
        encode_bitmap(&mut types, &mut out);
        assert_eq!(decode_bitmap(&out).unwrap(), [1, 2, 46, 47, 65534]);
    }
}
