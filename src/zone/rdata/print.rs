//! Wire to text: [`write_text`] walks a type's schema and writes each field in presentation
//! form, one function for each group of field kinds that are written alike. Data that would
//! not read back the same has no text form here, and is written in RFC 3597's `\#` form.

use super::Field::{self, *};
use super::{apl, bitmap, loc, schema, svcb};
use crate::time::format_time;
use crate::zone::name;
use crate::zone::rtype::type_to_string;
use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

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
    for (k, &f) in fields.iter().enumerate() {
        if k > 0 && !(f == Base64Opt && p == rdata.len()) {
            out.push(' ');
        }
        write_field(f, rdata, &mut p, out)?;
    }
    (p == rdata.len()).then_some(())
}

/// The next `n` octets of `rdata` from `*p` on, moving `*p` past them.
pub(super) fn take<'a>(rdata: &'a [u8], p: &mut usize, n: usize) -> Option<&'a [u8]> {
    let s = rdata.get(*p..*p + n)?;
    *p += n;
    Some(s)
}

/// Writes one field from `*p` on and moves `*p` past it; `None` where the data does not
/// decode or would not read back the same.
pub(super) fn write_field(f: Field, rdata: &[u8], p: &mut usize, out: &mut String) -> Option<()> {
    match f {
        Name => {
            let n = name::wire_len(&rdata[*p..])?;
            name::write_text(&rdata[*p..*p + n], out);
            *p += n;
        }
        U8 | Alg | U16 | CertType | U32 | Period | Time | Type | WksProto | Scheme => {
            write_number(f, rdata, p, out)?
        }
        Ipv4 | Ipv6 | Eui48 | Eui64 | Ilnp64 | Nsap | Gateway => write_address(f, rdata, p, out)?,
        Str | Strs | Tag | Raw | Quoted => write_string(f, rdata, p, out)?,
        Base64 | Base64Opt | Base64Dash | Hex | Salt | Hash32 => write_binary(f, rdata, p, out)?,
        Bitmap => {
            bitmap::write_types(&rdata[*p..], out)?;
            *p = rdata.len();
        }
        WksPorts => {
            bitmap::write_wks_ports(&rdata[*p..], out)?;
            *p = rdata.len();
        }
        SvcParams => {
            svcb::write_svc_params(&rdata[*p..], out)?;
            *p = rdata.len();
        }
        Loc => {
            loc::write_loc(rdata, out)?;
            *p = rdata.len();
        }
        Apl => {
            apl::write_apl(&rdata[*p..], out)?;
            *p = rdata.len();
        }
        Hip => write_hip(rdata, p, out)?,
        Relay => write_relay(rdata, p, out)?,
        Atma => {
            let (&format, rest) = rdata.get(*p..)?.split_first()?;
            match format {
                0 if !rest.is_empty() => out.push_str(&data_encoding::HEXLOWER.encode(rest)),
                1 if !rest.is_empty() && rest.iter().all(u8::is_ascii_digit) => {
                    out.push('+');
                    out.push_str(std::str::from_utf8(rest).ok()?);
                }
                _ => return None,
            }
            *p = rdata.len();
        }
    }
    Some(())
}

