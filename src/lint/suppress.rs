//! Inline suppressions: comments of the form `; zonewarden: ignore[ZW1115, ZW11]`.
//!
//! A suppression on a record's line applies to that record; one on a line of its own applies
//! to the record on the next line. For a record over several lines, its first line counts.
//! Suppressions that match nothing are reported (ZW9001), like ruff's RUF100.

use crate::diag::Diagnostic;
use crate::rules::tool::{BAD_SUPPRESSION, UNUSED_SUPPRESSION};
use crate::source::{Span, MARKER};
use crate::zone::Zone;

struct Suppression {
    file: u32,
    /// The 1-based line it covers.
    line: usize,
    codes: Vec<(String, Span, bool)>,
}

/// Finds the suppressions in every file of a zone; unreadable ones become findings. The
/// reader noted where a comment starts with the marker; only those lines are read again.
fn find(zone: &Zone, out: &mut Vec<Diagnostic>) -> Vec<Suppression> {
    let mut found = Vec::new();
    for (fid, src) in zone.sources.iter().enumerate() {
        for &at in src.markers() {
            let line = src.line_col(at).line;
            let range = src.raw_line_range(line);
            let text = src.bytes(range.clone());
            let (line_start, at) = (range.start, at as usize);
            let Some(before) = text.get(..at - line_start) else {
                continue;
            };
            // The reader noted only markers that start a comment, after its `;` and blanks.
            let Some(semi) = before.iter().rposition(|&b| b == b';') else {
                continue;
            };
            let own_line = before[..semi].iter().all(|b| b.is_ascii_whitespace());
            let line_end = line_start + text.len();
            let rest = text
                .get(at - line_start + MARKER.len()..)
                .unwrap_or_default();
            let span = Span::new(fid as u32, at, line_end);
            match parse_codes(rest, at + MARKER.len(), fid as u32) {
                Ok(codes) => found.push(Suppression {
                    file: fid as u32,
                    line: if own_line { line + 1 } else { line },
                    codes: codes.into_iter().map(|(c, s)| (c, s, false)).collect(),
                }),
                Err(msg) => out.push(
                    Diagnostic::new(&BAD_SUPPRESSION, Some(span), msg)
                        .with_fix("write it as `; zonewarden: ignore[ZW1115]`"),
                ),
            }
        }
    }
    found
}

/// ` ignore[ZW1115, ZW11]`: the codes with their spans.
fn parse_codes(rest: &[u8], offset: usize, file: u32) -> Result<Vec<(String, Span)>, String> {
    let text = String::from_utf8_lossy(rest);
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let inner = trimmed
        .strip_prefix("ignore[")
        .and_then(|r| r.split_once(']'))
        .map(|(inner, _)| inner)
        .ok_or_else(|| {
            format!(
                "expected `ignore[CODE, ...]` after `zonewarden:`, found `{}`",
                trimmed.trim_end()
            )
        })?;
    let mut codes = Vec::new();
    let mut pos = offset + lead + "ignore[".len();
    for part in inner.split(',') {
        let code = part.trim();
        let start = pos + (part.len() - part.trim_start().len());
        pos += part.len() + 1;
        let upper = code.to_ascii_uppercase();
        let known = upper.starts_with("ZW")
            && crate::rules::ALL
                .iter()
                .any(|r| r.code.starts_with(upper.as_str()));
        if !known {
            return Err(format!("`{code}` is not a rule code or code prefix"));
        }
        codes.push((upper, Span::new(file, start, start + code.len())));
    }
    Ok(codes)
}

/// The codes and code prefixes the zone's inline suppressions name: the rules the engine
/// must look for even when the configuration switches them off, since a suppression that
/// matches nothing is itself a finding.
pub fn named_codes(zone: &Zone) -> Vec<String> {
    if zone.sources.iter().all(|s| s.markers().is_empty()) {
        return Vec::new();
    }
    find(zone, &mut Vec::new())
        .into_iter()
        .flat_map(|s| s.codes.into_iter().map(|(code, _, _)| code))
        .collect()
}

/// Removes suppressed findings and reports suppressions that matched none.
pub fn apply(zone: &Zone, diagnostics: &mut Vec<Diagnostic>) {
    let mut extra = Vec::new();
    let mut supps = find(zone, &mut extra);
    if supps.is_empty() {
        diagnostics.extend(extra);
        return;
    }
    // Records' first lines, per file, to match findings inside multi-line records.
    let mut starts: Vec<Vec<u32>> = vec![Vec::new(); zone.sources.len()];
    for r in &zone.records {
        starts[zone.file_of(r) as usize].push(r.pos);
    }
    for s in starts.iter_mut() {
        s.sort_unstable();
    }
    diagnostics.retain(|d| {
        let Some(span) = d.span else { return true };
        let src = &zone.sources[span.file as usize];
        let line = src.line_col(span.start).line;
        let record_line = {
            let s = &starts[span.file as usize];
            let i = s.partition_point(|&p| p <= span.start);
            (i > 0).then(|| src.line_col(s[i - 1]).line)
        };
        let mut suppressed = false;
        for sup in supps
            .iter_mut()
            .filter(|s| s.file == span.file && (s.line == line || Some(s.line) == record_line))
        {
            for (code, _, used) in sup.codes.iter_mut() {
                if d.rule.code.starts_with(code.as_str()) {
                    *used = true;
                    suppressed = true;
                }
            }
        }
        !suppressed
    });
    for sup in &supps {
        for (code, span, used) in &sup.codes {
            if !used {
                let msg = format!(
                    "suppression of {code} matches no finding on line {}",
                    sup.line
                );
                extra.push(
                    Diagnostic::new(&UNUSED_SUPPRESSION, Some(*span), msg).with_fix("remove it"),
                );
            }
        }
    }
    diagnostics.extend(extra);
}
