//! One record line, in the steps it is read in: the owner, the TTL and class, the type, and
//! the RDATA. Each step reports what it cannot read and gives up on the line.

use super::intern::BATCH;
use super::{Anchor, FileCtx, Reader};
use crate::diag::Diagnostic;
use crate::rules::syntax::*;
use crate::source::Span;
use crate::zone::lexer::{Line, Token};
use crate::zone::name::NameId;
use crate::zone::rdata::{self, RdataError};
use crate::zone::rtype::{self, t};
use crate::zone::Record;

impl Reader {
    /// Reads one record line (or one a `$GENERATE` made, whose diagnostics point at `anchor`)
    /// into the batch.
    pub(super) fn record(
        &mut self,
        ctx: &mut FileCtx,
        src: &[u8],
        toks: &[Token],
        line: Line,
        anchor: Anchor,
    ) {
        let Some(owner) = self.owner(ctx, src, toks, line, anchor) else {
            return;
        };
        ctx.last_owner = Some(owner);
        let first = usize::from(!line.blank_owner);
        let Some((i, ttl, class)) = self.ttl_and_class(ctx, src, toks, first, anchor) else {
            return;
        };
        let Some(rtype) = self.record_type(ctx, src, toks, i, anchor) else {
            return;
        };
        if self.check_class(ctx, toks, i, class, anchor).is_none() {
            return;
        }
        let type_tok = toks[i];
        if ctx.file != self.last_file {
            // A run of records from another file: a byte apart from the last run's RDATA, so
            // that a record of none there is not taken for this file's ([`Zone::files`]).
            // Past 4 GiB, no run is started: the RDATA arena is full, and reading stops at
            // this record with a finding that says so.
            self.zone.rdata.push(0);
            if let Ok(at) = u32::try_from(self.zone.rdata.len()) {
                self.zone.files.start(at, ctx.file as u16);
            }
            self.last_file = ctx.file;
        }
        let Some((rdata_start, rdata_len)) = self.record_rdata(ctx, src, toks, i, rtype, anchor)
        else {
            return;
        };
        let ttl = self.resolve_ttl(ctx, ttl, rtype, rdata_len, &type_tok, anchor);
        let pos = match anchor {
            Anchor::Tokens => (ctx.base + toks[0].outer().0) as u32,
            Anchor::Fixed(s) => s.start,
        };
        if ctx.file != 0 {
            self.included += 1;
        }
        self.batch.records.push(Record {
            owner,
            ttl,
            rdata_start: rdata_start as u32,
            pos,
            rtype,
            rdata_len: rdata_len as u16,
        });
        if self.batch.records.len() >= BATCH {
            self.flush();
        }
    }

    /// The owner: the previous record's on a line that starts with blank space, else the
    /// first token read under the origin; `None` once reported.
    fn owner(
        &mut self,
        ctx: &mut FileCtx,
        src: &[u8],
        toks: &[Token],
        line: Line,
        anchor: Anchor,
    ) -> Option<NameId> {
        if line.blank_owner && ctx.owner_refused {
            let at = self.span_of(ctx, anchor, &toks[0]);
            let msg = "no owner name here, and the previous record's owner name was refused";
            self.diag(&NO_OWNER, at, msg);
            return None;
        }
        if line.blank_owner {
            return match ctx.last_owner {
                Some(o) => Some(o),
                None => {
                    let at = self.span_of(ctx, anchor, &toks[0]);
                    self.diag(
                        &NO_OWNER,
                        at,
                        "no owner name here and no previous record to take it from",
                    );
                    None
                }
            };
        }
        let text = toks[0].text(src);
        match ctx.last_owner {
            Some(id)
                if ctx.last_owner_text == text
                    && ctx.last_owner_generation == ctx.origin_generation
                    && !text.contains(&b'@') =>
            {
                ctx.owner_refused = false;
                Some(id)
            }
            _ => {
                self.scratch.clear();
                let origin = ctx.origin.as_deref();
                if let Err(e) = rdata::encode_name(text, toks[0], origin, &mut self.scratch) {
                    let at = self.span_of(ctx, anchor, &toks[0]);
                    self.name_error(at, text, e);
                    ctx.owner_refused = true;
                    return None;
                }
                // Owners are interned lower-cased (RFC 4034 §6.2's canonical form).
                self.scratch.make_ascii_lowercase();
                self.batch.names.extend_from_slice(&self.scratch);
                self.batch.ends.push(self.batch.names.len() as u32);
                let id = self.next_seq;
                self.next_seq += 1;
                ctx.last_owner = Some(id);
                ctx.last_owner_text.clear();
                ctx.last_owner_text.extend_from_slice(text);
                ctx.last_owner_generation = ctx.origin_generation;
                ctx.owner_refused = false;
                Some(id)
            }
        }
    }

