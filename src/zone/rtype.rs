//! Record types and classes by number and mnemonic (IANA registry; RFC 3597 §5 for `TYPEnnn`).

/// Well-known record type numbers used by the rules.
pub mod t {
    pub const A: u16 = 1;
    pub const NS: u16 = 2;
    pub const CNAME: u16 = 5;
    pub const SOA: u16 = 6;
    pub const PTR: u16 = 12;
    pub const MX: u16 = 15;
    pub const TXT: u16 = 16;
    pub const AAAA: u16 = 28;
    pub const SRV: u16 = 33;
    pub const NAPTR: u16 = 35;
    pub const DNAME: u16 = 39;
    pub const DS: u16 = 43;
    pub const RRSIG: u16 = 46;
    pub const NSEC: u16 = 47;
    pub const DNSKEY: u16 = 48;
    pub const NSEC3: u16 = 50;
    pub const NSEC3PARAM: u16 = 51;
    pub const TLSA: u16 = 52;
    pub const CDS: u16 = 59;
    pub const CDNSKEY: u16 = 60;
    pub const ZONEMD: u16 = 63;
    pub const SVCB: u16 = 64;
    pub const HTTPS: u16 = 65;
    pub const CAA: u16 = 257;
}

/// Mnemonics of the types zonewarden knows, by number.
const TYPES: &[(u16, &str)] = &[
    (1, "A"),
    (2, "NS"),
    (3, "MD"),
    (4, "MF"),
    (5, "CNAME"),
    (6, "SOA"),
    (7, "MB"),
    (8, "MG"),
    (9, "MR"),
    (10, "NULL"),
    (11, "WKS"),
    (12, "PTR"),
    (13, "HINFO"),
    (14, "MINFO"),
    (15, "MX"),
    (16, "TXT"),
    (17, "RP"),
    (18, "AFSDB"),
    (19, "X25"),
    (20, "ISDN"),
    (21, "RT"),
    (22, "NSAP"),
    (23, "NSAP-PTR"),
    (24, "SIG"),
    (25, "KEY"),
    (26, "PX"),
    (27, "GPOS"),
    (28, "AAAA"),
    (29, "LOC"),
    (30, "NXT"),
    (31, "EID"),
    (32, "NIMLOC"),
    (33, "SRV"),
    (34, "ATMA"),
    (35, "NAPTR"),
    (36, "KX"),
    (37, "CERT"),
    (38, "A6"),
    (39, "DNAME"),
    (40, "SINK"),
    (41, "OPT"),
    (42, "APL"),
    (43, "DS"),
    (44, "SSHFP"),
    (45, "IPSECKEY"),
    (46, "RRSIG"),
    (47, "NSEC"),
    (48, "DNSKEY"),
    (49, "DHCID"),
    (50, "NSEC3"),
    (51, "NSEC3PARAM"),
    (52, "TLSA"),
    (53, "SMIMEA"),
    (55, "HIP"),
    (56, "NINFO"),
    (57, "RKEY"),
    (58, "TALINK"),
    (59, "CDS"),
    (60, "CDNSKEY"),
    (61, "OPENPGPKEY"),
    (62, "CSYNC"),
    (63, "ZONEMD"),
    (64, "SVCB"),
    (65, "HTTPS"),
    (66, "DSYNC"),
    (67, "HHIT"),
    (68, "BRID"),
    (99, "SPF"),
    (104, "NID"),
    (105, "L32"),
    (106, "L64"),
    (107, "LP"),
    (108, "EUI48"),
    (109, "EUI64"),
    (249, "TKEY"),
    (250, "TSIG"),
    (251, "IXFR"),
    (252, "AXFR"),
    (253, "MAILB"),
    (254, "MAILA"),
    (255, "ANY"),
    (256, "URI"),
    (257, "CAA"),
    (258, "AVC"),
    (259, "DOA"),
    (260, "AMTRELAY"),
    (261, "RESINFO"),
    (262, "WALLET"),
    (32768, "TA"),
    (32769, "DLV"),
];

/// Types that exist only in messages, never as data: OPT (RFC 6891 §6.1.1) and the meta and
/// query types 128-255 (TKEY, TSIG, IXFR, AXFR, MAILB, MAILA, ANY; RFC 6895 §3.1).
pub fn is_meta_or_qtype(code: u16) -> bool {
    code == 41 || (128..=255).contains(&code)
}

/// The mnemonic of a type, if it has one.
pub fn type_name(code: u16) -> Option<&'static str> {
    TYPES
        .binary_search_by_key(&code, |&(c, _)| c)
        .ok()
        .map(|i| TYPES[i].1)
}

