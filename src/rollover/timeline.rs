//! The rollover timeline (`zonewarden rollover --format svg`): the versions of a zone along
//! a time axis flowing right. One lane per key (in the zone or revoked, signing the DNSKEY
//! RRset, signing other RRsets, named by the parent's DS), one for the DS RRset and one per
//! TLSA owner; a vertical line per version; hatched grey where caches may still hold an
//! older DNSKEY, DS or TLSA RRset; each unsafe transition in red with its codes and when it
//! becomes safe.
//!
//! [`Timeline::build`] turns the judged versions into a drawing model (lanes of bars,
//! marks and regions in seconds since 1970); [`Timeline::svg`] lays it out with
//! [`crate::report::svg`]. States differ by row and pattern as well as colour.

use crate::dnssec::keys::REVOKE;
use crate::report::svg::{Anchor, Font, Hatch, LegendItem, Paint, Svg};
use crate::rollover::judge::{ds_names, DsSet, Verdict};
use crate::rollover::version::{KeyId, Version};
use crate::time::time_text;

/// One judged step of the history: the version it publishes (an index into the versions),
/// its verdict and its error codes.
#[derive(Clone, Debug)]
pub struct Step {
    pub new: usize,
    pub verdict: Verdict,
    pub codes: Vec<&'static str>,
}

/// The parent's DS RRset over the history, as given on the command line: `before` until
/// `changed`, `after` from then on.
#[derive(Clone, Debug, Default)]
pub struct DsHistory {
    pub before: Option<DsSet>,
    pub after: Option<DsSet>,
    pub changed: Option<i64>,
}

/// What a bar shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    InZone,
    Revoked,
    SignsDnskey,
    SignsData,
    NamedByDs,
    /// The DS lane: the parent's DS RRset (its text says which keys).
    Ds,
    /// The DS lane: no DS RRset (an insecure delegation).
    NoDs,
    /// A TLSA lane: the RRset (its text says which records).
    Tlsa,
}

impl State {
    /// The row within a key lane.
    fn row(self) -> usize {
        match self {
            State::InZone | State::Revoked => 0,
            State::SignsDnskey => 1,
            State::SignsData => 2,
            State::NamedByDs => 3,
            State::Ds | State::NoDs | State::Tlsa => 0,
        }
    }
}

/// A state held from `from` until `until`.
#[derive(Clone, Debug)]
pub struct Bar {
    pub state: State,
    pub from: i64,
    pub until: i64,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Lane {
    pub label: String,
    /// Rows of bars: 4 for a key, 1 for DS and TLSA.
    pub rows: usize,
    pub bars: Vec<Bar>,
    /// Where caches may still hold an older RRset: (from, until).
    pub cached: Vec<(i64, i64)>,
}

/// A version: its serial and publication time.
#[derive(Clone, Debug)]
pub struct Mark {
    pub at: i64,
    pub serial: Option<u32>,
}

/// An unsafe transition: from when the version went live until it is safe (`None`: waiting
/// is not enough).
#[derive(Clone, Debug)]
pub struct Unsafe {
    pub from: i64,
    pub safe_from: Option<i64>,
    pub serial: Option<u32>,
    pub codes: Vec<&'static str>,
}

/// The drawing model.
#[derive(Clone, Debug)]
pub struct Timeline {
    pub title: String,
    pub start: i64,
    pub end: i64,
    pub key_lanes: Vec<Lane>,
    pub other_lanes: Vec<Lane>,
    pub marks: Vec<Mark>,
    pub unsafe_steps: Vec<Unsafe>,
}

/// Appends a state from `from` to `until`, merging it with the last bar when that one ends
/// where this begins with the same state and text.
fn push(bars: &mut Vec<Bar>, state: State, from: i64, until: i64, text: String) {
    if let Some(b) = bars.iter_mut().rev().find(|b| b.state.row() == state.row()) {
        if b.state == state && b.until == from && b.text == text {
            b.until = until;
            return;
        }
    }
    bars.push(Bar {
        state,
        from,
        until,
        text,
    });
}

/// The parent's DS RRset over time: `before` until it changes (at `changed`, else with the
/// last version), `after` from then on.
struct DsTimes<'a> {
    ds: &'a DsHistory,
    change: Option<i64>,
}

