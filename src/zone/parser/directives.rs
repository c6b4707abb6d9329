//! The directives `$ORIGIN`, `$TTL` and `$INCLUDE` (RFC 1035 §5.1); `$GENERATE` has a file
//! of its own. `$INCLUDE` reads only regular files below the main file's directory or an
//! allowed root, within a budget of records.

use super::{io_reason, Anchor, FileCtx, Reader, MAX_INCLUDE_DEPTH};
use crate::rules::syntax::*;
use crate::source::{FileId, SourceFile, Span};
use crate::zone::lexer::Token;
use crate::zone::rdata;
use crate::zone::window::Window;
use std::path::{Path, PathBuf};

impl Reader {
    /// Reads a line that starts with `$`.
    pub(super) fn directive(
        &mut self,
        ctx: &mut FileCtx,
        src: &[u8],
        toks: &[Token],
        depth: usize,
    ) {
        let word = toks[0].text(src);
        let span0 = self.span_of(ctx, Anchor::Tokens, &toks[0]);
        if word.eq_ignore_ascii_case(b"$ORIGIN") {
            let Some(arg) = toks.get(1) else {
                return self.diag(&BAD_DIRECTIVE, span0, "$ORIGIN needs a domain name");
            };
            let at = self.span_of(ctx, Anchor::Tokens, arg);
            match self.read_name(ctx, arg.text(src)) {
                Ok(w) => {
                    ctx.origin = Some(w);
                    ctx.origin_generation += 1;
                }
                Err(e) => self.name_error(at, arg.text(src), e),
            }
            if let Some(extra) = toks.get(2) {
                let at = self.span_of(ctx, Anchor::Tokens, extra);
                self.diag(&BAD_DIRECTIVE, at, "unexpected text after $ORIGIN's name");
            }
        } else if word.eq_ignore_ascii_case(b"$TTL") {
            let Some(arg) = toks.get(1) else {
                return self.diag(&BAD_DIRECTIVE, span0, "$TTL needs a TTL");
            };
            let at = self.span_of(ctx, Anchor::Tokens, arg);
            match rdata::parse_ttl(arg.text(src)) {
                Some(v) => self.default_ttl = Some(v),
                None => self.diag(
                    &BAD_TTL,
                    at,
                    format!(
                        "expected a TTL such as 3600 or 1h, found `{}`",
                        crate::diag::quote(arg.text(src))
                    ),
                ),
            }
            if let Some(extra) = toks.get(2) {
                let at = self.span_of(ctx, Anchor::Tokens, extra);
                self.diag(&BAD_DIRECTIVE, at, "unexpected text after $TTL's value");
            }
        } else if word.eq_ignore_ascii_case(b"$INCLUDE") {
            self.include(ctx, src, toks, depth);
        } else if word.eq_ignore_ascii_case(b"$GENERATE") {
            self.generate(ctx, src, toks);
        } else {
            let msg = format!(
                "unknown directive `{}`; expected $ORIGIN, $TTL, $INCLUDE or $GENERATE",
                crate::diag::quote(word)
            );
            self.diag(&BAD_DIRECTIVE, span0, msg);
        }
    }

    fn include(&mut self, ctx: &mut FileCtx, src: &[u8], toks: &[Token], depth: usize) {
        let Some((path, origin, at)) = self.include_target(ctx, src, toks) else {
            return;
        };
        if depth + 1 > MAX_INCLUDE_DEPTH {
            return self.diag(
                &BAD_INCLUDE,
                at,
                format!("$INCLUDE nested more than {MAX_INCLUDE_DEPTH} deep"),
            );
        }
        if self.included >= self.limits.included_records {
            // Said once, where the budget ran out.
            return;
        }
        let Some((canonical, window)) = self.open_include(&path, at) else {
            return;
        };
        let file = self.zone.sources.len() as FileId;
        let shown = shown_path(&path);
        self.zone
            .sources
            .push(SourceFile::on_disk(path, 0, Vec::new()));
        self.include_stack.push(canonical);
        let error = self.read_source(file, window, origin, depth + 1);
        self.include_stack.pop();
        if let Some(e) = error {
            let msg = format!("cannot read `{shown}` to its end: {}", io_reason(&e));
            self.diag(&BAD_INCLUDE, at, msg);
        }
        let limit = self.limits.included_records;
        if self.included >= limit && !self.included_reported {
            self.included_reported = true;
            let msg = format!(
                "more than {limit} records read through $INCLUDE; the rest of the included files is not read"
            );
            self.diag_fix(
                &BAD_INCLUDE,
                at,
                msg,
                "include each file once, or raise [limits] included-records in zonewarden.toml",
            );
        }
    }

