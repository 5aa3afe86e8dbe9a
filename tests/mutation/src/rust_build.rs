//! The Rust batch: one crate whose root includes every case's generated module tree, as a build
//! script's output is included, built with warnings denied.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::batch::{case_of, case_of_rust_path, BuildResult};

pub struct RustBatch {
    pub root: PathBuf,
    pub work: PathBuf,
    pub cases_dir: PathBuf,
    /// Failed builds so far, numbering their logs.
    pub builds: std::cell::Cell<usize>,
}

impl RustBatch {
    pub fn build(&self, cases: &[String]) -> Result<BuildResult, String> {
        let dir = self.work.join("rust");
        std::fs::create_dir_all(dir.join("src")).map_err(|e| format!("{}: {e}", dir.display()))?;
        let runtime = self.root.join("runtime/rust");
        let manifest = format!(
            "# Written by tests/mutation: every generated case of one run, compiled together.\n\
             [workspace]\n\n[package]\nname = \"mutation-cases\"\nversion = \"0.1.0\"\n\
             edition = \"2021\"\npublish = false\n\n[dependencies]\n\
             contractgen-runtime = {{ path = {runtime:?}, features = [\"idn\", \"uri\", \"ecma-regex\"] }}\n\
             regex = \"1\"\nschemars = \"1\"\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\
             serde_json = \"1\"\n",
            runtime = runtime.display().to_string()
        );
        write(&dir.join("Cargo.toml"), &manifest)?;
        let lock = dir.join("Cargo.lock");
        if !lock.exists() {
            // The workspace's versions, so the batch builds offline from what is already fetched.
            std::fs::copy(self.root.join("Cargo.lock"), &lock)
                .map_err(|e| format!("{}: {e}", lock.display()))?;
        }
        let mut lib = String::from("#![deny(warnings)]\n");
        for case in cases {
            let included = self.cases_dir.join(case).join("out/rust/lib.rs");
            lib.push_str(&format!(
                "pub mod {case} {{\n    include!({:?});\n}}\n",
                included.display().to_string()
            ));
        }
        write(&dir.join("src/lib.rs"), &lib)?;
        let output = Command::new("cargo")
            .args([
                // `build`, not `check`: some limits (rustc's query depth) are hit only in codegen.
                "build",
                "--offline",
                "--message-format=json",
                "--manifest-path",
            ])
            .arg(dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(self.work.join("cargo-target"))
            .output()
            .map_err(|e| format!("running cargo: {e}"))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if output.status.success() {
            return Ok(BuildResult::Clean);
        }
        let mut by_case: BTreeMap<String, String> = BTreeMap::new();
        let mut log = String::new();
        for line in stdout.lines() {
            let Ok(message) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            if message["reason"] != "compiler-message" {
                continue;
            }
            let diagnostic = &message["message"];
            let rendered = diagnostic["rendered"].as_str().unwrap_or("").to_string();
            log.push_str(&rendered);
            let mut cases = diagnostic_cases(diagnostic);
            if cases.is_empty() {
                // A diagnostic without a span (rustc's query depth) names the type instead.
                cases.extend(case_of_rust_path(&rendered));
            }
            for case in cases {
                by_case.entry(case).or_default().push_str(&rendered);
            }
        }
        log.push_str(&stderr);
        let number = self.builds.get() + 1;
        self.builds.set(number);
        write(&self.work.join(format!("rust-build-{number}.log")), &log)?;
        Ok(BuildResult::Failed { by_case, log })
    }
}

/// The cases a diagnostic's spans (and the macro expansions they came through) point into.
fn diagnostic_cases(diagnostic: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut spans: Vec<&Value> = diagnostic["spans"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    for child in diagnostic["children"].as_array().into_iter().flatten() {
        spans.extend(child["spans"].as_array().into_iter().flatten());
    }
    while let Some(span) = spans.pop() {
        if let Some(case) = span["file_name"].as_str().and_then(case_of) {
            if !found.contains(&case) {
                found.push(case);
            }
        }
        if let Some(expansion) = span.get("expansion").filter(|e| !e.is_null()) {
            spans.push(&expansion["span"]);
        }
    }
    found
}

pub fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}
