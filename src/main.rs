//! The `zonewarden` binary: parse arguments, run, map the outcome to an exit status.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
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
