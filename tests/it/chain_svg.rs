//! `verify --format svg`: the chain of trust as an SVG picture. Snapshots of the SVG text
//! (a zone with a broken signature, the same with a DS that matches no key, a clean zone
//! with its DS), each rendered by `rsvg-convert` without a warning and checked in the PNG:
//! its size, and red where a broken link's label is and nowhere in the clean zone. The
//! picture in docs/commands.md is made here (`ZONEWARDEN_BLESS=1` rewrites it).

use crate::util::{root, scratch, stderr, stdout, zw};
use std::process::Command;

const NOW: &str = "2026-11-25T00:00:00Z";
const DAMAGED: &str = "testdata/lint/ZW2001/signature_damaged.zone";
const STRAY_DS: &str = "testdata/lint/ZW2102/ds_for_missing_key.ds";
const CLEAN: &str = "testdata/zones/signed/example.com.bind-ecdsap256-nsec.signed";
/// The red of broken links and their labels (src/report/chain_svg.rs).
const RED: [u8; 3] = [0xc0, 0x00, 0x00];

/// `verify --format svg ARGS`: the SVG text, with the exit status checked.
fn svg(args: &[&str], status: i32) -> String {
    let mut all = vec!["verify", "--format", "svg", "--now", NOW];
    all.extend_from_slice(args);
    let o = zw(&all);
    assert_eq!(o.status.code(), Some(status), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    stdout(&o)
}

/// A decoded PNG: width, height, 8-bit RGB or RGBA pixels.
struct Png {
    width: u32,
    height: u32,
    channels: usize,
    pixels: Vec<u8>,
}

impl Png {
    fn at(&self, x: u32, y: u32) -> [u8; 3] {
        let i = (y * self.width + x) as usize * self.channels;
        [self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]]
    }

    /// How many pixels above row `below` are `colour`.
    fn count_above(&self, colour: [u8; 3], below: u32) -> usize {
        self.pixels[..(below * self.width) as usize * self.channels]
            .chunks_exact(self.channels)
            .filter(|p| p[..3] == colour)
            .count()
    }
}

/// Renders `svg` with rsvg-convert (which must say nothing on standard error) and decodes
/// the PNG.
fn render(svg: &str, name: &str) -> Png {
    let dir = scratch(&format!("chain-svg-{name}"));
    let (input, output) = (dir.join("in.svg"), dir.join("out.png"));
    std::fs::write(&input, svg).unwrap();
    let o = Command::new("rsvg-convert")
        .arg("-o")
        .arg(&output)
        .arg(&input)
        .output()
        .expect("rsvg-convert (librsvg2-bin; scripts/test.sh installs it)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        o.stderr.is_empty(),
        "rsvg-convert warned: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&output).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("rsvg-convert wrote {other:?}"),
    };
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    buf.truncate(info.buffer_size());
    Png {
        width: info.width,
        height: info.height,
        channels,
        pixels: buf,
    }
}

/// The value of attribute `name` in an element's text.
fn attr(element: &str, name: &str) -> u32 {
    let key = format!(" {name}=\"");
    let i = element.find(&key).unwrap() + key.len();
    let v = &element[i..];
    v[..v.find('"').unwrap()].parse().unwrap()
}

/// The width and height the `<svg>` element declares.
fn size(svg: &str) -> (u32, u32) {
    let el = svg.lines().find(|l| l.starts_with("<svg ")).unwrap();
    (attr(el, "width"), attr(el, "height"))
}

/// The top of the legend, whose samples are red whatever the zone.
fn legend_top(svg: &str) -> u32 {
    let el = svg.lines().find(|l| l.ends_with(">Legend</text>")).unwrap();
    attr(el, "y") - 14
}

