//! What a run keeps of its zones for the cross-zone checks, with memory that does not grow
//! with the number of zones: the few *heavy* zones (a delegation, PTR records, a reverse
//! zone) stay in memory with their [`Facts`]; each *light* zone (an origin, a serial and the
//! place of its SOA) is appended to an unnamed temporary file as it goes by, and read back
//! once at the end, keeping only the zones whose origin a name of the heavy zones can reach:
//! a delegation's child, or a zone holding a host they name. Every other light zone can
//! raise no cross-zone finding and lend none its evidence, so it is never held again.
//!
//! A run holding a reverse zone keeps every zone (ZW6007 looks at every zone's mail and name
//! server hosts), as before.

use super::{is_reverse, name, Facts};
use crate::source::Span;
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

/// Where a zone of the run is found again: its file, and the index of its part of the
/// JSON report.
#[derive(Clone, Debug)]
pub struct Place {
    pub path: PathBuf,
    pub part: usize,
}

/// Where light zones go: an unnamed temporary file, or memory when none can be made.
enum Sink {
    File(BufWriter<File>),
    Memory(Vec<u8>),
}

/// The zones of a run, as [`Kept::push`] is given them in run order.
#[derive(Default)]
pub struct Kept {
    /// The heavy zones, with their position in the run.
    heavy: Vec<(u64, Place, Facts)>,
    light: Option<Sink>,
    count: u64,
}

impl Kept {
    /// Keeps one zone's facts: a light zone leaves memory at once. An error means facts
    /// already kept are lost (the file could be neither written nor read back), so the
    /// cross-zone checks cannot run.
    pub fn push(&mut self, place: Place, facts: Facts) -> std::io::Result<()> {
        let seq = self.count;
        self.count += 1;
        if !facts.light {
            self.heavy.push((seq, place, facts));
            return Ok(());
        }
        let mut rec = Vec::with_capacity(64 + place.path.as_os_str().len());
        encode(&mut rec, seq, &place, &facts);
        let sink = self.light.get_or_insert_with(|| match unnamed_file() {
            Ok(f) => Sink::File(BufWriter::new(f)),
            Err(_) => Sink::Memory(Vec::new()),
        });
        if let Sink::File(w) = sink {
            if w.write_all(&rec).is_ok() {
                return Ok(());
            }
            // The disk is full or gone: what the file holds is read back with the rest.
            let mut spilled = Vec::new();
            w.flush().and_then(|()| {
                let f = w.get_mut();
                f.rewind()?;
                f.read_to_end(&mut spilled)
            })?;
            // A record half written is cut at the last one whole.
            spilled.truncate(whole_records(&spilled));
            *sink = Sink::Memory(spilled);
        }
        if let Sink::Memory(m) = sink {
            m.extend_from_slice(&rec);
        }
        Ok(())
    }

    /// How many zones were kept, light or heavy.
    pub fn len(&self) -> u64 {
        self.count
    }

    /// Whether no zone was kept.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The zones the cross-zone checks can need, in run order: every heavy zone and the light
    /// zones their names reach. Empty when no zone is heavy, since light zones alone raise
    /// no cross-zone finding.
    pub fn gather(self) -> io::Result<(Vec<Place>, Vec<Facts>)> {
        let mut places = Vec::new();
        let mut facts = Vec::new();
        if self.heavy.is_empty() {
            return Ok((places, facts));
        }
        let interest = interest(self.heavy.iter().map(|h| &h.2));
        let mut heavy = self.heavy.into_iter().peekable();
        let mut take = |seq: u64, place: Place, f: Facts| {
            while let Some((_, p, f)) = heavy.next_if(|h| h.0 < seq) {
                places.push(p);
                facts.push(f);
            }
            places.push(place);
            facts.push(f);
        };
        match self.light {
            None => {}
            Some(Sink::Memory(m)) => read_all(&mut &m[..], &interest, &mut take)?,
            Some(Sink::File(w)) => {
                let mut f = w.into_inner().map_err(|e| e.into_error())?;
                f.rewind()?;
                read_all(&mut BufReader::new(f), &interest, &mut take)?;
            }
        }
        for (_, p, f) in heavy {
            places.push(p);
            facts.push(f);
        }
        Ok((places, facts))
    }
}

