//! Findings rendered on every core and written in their order: a zone with 100,000
//! findings spends more time wording and placing them than writing them, and each finding's
//! text depends on nothing but the finding and the zone.

use crate::diag::Diagnostic;
use crate::zone::Zone;
use rayon::prelude::*;
use std::io::Write;

/// How many findings one task renders: enough that a task costs far more than handing it
/// out, few enough that a window of them holds a few megabytes of text at most.
const CHUNK: usize = 2048;

/// Writes `items` to `out` in order, each run of them rendered by `render` into a buffer of
/// its own on the thread pool, which it finds empty. `render` is given the index of the
/// first item of its run (the JSON report separates all but the first). At most a window of runs (a few per
/// thread) is held rendered at a time: memory does not grow with the number of findings.
pub fn write_in_order<T, F>(out: &mut dyn Write, items: &[T], render: F) -> std::io::Result<()>
where
    T: Sync,
    F: Fn(usize, &[T], &mut Vec<u8>) -> std::io::Result<()> + Sync,
{
    if items.len() <= CHUNK {
        let mut buf = Vec::new();
        render(0, items, &mut buf)?;
        return out.write_all(&buf);
    }
    let runs = 2 * rayon::current_num_threads().max(1);
    let window = CHUNK * runs;
    // One buffer a run of the window, emptied and filled again for each window: grown
    // once, not made again (a buffer this large is a mapping of its own, its pages new).
    let mut bufs: Vec<Vec<u8>> = vec![Vec::new(); runs];
    for (w, part) in items.chunks(window).enumerate() {
        let done: Vec<std::io::Result<()>> = part
            .par_chunks(CHUNK)
            .zip(bufs.par_iter_mut())
            .enumerate()
            .map(|(k, (run, buf))| {
                buf.clear();
                render(w * window + k * CHUNK, run, buf)
            })
            .collect();
        for (d, buf) in done.into_iter().zip(&bufs) {
            d?;
            out.write_all(buf)?;
        }
    }
    Ok(())
}

/// Builds the line index of each file that `findings` point into, before they are placed
/// on every core ([`crate::source::SourceFile::index_lines`]): built by the first run that
/// needs it, it would be built on one core while the others wait.
pub fn index_lines(zone: &Zone, findings: &[Diagnostic]) {
    if findings.len() <= CHUNK {
        return;
    }
    let mut used = vec![false; zone.sources.len()];
    for span in findings.iter().filter_map(|d| d.span) {
        if let Some(u) = used.get_mut(span.file as usize) {
            *u = true;
        }
    }
    for (source, _) in zone.sources.iter().zip(&used).filter(|(_, &u)| u) {
        source.index_lines();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_written_in_order_with_their_first_index() {
        let items: Vec<usize> = (0..CHUNK * 9 + 17).collect();
        let mut out = Vec::new();
        write_in_order(&mut out, &items, |first, run, buf| {
            assert_eq!(run[0], first, "a run is told where it starts");
            for i in run {
                writeln!(buf, "{i}")?;
            }
            Ok(())
        })
        .unwrap();
        let expected: String = items.iter().map(|i| format!("{i}\n")).collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn a_render_error_is_returned() {
        let items = vec![0u8; CHUNK * 3];
        let mut out = Vec::new();
        let err = write_in_order(&mut out, &items, |first, _, _| {
            if first >= CHUNK {
                Err(std::io::Error::other("no room"))
            } else {
                Ok(())
            }
        });
        assert!(err.is_err());
    }
}
