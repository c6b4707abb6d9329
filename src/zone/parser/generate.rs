//! BIND's `$GENERATE`: one line that stands for a range of records, each read as if it had
//! been written out, its diagnostics pointing at the directive.

use super::{Anchor, FileCtx, Reader, GENERATED_TEXT};
use crate::rules::syntax::*;
use crate::source::Span;
use crate::zone::lexer::{Lexer, Token};
use crate::zone::rdata;

impl Reader {
    /// BIND's `$GENERATE range lhs [ttl] [class] type rhs`.
    pub(super) fn generate(&mut self, ctx: &mut FileCtx, src: &[u8], toks: &[Token]) {
        let span0 = self.span_of(ctx, Anchor::Tokens, &toks[0]);
        if toks.len() < 5 {
            return self.diag(
                &BAD_GENERATE,
                span0,
                "$GENERATE needs a range, a left-hand side, a type and a right-hand side",
            );
        }
        let range_tok = toks[1];
        let rat = self.span_of(ctx, Anchor::Tokens, &range_tok);
        let Some((start, stop, step)) = parse_range(range_tok.text(src)) else {
            return self.diag(
                &BAD_GENERATE,
                rat,
                "expected a range start-stop[/step] of numbers from 0 to 2147483647, start <= stop, a step above 0",
            );
        };
        // The budget is the sum of the ranges, counted before anything is expanded.
        let count = (stop - start) / step + 1;
        let limit = self.limits.generated_records;
        if self.generated + count > limit {
            let msg = format!(
                "$GENERATE would make {count} records, {} in all with the lines before it, over the limit of {limit} for a zone; not expanded",
                self.generated + count
            );
            return self.diag_fix(
                &BAD_GENERATE,
                rat,
                msg,
                "raise [limits] generated-records in zonewarden.toml if the zone really needs them",
            );
        }
        self.generated += count;
        let templates: Vec<&[u8]> = toks[2..].iter().map(|t| t.text(src)).collect();
        // The directive's whole line is where generated records point.
        let anchor = Anchor::Fixed(Span::new(
            ctx.file,
            ctx.base + toks[0].start as usize,
            ctx.base + toks[0].end as usize,
        ));
        let mut line_text = Vec::new();
        let mut gtoks = Vec::new();
        let mut errs = Vec::new();
        let mut value = start;
        while value <= stop {
            line_text.clear();
            for (k, tpl) in templates.iter().enumerate() {
                if k > 0 {
                    line_text.push(b' ');
                }
                // Substitute only the owner (first) and the values; TTL, class and type are plain.
                if let Err(m) = substitute(tpl, value, &mut line_text) {
                    let at = self.span_of(ctx, Anchor::Tokens, &toks[2 + k]);
                    return self.diag(&BAD_GENERATE, at, m);
                }
            }
            line_text.push(b'\n');
            // Long templates multiply too: the text made is bounded as well as the count.
            self.generated_text += line_text.len() as u64;
            let text_limit = self.limits.generated_records.saturating_mul(GENERATED_TEXT);
            if self.generated_text > text_limit {
                let msg = format!(
                    "$GENERATE lines have made more than {text_limit} bytes of records ({GENERATED_TEXT} per record of the limit); the rest is not expanded"
                );
                return self.diag_fix(
                    &BAD_GENERATE,
                    rat,
                    msg,
                    "raise [limits] generated-records in zonewarden.toml if the zone really needs them",
                );
            }
            let mut lx = Lexer::new(&line_text);
            if let Some(line) = lx.next_line(&mut gtoks, &mut errs) {
                if !errs.is_empty() || line.broken {
                    errs.clear();
                    return self.diag(
                        &BAD_GENERATE,
                        span0,
                        "a generated line does not read as a record",
                    );
                }
                let saved = (ctx.last_owner, std::mem::take(&mut ctx.last_owner_text));
                let before = self.reported;
                self.record(ctx, &line_text, &gtoks, line, anchor);
                ctx.last_owner = saved.0;
                ctx.last_owner_text = saved.1;
                if self.reported > before {
                    // One report per $GENERATE line is enough.
                    return;
                }
            }
            value += step;
        }
    }
}

