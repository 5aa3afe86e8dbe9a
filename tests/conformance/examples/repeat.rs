//! Runs one entry point many times on one payload, for instruction counts that do not depend
//! on what else the machine is doing (BENCHMARKS.md, "Instruction counts"):
//!
//! ```sh
//! cargo build --release -p conformance --example repeat
//! valgrind --tool=callgrind target/release/examples/repeat from_slice response FILE RUNS
//! ```
//!
//! `FILE` is a JSON file, or `linked:N` / `linked-errors:N` for the benchmark's LINKED response
//! with N VPAs (and the same with six broken rules).
//! `ENTRY` is `from_slice` (bytes to a validated typed value), `floor` (the decode benchmark's
//! plain serde derive of the same fields, no checks) or `validate` (on a tree parsed once,
//! before the loop); `MESSAGE` is `request` or `response`. The program reads the file once and
//! prints how many runs succeeded, so a payload the entry point refuses shows as 0. The text is
//! the file's JSON written compactly, as the decode benchmark sends it.

#[path = "../benches/decode/floor.rs"]
mod floor;
#[path = "../benches/decode/payloads.rs"]
mod payloads;

use contracts::get_session_token::{request, response};
use std::hint::black_box;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [entry, message, file, runs] = args.as_slice() else {
        eprintln!("usage: repeat from_slice|floor|validate request|response FILE RUNS");
        return ExitCode::from(2);
    };
    let Ok(runs) = runs.parse::<usize>() else {
        eprintln!("RUNS must be a number, found {runs}");
        return ExitCode::from(2);
    };
    // Read as the decode benchmark sends it: compact text (a vector file is indented).
    let built = |n: &str, build: fn(usize) -> serde_json::Value| n.parse().ok().map(build);
    let tree = match file.split_once(':') {
        Some(("linked", n)) => built(n, payloads::linked),
        Some(("linked-errors", n)) => built(n, payloads::linked_with_errors),
        _ => None,
    };
    let read = match tree {
        Some(tree) => Ok(Ok(tree)),
        None => std::fs::read(file).map(|text| serde_json::from_slice(&text)),
    };
    let tree = match read {
        Ok(Ok(tree)) => tree,
        Ok(Err(e)) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
    };
    let bytes = serde_json::to_vec(&tree).unwrap_or_default();
    let tree = Some(tree);
    let once: Box<dyn Fn() -> bool> = match (entry.as_str(), message.as_str()) {
        ("from_slice", "response") => Box::new(|| response::from_slice(black_box(&bytes)).is_ok()),
        ("from_slice", "request") => Box::new(|| request::from_slice(black_box(&bytes)).is_ok()),
        ("floor", "response") => Box::new(|| floor::response(black_box(&bytes))),
        ("floor", "request") => Box::new(|| floor::request(black_box(&bytes))),
        ("validate", "response") => Box::new(|| {
            tree.as_ref()
                .is_some_and(|tree| response::validate(black_box(tree)).is_ok())
        }),
        ("validate", "request") => Box::new(|| {
            tree.as_ref()
                .is_some_and(|tree| request::validate(black_box(tree)).is_ok())
        }),
        _ => {
            eprintln!("unknown entry point {entry} {message}");
            return ExitCode::from(2);
        }
    };
    let succeeded = (0..runs).filter(|_| once()).count();
    println!("{succeeded} of {runs} succeeded");
    ExitCode::SUCCESS
}
