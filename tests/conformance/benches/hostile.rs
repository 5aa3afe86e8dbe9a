//! Hostile input against the generated Get Session Token validators and decoders: each payload
//! at 1×, 2× and 4× its size, so that time linear in the size shows as ratios of 2 and 4.
//!
//! - (a) a 10 MB string in a field with a pattern (`mpinLength`, `^[0-9]+$`) and in one without
//!   (`errorMessage`);
//! - (b) 100,000 `vpaAccounts` of minimal items, and an unknown member holding a 100,000-element
//!   array (kept in `extra`);
//! - (c) 100 KB strings against the contract's patterns: `^[0-9]+$` matching and failing at the
//!   last character, the uuid pattern on 100 KB of hex digits and on a uuid with 100 KB after it
//!   (that pattern matches only 36 characters, so a long string can only fail);
//! - (d) nesting in `extra`: many members nested exactly to the depth limit and one just past it,
//!   and one member nested far past it.
//!
//! Every payload's verdict (and, when refused, where) is asserted before anything is timed.
//! `validate` runs on a tree parsed in the setup; `from_slice` on the bytes.
//!
//! Run: `cargo bench -p conformance --bench hostile`; results are recorded in BENCHMARKS.md.

use std::time::Duration;

use contracts::get_session_token::response;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::{json, Value};

/// The sizes each payload is built at, as multiples of its base size.
const SCALES: [usize; 3] = [1, 2, 4];

/// How a payload must come out of `validate` and `from_slice`.
#[derive(Debug, Clone)]
enum Verdict {
    Valid,
    /// Refused, every error at this instance pointer.
    RefusedAt(String),
}

/// One hostile payload at one size.
struct Case {
    name: &'static str,
    scale: usize,
    verdict: Verdict,
    value: Value,
    bytes: Vec<u8>,
}

/// A LINKED success reply with one VPA holding one account, the frame the hostile parts go in.
fn linked() -> Value {
    json!({
        "requestId": "f7443c1d-9acb-4b3d-9ae5-0e3c33dfcf5b",
        "service": "in.juspay.hyperapi",
        "payload": {
            "action": "upiGetSessionToken",
            "status": "LINKED",
            "isDeviceBound": "true",
            "isDeviceActivated": "true",
            "prefix": "ABC",
            "vpaAccounts": [{"vpa": "user@okicici", "account": minimal_account()}]
        },
        "error": false,
        "errorMessage": "",
        "errorCode": "",
        "event": "process_result"
    })
}

/// A bank account with only its required fields.
fn minimal_account() -> Value {
    json!({
        "bankCode": "1",
        "bankName": "B",
        "maskedAccountNumber": "X",
        "mpinLength": "6",
        "mpinSet": "true",
        "referenceId": "r",
        "otpLength": "6",
        "atmPinLength": "4"
    })
}

const MPIN_LENGTH: &str = "/payload/vpaAccounts/0/account/mpinLength";

fn set(value: &mut Value, pointer: &str, part: Value) {
    *value
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer} is in the frame")) = part;
}

/// `depth` arrays nested in one another, built without recursion.
fn nested(depth: usize) -> Value {
    let mut value = json!([]);
    for _ in 1..depth {
        value = Value::Array(vec![value]);
    }
    value
}

/// The text of `nested(depth)`, for depths a `Value` could not be serialized from.
fn nested_text(depth: usize) -> String {
    let mut text = "[".repeat(depth);
    text.push_str(&"]".repeat(depth));
    text
}

/// The frame is level 1 and a member's value level 2, so arrays nested 99 deep reach the limit
/// (100) and 100 deep go one past it. Asserted by the verdicts below.
const AT_LIMIT: usize = 99;

