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
        // Region ends decide how far the axis runs.
        let mut far = last;
        let mut unsafe_steps = Vec::new();
        for s in steps {
            let Some(v) = versions.get(s.new) else {
                continue;
            };
            let safe_from = match s.verdict {
                Verdict::Safe => continue,
                Verdict::UnsafeUntil(t) => Some(t),
                Verdict::Unsafe => None,
            };
            if let Some(t) = safe_from {
                far = far.max(t);
            }
            unsafe_steps.push(Unsafe {
                from: v.published,
                safe_from,
                serial: v.serial,
                codes: s.codes.clone(),
            });
        }

        // The DS RRset over time: `before` until it changes (at `changed`, else with the
        // last version), `after` from then on.
        let ds_change = match (&ds.before, &ds.after) {
            (Some(b), Some(a)) if b.records != a.records => {
                Some(ds.changed.unwrap_or(last).max(start))
            }
            _ => None,
        };
        let ds_at = |t: i64| match ds_change {
            Some(c) if t >= c => ds.after.as_ref(),
            Some(_) => ds.before.as_ref(),
            None => ds.before.as_ref().or(ds.after.as_ref()),
        };

        // Keys in order of first appearance; KSKs before ZSKs within a version, then by
        // algorithm and tag.
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
        let mut key_lanes: Vec<Lane> = keys
            .iter()
            .map(|(_, label)| Lane {
                label: label.clone(),
                rows: 4,
                bars: Vec::new(),
                cached: Vec::new(),
            })
            .collect();
        let mut ds_lane = Lane {
            label: "DS RRset (parent)".into(),
            rows: 1,
            bars: Vec::new(),
            cached: Vec::new(),
        };
        // TLSA owners in order of first appearance; each distinct record numbered.
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
        let mut tlsa_lanes: Vec<Lane> = owners
            .iter()
            .map(|o| Lane {
                label: format!("TLSA {}", crate::zone::name::to_text(o)),
                rows: 1,
                bars: Vec::new(),
                cached: Vec::new(),
            })
            .collect();

        let mut dnskey_cached = Vec::new();
        for (i, v) in versions.iter().enumerate() {
            let from = v.published;
            let until = versions.get(i + 1).map_or(i64::MAX, |n| n.published);
            for (lane, (id, _)) in key_lanes.iter_mut().zip(&keys) {
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
                // Named by the DS: split where the parent changes it within this version.
                let mut pieces = vec![(from, until)];
                if let Some(c) = ds_change.filter(|&c| c > from && c < until) {
                    pieces = vec![(from, c), (c, until)];
                }
                for (a, b) in pieces {
                    if let Some(d) = ds_at(a) {
                        if d.records.iter().any(|r| ds_names(r, k, &v.origin)) {
                            push(&mut lane.bars, State::NamedByDs, a, b, String::new());
                        }
                    }
                }
            }
            if i > 0 {
                let old = &versions[i - 1];
                fn set(v: &Version) -> Vec<(&KeyId, u16)> {
                    let mut s: Vec<(&KeyId, u16)> =
                        v.keys.iter().map(|k| (&k.id, k.flags)).collect();
                    s.sort_by(|a, b| {
                        (&a.0.public, a.0.algorithm, a.1).cmp(&(&b.0.public, b.0.algorithm, b.1))
                    });
                    s
                }
                if set(old) != set(v) {
                    let end = from + i64::from(old.dnskey_ttl) + propagation;
                    dnskey_cached.push((from, end));
                    far = far.max(end);
                }
                for (lane, owner) in tlsa_lanes.iter_mut().zip(&owners) {
                    let (a, b) = (old.tlsa_at(owner), v.tlsa_at(owner));
                    let changed = match (a, b) {
                        (Some(a), Some(b)) => {
                            let mut x = a.records.clone();
                            let mut y = b.records.clone();
                            x.sort_by(|p, q| p.data.cmp(&q.data));
                            y.sort_by(|p, q| p.data.cmp(&q.data));
                            x != y
                        }
                        (None, None) => false,
                        _ => true,
                    };
                    if let (true, Some(a)) = (changed, a) {
                        let end = from + i64::from(a.ttl) + propagation;
                        lane.cached.push((from, end));
                        far = far.max(end);
                    }
                }
            }
            for (lane, owner) in tlsa_lanes.iter_mut().zip(&owners) {
                if let Some(t) = v.tlsa_at(owner) {
                    let mut names: Vec<String> = t
                        .records
                        .iter()
                        .map(|r| {
                            let n = records.iter().position(|x| x == r).unwrap_or(0) + 1;
                            format!("{} {} {} [{n}]", r.usage, r.selector, r.matching_type)
                        })
                        .collect();
                    names.sort();
                    push(&mut lane.bars, State::Tlsa, from, until, names.join(" + "));
                }
            }
            // The DS lane follows the keys' versions for key names.
            let mut pieces = vec![(from, until)];
            if let Some(c) = ds_change.filter(|&c| c > from && c < until) {
                pieces = vec![(from, c), (c, until)];
            }
            for (a, b) in pieces {
                match ds_at(a) {
                    Some(d) if d.is_empty() => {
                        push(&mut ds_lane.bars, State::NoDs, a, b, "no DS".into())
                    }
                    Some(d) => {
                        // Keys in lane order, then DS for keys not in the zone.
                        let mut named: Vec<(usize, String)> = d
                            .records
                            .iter()
                            .map(|r| {
                                let lane = keys.iter().position(|(id, _)| {
                                    v.key(id).is_some_and(|k| ds_names(r, k, &v.origin))
                                });
                                match (lane, crate::dnssec::keys::Ds::parse(r)) {
                                    (Some(i), _) => (i, keys[i].1.clone()),
                                    (None, Some(x)) => {
                                        (usize::MAX, format!("tag {} (key not in zone)", x.tag))
                                    }
                                    (None, None) => (usize::MAX, "unreadable DS".into()),
                                }
                            })
                            .collect();
                        named.sort();
                        named.dedup();
                        let named: Vec<String> = named.into_iter().map(|n| n.1).collect();
                        push(
                            &mut ds_lane.bars,
                            State::Ds,
                            a,
                            b,
                            format!("DS: {}", named.join(", ")),
                        );
                    }
                    None => {}
                }
            }
        }
        if let (Some(c), Some(b)) = (ds_change, &ds.before) {
            let end = c + i64::from(b.ttl) + propagation;
            ds_lane.cached.push((c, end));
            far = far.max(end);
        }
        for lane in &mut key_lanes {
            lane.cached = dnskey_cached.clone();
        }
        let pad = ((far - start) / 20).max(3600);
        let end = far + pad;
        // Bars of the last version run to the end of the axis.
        for lane in key_lanes
            .iter_mut()
            .chain(&mut tlsa_lanes)
            .chain([&mut ds_lane])
        {
            for b in &mut lane.bars {
                b.until = b.until.min(end);
            }
        }
        if ds.before.is_none() && ds.after.is_none() {
            ds_lane.label = "DS RRset (not given: --ds)".into();
        }
        let mut other_lanes = vec![ds_lane];
        other_lanes.extend(tlsa_lanes);
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
        const LEFT: f64 = 230.0;
        const PLOT: f64 = 900.0;
        const RIGHT: f64 = 30.0;
        const HEAD: f64 = 230.0;
        const ROW: f64 = 9.0;
        const GAP: f64 = 10.0;
        const RED: &str = "#d7191c";
        let width = LEFT + PLOT + RIGHT;
        let span = (self.end - self.start).max(1) as f64;
        let x = |t: i64| LEFT + ((t.clamp(self.start, self.end) - self.start) as f64) * PLOT / span;

        let lanes: Vec<&Lane> = self.key_lanes.iter().chain(&self.other_lanes).collect();
        let lane_height = |l: &Lane| l.rows as f64 * ROW + GAP;
        let plot_top = HEAD;
        let plot_bottom = plot_top + lanes.iter().map(|l| lane_height(l)).sum::<f64>();
        let axis = plot_bottom + 6.0;
        let notes_top = axis + 40.0;
        let shown_notes = self.unsafe_steps.len().min(MAX_NOTES);
        let notes_height = if self.unsafe_steps.is_empty() {
            0.0
        } else {
            18.0 * (shown_notes as f64 + 1.0 + f64::from(self.unsafe_steps.len() > MAX_NOTES))
        };
        let legend_top = notes_top + notes_height + 10.0;
        let items = legend_items();
        let height = legend_top + (items.len().div_ceil(3) as f64) * 20.0 + 20.0;

        let mut s = Svg::new(width, height, &self.title);
        s.pattern("zw-signs-data", Hatch::Diagonal, "#b35806", "#fee0b6", 6.0);
        s.pattern("zw-ds", Hatch::Dots, "#542788", "#d8daeb", 5.0);
        s.pattern("zw-revoked", Hatch::Cross, "#000000", "#ffffff", 6.0);
        s.pattern("zw-cached", Hatch::BackDiagonal, "#808080", "none", 8.0);
        s.pattern("zw-unsafe", Hatch::Cross, RED, "none", 10.0);
        s.pattern("zw-tlsa", Hatch::Horizontal, "#1a9850", "#d9f0d3", 4.0);

        let mut title = Font::new(16.0);
        title.bold = true;
        s.text(10.0, 24.0, title, &self.title);

        // Lane backgrounds and labels.
        let mut y = plot_top;
        let mut tops = Vec::with_capacity(lanes.len());
        for (i, l) in lanes.iter().enumerate() {
            let h = lane_height(l);
            if i % 2 == 0 {
                s.rect(0.0, y, width, h, Paint::fill("#f4f4f4"));
            }
            let mut f = Font::new(11.0);
            f.bold = i < self.key_lanes.len();
            s.text(10.0, y + h / 2.0 + 4.0, f, &clip(&l.label, 34));
            tops.push(y);
            y += h;
        }
        s.line(
            LEFT,
            plot_top,
            LEFT,
            plot_bottom,
            Paint::stroked("none", "#000000", 1.0),
        );

        // Caches that may hold an older RRset: under the bars, over the lane.
        for (l, &top) in lanes.iter().zip(&tops) {
            for &(a, b) in &l.cached {
                s.rect(
                    x(a),
                    top + 1.0,
                    x(b) - x(a),
                    lane_height(l) - 2.0,
                    Paint::fill("url(#zw-cached)"),
                );
            }
        }
        // Bars.
        for (l, &top) in lanes.iter().zip(&tops) {
            for b in &l.bars {
                let (x0, x1) = (x(b.from), x(b.until));
                let by = top + GAP / 2.0 + b.state.row() as f64 * ROW + 1.0;
                let bh = ROW - 2.0;
                let paint = paint_of(b.state);
                if l.rows == 1 {
                    s.rect(x0, top + 3.0, x1 - x0, lane_height(l) - 6.0, paint);
                    if !b.text.is_empty() && x1 - x0 > 40.0 {
                        let mut f = Font::new(9.0);
                        f.fill = "#000000";
                        let max = ((x1 - x0 - 6.0) / 5.0) as usize;
                        s.text(
                            x0 + 3.0,
                            top + lane_height(l) / 2.0 + 3.0,
                            f,
                            &clip(&b.text, max),
                        );
                    }
                } else {
                    s.rect(x0, by, x1 - x0, bh, paint);
                }
            }
        }
        // Unsafe transitions: hatched red over the lanes, a solid red band above them.
        for u in &self.unsafe_steps {
            let (x0, x1) = (x(u.from), x(u.safe_from.unwrap_or(self.end)));
            let w = (x1 - x0).max(2.0);
            s.rect(
                x0,
                plot_top,
                w,
                plot_bottom - plot_top,
                Paint::fill("url(#zw-unsafe)"),
            );
            s.rect(
                x0,
                plot_top - 12.0,
                w,
                10.0,
                Paint::stroked(RED, "#000000", 0.5),
            );
            let mut f = Font::new(9.0);
            f.fill = RED;
            f.bold = true;
            s.text(x0, plot_top - 14.0, f, &u.codes.join(" "));
        }
        // Versions: a vertical line each, serial and time written upwards above the plot;
        // labels that would overlap the previous one are left out.
        let mut last_label = f64::NEG_INFINITY;
        for m in &self.marks {
            let mx = x(m.at);
            s.line(
                mx,
                plot_top - 2.0,
                mx,
                plot_bottom,
                Paint {
                    dash: Some("3 2"),
                    ..Paint::stroked("none", "#000000", 1.0)
                },
            );
            if mx - last_label >= 12.0 {
                let mut f = Font::new(10.0);
                f.rotate = -90.0;
                let serial = m.serial.map_or("no SOA".to_string(), |s| s.to_string());
                let when = time_text(m.at);
                let when = format!("{} {}Z", &when[..10], &when[11..16]);
                s.text(mx + 3.0, plot_top - 30.0, f, &format!("{serial} · {when}"));
                last_label = mx;
            }
        }
        // The time axis.
        s.line(
            LEFT,
            axis,
            LEFT + PLOT,
            axis,
            Paint::stroked("none", "#000000", 1.0),
        );
        let step = tick_step(self.end - self.start);
        let mut t = self.start - self.start.rem_euclid(step)
            + if self.start.rem_euclid(step) == 0 {
                0
            } else {
                step
            };
        while t <= self.end {
            let tx = x(t);
            s.line(
                tx,
                axis,
                tx,
                axis + 5.0,
                Paint::stroked("none", "#000000", 1.0),
            );
            let mut f = Font::new(9.0);
            f.anchor = Anchor::Middle;
            let text = time_text(t);
            let text = if step % 86400 == 0 {
                text[..10].to_string()
            } else {
                text[..16].replace('T', " ")
            };
            s.text(tx, axis + 16.0, f, &text);
            t += step;
        }
        let mut f = Font::new(9.0);
        f.anchor = Anchor::End;
        s.text(LEFT + PLOT, axis + 30.0, f, "time (UTC) →");

        // Unsafe transitions, listed.
        if !self.unsafe_steps.is_empty() {
            let mut f = Font::new(11.0);
            f.bold = true;
            s.text(10.0, notes_top, f, "Unsafe transitions");
            for (i, u) in self.unsafe_steps.iter().take(MAX_NOTES).enumerate() {
                let serial = u.serial.map_or("no SOA".to_string(), |s| s.to_string());
                let when = match u.safe_from {
                    Some(t) => format!("safe from {}", time_text(t)),
                    None => "waiting is not enough: split or redo the change".into(),
                };
                let mut f = Font::new(11.0);
                f.fill = RED;
                let ny = notes_top + 18.0 * (i as f64 + 1.0);
                s.rect(
                    10.0,
                    ny - 9.0,
                    10.0,
                    10.0,
                    Paint::stroked(RED, "#000000", 0.5),
                );
                s.text(
                    26.0,
                    ny,
                    f,
                    &format!(
                        "{serial} published {}: {} — {when}",
                        time_text(u.from),
                        u.codes.join(", ")
                    ),
                );
            }
            if self.unsafe_steps.len() > MAX_NOTES {
                let ny = notes_top + 18.0 * (MAX_NOTES as f64 + 1.0);
                s.text(
                    26.0,
                    ny,
                    Font::new(11.0),
                    &format!("… and {} more", self.unsafe_steps.len() - MAX_NOTES),
                );
            }
        }
        s.legend(10.0, legend_top, &items, 3, 370.0);
        s.finish()
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
        },
        LegendItem {
            paint: paint_of(State::Revoked),
            label: "row 1: key revoked (REVOKE flag)",
        },
        LegendItem {
            paint: paint_of(State::SignsDnskey),
            label: "row 2: signs the DNSKEY RRset",
        },
        LegendItem {
            paint: paint_of(State::SignsData),
            label: "row 3: signs other RRsets",
        },
        LegendItem {
            paint: paint_of(State::NamedByDs),
            label: "row 4: named by the parent's DS",
        },
        LegendItem {
            paint: paint_of(State::NoDs),
            label: "no DS RRset (insecure)",
        },
        LegendItem {
            paint: paint_of(State::Tlsa),
            label: "TLSA RRset ([n]: a record)",
        },
        LegendItem {
            paint: Paint::stroked("url(#zw-cached)", "#808080", 1.0),
            label: "caches may hold the older RRset (TTL + propagation)",
        },
        LegendItem {
            paint: Paint::stroked("url(#zw-unsafe)", "#d7191c", 1.0),
            label: "unsafe until the time listed below",
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
