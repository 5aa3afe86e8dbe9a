//! Differential testing: seeded instances, the valid vectors of each message changed by named
//! mutations (`conformance::mutate`), go through the schema with the `jsonschema` crate, the
//! generated validator and the typed decoder, which must agree: the same verdict, the same
//! error pointers, the same messages where both report an error at the same pointer for the same
//! keyword; `from_slice` succeeds exactly when `validate` does, and a valid payload round-trips
//! to the same JSON value. Each instance and the generated validator's outcome are written to
//! `target/conformance/differential/<contract>.<message>.tsv`, which the Kotlin differential
//! test reads to compare Kotlin's verdicts, pointers and messages with these.
//!
//! `DIFFERENTIAL_CASES` (default 5000) instances per message, from `DIFFERENTIAL_SEED` (default
//! fixed). A disagreement writes the instance under `target/conformance/differential-failures/`;
//! one listed in `tests/conformance/differential-known.tsv` is expected, and must still occur.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use conformance::mutate::{self, Instance, Rng, Seeds};
use conformance::{find_vectors, reference_validator, repo_root, vector_roots, Baseline};
use contracts::MessageInfo;
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

const DEFAULT_CASES: usize = 5000;
const DEFAULT_SEED: u64 = 20_261_203;

fn main() {
    let args = Arguments::from_args();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(e) => {
            let trial = Trial::test("differential settings", move || Err(e.into()));
            libtest_mimic::run(&args, vec![trial]).exit();
        }
    };
    let known = match Known::read(&repo_root().join("tests/conformance/differential-known.tsv")) {
        Ok(known) => known,
        Err(e) => {
            let trial = Trial::test("differential-known.tsv", move || Err(e.into()));
            libtest_mimic::run(&args, vec![trial]).exit();
        }
    };
    let failures = repo_root().join("target/conformance/differential-failures");
    // Failures of an earlier run would look like this run's.
    let _ = std::fs::remove_dir_all(&failures);
    let trials = contracts::MESSAGES
        .iter()
        .enumerate()
        .map(|(index, info)| {
            let known = known.for_message(info);
            let failures = failures.clone();
            Trial::test(
                format!("differential::{}/{}", info.contract, info.message),
                move || run_message(info, index as u64, settings, &known, &failures),
            )
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

#[derive(Debug, Clone, Copy)]
struct Settings {
    cases: usize,
    seed: u64,
}

impl Settings {
    fn from_env() -> Result<Settings, String> {
        let number = |name: &str, default: u64| match std::env::var(name) {
            Ok(text) => text
                .trim()
                .parse::<u64>()
                .map_err(|e| format!("{name}={text:?}: {e}")),
            Err(_) => Ok(default),
        };
        Ok(Settings {
            cases: number("DIFFERENTIAL_CASES", DEFAULT_CASES as u64)? as usize,
            seed: number("DIFFERENTIAL_SEED", DEFAULT_SEED)?,
        })
    }
}

/// Disagreements that are known defects: `contract/message`, check, the kinds of mutation that
/// must be among the instance's, the reason. Each must occur in a run, so a fixed one is noticed.
#[derive(Debug, Clone, Default)]
struct Known {
    entries: Vec<KnownEntry>,
}

#[derive(Debug, Clone)]
struct KnownEntry {
    message: String,
    check: String,
    kind: String,
    reason: String,
}

impl Known {
    fn read(path: &Path) -> Result<Known, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut entries = Vec::new();
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [message, check, kind, reason] = fields[..] else {
                return Err(format!(
                    "{}:{}: expected contract/message, check, mutation kind and reason, tab-separated",
                    path.display(),
                    number + 1
                ));
            };
            entries.push(KnownEntry {
                message: message.to_string(),
                check: check.to_string(),
                kind: kind.to_string(),
                reason: reason.to_string(),
            });
        }
        Ok(Known { entries })
    }

    fn for_message(&self, info: &MessageInfo) -> Known {
        let name = format!("{}/{}", info.contract, info.message);
        Known {
            entries: self
                .entries
                .iter()
                .filter(|e| e.message == name)
                .cloned()
                .collect(),
        }
    }

    /// The entry that explains `disagreement` on an instance made by `instance.kinds`.
    fn explains(&self, check: &str, instance: &Instance) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.check == check && instance.kinds.iter().any(|k| k.name() == e.kind))
    }
}

/// One way the three disagree on an instance.
#[derive(Debug)]
struct Disagreement {
    check: &'static str,
    detail: String,
}

