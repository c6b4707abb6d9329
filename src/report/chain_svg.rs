//! `verify --format svg`: the chain of trust of one zone ([`Chain`]) drawn top to bottom
//! as DNSViz draws it: the parent's DS records, the key-signing keys they match, the
//! DNSKEY RRset and the signatures over it, the other keys, and the RRsets each key signs
//! by type with counts.
//!
//! Broken links are red, and also dashed (a signature that does not verify) or dotted (one
//! that is missing), with the finding's code on a label; a node with a finding is hatched.
//! Valid links are solid black. So the picture reads in black and white and without telling
//! hues apart. The layout is computed here, in rows, from the model's order alone: the same
//! zone gives the same bytes. [`super::svg`] writes it.

use super::svg::{text_width, Anchor, Font, Hatch, LegendItem, Paint, Svg, LEGEND_ROW};
use crate::dnssec::graph::{Chain, Link, Signer};
use crate::dnssec::keys::algorithm_text;
use std::f64::consts::SQRT_2;

const RED: &str = "#c00000";
const GREY: &str = "#777777";
const HATCH: &str = "hatch";
const ARROW: &str = "arrow";
const ARROW_RED: &str = "arrow-red";
const ARROW_GREY: &str = "arrow-grey";

const MARGIN: i32 = 24;
const GAP: i32 = 22;
const ROW_GAP: i32 = 70;
const NODE_H: i32 = 42;
const FONT: u32 = 12;
/// How far right of the centres an upward arrow runs.
const UP_SHIFT: i32 = 40;

const fn line(stroke: &'static str, width: f64, dash: Option<&'static str>) -> Paint<'static> {
    Paint {
        fill: "none",
        stroke: Some(stroke),
        stroke_width: width,
        dash,
        opacity: None,
    }
}

const VALID: Paint = line("black", 2.0, None);
const BROKEN: Paint = line(RED, 2.0, Some("8 4"));
const MISSING: Paint = line(RED, 2.0, Some("2 4"));
const MEMBER: Paint = line(GREY, 1.0, None);
const NODE: Paint = Paint {
    fill: "#f4f4f4",
    ..line("black", 1.0, None)
};
const NODE_BAD: Paint = Paint {
    fill: "url(#hatch)",
    ..line(RED, 2.0, Some("8 4"))
};

/// A box to draw: its lines of text, whether it has a finding, and where it ends up.
struct Node {
    lines: Vec<String>,
    bad: bool,
    x: i32,
    y: i32,
    w: i32,
}

impl Node {
    fn new(lines: Vec<String>, bad: bool) -> Node {
        let w = lines.iter().map(|l| width_of(l, FONT)).max().unwrap_or(0) + 20;
        Node {
            lines,
            bad,
            x: 0,
            y: 0,
            w,
        }
    }
    fn top(&self) -> (i32, i32) {
        (self.x + self.w / 2, self.y)
    }
    fn bottom(&self) -> (i32, i32) {
        (self.x + self.w / 2, self.y + NODE_H)
    }
}

/// An arrow between two nodes: from (row, index) to (row, index), with its kind.
struct Edge {
    from: (usize, usize),
    to: (usize, usize),
    kind: EdgeKind,
}

enum EdgeKind {
    Valid,
    Member,
    /// One label per finding code.
    Broken(Vec<String>),
    Missing(Vec<String>),
}

// Rows, top to bottom.
const DS: usize = 0;
const KSK: usize = 1;
const RRSET: usize = 2;
const ZSK: usize = 3;
const TYPES: usize = 4;

/// The boxes by row and the arrows between them, before layout.
struct Picture {
    rows: Vec<Vec<Node>>,
    edges: Vec<Edge>,
    /// Where each key of the chain is: (row, index).
    keys: Vec<(usize, usize)>,
    /// Where each unknown signer is.
    unknown: Vec<(usize, usize)>,
}

