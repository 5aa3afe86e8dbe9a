//! Runs every prepared test case through the generated Rust validator and through the
//! `jsonschema` crate, and writes one result file per validator and suite for the report, and
//! the generated validator's errors per case (`errors-rust.json`, in the order of `cases.json`),
//! which the Kotlin side compares with its own. It also counts the allocations of the generated
//! `validate` on each instance it accepts, which must be none outside
//! `tests/suite/known-allocations.tsv`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Deserialize)]
struct Case {
    file: String,
    case: String,
    test: String,
    contract: String,
    message: String,
    data: Value,
    valid: bool,
    generated: bool,
}

#[derive(Serialize)]
struct Outcome<'a> {
    file: &'a str,
    case: &'a str,
    test: &'a str,
    /// `passed`, `failed` or `not generated`.
    status: &'static str,
    detail: String,
}

fn status(passed: bool) -> &'static str {
    if passed {
        "passed"
    } else {
        "failed"
    }
}

struct Messages {
    /// The generated validator's errors, each as Kotlin's `ValidationError.toString()` writes
    /// it (`pointer: message (location)`), sorted.
    errors: fn(&str, &str, &Value) -> Option<Vec<String>>,
    /// `validate_typed` on the instance decoded without checks against `validate` on that
    /// typed value's JSON: `None` when the instance does not decode, else what differs.
    typed: fn(&str, &str, &Value) -> Option<Option<String>>,
    /// Whether `validate` accepts the instance, and how many allocations that call made.
    allocations: fn(&str, &str, &Value) -> Option<(bool, usize)>,
    /// The same for `validate_typed` on the instance decoded beforehand (`None`: it does not
    /// decode into the types).
    typed_allocations: fn(&str, &str, &Value) -> Option<(bool, usize)>,
}

#[path = "../../../support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::counted;

/// One lookup per generated suite crate: the crates differ only in name.
macro_rules! generated {
    ($name:ident, $krate:ident) => {
        fn $name(contract: &str, message: &str, data: &Value) -> Option<Vec<String>> {
            let info = $krate::MESSAGES
                .iter()
                .find(|m| m.contract == contract && m.message == message)?;
            let errors = (info.validate)(data).err().unwrap_or_default();
            Some(sorted(errors.iter().map(|e| {
                shown(&e.instance_path, &e.message, e.schema_location)
            })))
        }
    };
}

macro_rules! typed {
    ($name:ident, $krate:ident) => {
        fn $name(contract: &str, message: &str, data: &Value) -> Option<Option<String>> {
            let info = $krate::MESSAGES
                .iter()
                .find(|m| m.contract == contract && m.message == message)?;
            // `from_slice` accepts exactly what `validate` accepts.
            let bytes = serde_json::to_vec(data).ok()?;
            let (decoded, valid) = ((info.decode)(&bytes), (info.validate)(data));
            if decoded.is_ok() != valid.is_ok() {
                return Some(Some(format!(
                    "from_slice gave {decoded:?}, validate {valid:?} on {data}"
                )));
            }
            let (json, typed) = (info.typed_trial)(data)?;
            let expected = (info.validate)(&json);
            Some((typed != expected).then(|| {
                format!("validate_typed gave {typed:?}, validate on {json} gave {expected:?}")
            }))
        }
    };
}

macro_rules! allocations {
    ($name:ident, $krate:ident) => {
        fn $name(contract: &str, message: &str, data: &Value) -> Option<(bool, usize)> {
            let info = $krate::MESSAGES
                .iter()
                .find(|m| m.contract == contract && m.message == message)?;
            // Once first: the runtime keeps a spare buffer per thread (for property names
            // checked as JSON strings), made on a thread's first use; it is the calls after that
            // which allocate nothing.
            let _ = (info.validate)(data);
            let (count, result) = counted(|| (info.validate)(data).is_ok());
            Some((result, count))
        }
    };
}

macro_rules! typed_allocations {
    ($name:ident, $krate:ident) => {
        fn $name(contract: &str, message: &str, data: &Value) -> Option<(bool, usize)> {
            let info = $krate::MESSAGES
                .iter()
                .find(|m| m.contract == contract && m.message == message)?;
            let check = (info.typed_check)(data)?;
            // Once first, as for `validate`.
            let _ = check();
            let (count, result) = counted(&check);
            Some((result, count))
        }
    };
}

generated!(generated_required, suite_required);
generated!(generated_format, suite_format);
generated!(generated_optional, suite_optional);
typed!(typed_required, suite_required);
typed!(typed_format, suite_format);
typed!(typed_optional, suite_optional);
allocations!(allocations_required, suite_required);
allocations!(allocations_format, suite_format);
allocations!(allocations_optional, suite_optional);
typed_allocations!(typed_allocations_required, suite_required);
typed_allocations!(typed_allocations_format, suite_format);
typed_allocations!(typed_allocations_optional, suite_optional);

fn shown(pointer: &str, message: &str, location: &str) -> String {
    let pointer = if pointer.is_empty() {
        "(root)"
    } else {
        pointer
    };
    format!("{pointer}: {message} ({location})")
}

