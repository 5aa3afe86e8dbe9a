//! Finding conformance vectors: `<root>/<contract>/<message>/{valid,invalid}/*.json`, where an
//! invalid `NAME.json` may have a `NAME.pointer` naming where the failure must be reported.
//! Without one (a captured payload) only the verdict is checked, and the agreement of both
//! languages on verdict and errors; the Kotlin harness (`Vectors.kt`) reads vectors the same way.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub mod mutate;

/// The reference validator of a message (the `jsonschema` crate, built as `contractgen
/// validate` builds it: formats and content asserted) and its schema document.
pub type Baseline = (jsonschema::Validator, serde_json::Value);

pub fn reference_validator(info: &contracts::MessageInfo) -> Result<Baseline, String> {
    let path = repo_root().join("schema").join(info.schema_file);
    let validator = contractgen::reference::validator_for_file(&path).map_err(|e| e.to_string())?;
    let document = contractgen::reference::read_json(&path).map_err(|e| e.to_string())?;
    Ok((validator, document))
}

/// One payload file and what it is expected to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vector {
    pub contract: String,
    pub message: String,
    pub valid: bool,
    pub path: PathBuf,
    /// For an invalid vector, the instance pointer where an error must be reported.
    pub pointer: Option<String>,
}

impl Vector {
    /// `contract/message/valid/name`, for test names.
    pub fn name(&self) -> String {
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let kind = if self.valid { "valid" } else { "invalid" };
        format!("{}/{}/{kind}/{stem}", self.contract, self.message)
    }
}

/// The repository root (this crate lives in `tests/conformance`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The vector roots: the repository's own, plus every directory in `CONTRACTGEN_VECTORS`.
pub fn vector_roots() -> Vec<PathBuf> {
    let mut roots = vec![repo_root().join("tests/vectors")];
    if let Some(extra) = std::env::var_os("CONTRACTGEN_VECTORS") {
        roots.extend(std::env::split_paths(&extra).filter(|p| !p.as_os_str().is_empty()));
    }
    roots
}

/// Every vector under `root`, sorted; a layout problem is an error, never a skip.
pub fn find_vectors(root: &Path) -> Result<Vec<Vector>, String> {
    let mut vectors = Vec::new();
    for contract in sorted_dirs(root)? {
        for message in sorted_dirs(&contract)? {
            for kind in sorted_dirs(&message)? {
                let valid = match kind.file_name().and_then(|n| n.to_str()) {
                    Some("valid") => true,
                    Some("invalid") => false,
                    _ => {
                        return Err(format!(
                            "{}: expected only valid/ and invalid/ folders",
                            kind.display()
                        ))
                    }
                };
                for file in sorted_files(&kind)? {
                    if file.extension().and_then(|e| e.to_str()) != Some("json") {
                        continue;
                    }
                    let pointer_file = file.with_extension("pointer");
                    let pointer = if !valid && pointer_file.exists() {
                        let text = std::fs::read_to_string(&pointer_file)
                            .map_err(|e| format!("{}: {e}", pointer_file.display()))?;
                        Some(text.lines().next().unwrap_or("").trim().to_string())
                    } else {
                        None
                    };
                    vectors.push(Vector {
                        contract: file_name(&contract),
                        message: file_name(&message),
                        valid,
                        path: file,
                        pointer,
                    });
                }
            }
        }
    }
    if vectors.is_empty() {
        return Err(format!(
            "{}: no vectors found (expected <contract>/<message>/valid|invalid/*.json)",
            root.display()
        ));
    }
    Ok(vectors)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let read = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    Ok(paths)
}

fn sorted_dirs(dir: &Path) -> Result<Vec<PathBuf>, String> {
    Ok(entries(dir)?.into_iter().filter(|p| p.is_dir()).collect())
}

