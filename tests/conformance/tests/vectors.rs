//! Every vector through three independent checks that must agree with its expected outcome:
//! (a) the schema itself with the `jsonschema` crate, (b) the generated Rust validator,
//! (c) bytes to validated typed value and back. Valid vectors are also checked against the
//! schema `schemars` derives from the generated type. Vectors come from `tests/vectors/` and
//! from every directory in `CONTRACTGEN_VECTORS`; one test per vector and check.
//! The generated validator's verdicts and errors (pointer, keyword location, message) are
//! written to `target/conformance/rust-results.tsv` for the cross-language agreement test on
//! the Kotlin side. The `jsonschema` check also compares the reference's messages (in the
//! catalogue's words, as `contractgen validate` prints them) with the generated validator's.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use conformance::{find_vectors, reference_validator, repo_root, vector_roots, Baseline, Vector};
use contracts::MessageInfo;
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    let mut vectors = Vec::new();
    for root in vector_roots() {
        match find_vectors(&root) {
            Ok(found) => vectors.extend(found),
            Err(e) => trials.push(Trial::test(
                format!("vectors in {}", root.display()),
                move || Err(e.into()),
            )),
        }
    }
    let mut baselines: BTreeMap<(String, String), Arc<Result<Baseline, String>>> = BTreeMap::new();
    let mut results = Vec::new();
    // Reference errors whose message was compared with the generated one, and those without a
    // generated error at the same pointer for the same keyword.
    let mut tally = (0, 0);
    for vector in vectors {
        let name = vector.name();
        let Some(info) = contracts::MESSAGES
            .iter()
            .find(|m| m.contract == vector.contract && m.message == vector.message)
        else {
            let message = format!(
                "{}: no schema for contract {:?} message {:?} (expected schema/{}/{}.schema.json)",
                vector.path.display(),
                vector.contract,
                vector.message,
                vector.contract,
                vector.message
            );
            trials.push(Trial::test(name, move || Err(message.into())));
            continue;
        };
        let baseline = baselines
            .entry((vector.contract.clone(), vector.message.clone()))
            .or_insert_with(|| Arc::new(reference_validator(info)))
            .clone();
        results.push(result_line(&vector, info));
        if let (Ok((validator, document)), Ok(instance)) = (baseline.as_ref(), read(&vector)) {
            let reference = contractgen::reference::errors(validator, document, &instance);
            let found =
                conformance::compare_messages(&reference, &generated_errors(info, &instance));
            tally.0 += found.compared;
            tally.1 += found.unmatched;
        }
        let vector = Arc::new(vector);
        let (v1, v2, v3) = (vector.clone(), vector.clone(), vector.clone());
        trials.push(Trial::test(format!("{name}::jsonschema"), move || {
            check_reference(&v1, &baseline, info)
        }));
        trials.push(Trial::test(format!("{name}::generated"), move || {
            check_generated(&v2, info)
        }));
        trials.push(Trial::test(format!("{name}::typed"), move || {
            check_typed(&v3, info)
        }));
        if vector.valid {
            trials.push(Trial::test(format!("{name}::schemars"), move || {
                check_schemars(&vector, info)
            }));
        }
    }
    eprintln!(
        "messages: {} jsonschema errors compared with the generated validator's, {} without a counterpart",
        tally.0, tally.1
    );
    if let Err(e) = write_results(&results) {
        trials.push(Trial::test("write rust-results.tsv", move || Err(e.into())));
    }
    libtest_mimic::run(&args, trials).exit();
}

fn read(vector: &Vector) -> Result<Value, Failed> {
    contractgen::reference::read_json(&vector.path).map_err(|e| e.to_string().into())
}

fn expect(vector: &Vector, pointers: &[String], what: &str) -> Result<(), Failed> {
    match (vector.valid, pointers.is_empty()) {
        (true, true) => Ok(()),
        (true, false) => Err(format!("{what} rejected a valid vector at {pointers:?}").into()),
        (false, true) => Err(format!("{what} accepted an invalid vector").into()),
        (false, false) => match &vector.pointer {
            Some(expected) if !pointers.contains(expected) => Err(format!(
                "{what} reported errors at {pointers:?}, not at the expected {expected:?}"
            )
            .into()),
            _ => Ok(()),
        },
    }
}

