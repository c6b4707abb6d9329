//! `zonewarden tlsa generate | check | next-key`: arguments and what each does.
//!
//! Exit status as everywhere: 0 done (or covered), 1 a check that fails, 2 usage or input
//! error (a file that cannot be read or decoded, named in the message).

use crate::atomic;
use crate::cli::{Error, ZoneInput};
use crate::diag::Severity;
use crate::tlsa::generate::{self, Generated, Role};
use crate::tlsa::input::{self, Input};
use crate::tlsa::keygen::{Algorithm, NewKey};
use crate::tlsa::matching::{self, Matched};
use crate::tlsa::{owner_name, parse_list, Tlsa, MATCHING_TYPES, SELECTORS, USAGES};
use crate::zone::name;
use crate::zone::rtype::t;
use crate::zone::Zone;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Subcommand, Debug)]
pub enum TlsaCommand {
    /// Print TLSA records for a certificate, chain, key or CSR (PEM or DER).
    Generate(GenerateArgs),
    /// Does the zone publish a TLSA record that this chain (or key) satisfies? Exit 0 if so,
    /// 1 if not, with the records to add.
    Check(CheckArgs),
    /// Make the next key pair (and a CSR), write it safely, print its 3 1 1 record.
    NextKey(NextKeyArgs),
}

/// Where the records go: `_PORT._PROTO.HOST`.
#[derive(clap::Args, Debug)]
pub struct Service {
    /// A host the records are for; repeat for several. The owner is _PORT._PROTO.HOST.
    #[arg(long = "name", value_name = "HOST")]
    pub names: Vec<String>,
    /// The service's port.
    #[arg(long, default_value_t = 25)]
    pub port: u16,
    /// The transport: tcp, udp, sctp or dccp.
    #[arg(long, default_value = "tcp")]
    pub proto: String,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Zone-file lines, each after a comment saying what it is for.
    Zone,
    /// A JSON array of records.
    Json,
    /// `update add` lines and `send`, for nsupdate.
    Nsupdate,
}

#[derive(clap::Args, Debug)]
pub struct GenerateArgs {
    /// Certificate, chain, private or public key, or CSR files, PEM or DER.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Certificate usages: numbers or RFC 7218 acronyms (PKIX-TA, PKIX-EE, DANE-TA, DANE-EE),
    /// comma-separated.
    #[arg(long, default_value = "3")]
    pub usage: String,
    /// Selectors: 0 or Cert (the whole certificate), 1 or SPKI (its public key).
    #[arg(long, default_value = "1")]
    pub selector: String,
    /// Matching types: 0 or Full, 1 or SHA2-256, 2 or SHA2-512.
    #[arg(long, default_value = "1")]
    pub matching_type: String,
    #[command(flatten)]
    pub service: Service,
    /// A zone file: every MX target inside it gets the records, but for hosts in delegated
    /// child zones.
    #[arg(long, value_name = "FILE")]
    pub zone: Option<PathBuf>,
    #[command(flatten)]
    pub zone_input: ZoneInput,
    /// The records' TTL.
    #[arg(long, default_value_t = 3600)]
    pub ttl: u32,
    #[arg(long, value_enum, default_value_t = OutputFormat::Zone)]
    pub format: OutputFormat,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// The zone file to look in.
    #[arg(long, value_name = "FILE")]
    pub zone: PathBuf,
    /// The certificate chain about to be deployed (or a key or CSR); repeat to require each.
    #[arg(long = "cert", value_name = "FILE", required = true)]
    pub certs: Vec<PathBuf>,
    #[command(flatten)]
    pub service: Service,
    #[command(flatten)]
    pub zone_input: ZoneInput,
    /// The time DANE-TA chains are judged at: RFC 3339, YYYYMMDDHHmmSS or seconds since 1970.
    #[arg(long)]
    pub now: Option<String>,
    /// The TTL of the records suggested for adding.
    #[arg(long, default_value_t = 3600)]
    pub ttl: u32,
}

#[derive(clap::Args, Debug)]
pub struct NextKeyArgs {
    /// Where to write the new private key (PKCS#8 PEM, mode 0600).
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,
    /// Where to write a CSR for the --name hosts (PEM).
    #[arg(long, value_name = "FILE")]
    pub csr: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Algorithm::EcdsaP256)]
    pub algorithm: Algorithm,
    /// Replace files that exist.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub service: Service,
    /// The record's TTL.
    #[arg(long, default_value_t = 3600)]
    pub ttl: u32,
    #[arg(long, value_enum, default_value_t = OutputFormat::Zone)]
    pub format: OutputFormat,
}