    /// The TTL and class, in either order, from token `i` on, with the index of the token
    /// after them; `None` once a bad TTL is reported.
    fn ttl_and_class(
        &mut self,
        ctx: &FileCtx,
        src: &[u8],
        toks: &[Token],
        mut i: usize,
        anchor: Anchor,
    ) -> Option<(usize, Option<u32>, Option<u16>)> {
        let mut ttl = None;
        let mut class = None;
        while i < toks.len() {
            let w = toks[i].text(src);
            if ttl.is_none() && w.first().is_some_and(u8::is_ascii_digit) {
                match rdata::parse_ttl(w) {
                    Some(v) => ttl = Some(v),
                    None => {
                        let at = self.span_of(ctx, anchor, &toks[i]);
                        let msg = format!(
                            "expected a TTL such as 3600 or 1h, found `{}`",
                            crate::diag::quote(w)
                        );
                        self.diag(&BAD_TTL, at, msg);
                        return None;
                    }
                }
            } else if class.is_none() && !toks[i].quoted {
                match rtype::parse_class(w) {
                    Some(c) => class = Some(c),
                    None => break,
                }
            } else {
                break;
            }
            i += 1;
        }
        Some((i, ttl, class))
    }

    /// The type at token `i`; `None` once reported.
    fn record_type(
        &mut self,
        ctx: &FileCtx,
        src: &[u8],
        toks: &[Token],
        i: usize,
        anchor: Anchor,
    ) -> Option<u16> {
        let Some(type_tok) = toks.get(i) else {
            let last = toks[toks.len() - 1];
            let at = self.span_of(ctx, anchor, &last);
            self.diag(&BAD_RECORD_LINE, at, "expected a record type");
            return None;
        };
        let type_text = type_tok.text(src);
        let Some(rtype) = (!type_tok.quoted)
            .then(|| rtype::parse_type(type_text))
            .flatten()
        else {
            let at = self.span_of(ctx, anchor, type_tok);
            let msg = format!(
                "expected a record type, found `{}`",
                crate::diag::quote(type_text)
            );
            self.diag(&BAD_RECORD_LINE, at, msg);
            return None;
        };
        if rtype::is_meta_or_qtype(rtype) {
            let at = self.span_of(ctx, anchor, type_tok);
            let msg = format!(
                "{} is a meta or query type, not data: it has no place in a zone (RFC 6895 §3.1)",
                rtype::type_to_string(rtype)
            );
            self.diag(&BAD_RECORD_LINE, at, msg);
            return None;
        }
        Some(rtype)
    }

    /// The zone takes the class of its first record that gives one; a record of another
    /// class is reported (`None`).
    fn check_class(
        &mut self,
        ctx: &FileCtx,
        toks: &[Token],
        i: usize,
        class: Option<u16>,
        anchor: Anchor,
    ) -> Option<()> {
        if let Some(c) = class {
            if !self.class_known {
                self.zone.class = c;
            } else if c != self.zone.class {
                let at = self.span_of(ctx, anchor, &toks[i - 1]);
                let msg = format!(
                    "class {} differs from the zone's class {}",
                    rtype::class_to_string(c),
                    rtype::class_to_string(self.zone.class)
                );
                self.diag(&BAD_RECORD_LINE, at, msg);
                return None;
            }
        }
        self.class_known = true;
        Some(())
    }

    /// Encodes the RDATA after the type at token `i` onto the arena: where it starts and how
    /// long it is, or `None` once reported.
    fn record_rdata(
        &mut self,
        ctx: &FileCtx,
        src: &[u8],
        toks: &[Token],
        i: usize,
        rtype: u16,
        anchor: Anchor,
    ) -> Option<(usize, usize)> {
        let rdata_start = self.zone.rdata.len();
        // One record's RDATA is at most 65535 octets; stop before an offset could wrap.
        if rdata_start + 65535 > self.limits.rdata_bytes.min(u32::MAX as usize) {
            self.stopped = true;
            let at = self.span_of(ctx, anchor, &toks[0]);
            let msg = "the zone's RDATA reaches 4 GiB in wire form; this record and the rest of the zone are not read";
            self.diag(&UNREADABLE_FILE, at, msg);
            return None;
        }
        let rdata_toks = &toks[i + 1..];
        let enc = rdata::encode(
            rtype,
            src,
            rdata_toks,
            ctx.origin.as_deref(),
            &mut self.zone.rdata,
        );
        if let Err(e) = enc {
            self.zone.rdata.truncate(rdata_start);
            self.rdata_error(ctx, anchor, src, toks, i, rtype, e);
            return None;
        }
        Some((rdata_start, self.zone.rdata.len() - rdata_start))
    }

