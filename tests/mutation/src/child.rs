//! Generation of one mutated schema in a child process (the harness binary itself, with
//! `generate-one`), so a stack overflow, an abort or a hang is a finding about that case and not
//! the end of the run.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The URI prefix the suite's remote schemas are served under.
pub const REMOTES_PREFIX: &str = "http://localhost:1234/";

/// What generating one case came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Generated,
    /// Refused with an error naming the file and a JSON pointer: the good refusal.
    Refused(String),
    /// A finding: the kind (`unlocated-error`, `internal-error`, `panic`, `crash`, `timeout`) and
    /// what the child printed.
    Finding(&'static str, String),
}

/// Runs `generate-one` for the case directory and classifies its end.
pub fn generate(exe: &Path, case_dir: &Path, remotes: &Path, timeout: Duration) -> Outcome {
    // A group of its own, so a timeout ends the child and what it started (rustfmt).
    let spawned = Command::new(exe)
        .process_group(0)
        .arg("generate-one")
        .arg(case_dir)
        .arg(remotes)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => return Outcome::Finding("crash", format!("could not start the child: {e}")),
    };
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > timeout => {
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &format!("-{}", child.id())])
                    .status();
                let _ = child.kill();
                let _ = child.wait();
                return Outcome::Finding(
                    "timeout",
                    format!("no result after {} s", timeout.as_secs()),
                );
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Outcome::Finding("crash", format!("waiting for the child: {e}")),
        }
    };
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        use std::io::Read;
        let _ = pipe.read_to_string(&mut stderr);
    }
    classify(status, stderr)
}

fn classify(status: ExitStatus, stderr: String) -> Outcome {
    match status.code() {
        Some(0) => Outcome::Generated,
        Some(1) => classify_error(stderr),
        Some(101) if stderr.contains("panicked") => Outcome::Finding("panic", stderr),
        _ => Outcome::Finding("crash", format!("{status}\n{stderr}")),
    }
}

/// An error is good when it says where: `<file>#<pointer>: ...` of a schema file.
pub fn classify_error(stderr: String) -> Outcome {
    if stderr.contains("internal error") {
        Outcome::Finding("internal-error", stderr)
    } else if is_located(&stderr) {
        Outcome::Refused(stderr)
    } else {
        Outcome::Finding("unlocated-error", stderr)
    }
}

fn is_located(message: &str) -> bool {
    // A location is `<file>.json#<pointer>` followed by `: `; the pointer may be empty (root).
    message.match_indices(".json#").any(|(at, _)| {
        let rest = &message[at + ".json#".len()..];
        let pointer_end = rest.find(": ").unwrap_or(rest.len());
        let pointer = &rest[..pointer_end];
        pointer.is_empty() || pointer.starts_with('/')
    })
}

/// The child's side: generate Rust and Kotlin for `<case_dir>/schema` into `<case_dir>/out`, with
/// a Kotlin package and a Rust module name of the case's own so every case compiles in one batch.
pub fn generate_one(case_dir: &Path, remotes: &Path) -> Result<(), String> {
    let id = case_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut options = contractgen::Options::new(case_dir.join("schema"));
    options
        .uri_prefixes
        .push((REMOTES_PREFIX.to_string(), remotes.to_path_buf()));
    options.rust = Some(contractgen::RustOptions {
        crate_name: id.clone(),
        cargo_toml: false,
        ..contractgen::RustOptions::default()
    });
    options.kotlin = Some(contractgen::KotlinOptions {
        project_dir: "kotlin".to_string(),
        base_package: format!("cases.{id}"),
        ..contractgen::KotlinOptions::default()
    });
    let generation = contractgen::generate(&options).map_err(|e| e.to_string())?;
    contractgen::output::write_all(&case_dir.join("out"), &generation.files)
        .map_err(|e| e.to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn located_errors_name_a_file_and_a_pointer() {
        for located in [
            "error: m1/request.schema.json#/properties/a: expected a string",
            "m1/request.schema.json#: expected an object",
        ] {
            assert_eq!(
                classify_error(located.to_string()),
                Outcome::Refused(located.to_string())
            );
        }
        for (text, kind) in [
            (
                "m1/request.schema.json:3:4: malformed JSON: recursion limit exceeded",
                "unlocated-error",
            ),
            (
                "meta-schema  is written in , not draft 2020-12",
                "unlocated-error",
            ),
            (
                "internal error: emitted Rust for x does not parse; please report this",
                "internal-error",
            ),
        ] {
            assert_eq!(
                classify_error(text.to_string()),
                Outcome::Finding(kind, text.to_string())
            );
        }
    }
}
