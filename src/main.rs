//! The `zonewarden` binary: parse arguments, run, map the outcome to an exit status.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    keep_large_blocks_apart();
    let cli = match zonewarden::cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let status = match zonewarden::cli::run(cli, &mut out) {
        Ok(s) => s,
        // A closed pipe (`zonewarden print z | head`) is not a failure.
        Err(e) if e.is_broken_pipe() => 0,
        Err(e) => {
            let _ = out.flush();
            // The message may quote input: its control characters are escaped.
            eprintln!(
                "zonewarden: {}",
                zonewarden::diag::escape_controls(&e.to_string())
            );
            2
        }
    };
    if let Err(e) = out.flush() {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("zonewarden: cannot write output: {e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::from(u8::try_from(status).unwrap_or(2))
}

/// Tells glibc's allocator to give every block of 256 KiB or more its own mapping, returned
/// to the system when freed, instead of raising that bound as large blocks come and go (its
/// default): the reader's 4 MiB chunks would otherwise raise it so far that the findings'
/// lists of a zone with 100,000 findings, moved once into one list, stay resident twice
/// (15 MB at the peak of a lint of 1.6 million records). Called before any thread starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_large_blocks_apart() {
    // SAFETY: mallopt only sets a parameter of the allocator; nothing else runs yet.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 10);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_large_blocks_apart() {}
