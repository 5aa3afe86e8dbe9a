//! Writes one schema directory per suite (required, format, optional), generates code from it, and
//! lists every test case with the message that validates it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use heck::ToSnakeCase;
use serde::Serialize;
use serde_json::Value;

/// One suite: which files, which generator settings, what the generated crate is called.
pub struct Suite {
    pub name: &'static str,
    pub dir: &'static str,
    pub assert_format: bool,
}

pub const SUITES: &[Suite] = &[
    Suite {
        name: "required",
        dir: "tests/draft2020-12",
        assert_format: false,
    },
    Suite {
        name: "format",
        dir: "tests/draft2020-12/optional/format",
        assert_format: true,
    },
    // Every other file of `optional/` (its `format/` folder is the suite above): ECMA-262
    // regexes, big numbers, unknown keywords, cross-draft references. Formats stay annotations,
    // as the 2020-12 default says; `format-assertion.json` declares its own vocabulary.
    Suite {
        name: "optional",
        dir: "tests/draft2020-12/optional",
        assert_format: false,
    },
];

/// A test case as the runners read it.
#[derive(Serialize)]
pub struct Case {
    pub file: String,
    pub case: String,
    pub test: String,
    pub contract: String,
    pub message: String,
    pub data: Value,
    pub valid: bool,
    /// Whether the generator accepted the schema (the baseline runs every case regardless).
    pub generated: bool,
}

/// A schema the generator refused, with its reason.
#[derive(Serialize, serde::Deserialize)]
pub struct NotGenerated {
    pub file: String,
    pub case: String,
    pub reason: String,
    pub tests: usize,
}

