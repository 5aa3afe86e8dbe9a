//! Writing generated files at the edge: only files whose contents changed are written (so
//! cargo and Maven do not rebuild for nothing), and `--check` reports drift without writing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::emit::GeneratedFile;
use crate::error::{Error, Result};

/// Writes every file under `out`; returns how many were created or changed.
pub fn write_all(out: &Path, files: &[GeneratedFile]) -> Result<usize> {
    let mut changed = 0;
    for file in files {
        let path = out.join(&file.path);
        if std::fs::read(&path).ok().as_deref() == Some(file.contents.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, &file.contents).map_err(|e| Error::io(&path, e))?;
        changed += 1;
    }
    Ok(changed)
}

/// Differences between `out` and a fresh generation: changed, missing, and stale files (files
/// in a generated directory that generation no longer produces).
pub fn drift(out: &Path, files: &[GeneratedFile]) -> Result<Vec<String>> {
    let mut report = Vec::new();
    let mut expected = BTreeSet::new();
    for file in files {
        let path = out.join(&file.path);
        expected.insert(path.clone());
        match std::fs::read(&path) {
            Ok(bytes) if bytes == file.contents.as_bytes() => {}
            Ok(_) => report.push(format!("changed: {}", path.display())),
            Err(_) => report.push(format!("missing: {}", path.display())),
        }
    }
    for dir in generated_source_dirs(out, files) {
        for path in walk(&dir)? {
            if !expected.contains(&path) {
                report.push(format!("stale: {}", path.display()));
            }
        }
    }
    Ok(report)
}

/// The source directories generation owns (never build output such as `target/`).
fn generated_source_dirs(out: &Path, files: &[GeneratedFile]) -> BTreeSet<PathBuf> {
    files
        .iter()
        .filter_map(|f| {
            let mut components = f.path.components();
            let top = components.next()?;
            let second = components.next()?;
            let candidate = out.join(top).join(second);
            candidate.is_dir().then_some(candidate)
        })
        .filter(|dir| !dir.ends_with("target"))
        .collect()
}

fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.is_dir() {
            found.extend(walk(&path)?);
        } else {
            found.push(path);
        }
    }
    Ok(found)
}
