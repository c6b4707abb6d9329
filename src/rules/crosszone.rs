//! Cross-zone rules (ZW60xx): what only the zones of one run together can show, a parent
//! beside its delegated children and forward zones beside their reverse zones.
//!
//! They are raised by [`crate::crosszone`] when `lint` or `verify` reads several zones in
//! one run (`zonewarden lint .` in a zone repository). Each finding points at the record to
//! change and names the other zone's file and line as evidence.

use crate::declare_rule;

declare_rule! {
    /// A name server the child zone lists at its apex that the parent's delegation lacks.
    ///
    /// ## What it checks
    /// When the run holds a parent zone and a child it delegates, the NS RRset at the
    /// delegation point in the parent must equal the child's apex NS RRset (RFC 1034 §4.2.2,
    /// RFC 2181 §6.1). Each name server the child names that the parent's delegation does not
    /// is reported at the parent's delegation; a server the parent names and the child does
    /// not is ZW6003.
    ///
    /// ## Why it matters
    /// Resolvers learn the servers from the parent's referral and use the child's set only
    /// once they reach it: a server missing from the delegation gets no queries from a cold
    /// cache, so moving servers goes wrong halfway.
    ///
    /// ## Example
    /// ```text
    /// ; corp.example.zone (the parent)
    /// shop  NS  ns1.example.net.
    /// ; shop.corp.example.zone (the child)
    /// @     NS  ns1.example.net.
    /// @     NS  ns2.example.net.
    /// ```
    ///
    /// ## Example report
    /// From `testdata/repo/broken/` (`zonewarden lint .`):
    /// ```text
    /// warning[ZW6001]: the delegation of shop.corp.example. lacks name server ns2.example.net., which the child lists at its apex
    ///   --> ./corp/corp.example.zone:12:1
    ///    |
    /// 12 | shop      IN NS    ns1.shop
    ///    | ^^^^
    ///    |
    ///   ::: ./corp/shop.corp.example.zone:6:1
    ///    |
    ///  6 | @         IN NS    ns2.example.net.
    ///    | - the child's NS record
    ///    |
    ///    = help: add `shop.corp.example. NS ns2.example.net.` here, so that the parent's NS RRset equals the child's
    /// ```
    pub DELEGATION_NS_MISMATCH = ("ZW6001", "delegation-ns-mismatch", Warning);
}

declare_rule! {
    /// Glue in the parent that differs from the child's own address records.
    ///
    /// ## What it checks
    /// For each name server below the child's apex (an in-bailiwick server, which needs glue:
    /// RFC 1034 §4.2.1, RFC 9471), the A and AAAA records the parent holds as glue must equal
    /// the addresses the child zone itself gives the name: none other, and none missing.
    /// Glue for a server that lives in another zone of the run (a sibling's, or a
    /// grandchild's) is compared with that zone's addresses.
    ///
    /// ## Why it matters
    /// Resolvers reach the child through the glue; once there they may trust the child's
    /// records instead. Glue that differs sends some resolvers to an old or wrong address,
    /// and the failures depend on cache state, which makes them hard to see.
    ///
    /// ## Example
    /// ```text
    /// ; corp.example.zone
    /// ns1.shop  A  192.0.2.53
    /// ; shop.corp.example.zone
    /// ns1       A  192.0.2.54
    /// ```
    ///
    /// ## Example report
    /// From `testdata/repo/broken/` (`zonewarden lint .`):
    /// ```text
    /// error[ZW6002]: glue 192.0.2.53 for ns1.shop.corp.example. differs from the child's own addresses (192.0.2.54, 2001:db8::53)
    ///   --> ./corp/corp.example.zone:14:1
    ///    |
    /// 14 | ns1.shop  IN A     192.0.2.53
    ///    | ^^^^^^^^
    ///    |
    ///   ::: ./corp/shop.corp.example.zone:7:1
    ///    |
    ///  7 | ns1       IN A     192.0.2.54    ; broken: the parent's glue says 192.0.2.53
    ///    | --- the child's address record
    ///    |
    ///   ::: ./corp/shop.corp.example.zone:8:1
    ///    |
    ///  8 | ns1       IN AAAA  2001:db8::53
    ///    | --- the child's address record
    ///    |
    ///    = help: make the glue for ns1.shop.corp.example. the child's addresses: 192.0.2.54, 2001:db8::53
    /// ```
    pub GLUE_MISMATCH = ("ZW6002", "glue-mismatch", Error);
}

