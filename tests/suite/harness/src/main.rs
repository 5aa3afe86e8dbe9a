//! The official JSON-Schema-Test-Suite through contractgen, in two steps around the builds:
//! `prepare` turns every suite schema into a contract (one folder per suite file, one message
//! per schema), generates the Rust crates and Kotlin sources for those the generator accepts
//! and writes the test cases; `report` reads what the runners found, compares it with the
//! known-failures list and writes `tests/suite/REPORT.md`.

mod known;
mod prepare;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let result = match args.first().map(String::as_str) {
        Some("prepare") => prepare::run(&root),
        Some("report") => report::run(&root),
        _ => Err("usage: suite-harness prepare|report".to_string()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
