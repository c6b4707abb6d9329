//! Text to wire: [`encode`] walks a type's schema and reads each field from the record's
//! tokens. Fields are read by kind, one function for each group of kinds that are read
//! alike; SVCB, LOC, APL and the bitmaps have files of their own.

use super::words::{
    decode_base64, decode_hex, decode_hex_onto, decode_onto, parse_ipv4, parse_ipv6,
    parse_rrsig_time,
};
use super::words::{parse_ttl, parse_uint};
use super::Field::{self, *};
use super::{apl, bitmap, loc, schema, svcb, wire, wks, Cursor, RdataError};
use crate::zone::lexer::Token;
use crate::zone::name;
use crate::zone::rtype::{parse_algorithm, parse_type, type_to_string};

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
            let start = out.len();
            encode_generic(&mut c, out)?;
            // RFC 3597 §5: generic RDATA of a known type must be valid RDATA of that type.
            return wire::check(rtype, &out[start..]).map_err(|m| RdataError::Bad {
                index: 0,
                message: format!("\\# RDATA that is not valid {}: {m}", type_to_string(rtype)),
            });
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
    if let Some(m) = digest_problem(rtype, &out[start..]) {
        return Err(Cursor::bad(toks.len().saturating_sub(1), m));
    }
    if let Some(m) = signer_problem(rtype, &out[start..]) {
        return Err(Cursor::bad(7, m));
    }
    if out.len() - start > 65535 {
        return Err(RdataError::Bad {
            index: 0,
            message: "RDATA longer than 65535 octets".into(),
        });
    }
    Ok(())
}

/// What is wrong with the length of a ZONEMD digest, if anything: under the SIMPLE scheme a
/// SHA-384 digest is 48 octets and a SHA-512 digest 64, and no digest is shorter than 12
/// (RFC 8976 §2.2.4). A private-use scheme (240-254) gives the algorithm numbers its own
/// meaning, as RFC 8976 Appendix A.3's scheme-241 record with a 20-octet digest shows.
fn digest_problem(rtype: u16, rdata: &[u8]) -> Option<String> {
    if rtype != crate::zone::rtype::t::ZONEMD || rdata.len() < 6 {
        return None;
    }
    let n = rdata.len() - 6;
    let simple = rdata[4] == 1;
    match rdata[5] {
        1 if simple && n != 48 => Some(format!(
            "a SHA-384 digest is 48 octets, not {n} (RFC 8976 §2.2.4)"
        )),
        2 if simple && n != 64 => Some(format!(
            "a SHA-512 digest is 64 octets, not {n} (RFC 8976 §2.2.4)"
        )),
        _ if n < 12 => Some(format!(
            "the digest is {n} octets, shorter than 12 (RFC 8976 §2.2.4)"
        )),
        _ => None,
    }
}

/// What is wrong with an RRSIG's (or SIG's) signer, if anything: the signer is the zone
/// that holds the owner, so it has no more labels than the labels field counts (RFC 4034
/// §3.1.3, §3.1.7), as BIND checks.
fn signer_problem(rtype: u16, rdata: &[u8]) -> Option<String> {
    if !matches!(rtype, 24 | 46) {
        return None;
    }
    let labels = *rdata.get(3)? as usize;
    let signer = rdata.get(18..)?;
    let n = name::labels(&signer[..name::wire_len(signer)?]).count();
    (n > labels).then(|| {
        format!(
            "the signer has {n} labels, more than the {labels} of the labels field: it must be the owner or above it (RFC 4034 §3.1.3, §3.1.7)"
        )
    })
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

/// Encodes one field of the schema. `rdata_start` is where this record's RDATA begins on
/// `out`, for a field whose form an earlier one selects (the IPSECKEY gateway).
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
        U8 | U16 | U32 | Period | Time => encode_number(f, c, out)?,
        Type | Alg | CertType | WksProto | Scheme => encode_mnemonic(f, c, out)?,
        Ipv4 | Ipv6 | Eui48 | Eui64 | Ilnp64 | Nsap => encode_address(f, c, out)?,
        Gateway => encode_gateway(c, origin, rdata_start, out)?,
        Str | Strs | Tag | Raw | Quoted => encode_string(f, c, out)?,
        Base64 | Base64Opt | Base64Dash | Hex | Salt => encode_binary(f, c, out)?,
        Hash32 => encode_hash32(c, rdata_start, out)?,
        Bitmap => bitmap::encode_types(c, out)?,
        WksPorts => {
            let proto = out.get(rdata_start + 4).copied().unwrap_or(0);
            bitmap::encode_wks_ports(c, proto, out)?
        }
        SvcParams => svcb::encode_svc_params(c, out)?,
        Loc => loc::encode_loc(c, out)?,
        Apl => apl::encode_apl(c, out)?,
        Hip => encode_hip(c, origin, out)?,
        Relay => encode_relay(c, origin, out)?,
        Atma => encode_atma(c, out)?,
    }
    Ok(())
}