impl<'a> DsTimes<'a> {
    fn new(ds: &'a DsHistory, start: i64, last: i64) -> DsTimes<'a> {
        let change = match (&ds.before, &ds.after) {
            (Some(b), Some(a)) if b.records != a.records => {
                Some(ds.changed.unwrap_or(last).max(start))
            }
            _ => None,
        };
        DsTimes { ds, change }
    }

    fn at(&self, t: i64) -> Option<&'a DsSet> {
        match self.change {
            Some(c) if t >= c => self.ds.after.as_ref(),
            Some(_) => self.ds.before.as_ref(),
            None => self.ds.before.as_ref().or(self.ds.after.as_ref()),
        }
    }

    /// `from..until`, split where the DS changes within it.
    fn pieces(&self, from: i64, until: i64) -> Vec<(i64, i64)> {
        match self.change.filter(|&c| c > from && c < until) {
            Some(c) => vec![(from, c), (c, until)],
            None => vec![(from, until)],
        }
    }
}

fn lane(label: String, rows: usize) -> Lane {
    Lane {
        label,
        rows,
        bars: Vec::new(),
        cached: Vec::new(),
    }
}

/// When each version is live: from its publication until the next one's.
fn live(versions: &[Version]) -> impl Iterator<Item = (usize, &Version, i64, i64)> {
    versions.iter().enumerate().map(|(i, v)| {
        let until = versions.get(i + 1).map_or(i64::MAX, |n| n.published);
        (i, v, v.published, until)
    })
}

fn unsafe_steps(versions: &[Version], steps: &[Step]) -> Vec<Unsafe> {
    steps
        .iter()
        .filter_map(|s| {
            let v = versions.get(s.new)?;
            let safe_from = match s.verdict {
                Verdict::Safe => return None,
                Verdict::UnsafeUntil(t) => Some(t),
                Verdict::Unsafe => None,
            };
            Some(Unsafe {
                from: v.published,
                safe_from,
                serial: v.serial,
                codes: s.codes.clone(),
            })
        })
        .collect()
}

/// Keys in order of first appearance; KSKs before ZSKs within a version, then by algorithm
/// and tag. Each with how [`KeyInfo::describe`](crate::rollover::version::KeyInfo) names it.
fn keys_of(versions: &[Version]) -> Vec<(KeyId, String)> {
    let mut keys: Vec<(KeyId, String)> = Vec::new();
    for v in versions {
        let mut new: Vec<_> = v
            .keys
            .iter()
            .filter(|k| !keys.iter().any(|(id, _)| *id == k.id))
            .collect();
        new.sort_by_key(|k| (!k.is_sep(), k.id.algorithm, k.tag));
        for k in new {
            if !keys.iter().any(|(id, _)| *id == k.id) {
                keys.push((k.id.clone(), k.describe()));
            }
        }
    }
    keys
}

/// A version's DNSKEY RRset as keys and flags, sorted.
fn key_set(v: &Version) -> Vec<(&KeyId, u16)> {
    let mut s: Vec<(&KeyId, u16)> = v.keys.iter().map(|k| (&k.id, k.flags)).collect();
    s.sort_by(|a, b| (&a.0.public, a.0.algorithm, a.1).cmp(&(&b.0.public, b.0.algorithm, b.1)));
    s
}

