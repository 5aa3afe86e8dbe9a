//! `contractgen validate` as a scripted tool: exit codes (0 valid, 1 invalid, 2 usage or tool
//! error), every payload checked when one cannot be, `--output json`, stdin, directories,
//! `--message`, and the settings notice.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const SCHEMA: &str = "schema/get_session_token/request.schema.json";
const VALID: &str = "tests/vectors/get_session_token/request/valid/minimal.json";
const INVALID: &str = "tests/vectors/get_session_token/request/invalid/page_example.json";
/// Invalid only when content is asserted (its signature payload lacks `merchant_id`).
const CONTENT: &str =
    "tests/vectors/get_session_token/request/invalid/signature_payload_missing_merchant_id.json";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_contractgen"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run contractgen");
    let mut input = child.stdin.take().expect("stdin");
    input
        .write_all(stdin.unwrap_or_default())
        .expect("write stdin");
    drop(input);
    child.wait_with_output().expect("wait for contractgen")
}

fn validate(args: &[&str]) -> Output {
    let mut all = vec!["validate"];
    all.extend_from_slice(args);
    run(&repo_root(), &all, None)
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exit code")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(output)))
}

#[test]
fn exit_codes_tell_valid_invalid_and_tool_errors_apart() {
    assert_eq!(code(&validate(&[SCHEMA, VALID])), 0);
    assert_eq!(code(&validate(&[SCHEMA, VALID, INVALID])), 1);
    assert_eq!(code(&validate(&[SCHEMA, "no/such/payload.json"])), 2);
    assert_eq!(code(&validate(&["no/such/schema.json", VALID])), 2);
    // Usage errors: ours and clap's agree.
    assert_eq!(code(&validate(&[SCHEMA])), 2);
    assert_eq!(code(&validate(&["--no-such-flag", SCHEMA, VALID])), 2);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.json"), "{\"type\": ").unwrap();
    std::fs::write(
        dir.path().join("bad-settings.json"),
        "{\"assertFormat\": 1}",
    )
    .unwrap();
    std::fs::write(dir.path().join("payload.json"), "{}").unwrap();
    let bad_schema = run(
        dir.path(),
        &["validate", "schema.json", "payload.json"],
        None,
    );
    assert_eq!(code(&bad_schema), 2, "{}", stderr(&bad_schema));
    assert!(
        stderr(&bad_schema).contains("schema.json:1:"),
        "{}",
        stderr(&bad_schema)
    );
    std::fs::write(dir.path().join("schema.json"), "{}").unwrap();
    let bad_settings = run(
        dir.path(),
        &[
            "validate",
            "--settings",
            "bad-settings.json",
            "schema.json",
            "payload.json",
        ],
        None,
    );
    assert_eq!(code(&bad_settings), 2);
    assert!(
        stderr(&bad_settings).contains("bad-settings.json"),
        "{}",
        stderr(&bad_settings)
    );
}

#[test]
fn a_malformed_file_among_good_ones_does_not_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"a\": }").unwrap();
    let broken = broken.to_string_lossy().into_owned();
    let output = validate(&[SCHEMA, VALID, &broken, INVALID, "no/such/payload.json"]);
    assert_eq!(code(&output), 2, "the worst verdict wins");
    let out = stdout(&output);
    assert!(out.contains(&format!("{VALID}: valid")), "{out}");
    assert!(out.contains("page_example.json: 1 error(s)"), "{out}");
    assert!(
        out.contains(&format!("{broken}: could not be checked")),
        "{out}"
    );
    let err = stderr(&output);
    assert!(err.contains("broken.json:1:7: malformed JSON"), "{err}");
    assert!(err.contains("no/such/payload.json"), "{err}");
}

