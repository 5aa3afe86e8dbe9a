//! One run: make the cases, generate each in a child process, build what was generated, report.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::batch::find_failures;
use crate::child::{self, Outcome};
use crate::corpus;
use crate::known::{self, case_id};
use crate::kotlin_build::KotlinBatch;
use crate::mutate::{self, KINDS};
use crate::rng::Rng;
use crate::rust_build::{write, RustBatch};

/// The CI count: sized so the step takes about three minutes warm on a 2-core machine.
const DEFAULT_CASES: usize = 120;
/// Generation of one schema takes milliseconds; this much is a hang.
const TIMEOUT: Duration = Duration::from_secs(30);
/// More builds than this means the builds fail for a reason no case explains.
const MAX_BUILDS: usize = 24;

struct Case {
    id: String,
    origin: String,
    kind: &'static str,
    change: String,
    schema: Value,
}

fn env_number(name: &str, default: usize) -> Result<usize, String> {
    match std::env::var(name) {
        Ok(text) => text
            .trim()
            .parse()
            .map_err(|_| format!("{name}={text:?}: expected a number")),
        Err(_) => Ok(default),
    }
}

pub fn run(root: &Path) -> Result<ExitCode, String> {
    let started = Instant::now();
    let root = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let seed = env_number("MUTATION_SEED", 1)? as u64;
    let count = env_number("MUTATION_CASES", DEFAULT_CASES)?;
    let known = known::read(&root.join("tests/mutation/known-findings.tsv"))?;
    let source = corpus::suite_source(&root);
    let seeds = corpus::load(&source)?;
    let remotes = source.join("remotes");
    // A second run at the same time (a long one beside CI's) takes a directory of its own.
    let work = match std::env::var_os("MUTATION_DIR") {
        // Relative to the repository root, as the run script's other paths: generated code
        // is included by absolute path.
        Some(dir) => root.join(dir),
        None => root.join("target/mutation"),
    };
    let cases_dir = work.join("cases");
    for dir in [&cases_dir, &work.join("findings")] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }

    let keywords = mutate::keywords_of(seeds.iter().map(|s| &s.schema));
    let mut cases: Vec<Case> = (0..count)
        .map(|i| make_case(seed, i, &seeds, &keywords))
        .collect();
    cases.extend(reproducers(&root.join("tests/mutation/reproducers"))?);
    for case in &cases {
        write_case(&cases_dir, case)?;
    }
    let outcomes = generate_all(&cases, &cases_dir, &remotes)?;

    let mut findings: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut generated = Vec::new();
    let mut refused = 0;
    for (case, outcome) in cases.iter().zip(&outcomes) {
        match outcome {
            Outcome::Generated => generated.push(case.id.clone()),
            Outcome::Refused(text) => {
                refused += 1;
                write(&cases_dir.join(&case.id).join("refused.txt"), text)?;
            }
            Outcome::Finding(kind, text) => {
                findings.insert((case.id.clone(), kind.to_string()), text.clone());
            }
        }
    }
    let generated_at = started.elapsed();

    let mut builds = 0;
    let rust = RustBatch {
        root: root.clone(),
        work: work.clone(),
        cases_dir: cases_dir.clone(),
        builds: Default::default(),
    };
    let rust_failures = find_failures(&generated, &mut |set| {
        limit(&mut builds, "Rust")?;
        rust.build(set)
    })?;
    let rust_builds = builds;
    let rust_at = started.elapsed();
    let kotlin = KotlinBatch {
        work: work.clone(),
        cases_dir: cases_dir.clone(),
        builds: Default::default(),
    };
    builds = 0;
    let kotlin_failures = find_failures(&generated, &mut |set| {
        limit(&mut builds, "Kotlin")?;
        kotlin.build(set)
    })?;
    let kotlin_builds = builds;
    for (id, text) in rust_failures {
        findings.insert((id, "rust".to_string()), text);
    }
    for (id, text) in kotlin_failures {
        findings.insert((id, "kotlin".to_string()), text);
    }

    let by_id: BTreeMap<&str, &Case> = cases.iter().map(|c| (c.id.as_str(), c)).collect();
    for ((id, kind), text) in &findings {
        if let Some(case) = by_id.get(id.as_str()) {
            let dir = work.join("findings").join(format!("{id}-{kind}"));
            write(&dir.join("schema.json"), &pretty(&case.schema))?;
            write(&dir.join("mutation.txt"), &describe(case))?;
            write(&dir.join("diagnostics.txt"), text)?;
        }
    }

    let failed_cases: BTreeSet<&str> = findings.keys().map(|(id, _)| id.as_str()).collect();
    let clean = generated
        .iter()
        .filter(|id| !failed_cases.contains(id.as_str()))
        .count();
    let count = cases.len();
    println!(
        "mutation: {count} schemas, {clean} generated, {refused} refused with a located error, {} findings",
        failed_cases.len()
    );
    println!(
        "mutation: seed {seed}; generation {:.0?}, Rust {} build(s) until {:.0?}, Kotlin {kotlin_builds} build(s) until {:.0?}; findings in {}",
        generated_at,
        rust_builds,
        rust_at,
        started.elapsed(),
        work.join("findings").display()
    );
    compare(&known.in_run(seed, &by_id), &findings, &by_id, seed)
}

