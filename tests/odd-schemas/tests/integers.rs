//! Integers written `1.0` or `1e2` are integers in JSON Schema 2020-12, so the typed decode
//! reads them into the `i64` fields, in every field shape; fractions are still refused, and
//! writing gives plain integers.

use odd_schemas::contracts::integers::request::{self, Request};
use serde_json::json;

#[test]
fn whole_numbers_with_a_fraction_or_exponent_decode_into_integer_fields() {
    let text = r#"{"count": 1.0, "level": -2.0, "limit": 1e2, "offset": 5.0,
        "steps": [1.0, -3, 2e1], "weights": {"a": 4.0}}"#;
    let decoded = request::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(decoded.count, 1);
    assert_eq!(decoded.level, Some(-2));
    assert_eq!(decoded.limit, Some(100));
    assert_eq!(decoded.offset, Some(Some(5)));
    assert_eq!(decoded.steps, Some(vec![1, -3, 20]));
    assert_eq!(decoded.weights.as_ref().map(|w| w["a"]), Some(4));
    assert_eq!(
        serde_json::to_string(&decoded).ok().as_deref(),
        Some(
            r#"{"count":1,"level":-2,"limit":100,"offset":5,"steps":[1,-3,20],"weights":{"a":4}}"#
        )
    );
}

#[test]
fn absent_and_null_integers_keep_their_meaning() {
    let decoded = request::from_value(json!({"count": 0, "level": null, "offset": null}))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(decoded.level, None);
    assert_eq!(decoded.limit, None);
    assert_eq!(decoded.offset, Some(None));
    let decoded =
        request::from_value(json!({"count": 0, "level": 1})).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(decoded.offset, None);
    assert_eq!(
        serde_json::to_value(&decoded).ok(),
        Some(json!({"count": 0, "level": 1}))
    );
}

#[test]
fn fractions_are_refused_by_the_validator_and_by_the_bare_decode() {
    let Err(contractgen_runtime::ParseError::Invalid(errors)) =
        request::from_str(r#"{"count": 1.5, "level": null}"#)
    else {
        panic!("1.5 is no integer");
    };
    let pointers: Vec<&str> = errors.iter().map(|e| e.instance_path.as_str()).collect();
    assert_eq!(pointers, ["/count"]);
    // Without the validator in front, the decode itself says what it expected.
    let error = serde_json::from_str::<Request>(r#"{"count": 1.5, "level": null}"#)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        error.starts_with(
            "invalid value: floating point `1.5`, expected an integer that fits in 64 bits (i64)"
        ),
        "{error}"
    );
    let error = serde_json::from_str::<Request>(r#"{"count": 1e19, "level": null}"#)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        error.contains("expected an integer that fits in 64 bits"),
        "{error}"
    );
}

#[test]
fn a_bare_integer_root_and_an_integer_alternative_read_whole_numbers_written_with_a_fraction() {
    use odd_schemas::contracts::integers::count;
    use odd_schemas::contracts::integers::request::RequestAmount;
    assert_eq!(count::from_str("1.0").ok(), Some(1));
    assert_eq!(count::from_str("1e2").ok(), Some(100));
    assert_eq!(count::from_value(json!(7.0)).ok(), Some(7));
    assert!(matches!(
        count::from_str("1.5"),
        Err(contractgen_runtime::ParseError::Invalid(_))
    ));
    let decoded = request::from_str(r#"{"count": 0, "level": null, "amount": 5.0}"#)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(decoded.amount, Some(RequestAmount::Integer(5)));
    let decoded = request::from_str(r#"{"count": 0, "level": null, "amount": "five"}"#)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(decoded.amount, Some(RequestAmount::String("five".into())));
}