    /// The TTL written, else `$TTL`, else (with a warning, once) the last TTL written or the
    /// SOA minimum.
    fn resolve_ttl(
        &mut self,
        ctx: &FileCtx,
        ttl: Option<u32>,
        rtype: u16,
        rdata_len: usize,
        type_tok: &Token,
        anchor: Anchor,
    ) -> u32 {
        match ttl {
            Some(v) => {
                self.last_ttl = Some(v);
                v
            }
            None => match self.default_ttl.or(self.last_ttl) {
                Some(v) if self.default_ttl.is_some() => v,
                other => {
                    // RFC 1035 semantics: BIND warns and takes the last TTL or the SOA minimum.
                    let soa_min = (rtype == t::SOA && rdata_len >= 4).then(|| {
                        let m = &self.zone.rdata[self.zone.rdata.len() - 4..];
                        u32::from_be_bytes([m[0], m[1], m[2], m[3]])
                    });
                    let v = other.or(soa_min).unwrap_or(0);
                    if !self.warned_ttl {
                        self.warned_ttl = true;
                        let at = self.span_of(ctx, anchor, type_tok);
                        let msg = format!("no TTL given and no $TTL in force; using {v}");
                        self.zone.diagnostics.push(
                            Diagnostic::new(&MISSING_TTL, Some(at), msg)
                                .with_fix("add a $TTL line at the top of the zone"),
                        );
                    }
                    if self.last_ttl.is_none() {
                        self.last_ttl = Some(v);
                    }
                    v
                }
            },
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn rdata_error(
        &mut self,
        ctx: &FileCtx,
        anchor: Anchor,
        src: &[u8],
        toks: &[Token],
        type_index: usize,
        rtype: u16,
        e: RdataError,
    ) {
        let rdata_toks = &toks[type_index + 1..];
        let tname = rtype::type_to_string(rtype);
        let at_tok = |k: usize| rdata_toks.get(k).copied().unwrap_or(toks[toks.len() - 1]);
        match e {
            RdataError::Missing(what) => {
                let last = toks[toks.len() - 1];
                let span = match anchor {
                    Anchor::Tokens => {
                        let end = ctx.base + last.outer().1;
                        Span::new(ctx.file, end, end)
                    }
                    Anchor::Fixed(s) => s,
                };
                self.diag(
                    &MISSING_RDATA,
                    span,
                    format!("{tname} record ends early: expected {what}"),
                );
            }
            RdataError::Bad { index, message } if message.starts_with("bad escape") => {
                let tok = at_tok(index);
                let at = self.span_of(ctx, anchor, &tok);
                self.diag(&BAD_ESCAPE, at, format!("{message} in {tname} record"));
            }
            RdataError::Bad { index, message } => {
                let tok = at_tok(index);
                let at = self.span_of(ctx, anchor, &tok);
                let found = crate::diag::quote(tok.text(src));
                self.diag(
                    &BAD_RDATA,
                    at,
                    format!("{message} in {tname} record, found `{found}`"),
                );
            }
            RdataError::Trailing { index } => {
                let tok = at_tok(index);
                let at = self.span_of(ctx, anchor, &tok);
                let found = crate::diag::quote(tok.text(src));
                self.diag(
                    &TRAILING_RDATA,
                    at,
                    format!("unexpected `{found}` after the last field of the {tname} record"),
                );
            }
            RdataError::Name { index, error } => {
                let tok = at_tok(index);
                let at = self.span_of(ctx, anchor, &tok);
                self.name_error(at, tok.text(src), error);
            }
            RdataError::NoTextForm(code) => {
                let tok = at_tok(0);
                let at = self.span_of(ctx, anchor, &tok);
                let msg = format!(
                    "{} has no text form here: write its RDATA as \\# LENGTH HEX (RFC 3597)",
                    rtype::type_to_string(code)
                );
                self.diag(&BAD_RDATA, at, msg);
            }
        }
    }
}
