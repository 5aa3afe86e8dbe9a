//! The odd but legal schemas of this fixture generate code that compiles warning-free (the
//! crate denies warnings) and behaves: renamed types keep their wire shape, keyword enum values
//! and empty property names round trip, and recursion without a named type decodes.

use odd_schemas::contracts::{conditions, names, nesting, typed};
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

/// `[[...[]...]]` with `levels` arrays, as text and as a value built in code.
fn nested(levels: usize) -> (String, serde_json::Value) {
    let mut value = json!([]);
    for _ in 1..levels {
        value = serde_json::Value::Array(vec![value]);
    }
    (
        format!("{}{}", "[".repeat(levels), "]".repeat(levels)),
        value,
    )
}

fn invalid_at(
    result: Result<impl std::fmt::Debug, contractgen_runtime::ParseError>,
) -> Vec<(String, String)> {
    match result {
        Err(contractgen_runtime::ParseError::Invalid(errors)) => errors
            .into_iter()
            .map(|e| (e.instance_path, e.message))
            .collect(),
        other => panic!("expected a contract violation, found {other:?}"),
    }
}

#[test]
fn text_with_a_property_name_given_twice_is_refused_at_its_pointer() {
    let duplicate = "expected each property name once, found this one again";
    let top = invalid_at(names::request::from_str(
        r#"{"keywords": "self", "keywords": "type"}"#,
    ));
    assert_eq!(top, [("/keywords".to_string(), duplicate.to_string())]);
    let nested = invalid_at(names::request::from_slice(
        br#"{"stringField": {"text": "a", "inner": {"text": "b", "text": "c"}}}"#,
    ));
    assert_eq!(
        nested,
        [("/stringField/inner/text".to_string(), duplicate.to_string())]
    );
}

#[test]
fn every_entry_point_refuses_more_than_100_levels_and_none_aborts() {
    let too_deep = "expected at most 100 levels of nested arrays and objects, found more";
    let pointer = "/0".repeat(100);
    let (text, value) = nested(100);
    assert!(nesting::request::from_str(&text).is_ok());
    assert!(nesting::request::validate(&value).is_ok());
    assert!(nesting::request::from_value(value).is_ok());
    // 101 levels, 127 (serde_json parses those) and 128 (it does not) read alike everywhere.
    for levels in [101, 127, 128] {
        let (text, value) = nested(levels);
        let expected = [(pointer.clone(), too_deep.to_string())];
        assert_eq!(
            invalid_at(nesting::request::from_str(&text)),
            expected,
            "{levels}"
        );
        let errors = nesting::request::validate(&value).err().unwrap_or_default();
        assert_eq!(errors.len(), 1, "{levels}");
        assert_eq!(invalid_at(nesting::request::from_value(value)), expected);
    }
    let typed = nesting::request::from_str(&nested(100).0).unwrap_or_else(|e| panic!("{e}"));
    assert!(nesting::request::validate_typed(&vec![json!(typed)]).is_err());
    // A value fifty thousand levels deep, built in code: an error, not a stack overflow.
    let (_, deep) = nested(50_000);
    assert!(nesting::request::validate(&deep).is_err());
    assert_eq!(invalid_at(nesting::request::from_value(deep)).len(), 1);
}

/// What `validate` said, as `(pointer, message)` pairs (empty: valid).
fn validated(errors: Result<(), contractgen_runtime::ValidationErrors>) -> Vec<(String, String)> {
    errors
        .err()
        .map(|errors| {
            errors
                .into_iter()
                .map(|e| (e.instance_path, e.message))
                .collect()
        })
        .unwrap_or_default()
}

/// A struct hands each member it cannot read plainly (an unknown member, a field of its own
/// type) a fresh count of levels, and reads its plain fields uncounted; the limit still holds
/// for the whole text, exactly at 100 levels, through `from_str` and `validate` alike.
#[test]
fn members_read_apart_are_held_to_the_depth_of_the_whole_payload() {
    fn arrays(levels: usize) -> String {
        format!("{}0{}", "[".repeat(levels), "]".repeat(levels))
    }
    // The payload is level 1 and `stringField` level 2: each `inner` is one level more.
    let recursive = |levels: usize| {
        let chain = "{\"inner\": ".repeat(levels - 2);
        let close = "}".repeat(levels - 2);
        format!("{{\"stringField\": {chain}{{}}{close}}}")
    };
    let unknown = |levels: usize| format!("{{\"x\": {}}}", arrays(levels - 1));
    for (shape, text) in [
        ("recursive", recursive as fn(usize) -> String),
        ("unknown", unknown),
    ] {
        let fine = text(100);
        assert!(names::request::from_str(&fine).is_ok(), "{shape}");
        let value: serde_json::Value = serde_json::from_str(&fine).unwrap_or_default();
        assert!(names::request::validate(&value).is_ok(), "{shape}");
        for levels in [101, 127] {
            let deep = text(levels);
            let refused = invalid_at(names::request::from_str(&deep));
            assert_eq!(refused.len(), 1, "{shape} {levels}");
            assert!(refused[0].1.contains("100 levels"), "{shape} {levels}");
            let value: serde_json::Value = serde_json::from_str(&deep).unwrap_or_default();
            assert_eq!(
                refused,
                validated(names::request::validate(&value)),
                "{shape} {levels}"
            );
            contractgen_runtime::__private::dispose(value);
        }
    }
    // Embedded JSON is a document of its own, counted from its own root.
    let embedded = |levels: usize| {
        let doc = format!("{{\"code\": \"1\", \"x\": {}}}", arrays(levels - 1));
        json!({"id": "abc", "tags": [], "doc": doc}).to_string()
    };
    let fine = embedded(100);
    assert!(typed::request::from_str(&fine).is_ok());
    let deep = embedded(101);
    let refused = invalid_at(typed::request::from_str(&deep));
    let value: serde_json::Value = serde_json::from_str(&deep).unwrap_or_default();
    assert_eq!(refused, validated(typed::request::validate(&value)));
    assert_eq!(refused.len(), 1);
    assert!(refused[0].1.contains("100 levels"), "{refused:?}");
}

#[test]
fn a_condition_that_cannot_fail_never_takes_else() {
    let accepted = json!({"plain": "y", "viaRef": "y", "contained": [1]});
    assert!(conditions::request::validate(&accepted).is_ok());
    assert!(conditions::request::from_value(accepted).is_ok());
    // `contains` still needs one item, whatever the item is.
    assert!(conditions::request::validate(&json!({"contained": []})).is_err());
}
