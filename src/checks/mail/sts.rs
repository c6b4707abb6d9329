//! MTA-STS (RFC 8461 §3.1) at `_mta-sts` and TLS-RPT (RFC 8460 §3) at `_smtp._tls`: the
//! simple `v=...; tag=value` records.

use super::*;

/// `v=NAME` first, then `tag=value` fields; `required` tags must appear.
fn check_simple(
    text: &str,
    version: &str,
    required: &str,
    value_ok: &dyn Fn(&str) -> Result<(), String>,
) -> Result<(), String> {
    let tags = tag_list(text)?;
    match tags.first() {
        Some((t, v)) if *t == "v" && *v == version => {}
        _ => return Err(format!("the record must begin with v={version}")),
    }
    let mut seen: Vec<&str> = Vec::new();
    for (tag, value) in &tags[1..] {
        if seen.contains(tag) || *tag == "v" {
            return Err(format!("tag `{tag}` appears twice"));
        }
        seen.push(tag);
        if *tag == required {
            value_ok(value)?;
        } else if value.is_empty() || value.contains(|c: char| c.is_ascii_whitespace() || c == '=')
        {
            return Err(format!("extension `{tag}={value}` has a bad value"));
        }
    }
    if !seen.contains(&required) {
        return Err(format!("no {required}= tag"));
    }
    Ok(())
}

/// MTA-STS at `_mta-sts`, TLS-RPT at `_smtp._tls` (`labels` are the owner's, first first).
pub(super) fn check(
    cx: &Cx,
    texts: &Texts,
    shown: &Shown,
    labels: &[&[u8]],
    out: &mut Vec<Diagnostic>,
) {
    let tlsrpt = labels.len() >= 2
        && labels[0].eq_ignore_ascii_case(b"_smtp")
        && labels[1].eq_ignore_ascii_case(b"_tls");
    let kind = if labels
        .first()
        .is_some_and(|l| l.eq_ignore_ascii_case(b"_mta-sts"))
    {
        Some(("MTA-STS", "v=STS", "STSv1", "id", &MTA_STS_SYNTAX))
    } else if tlsrpt {
        Some(("TLS-RPT", "v=TLSRPT", "TLSRPTv1", "rua", &TLSRPT_SYNTAX))
    } else {
        None
    };
    if let Some((what, prefix, version, required, rule)) = kind {
        // Records that do not start with the version are not this kind (RFC 8461 §3.1,
        // RFC 8460 §3); a misspelt version number still is, and is reported.
        let recs: Vec<_> = texts
            .iter()
            .filter(|(_, _, s)| starts_with_ci(s, prefix))
            .collect();
        let value_ok = |v: &str| -> Result<(), String> {
            if required == "id" {
                if v.is_empty() || v.len() > 32 || !v.bytes().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(format!("id={v}: 1 to 32 letters and digits"));
                }
                Ok(())
            } else {
                for u in v.split(',') {
                    uri_of(u.trim(), &["mailto", "https"]).map_err(|e| format!("rua: {e}"))?;
                }
                Ok(())
            }
        };
        for (n, (_, r, text)) in recs.iter().enumerate() {
            let err = if n > 0 {
                Err(format!(
                    "{} {what} records: senders ignore them all",
                    recs.len()
                ))
            } else {
                check_simple(text, version, required, &value_ok)
            };
            if let Err(e) = err {
                out.push(Diagnostic::new(
                    rule,
                    Some(cx.field_span(r, 0)),
                    format!("{what} record at {}: {e}", shown),
                ));
            }
        }
    }
}