impl Picture {
    fn push(&mut self, row: usize, node: Node) -> (usize, usize) {
        self.rows[row].push(node);
        (row, self.rows[row].len() - 1)
    }

    fn at(&self, s: Signer) -> (usize, usize) {
        match s {
            Signer::Key(k) => self.keys[k],
            Signer::Unknown(u) => self.unknown[u],
        }
    }

    fn edge(&mut self, from: (usize, usize), to: (usize, usize), kind: EdgeKind) {
        self.edges.push(Edge { from, to, kind });
    }

    /// Keys: those with the SEP flag or matched by a DS above the DNSKEY RRset, the
    /// others below it, then the signers that are not keys of the zone.
    fn keys(&mut self, chain: &Chain) {
        let upper = |k: usize| chain.keys[k].sep || chain.ds.iter().any(|d| d.key == Some(k));
        for (i, k) in chain.keys.iter().enumerate() {
            let role = match (k.sep, k.signs_data) {
                (true, true) => "CSK",
                (true, false) => "KSK",
                (false, _) => "ZSK",
            };
            let mut second = format!("{}, flags {}", algorithm_text(k.algorithm), k.flags);
            if k.revoked {
                second.push_str(", revoked");
            }
            if let Some(code) = k.problem {
                second.push_str(&format!(" [{code}]"));
            }
            let row = if upper(i) { KSK } else { ZSK };
            let node = Node::new(
                vec![format!("DNSKEY {} ({role})", k.tag), second],
                k.problem.is_some(),
            );
            let here = self.push(row, node);
            self.keys.push(here);
        }
        for &(tag, alg) in &chain.unknown_signers {
            let node = Node::new(
                vec![
                    format!("key {tag} ({})", algorithm_text(alg)),
                    format!("not in the DNSKEY set [{}]", unknown_code()),
                ],
                true,
            );
            let here = self.push(ZSK, node);
            self.unknown.push(here);
        }
    }

    /// The parent's DS records and the keys they match.
    fn ds(&mut self, chain: &Chain) {
        for d in &chain.ds {
            let second = match d.problem {
                Some(code) => format!("matches no key [{code}]"),
                None => format!(
                    "{}, digest type {}",
                    algorithm_text(d.algorithm),
                    d.digest_type
                ),
            };
            let node = Node::new(
                vec![format!("DS {} (parent)", d.tag), second],
                d.problem.is_some(),
            );
            let here = self.push(DS, node);
            if let Some(k) = d.key {
                self.edge(here, self.keys[k], EdgeKind::Valid);
            }
        }
    }

    /// The DNSKEY RRset, the signatures over it, and the keys it publishes below it.
    fn dnskey_rrset(&mut self, chain: &Chain) {
        let sigs = &chain.dnskey_sigs;
        let valid = sigs.iter().filter(|s| s.link == Link::Valid).count();
        let made = sigs
            .iter()
            .filter(|s| !matches!(s.link, Link::Missing(_)))
            .count();
        let n = chain.keys.len();
        let node = Node::new(
            vec![
                format!("DNSKEY RRset of {}", chain.zone),
                format!(
                    "{n} key{}, {valid} of {made} signatures valid",
                    if n == 1 { "" } else { "s" }
                ),
            ],
            sigs.iter().any(|s| s.link != Link::Valid),
        );
        let rrset = self.push(RRSET, node);
        for s in sigs {
            let kind = match s.link {
                Link::Valid => EdgeKind::Valid,
                Link::Broken(c) => EdgeKind::Broken(vec![c.to_string()]),
                Link::Missing(c) => EdgeKind::Missing(vec![format!("{c} missing")]),
            };
            self.edge(self.at(s.signer), rrset, kind);
        }
        for k in self.keys.clone() {
            if k.0 == ZSK {
                self.edge(rrset, k, EdgeKind::Member);
            }
        }
    }

