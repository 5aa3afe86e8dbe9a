//! Checks and formats emitted Rust: `syn` parses every file (broken Rust never reaches a user),
//! then rustfmt formats it so the output is identical to what `cargo fmt` would leave.
//!
//! A run's files go through a few rustfmt processes, not one each: starting rustfmt once per
//! file was most of a generation's time. Each file is written alone into a scratch folder, and
//! one batch of them per processor is named on one command line; a batch rustfmt rejects falls
//! back file by file, and without rustfmt prettyplease formats.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::emit::GeneratedFile;
use crate::error::{Error, Result};

/// Files per rustfmt process at most: a command line far below every platform's limit (each
/// file is named by a short relative path).
const BATCH: usize = 500;

/// The name of a file in its scratch folder: not a module name (an identifier cannot start
/// with a digit), so no `mod` declaration's placeholder can take it.
const ROOT_FILE: &str = "0.rs";

/// Checks and formats every file of `files` (their contents are Rust source), in order.
pub fn format_rust_files(files: Vec<GeneratedFile>) -> Result<Vec<GeneratedFile>> {
    let mut parsed = Vec::with_capacity(files.len());
    for file in &files {
        parsed.push(parse(&file.path, &file.contents)?);
    }
    let mut formatted: Vec<Option<String>> = vec![None; files.len()];
    let mut rustfmt_missing = false;
    if let Ok(scratch) = Scratch::create() {
        let indexes: Vec<usize> = (0..files.len()).collect();
        // The batches run side by side, one per processor at least.
        let processors = std::thread::available_parallelism().map_or(1, |n| n.get());
        let size = files.len().div_ceil(processors).clamp(1, BATCH);
        let started: Vec<(&[usize], Batch)> = indexes
            .chunks(size)
            .map(|batch| (batch, start_batch(&scratch, batch, &files, &parsed)))
            .collect();
        for (batch, started) in started {
            match finish_batch(&scratch, started) {
                Batch::Formatted(texts) => {
                    for (index, text) in batch.iter().zip(texts) {
                        formatted[*index] = Some(text);
                    }
                }
                Batch::Missing => rustfmt_missing = true,
                // Formatted one by one below, so one file rustfmt refuses costs only itself.
                Batch::Failed | Batch::Running(..) => {}
            }
        }
    }
    Ok(files
        .into_iter()
        .zip(formatted)
        .zip(parsed)
        .map(|((file, formatted), parsed)| {
            let contents = formatted
                .or_else(|| {
                    (!rustfmt_missing)
                        .then(|| rustfmt(&file.contents))
                        .flatten()
                })
                // Without rustfmt (a bare toolchain), prettyplease still gives readable, stable
                // code; comments other than doc comments are lost that way, so rustfmt is
                // preferred.
                .unwrap_or_else(|| prettyplease::unparse(&parsed));
            GeneratedFile {
                path: file.path,
                contents,
            }
        })
        .collect())
}

fn parse(path: &Path, source: &str) -> Result<syn::File> {
    syn::parse_file(source).map_err(|e| Error::Emit {
        language: "Rust",
        file: path.display().to_string(),
        message: e.to_string(),
    })
}

enum Batch {
    /// rustfmt is formatting the files named, relative to the scratch folder.
    Running(Child, Vec<PathBuf>),
    Formatted(Vec<String>),
    /// rustfmt could not be started.
    Missing,
    /// rustfmt refused a file, or the scratch folder failed.
    Failed,
}

/// Starts one rustfmt process on the files `batch` indexes. Each file is the root of its own
/// folder, as a file piped to rustfmt is, so it is formatted exactly once; every out-of-line
/// `mod` it declares gets an empty placeholder, since rustfmt follows them.
fn start_batch(
    scratch: &Scratch,
    batch: &[usize],
    files: &[GeneratedFile],
    parsed: &[syn::File],
) -> Batch {
    let mut names = Vec::with_capacity(batch.len());
    for &index in batch {
        let folder = PathBuf::from(index.to_string());
        let written = write_root(
            &scratch.path.join(&folder),
            &files[index].contents,
            &parsed[index],
        );
        if written.is_err() {
            return Batch::Failed;
        }
        names.push(folder.join(ROOT_FILE));
    }
    let child = Command::new(rustfmt_program())
        .args(["--edition", "2021"])
        .args(config_path())
        .args(&names)
        .current_dir(&scratch.path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match child {
        Ok(child) => Batch::Running(child, names),
        Err(_) => Batch::Missing,
    }
}

/// Waits for a started batch and reads its files back.
fn finish_batch(scratch: &Scratch, batch: Batch) -> Batch {
    let Batch::Running(mut child, names) = batch else {
        return batch;
    };
    if !child.wait().is_ok_and(|status| status.success()) {
        return Batch::Failed;
    }
    let mut texts = Vec::with_capacity(names.len());
    for name in &names {
        match std::fs::read_to_string(scratch.path.join(name)) {
            Ok(text) => texts.push(text),
            Err(_) => return Batch::Failed,
        }
    }
    Batch::Formatted(texts)
}

/// Writes `source` as `folder/0.rs` with an empty file for each out-of-line module it declares.
fn write_root(folder: &Path, source: &str, parsed: &syn::File) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    std::fs::write(folder.join(ROOT_FILE), source)?;
    write_placeholders(folder, &parsed.items)
}