fn key_lanes(
    versions: &[Version],
    keys: &[(KeyId, String)],
    ds: &DsTimes,
    propagation: i64,
) -> Vec<Lane> {
    let mut lanes: Vec<Lane> = keys.iter().map(|(_, l)| lane(l.clone(), 4)).collect();
    let mut cached = Vec::new();
    for (i, v, from, until) in live(versions) {
        for (lane, (id, _)) in lanes.iter_mut().zip(keys) {
            let Some(k) = v.key(id) else { continue };
            let state = if k.flags & REVOKE != 0 {
                State::Revoked
            } else {
                State::InZone
            };
            push(&mut lane.bars, state, from, until, String::new());
            if v.signs_dnskey(id) {
                push(
                    &mut lane.bars,
                    State::SignsDnskey,
                    from,
                    until,
                    String::new(),
                );
            }
            if v.signs_data(id) {
                push(&mut lane.bars, State::SignsData, from, until, String::new());
            }
            for (a, b) in ds.pieces(from, until) {
                let named = ds
                    .at(a)
                    .is_some_and(|d| d.records.iter().any(|r| ds_names(r, k, &v.origin)));
                if named {
                    push(&mut lane.bars, State::NamedByDs, a, b, String::new());
                }
            }
        }
        let old = match i.checked_sub(1) {
            Some(o) => &versions[o],
            None => continue,
        };
        if key_set(old) != key_set(v) {
            cached.push((from, from + i64::from(old.dnskey_ttl) + propagation));
        }
    }
    for lane in &mut lanes {
        lane.cached = cached.clone();
    }
    lanes
}

/// A lane per TLSA owner, in order of first appearance; each distinct record numbered.
fn tlsa_lanes(versions: &[Version], propagation: i64) -> Vec<Lane> {
    let mut owners: Vec<Vec<u8>> = Vec::new();
    let mut records: Vec<crate::tlsa::Tlsa> = Vec::new();
    for v in versions {
        for t in &v.tlsa {
            if !owners.contains(&t.owner) {
                owners.push(t.owner.clone());
            }
            for r in &t.records {
                if !records.contains(r) {
                    records.push(r.clone());
                }
            }
        }
    }
    let mut lanes = Vec::with_capacity(owners.len());
    for owner in &owners {
        let mut l = lane(format!("TLSA {}", crate::zone::name::to_text(owner)), 1);
        let mut prev: Option<(Vec<usize>, u32)> = None;
        for (_, v, from, until) in live(versions) {
            let now = v.tlsa_at(owner).map(|t| {
                let mut n: Vec<usize> = t
                    .records
                    .iter()
                    .map(|r| records.iter().position(|x| x == r).unwrap_or(0))
                    .collect();
                n.sort_unstable();
                (n, t.ttl)
            });
            if let Some((old, ttl)) = &prev {
                if now.as_ref().map(|x| &x.0) != Some(old) {
                    l.cached.push((from, from + i64::from(*ttl) + propagation));
                }
            }
            if let Some((n, _)) = &now {
                let text: Vec<String> = n
                    .iter()
                    .map(|&i| {
                        let r = &records[i];
                        format!("{} {} {} [{}]", r.usage, r.selector, r.matching_type, i + 1)
                    })
                    .collect();
                push(&mut l.bars, State::Tlsa, from, until, text.join(" + "));
            }
            prev = now;
        }
        lanes.push(l);
    }
    lanes
}