/// Numbers in decimal, TTL-style periods and RRSIG times.
fn encode_number(f: Field, c: &mut Cursor, out: &mut Vec<u8>) -> Result<(), RdataError> {
    match f {
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
        Time => {
            let (i, t) = c.next("a time (YYYYMMDDHHmmSS)")?;
            let v = parse_rrsig_time(c.text(t)).ok_or_else(|| {
                Cursor::bad(i, "expected a time as YYYYMMDDHHmmSS or seconds since 1970")
            })?;
            out.extend_from_slice(&v.to_be_bytes());
        }
        _ => unreachable!("encode_field sends only numbers here"),
    }
    Ok(())
}

/// Numbers that may also be written as a mnemonic: types, algorithms, CERT types and WKS
/// protocols.
fn encode_mnemonic(f: Field, c: &mut Cursor, out: &mut Vec<u8>) -> Result<(), RdataError> {
    match f {
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
        WksProto => {
            let (i, t) = c.next("a protocol")?;
            let text = c.text(t);
            let v = parse_uint(text, 255)
                .map(|v| v as u8)
                .or_else(|| wks::protocol(text))
                .ok_or_else(|| {
                    Cursor::bad(i, "expected a protocol number or name such as tcp or udp")
                })?;
            out.push(v);
        }
        Scheme => {
            let (i, t) = c.next("a scheme")?;
            let text = c.text(t);
            let v = parse_uint(text, 255)
                .map(|v| v as u8)
                .or_else(|| text.eq_ignore_ascii_case(b"NOTIFY").then_some(1))
                .ok_or_else(|| {
                    Cursor::bad(i, "expected a scheme: NOTIFY or a number from 0 to 255")
                })?;
            out.push(v);
        }
        _ => unreachable!("encode_field sends only mnemonics here"),
    }
    Ok(())
}

/// Addresses of one word: IPv4, IPv6, EUI-48 and EUI-64, ILNP locators and NSAP.
fn encode_address(f: Field, c: &mut Cursor, out: &mut Vec<u8>) -> Result<(), RdataError> {
    match f {
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
        _ => unreachable!("encode_field sends only addresses here"),
    }
    Ok(())
}

/// The IPSECKEY gateway: nothing, an address or a name, as the gateway-type octet before it
/// says (RFC 4025 §2.5).
fn encode_gateway(
    c: &mut Cursor,
    origin: Option<&[u8]>,
    rdata_start: usize,
    out: &mut Vec<u8>,
) -> Result<(), RdataError> {
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
    Ok(())
}