fn sorted(errors: impl Iterator<Item = String>) -> Vec<String> {
    let mut errors: Vec<String> = errors.collect();
    errors.sort();
    errors
}

/// Serves `http://localhost:1234/...` from the suite's `remotes/` folder; nothing else.
struct Remotes(PathBuf);

impl jsonschema::Retrieve for Remotes {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let text = uri.as_str();
        let Some(rest) = text.strip_prefix("http://localhost:1234/") else {
            return Err(format!("no network: {text}").into());
        };
        let path = self_dir(&self.0, rest);
        let body =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(serde_json::from_str(&body)?)
    }
}

fn self_dir(base: &Path, rest: &str) -> PathBuf {
    base.join(rest.split('#').next().unwrap_or(rest))
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..");
    // The same suite checkout as `suite-harness prepare` reads (see its `suite_source`).
    let suite = std::env::var_os("JSON_SCHEMA_TEST_SUITE")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/json-schema-test-suite"));
    let remotes = suite.join("remotes");
    let suites: [(&str, bool, Messages); 3] = [
        (
            "required",
            false,
            Messages {
                errors: generated_required,
                typed: typed_required,
                allocations: allocations_required,
                typed_allocations: typed_allocations_required,
            },
        ),
        (
            "format",
            true,
            Messages {
                errors: generated_format,
                typed: typed_format,
                allocations: allocations_format,
                typed_allocations: typed_allocations_format,
            },
        ),
        (
            "optional",
            false,
            Messages {
                errors: generated_optional,
                typed: typed_optional,
                allocations: allocations_optional,
                typed_allocations: typed_allocations_optional,
            },
        ),
    ];
    let mut failed_to_run = false;
    let known_path = root.join("tests/suite/known-allocations.tsv");
    let mut known = known_allocations(&known_path).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        failed_to_run = true;
        Vec::new()
    });
    for (name, formats, messages) in suites {
        let work = root.join("target/suite").join(name);
        if let Err(e) = run_suite(&work, formats, &messages, &remotes) {
            eprintln!("error in suite {name}: {e}");
            failed_to_run = true;
        }
        match allocation_free(&work, &messages, &mut known) {
            Ok(true) => {}
            Ok(false) => failed_to_run = true,
            Err(e) => {
                eprintln!("error in suite {name}: {e}");
                failed_to_run = true;
            }
        }
        match typed_agreement(&work, &messages) {
            Ok(true) => {}
            Ok(false) => failed_to_run = true,
            Err(e) => {
                eprintln!("error in suite {name}: {e}");
                failed_to_run = true;
            }
        }
    }
    for entry in known.iter().filter(|k| !k.seen) {
        eprintln!(
            "{}:{}: {} no longer allocates on a valid instance of {} / {}: remove the line",
            known_path.display(),
            entry.line,
            entry.check,
            entry.file,
            entry.case
        );
        failed_to_run = true;
    }
    if failed_to_run {
        std::process::exit(1);
    }
}

fn run_suite(
    work: &Path,
    formats: bool,
    messages: &Messages,
    remotes: &Path,
) -> Result<(), String> {
    let text = std::fs::read_to_string(work.join("cases.json")).map_err(|e| e.to_string())?;
    let cases: Vec<Case> = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let mut generated = Vec::new();
    let mut generated_errors: Vec<Option<Vec<String>>> = Vec::new();
    let mut baseline = Vec::new();
    let mut validators: std::collections::BTreeMap<
        (String, String),
        Arc<Result<jsonschema::Validator, String>>,
    > = Default::default();
    for case in &cases {
        let errors = (messages.errors)(&case.contract, &case.message, &case.data);
        let outcome = match (case.generated, &errors) {
            (false, _) => (
                "not generated",
                "the generator refused the schema".to_string(),
            ),
            (true, Some(errors)) => {
                let valid = errors.is_empty();
                (
                    status(valid == case.valid),
                    format!("validator said {valid}"),
                )
            }
            (true, None) => ("failed", "no generated validator".to_string()),
        };
        generated_errors.push(errors.filter(|_| case.generated));
        generated.push(Outcome {
            file: &case.file,
            case: &case.case,
            test: &case.test,
            status: outcome.0,
            detail: outcome.1,
        });
        let validator = validators
            .entry((case.contract.clone(), case.message.clone()))
            .or_insert_with(|| Arc::new(build_baseline(work, case, formats, remotes)))
            .clone();
        let outcome = match validator.as_ref() {
            Ok(v) => {
                let valid = v.is_valid(&case.data);
                (
                    status(valid == case.valid),
                    format!("validator said {valid}"),
                )
            }
            Err(e) => ("not generated", format!("schema not accepted: {e}")),
        };
        baseline.push(Outcome {
            file: &case.file,
            case: &case.case,
            test: &case.test,
            status: outcome.0,
            detail: outcome.1,
        });
    }
    for (file, outcomes) in [
        ("results-rust.json", &generated),
        ("results-jsonschema.json", &baseline),
    ] {
        let text = serde_json::to_string_pretty(outcomes).map_err(|e| e.to_string())?;
        std::fs::write(work.join(file), text).map_err(|e| e.to_string())?;
    }
    let text = serde_json::to_string(&generated_errors).map_err(|e| e.to_string())?;
    std::fs::write(work.join("errors-rust.json"), text).map_err(|e| e.to_string())?;
    Ok(())
}

