//! The Kotlin batch: one Maven project holding every case's generated sources (each case has a
//! package of its own), compiled with the generated `pom.xml`'s `-Werror`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::batch::{case_of, BuildResult};
use crate::rust_build::write;

pub struct KotlinBatch {
    pub work: PathBuf,
    pub cases_dir: PathBuf,
    /// Builds so far, numbering their logs.
    pub builds: std::cell::Cell<usize>,
}

impl KotlinBatch {
    pub fn build(&self, cases: &[String]) -> Result<BuildResult, String> {
        let dir = self.work.join("kotlin");
        let sources = dir.join("src/main/kotlin/cases");
        if sources.exists() {
            std::fs::remove_dir_all(&sources).map_err(|e| format!("{}: {e}", sources.display()))?;
        }
        // The generated pom.xml of a case; one that needs ICU4J (an IDN format) if any does.
        let mut pom = None;
        for case in cases {
            let out = self.cases_dir.join(case).join("out/kotlin");
            let text = std::fs::read_to_string(out.join("pom.xml"))
                .map_err(|e| format!("{}: {e}", out.join("pom.xml").display()))?;
            if pom.is_none() || text.contains("icu4j") {
                pom = Some(text);
            }
            copy_tree(&out.join("src/main/kotlin"), &sources.join(case))?;
        }
        write(&dir.join("pom.xml"), &pom.unwrap_or_default())?;
        let output = Command::new("mvn")
            .args(["-B", "-ntp", "-Dstyle.color=never", "compile", "-f"])
            .arg(dir.join("pom.xml"))
            .output()
            .map_err(|e| format!("running mvn: {e}"))?;
        let log = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        let number = self.builds.get() + 1;
        self.builds.set(number);
        write(&self.work.join(format!("kotlin-build-{number}.log")), &log)?;
        if output.status.success() {
            return Ok(BuildResult::Clean);
        }
        let mut by_case: BTreeMap<String, String> = BTreeMap::new();
        // Compiler diagnostics name the source file; a failure writing a class file names the
        // class (in its own line or a stack trace's).
        for line in log.lines() {
            if line.starts_with("[INFO]") {
                continue;
            }
            if let Some(case) = case_of(line) {
                let text = by_case.entry(case).or_default();
                text.push_str(line);
                text.push('\n');
            }
        }
        Ok(BuildResult::Failed { by_case, log })
    }
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("{}: {e}", from.display()))?
            .path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_tree(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// kotlinc overflowed its default thread stack on deep contracts; the generated project
    /// gives the Kotlin daemon, where the compiler runs, a larger one. The option is written
    /// without its dash: the plugin prefixes one, and `--Xss16m` stops the daemon starting.
    #[test]
    fn the_generated_pom_gives_kotlinc_a_large_stack() {
        let pom = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../generated/kotlin/pom.xml"
        );
        let text = std::fs::read_to_string(pom).unwrap_or_default();
        assert!(
            text.contains(
                "<kotlin.compiler.daemon.jvmArgs>Xss16m</kotlin.compiler.daemon.jvmArgs>"
            ),
            "{pom}"
        );
    }
}