/// The parent's DS RRset: which keys it names (in lane order, then DS for keys not in the
/// zone), or `no DS`.
fn ds_lane(versions: &[Version], keys: &[(KeyId, String)], ds: &DsTimes, propagation: i64) -> Lane {
    let given = ds.ds.before.is_some() || ds.ds.after.is_some();
    let label = if given {
        "DS RRset (parent)"
    } else {
        "DS RRset (not given: --ds)"
    };
    let mut l = lane(label.into(), 1);
    for (_, v, from, until) in live(versions) {
        for (a, b) in ds.pieces(from, until) {
            let Some(d) = ds.at(a) else { continue };
            if d.is_empty() {
                push(&mut l.bars, State::NoDs, a, b, "no DS".into());
                continue;
            }
            let mut named: Vec<(usize, String)> = d
                .records
                .iter()
                .map(|r| {
                    let lane = keys
                        .iter()
                        .position(|(id, _)| v.key(id).is_some_and(|k| ds_names(r, k, &v.origin)));
                    match (lane, crate::dnssec::keys::Ds::parse(r)) {
                        (Some(i), _) => (i, keys[i].1.clone()),
                        (None, Some(x)) => (usize::MAX, format!("tag {} (key not in zone)", x.tag)),
                        (None, None) => (usize::MAX, "unreadable DS".into()),
                    }
                })
                .collect();
            named.sort();
            named.dedup();
            let named: Vec<String> = named.into_iter().map(|n| n.1).collect();
            push(
                &mut l.bars,
                State::Ds,
                a,
                b,
                format!("DS: {}", named.join(", ")),
            );
        }
    }
    if let (Some(c), Some(b)) = (ds.change, &ds.ds.before) {
        l.cached.push((c, c + i64::from(b.ttl) + propagation));
    }
    l
}

impl Timeline {
    /// The model of `versions` (in publication order), judged by `steps`; `propagation` is
    /// the delay caches are given on top of TTLs.
    pub fn build(
        versions: &[Version],
        steps: &[Step],
        ds: &DsHistory,
        propagation: u32,
    ) -> Timeline {
        let propagation = i64::from(propagation);
        let start = versions.first().map_or(0, |v| v.published);
        let last = versions.last().map_or(0, |v| v.published);
        let ds = DsTimes::new(ds, start, last);
        let keys = keys_of(versions);
        let mut key_lanes = key_lanes(versions, &keys, &ds, propagation);
        let mut other_lanes = vec![ds_lane(versions, &keys, &ds, propagation)];
        other_lanes.extend(tlsa_lanes(versions, propagation));
        let unsafe_steps = unsafe_steps(versions, steps);
        // The axis runs past the last version, cache region and safe time.
        let far = key_lanes
            .iter()
            .chain(&other_lanes)
            .flat_map(|l| l.cached.iter().map(|c| c.1))
            .chain(unsafe_steps.iter().filter_map(|u| u.safe_from))
            .fold(last, i64::max);
        let end = far + ((far - start) / 20).max(3600);
        // Bars of the last version run to the end of the axis.
        for lane in key_lanes.iter_mut().chain(&mut other_lanes) {
            for b in &mut lane.bars {
                b.until = b.until.min(end);
            }
        }
        let origin = versions
            .first()
            .map(|v| crate::zone::name::to_text(&v.origin))
            .unwrap_or_default();
        Timeline {
            title: format!("Rollover timeline of {origin}"),
            start,
            end,
            key_lanes,
            other_lanes,
            marks: versions
                .iter()
                .map(|v| Mark {
                    at: v.published,
                    serial: v.serial,
                })
                .collect(),
            unsafe_steps,
        }
    }

    /// The picture.
    pub fn svg(&self) -> String {
        let lanes: Vec<&Lane> = self.key_lanes.iter().chain(&self.other_lanes).collect();
        let at = Layout::new(self, &lanes);
        let mut s = Svg::new(at.width, at.height, &self.title);
        s.pattern("zw-signs-data", Hatch::Diagonal, "#b35806", "#fee0b6", 6.0);
        s.pattern("zw-ds", Hatch::Dots, "#542788", "#d8daeb", 5.0);
        s.pattern("zw-revoked", Hatch::Cross, "#000000", "#ffffff", 6.0);
        s.pattern("zw-cached", Hatch::BackDiagonal, "#808080", "none", 8.0);
        s.pattern("zw-unsafe", Hatch::Cross, RED, "none", 10.0);
        s.pattern("zw-tlsa", Hatch::Horizontal, "#1a9850", "#d9f0d3", 4.0);
        let mut title = Font::new(16.0);
        title.bold = true;
        s.text(10.0, 24.0, title, &self.title);
        at.lanes(&mut s, &lanes, self.key_lanes.len());
        at.unsafe_regions(&mut s, &self.unsafe_steps);
        at.versions(&mut s, &self.marks);
        at.axis(&mut s);
        at.notes(&mut s, &self.unsafe_steps);
        s.legend(10.0, at.legend_top, &legend_items(), 3, 370.0);
        s.finish()
    }
}

