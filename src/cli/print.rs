//! `zonewarden print`: a zone in canonical form.

use super::*;

#[derive(clap::Args, Debug)]
pub struct PrintArgs {
    /// The zone file, or directories of zone files (each zone printed in path order under a
    /// `; zone FILE` comment line); `-` reads standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub input: ZoneInput,
    /// Write RDATA in RFC 3597's generic form (`\# LEN HEX`).
    #[arg(long)]
    pub generic: bool,
    /// Write the zone with a ZONEMD record at the apex (RFC 8976) for SCHEME,ALG, such as
    /// `1,1` (SIMPLE, SHA384) or `1,2` (SIMPLE, SHA512), replacing the apex ZONEMD records;
    /// its serial is the SOA's. Add it before signing.
    #[arg(long, value_name = "SCHEME,ALG", value_parser = parse_zonemd)]
    pub zonemd: Option<(u8, u8)>,
}

fn parse_zonemd(s: &str) -> Result<(u8, u8), String> {
    let (a, b) = s
        .split_once(',')
        .ok_or_else(|| format!("expected SCHEME,ALG such as 1,1, found `{s}`"))?;
    let num = |x: &str| {
        x.trim()
            .parse::<u8>()
            .map_err(|_| format!("expected SCHEME,ALG such as 1,1, found `{s}`"))
    };
    Ok((num(a)?, num(b)?))
}

pub(super) fn run_print(args: &PrintArgs, out: &mut dyn Write) -> Result<i32, Error> {
    if args.files.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::Input(
            "standard input (-) can be read only once".into(),
        ));
    }
    args.input.origin_for_one(&args.files)?;
    let files = super::walk::expand_paths(&args.files, None)?;
    let many = files.len() > 1 || args.files.iter().any(|p| p.is_dir());
    // Each zone is read, printed and dropped before the next; the first error ends the run.
    for file in &files {
        if many {
            writeln!(
                out,
                "; zone {}",
                crate::diag::escape_controls(&file.display().to_string())
            )
            .map_err(io)?;
        }
        print_one(args, file, out)?;
    }
    Ok(0)
}

/// Prints one zone in canonical form; a zone with syntax errors is an input error.
fn print_one(args: &PrintArgs, file: &Path, out: &mut dyn Write) -> Result<(), Error> {
    let zone = read_zone(file, &args.input)?;
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
            d.message(),
            d.rule.code,
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        )));
    }
    let zonemd = match args.zonemd {
        Some((scheme, alg)) => {
            Some(crate::dnssec::zonemd::make(&zone, scheme, alg).map_err(Error::Input)?)
        }
        None => None,
    };
    let text = crate::print::canonical_text_with(&zone, args.generic, zonemd);
    out.write_all(text.as_bytes()).map_err(io)?;
    Ok(())
}