/// The presentation form of a type: its mnemonic, else `TYPEnnn`.
pub fn type_to_string(code: u16) -> String {
    type_name(code)
        .map(str::to_string)
        .unwrap_or_else(|| format!("TYPE{code}"))
}

/// Parses a type mnemonic (any case) or `TYPEnnn`.
pub fn parse_type(text: &[u8]) -> Option<u16> {
    if text.len() > 4 && text[..4].eq_ignore_ascii_case(b"TYPE") {
        if let Some(n) = parse_u16_digits(&text[4..]) {
            return Some(n);
        }
    }
    if text.len() > 10 || text.is_empty() {
        return None;
    }
    let mut upper = [0u8; 10];
    for (u, c) in upper.iter_mut().zip(text) {
        *u = c.to_ascii_uppercase();
    }
    let upper = &upper[..text.len()];
    // The types that make up nearly every zone, without a table search.
    let common = match upper {
        b"A" => Some(t::A),
        b"NS" => Some(t::NS),
        b"CNAME" => Some(t::CNAME),
        b"SOA" => Some(t::SOA),
        b"PTR" => Some(t::PTR),
        b"MX" => Some(t::MX),
        b"TXT" => Some(t::TXT),
        b"AAAA" => Some(t::AAAA),
        b"SRV" => Some(t::SRV),
        b"DS" => Some(t::DS),
        b"RRSIG" => Some(t::RRSIG),
        b"NSEC" => Some(t::NSEC),
        b"DNSKEY" => Some(t::DNSKEY),
        b"NSEC3" => Some(t::NSEC3),
        b"TLSA" => Some(t::TLSA),
        b"CAA" => Some(t::CAA),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    TYPES
        .iter()
        .find(|(_, name)| name.as_bytes() == upper)
        .map(|&(c, _)| c)
}

fn parse_u16_digits(s: &[u8]) -> Option<u16> {
    if s.is_empty() || s.len() > 5 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = s.iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
    u16::try_from(v).ok()
}

/// The Internet class (RFC 1035 §3.2.4).
pub const CLASS_IN: u16 = 1;

/// Parses a class mnemonic or `CLASSnnn`.
pub fn parse_class(text: &[u8]) -> Option<u16> {
    if text.eq_ignore_ascii_case(b"IN") {
        Some(1)
    } else if text.eq_ignore_ascii_case(b"CH") || text.eq_ignore_ascii_case(b"CS") {
        Some(if text.eq_ignore_ascii_case(b"CH") {
            3
        } else {
            2
        })
    } else if text.eq_ignore_ascii_case(b"HS") {
        Some(4)
    } else if text.len() > 5 && text[..5].eq_ignore_ascii_case(b"CLASS") {
        parse_u16_digits(&text[5..])
    } else {
        None
    }
}

/// The presentation form of a class.
pub fn class_to_string(code: u16) -> String {
    match code {
        1 => "IN".into(),
        2 => "CS".into(),
        3 => "CH".into(),
        4 => "HS".into(),
        n => format!("CLASS{n}"),
    }
}

/// DNSSEC algorithm mnemonics (IANA "DNS Security Algorithm Numbers").
const ALGORITHMS: &[(u8, &str)] = &[
    (1, "RSAMD5"),
    (2, "DH"),
    (3, "DSA"),
    (5, "RSASHA1"),
    (6, "DSA-NSEC3-SHA1"),
    (7, "RSASHA1-NSEC3-SHA1"),
    (8, "RSASHA256"),
    (10, "RSASHA512"),
    (12, "ECC-GOST"),
    (13, "ECDSAP256SHA256"),
    (14, "ECDSAP384SHA384"),
    (15, "ED25519"),
    (16, "ED448"),
    (252, "INDIRECT"),
    (253, "PRIVATEDNS"),
    (254, "PRIVATEOID"),
];

/// The mnemonic of a DNSSEC algorithm.
pub fn algorithm_name(n: u8) -> Option<&'static str> {
    ALGORITHMS.iter().find(|(c, _)| *c == n).map(|&(_, s)| s)
}

/// Parses a DNSSEC algorithm mnemonic (any case).
pub fn parse_algorithm(text: &[u8]) -> Option<u8> {
    ALGORITHMS
        .iter()
        .find(|(_, s)| s.as_bytes().eq_ignore_ascii_case(text))
        .map(|&(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_parses_both_forms() {
        assert!(TYPES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(parse_type(b"nsec3param"), Some(51));
        assert_eq!(parse_type(b"TYPE65534"), Some(65534));
        assert_eq!(parse_type(b"TYPE65536"), None);
        assert_eq!(parse_type(b"BOGUS"), None);
        assert_eq!(type_to_string(65534), "TYPE65534");
        assert_eq!(parse_class(b"CLASS1"), Some(1));
        assert_eq!(parse_class(b"in"), Some(1));
    }
}
