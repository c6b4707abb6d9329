//! Writing a zone as desired-state YAML that octoDNS loads as it is.
//!
//! octoDNS's YamlProvider refuses a mapping whose keys are not in natural sort order (the
//! `natsort` package's default key: text compared as text, runs of digits as numbers, and
//! `''`, the apex, first), at every level: names, a record's fields (`octodns`, `ttl`,
//! `type`, `value`/`values`) and a value's fields. So every mapping is written in that order.
//! Strings are quoted unless YAML 1.1 (octoDNS's PyYAML) and YAML 1.2 (serde_yaml) both read
//! them plainly as the same string.

use super::diff::{zone_groups, Group};
use super::{convert, octodns_layout, Layout, RecordValue, SvcParam};
use crate::zone::{name, rdata, rtype, Zone};
use std::cmp::Ordering;
use std::fmt::Write as _;

/// What `export` writes.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExportOptions {
    /// Write the signer's records (RRSIG, NSEC, DNSKEY, …) too.
    pub include_dnssec: bool,
}

/// The YAML, and notes on what was left out or cannot be loaded by octoDNS.
#[derive(Clone, Debug, Default)]
pub struct Exported {
    pub yaml: String,
    pub notes: Vec<String>,
}

/// A YAML value to write.
#[derive(Clone, Debug)]
enum Node {
    Str(String),
    /// A number, written as it is.
    Num(String),
    Null,
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

/// Writes the zone's RRsets (without its SOA, which octoDNS's providers make themselves).
pub fn export(zone: &Zone, opts: &ExportOptions) -> Exported {
    let mut notes = Vec::new();
    let groups = zone_groups(zone, opts.include_dnssec, false, &mut notes);
    let origin_labels = name::label_count(&zone.origin);
    let mut names: Vec<(String, Vec<Node>)> = Vec::new();
    let mut foreign: Vec<String> = Vec::new();
    for g in &groups {
        let key = relative(&g.owner, origin_labels);
        let (type_name, value_nodes) = record_values(g);
        if (octodns_layout(g.rtype).is_none() || type_name.starts_with("TYPE"))
            && !foreign.contains(&type_name)
        {
            foreign.push(type_name.clone());
        }
        let mut fields = vec![
            ("ttl".to_string(), Node::Num(g.ttl.to_string())),
            ("type".to_string(), Node::Str(type_name)),
        ];
        match <[Node; 1]>::try_from(value_nodes) {
            Ok([one]) => fields.push(("value".into(), one)),
            Err(many) => fields.push(("values".into(), Node::List(many))),
        }
        let rec = Node::Map(fields);
        match names.last_mut() {
            Some((k, recs)) if *k == key => recs.push(rec),
            _ => names.push((key, vec![rec])),
        }
    }
    if !foreign.is_empty() {
        notes.push(format!(
            "octoDNS has no layout for {}: written as zone-file presentation text, which zonewarden reads and octoDNS refuses",
            foreign.join(", ")
        ));
    }
    let top = Node::Map(
        names
            .into_iter()
            .map(|(k, recs)| {
                // Several records at a name: a list, by type name, as octoDNS writes it.
                match <[Node; 1]>::try_from(recs) {
                    Ok([one]) => (k, one),
                    Err(mut recs) => {
                        recs.sort_by(|a, b| type_of(a).cmp(type_of(b)));
                        (k, Node::List(recs))
                    }
                }
            })
            .collect(),
    );
    let mut yaml = String::from("---\n");
    write_node(&top, 0, &mut yaml);
    Exported { yaml, notes }
}

fn type_of(n: &Node) -> &str {
    if let Node::Map(f) = n {
        for (k, v) in f {
            if let (true, Node::Str(s)) = (k == "type", v) {
                return s;
            }
        }
    }
    ""
}

/// The owner relative to the origin, in presentation form (`''` for the apex).
fn relative(owner: &[u8], origin_labels: usize) -> String {
    let labels: Vec<&[u8]> = name::labels(owner).collect();
    let keep = labels.len().saturating_sub(origin_labels);
    let mut parts = Vec::new();
    for l in &labels[..keep] {
        let mut wire = vec![l.len() as u8];
        wire.extend_from_slice(l);
        wire.push(0);
        let mut s = name::to_text(&wire);
        s.pop();
        parts.push(s);
    }
    parts.join(".")
}

/// The type name and values of one RRset: octoDNS's layout where its type has one and every
/// value fits it, else the presentation form (under `TYPEnn` for a type octoDNS knows, so
/// that octoDNS refuses it instead of reading it in its own layout).
fn record_values(g: &Group) -> (String, Vec<Node>) {
    if let Some(layout) = octodns_layout(g.rtype) {
        let values: Option<Vec<RecordValue>> = g
            .rdata
            .iter()
            .map(|d| convert::value_from_rdata(g.rtype, layout, d))
            .collect();
        if let Some(mut values) = values {
            // The same text twice (TXT strings split differently) is one octoDNS value.
            let mut nodes: Vec<Node> = Vec::new();
            let mut seen = Vec::new();
            for v in values.drain(..) {
                if layout == Layout::Chunked {
                    if seen.contains(&v) {
                        continue;
                    }
                    seen.push(v.clone());
                }
                nodes.push(value_node(&v));
            }
            return (rtype::type_to_string(g.rtype), nodes);
        }
        let nodes = g.rdata.iter().map(|d| Node::Str(generic(d))).collect();
        return (format!("TYPE{}", g.rtype), nodes);
    }
    let nodes = g
        .rdata
        .iter()
        .map(|d| {
            let mut s = String::new();
            rdata::write_text(g.rtype, d, &mut s);
            Node::Str(s)
        })
        .collect();
    (rtype::type_to_string(g.rtype), nodes)
}

fn generic(d: &[u8]) -> String {
    let mut s = String::new();
    rdata::write_generic(d, &mut s);
    s
}

fn num(v: impl ToString) -> Node {
    Node::Num(v.to_string())
}

fn s(v: &str) -> Node {
    Node::Str(v.to_string())
}

fn map(fields: Vec<(&str, Node)>) -> Node {
    Node::Map(
        fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn value_node(v: &RecordValue) -> Node {
    match v {
        RecordValue::Text(t) => s(t),
        RecordValue::Mx(v) => map(vec![
            ("exchange", s(&v.exchange)),
            ("preference", num(v.preference)),
        ]),
        RecordValue::Srv(v) => map(vec![
            ("port", num(v.port)),
            ("priority", num(v.priority)),
            ("target", s(&v.target)),
            ("weight", num(v.weight)),
        ]),
        RecordValue::Caa(v) => map(vec![
            ("flags", num(v.flags)),
            ("tag", s(&v.tag)),
            ("value", s(&v.value)),
        ]),
        RecordValue::Tlsa(v) => map(vec![
            (
                "certificate_association_data",
                s(&v.certificate_association_data),
            ),
            ("certificate_usage", num(v.certificate_usage)),
            ("matching_type", num(v.matching_type)),
            ("selector", num(v.selector)),
        ]),
        RecordValue::Sshfp(v) => map(vec![
            ("algorithm", num(v.algorithm)),
            ("fingerprint", s(&v.fingerprint)),
            ("fingerprint_type", num(v.fingerprint_type)),
        ]),
        RecordValue::Ds(v) => map(vec![
            ("algorithm", num(v.algorithm)),
            ("digest", s(&v.digest)),
            ("digest_type", num(v.digest_type)),
            ("key_tag", num(v.key_tag)),
        ]),
        RecordValue::Naptr(v) => map(vec![
            ("flags", s(&v.flags)),
            ("order", num(v.order)),
            ("preference", num(v.preference)),
            ("regexp", s(&v.regexp)),
            ("replacement", s(&v.replacement)),
            ("service", s(&v.service)),
        ]),
        RecordValue::Svcb(v) => {
            let params = v
                .svcparams
                .iter()
                .map(|(k, p)| {
                    let n = match p {
                        None => Node::Null,
                        Some(SvcParam::One(x)) => s(&x.to_string()),
                        Some(SvcParam::List(xs)) => {
                            Node::List(xs.iter().map(|x| s(&x.to_string())).collect())
                        }
                    };
                    (k.clone(), n)
                })
                .collect();
            let mut fields = vec![
                ("svcpriority", num(v.svcpriority)),
                ("targetname", s(&v.targetname)),
            ];
            if !v.svcparams.is_empty() {
                fields.push(("svcparams", Node::Map(params)));
            }
            map(fields)
        }
        RecordValue::Loc(v) => map(vec![
            ("altitude", num(v.altitude)),
            ("lat_degrees", num(v.lat_degrees)),
            ("lat_direction", s(&v.lat_direction)),
            ("lat_minutes", num(v.lat_minutes)),
            ("lat_seconds", num(v.lat_seconds)),
            ("long_degrees", num(v.long_degrees)),
            ("long_direction", s(&v.long_direction)),
            ("long_minutes", num(v.long_minutes)),
            ("long_seconds", num(v.long_seconds)),
            ("precision_horz", num(v.precision_horz)),
            ("precision_vert", num(v.precision_vert)),
            ("size", num(v.size)),
        ]),
        RecordValue::Uri(v) => map(vec![
            ("priority", num(v.priority)),
            ("target", s(&v.target)),
            ("weight", num(v.weight)),
        ]),
    }
}

/// One piece of a natural sort key: text, or a run of digits (leading zeros dropped).
#[derive(PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Digits(&'a str),
}

fn pieces(s: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    // natsort's key always begins with text, empty when the string begins with a digit.
    if b.first().is_some_and(u8::is_ascii_digit) {
        out.push(Piece::Text(""));
    }
    while i < b.len() {
        let digit = b[i].is_ascii_digit();
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() == digit {
            i += 1;
        }
        let run = &s[start..i];
        out.push(if digit {
            Piece::Digits(run.trim_start_matches('0'))
        } else {
            Piece::Text(run)
        });
    }
    out
}

/// The order of Python's `natsort.natsort_keygen()` (its default), which octoDNS enforces.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (pa, pb) = (pieces(a), pieces(b));
    for (x, y) in pa.iter().zip(pb.iter()) {
        let o = match (x, y) {
            (Piece::Text(x), Piece::Text(y)) => x.cmp(y),
            (Piece::Digits(x), Piece::Digits(y)) => x.len().cmp(&y.len()).then(x.cmp(y)),
            // Pieces alternate from the same start, so kinds always match.
            (Piece::Text(_), Piece::Digits(_)) => Ordering::Greater,
            (Piece::Digits(_), Piece::Text(_)) => Ordering::Less,
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    pa.len().cmp(&pb.len())
}

/// A string as a YAML scalar: plain when both YAML versions read it back as this string,
/// else single-quoted.
fn scalar(s: &str) -> String {
    let plain = s.bytes().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'))
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "true" | "false" | "on" | "off" | "null"
        );
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

fn write_node(n: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match n {
        Node::Map(fields) => {
            let mut fields: Vec<&(String, Node)> = fields.iter().collect();
            fields.sort_by(|a, b| natural_cmp(&a.0, &b.0));
            for (k, v) in fields {
                let _ = write!(out, "{pad}{}:", scalar(k));
                write_value(v, indent, out);
            }
        }
        Node::List(items) => {
            for item in items {
                let _ = write!(out, "{pad}-");
                match item {
                    Node::Map(_) => {
                        // The first field goes on the dash's line.
                        let mut inner = String::new();
                        write_node(item, indent + 2, &mut inner);
                        out.push(' ');
                        out.push_str(&inner[indent + 2..]);
                    }
                    _ => write_value(item, indent, out),
                }
            }
        }
        _ => {}
    }
}

/// Writes what follows `key:` or `-`.
fn write_value(v: &Node, indent: usize, out: &mut String) {
    match v {
        Node::Str(s) => {
            let _ = writeln!(out, " {}", scalar(s));
        }
        Node::Num(n) => {
            let _ = writeln!(out, " {n}");
        }
        Node::Null => out.push_str(" null\n"),
        Node::Map(_) => {
            out.push('\n');
            write_node(v, indent + 2, out);
        }
        Node::List(_) => {
            out.push('\n');
            write_node(v, indent, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_is_natsorts() {
        // The order Python's natsort gives for these keys.
        let want = [
            "",
            "2",
            "10",
            "*",
            "A",
            "Z",
            "_25._tcp.mail",
            "_dmarc",
            "a2",
            "a10",
            "mail",
            "ns1",
            "ns2",
            "ns10",
            "www",
        ];
        let mut got = want.to_vec();
        got.reverse();
        got.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(got, want);
    }

    #[test]
    fn scalars_are_quoted_where_yaml_would_change_them() {
        assert_eq!(scalar("mail.example.com."), "mail.example.com.");
        assert_eq!(scalar("192.0.2.1"), "'192.0.2.1'");
        assert_eq!(scalar("yes"), "'yes'");
        assert_eq!(scalar(""), "''");
        assert_eq!(scalar("it's"), "'it''s'");
        assert_eq!(scalar("*"), "'*'");
    }
}
