//! The thin build crate (`contractgen-build`) against this crate's own binary: every setting
//! reaches `contractgen::Config` through the settings document, so the files are byte for
//! byte those of the library in process, the rerun lines are forwarded, and a schema error
//! arrives as the generator printed it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const BINARY: &str = env!("CARGO_BIN_EXE_contractgen");

fn repo_schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema")
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

/// The repository's schemas copied under a name JSON must escape: quotes, a backslash,
/// non-ASCII.
fn odd_named_schemas(root: &Path) -> PathBuf {
    let dir = root.join("schémas \"ü\" \\ dir");
    for (relative, bytes) in files_under(&repo_schema()) {
        let target = dir.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    dir
}

#[test]
fn the_binary_writes_what_the_library_writes_in_process() {
    let root = tempfile::tempdir().unwrap();
    let schemas = odd_named_schemas(root.path());
    let (thin_out, library_out) = (root.path().join("thin"), root.path().join("library"));
    let attribute = "#[doc = \"a \\\"quoted\\\" \\\\ ünïcode note\"]";

    // The builders share their method names, so one chain configures both; only the Kotlin
    // build's and the vocabulary's types are each crate's own.
    macro_rules! configure {
        ($config:expr, $out:expr, $build:expr, $vocabulary:expr) => {
            $config
                .schema_dir(&schemas)
                .out_dir(&$out)
                .module_dir("api/payloads")
                .kotlin_out_dir($out.join("kotlin"))
                .kotlin_package("com.example.contracts")
                .kotlin_build($build)
                .vocabulary($vocabulary)
                .type_attribute(".", "#[derive(Eq)]")
                .field_attribute("get_session_token.request.Payload.action", attribute)
                .schemars(false)
                .runtime_crate("::my_sdk::runtime")
                .emit_rerun_if_changed(false)
        };
    }
    let mut thin_config = contractgen_build::Config::new();
    configure!(
        thin_config.binary(BINARY),
        thin_out,
        contractgen_build::KotlinBuild {
            artifact: Some("payments".to_string()),
            jvm_target: Some("17".to_string()),
            ..Default::default()
        },
        contractgen_build::Vocabulary {
            assert_format: false,
            assert_content: true,
        }
    );
    let thin = thin_config.generate().unwrap();
    let library = configure!(
        contractgen::Config::new(),
        library_out,
        contractgen::KotlinBuild {
            artifact: Some("payments".to_string()),
            jvm_target: "17".to_string(),
            ..Default::default()
        },
        contractgen::Vocabulary {
            assert_format: false,
            assert_content: true,
        }
    )
    .generate()
    .unwrap();

    let (thin_files, library_files) = (files_under(&thin_out), files_under(&library_out));
    assert_eq!(
        thin_files.keys().collect::<Vec<_>>(),
        library_files.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &thin_files {
        assert!(bytes == &library_files[path], "{} differs", path.display());
    }
    // The settings took effect (not two runs of the defaults).
    let request = String::from_utf8(
        thin_files[Path::new("api/payloads/get_session_token/request.rs")].clone(),
    )
    .unwrap();
    assert!(request.contains("ünïcode note"), "{request}");
    assert!(request.contains("::my_sdk::runtime"));
    assert!(!request.contains("schemars"));
    assert!(
        String::from_utf8_lossy(&thin_files[Path::new("kotlin/pom.xml")])
            .contains("<artifactId>payments</artifactId>")
    );

    // The rerun lines are the library's, schema directory last.
    assert_eq!(thin.rerun_if_changed, library.rerun_if_changed);
    assert_eq!(
        thin.rerun_if_changed.last().map(String::as_str),
        Some(format!("cargo:rerun-if-changed={}", schemas.display()).as_str())
    );

    // A second run writes nothing: the binary writes through the library's writer.
    let lib = thin_out.join("api/payloads/lib.rs");
    let before = std::fs::metadata(&lib).unwrap().modified().unwrap();
    assert_eq!(thin_config.generate().unwrap(), thin);
    assert_eq!(std::fs::metadata(&lib).unwrap().modified().unwrap(), before);
}

#[test]
fn a_schema_error_arrives_as_the_generator_printed_it() {
    let root = tempfile::tempdir().unwrap();
    let contract = root.path().join("schema/broken");
    std::fs::create_dir_all(&contract).unwrap();
    std::fs::write(
        contract.join("request.schema.json"),
        r##"{"type": "object", "properties": {"a": {"$ref": "#/$defs/Missing"}}}"##,
    )
    .unwrap();
    let schemas = root.path().join("schema");
    let err = contractgen_build::Config::new()
        .binary(BINARY)
        .schema_dir(&schemas)
        .out_dir(root.path().join("out"))
        .emit_rerun_if_changed(false)
        .generate()
        .unwrap_err();
    let in_process = contractgen::Config::new()
        .schema_dir(&schemas)
        .out_dir(root.path().join("out"))
        .emit_rerun_if_changed(false)
        .generate()
        .unwrap_err();
    assert!(
        matches!(err, contractgen_build::Error::Generator { .. }),
        "{err:?}"
    );
    assert_eq!(err.to_string(), format!("error: {in_process}"));
    assert!(
        err.to_string()
            .contains("broken/request.schema.json#/properties/a"),
        "{err}"
    );
}

#[test]
fn the_binary_has_the_build_crates_version() {
    let output = std::process::Command::new(BINARY)
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap().trim(),
        format!("contractgen {}", contractgen_build::VERSION)
    );
}
