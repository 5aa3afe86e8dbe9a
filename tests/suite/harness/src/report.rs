//! Reads the runners' results, prints one line per validator, writes `tests/suite/REPORT.md`
//! and holds the results to the known-failures list.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use serde::Deserialize;

use crate::known;
use crate::prepare::{work_dir, NotGenerated, SUITES};

#[derive(Deserialize)]
struct Outcome {
    file: String,
    case: String,
    test: String,
    status: String,
    detail: String,
}

/// One validator's results on one suite, with the name used in lines and the known list.
struct Run {
    label: String,
    validator: &'static str,
    suite: &'static str,
    outcomes: Vec<Outcome>,
    /// Held to the known-failures list (the baseline is only reported).
    enforced: bool,
}

const VALIDATORS: &[(&str, &str, bool)] = &[
    ("rust", "rust", true),
    ("kotlin", "kotlin", true),
    ("jsonschema", "jsonschema", false),
    // Whether Kotlin's errors (pointer, message, keyword location) equal Rust's, per case. A
    // case whose schema was not generated has nothing to compare: the `rust` and `kotlin` lists
    // already account for it.
    ("agreement", "agreement", true),
];

pub fn run(root: &Path) -> Result<ExitCode, String> {
    let mut runs = Vec::new();
    for suite in SUITES {
        let work = work_dir(root, suite);
        for (validator, file_part, enforced) in VALIDATORS {
            let path = work.join(format!("results-{file_part}.json"));
            let label = if suite.name == "required" {
                validator.to_string()
            } else {
                format!("{validator}-{}", suite.name)
            };
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) => return Err(format!("{}: {e} (did the runners run?)", path.display())),
            };
            let outcomes: Vec<Outcome> =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            runs.push(Run {
                label,
                validator,
                suite: suite.name,
                outcomes,
                enforced: *enforced,
            });
        }
    }
    for run in &runs {
        let passed = run.outcomes.iter().filter(|o| o.status == "passed").count();
        println!(
            "suite-{}: {} passed, {} failed",
            run.label,
            passed,
            run.outcomes.len() - passed
        );
    }
    let known_path = root.join("tests/suite/known-failures.tsv");
    let known = known::read(&known_path)?;
    let problems = check_known(&runs, &known);
    write_report(root, &runs, &known, &problems)?;
    if problems.is_empty() {
        println!(
            "suite: every failure is in tests/suite/known-failures.tsv ({} entries)",
            known.len()
        );
        Ok(ExitCode::SUCCESS)
    } else {
        for problem in &problems {
            eprintln!("{problem}");
        }
        eprintln!(
            "suite: {} result(s) disagree with tests/suite/known-failures.tsv",
            problems.len()
        );
        Ok(ExitCode::FAILURE)
    }
}

fn check_known(runs: &[Run], known: &BTreeMap<known::Key, String>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for run in runs.iter().filter(|r| r.enforced) {
        let compared =
            |o: &&Outcome| !(run.validator == "agreement" && o.status == "not generated");
        for o in run.outcomes.iter().filter(compared) {
            let key = (
                run.label.clone(),
                o.file.clone(),
                o.case.clone(),
                o.test.clone(),
            );
            let listed = known.contains_key(&key);
            seen.insert(key);
            match (o.status == "passed", listed) {
                (false, false) => problems.push(format!(
                    "unexpected {} [{}] {} / {} / {}: {}",
                    o.status, run.label, o.file, o.case, o.test, o.detail
                )),
                (true, true) => problems.push(format!(
                    "now passes, remove it from the list: [{}] {} / {} / {}",
                    run.label, o.file, o.case, o.test
                )),
                _ => {}
            }
        }
    }
    let enforced: BTreeSet<&str> = runs
        .iter()
        .filter(|r| r.enforced)
        .map(|r| r.label.as_str())
        .collect();
    for key in known.keys() {
        if enforced.contains(key.0.as_str()) && !seen.contains(key) {
            problems.push(format!(
                "listed but not in the suite: [{}] {} / {} / {}",
                key.0, key.1, key.2, key.3
            ));
        }
    }
    problems
}

