//! Both printers take every message from the catalogue: for a schema per keyword family, the
//! generated Rust and the generated Kotlin hold the same rendered text (or format string, where
//! values found at run time remain) for each message id.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::emit::kotlin::layout::string_literal;
use crate::messages::{MessageId, CATALOGUE, RUNTIME_MESSAGES};
use crate::Options;

/// A message id, a schema that reports it, and the arguments known when generating.
type Case = (MessageId, Value, Vec<(&'static str, &'static str)>);

fn cases() -> Vec<Case> {
    use MessageId::*;
    vec![
        (
            TypeMismatch,
            json!({"type": ["string", "null"]}),
            vec![("expected", "null or string")],
        ),
        (
            ConstMismatch,
            json!({"const": {"a": [1]}}),
            vec![("expected", "{\"a\":[1]}")],
        ),
        (
            EnumMismatch,
            json!({"enum": ["a", 2, null]}),
            vec![("allowed", "\"a\", 2, null")],
        ),
        (
            NotMultipleOf,
            json!({"multipleOf": 0.5}),
            vec![("divisor", "0.5")],
        ),
        (AboveMaximum, json!({"maximum": 10}), vec![("limit", "10")]),
        (
            NotBelowExclusiveMaximum,
            json!({"exclusiveMaximum": 1.5}),
            vec![("limit", "1.5")],
        ),
        (BelowMinimum, json!({"minimum": -3}), vec![("limit", "-3")]),
        (
            NotAboveExclusiveMinimum,
            json!({"exclusiveMinimum": 0}),
            vec![("limit", "0")],
        ),
        (TooLong, json!({"maxLength": 5}), vec![("limit", "5")]),
        (TooShort, json!({"minLength": 2}), vec![("limit", "2")]),
        (
            PatternMismatch,
            json!({"pattern": "^a{2}\\d$"}),
            vec![("pattern", "^a{2}\\d$")],
        ),
        (
            InvalidFormat,
            json!({"format": "date-time"}),
            vec![("format", "date-time")],
        ),
        (ContentNotBase64, content(), vec![]),
        (ContentNotUtf8, content(), vec![]),
        (ContentNotJson, content(), vec![]),
        (ContentInvalid, content(), vec![]),
        (TooManyItems, json!({"maxItems": 3}), vec![("limit", "3")]),
        (TooFewItems, json!({"minItems": 1}), vec![("limit", "1")]),
        (DuplicateItems, json!({"uniqueItems": true}), vec![]),
        (
            TooFewContained,
            json!({"contains": {"type": "integer"}, "minContains": 2, "maxContains": 4}),
            vec![("min", "2")],
        ),
        (
            TooManyContained,
            json!({"contains": {"type": "integer"}, "minContains": 2, "maxContains": 4}),
            vec![("max", "4")],
        ),
        (
            TooManyProperties,
            json!({"maxProperties": 2}),
            vec![("limit", "2")],
        ),
        (
            TooFewProperties,
            json!({"minProperties": 1}),
            vec![("limit", "1")],
        ),
        (
            MissingRequired,
            json!({"required": ["a\"b"]}),
            vec![("name", "\"a\\\"b\"")],
        ),
        (
            MissingDependent,
            json!({"dependentRequired": {"a": ["b", "c"]}}),
            vec![("name", "\"c\""), ("property", "\"a\"")],
        ),
        (
            NoAlternativeMatches,
            json!({"anyOf": [{"type": "string"}, {"type": "null"}]}),
            vec![("count", "2")],
        ),
        (
            NoOneOfMatches,
            json!({"oneOf": [{"type": "string"}, {"minLength": 1}, {"type": "null"}]}),
            vec![("count", "3")],
        ),
        (
            SeveralOneOfMatch,
            json!({"oneOf": [{"type": "string"}, {"minLength": 1}, {"type": "null"}]}),
            vec![("count", "3")],
        ),
        (NotMatchedNot, json!({"not": {"type": "string"}}), vec![]),
        (FalseSchema, json!({"properties": {"a": false}}), vec![]),
    ]
}

fn content() -> Value {
    json!({
        "type": "string",
        "contentEncoding": "base64",
        "contentMediaType": "application/json",
        "contentSchema": {"type": "object"}
    })
}

/// The validator code of both languages for one schema.
fn printed(schema: &Value) -> (String, String) {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::create_dir_all(dir.path().join("sample")).expect("contract directory");
    std::fs::write(
        dir.path().join("sample/message.schema.json"),
        schema.to_string(),
    )
    .expect("schema file");
    std::fs::write(
        dir.path().join("contractgen.json"),
        json!({"assertFormat": true, "assertContent": true}).to_string(),
    )
    .expect("settings");
    let files = match crate::generate(&Options::new(dir.path())) {
        Ok(generation) => generation.files,
        Err(e) => panic!("{schema}: {e}"),
    };
    let text = |suffix: &str| {
        files
            .iter()
            .filter(|f| f.path.to_string_lossy().ends_with(suffix))
            .map(|f| f.contents.clone())
            .collect::<String>()
    };
    // Content decoding reports from the Rust runtime (`decode_content`), whose texts are held
    // to the catalogue here too.
    const RUNTIME_CONTENT: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../runtime/rust/src/__private/content.rs"
    ));
    (
        text("sample/message.rs") + RUNTIME_CONTENT,
        text("MessageValidator.kt"),
    )
}

#[test]
fn rust_and_kotlin_print_the_same_catalogue_text_for_every_message() {
    let cases = cases();
    let covered: BTreeSet<_> = cases.iter().map(|(id, _, _)| *id).collect();
    let missing: Vec<_> = CATALOGUE
        .iter()
        .filter(|e| !covered.contains(&e.id) && !RUNTIME_MESSAGES.contains(&e.id))
        .map(|e| e.name)
        .collect();
    assert!(missing.is_empty(), "no case for {missing:?}");
    for (id, schema, known) in cases {
        let (rust, kotlin) = printed(&schema);
        assert!(
            !rust.is_empty() && !kotlin.is_empty(),
            "{schema}: no validator"
        );
        let (format, open) = id.format_string(&known);
        // Without run-time values both print the text; otherwise a format string with `{}`
        // (Rust's `format!`, Kotlin's `Checks.fill`).
        let text = if open.is_empty() {
            id.render(&known)
        } else {
            format.clone()
        };
        assert!(
            rust.contains(&format!("{text:?}")),
            "{}: Rust lacks {text:?} for {schema}:\n{rust}",
            id.name()
        );
        assert!(
            kotlin.contains(&string_literal(&text)),
            "{}: Kotlin lacks {} for {schema}:\n{kotlin}",
            id.name(),
            string_literal(&text)
        );
    }
}
