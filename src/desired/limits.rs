//! Limits on desired-state YAML, enforced before serde_yaml sees the text.
//!
//! A desired-state file may come from anyone who can open a pull request, and serde_yaml
//! (0.9, deprecated) bounds neither the cost of deep nesting (libyaml's scanner does work in
//! proportion to the nesting depth for every token, so `[[[[…` costs the square of its
//! length) nor the expansion of aliases (each `*alias` replays every event of its anchored
//! node, so a list aliased from every record costs its length times theirs). This module
//! reads the event stream once with saphyr-parser, a maintained YAML 1.2 parser in safe Rust
//! that numbers anchors and aliases, without building anything, and refuses the file when
//! it is larger than [`MAX_BYTES`], nests deeper than [`MAX_DEPTH`] collections, or when its
//! aliases would expand to more than [`EXPANSION_PER_NODE`] nodes per node written plus
//! [`EXPANSION_ALLOWANCE`]. The scan stops at the first collection over the depth limit, so it
//! stays linear in the file's size.

use saphyr_parser::{Event, Parser, ScanError, Span};

/// The largest desired-state file read: far above any real zone (a 100,000-record zone
/// exports to about 5 MiB).
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;
/// The deepest nesting of collections: a desired state needs five levels (names, a list of
/// records, a record, `values`, a structured value).
pub const MAX_DEPTH: usize = 64;
/// Aliases may expand to this many nodes per node written…
pub const EXPANSION_PER_NODE: u64 = 10;
/// …plus this many, so that a small file may reuse a value freely.
pub const EXPANSION_ALLOWANCE: u64 = 100_000;

/// Why a desired-state file is refused before it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LimitError {
    /// The file is larger than [`MAX_BYTES`].
    TooLarge { bytes: u64 },
    /// A collection opens deeper than [`MAX_DEPTH`], at this line and column (1-based).
    TooDeep { line: usize, column: usize },
    /// Aliases expand past the budget: the alias at this line and column (1-based) is the
    /// first past it.
    TooManyExpansions {
        line: usize,
        column: usize,
        budget: u64,
        nodes: u64,
    },
    /// An alias names a node that contains it: expanding it would never end.
    RecursiveAlias { line: usize, column: usize },
}

impl LimitError {
    /// The 1-based line and column the limit was passed at, when there is one.
    pub fn position(&self) -> Option<(usize, usize)> {
        match *self {
            LimitError::TooLarge { .. } => None,
            LimitError::TooDeep { line, column }
            | LimitError::TooManyExpansions { line, column, .. }
            | LimitError::RecursiveAlias { line, column } => Some((line, column)),
        }
    }
}

impl std::fmt::Display for LimitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LimitError::TooLarge { bytes } => write!(
                f,
                "{bytes} bytes, more than the 16 MiB ({MAX_BYTES} bytes) a desired-state file may hold"
            ),
            LimitError::TooDeep { .. } => write!(
                f,
                "nested deeper than {MAX_DEPTH} collections: a desired-state file needs five levels"
            ),
            LimitError::TooManyExpansions { budget, nodes, .. } => write!(
                f,
                "aliases expand to more than {budget} nodes, the limit for {nodes} nodes written \
                 ({EXPANSION_PER_NODE} per node plus {EXPANSION_ALLOWANCE})"
            ),
            LimitError::RecursiveAlias { .. } => {
                f.write_str("an alias to a node that contains it expands without end")
            }
        }
    }
}

impl std::error::Error for LimitError {}

/// What one scan found.
enum Scanned {
    /// The whole stream was read: `nodes` written, `expanded` once aliases are expanded.
    Done { nodes: u64, expanded: u64 },
    /// The scan stopped at a limit.
    Limit(LimitError),
    /// saphyr-parser could not read the text; `nodes` and `expanded` count what came before.
    Syntax {
        error: ScanError,
        nodes: u64,
        expanded: u64,
    },
}

fn at(span: &Span) -> (usize, usize) {
    (span.start.line(), span.start.col() + 1)
}

