//! Checks and formats emitted Rust so the output is identical to what `cargo fmt` would leave.
//! Broken Rust never reaches a user: rustfmt parses every file it formats and refuses one it
//! cannot, and a file it did not format is parsed with `syn`, whose error names the file, before
//! prettyplease lays it out. `syn` parses nothing else: on a file rustfmt formats it would only
//! repeat rustfmt's parse (without it, the generator's own time on 100 contracts fell from about
//! 3.2 to 2.5 s).
//!
//! A run's files go through a few rustfmt processes, not one each: starting rustfmt once per
//! file was most of a generation's time. Each file is written into a scratch folder (in a
//! folder of its own when it declares modules), and one batch of them per processor is named
//! on one command line; a batch rustfmt rejects falls back file by file, and without rustfmt
//! prettyplease formats. A file prettyplease laid out differs from what `cargo fmt` leaves, so
//! each such fallback is reported as a note of the returned [`Emitted`], never silently.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Emitted;
use crate::emit::GeneratedFile;
use crate::error::{Error, Result};

/// Files per rustfmt process at most: a command line far below every platform's limit (each
/// file is named by a short relative path).
const BATCH: usize = 500;

/// The name of a file in its scratch folder: not a module name (an identifier cannot start
/// with a digit), so no `mod` declaration's placeholder can take it.
const ROOT_FILE: &str = "0.rs";

/// Checks and formats every file of `files` (their contents are Rust source), in order.
pub fn format_rust_files(files: Vec<GeneratedFile>) -> Result<Emitted> {
    format_with(&rustfmt_program(), files)
}

