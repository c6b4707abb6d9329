//! The RDATA rules that issue #14 found missing, each as a class: generic RDATA checked
//! against its type, SVCB's consistency rules, NSEC3's hash length, DSYNC's scheme, SINK,
//! WKS names, LOC ranges and escapes.

use super::tests::enc;
use super::*;

/// The message of a refused record, or a panic if it was read.
fn refused(rtype: u16, text: &str) -> String {
    match enc(rtype, text) {
        Ok(w) => panic!("{text} was read as {w:02x?}"),
        Err(RdataError::Bad { message, .. }) => message,
        Err(e) => format!("{e:?}"),
    }
}

#[test]
fn generic_rdata_must_be_valid_for_its_type() {
    // RFC 3597 §5, for every type with a schema, through one code path.
    let m = refused(1, "\\# 0");
    assert_eq!(
        m,
        "\\# RDATA that is not valid A: the data ends after 0 octets where an IPv4 address was expected"
    );
    let m = refused(1, "\\# 3 010203");
    assert!(
        m.ends_with("only 3 octets left for an IPv4 address, which takes 4 octets"),
        "{m}"
    );
    let m = refused(1, "\\# 5 0102030405");
    assert!(m.ends_with("1 octet left over after the last field"), "{m}");
    assert!(refused(2, "\\# 0").contains("a domain name was expected"));
    assert!(refused(15, "\\# 0").contains("a 16-bit number was expected"));
    assert!(refused(15, "\\# 2 000a").contains("after 2 octets where a domain name"));
    assert!(refused(16, "\\# 0").contains("character-strings"));
    // The text form's own rules hold for the generic form: SVCB's mandatory, NSEC3's hash
    // length, LOC's latitude.
    let m = refused(64, "\\# 9 000100000000020000");
    assert!(
        m.ends_with("mandatory must not list mandatory itself (RFC 9460 §8)"),
        "{m}"
    );
    let m = refused(50, "\\# 7 01000000000100");
    assert!(m.contains("SHA-1 (hash algorithm 1) makes 20"), "{m}");
    let m = refused(29, "\\# 16 00000000 00000000 00000000 00000000");
    assert!(m.ends_with("the latitude is beyond 90 degrees"), "{m}");
    // Valid generic RDATA reads, and a type without a schema takes any.
    assert_eq!(enc(1, "\\# 4 C0000201").unwrap(), [192, 0, 2, 1]);
    assert_eq!(enc(15, "\\# 3 000a00").unwrap(), [0, 10, 0]);
    assert_eq!(enc(64, "\\# 3 000000").unwrap(), [0, 0, 0]);
    assert_eq!(enc(65280, "\\# 1 ff").unwrap(), [0xff]);
}

