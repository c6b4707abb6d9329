//! A minimal writer of self-contained SVG 1.1 text: no fonts but `sans-serif`, no scripts,
//! no external references, integer coordinates, so the same picture is the same bytes.
//! Generic: boxes, text, lines and paths with arrowheads, a hatch pattern, a legend.

use std::fmt::Write;

/// The font every text element uses: no external font is needed.
pub const FONT: &str = "sans-serif";

/// Text escaped for an SVG text node or attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A generous estimate of the width of `s` at `size` pixels in a sans-serif font, for
/// sizing boxes without font metrics.
pub fn text_width(s: &str, size: u32) -> i32 {
    (s.chars().count() as u32 * size * 62 / 100) as i32
}

/// How a shape is stroked and filled.
#[derive(Clone, Copy, Debug)]
pub struct Style<'a> {
    pub stroke: &'a str,
    pub stroke_width: u32,
    /// `stroke-dasharray`, such as `6 4`.
    pub dash: Option<&'a str>,
    /// A colour, or `url(#id)` for a pattern.
    pub fill: &'a str,
}

impl Style<'_> {
    fn attrs(&self) -> String {
        let mut s = format!(
            r#"fill="{}" stroke="{}" stroke-width="{}""#,
            escape(self.fill),
            escape(self.stroke),
            self.stroke_width
        );
        if let Some(d) = self.dash {
            let _ = write!(s, r#" stroke-dasharray="{}""#, escape(d));
        }
        s
    }
}

/// Where text is anchored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// One entry of a legend: a sample and what it means.
#[derive(Clone, Copy, Debug)]
pub enum Swatch<'a> {
    /// A line, with an arrowhead marker if given.
    Line(Style<'a>, Option<&'a str>),
    /// A box.
    Box(Style<'a>),
}

/// An SVG document being written.
pub struct Svg {
    width: i32,
    height: i32,
    title: String,
    defs: String,
    body: String,
}

impl Svg {
    pub fn new(width: i32, height: i32, title: &str) -> Svg {
        Svg {
            width,
            height,
            title: title.to_string(),
            defs: String::new(),
            body: String::new(),
        }
    }

    /// An arrowhead marker `id`, filled with `color`, for `marker-end`.
    pub fn def_arrow(&mut self, id: &str, color: &str) {
        let _ = writeln!(
            self.defs,
            r#"<marker id="{}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto" markerUnits="userSpaceOnUse"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker>"#,
            escape(id),
            escape(color)
        );
    }

    /// A pattern `id` of diagonal `color` lines on `background`, for filling with
    /// `url(#id)`: tells a box apart without colour.
    pub fn def_hatch(&mut self, id: &str, color: &str, background: &str) {
        let _ = writeln!(
            self.defs,
            r#"<pattern id="{}" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)"><rect width="8" height="8" fill="{}"/><line x1="0" y1="0" x2="0" y2="8" stroke="{}" stroke-width="3"/></pattern>"#,
            escape(id),
            escape(background),
            escape(color)
        );
    }

    pub fn rect(&mut self, x: i32, y: i32, w: i32, h: i32, rx: i32, style: Style) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" {}/>"#,
            style.attrs()
        );
    }

    /// Text at `x`, baseline `y`; `bold` for weight.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        x: i32,
        y: i32,
        s: &str,
        size: u32,
        anchor: Anchor,
        color: &str,
        bold: bool,
    ) {
        let _ = writeln!(
            self.body,
            r#"<text x="{x}" y="{y}" font-family="{FONT}" font-size="{size}" text-anchor="{}" fill="{}"{}>{}</text>"#,
            anchor.as_str(),
            escape(color),
            if bold { r#" font-weight="bold""# } else { "" },
            escape(s)
        );
    }

    /// Text with a filled box behind it, centred at `x` with baseline `y`: a label on a
    /// line that stays readable where it crosses it.
    pub fn label(&mut self, x: i32, y: i32, s: &str, size: u32, color: &str, background: &str) {
        let w = text_width(s, size) * 11 / 10 + 8;
        let h = size as i32 + 4;
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{w}" height="{h}" fill="{}"/>"#,
            x - w / 2,
            y - size as i32,
            escape(background)
        );
        self.text(x, y, s, size, Anchor::Middle, color, true);
    }

    /// A straight line, with `marker` (an id from [`Svg::def_arrow`]) at its end.
    #[allow(clippy::too_many_arguments)]
    pub fn line(&mut self, x1: i32, y1: i32, x2: i32, y2: i32, style: Style, marker: Option<&str>) {
        let style = Style {
            fill: "none",
            ..style
        };
        let _ = writeln!(
            self.body,
            r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" {}{}/>"#,
            style.attrs(),
            marker_attr(marker)
        );
    }

    /// A path from its `d` attribute, unfilled, with `marker` at its end.
    pub fn path(&mut self, d: &str, style: Style, marker: Option<&str>) {
        let style = Style {
            fill: "none",
            ..style
        };
        let _ = writeln!(
            self.body,
            r#"<path d="{}" {}{}/>"#,
            escape(d),
            style.attrs(),
            marker_attr(marker)
        );
    }

    /// A legend with its top left at `x`, `y`: one row per entry. Returns its height.
    pub fn legend(&mut self, x: i32, y: i32, title: &str, items: &[(Swatch, &str)]) -> i32 {
        const ROW: i32 = 22;
        self.text(x, y + 14, title, 13, Anchor::Start, "black", true);
        for (n, (swatch, what)) in items.iter().enumerate() {
            let top = y + 22 + n as i32 * ROW;
            match *swatch {
                Swatch::Line(style, marker) => {
                    self.line(x, top + 8, x + 44, top + 8, style, marker);
                }
                Swatch::Box(style) => self.rect(x + 4, top, 36, 16, 3, style),
            }
            self.text(x + 54, top + 13, what, 12, Anchor::Start, "black", false);
        }
        22 + items.len() as i32 * ROW
    }

    /// The document's text.
    pub fn finish(self) -> String {
        let mut s = String::new();
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            s,
            r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#,
            w = self.width,
            h = self.height
        );
        let _ = writeln!(s, "<title>{}</title>", escape(&self.title));
        if !self.defs.is_empty() {
            let _ = write!(s, "<defs>\n{}</defs>\n", self.defs);
        }
        let _ = writeln!(
            s,
            r#"<rect x="0" y="0" width="{}" height="{}" fill="white"/>"#,
            self.width, self.height
        );
        s.push_str(&self.body);
        s.push_str("</svg>\n");
        s
    }
}

fn marker_attr(marker: Option<&str>) -> String {
    marker
        .map(|m| format!(r#" marker-end="url(#{})""#, escape(m)))
        .unwrap_or_default()
}
