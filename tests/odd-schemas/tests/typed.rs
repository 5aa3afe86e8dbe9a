//! `validate_typed` on the shapes it reads from the generated types (`schema/typed`): each
//! instance is decoded without checks and must give exactly what `validate` gives on the typed
//! value's JSON, errors and order; the broken rules each instance is written for are asserted.

use odd_schemas::contracts::{typed::request, MESSAGES};
use serde_json::{json, Value};

/// An instance and the instance pointers of the errors `validate_typed` must report.
fn cases() -> Vec<(Value, Vec<&'static str>)> {
    vec![
        (json!({"id": "abc", "tags": []}), vec![]),
        (json!({"id": "ab", "tags": []}), vec!["/id"]),
        (json!({"id": "ABC", "tags": []}), vec!["/id"]),
        (
            json!({"id": "abc", "tags": [], "note": null, "count": null}),
            vec![],
        ),
        (
            json!({"id": "abc", "tags": [], "note": "toolong", "count": 0}),
            vec!["/note", "/count"],
        ),
        (json!({"id": "abc", "tags": [], "ratio": 1}), vec!["/ratio"]),
        (
            json!({"id": "abc", "tags": [], "ratio": 0.5, "flag": true}),
            vec![],
        ),
        (
            json!({"id": "abc", "tags": [], "flag": false}),
            vec!["/flag"],
        ),
        (json!({"id": "abc", "tags": [], "mode": 3}), vec![]),
        (
            json!({"id": "abc", "tags": [], "mode": "up"}),
            vec!["/mode"],
        ),
        (
            json!({"id": "abc", "tags": [], "scores": {}}),
            vec!["/scores"],
        ),
        (
            json!({"id": "abc", "tags": [], "scores": {"a": 1, "b": -1, "c": -2}}),
            vec!["/scores/b", "/scores/c"],
        ),
        (
            json!({"id": "abc", "tags": [], "labels": {"main": "ok", "x": "long"}}),
            vec!["/labels/x"],
        ),
        (
            json!({"id": "abc", "tags": [], "labels": {"x": "ok"}}),
            vec!["/labels"],
        ),
        (json!({"id": "abc", "tags": ["a", "a"]}), vec!["/tags"]),
        (
            json!({"id": "abc", "tags": ["a", "", "b", "c"]}),
            vec!["/tags", "/tags/1"],
        ),
        (
            json!({"id": "abc", "tags": [], "items": []}),
            vec!["/items"],
        ),
        (
            json!({"id": "abc", "tags": [], "items": [{"name": "n", "size": 11}, {"name": "toolong"}]}),
            vec!["/items/0/size", "/items/1/name"],
        ),
        (
            json!({"id": "abc", "tags": [], "items": [{"name": "n", "gone": 1}]}),
            vec!["/items/0/gone"],
        ),
        (
            json!({"id": "abc", "tags": [], "open": {"a": 1, "b": "s", "c": 2}}),
            vec!["/open/c"],
        ),
        (json!({"id": "abc", "tags": [], "kind": "a"}), vec!["", ""]),
        (
            json!({"id": "abc", "tags": [], "kind": "a", "note": "n", "count": 2}),
            vec![],
        ),
        (json!({"id": "abc", "tags": [], "kind": "b"}), vec![]),
        (
            json!({"id": "abc", "tags": [], "weights": {"top": 5, "x": 9}}),
            vec![],
        ),
        (
            json!({"id": "abc", "tags": [], "weights": {"top": 6}}),
            vec!["/weights/top"],
        ),
        (json!({"id": "abc", "tags": [], "maybe": "s"}), vec![]),
        (
            json!({"id": "abc", "tags": [], "maybe": null}),
            vec!["/maybe"],
        ),
        // A catch-all entry with a field's name is what is sent: checked from the JSON.
        (json!({"id": "abc", "tags": [], "extra": 1}), vec![]),
        // Embedded JSON, decoded into its own type: a referenced struct, an inline one, a map.
        (
            json!({"id": "abc", "tags": [], "doc": r#"{"code": "12"}"#}),
            vec![],
        ),
        (
            json!({"id": "abc", "tags": [], "doc": r#"{"code": "1a"}"#}),
            vec!["/doc"],
        ),
        (
            json!({"id": "abc", "tags": [], "inlineDoc": r#"{"n": 2, "m": 1}"#}),
            vec![],
        ),
        (
            json!({"id": "abc", "tags": [], "inlineDoc": r#"{"n": 1.0}"#}),
            vec![],
        ),
        (
            json!({"id": "abc", "tags": [], "inlineDoc": r#"{"n": 0}"#}),
            vec!["/inlineDoc"],
        ),
        (
            json!({"id": "abc", "tags": [], "anyDoc": r#"{"a": [1]}"#}),
            vec![],
        ),
    ]
}

/// Embedded JSON the types cannot hold (not JSON, a repeated name, another type): `validate`
/// and `from_str` still refuse it at the string, with the same errors.
#[test]
fn embedded_json_that_does_not_decode_is_refused_at_its_string() {
    for (member, text, says) in [
        ("doc", "x", "does not parse as JSON"),
        ("doc", "{}", "required property"),
        ("doc", r#"{"code": "1", "code": "2"}"#, "property name once"),
        ("doc", r#"{"code": 1}"#, "expected string"),
        ("inlineDoc", r#"{"n": 1.5}"#, "expected integer"),
        ("inlineDoc", "[]", "expected object"),
        ("anyDoc", "[1]", "expected object"),
    ] {
        let mut instance = json!({"id": "abc", "tags": []});
        instance[member] = json!(text);
        let errors = request::validate(&instance)
            .err()
            .map(Vec::from)
            .unwrap_or_default();
        let pointers: Vec<&str> = errors.iter().map(|e| e.instance_path.as_str()).collect();
        assert_eq!(pointers, [format!("/{member}")], "{instance}");
        assert!(errors[0].message.contains(says), "{instance}: {errors:?}");
        let parsed = request::from_str(&instance.to_string());
        match parsed {
            Err(contractgen_runtime::ParseError::Invalid(e)) => {
                assert_eq!(Vec::from(e), errors, "{instance}");
            }
            other => panic!("{instance}: {other:?}"),
        }
    }
}

#[test]
fn validate_typed_reports_what_validate_reports_on_the_json() {
    let info = MESSAGES
        .iter()
        .find(|m| m.contract == "typed" && m.message == "request")
        .unwrap_or_else(|| panic!("the typed fixture is generated"));
    for (instance, expected) in cases() {
        let (json, typed) = (info.typed_trial)(&instance)
            .unwrap_or_else(|| panic!("{instance} decodes into the types"));
        assert_eq!(typed, (info.validate)(&json), "{instance}");
        let pointers: Vec<String> = typed
            .err()
            .map(Vec::from)
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.instance_path)
            .collect();
        assert_eq!(pointers, expected, "{instance}");
    }
}

#[test]
fn a_catch_all_entry_shadowing_a_field_is_checked_as_sent() {
    let mut typed =
        request::from_value(json!({"id": "abc", "tags": []})).unwrap_or_else(|e| panic!("{e}"));
    typed.extra.insert("id".to_string(), json!("A"));
    let sent = serde_json::to_value(&typed).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sent["id"], json!("A"));
    let verdict = request::validate_typed(&typed);
    assert_eq!(verdict, request::validate(&sent));
    assert!(verdict.is_err());
}
