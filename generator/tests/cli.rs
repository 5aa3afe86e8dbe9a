//! The `contractgen` command end to end: generation, drift detection, determinism, the
//! reference `validate` command, and the errors a user gets for bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn contractgen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contractgen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run contractgen")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A scratch project with one contract whose request schema is `schema`.
fn project(schema: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("schema/demo")).unwrap();
    std::fs::write(dir.path().join("schema/demo/request.schema.json"), schema).unwrap();
    dir
}

#[test]
fn repository_output_is_up_to_date() {
    let output = contractgen(&repo_root(), &["generate", "--check"]);
    assert!(output.status.success(), "{}", text(&output));
}

#[test]
fn generate_then_check_then_drift_names_the_file() {
    let dir = project(
        r#"{"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}"#,
    );
    let first = contractgen(dir.path(), &["generate"]);
    assert!(first.status.success(), "{}", text(&first));
    let lib = dir.path().join("generated/rust/src/lib.rs");
    let generated = std::fs::read_to_string(&lib).unwrap();
    assert!(generated.contains("@generated"));

    let check = contractgen(dir.path(), &["generate", "--check"]);
    assert!(check.status.success(), "{}", text(&check));

    let message = dir.path().join("generated/rust/src/demo/request.rs");
    std::fs::write(&message, "// edited by hand\n").unwrap();
    std::fs::write(dir.path().join("generated/rust/src/demo/stale.rs"), "").unwrap();
    let drift = contractgen(dir.path(), &["generate", "--check"]);
    assert!(!drift.status.success());
    let report = text(&drift);
    assert!(
        report.contains("changed: generated/rust/src/demo/request.rs"),
        "{report}"
    );
    assert!(
        report.contains("stale: generated/rust/src/demo/stale.rs"),
        "{report}"
    );
    assert_eq!(
        std::fs::read_to_string(&message).unwrap(),
        "// edited by hand\n",
        "--check must not write"
    );

    let again = contractgen(dir.path(), &["generate"]);
    assert!(again.status.success(), "{}", text(&again));
    assert_eq!(
        std::fs::read_to_string(&lib).unwrap(),
        generated,
        "generation is deterministic"
    );
}

#[test]
fn missing_schema_directory_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let output = contractgen(dir.path(), &["generate", "--schema", "nowhere"]);
    assert!(!output.status.success());
    assert!(
        text(&output).contains("nowhere: schema directory not found"),
        "{}",
        text(&output)
    );
}

#[test]
fn malformed_json_reports_line_and_column() {
    let dir = project("{\n  \"type\": \"object\",\n  \"properties\": {,}\n}");
    let output = contractgen(dir.path(), &["generate"]);
    assert!(!output.status.success());
    let report = text(&output);
    assert!(
        report.contains("demo/request.schema.json:3:18: malformed JSON"),
        "{report}"
    );
}

