//! One test per keyword family: a small schema in, the steps of its root function out.

use serde_json::json;

use crate::ir::check::{Block, CheckProgram, Form, KeyFilter, MessageId, Step, Test, View};

fn program(schema: serde_json::Value) -> CheckProgram {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::create_dir_all(dir.path().join("sample")).expect("contract directory");
    let path = dir.path().join("sample").join("message.schema.json");
    let mut schema = schema;
    if let Some(map) = schema.as_object_mut() {
        map.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
    }
    std::fs::write(path, schema.to_string()).expect("schema file");
    match crate::load(&crate::Options::new(dir.path())) {
        Ok(mut loaded) => loaded.contracts.messages.remove(0).checks,
        Err(e) => panic!("lowering failed: {e}"),
    }
}

fn root(schema: serde_json::Value) -> Vec<Step> {
    program(schema).functions.remove(0).body.steps
}

fn tests_of(steps: &[Step]) -> Vec<Test> {
    let mut found = Vec::new();
    for step in steps {
        step.visit(&mut |s| {
            if let Step::Assert(a) = s {
                found.push(a.test.clone());
            }
        });
    }
    found
}

#[test]
fn type_const_and_enum_assert_on_the_instance_itself() {
    let steps = root(json!({"type": "string", "const": "a", "enum": ["a", "b"]}));
    assert_eq!(steps.len(), 3);
    assert!(steps.iter().all(|s| matches!(s, Step::Assert(_))));
    let Step::Assert(first) = &steps[0] else {
        unreachable!()
    };
    assert!(first.keyword.to_string().ends_with("#/type"));
    assert_eq!(first.message.id, MessageId::TypeMismatch);
    assert_eq!(
        first.message.known,
        vec![("expected", "string".to_string())]
    );
    assert_eq!(first.message.open(), vec!["found"]);
}

#[test]
fn string_rules_share_one_string_guard_in_keyword_order() {
    let steps = root(json!({"minLength": 1, "maxLength": 3, "pattern": "^\\d+$"}));
    let [Step::Guard {
        view: View::String,
        steps: inner,
    }] = steps.as_slice()
    else {
        panic!("one string guard expected: {steps:?}")
    };
    assert_eq!(
        tests_of(inner),
        vec![Test::MaxLength(3), Test::MinLength(1), Test::Pattern(0)]
    );
    let program = program(json!({"pattern": "^\\d+$"}));
    assert_eq!(program.patterns[0].source, "^\\d+$");
    assert_eq!(program.patterns[0].translated, "^[0-9]+$");
}

#[test]
fn numbers_and_arrays_guard_their_view() {
    let steps = root(json!({"maximum": 3, "maxItems": 2, "uniqueItems": true}));
    let views: Vec<View> = steps
        .iter()
        .filter_map(|s| match s {
            Step::Guard { view, .. } => Some(*view),
            _ => None,
        })
        .collect();
    assert_eq!(views, vec![View::Number, View::Array]);
}

#[test]
fn properties_step_onto_named_members_and_required_lists_names() {
    let steps = root(json!({
        "required": ["a"],
        "properties": {"a": {"type": "string"}, "b": true},
        "additionalProperties": false
    }));
    let [Step::Guard {
        view: View::Object,
        steps: inner,
    }] = steps.as_slice()
    else {
        panic!("one object guard expected: {steps:?}")
    };
    assert!(matches!(&inner[0], Step::Assert(a) if a.test == Test::Required(vec!["a".into()])));
    // `b: true` checks nothing and nobody records it: no step.
    assert!(matches!(&inner[1], Step::Properties(list) if list.len() == 1 && list[0].name == "a"));
    assert!(matches!(
        &inner[2],
        Step::EachProperty { keys: KeyFilter::Unknown { names, .. }, record: false, .. }
            if names.len() == 2
    ));
}

