//! Mail policy (ZW4xxx): SPF, DMARC, DKIM keys, MTA-STS, TLS-RPT, null MX and CAA.
//!
//! The rules' declarations, which are their documentation; the checks that raise them are in
//! [`crate::checks::mail`].

use crate::declare_rule;

declare_rule! {
    /// More than one SPF record at one owner.
    ///
    /// ## What it checks
    /// TXT records that begin with `v=spf1` at one owner name.
    ///
    /// ## Why it matters
    /// RFC 7208 §3.2 and §4.5: with more than one SPF record, SPF evaluation ends in
    /// `permerror`, which receivers commonly treat as a failure: all mail from the domain
    /// may be rejected. Merge the records into one.
    ///
    /// ## Example
    /// ```text
    /// @  TXT  "v=spf1 mx -all"
    /// @  TXT  "v=spf1 include:_spf.provider.example -all"
    /// ```
    ///
    /// ## Example report
    /// ```text
    /// error[ZW4001]: 2 SPF records at spf2.example.: SPF fails with permerror
    ///   --> two_spf_records.zone:12:15
    ///    |
    /// 12 |         TXT   "v=spf1 include:_spf.provider.example -all"
    ///    |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
    ///    |
    ///   ::: two_spf_records.zone:11:15
    ///    |
    /// 11 | @       TXT   "v=spf1 mx -all"
    ///    |               ---------------- the first SPF record
    ///    |
    ///    = help: merge them into one v=spf1 record
    /// ```
    pub SPF_MULTIPLE_RECORDS = ("ZW4001", "spf-multiple-records", Error);
}

declare_rule! {
    /// An SPF record that does not parse.
    ///
    /// ## What it checks
    /// Every term of a `v=spf1` record against RFC 7208 §12: mechanisms (`all`, `include`,
    /// `a`, `mx`, `ptr`, `ip4`, `ip6`, `exists`) with their qualifiers, domain specs and CIDR
    /// lengths, modifiers (`redirect` and `exp` at most once, unknown ones well-formed), and
    /// macros (§7).
    ///
    /// ## Why it matters
    /// A syntax error makes the whole record a `permerror` (RFC 7208 §4.6), so SPF checks of
    /// the domain's mail fail.
    ///
    /// ## Example
    /// ```text
    /// @  TXT  "v=spf1 ip4:192.0.2.300 -all"
    /// ```
    pub SPF_SYNTAX = ("ZW4002", "spf-syntax", Error);
}

declare_rule! {
    /// An SPF record that needs more than 10 DNS lookups.
    ///
    /// ## What it checks
    /// The terms that cause DNS queries (`include`, `a`, `mx`, `ptr`, `exists`, `redirect`),
    /// counted through `include` and `redirect` targets whose SPF records are in this zone.
    ///
    /// ## Why it matters
    /// RFC 7208 §4.6.4: evaluation that needs more than 10 such lookups ends in `permerror`.
    ///
    /// ## Example
    /// ```text
    /// @  TXT  "v=spf1 a mx include:a.example include:b.example … -all"   ; 11 lookups
    /// ```
    pub SPF_TOO_MANY_LOOKUPS = ("ZW4003", "spf-too-many-lookups", Error);
}

declare_rule! {
    /// An SPF record that passes mail from anywhere: `+all`.
    ///
    /// ## What it checks
    /// An `all` mechanism with the `+` qualifier, written or implied.
    ///
    /// ## Why it matters
    /// `+all` authorizes every host on the Internet to send as the domain, which defeats SPF
    /// (RFC 7208 §5.1, §10); it is nearly always a typo for `-all` or `~all`.
    ///
    /// ## Example
    /// ```text
    /// @  TXT  "v=spf1 mx +all"
    /// ```
    pub SPF_PASS_ALL = ("ZW4004", "spf-pass-all", Error);
}

declare_rule! {
    /// A DMARC record that does not parse or has bad values.
    ///
    /// ## What it checks
    /// TXT records at `_dmarc` names that begin with `v=DMARC1`: exactly one of them; `v`
    /// first and `p` next; tags `p`, `sp`, `np` (none, quarantine, reject), `adkim` and
    /// `aspf` (r, s), `pct` (0-100), `fo` (0, 1, d, s), `rf` (afrf, iodef), `ri` (seconds),
    /// `rua` and `ruf` (URIs with an optional `!size`); no tag twice; misspelt tags.
    ///
    /// ## Why it matters
    /// RFC 7489 §6.3 and §6.6.3: a record with a bad `v` or `p`, or two records, means no
    /// DMARC policy applies at all; a bad value of another tag is ignored, so what the owner
    /// asked for (strict alignment, reports) silently does not happen.
    ///
    /// ## Example
    /// ```text
    /// _dmarc  TXT  "v=DMARC1; p=rejects; rua=dmarc@example.com"
    /// ```
    pub DMARC_SYNTAX = ("ZW4005", "dmarc-syntax", Error);
}

