//! DANE and TLSA (ZW3xxx): where TLSA records stand, what they say, whether they leave room
//!
//! The rules' declarations, which are their documentation; the checks that raise them are in
//! [`crate::checks::dane`].

use crate::declare_rule;

declare_rule! {
    /// TLSA records in a zone that is not signed.
    ///
    /// ## What it checks
    /// A zone that publishes TLSA records but has no DNSKEY at its apex. Each TLSA RRset is
    /// reported once.
    ///
    /// ## Why it matters
    /// DANE clients use TLSA records only when DNSSEC validates them: an SMTP client looks up
    /// TLSA only for MX hosts whose records are secure and treats insecure TLSA as absent
    /// (RFC 7672 §2.2, RFC 6698 §4.1). Unsigned, the records protect nothing. A zone that the
    /// name server signs itself (BIND's `dnssec-policy`, Knot's automatic signing) carries
    /// no DNSKEY in its file: ignore ZW3001 for it in `zonewarden.toml`.
    ///
    /// ## Example
    /// ```text
    /// $ORIGIN example.com.           ; no DNSKEY at the apex
    /// _25._tcp.mail  TLSA  3 1 1 0C72AC70…
    /// ```
    pub TLSA_UNSIGNED_ZONE = ("ZW3001", "tlsa-unsigned-zone", Warning);
}

declare_rule! {
    /// A TLSA record whose owner is not `_port._protocol.host`.
    ///
    /// ## What it checks
    /// The first label of a TLSA owner must be `_` and a decimal port (0-65535), the second
    /// `_` and a protocol name such as `tcp`, and a host name must follow. A wildcard in
    /// place of the port, `*._tcp.host`, is a TLSA owner too: it answers for every port of
    /// the host that has no name of its own in the zone (RFC 4592 §3.3.1).
    ///
    /// ## Why it matters
    /// Clients look for TLSA records only at `_port._protocol.host` (RFC 6698 §3); a record
    /// anywhere else is never found, so the service is not protected.
    ///
    /// ## Example
    /// ```text
    /// _tcp._25.mail  TLSA  3 1 1 0C72AC70…   ; labels swapped
    /// ```
    pub TLSA_BAD_OWNER = ("ZW3002", "tlsa-bad-owner", Error);
}

declare_rule! {
    /// A PKIX-TA (0) or PKIX-EE (1) TLSA record for SMTP.
    ///
    /// ## What it checks
    /// TLSA records at `_25._tcp` owners with certificate usage 0 or 1, and at a wildcard
    /// `*._tcp.HOST` owner when HOST is a mail host (an MX record of the zone names it) with
    /// no `_25._tcp.HOST` name of its own: the wildcard then answers for it (RFC 4592
    /// §3.3.1). At a host no MX record names, a wildcard's PKIX records are for its other
    /// ports and are not reported.
    ///
    /// ## Why it matters
    /// SMTP clients have no set of trusted CAs to validate a PKIX chain against, so RFC 7672
    /// §3.1.3 makes usages 0 and 1 unusable for SMTP: such records count as unusable, and a
    /// TLSA RRset of only such records makes delivery fail once DANE is in force. Publish
    /// DANE-EE (3) or DANE-TA (2) records.
    ///
    /// ## Example
    /// ```text
    /// _25._tcp.mail  TLSA  1 1 1 0C72AC70…
    /// ```
    pub TLSA_PKIX_USAGE_FOR_SMTP = ("ZW3003", "tlsa-pkix-usage-for-smtp", Warning);
}

declare_rule! {
    /// A TLSA record that holds a whole certificate: selector 0 with matching type 0.
    ///
    /// ## What it checks
    /// TLSA records with selector Cert (0) and matching type Full (0).
    ///
    /// ## Why it matters
    /// The record carries the entire DER certificate: responses grow past what fits in UDP
    /// (so they go over TCP, or fail behind broken middleboxes), and the record breaks when
    /// the certificate is merely renewed with the same key. RFC 7671 recommends digests
    /// (matching type 1) over the public key (selector 1), which survive renewals that keep
    /// the key; RFC 7672 §3.1.1 recommends `3 1 1` for SMTP.
    ///
    /// ## Example
    /// ```text
    /// _25._tcp.mail  TLSA  3 0 0 308201A2308201…
    /// ```
    pub TLSA_FULL_CERTIFICATE = ("ZW3004", "tlsa-full-certificate", Warning);
}

