//! The generator itself on 1, 10, 100 and 1,000 contracts, synthesized from the real ones:
//! every contract under `schema/` copied under a new name (its `$id`s renamed to match), so the
//! run grows as a merchant's schema folder would. Times a whole in-memory generation (load,
//! lower, print Rust and Kotlin), nothing written.
//! Run: `cargo bench -p contractgen --bench generate`; results are recorded in BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

/// The repository's schema folder.
fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema")
}

/// A schema folder with `count` copies of every real contract, and the settings file. Copy `i`
/// of each folder is `NAME_000i`, and every folder's name in its `$id`s and `$ref`s is renamed
/// the same way, so each set of copies is whole: a contract's reference to `../shared/...`
/// reaches its own set's `shared_000i`.
fn synthesize(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    let source = schema_dir();
    let settings = source.join("contractgen.json");
    if settings.exists() {
        std::fs::copy(&settings, dir.path().join("contractgen.json")).expect("settings copied");
    }
    let mut contracts: Vec<(String, PathBuf)> = std::fs::read_dir(&source)
        .expect("schema folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .map(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).expect("folder name");
            (name.to_string(), p)
        })
        .collect();
    contracts.sort();
    for i in 0..count {
        let renamed = |text: String| {
            contracts.iter().fold(text, |text, (name, _)| {
                text.replace(&format!("/{name}/"), &format!("/{name}_{i:04}/"))
            })
        };
        for (name, contract) in &contracts {
            let target = dir.path().join(format!("{name}_{i:04}"));
            std::fs::create_dir_all(&target).expect("contract folder");
            for file in std::fs::read_dir(contract)
                .expect("contract files")
                .flatten()
            {
                let text = std::fs::read_to_string(file.path()).expect("schema text");
                std::fs::write(target.join(file.file_name()), renamed(text))
                    .expect("schema copied");
            }
        }
    }
    dir
}

/// The run sizes: 1, 10 and 100 contracts, or the list in `GENERATE_BENCH_SIZES` (e.g.
/// `1,10,100,1000`; at today's speed one generation of 1,000 contracts takes minutes, and
/// criterion takes ten of them).
fn sizes() -> Vec<usize> {
    match std::env::var("GENERATE_BENCH_SIZES") {
        Ok(list) => list
            .split(',')
            .map(|n| {
                n.trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("GENERATE_BENCH_SIZES: {n:?} is no count"))
            })
            .collect(),
        Err(_) => vec![1, 10, 100],
    }
}

fn generate(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate");
    group.sample_size(10);
    for count in sizes() {
        let dir = synthesize(count);
        let options = contractgen::Options::new(dir.path());
        // Every size must generate, or its time means nothing.
        let files = contractgen::generate(&options)
            .unwrap_or_else(|e| panic!("{count} contracts: {e}"))
            .files
            .len();
        assert!(files > count, "{count} contracts gave {files} files");
        group.bench_with_input(
            BenchmarkId::new("contracts", count),
            &options,
            |b, options| {
                b.iter(|| {
                    contractgen::generate(options)
                        .map(|g| g.files.len())
                        .unwrap_or(0)
                })
            },
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = generate
}
criterion_main!(benches);