declare_rule! {
    /// A name server in the parent's delegation that is not authoritative for the child.
    ///
    /// ## What it checks
    /// When the run holds the child zone, every name server the parent's delegation names
    /// must be one the child names at its apex: one it does not name is taken as not serving
    /// the child (lame, RFC 1912 §2.8). A name server whose name lies in another zone of
    /// the run that gives it no address is lame too: it cannot be reached. A wildcard's
    /// addresses count for a name the zone does not hold (RFC 4592), here and in the other
    /// cross-zone rules.
    ///
    /// ## Why it matters
    /// Resolvers pick among the delegated servers; each query sent to a lame server times
    /// out or is refused, slowing every resolution and failing it when all answers are lame.
    ///
    /// ## Example
    /// ```text
    /// ; corp.example.zone
    /// secure  NS  ns3.example.net.    ; secure.corp.example. does not list ns3
    /// ```
    ///
    /// ## Example report
    /// From `testdata/repo/broken/` (`zonewarden lint .`):
    /// ```text
    /// error[ZW6003]: name server ns3.example.net. of the delegation of secure.corp.example. is lame: the child's apex NS RRset does not list it
    ///   --> ./corp/corp.example.zone:19:1
    ///    |
    /// 19 | secure    IN NS    ns3.example.net.    ; broken: not in the child's NS RRset
    ///    | ^^^^^^
    ///    |
    ///   ::: ./corp/secure.corp.example.signed:16:4
    ///    |
    /// 16 |             3600    NS    ns1.example.net.
    ///    |             ---- the child's apex NS RRset
    ///    |
    ///    = help: remove it from the delegation, or add it to the child's NS RRset and serve the zone there
    /// ```
    pub LAME_DELEGATION = ("ZW6003", "lame-delegation", Error);
}

declare_rule! {
    /// A DS in the parent that matches no key with the SEP bit in the child zone.
    ///
    /// ## What it checks
    /// Each DS record at the delegation point must name (key tag, algorithm) and digest
    /// (RFC 4034 §5.1.4) a DNSKEY at the child's apex that has the Zone Key and Secure
    /// Entry Point flags (RFC 4034 §2.1.1, RFC 6781 §3.2.3). A DS whose digest type
    /// zonewarden cannot compute is reported as not checked; one that matches only a
    /// revoked key (RFC 5011 §2.1) is reported too, since validators do not use that key.
    /// Such a DS is an error only when no DS of its algorithm names a key that signs the
    /// child's DNSKEY RRset; while one does, the chain of trust holds and it is a warning: a
    /// DS published ahead of its key in a Double-DS rollover (RFC 6781 §4.1.2), one left
    /// behind, or one of a key that signs without the SEP bit, which validators ignore
    /// (RFC 4034 §2.1.1).
    ///
    /// ## Why it matters
    /// A DS the child's keys do not match is dead weight at best; when no DS matches, every
    /// validating resolver treats the child as bogus and its names stop resolving.
    ///
    /// ## Example
    /// ```text
    /// ; corp.example.zone
    /// secure  DS  4711 13 2 ( 3c0ffee... )   ; no key 4711 in secure.corp.example.
    /// ```
    ///
    /// ## Example report
    /// From `testdata/repo/broken/` (`zonewarden lint .`):
    /// ```text
    /// warning[ZW6004]: DS 44702 13 2 for secure.corp.example. names a key without the SEP bit, though one that signs the DNSKEY RRset: validators ignore the bit (RFC 4034 §2.1.1), but tools that roll keys look for it
    ///   --> ./corp/corp.example.zone:21:1
    ///    |
    /// 21 | secure    IN DS    44702 13 2 51A56E809657FD5EE3912AC823EAC6D54AEF70BC3D457648D00D43C468C8B3C1    ; broken: the ZSK, no SEP bit
    ///    | ^^^^^^
    ///    |
    ///   ::: ./corp/secure.corp.example.signed:29:4
    ///    |
    /// 29 |             3600    DNSKEY    256 3 13 (
    ///    |             ---- the child's DNSKEY RRset
    ///    |
    ///    = help: name the child's KSK in the DS instead (dnssec-dsfromkey), or give the key the SEP bit (flags 257)
    /// ```
    pub DS_MATCHES_NO_SEP_KEY = ("ZW6004", "ds-matches-no-sep-key", Error);
}

