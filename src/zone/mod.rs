//! The zone: what a master file holds once read, with the position of every record.
//!
//! Records are compact (owner id, type, class, TTL, RDATA range, position); RDATA is kept in
//! one arena in uncompressed wire form. hickory-proto values are built from that wire form
//! only where a check needs them ([`hickory`]).

pub mod hickory;
pub mod lexer;
pub mod name;
pub mod parser;
pub mod rdata;
mod reread;
pub mod rtype;
pub mod view;

mod readahead;
mod window;

use crate::diag::Diagnostic;
use crate::source::{SourceFile, Span};
use name::{NameId, NameTable};

pub use parser::{
    read_file, read_file_with_progress, read_spool, read_text, read_text_with_progress, Limits,
    ReadOptions,
};

/// Where the zone's origin (its apex) came from; reports say which.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OriginSource {
    /// `--origin` on the command line.
    Option,
    /// The `VERIFY_ZONE` environment variable NSD sets for its verifiers.
    Environment,
    /// The first `$ORIGIN` line of the zone.
    Directive,
    /// The absolute owner of the SOA record.
    SoaOwner,
    /// The file's name, such as `example.com.zone` or `db.example.com`.
    FileName,
    /// None could be found; relative names are errors.
    Unknown,
}

impl OriginSource {
    pub fn describe(&self) -> &'static str {
        match self {
            OriginSource::Option => "--origin",
            OriginSource::Environment => "VERIFY_ZONE",
            OriginSource::Directive => "the first $ORIGIN",
            OriginSource::SoaOwner => "the SOA owner",
            OriginSource::FileName => "the file name",
            OriginSource::Unknown => "nothing (unknown)",
        }
    }
}

/// Where a diagnostic points, resolved to file, line and column.
pub struct Location {
    pub file: String,
    pub start: crate::source::LineCol,
    pub end: crate::source::LineCol,
}

/// One resource record as read: 20 bytes, since a TLD-size zone has tens of millions. Its
/// class is the zone's (the reader keeps no record of another), and the file it was read
/// from is kept by runs in [`Zone::files`]; where its RDATA starts in the text is found again
/// when a finding needs it ([`Zone::rdata_span`]).
#[derive(Clone, Copy, Debug)]
pub struct Record {
    pub owner: NameId,
    pub ttl: u32,
    /// Start of the RDATA in [`Zone::rdata`].
    pub rdata_start: u32,
    /// Offset of the record's first token (the owner, or the first token after blank space)
    /// in its file ([`Zone::file_of`]); for a generated record, of its `$GENERATE` directive.
    pub pos: u32,
    pub rtype: u16,
    pub rdata_len: u16,
}

const _: () = assert!(std::mem::size_of::<Record>() == 20);

/// Which file each record was read from, as runs over [`Zone::rdata`]: a record's RDATA
/// lies at or after the start of its file's run. Records are read in order and their RDATA
/// appended in order, so a run costs a few bytes per switch between files, not a field in
/// each record. The reader puts a byte between runs, so that a record of no RDATA at the
/// end of one file is not taken for the next file's.
#[derive(Clone, Debug, Default)]
pub struct RecordFiles {
    /// (where in the RDATA arena the run starts, its file), in order; before the first,
    /// the main file (0).
    runs: Vec<(u32, u16)>,
}

impl RecordFiles {
    /// Records whose RDATA starts at `rdata_start` or later were read from `file`.
    pub(crate) fn start(&mut self, rdata_start: u32, file: u16) {
        self.runs.push((rdata_start, file));
    }

    /// The file of the record whose RDATA starts at `rdata_start`.
    pub fn of(&self, rdata_start: u32) -> u32 {
        let i = self.runs.partition_point(|&(at, _)| at <= rdata_start);
        i.checked_sub(1).map_or(0, |i| u32::from(self.runs[i].1))
    }
}

/// A zone as read from its files.
#[derive(Debug)]
pub struct Zone {
    /// The apex, lower-cased wire form.
    pub origin: Vec<u8>,
    pub origin_source: OriginSource,
    pub origin_id: NameId,
    /// The class of the zone and of every record in it: that of its first record, IN by
    /// default (the reader reports and drops a record of another).
    pub class: u16,
    pub sources: Vec<SourceFile>,
    pub names: NameTable,
    pub records: Vec<Record>,
    pub rdata: Vec<u8>,
    /// The file of each record.
    pub files: RecordFiles,
    /// Syntax errors and reader warnings, in reading order.
    pub diagnostics: Vec<Diagnostic>,
    /// The text was a zone transfer as `dig AXFR` prints it: its last record repeated the
    /// first SOA, and that copy was dropped as framing (RFC 5936 §2.2).
    pub transfer_framing: bool,
}