    /// The file an `$INCLUDE` names, relative to the including file's directory, the origin
    /// to read it under, and where to point at it; `None` once a bad line is reported.
    fn include_target(
        &mut self,
        ctx: &FileCtx,
        src: &[u8],
        toks: &[Token],
    ) -> Option<(PathBuf, Option<Vec<u8>>, Span)> {
        let span0 = self.span_of(ctx, Anchor::Tokens, &toks[0]);
        let Some(arg) = toks.get(1) else {
            self.diag(&BAD_INCLUDE, span0, "$INCLUDE needs a file name");
            return None;
        };
        let at = self.span_of(ctx, Anchor::Tokens, arg);
        let mut raw = Vec::new();
        if rdata::unescape_into(arg.text(src), arg.escaped, &mut raw).is_err() {
            self.diag(&BAD_ESCAPE, at, "bad escape in file name");
            return None;
        }
        let rel =
            PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&raw));
        let including = &self.zone.sources[ctx.file as usize].path;
        let path = if rel.is_absolute() {
            rel
        } else {
            including.parent().map(|d| d.join(&rel)).unwrap_or(rel)
        };
        let origin = match toks.get(2) {
            Some(o) => {
                let oat = self.span_of(ctx, Anchor::Tokens, o);
                match self.read_name(ctx, o.text(src)) {
                    Ok(w) => Some(w),
                    Err(e) => {
                        self.name_error(oat, o.text(src), e);
                        return None;
                    }
                }
            }
            None => ctx.origin.clone(),
        };
        if let Some(extra) = toks.get(3) {
            let eat = self.span_of(ctx, Anchor::Tokens, extra);
            self.diag(&BAD_INCLUDE, eat, "unexpected text after $INCLUDE's origin");
            return None;
        }
        Some((path, origin, at))
    }

    /// The file an `$INCLUDE` names, resolved, checked that it may be read and opened, with
    /// its canonical path; `None` once the reason it is not read is reported.
    fn open_include(&mut self, path: &Path, at: Span) -> Option<(PathBuf, Window)> {
        let canonical = match std::fs::canonicalize(path) {
            Ok(c) => c,
            Err(e) => {
                self.diag(
                    &BAD_INCLUDE,
                    at,
                    format!("cannot read `{}`: {}", shown_path(path), io_reason(&e)),
                );
                return None;
            }
        };
        // Only below the main file's directory or an allowed root, symbolic links
        // resolved: a zone from a pull request must not make CI print /proc/self/environ.
        if !self.include_roots.iter().any(|r| canonical.starts_with(r)) {
            let msg = format!(
                "`{}` is outside the zone's directory and every --include-root; not read",
                shown_path(path)
            );
            self.diag_fix(
                &BAD_INCLUDE,
                at,
                msg,
                "move the file below the zone's directory, or allow its directory with --include-root DIR",
            );
            return None;
        }
        if self.include_stack.contains(&canonical) {
            self.diag(
                &BAD_INCLUDE,
                at,
                format!(
                    "`{}` is already being read: an $INCLUDE cycle",
                    shown_path(path)
                ),
            );
            return None;
        }
        let window = match open_included(&canonical, self.chunk) {
            Ok(w) if w.expected_len() <= u32::MAX as usize => w,
            Ok(_) => {
                self.diag(
                    &BAD_INCLUDE,
                    at,
                    format!("`{}` is larger than 4 GiB", shown_path(path)),
                );
                return None;
            }
            Err(e) => {
                self.diag(
                    &BAD_INCLUDE,
                    at,
                    format!("cannot read `{}`: {}", shown_path(path), io_reason(&e)),
                );
                return None;
            }
        };
        if self.zone.sources.len() >= u16::MAX as usize {
            self.diag(&BAD_INCLUDE, at, "too many included files");
            return None;
        }
        Some((canonical, window))
    }
}