const LEFT: f64 = 230.0;
const PLOT: f64 = 900.0;
const RIGHT: f64 = 30.0;
/// Room above the lanes for the versions' labels, written upwards.
const HEAD: f64 = 230.0;
const ROW: f64 = 9.0;
const GAP: f64 = 10.0;
const RED: &str = "#d7191c";

/// Where things go: the time scale and the vertical positions.
struct Layout {
    start: i64,
    end: i64,
    width: f64,
    height: f64,
    plot_bottom: f64,
    /// The top of each lane.
    tops: Vec<f64>,
    axis: f64,
    notes_top: f64,
    legend_top: f64,
}

fn lane_height(l: &Lane) -> f64 {
    l.rows as f64 * ROW + GAP
}

impl Layout {
    fn new(t: &Timeline, lanes: &[&Lane]) -> Layout {
        let mut tops = Vec::with_capacity(lanes.len());
        let mut y = HEAD;
        for l in lanes {
            tops.push(y);
            y += lane_height(l);
        }
        let axis = y + 6.0;
        let notes_top = axis + 40.0;
        let n = t.unsafe_steps.len();
        let notes_height = if n == 0 {
            0.0
        } else {
            18.0 * (n.min(MAX_NOTES) as f64 + 1.0 + f64::from(n > MAX_NOTES))
        };
        let legend_top = notes_top + notes_height + 10.0;
        Layout {
            start: t.start,
            end: t.end,
            width: LEFT + PLOT + RIGHT,
            height: legend_top + (legend_items().len().div_ceil(3) as f64) * 20.0 + 20.0,
            plot_bottom: y,
            tops,
            axis,
            notes_top,
            legend_top,
        }
    }

    fn x(&self, t: i64) -> f64 {
        let span = (self.end - self.start).max(1) as f64;
        LEFT + ((t.clamp(self.start, self.end) - self.start) as f64) * PLOT / span
    }

    /// Lane backgrounds and labels, cache regions under the bars, then the bars.
    fn lanes(&self, s: &mut Svg, lanes: &[&Lane], keys: usize) {
        for (i, (l, &top)) in lanes.iter().zip(&self.tops).enumerate() {
            let h = lane_height(l);
            if i % 2 == 0 {
                s.rect(0.0, top, self.width, h, Paint::fill("#f4f4f4"));
            }
            let mut f = Font::new(11.0);
            f.bold = i < keys;
            s.text(10.0, top + h / 2.0 + 4.0, f, &clip(&l.label, 34));
        }
        let axis_paint = Paint::stroked("none", "#000000", 1.0);
        s.line(LEFT, HEAD, LEFT, self.plot_bottom, axis_paint);
        for (l, &top) in lanes.iter().zip(&self.tops) {
            for &(a, b) in &l.cached {
                let (x0, x1) = (self.x(a), self.x(b));
                let paint = Paint::fill("url(#zw-cached)");
                s.rect(x0, top + 1.0, x1 - x0, lane_height(l) - 2.0, paint);
            }
        }
        for (l, &top) in lanes.iter().zip(&self.tops) {
            for b in &l.bars {
                let (x0, x1) = (self.x(b.from), self.x(b.until));
                let paint = paint_of(b.state);
                if l.rows > 1 {
                    let y = top + GAP / 2.0 + b.state.row() as f64 * ROW + 1.0;
                    s.rect(x0, y, x1 - x0, ROW - 2.0, paint);
                    continue;
                }
                s.rect(x0, top + 3.0, x1 - x0, lane_height(l) - 6.0, paint);
                if !b.text.is_empty() && x1 - x0 > 40.0 {
                    let max = ((x1 - x0 - 6.0) / 5.0) as usize;
                    let y = top + lane_height(l) / 2.0 + 3.0;
                    s.text(x0 + 3.0, y, Font::new(9.0), &clip(&b.text, max));
                }
            }
        }
    }