fn run_message(
    info: &MessageInfo,
    index: u64,
    settings: Settings,
    known: &Known,
    failures: &Path,
) -> Result<(), Failed> {
    let started = Instant::now();
    let baseline = reference_validator(info)?;
    let seeds = Seeds::new(valid_vectors(info)?, &baseline.1);
    // Each message its own stream, so adding a message does not change another's instances.
    let mut rng = Rng::new(settings.seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
    let mut lines = String::new();
    let mut unexpected = Vec::new();
    let mut seen_known = BTreeSet::new();
    let mut valid = 0usize;
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut tally = (0usize, 0usize);
    for case in 0..settings.cases {
        let instance = mutate::generate(&mut rng, &seeds).ok_or_else(|| {
            format!(
                "{}/{}: no valid vector to start from",
                info.contract, info.message
            )
        })?;
        for kind in &instance.kinds {
            *by_kind.entry(kind.name()).or_default() += 1;
        }
        let outcome = check(info, &baseline, &instance.value);
        valid += usize::from(outcome.generated.is_empty());
        tally.0 += outcome.compared;
        tally.1 += outcome.unmatched;
        write_case(&mut lines, case, &instance, &outcome.generated);
        for disagreement in outcome.disagreements {
            match known.explains(disagreement.check, &instance) {
                Some(entry) => {
                    seen_known.insert(entry);
                }
                None => {
                    let file = write_failure(failures, info, case, &instance, &disagreement)?;
                    unexpected.push(format!(
                        "case {case} ({}): {}: {}\n  instance: {}",
                        instance.kinds_label(),
                        disagreement.check,
                        disagreement.detail,
                        file.display()
                    ));
                }
            }
        }
    }
    write_corpus(info, &lines)?;
    eprintln!(
        "{}/{}: {} instances ({valid} valid) in {:.1?}; {} jsonschema errors compared with the generated validator's, {} without a counterpart; mutations {by_kind:?}",
        info.contract,
        info.message,
        settings.cases,
        started.elapsed(),
        tally.0,
        tally.1
    );
    let mut problems = Vec::new();
    if !unexpected.is_empty() {
        problems.push(format!(
            "{} disagreement(s) among {} instances (seed {}); the first:\n{}",
            unexpected.len(),
            settings.cases,
            settings.seed,
            unexpected
                .iter()
                .take(10)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    for (i, entry) in known.entries.iter().enumerate() {
        if !seen_known.contains(&i) {
            problems.push(format!(
                "the known disagreement {} on {} after {} ({}) no longer occurs: remove it from tests/conformance/differential-known.tsv",
                entry.check, entry.message, entry.kind, entry.reason
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

/// The message's valid vectors, the bases every instance starts from.
fn valid_vectors(info: &MessageInfo) -> Result<Vec<Value>, String> {
    let mut bases = Vec::new();
    for root in vector_roots() {
        for vector in find_vectors(&root)? {
            if vector.valid && vector.contract == info.contract && vector.message == info.message {
                bases.push(
                    contractgen::reference::read_json(&vector.path).map_err(|e| e.to_string())?,
                );
            }
        }
    }
    if bases.is_empty() {
        return Err(format!(
            "{}/{}: no valid vectors under tests/vectors to start from",
            info.contract, info.message
        ));
    }
    Ok(bases)
}

struct Outcome {
    generated: Vec<contractgen_runtime::ValidationError>,
    compared: usize,
    unmatched: usize,
    disagreements: Vec<Disagreement>,
}

/// The instance through the reference, the generated validator and the typed decoder.
fn check(info: &MessageInfo, baseline: &Baseline, instance: &Value) -> Outcome {
    let (validator, document) = baseline;
    let generated = (info.validate)(instance)
        .err()
        .map(Vec::from)
        .unwrap_or_default();
    let mut disagreements = Vec::new();
    let reference: BTreeSet<String> = validator
        .iter_errors(instance)
        .map(|e| e.instance_path().to_string())
        .collect();
    let ours: BTreeSet<String> = generated.iter().map(|e| e.instance_path.clone()).collect();
    if reference.is_empty() != ours.is_empty() {
        disagreements.push(Disagreement {
            check: "verdict",
            detail: format!(
                "jsonschema says {}, the generated validator {}",
                verdict(&reference),
                verdict(&ours)
            ),
        });
    } else if reference != ours {
        disagreements.push(Disagreement {
            check: "pointers",
            detail: format!(
                "jsonschema reports at {reference:?}, the generated validator at {ours:?}"
            ),
        });
    }
    let reported = contractgen::reference::errors(validator, document, instance);
    let messages = conformance::compare_messages(&reported, &generated);
    if !messages.differ.is_empty() {
        disagreements.push(Disagreement {
            check: "messages",
            detail: format!("{:?}", messages.differ),
        });
    }
    disagreements.extend(check_typed(info, instance, &generated));
    disagreements.extend(check_validate_typed(info, instance));
    disagreements.extend(check_repeated_member(info, instance));
    Outcome {
        generated,
        compared: messages.compared,
        unmatched: messages.unmatched,
        disagreements,
    }
}

fn verdict(pointers: &BTreeSet<String>) -> String {
    if pointers.is_empty() {
        "valid".to_string()
    } else {
        format!("invalid at {pointers:?}")
    }
}

/// `from_slice` succeeds exactly when `validate` does, refusing with the validator's errors;
/// a valid payload decodes and encodes back to the same value.
fn check_typed(
    info: &MessageInfo,
    instance: &Value,
    generated: &[contractgen_runtime::ValidationError],
) -> Option<Disagreement> {
    let bytes = match serde_json::to_vec(instance) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Some(Disagreement {
                check: "decode",
                detail: format!("the instance does not serialize: {e}"),
            })
        }
    };
    let decoded = (info.decode)(&bytes);
    match (&decoded, generated.is_empty()) {
        (Ok(()), true) => {}
        (Ok(()), false) => {
            return Some(Disagreement {
                check: "decode",
                detail: "from_slice accepted what validate rejects".to_string(),
            })
        }
        (Err(contractgen_runtime::ParseError::Invalid(errors)), false) => {
            let decoding: BTreeSet<&str> =
                errors.iter().map(|e| e.instance_path.as_str()).collect();
            let validating: BTreeSet<&str> =
                generated.iter().map(|e| e.instance_path.as_str()).collect();
            if decoding != validating {
                return Some(Disagreement {
                    check: "decode",
                    detail: format!(
                        "from_slice refused at {decoding:?}, validate at {validating:?}"
                    ),
                });
            }
            return None;
        }
        (Err(e), valid) => {
            return Some(Disagreement {
                check: "decode",
                detail: format!(
                    "from_slice refused ({e}) what validate {}",
                    if valid { "accepts" } else { "rejects" }
                ),
            })
        }
    }
    match (info.round_trip)(&bytes) {
        Ok(back) if &back == instance => None,
        Ok(back) => Some(Disagreement {
            check: "round_trip",
            detail: format!("decoded and re-encoded to a different value: {back}"),
        }),
        Err(e) => Some(Disagreement {
            check: "round_trip",
            detail: format!("a valid payload did not round-trip: {e}"),
        }),
    }
}

/// The instance's text with its first member given twice (what a parse into a tree cannot
/// show): `from_slice` refuses it with one error, at that member's pointer.
fn check_repeated_member(info: &MessageInfo, instance: &Value) -> Option<Disagreement> {
    let (name, value) = instance.as_object()?.iter().next()?;
    let text = serde_json::to_string(instance).ok()?;
    let repeated = format!(
        "{{{}:{},{}",
        Value::String(name.clone()),
        value,
        text.strip_prefix('{')?
    );
    let pointer = format!("/{}", name.replace('~', "~0").replace('/', "~1"));
    let refused = match (info.decode)(repeated.as_bytes()) {
        Err(contractgen_runtime::ParseError::Invalid(errors)) => errors.into_vec(),
        other => {
            return Some(Disagreement {
                check: "repeated_member",
                detail: format!("from_slice gave {other:?} for {repeated}"),
            })
        }
    };
    let expected = refused.len() == 1
        && refused[0].instance_path == pointer
        && refused[0].message == contractgen_runtime::__private::DUPLICATE_PROPERTY;
    (!expected).then(|| Disagreement {
        check: "repeated_member",
        detail: format!(
            "from_slice refused {repeated} with {refused:?}, not one error at {pointer}"
        ),
    })
}

/// `validate_typed` on the instance decoded without checks gives exactly what `validate`
/// gives on that typed value's JSON: the same errors in the same order.
fn check_validate_typed(info: &MessageInfo, instance: &Value) -> Option<Disagreement> {
    let (json, typed) = (info.typed_trial)(instance)?;
    let expected = (info.validate)(&json);
    (typed != expected).then(|| Disagreement {
        check: "validate_typed",
        detail: format!(
            "validate_typed gave {typed:?}, validate on its JSON {json} gave {expected:?}"
        ),
    })
}

/// `case`, number, mutation kinds, the instance as compact JSON, then the generated validator's
/// verdict and pointers and one `error` line per error, as in `rust-results.tsv`.
fn write_case(
    out: &mut String,
    case: usize,
    instance: &Instance,
    errors: &[contractgen_runtime::ValidationError],
) {
    let (verdict, pointers, details) = conformance::result_fields(errors);
    let _ = writeln!(
        out,
        "case\t{case}\t{}\t{}\t{verdict}\t{pointers}{details}",
        instance.kinds_label(),
        conformance::escape_field(&instance.value.to_string()),
    );
}

fn write_corpus(info: &MessageInfo, lines: &str) -> Result<(), String> {
    let dir = repo_root().join("target/conformance/differential");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = dir.join(format!("{}.{}.tsv", info.contract, info.message));
    std::fs::write(&file, lines).map_err(|e| format!("{}: {e}", file.display()))
}

fn write_failure(
    dir: &Path,
    info: &MessageInfo,
    case: usize,
    instance: &Instance,
    disagreement: &Disagreement,
) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let stem = format!(
        "{}.{}.{case}.{}",
        info.contract, info.message, disagreement.check
    );
    let file = dir.join(format!("{stem}.json"));
    let text = serde_json::to_string_pretty(&instance.value).map_err(|e| e.to_string())?;
    std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
    let note = dir.join(format!("{stem}.txt"));
    let about = format!(
        "{}/{} case {case}, mutations {}: {}: {}\n",
        info.contract,
        info.message,
        instance.kinds_label(),
        disagreement.check,
        disagreement.detail
    );
    std::fs::write(&note, about).map_err(|e| format!("{}: {e}", note.display()))?;
    Ok(file)
}