declare_rule! {
    /// A DKIM key record that does not parse.
    ///
    /// ## What it checks
    /// TXT records at `SELECTOR._domainkey` names (RFC 6376 §3.6.1): a tag list with no tag
    /// twice, `v=DKIM1` first if present, `k` rsa or ed25519, `h` sha1 or sha256, a `p` tag
    /// with base64 that decodes to a key of the type `k` names (or is empty, for a revoked
    /// key), `t` flags y and s.
    ///
    /// ## Why it matters
    /// Verifiers treat a key record they cannot read as absent (RFC 6376 §6.1.2): every
    /// signature with that selector fails, and DMARC with it.
    ///
    /// ## Example
    /// ```text
    /// mail._domainkey  TXT  "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOC…"   ; cut short
    /// ```
    pub DKIM_SYNTAX = ("ZW4006", "dkim-syntax", Error);
}

declare_rule! {
    /// A DKIM RSA key shorter than 1024 bits.
    ///
    /// ## What it checks
    /// The modulus length of `k=rsa` keys in DKIM key records.
    ///
    /// ## Why it matters
    /// RFC 8301 §3.2: verifiers must not accept signatures made with RSA keys of fewer than
    /// 1024 bits, so mail signed with this key fails DKIM.
    ///
    /// ## Example
    /// ```text
    /// old._domainkey  TXT  "v=DKIM1; k=rsa; p=MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBA…"   ; 512 bits
    /// ```
    pub DKIM_KEY_TOO_SHORT = ("ZW4007", "dkim-key-too-short", Error);
}

declare_rule! {
    /// A DKIM RSA key shorter than 2048 bits.
    ///
    /// ## What it checks
    /// The modulus length of `k=rsa` keys in DKIM key records (at least 1024 bits; shorter
    /// ones are ZW4007).
    ///
    /// ## Why it matters
    /// RFC 8301 §3.2: signers should use RSA keys of at least 2048 bits; 1024-bit keys can be
    /// factored by well-funded attackers, who can then sign mail as the domain.
    ///
    /// ## Example
    /// ```text
    /// s1024._domainkey  TXT  "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQ…"
    /// ```
    pub DKIM_KEY_WEAK = ("ZW4008", "dkim-key-weak", Warning);
}

declare_rule! {
    /// An MTA-STS record that does not parse.
    ///
    /// ## What it checks
    /// TXT records at `_mta-sts` names that begin with `v=STSv1`: exactly one, `v=STSv1`
    /// first, an `id` of 1 to 32 letters and digits, extensions well-formed (RFC 8461 §3.1).
    ///
    /// ## Why it matters
    /// RFC 8461 §3.1: when the record is invalid or there is more than one, senders assume
    /// the domain has no MTA-STS policy, and mail is open to downgrade attacks.
    ///
    /// ## Example
    /// ```text
    /// _mta-sts  TXT  "v=STSv1; id=2026-11-25"   ; '-' is not allowed in id
    /// ```
    pub MTA_STS_SYNTAX = ("ZW4009", "mta-sts-syntax", Error);
}

declare_rule! {
    /// A TLS-RPT record that does not parse.
    ///
    /// ## What it checks
    /// TXT records at `_smtp._tls` names that begin with `v=TLSRPTv1`: exactly one,
    /// `v=TLSRPTv1` first, an `rua` of comma-separated `mailto:` or `https:` URIs, extensions
    /// well-formed (RFC 8460 §3).
    ///
    /// ## Why it matters
    /// Senders ignore an invalid record, or all of them when there are several (RFC 8460
    /// §3), and the domain gets no reports of failed TLS deliveries.
    ///
    /// ## Example
    /// ```text
    /// _smtp._tls  TXT  "v=TLSRPTv1; rua=tls-reports@example.com"   ; no mailto:
    /// ```
    pub TLSRPT_SYNTAX = ("ZW4010", "tlsrpt-syntax", Error);
}

declare_rule! {
    /// A null MX that is not alone or not of preference 0.
    ///
    /// ## What it checks
    /// An MX record whose exchange is the root (`.`) must be the only MX record at its owner
    /// and have preference 0.
    ///
    /// ## Why it matters
    /// RFC 7505 §3: the null MX says the domain accepts no mail; a domain that has one must
    /// not have other MX records, and senders treat a mixed set inconsistently, so some mail
    /// bounces and some is delivered.
    ///
    /// ## Example
    /// ```text
    /// @  MX  0 .
    /// @  MX  10 mail
    /// ```
    pub NULL_MX_NOT_ALONE = ("ZW4011", "null-mx-not-alone", Error);
}

declare_rule! {
    /// A CAA record with bad flags, an unknown critical tag, or a malformed value.
    ///
    /// ## What it checks
    /// RFC 8659 §4: flags other than the issuer-critical bit (128) set; tags other than
    /// `issue`, `issuewild`, `iodef`, `issuemail` (RFC 9495), `contactemail` and
    /// `contactphone`, when critical; `issue` and `issuewild` values that are not
    /// `[domain] *(; tag=value)`; `iodef` values that are not `mailto:`, `http:` or `https:`
    /// URLs.
    ///
    /// ## Why it matters
    /// A CA must refuse to issue when it meets a critical tag it does not know (RFC 8659
    /// §4.1), and a malformed `issue` value names no CA, so no certificate can be issued for
    /// the domain, renewals included.
    ///
    /// ## Example
    /// ```text
    /// @  CAA  0 issue "letsencrypt.org; validationmethods dns-01"   ; no '='
    /// ```
    pub CAA_SYNTAX = ("ZW4012", "caa-syntax", Error);
}