declare_rule! {
    /// TLSA association data of the wrong length or form for its matching type.
    ///
    /// ## What it checks
    /// A SHA2-256 (1) digest must be 32 octets and a SHA2-512 (2) digest 64; Full (0) data
    /// must be a DER certificate (selector 0) or a DER SubjectPublicKeyInfo (selector 1).
    ///
    /// ## Why it matters
    /// RFC 6698 §2.1.3 and §2.1.4: data of another length can match no certificate, so the
    /// record is dead weight, and it is nearly always a truncated copy and paste.
    ///
    /// ## Example
    /// ```text
    /// _25._tcp.mail  TLSA  3 1 1 0C72AC70B745AC19998811B131D662C9   ; 16 octets
    /// ```
    pub TLSA_BAD_ASSOCIATION_DATA = ("ZW3005", "tlsa-bad-association-data", Error);
}

declare_rule! {
    /// A TLSA RRset that leaves no room to roll the key.
    ///
    /// ## What it checks
    /// A TLSA RRset with a single usable record. With `--cert`, only records that match the
    /// current leaf, a staged next key or an issuing CA of what was given count, and records
    /// that match the same key count once, so duplicates and stale records do not pass for
    /// a rollover plan. Usable is as the service's clients take it: under `_25._tcp`, and at
    /// a wildcard `*._tcp.HOST` that answers for a mail host's `_25._tcp.HOST`, PKIX usages
    /// do not count (RFC 7672 §3.1.3).
    ///
    /// ## Why it matters
    /// The next key must be published, and old answers must expire from caches, before a
    /// certificate with that key is deployed (RFC 7671 §8.1); otherwise mail to the host
    /// fails between the deployment and the DNS update. Publish current plus next:
    /// `3 1 1` for each key, or `3 1 1` with a `2 1 1` for the issuing CA (RFC 7671 §8).
    ///
    /// ## Example
    /// ```text
    /// _25._tcp.mail  TLSA  3 1 1 0C72AC70…   ; the only record: the next key is not published
    /// ```
    pub TLSA_NO_ROLLOVER = ("ZW3006", "tlsa-no-rollover", Warning);
}

declare_rule! {
    /// An MX host without TLSA records while other MX hosts of the domain have them.
    ///
    /// ## What it checks
    /// For each MX RRset, the in-zone mail hosts that have TLSA records at `_25._tcp.HOST`
    /// (following CNAMEs in the zone, and the wildcard, such as `*._tcp.HOST`, that answers
    /// for `_25._tcp.HOST` when the zone holds no such name, RFC 4592 §3.3.1) and those that
    /// have none. A host that is an alias has its TLSA records looked up at the name its
    /// CNAME chain ends at first, then at its own (RFC 7672 §2.2.2). Hosts at or below a delegation are the child zone's, whose TLSA records
    /// this zone does not hold, and are not counted either way.
    ///
    /// ## Why it matters
    /// A DANE client that finds no TLSA records for one MX host delivers to it with
    /// unauthenticated TLS (RFC 7672 §2.2.3); an attacker who blocks the protected hosts
    /// pushes the mail to the unprotected one. Protect all MX hosts or none.
    ///
    /// ## Example
    /// ```text
    /// @              MX    10 mx1
    /// @              MX    20 mx2
    /// _25._tcp.mx1   TLSA  3 1 1 0C72AC70…   ; nothing for mx2
    /// ```
    ///
    /// ## Example report
    /// ```text
    /// warning[ZW3007]: mail host mx2.partial.example. of partial.example. has no TLSA records while 1 other does
    ///   --> mx_host_without_tlsa.zone:12:18
    ///    |
    /// 12 |         MX    20 mx2
    ///    |                  ^^^
    ///    |
    ///   ::: mx_host_without_tlsa.zone:11:18
    ///    |
    /// 11 | @       MX    10 mx1
    ///    |                  --- mail host mx1.partial.example. has TLSA records
    ///    |
    ///    = help: publish TLSA records at _25._tcp.mx2.partial.example.
    /// ```
    pub TLSA_PARTIAL_MX_COVERAGE = ("ZW3007", "tlsa-partial-mx-coverage", Warning);
}

declare_rule! {
    /// A TLSA owner that is a CNAME whose chain ends without TLSA records.
    ///
    /// ## What it checks
    /// A CNAME at a `_port._protocol.host` owner is followed inside the zone; the chain must
    /// end at TLSA records, not at a name without them, and must not loop.
    ///
    /// ## Why it matters
    /// RFC 7671 §7 lets TLSA owners be aliases, which is how many operators share one TLSA
    /// RRset between hosts; the client follows the chain and uses what is at its end. A
    /// chain that ends elsewhere or loops gives the client no TLSA records, and DANE is
    /// silently off for that service.
    ///
    /// ## Example
    /// ```text
    /// _25._tcp.mx2   CNAME  _25._tcp.mx3   ; and nothing at _25._tcp.mx3
    /// ```
    pub TLSA_CNAME_CHAIN = ("ZW3008", "tlsa-cname-chain", Warning);
}

