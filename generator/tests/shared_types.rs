//! One type space for the whole run: a definition that several messages and contracts reach is
//! one type, declared once in the module of the file that defines it, in Rust and in Kotlin.
//! The fixture `tests/shared-types/schema` has contracts `pay` and `refund`, each with a request
//! and a response, all using `shared/money.json` (`refund/response` is a shared type itself); the
//! same fixture is compiled and exercised by the `shared-types` crate (Rust) and by
//! `tests/run-all` (Kotlin).

use std::path::{Path, PathBuf};

use contractgen::{GeneratedFile, Options};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/shared-types/schema")
}

fn generate(schema_dir: &Path) -> Result<Vec<GeneratedFile>, String> {
    contractgen::generate(&Options::new(schema_dir))
        .map(|g| g.files)
        .map_err(|e| e.to_string())
}

fn contents<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    match files.iter().find(|f| f.path == Path::new(path)) {
        Some(f) => &f.contents,
        None => panic!("no {path} among {:?}", paths(files)),
    }
}

fn paths(files: &[GeneratedFile]) -> Vec<String> {
    files.iter().map(|f| f.path.display().to_string()).collect()
}

/// The files whose text contains `needle`.
fn declaring(files: &[GeneratedFile], needle: &str) -> Vec<String> {
    files
        .iter()
        .filter(|f| f.contents.contains(needle))
        .map(|f| f.path.display().to_string())
        .collect()
}

const MESSAGES_RS: [&str; 3] = [
    "rust/src/pay/request.rs",
    "rust/src/pay/response.rs",
    "rust/src/refund/request.rs",
];

#[test]
fn the_type_space_holds_each_shared_definition_once() -> Result<(), String> {
    let loaded = contractgen::load(&Options::new(fixture())).map_err(|e| e.to_string())?;
    let contracts = &loaded.contracts;
    let at = |pointer: &str| {
        contracts
            .types
            .iter()
            .filter(|t| t.location.file == "shared/money.json" && t.location.pointer == pointer)
            .count()
    };
    for name in [
        "Amount",
        "Currency",
        "Payer",
        "Vpa",
        "BankAccount",
        "Category",
    ] {
        assert_eq!(at(&format!("/$defs/{name}")), 1, "{name}");
    }
    let shared: Vec<&[String]> = contracts
        .modules
        .iter()
        .map(|m| m.path.as_slice())
        .filter(|p| p.first().is_some_and(|s| s == "shared"))
        .collect();
    assert_eq!(shared, [["shared".to_string(), "money".to_string()]]);
    let note = contracts
        .types
        .iter()
        .filter(|t| t.hint == contractgen::ir::NameHint::given("Note"))
        .map(|t| &contracts.modules[t.module].path)
        .collect::<Vec<_>>();
    assert_eq!(note, [&["pay".to_string(), "request".to_string()]]);
    Ok(())
}

#[test]
fn rust_declares_a_shared_type_once_and_every_message_uses_it() -> Result<(), String> {
    let files = generate(&fixture())?;
    assert_eq!(
        declaring(&files, "pub struct Amount {"),
        ["rust/src/shared/money.rs"]
    );
    assert_eq!(
        declaring(&files, "pub struct Category {"),
        ["rust/src/shared/money.rs"]
    );
    assert_eq!(
        declaring(&files, "for Payer {"),
        ["rust/src/shared/money.rs"],
        "the union's Deserialize exists once"
    );
    for path in MESSAGES_RS {
        assert!(
            contents(&files, path).contains("super::super::shared::money::Amount"),
            "{path}"
        );
    }
    // A definition in one message's file is that message's type, used by the other message.
    assert_eq!(
        declaring(&files, "pub struct Note {"),
        ["rust/src/pay/request.rs"]
    );
    assert!(
        contents(&files, "rust/src/pay/response.rs").contains("super::super::pay::request::Note")
    );
    // A root that is a shared type is an alias of it.
    assert!(contents(&files, "rust/src/refund/response.rs")
        .contains("pub type Response = super::super::shared::money::Amount;"));
    // A shared file in a contract's folder is a module beside its messages.
    assert_eq!(
        declaring(&files, "pub enum Status {"),
        ["rust/src/pay/common.rs"]
    );
    assert!(contents(&files, "rust/src/pay/mod.rs").contains("pub mod common;"));
    assert!(contents(&files, "rust/src/lib.rs").contains("pub mod shared;"));
    assert!(contents(&files, "rust/src/shared/mod.rs").contains("pub mod money;"));
    // The union's branch checks live beside it.
    let money = contents(&files, "rust/src/shared/money.rs");
    assert!(money.contains("fn valid_vpa("), "{money}");
    assert!(money.contains("use ::contractgen_runtime::__private as support;"));
    Ok(())
}

