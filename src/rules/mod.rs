//! Every rule, registered once in [`ALL`]; `zonewarden explain CODE` prints a rule's doc.

pub mod dane;
pub mod delegation;
pub mod denial;
pub mod dnssec;
pub mod mail;
pub mod rollover;
pub mod rrset;
pub mod soa;
pub mod structure;
pub mod syntax;
pub mod targets;
pub mod tool;
pub mod wildcard;
pub mod zonemd;

use crate::diag::Rule;

/// The registry of rules, in code order.
pub static ALL: &[&Rule] = &[
    &syntax::BAD_RECORD_LINE,
    &syntax::BAD_RDATA,
    &syntax::MISSING_RDATA,
    &syntax::TRAILING_RDATA,
    &syntax::UNBALANCED_PARENTHESES,
    &syntax::UNTERMINATED_QUOTE,
    &syntax::BAD_ESCAPE,
    &syntax::BAD_TTL,
    &syntax::NAME_TOO_LONG,
    &syntax::BAD_LABEL,
    &syntax::BAD_DIRECTIVE,
    &syntax::BAD_INCLUDE,
    &syntax::BAD_GENERATE,
    &syntax::MISSING_TTL,
    &syntax::NO_OWNER,
    &syntax::UNREADABLE_FILE,
    &structure::CNAME_AND_OTHER_DATA,
    &structure::MULTIPLE_CNAMES,
    &structure::DNAME_WITH_DESCENDANTS,
    &structure::OUT_OF_ZONE,
    &structure::MISSING_SOA,
    &structure::MULTIPLE_SOA,
    &structure::SOA_NOT_AT_APEX,
    &structure::APEX_WITHOUT_NS,
    &delegation::OCCLUDED_DATA,
    &delegation::MISSING_GLUE,
    &delegation::ORPHAN_GLUE,
    &targets::TARGET_IS_ALIAS,
    &targets::TARGET_IS_IP_LITERAL,
    &targets::TARGET_WITHOUT_ADDRESS,
    &rrset::TTL_MISMATCH,
    &rrset::DUPLICATE_RECORD,
    &rrset::TTL_TOO_LARGE,
    &soa::SOA_TIMERS,
    &targets::INVALID_HOSTNAME,
    &wildcard::WILDCARD_NOT_LEFTMOST,
    &wildcard::WILDCARD_INEFFECTIVE,
    &targets::MISSING_AAAA,
    &dnssec::BAD_SIGNATURE,
    &dnssec::UNVERIFIABLE_ALGORITHM,
    &dnssec::UNKNOWN_SIGNING_KEY,
    &dnssec::SIGNATURE_EXPIRED,
    &dnssec::SIGNATURE_NOT_YET_VALID,
    &dnssec::SIGNATURE_EXPIRING,
    &dnssec::SIGNATURE_WINDOW_INVERTED,
    &dnssec::SIGNER_NOT_APEX,
    &dnssec::RRSIG_LABELS,
    &dnssec::ORIGINAL_TTL_MISMATCH,
    &dnssec::RRSIG_TTL_TOO_HIGH,
    &dnssec::RRSIG_WITHOUT_RRSET,
    &dnssec::MISSING_SIGNATURE,
    &dnssec::UNEXPECTED_SIGNATURE,
    &dnssec::REDUNDANT_SIGNATURES,
    &dnssec::NO_DNSKEY,
    &dnssec::DNSKEY_NOT_SIGNED_BY_SEP,
    &dnssec::DS_NO_MATCHING_KEY,
    &dnssec::DS_DIGEST_MISMATCH,
    &dnssec::DNSKEY_NOT_SIGNED_BY_DS_KEY,
    &dnssec::CDS_MISMATCH,
    &dnssec::CDS_DELETE_FORM,
    &dnssec::DUPLICATE_KEY_TAG,
    &dnssec::REVOKED_KEY,
    &dnssec::RSA_KEY_TOO_SHORT,
    &dnssec::BAD_DNSKEY,
    &dnssec::NSEC_MISSING,
    &dnssec::NSEC_CHAIN,
    &dnssec::NSEC_BITMAP,
    &dnssec::NO_DENIAL_OF_EXISTENCE,
    &dnssec::NSEC_AND_NSEC3,
    &dnssec::NSEC3_MISSING,
    &dnssec::NSEC3_CHAIN,
    &dnssec::NSEC3_BITMAP,
    &dnssec::NSEC3PARAM,
    &dnssec::NSEC3_OPT_OUT,
    &dnssec::NSEC3_ITERATIONS,
    &dnssec::NSEC3_SALT,
    &dnssec::ALGORITHM_MUST_NOT,
    &dnssec::ALGORITHM_NOT_RECOMMENDED,
    &dnssec::WEAK_DS_DIGEST,
    &zonemd::ZONEMD_DIGEST_MISMATCH,
    &zonemd::ZONEMD_UNSUPPORTED,
    &zonemd::ZONEMD_DUPLICATE,
    &zonemd::ZONEMD_SERIAL_MISMATCH,
    &dane::TLSA_UNSIGNED_ZONE,
    &dane::TLSA_BAD_OWNER,
    &dane::TLSA_PKIX_USAGE_FOR_SMTP,
    &dane::TLSA_FULL_CERTIFICATE,
    &dane::TLSA_BAD_ASSOCIATION_DATA,
    &dane::TLSA_NO_ROLLOVER,
    &dane::TLSA_PARTIAL_MX_COVERAGE,
    &dane::TLSA_CNAME_CHAIN,
    &dane::TLSA_MATCHES_NOTHING,
    &dane::TLSA_UNKNOWN_PARAMETER,
    &mail::SPF_MULTIPLE_RECORDS,
    &mail::SPF_SYNTAX,
    &mail::SPF_TOO_MANY_LOOKUPS,
    &mail::SPF_PASS_ALL,
    &mail::DMARC_SYNTAX,
    &mail::DKIM_SYNTAX,
    &mail::DKIM_KEY_TOO_SHORT,
    &mail::DKIM_KEY_WEAK,
    &mail::MTA_STS_SYNTAX,
    &mail::TLSRPT_SYNTAX,
    &mail::NULL_MX_NOT_ALONE,
    &mail::CAA_SYNTAX,
    &rollover::SERIAL_NOT_INCREASED,
    &rollover::KEY_NOT_PREPUBLISHED,
    &rollover::KEY_REMOVED_EARLY,
    &rollover::KSK_REMOVED_WHILE_DS,
    &rollover::DS_CHANGED_WITH_KSK,
    &rollover::KSK_SIGNS_BEFORE_DS,
    &rollover::CDS_NOT_MATCHING_KEYS,
    &rollover::ALGORITHM_PUBLISHED_EARLY,
    &rollover::ALGORITHM_REMOVED_EARLY,
    &rollover::SIGNATURES_EXPIRE_SOON,
    &rollover::SIGNATURES_NOT_YET_VALID,
    &rollover::TLSA_DROPPED,
    &rollover::TLSA_NOT_PREPUBLISHED,
    &tool::UNUSED_SUPPRESSION,
    &tool::BAD_SUPPRESSION,
];

/// Looks a rule up by its code (any case).
pub fn by_code(code: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code))
}