impl Zone {
    /// Where a diagnostic about this zone points, as file, line and column.
    pub fn locate(&self, d: &Diagnostic) -> Option<Location> {
        self.locate_span(d.span?)
    }

    /// Where a span of this zone's sources is, as file, line and column.
    pub fn locate_span(&self, span: Span) -> Option<Location> {
        self.locate_span_near(span, 0)
    }

    /// [`Zone::locate_span`], its line searched forward from line `from` of the span's file
    /// (see [`SourceFile::line_of_near`]), and its end from its start.
    pub fn locate_span_near(&self, span: Span, from: usize) -> Option<Location> {
        let (start, end) = self.line_cols_near(span, from)?;
        Some(Location {
            file: self.sources[span.file as usize].display_path(),
            start,
            end,
        })
    }

    /// Where a span starts and ends, as line and column, without the file's name (which a
    /// report of many findings makes once): [`Zone::locate_span_near`].
    pub fn line_cols_near(
        &self,
        span: Span,
        from: usize,
    ) -> Option<(crate::source::LineCol, crate::source::LineCol)> {
        let src = self.sources.get(span.file as usize)?;
        let start = src.line_col_near(span.start, from);
        Some((start, src.line_col_near(span.end, start.line)))
    }

    /// The file a record was read from, an index into [`Zone::sources`].
    pub fn file_of(&self, r: &Record) -> u32 {
        self.files.of(r.rdata_start)
    }

    /// The span to point at for a record as a whole: its first token.
    pub fn span_of(&self, r: &Record) -> Span {
        Span {
            file: self.file_of(r),
            start: r.pos,
            end: r.pos,
        }
    }

    /// A record's file and offset there, which order records as the text does.
    pub fn text_order(&self, r: &Record) -> (u32, u32) {
        (self.file_of(r), r.pos)
    }

    pub fn rdata(&self, r: &Record) -> &[u8] {
        let s = r.rdata_start as usize;
        &self.rdata[s..s + r.rdata_len as usize]
    }

    pub fn owner_wire(&self, r: &Record) -> &[u8] {
        self.names.wire(r.owner)
    }

    /// The serial of the apex SOA (the first, if there are several).
    pub fn serial(&self) -> Option<u32> {
        let soa = self
            .records
            .iter()
            .find(|r| r.rtype == rtype::t::SOA && r.owner == self.origin_id)?;
        let rdata = self.rdata(soa);
        // RFC 1035 §3.3.13: MNAME, RNAME, then SERIAL; names are uncompressed here.
        let mname = name::wire_len(rdata)?;
        let rname = name::wire_len(&rdata[mname..])?;
        let at = mname + rname;
        Some(u32::from_be_bytes(rdata.get(at..at + 4)?.try_into().ok()?))
    }

    /// The wildcard that answers for `wire`, a name inside the zone that the zone does not
    /// hold: the `*` child of its closest encloser, the nearest ancestor the zone holds, empty
    /// non-terminals included (RFC 4592 §3.3.1). None when the zone holds the name itself,
    /// or its closest encloser has no wildcard child.
    pub fn wildcard_for(&self, wire: &[u8]) -> Option<NameId> {
        if self.names.find(wire).is_some() {
            return None;
        }
        let mut cur = name::parent(wire);
        while let Some(a) = cur.filter(|a| name::is_subdomain(a, &self.origin)) {
            if self.names.find(a).is_some() {
                return self.names.find(&[b"\x01*".as_slice(), a].concat());
            }
            cur = name::parent(a);
        }
        None
    }

    /// The apex in presentation form.
    pub fn origin_text(&self) -> String {
        name::to_text(&self.origin)
    }

    /// One record in presentation form: `owner TTL CLASS TYPE RDATA`.
    pub fn record_text(&self, r: &Record) -> String {
        let mut s = String::new();
        name::write_text(self.owner_wire(r), &mut s);
        s.push('\t');
        s.push_str(&r.ttl.to_string());
        s.push('\t');
        s.push_str(&rtype::class_to_string(self.class));
        s.push('\t');
        s.push_str(&rtype::type_to_string(r.rtype));
        s.push('\t');
        rdata::write_text(r.rtype, self.rdata(r), &mut s);
        s
    }
}