    /// The RRsets each key signs, by type.
    fn signed(&mut self, chain: &Chain) {
        for t in &chain.signed {
            let bad: u64 = t.broken.iter().map(|b| b.1).sum();
            let mut second = format!("{} RRset{}", t.rrsets, if t.rrsets == 1 { "" } else { "s" });
            if bad > 0 {
                second.push_str(&format!(", {bad} broken"));
            }
            let here = self.push(TYPES, Node::new(vec![t.rtype.clone(), second], bad > 0));
            let kind = if t.broken.is_empty() {
                EdgeKind::Valid
            } else {
                EdgeKind::Broken(t.broken.iter().map(|(c, n)| format!("{c} x{n}")).collect())
            };
            self.edge(self.at(t.signer), here, kind);
        }
    }

    /// Places the rows, each centred in `width`, empty rows taking no space; returns the
    /// bottom of the last row.
    fn layout(&mut self, width: i32) -> i32 {
        let mut y = MARGIN + 34;
        for r in self.rows.iter_mut() {
            if r.is_empty() {
                continue;
            }
            let mut x = (width - row_width(r)) / 2;
            for n in r.iter_mut() {
                n.x = x;
                n.y = y;
                x += n.w + GAP;
            }
            y += NODE_H + ROW_GAP;
        }
        y - ROW_GAP
    }

    /// Draws the edges, then the boxes over their ends, then the labels over everything.
    fn draw(&self, svg: &mut Svg) {
        let mut labels = Vec::new();
        for e in &self.edges {
            let (from, to) = (&self.rows[e.from.0][e.from.1], &self.rows[e.to.0][e.to.1]);
            // A key below the DNSKEY RRset signs it upwards, beside the grey arrow down.
            let ((x1, y1), (x2, y2)) = if e.from.0 > e.to.0 {
                let ((x1, y1), (x2, y2)) = (from.top(), to.bottom());
                ((x1 + UP_SHIFT, y1), (x2 + UP_SHIFT, y2))
            } else {
                (from.bottom(), to.top())
            };
            let (style, marker) = match &e.kind {
                EdgeKind::Valid => (VALID, ARROW),
                EdgeKind::Member => (MEMBER, ARROW_GREY),
                EdgeKind::Broken(_) => (BROKEN, ARROW_RED),
                EdgeKind::Missing(_) => (MISSING, ARROW_RED),
            };
            let [x1f, y1f, x2f, y2f] = [x1, y1, x2, y2].map(f64::from);
            svg.arrow(x1f, y1f, x2f, y2f, style, marker);
            if let EdgeKind::Broken(ls) | EdgeKind::Missing(ls) = &e.kind {
                // Where the edges spread apart: near the signer for the arrows that meet
                // at the DNSKEY RRset, near the target for those that fan out from a key.
                let pct = if e.to.0 == RRSET { 35 } else { 70 };
                let x = x1 + (x2 - x1) * pct / 100;
                let y = y1 + (y2 - y1) * pct / 100 + 4;
                // Several codes stack upwards, one label each.
                let n = ls.len() as i32;
                for (i, l) in ls.iter().enumerate() {
                    labels.push((x, y - (n - 1 - i as i32) * (FONT as i32 + 5), l));
                }
            }
        }
        for n in self.rows.iter().flatten() {
            let style = if n.bad { NODE_BAD } else { NODE };
            let (x, y, w) = (f64::from(n.x), f64::from(n.y), f64::from(n.w));
            svg.rounded_rect(x, y, w, f64::from(NODE_H), 4.0, style);
            for (i, l) in n.lines.iter().enumerate() {
                let font = Font {
                    anchor: Anchor::Middle,
                    bold: i == 0,
                    ..Font::new(f64::from(FONT))
                };
                svg.text(x + f64::from(n.w / 2), y + 17.0 + 16.0 * i as f64, font, l);
            }
        }
        for (x, y, l) in labels {
            label(svg, x, y, l);
        }
    }
}

