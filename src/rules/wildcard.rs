//! Wildcards that cannot work as written (ZW1121-ZW1122).
//!
//! The rules' declarations, which are their documentation; the checks that raise them are in
//! [`crate::checks::wildcard`].

use crate::declare_rule;

declare_rule! {
    /// A `*` label that is not the leftmost label.
    ///
    /// ## What it checks
    /// Only a leftmost `*` makes a wildcard (RFC 4592 §2.1.1); `a.*.example.com.` is a
    /// literal name with an asterisk label, which is almost never what was meant.
    pub WILDCARD_NOT_LEFTMOST = ("ZW1121", "wildcard-not-leftmost", Warning);
}

declare_rule! {
    /// A wildcard that synthesizes nothing, or whose use is undefined.
    ///
    /// ## What it checks
    /// A wildcard at or below a delegation or a DNAME is never used (RFC 4592 §2.2.1,
    /// RFC 6672 §2.3); NS or DNAME records at a wildcard owner have undefined behaviour
    /// (RFC 4592 §4.2, §4.4).
    pub WILDCARD_INEFFECTIVE = ("ZW1122", "wildcard-ineffective", Warning);
}
