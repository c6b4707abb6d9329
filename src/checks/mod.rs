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

use crate::index::Check;

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