fn sorted_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    Ok(entries(dir)?.into_iter().filter(|p| p.is_file()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_layout_and_pointers() {
        let dir = tempfile::tempdir().unwrap();
        let invalid = dir.path().join("c/m/invalid");
        let valid = dir.path().join("c/m/valid");
        std::fs::create_dir_all(&invalid).unwrap();
        std::fs::create_dir_all(&valid).unwrap();
        std::fs::write(valid.join("a.json"), "{}").unwrap();
        std::fs::write(invalid.join("b.json"), "[]").unwrap();
        std::fs::write(invalid.join("b.pointer"), "/x/0\n").unwrap();
        std::fs::write(invalid.join("c.json"), "1").unwrap();
        std::fs::write(invalid.join("c.pointer"), "\n").unwrap();
        // A captured payload without a pointer file: checked for its verdict (and agreement) only.
        std::fs::write(invalid.join("d.json"), "2").unwrap();
        let found = find_vectors(dir.path()).unwrap();
        let summary: Vec<_> = found
            .iter()
            .map(|v| (v.name(), v.pointer.clone()))
            .collect();
        assert_eq!(
            summary,
            [
                ("c/m/invalid/b".to_string(), Some("/x/0".to_string())),
                ("c/m/invalid/c".to_string(), Some(String::new())),
                ("c/m/invalid/d".to_string(), None),
                ("c/m/valid/a".to_string(), None),
            ]
        );
    }

    #[test]
    fn bad_layout_and_empty_roots_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        assert!(find_vectors(dir.path()).unwrap_err().contains("no vectors"));
        std::fs::create_dir_all(dir.path().join("c/m/maybe")).unwrap();
        assert!(find_vectors(dir.path())
            .unwrap_err()
            .contains("valid/ and invalid/"));
        assert!(find_vectors(&dir.path().join("missing")).is_err());
    }
}

/// A field of `rust-results.tsv`: backslash, tab, newline and carriage return escaped as `\\`,
/// `\t`, `\n`, `\r` (the Kotlin agreement test reverses this).
pub fn escape_field(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// How the reference's errors (in the catalogue's words) compare with the generated
/// validator's, error by error.
#[derive(Debug, Default)]
pub struct MessageComparison {
    /// Reference errors the generated validator also reports (same pointer and keyword).
    pub compared: usize,
    /// Reference errors without such a counterpart (the two report a failure at different
    /// places, e.g. a `$ref`'d keyword, or only one of them reports it).
    pub unmatched: usize,
    /// Compared errors whose messages differ: what each side said.
    pub differ: Vec<String>,
}

/// Compares each reference error with the generated errors at the same pointer for the same
/// keyword (the last segment of the keyword location): one of them must have the same message.
pub fn compare_messages(
    reference: &[contractgen::reference::ReportedError],
    generated: &[contractgen_runtime::ValidationError],
) -> MessageComparison {
    let mut comparison = MessageComparison::default();
    for error in reference {
        let keyword = error.schema_path.rsplit('/').next().unwrap_or_default();
        // The reference asserts content with its own `contentMediaType` keyword, while the
        // generated errors inside content carry the inner keyword's location.
        let content = keyword == "contentMediaType";
        let same: Vec<&str> = generated
            .iter()
            .filter(|g| {
                g.instance_path == error.instance_path
                    && (content || g.schema_location.rsplit('/').next() == Some(keyword))
            })
            .map(|g| g.message.as_str())
            .collect();
        if same.is_empty() {
            comparison.unmatched += 1;
        } else if same.contains(&error.message.as_str()) {
            comparison.compared += 1;
        } else {
            comparison.compared += 1;
            comparison.differ.push(format!(
                "{:?} {keyword}: jsonschema says {:?}, generated says {same:?}",
                error.instance_path, error.message
            ));
        }
    }
    comparison
}

/// The generated validator's outcome in the results files' words: `valid` or `invalid`, the
/// sorted instance pointers of its errors joined by commas, then one line per error, sorted:
/// `error`, pointer, keyword location and message, escaped (each line starts with a newline).
pub fn result_fields(
    errors: &[contractgen_runtime::ValidationError],
) -> (&'static str, String, String) {
    let pointers: BTreeSet<&str> = errors.iter().map(|e| e.instance_path.as_str()).collect();
    let mut details: Vec<String> = errors
        .iter()
        .map(|e| {
            format!(
                "\nerror\t{}\t{}\t{}",
                escape_field(&e.instance_path),
                escape_field(e.schema_location),
                escape_field(&e.message)
            )
        })
        .collect();
    details.sort();
    let verdict = if pointers.is_empty() {
        "valid"
    } else {
        "invalid"
    };
    let pointers: Vec<&str> = pointers.into_iter().collect();
    (verdict, pointers.join(","), details.concat())
}