/// [`format_rust_files`] with the rustfmt program named.
fn format_with(program: &OsStr, files: Vec<GeneratedFile>) -> Result<Emitted> {
    let mut formatted: Vec<Option<String>> = vec![None; files.len()];
    let mut rustfmt_missing = false;
    if let Ok(scratch) = Scratch::create() {
        let indexes: Vec<usize> = (0..files.len()).collect();
        // The batches run side by side, one per processor at least.
        let processors = std::thread::available_parallelism().map_or(1, |n| n.get());
        let size = files.len().div_ceil(processors).clamp(1, BATCH);
        let started: Vec<(&[usize], Batch)> = indexes
            .chunks(size)
            .map(|batch| (batch, start_batch(program, &scratch, batch, &files)))
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
    let mut notes = Vec::new();
    let mut laid_out_elsewhere = 0;
    let mut out = Vec::with_capacity(files.len());
    for (file, formatted) in files.into_iter().zip(formatted) {
        let single = match formatted {
            Some(text) => Ok(text),
            None if rustfmt_missing => Err(Refusal::Missing),
            None => rustfmt(program, &file.contents),
        };
        // Without rustfmt (a bare toolchain), prettyplease still gives readable, stable code;
        // comments other than doc comments are lost that way, so rustfmt is preferred.
        let contents = match single {
            Ok(text) => text,
            Err(Refusal::Missing) => {
                let parsed = parse(&file.path, &file.contents)?;
                rustfmt_missing = true;
                laid_out_elsewhere += 1;
                pretty(&file.contents, &parsed)
            }
            Err(Refusal::Refused(reason)) => {
                // Broken Rust is an error naming the file, not a note.
                let parsed = parse(&file.path, &file.contents)?;
                notes.push(format!(
                    "rustfmt refused {} ({reason}): prettyplease laid it out instead",
                    file.path.display()
                ));
                pretty(&file.contents, &parsed)
            }
        };
        out.push(GeneratedFile {
            path: file.path,
            contents,
        });
    }
    if laid_out_elsewhere > 0 {
        notes.insert(
            0,
            format!(
                "rustfmt could not be started (`{}`; RUSTFMT names another program): \
                 prettyplease laid out {laid_out_elsewhere} Rust file(s) instead, which keeps only \
                 doc comments and differs from what `cargo fmt` leaves; \
                 `rustup component add rustfmt` installs it",
                program.to_string_lossy()
            ),
        );
    }
    Ok(Emitted { files: out, notes })
}

/// prettyplease's layout of `parsed`, under the plain `//` comments that open `source`: they
/// carry the `@generated` header, which syn does not keep.
fn pretty(source: &str, parsed: &syn::File) -> String {
    let header: Vec<&str> = source
        .lines()
        .take_while(|line| {
            line.starts_with("//") && !line.starts_with("///") && !line.starts_with("//!")
        })
        .collect();
    let body = prettyplease::unparse(parsed);
    if header.is_empty() {
        return body;
    }
    let gap = if source.lines().nth(header.len()) == Some("") {
        "\n"
    } else {
        ""
    };
    format!("{}\n{gap}{body}", header.join("\n"))
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

/// Starts one rustfmt process on the files `batch` indexes. A file that declares modules is the
/// root of its own folder, as a file piped to rustfmt is, so it is formatted exactly once; every
/// out-of-line `mod` it declares gets an empty placeholder, since rustfmt follows them.
fn start_batch(
    program: &OsStr,
    scratch: &Scratch,
    batch: &[usize],
    files: &[GeneratedFile],
) -> Batch {
    let mut names = Vec::with_capacity(batch.len());
    for &index in batch {
        match write_root(&scratch.path, index, &files[index].contents) {
            Ok(name) => names.push(name),
            Err(_) => return Batch::Failed,
        }
    }
    let child = Command::new(program)
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

/// Writes file `index` into the scratch folder and returns its name there. A file without the
/// word `mod` declares no module and is written as `<index>.rs` beside the others: one file
/// created instead of a folder and a file (on ext4, creating scratch files and folders was over
/// a third of the generator's own time). Any other is parsed, and written as `<index>/0.rs`
/// with an empty file for each out-of-line module it declares; one that does not parse gets no
/// placeholders, so rustfmt refuses the batch and the file by file formatting that follows
/// names it.
fn write_root(scratch: &Path, index: usize, source: &str) -> std::io::Result<PathBuf> {
    if !has_word(source, "mod") {
        let name = PathBuf::from(format!("{index}.rs"));
        std::fs::write(scratch.join(&name), source)?;
        return Ok(name);
    }
    let folder = PathBuf::from(index.to_string());
    let path = scratch.join(&folder);
    std::fs::create_dir_all(&path)?;
    std::fs::write(path.join(ROOT_FILE), source)?;
    if let Ok(parsed) = syn::parse_file(source) {
        write_placeholders(&path, &parsed.items)?;
    }
    Ok(folder.join(ROOT_FILE))
}

/// Whether `word` appears in `text` as a whole word (not inside `module` or `r#modal`).
fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|piece| piece == word)
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

fn rustfmt_program() -> OsString {
    std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into())
}

/// The rustfmt settings a file piped in from here would get: rustfmt looks for `rustfmt.toml`
/// from the current directory up for its standard input, but from the file's folder for a file,
/// and the scratch folder is elsewhere.
fn config_path() -> Vec<OsString> {
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

/// Why one file did not come back from rustfmt.
enum Refusal {
    /// rustfmt could not be started.
    Missing,
    /// rustfmt ran and refused the file: the first line of what it said, or its exit status.
    Refused(String),
}

/// One file through rustfmt's standard input and output.
fn rustfmt(program: &OsStr, source: &str) -> std::result::Result<String, Refusal> {
    let mut child = Command::new(program)
        .args(["--edition", "2021"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|_| Refusal::Missing)?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| Refusal::Refused("no standard input".into()))?;
    let input = source.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| Refusal::Refused(e.to_string()))?;
    // A write cut short because rustfmt stopped reading shows in its status below.
    let _ = writer.join();
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        let first = said.lines().map(str::trim).find(|l| !l.is_empty());
        return Err(Refusal::Refused(
            first.map_or_else(|| output.status.to_string(), str::to_string),
        ));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| Refusal::Refused("output that is not UTF-8".into()))
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
        assert!(out.notes.is_empty(), "{:?}", out.notes);
        let out = out.files;
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
    fn only_the_word_mod_asks_for_module_placeholders() {
        assert!(has_word("pub mod a;", "mod"));
        assert!(has_word("mod\ninner{}", "mod"));
        assert!(has_word("x;mod a;", "mod"));
        assert!(!has_word("// a module and its modes", "mod"));
        assert!(!has_word("fn modify(r#mod_x: u8) {}", "mod"));
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
        let out = format_rust_files(files).expect("valid Rust").files;
        assert_eq!(out[1].contents, "fn b() {}\n");
        assert!(
            out[0].contents.contains("fn main() {}"),
            "{}",
            out[0].contents
        );
    }

    #[test]
    fn without_rustfmt_prettyplease_lays_out_and_says_so() {
        let files = vec![
            file("src/lib.rs", "pub mod a ;\nfn  main( ){}\n"),
            file(
                "src/a.rs",
                "// @generated header\n// second line\n\n// lost\npub struct S{a:u8}\n",
            ),
        ];
        let out = format_with(OsStr::new("/nonexistent/rustfmt"), files).expect("valid Rust");
        assert_eq!(out.files[0].contents, "pub mod a;\nfn main() {}\n");
        assert_eq!(
            out.files[1].contents,
            "// @generated header\n// second line\n\npub struct S {\n    a: u8,\n}\n"
        );
        let [note] = out.notes.as_slice() else {
            panic!("one note: {:?}", out.notes);
        };
        assert!(
            note.starts_with("rustfmt could not be started (`/nonexistent/rustfmt`"),
            "{note}"
        );
        assert!(
            note.contains("prettyplease laid out 2 Rust file(s)"),
            "{note}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_file_rustfmt_refuses_is_named_with_what_rustfmt_said() {
        use std::os::unix::fs::PermissionsExt;
        // A stand-in rustfmt that refuses everything, as rustfmt refuses what it cannot parse.
        let dir = tempfile::tempdir().expect("temporary directory");
        let program = dir.path().join("rustfmt");
        std::fs::write(
            &program,
            "#!/bin/sh\necho >&2\necho 'error: expected item' >&2\nexit 1\n",
        )
        .expect("stand-in written");
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755))
            .expect("stand-in made executable");
        let files = vec![file("src/lib.rs", "fn  main( ){}\n")];
        let out = format_with(program.as_os_str(), files).expect("valid Rust");
        assert_eq!(out.files[0].contents, "fn main() {}\n");
        assert_eq!(
            out.notes,
            ["rustfmt refused src/lib.rs (error: expected item): prettyplease laid it out instead"]
        );
    }
}
