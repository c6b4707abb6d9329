//! Whether publishing a new version of a zone is a safe key rollover (ZW5xxx).
//!
//! [`version`] reduces each version of the zone to what rollover timing depends on (keys,
//! who signs what, CDS, TLSA, signature windows); [`judge`] applies the rules of RFC 7583,
//! RFC 6781 §4.1 and RFC 7671 §8 to OLD, the versions before it when known, and NEW;
//! [`git`] reads versions from a repository; [`cmd`] is `zonewarden rollover`.
//!
//! The judgement is about timing and the chain of trust, not about signatures being
//! correct: `zonewarden verify` checks those.

pub mod git;
pub mod judge;
pub mod timeline;
pub mod version;