declare_rule! {
    /// An algorithm the parent's DS set names that does not sign the child's DNSKEY RRset.
    ///
    /// ## What it checks
    /// For every algorithm among the DS records for the child, the child's DNSKEY RRset
    /// must carry an RRSIG of that algorithm (RFC 4035 §2.2, RFC 6840 §5.11), made by a key
    /// a DS of that algorithm names (RFC 4035 §5.2): a DS set that names only keys that
    /// sign nothing (a stand-by KSK, a revoked one) gives validators no chain of trust.
    ///
    /// ## Why it matters
    /// A validator may require a chain for each algorithm the DS set signals; without a
    /// signature of that algorithm over the keys, those validators find the child bogus.
    ///
    /// ## Example
    /// ```text
    /// ; corp.example.zone: DS for algorithm 8 and 13
    /// ; secure.corp.example.signed: the DNSKEY RRset signed with algorithm 13 only
    /// ```
    ///
    /// ## Example report
    /// From `testdata/repo/broken/` (`zonewarden lint .`):
    /// ```text
    /// error[ZW6005]: the parent's DS set names algorithm 8, but no RRSIG of algorithm 8 covers the DNSKEY RRset of secure.corp.example.
    ///   --> ./corp/secure.corp.example.signed:29:4
    ///    |
    /// 29 |             3600    DNSKEY    256 3 13 (
    ///    |             ^^^^
    ///    |
    ///   ::: ./corp/corp.example.zone:22:1
    ///    |
    /// 22 | secure    IN DS    30679 8 2 AC363D42C836D52DAB865140713E17B68F2BDE090E3448602BE93754DD024237    ; broken: algorithm 8 signs nothing
    ///    | ------ the parent's DS record
    ///    |
    ///    = help: sign the DNSKEY RRset with a key of algorithm 8, or remove the parent's DS records of algorithm 8
    /// ```
    pub DS_ALGORITHM_UNSIGNED = ("ZW6005", "ds-algorithm-unsigned", Error);
}

declare_rule! {
    /// The child's CDS or CDNSKEY records announce a change of the parent's DS.
    ///
    /// ## What it checks
    /// When the child publishes CDS or CDNSKEY records (RFC 7344, RFC 8078), they say which
    /// DS records the parent should hold. If they differ from the parent's DS set in the
    /// run, the child is asking for a change: reported as a note, so the change is seen
    /// before it is made.
    ///
    /// ## Why it matters
    /// A parent that polls CDS (RFC 7344 §4) will replace its DS set; if the child's
    /// announcement is a mistake, the child goes bogus. Judge the change with
    /// `zonewarden rollover` before the parent acts on it.
    ///
    /// ## Example
    /// ```text
    /// ; secure.corp.example.signed
    /// @  CDS  31589 13 2 ( ... )   ; the parent's DS names key 2371
    /// ```
    ///
    /// ## Example report
    /// From `testdata/repo/broken/` (`zonewarden lint .`):
    /// ```text
    /// info[ZW6006]: the CDS/CDNSKEY records of secure.corp.example. announce a change of the parent's DS set
    ///   --> ./corp/corp.example.zone:20:1
    ///    |
    /// 20 | secure    IN DS    22092 13 2 9311979AC8521B49A4D8AB43400B1F846DCA69AFA55DFF339D333A103A6B9111
    ///    | ^^^^^^
    ///    |
    ///   ::: ./corp/secure.corp.example.signed:61:4
    ///    |
    /// 61 |             3600    CDS    22092 13 4 (
    ///    |             ---- the child's CDS/CDNSKEY RRset
    ///    |
    ///    = help: judge the change with `zonewarden rollover` (old and new child zone, --ds), then replace the DS set with the DS the CDS records name
    /// ```
    pub CDS_CHANGE_ANNOUNCED = ("ZW6006", "cds-change-announced", Info);
}

