//! Reading a zone for a command: a file or standard input, with the include roots and
//! limits of its configuration, and a progress bar for a large file on a terminal.

use super::*;

/// Reads one zone (a file, or standard input for `-`), with the include roots and limits
/// of the configuration found for it.
pub fn read_zone(path: &Path, input: &ZoneInput) -> Result<Zone, Error> {
    let config = Config::discover(path)?;
    read_zone_with(path, input, &config, false)
}

/// Reads one zone; `progress` allows a progress bar on standard error.
pub fn read_zone_with(
    path: &Path,
    input: &ZoneInput,
    config: &Config,
    progress: bool,
) -> Result<Zone, Error> {
    let mut opts = input.read_options(config);
    if path == Path::new("-") {
        // NSD names the zone it feeds a verifier only in VERIFY_ZONE.
        if opts.origin.is_none() {
            if let Ok(z) = std::env::var("VERIFY_ZONE") {
                opts.origin = Some(z);
                opts.origin_source = Some(OriginSource::Environment);
            }
        }
        let cannot = |e: std::io::Error| Error::Unreadable {
            path: PathBuf::from("-"),
            reason: format!("cannot read standard input: {e}"),
        };
        // Spooled to a temporary file, so that the zone's text is not held in memory; where
        // no temporary file can be made, held as before.
        // Read no further than a byte past the most a zone may hold: more is refused.
        let most = opts.limits.text_bytes as u64 + 1;
        if let Some(spool) = spool_file() {
            let mut spool = spool;
            std::io::copy(&mut std::io::stdin().lock().take(most), &mut spool).map_err(cannot)?;
            return zone::read_spool(PathBuf::from("-"), spool, &opts).map_err(cannot);
        }
        let mut text = Vec::new();
        std::io::stdin()
            .lock()
            .take(most)
            .read_to_end(&mut text)
            .map_err(cannot)?;
        return Ok(zone::read_text(PathBuf::from("-"), text, &opts));
    }
    let cannot = |e: std::io::Error| Error::Unreadable {
        path: path.to_path_buf(),
        reason: format!("cannot read: {e}"),
    };
    if !progress {
        return zone::read_file(path, &opts).map_err(cannot);
    }
    let len = std::fs::metadata(path).map_err(cannot)?.len();
    with_progress_bar(path, len, |counter| {
        zone::read_file_with_progress(path, &opts, Some(counter))
    })
    .map_err(cannot)
}

/// A new temporary file for standard input, mode 0600, with no name (or its name removed at
/// once), so that nothing is left behind however the run ends.
fn spool_file() -> Option<std::fs::File> {
    tempfile::tempfile().ok()
}

/// Runs `read` while a progress bar on standard error follows the bytes it has read; the
/// bar appears only once a second has passed, so small zones never show one.
/// `ZONEWARDEN_PROGRESS_DELAY_MS` sets another wait (the tests show the bar at once, so
/// that they do not depend on how fast the machine reads).
pub(super) fn with_progress_bar<T: Send>(
    path: &Path,
    total: u64,
    read: impl FnOnce(Arc<AtomicU64>) -> T + Send,
) -> T {
    let counter = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicBool::new(false));
    std::thread::scope(|scope| {
        let (c, d) = (counter.clone(), done.clone());
        scope.spawn(move || {
            let wait = std::env::var("ZONEWARDEN_PROGRESS_DELAY_MS")
                .ok()
                .and_then(|ms| ms.parse().ok())
                .map_or(
                    std::time::Duration::from_secs(1),
                    std::time::Duration::from_millis,
                );
            let started = std::time::Instant::now();
            while started.elapsed() < wait {
                if d.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            let bar = indicatif::ProgressBar::new(total);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{prefix} [{bar:30}] {bytes}/{total_bytes} {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_prefix(format!("reading {}", path.display()));
            while !d.load(Ordering::Relaxed) {
                bar.set_position(c.load(Ordering::Relaxed));
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            bar.finish_and_clear();
        });
        let result = read(counter);
        done.store(true, Ordering::Relaxed);
        result
    })
}

/// `--ds FILE`: the parent's DS RRset for this zone, read as `verify` and `lint` take it.
pub(super) fn parent_ds(
    file: Option<&Path>,
    zone: &Zone,
) -> Result<Option<Vec<crate::dnssec::ParentDs>>, Error> {
    file.map(|f| crate::dnssec::read_ds_file(f, &zone.origin_text()).map_err(Error::from))
        .transpose()
}