pub fn run(cmd: &TlsaCommand, out: &mut dyn Write) -> Result<i32, Error> {
    match cmd {
        TlsaCommand::Generate(a) => run_generate(a, out),
        TlsaCommand::Check(a) => run_check(a, out),
        TlsaCommand::NextKey(a) => run_next_key(a, out),
    }
}

use crate::cli::io;

/// Loads every file; the first bad one is an input error naming it.
pub fn load_inputs(files: &[PathBuf]) -> Result<Vec<Input>, Error> {
    files
        .iter()
        .map(|p| input::load(p).map_err(Error::from))
        .collect()
}

fn check_proto(proto: &str) -> Result<(), Error> {
    if proto.is_empty()
        || !proto
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-')
    {
        return Err(Error::Input(format!(
            "--proto: `{proto}` is not a protocol name such as tcp, udp or sctp"
        )));
    }
    Ok(())
}

/// Absolute, lower-case wire form of a host name given on the command line.
fn host_wire(host: &str) -> Result<Vec<u8>, Error> {
    let mut w = Vec::new();
    let absolute = name::parse_text(host.as_bytes(), &mut w)
        .map_err(|e| Error::Input(format!("--name: `{host}` is not a domain name: {e:?}")))?;
    if !absolute {
        w.push(0);
    }
    if w.len() > name::MAX_NAME_LEN {
        return Err(Error::Input(format!("--name: `{host}` is too long")));
    }
    Ok(name::to_lowercase(&w))
}

/// Reads a zone for `--zone`, refusing one with syntax errors: records on a bad line would
/// be missing from every answer.
fn read_zone(path: &std::path::Path, zi: &ZoneInput) -> Result<Zone, Error> {
    let zone = crate::cli::read_zone(path, zi)?;
    let errors = zone
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        return Err(Error::Input(format!(
            "{}: {errors} syntax error{} (`zonewarden lint` lists them)",
            path.display(),
            if errors == 1 { "" } else { "s" }
        )));
    }
    Ok(zone)
}

/// The MX targets inside the zone, in file order, each once; the null MX is left out, and so
/// are hosts at or below a delegation, whose TLSA records the child zone publishes.
pub fn mx_hosts(zone: &Zone) -> Vec<Vec<u8>> {
    let cuts: std::collections::HashSet<_> = zone
        .records
        .iter()
        .filter(|r| r.rtype == t::NS && r.owner != zone.origin_id)
        .map(|r| r.owner)
        .collect();
    let delegated = |host: &[u8]| {
        let mut cur = Some(host);
        while let Some(a) = cur.filter(|a| name::is_subdomain(a, &zone.origin)) {
            if zone.names.find(a).is_some_and(|id| cuts.contains(&id)) {
                return true;
            }
            cur = name::parent(a);
        }
        false
    };
    let mut out: Vec<Vec<u8>> = Vec::new();
    for r in zone.records.iter().filter(|r| r.rtype == t::MX) {
        let Some(mx) = crate::zone::view::Mx::parse(zone.rdata(r)) else {
            continue;
        };
        let target = mx.exchange;
        let target = name::to_lowercase(target);
        if target != [0]
            && name::is_subdomain(&target, &zone.origin)
            && !out.contains(&target)
            && !delegated(&target)
        {
            out.push(target);
        }
    }
    out
}

/// The hosts named by `--name` and, with a zone, its MX targets.
fn hosts(service: &Service, zone: Option<&Zone>) -> Result<Vec<Vec<u8>>, Error> {
    check_proto(&service.proto)?;
    let mut out = Vec::new();
    for n in &service.names {
        let w = host_wire(n)?;
        if !out.contains(&w) {
            out.push(w);
        }
    }
    if let Some(z) = zone {
        for w in mx_hosts(z) {
            if !out.contains(&w) {
                out.push(w);
            }
        }
    }
    Ok(out)
}

fn owner_of(host: &[u8], service: &Service) -> String {
    owner_name(&name::to_text(host), service.port, &service.proto)
}

/// [`owner_of`] in wire form (empty if the service makes it no name, which no TLSA record
/// is found at).
fn owner_wire_of(host: &[u8], service: &Service) -> Vec<u8> {
    let mut wire = Vec::new();
    let _ = name::parse_text(owner_of(host, service).as_bytes(), &mut wire);
    wire
}

