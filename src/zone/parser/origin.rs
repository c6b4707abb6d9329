//! Choosing the origin (the apex) before reading: what the caller gave, else what the text
//! says, else the file's name.

use super::ReadOptions;
use crate::zone::lexer::Lexer;
use crate::zone::name;
use crate::zone::rdata;
use crate::zone::rtype::{self, t};
use crate::zone::window::Window;
use crate::zone::OriginSource;
use std::path::Path;

/// How much of the start of a file the search for its origin may hold: 512 KiB, the
/// reader's first chunk, which is read anyway. The lines before the SOA are comments and
/// directives, a few KiB in real zones, and the search looks at 1000 lines at most: this
/// holds 1000 lines of 500 bytes. Past it the search gives up, and the origin is the first
/// `$ORIGIN` seen, else the file name, as when no SOA is found. Without a bound, a file
/// with no line end (5 GiB of a sparse file, or of NULs) was read whole into memory here to
/// find where its first line ends.
pub(super) const ORIGIN_SCAN_MOST: usize = 1 << 19;

/// `--origin`, else the SOA owner or the first `$ORIGIN` in the text (when `window` is
/// given: a file too large to read is not searched), else the file name.
pub(super) fn choose_origin(
    path: &Path,
    window: Option<&mut Window>,
    opts: &ReadOptions,
) -> (Option<Vec<u8>>, OriginSource) {
    if let Some(o) = &opts.origin {
        let mut wire = Vec::new();
        if let Ok(abs) = name::parse_text(o.as_bytes(), &mut wire) {
            if !abs {
                wire.push(0);
            }
            if wire.len() <= name::MAX_NAME_LEN {
                let src = opts.origin_source.clone().unwrap_or(OriginSource::Option);
                return (Some(wire.to_ascii_lowercase()), src);
            }
        }
    }
    if let Some(found) = window.and_then(scan_for_origin) {
        return found;
    }
    if let Some(wire) = origin_from_file_name(path) {
        return (Some(wire), OriginSource::FileName);
    }
    (None, OriginSource::Unknown)
}

/// Looks through the first lines for the SOA, its owner read under the `$ORIGIN` in force
/// there: that is the apex. NSD feeds a verifier `$ORIGIN com.` and then `example` for the
/// apex of `example.com`, so the first `$ORIGIN` is not always the apex; it counts (and
/// reports say so) when it names the SOA owner, or when no SOA can be found. The window grows
/// until it holds those lines (it is still at the start of the text), up to
/// [`ORIGIN_SCAN_MOST`], and the search starts again each time it has.
fn scan_for_origin(window: &mut Window) -> Option<(Option<Vec<u8>>, OriginSource)> {
    'window: loop {
        let text = window.ready();
        let complete = window.at_eof();
        let mut lx = Lexer::new(text);
        let mut toks = Vec::new();
        let mut errs = Vec::new();
        let mut first_directive: Option<Vec<u8>> = None;
        let mut current: Option<Vec<u8>> = None;
        for _ in 0..1000 {
            let line = lx.next_line(&mut toks, &mut errs);
            if !complete && (line.is_none() || lx.hit_end()) {
                if window.advance_within(ORIGIN_SCAN_MOST) {
                    continue 'window;
                }
                // As far as the search goes: what it found decides.
                break;
            }
            let Some(line) = line else {
                break;
            };
            if line.broken || toks.is_empty() {
                continue;
            }
            let first = toks[0].text(text);
            if !line.blank_owner && first.eq_ignore_ascii_case(b"$ORIGIN") {
                let Some(arg) = toks.get(1) else { break };
                let mut wire = Vec::new();
                if rdata::encode_name(arg.text(text), *arg, current.as_deref(), &mut wire).is_err()
                {
                    break;
                }
                wire.make_ascii_lowercase();
                first_directive.get_or_insert_with(|| wire.clone());
                current = Some(wire);
                continue;
            }
            if line.blank_owner || first.starts_with(b"$") {
                continue;
            }
            let mut i = 1;
            while i < toks.len() && i < 3 {
                let w = toks[i].text(text);
                if w.first().is_some_and(u8::is_ascii_digit) || rtype::parse_class(w).is_some() {
                    i += 1;
                } else {
                    break;
                }
            }
            if toks.get(i).and_then(|t| rtype::parse_type(t.text(text))) == Some(t::SOA) {
                let mut wire = Vec::new();
                if rdata::encode_name(first, toks[0], current.as_deref(), &mut wire).is_err() {
                    break;
                }
                wire.make_ascii_lowercase();
                if first_directive.as_ref() == Some(&wire) {
                    return Some((Some(wire), OriginSource::Directive));
                }
                return Some((Some(wire), OriginSource::SoaOwner));
            }
        }
        return first_directive.map(|w| (Some(w), OriginSource::Directive));
    }
}

/// `example.com.zone`, `example.com.db`, `db.example.com`, `example.com`.
pub(super) fn origin_from_file_name(path: &Path) -> Option<Vec<u8>> {
    let base = path.file_name()?.to_str()?;
    let mut s = base;
    for suffix in [".signed", ".zone", ".db", ".txt"] {
        if let Some(r) = s.strip_suffix(suffix) {
            s = r;
        }
    }
    if let Some(r) = s.strip_prefix("db.") {
        s = r;
    }
    if !s.contains('.') || s.starts_with('.') || s.ends_with('.') {
        return None;
    }
    let mut wire = Vec::new();
    if name::parse_text(s.as_bytes(), &mut wire).is_err() {
        return None;
    }
    wire.push(0);
    Some(wire.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The search for the origin of a file with no line end holds no more of it than
    /// [`ORIGIN_SCAN_MOST`] (it had read the whole file to find where its first line ends),
    /// and then takes the origin as unknown, as when no SOA is found.
    #[test]
    fn the_origin_search_holds_a_bounded_start_of_the_file() {
        let file = tempfile::tempfile().unwrap();
        // Sparse: 8 MiB of NULs that take no disk.
        file.set_len(8 << 20).unwrap();
        let mut window = Window::open(file, 8 << 20, 1 << 16).unwrap();
        let found = choose_origin(Path::new("nul"), Some(&mut window), &ReadOptions::default());
        assert_eq!(found, (None, OriginSource::Unknown));
        assert!(window.held() <= ORIGIN_SCAN_MOST, "{}", window.held());
    }
}
