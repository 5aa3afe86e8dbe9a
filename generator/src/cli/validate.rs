//! `contractgen validate`: every payload checked against one schema by the reference
//! validator, reported as text or as one JSON document. Exit codes: 0 every payload valid,
//! 1 some payload invalid, 2 a tool error (a file unreadable or not JSON, a bad schema or
//! settings file); the worst wins, and a tool error on one file does not stop the others.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use contractgen::reference::{display_pointer, ReportedError};
use serde_json::{json, Value};

use super::inputs::{expand, Expanded};
use super::settings::{resolve, Overrides, Settings};

/// How the schema is named: a path, or `<contract>/<message>` under a schema directory.
pub enum SchemaRef {
    Path(PathBuf),
    Message { dir: PathBuf, name: String },
}

/// What `validate` was asked.
pub struct Request {
    pub schema: SchemaRef,
    /// `--schema DIR` when given: where settings are looked for.
    pub schema_dir: Option<PathBuf>,
    pub files: Vec<PathBuf>,
    pub overrides: Overrides,
    pub json: bool,
}

/// A payload's verdict, ordered from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    Valid,
    Invalid,
    Error,
}

impl Verdict {
    fn word(self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Invalid => "invalid",
            Verdict::Error => "error",
        }
    }

    fn exit_code(self) -> u8 {
        match self {
            Verdict::Valid => 0,
            Verdict::Invalid => 1,
            Verdict::Error => 2,
        }
    }
}

struct Outcome {
    name: String,
    verdict: Verdict,
    errors: Vec<ReportedError>,
    tool_error: Option<String>,
}

/// A schema ready to check payloads.
struct Loaded {
    path: PathBuf,
    document: Value,
    validator: jsonschema::Validator,
    settings: Settings,
}

pub fn run(request: &Request) -> ExitCode {
    let loaded = match load(request) {
        Ok(loaded) => loaded,
        Err(message) => {
            let schema = schema_name(&request.schema);
            if request.json {
                let report = json!({
                    "schema": schema, "settings": null, "files": [],
                    "error": message, "exitCode": 2,
                });
                println!("{}", pretty(&report));
            }
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    for line in loaded.settings.notice() {
        eprintln!("{line}");
    }
    let outcomes: Vec<Outcome> = expand(&request.files)
        .into_iter()
        .map(|input| check(&loaded, input))
        .collect();
    let worst = outcomes
        .iter()
        .map(|o| o.verdict)
        .max()
        .unwrap_or(Verdict::Valid);
    if request.json {
        println!("{}", pretty(&json_report(&loaded, &outcomes, worst)));
        for outcome in &outcomes {
            if let Some(message) = &outcome.tool_error {
                eprintln!("error: {message}");
            }
        }
    } else {
        for outcome in &outcomes {
            print_text(outcome);
        }
    }
    ExitCode::from(worst.exit_code())
}

fn schema_name(schema: &SchemaRef) -> String {
    match schema {
        SchemaRef::Path(path) => path.display().to_string(),
        SchemaRef::Message { name, .. } => name.clone(),
    }
}

fn load(request: &Request) -> Result<Loaded, String> {
    let (path, default_dir) = match &request.schema {
        SchemaRef::Path(path) => {
            // The layout `generate` reads: `<schema dir>/<contract>/<message>.schema.json`.
            let dir = path
                .parent()
                .and_then(Path::parent)
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            let dir = if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir
            };
            (path.clone(), dir)
        }
        SchemaRef::Message { dir, name } => (message_path(dir, name)?, dir.clone()),
    };
    let settings_dir = request.schema_dir.clone().unwrap_or(default_dir);
    let settings = resolve(&settings_dir, &request.overrides).map_err(|e| e.to_string())?;
    let document = contractgen::reference::read_json(&path).map_err(|e| e.to_string())?;
    let validator = contractgen::reference::validator_with(&path, &document, settings.vocabulary)
        .map_err(|e| e.to_string())?;
    Ok(Loaded {
        path,
        document,
        validator,
        settings,
    })
}

/// The schema file of `<contract>/<message>` under `dir`, or an error listing the known ones.
fn message_path(dir: &Path, name: &str) -> Result<PathBuf, String> {
    let messages = contractgen::discover::discover(dir).map_err(|e| e.to_string())?;
    if let Some(found) = messages
        .iter()
        .find(|m| format!("{}/{}", m.contract, m.message) == name)
    {
        return Ok(found.path.clone());
    }
    let known: Vec<String> = messages
        .iter()
        .map(|m| format!("{}/{}", m.contract, m.message))
        .collect();
    Err(format!(
        "{}: no message \"{name}\" (known: {})",
        dir.display(),
        known.join(", ")
    ))
}

fn check(loaded: &Loaded, input: Expanded) -> Outcome {
    let input = match input {
        Ok(input) => input,
        Err((name, message)) => return tool_error(name, message),
    };
    let name = input.name();
    let result = input.read().and_then(|bytes| {
        contractgen::reference::validate_bytes(
            &loaded.validator,
            &loaded.document,
            &bytes,
            &input.path(),
        )
    });
    match result {
        Err(e) => tool_error(name, e.to_string()),
        Ok(errors) => Outcome {
            name,
            verdict: if errors.is_empty() {
                Verdict::Valid
            } else {
                Verdict::Invalid
            },
            errors,
            tool_error: None,
        },
    }
}

fn tool_error(name: String, message: String) -> Outcome {
    Outcome {
        name,
        verdict: Verdict::Error,
        errors: Vec::new(),
        tool_error: Some(message),
    }
}

fn print_text(outcome: &Outcome) {
    match outcome.verdict {
        Verdict::Valid => println!("{}: valid", outcome.name),
        Verdict::Invalid => {
            println!("{}: {} error(s)", outcome.name, outcome.errors.len());
            for error in &outcome.errors {
                println!(
                    "  {}: {}",
                    display_pointer(&error.instance_path),
                    error.message
                );
            }
        }
        Verdict::Error => {
            println!("{}: could not be checked", outcome.name);
            if let Some(message) = &outcome.tool_error {
                eprintln!("error: {message}");
            }
        }
    }
}

/// The `--output json` document; its field names are documented in the README.
fn json_report(loaded: &Loaded, outcomes: &[Outcome], worst: Verdict) -> Value {
    let settings = &loaded.settings;
    let files: Vec<Value> = outcomes
        .iter()
        .map(|o| {
            let errors: Vec<Value> = o
                .errors
                .iter()
                .map(|e| {
                    json!({
                        "instancePath": e.instance_path,
                        "keywordLocation": e.schema_path,
                        "message": e.message,
                    })
                })
                .collect();
            json!({
                "path": o.name,
                "verdict": o.verdict.word(),
                "errors": errors,
                "error": o.tool_error,
            })
        })
        .collect();
    json!({
        "schema": loaded.path.display().to_string(),
        "settings": {
            "assertFormat": settings.vocabulary.assert_format,
            "assertContent": settings.vocabulary.assert_content,
            "file": settings.file.as_ref().map(|p| p.display().to_string()),
        },
        "files": files,
        "error": null,
        "exitCode": worst.exit_code(),
    })
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}
