//! Legal-looking schemas that cannot be generated end in an error naming the file and the JSON
//! pointer, never in a crash: applicator cycles that never step into the instance (which once
//! overflowed the generator's stack or printed a validator recursing forever), a `$schema`
//! that is no URI, a message named like a type generated Rust uses.

use std::path::Path;

use contractgen::Options;

/// Generates a one-message project whose request schema is `schema`: the error text, or
/// `Ok` with the number of files.
fn generate_message(message: &str, schema: &str) -> Result<usize, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let contract = dir.path().join("demo");
    std::fs::create_dir_all(&contract).map_err(|e| e.to_string())?;
    std::fs::write(contract.join(format!("{message}.schema.json")), schema)
        .map_err(|e| e.to_string())?;
    generate_dir(dir.path())
}

fn generate_dir(dir: &Path) -> Result<usize, String> {
    contractgen::generate(&Options::new(dir))
        .map(|g| g.files.len())
        .map_err(|e| e.to_string())
}

fn generate(schema: &str) -> Result<usize, String> {
    generate_message("request", schema)
}

/// The error generating `schema`; a success is a test failure.
fn error_of(schema: &str) -> String {
    match generate(schema) {
        Ok(files) => panic!("{schema} generated {files} files, expected an error"),
        Err(e) => e,
    }
}

const CYCLE: &str = "cycle that never steps into a property, an item or embedded content";

#[test]
fn a_ref_to_itself_is_an_error_at_the_ref() {
    for schema in [r##"{"$ref": "#"}"##, r#"{"$ref": ""}"#] {
        let e = error_of(schema);
        assert!(e.starts_with("demo/request.schema.json#/$ref: "), "{e}");
        assert!(e.contains(CYCLE), "{e}");
    }
}

#[test]
fn a_cycle_through_defs_names_every_ref_on_it() {
    let e = error_of(
        r##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##,
    );
    assert!(e.contains(CYCLE), "{e}");
    assert!(
        e.ends_with("#/$defs/a/$ref -> #/$defs/b/$ref -> #/$defs/a/$ref"),
        "{e}"
    );
}

#[test]
fn a_property_referring_to_itself_is_an_error() {
    let e = error_of(r##"{"type": "object", "properties": {"p": {"$ref": "#/properties/p"}}}"##);
    assert!(
        e.starts_with("demo/request.schema.json#/properties/p/$ref: "),
        "{e}"
    );
}

#[test]
fn a_cycle_through_all_of_is_an_error_not_an_endless_validator() {
    let e = error_of(
        r##"{"properties": {"p": {"$ref": "#/$defs/x"}}, "$defs": {"x": {"allOf": [{"$ref": "#/$defs/x"}]}}}"##,
    );
    assert!(e.contains(CYCLE), "{e}");
    assert!(e.contains("#/$defs/x/allOf/0/$ref"), "{e}");
}

#[test]
fn every_in_place_applicator_can_close_a_cycle() {
    for (keyword, schema) in [
        ("anyOf", r##"{"anyOf": [{"$ref": "#"}]}"##),
        ("oneOf", r##"{"oneOf": [true, {"$ref": "#"}]}"##),
        ("not", r##"{"not": {"$ref": "#"}}"##),
        ("if", r##"{"if": {"$ref": "#"}}"##),
        ("then", r##"{"if": true, "then": {"$ref": "#"}}"##),
        ("else", r##"{"if": true, "else": {"$ref": "#"}}"##),
        (
            "dependentSchemas",
            r##"{"dependentSchemas": {"a": {"$ref": "#"}}}"##,
        ),
        (
            "$dynamicRef",
            r##"{"$dynamicAnchor": "n", "allOf": [{"$dynamicRef": "#n"}]}"##,
        ),
    ] {
        let e = error_of(schema);
        assert!(e.contains(CYCLE), "{keyword}: {e}");
        assert!(e.contains(&format!("/{keyword}")), "{keyword}: {e}");
    }
}

#[test]
fn recursion_that_steps_into_the_instance_generates() -> Result<(), String> {
    for schema in [
        // A tree through properties and items.
        r##"{"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#"}}}}"##,
        // Arrays and maps of themselves, which declare no named type on the way.
        r##"{"type": "array", "items": {"$ref": "#"}}"##,
        r##"{"type": "object", "additionalProperties": {"$ref": "#"}}"##,
        r##"{"$defs": {"x": {"allOf": [{"properties": {"next": {"$ref": "#/$defs/x"}}}]}}, "$ref": "#/$defs/x"}"##,
        r##"{"type": "string", "contentMediaType": "application/json", "contentSchema": {"$ref": "#"}}"##,
        r##"{"propertyNames": {"$ref": "#"}, "maxLength": 3}"##,
    ] {
        generate(schema).map_err(|e| format!("{schema}: {e}"))?;
    }
    Ok(())
}

#[test]
fn a_schema_keyword_that_is_no_uri_names_what_it_found() {
    let e = error_of(r#"{"$schema": 5}"#);
    assert_eq!(
        e,
        "demo/request.schema.json#/$schema: expected the meta-schema's URI (a string), found a number"
    );
    let e = error_of(r#"{"$schema": ""}"#);
    assert_eq!(
        e,
        "demo/request.schema.json#/$schema: expected an absolute URI naming a meta-schema, found \"\""
    );
}

#[test]
fn a_message_named_like_a_type_rust_uses_is_an_error_naming_the_file() {
    let e = match generate_message("string", r#"{"type": "object"}"#) {
        Ok(_) => panic!("a message named string generated"),
        Err(e) => e,
    };
    assert!(e.starts_with("demo/string.schema.json: "), "{e}");
    assert!(e.contains("the Rust type String"), "{e}");
    // Generated Rust writes `Result` qualified, so that name stays free for a message.
    generate_message("result", r#"{"type": "object"}"#)
        .map(drop)
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn legal_texts_and_names_generate() -> Result<(), String> {
    for schema in [
        r#"{"type": "string", "enum": ["self"]}"#,
        r#"{"type": "object", "description": "a\rb", "properties": {"x": {"title": "t\r\u0001x\u0007"}}}"#,
        r#"{"type": "object", "title": "\r", "properties": {"a\nb": {"type": "string"}}}"#,
    ] {
        generate(schema).map_err(|e| format!("{schema}: {e}"))?;
    }
    Ok(())
}
