//! The chain of trust from the parent: DS and CDS/CDNSKEY (ZW5004-ZW5007).

use super::*;

impl Judge<'_> {
    /// ZW5004, ZW5005, ZW5006: the parent's DS names a key that signs the DNSKEY RRset,
    /// whichever DS RRset and DNSKEY RRset a resolver holds.
    pub(super) fn chain_of_trust(&mut self) {
        let (old, new, opts) = (self.old, self.new, self.opts);
        let parent = match (&opts.ds_new, &opts.ds_old) {
            (Some(d), _) | (None, Some(d)) => Parent::Ds(d),
            _ if asks_for_ds(old) => Parent::Cds(old),
            _ => Parent::OldSigners(old),
        };
        let origin = &new.origin;
        let new_signers: Vec<&KeyInfo> = new.dnskey_signing_keys().collect();
        let mut reported: Vec<KeyId> = Vec::new();
        // An empty DS RRset (`none`) is an insecure delegation: validators take nothing from
        // the keys through it; an old DS they may still cache is judged in `ds_change`.
        let insecure = matches!(parent, Parent::Ds(d) if d.is_empty());
        if !insecure && !new_signers.iter().any(|k| parent.names(k, origin)) {
            let removed: Vec<&KeyInfo> = old
                .keys
                .iter()
                .filter(|k| !new.has_key(&k.id) && parent.names(k, origin))
                .collect();
            for k in &removed {
                reported.push(k.id.clone());
                self.never(
                    &KSK_REMOVED_WHILE_DS,
                    Side::Old,
                    Some(k.record),
                    format!(
                        "{} is removed while {} names it, and names no key that signs the DNSKEY RRset of {}",
                        k.describe(),
                        parent.describe(),
                        new.label
                    ),
                    "keep it signing the DNSKEY RRset until the parent's DS names its successor and the old DS's TTL has passed".into(),
                );
            }
            if removed.is_empty() && !new_signers.is_empty() {
                let names: Vec<String> = new_signers.iter().map(|k| k.describe()).collect();
                self.never(
                    &KSK_SIGNS_BEFORE_DS,
                    Side::New,
                    new.dnskey_rrsig,
                    format!(
                        "the DNSKEY RRset is signed only by {}, which {} does not name",
                        names.join(" and "),
                        parent.describe()
                    ),
                    "keep the old KSK signing the DNSKEY RRset until the parent publishes a DS for the new one".into(),
                );
            }
        }
        // A parent that polls CDS may be acting on OLD's right now.
        if !matches!(parent, Parent::Cds(_)) && asks_for_ds(old) {
            let cds = Parent::Cds(old);
            if !new_signers.iter().any(|k| cds.names(k, origin)) {
                for k in old.keys.iter().filter(|k| {
                    !new.has_key(&k.id) && !reported.contains(&k.id) && cds.names(k, origin)
                }) {
                    self.never(
                        &KSK_REMOVED_WHILE_DS,
                        Side::Old,
                        Some(k.record),
                        format!(
                            "{} is removed while the CDS/CDNSKEY of {} still name it: a parent acting on them publishes a DS for a key {} lacks",
                            k.describe(),
                            old.label,
                            new.label
                        ),
                        "publish CDS/CDNSKEY for the successor and wait until the parent's DS names it".into(),
                    );
                }
            }
        }
        self.ds_change(&new_signers);
    }

    /// ZW5005 for a change of the parent's DS RRset (`--old-ds` and `--new-ds` differ): the
    /// old DS, which resolvers keep for its TTL after the change, must name a key that signs
    /// NEW's DNSKEY RRset; and a new DS RRset that drops a DS (or is the first one) must name
    /// a key that has signed the DNSKEY RRset long enough for every cached DNSKEY RRset to
    /// hold it. DS records only added beside the old ones break nothing: whatever the old DS
    /// RRset validated, the new one still does. An empty RRset (`none`) is an insecure
    /// delegation: removing the DS (going insecure) needs only the first check, adding the
    /// first DS (going secure) only the second.
    fn ds_change(&mut self, new_signers: &[&KeyInfo]) {
        let (old, new, opts) = (self.old, self.new, self.opts);
        let origin = &new.origin;
        let (Some(ds_old), Some(ds_new)) = (&opts.ds_old, &opts.ds_new) else {
            return;
        };
        if same_records(ds_old, ds_new) {
            return;
        }
        let old_ds = Parent::Ds(ds_old);
        let new_ds = Parent::Ds(ds_new);
        if let Some(cached) = self.old_ds_cached_until() {
            if !new_signers.iter().any(|k| old_ds.names(k, origin)) {
                self.old_ds_cached(ds_old, cached);
            }
        }
        let drops = ds_old.records.iter().any(|r| !ds_new.records.contains(r));
        if ds_new.is_empty() || (!ds_old.is_empty() && !drops) {
            return;
        }
        let named: Vec<&KeyInfo> = old
            .dnskey_signing_keys()
            .filter(|k| new_ds.names(k, origin))
            .collect();
        if named.is_empty() {
            let what = if old.dnskey_signers.is_empty() {
                format!(
                    "{}: it has none signed, and resolvers keep what they cached of it (its absence too) for its TTL",
                    old.label
                )
            } else {
                format!(
                    "{}, which resolvers keep for its TTL ({})",
                    old.label,
                    duration_text(old.dnskey_ttl)
                )
            };
            self.never(
                &DS_CHANGED_WITH_KSK,
                Side::Old,
                old.dnskey_rrsig.or(old.soa_record),
                format!(
                    "the new DS RRset ({}) names no key that signs the DNSKEY RRset of {what}",
                    ds_new.label,
                ),
                "sign the DNSKEY RRset with the new KSK first (publish the signed zone first); change the DS once the DNSKEY TTL has passed".into(),
            );
        } else if let Some(since) = named
            .iter()
            .filter_map(|k| self.past.since(|v| v.signs_dnskey(&k.id)))
            .min()
        {
            let names: Vec<String> = named.iter().map(|k| k.describe()).collect();
            self.until(
                &DS_CHANGED_WITH_KSK,
                Side::Old,
                old.dnskey_rrsig,
                format!(
                    "the new DS RRset names {}, which has signed the DNSKEY RRset only since {}; an older DNSKEY RRset may be cached until then plus its TTL and propagation",
                    names.join(" and "),
                    time_text(since)
                ),
                "change the DS once the DNSKEY TTL has passed since the new KSK began signing".into(),
                since + i64::from(old.dnskey_ttl) + self.prop(),
            );
        }
    }

    /// The old DS RRset, which resolvers may hold until `cached`, names no key that signs
    /// NEW's DNSKEY RRset. Waiting is enough when the parent's change has a time of its own
    /// (`--ds-changed-at`); a change made with NEW must be split.
    fn old_ds_cached(&mut self, ds_old: &DsSet, cached: i64) {
        let new = self.new;
        let signed = new.dnskey_signing_keys().next().is_some();
        let record = new.dnskey_rrsig.or(new.soa_record);
        let broken = if signed {
            format!("names no key that signs the DNSKEY RRset of {}", new.label)
        } else {
            format!(
                "names a key, but {} has no signed DNSKEY RRset: the zone is bogus to them",
                new.label
            )
        };
        let fix = if signed {
            "change the DS first; change the keys once the old DS's TTL has passed"
        } else {
            "remove the DS first; remove the keys and signatures once the old DS's TTL and propagation have passed (RFC 6781 §4.1.4)"
        };
        let msg = format!(
            "the old DS RRset ({}), which resolvers keep for its TTL ({}) after the parent changes it, {broken}",
            ds_old.label,
            duration_text(ds_old.ttl),
        );
        match self.opts.ds_changed {
            Some(t) => self.until(
                &DS_CHANGED_WITH_KSK,
                Side::New,
                record,
                format!("{msg}; the parent changed it at {}", time_text(t)),
                fix.into(),
                cached,
            ),
            None => self.never(&DS_CHANGED_WITH_KSK, Side::New, record, msg, fix.into()),
        }
    }

    /// ZW5007: changed CDS/CDNSKEY records must describe keys that sign NEW's DNSKEY RRset.
    pub(super) fn cds(&mut self) {
        let (old, new) = (self.old, self.new);
        if (new.cds == old.cds && new.cdnskey == old.cdnskey)
            || (new.cds.is_empty() && new.cdnskey.is_empty())
            || is_delete(new)
        {
            return;
        }
        let rec = new.cds_record;
        let mut named: Vec<KeyId> = Vec::new();
        for c in &new.cds {
            match new.keys.iter().find(|k| ds_names(c, k, &new.origin)) {
                Some(k) => named.push(k.id.clone()),
                None => {
                    let d = Ds::parse(c);
                    self.never(
                        &CDS_NOT_MATCHING_KEYS,
                        Side::New,
                        rec,
                        format!(
                            "CDS {} {} names no DNSKEY of {}",
                            d.as_ref().map_or(0, |d| d.tag),
                            algorithm_text(d.as_ref().map_or(0, |d| d.algorithm)),
                            new.label
                        ),
                        "publish the key first, or remove the CDS".into(),
                    );
                }
            }
        }
        let mut named_cdnskey: Vec<KeyId> = Vec::new();
        for c in &new.cdnskey {
            match new.keys.iter().find(|k| k.rdata[..] == c[..]) {
                Some(k) => named_cdnskey.push(k.id.clone()),
                None => self.never(
                    &CDS_NOT_MATCHING_KEYS,
                    Side::New,
                    rec,
                    format!(
                        "CDNSKEY {} is not a DNSKEY of {}",
                        crate::dnssec::keys::key_tag(c),
                        new.label
                    ),
                    "publish the key first, or remove the CDNSKEY".into(),
                ),
            }
        }
        if !new.cds.is_empty() && !new.cdnskey.is_empty() {
            let (mut a, mut b) = (named.clone(), named_cdnskey.clone());
            a.sort_by(|x, y| x.public.cmp(&y.public));
            b.sort_by(|x, y| x.public.cmp(&y.public));
            a.dedup();
            b.dedup();
            if a != b {
                self.never(
                    &CDS_NOT_MATCHING_KEYS,
                    Side::New,
                    rec,
                    "CDS and CDNSKEY records name different keys".into(),
                    "publish CDS and CDNSKEY for the same keys".into(),
                );
            }
        }
        named.extend(named_cdnskey);
        if !named.is_empty() && !named.iter().any(|id| new.signs_dnskey(id)) {
            self.never(
                &CDS_NOT_MATCHING_KEYS,
                Side::New,
                rec,
                "none of the keys the CDS/CDNSKEY records name signs the DNSKEY RRset: a parent acting on them breaks the chain of trust".into(),
                "sign the DNSKEY RRset with the key they name before publishing them".into(),
            );
        }
    }
}
