//! Bitmaps, both ways: the record types of NSEC, NSEC3 and CSYNC (RFC 4034 §4.1.2) and the
//! ports of WKS (RFC 1035 §3.4.2).

use super::words::parse_uint;
use super::{Cursor, RdataError};
use crate::zone::rtype::{parse_type, type_to_string};

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

/// The `Bitmap` field: record types to the end of the record.
pub(super) fn encode_types(c: &mut Cursor, out: &mut Vec<u8>) -> Result<(), RdataError> {
    let mut types = Vec::new();
    while !c.at_end() {
        let (i, t) = c.next("a record type")?;
        let ty = parse_type(c.text(t))
            .ok_or_else(|| Cursor::bad(i, "expected a record type in the type bitmap"))?;
        types.push(ty);
    }
    encode_bitmap(&mut types, out);
    Ok(())
}

/// Writes the type bitmap `b` as type mnemonics, or gives `None` for one that would not read
/// back the same.
pub(super) fn write_types(b: &[u8], out: &mut String) -> Option<()> {
    let mut types = decode_bitmap(b)?;
    // Empty windows and trailing zero octets have no text form: the types
    // would read back as the minimal bitmap.
    let mut canonical = Vec::new();
    encode_bitmap(&mut types, &mut canonical);
    if canonical != b {
        return None;
    }
    let names: Vec<String> = types.into_iter().map(type_to_string).collect();
    out.push_str(&names.join(" "));
    Some(())
}

/// The `WksPorts` field: port numbers or service names to the end of the record, as a
/// bitmap with one bit for each port.
pub(super) fn encode_wks_ports(
    c: &mut Cursor,
    proto: u8,
    out: &mut Vec<u8>,
) -> Result<(), RdataError> {
    let mut bits: Vec<u8> = Vec::new();
    while !c.at_end() {
        let (i, t) = c.next("a port")?;
        let text = c.text(t);
        let port = parse_uint(text, 65535)
            .map(|v| v as u16)
            .or_else(|| super::wks::service(text, proto))
            .ok_or_else(|| {
                Cursor::bad(
                    i,
                    "expected a port number, or a service name registered for the protocol",
                )
            })? as usize;
        if bits.len() <= port / 8 {
            bits.resize(port / 8 + 1, 0);
        }
        bits[port / 8] |= 0x80 >> (port % 8);
    }
    out.extend_from_slice(&bits);
    Ok(())
}

/// Writes a WKS port bitmap as port numbers, or gives `None` for one that would not read back
/// the same.
pub(super) fn write_wks_ports(bits: &[u8], out: &mut String) -> Option<()> {
    // Ports above 65535 cannot be written, and trailing zero octets are not
    // written back when read.
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
    out.push_str(&ports.join(" "));
    Some(())
}