#[test]
fn refs_are_calls_and_recursion_terminates() {
    let program = program(json!({
        "$defs": {"node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}}}},
        "$ref": "#/$defs/node"
    }));
    assert_eq!(program.functions.len(), 2);
    assert!(matches!(
        program.functions[0].body.steps.as_slice(),
        [Step::Call { function: 1, .. }]
    ));
    let reached = program.reachable(&[(0, Form::Report)]);
    assert!(reached.contains(&(1, Form::Report)));
    assert!(!reached.contains(&(1, Form::Decide)));
    assert!(program.functions[1].can_fail);
}

#[test]
fn a_function_that_accepts_everything_cannot_fail_and_is_not_reached() {
    let program = program(json!({
        "$defs": {"any": {"description": "anything"}},
        "properties": {"a": {"$ref": "#/$defs/any"}}
    }));
    assert!(!program.functions[1].can_fail);
    assert!(!program.functions[0].can_fail);
    assert_eq!(program.reachable(&[(0, Form::Report)]).len(), 1);
}

#[test]
fn alternatives_and_not_are_trials_run_in_the_yes_no_form() {
    let program = program(json!({
        "$defs": {"s": {"type": "string"}},
        "anyOf": [{"$ref": "#/$defs/s"}, {"type": "null"}],
        "not": {"const": 1}
    }));
    let steps = &program.functions[0].body.steps;
    assert!(
        matches!(&steps[0], Step::Alternatives { branches, exactly_one: false, try_all: false, .. } if branches.len() == 2)
    );
    assert!(matches!(&steps[1], Step::Not { .. }));
    let reached = program.reachable(&[(0, Form::Report)]);
    let s = program
        .functions
        .iter()
        .position(|f| f.name == "check_s")
        .expect("a function for the definition");
    // Tried yes/no only: a failure is explained by counts, so no branch runs twice.
    assert!(reached.contains(&(s, Form::Decide)), "{reached:?}");
    assert!(!reached.contains(&(s, Form::Report)), "{reached:?}");
}

#[test]
fn unevaluated_properties_keep_their_own_collector_and_record_evaluated_members() {
    let steps = program(json!({
        "properties": {"a": true},
        "allOf": [{"properties": {"b": {"type": "string"}}}],
        "unevaluatedProperties": false
    }))
    .functions
    .remove(0)
    .body;
    assert!(steps.own_collector);
    let Block { steps, .. } = steps;
    assert!(matches!(&steps[0], Step::Guard { steps, .. }
        if matches!(&steps[0], Step::Properties(list) if list[0].record)));
    assert!(matches!(&steps[1], Step::InPlace { collect: true, .. }));
    assert!(matches!(&steps[2], Step::Guard { steps, .. }
        if matches!(&steps[0], Step::EachProperty { keys: KeyFilter::Unevaluated, .. })));
    assert_eq!(steps[3], Step::RecordAllProperties);
}

#[test]
fn without_unevaluated_keywords_nothing_is_recorded() {
    let steps = root(json!({"properties": {"a": true}, "items": {"type": "string"}}));
    let mut records = 0;
    for step in &steps {
        step.visit(&mut |s| {
            records += match s {
                Step::RecordItemsFrom(_) | Step::RecordAllItems | Step::RecordAllProperties => 1,
                Step::Properties(list) => list.iter().filter(|p| p.record).count(),
                _ => 0,
            }
        });
    }
    assert_eq!(records, 0);
}

#[test]
fn contains_counts_items_and_content_holds_its_inner_block() {
    let steps = root(json!({"contains": {"type": "string"}, "minContains": 2}));
    assert!(matches!(&steps[0], Step::Guard { steps, .. }
        if matches!(&steps[0], Step::Contains { min: 2, max: None, .. })));
    let steps = root(json!({
        "contentMediaType": "application/json",
        "contentSchema": {"type": "object"}
    }));
    // Content is an annotation unless asserted: nothing to check by default.
    assert!(steps.is_empty());
}

#[test]
fn if_then_else_is_a_trial_and_two_in_place_blocks() {
    let steps =
        root(json!({"if": {"type": "string"}, "then": {"minLength": 1}, "else": {"type": "null"}}));
    assert!(matches!(
        &steps[0],
        Step::Conditional {
            then: Some(_),
            otherwise: Some(_),
            ..
        }
    ));
}