declare_rule! {
    /// With `--cert`: a TLSA record that matches none of the certificates and keys given.
    ///
    /// ## What it checks
    /// Each usable TLSA record is matched (RFC 6698 §2.1, RFC 7671 §5) against the leaf,
    /// the issuing CAs and the bare keys of every `--cert` file.
    ///
    /// ## Why it matters
    /// A record for a key that is neither in use nor staged is a leftover of an earlier
    /// rollover; it makes the RRset look like a rollover plan while protecting nothing, and
    /// RFC 7671 §8 requires each combination of usage, selector and matching type to match
    /// the current chain. Remove it, or pass the certificate or key it is for.
    ///
    /// ## Example
    /// ```text
    /// $ zonewarden lint --cert fullchain.pem --cert next.key example.com.zone
    /// ```
    pub TLSA_MATCHES_NOTHING = ("ZW3009", "tlsa-matches-nothing", Warning);
}

declare_rule! {
    /// A TLSA record with a usage, selector or matching type no client knows.
    ///
    /// ## What it checks
    /// Certificate usages above 3, selectors above 1 and matching types above 2 (private-use
    /// 255 included).
    ///
    /// ## Why it matters
    /// Clients treat such records as unusable (RFC 6698 §4.1, RFC 7671 §4); an RRset of only
    /// unusable records gives a DANE client nothing to authenticate with, and SMTP delivery
    /// to the host fails (RFC 7672 §2.2).
    ///
    /// ## Example
    /// ```text
    /// _25._tcp.mail  TLSA  3 1 3 0C72AC70…
    /// ```
    pub TLSA_UNKNOWN_PARAMETER = ("ZW3010", "tlsa-unknown-parameter", Warning);
}

declare_rule! {
    /// With `--cert`: a host whose TLSA RRsets hold no usable record for a certificate given
    /// for it.
    ///
    /// ## What it checks
    /// Each certificate given with `--cert` is judged at each host its subjectAltName names
    /// (`*.example.com` names each host one label below `example.com`, RFC 6125 §6.4.3), by
    /// all the TLSA RRsets of that host: those at `_port._protocol.HOST` and
    /// `*._protocol.HOST`, and those reached from them by a CNAME (RFC 7671 §7). It is judged
    /// per host, not per RRset, because a host's services often present different
    /// certificates (SMTP on port 25 one, HTTPS or IMAP another), each with its own TLSA
    /// records, and nothing in the zone says which port a certificate is served on: when one
    /// of the host's RRsets holds a usable record that matches the certificate (RFC 6698
    /// §2.1, RFC 7671 §5), the certificate is in use there and the host's other RRsets are
    /// taken for its other services. When none does, each of the host's RRsets is reported
    /// (one reached by a CNAME is reported at the CNAME, unless its records are reported for
    /// the certificate at their own owner). A record matches the certificate when it is a
    /// DANE-EE (3) or PKIX-EE (1) record that matches its leaf, or a DANE-TA (2) or PKIX-TA
    /// (0) record that matches a CA of the file that issued the leaf. Records with undefined
    /// parameters (ZW3010), association data of the wrong length (ZW3005), and PKIX usages
    /// under `_25._tcp` (ZW3003), or at a wildcard `*._tcp.HOST` that answers for a mail
    /// host's `_25._tcp.HOST`, are unusable (RFC 6698 §4.1, RFC 7672 §3.1.3). A key given
    /// without a certificate (the staged next key, a CSR) is in no certificate a server
    /// presents yet and counts for nothing here; a host that no certificate given names is
    /// not judged, nor is a host with a CNAME out of the zone among its TLSA owners (the
    /// records that match may be there). Whether the chain is within its validity period is
    /// left to `tlsa check`.
    ///
    /// ## Why it matters
    /// A DANE client that finds usable TLSA records accepts only a server whose chain one of
    /// them matches (RFC 7672 §2.2): once the server presents a certificate that none
    /// matches, mail to it is deferred, then bounced. A certificate renewed with a new key and
    /// no record for that key does exactly this. Publish the record for the new key, and wait
    /// out the RRset's TTL before the server presents the certificate (RFC 7671 §8.1);
    /// `zonewarden tlsa check` lists the records to add.
    ///
    /// ## Example
    /// Linted with `--cert fullchain.pem`, a certificate for `mail.example.com` renewed with
    /// a new key:
    /// ```text
    /// _25._tcp.mail  TLSA  3 1 1 60DDA15C…   ; the key before the renewal, none for the new one
    /// ```
    pub TLSA_CERT_UNMATCHED = ("ZW3011", "tlsa-cert-unmatched", Error);
}