/// Writes records in the chosen format. `owners` empty: bare RDATA (zone format only).
fn write_records(
    out: &mut dyn Write,
    format: OutputFormat,
    owners: &[String],
    ttl: u32,
    records: &[(String, Generated)],
) -> Result<(), Error> {
    match format {
        OutputFormat::Json => {
            let mut items = Vec::new();
            let owners_or_none: Vec<Option<&String>> = if owners.is_empty() {
                vec![None]
            } else {
                owners.iter().map(Some).collect()
            };
            for owner in owners_or_none {
                for (file, g) in records {
                    items.push(serde_json::json!({
                        "owner": owner,
                        "ttl": ttl,
                        "usage": g.tlsa.usage,
                        "selector": g.tlsa.selector,
                        "matching_type": g.tlsa.matching_type,
                        "data": data_encoding::HEXUPPER.encode(&g.tlsa.data),
                        "rdata": g.tlsa.rdata_text(),
                        "file": file,
                        "for": match &g.role {
                            Role::Leaf => "leaf",
                            Role::Key(_) => "key",
                            Role::Ca { .. } => "ca",
                        },
                        "subject": g.subject,
                        "issued_leaf": matches!(g.role, Role::Ca { issued_leaf: true }),
                        "description": g.describe(),
                    }));
                }
            }
            let text = serde_json::to_string_pretty(&items).unwrap_or_default();
            writeln!(out, "{text}").map_err(io)?;
        }
        OutputFormat::Zone => {
            for (file, g) in records {
                writeln!(out, "; {file}: {}", g.describe()).map_err(io)?;
                if owners.is_empty() {
                    writeln!(out, "{}", g.tlsa.rdata_text()).map_err(io)?;
                }
                for o in owners {
                    writeln!(out, "{o}\t{ttl}\tIN\tTLSA\t{}", g.tlsa.rdata_text()).map_err(io)?;
                }
            }
        }
        OutputFormat::Nsupdate => {
            if owners.is_empty() {
                return Err(Error::Input(
                    "--format nsupdate needs an owner: give --name HOST or --zone FILE".into(),
                ));
            }
            for (file, g) in records {
                writeln!(out, "; {file}: {}", g.describe()).map_err(io)?;
                for o in owners {
                    writeln!(out, "update add {o} {ttl} IN TLSA {}", g.tlsa.rdata_text())
                        .map_err(io)?;
                }
            }
            writeln!(out, "send").map_err(io)?;
        }
    }
    Ok(())
}

fn run_generate(a: &GenerateArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let usages =
        parse_list(&a.usage, USAGES, "usage").map_err(|e| Error::Input(format!("--usage: {e}")))?;
    let selectors = parse_list(&a.selector, SELECTORS, "selector")
        .map_err(|e| Error::Input(format!("--selector: {e}")))?;
    let mts = parse_list(&a.matching_type, MATCHING_TYPES, "matching type")
        .map_err(|e| Error::Input(format!("--matching-type: {e}")))?;
    let zone = match &a.zone {
        Some(p) => Some(read_zone(p, &a.zone_input)?),
        None => None,
    };
    let hosts = hosts(&a.service, zone.as_ref())?;
    if let (Some(z), true) = (&zone, hosts.is_empty()) {
        return Err(Error::Input(format!(
            "{}: no MX target inside the zone; give --name HOST",
            z.sources[0].display_path()
        )));
    }
    let owners: Vec<String> = hosts.iter().map(|h| owner_of(h, &a.service)).collect();
    let mut records = Vec::new();
    for input in load_inputs(&a.files)? {
        let file = input.path.display().to_string();
        let made = generate::records(&input, &usages, &selectors, &mts)
            .map_err(|e| Error::Input(format!("{file}: {e}")))?;
        for g in made {
            if !records
                .iter()
                .any(|(_, o): &(String, Generated)| o.tlsa == g.tlsa)
            {
                records.push((file.clone(), g));
            }
        }
    }
    write_records(out, a.format, &owners, a.ttl, &records)?;
    Ok(0)
}

/// The TLSA RRset a client finds at `owner`, following CNAMEs inside the zone (RFC 7671 §7)
/// and the wildcard that answers for a name the zone does not hold (RFC 4592 §3.3.1, such
/// as `*._tcp.HOST`); returns the name the records are at and the records.
pub fn tlsa_at(zone: &Zone, owner: &[u8]) -> (Vec<u8>, Vec<Tlsa>) {
    let mut at = name::to_lowercase(owner);
    for _ in 0..16 {
        let Some(id) = zone.names.find(&at).or_else(|| zone.wildcard_for(&at)) else {
            return (at, Vec::new());
        };
        if let Some(c) = cname_at(zone, id) {
            match crate::zone::view::target(t::CNAME, zone.rdata(c)) {
                Some(target) => {
                    at = name::to_lowercase(target);
                    continue;
                }
                None => return (at, Vec::new()),
            }
        }
        let records = zone
            .records
            .iter()
            .filter(|r| r.owner == id && r.rtype == t::TLSA)
            .filter_map(|r| Tlsa::from_rdata(zone.rdata(r)))
            .collect();
        return (at, records);
    }
    (at, Vec::new())
}