/// Reads the event stream, counting nodes written and nodes after alias expansion, and
/// stops at the first collection deeper than [`MAX_DEPTH`]; with `stop_past`, also at the
/// first alias that takes the expanded count past it.
fn scan(text: &str, stop_past: Option<u64>) -> Scanned {
    // The expanded size of each anchored node, by saphyr's anchor id (`None` while the node
    // is still open).
    let mut sizes: Vec<Option<u64>> = Vec::new();
    // Open collections: their anchor id (0 for none) and the expanded count before them.
    let mut open: Vec<(usize, u64)> = Vec::new();
    let (mut nodes, mut expanded) = (0u64, 0u64);
    let set = |sizes: &mut Vec<Option<u64>>, id: usize, size: Option<u64>| {
        if id != 0 {
            if sizes.len() <= id {
                sizes.resize(id + 1, None);
            }
            sizes[id] = size;
        }
    };
    for item in Parser::new_from_str(text) {
        let (event, span) = match item {
            Ok(e) => e,
            // saphyr-parser's scanner refuses flow collections deeper than 256 while it looks
            // ahead for a key, before any event of them is out: deeper than MAX_DEPTH too.
            // (Should the message change, the file is still refused, as a syntax error.)
            Err(error) if error.info() == "recursion limit exceeded" => {
                return Scanned::Limit(LimitError::TooDeep {
                    line: error.marker().line(),
                    column: error.marker().col() + 1,
                });
            }
            Err(error) => {
                return Scanned::Syntax {
                    error,
                    nodes,
                    expanded,
                }
            }
        };
        match event {
            Event::Scalar(_, _, id, _) => {
                nodes += 1;
                expanded = expanded.saturating_add(1);
                set(&mut sizes, id, Some(1));
            }
            Event::SequenceStart(id, _) | Event::MappingStart(id, _) => {
                if open.len() >= MAX_DEPTH {
                    let (line, column) = at(&span);
                    return Scanned::Limit(LimitError::TooDeep { line, column });
                }
                nodes += 1;
                open.push((id, expanded));
                expanded = expanded.saturating_add(1);
                set(&mut sizes, id, None);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((id, before)) = open.pop() {
                    set(&mut sizes, id, Some(expanded - before));
                }
            }
            Event::Alias(id) => {
                let Some(size) = sizes.get(id).copied().flatten() else {
                    let (line, column) = at(&span);
                    return Scanned::Limit(LimitError::RecursiveAlias { line, column });
                };
                expanded = expanded.saturating_add(size);
                if let Some(budget) = stop_past.filter(|&budget| expanded > budget) {
                    let (line, column) = at(&span);
                    return Scanned::Limit(LimitError::TooManyExpansions {
                        line,
                        column,
                        budget,
                        nodes,
                    });
                }
            }
            _ => {}
        }
    }
    Scanned::Done { nodes, expanded }
}

/// The expansion budget for `nodes` nodes written.
fn budget(nodes: u64) -> u64 {
    nodes
        .saturating_mul(EXPANSION_PER_NODE)
        .saturating_add(EXPANSION_ALLOWANCE)
}

/// What [`check`] found wrong.
pub enum Refused {
    /// A limit is passed.
    Limit(LimitError),
    /// saphyr-parser cannot read the text at this 1-based line and column. The file is
    /// refused with its message: nothing past this point was counted, so handing the text to
    /// serde_yaml (whose libyaml might read on) would reopen the limits.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
}

/// Checks a desired-state file's text against the limits.
pub fn check(text: &str) -> Result<(), Refused> {
    if text.len() as u64 > MAX_BYTES {
        return Err(Refused::Limit(LimitError::TooLarge {
            bytes: text.len() as u64,
        }));
    }
    let (nodes, expanded, syntax) = match scan(text, None) {
        Scanned::Done { nodes, expanded } => (nodes, expanded, None),
        Scanned::Limit(e) => return Err(Refused::Limit(e)),
        Scanned::Syntax {
            error,
            nodes,
            expanded,
        } => (nodes, expanded, Some(error)),
    };
    let allowed = budget(nodes);
    if expanded > allowed {
        // Only the whole count says whether the budget is passed; a second scan finds the
        // alias that passes it, for the message.
        let (line, column) = match scan(text, Some(allowed)) {
            Scanned::Limit(e) => e.position().unwrap_or((1, 1)),
            _ => (1, 1),
        };
        return Err(Refused::Limit(LimitError::TooManyExpansions {
            line,
            column,
            budget: allowed,
            nodes,
        }));
    }
    match syntax {
        None => Ok(()),
        Some(e) => Err(Refused::Syntax {
            line: e.marker().line(),
            column: e.marker().col() + 1,
            message: e.info().to_string(),
        }),
    }
}
