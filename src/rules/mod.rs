//! Every rule, registered once in [`ALL`]; `zonewarden explain CODE` prints a rule's doc.

pub mod dane;
pub mod delegation;
pub mod mail;
pub mod rrset;
pub mod soa;
pub mod structure;
pub mod syntax;
pub mod targets;
pub mod tool;
pub mod wildcard;

use crate::diag::Rule;
use crate::lint::Check;

/// The registry of rules, in code order.
pub static ALL: &[&Rule] = &[
    &syntax::BAD_RECORD_LINE,
    &syntax::BAD_RDATA,
    &syntax::MISSING_RDATA,
    &syntax::TRAILING_RDATA,
    &syntax::UNBALANCED_PARENS,
    &syntax::UNTERMINATED_QUOTE,
    &syntax::BAD_ESCAPE,
    &syntax::BAD_TTL,
    &syntax::NAME_TOO_LONG,
    &syntax::LABEL_TOO_LONG,
    &syntax::BAD_DIRECTIVE,
    &syntax::BAD_INCLUDE,
    &syntax::BAD_GENERATE,
    &syntax::MISSING_TTL,
    &syntax::NO_OWNER,
    &syntax::UNREADABLE,
    &structure::CNAME_AND_OTHER_DATA,
    &structure::MULTIPLE_CNAMES,
    &structure::DNAME_DESCENDANTS,
    &structure::OUT_OF_ZONE,
    &structure::MISSING_SOA,
    &structure::MULTIPLE_SOA,
    &structure::SOA_NOT_AT_APEX,
    &structure::APEX_WITHOUT_NS,
    &delegation::OCCLUDED_DATA,
    &delegation::MISSING_GLUE,
    &delegation::ORPHAN_GLUE,
    &targets::TARGET_IS_ALIAS,
    &targets::TARGET_IS_IP,
    &targets::TARGET_WITHOUT_ADDRESS,
    &rrset::TTL_MISMATCH,
    &rrset::DUPLICATE_RECORD,
    &rrset::TTL_TOO_LARGE,
    &soa::SOA_TIMERS,
    &targets::INVALID_HOSTNAME,
    &wildcard::WILDCARD_NOT_LEFTMOST,
    &wildcard::WILDCARD_INEFFECTIVE,
    &targets::MISSING_AAAA,
    &dane::TLSA_UNSIGNED_ZONE,
    &dane::TLSA_BAD_OWNER,
    &dane::TLSA_PKIX_FOR_SMTP,
    &dane::TLSA_FULL_CERTIFICATE,
    &dane::TLSA_BAD_DATA,
    &dane::TLSA_NO_ROLLOVER,
    &dane::TLSA_PARTIAL_MX,
    &dane::TLSA_CNAME_CHAIN,
    &dane::TLSA_MATCHES_NOTHING,
    &dane::TLSA_UNKNOWN_PARAMETER,
    &mail::SPF_MULTIPLE,
    &mail::SPF_SYNTAX,
    &mail::SPF_TOO_MANY_LOOKUPS,
    &mail::SPF_PASS_ALL,
    &mail::DMARC_SYNTAX,
    &mail::DKIM_SYNTAX,
    &mail::DKIM_KEY_TOO_SHORT,
    &mail::DKIM_KEY_WEAK,
    &mail::MTA_STS_SYNTAX,
    &mail::TLSRPT_SYNTAX,
    &mail::NULL_MX,
    &mail::CAA_SYNTAX,
    &tool::UNUSED_SUPPRESSION,
    &tool::BAD_SUPPRESSION,
];

/// The checks the lint engine runs, each called from its one walk over the zone.
pub fn checks() -> &'static [&'static dyn Check] {
    &[
        &structure::Structure,
        &delegation::Delegation,
        &targets::Targets,
        &rrset::RRsetConsistency,
        &soa::SoaTimers,
        &wildcard::Wildcards,
        &dane::Dane,
        &mail::Mail,
    ]
}

/// Looks a rule up by its code (any case).
pub fn by_code(code: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code))
}
