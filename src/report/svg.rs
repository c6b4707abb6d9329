//! Writing SVG 1.1 text by hand: the few elements the pictures use (rect, line, text, path),
//! fill patterns for hatching, arrowhead markers, and a legend. Pictures are self-contained
//! (no scripts, no links, no external fonts: `font-family="sans-serif"`) and deterministic:
//! numbers are printed with one decimal, and nothing depends on the clock or on hash order.
//!
//! Shared by the pictures: the rollover timeline and the chain of trust. It knows nothing of
//! either; they decide the layout and call this to write it.

use std::fmt::Write;

/// `&`, `<`, `>`, `"` and `'` escaped, for text and attribute values; control characters
/// (not allowed in XML 1.0) become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

/// A coordinate or length: one decimal, without a trailing `.0`.
pub fn num(x: f64) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let r = (x * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// A generous estimate of the width of `s` at `size` pixels in a sans-serif font, for
/// sizing boxes without font metrics.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 62.0 / 100.0
}

/// How a shape is filled and outlined. `fill` is a colour (`#rrggbb`, `none`) or a pattern
/// (`url(#id)`).
#[derive(Clone, Copy, Debug)]
pub struct Paint<'a> {
    pub fill: &'a str,
    pub stroke: Option<&'a str>,
    pub stroke_width: f64,
    /// `stroke-dasharray`, as `4 2`.
    pub dash: Option<&'a str>,
    pub opacity: Option<f64>,
}

impl<'a> Paint<'a> {
    pub fn fill(fill: &'a str) -> Paint<'a> {
        Paint {
            fill,
            stroke: None,
            stroke_width: 1.0,
            dash: None,
            opacity: None,
        }
    }

    pub fn stroked(fill: &'a str, stroke: &'a str, width: f64) -> Paint<'a> {
        Paint {
            stroke: Some(stroke),
            stroke_width: width,
            ..Paint::fill(fill)
        }
    }

    fn attrs(&self, o: &mut String) {
        let _ = write!(o, r#" fill="{}""#, escape(self.fill));
        if let Some(s) = self.stroke {
            let _ = write!(
                o,
                r#" stroke="{}" stroke-width="{}""#,
                escape(s),
                num(self.stroke_width)
            );
        }
        if let Some(d) = self.dash {
            let _ = write!(o, r#" stroke-dasharray="{}""#, escape(d));
        }
        if let Some(a) = self.opacity {
            let _ = write!(o, r#" fill-opacity="{}""#, num2(a));
        }
    }
}

fn num2(x: f64) -> String {
    format!("{:.2}", x.clamp(0.0, 1.0))
}

/// The fill patterns: drawn in a colour over a background, so that states differ by shape
/// as well as by hue (readable in black and white and with colour-blindness).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hatch {
    /// Lines rising to the right.
    Diagonal,
    /// Lines falling to the right.
    BackDiagonal,
    /// Both diagonals.
    Cross,
    /// A grid of dots.
    Dots,
    /// Horizontal lines.
    Horizontal,
}

/// Where text is anchored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// Text style: size in pixels, anchor, weight, colour, and a rotation about its anchor point.
#[derive(Clone, Copy, Debug)]
pub struct Font<'a> {
    pub size: f64,
    pub anchor: Anchor,
    pub bold: bool,
    pub fill: &'a str,
    /// Degrees, clockwise; -90 reads upwards.
    pub rotate: f64,
}

impl Font<'_> {
    pub fn new(size: f64) -> Font<'static> {
        Font {
            size,
            anchor: Anchor::Start,
            bold: false,
            fill: "#000000",
            rotate: 0.0,
        }
    }
}

/// One legend entry: a swatch painted as the picture paints the thing, and what it means.
pub struct LegendItem<'a> {
    pub paint: Paint<'a>,
    pub label: &'a str,
    /// A marker from [`Svg::arrowhead`]: the swatch is then a line ending in it (stroked
    /// as `paint` strokes) rather than a box.
    pub arrow: Option<&'a str>,
}

/// The height of one row of a legend.
pub const LEGEND_ROW: f64 = 20.0;

