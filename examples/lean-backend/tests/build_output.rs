//! What `build.rs` produced through the binary: the bytes of the checked-in crate, and code
//! that works.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

#[test]
fn build_output_is_byte_identical_to_the_checked_in_crate() {
    let built = files_under(&Path::new(env!("OUT_DIR")).join("contracts"));
    let checked_in =
        files_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../generated/rust/src"));
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        checked_in.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &built {
        assert!(bytes == &checked_in[path], "{} differs", path.display());
    }
}

#[test]
fn an_error_reply_hands_over_its_code() {
    let reply = br#"{"payload": {"action": "upiGetSessionToken"}, "error": true,
        "errorCode": "JP_001", "errorMessage": "Exit : Error Status not matched"}"#;
    assert_eq!(
        lean_backend::error_code(reply).unwrap().as_deref(),
        Some("JP_001")
    );
    let err = lean_backend::error_code(br#"{"error": "yes"}"#).unwrap_err();
    assert!(
        matches!(err, contractgen_runtime::ParseError::Invalid(_)),
        "{err}"
    );
}