/// Every test instance that decodes into its message's types (unchecked) goes through
/// `validate_typed`, which must give what `validate` gives on the typed value's JSON; prints
/// the count and each disagreement, and says whether there were none.
fn typed_agreement(work: &Path, messages: &Messages) -> Result<bool, String> {
    let text = std::fs::read_to_string(work.join("cases.json")).map_err(|e| e.to_string())?;
    let cases: Vec<Case> = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let (mut agreed, mut undecoded, mut disagreed) = (0, 0, 0);
    for case in cases.iter().filter(|case| case.generated) {
        match (messages.typed)(&case.contract, &case.message, &case.data) {
            None => undecoded += 1,
            Some(None) => agreed += 1,
            Some(Some(detail)) => {
                disagreed += 1;
                eprintln!(
                    "validate_typed disagrees: {} / {} / {}: {detail}",
                    case.file, case.case, case.test
                );
            }
        }
    }
    let suite = work.file_name().and_then(|n| n.to_str()).unwrap_or("suite");
    println!(
        "suite-{suite}-typed: validate_typed agrees with validate on {agreed}, disagrees on {disagreed}; {undecoded} instances do not decode into the types"
    );
    Ok(disagreed == 0)
}

/// Every instance the generated validator accepts is checked again with its allocations
/// counted, by `validate` and by `validate_typed` on the instance decoded beforehand: the
/// success path allocates nothing, except in the groups `known` lists. Prints the counts and
/// each instance that allocated outside the list, and says whether all held.
fn allocation_free(
    work: &Path,
    messages: &Messages,
    known: &mut [KnownAllocation],
) -> Result<bool, String> {
    let text = std::fs::read_to_string(work.join("cases.json")).map_err(|e| e.to_string())?;
    let cases: Vec<Case> = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let suite = work.file_name().and_then(|n| n.to_str()).unwrap_or("suite");
    let mut held = true;
    for (check, count_of) in [
        ("validate", messages.allocations),
        ("validate_typed", messages.typed_allocations),
    ] {
        let (mut free, mut listed, mut unexpected) = (0, 0, 0);
        for case in cases.iter().filter(|case| case.generated) {
            let Some((true, count)) = count_of(&case.contract, &case.message, &case.data) else {
                continue;
            };
            if count == 0 {
                free += 1;
            } else if let Some(entry) = known.iter_mut().find(|k| k.matches(check, case)) {
                entry.seen = true;
                listed += 1;
            } else {
                unexpected += 1;
                eprintln!(
                    "{check} allocated {count} times on a valid instance: {} / {} / {}",
                    case.file, case.case, case.test
                );
            }
        }
        println!(
            "suite-{suite}-allocations: {check} accepts {free} instances without allocating; {listed} allocate as tests/suite/known-allocations.tsv expects, {unexpected} unexpectedly"
        );
        held &= unexpected == 0;
    }
    Ok(held)
}

/// A line of `tests/suite/known-allocations.tsv`: a group of valid instances that may allocate.
struct KnownAllocation {
    /// `validate` or `validate_typed`.
    check: String,
    file: String,
    /// `*` for every case of the file.
    case: String,
    line: usize,
    /// Whether an instance of the group allocated, in any suite.
    seen: bool,
}

impl KnownAllocation {
    fn matches(&self, check: &str, case: &Case) -> bool {
        self.check == check
            && self.file == case.file
            && (self.case == "*" || self.case == case.case)
    }
}

fn known_allocations(path: &Path) -> Result<Vec<KnownAllocation>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut known = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [check, file, case, reason] = fields[..] else {
            return Err(format!(
                "{}:{}: expected check, suite file, case and reason separated by tabs",
                path.display(),
                index + 1
            ));
        };
        if !matches!(check, "validate" | "validate_typed") {
            return Err(format!(
                "{}:{}: the check is `validate` or `validate_typed`, not {check:?}",
                path.display(),
                index + 1
            ));
        }
        if reason.trim().is_empty() {
            return Err(format!(
                "{}:{}: the reason is empty",
                path.display(),
                index + 1
            ));
        }
        known.push(KnownAllocation {
            check: check.to_string(),
            file: file.to_string(),
            case: case.to_string(),
            line: index + 1,
            seen: false,
        });
    }
    Ok(known)
}

fn build_baseline(
    work: &Path,
    case: &Case,
    formats: bool,
    remotes: &Path,
) -> Result<jsonschema::Validator, String> {
    let path = work
        .join("all-schemas")
        .join(&case.contract)
        .join(format!("{}.schema.json", case.message));
    let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    let schema: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(formats)
        .with_retriever(Remotes(remotes.to_path_buf()))
        .build(&schema)
        .map_err(|e| e.to_string())
}
