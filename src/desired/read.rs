//! Reading desired-state YAML with serde_yaml, once [`limits`] has found the text within
//! bounds of size, depth and alias expansion.
//!
//! Every check runs while the YAML is being deserialized (in seeds and visitors), so that
//! serde_yaml attaches the position of the node at fault to the error: a bad address, an
//! unknown field, a relative target or an unknown type is reported at its own line and
//! column. A value written before its record's `type` (octoDNS itself refuses keys out of
//! order) is checked once the type is known, and reported at its record.

use super::limits::{self, LimitError, Refused};
use super::{
    convert, layout, CaaValue, Desired, DesiredRecord, DsValue, Layout, LocValue, MxValue,
    NaptrValue, RecordValue, SrvValue, SshfpValue, SvcbValue, TlsaValue, UriValue,
};
use crate::zone::{name, rtype};
use serde::de::{
    self, value::MapAccessDeserializer, DeserializeSeed, Deserializer, IgnoredAny, MapAccess,
    SeqAccess, Unexpected, Visitor,
};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::io::Read;
use std::path::Path;

/// A desired-state file that cannot be used: where, and what was expected there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub path: String,
    /// 1-based; 0 when the file could not be read at all.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path, self.line, self.column, self.message
            )
        }
    }
}

/// Reads a desired-state file; `origin` is the zone's apex in wire form.
pub fn read_file(path: &Path, origin: &[u8]) -> Result<Desired, ReadError> {
    let cannot = |e: std::io::Error| ReadError {
        path: path.display().to_string(),
        line: 0,
        column: 0,
        message: format!("cannot read: {e}"),
    };
    // One byte past the limit is enough to refuse the file, whatever its size (or a FIFO's).
    let mut text = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limits::MAX_BYTES + 1).read_to_end(&mut text))
        .map_err(cannot)?;
    if text.len() as u64 > limits::MAX_BYTES {
        let bytes = std::fs::metadata(path).map_or(text.len() as u64, |m| m.len());
        return Err(limit_error(path, &LimitError::TooLarge { bytes }));
    }
    read_slice(path, &text, origin)
}

fn limit_error(path: &Path, e: &LimitError) -> ReadError {
    let (line, column) = e.position().unwrap_or((0, 0));
    ReadError {
        path: path.display().to_string(),
        line,
        column,
        message: e.to_string(),
    }
}

/// Reads desired-state YAML already in memory; `path` names it in errors.
pub fn read_slice(path: &Path, text: &[u8], origin: &[u8]) -> Result<Desired, ReadError> {
    // YAML is Unicode text; serde_yaml's own complaint about a bad byte has no position.
    if let Err(e) = std::str::from_utf8(text) {
        let good = &text[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        return Err(ReadError {
            path: path.display().to_string(),
            line,
            column,
            message: "not UTF-8: expected YAML text in UTF-8".into(),
        });
    }
    let utf8 = std::str::from_utf8(text).unwrap_or_default();
    match limits::check(utf8) {
        Ok(()) => deserialize(path, text, origin),
        Err(Refused::Limit(e)) => Err(limit_error(path, &e)),
        Err(Refused::Syntax {
            line,
            column,
            message,
        }) => {
            // serde_yaml is not asked for its own message: the scan could not count past
            // this point, so what lies beyond it is unbounded.
            Err(ReadError {
                path: path.display().to_string(),
                line,
                column,
                message,
            })
        }
    }
}

/// Deserializes text that is within the limits.
fn deserialize(path: &Path, text: &[u8], origin: &[u8]) -> Result<Desired, ReadError> {
    let de = serde_yaml::Deserializer::from_slice(text);
    let seed = FileSeed {
        origin: &name::to_lowercase(origin),
    };
    match seed.deserialize(de) {
        Ok((records, skipped)) => Ok(Desired {
            path: path.to_path_buf(),
            records,
            skipped,
        }),
        Err(e) => {
            let (line, column) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((1, 1));
            // serde_yaml writes the position into the message; it goes in front instead.
            let message = strip_position(&e.to_string());
            Err(ReadError {
                path: path.display().to_string(),
                line,
                column,
                message,
            })
        }
    }
}

/// `msg at line 5 column 2, while …` without ` at line 5 column 2`.
fn strip_position(msg: &str) -> String {
    let Some(p) = msg.find(" at line ") else {
        return msg.to_string();
    };
    let rest = &msg[p + " at line ".len()..];
    let after = rest
        .find("column ")
        .map(|c| {
            let tail = &rest[c + "column ".len()..];
            &tail[tail
                .find(|ch: char| !ch.is_ascii_digit())
                .unwrap_or(tail.len())..]
        })
        .unwrap_or("");
    format!("{}{after}", &msg[..p])
}

type Records = (Vec<DesiredRecord>, Vec<(String, String)>);

/// The whole file: a mapping of names, or nothing at all (an empty zone, as for octoDNS).
struct FileSeed<'a> {
    origin: &'a [u8],
}

