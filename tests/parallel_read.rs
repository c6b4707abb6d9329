//! Large zones are read in chunks on several threads; the result must be exactly what one
//! reader front to back makes: the same records with the same owner ids, RDATA and
//! positions, and the same findings. Includes the cases that force one reader: a chunk
//! boundary inside a parenthesised record, and `$ORIGIN`/`$TTL` changes that chunks must
//! inherit.

use std::path::PathBuf;
use std::process::Command;
use zonewarden::zone::parser::{read_text_single_threaded, reads_in_chunks};
use zonewarden::zone::{read_text, ReadOptions, Zone};

fn generated(names: u32) -> Vec<u8> {
    let out = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/gen-bench-zone.py"
        ))
        .args(["--names", &names.to_string()])
        .output()
        .expect("python3");
    assert!(out.status.success());
    out.stdout
}

fn summary(z: &Zone) -> Vec<String> {
    let mut v: Vec<String> = z
        .records
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {} {}",
                r.owner,
                z.record_text(r),
                r.file,
                r.pos,
                r.rdata_pos
            )
        })
        .collect();
    v.extend(
        z.diagnostics
            .iter()
            .map(|d| format!("{} {:?} {}", d.rule.code, d.span, d.message)),
    );
    v
}

fn both(text: Vec<u8>) -> (Vec<String>, Vec<String>) {
    assert!(
        reads_in_chunks(&text, "bench.example.", 2),
        "this zone would not be read in chunks"
    );
    let opts = ReadOptions {
        origin: Some("bench.example.".into()),
        origin_source: None,
    };
    let chunked = read_text(PathBuf::from("big.zone"), text.clone(), &opts);
    let single = read_text_single_threaded(PathBuf::from("big.zone"), text, &opts);
    (summary(&chunked), summary(&single))
}

#[test]
fn chunked_reading_equals_one_reader() {
    let text = generated(40_000);
    assert!(
        text.len() > 5 << 20,
        "the zone must be large enough to be read in chunks"
    );
    let (a, b) = both(text);
    assert!(a.len() > 170_000);
    assert!(a == b, "chunked and single-threaded reading differ");
}

#[test]
fn directives_and_errors_carry_across_chunks() {
    let mut text = generated(40_000);
    let mid = text.len() / 2;
    // At the start of a host's record, not inside a record over several lines.
    let cut = mid + text[mid..].windows(5).position(|w| w == b"\nhost").unwrap() + 1;
    // Just before the middle: a new $ORIGIN and $TTL that later records must inherit, and
    // errors on both sides of the middle.
    let inserted = b"$ORIGIN sub.bench.example.\n$TTL 123\nrel A 192.0.2.7\nbad A 192.0.2.300\n";
    text.splice(cut..cut, inserted.iter().copied());
    text.extend_from_slice(b"after A 192.0.2.8\nbroken AAAA ::gg\n");
    let (a, b) = both(text);
    assert!(a.iter().any(|l| l.contains("rel.sub.bench.example.\t123")));
    assert!(a
        .iter()
        .any(|l| l.contains("after.sub.bench.example.\t123")));
    assert!(a.iter().filter(|l| l.starts_with("ZW1002")).count() >= 2);
    if a != b {
        let d: Vec<_> = a.iter().zip(&b).filter(|(x, y)| x != y).take(3).collect();
        panic!("differ ({} vs {}): {d:#?}", a.len(), b.len());
    }
}

#[test]
fn a_boundary_inside_parentheses_falls_back_to_one_reader() {
    let mut text = generated(40_000);
    let mid = text.len() / 2;
    let cut = mid.saturating_sub(20_000)
        + text[mid.saturating_sub(20_000)..]
            .iter()
            .position(|&b| b == b'\n')
            .unwrap()
        + 1;
    // A TXT record over thousands of lines, each starting at column 0 inside parentheses,
    // across the middle of the file.
    let mut rec = b"long-txt IN TXT (\n".to_vec();
    for i in 0..4000 {
        rec.extend_from_slice(format!("\"part {i}\"\n").as_bytes());
    }
    rec.extend_from_slice(b")\n");
    text.splice(cut..cut, rec);
    let (a, b) = both(text);
    assert!(a.iter().any(|l| l.contains("long-txt.bench.example.")));
    assert!(a == b);
}