/// The CNAME record at a name of the zone, if it has one.
fn cname_at(zone: &Zone, id: crate::zone::name::NameId) -> Option<&crate::zone::Record> {
    zone.records
        .iter()
        .find(|r| r.owner == id && r.rtype == t::CNAME)
}

/// Where a host's CNAME chain ends inside the zone, if the host is an alias (at most 8 links).
fn expanded_host(zone: &Zone, host: &[u8]) -> Option<Vec<u8>> {
    let mut cur = name::to_lowercase(host);
    for _ in 0..8 {
        let id = zone.names.find(&cur)?;
        let Some(c) = cname_at(zone, id) else {
            return (cur != name::to_lowercase(host)).then_some(cur);
        };
        let target = crate::zone::view::target(t::CNAME, zone.rdata(c))?;
        if !name::is_subdomain(target, &zone.origin) {
            return None;
        }
        cur = name::to_lowercase(target);
    }
    None
}

/// RFC 7671 §5.2.2: a DANE-TA match stands only if the chain from the leaf up to the trust
/// anchor is within its validity period (DANE-EE ignores validity, RFC 7672 §3.1.1).
fn chain_valid_at(input: &Input, ta: usize, now: i64) -> Result<(), String> {
    let path = input.issuer_path();
    let upto = path.iter().position(|&i| i == ta).map_or(0, |p| p + 1);
    let leaf = input.leaf().into_iter();
    for c in leaf.chain(path[..upto].iter().map(|&i| &input.certs[i])) {
        if now < c.not_before {
            return Err(format!(
                "{} is not valid before {}",
                c.name(),
                crate::zone::rdata::format_time(c.not_before)
            ));
        }
        if now > c.not_after {
            return Err(format!(
                "{} expired at {}",
                c.name(),
                crate::zone::rdata::format_time(c.not_after)
            ));
        }
    }
    Ok(())
}

/// The records to suggest when nothing matches: `3 1 1` for the leaf (or key) and `2 1 1`
/// for the leaf's issuer.
fn suggestions(input: &Input) -> Vec<Generated> {
    let mut out = generate::records(input, &[3], &[1], &[1]).unwrap_or_default();
    if input.leaf().is_some() {
        if let Ok(ta) = generate::records(input, &[2], &[1], &[1]) {
            out.extend(
                ta.into_iter()
                    .filter(|g| matches!(g.role, Role::Ca { issued_leaf: true })),
            );
        }
    }
    out
}

