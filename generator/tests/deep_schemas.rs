//! Schemas nested far deeper than any contract: the generated code stays within what rustc and
//! the JVM accept (compiling such output takes minutes, so these tests check what makes it
//! compile: boxed fields, short class names).

use std::path::Path;

use contractgen::Options;
use serde_json::{json, Value};

/// The generated files of `schema` as the only message `c/m`: path and contents. Generation
/// recurses once per nesting level; it runs on a thread with the 8 MiB stack a CLI's main
/// thread has (a test thread has 2 MiB).
fn generate(schema: &Value) -> Vec<(String, String)> {
    let schema = schema.clone();
    let worker = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || generate_here(&schema));
    match worker.map(|w| w.join()) {
        Ok(Ok(files)) => files,
        _ => panic!("generation failed"),
    }
}

fn generate_here(schema: &Value) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let folder = dir.path().join("c");
    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(folder.join("m.schema.json"), schema.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    match contractgen::generate(&Options::new(dir.path())) {
        Ok(generated) => generated
            .files
            .into_iter()
            .map(|f| (f.path.display().to_string(), f.contents))
            .collect(),
        Err(e) => panic!("{e}"),
    }
}

/// A union of a string and an object, wrapped 60 times by `wrap`.
fn sixty_deep(wrap: fn(Value) -> Value) -> Value {
    let union = json!({"oneOf": [{"type": "string"}, {"type": "object", "required": ["a"]}]});
    (0..60).fold(union, |schema, _| wrap(schema))
}

#[test]
fn structs_sixty_deep_box_a_field_now_and_then() {
    let schema = sixty_deep(|s| json!({"type": "object", "properties": {"p": s}}));
    let files = generate(&schema);
    let rust = files
        .iter()
        .find(|(path, _)| Path::new(path).ends_with("c/m.rs"))
        .map(|(_, text)| text.as_str())
        .unwrap_or_default();
    // 60 structs and a union inline overflow rustc's layout queries; a box every 24 levels.
    assert_eq!(rust.matches(": Option<Box<").count(), 2, "{rust}");
}

#[test]
fn kotlin_class_names_stay_short_however_deep_the_types() {
    let schema = sixty_deep(|s| json!({"type": "array", "items": s}));
    let files = generate(&schema);
    let kotlin: Vec<&String> = files
        .iter()
        .map(|(p, _)| p)
        .filter(|p| p.ends_with(".kt"))
        .collect();
    assert!(kotlin.len() >= 4, "{kotlin:?}");
    for path in kotlin {
        let name = Path::new(path)
            .file_name()
            .map(|n| n.len())
            .unwrap_or_default();
        assert!(name <= 64 + ".kt".len(), "{path}");
    }
}
