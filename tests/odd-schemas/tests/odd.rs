//! The odd but legal schemas of this fixture generate code that compiles warning-free (the
//! crate denies warnings) and behaves: renamed types keep their wire shape, keyword enum values
//! and empty property names round trip, and recursion without a named type decodes.

use odd_schemas::contracts::{names, nesting};
use serde_json::json;

#[test]
fn types_named_like_std_are_renamed_and_keep_their_shape() {
    let text = r#"{"stringField": {"inner": {"text": "a"}}, "boxField": {"inner": {"inner": {}}},
        "vecField": {"text": "v"}, "dField": {"d": "leaf"}}"#;
    let request = names::request::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    let string: Option<names::request::String2> = request.string_field.clone();
    let inner = string.and_then(|s| s.inner).and_then(|i| i.text);
    assert_eq!(inner.as_deref(), Some("a"));
    let vec: Option<names::request::Vec2> = request.vec_field.clone();
    assert_eq!(vec.and_then(|v| v.text).as_deref(), Some("v"));
    assert!(matches!(
        request.d_field,
        Some(names::request::D::D2(ref d)) if d.d == Some(Box::new(names::request::D::String("leaf".into())))
    ));
}

#[test]
fn keyword_values_and_empty_property_names_round_trip() {
    let payload = json!({"": "empty", " ": "blank", "_": "underscore", "a\nb": "newline",
        "keywords": "self"});
    let bytes = payload.to_string();
    let request = names::request::from_str(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(request.keywords, Some(names::request::Keywords::SelfValue));
    assert_eq!(request.field.as_deref(), Some("empty"));
    assert_eq!(request.field_2.as_deref(), Some("blank"));
    assert_eq!(request.a_b.as_deref(), Some("newline"));
    let back = names::request::round_trip(bytes.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, payload);
}

#[test]
fn a_message_named_result_is_a_type_next_to_std_result() {
    let result: Result<names::result::Result, _> = names::result::from_str(r#"{"a": "x"}"#);
    assert_eq!(result.ok().and_then(|r| r.a).as_deref(), Some("x"));
}

#[test]
fn recursion_without_a_named_type_decodes() {
    let arrays = json!([[], [[]], [[[]]]]);
    let decoded = nesting::request::from_value(arrays.clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(serde_json::to_value(decoded).ok(), Some(arrays));
    assert!(nesting::request::validate(&json!([[1]])).is_err());
    let maps = json!({"a": {"b": {}}});
    assert!(nesting::response::from_value(maps).is_ok());
    assert!(nesting::response::validate(&json!({"a": {"b": 1}})).is_err());
}
