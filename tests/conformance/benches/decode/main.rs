//! The generated Rust on the payloads an app and a backend actually handle, against every
//! baseline in the same run: the seed response, a LINKED response with 50 VPAs × 3 accounts
//! (built here), the same with six errors, and the seed request.
//!
//! - `validate` (every error, on a parsed tree): generated `validate`; the `jsonschema` crate's
//!   runtime validator (formats and content asserted, as `contractgen validate` builds it); the
//!   `jsonschema` crate's compile-time `#[jsonschema::validator]` macro (formats asserted; it
//!   cannot assert `contentSchema`, so it skips the embedded JSON the other two parse).
//! - bytes to a typed value (valid payloads): generated `from_slice`; the floor, a plain serde
//!   derive of the same fields with no checks (`floor.rs`); `from_slice::<Value>` alone; and what
//!   users write today, `from_slice::<Value>` + the runtime validator + `from_value`.
//! - a typed value built in code: generated `validate_typed`, against serializing it
//!   (`to_value`) and running `validate` on the tree.
//!
//! Run: `cargo bench -p conformance --bench decode`; results are recorded in BENCHMARKS.md.

mod floor;
mod payloads;

use std::time::Duration;

use contracts::get_session_token::{request, response};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use serde_json::Value;

/// The macro baseline: the schema compiled into Rust at build time by the `jsonschema` crate,
/// formats asserted (the contract's settings), with the shared envelope it refers to by `$id`.
#[jsonschema_macro::validator(
    path = "../../schema/get_session_token/response.schema.json",
    draft = Draft202012,
    validate_formats = true,
    resources = {
        "https://contracts.contractgen.dev/shared/process_result.json" => {
            path = "../../schema/shared/process_result.json"
        }
    }
)]
struct MacroResponse;

#[jsonschema_macro::validator(
    path = "../../schema/get_session_token/request.schema.json",
    draft = Draft202012,
    validate_formats = true,
    resources = {
        "https://contracts.contractgen.dev/shared/process_result.json" => {
            path = "../../schema/shared/process_result.json"
        }
    }
)]
struct MacroRequest;

/// One payload, with what each side needs.
struct Payload {
    name: &'static str,
    bytes: Vec<u8>,
    value: Value,
    /// The errors `validate` reports (0 for a valid payload), asserted before timing.
    errors: usize,
}

impl Payload {
    fn new(name: &'static str, value: Value, errors: usize) -> Payload {
        Payload {
            name,
            bytes: serde_json::to_vec(&value).unwrap_or_default(),
            value,
            errors,
        }
    }
}

fn vector(path: &str) -> Value {
    let file = conformance::repo_root().join("tests/vectors").join(path);
    let text = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn responses() -> Vec<Payload> {
    vec![
        Payload::new(
            "seed response",
            vector("get_session_token/response/valid/page_example.json"),
            0,
        ),
        Payload::new("LINKED 50x3", payloads::linked(50), 0),
        Payload::new("LINKED 50x3, 6 errors", payloads::linked_with_errors(50), 6),
    ]
}

fn requests() -> Vec<Payload> {
    vec![Payload::new(
        "seed request",
        vector("get_session_token/request/valid/page_example_upi_action.json"),
        0,
    )]
}

/// The payloads of one message, the generated error count, the runtime validator and the
/// macro's error count.
type Sides<'a> = (
    &'a [Payload],
    fn(&Value) -> usize,
    &'a jsonschema::Validator,
    fn(&Value) -> usize,
);

/// Errors as text, for a failed setup check.
fn listed(errors: contractgen_runtime::ValidationErrors) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

/// Every side must see the payload the way its name says before anything is timed.
fn check_payloads(
    payloads: &[Payload],
    validate: fn(&Value) -> Vec<String>,
    macro_valid: fn(&Value) -> bool,
) {
    for p in payloads {
        let errors = validate(&p.value);
        assert_eq!(
            errors.len(),
            p.errors,
            "{}: generated errors {errors:#?}",
            p.name
        );
        assert_eq!(
            macro_valid(&p.value),
            p.errors == 0,
            "{}: macro verdict",
            p.name
        );
    }
}

