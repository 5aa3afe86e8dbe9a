//! The schema mutation harness: mutates the official suite's schemas, generates from each in a
//! child process, compiles everything generated in one Rust and one Kotlin build with warnings
//! as errors, and compares the findings with `tests/mutation/known-findings.tsv`.
//!
//! `mutation-harness run` (what `tests/mutation/run` calls) reads `MUTATION_SEED` and
//! `MUTATION_CASES`; `mutation-harness generate-one CASE_DIR REMOTES` is the child's side.

mod batch;
mod child;
mod corpus;
mod known;
mod kotlin_build;
mod mutate;
mod rng;
mod run;
mod rust_build;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Mutated schemas nest thousands of levels deep, and `serde_json::Value` clones, compares,
/// prints and drops recursively: the harness runs on a thread with room for that.
const STACK_BYTES: usize = 256 << 20;

fn main() -> ExitCode {
    let worker = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(harness);
    match worker.map(|handle| handle.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("error: the harness thread failed");
            ExitCode::FAILURE
        }
    }
}

fn harness() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["run"] => run::run(&root),
        ["generate-one", case_dir, remotes] => {
            child::generate_one(Path::new(case_dir), Path::new(remotes)).map(|()| ExitCode::SUCCESS)
        }
        _ => Err("usage: mutation-harness run | generate-one CASE_DIR REMOTES".to_string()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