declare_rule! {
    /// An address of a mail or name server host with no PTR in the run's reverse zone.
    ///
    /// ## What it checks
    /// For every MX exchange and NS host whose A or AAAA record the run holds, each address
    /// that falls in a reverse zone of the run (in-addr.arpa or ip6.arpa, RFC 1035 §3.5,
    /// RFC 3596 §2.5) must have a PTR record. An RFC 2317 classless delegation is followed:
    /// a CNAME at the address's name leads to the PTR in the classless zone. When the run
    /// holds a classless zone but not the `/24` above it (the provider's, served
    /// elsewhere), the zone is placed by its name as RFC 2317 §4 names such zones
    /// (`64/26.2.0.192.in-addr.arpa.`, or `64-26` or `64-127` for the first label): the PTR
    /// for 192.0.2.70 is then expected at `70.64/26.2.0.192.in-addr.arpa.`.
    ///
    /// ## Why it matters
    /// Many receiving mail servers refuse or score down mail from an address without
    /// forward-confirmed reverse DNS (RFC 8601 §2.7.3 `iprev`, RFC 1912 §2.1).
    ///
    /// ## Example
    /// ```text
    /// ; example.net.zone
    /// mail  A  192.0.2.25
    /// ; 2.0.192.in-addr.arpa.zone: no PTR at 25
    /// ```
    ///
    /// ## Example report
    /// From `testdata/repo/broken/` (`zonewarden lint .`):
    /// ```text
    /// warning[ZW6007]: no PTR at 54.2.0.192.in-addr.arpa. for 192.0.2.54, the address of name server ns1.shop.corp.example.
    ///  --> ./reverse/2.0.192.in-addr.arpa.zone:3:1
    ///   |
    /// 3 | @  3600  IN SOA  ns1.example.net. hostmaster.example.net. 2026120101 7200 3600 1209600 3600
    ///   | ^
    ///   |
    ///  ::: ./corp/shop.corp.example.zone:7:1
    ///   |
    /// 7 | ns1       IN A     192.0.2.54    ; broken: the parent's glue says 192.0.2.53
    ///   | --- the host's address record
    ///   |
    ///  ::: ./corp/shop.corp.example.zone:4:1
    ///   |
    /// 4 | @         IN NS    ns1
    ///   | - the record naming the name server
    ///   |
    ///   = help: add `54.2.0.192.in-addr.arpa. PTR ns1.shop.corp.example.`
    /// ```
    pub HOST_WITHOUT_PTR = ("ZW6007", "host-without-ptr", Warning);
}

