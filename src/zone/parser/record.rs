//! One record line, in the steps it is read in: the owner, the TTL and class, and the type;
//! the RDATA goes on to the assembling side ([`super::assemble`]). Each step reports what it
//! cannot read and gives up on the line.

use super::assemble::{rdata_error, Head, Pending, Place, Rdata, Source};
use super::intern::{Sink, BATCH};
use super::{Anchor, FileCtx, Reader};
use crate::rules::syntax::*;
use crate::zone::lexer::{Line, Token};
use crate::zone::name::NameId;
use crate::zone::rdata;
use crate::zone::rtype;

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
        let pos = match anchor {
            Anchor::Tokens => (ctx.base + toks[0].outer().0) as u32,
            Anchor::Fixed(s) => s.start,
        };
        if ctx.file != 0 {
            self.included += 1;
        }
        let head = Head {
            owner,
            pos,
            ttl,
            rtype,
            file: ctx.file,
            default_ttl: self.default_ttl,
        };
        self.defer(ctx, src, toks, i, head, anchor);
        if self.batch.pending.len() >= BATCH {
            self.flush();
        }
    }

    /// Puts the record into the batch, its RDATA to be encoded on the assembling side (the
    /// type token and the RDATA tokens with their text) or encoded here: a generated
    /// record's always (its errors end its `$GENERATE`), another's when the balance gives it
    /// to this side. A small file's record is assembled here at once: its batches would be,
    /// and copying its text costs more.
    fn defer(
        &mut self,
        ctx: &FileCtx,
        src: &[u8],
        toks: &[Token],
        i: usize,
        head: Head,
        anchor: Anchor,
    ) {
        // Where a stop at a full arena points: the line's first token, or the `$GENERATE`.
        let first_end = match anchor {
            Anchor::Tokens => (ctx.base + toks[0].outer().1) as u32,
            Anchor::Fixed(line) => line.end,
        };
        let place = Place {
            file: ctx.file,
            base: ctx.base,
            anchor,
        };
        let origin = ctx.origin.as_deref();
        let generated = matches!(anchor, Anchor::Fixed(_));
        let encode_here = match &mut self.sink {
            Sink::Here(assembly) if !generated => {
                let text = Source::Text {
                    text: src,
                    toks: &toks[i..],
                    origin,
                    place,
                };
                assembly.assemble(&head, first_end, text);
                return;
            }
            Sink::Here(_) => true,
            Sink::Thread { balance, .. } => generated || balance.encode_here(),
        };
        if encode_here {
            // A small file's record is assembled from the scratch list at once; a large
            // file's goes onto the batch's wire bytes.
            let here = matches!(self.sink, Sink::Here(_));
            let wire = if here {
                self.scratch.clear();
                &mut self.scratch
            } else {
                &mut self.batch.wire
            };
            let start = wire.len();
            if let Err(e) = rdata::encode(head.rtype, src, &toks[i + 1..], origin, wire) {
                wire.truncate(start);
                if !generated {
                    // Reported after the record, where the assembling side would report it.
                    self.pend(ctx, head, first_end, Rdata::Refused);
                }
                return self.report(rdata_error(place, src, toks, i, head.rtype, e));
            }
            let end = wire.len();
            let type_at = place.span(&toks[i]);
            if let Sink::Here(assembly) = &mut self.sink {
                let wire = Source::Encoded {
                    wire: &self.scratch,
                    type_at,
                };
                assembly.assemble(&head, first_end, wire);
                return;
            }
            let rdata = Rdata::Encoded {
                wire: (start as u32, end as u32),
                type_at,
            };
            return self.pend(ctx, head, first_end, rdata);
        }
        // The text from the type token to the last, offsets moved to where it lands.
        let b = &mut self.batch;
        let from = toks[i].outer().0;
        let to = toks[toks.len() - 1].outer().1;
        let at = b.text.len();
        b.text.extend_from_slice(&src[from..to]);
        let shift = |o: u32| o - from as u32 + at as u32;
        let first_tok = b.toks.len() as u32;
        b.toks.extend(toks[i..].iter().map(|t| Token {
            start: shift(t.start),
            end: shift(t.end),
            ..*t
        }));
        let rdata = Rdata::Text {
            toks: (first_tok, b.toks.len() as u32),
            base: (ctx.base + from).wrapping_sub(at),
        };
        self.pend(ctx, head, first_end, rdata);
    }

    /// Puts a record into the batch for the assembling thread.
    #[inline(always)]
    fn pend(&mut self, ctx: &FileCtx, head: Head, first_end: u32, rdata: Rdata) {
        let key = (ctx.file, ctx.origin_generation);
        if self.origin_key != Some(key) {
            self.origin_key = Some(key);
            self.batch.origins.push(ctx.origin.clone());
        }
        let b = &mut self.batch;
        b.pending.push(Pending {
            head,
            origin: b.origins.len() as u32 - 1,
            first_end,
            names: b.ends.len() as u32,
            rdata,
        });
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
            // The same text under the same origin is the same name, `@` included.
            Some(id)
                if ctx.last_owner_text == text
                    && ctx.last_owner_generation == ctx.origin_generation =>
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
}
