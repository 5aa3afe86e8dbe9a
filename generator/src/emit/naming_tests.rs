//! Each language names the same hints by its own rules: one allocator per language, neither
//! reading the other's names.

use serde_json::json;

use crate::emit::kotlin::plan::Plan;
use crate::emit::rust::names::RustNames;
use crate::ir::Contracts;

fn contracts(schema: serde_json::Value) -> Contracts {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("sample/request.schema.json");
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
    std::fs::write(&path, schema.to_string()).expect("schema file");
    crate::load(&crate::Options::new(dir.path()))
        .expect("lowering")
        .contracts
}

#[test]
fn rust_and_kotlin_each_apply_their_own_reserved_names_and_keywords() {
    let contracts = contracts(json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "text": {"$ref": "#/$defs/String"},
            "kind": {"type": "string", "enum": ["self", "other", "Other"]},
            "value": {"$ref": "#/$defs/Value"}
        },
        "$defs": {
            "String": {"type": "object", "properties": {"s": {"type": "string"}}},
            "Value": {"type": "object", "properties": {"v": {"type": "string"}}}
        }
    }));
    let rust = RustNames::new(&contracts).expect("rust names");
    let kotlin = Plan::new(&contracts, "contracts").expect("kotlin names");
    let id = |words: &str| {
        contracts
            .types
            .iter()
            .position(|t| t.hint == crate::ir::NameHint::given(words))
            .expect("a type with that hint")
    };
    // Rust shadows `String` and reads `Value` as serde_json's; Kotlin has neither rule.
    assert_eq!(rust.types[id("String")], "String2");
    assert_eq!(kotlin.types[id("String")], "StringType");
    assert_eq!(rust.types[id("Value")], "Value2");
    assert_eq!(kotlin.types[id("Value")], "Value");
    assert_eq!(rust.types[0], "Request");
    assert_eq!(kotlin.types[0], "Request");
    // `Self` is a Rust keyword no raw identifier spells; a Kotlin enum entry may be `Self`.
    let kind = contracts
        .types
        .iter()
        .position(|t| matches!(t.kind, crate::ir::TypeKind::StringEnum { .. }))
        .expect("the enum");
    assert_eq!(rust.variants[kind], ["SelfValue", "Other", "Other2"]);
    assert_eq!(kotlin.variants[kind], ["Self", "Other", "Other2"]);
    // Function names come from the same hints in each language's style.
    assert_eq!(rust.functions[0][0], "check_root");
    assert_eq!(kotlin.modules[0].functions[0], "checkRoot");
}

#[test]
fn known_values_or_any_string_is_an_open_enum_in_both_languages() {
    let contracts = contracts(json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "open": {"anyOf": [{"enum": ["A", "other"]}, {"type": "string"}]},
            "viaRef": {"anyOf": [{"$ref": "#/$defs/Known"}, {"type": "string", "maxLength": 9}]},
            "closed": {"anyOf": [{"enum": ["A"]}, {"type": "integer"}]}
        },
        "$defs": {"Known": {"type": "string", "enum": ["X"]}}
    }));
    let open: Vec<(Vec<&str>, bool)> = contracts
        .types
        .iter()
        .filter_map(|t| match &t.kind {
            crate::ir::TypeKind::StringEnum { variants, open } => Some((
                variants.iter().map(|v| v.wire_value.as_str()).collect(),
                *open,
            )),
            _ => None,
        })
        .collect();
    // The third is no open enum: a union whose first alternative is a closed enum.
    assert_eq!(
        open,
        [
            (vec!["A", "other"], true),
            (vec!["X"], true),
            (vec!["A"], false)
        ]
    );
    let rust = RustNames::new(&contracts).expect("rust names");
    let kotlin = Plan::new(&contracts, "contracts").expect("kotlin names");
    let first = contracts
        .types
        .iter()
        .position(|t| matches!(t.kind, crate::ir::TypeKind::StringEnum { .. }))
        .expect("the open enum");
    // The catch-all comes after the known values, which keep their names.
    assert_eq!(rust.variants[first], ["A", "Other", "Other2"]);
    assert_eq!(kotlin.variants[first], ["A", "Other", "Other2"]);
}