/// Every payload at every scale.
fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for scale in SCALES {
        let mut add = |name, verdict, value: Value| {
            let bytes = serde_json::to_vec(&value).expect("a tree serializes");
            cases.push(Case {
                name,
                scale,
                verdict,
                value,
                bytes,
            });
        };
        let mb10 = 10_000_000 * scale;
        let kb100 = 100_000 * scale;

        let mut v = linked();
        set(&mut v, MPIN_LENGTH, json!("7".repeat(mb10)));
        add("(a) 10 MB digits, pattern", Verdict::Valid, v);
        let mut v = linked();
        set(&mut v, "/errorMessage", json!("a".repeat(mb10)));
        add("(a) 10 MB string, no pattern", Verdict::Valid, v);

        let mut v = linked();
        let item = json!({"vpa": "v", "account": minimal_account()});
        set(
            &mut v,
            "/payload/vpaAccounts",
            Value::Array(vec![item; 100_000 * scale]),
        );
        add("(b) 100k vpaAccounts", Verdict::Valid, v);
        let mut v = linked();
        v["unknownList"] = Value::Array(vec![json!(0); 100_000 * scale]);
        add("(b) 100k array, unknown member", Verdict::Valid, v);

        let mut v = linked();
        set(&mut v, MPIN_LENGTH, json!("7".repeat(kb100)));
        add("(c) 100 KB ^[0-9]+$ match", Verdict::Valid, v);
        let mut v = linked();
        set(
            &mut v,
            MPIN_LENGTH,
            json!(format!("{}x", "7".repeat(kb100 - 1))),
        );
        add(
            "(c) 100 KB ^[0-9]+$ fails last",
            Verdict::RefusedAt(MPIN_LENGTH.into()),
            v,
        );
        let mut v = linked();
        set(&mut v, "/requestId", json!("a".repeat(kb100)));
        add(
            "(c) 100 KB hex, uuid",
            Verdict::RefusedAt("/requestId".into()),
            v,
        );
        let mut v = linked();
        set(
            &mut v,
            "/requestId",
            json!(format!(
                "f7443c1d-9acb-4b3d-9ae5-0e3c33dfcf5b{}",
                "a".repeat(kb100 - 36)
            )),
        );
        add(
            "(c) uuid + 100 KB tail, uuid",
            Verdict::RefusedAt("/requestId".into()),
            v,
        );

        let mut v = linked();
        for i in 0..1_000 * scale {
            v[format!("k{i}")] = nested(AT_LIMIT);
        }
        v["last"] = nested(AT_LIMIT + 1);
        add(
            "(d) 1k members at depth limit, 1 past",
            // Refused at the innermost array, level 101.
            Verdict::RefusedAt(format!("/last{}", "/0".repeat(AT_LIMIT))),
            v,
        );
    }
    cases
}

fn check_verdict(name: &str, scale: usize, verdict: &Verdict, validated: Result<(), Vec<String>>) {
    match (verdict, validated) {
        (Verdict::Valid, Ok(())) => {}
        (Verdict::RefusedAt(at), Err(paths))
            if !paths.is_empty() && paths.iter().all(|p| p == at) => {}
        (verdict, outcome) => panic!("{name} at {scale}×: expected {verdict:?}, found {outcome:?}"),
    }
}

fn paths(errors: contractgen_runtime::ValidationErrors) -> Vec<String> {
    errors.iter().map(|e| e.instance_path.clone()).collect()
}

fn from_slice_outcome(bytes: &[u8]) -> Result<(), Vec<String>> {
    match response::from_slice(bytes) {
        Ok(_) => Ok(()),
        Err(contractgen_runtime::ParseError::Invalid(errors)) => Err(paths(errors)),
        Err(other) => Err(vec![format!("not a validation error: {other}")]),
    }
}

fn hostile(c: &mut Criterion) {
    let cases = cases();
    for case in &cases {
        let validated = response::validate(&case.value).map_err(paths);
        check_verdict(case.name, case.scale, &case.verdict, validated);
        check_verdict(
            case.name,
            case.scale,
            &case.verdict,
            from_slice_outcome(&case.bytes),
        );
    }
    let mut group = c.benchmark_group("hostile");
    for case in &cases {
        group.throughput(Throughput::Bytes(case.bytes.len() as u64));
        let id = format!("{} {}x", case.name, case.scale);
        group.bench_with_input(BenchmarkId::new("validate", &id), case, |b, case| {
            b.iter(|| response::validate(&case.value).is_ok())
        });
        group.bench_with_input(BenchmarkId::new("from_slice", &id), case, |b, case| {
            b.iter(|| response::from_slice(&case.bytes).is_ok())
        });
    }
    group.finish();
    drop(cases);

    // Far past the limit: the depth check must stop at the first level too deep, so these take
    // about the same time at every depth (the text is still read once by from_slice).
    let mut group = c.benchmark_group("hostile deep");
    for scale in SCALES {
        let depth = 10_000 * scale;
        let mut frame = linked();
        frame["deep"] = json!(null);
        let mut text = serde_json::to_string(&frame).expect("a tree serializes");
        text = text.replacen(
            "\"deep\":null",
            &format!("\"deep\":{}", nested_text(depth)),
            1,
        );
        let mut value = linked();
        value["deep"] = nested(depth);
        let at = format!("/deep{}", "/0".repeat(AT_LIMIT));
        let validated = response::validate(&value).map_err(paths);
        assert_eq!(validated, Err(vec![at.clone()]), "validate, depth {depth}");
        assert_eq!(
            from_slice_outcome(text.as_bytes()),
            Err(vec![at]),
            "from_slice, depth {depth}"
        );
        let id = format!("(d) member nested 10k deep {scale}x");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("validate", &id), &value, |b, value| {
            b.iter(|| response::validate(value).is_ok())
        });
        group.bench_with_input(BenchmarkId::new("from_slice", &id), &text, |b, text| {
            b.iter(|| response::from_slice(text.as_bytes()).is_ok())
        });
        // serde_json drops a tree recursively, and this one is deeper than the stack allows.
        std::mem::forget(value);
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Payloads of tens of megabytes take tens of milliseconds an iteration: ten samples are
    // enough to see a ratio of 2 or 4.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = hostile
}
criterion_main!(benches);