/// Numbers in decimal, times as `YYYYMMDDHHmmSS`, and types as mnemonics.
fn write_number(f: Field, rdata: &[u8], p: &mut usize, out: &mut String) -> Option<()> {
    match f {
        U8 | Alg => {
            let _ = write!(out, "{}", take(rdata, p, 1)?[0]);
        }
        U16 | CertType => {
            let b = take(rdata, p, 2)?;
            let _ = write!(out, "{}", u16::from_be_bytes([b[0], b[1]]));
        }
        U32 | Period => {
            let b = take(rdata, p, 4)?;
            let _ = write!(out, "{}", u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
        }
        Time => {
            let b = take(rdata, p, 4)?;
            out.push_str(&format_time(i64::from(u32::from_be_bytes([
                b[0], b[1], b[2], b[3],
            ]))));
        }
        Type => {
            let b = take(rdata, p, 2)?;
            out.push_str(&type_to_string(u16::from_be_bytes([b[0], b[1]])));
        }
        WksProto => {
            let _ = write!(out, "{}", take(rdata, p, 1)?[0]);
        }
        Scheme => match take(rdata, p, 1)?[0] {
            1 => out.push_str("NOTIFY"),
            v => {
                let _ = write!(out, "{v}");
            }
        },
        _ => unreachable!("write_field sends only numbers here"),
    }
    Some(())
}

/// Addresses: IPv4, IPv6, EUI-48 and EUI-64, ILNP locators, NSAP and the IPSECKEY gateway.
fn write_address(f: Field, rdata: &[u8], p: &mut usize, out: &mut String) -> Option<()> {
    match f {
        Ipv4 => {
            let b = take(rdata, p, 4)?;
            let _ = write!(out, "{}", Ipv4Addr::new(b[0], b[1], b[2], b[3]));
        }
        Ipv6 => {
            let b: [u8; 16] = take(rdata, p, 16)?.try_into().ok()?;
            let _ = write!(out, "{}", Ipv6Addr::from(b));
        }
        Eui48 | Eui64 => {
            let n = if f == Eui48 { 6 } else { 8 };
            let b = take(rdata, p, n)?;
            let parts: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
            out.push_str(&parts.join("-"));
        }
        Ilnp64 => {
            let b = take(rdata, p, 8)?;
            let parts: Vec<String> = b
                .chunks(2)
                .map(|x| format!("{:04x}", u16::from_be_bytes([x[0], x[1]])))
                .collect();
            out.push_str(&parts.join(":"));
        }
        Nsap => {
            if rdata.is_empty() {
                return None;
            }
            out.push_str("0x");
            out.push_str(&data_encoding::HEXLOWER.encode(rdata));
            *p = rdata.len();
        }
        Gateway => write_gateway(*rdata.get(1)?, rdata, p, out)?,
        _ => unreachable!("write_field sends only addresses here"),
    }
    Some(())
}

/// Character strings, CAA tags and the raw string that ends a CAA or URI record.
fn write_string(f: Field, rdata: &[u8], p: &mut usize, out: &mut String) -> Option<()> {
    match f {
        Str => {
            let n = *rdata.get(*p)? as usize;
            write_quoted(take(rdata, p, n + 1)?.get(1..)?, out);
        }
        Strs => {
            let mut first = true;
            loop {
                if !first {
                    out.push(' ');
                }
                first = false;
                let n = *rdata.get(*p)? as usize;
                write_quoted(take(rdata, p, n + 1)?.get(1..)?, out);
                if *p == rdata.len() {
                    break;
                }
            }
        }
        Tag => {
            let n = *rdata.get(*p)? as usize;
            let s = take(rdata, p, n + 1)?.get(1..)?;
            if s.is_empty() || !s.iter().all(u8::is_ascii_alphanumeric) {
                return None;
            }
            out.push_str(std::str::from_utf8(s).ok()?);
        }
        Raw | Quoted => {
            write_quoted(&rdata[*p..], out);
            *p = rdata.len();
        }
        _ => unreachable!("write_field sends only strings here"),
    }
    Some(())
}

/// Binary data as base64, hex or base32hex.
fn write_binary(f: Field, rdata: &[u8], p: &mut usize, out: &mut String) -> Option<()> {
    match f {
        Base64 | Base64Opt => {
            let rest = &rdata[*p..];
            if f == Base64 && rest.is_empty() {
                return None;
            }
            out.push_str(&data_encoding::BASE64.encode(rest));
            *p = rdata.len();
        }
        Base64Dash => {
            let rest = &rdata[*p..];
            if rest.is_empty() {
                out.push('-');
            } else {
                out.push_str(&data_encoding::BASE64.encode(rest));
            }
            *p = rdata.len();
        }
        Hex => {
            let rest = &rdata[*p..];
            if rest.is_empty() {
                return None;
            }
            out.push_str(&data_encoding::HEXUPPER.encode(rest));
            *p = rdata.len();
        }
        Salt => {
            let n = *rdata.get(*p)? as usize;
            let s = take(rdata, p, n + 1)?.get(1..)?;
            if s.is_empty() {
                out.push('-');
            } else {
                out.push_str(&data_encoding::HEXUPPER.encode(s));
            }
        }
        Hash32 => {
            let n = *rdata.get(*p)? as usize;
            let s = take(rdata, p, n + 1)?.get(1..)?;
            // An empty hash would print as nothing, which does not read back.
            if s.is_empty() {
                return None;
            }
            out.push_str(&data_encoding::BASE32HEX_NOPAD.encode(s));
        }
        _ => unreachable!("write_field sends only binary data here"),
    }
    Some(())
}

/// AMTRELAY: the discovery bit, the relay type and the relay (RFC 8777 §4.3).
fn write_relay(rdata: &[u8], p: &mut usize, out: &mut String) -> Option<()> {
    let o = take(rdata, p, 1)?[0];
    let _ = write!(out, "{} {} ", o >> 7, o & 0x7f);
    write_gateway(o & 0x7f, rdata, p, out)
}

/// A gateway or relay of type `kind` (IPSECKEY, RFC 4025 §2.5; AMTRELAY, RFC 8777 §4.3):
/// none (`.`), an IPv4 or IPv6 address, or a name.
fn write_gateway(kind: u8, rdata: &[u8], p: &mut usize, out: &mut String) -> Option<()> {
    match kind {
        0 => out.push('.'),
        1 => {
            let b = take(rdata, p, 4)?;
            let _ = write!(out, "{}", Ipv4Addr::new(b[0], b[1], b[2], b[3]));
        }
        2 => {
            let b: [u8; 16] = take(rdata, p, 16)?.try_into().ok()?;
            let _ = write!(out, "{}", Ipv6Addr::from(b));
        }
        3 => {
            let n = name::wire_len(&rdata[*p..])?;
            name::write_text(&rdata[*p..*p + n], out);
            *p += n;
        }
        _ => return None,
    }
    Some(())
}

/// HIP: algorithm, HIT in hex, public key in base64 and rendezvous servers (RFC 8005 §4).
fn write_hip(rdata: &[u8], p: &mut usize, out: &mut String) -> Option<()> {
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
    *p = 4 + hl + kl;
    while *p < rdata.len() {
        let n = name::wire_len(&rdata[*p..])?;
        out.push(' ');
        name::write_text(&rdata[*p..*p + n], out);
        *p += n;
    }
    Some(())
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
