//! Every rule, registered once in [`ALL`]; `zonewarden explain CODE` prints a rule's doc.

pub mod syntax;

use crate::diag::Rule;

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
];

/// Looks a rule up by its code (any case).
pub fn by_code(code: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.code.eq_ignore_ascii_case(code))
}
