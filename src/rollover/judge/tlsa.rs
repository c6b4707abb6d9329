//! TLSA records across a certificate change (ZW5012, ZW5013).

use super::*;

impl Judge<'_> {
    /// ZW5012, ZW5013: RFC 7671 §8.1, a TLSA record for the next key before it is deployed.
    pub(super) fn tlsa(&mut self) {
        let (old, new, opts) = (self.old, self.new, self.opts);
        let Some(serving) = opts.next_cert.as_ref().or(opts.cert.as_ref()) else {
            return;
        };
        let fits = |set: &crate::rollover::version::TlsaSet, c: &Cert| {
            set.records.iter().any(
                |t| matches!(matches(t, &c.input), Some(m) if !matches!(m, Matched::OffPath(_))),
            )
        };
        // The services the certificate is deployed for: where OLD matches it.
        let mut owners: Vec<Vec<u8>> = match &opts.cert {
            Some(c) => old
                .tlsa
                .iter()
                .filter(|s| fits(s, c))
                .map(|s| s.owner.clone())
                .collect(),
            None => Vec::new(),
        };
        if owners.is_empty() {
            owners = old.tlsa.iter().map(|s| s.owner.clone()).collect();
        }
        for o in &owners {
            let at = name::to_text(o);
            let old_set = old.tlsa_at(o);
            match new.tlsa_at(o) {
                Some(s) if fits(s, serving) => {}
                Some(s) => self.never(
                    &TLSA_DROPPED,
                    Side::New,
                    Some(s.first),
                    format!(
                        "no TLSA record at {at} matches {}, the certificate served once {} is live",
                        serving.label, new.label
                    ),
                    "keep the TLSA record of the deployed certificate until it is replaced".into(),
                ),
                None => self.never(
                    &TLSA_DROPPED,
                    Side::Old,
                    old_set.map(|s| s.first),
                    format!(
                        "{} drops the TLSA RRset at {at}, which {} needs",
                        new.label, serving.label
                    ),
                    "keep the TLSA record of the deployed certificate until it is replaced".into(),
                ),
            }
            let Some(next) = &opts.next_cert else {
                continue;
            };
            let ttl = old_set.map_or(0, |s| s.ttl);
            let fix = format!(
                "publish a TLSA record for the next key beside the current one (3 1 1 + 3 1 1) and deploy the certificate once the TLSA TTL ({}) and propagation have passed",
                duration_text(ttl)
            );
            if !old_set.is_some_and(|s| fits(s, next)) {
                self.never(
                    &TLSA_NOT_PREPUBLISHED,
                    Side::Old,
                    old_set.map(|s| s.first),
                    format!(
                        "{} is deployed with {}, but {} has no TLSA record at {at} matching it",
                        next.label, new.label, old.label
                    ),
                    fix,
                );
                continue;
            }
            let since = self
                .past
                .since(|v| v.tlsa_at(o).is_some_and(|s| fits(s, next)))
                .unwrap_or(old.published);
            self.until(
                &TLSA_NOT_PREPUBLISHED,
                Side::Old,
                old_set.map(|s| s.first),
                format!(
                    "{} is deployed with {}, but a TLSA record at {at} has matched it only since {}",
                    next.label,
                    new.label,
                    time_text(since)
                ),
                fix,
                since + i64::from(ttl) + self.prop(),
            );
        }
    }
}