fn write_placeholders(folder: &Path, items: &[syn::Item]) -> std::io::Result<()> {
    for item in items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        let name = syn::ext::IdentExt::unraw(&module.ident).to_string();
        match &module.content {
            None => {
                std::fs::write(folder.join(format!("{name}.rs")), "")?;
            }
            // An inline module's own `mod x;` lives in the folder named after it.
            Some((_, inner)) => {
                let inner_folder = folder.join(&name);
                std::fs::create_dir_all(&inner_folder)?;
                write_placeholders(&inner_folder, inner)?;
            }
        }
    }
    Ok(())
}

fn rustfmt_program() -> std::ffi::OsString {
    std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into())
}

/// The rustfmt settings a file piped in from here would get: rustfmt looks for `rustfmt.toml`
/// from the current directory up for its standard input, but from the file's folder for a file,
/// and the scratch folder is elsewhere.
fn config_path() -> Vec<std::ffi::OsString> {
    let Ok(start) = std::env::current_dir() else {
        return Vec::new();
    };
    for dir in start.ancestors() {
        for name in ["rustfmt.toml", ".rustfmt.toml"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return vec!["--config-path".into(), candidate.into_os_string()];
            }
        }
    }
    Vec::new()
}

/// One file through rustfmt's standard input and output.
fn rustfmt(source: &str) -> Option<String> {
    let mut child = Command::new(rustfmt_program())
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

/// A folder of its own under the system's temporary directory, removed when dropped.
struct Scratch {
    path: PathBuf,
}

impl Scratch {
    fn create() -> std::io::Result<Scratch> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let base = std::env::temp_dir();
        loop {
            let name = format!(
                "contractgen-rustfmt-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            );
            let path = base.join(name);
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(Scratch { path }),
                // Left by an earlier process with the same id: take the next name.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: PathBuf::from(path),
            contents: contents.to_string(),
        }
    }

    #[test]
    fn formats_every_file_once_and_in_order() {
        let files = vec![
            file(
                "src/lib.rs",
                "pub mod a ;\npub mod r#type;\nfn  main( ){}\n",
            ),
            file("src/a.rs", "mod inner { mod deeper; }\nfn x( ) -> u8 {1}\n"),
            file("src/type.rs", "pub struct S{a:u8}\n"),
        ];
        let out = format_rust_files(files).expect("valid Rust");
        let texts: Vec<&str> = out.iter().map(|f| f.contents.as_str()).collect();
        assert_eq!(
            texts,
            [
                "pub mod a;\npub mod r#type;\nfn main() {}\n",
                "mod inner {\n    mod deeper;\n}\nfn x() -> u8 {\n    1\n}\n",
                "pub struct S {\n    a: u8,\n}\n",
            ]
        );
        assert_eq!(out[1].path, PathBuf::from("src/a.rs"));
    }

    #[test]
    fn broken_rust_names_its_file() {
        let files = vec![
            file("src/lib.rs", "fn main() {}\n"),
            file("src/bad.rs", "fn y() { let x = ; }\n"),
        ];
        let Err(Error::Emit { file, .. }) = format_rust_files(files) else {
            panic!("broken Rust must be refused");
        };
        assert_eq!(file, "src/bad.rs");
    }

    #[test]
    fn a_module_path_rustfmt_cannot_follow_falls_back_per_file() {
        // rustfmt follows `#[path]` to a file that is not there and refuses the batch; each file
        // is then formatted on its own.
        let files = vec![
            file(
                "src/lib.rs",
                "#[path = \"elsewhere.rs\"]\nmod a;\nfn  main( ){}\n",
            ),
            file("src/b.rs", "fn  b( ){}\n"),
        ];
        let out = format_rust_files(files).expect("valid Rust");
        assert_eq!(out[1].contents, "fn b() {}\n");
        assert!(
            out[0].contents.contains("fn main() {}"),
            "{}",
            out[0].contents
        );
    }
}
