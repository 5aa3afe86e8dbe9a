//! Values built in code: `new` takes exactly the required fields and leaves every optional field
//! and `extra` empty; a struct whose fields are all optional is `Default`. Either way the value
//! serializes to just what was given and passes its own contract.

use odd_schemas::contracts::integers::request::{self, Request};
use odd_schemas::contracts::names::result::{self, Result as NamesResult};
use serde_json::json;

#[test]
fn new_takes_the_required_fields_and_leaves_the_rest_empty() {
    let built = Request::new(3, None);
    assert_eq!(built.count, 3);
    assert_eq!(built.level, None);
    assert_eq!(built.limit, None);
    assert_eq!(built.offset, None);
    assert!(built.extra.is_empty());
    let value = serde_json::to_value(&built).unwrap_or_else(|e| panic!("{e}"));
    // A required nullable field is written even when null; optional ones are left out.
    assert_eq!(value, json!({"count": 3, "level": null}));
    assert_eq!(request::validate(&value), Ok(()));
    assert_eq!(request::validate_typed(&built), Ok(()));
}

#[test]
fn a_struct_of_optional_fields_is_default_and_writes_an_empty_object() {
    let built = NamesResult::default();
    assert_eq!(built.a, None);
    assert!(built.extra.is_empty());
    let value = serde_json::to_value(&built).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value, json!({}));
    assert_eq!(result::validate(&value), Ok(()));
    assert_eq!(result::validate_typed(&built), Ok(()));
}
