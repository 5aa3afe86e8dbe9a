//! What `build.rs` produces: the same bytes as the checked-in crate, rerun lines for every
//! schema read, and output that follows the schemas.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use contractgen::Config;
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file under `dir`, keyed by its path relative to `dir`.
fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, found: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, found);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_path_buf();
                found.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut found = BTreeMap::new();
    walk(dir, dir, &mut found);
    found
}

/// A copy of the repository's schema directory that a test may edit.
fn copy_of_schemas() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    for (relative, bytes) in files_under(&repo().join("schema")) {
        let target = copy.path().join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    copy
}

fn edit_json(path: &Path, edit: impl FnOnce(&mut Value)) {
    let mut value: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    edit(&mut value);
    std::fs::write(path, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
}

#[test]
fn build_output_is_byte_identical_to_the_checked_in_crate() {
    let built = files_under(&Path::new(env!("OUT_DIR")).join("contracts"));
    let checked_in = files_under(&repo().join("generated/rust/src"));
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        checked_in.keys().collect::<Vec<_>>(),
        "the build script and generated/rust/src hold different files"
    );
    for (path, bytes) in &built {
        assert!(
            bytes == &checked_in[path],
            "{} differs from generated/rust/src/{}",
            path.display(),
            path.display()
        );
    }
}

/// The rerun lines are checked as a property, not counted: one line per file read (every schema
/// of the copy, its settings, a file reached only through `$ref`) and one for the directory, and
/// nothing else. A contract folder added to the copy proves that adding a contract is adding a
/// folder: its schema gets its line and no other assertion changes.
#[test]
fn rerun_lines_name_every_schema_read_including_ref_only_files() {
    let schemas = copy_of_schemas();
    std::fs::create_dir_all(schemas.path().join("added_contract")).unwrap();
    std::fs::write(
        schemas.path().join("added_contract/ping.schema.json"),
        r#"{"type": "object", "properties": {"id": {"type": "string"}}}"#,
    )
    .unwrap();
    // A definitions file outside the schema directory, reached only through a `$ref`.
    let shared = tempfile::tempdir().unwrap();
    let digits = shared.path().join("digits.json");
    std::fs::write(
        &digits,
        r#"{"$defs": {"DigitString": {"type": "string", "pattern": "^[0-9]+$"}}}"#,
    )
    .unwrap();
    let request = schemas.path().join("get_session_token/request.schema.json");
    edit_json(&request, |schema| {
        schema["$defs"]["SignaturePayload"]["properties"]["timestamp"]["$ref"] =
            "https://shared.example/defs/digits.json#/$defs/DigitString".into();
    });
    let out = tempfile::tempdir().unwrap();

    let written = Config::new()
        .schema_dir(schemas.path())
        .uri_prefix("https://shared.example/defs/", shared.path())
        .out_dir(out.path())
        .emit_rerun_if_changed(false)
        .generate()
        .unwrap();

    let line = |path: &Path| format!("cargo:rerun-if-changed={}", path.display());
    // Every schema of the copy (however many contracts it has), its settings, the `$ref`-only
    // file, and the directory, so that a new contract is picked up.
    let mut expected: Vec<PathBuf> = files_under(schemas.path())
        .into_keys()
        .map(|relative| schemas.path().join(relative))
        .collect();
    expected.push(digits.clone());
    expected.push(schemas.path().to_path_buf());
    for path in [
        &request,
        &schemas.path().join("added_contract/ping.schema.json"),
        &schemas.path().join("contractgen.json"),
        &digits,
    ] {
        assert!(expected.contains(path), "{}", path.display());
    }
    for path in &expected {
        assert!(
            written.rerun_if_changed.contains(&line(path)),
            "no rerun line for {}: {:#?}",
            path.display(),
            written.rerun_if_changed
        );
    }
    // And nothing else: no line twice, none for a file that was not read.
    let mut lines = written.rerun_if_changed.clone();
    lines.sort();
    lines.dedup();
    assert_eq!(lines.len(), written.rerun_if_changed.len(), "{lines:#?}");
    let allowed: Vec<String> = expected.iter().map(|p| line(p)).collect();
    for written_line in &written.rerun_if_changed {
        assert!(allowed.contains(written_line), "unexpected {written_line}");
    }
}

#[test]
fn editing_a_schema_changes_the_output_and_only_that_file() {
    let schemas = copy_of_schemas();
    let out = tempfile::tempdir().unwrap();
    let mut config = Config::new();
    config
        .schema_dir(schemas.path())
        .out_dir(out.path())
        .emit_rerun_if_changed(false);
    config.generate().unwrap();
    let request_rs = out.path().join("contracts/get_session_token/request.rs");
    let before = std::fs::read_to_string(&request_rs).unwrap();

    edit_json(
        &schemas.path().join("get_session_token/request.schema.json"),
        |schema| {
            schema["$defs"]["Payload"]["properties"]["merchantKeyId"]["description"] =
                "Names the merchant's signing key pair (edited in a test).".into();
        },
    );
    let written = config.generate().unwrap();

    let after = std::fs::read_to_string(&request_rs).unwrap();
    assert_ne!(before, after);
    assert!(after.contains("Names the merchant's signing key pair (edited in a test)."));
    assert_eq!(written.changed, 1, "only request.rs should be rewritten");
}
