//! The schemas mutations start from: every schema of the official suite's draft 2020-12 files.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// One suite schema and where it came from (`allOf.json#3`).
pub struct Seed {
    pub origin: String,
    pub schema: Value,
}

/// The suite checkout: `JSON_SCHEMA_TEST_SUITE` when set, else `../shared/json-schema-test-suite`
/// from the repository root (as `tests/suite/` finds it).
pub fn suite_source(root: &Path) -> PathBuf {
    match std::env::var_os("JSON_SCHEMA_TEST_SUITE") {
        Some(dir) => PathBuf::from(dir),
        None => root.join("../shared/json-schema-test-suite"),
    }
}

/// The `.json` files directly in `dir`, sorted.
pub fn json_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    Ok(files)
}

pub fn read_json(file: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))
}

pub fn load(source: &Path) -> Result<Vec<Seed>, String> {
    let dir = source.join("tests/draft2020-12");
    let mut seeds = Vec::new();
    for file in json_files(&dir)? {
        let groups = read_json(&file)?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (index, group) in groups.as_array().into_iter().flatten().enumerate() {
            if let Some(schema) = group.get("schema") {
                seeds.push(Seed {
                    origin: format!("{name}#{index}"),
                    schema: schema.clone(),
                });
            }
        }
    }
    if seeds.is_empty() {
        return Err(format!("{}: no suite schemas found", dir.display()));
    }
    Ok(seeds)
}
