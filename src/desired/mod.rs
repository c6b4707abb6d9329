//! Desired state: the zone a team means to publish, kept as octoDNS YAML, and what differs
//! between it and a zone file.
//!
//! The format is octoDNS's zone layout (its `YamlProvider`), so an octoDNS repository works
//! unchanged: top-level keys are names relative to the zone (`''` for the apex), each holding
//! one record or a list of records with `type`, optional `ttl`, and `value` or `values` in
//! octoDNS's field names. This file is the data model; [`read`] reads YAML into it with
//! positions for errors, [`convert`] turns values into wire RDATA and back, [`diff`] compares
//! RRsets and [`export`] writes a zone as YAML in octoDNS's key order.
//!
//! Where octoDNS has no layout for a type (HINFO, RP, SOA, the DNSSEC types, RFC 3597
//! `TYPEnn` types), a value is the RDATA in zone-file presentation form: a zonewarden
//! extension that octoDNS refuses rather than misreads.

pub mod convert;
pub mod diff;
pub mod export;
pub mod limits;
pub mod read;

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The types a signer maintains, left out of `diff` and `export` unless `--include-dnssec`:
/// RRSIG, NSEC, DNSKEY, NSEC3, NSEC3PARAM, CDS, CDNSKEY, and ZONEMD, whose digest changes
/// with every signing (RFC 8976 §3).
pub const SIGNER_TYPES: [u16; 8] = [46, 47, 48, 50, 51, 59, 60, 63];

/// A desired-state file as read.
#[derive(Clone, Debug)]
pub struct Desired {
    pub path: PathBuf,
    pub records: Vec<DesiredRecord>,
    /// Records that have no zone-file form (octoDNS's ALIAS and URLFWD), by name and type;
    /// they are not compared.
    pub skipped: Vec<(String, String)>,
}

/// One record (one RRset) of a desired-state file.
#[derive(Clone, Debug)]
pub struct DesiredRecord {
    /// The key as written, relative to the zone (`''` for the apex).
    pub name: String,
    /// The owner in wire form, absolute, lower-cased.
    pub owner: Vec<u8>,
    pub rtype: u16,
    pub ttl: Option<u32>,
    pub values: Vec<RecordValue>,
    /// Each value's RDATA in wire form, in the order of `values`.
    pub rdata: Vec<Vec<u8>>,
}

/// How a type's values are written in YAML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A: a dotted-quad string.
    Ipv4,
    /// AAAA: an IPv6 address string.
    Ipv6,
    /// CNAME, DNAME, NS, PTR: an absolute name.
    Target,
    /// TXT, SPF: text with `\;` escaping, split into 255-octet strings.
    Chunked,
    /// OPENPGPKEY: base64.
    Base64,
    Mx,
    Srv,
    Caa,
    Tlsa,
    Sshfp,
    Ds,
    Naptr,
    Svcb,
    Loc,
    Uri,
    /// ALIAS and URLFWD: provider features with no zone-file record; read and not compared.
    Provider,
    /// Any other type: the RDATA in zone-file presentation form (zonewarden's extension).
    Presentation,
}

/// The layout of a `type:` as written; `TYPEnn` always takes the presentation form.
pub fn layout(type_name: &str) -> Layout {
    match type_name {
        "A" => Layout::Ipv4,
        "AAAA" => Layout::Ipv6,
        "CNAME" | "DNAME" | "NS" | "PTR" => Layout::Target,
        "TXT" | "SPF" => Layout::Chunked,
        "OPENPGPKEY" => Layout::Base64,
        "MX" => Layout::Mx,
        "SRV" => Layout::Srv,
        "CAA" => Layout::Caa,
        "TLSA" => Layout::Tlsa,
        "SSHFP" => Layout::Sshfp,
        "DS" => Layout::Ds,
        "NAPTR" => Layout::Naptr,
        "SVCB" | "HTTPS" => Layout::Svcb,
        "LOC" => Layout::Loc,
        "URI" => Layout::Uri,
        "ALIAS" | "URLFWD" => Layout::Provider,
        _ => Layout::Presentation,
    }
}