/// The red label boxes of broken links: x, y, width, height.
fn red_labels(svg: &str) -> Vec<(u32, u32, u32, u32)> {
    svg.lines()
        .filter(|l| l.starts_with("<rect ") && l.contains(r##"fill="#c00000""##))
        .map(|l| {
            (
                attr(l, "x"),
                attr(l, "y"),
                attr(l, "width"),
                attr(l, "height"),
            )
        })
        .collect()
}

/// The rendered picture has the declared size, a white background and, for each broken
/// link, a red label with the finding's code in white.
fn check_picture(svg: &str, name: &str) -> Png {
    let png = render(svg, name);
    assert_eq!((png.width, png.height), size(svg));
    assert_eq!(png.at(1, 1), [255, 255, 255]);
    for (x, y, w, h) in red_labels(svg) {
        // The label's left edge, before its centred text begins.
        assert_eq!(png.at(x + 1, y + h / 2), RED, "label at {x},{y} in {name}");
        assert_eq!(png.at(x + w - 2, y + 1), RED, "label at {x},{y} in {name}");
    }
    png
}

#[test]
fn broken_signature() {
    let out = svg(&[DAMAGED], 1);
    assert!(out.contains(">ZW2001 x1</text>"), "{out}");
    insta::assert_snapshot!("chain_broken_signature", out);
    assert_eq!(red_labels(&out).len(), 1);
    let png = check_picture(&out, "broken");
    assert!(png.count_above(RED, legend_top(&out)) > 100);
    // The same zone gives the same bytes.
    assert_eq!(svg(&[DAMAGED], 1), out);
}

#[test]
fn ds_matching_no_key() {
    let out = svg(&["--ds", STRAY_DS, DAMAGED], 1);
    assert!(out.contains("matches no key [ZW2102]"), "{out}");
    insta::assert_snapshot!("chain_ds_no_key", out);
    check_picture(&out, "ds-no-key");
}

#[test]
fn clean_zone_with_ds() {
    let dir = scratch("chain-svg-clean");
    let o = Command::new("dnssec-dsfromkey")
        .args(["-2", "-f", CLEAN, "example.com."])
        .current_dir(root())
        .output()
        .expect("dnssec-dsfromkey (bind9-utils)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ds = dir.join("dsset-example.com.");
    std::fs::write(&ds, &o.stdout).unwrap();
    let out = svg(&["--ds", ds.to_str().unwrap(), CLEAN], 0);
    assert!(red_labels(&out).is_empty(), "{out}");
    // Only the legend's sample is hatched.
    assert_eq!(out.matches("url(#hatch)").count(), 1, "{out}");
    insta::assert_snapshot!("chain_clean_with_ds", out);
    let png = check_picture(&out, "clean");
    assert_eq!(
        png.count_above(RED, legend_top(&out)),
        0,
        "nothing but the legend is red in a clean chain"
    );
}

/// After every signature has expired, every signature link is red with ZW2004.
#[test]
fn expired_signatures() {
    let o = zw(&[
        "verify",
        "--format",
        "svg",
        "--now",
        "2037-01-01T00:00:00Z",
        DAMAGED,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains(">ZW2004</text>"), "{out}");
    assert!(out.contains(">ZW2004 x3</text>"), "{out}");
    // Only the legend's sample is a valid link.
    assert_eq!(out.matches("url(#arrow)").count(), 1, "{out}");
    check_picture(&out, "expired");
}

#[test]
fn svg_is_refused_where_there_is_no_picture() {
    let o = zw(&["lint", "--format", "svg", DAMAGED]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--format svg: lint has no picture"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
    let o = zw(&["verify", "--format", "svg", "--now", NOW, DAMAGED, CLEAN]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("chain of trust of one zone"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn escaping() {
    use zonewarden::report::svg::escape;
    assert_eq!(
        escape(r#"<a & "b" 'c'>"#),
        "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;"
    );
    assert_eq!(escape("x\u{1}y"), "x\u{fffd}y");
}

/// docs/images/chain-of-trust.svg, shown in docs/commands.md, is what verify draws for the
/// damaged zone with the stray DS.
#[test]
fn docs_picture() {
    let want = svg(&["--ds", STRAY_DS, DAMAGED], 1);
    let path = root().join("docs/images/chain-of-trust.svg");
    if std::env::var_os("ZONEWARDEN_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &want).unwrap();
    }
    let got = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        got == want,
        "docs/images/chain-of-trust.svg is stale; run `ZONEWARDEN_BLESS=1 cargo test --test it chain_svg::`"
    );
    let commands = std::fs::read_to_string(root().join("docs/commands.md")).unwrap();
    assert!(commands.contains("](images/chain-of-trust.svg)"));
}
