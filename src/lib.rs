//! zonewarden: an offline DNS zone linter, DNSSEC verifier and TLSA record generator.
//!
//! The library reads zones ([`zone`]), runs rules over them ([`lint`], [`rules`]) and
//! formats what they find ([`report`]); the binary only parses arguments and maps the
//! outcome to an exit status.

pub mod atomic;
pub mod checks;
pub mod cli;
pub mod config;
pub mod crosszone;
pub mod desired;
pub mod diag;
pub mod dnssec;
pub mod index;
pub mod lint;
pub mod print;
pub mod report;
pub mod rollover;
pub mod rules;
pub mod scorecard;
pub mod source;
pub mod time;
pub mod tlsa;
pub mod zone;
