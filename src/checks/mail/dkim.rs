//! DKIM key records (RFC 6376 §3.6.1) at `SELECTOR._domainkey`.

use super::*;

/// The DKIM key record's problems: `Err(syntax)`, or the RSA key size for the size rules.
fn check_dkim(text: &str) -> Result<Option<usize>, String> {
    let tags = tag_list(text)?;
    let mut seen: Vec<&str> = Vec::new();
    let (mut k, mut p) = ("rsa", None);
    for (i, (tag, value)) in tags.iter().enumerate() {
        if seen.contains(tag) {
            return Err(format!("tag `{tag}` appears twice"));
        }
        seen.push(tag);
        match *tag {
            "v" if i != 0 || *value != "DKIM1" => {
                return Err("v= must be first and say DKIM1".into());
            }
            "k" => {
                if !["rsa", "ed25519"].contains(value) {
                    return Err(format!("k={value}: expected rsa or ed25519"));
                }
                k = value;
            }
            "h" if !value
                .split(':')
                .any(|h| ["sha1", "sha256"].contains(&h.trim())) =>
            {
                return Err(format!("h={value}: no hash a verifier knows (sha256)"));
            }
            "t" => {
                for f in value.split(':') {
                    if !["y", "s"].contains(&f.trim()) {
                        return Err(format!("t={value}: flags are y and s"));
                    }
                }
            }
            "p" => p = Some(*value),
            _ => {}
        }
    }
    let p = p.ok_or("no p= tag: the record carries no key")?;
    // Keys are usually written without spaces: copied only when they have some.
    let b64: std::borrow::Cow<[u8]> = if p.bytes().any(|c| c.is_ascii_whitespace()) {
        p.bytes().filter(|c| !c.is_ascii_whitespace()).collect()
    } else {
        p.as_bytes().into()
    };
    if b64.is_empty() {
        return Ok(None); // RFC 6376 §3.6.1: an empty p= revokes the key.
    }
    let key = data_encoding::BASE64
        .decode(&b64)
        .map_err(|_| "p= is not valid base64 (cut short, or a stray character)".to_string())?;
    match k {
        "ed25519" => {
            if key.len() != 32 {
                return Err(format!(
                    "an ed25519 key is 32 octets (RFC 8463 §4.2), p= holds {}",
                    key.len()
                ));
            }
            Ok(None)
        }
        _ => match crate::tlsa::input::rsa_bits(&key) {
            Some(bits) => Ok(Some(bits)),
            None => Err("p= does not hold an RSA public key".into()),
        },
    }
}

/// Each DKIM key record: its syntax and the RSA key's size.
pub(super) fn check(cx: &Cx, texts: &Texts, shown: &Shown, out: &mut Vec<Diagnostic>) {
    for (_, r, text) in texts {
        match check_dkim(text) {
            Err(e) => out.push(Diagnostic::new(
                &DKIM_SYNTAX,
                Some(cx.field_span(r, 0)),
                format!("DKIM key at {shown}: {e}"),
            )),
            Ok(Some(bits)) if bits < 1024 => out.push(
                Diagnostic::new(
                    &DKIM_KEY_TOO_SHORT,
                    Some(cx.field_span(r, 0)),
                    format!(
                        "DKIM key at {shown} is RSA {bits}: verifiers refuse keys under 1024 bits"
                    ),
                )
                .with_fix("make a 2048-bit key under a new selector and sign with it"),
            ),
            Ok(Some(bits)) if bits < 2048 => out.push(
                Diagnostic::new(
                    &DKIM_KEY_WEAK,
                    Some(cx.field_span(r, 0)),
                    format!("DKIM key at {shown} is RSA {bits}, under 2048 bits"),
                )
                .with_fix("make a 2048-bit key under a new selector and sign with it"),
            ),
            Ok(_) => {}
        }
    }
}
