//! What the allocation-free success path costs against what it replaced, in one run: evaluated
//! property names kept by `Annotations` (borrowed, the first few inline) against a
//! `BTreeSet<String>` of copies, and a property name as a pooled `Name` against a fresh
//! `Value::String`. Run with `cargo bench -p contractgen-runtime --bench success_path`.

use std::collections::BTreeSet;
use std::hint::black_box;

use contractgen_runtime::__private::{Annotations, Name};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use serde_json::Value;

/// Records `names` as evaluated, then asks for each: what `unevaluatedProperties` does per object.
fn annotations(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluated names");
    for count in [4usize, 8, 64, 4096] {
        let names: Vec<String> = (0..count).map(|i| format!("property{i}")).collect();
        group.bench_with_input(
            BenchmarkId::new("Annotations", count),
            &names,
            |b, names| {
                b.iter(|| {
                    let mut ann = Annotations::default();
                    for name in names {
                        ann.properties.insert(name.as_str());
                    }
                    names.iter().filter(|n| ann.has_property(n)).count()
                });
            },
        );
        group.bench_with_input(
            BenchmarkId::new("BTreeSet<String> (before)", count),
            &names,
            |b, names| {
                b.iter(|| {
                    let mut set = BTreeSet::new();
                    for name in names {
                        set.insert(name.clone());
                    }
                    names.iter().filter(|n| set.contains(n.as_str())).count()
                });
            },
        );
    }
    group.finish();
}

/// A property name as the JSON string `propertyNames` checks.
fn property_names(c: &mut Criterion) {
    let mut group = c.benchmark_group("property name as a value");
    let key = "merchantKeyId";
    group.bench_function("Name (pooled)", |b| {
        b.iter(|| {
            let name: &Value = &Name::new(black_box(key));
            name.as_str().map(str::len)
        });
    });
    group.bench_function("Value::String (before)", |b| {
        b.iter(|| {
            let name = &Value::String(black_box(key).to_owned());
            name.as_str().map(str::len)
        });
    });
    group.finish();
}

criterion_group!(benches, annotations, property_names);
criterion_main!(benches);
