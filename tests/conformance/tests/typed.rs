//! `validate_typed` on values built in code gives exactly what `validate` gives on the value's
//! JSON (`serde_json::to_value`): the same verdict and the same errors in the same order, also
//! where the typed value is nested deeper than the depth limit or its catch-all map repeats a
//! field's wire name.

use contractgen_runtime::__private::{dispose, MAX_DEPTH};
use contracts::get_session_token::request::{self, Request};
use serde_json::{json, Map, Value};

const VALID: &str =
    include_str!("../../vectors/get_session_token/request/valid/with_udf_parameters.json");

fn valid() -> Request {
    request::from_str(VALID).unwrap_or_else(|e| panic!("the vector decodes: {e}"))
}

/// `[[...[0]...]]` with `levels` arrays, built without recursion.
fn nested(levels: usize) -> Value {
    (0..levels).fold(json!(0), |inner, _| Value::Array(vec![inner]))
}

fn same_as_json(typed: &Request) -> Result<(), Vec<contractgen_runtime::ValidationError>> {
    let instance = serde_json::to_value(typed).unwrap_or_else(|e| panic!("{e}"));
    let verdict = request::validate(&instance);
    assert_eq!(request::validate_typed(typed), verdict);
    verdict
}

#[test]
fn a_valid_value_is_valid_both_ways() {
    assert_eq!(same_as_json(&valid()), Ok(()));
}

#[test]
fn depth_at_and_past_the_limit_reads_as_validate() {
    // The catch-all map's value sits one level below the root object.
    for levels in [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 30] {
        let mut typed = valid();
        typed.extra.insert("deep".to_string(), nested(levels));
        let verdict = same_as_json(&typed);
        assert_eq!(verdict.is_err(), levels >= MAX_DEPTH, "{levels}");
    }
}

#[test]
fn a_value_too_deep_to_serialize_is_refused_without_overflowing() {
    // Serializing this whole would recurse once per level and exhaust the stack.
    let levels = 200_000;
    let mut typed = valid();
    typed.extra.insert("deep".to_string(), nested(levels));
    let got = request::validate_typed(&typed);
    // What `validate` gives on the same JSON, built without serializing the deep part.
    let deep = typed.extra.remove("deep").unwrap_or(Value::Null);
    let mut instance = serde_json::to_value(&typed).unwrap_or_else(|e| panic!("{e}"));
    if let Value::Object(members) = &mut instance {
        members.insert("deep".to_string(), deep);
    }
    let expected = request::validate(&instance);
    dispose(instance);
    assert!(expected.is_err());
    assert_eq!(got, expected);
}

#[test]
fn a_catch_all_key_equal_to_a_field_name_is_checked_as_sent() {
    // Serialized, the map's entry replaces the field's value: what is sent is what is checked.
    let cases: [(&str, Value); 4] = [
        ("service", json!(5)),
        ("service", json!("in.juspay.hyperapi")),
        ("requestId", json!("")),
        ("payload", json!({"action": "upiGetSessionToken"})),
    ];
    for (key, value) in cases {
        let mut typed = valid();
        typed.extra.insert(key.to_string(), value.clone());
        let verdict = same_as_json(&typed);
        let valid_anyway = key == "service" && value.is_string();
        assert_eq!(verdict.is_ok(), valid_anyway, "{key}: {value}");
    }
    let mut typed = valid();
    typed
        .payload
        .extra
        .insert("action".to_string(), json!("somethingElse"));
    assert!(same_as_json(&typed).is_err());
    let mut members = Map::new();
    members.insert("signature".to_string(), json!(5));
    typed.payload.extra = members;
    assert!(same_as_json(&typed).is_err());
}
