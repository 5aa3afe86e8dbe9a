//! Checks and formats emitted Rust: `syn` parses every file (broken Rust never reaches a user),
//! then rustfmt formats it so the output is identical to what `cargo fmt` would leave.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

pub fn format_rust(file: &str, source: &str) -> Result<String> {
    let parsed = syn::parse_file(source).map_err(|e| Error::Emit {
        language: "Rust",
        file: file.to_string(),
        message: e.to_string(),
    })?;
    match rustfmt(source) {
        Some(formatted) => Ok(formatted),
        // Without rustfmt (a bare toolchain), prettyplease still gives readable, stable code;
        // comments other than doc comments are lost that way, so rustfmt is preferred.
        None => Ok(prettyplease::unparse(&parsed)),
    }
}

fn rustfmt(source: &str) -> Option<String> {
    let program = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut child = Command::new(program)
        .args(["--edition", "2021"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let input = source.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()
}