fn validate(c: &mut Criterion) {
    let root = conformance::repo_root().join("schema/get_session_token");
    let runtime_response =
        contractgen::reference::validator_for_file(&root.join("response.schema.json"))
            .expect("response schema compiles in the jsonschema crate");
    let runtime_request =
        contractgen::reference::validator_for_file(&root.join("request.schema.json"))
            .expect("request schema compiles in the jsonschema crate");
    let response_errors = |v: &Value| response::validate(v).err().map_or(0, |e| e.len());
    let request_errors = |v: &Value| request::validate(v).err().map_or(0, |e| e.len());
    check_payloads(
        &responses(),
        |v| response::validate(v).err().map(listed).unwrap_or_default(),
        MacroResponse::is_valid,
    );
    check_payloads(
        &requests(),
        |v| request::validate(v).err().map(listed).unwrap_or_default(),
        MacroRequest::is_valid,
    );

    let mut group = c.benchmark_group("validate all errors");
    let sides: [Sides; 2] = [
        (&responses(), response_errors, &runtime_response, |v| {
            MacroResponse::iter_errors(v).count()
        }),
        (&requests(), request_errors, &runtime_request, |v| {
            MacroRequest::iter_errors(v).count()
        }),
    ];
    for (payloads, generated, runtime, macro_errors) in sides {
        for p in payloads {
            group.bench_with_input(BenchmarkId::new("generated", p.name), p, |b, p| {
                b.iter(|| generated(&p.value))
            });
            group.bench_with_input(BenchmarkId::new("jsonschema runtime", p.name), p, |b, p| {
                b.iter(|| runtime.iter_errors(&p.value).count())
            });
            group.bench_with_input(BenchmarkId::new("jsonschema macro", p.name), p, |b, p| {
                b.iter(|| macro_errors(&p.value))
            });
        }
    }
    group.finish();

    let mut group = c.benchmark_group("bytes to typed value");
    let decoders = [
        Decoders {
            payloads: responses(),
            generated: |bytes| response::from_slice(bytes).is_ok(),
            floor: floor::response,
            runtime: &runtime_response,
            from_value: |v| serde_json::from_value::<response::Response>(v).is_ok(),
        },
        Decoders {
            payloads: requests(),
            generated: |bytes| request::from_slice(bytes).is_ok(),
            floor: floor::request,
            runtime: &runtime_request,
            from_value: |v| serde_json::from_value::<request::Request>(v).is_ok(),
        },
    ];
    for decoders in &decoders {
        for p in decoders.payloads.iter().filter(|p| p.errors == 0) {
            let bytes = p.bytes.as_slice();
            group.bench_function(BenchmarkId::new("generated from_slice", p.name), |b| {
                b.iter(|| (decoders.generated)(bytes))
            });
            group.bench_function(BenchmarkId::new("floor: plain serde", p.name), |b| {
                b.iter(|| (decoders.floor)(bytes))
            });
            group.bench_function(BenchmarkId::new("Value only", p.name), |b| {
                b.iter(|| serde_json::from_slice::<Value>(bytes).is_ok())
            });
            group.bench_function(
                BenchmarkId::new("Value + jsonschema + from_value", p.name),
                |b| {
                    b.iter(|| {
                        serde_json::from_slice::<Value>(bytes).is_ok_and(|v| {
                            decoders.runtime.is_valid(&v) && (decoders.from_value)(v)
                        })
                    })
                },
            );
        }
    }
    group.finish();
}

/// `validate_typed` on values built in code (here decoded without checks) against what it
/// replaces, serializing the value and running `validate` on the tree; both give the same
/// errors, asserted before timing.
fn validate_typed(c: &mut Criterion) {
    let mut group = c.benchmark_group("typed value, all errors");
    for p in responses() {
        let Ok(typed) = serde_json::from_value::<response::Response>(p.value.clone()) else {
            continue;
        };
        let tree = |t: &response::Response| {
            serde_json::to_value(t).map_or(usize::MAX, |v| {
                response::validate(&v).err().map_or(0, |e| e.len())
            })
        };
        let typed_errors =
            |t: &response::Response| response::validate_typed(t).err().map_or(0, |e| e.len());
        assert_eq!(typed_errors(&typed), tree(&typed), "{}", p.name);
        group.bench_function(BenchmarkId::new("generated validate_typed", p.name), |b| {
            b.iter(|| typed_errors(&typed))
        });
        group.bench_function(BenchmarkId::new("to_value + validate", p.name), |b| {
            b.iter(|| tree(&typed))
        });
    }
    for p in requests() {
        let Ok(typed) = serde_json::from_value::<request::Request>(p.value.clone()) else {
            continue;
        };
        let tree = |t: &request::Request| {
            serde_json::to_value(t).map_or(usize::MAX, |v| {
                request::validate(&v).err().map_or(0, |e| e.len())
            })
        };
        let typed_errors =
            |t: &request::Request| request::validate_typed(t).err().map_or(0, |e| e.len());
        assert_eq!(typed_errors(&typed), tree(&typed), "{}", p.name);
        group.bench_function(BenchmarkId::new("generated validate_typed", p.name), |b| {
            b.iter(|| typed_errors(&typed))
        });
        group.bench_function(BenchmarkId::new("to_value + validate", p.name), |b| {
            b.iter(|| tree(&typed))
        });
    }
    group.finish();
}

/// The ways one message's bytes become a typed value.
struct Decoders<'a> {
    payloads: Vec<Payload>,
    generated: fn(&[u8]) -> bool,
    floor: fn(&[u8]) -> bool,
    runtime: &'a jsonschema::Validator,
    from_value: fn(Value) -> bool,
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = validate, validate_typed
}
criterion_main!(benches);