/// The origins the heavy zones' names can reach: each delegation's child, and every
/// ancestor of a name they hold (a delegation's or the apex's name servers, mail hosts, PTR
/// targets). `None` when a zone is a reverse zone: then every zone counts.
fn interest<'f>(heavy: impl Iterator<Item = &'f Facts> + Clone) -> Option<HashSet<Vec<u8>>> {
    if heavy.clone().any(|f| is_reverse(&f.origin)) {
        return None;
    }
    let mut set = HashSet::new();
    let mut add = |n: &[u8]| {
        let mut cur = Some(n);
        while let Some(c) = cur {
            if !set.insert(c.to_vec()) {
                break;
            }
            cur = name::parent(c);
        }
    };
    for f in heavy {
        for d in &f.delegations {
            add(&d.child);
            d.ns.iter().for_each(|r| add(&r.name));
        }
        f.apex_ns.iter().chain(&f.mx).for_each(|r| add(&r.name));
        f.ptrs.iter().for_each(|p| add(&p.target));
    }
    Some(set)
}

/// Reads every light zone back, handing to `take` those whose origin is of interest.
fn read_all(
    r: &mut impl Read,
    interest: &Option<HashSet<Vec<u8>>>,
    take: &mut impl FnMut(u64, Place, Facts),
) -> io::Result<()> {
    while let Some((seq, place, facts)) = decode(r)? {
        if interest.as_ref().is_none_or(|s| s.contains(&*facts.origin)) {
            take(seq, place, facts);
        }
    }
    Ok(())
}

