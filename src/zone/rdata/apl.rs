//! APL, both ways (RFC 3123): `[!]afi:address/prefix` items in text, and on the wire each
//! address without its trailing zero octets.

use super::print::take;
use super::words::{parse_ipv4, parse_ipv6, parse_uint};
use super::{Cursor, RdataError};
use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The `Apl` field: items to the end of the record.
pub(super) fn encode_apl(c: &mut Cursor, out: &mut Vec<u8>) -> Result<(), RdataError> {
    while !c.at_end() {
        let (i, t) = c.next("an APL item")?;
        encode_apl_item(c.text(t), out)
            .ok_or_else(|| Cursor::bad(i, "expected an APL item such as 1:192.0.2.0/24"))?;
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

/// Writes the APL items that fill `items`, or gives `None` for any that would not read back
/// the same.
pub(super) fn write_apl(items: &[u8], out: &mut String) -> Option<()> {
    let mut p = 0usize;
    let mut first = true;
    while p < items.len() {
        if !first {
            out.push(' ');
        }
        first = false;
        let h = take(items, &mut p, 4)?;
        let afi = u16::from_be_bytes([h[0], h[1]]);
        let len = (h[3] & 0x7f) as usize;
        let addr = take(items, &mut p, len)?;
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
    Some(())
}