fn limit(builds: &mut usize, language: &str) -> Result<(), String> {
    *builds += 1;
    if *builds > MAX_BUILDS {
        return Err(format!(
            "{language}: more than {MAX_BUILDS} builds; the batch fails for a reason no case explains (see target/mutation)"
        ));
    }
    Ok(())
}

/// New findings and listed findings that are gone both fail the run.
fn compare(
    listed: &BTreeSet<known::Key>,
    findings: &BTreeMap<(String, String), String>,
    cases: &BTreeMap<&str, &Case>,
    seed: u64,
) -> Result<ExitCode, String> {
    let found: BTreeSet<known::Key> = findings
        .keys()
        .map(|(id, kind)| (known::seed_of(id, seed), id.clone(), kind.clone()))
        .collect();
    let new: Vec<&known::Key> = found.difference(listed).collect();
    let gone: Vec<&known::Key> = listed.difference(&found).collect();
    // A long run's findings are read in their folder; the first ones say what kind they are.
    const SHOWN: usize = 40;
    if new.len() > SHOWN {
        println!("{} new findings; the first {SHOWN}:", new.len());
    }
    for key in new.iter().take(SHOWN) {
        let (key_seed, id, kind) = key;
        let first = findings
            .get(&(id.clone(), kind.clone()))
            .and_then(|t| t.lines().find(|l| !l.trim().is_empty()))
            .unwrap_or("");
        let change = cases
            .get(id.as_str())
            .map(|c| describe_line(c))
            .unwrap_or_default();
        println!("new finding: {key_seed}\t{id}\t{kind}\t{change}\n    {first}");
    }
    for (key_seed, id, kind) in &gone {
        println!("fixed: {key_seed}\t{id}\t{kind} no longer occurs; remove it from tests/mutation/known-findings.tsv");
    }
    Ok(if new.is_empty() && gone.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn make_case(seed: u64, index: usize, seeds: &[corpus::Seed], keywords: &[String]) -> Case {
    let mut rng = Rng::for_case(seed, index);
    let base = rng.pick(seeds);
    let kind = *rng.pick(KINDS);
    let mut schema = base.schema.clone();
    let change = mutate::mutate(&mut schema, kind, &mut rng, keywords);
    Case {
        id: case_id(index),
        origin: base.origin.clone(),
        kind,
        change,
        schema,
    }
}

/// The minimal schemas of earlier findings (`r0001-what-it-is.json`), run every time whatever
/// the seed, so a fix shows as a listed finding that is gone.
fn reproducers(dir: &Path) -> Result<Vec<Case>, String> {
    let files = corpus::json_files(dir)?;
    let mut cases = Vec::new();
    for file in files {
        let name = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = name.split('-').next().unwrap_or_default().to_string();
        let schema = corpus::read_json(&file)?;
        cases.push(Case {
            id,
            origin: format!("tests/mutation/reproducers/{name}.json"),
            kind: "reproducer",
            change: "none".to_string(),
            schema,
        });
    }
    Ok(cases)
}

fn describe_line(case: &Case) -> String {
    format!("{} from {}: {}", case.kind, case.origin, case.change)
}

fn describe(case: &Case) -> String {
    format!(
        "{}\nschema: target/mutation/cases/{id}/schema/{id}/request.schema.json\n",
        describe_line(case),
        id = case.id
    )
}

fn write_case(cases_dir: &Path, case: &Case) -> Result<(), String> {
    let dir = cases_dir.join(&case.id);
    let schema_dir = dir.join("schema");
    write(
        &schema_dir.join(&case.id).join("request.schema.json"),
        &pretty(&case.schema),
    )?;
    // Half of the cases assert format and content, as the contracts do; half keep them
    // annotations, as draft 2020-12 does by default.
    let assert = case.id.bytes().map(usize::from).sum::<usize>() % 2 == 0;
    write(
        &schema_dir.join("contractgen.json"),
        &pretty(&json!({ "assertFormat": assert, "assertContent": assert })),
    )?;
    write(&dir.join("mutation.txt"), &describe(case))
}

/// Generates every case, two children at a time (the machine's cores).
fn generate_all(cases: &[Case], cases_dir: &Path, remotes: &Path) -> Result<Vec<Outcome>, String> {
    let exe: PathBuf = std::env::current_exe().map_err(|e| format!("the harness binary: {e}"))?;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; cases.len()]);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(case) = cases.get(index) else {
                    break;
                };
                let outcome = child::generate(&exe, &cases_dir.join(&case.id), remotes, TIMEOUT);
                if let Ok(mut results) = results.lock() {
                    results[index] = Some(outcome);
                }
            });
        }
    });
    let results = results
        .into_inner()
        .map_err(|_| "a generation thread panicked".to_string())?;
    Ok(results
        .into_iter()
        .map(|o| o.unwrap_or(Outcome::Finding("crash", "no result".to_string())))
        .collect())
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}