impl<'de> DeserializeSeed<'de> for FileSeed<'_> {
    type Value = Records;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Records, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_> {
    type Value = Records;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping of names relative to the zone ('' for the apex) to records")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Records, E> {
        Ok((Vec::new(), Vec::new()))
    }

    fn visit_none<E: de::Error>(self) -> Result<Records, E> {
        Ok((Vec::new(), Vec::new()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Records, A::Error> {
        let mut seen = HashSet::new();
        let mut records = Vec::new();
        let mut skipped = Vec::new();
        while let Some((key, owner)) = map.next_key_seed(NameSeed {
            origin: self.origin,
            seen: &mut seen,
        })? {
            let found = map.next_value_seed(RecordsSeed {
                name: &key,
                owner: &owner,
            })?;
            for r in found {
                match r {
                    Found::Record(r) => records.push(r),
                    Found::Skipped(t) => skipped.push((key.clone(), t)),
                }
            }
        }
        Ok((records, skipped))
    }
}

/// A top-level key: a name relative to the zone.
struct NameSeed<'a> {
    origin: &'a [u8],
    seen: &'a mut HashSet<Vec<u8>>,
}

impl<'de> DeserializeSeed<'de> for NameSeed<'_> {
    type Value = (String, Vec<u8>);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NameSeed<'_> {
    type Value = (String, Vec<u8>);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a name relative to the zone, such as www or '' for the apex")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        if key == "@" {
            return Err(E::custom(
                "the apex is written '' in octoDNS's layout, not @",
            ));
        }
        let mut wire = Vec::new();
        if !key.is_empty() {
            match name::parse_text(key.as_bytes(), &mut wire) {
                Ok(false) => {}
                Ok(true) => {
                    return Err(E::custom(format!(
                        "names are relative to the zone: expected `{}`, found `{key}`",
                        relative_hint(key, self.origin)
                    )))
                }
                Err(e) => return Err(E::custom(format!("bad name `{key}`: {e}"))),
            }
        }
        wire.extend_from_slice(self.origin);
        if wire.len() > name::MAX_NAME_LEN {
            return Err(E::custom(format!(
                "`{key}` makes a name of {} octets with the zone's origin (at most 255)",
                wire.len()
            )));
        }
        let wire = name::to_lowercase(&wire);
        if !self.seen.insert(wire.clone()) {
            return Err(E::custom(format!(
                "`{key}` appears twice (names are compared without regard to case); give one name a list of records"
            )));
        }
        Ok((key.to_string(), wire))
    }
}

/// What an absolute key should have been written as.
fn relative_hint(key: &str, origin: &[u8]) -> String {
    let origin = name::to_text(origin);
    let k = key.to_ascii_lowercase();
    if k == origin {
        return String::new();
    }
    match k.strip_suffix(&format!(".{origin}")) {
        Some(r) => r.to_string(),
        None => key.trim_end_matches('.').to_string(),
    }
}

enum Found {
    Record(DesiredRecord),
    /// A provider-only record (ALIAS, URLFWD): its type.
    Skipped(String),
}

/// One record, or a list of records, at a name.
struct RecordsSeed<'a> {
    name: &'a str,
    owner: &'a [u8],
}

impl<'de> DeserializeSeed<'de> for RecordsSeed<'_> {
    type Value = Vec<Found>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Found>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RecordsSeed<'_> {
    type Value = Vec<Found>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record (a mapping with `type` and `value` or `values`) or a list of records")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<Found>, A::Error> {
        let mut types = HashSet::new();
        let r = RecordSeed {
            name: self.name,
            owner: self.owner,
            types: &mut types,
        }
        .visit_map(map)?;
        Ok(vec![r])
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Found>, A::Error> {
        let mut types = HashSet::new();
        let mut out = Vec::new();
        while let Some(r) = seq.next_element_seed(RecordSeed {
            name: self.name,
            owner: self.owner,
            types: &mut types,
        })? {
            out.push(r);
        }
        if out.is_empty() {
            return Err(de::Error::custom(format!(
                "`{}` holds an empty list: expected at least one record",
                self.name
            )));
        }
        Ok(out)
    }
}

/// One record: `type`, `ttl`, `value` or `values`, and octoDNS's own keys.
struct RecordSeed<'a> {
    name: &'a str,
    owner: &'a [u8],
    /// The types already given at this name.
    types: &'a mut HashSet<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Type,
    Ttl,
    Value,
    Values,
    /// `octodns`, `dynamic`, `geo`: read and ignored.
    Ignored,
}