fn check_reference(
    vector: &Vector,
    baseline: &Result<Baseline, String>,
    info: &MessageInfo,
) -> Result<(), Failed> {
    let (validator, document) = baseline.as_ref().map_err(|e| e.clone())?;
    let instance = read(vector)?;
    let pointers: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| e.instance_path().to_string())
        .collect();
    expect(vector, &pointers, "jsonschema")?;
    let generated = generated_errors(info, &instance);
    let reference = contractgen::reference::errors(validator, document, &instance);
    let comparison = conformance::compare_messages(&reference, &generated);
    if comparison.differ.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "jsonschema (in the catalogue's words) and the generated validator word the same errors differently: {:#?}",
            comparison.differ
        )
        .into())
    }
}

fn generated_errors(
    info: &MessageInfo,
    instance: &Value,
) -> Vec<contractgen_runtime::ValidationError> {
    (info.validate)(instance)
        .err()
        .map(Vec::from)
        .unwrap_or_default()
}

fn generated_pointers(info: &MessageInfo, instance: &Value) -> Vec<String> {
    match (info.validate)(instance) {
        Ok(()) => Vec::new(),
        Err(errors) => errors.into_iter().map(|e| e.instance_path).collect(),
    }
}

fn check_generated(vector: &Vector, info: &MessageInfo) -> Result<(), Failed> {
    let instance = read(vector)?;
    expect(
        vector,
        &generated_pointers(info, &instance),
        "generated validator",
    )
}

fn check_typed(vector: &Vector, info: &MessageInfo) -> Result<(), Failed> {
    let bytes = std::fs::read(&vector.path).map_err(|e| e.to_string())?;
    let original = read(vector)?;
    match ((info.round_trip)(&bytes), vector.valid) {
        (Ok(back), true) if back == original => Ok(()),
        (Ok(back), true) => {
            Err(format!("decoded and re-encoded to a different value:\n{back:#}").into())
        }
        (Err(e), true) => Err(format!("a valid vector did not decode: {e}").into()),
        (Ok(_), false) => Err("an invalid vector decoded into the typed value".into()),
        (Err(contractgen_runtime::ParseError::Invalid(_)), false) => Ok(()),
        (Err(e), false) => Err(format!("rejected, but not by validation: {e}").into()),
    }
}

fn check_schemars(vector: &Vector, info: &MessageInfo) -> Result<(), Failed> {
    let derived = (info.derived_schema)();
    let validator = jsonschema::validator_for(derived.as_value())
        .map_err(|e| format!("derived schema: {e}"))?;
    let instance = read(vector)?;
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!("the schemars-derived schema rejects a valid vector: {errors:?}").into())
    }
}

/// One line per vector: path, verdict and the sorted instance pointers of its errors; then one
/// line per error, sorted: `error`, pointer, keyword location and message, escaped.
fn result_line(vector: &Vector, info: &MessageInfo) -> String {
    let root = repo_root();
    let path = vector
        .path
        .strip_prefix(&root)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| vector.path.display().to_string());
    let errors = match contractgen::reference::read_json(&vector.path) {
        Ok(instance) => generated_errors(info, &instance),
        Err(e) => return format!("{path}\tunreadable\t{e}"),
    };
    let (verdict, pointers, details) = conformance::result_fields(&errors);
    format!("{path}\t{verdict}\t{pointers}{details}")
}

fn write_results(lines: &[String]) -> Result<(), String> {
    let dir = repo_root().join("target/conformance");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = dir.join("rust-results.tsv");
    let mut text = lines.join("\n");
    text.push('\n');
    std::fs::write(&file, text).map_err(|e| format!("{}: {e}", Path::new(&file).display()))
}