/// The octoDNS layout zonewarden writes for a type number, if octoDNS has one.
pub fn octodns_layout(rtype: u16) -> Option<Layout> {
    let name = crate::zone::rtype::type_name(rtype)?;
    match layout(name) {
        Layout::Presentation | Layout::Provider => None,
        l => Some(l),
    }
}

/// One value of a record, in octoDNS's terms.
#[derive(Clone, Debug, PartialEq)]
pub enum RecordValue {
    /// A scalar value: an address, a target name, TXT text, base64, or presentation RDATA.
    Text(String),
    Mx(MxValue),
    Srv(SrvValue),
    Caa(CaaValue),
    Tlsa(TlsaValue),
    Sshfp(SshfpValue),
    Ds(DsValue),
    Naptr(NaptrValue),
    Svcb(SvcbValue),
    Loc(LocValue),
    Uri(UriValue),
}

/// MX (RFC 1035 §3.3.9). octoDNS also reads the older `priority` and `value`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MxValue {
    #[serde(alias = "priority")]
    pub preference: u16,
    #[serde(alias = "value")]
    pub exchange: String,
}

/// SRV (RFC 2782).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SrvValue {
    pub priority: u16,
    pub weight: u16,
    pub port: u16,
    pub target: String,
}

/// CAA (RFC 8659 §4.1); `value` is the character-string's content, escapes included.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaaValue {
    #[serde(default)]
    pub flags: u8,
    pub tag: String,
    pub value: String,
}

/// TLSA (RFC 6698 §2.1).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TlsaValue {
    pub certificate_usage: u8,
    pub selector: u8,
    pub matching_type: u8,
    pub certificate_association_data: String,
}

/// SSHFP (RFC 4255 §3.1).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SshfpValue {
    pub algorithm: u8,
    pub fingerprint_type: u8,
    pub fingerprint: String,
}

/// DS (RFC 4034 §5.1).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DsValue {
    pub key_tag: u16,
    pub algorithm: u8,
    pub digest_type: u8,
    pub digest: String,
}

/// NAPTR (RFC 3403 §4.1); `flags`, `service` and `regexp` are character-string contents.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NaptrValue {
    pub order: u16,
    pub preference: u16,
    pub flags: String,
    pub service: String,
    pub regexp: String,
    pub replacement: String,
}

/// SVCB and HTTPS (RFC 9460 §2.1). A parameter is a key with no value, a string, or a list
/// (octoDNS writes `alpn`, `mandatory` and the hints as lists).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SvcbValue {
    pub svcpriority: u16,
    pub targetname: String,
    #[serde(default)]
    pub svcparams: BTreeMap<String, Option<SvcParam>>,
}

/// One SVCB parameter's value.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum SvcParam {
    One(Scalar),
    List(Vec<Scalar>),
}

/// A YAML scalar that octoDNS turns into text: a string or a number.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Int(u64),
    Str(String),
}

impl std::fmt::Display for Scalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scalar::Int(v) => write!(f, "{v}"),
            Scalar::Str(s) => f.write_str(s),
        }
    }
}

/// LOC (RFC 1876 §3) in octoDNS's fields; lengths in metres.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocValue {
    pub lat_degrees: u8,
    pub lat_minutes: u8,
    pub lat_seconds: f64,
    pub lat_direction: String,
    pub long_degrees: u8,
    pub long_minutes: u8,
    pub long_seconds: f64,
    pub long_direction: String,
    pub altitude: f64,
    pub size: f64,
    pub precision_horz: f64,
    pub precision_vert: f64,
}

/// URI (RFC 7553 §4.5); `target` is the string's content.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UriValue {
    pub priority: u16,
    pub weight: u16,
    pub target: String,
}

/// The first syntax error of a zone, with its position and how many there are, for
/// commands that need a zone that reads cleanly.
pub fn syntax_error(zone: &crate::zone::Zone) -> Option<String> {
    use crate::diag::Severity;
    let errors: Vec<_> = zone
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let d = errors.first()?;
    let loc = zone
        .locate(d)
        .map(|l| format!("{}:{}:{}: ", l.file, l.start.line, l.start.col))
        .unwrap_or_default();
    Some(format!(
        "{loc}{} [{}] ({} syntax error{} in all; `zonewarden lint` lists them)",
        d.message(),
        d.rule.code,
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ))
}