/// A light zone as a record: its position, JSON part, path, origin, serial, SOA place and
/// whether it is signed, each length-prefixed or tagged, little-endian.
fn encode(out: &mut Vec<u8>, seq: u64, place: &Place, f: &Facts) {
    let path = place.path.as_os_str().as_bytes();
    out.extend_from_slice(&seq.to_le_bytes());
    out.extend_from_slice(&(place.part as u64).to_le_bytes());
    out.extend_from_slice(&(path.len() as u32).to_le_bytes());
    out.extend_from_slice(path);
    out.extend_from_slice(&(f.origin.len() as u32).to_le_bytes());
    out.extend_from_slice(&f.origin);
    match f.serial {
        Some(s) => {
            out.push(1);
            out.extend_from_slice(&s.to_le_bytes());
        }
        None => out.push(0),
    }
    match f.soa {
        Some(s) => {
            out.push(1);
            for v in [s.file, s.start, s.end] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        None => out.push(0),
    }
    out.push(u8::from(f.signed));
}

/// The next record of `r`, `None` at its end.
fn decode(r: &mut impl Read) -> io::Result<Option<(u64, Place, Facts)>> {
    let mut seq = [0u8; 8];
    match r.read_exact(&mut seq) {
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        other => other?,
    }
    let part = u64_of(r)? as usize;
    let path = bytes_of(r)?;
    let origin = bytes_of(r)?;
    let serial = match byte_of(r)? {
        0 => None,
        _ => Some(u32_of(r)?),
    };
    let soa = match byte_of(r)? {
        0 => None,
        _ => Some(Span {
            file: u32_of(r)?,
            start: u32_of(r)?,
            end: u32_of(r)?,
        }),
    };
    let signed = byte_of(r)? != 0;
    let place = Place {
        path: PathBuf::from(std::ffi::OsStr::from_bytes(&path)),
        part,
    };
    let facts = Facts {
        origin: origin.into(),
        serial,
        soa,
        signed,
        light: true,
        ..Facts::default()
    };
    Ok(Some((u64::from_le_bytes(seq), place, facts)))
}

/// The length of the whole records at the start of `buf`.
fn whole_records(buf: &[u8]) -> usize {
    let mut r = buf;
    let mut whole = 0;
    while let Ok(Some(_)) = decode(&mut r) {
        whole = buf.len() - r.len();
    }
    whole
}

fn byte_of(r: &mut impl Read) -> io::Result<u8> {
    let mut b = [0u8; 1];
    r.read_exact(&mut b)?;
    Ok(b[0])
}

fn u32_of(r: &mut impl Read) -> io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn u64_of(r: &mut impl Read) -> io::Result<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

fn bytes_of(r: &mut impl Read) -> io::Result<Vec<u8>> {
    let n = u32_of(r)? as usize;
    let mut v = vec![0u8; n];
    r.read_exact(&mut v)?;
    Ok(v)
}

/// A temporary file with no name, so that nothing is left behind whatever ends the run:
/// `O_TMPFILE` where Linux has it, else a file made and removed at once; mode 0600.
fn unnamed_file() -> io::Result<File> {
    tempfile::tempfile()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn light(origin: &str, serial: Option<u32>) -> Facts {
        Facts {
            origin: name::wire_for_test(origin).into(),
            serial,
            soa: serial.map(|s| Span::new(0, s as usize, s as usize + 3)),
            light: true,
            ..Facts::default()
        }
    }

    fn place(n: usize) -> Place {
        Place {
            path: PathBuf::from(format!("zones/z{n}.zone")),
            part: n,
        }
    }

    /// Light zones come back in run order between the heavy ones, and only those the heavy
    /// zones' names reach; with no heavy zone, none. The same whether they went to a file
    /// or, when no file could be made, to memory.
    #[test]
    fn light_zones_come_back_when_reached() {
        let mut kept = Kept::default();
        kept.push(place(0), light("a.example.", Some(1))).unwrap();
        kept.push(place(1), light("b.example.", None)).unwrap();
        assert!(matches!(kept.light, Some(Sink::File(_))));
        assert!(kept.gather().unwrap().1.is_empty());
        for sink in [None, Some(Sink::Memory(Vec::new()))] {
            comes_back(Kept {
                light: sink,
                ..Kept::default()
            });
        }
    }

    fn comes_back(mut kept: Kept) {
        kept.push(place(0), light("a.example.", Some(1))).unwrap();
        kept.push(place(1), light("b.example.", Some(2))).unwrap();
        let mut parent = light("example.", Some(3));
        parent.light = false;
        parent.detail = Some(Box::new(super::super::Detail {
            delegations: vec![super::super::Delegation {
                child: name::wire_for_test("b.example."),
                ..Default::default()
            }],
            ..Default::default()
        }));
        kept.push(place(2), parent).unwrap();
        kept.push(place(3), light("c.example.", None)).unwrap();
        let mut signed = light("b.example.", None);
        signed.signed = true;
        kept.push(place(4), signed).unwrap();
        assert_eq!(kept.len(), 5);
        let (places, facts) = kept.gather().unwrap();
        let parts: Vec<usize> = places.iter().map(|p| p.part).collect();
        assert_eq!(parts, [1, 2, 4]);
        assert_eq!(facts[0].serial, Some(2));
        assert_eq!(facts[0].soa, Some(Span::new(0, 2, 5)));
        assert_eq!(places[0].path, PathBuf::from("zones/z1.zone"));
        assert!(facts[0].light && !facts[1].light && facts[2].light);
        assert_eq!(facts[2].serial, None);
        // Whether a light zone is signed comes back with it (which of one origin's zones
        // answers, `Run::new`).
        assert!(facts[2].signed && !facts[0].signed);
    }

    #[test]
    fn a_cut_record_is_not_read() {
        let mut buf = Vec::new();
        encode(&mut buf, 7, &place(7), &light("a.example.", Some(1)));
        let whole = buf.len();
        encode(&mut buf, 8, &place(8), &light("b.example.", Some(1)));
        assert_eq!(whole_records(&buf[..buf.len() - 2]), whole);
        assert_eq!(whole_records(&buf), buf.len());
    }
}