#[test]
fn json_output_is_one_document_with_stable_fields() {
    let output = validate(&["--output", "json", SCHEMA, VALID, INVALID, "missing.json"]);
    assert_eq!(code(&output), 2);
    let report = json(&output);
    assert_eq!(report["schema"], SCHEMA);
    assert_eq!(report["exitCode"], 2);
    assert_eq!(report["error"], Value::Null);
    assert_eq!(report["settings"]["assertFormat"], true);
    assert_eq!(report["settings"]["assertContent"], true);
    assert_eq!(report["settings"]["file"], "schema/contractgen.json");
    let files = report["files"].as_array().expect("files");
    let verdicts: Vec<&str> = files
        .iter()
        .map(|f| f["verdict"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(verdicts, ["valid", "invalid", "error"]);
    assert_eq!(files[0]["path"], VALID);
    assert_eq!(files[0]["errors"], serde_json::json!([]));
    assert_eq!(
        files[1]["errors"],
        serde_json::json!([{
            "instancePath": "/payload/action",
            "keywordLocation": "/$defs/Payload/properties/action/const",
            "message": "expected \"upiGetSessionToken\", found another value (string)",
        }])
    );
    assert_eq!(files[1]["error"], Value::Null);
    let message = files[2]["error"].as_str().expect("tool error message");
    assert!(message.contains("missing.json"), "{message}");

    let failed = validate(&["--output", "json", "missing-schema.json", VALID]);
    assert_eq!(code(&failed), 2);
    let report = json(&failed);
    assert_eq!(report["exitCode"], 2);
    assert!(report["error"]
        .as_str()
        .is_some_and(|e| e.contains("missing-schema.json")));
    assert_eq!(report["files"], serde_json::json!([]));
}

#[test]
fn a_dash_reads_the_payload_from_stdin() {
    let invalid = std::fs::read(repo_root().join(INVALID)).unwrap();
    let output = run(&repo_root(), &["validate", SCHEMA, "-"], Some(&invalid));
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("-: 1 error(s)\n"),
        "{}",
        stdout(&output)
    );

    let output = run(&repo_root(), &["validate", SCHEMA, "-"], Some(b"{"));
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("-:1:1: the JSON ends before it is complete"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_directory_stands_for_every_json_file_below_it_sorted() {
    let dir = tempfile::tempdir().unwrap();
    let valid = std::fs::read(repo_root().join(VALID)).unwrap();
    let invalid = std::fs::read(repo_root().join(INVALID)).unwrap();
    std::fs::create_dir_all(dir.path().join("b/deeper")).unwrap();
    std::fs::write(dir.path().join("c.json"), &valid).unwrap();
    std::fs::write(dir.path().join("a.json"), &valid).unwrap();
    std::fs::write(dir.path().join("b/deeper/x.json"), &invalid).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a payload").unwrap();
    std::fs::create_dir_all(dir.path().join("empty")).unwrap();
    let root = dir.path().to_string_lossy().into_owned();
    let output = validate(&["--output", "json", SCHEMA, &root]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let report = json(&output);
    let paths: Vec<String> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or("?").replace(&root, ""))
        .collect();
    assert_eq!(paths, ["/a.json", "/b/deeper/x.json", "/c.json"]);

    // A directory with nothing to check is a tool error, not a silent success.
    let empty = dir.path().join("empty").to_string_lossy().into_owned();
    let output = validate(&[SCHEMA, &empty]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("no *.json file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn message_names_a_schema_of_the_schema_directory() {
    let output = validate(&["--message", "get_session_token/request", VALID, INVALID]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(stdout(&output).contains("page_example.json: 1 error(s)"));

    let unknown = validate(&["--message", "get_session_token/nope", VALID]);
    assert_eq!(code(&unknown), 2);
    let err = stderr(&unknown);
    assert!(
        err.contains("no message \"get_session_token/nope\"")
            && err.contains("get_session_token/request")
            && err.contains("get_session_token/response"),
        "{err}"
    );
    let elsewhere = validate(&[
        "--message",
        "get_session_token/request",
        "--schema",
        "nowhere",
        VALID,
    ]);
    assert_eq!(code(&elsewhere), 2);
    assert!(
        stderr(&elsewhere).contains("nowhere"),
        "{}",
        stderr(&elsewhere)
    );
}

#[test]
fn settings_are_found_like_generate_finds_them_and_never_change_silently() {
    // In place: the schema directory's settings assert content, and say so.
    let in_place = validate(&[SCHEMA, CONTENT]);
    assert_eq!(code(&in_place), 1);
    assert!(
        stderr(&in_place)
            .contains("formats asserted, content asserted (from schema/contractgen.json)"),
        "{}",
        stderr(&in_place)
    );

    // Copied out of its folder: no settings file, so the defaults apply, with a notice.
    // With the shared file it refers to by `$id`, which the copy's schema directory holds.
    let dir = tempfile::tempdir().unwrap();
    for folder in ["c", "shared"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
    }
    let copy = dir.path().join("c/request.schema.json");
    std::fs::copy(repo_root().join(SCHEMA), &copy).unwrap();
    let shared = "shared/process_result.json";
    std::fs::copy(
        repo_root().join("schema").join(shared),
        dir.path().join(shared),
    )
    .unwrap();
    let copy = copy.to_string_lossy().into_owned();
    let copied = validate(&[&copy, CONTENT]);
    assert_eq!(code(&copied), 0, "content is not asserted by default");
    let err = stderr(&copied);
    assert!(err.contains("no settings file at"), "{err}");
    assert!(
        err.contains("formats not asserted, content not asserted (from defaults)"),
        "{err}"
    );

    // The same rules again, from a named file or from flags.
    let named = validate(&["--settings", "schema/contractgen.json", &copy, CONTENT]);
    assert_eq!(code(&named), 1, "{}", stderr(&named));
    let flagged = validate(&["--assert-content", &copy, CONTENT]);
    assert_eq!(code(&flagged), 1);
    assert!(
        stderr(&flagged)
            .contains("formats not asserted, content asserted (from defaults and flags)"),
        "{}",
        stderr(&flagged)
    );
    // The last of --x / --no-x wins, over the settings file too.
    let off = validate(&["--assert-content", "--no-assert-content", SCHEMA, CONTENT]);
    assert_eq!(code(&off), 0, "{}", stderr(&off));

    // A settings file that gives the defaults prints nothing.
    std::fs::write(
        dir.path().join("defaults.json"),
        r#"{"assertFormat": false, "assertContent": false}"#,
    )
    .unwrap();
    let defaults = dir
        .path()
        .join("defaults.json")
        .to_string_lossy()
        .into_owned();
    let quiet = validate(&["--settings", &defaults, &copy, VALID]);
    assert_eq!(code(&quiet), 0);
    assert_eq!(stderr(&quiet), "");
}

/// The CLI speaks the generated validators' catalogue: each line is a catalogue template filled
/// in, and an error at the root of embedded JSON says `(root)`.
#[test]
fn messages_come_from_the_catalogue() {
    use contractgen::messages::MessageId;
    let output = validate(&[SCHEMA, INVALID, CONTENT]);
    let out = stdout(&output);
    let constant = MessageId::ConstMismatch
        .render(&[("expected", "\"upiGetSessionToken\""), ("found", "string")]);
    assert!(
        out.contains(&format!("  /payload/action: {constant}\n")),
        "{out}"
    );
    let inner = MessageId::MissingRequired.render(&[("name", "\"merchant_id\"")]);
    let embedded = MessageId::ContentInvalid.render(&[("pointer", "(root)"), ("message", &inner)]);
    assert!(
        out.contains(&format!("  /payload/signaturePayload: {embedded}\n")),
        "{out}"
    );
    assert!(!out.contains("embedded JSON at :"), "{out}");
}

/// Text refused before any keyword (a property name given twice) has no keyword location; its
/// message is the catalogue's too.
#[test]
fn a_refused_text_reports_the_catalogue_message_and_no_keyword() {
    use contractgen::messages::MessageId;
    let output = run(
        &repo_root(),
        &["validate", "--output", "json", SCHEMA, "-"],
        Some(br#"{"requestId": "a", "requestId": "b"}"#),
    );
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert_eq!(
        json(&output)["files"][0]["errors"],
        serde_json::json!([{
            "instancePath": "/requestId",
            "keywordLocation": "",
            "message": MessageId::DuplicateProperty.render(&[]),
        }])
    );
}

#[test]
fn generate_exits_2_on_a_tool_error_like_validate() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["generate", "--schema", "missing"], None);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(stderr(&output).contains("missing"), "{}", stderr(&output));
    let help = run(dir.path(), &["--help"], None);
    assert!(
        stdout(&help).contains("Exit status: 0 success"),
        "{}",
        stdout(&help)
    );
    let help = run(dir.path(), &["validate", "--help"], None);
    assert!(
        stdout(&help).contains("Exit status: 0 every payload valid"),
        "{}",
        stdout(&help)
    );
}
