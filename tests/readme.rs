//! The README's rule table is generated from the rule registry; this fails when it is stale
//! and prints the table to paste (or run with `ZONEWARDEN_BLESS=1` to rewrite it).

use std::path::Path;

fn table() -> String {
    let mut s = String::from("| code | name | default | what it checks |\n|---|---|---|---|\n");
    for r in zonewarden::rules::ALL {
        s.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            r.code,
            r.name,
            r.severity.as_str(),
            r.summary()
        ));
    }
    s
}

#[test]
fn readme_rule_table_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme.find(start).expect("README has a rules:start marker") + start.len();
    let b = readme.find(end).expect("README has a rules:end marker");
    let want = table();
    if readme[a..b] != want {
        if std::env::var_os("ZONEWARDEN_BLESS").is_some() {
            let updated = format!("{}{}{}", &readme[..a], want, &readme[b..]);
            std::fs::write(&path, updated).unwrap();
        } else {
            panic!("README rule table is stale; run `ZONEWARDEN_BLESS=1 cargo test --test readme`. Expected:\n{want}");
        }
    }
}