#[test]
fn invalid_schema_names_file_and_pointer() {
    let dir = project(r#"{"properties": {"age": {"type": "whole number"}}}"#);
    let output = contractgen(dir.path(), &["generate"]);
    assert!(!output.status.success());
    let report = text(&output);
    assert!(
        report.contains("demo/request.schema.json#/properties/age/type"),
        "{report}"
    );
    assert!(report.contains("must name JSON types"), "{report}");
}

#[test]
fn unresolvable_ref_names_the_pointer_that_holds_it() {
    let dir = project(r##"{"properties": {"account": {"$ref": "#/$defs/Account"}}}"##);
    let output = contractgen(dir.path(), &["generate"]);
    assert!(!output.status.success());
    let report = text(&output);
    assert!(
        report.contains("demo/request.schema.json#/properties/account/$ref"),
        "{report}"
    );
    assert!(report.contains("#/$defs/Account"), "{report}");
}

#[test]
fn unsupported_constructs_are_errors_not_silent_drops() {
    let dir = project(r#"{"properties": {"code": {"type": "string", "pattern": "^(a)\\1$"}}}"#);
    let output = contractgen(dir.path(), &["generate"]);
    assert!(!output.status.success());
    let report = text(&output);
    assert!(
        report.contains("demo/request.schema.json#/properties/code/pattern"),
        "{report}"
    );
    assert!(report.contains("backreferences"), "{report}");

    std::fs::write(
        dir.path().join("schema/contractgen.json"),
        r#"{"assertFormat": true, "assertContent": false}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("schema/demo/request.schema.json"),
        r#"{"properties": {"when": {"type": "string", "format": "iso-week"}}}"#,
    )
    .unwrap();
    let output = contractgen(dir.path(), &["generate"]);
    assert!(!output.status.success());
    assert!(
        text(&output).contains("#/properties/when/format"),
        "{}",
        text(&output)
    );
}

#[test]
fn references_to_other_files_resolve_and_are_generated() {
    let dir = project(
        r#"{"type": "object", "properties": {"money": {"$ref": "../shared/money.json#/$defs/Amount"}}}"#,
    );
    std::fs::create_dir_all(dir.path().join("schema/shared")).unwrap();
    std::fs::write(
        dir.path().join("schema/shared/money.json"),
        r#"{"$defs": {"Amount": {"type": "string", "pattern": "^[0-9]+\\.[0-9]{2}$"}}}"#,
    )
    .unwrap();
    let output = contractgen(dir.path(), &["generate"]);
    assert!(output.status.success(), "{}", text(&output));
    // A file of primitive definitions still gets its own module: the check lives there once
    // and the message calls it rather than printing a copy.
    let shared =
        std::fs::read_to_string(dir.path().join("generated/rust/src/shared/money.rs")).unwrap();
    assert!(shared.contains(r"^[0-9]+\\.[0-9]{2}$"), "{shared}");
    let message =
        std::fs::read_to_string(dir.path().join("generated/rust/src/demo/request.rs")).unwrap();
    assert!(!message.contains(r"^[0-9]+\\.[0-9]{2}$"), "{message}");
    assert!(message.contains("shared::money::"), "{message}");
}

#[test]
fn validate_prints_every_error_with_its_pointer() {
    let root = repo_root();
    let schema = "schema/get_session_token/request.schema.json";
    let valid = "tests/vectors/get_session_token/request/valid/minimal.json";
    let invalid = "tests/vectors/get_session_token/request/invalid/page_example.json";
    let ok = contractgen(&root, &["validate", schema, valid]);
    assert!(ok.status.success(), "{}", text(&ok));
    let bad = contractgen(&root, &["validate", schema, valid, invalid]);
    assert!(!bad.status.success());
    let report = text(&bad);
    assert!(report.contains("page_example.json: 1 error(s)"), "{report}");
    // The message catalogue's words, as the generated validators say them.
    assert!(
        report.contains(
            "  /payload/action: expected \"upiGetSessionToken\", found another value (string)\n"
        ),
        "{report}"
    );

    let content = "tests/vectors/get_session_token/request/invalid/signature_payload_missing_merchant_id.json";
    let embedded = contractgen(&root, &["validate", schema, content]);
    assert!(
        !embedded.status.success(),
        "content assertion must be on: {}",
        text(&embedded)
    );
    assert!(
        text(&embedded).contains(
            "  /payload/signaturePayload: embedded JSON at (root): expected required property \"merchant_id\", found none\n"
        ),
        "{}",
        text(&embedded)
    );
}

#[test]
fn validate_reports_malformed_payloads() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.json"), r#"{"type": "object"}"#).unwrap();
    std::fs::write(dir.path().join("payload.json"), "{\"a\": }").unwrap();
    let output = contractgen(dir.path(), &["validate", "schema.json", "payload.json"]);
    assert!(!output.status.success());
    assert!(
        text(&output).contains("payload.json:1:7: malformed JSON"),
        "{}",
        text(&output)
    );
}

/// Without rustfmt the generator still writes formatted Rust (prettyplease), but says so: a
/// `--check` that then reports drift may be seeing layout alone.
#[test]
fn a_build_script_is_told_when_rustfmt_could_not_be_started() {
    let dir = project(r#"{"type": "object", "properties": {"id": {"type": "string"}}}"#);
    let settings = dir.path().join("settings.json");
    let document = serde_json::json!({
        "schemaDir": dir.path().join("schema"),
        "outDir": dir.path().join("out"),
    });
    std::fs::write(&settings, document.to_string()).unwrap();
    let settings = settings.to_str().expect("a UTF-8 temporary path");
    let run = |rustfmt: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_contractgen"));
        command
            .args(["build-script", "--settings", settings])
            .current_dir(dir.path());
        if let Some(program) = rustfmt {
            command.env("RUSTFMT", program);
        }
        let output = command.output().expect("run contractgen");
        assert!(output.status.success(), "{}", text(&output));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let warnings = |stdout: &str| -> Vec<String> {
        stdout
            .lines()
            .filter(|line| line.starts_with("cargo:warning="))
            .map(str::to_string)
            .collect()
    };

    let without = run(Some("/nonexistent/rustfmt"));
    let [warning] = warnings(&without)
        .try_into()
        .unwrap_or_else(|w: Vec<String>| panic!("one warning line, not {w:?}: {without}"));
    assert!(
        warning.starts_with(
            "cargo:warning=contractgen: rustfmt could not be started (`/nonexistent/rustfmt`"
        ),
        "{warning}"
    );
    assert!(warning.contains("prettyplease laid out"), "{warning}");
    assert!(
        without
            .lines()
            .any(|l| l.starts_with("cargo:rerun-if-changed=")),
        "{without}"
    );

    let with = run(None);
    assert!(warnings(&with).is_empty(), "{with}");
}

#[test]
fn a_missing_rustfmt_is_a_warning_and_check_points_at_it() {
    let dir = project(r#"{"type": "object", "properties": {"id": {"type": "string"}}}"#);
    let first = contractgen(dir.path(), &["generate"]);
    assert!(first.status.success(), "{}", text(&first));
    assert!(
        !String::from_utf8_lossy(&first.stderr).contains("prettyplease"),
        "{}",
        text(&first)
    );

    let without = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_contractgen"))
            .args(args)
            .current_dir(dir.path())
            .env("RUSTFMT", "/nonexistent/rustfmt")
            .output()
            .expect("run contractgen")
    };
    let check = without(&["generate", "--check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        stderr.contains("warning: rustfmt could not be started (`/nonexistent/rustfmt`"),
        "{stderr}"
    );
    assert!(stderr.contains("prettyplease laid out"), "{stderr}");
    // prettyplease lays out differently from rustfmt, so the files written with rustfmt drift.
    assert!(!check.status.success(), "{stderr}");
    assert!(stderr.contains("may be layout alone"), "{stderr}");

    let regenerated = without(&["generate"]);
    assert!(regenerated.status.success(), "{}", text(&regenerated));
    let lib = std::fs::read_to_string(dir.path().join("generated/rust/src/lib.rs")).unwrap();
    assert!(lib.starts_with("// @generated by contractgen"), "{lib}");
}
