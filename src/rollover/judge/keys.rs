//! The zone's own keys and signatures: serial, signature windows, pre-publication,
//! removal, algorithm rollovers (ZW5001-ZW5003, ZW5008-ZW5011 and ZW5013).

use super::*;

impl Judge<'_> {
    /// ZW5001: RFC 1982 serial arithmetic.
    pub(super) fn serial(&mut self) {
        let (old, new) = (self.old, self.new);
        if old.digest == new.digest {
            return;
        }
        if let (Some(a), Some(b)) = (old.serial, new.serial) {
            if !crate::dnssec::verify::serial_lt(a, b) {
                self.never(
                    &SERIAL_NOT_INCREASED,
                    Side::New,
                    new.soa_record,
                    format!(
                        "the SOA serial {b} is not greater than {a}, the serial of {} (RFC 1982)",
                        old.label
                    ),
                    "increase the serial: secondaries transfer only a greater one".into(),
                );
            }
        }
    }

    /// ZW5010, ZW5011: NEW's signatures hold from `now` for as long as it may be served.
    pub(super) fn signature_windows(&mut self) {
        let (new, now) = (self.new, self.opts.now);
        let need = new.soa_expire.max(new.max_ttl);
        if let Some((exp, rec)) = new.earliest_expiration {
            if exp < now + i64::from(need) {
                let msg = if exp <= now {
                    format!(
                        "a signature expired at {}, before going live",
                        time_text(exp)
                    )
                } else {
                    format!(
                        "a signature expires at {}, within {} of going live (the larger of the SOA expire timer and the largest TTL)",
                        time_text(exp),
                        duration_text(need)
                    )
                };
                self.never(
                    &SIGNATURES_EXPIRE_SOON,
                    Side::New,
                    Some(rec),
                    msg,
                    "re-sign with signatures valid for longer".into(),
                );
            }
        }
        if let Some((inc, rec)) = new.latest_inception {
            self.until(
                &SIGNATURES_NOT_YET_VALID,
                Side::New,
                Some(rec),
                format!("a signature is not valid before {}", time_text(inc)),
                "publish it later, or re-sign with an earlier inception".into(),
                inc,
            );
        }
    }

    /// ZW5002: every RRset NEW signs has a signature by a key every cached DNSKEY RRset has.
    pub(super) fn prepublication(&mut self) {
        let (old, new, now) = (self.old, self.new, self.opts.now);
        let wait = i64::from(old.dnskey_ttl) + self.prop();
        // For each of NEW's keys: since when every validator knows it (None: not in OLD).
        // A key that already signed OLD was known when OLD went live (OLD was judged too).
        let known: Vec<Option<i64>> = new
            .keys
            .iter()
            .map(|k| {
                if old.signs_data(&k.id) {
                    Some(i64::MIN)
                } else {
                    self.past.since(|v| v.has_key(&k.id)).map(|s| s + wait)
                }
            })
            .collect();
        let mut alone: Vec<(u64, u32)> = vec![(0, u32::MAX); new.keys.len()];
        for set in &new.signed {
            let keys: Vec<usize> = set
                .signers
                .iter()
                .filter_map(|s| s.key.map(usize::from))
                .collect();
            if keys.is_empty() || keys.iter().any(|&k| known[k].is_some_and(|t| t <= now)) {
                continue;
            }
            for k in keys {
                alone[k].0 += set.rrsets;
                alone[k].1 = alone[k].1.min(set.first);
            }
        }
        for (k, &(n, first)) in alone.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let key = &new.keys[k];
            let fix = format!(
                "publish the key in a version of its own and sign with it once the DNSKEY TTL ({}) and propagation have passed, or sign with the old key as well",
                duration_text(old.dnskey_ttl)
            );
            match known[k] {
                None => self.never(
                    &KEY_NOT_PREPUBLISHED,
                    Side::New,
                    Some(first),
                    format!(
                        "{} signs {} alone, but it is not in the DNSKEY RRset of {}, which resolvers may still cache",
                        key.describe(),
                        plural(n, "RRset"),
                        old.label
                    ),
                    fix,
                ),
                Some(t) => self.until(
                    &KEY_NOT_PREPUBLISHED,
                    Side::New,
                    Some(first),
                    format!(
                        "{} signs {} alone, but has been in the DNSKEY RRset only since {}; an older DNSKEY RRset without it may be cached until then plus its TTL and propagation",
                        key.describe(),
                        plural(n, "RRset"),
                        time_text(t - wait)
                    ),
                    fix,
                    t,
                ),
            }
        }
    }

    /// Whether a version signs some RRset with this key and with no key NEW keeps.
    pub(super) fn signs_alone(&self, v: &Version, id: &KeyId) -> u64 {
        v.signed
            .iter()
            .filter(|s| v.set_has_key(s, id))
            .filter(|s| {
                !s.signers.iter().any(|x| {
                    x.key
                        .is_some_and(|k| self.new.has_key(&v.keys[k as usize].id))
                })
            })
            .map(|s| s.rrsets)
            .sum()
    }

    /// ZW5003: a key leaves the DNSKEY RRset only once no cached signature needs it.
    pub(super) fn removal(&mut self) {
        let (old, new) = (self.old, self.new);
        let wait = i64::from(old.max_signed_ttl()) + self.prop();
        for r in old.keys.iter().filter(|k| !new.has_key(&k.id)) {
            let n = self.signs_alone(old, &r.id);
            if n > 0 {
                self.never(
                    &KEY_REMOVED_EARLY,
                    Side::Old,
                    Some(r.record),
                    format!(
                        "{} is removed, but {} of {} {} signed by it and by no key that stays",
                        r.describe(),
                        plural(n, "RRset"),
                        old.label,
                        if n == 1 { "is" } else { "are" }
                    ),
                    format!(
                        "have its successor sign a version first, and remove the key once the largest TTL of the signed RRsets ({}) and propagation have passed",
                        duration_text(old.max_signed_ttl())
                    ),
                );
                continue;
            }
            // Its signatures may be cached from the last version it signed alone; between
            // two versions only, that may have been the one just before OLD.
            let versions = self.past.versions;
            let last = versions
                .iter()
                .rposition(|v| self.signs_alone(v, &r.id) > 0);
            let aging_since = match last {
                Some(i) => Some(versions[i + 1].published),
                None if self.past.complete => None,
                // A KSK that signs only the DNSKEY RRset leaves no signatures elsewhere.
                None if r.is_sep() && !versions.iter().any(|v| v.signs_data(&r.id)) => None,
                None => Some(versions[0].published),
            };
            if let Some(since) = aging_since {
                self.until(
                    &KEY_REMOVED_EARLY,
                    Side::Old,
                    Some(r.record),
                    format!(
                        "{} is removed, but RRsets signed by it alone may be cached from before {}",
                        r.describe(),
                        time_text(since)
                    ),
                    format!(
                        "keep the key published until the largest TTL of the signed RRsets ({}) and propagation have passed since its successor took over",
                        duration_text(old.max_signed_ttl())
                    ),
                    since + wait,
                );
            }
        }
    }

    /// ZW5008, ZW5009: RFC 6781 §4.1.4's order for algorithm rollovers.
    pub(super) fn algorithms(&mut self) {
        let (old, new) = (self.old, self.new);
        let (old_algs, new_algs) = (old.key_algorithms(), new.key_algorithms());
        for &a in new_algs.iter().filter(|a| !old_algs.contains(a)) {
            let rec = new.first_key_of(a);
            let alg = algorithm_text(a);
            let fix = format!(
                "sign every RRset with {alg} in a version without its DNSKEYs first, and publish them once the largest TTL ({}) and propagation have passed",
                duration_text(old.max_signed_ttl())
            );
            // NEW itself, then OLD (which resolvers may still hold), must carry them.
            let lacking = [(new, ""), (old, ", which resolvers may still cache,")]
                .into_iter()
                .map(|(v, note)| (v, note, v.lacking(a)))
                .find(|x| x.2 > 0);
            if let Some((v, note, lack)) = lacking {
                self.never(
                    &ALGORITHM_PUBLISHED_EARLY,
                    Side::New,
                    rec,
                    format!(
                        "{alg} DNSKEYs are published, but {} of {}{note} {} no {alg} signature",
                        plural(lack, "RRset"),
                        v.label,
                        if lack == 1 { "has" } else { "have" }
                    ),
                    fix,
                );
                continue;
            }
            let since = self
                .past
                .since(|v| v.lacking(a) == 0 && v.signature_algorithms().contains(&a))
                .unwrap_or(old.published);
            self.until(
                &ALGORITHM_PUBLISHED_EARLY,
                Side::New,
                rec,
                format!(
                    "{alg} DNSKEYs are published, but every RRset has carried {alg} signatures only since {}",
                    time_text(since)
                ),
                fix,
                since + i64::from(old.max_signed_ttl()) + self.prop(),
            );
        }
        for a in old.signature_algorithms() {
            let lack = new.lacking(a);
            if old.lacking(a) > 0 || lack == 0 || !new.is_signed() {
                continue;
            }
            let alg = algorithm_text(a);
            let fix = format!(
                "remove the {alg} DNSKEYs first, and their signatures once the DNSKEY TTL ({}) and propagation have passed",
                duration_text(old.dnskey_ttl)
            );
            if new_algs.contains(&a) {
                let rec = new.first_key_of(a);
                self.never(
                    &ALGORITHM_REMOVED_EARLY,
                    Side::New,
                    rec,
                    format!(
                        "{alg} DNSKEYs stay published, but {} lost {} {alg} signature{}",
                        plural(lack, "RRset"),
                        if lack == 1 { "its" } else { "their" },
                        if lack == 1 { "" } else { "s" }
                    ),
                    fix,
                );
            } else if old_algs.contains(&a) {
                let rec = old.first_key_of(a);
                self.never(
                    &ALGORITHM_REMOVED_EARLY,
                    Side::Old,
                    rec,
                    format!("{alg} DNSKEYs and their signatures are removed in the same step"),
                    fix,
                );
            } else {
                let since = self
                    .past
                    .since(|v| !v.key_algorithms().contains(&a))
                    .unwrap_or(old.published);
                self.until(
                    &ALGORITHM_REMOVED_EARLY,
                    Side::New,
                    new.signed.first().map(|s| s.first),
                    format!(
                        "{alg} signatures are removed, but its DNSKEYs have been gone only since {}",
                        time_text(since)
                    ),
                    fix,
                    since + i64::from(old.dnskey_ttl) + self.prop(),
                );
            }
        }
    }
}