/// An SVG document being written.
pub struct Svg {
    out: String,
    width: f64,
    height: f64,
    defs: String,
}

impl Svg {
    /// A `width` × `height` picture on a white background, with a `<title>`.
    pub fn new(width: f64, height: f64, title: &str) -> Svg {
        let mut s = Svg {
            out: String::with_capacity(64 * 1024),
            width,
            height,
            defs: String::new(),
        };
        let _ = writeln!(s.out, "<title>{}</title>", escape(title));
        s.rect(0.0, 0.0, width, height, Paint::fill("#ffffff"));
        s
    }

    /// Defines a pattern `id` of `kind`, in `color` over `background` (`none` for
    /// transparent), `size` pixels between lines.
    pub fn pattern(&mut self, id: &str, kind: Hatch, color: &str, background: &str, size: f64) {
        self.pattern_weighted(id, kind, color, background, size, 1.2);
    }

    /// [`Svg::pattern`] with lines `weight` pixels wide (1.2 there).
    pub fn pattern_weighted(
        &mut self,
        id: &str,
        kind: Hatch,
        color: &str,
        background: &str,
        size: f64,
        weight: f64,
    ) {
        let (id, color, bg, n) = (escape(id), escape(color), escape(background), num(size));
        let _ = write!(
            self.defs,
            r#"<pattern id="{id}" patternUnits="userSpaceOnUse" width="{n}" height="{n}">"#
        );
        if background != "none" {
            let _ = write!(self.defs, r#"<rect width="{n}" height="{n}" fill="{bg}"/>"#);
        }
        let line = |d: &mut String, x1: f64, y1: f64, x2: f64, y2: f64| {
            let _ = write!(
                d,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{color}" stroke-width="{}"/>"#,
                num(x1),
                num(y1),
                num(x2),
                num(y2),
                num(weight)
            );
        };
        let s = size;
        match kind {
            Hatch::Diagonal => {
                line(&mut self.defs, 0.0, s, s, 0.0);
                line(&mut self.defs, -s / 2.0, s / 2.0, s / 2.0, -s / 2.0);
                line(&mut self.defs, s / 2.0, s * 1.5, s * 1.5, s / 2.0);
            }
            Hatch::BackDiagonal => {
                line(&mut self.defs, 0.0, 0.0, s, s);
                line(&mut self.defs, -s / 2.0, s / 2.0, s / 2.0, s * 1.5);
                line(&mut self.defs, s / 2.0, -s / 2.0, s * 1.5, s / 2.0);
            }
            Hatch::Cross => {
                line(&mut self.defs, 0.0, s, s, 0.0);
                line(&mut self.defs, 0.0, 0.0, s, s);
            }
            Hatch::Horizontal => line(&mut self.defs, 0.0, s / 2.0, s, s / 2.0),
            Hatch::Dots => {
                let _ = write!(
                    self.defs,
                    r#"<circle cx="{}" cy="{}" r="{}" fill="{color}"/>"#,
                    num(s / 2.0),
                    num(s / 2.0),
                    num((s / 4.0).max(0.8))
                );
            }
        }
        self.defs.push_str("</pattern>\n");
    }

    /// Defines an arrowhead marker `id`, filled with `color`, for [`Svg::arrow`].
    pub fn arrowhead(&mut self, id: &str, color: &str) {
        let _ = writeln!(
            self.defs,
            r#"<marker id="{}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto" markerUnits="userSpaceOnUse"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker>"#,
            escape(id),
            escape(color)
        );
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, paint: Paint) {
        self.rounded_rect(x, y, w, h, 0.0, paint);
    }

    /// A rectangle with corners rounded to radius `r`.
    pub fn rounded_rect(&mut self, x: f64, y: f64, w: f64, h: f64, r: f64, paint: Paint) {
        let _ = write!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}""#,
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0))
        );
        if r > 0.0 {
            let _ = write!(self.out, r#" rx="{}""#, num(r));
        }
        paint.attrs(&mut self.out);
        self.out.push_str("/>\n");
    }

    /// A line; `paint.stroke` is its colour (black when unset).
    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, paint: Paint) {
        self.line_marked(x1, y1, x2, y2, paint, None);
    }

    /// A line ending in the arrowhead `marker` (an id from [`Svg::arrowhead`]).
    pub fn arrow(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, paint: Paint, marker: &str) {
        self.line_marked(x1, y1, x2, y2, paint, Some(marker));
    }

    fn line_marked(
        &mut self,
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        paint: Paint,
        marker: Option<&str>,
    ) {
        let _ = write!(
            self.out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}""#,
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            escape(paint.stroke.unwrap_or("#000000")),
            num(paint.stroke_width)
        );
        if let Some(d) = paint.dash {
            let _ = write!(self.out, r#" stroke-dasharray="{}""#, escape(d));
        }
        if let Some(m) = marker {
            let _ = write!(self.out, r#" marker-end="url(#{})""#, escape(m));
        }
        self.out.push_str("/>\n");
    }

    /// A path from its `d` attribute.
    pub fn path(&mut self, d: &str, paint: Paint) {
        let _ = write!(self.out, r#"<path d="{}""#, escape(d));
        paint.attrs(&mut self.out);
        self.out.push_str("/>\n");
    }

    pub fn text(&mut self, x: f64, y: f64, font: Font, text: &str) {
        let anchor = match font.anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let _ = write!(
            self.out,
            r#"<text x="{}" y="{}" font-family="sans-serif" font-size="{}" text-anchor="{anchor}" fill="{}""#,
            num(x),
            num(y),
            num(font.size),
            escape(font.fill)
        );
        if font.bold {
            self.out.push_str(r#" font-weight="bold""#);
        }
        if font.rotate != 0.0 {
            let _ = write!(
                self.out,
                r#" transform="rotate({} {} {})""#,
                num(font.rotate),
                num(x),
                num(y)
            );
        }
        let _ = writeln!(self.out, ">{}</text>", escape(text));
    }

    /// A legend from (`x`, `y`): one swatch and label per item, `columns` to a row; returns
    /// the height it took.
    pub fn legend(
        &mut self,
        x: f64,
        y: f64,
        items: &[LegendItem],
        columns: usize,
        column_width: f64,
    ) -> f64 {
        let columns = columns.max(1);
        let row_height = LEGEND_ROW;
        for (i, item) in items.iter().enumerate() {
            let cx = x + (i % columns) as f64 * column_width;
            let cy = y + (i / columns) as f64 * row_height;
            match item.arrow {
                Some(m) => self.arrow(cx, cy + 6.0, cx + 26.0, cy + 6.0, item.paint, m),
                None => self.rect(cx, cy, 26.0, 12.0, item.paint),
            }
            self.text(cx + 32.0, cy + 10.0, Font::new(11.0), item.label);
        }
        items.len().div_ceil(columns) as f64 * row_height
    }

    /// The document: the XML declaration, the `<svg>` element and its pattern definitions.
    pub fn finish(self) -> String {
        let (w, h) = (num(self.width), num(self.height));
        let mut o = String::with_capacity(self.out.len() + self.defs.len() + 256);
        o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            o,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">"
        );
        if !self.defs.is_empty() {
            let _ = write!(o, "<defs>\n{}</defs>\n", self.defs);
        }
        o.push_str(&self.out);
        o.push_str("</svg>\n");
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_numbers_are_short() {
        assert_eq!(escape("a<b & \"c\"'"), "a&lt;b &amp; &quot;c&quot;&apos;");
        assert_eq!(escape("x\u{1}"), "x\u{fffd}");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(2.25), "2.3");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn a_document_is_self_contained() {
        let mut s = Svg::new(10.0, 20.0, "t<");
        s.pattern("h", Hatch::Cross, "#000000", "none", 6.0);
        s.text(1.0, 2.0, Font::new(10.0), "a&b");
        let t = s.finish();
        assert!(t.starts_with("<?xml"));
        assert!(t.contains(r#"version="1.1""#));
        assert!(t.contains("<title>t&lt;</title>"));
        assert!(t.contains(">a&amp;b</text>"));
        assert!(!t.contains("<script") && !t.contains("href"));
    }
}
