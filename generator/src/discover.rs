//! Finds contracts by convention: every `<schema dir>/<contract>/<message>.schema.json`, plus
//! the optional `<schema dir>/contractgen.json` of settings for all of them (read by
//! [`crate::settings`]).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The settings file in the schema directory.
pub const SETTINGS_FILE: &str = "contractgen.json";
const SCHEMA_SUFFIX: &str = ".schema.json";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageFile {
    pub contract: String,
    pub message: String,
    pub path: PathBuf,
    /// The path relative to the schema directory, with `/` separators: stable across machines.
    pub display: String,
}

/// Every message schema under `dir`, sorted by contract then message.
pub fn discover(dir: &Path) -> Result<Vec<MessageFile>> {
    let mut found = Vec::new();
    for contract_dir in sorted_entries(dir)? {
        if !contract_dir.is_dir() {
            continue;
        }
        let contract = file_name(&contract_dir);
        for file in sorted_entries(&contract_dir)? {
            let name = file_name(&file);
            let Some(message) = name.strip_suffix(SCHEMA_SUFFIX) else {
                continue;
            };
            check_identifier(&contract, &contract_dir)?;
            check_identifier(message, &file)?;
            found.push(MessageFile {
                contract: contract.clone(),
                message: message.to_string(),
                display: format!("{contract}/{name}"),
                path: file,
            });
        }
    }
    if found.is_empty() {
        return Err(Error::Config(format!(
            "{}: no contracts found (expected <contract>/<message>{SCHEMA_SUFFIX} files)",
            dir.display()
        )));
    }
    Ok(found)
}

/// Every other schema file under `dir` (`*.json` at any depth, but not a message or the
/// settings file), sorted: files of shared definitions. They are loaded before any `$ref` is
/// followed, so a reference by `$id` (not only by relative path) finds them.
pub fn shared_files(dir: &Path, messages: &[MessageFile]) -> Result<Vec<(PathBuf, String)>> {
    let mut found = Vec::new();
    let mut pending = vec![(dir.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = pending.pop() {
        for path in sorted_entries(&folder)? {
            let name = file_name(&path);
            let display = format!("{prefix}{name}");
            if path.is_dir() {
                pending.push((path, format!("{display}/")));
            } else if name.ends_with(".json")
                && display != SETTINGS_FILE
                && !messages.iter().any(|m| m.display == display)
            {
                found.push((path, display));
            }
        }
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(found)
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths = Vec::new();
    for entry in entries {
        paths.push(entry.map_err(|e| Error::io(dir, e))?.path());
    }
    paths.sort();
    Ok(paths)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Contract and message names become module and package names in every language.
fn check_identifier(name: &str, path: &Path) -> Result<()> {
    let mut chars = name.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(Error::Config(format!(
            "{}: \"{name}\" must be snake_case ([a-z][a-z0-9_]*): it becomes a module and package name",
            path.display()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_messages_in_order_and_rejects_bad_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("b_contract")).unwrap();
        std::fs::create_dir_all(dir.path().join("a_contract")).unwrap();
        std::fs::write(dir.path().join("b_contract/request.schema.json"), "{}").unwrap();
        std::fs::write(dir.path().join("a_contract/response.schema.json"), "{}").unwrap();
        std::fs::write(dir.path().join("a_contract/notes.md"), "").unwrap();
        let found = discover(dir.path()).unwrap();
        let names: Vec<_> = found.iter().map(|m| m.display.as_str()).collect();
        assert_eq!(
            names,
            [
                "a_contract/response.schema.json",
                "b_contract/request.schema.json"
            ]
        );

        std::fs::create_dir_all(dir.path().join("Bad-Name")).unwrap();
        std::fs::write(dir.path().join("Bad-Name/request.schema.json"), "{}").unwrap();
        let err = discover(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("Bad-Name") && err.contains("snake_case"),
            "{err}"
        );
    }

    #[test]
    fn shared_files_are_every_other_json_file() {
        let dir = tempfile::tempdir().unwrap();
        for path in [
            "c/request.schema.json",
            "shared/b.json",
            "shared/deep/a.json",
        ] {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "{}").unwrap();
        }
        std::fs::write(dir.path().join(SETTINGS_FILE), "{}").unwrap();
        std::fs::write(dir.path().join("shared/notes.md"), "").unwrap();
        let messages = discover(dir.path()).unwrap();
        let shared = shared_files(dir.path(), &messages).unwrap();
        let names: Vec<_> = shared.iter().map(|(_, d)| d.as_str()).collect();
        assert_eq!(names, ["shared/b.json", "shared/deep/a.json"]);
    }

    #[test]
    fn missing_directory_is_an_error_naming_it() {
        let err = discover(Path::new("/nonexistent/schemas"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("/nonexistent/schemas"), "{err}");
    }
}
