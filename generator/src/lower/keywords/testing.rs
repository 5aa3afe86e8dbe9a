//! What the family tests share: a schema in, its check program out.

use serde_json::json;

use crate::ir::check::{CheckProgram, Step, Test, View};

/// The check program of `schema` as the only message of a contract.
pub fn program(schema: serde_json::Value) -> CheckProgram {
    program_with(schema, None)
}

/// The same with a settings file (`contractgen.json`) beside the contract.
pub fn program_with(
    schema: serde_json::Value,
    settings: Option<serde_json::Value>,
) -> CheckProgram {
    let dir = tempfile::tempdir().expect("temporary directory");
    if let Some(settings) = settings {
        std::fs::write(dir.path().join("contractgen.json"), settings.to_string())
            .expect("settings file");
    }
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

/// The steps of the payload validator.
pub fn root(schema: serde_json::Value) -> Vec<Step> {
    program(schema).functions.remove(0).body.steps
}

/// Every leaf test in `steps`, in order.
pub fn tests_of(steps: &[Step]) -> Vec<Test> {
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

/// The error lowering `schema` fails with, as the user sees it.
pub fn lowering_error(schema: serde_json::Value) -> String {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::create_dir_all(dir.path().join("sample")).expect("contract directory");
    let path = dir.path().join("sample").join("message.schema.json");
    std::fs::write(path, schema.to_string()).expect("schema file");
    match crate::load(&crate::Options::new(dir.path())) {
        Ok(_) => panic!("lowering {schema} succeeded"),
        Err(e) => e.to_string(),
    }
}

/// The steps inside `steps`, which must be one guard on `view`.
pub fn only_guard(steps: &[Step], view: View) -> &[Step] {
    match steps {
        [Step::Guard { view: v, steps }] if *v == view => steps,
        _ => panic!("one {view:?} guard expected: {steps:?}"),
    }
}
