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
        if !new_signers.iter().any(|k| parent.names(k, origin)) {
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

    /// ZW5006 for a change of the parent's DS RRset (`--old-ds` and `--new-ds` differ): the
    /// old DS must name a key that signs NEW's DNSKEY RRset, and the new DS one that has
    /// signed it long enough for every cached DNSKEY RRset to hold it.
    fn ds_change(&mut self, new_signers: &[&KeyInfo]) {
        let (old, new, opts) = (self.old, self.new, self.opts);
        let origin = &new.origin;
        let (Some(ds_old), Some(ds_new)) = (&opts.ds_old, &opts.ds_new) else {
            return;
        };
        let (mut a, mut b) = (ds_old.records.clone(), ds_new.records.clone());
        a.sort();
        b.sort();
        if a == b {
            return;
        }
        let old_ds = Parent::Ds(ds_old);
        let new_ds = Parent::Ds(ds_new);
        if new.is_signed() && !new_signers.iter().any(|k| old_ds.names(k, origin)) {
            self.never(
                &DS_CHANGED_WITH_KSK,
                Side::New,
                new.dnskey_rrsig,
                format!(
                    "the old DS RRset ({}), which resolvers keep for its TTL ({}) after the parent changes it, names no key that signs the DNSKEY RRset of {}",
                    ds_old.label,
                    duration_text(ds_old.ttl),
                    new.label
                ),
                "change the DS first; change the keys once the old DS's TTL has passed".into(),
            );
        }
        let named: Vec<&KeyInfo> = old
            .dnskey_signing_keys()
            .filter(|k| new_ds.names(k, origin))
            .collect();
        if named.is_empty() {
            self.never(
                &DS_CHANGED_WITH_KSK,
                Side::Old,
                old.dnskey_rrsig,
                format!(
                    "the new DS RRset ({}) names no key that signs the DNSKEY RRset of {}, which resolvers keep for its TTL ({})",
                    ds_new.label,
                    old.label,
                    duration_text(old.dnskey_ttl)
                ),
                "sign the DNSKEY RRset with the new KSK first; change the DS once the DNSKEY TTL has passed".into(),
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