#[test]
fn kotlin_declares_a_shared_class_once_and_every_message_imports_it() -> Result<(), String> {
    let files = generate(&fixture())?;
    let base = "kotlin/src/main/kotlin/contracts";
    assert_eq!(
        declaring(&files, "data class Amount\n@JvmOverloads\nconstructor("),
        [format!("{base}/shared/money/Amount.kt")]
    );
    assert_eq!(
        declaring(&files, "sealed interface Payer"),
        [format!("{base}/shared/money/Payer.kt")]
    );
    for message in ["pay/request", "refund/request"] {
        let request = contents(&files, &format!("{base}/{message}/Request.kt"));
        assert!(
            request.contains("import contracts.shared.money.Amount\n"),
            "{request}"
        );
        assert!(
            request.contains("import contracts.shared.money.Payer\n"),
            "{request}"
        );
    }
    let refunded = contents(&files, &format!("{base}/refund/response/Response.kt"));
    assert!(
        refunded.contains("object Response : ContractMessage<Amount>("),
        "{refunded}"
    );
    let response = contents(&files, &format!("{base}/pay/response/Response.kt"));
    assert!(
        response.contains("import contracts.pay.common.Status\n"),
        "{response}"
    );
    assert!(
        response.contains("import contracts.pay.request.Note\n"),
        "{response}"
    );
    assert!(
        response.contains("import contracts.shared.money.Amount\n"),
        "{response}"
    );
    // The sealed interface's alternatives are in its package and implement it directly; its
    // serializer calls the shared package's validator.
    let vpa = contents(&files, &format!("{base}/shared/money/Vpa.kt"));
    assert!(vpa.contains(") : Payer {"), "{vpa}");
    let payer = contents(&files, &format!("{base}/shared/money/Payer.kt"));
    assert!(payer.contains("MoneyValidator.valid"), "{payer}");
    let validator = contents(&files, &format!("{base}/shared/money/MoneyValidator.kt"));
    assert!(!validator.contains("fun validate("), "{validator}");
    Ok(())
}

/// A schema directory holding `files` (path relative to it, contents).
fn schema_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (path, text) in files {
        let path = dir.path().join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(path, text).expect("schema file");
    }
    dir
}

/// The error generating from a schema directory holding `files`: `demo/request.schema.json`
/// refers to `A` in the shared file `shared`.
fn error_with_shared_file(shared: &str) -> String {
    let uses = format!(
        r#"{{"type": "object", "properties": {{"a": {{"$ref": "../{shared}#/$defs/A"}}}}}}"#
    );
    let defines =
        r#"{"$defs": {"A": {"type": "object", "properties": {"x": {"type": "string"}}}}}"#;
    let dir = schema_dir(&[("demo/request.schema.json", &uses), (shared, defines)]);
    generate(dir.path()).err().unwrap_or_default()
}

#[test]
fn a_shared_file_whose_path_is_no_module_name_is_an_error_naming_it() {
    let err = error_with_shared_file("Common-Types.json");
    assert!(
        err.contains("Common-Types.json") && err.contains("snake_case"),
        "{err}"
    );
}

#[test]
fn a_shared_file_where_a_contract_folder_is_is_an_error() {
    let err = error_with_shared_file("demo.json");
    assert!(
        err.contains("demo.json") && err.contains("demo/request.schema.json"),
        "{err}"
    );
}

#[test]
fn a_shared_type_named_like_a_message_type_is_reached_by_its_full_path() -> Result<(), String> {
    // Both modules declare `Request`; neither shadows the other.
    let request =
        r#"{"type": "object", "properties": {"inner": {"$ref": "../common/request.json"}}}"#;
    let dir = schema_dir(&[
        ("demo/request.schema.json", request),
        (
            "common/request.json",
            r#"{"type": "object", "properties": {"x": {"type": "string"}}}"#,
        ),
    ]);
    let files = generate(dir.path())?;
    let rust = contents(&files, "rust/src/demo/request.rs");
    assert!(
        rust.contains("pub inner: Option<super::super::common::request::Request>"),
        "{rust}"
    );
    let kotlin = contents(
        &files,
        "kotlin/src/main/kotlin/contracts/demo/request/Request.kt",
    );
    assert!(
        kotlin.contains("val inner: contracts.common.request.Request? = null"),
        "{kotlin}"
    );
    assert!(!kotlin.contains("import contracts.common"), "{kotlin}");
    Ok(())
}

/// A shared definition's check function is printed once, in the shared file's module, with
/// the pattern it needs; every message's validator calls it there.
#[test]
fn a_shared_definitions_checks_are_printed_once_and_called_by_every_validator() -> Result<(), String>
{
    let files = generate(&fixture())?;
    assert_eq!(
        declaring(&files, "fn check_amount("),
        ["rust/src/shared/money.rs"]
    );
    let money = contents(&files, "rust/src/shared/money.rs");
    assert!(money.contains("pub(crate) fn check_amount("), "{money}");
    assert_eq!(
        declaring(&files, r#".and_then(|s| s.strip_prefix(b"."))"#),
        ["rust/src/shared/money.rs"],
        "the amount's pattern is printed once, beside its check"
    );
    for path in MESSAGES_RS
        .iter()
        .chain(["rust/src/refund/response.rs"].iter())
    {
        assert!(
            contents(&files, path).contains("super::super::shared::money::check_amount("),
            "{path}"
        );
    }
    let base = "kotlin/src/main/kotlin/contracts";
    let validator = format!("{base}/shared/money/MoneyValidator.kt");
    assert_eq!(
        declaring(&files, "fun checkAmount("),
        std::slice::from_ref(&validator)
    );
    assert!(contents(&files, &validator).contains("internal fun checkAmount("));
    assert_eq!(
        declaring(&files, r#"at = Patterns.literal(s, at, ".")"#),
        [validator]
    );
    for message in [
        "pay/request/Request",
        "pay/response/Response",
        "refund/request/Request",
        "refund/response/Response",
    ] {
        let path = format!("{base}/{message}Validator.kt");
        assert!(
            contents(&files, &path).contains("contracts.shared.money.MoneyValidator.checkAmount("),
            "{path}"
        );
    }
    Ok(())
}
