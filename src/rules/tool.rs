//! Findings about zonewarden's own directives in a zone (ZW9xxx).

use crate::declare_rule;

declare_rule! {
    /// An inline suppression that suppresses nothing.
    ///
    /// ## What it checks
    /// A `; zonewarden: ignore[CODE]` comment applies to the record on its line, or, when the
    /// comment stands on a line of its own, to the record on the next line. When no finding
    /// with that code is there, the suppression is stale: the problem was fixed, or the
    /// comment sits on the wrong line, and it would silently hide a future finding.
    ///
    /// ## Example
    /// ```text
    /// ; zonewarden: ignore[ZW1123]
    /// mail  AAAA  2001:db8::25     ; nothing to suppress any more
    /// ```
    pub UNUSED_SUPPRESSION = ("ZW9001", "unused-suppression", Warning);
}

declare_rule! {
    /// A `zonewarden:` comment that cannot be read.
    ///
    /// ## What it checks
    /// The form is `; zonewarden: ignore[CODE, CODE...]`, each CODE a rule code or code
    /// prefix (`zonewarden rules` lists them). Anything else is reported rather than ignored,
    /// so a typo never hides nothing while seeming to hide something.
    ///
    /// ## Example
    /// ```text
    /// www  A  192.0.2.1   ; zonewarden: ignroe[ZW1115]
    /// ```
    pub BAD_SUPPRESSION = ("ZW9002", "bad-suppression", Warning);
}
