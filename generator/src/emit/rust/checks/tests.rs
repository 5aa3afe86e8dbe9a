//! The printer on small programs: what it prints is decided by the program, not by its text.

use serde_json::json;

use super::*;

fn program(schema: serde_json::Value) -> CheckProgram {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::create_dir_all(dir.path().join("sample")).expect("contract directory");
    let path = dir.path().join("sample").join("message.schema.json");
    std::fs::write(path, schema.to_string()).expect("schema file");
    match crate::load(&crate::Options::new(dir.path())) {
        Ok(mut loaded) => loaded.messages.remove(0).checks,
        Err(e) => panic!("lowering failed: {e}"),
    }
}

fn printed(schema: serde_json::Value) -> PrintedProgram {
    print_program(&program(schema), &[(0, Form::Report)])
}

#[test]
fn only_reached_forms_of_functions_are_printed() {
    let out = printed(json!({
        "$defs": {
            "tried": {"type": "string"},
            "unused": {"type": "integer"},
            "anything": {"description": "accepts every value"}
        },
        "properties": {"a": {"$ref": "#/$defs/anything"}},
        "not": {"$ref": "#/$defs/tried"}
    }));
    assert!(out.functions.contains("fn check_root("));
    assert!(out.functions.contains("fn valid_tried("));
    // Reached only in the yes/no form, never reporting.
    assert!(!out.functions.contains("fn check_tried("));
    assert!(!out.functions.contains("unused"));
    // It can neither fail nor record annotations: no call, no function.
    assert!(!out.functions.contains("anything"));
}

#[test]
fn unused_parameters_are_marked_and_statics_are_printed_once_when_used() {
    let out = printed(json!({
        "properties": {
            "a": {"pattern": "^a+$", "const": [1]},
            "b": {"pattern": "^a+$", "const": [1]}
        },
        "$defs": {"never": {"pattern": "^b$"}}
    }));
    assert!(out.functions.contains("errs: &mut Vec"));
    assert_eq!(out.statics.matches("static PATTERN_").count(), 1);
    assert_eq!(out.statics.matches("static CONST_").count(), 1);
    // `false` fails without reading the instance; `true` uses nothing at all.
    let false_schema = printed(json!(false));
    assert!(false_schema.functions.contains("_v: &::serde_json::Value"));
    assert!(false_schema.functions.contains("errs: &mut Vec"));
    let true_schema = printed(json!(true));
    assert!(true_schema.functions.contains("_p: &support::Path"));
    assert!(true_schema.functions.contains("_errs: &mut Vec"));
}

#[test]
fn every_message_text_comes_from_the_message_function() {
    let program = program(json!({"maxLength": 3}));
    let text = messages::message(
        &program,
        messages::Text::Rule(&crate::ir::check::Message::MaxLength(3)),
        Vec::new(),
    )
    .to_string();
    assert_eq!(
        text,
        "String :: from (\"must be at most 3 characters long\")"
    );
    let name = names::fixed("name");
    let text = messages::message(
        &program,
        messages::Text::Rule(&crate::ir::check::Message::DependentRequired { when: "a".into() }),
        vec![messages::Arg::Ident(name)],
    )
    .to_string();
    assert_eq!(
        text,
        "format ! (\"missing property {name:?}, required when \\\"a\\\" is present\")"
    );
}

#[test]
fn compact_source_reads_like_written_code() {
    let tokens = quote! {
        fn f(v: &::serde_json::Value, p: &support::Path<'_>) -> bool {
            't: { if !v.is_null() && !matches!(v.as_str(), Some("a")) { break 't false; } for (k, x) in [1, 2] {} true }
        }
    };
    let text = source::compact(tokens);
    assert_eq!(
        text,
        "fn f(v: &::serde_json::Value, p: &support::Path<'_>) -> bool { 't: { if !v.is_null() && \
         !matches!(v.as_str(), Some(\"a\")) { break 't false; } for (k, x) in [1, 2] {} true } }"
    );
    assert!(syn::parse_file(&text).is_ok());
}