/// Character strings, CAA tags and the raw string that ends a CAA or URI record.
fn encode_string(f: Field, c: &mut Cursor, out: &mut Vec<u8>) -> Result<(), RdataError> {
    match f {
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
        Tag => {
            let (i, t) = c.next("a CAA tag")?;
            let text = c.text(t);
            if text.is_empty() || text.len() > 255 || !text.iter().all(u8::is_ascii_alphanumeric) {
                return Err(Cursor::bad(i, "expected a CAA tag of letters and digits"));
            }
            out.push(text.len() as u8);
            out.extend_from_slice(text);
        }
        Quoted => {
            let (i, t) = c.next("the target URI in double quotes")?;
            if !t.quoted {
                return Err(Cursor::bad(
                    i,
                    "expected the target URI in double quotes (RFC 7553 §4.5)",
                ));
            }
            unescape_into(c.text(t), t.escaped, out).map_err(|m| Cursor::bad(i, m))?;
        }
        Raw => {
            let (i, t) = c.next("a string")?;
            unescape_into(c.text(t), t.escaped, out).map_err(|m| Cursor::bad(i, m))?;
        }
        _ => unreachable!("encode_field sends only strings here"),
    }
    Ok(())
}

/// Binary data written as base64, hex or base32hex.
fn encode_binary(f: Field, c: &mut Cursor, out: &mut Vec<u8>) -> Result<(), RdataError> {
    match f {
        Base64 | Base64Opt => {
            if f == Base64 && c.at_end() {
                return Err(RdataError::Missing("base64 data"));
            }
            if c.at_end() {
                return Ok(());
            }
            let (i, text) = c.rest_concat();
            if !decode_onto(&data_encoding::BASE64, &text, out) {
                return Err(Cursor::bad(i, "expected base64 data"));
            }
        }
        Base64Dash => {
            if c.at_end() {
                return Err(RdataError::Missing("base64 data, or - for none"));
            }
            if c.toks.len() - c.i == 1 && c.text(c.toks[c.i]) == b"-" {
                c.i += 1;
                return Ok(());
            }
            let (i, text) = c.rest_concat();
            if !decode_onto(&data_encoding::BASE64, &text, out) {
                return Err(Cursor::bad(i, "expected base64 data, or - for none"));
            }
        }
        Hex => {
            if c.at_end() {
                return Err(RdataError::Missing("hexadecimal data"));
            }
            let (i, text) = c.rest_concat();
            if !decode_hex_onto(&text, out) {
                return Err(Cursor::bad(
                    i,
                    "expected hexadecimal data (an even number of digits)",
                ));
            }
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
        _ => unreachable!("encode_field sends only binary data here"),
    }
    Ok(())
}

/// The NSEC3 next hashed owner name: unpadded base32hex (RFC 5155 §3.3), as long as the
/// hash algorithm in the record's first octet makes it: 20 octets for SHA-1, and for another
/// algorithm at most 39, which is what fits in one label as base32hex (RFC 5155 §3.1.7).
fn encode_hash32(c: &mut Cursor, rdata_start: usize, out: &mut Vec<u8>) -> Result<(), RdataError> {
    let (i, t) = c.next("the next hashed owner name (base32hex)")?;
    let text = c.text(t);
    if text.contains(&b'=') {
        let m =
            "expected the next hashed owner name in base32hex without `=` padding (RFC 5155 §3.3)";
        return Err(Cursor::bad(i, m));
    }
    let data = data_encoding::BASE32HEX_NOPAD
        .decode(&text.to_ascii_uppercase())
        .ok()
        .filter(|d| !d.is_empty())
        .ok_or_else(|| Cursor::bad(i, "expected the next hashed owner name in base32hex"))?;
    let alg = out.get(rdata_start).copied().unwrap_or(0);
    let problem = match alg {
        1 if data.len() != 20 => Some(format!(
            "the next hashed owner name is {} octets, but SHA-1 (hash algorithm 1) makes 20 (RFC 5155 §3.1.7)",
            data.len()
        )),
        1 => None,
        _ if data.len() > 39 => Some(format!(
            "the next hashed owner name is {} octets; at most 39 fit in one label (RFC 5155 §3.1.7)",
            data.len()
        )),
        _ => None,
    };
    if let Some(m) = problem {
        return Err(Cursor::bad(i, m));
    }
    out.push(data.len() as u8);
    out.extend_from_slice(&data);
    Ok(())
}

/// HIP: algorithm, HIT, public key and rendezvous servers, laid out with the lengths first
/// (RFC 8005 §4).
fn encode_hip(c: &mut Cursor, origin: Option<&[u8]>, out: &mut Vec<u8>) -> Result<(), RdataError> {
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
    Ok(())
}

/// AMTRELAY: the discovery bit and the relay type, which share an octet, then the relay in
/// the form the type gives it: none (`.`), IPv4, IPv6 or a domain name (RFC 8777 §4.2.3, §4.3).
fn encode_relay(
    c: &mut Cursor,
    origin: Option<&[u8]>,
    out: &mut Vec<u8>,
) -> Result<(), RdataError> {
    let (di, dt) = c.next("the discovery bit (0 or 1)")?;
    let d = parse_uint(c.text(dt), 1)
        .ok_or_else(|| Cursor::bad(di, "expected the discovery bit, 0 or 1"))?;
    let (ti, tt) = c.next("a relay type")?;
    let kind = parse_uint(c.text(tt), 127)
        .ok_or_else(|| Cursor::bad(ti, "expected a relay type (0-127)"))?;
    out.push(((d as u8) << 7) | kind as u8);
    let (i, t) = c.next("a relay")?;
    let text = c.text(t);
    match kind {
        0 if text == b"." => {}
        0 => return Err(Cursor::bad(i, "relay type 0 has no relay: write `.`")),
        1 => out.extend_from_slice(
            &parse_ipv4(text)
                .ok_or_else(|| Cursor::bad(i, "expected an IPv4 relay"))?
                .octets(),
        ),
        2 => out.extend_from_slice(
            &parse_ipv6(text)
                .ok_or_else(|| Cursor::bad(i, "expected an IPv6 relay"))?
                .octets(),
        ),
        3 => encode_name(text, t, origin, out)
            .map_err(|error| RdataError::Name { index: i, error })?,
        _ => {
            return Err(Cursor::bad(
                ti,
                format!("relay type {kind} is not defined (RFC 8777 §4.2.3 defines 0 to 3)"),
            ))
        }
    }
    Ok(())
}

/// ATMA: `+` and decimal digits (E.164, format 1) or hex digits in pairs (AESA, format 0),
/// with single dots allowed between digits.
fn encode_atma(c: &mut Cursor, out: &mut Vec<u8>) -> Result<(), RdataError> {
    let (i, t) = c.next("an ATM address")?;
    let text = c.text(t);
    let (e164, body) = match text.strip_prefix(b"+") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let dots_ok = !body.is_empty()
        && body.first() != Some(&b'.')
        && body.last() != Some(&b'.')
        && !body.windows(2).any(|w| w == b"..");
    let digits: Vec<u8> = body.iter().copied().filter(|&b| b != b'.').collect();
    let bad = || {
        Cursor::bad(
            i,
            "expected an ATM address: hex digits in pairs, or + and decimal digits",
        )
    };
    if !dots_ok {
        return Err(bad());
    }
    if e164 {
        if !digits.iter().all(u8::is_ascii_digit) {
            return Err(bad());
        }
        out.push(1);
        out.extend_from_slice(&digits);
    } else {
        let data = decode_hex(&digits)
            .filter(|d| !d.is_empty())
            .ok_or_else(bad)?;
        out.push(0);
        out.extend_from_slice(&data);
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
            let (b, used) = name::unescape(&text[i..]).ok_or_else(|| escape_problem(&text[i..]))?;
            out.push(b);
            i += used;
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    Ok(())
}

/// What is wrong with the escape at the start of `s`, which `name::unescape` refused.
fn escape_problem(s: &[u8]) -> &'static str {
    match s.get(1) {
        None => "bad escape: a backslash at the end of the text escapes nothing",
        Some(_)
            if s.get(1..4)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit)) =>
        {
            "bad escape: \\DDD must be at most 255"
        }
        Some(_) => "bad escape: \\DDD needs three decimal digits",
    }
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