/// [`text_width`] in whole pixels, for the integer layout.
fn width_of(s: &str, size: u32) -> i32 {
    text_width(s, f64::from(size)).floor() as i32
}

/// A finding code in white on a red box, centred at `x` with baseline `y`: stays readable
/// where it crosses its arrow.
fn label(svg: &mut Svg, x: i32, y: i32, s: &str) {
    let w = width_of(s, FONT) * 11 / 10 + 8;
    let h = FONT as i32 + 4;
    let (x, y) = (f64::from(x), f64::from(y));
    svg.rect(
        x - f64::from(w / 2),
        y - f64::from(FONT),
        f64::from(w),
        f64::from(h),
        Paint::fill(RED),
    );
    let font = Font {
        anchor: Anchor::Middle,
        bold: true,
        fill: "white",
        ..Font::new(f64::from(FONT))
    };
    svg.text(x, y, font, s);
}

fn row_width(r: &[Node]) -> i32 {
    r.iter().map(|n| n.w).sum::<i32>() + GAP * (r.len() as i32 - 1).max(0)
}

const LEGEND: [LegendItem; 6] = [
    LegendItem {
        paint: VALID,
        label: "valid: DS matches key, signature verifies",
        arrow: Some(ARROW),
    },
    LegendItem {
        paint: MEMBER,
        label: "key published in the DNSKEY RRset",
        arrow: Some(ARROW_GREY),
    },
    LegendItem {
        paint: BROKEN,
        label: "broken signature (label: finding code)",
        arrow: Some(ARROW_RED),
    },
    LegendItem {
        paint: MISSING,
        label: "missing signature (label: finding code)",
        arrow: Some(ARROW_RED),
    },
    LegendItem {
        paint: NODE,
        label: "record without findings",
        arrow: None,
    },
    LegendItem {
        paint: NODE_BAD,
        label: "record with a finding (code in [ ] or on its arrow)",
        arrow: None,
    },
];

/// The chain of trust as an SVG 1.1 document.
pub fn render(chain: &Chain) -> String {
    let mut p = Picture {
        rows: (0..5).map(|_| Vec::new()).collect(),
        edges: Vec::new(),
        keys: Vec::new(),
        unknown: Vec::new(),
    };
    p.keys(chain);
    p.ds(chain);
    p.dnskey_rrset(chain);
    p.signed(chain);

    let title = format!("Chain of trust of {}", chain.zone);
    let legend_w = 480;
    let width = p
        .rows
        .iter()
        .map(|r| row_width(r))
        .max()
        .unwrap_or(0)
        .max(legend_w)
        .max(width_of(&title, 16))
        + 2 * MARGIN;
    let legend_top = p.layout(width) + 30;
    let height = legend_top + 22 + LEGEND_ROW as i32 * LEGEND.len() as i32 + MARGIN;

    let mut svg = Svg::new(f64::from(width), f64::from(height), &title);
    svg.arrowhead(ARROW, "black");
    svg.arrowhead(ARROW_RED, RED);
    svg.arrowhead(ARROW_GREY, GREY);
    // Stripes 3 pixels wide, 8 apart, rising to the right.
    svg.pattern_weighted(
        HATCH,
        Hatch::Diagonal,
        "#f0b4b4",
        "white",
        8.0 * SQRT_2,
        3.0,
    );
    let bold = |size: f64| Font {
        bold: true,
        ..Font::new(size)
    };
    let margin = f64::from(MARGIN);
    svg.text(margin, margin + 12.0, bold(16.0), &title);
    p.draw(&mut svg);
    let top = f64::from(legend_top);
    svg.text(margin, top + 14.0, bold(13.0), "Legend");
    svg.legend(margin, top + 22.0, &LEGEND, 1, 0.0);
    svg.finish()
}

fn unknown_code() -> &'static str {
    crate::rules::dnssec::UNKNOWN_SIGNING_KEY.code
}
