//! `zonewarden print`: a zone in canonical form.

use super::*;

#[derive(clap::Args, Debug)]
pub struct PrintArgs {
    /// The zone file; `-` reads standard input.
    pub file: PathBuf,
    #[command(flatten)]
    pub input: ZoneInput,
    /// Write RDATA in RFC 3597's generic form (`\# LEN HEX`).
    #[arg(long)]
    pub generic: bool,
}

pub(super) fn run_print(args: &PrintArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let zone = read_zone(&args.file, &args.input)?;
    let errors: Vec<_> = zone
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if let Some(d) = errors.first() {
        let loc = zone
            .locate(d)
            .map(|l| format!("{}:{}:{}: ", l.file, l.start.line, l.start.col))
            .unwrap_or_default();
        return Err(Error::Input(format!(
            "{loc}{} [{}] ({} syntax error{} in all; `zonewarden lint` lists them)",
            d.message,
            d.rule.code,
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        )));
    }
    let text = crate::print::canonical_text(&zone, args.generic);
    out.write_all(text.as_bytes()).map_err(io)?;
    Ok(0)
}