fn run_check(a: &CheckArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let now = crate::cli::parse_now(a.now.as_deref())?;
    let zone = read_zone(&a.zone, &a.zone_input)?;
    let inputs = load_inputs(&a.certs)?;
    // The hosts are the `--name`s; the zone's MX targets only when none is given, so that a
    // renewal hook for one host is not failed by another host's certificate.
    let mx_default = a.service.names.is_empty().then_some(&zone);
    let hosts = hosts(&a.service, mx_default)?;
    if hosts.is_empty() {
        return Err(Error::Input(format!(
            "{}: no MX target inside the zone; give --name HOST",
            a.zone.display()
        )));
    }
    let mut failed = false;
    for host in &hosts {
        let owner = owner_of(host, &a.service);
        let owner_wire = owner_wire_of(host, &a.service);
        let (mut at, mut records) = tlsa_at(&zone, &owner_wire);
        // RFC 7672 §2.2.2: a host that is an alias has its TLSA records looked up at the
        // CNAME-expanded name first, then at its own.
        if let Some(e) = expanded_host(&zone, host) {
            let (e_at, e_records) = tlsa_at(&zone, &owner_wire_of(&e, &a.service));
            if !e_records.is_empty() {
                (at, records) = (e_at, e_records);
            }
        }
        let via = if name::to_lowercase(&owner_wire) == at {
            String::new()
        } else {
            format!(" (via CNAME at {})", name::to_text(&at))
        };
        for input in &inputs {
            let file = input.path.display();
            let mut verdicts = Vec::new();
            let mut ok = None;
            for r in &records {
                let verdict = match matching::matches(r, input) {
                    _ if !matching::usable(r, a.service.port) => {
                        "unusable here (RFC 7672 §3.1.3 for usages 0 and 1 on port 25; RFC 6698 §4.1 for unknown parameters)".to_string()
                    }
                    Some(m @ (Matched::Leaf | Matched::Key(_))) => {
                        ok.get_or_insert_with(|| (r.clone(), m));
                        format!("matches {}", matching::describe(m, input))
                    }
                    Some(m @ Matched::Issuer(i)) => match chain_valid_at(input, i, now) {
                        Ok(()) => {
                            ok.get_or_insert_with(|| (r.clone(), m));
                            format!("matches {}", matching::describe(m, input))
                        }
                        Err(why) => format!(
                            "matches {}, but {why}, so a client refuses the chain",
                            matching::describe(m, input)
                        ),
                    },
                    Some(m @ Matched::OffPath(_)) => {
                        format!("names {}", matching::describe(m, input))
                    }
                    None => "matches nothing in this file".to_string(),
                };
                verdicts.push(format!("  {}  {verdict}", r.short_text()));
            }
            match ok {
                Some((r, m)) => writeln!(
                    out,
                    "{owner}{via}: {file} is covered: {} matches {}",
                    r.short_text(),
                    matching::describe(m, input)
                )
                .map_err(io)?,
                None => {
                    failed = true;
                    if records.is_empty() {
                        writeln!(
                            out,
                            "{owner}{via}: {file} is not covered: no TLSA records there"
                        )
                        .map_err(io)?;
                    } else {
                        writeln!(
                            out,
                            "{owner}{via}: {file} is not covered: no TLSA record there matches it"
                        )
                        .map_err(io)?;
                        for v in &verdicts {
                            writeln!(out, "{v}").map_err(io)?;
                        }
                    }
                    writeln!(
                        out,
                        "publish these, then wait out the TLSA RRset's TTL before deploying:"
                    )
                    .map_err(io)?;
                    let shown = name::to_text(&at);
                    for g in suggestions(input) {
                        writeln!(out, "; {}", g.describe()).map_err(io)?;
                        writeln!(out, "{shown}\t{}\tIN\tTLSA\t{}", a.ttl, g.tlsa.rdata_text())
                            .map_err(io)?;
                    }
                }
            }
        }
    }
    Ok(i32::from(failed))
}

fn run_next_key(a: &NextKeyArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let hosts = hosts(&a.service, None)?;
    if a.csr.is_some() && a.service.names.is_empty() {
        return Err(Error::Input(
            "--csr needs the names to ask for: give --name HOST".into(),
        ));
    }
    // Both files are checked before a key is made.
    let refused = |e: atomic::WriteError| Error::Input(e.to_string());
    atomic::check_writable(&a.key, a.force).map_err(refused)?;
    if let Some(c) = &a.csr {
        if c == &a.key {
            return Err(Error::Input("--csr and --key name the same file".into()));
        }
        atomic::check_writable(c, a.force).map_err(refused)?;
    }
    let key = NewKey::generate(a.algorithm).map_err(Error::Input)?;
    let csr = match &a.csr {
        Some(_) => Some(key.csr_pem(&a.service.names).map_err(Error::Input)?),
        None => None,
    };
    // The key and its CSR are written both or neither; the CSR is put in place first, so
    // that the key, the one that matters, never appears without it.
    let private = key.private_pem();
    let mut files = Vec::new();
    if let (Some(path), Some(pem)) = (&a.csr, &csr) {
        files.push(atomic::NewFile {
            path,
            data: pem.as_bytes(),
            mode: 0o644,
        });
    }
    files.push(atomic::NewFile {
        path: &a.key,
        data: private.as_bytes(),
        mode: 0o600,
    });
    atomic::write_all_or_none(&files, a.force).map_err(refused)?;
    let key = input::Key {
        spki: key.spki(),
        form: input::KeyForm::Pkcs8,
        dns_names: a.service.names.clone(),
    };
    let input = Input::new(a.key.clone(), Vec::new(), vec![key]);
    let records: Vec<(String, Generated)> = generate::records(&input, &[3], &[1], &[1])
        .map_err(Error::Input)?
        .into_iter()
        .map(|g| (a.key.display().to_string(), g))
        .collect();
    let owners: Vec<String> = hosts.iter().map(|h| owner_of(h, &a.service)).collect();
    write_records(out, a.format, &owners, a.ttl, &records)?;
    Ok(0)
}