    /// Unsafe transitions: hatched red over the lanes, a solid red band with the codes above.
    fn unsafe_regions(&self, s: &mut Svg, steps: &[Unsafe]) {
        for u in steps {
            let (x0, x1) = (self.x(u.from), self.x(u.safe_from.unwrap_or(self.end)));
            let w = (x1 - x0).max(2.0);
            let h = self.plot_bottom - HEAD;
            s.rect(x0, HEAD, w, h, Paint::fill("url(#zw-unsafe)"));
            s.rect(
                x0,
                HEAD - 12.0,
                w,
                10.0,
                Paint::stroked(RED, "#000000", 0.5),
            );
            let mut f = Font::new(9.0);
            f.fill = RED;
            f.bold = true;
            s.text(x0, HEAD - 14.0, f, &u.codes.join(" "));
        }
    }

    /// A dashed vertical line per version, its serial and time written upwards above the
    /// lanes; a label that would overlap the one before is left out.
    fn versions(&self, s: &mut Svg, marks: &[Mark]) {
        let mut last_label = f64::NEG_INFINITY;
        for m in marks {
            let mx = self.x(m.at);
            let paint = Paint {
                dash: Some("3 2"),
                ..Paint::stroked("none", "#000000", 1.0)
            };
            s.line(mx, HEAD - 2.0, mx, self.plot_bottom, paint);
            if mx - last_label >= 12.0 {
                let mut f = Font::new(10.0);
                f.rotate = -90.0;
                let serial = m.serial.map_or("no SOA".to_string(), |s| s.to_string());
                let when = time_text(m.at);
                let label = format!("{serial} · {} {}Z", &when[..10], &when[11..16]);
                s.text(mx + 3.0, HEAD - 30.0, f, &label);
                last_label = mx;
            }
        }
    }

    /// The time axis, with ticks at round times.
    fn axis(&self, s: &mut Svg) {
        let black = Paint::stroked("none", "#000000", 1.0);
        s.line(LEFT, self.axis, LEFT + PLOT, self.axis, black);
        let step = tick_step(self.end - self.start);
        let mut t = self.start + (step - self.start.rem_euclid(step)) % step;
        while t <= self.end {
            let tx = self.x(t);
            s.line(tx, self.axis, tx, self.axis + 5.0, black);
            let mut f = Font::new(9.0);
            f.anchor = Anchor::Middle;
            let text = time_text(t);
            let text = if step % 86400 == 0 {
                text[..10].to_string()
            } else {
                text[..16].replace('T', " ")
            };
            s.text(tx, self.axis + 16.0, f, &text);
            t += step;
        }
        let mut f = Font::new(9.0);
        f.anchor = Anchor::End;
        s.text(LEFT + PLOT, self.axis + 30.0, f, "time (UTC) →");
    }

