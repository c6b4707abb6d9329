//! Code a newcomer can read: no file in `src/` over 800 lines and no function over 120,
//! counted from the `fn` line to its closing brace. Generated tables would be named here as
//! exceptions; there are none.

const MAX_FILE_LINES: usize = 800;
const MAX_FN_LINES: usize = 120;
/// Files exempt from the limits (generated tables), relative to `src/`.
const EXCEPT: &[&str] = &[];

/// The text with comments, string and character literals blanked out (newlines kept), so
/// that braces can be counted.
fn code_only(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |k| i + k);
                blank(&mut out, i, end);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..].find("*/").map_or(b.len(), |k| i + 2 + k + 2);
                blank(&mut out, i, end);
                i = end;
            }
            b'r' if matches!(b.get(i + 1), Some(b'"') | Some(b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let start = i + 2 + hashes;
                let end = text[start..]
                    .find(&close)
                    .map_or(b.len(), |k| start + k + close.len());
                blank(&mut out, i, end);
                i = end;
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                blank(&mut out, i, (j + 1).min(b.len()));
                i = j + 1;
            }
            b'\'' => {
                // A character literal ('x', '\n', '\u{..}'), not a lifetime ('a).
                let end = if b.get(i + 1) == Some(&b'\\') {
                    b[i + 2..]
                        .iter()
                        .position(|&c| c == b'\'')
                        .map(|k| i + 2 + k + 1)
                } else if b.get(i + 2) == Some(&b'\'') {
                    Some(i + 3)
                } else {
                    let ch = text[i + 1..].chars().next();
                    ch.filter(|c| !c.is_ascii())
                        .map(|c| i + 1 + c.len_utf8())
                        .filter(|&k| b.get(k) == Some(&b'\''))
                        .map(|k| k + 1)
                };
                match end {
                    Some(e) => {
                        blank(&mut out, i, e);
                        i = e;
                    }
                    None => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// `(line, length, name)` of every function with a body.
fn functions(text: &str) -> Vec<(usize, usize, String)> {
    let code = code_only(text);
    let code = String::from_utf8_lossy(&code).into_owned();
    let lines: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let Some(at) = t.find("fn ") else { continue };
        let head = &t[..at];
        let is_fn = head.split_whitespace().all(|w| {
            matches!(
                w,
                "pub" | "pub(crate)" | "pub(super)" | "const" | "async" | "unsafe" | "extern"
            )
        });
        if !is_fn {
            continue;
        }
        let name: String = t[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // Find the body's opening brace (or a `;`: a declaration without a body).
        let mut depth = 0i32;
        let mut opened = false;
        let mut end = None;
        'lines: for (k, l) in lines.iter().enumerate().skip(n) {
            for c in l.chars() {
                match c {
                    ';' if !opened && depth == 0 => break 'lines,
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => {
                        depth -= 1;
                        if opened && depth == 0 {
                            end = Some(k);
                            break 'lines;
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(e) = end {
            found.push((n + 1, e - n + 1, name));
        }
    }
    found
}

#[test]
fn files_and_functions_stay_short() {
    let src = crate::util::root().join("src");
    let files = crate::util::files_with_ext(&src, "rs");
    let mut problems = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if EXCEPT.contains(&rel.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let n = text.lines().count();
        if n > MAX_FILE_LINES {
            problems.push(format!("src/{rel}: {n} lines (at most {MAX_FILE_LINES})"));
        }
        for (line, len, name) in functions(&text) {
            if len > MAX_FN_LINES {
                problems.push(format!(
                    "src/{rel}:{line}: fn {name} is {len} lines (at most {MAX_FN_LINES})"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "too long:\n{}", problems.join("\n"));
}

#[test]
fn the_counter_sees_braces_only_in_code() {
    let text = "fn a() {\n    let s = \"{{\";\n    let c = '}';\n    // }\n    let r = r#\"}\"#;\n}\nfn b<'x>(v: &'x str) -> &'x str {\n    v\n}\n";
    assert_eq!(
        functions(text),
        [(1, 6, "a".to_string()), (7, 3, "b".to_string())]
    );
}
