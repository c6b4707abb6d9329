//! GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=ZW1101::message`,
//! which the runner turns into annotations on the pull request.

use super::ZoneReport;
use crate::diag::{escape_controls, Severity};

/// Workflow-command escaping of a property value or message (`%`, CR, LF; `:` and `,` too
/// in properties), after every other control character is escaped as the other reports do.
fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push_str(&escape_controls(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

pub fn render(reports: &[ZoneReport]) -> String {
    let mut s = String::new();
    for r in reports {
        for d in &r.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut props = Vec::new();
            match r.zone.locate(d) {
                Some(l) => {
                    props.push(format!("file={}", escape(&l.file, true)));
                    props.push(format!("line={}", l.start.line));
                    props.push(format!("col={}", l.start.col));
                    props.push(format!("endLine={}", l.end.line));
                }
                None => props.push(format!(
                    "file={}",
                    escape(&r.zone.sources[0].display_path(), true)
                )),
            }
            props.push(format!(
                "title={}",
                escape(&format!("{} {}", d.rule.code, d.rule.name), true)
            ));
            let mut msg = d.message().to_string();
            if let Some(fix) = d.fix() {
                msg.push_str("\nhelp: ");
                msg.push_str(fix);
            }
            s.push_str(&format!(
                "::{level} {}::{}\n",
                props.join(","),
                escape(&msg, false)
            ));
        }
    }
    s
}
