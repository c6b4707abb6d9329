//! Standard input is spooled to an unnamed temporary file rather than held in memory: a
//! report on a zone piped in still quotes its lines, from anywhere in a text larger than
//! the reader's window, and nothing is left in the temporary directory.

use crate::util::{self, scratch};

#[test]
fn a_large_zone_on_standard_input_is_quoted_from_the_spool() {
    let tmp = scratch("stdin-spool-tmp");
    let mut zone = String::from(
        "$ORIGIN spool.example.\n$TTL 3600\n@ SOA ns1 h 1 7200 3600 1209600 3600\n@ NS ns1\nns1 A 192.0.2.1\n",
    );
    // About 6 MB: past the reader's first window of 4 MiB.
    for i in 0..200_000 {
        zone.push_str(&format!("host{i:06} A 192.0.2.{}\n", i % 250 + 1));
    }
    zone.push_str("last CNAME elsewhere.example.\nlast A 192.0.2.9\n");
    let config = scratch("stdin-spool-config").join("zonewarden.toml");
    std::fs::write(&config, "select = [\"ZW1101\"]\n").unwrap();
    let o = util::zw_stdin(
        util::root(),
        &["lint", "--config", config.to_str().unwrap(), "-"],
        zone.as_bytes(),
        &[("TMPDIR", tmp.to_str().unwrap())],
    );
    let out = util::stdout(&o);
    assert!(out.contains("last CNAME elsewhere.example."), "{out}");
    assert!(out.contains("last A 192.0.2.9"), "{out}");
    assert!(out.contains(&format!("-:{}:1", 200_006)), "{out}");
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 0);
}
