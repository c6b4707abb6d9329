//! RDATA given in RFC 3597's generic form (`\# LENGTH HEX`) for a type zonewarden knows must
//! be that type's RDATA (RFC 3597 §5: "the RDATA must be valid for the type"). [`check`]
//! walks the type's schema over the octets, field by field, with the printer's decoders, and
//! then reads the text form it prints back through the text encoder, so that every rule the
//! text form obeys (SVCB's `mandatory`, NSEC3's hash length, LOC's ranges, ...) holds for
//! the generic form too: one schema, one set of rules, whichever form the record is in.

use super::print::{write_field, write_text};
use super::Field::{self, *};
use super::{encode, loc, schema, RdataError};
use crate::zone::lexer::Lexer;

/// Fields whose size is fixed, as opposed to a least size.
fn fixed(f: Field) -> bool {
    matches!(
        f,
        U8 | Alg
            | WksProto
            | Scheme
            | U16
            | CertType
            | Type
            | U32
            | Period
            | Time
            | Ipv4
            | Ipv6
            | Eui48
            | Eui64
            | Ilnp64
            | Loc
    )
}

fn octets(n: usize) -> String {
    if n == 1 {
        "1 octet".into()
    } else {
        format!("{n} octets")
    }
}

/// What a field is, for messages, and the fewest octets it takes.
fn describe(f: Field) -> (&'static str, usize) {
    match f {
        Name => ("a domain name", 1),
        U8 | Alg | WksProto | Scheme => ("an 8-bit number", 1),
        U16 | CertType => ("a 16-bit number", 2),
        Type => ("a record type", 2),
        U32 | Period => ("a 32-bit number", 4),
        Time => ("a time", 4),
        Ipv4 => ("an IPv4 address", 4),
        Ipv6 => ("an IPv6 address", 16),
        Eui48 => ("an EUI-48 address", 6),
        Eui64 => ("an EUI-64 address", 8),
        Ilnp64 => ("a 64-bit locator", 8),
        Str => ("a character-string", 1),
        Strs => ("one or more character-strings", 1),
        Tag => ("a CAA tag", 2),
        Raw | Quoted => ("a string", 0),
        Base64 => ("the key or signature data", 1),
        Base64Opt => ("the key data", 0),
        Hex => ("the digest or data in hex", 1),
        Salt => ("the salt", 1),
        Hash32 => ("the next hashed owner name", 2),
        Bitmap => ("the type bitmap", 0),
        SvcParams => ("the service parameters", 0),
        Loc => ("the LOC data", 16),
        Apl => ("the APL items", 0),
        Gateway => ("the gateway", 0),
        WksPorts => ("the port bitmap", 0),
        Nsap => ("an NSAP address", 1),
        Hip => ("the HIP data", 4),
        Relay => ("the relay type and relay", 1),
        Atma => ("the ATM address", 2),
        Base64Dash => ("the data", 0),
    }
}

/// Checks RDATA written in the generic form against `rtype`'s schema; `Ok` for a type that
/// has none (its RDATA is opaque). The error says what is wrong, for the reader's message.
pub(super) fn check(rtype: u16, rdata: &[u8]) -> Result<(), String> {
    let Some(info) = schema(rtype) else {
        return Ok(());
    };
    let mut p = 0usize;
    let mut scratch = String::new();
    for &f in info.fields {
        let (what, least) = describe(f);
        let left = rdata.len() - p;
        if left < least {
            let takes = if fixed(f) { "takes" } else { "takes at least" };
            return Err(if left == 0 {
                format!(
                    "the data ends after {} where {what} was expected",
                    octets(p)
                )
            } else {
                format!(
                    "only {} left for {what}, which {takes} {}",
                    octets(left),
                    octets(least)
                )
            });
        }
        scratch.clear();
        if write_field(f, rdata, &mut p, &mut scratch).is_none() {
            return Err(match f {
                Loc => loc::wire_problem(rdata).into(),
                _ => format!("cannot decode {what} from octet {p} on"),
            });
        }
    }
    if p < rdata.len() {
        return Err(format!(
            "{} left over after the last field",
            octets(rdata.len() - p)
        ));
    }
    reads_back(rtype, rdata)
}

/// The text form of `rdata` read back by the text encoder must give the same octets.
fn reads_back(rtype: u16, rdata: &[u8]) -> Result<(), String> {
    let mut text = String::new();
    write_text(rtype, rdata, &mut text);
    let src = text.as_bytes();
    let mut toks = Vec::new();
    let mut errs = Vec::new();
    Lexer::new(src).next_line(&mut toks, &mut errs);
    let mut again = Vec::new();
    let what = |e: RdataError| match e {
        RdataError::Missing(what) => format!("it ends where {what} was expected"),
        RdataError::Bad { message, .. } => message,
        RdataError::Trailing { .. } => "octets are left over after the last field".into(),
        RdataError::Name { error, .. } => format!("a domain name in it is bad: {error}"),
        RdataError::NoTextForm(_) => "it has no text form".into(),
    };
    if !errs.is_empty() || (toks.first().is_some_and(|t| t.text(src) == b"\\#")) {
        return Err("its fields do not decode".into());
    }
    encode(rtype, src, &toks, None, &mut again).map_err(what)?;
    if again != rdata {
        return Err(
            "its fields are not in their only valid form (they do not read back the same)".into(),
        );
    }
    Ok(())
}