const FIELDS: &[&str] = &[
    "type", "ttl", "value", "values", "octodns", "dynamic", "geo",
];

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Field, D::Error> {
        let s = String::deserialize(d)?;
        Ok(match s.as_str() {
            "type" => Field::Type,
            "ttl" => Field::Ttl,
            "value" => Field::Value,
            "values" => Field::Values,
            "octodns" | "dynamic" | "geo" => Field::Ignored,
            _ => return Err(de::Error::unknown_field(&s, FIELDS)),
        })
    }
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Found;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Found, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record: a mapping with `type` and `value` or `values`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let mut typ: Option<(u16, String, Layout)> = None;
        let mut ttl: Option<u32> = None;
        let mut values: Option<Vec<(RecordValue, Vec<u8>)>> = None;
        let mut pending: Option<(bool, serde_yaml::Value)> = None;
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Type => {
                    if typ.is_some() {
                        return Err(de::Error::duplicate_field("type"));
                    }
                    typ = Some(map.next_value_seed(TypeSeed { types: self.types })?);
                }
                Field::Ttl => {
                    if ttl.is_some() {
                        return Err(de::Error::duplicate_field("ttl"));
                    }
                    ttl = Some(map.next_value::<u32>()?);
                }
                Field::Value | Field::Values => {
                    if values.is_some() || pending.is_some() {
                        return Err(de::Error::custom(
                            "give `value` or `values`, not both (nor either twice)",
                        ));
                    }
                    let many = field == Field::Values;
                    match &typ {
                        Some((code, _, layout)) => {
                            values = Some(map.next_value_seed(ValuesSeed {
                                rtype: *code,
                                layout: *layout,
                                many,
                            })?);
                        }
                        None => pending = Some((many, map.next_value::<serde_yaml::Value>()?)),
                    }
                }
                Field::Ignored => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let (code, tname, layout) = typ.ok_or_else(|| de::Error::missing_field("type"))?;
        if let Some((many, v)) = pending {
            let seed = ValuesSeed {
                rtype: code,
                layout,
                many,
            };
            values = Some(seed.deserialize(v).map_err(|e| {
                de::Error::custom(format!("in the {tname} record at `{}`: {e}", self.name))
            })?);
        }
        if layout == Layout::Provider {
            return Ok(Found::Skipped(tname));
        }
        let values = values.ok_or_else(|| {
            de::Error::custom(format!(
                "the {tname} record at `{}` has no `value` or `values`",
                self.name
            ))
        })?;
        let (values, rdata) = values.into_iter().unzip();
        Ok(Found::Record(DesiredRecord {
            name: self.name.to_string(),
            owner: self.owner.to_vec(),
            rtype: code,
            ttl,
            values,
            rdata,
        }))
    }
}

/// `type`: a type name in capitals, once per name.
struct TypeSeed<'a> {
    types: &'a mut HashSet<String>,
}

impl<'de> DeserializeSeed<'de> for TypeSeed<'_> {
    type Value = (u16, String, Layout);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for TypeSeed<'_> {
    type Value = (u16, String, Layout);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record type such as A, MX or TXT")
    }

    fn visit_str<E: de::Error>(self, t: &str) -> Result<Self::Value, E> {
        if !self.types.insert(t.to_string()) {
            return Err(E::custom(format!(
                "a second {t} record at this name: expected one record per type, with `values` for several values"
            )));
        }
        // octoDNS's provider-specific types (`Route53Provider/ALIAS`) and its own ALIAS and
        // URLFWD have no zone-file record.
        if t.contains('/') || layout(t) == Layout::Provider {
            return Ok((0, t.to_string(), Layout::Provider));
        }
        if t != t.to_ascii_uppercase() {
            return Err(E::custom(format!(
                "record types are written in capitals, as octoDNS requires: expected `{}`, found `{t}`",
                t.to_ascii_uppercase()
            )));
        }
        let code = rtype::parse_type(t.as_bytes())
            .ok_or_else(|| E::custom(format!("unknown record type `{t}`")))?;
        if code == rtype::t::SOA && t.starts_with("TYPE") {
            return Err(E::custom("write the SOA as `type: SOA`"));
        }
        // RFC 3597's `TYPEnn` names always take the presentation form.
        let l = if t.starts_with("TYPE") {
            Layout::Presentation
        } else {
            layout(t)
        };
        Ok((code, t.to_string(), l))
    }
}

/// `value` (one) or `values` (a list; a single value is taken as a list of one).
struct ValuesSeed {
    rtype: u16,
    layout: Layout,
    many: bool,
}

impl<'de> DeserializeSeed<'de> for ValuesSeed {
    type Value = Vec<(RecordValue, Vec<u8>)>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        if self.layout == Layout::Provider {
            IgnoredAny::deserialize(d)?;
            return Ok(Vec::new());
        }
        d.deserialize_any(self)
    }
}