    /// The unsafe transitions, listed below the axis.
    fn notes(&self, s: &mut Svg, steps: &[Unsafe]) {
        if steps.is_empty() {
            return;
        }
        let mut f = Font::new(11.0);
        f.bold = true;
        s.text(10.0, self.notes_top, f, "Unsafe transitions");
        for (i, u) in steps.iter().take(MAX_NOTES).enumerate() {
            let serial = u.serial.map_or("no SOA".to_string(), |s| s.to_string());
            let when = match u.safe_from {
                Some(t) => format!("safe from {}", time_text(t)),
                None => "waiting is not enough: split or redo the change".into(),
            };
            let mut f = Font::new(11.0);
            f.fill = RED;
            let y = self.notes_top + 18.0 * (i as f64 + 1.0);
            s.rect(
                10.0,
                y - 9.0,
                10.0,
                10.0,
                Paint::stroked(RED, "#000000", 0.5),
            );
            let codes = u.codes.join(", ");
            let text = format!("{serial} published {}: {codes} — {when}", time_text(u.from));
            s.text(26.0, y, f, &text);
        }
        if steps.len() > MAX_NOTES {
            let y = self.notes_top + 18.0 * (MAX_NOTES as f64 + 1.0);
            let text = format!("… and {} more", steps.len() - MAX_NOTES);
            s.text(26.0, y, Font::new(11.0), &text);
        }
    }
}

/// The unsafe transitions listed below the plot; the rest are counted.
const MAX_NOTES: usize = 20;

fn paint_of(state: State) -> Paint<'static> {
    match state {
        State::InZone => Paint::stroked("#ffffff", "#000000", 1.0),
        State::Revoked => Paint::stroked("url(#zw-revoked)", "#000000", 1.0),
        State::SignsDnskey => Paint::stroked("#2166ac", "#000000", 1.0),
        State::SignsData => Paint::stroked("url(#zw-signs-data)", "#000000", 1.0),
        State::NamedByDs | State::Ds => Paint::stroked("url(#zw-ds)", "#000000", 1.0),
        State::NoDs => Paint {
            dash: Some("4 2"),
            ..Paint::stroked("#ffffff", "#000000", 1.0)
        },
        State::Tlsa => Paint::stroked("url(#zw-tlsa)", "#000000", 1.0),
    }
}

fn legend_items() -> Vec<LegendItem<'static>> {
    vec![
        LegendItem {
            paint: paint_of(State::InZone),
            label: "row 1: key in the DNSKEY RRset",
            arrow: None,
        },
        LegendItem {
            paint: paint_of(State::Revoked),
            label: "row 1: key revoked (REVOKE flag)",
            arrow: None,
        },
        LegendItem {
            paint: paint_of(State::SignsDnskey),
            label: "row 2: signs the DNSKEY RRset",
            arrow: None,
        },
        LegendItem {
            paint: paint_of(State::SignsData),
            label: "row 3: signs other RRsets",
            arrow: None,
        },
        LegendItem {
            paint: paint_of(State::NamedByDs),
            label: "row 4: named by the parent's DS",
            arrow: None,
        },
        LegendItem {
            paint: paint_of(State::NoDs),
            label: "no DS RRset (insecure)",
            arrow: None,
        },
        LegendItem {
            paint: paint_of(State::Tlsa),
            label: "TLSA RRset ([n]: a record)",
            arrow: None,
        },
        LegendItem {
            paint: Paint::stroked("url(#zw-cached)", "#808080", 1.0),
            label: "caches may hold the older RRset (TTL + propagation)",
            arrow: None,
        },
        LegendItem {
            paint: Paint::stroked("url(#zw-unsafe)", "#d7191c", 1.0),
            label: "unsafe until the time listed below",
            arrow: None,
        },
    ]
}

/// `text` cut to `max` characters, with an ellipsis.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// A tick interval giving at most about ten ticks over `span` seconds.
fn tick_step(span: i64) -> i64 {
    const STEPS: &[i64] = &[
        600,
        1800,
        3600,
        3 * 3600,
        6 * 3600,
        12 * 3600,
        86400,
        2 * 86400,
        7 * 86400,
        14 * 86400,
        28 * 86400,
        91 * 86400,
        182 * 86400,
        364 * 86400,
    ];
    STEPS
        .iter()
        .copied()
        .find(|s| span / s <= 10)
        .unwrap_or(span.max(1))
}
