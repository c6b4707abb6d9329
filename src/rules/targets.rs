//! Where NS, MX and SRV records point: aliases, IP literals, missing addresses, host-name
//!
//! The rules' declarations, which are their documentation; the checks that raise them are in
//! [`crate::checks::targets`].

use crate::declare_rule;

declare_rule! {
    /// An NS, MX or SRV record whose target is an alias (a CNAME).
    ///
    /// ## What it checks
    /// The targets of NS, MX and SRV must be names with address records, not aliases
    /// (RFC 2181 §10.3, RFC 2782). Mail servers and resolvers may refuse to follow them.
    ///
    /// ## Example
    /// ```text
    /// @     MX     10 mail
    /// mail  CNAME  mx.provider.example.
    /// ```
    ///
    /// ## Example report
    /// ```text
    /// error[ZW1112]: NS target dns.target-alias.example. at target-alias.example. is an alias (CNAME)
    ///   --> mx_ns_srv_target_is_cname.zone:7:19
    ///    |
    ///  7 |            NS     dns
    ///    |                   ^^^
    ///    |
    ///   ::: mx_ns_srv_target_is_cname.zone:11:1
    ///    |
    /// 11 | dns        CNAME  ns1
    ///    | --- the CNAME at the target
    ///    |
    ///    = help: point at the canonical name the CNAME leads to
    /// ```
    pub TARGET_IS_ALIAS = ("ZW1112", "target-is-alias", Error);
}

declare_rule! {
    /// An NS, MX or SRV target written as an IP address.
    ///
    /// ## What it checks
    /// These targets are domain names (RFC 1035 §3.3.9, §3.3.11; RFC 2782). `MX 10
    /// 192.0.2.1.` names a host called `192.0.2.1.`, which does not exist.
    pub TARGET_IS_IP_LITERAL = ("ZW1113", "target-is-ip-literal", Error);
}

declare_rule! {
    /// An NS, MX or SRV target inside the zone with no address record.
    ///
    /// ## What it checks
    /// A target in the zone's own authoritative data must have an A or AAAA record there
    /// (RFC 1034 §3.6.2, RFC 5321 §5.1). A typo in the target leaves mail or delegation
    /// pointing at nothing.
    pub TARGET_WITHOUT_ADDRESS = ("ZW1114", "target-without-address", Error);
}

declare_rule! {
    /// An NS, MX or SRV target that is not a valid host name.
    ///
    /// ## What it checks
    /// Host names are letters, digits and hyphens, no label starting or ending with a
    /// hyphen (RFC 1123 §2.1, RFC 952). Underscores and other characters are legal in DNS
    /// names but not in host names, and mail software refuses them.
    pub INVALID_HOSTNAME = ("ZW1120", "invalid-hostname", Warning);
}

declare_rule! {
    /// An in-zone mail host or name server with IPv4 but no IPv6 address.
    ///
    /// ## What it checks
    /// MX targets and NS hosts inside the zone should have an AAAA record as well as an A
    /// record: IPv6 reachability is required of mail and DNS operators by many
    /// governments and by RFC 3901's guidance for name servers.
    ///
    /// ## Example report
    /// The finding points at the MX (or NS) record, and shows the host's A record, the
    /// address family it does have, as evidence: in another file when the zone includes
    /// it. JSON has it as `related`, SARIF as `relatedLocations`.
    /// ```text
    /// warning[ZW1123]: mail host mail.example.com. has an A record but no AAAA record
    ///  --> example.com.zone:6:18
    ///   |
    /// 6 |        MX     10 mail
    ///   |                  ^^^^
    ///   |
    ///  ::: hosts.inc:1:1
    ///   |
    /// 1 | mail   A      192.0.2.25
    ///   | ---- mail.example.com. has this A record but no AAAA record
    ///   |
    ///   = help: add an AAAA record for mail.example.com.
    /// ```
    pub MISSING_AAAA = ("ZW1123", "missing-aaaa", Warning);
}

declare_rule! {
    /// An SVCB record for a DNS server (`_dns`) without `alpn`, or naming HTTP without
    /// `dohpath`.
    ///
    /// ## What it checks
    /// An SVCB record at `_dns.HOST` or `_PORT._dns.HOST` describes an encrypted DNS server
    /// (RFC 9461). In ServiceMode it must carry `alpn` (the mapping has no default ALPN, RFC
    /// 9461 §4.1), and when one of its ALPN IDs is an HTTP one (`h2`, `h3`, `h2c`,
    /// `http/1.1`, `http/1.0`, `http/0.9`: DNS over HTTPS) it must carry `dohpath` too (RFC
    /// 9461 §5). An ALPN ID with a comma in it is read as the list it was likely meant to be
    /// (`alpn=h1\\,h2` names `h2`), as BIND reads it.
    ///
    /// ## Why it matters
    /// Clients skip a record they cannot use: without `alpn` they cannot tell which
    /// protocol the server speaks, and without `dohpath` a DoH client has no URI template to
    /// send queries to. BIND refuses such zones (`SVCB record not valid`).
    ///
    /// ## Example
    /// ```text
    /// _dns  SVCB  1 dns.example.net. alpn=h2      ; DoH, but no dohpath
    /// ```
    pub DNS_SVCB_INCOMPLETE = ("ZW1125", "dns-svcb-incomplete", Error);
}
