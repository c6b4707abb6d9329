//! The lint checks, by family: each implements [`Check`] and raises the rules its family
//! declares in [`crate::rules`]. The engine ([`crate::lint`]) calls them from its one walk
//! over the zone.

pub mod dane;
pub mod delegation;
pub mod mail;
pub mod rrset;
pub mod soa;
pub mod structure;
pub mod targets;
pub mod wildcard;

use crate::diag::{Diagnostic, Later, Rule, WordsIn};
use crate::index::Check;
use crate::source::Span;
use crate::zone::{name, Record, Zone};

/// How a finding raised by the thousand is worded when written, from the record it is about
/// and up to two more numbers (a record index, mostly): see [`Diagnostic::later`]. Each such
/// wording is a unit type, so that its findings need hold no more than a function.
pub(crate) trait Wording {
    /// Whether the words name the record's owner: when not, `owner` is empty and its text
    /// is not made (it was, for each of the most numerous findings, never to be read).
    const NAMES_OWNER: bool = true;

    /// The words of a finding about `r`, a record of `zone` whose owner reads `owner`, made
    /// into `out`.
    fn word(zone: &Zone, r: &Record, owner: &str, more: [u32; 2], out: &mut WordsIn);
}

/// A finding of `rule` at `span`, about record `record`, that `W` words when it is written.
pub(crate) fn later<W: Wording>(
    rule: &'static Rule,
    span: Span,
    record: u32,
    more: [u32; 2],
) -> Diagnostic {
    let [a, b] = more;
    Diagnostic::later(
        rule,
        Some(span),
        Later {
            word: word_in::<W>,
            args: [record, a, b],
        },
    )
}

/// [`Wording::word`] for the zone as [`Diagnostic::word`] passes it: always a [`Zone`], and
/// the record one of its own (no words, which the report shows, were either ever not).
fn word_in<W: Wording>(zone: &dyn std::any::Any, [i, a, b]: [u32; 3], out: &mut WordsIn) {
    let Some(zone) = zone.downcast_ref::<Zone>() else {
        return;
    };
    let Some(r) = zone.records.get(i as usize) else {
        return;
    };
    if !W::NAMES_OWNER {
        return W::word(zone, r, "", [a, b], out);
    }
    thread_local! {
        /// The owner's text, written over for each finding.
        static OWNER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    OWNER.with_borrow_mut(|owner| {
        owner.clear();
        name::write_text(zone.names.wire(r.owner), owner);
        W::word(zone, r, owner, [a, b], out)
    })
}

/// No record: an argument of a [`Wording`] that has none to name.
pub(crate) const NO_RECORD: u32 = u32::MAX;

/// The checks the lint engine runs, each called from its one walk over the zone.
pub fn all() -> &'static [&'static dyn Check] {
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