#[test]
fn svcb_parameters_agree_with_each_other() {
    // RFC 9460 §8 and Appendix D.3's failure cases.
    for (text, want) in [
        (
            "1 . mandatory=alpn",
            "mandatory lists alpn, which the record does not have",
        ),
        (
            "1 . mandatory=key123",
            "mandatory lists key123, which the record does not have",
        ),
        (
            "1 . mandatory=mandatory",
            "mandatory must not list mandatory itself",
        ),
        (
            "1 . mandatory=alpn,alpn alpn=h2",
            "mandatory lists alpn twice",
        ),
        (
            "1 . key123=abc key123=def",
            "service parameter key123 given twice",
        ),
        (
            "1 . no-default-alpn= alpn=h2",
            "no-default-alpn takes no value",
        ),
        (
            "1 . no-default-alpn=abc alpn=h2",
            "no-default-alpn takes no value",
        ),
        ("1 . ohttp=", "ohttp takes no value"),
        (
            "1 . no-default-alpn",
            "no-default-alpn needs alpn in the same record",
        ),
        ("1 . dohpath=", "dohpath needs a value that is not empty"),
        ("1 . dohpath", "dohpath needs a value"),
        ("1 . alpn=", "alpn needs a value that is not empty"),
        ("1 . mandatory", "mandatory needs a value"),
        ("1 . port", "port needs a value"),
        ("1 . ipv4hint", "ipv4hint needs a value"),
        ("1 . ipv6hint", "ipv6hint needs a value"),
        ("1 . ech=", "ech needs a value that is not empty"),
        ("1 . alpn=h2,", "alpn's value list has an empty item"),
        (
            "1 . ipv4hint=192.0.2.1,,192.0.2.2",
            "ipv4hint's value list has an empty item",
        ),
        (
            "1 . alpn=a\\\\",
            "alpn's value ends in a backslash that escapes nothing",
        ),
        (
            "1 . alpn=a\\\\b",
            "in alpn's value list a backslash may escape only",
        ),
        (
            "1 . alpn=a\\\\092,b",
            "in alpn's value list a backslash may escape only",
        ),
    ] {
        let m = refused(64, text);
        assert!(m.starts_with(want), "{text}: {m}");
    }
    // What the RFC allows reads, and `\,` and `\\` are the value list's escapes.
    for text in [
        "1 . alpn=h2 no-default-alpn",
        "1 . ohttp",
        "1 . key123 key124=",
        "1 . mandatory=alpn,port alpn=h2 port=443",
        "1 . alpn=part1\\,\\p\\a\\r\\t2\\044part3\\092,part4\\092\\\\",
        "16 foo.example.org. alpn=f\\\\\\092oo\\092,bar,h2",
        "1 . tls-supported-groups=29,23",
    ] {
        let w = enc(64, text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        let mut s = String::new();
        write_text(64, &w, &mut s);
        assert_eq!(enc(64, &s).unwrap(), w, "{text} printed as {s}");
    }
    let w = enc(64, "1 . alpn=\"a\\\\,b,c\\\\\\\\\"").unwrap();
    assert_eq!(w[w.len() - 7..], [3, b'a', b',', b'b', 2, b'c', b'\\']);
}

#[test]
fn dohpath_is_a_template_with_the_dns_variable() {
    // RFC 9461 §5, RFC 6570 §2.
    for ok in [
        "/dns-query{?dns}",
        "/q{?x,dns}",
        "/q{dns:10}",
        "/q{dns*}",
        "/q%20{?dns}",
    ] {
        assert!(
            enc(64, &format!("1 . alpn=h2 dohpath={ok}")).is_ok(),
            "{ok}"
        );
    }
    for (bad, want) in [
        ("/q", "dohpath must have the variable dns"),
        ("q{?dns}", "dohpath must be a path that starts with /"),
        ("/q{?dns", "dohpath is not a URI template"),
        ("/q{=dns}", "dohpath is not a URI template"),
        ("/q%zz{?dns}", "dohpath is not a URI template"),
        ("/q{dns:0}", "dohpath is not a URI template"),
        ("\"/q dns{?dns}\"", "dohpath is not a URI template"),
    ] {
        let m = refused(64, &format!("1 . alpn=h2 dohpath={bad}"));
        assert!(m.starts_with(want), "{bad}: {m}");
    }
}

#[test]
fn nsec3_hash_length_follows_the_algorithm() {
    let sha1 = "1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR";
    assert_eq!(enc(50, sha1).unwrap()[5], 20);
    let m = refused(50, "1 0 0 - 2T7B4G4VSA5SMI47");
    assert!(
        m.starts_with("the next hashed owner name is 10 octets, but SHA-1"),
        "{m}"
    );
    assert!(refused(50, "1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR2T7B4G4V").contains("25 octets"));
    // Another algorithm may have another length, up to what fits in one label.
    assert_eq!(enc(50, "2 0 0 - 00").unwrap()[5], 1);
    let long = "2 0 0 - ".to_string() + &"0".repeat(64);
    assert!(refused(50, &long).contains("at most 39 fit in one label"));
    assert!(refused(50, "1 0 0 - CPNMUOG=").contains("without `=` padding"));
}

#[test]
fn dsync_sink_wallet_and_wks_names() {
    assert_eq!(
        enc(66, "CDS NOTIFY 5359 .").unwrap(),
        [0, 59, 1, 0x14, 0xef, 0]
    );
    let mut s = String::new();
    write_text(66, &enc(66, "CDS 1 5359 .").unwrap(), &mut s);
    assert_eq!(s, "CDS NOTIFY 5359 .");
    assert!(refused(66, "CDS JUNK 53 .").starts_with("expected a scheme: NOTIFY or a number"));
    // SINK (type 40): meaning, coding, subcoding and optional base64 data.
    assert_eq!(enc(40, "1 0 0").unwrap(), [1, 0, 0]);
    assert_eq!(enc(40, "1 0 0 AAAA").unwrap(), [1, 0, 0, 0, 0, 0]);
    assert!(enc(40, "sink.example.").is_err());
    assert_eq!(enc(262, "\"wallet\"").unwrap(), b"\x06wallet");
    // WKS: protocol and service names from a fixed table, services by protocol.
    let w = enc(11, "192.0.2.1 tcp www smtp").unwrap();
    assert_eq!(w[4], 6);
    assert_eq!(w.len(), 5 + 11);
    assert_eq!(w[5 + 3], 0x40, "smtp is port 25");
    assert_eq!(w[5 + 10], 0x80, "www is port 80");
    assert_eq!(enc(11, "192.0.2.1 UDP domain").unwrap()[4], 17);
    assert_eq!(enc(11, "192.0.2.1 icmp").unwrap(), [192, 0, 2, 1, 1]);
    assert!(refused(11, "192.0.2.1 udp www").starts_with("expected a port number, or a service"));
    assert!(refused(11, "192.0.2.1 no-such-proto").starts_with("expected a protocol"));
}

#[test]
fn loc_says_which_field_is_out_of_range() {
    for (text, want) in [
        (
            "91 S 1 W 1m",
            "latitude degrees must be a whole number from 0 to 90",
        ),
        (
            "1 60 S 1 W 1m",
            "latitude minutes must be a whole number from 0 to 59",
        ),
        (
            "1 2 60.5 S 1 W 1m",
            "latitude seconds must be from 0 to 59.999",
        ),
        (
            "90 0 0.001 N 1 W 1m",
            "the latitude is beyond 90 degrees (at most 90 0 0)",
        ),
        (
            "1 S 181 W 1m",
            "longitude degrees must be a whole number from 0 to 180",
        ),
        ("1 S 180 0 1 E 1m", "the longitude is beyond 180 degrees"),
        ("1 Q 1 W 1m", "latitude minutes must be a whole number"),
        ("1 2 3 Q 1 W 1m", "expected N or S after the latitude"),
        (
            "1 S 1 W 42849673m",
            "the altitude must be from -100000.00m to 42849672.95m",
        ),
        ("1 S 1 W -100000.01m", "the altitude must be from"),
        (
            "1 S 1 W 1m 90000001m",
            "the size must be from 0 to 90000000.00m",
        ),
        (
            "1 S 1 W 1m 1m 90000001m",
            "the horizontal precision must be",
        ),
        ("1 S 1 W 1m 1m 1m 1.001m", "the vertical precision must be"),
    ] {
        let m = refused(29, text);
        assert!(m.starts_with(want), "{text}: {m}");
    }
    assert!(enc(
        29,
        "90 0 0.000 S 180 0 0.000 W 42849672.95m 90000000m 90000000m 90000000m"
    )
    .is_ok());
}

#[test]
fn escapes_say_what_is_wrong() {
    assert_eq!(
        refused(16, "a\\1"),
        "bad escape: \\DDD needs three decimal digits"
    );
    assert_eq!(
        refused(16, "a\\256"),
        "bad escape: \\DDD must be at most 255"
    );
}

#[test]
fn field_rules_bind_enforces() {
    // RFC 7553 §4.5: the URI target is in double quotes.
    assert_eq!(enc(256, "1 1 \"a\"").unwrap(), [0, 1, 0, 1, b'a']);
    assert!(refused(256, "1 1 a").starts_with("expected the target URI in double quotes"));
    // RFC 8976 §2.2.4: digest lengths.
    let sha384 = format!("1 1 1 {}", "00".repeat(48));
    assert!(enc(63, &sha384).is_ok());
    assert!(refused(63, "1 1 1 0011").starts_with("a SHA-384 digest is 48 octets, not 2"));
    assert!(refused(63, "1 1 2 0011").starts_with("a SHA-512 digest is 64 octets, not 2"));
    assert!(enc(63, "1 1 240 001122334455667788990011").is_ok());
    assert!(refused(63, "1 1 240 0011").starts_with("the digest is 2 octets, shorter than 12"));
    assert!(refused(63, "\\# 8 0000000101010011").contains("a SHA-384 digest is 48 octets"));
    // RFC 4034 §3.1.3, §3.1.7: the signer has no more labels than the labels field counts.
    assert!(enc(46, "A 13 1 0 0 0 0 example. AA==").is_ok());
    let m = refused(46, "A 13 0 0 0 0 0 example. AA==");
    assert!(
        m.starts_with("the signer has 1 labels, more than the 0"),
        "{m}"
    );
}

#[test]
fn amtrelay_relay_follows_its_type_in_both_forms() {
    // RFC 8777 §4.2-4.3: the discovery bit and the type share an octet; the type selects
    // the relay's form, and type 0 has none.
    assert_eq!(
        enc(260, "10 1 1 203.0.113.15").unwrap(),
        [10, 0x81, 203, 0, 113, 15]
    );
    assert_eq!(enc(260, "10 0 0 .").unwrap(), [10, 0]);
    assert_eq!(enc(260, "\\# 2 0a00").unwrap(), [10, 0]);
    let name = enc(260, "128 1 3 relay").unwrap();
    assert_eq!(&name[..2], [128, 0x83]);
    assert_eq!(&name[2..], b"\x05relay\x07example\x00");
    assert_eq!(
        refused(260, "10 0 0 203.0.113.15"),
        "relay type 0 has no relay: write `.`"
    );
    assert!(refused(260, "10 2 1 203.0.113.15").contains("discovery bit"));
    assert!(refused(260, "10 0 4 .").contains("relay type 4 is not defined"));
    assert!(refused(260, "\\# 3 0a0000").ends_with("1 octet left over after the last field"));
    assert!(refused(260, "\\# 6 0a04cb00710f").contains("relay type and relay"));
}

#[test]
fn atma_and_doa_read_as_bind_writes_them() {
    // ATMA: format 1 is `+` and E.164 digits, format 0 hex (AESA); dots between digits only.
    assert_eq!(enc(34, "+6.12").unwrap(), b"\x01612");
    assert_eq!(enc(34, "39.24.6f").unwrap(), [0, 0x39, 0x24, 0x6f]);
    for bad in ["+", "+12a", "123", ".12", "12.", "1..2"] {
        assert!(
            refused(34, bad).starts_with("expected an ATM address"),
            "{bad}"
        );
    }
    assert!(refused(34, "\\# 2 0261").contains("cannot decode the ATM address"));
    // DOA: `-` is no data; base64 otherwise.
    assert_eq!(
        enc(259, "0 1 2 \"\" -").unwrap(),
        [0, 0, 0, 0, 0, 0, 0, 1, 2, 0]
    );
    assert_eq!(&enc(259, "0 1 2 \"a\" aGk=").unwrap()[9..], b"\x01ahi");
    assert!(refused(259, "0 1 2 \"\" - aGk=").contains("base64"));
}
