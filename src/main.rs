//! The `zonewarden` binary: parse arguments, run, map the outcome to an exit status.

use clap::Parser;
use std::io::Write;

fn main() {
    let cli = match zonewarden::cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let status = match zonewarden::cli::run(cli, &mut out) {
        Ok(s) => s,
        Err(e) if e.0 == zonewarden::cli::BROKEN_PIPE => 0,
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
    // A closed pipe (`zonewarden print z | head`) is not a failure.
    if let Err(e) = out.flush() {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("zonewarden: cannot write output: {e}");
            std::process::exit(2);
        }
    }
    std::process::exit(status);
}
