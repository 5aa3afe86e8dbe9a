//! How the reference validator finds the schemas a `$ref` names: a file URI is read from disk,
//! and any other URI is looked up among the `$id`s of the schema directory's files (the same
//! files the generator loads), so the reference validator and the generated code resolve the
//! same references. Nothing is fetched from the network.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jsonschema::{Retrieve, Uri};
use serde_json::Value;

type RetrieveError = Box<dyn std::error::Error + Send + Sync>;

pub struct SchemaDirRetriever {
    dir: PathBuf,
    /// The files of `dir` by their `$id`, read on the first URI that is not a file.
    ids: OnceLock<BTreeMap<String, Value>>,
}

impl SchemaDirRetriever {
    pub fn new(dir: &Path) -> Self {
        SchemaDirRetriever {
            dir: dir.to_path_buf(),
            ids: OnceLock::new(),
        }
    }

    fn ids(&self) -> &BTreeMap<String, Value> {
        self.ids.get_or_init(|| {
            let mut ids = BTreeMap::new();
            // A schema copied to the top of a file system has no schema directory to search.
            if self.dir.parent().is_none() {
                return ids;
            }
            for path in json_files(&self.dir) {
                let Ok(value) = crate::error::read_json_file::<Value>(&path) else {
                    continue;
                };
                if let Some(id) = value.get("$id").and_then(Value::as_str) {
                    let id = id.trim_end_matches('#').to_string();
                    ids.entry(id).or_insert(value);
                }
            }
            ids
        })
    }
}

/// How deep below the schema directory, and how many files, the search for `$id`s reads: a
/// schema copied next to unrelated folders must not make the reference read a whole disk.
const MAX_DEPTH: usize = 4;
const MAX_FILES: usize = 5_000;

/// The `*.json` files below `dir` within those bounds, skipping hidden folders and `target`.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![(dir.to_path_buf(), 0)];
    while let Some((folder, depth)) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let name = name.unwrap_or_default();
            if path.is_dir() {
                if depth + 1 < MAX_DEPTH && !name.starts_with('.') && name != "target" {
                    pending.push((path, depth + 1));
                }
            } else if name.ends_with(".json") && found.len() < MAX_FILES {
                found.push(path);
            }
        }
    }
    found
}

impl Retrieve for SchemaDirRetriever {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, RetrieveError> {
        let text = uri.as_str();
        if let Some(value) = self.ids().get(text.trim_end_matches('#')) {
            return Ok(value.clone());
        }
        let url = crate::schema::Uri::parse(text)?;
        if url.scheme() == "file" {
            let path = url
                .to_file_path()
                .ok_or_else(|| format!("{text} names no local file"))?;
            return Ok(crate::error::read_json_file::<Value>(&path)?);
        }
        Err(format!(
            "{text}: no schema under {} has this $id (nothing is fetched from the network)",
            self.dir.display()
        )
        .into())
    }
}
