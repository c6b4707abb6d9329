//! RDATA: the shape of each type's data, and its reading from text into wire form and back.
//!
//! Each type is described once, as a list of [`Field`]s (the data model); one encoder and one
//! printer walk that list. Wire form is uncompressed and keeps names in the case they were
//! written in; canonical lower-casing (RFC 4034 §6.2) is applied where a signature needs it.
//!
//! The schema is here; `encode` reads text into wire form and `print` writes it back, one
//! function for each group of field kinds. `svcb`, `loc`, `apl` and `bitmap` read and write
//! the fields whose forms are their own, and `words` the values that one word of text holds.

mod apl;
mod bitmap;
mod encode;
mod loc;
mod print;
mod svcb;
#[cfg(test)]
mod validity_tests;
mod wire;
mod wks;
mod words;

use super::lexer::Token;
use super::name;
use super::rtype;

pub use crate::time::{days_from_civil, format_time};
pub use bitmap::{decode_bitmap, encode_bitmap};
pub use encode::{encode, encode_name, unescape_into};
pub use print::{write_generic, write_quoted, write_text};
pub use words::{decode_hex, parse_rrsig_time, parse_ttl, parse_uint};

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
    /// Like `Raw`, but written in double quotes (the URI target, RFC 7553 §4.5).
    Quoted,
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
    /// WKS protocol: a number or a protocol name such as `tcp` (RFC 1035 §3.4.2).
    WksProto,
    /// DSYNC scheme: a number or `NOTIFY` (RFC 9859 §2.1).
    Scheme,
    /// WKS services: port numbers or well-known names, as a bitmap, to the end.
    WksPorts,
    /// NSAP: `0x` and hex, dots allowed (RFC 1706 §5).
    Nsap,
    /// HIP: algorithm, HIT in hex, public key in base64, rendezvous servers (RFC 8005 §4).
    Hip,
    /// AMTRELAY: the discovery bit and relay type (one octet on the wire) and the relay,
    /// whose form the type selects (RFC 8777 §4.2, §4.3).
    Relay,
    /// ATMA: an ATM End System Address in hex (format 0) or `+` and an E.164 number (format
    /// 1), dots allowed between digits; on the wire the format octet, then the octets or the
    /// digits (ATM Forum af-dans-0152.000, as BIND reads it).
    Atma,
    /// Base64 to the end of the record, or `-` for none (DOA's data).
    Base64Dash,
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
    static DSYNC: TypeInfo = ti(&[Type, Scheme, U16, Name], false);
    static SINK: TypeInfo = ti(&[U8, U8, U8, Base64Opt], false);
    static ILNP: TypeInfo = ti(&[U16, Ilnp64], false);
    static L32: TypeInfo = ti(&[U16, Ipv4], false);
    static LP: TypeInfo = ti(&[U16, Name], false);
    static EUI48: TypeInfo = ti(&[Eui48], false);
    static EUI64: TypeInfo = ti(&[Eui64], false);
    static URI: TypeInfo = ti(&[U16, U16, Quoted], false);
    static CAA: TypeInfo = ti(&[U8, Tag, Raw], false);
    static WKS: TypeInfo = ti(&[Ipv4, WksProto, WksPorts], false);
    static NSAP: TypeInfo = ti(&[Nsap], false);
    static HEX: TypeInfo = ti(&[Hex], false);
    static HIP: TypeInfo = ti(&[Hip], false);
    // RFC 1348: a domain name, not among the types RFC 4034 §6.2 lower-cases.
    static NSAP_PTR: TypeInfo = ti(&[Name], false);
    static AMTRELAY: TypeInfo = ti(&[U8, Relay], false);
    static ATMA: TypeInfo = ti(&[Atma], false);
    // DOA: enterprise, type, location, media type and data (draft-durand-doa-over-dns).
    static DOA: TypeInfo = ti(&[U32, U32, U8, Str, Base64Dash], false);
    Some(match rtype {
        1 => &A,
        2..=5 | 7..=9 | 12 | 39 => &NAME_LC,
        6 => &SOA,
        11 => &WKS,
        13 => &HINFO,
        20 => &STRS,
        22 => &NSAP,
        23 => &NSAP_PTR,
        31 | 32 => &HEX,
        55 => &HIP,
        14 | 17 => &MINFO,
        15 | 18 | 21 | 36 => &PREF_NAME,
        16 | 56 | 99 | 258 | 261 | 262 => &STRS,
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
        // HHIT and BRID (67, 68; DRIP) are opaque data in base64.
        49 | 61 | 67 | 68 => &B64,
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
        259 => &DOA,
        260 => &AMTRELAY,
        34 => &ATMA,
        0xff00..=0xffff => return None,
        40 => &SINK,
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
    fn rest_concat(&mut self) -> (usize, std::borrow::Cow<'a, [u8]>) {
        let first = self.i;
        // One word left (a TLSA digest, most keys written on one line): not copied.
        if let [t] = &self.toks[first.min(self.toks.len())..] {
            self.i += 1;
            return (first, t.text(self.src).into());
        }
        let mut v = Vec::new();
        while let Some(t) = self.toks.get(self.i) {
            v.extend_from_slice(t.text(self.src));
            self.i += 1;
        }
        (first, v.into())
    }
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
            U8 | Alg | Scheme => 1,
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
    use super::words::parse_ipv6;
    use super::*;
    use crate::zone::lexer::Lexer;
    use std::net::Ipv6Addr;

    /// `text` as the RDATA of `rtype`, in the zone `example.` (also for `validity_tests`).
    pub(super) fn enc(rtype: u16, text: &str) -> Result<Vec<u8>, RdataError> {
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
        assert_eq!(enc(99, "\\# 3 026162").unwrap(), [2, b'a', b'b']);
        assert!(enc(99, "\\# 4 026162").is_err());
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
