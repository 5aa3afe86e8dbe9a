//! The printer on small programs: what it prints is decided by the program, not by its text.

use serde_json::json;

use super::*;
use crate::emit::checks::tests::program;

fn printed(schema: serde_json::Value) -> PrintedProgram {
    print_roots(schema, &[(0, Form::Report)])
}

fn print_roots(schema: serde_json::Value, roots: &[(FunctionId, Form)]) -> PrintedProgram {
    let program = program(schema);
    let names = crate::emit::rust::names::function_names(&program);
    print_program(&program, &names, roots, &Default::default(), None)
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
    // `false` reads the instance only to say what was found, so its yes/no form ignores it;
    // `true` uses nothing at all.
    let false_schema = print_roots(json!(false), &[(0, Form::Report), (0, Form::Decide)]);
    assert!(false_schema.functions.contains("(v: &::serde_json::Value"));
    assert!(false_schema.functions.contains("(_v: &::serde_json::Value"));
    assert!(false_schema.functions.contains("errs: &mut Vec"));
    let true_schema = printed(json!(true));
    assert!(true_schema.functions.contains("_p: &support::Path"));
    assert!(true_schema.functions.contains("_errs: &mut Vec"));
}

#[test]
fn message_texts_come_from_the_catalogue_with_run_time_values_by_position() {
    use crate::ir::check::{Message, MessageId};
    let text = messages::message(
        messages::Text::Rule(&Message::new(MessageId::TooLong).with("limit", "3")),
        vec![("found", messages::Arg::Ident(id("n")))],
    )
    .to_string();
    assert_eq!(
        text,
        "format ! (\"expected at most 3 characters, found {}\" , n)"
    );
    // Schema text with braces is escaped, and a message with nothing open is a plain string.
    let text = messages::message(
        messages::Text::Rule(&Message::new(MessageId::PatternMismatch).with("pattern", "^a{2}$")),
        Vec::new(),
    )
    .to_string();
    assert_eq!(
        text,
        "String :: from (\"expected a string matching /^a{2}$/, found one that does not match\")"
    );
    let text = messages::message(
        messages::Text::Rule(&Message::several_match(3)),
        vec![("matched", messages::Arg::Expr(quote!(m.len())))],
    )
    .to_string();
    assert!(
        text.starts_with("format ! (\"expected a value valid against exactly one of 3"),
        "{text}"
    );
    assert!(text.ends_with(", m . len ())"), "{text}");
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