impl ValuesSeed {
    fn one(&self) -> ValueVisitor {
        ValueVisitor {
            rtype: self.rtype,
            layout: self.layout,
        }
    }
}

macro_rules! forward_to_value {
    ($($f:ident: $t:ty),*) => {$(
        fn $f<E: de::Error>(self, v: $t) -> Result<Self::Value, E> {
            Ok(vec![self.one().$f(v)?])
        }
    )*};
}

impl<'de> Visitor<'de> for ValuesSeed {
    type Value = Vec<(RecordValue, Vec<u8>)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.many {
            f.write_str("a list of ")?;
        }
        self.one().expecting(f)
    }

    forward_to_value!(visit_str: &str, visit_u64: u64, visit_i64: i64, visit_f64: f64, visit_bool: bool);

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(E::custom("missing value: expected a value after the key"))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Ok(vec![self.one().visit_map(map)?])
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        if !self.many {
            return Err(de::Error::custom(
                "`value` holds one value: expected `values` for a list",
            ));
        }
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(ValueSeed(self.one()))? {
            out.push(v);
        }
        if out.is_empty() {
            return Err(de::Error::custom(
                "empty `values`: expected at least one value",
            ));
        }
        Ok(out)
    }
}

struct ValueSeed(ValueVisitor);

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = (RecordValue, Vec<u8>);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self.0)
    }
}

/// One value; it is converted to RDATA here, so that an error points at the value.
#[derive(Clone, Copy)]
struct ValueVisitor {
    rtype: u16,
    layout: Layout,
}

impl ValueVisitor {
    fn done<E: de::Error>(&self, v: RecordValue) -> Result<(RecordValue, Vec<u8>), E> {
        let rdata = convert::to_rdata(self.rtype, self.layout, &v).map_err(E::custom)?;
        Ok((v, rdata))
    }

    fn structured(&self) -> bool {
        !matches!(
            self.layout,
            Layout::Ipv4
                | Layout::Ipv6
                | Layout::Target
                | Layout::Chunked
                | Layout::Base64
                | Layout::Presentation
        )
    }
}

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = (RecordValue, Vec<u8>);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let t = rtype::type_to_string(self.rtype);
        let s = match self.layout {
            Layout::Ipv4 => "an IPv4 address such as 192.0.2.1",
            Layout::Ipv6 => "an IPv6 address such as 2001:db8::1",
            Layout::Target => "an absolute name ending with a dot",
            Layout::Chunked => "a string",
            Layout::Base64 => "a base64 string",
            Layout::Mx => "a mapping with `preference` and `exchange`",
            Layout::Srv => "a mapping with `priority`, `weight`, `port` and `target`",
            Layout::Caa => "a mapping with `flags`, `tag` and `value`",
            Layout::Tlsa => "a mapping with `certificate_usage`, `selector`, `matching_type` and `certificate_association_data`",
            Layout::Sshfp => "a mapping with `algorithm`, `fingerprint_type` and `fingerprint`",
            Layout::Ds => "a mapping with `key_tag`, `algorithm`, `digest_type` and `digest`",
            Layout::Naptr => "a mapping with `order`, `preference`, `flags`, `service`, `regexp` and `replacement`",
            Layout::Svcb => "a mapping with `svcpriority`, `targetname` and `svcparams`",
            Layout::Loc => "a mapping with octoDNS's LOC fields (`lat_degrees` … `precision_vert`)",
            Layout::Uri => "a mapping with `priority`, `weight` and `target`",
            Layout::Provider => "anything",
            Layout::Presentation => "the RDATA in zone-file presentation form",
        };
        write!(f, "{t} value: {s}")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if self.structured() {
            return Err(E::invalid_type(Unexpected::Str(v), &self));
        }
        self.done(RecordValue::Text(v.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let d = MapAccessDeserializer::new(map);
        let v = match self.layout {
            Layout::Mx => RecordValue::Mx(MxValue::deserialize(d)?),
            Layout::Srv => RecordValue::Srv(SrvValue::deserialize(d)?),
            Layout::Caa => RecordValue::Caa(CaaValue::deserialize(d)?),
            Layout::Tlsa => RecordValue::Tlsa(TlsaValue::deserialize(d)?),
            Layout::Sshfp => RecordValue::Sshfp(SshfpValue::deserialize(d)?),
            Layout::Ds => RecordValue::Ds(DsValue::deserialize(d)?),
            Layout::Naptr => RecordValue::Naptr(NaptrValue::deserialize(d)?),
            Layout::Svcb => RecordValue::Svcb(SvcbValue::deserialize(d)?),
            Layout::Loc => RecordValue::Loc(LocValue::deserialize(d)?),
            Layout::Uri => RecordValue::Uri(UriValue::deserialize(d)?),
            _ => return Err(de::Error::invalid_type(Unexpected::Map, &self)),
        };
        self.done(v)
    }
}