/// A generator message with paths into the suite's checkout made relative to it
/// (`remotes/draft2019-09/x.json`), so the report reads the same on every machine.
fn without_checkout_path(reason: &str) -> String {
    const CHECKOUT: &str = "json-schema-test-suite/";
    reason
        .split(' ')
        .map(|word| match word.find(CHECKOUT) {
            Some(at) => &word[at + CHECKOUT.len()..],
            None => word,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The checkout of the official suite: `JSON_SCHEMA_TEST_SUITE` when set (a worktree elsewhere
/// than beside `shared/`), else `../shared/json-schema-test-suite` from the repository root.
pub fn suite_source(root: &Path) -> PathBuf {
    match std::env::var_os("JSON_SCHEMA_TEST_SUITE") {
        Some(dir) => PathBuf::from(dir),
        None => root.join("../shared/json-schema-test-suite"),
    }
}

pub fn work_dir(root: &Path, suite: &Suite) -> PathBuf {
    root.join("target/suite").join(suite.name)
}

pub fn run(root: &Path) -> Result<ExitCode, String> {
    let source = suite_source(root);
    for suite in SUITES {
        prepare_suite(root, &source, suite)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

fn suite_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    Ok(files)
}

fn contract_name(suite: &Suite, file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name = stem.to_snake_case();
    name.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    format!("{}_{name}", if suite.assert_format { "fmt" } else { "t" })
}

fn prepare_suite(root: &Path, source: &Path, suite: &Suite) -> Result<(), String> {
    let work = work_dir(root, suite);
    if work.join("schema").exists() {
        std::fs::remove_dir_all(work.join("schema"))
            .map_err(|e| format!("{}: {e}", work.display()))?;
    }
    let vocabulary = contractgen::Vocabulary {
        assert_format: suite.assert_format,
        assert_content: false,
    };
    let remotes = source.join("remotes");
    let mut cases = Vec::new();
    let mut refused = Vec::new();
    let mut accepted: BTreeMap<PathBuf, Value> = BTreeMap::new();
    let mut all: BTreeMap<PathBuf, Value> = BTreeMap::new();
    for file in suite_files(&source.join(suite.dir))? {
        let file_name = file
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let contract = contract_name(suite, &file);
        let Value::Array(groups) = read_json(&file)? else {
            return Err(format!(
                "{}: expected an array of test groups",
                file.display()
            ));
        };
        for (index, group) in groups.iter().enumerate() {
            let message = format!("case_{index}");
            let description = group
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let schema = group.get("schema").cloned().unwrap_or(Value::Bool(true));
            let tests = group
                .get("tests")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let relative = PathBuf::from(&contract).join(format!("{message}.schema.json"));
            let generated = match try_generate(&work, &relative, &schema, vocabulary, &remotes) {
                Ok(()) => true,
                Err(reason) => {
                    refused.push(NotGenerated {
                        file: file_name.clone(),
                        case: description.clone(),
                        reason: without_checkout_path(&reason),
                        tests: tests.len(),
                    });
                    false
                }
            };
            // Every schema is written (the baseline validates all of them); only accepted ones
            // go into the generated code.
            all.insert(relative.clone(), schema.clone());
            if generated {
                accepted.insert(relative, schema);
            }
            for test in tests {
                cases.push(Case {
                    file: file_name.clone(),
                    case: description.clone(),
                    test: test
                        .get("description")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                    contract: contract.clone(),
                    message: message.clone(),
                    data: test.get("data").cloned().unwrap_or(Value::Null),
                    valid: test.get("valid").and_then(Value::as_bool).unwrap_or(false),
                    generated,
                });
            }
        }
    }
    for (relative, schema) in &all {
        write(&work.join("all-schemas").join(relative), &pretty(schema)?)?;
    }
    let schema_dir = work.join("schema");
    for (relative, schema) in &accepted {
        write(&schema_dir.join(relative), &pretty(schema)?)?;
    }
    write(
        &schema_dir.join("contractgen.json"),
        &pretty(&serde_json::to_value(vocabulary).map_err(|e| e.to_string())?)?,
    )?;
    let mut options = contractgen::Options::new(&schema_dir);
    options
        .uri_prefixes
        .push(("http://localhost:1234/".to_string(), remotes.clone()));
    options.rust = Some(contractgen::RustOptions {
        crate_name: format!("suite_{}", suite.name),
        crate_dir: "rust".to_string(),
        cargo_toml: true,
        ..contractgen::RustOptions::default()
    });
    options.kotlin = Some(contractgen::KotlinOptions {
        project_dir: "kotlin".to_string(),
        base_package: format!("suite.{}", suite.name),
        ..contractgen::KotlinOptions::default()
    });
    let generation = contractgen::generate(&options)
        .map_err(|e| format!("generating the {} suite: {e}", suite.name))?;
    for dir in ["rust/src", "kotlin/src"] {
        let path = work.join(dir);
        if path.exists() {
            std::fs::remove_dir_all(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    contractgen::output::write_all(&work, &generation.files).map_err(|e| e.to_string())?;
    write(
        &work.join("cases.json"),
        &pretty(&serde_json::to_value(&cases).map_err(|e| e.to_string())?)?,
    )?;
    write(
        &work.join("not-generated.json"),
        &pretty(&serde_json::to_value(&refused).map_err(|e| e.to_string())?)?,
    )?;
    println!(
        "suite {}: {} schemas generated, {} refused, {} test cases",
        suite.name,
        accepted.len(),
        refused.len(),
        cases.iter().filter(|c| c.generated).count()
    );
    Ok(())
}

/// Lowers and emits one schema alone, so a refused schema is reported and does not stop the rest.
fn try_generate(
    work: &Path,
    relative: &Path,
    schema: &Value,
    vocabulary: contractgen::Vocabulary,
    remotes: &Path,
) -> Result<(), String> {
    let scratch = work.join("scratch");
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    }
    write(&scratch.join(relative), &pretty(schema)?)?;
    let mut options = contractgen::Options::new(&scratch);
    options.vocabulary = Some(vocabulary);
    options
        .uri_prefixes
        .push(("http://localhost:1234/".to_string(), remotes.to_path_buf()));
    // Lowering is where a schema is refused; emission of accepted ones happens once, together.
    let result = contractgen::load(&options)
        .map(|_| ())
        .map_err(|e| e.to_string());
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

fn pretty(value: &Value) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}
