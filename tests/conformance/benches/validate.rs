//! The generated Rust validators against the `jsonschema` crate (the baseline), on the same
//! schemas, settings and payloads: every vector of every message, valid and invalid.
//! Run: `cargo bench -p conformance --bench validate`; results are recorded in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use serde_json::Value;

struct Corpus {
    name: String,
    info: &'static contracts::MessageInfo,
    baseline: jsonschema::Validator,
    payloads: Vec<Value>,
    bytes: Vec<Vec<u8>>,
}

fn corpora() -> Vec<Corpus> {
    let root = conformance::repo_root();
    let vectors = conformance::find_vectors(&root.join("tests/vectors")).unwrap_or_default();
    let mut out = Vec::new();
    for info in contracts::MESSAGES {
        for valid in [true, false] {
            let files: Vec<_> = vectors
                .iter()
                .filter(|v| {
                    v.contract == info.contract && v.message == info.message && v.valid == valid
                })
                .collect();
            if files.is_empty() {
                continue;
            }
            let schema = root.join("schema").join(info.schema_file);
            let Ok(baseline) = contractgen::reference::validator_for_file(&schema) else {
                continue;
            };
            let bytes: Vec<Vec<u8>> = files
                .iter()
                .filter_map(|v| std::fs::read(&v.path).ok())
                .collect();
            let payloads = bytes
                .iter()
                .filter_map(|b| serde_json::from_slice(b).ok())
                .collect();
            let kind = if valid { "valid" } else { "invalid" };
            out.push(Corpus {
                name: format!("{}/{}/{kind}", info.contract, info.message),
                info,
                baseline,
                payloads,
                bytes,
            });
        }
    }
    out
}

fn validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate all errors");
    for corpus in corpora() {
        group.bench_with_input(
            BenchmarkId::new("generated", &corpus.name),
            &corpus,
            |b, corpus| {
                b.iter(|| {
                    corpus
                        .payloads
                        .iter()
                        .map(|p| (corpus.info.validate)(p).err().map_or(0, |e| e.len()))
                        .sum::<usize>()
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("jsonschema", &corpus.name),
            &corpus,
            |b, corpus| {
                b.iter(|| {
                    corpus
                        .payloads
                        .iter()
                        .map(|p| corpus.baseline.iter_errors(p).count())
                        .sum::<usize>()
                })
            },
        );
    }
    group.finish();

    let mut group = c.benchmark_group("bytes to checked value");
    for corpus in corpora().into_iter().filter(|c| c.name.ends_with("/valid")) {
        group.bench_with_input(
            BenchmarkId::new("generated typed", &corpus.name),
            &corpus,
            |b, corpus| {
                b.iter(|| {
                    corpus
                        .bytes
                        .iter()
                        .filter(|bytes| (corpus.info.round_trip)(bytes).is_ok())
                        .count()
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("serde_json + jsonschema", &corpus.name),
            &corpus,
            |b, corpus| {
                b.iter(|| {
                    corpus
                        .bytes
                        .iter()
                        .filter(|bytes| {
                            serde_json::from_slice::<Value>(bytes)
                                .is_ok_and(|v| corpus.baseline.is_valid(&v))
                        })
                        .count()
                })
            },
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_secs(1)).measurement_time(std::time::Duration::from_secs(3));
    targets = validate
}
criterion_main!(benches);