/// Opens a file an `$INCLUDE` names (already resolved, so without symbolic links): a
/// regular file only. It is opened without following a link and without blocking, so a FIFO
/// or device swapped in after the check can neither hang the reader nor feed it forever,
/// and checked again once open.
fn open_included(path: &Path, chunk: usize) -> std::io::Result<Window> {
    use std::os::unix::fs::OpenOptionsExt;
    let not_regular = || std::io::Error::other("not a regular file");
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    let expected = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    Window::open(file, expected, chunk)
}

/// The directories `$INCLUDE` may read below, symbolic links resolved: the main file's
/// own (the current directory for standard input) and `extra`. A root that does not exist
/// allows nothing.
pub(super) fn include_roots(main: &Path, extra: &[PathBuf]) -> Vec<PathBuf> {
    let own = match main.parent() {
        Some(d) if !d.as_os_str().is_empty() && main != Path::new("-") => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::iter::once(&own)
        .chain(extra)
        .filter_map(|d| std::fs::canonicalize(d).ok())
        .collect()
}

/// A path for a message, control characters escaped and its length bounded.
fn shown_path(path: &Path) -> String {
    crate::diag::quote(path.as_os_str().as_encoded_bytes())
}

#[cfg(test)]
mod tests {
    use crate::zone::{name, read_file, ReadOptions};

    #[test]
    fn each_record_keeps_its_file_across_includes() {
        // Records of no RDATA on both sides of each switch between files: the one place a
        // run's start could be taken for the record before it.
        let dir = std::env::temp_dir().join(format!("zw-runs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let empty = "TYPE65280 \\# 0";
        std::fs::write(
            dir.join("inner.inc"),
            format!("in1 {empty}\nin2 A 192.0.2.2\nin3 {empty}\n"),
        )
        .unwrap();
        let main = dir.join("example.zone");
        std::fs::write(
            &main,
            format!(
                "$ORIGIN example.\n$TTL 60\n@ SOA ns h 1 2 3 4 5\nm1 {empty}\n$INCLUDE inner.inc\nm2 {empty}\n$INCLUDE inner.inc sub\nm3 A 192.0.2.3\n"
            ),
        )
        .unwrap();
        let z = read_file(&main, &ReadOptions::default()).unwrap();
        assert!(z.diagnostics.is_empty(), "{:?}", z.diagnostics);
        let at: Vec<(String, String, usize)> = z
            .records
            .iter()
            .map(|r| {
                let l = z.locate_span(z.span_of(r)).unwrap();
                let file = l.file.rsplit('/').next().unwrap().to_string();
                (name::to_text(z.owner_wire(r)), file, l.start.line)
            })
            .collect();
        let want = [
            ("example.", "example.zone", 3),
            ("m1.example.", "example.zone", 4),
            ("in1.example.", "inner.inc", 1),
            ("in2.example.", "inner.inc", 2),
            ("in3.example.", "inner.inc", 3),
            ("m2.example.", "example.zone", 6),
            ("in1.sub.example.", "inner.inc", 1),
            ("in2.sub.example.", "inner.inc", 2),
            ("in3.sub.example.", "inner.inc", 3),
            ("m3.example.", "example.zone", 8),
        ];
        let want: Vec<(String, String, usize)> = want
            .iter()
            .map(|&(o, f, l)| (o.to_string(), f.to_string(), l))
            .collect();
        assert_eq!(at, want);
        // The second inclusion is a source of its own.
        let files: Vec<u32> = z.records.iter().map(|r| z.file_of(r)).collect();
        assert_eq!(files, [0, 0, 1, 1, 1, 0, 2, 2, 2, 0]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
