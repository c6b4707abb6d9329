//! DMARC (RFC 7489) at `_dmarc`.

use super::*;

fn dmarc_uri(u: &str) -> Result<(), String> {
    let (uri, size) = match u.rsplit_once('!') {
        Some((a, b)) => (a, Some(b)),
        None => (u, None),
    };
    if let Some(s) = size {
        let digits = s.trim_end_matches(['k', 'm', 'g', 't', 'K', 'M', 'G', 'T']);
        if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return Err(format!("`!{s}` is not a size limit such as !10m"));
        }
    }
    uri_of(uri, &["mailto", "https", "http"])
}

const DMARC_TAGS: &[&str] = &[
    "v", "p", "sp", "np", "adkim", "aspf", "pct", "fo", "rf", "ri", "rua", "ruf", "psd", "t",
];

fn check_dmarc(text: &str) -> Result<(), String> {
    let tags = tag_list(text)?;
    match tags.first() {
        Some((t, v)) if *t == "v" && *v == "DMARC1" => {}
        _ => return Err("the record must begin with v=DMARC1".into()),
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, (tag, value)) in tags.iter().enumerate() {
        if seen.contains(tag) {
            return Err(format!("tag `{tag}` appears twice"));
        }
        seen.push(tag);
        let one_of = |allowed: &[&str]| -> Result<(), String> {
            if allowed.contains(value) {
                Ok(())
            } else {
                Err(format!("{tag}={value}: expected {}", allowed.join(", ")))
            }
        };
        match *tag {
            "v" => {}
            "p" => {
                if i != 1 {
                    return Err("p must come right after v (RFC 7489 §6.4)".into());
                }
                one_of(&["none", "quarantine", "reject"])?;
            }
            "sp" | "np" => one_of(&["none", "quarantine", "reject"])?,
            "adkim" | "aspf" => one_of(&["r", "s"])?,
            "psd" => one_of(&["y", "n", "u"])?,
            "t" => one_of(&["y", "n"])?,
            "pct" => {
                if !value.parse::<u8>().is_ok_and(|n| n <= 100) {
                    return Err(format!("pct={value}: expected 0 to 100"));
                }
            }
            "ri" => {
                if value.parse::<u32>().is_err() {
                    return Err(format!("ri={value}: expected seconds"));
                }
            }
            "fo" => {
                for f in value.split(':') {
                    if !["0", "1", "d", "s"].contains(&f.trim()) {
                        return Err(format!(
                            "fo={value}: options are 0, 1, d and s, joined by ':'"
                        ));
                    }
                }
            }
            "rf" => {
                for f in value.split(':') {
                    if !["afrf", "iodef"].contains(&f.trim()) {
                        return Err(format!("rf={value}: expected afrf"));
                    }
                }
            }
            "rua" | "ruf" => {
                for u in value.split(',') {
                    dmarc_uri(u.trim()).map_err(|e| format!("{tag}: {e}"))?;
                }
            }
            other => {
                if let Some(k) = did_you_mean(other, DMARC_TAGS) {
                    return Err(format!(
                        "unknown tag `{other}` (receivers ignore it); did you mean `{k}`?"
                    ));
                }
            }
        }
    }
    if !seen.contains(&"p") {
        return Err("no p= tag: the record sets no policy".into());
    }
    Ok(())
}

/// The policy tags of a DMARC record that parses: `p=`, `sp=` and `t=`, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    pub p: String,
    pub sp: Option<String>,
    pub t: Option<String>,
}

/// A DMARC record's policy tags, or why it does not parse (what ZW4005 reports).
pub fn policy(text: &str) -> Result<Policy, String> {
    check_dmarc(text)?;
    let tags = tag_list(text)?;
    let get = |k: &str| {
        tags.iter()
            .find(|(t, _)| *t == k)
            .map(|(_, v)| v.to_string())
    };
    Ok(Policy {
        p: get("p").unwrap_or_default(),
        sp: get("sp"),
        t: get("t"),
    })
}

/// ZW4005's words, about the first DMARC record of its owner.
struct DmarcSyntax;

impl Wording for DmarcSyntax {
    fn word(zone: &Zone, r: &Record, owner: &str, _: [u32; 2], out: &mut WordsIn) {
        let e = check_dmarc(&txt_text(zone.rdata(r)))
            .err()
            .unwrap_or_default();
        let _ = write!(out.message(), "DMARC record at {owner}: {e}");
    }
}

/// DMARC at `_dmarc`: one record, with valid tags.
pub(super) fn check(cx: &Cx, texts: &Texts, shown: &Shown, out: &mut Vec<Diagnostic>) {
    let recs: Vec<_> = texts
        .iter()
        .filter(|(_, _, s)| starts_with_ci(s, "v=DMARC"))
        .collect();
    for (n, (i, r, text)) in recs.iter().enumerate() {
        if n > 0 {
            out.push(Diagnostic::new(
                &DMARC_SYNTAX,
                Some(cx.field_span(r, 0)),
                format!(
                    "DMARC record at {shown}: {} DMARC records: none of them applies",
                    recs.len()
                ),
            ));
        } else if check_dmarc(text).is_err() {
            out.push(later::<DmarcSyntax>(
                &DMARC_SYNTAX,
                cx.field_span(r, 0),
                *i,
                [0, 0],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dmarc_tags() {
        assert!(
            check_dmarc("v=DMARC1; p=reject; rua=mailto:d@example.com!10m; adkim=s; pct=50;")
                .is_ok()
        );
        assert!(check_dmarc("v=DMARC1; p=rejects").is_err());
        assert!(check_dmarc("v=DMARC1; rua=mailto:d@example.com; p=none").is_err());
        assert!(check_dmarc("v=DMARC1; p=none; adkin=s").is_err());
        assert!(check_dmarc("v=DMARC1; p=none; pct=101").is_err());
        assert!(check_dmarc("v=DMARC1; p=none; rua=d@example.com").is_err());
        assert!(check_dmarc("v=DMARC1; p=none; p=reject").is_err());
        assert!(check_dmarc("v=DMARC1; p=none; future=1").is_ok());
    }
}