declare_rule! {
    /// A PTR whose target, in a zone of the run, does not have the address.
    ///
    /// ## What it checks
    /// For each PTR record in a reverse zone of the run whose target name lies in a forward
    /// zone of the run, the target must have an A (or AAAA) record with the address the PTR
    /// stands for: forward-confirmed reverse DNS (RFC 8601 §2.7.3). PTRs in a classless
    /// zone (RFC 2317) stand for the address whose CNAME leads to them, or, with no zone
    /// of the run above the classless zone, the address their first label and the zone's
    /// name give (as for ZW6007). A target in the
    /// reverse trees themselves has no address: nearly always a host name written without
    /// its trailing dot, which the fix shows.
    ///
    /// ## Why it matters
    /// A receiving mail server looks the address up, then the name; if the name does not
    /// lead back to the address, the check fails as if there were no PTR.
    ///
    /// ## Example
    /// ```text
    /// ; 2.0.192.in-addr.arpa.zone
    /// 99   PTR  www.example.net.
    /// ; example.net.zone
    /// www  A    192.0.2.80
    /// ```
    ///
    /// ## Example report
    /// From `testdata/repo/broken/` (`zonewarden lint .`):
    /// ```text
    /// warning[ZW6008]: PTR for 192.0.2.53 names ns1.shop.corp.example., which does not have that address (it has 192.0.2.54, 2001:db8::53)
    ///  --> ./reverse/2.0.192.in-addr.arpa.zone:9:1
    ///   |
    /// 9 | 53        IN PTR   ns1.shop.corp.example.
    ///   | ^^
    ///   |
    ///  ::: ./corp/shop.corp.example.zone:7:1
    ///   |
    /// 7 | ns1       IN A     192.0.2.54    ; broken: the parent's glue says 192.0.2.53
    ///   | --- the target's address record
    ///   |
    ///   = help: point the PTR at the name of 192.0.2.53, or give ns1.shop.corp.example. the address
    /// ```
    pub PTR_NOT_FORWARD_CONFIRMED = ("ZW6008", "ptr-not-forward-confirmed", Warning);
}

declare_rule! {
    /// Several zones of one run with the same origin, none of them the one that answers.
    ///
    /// ## What it checks
    /// A zone has one authoritative copy of its data, which every server of the zone loads
    /// (RFC 1034 §4.3.5). The cross-zone checks pair a parent with its child, and a host with
    /// its zone, by origin. When two zones of the run share an origin (views of one zone, copies, an old
    /// version kept beside the new), which one answers is not known, so that origin is
    /// paired with no other zone and the checks that need it do not run: each such zone is
    /// reported, so that no check is skipped unseen. A signed zone beside unsigned zones of
    /// its origin (`dnssec-signzone` writes `FILE.signed` beside its source) is taken as the
    /// one published, and raises nothing.
    ///
    /// ## Why it matters
    /// A delegation, glue or DS error between the parent and such a child would otherwise
    /// pass the run without a word. Views of one zone (split horizon) are checked best in a
    /// run each (`zonewarden lint internal/`, then `external/`), each with its parents and
    /// reverse zones; where that cannot be, switch ZW6009 off in `zonewarden.toml`.
    ///
    /// ## Example
    /// ```text
    /// corp/legacy.corp.example.zone
    /// corp/old/legacy.corp.example.zone   ; an old copy, the same origin
    /// ```
    ///
    /// ## Example report
    /// From `testdata/repo/broken/` (`zonewarden lint .`):
    /// ```text
    /// warning[ZW6009]: 2 zones of this run have origin legacy.corp.example.: the cross-zone checks pair none of them with another zone
    ///  --> ./corp/legacy.corp.example.zone:3:1
    ///   |
    /// 3 | @  3600  IN SOA  ns1.example.net. hostmaster.example.net. 2026120101 7200 3600 1209600 3600
    ///   | ^
    ///   |
    ///  ::: ./corp/old/legacy.corp.example.zone:3:1
    ///   |
    /// 3 | @  3600  IN SOA  ns1.example.net. hostmaster.example.net. 2026110101 7200 3600 1209600 3600
    ///   | - another zone of this origin
    ///   |
    ///   = help: keep one copy of the zone in the run (exclude the others in zonewarden.toml), or lint each copy in a run of its own
    /// ```
    pub ORIGIN_SHARED = ("ZW6009", "origin-shared", Warning);
}
