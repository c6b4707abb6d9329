//! The integration tests: one binary (`cargo test --test it`), one module per area, and the
//! helpers they share in `util`. `cargo test --test it MODULE::` runs one module's tests.

mod util;

mod docs_support;
mod nsd_support;
mod tlsa_support;

mod cascade;
mod chain_svg;
mod cli;
mod config;
mod crosszone;
mod desired;
mod desired_schema;
mod differential_bind;
mod differential_peers;
mod differential_rules;
mod docs;
mod formats;
mod hickory_records;
mod hostile;
mod keytrap;
mod layers;
mod lint_cert;
mod lint_corpus;
mod no_network;
mod nsd;
mod parsed_keys;
mod progress;
mod registry;
mod repo;
mod rollover;
mod scorecard;
mod shape;
mod stdin_spool;
mod svg_timeline;
mod tlsa_check;
mod tlsa_docs;
mod tlsa_generate;
mod tlsa_hooks;
mod tlsa_next_key;
mod transfer;
mod verify;
mod verify_cache;
mod verify_cli;
mod walk;
mod zonemd;