/// `start-stop[/step]`.
fn parse_range(text: &[u8]) -> Option<(u64, u64, u64)> {
    let (range, step) = match text.iter().position(|&b| b == b'/') {
        Some(p) => (
            &text[..p],
            rdata::parse_uint(&text[p + 1..], i32::MAX as u64)?,
        ),
        None => (text, 1),
    };
    let dash = range.iter().position(|&b| b == b'-')?;
    // BIND reads the range as C ints: 0 to 2147483647.
    let start = rdata::parse_uint(&range[..dash], i32::MAX as u64)?;
    let stop = rdata::parse_uint(&range[dash + 1..], i32::MAX as u64)?;
    (start <= stop && step > 0).then_some((start, stop, step))
}

/// Expands `$`, `${offset[,width[,base]]}`, `\$` and `$$` in a `$GENERATE` template.
fn substitute(tpl: &[u8], value: u64, out: &mut Vec<u8>) -> Result<(), String> {
    let mut i = 0;
    while i < tpl.len() {
        match tpl[i] {
            b'\\' if tpl.get(i + 1) == Some(&b'$') => {
                out.push(b'$');
                i += 2;
            }
            b'\\' => {
                out.push(b'\\');
                if let Some(&c) = tpl.get(i + 1) {
                    out.push(c);
                }
                i += 2;
            }
            b'$' if tpl.get(i + 1) == Some(&b'$') => {
                out.push(b'$');
                i += 2;
            }
            b'$' if tpl.get(i + 1) == Some(&b'{') => {
                let close = tpl[i..]
                    .iter()
                    .position(|&b| b == b'}')
                    .ok_or("`${` without `}`")?;
                let inner = &tpl[i + 2..i + close];
                let parts: Vec<&[u8]> = inner.split(|&b| b == b',').collect();
                if parts.len() > 3 {
                    return Err("expected ${offset[,width[,base]]}".into());
                }
                // BIND reads the offset as a C int, and refuses a value past the largest.
                let offset: i64 = std::str::from_utf8(parts[0])
                    .ok()
                    .and_then(|s| s.strip_prefix('+').unwrap_or(s).parse().ok())
                    .filter(|o| i32::try_from(*o).is_ok())
                    .ok_or(
                        "expected the offset in ${offset,width,base} to be a number from -2147483648 to 2147483647",
                    )?;
                let width = match parts.get(1) {
                    Some(w) => {
                        rdata::parse_uint(w, 255).ok_or("expected a width from 0 to 255")? as usize
                    }
                    None => 0,
                };
                let base = match parts.get(2) {
                    Some(b) if b.len() == 1 && b"doxXnN".contains(&b[0]) => b[0],
                    Some(_) => return Err("expected a base d, o, x, X, n or N".into()),
                    None => b'd',
                };
                // BIND adds the offset to the counter as C ints: the sum may be negative,
                // written with a minus sign in decimal and as its 32-bit two's complement in
                // the other bases, but not past 2147483647.
                let v = value as i64 + offset;
                if v > i64::from(i32::MAX) {
                    return Err(format!(
                        "${{{offset}}} takes the counter {value} past 2147483647, the largest value $GENERATE writes"
                    ));
                }
                let u = u64::from(v as i32 as u32);
                let s = match base {
                    b'd' => format!("{v:0width$}"),
                    b'o' => format!("{u:0width$o}"),
                    b'x' => format!("{u:0width$x}"),
                    b'X' => format!("{u:0width$X}"),
                    _ => nibbles(u, width, base == b'N'),
                };
                out.extend_from_slice(s.as_bytes());
                i += close + 1;
            }
            b'$' => {
                out.extend_from_slice(value.to_string().as_bytes());
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(())
}

/// BIND's nibble form: least significant nibble first, dot-separated; `width` counts the
/// characters written, dots included.
pub(super) fn nibbles(mut v: u64, width: usize, upper: bool) -> String {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut s = String::new();
    let mut width = width;
    loop {
        s.push(digits[(v & 0xf) as usize] as char);
        v >>= 4;
        width = width.saturating_sub(1);
        if width > 0 || v != 0 {
            s.push('.');
            width = width.saturating_sub(1);
        }
        if v == 0 && width == 0 {
            break;
        }
    }
    s
}