fn write_report(
    root: &Path,
    runs: &[Run],
    known: &BTreeMap<known::Key, String>,
    problems: &[String],
) -> Result<(), String> {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Official JSON-Schema-Test-Suite (draft 2020-12) through contractgen\n"
    );
    let _ = writeln!(out, "Written by `tests/suite/run`; do not edit. `rust` and `kotlin` are the validators contractgen");
    let _ = writeln!(
        out,
        "generates; `jsonschema` is the `jsonschema` crate on the same schemas, the baseline. The"
    );
    let _ = writeln!(
        out,
        "`format` suite is `optional/format/`, generated with format assertion on; `optional` is every"
    );
    let _ = writeln!(
        out,
        "other file of `optional/`, formats as annotations. `agreement` passes a"
    );
    let _ = writeln!(
        out,
        "case when the Kotlin validator reports exactly the Rust validator's errors (pointer, keyword"
    );
    let _ = writeln!(
        out,
        "location and message); a disagreement fails the run unless the known-failures list has it.\n"
    );
    let _ = writeln!(
        out,
        "| validator | suite | passed | failed | not generated |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|");
    for run in runs {
        let count = |s: &str| run.outcomes.iter().filter(|o| o.status == s).count();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            run.validator,
            run.suite,
            count("passed"),
            count("failed"),
            count("not generated")
        );
    }
    for suite in SUITES {
        let suite_runs: Vec<&Run> = runs.iter().filter(|r| r.suite == suite.name).collect();
        let _ = writeln!(out, "\n## Suite `{}`\n", suite.name);
        let mut header = "| file |".to_string();
        let mut rule = "|---|".to_string();
        for run in &suite_runs {
            header.push_str(&format!(
                " {} passed / failed / not generated |",
                run.validator
            ));
            rule.push_str("---|");
        }
        let _ = writeln!(out, "{header}\n{rule}");
        let files: BTreeSet<&str> = suite_runs
            .iter()
            .flat_map(|r| r.outcomes.iter().map(|o| o.file.as_str()))
            .collect();
        for file in files {
            let mut row = format!("| {file} |");
            for run in &suite_runs {
                let count = |s: &str| {
                    run.outcomes
                        .iter()
                        .filter(|o| o.file == file && o.status == s)
                        .count()
                };
                row.push_str(&format!(
                    " {} / {} / {} |",
                    count("passed"),
                    count("failed"),
                    count("not generated")
                ));
            }
            let _ = writeln!(out, "{row}");
        }
        let refused_path = work_dir(root, suite).join("not-generated.json");
        if let Ok(text) = std::fs::read_to_string(&refused_path) {
            let refused: Vec<NotGenerated> =
                serde_json::from_str(&text).map_err(|e| e.to_string())?;
            if !refused.is_empty() {
                let _ = writeln!(
                    out,
                    "\nSchemas the generator refuses (their tests count as not generated):\n"
                );
                for r in refused {
                    let _ = writeln!(
                        out,
                        "- {} / {} ({} tests): {}",
                        r.file,
                        r.case,
                        r.tests,
                        r.reason.replace('|', "\\|")
                    );
                }
            }
        }
    }
    let _ = writeln!(out, "\n## Known failures ({})\n", known.len());
    let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
    for reason in known.values() {
        *by_reason.entry(reason.as_str()).or_default() += 1;
    }
    for (reason, count) in by_reason {
        let _ = writeln!(out, "- {count} test(s): {reason}");
    }
    if !problems.is_empty() {
        let _ = writeln!(
            out,
            "\n## Disagreements with the known-failures list ({})\n",
            problems.len()
        );
        for p in problems {
            let _ = writeln!(out, "- {p}");
        }
    }
    let path = root.join("tests/suite/REPORT.md");
    std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))
}
