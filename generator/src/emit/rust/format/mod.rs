//! Checks and formats emitted Rust so the output is identical to what `cargo fmt` would leave.
//! Broken Rust never reaches a user: rustfmt parses every file it formats and refuses one it
//! cannot, and a file it did not format is parsed with `syn`, whose error names the file, before
//! prettyplease lays it out. `syn` parses nothing else: on a file rustfmt formats it would only
//! repeat rustfmt's parse (without it, the generator's own time on 100 contracts fell from about
//! 3.2 to 2.5 s).
//!
//! A run's files go through a few rustfmt processes, not one each: starting rustfmt once per
//! file was most of a generation's time. Each file is written into a scratch folder (in a
//! folder of its own when it declares modules), and a batch of them is named on one command
//! line. Batches start while the generator still prints ([`Formatter`]), at most one per
//! processor at a time; a batch rustfmt rejects falls back file by file, and without rustfmt
//! prettyplease formats. A file prettyplease laid out differs from what `cargo fmt` leaves, so
//! each such fallback is reported as a note of the returned [`Emitted`], never silently.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

mod scratch;

use super::Emitted;
use crate::emit::GeneratedFile;
use crate::error::{Error, Result};
use scratch::{write_root, Scratch};

/// Files per rustfmt process at most: a command line far below every platform's limit (each
/// file is named by a short relative path).
const BATCH: usize = 500;

/// Bytes of Rust that start a batch while files are still being added: rustfmt takes about a
/// quarter of a second of CPU for this much, so its start-up (about 20 ms) stays small beside it.
const BATCH_BYTES: usize = 512 << 10;

/// Checks and formats every file of `files` (their contents are Rust source), in order.
#[cfg(test)]
fn format_rust_files(files: Vec<GeneratedFile>) -> Result<Emitted> {
    format_with(&rustfmt_program(), files)
}

/// [`format_rust_files`] with the rustfmt program named.
#[cfg(test)]
fn format_with(program: &OsStr, files: Vec<GeneratedFile>) -> Result<Emitted> {
    let mut formatter = Formatter::with_program(program.to_os_string());
    for file in files {
        formatter.add(file);
    }
    formatter.finish()
}

/// Formats Rust files while more are being printed. A file handed to [`Formatter::add`] waits
/// in the next batch; a batch of [`BATCH_BYTES`] goes to a rustfmt process of its own at once,
/// as long as fewer than one per processor are running, so that rustfmt works while the
/// generator still prints (before, every file waited for the last one to be printed). What is
/// left at [`Formatter::finish`] is split into batches of about equal size, each started as a
/// processor frees: split by count, one batch had held the small `mod.rs` files and finished
/// in a third of the time of the other.
pub struct Formatter {
    program: OsString,
    /// `None` when the scratch folder could not be made: every file then goes through
    /// rustfmt's standard input, one by one.
    scratch: Option<Scratch>,
    processors: usize,
    files: Vec<GeneratedFile>,
    formatted: Vec<Option<String>>,
    /// Files added and not yet in a batch, and their size in bytes.
    waiting: Vec<usize>,
    waiting_bytes: usize,
    running: Vec<Running>,
    rustfmt_missing: bool,
}

/// A rustfmt process formatting files in the scratch folder.
struct Running {
    indexes: Vec<usize>,
    child: Child,
    /// The files' names relative to the scratch folder.
    names: Vec<PathBuf>,
}

impl Formatter {
    /// A formatter running `rustfmt`, or the program `RUSTFMT` names.
    pub fn new() -> Formatter {
        Formatter::with_program(rustfmt_program())
    }

    fn with_program(program: OsString) -> Formatter {
        Formatter {
            program,
            scratch: Scratch::create().ok(),
            processors: std::thread::available_parallelism().map_or(1, |n| n.get()),
            files: Vec::new(),
            formatted: Vec::new(),
            waiting: Vec::new(),
            waiting_bytes: 0,
            running: Vec::new(),
            rustfmt_missing: false,
        }
    }

    /// Adds one file (its contents are Rust source); [`Formatter::finish`] returns the files in
    /// the order they were added.
    pub fn add(&mut self, file: GeneratedFile) {
        self.waiting.push(self.files.len());
        self.waiting_bytes += file.contents.len();
        self.files.push(file);
        self.formatted.push(None);
        if self.waiting_bytes < BATCH_BYTES && self.waiting.len() < BATCH {
            return;
        }
        self.reap(false);
        if self.running.len() < self.processors {
            // The files that waited longest, about one batch's worth: the rest waits for the
            // next free processor, or for the split of `finish`.
            let mut bytes = 0;
            let take = self
                .waiting
                .iter()
                .take(BATCH)
                .take_while(|&&index| {
                    let fits = bytes < BATCH_BYTES;
                    bytes += self.files[index].contents.len();
                    fits
                })
                .count();
            let batch: Vec<usize> = self.waiting.drain(..take).collect();
            self.waiting_bytes -= batch
                .iter()
                .map(|&index| self.files[index].contents.len())
                .sum::<usize>();
            self.start(batch);
        }
    }

    /// Waits for every batch, formats one by one what no batch formatted, and returns the
    /// files in the order they were added. What is still waiting is split into batches of
    /// about equal size, one per processor, or two per processor when there is more than half
    /// a batch's worth for each, each started as soon as a processor is free: the last to end
    /// then ends at most one such batch after the others, while a small run (one contract)
    /// starts no more processes than before.
    pub fn finish(mut self) -> Result<Emitted> {
        let waiting = std::mem::take(&mut self.waiting);
        let parts = if self.waiting_bytes > self.processors * BATCH_BYTES / 2 {
            2 * self.processors
        } else {
            self.processors
        };
        self.waiting_bytes = 0;
        let mut queue = split(&waiting, parts, |index| self.files[index].contents.len());
        // Largest first; `pop` takes from the end.
        queue.reverse();
        while !queue.is_empty() {
            self.reap(false);
            while self.running.len() < self.processors {
                let Some(batch) = queue.pop() else {
                    break;
                };
                self.start(batch);
            }
            if !queue.is_empty() {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        self.reap(true);
        let program = std::mem::take(&mut self.program);
        let files = std::mem::take(&mut self.files);
        let formatted = std::mem::take(&mut self.formatted);
        finish_files(&program, files, formatted, self.rustfmt_missing)
    }

    /// Starts one rustfmt process on the files `batch` indexes, each written into the scratch
    /// folder first. Files of a batch that cannot be started are left for the file by file
    /// formatting of [`Formatter::finish`].
    fn start(&mut self, batch: Vec<usize>) {
        if batch.is_empty() || self.rustfmt_missing {
            return;
        }
        let Some(scratch) = &self.scratch else {
            return;
        };
        let mut names = Vec::with_capacity(batch.len());
        for &index in &batch {
            match write_root(&scratch.path, index, &self.files[index].contents) {
                Ok(name) => names.push(name),
                Err(_) => return,
            }
        }
        let child = Command::new(&self.program)
            .args(["--edition", "2021"])
            .args(config_path())
            .args(&names)
            .current_dir(&scratch.path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match child {
            Ok(child) => self.running.push(Running {
                indexes: batch,
                child,
                names,
            }),
            Err(_) => self.rustfmt_missing = true,
        }
    }

    /// Reads back every batch that has ended (with `wait`, every batch once it ends). A batch
    /// rustfmt refused leaves its files unformatted, for the file by file formatting, so that
    /// one file rustfmt refuses costs only itself.
    fn reap(&mut self, wait: bool) {
        let mut still = Vec::new();
        for mut running in std::mem::take(&mut self.running) {
            let status = if wait {
                running.child.wait().ok()
            } else {
                match running.child.try_wait() {
                    Ok(Some(status)) => Some(status),
                    Ok(None) => {
                        still.push(running);
                        continue;
                    }
                    Err(_) => None,
                }
            };
            if !status.is_some_and(|status| status.success()) {
                continue;
            }
            let Some(scratch) = &self.scratch else {
                continue;
            };
            let texts: std::io::Result<Vec<String>> = running
                .names
                .iter()
                .map(|name| std::fs::read_to_string(scratch.path.join(name)))
                .collect();
            if let Ok(texts) = texts {
                for (index, text) in running.indexes.iter().zip(texts) {
                    self.formatted[*index] = Some(text);
                }
            }
        }
        self.running = still;
    }
}

impl Drop for Formatter {
    /// A generation that stops early (another emitter failed) does not leave rustfmt running
    /// on a scratch folder about to be removed.
    fn drop(&mut self) {
        for running in &mut self.running {
            let _ = running.child.kill();
            let _ = running.child.wait();
        }
    }
}

/// `items` in `parts` batches of about the same total `size` (more when `parts` batches would
/// exceed [`BATCH`] files), the largest batch first: each item, largest first, joins the
/// smallest batch so far that has room; each batch keeps the items' order.
fn split(items: &[usize], parts: usize, size: impl Fn(usize) -> usize) -> Vec<Vec<usize>> {
    let parts = parts
        .max(items.len().div_ceil(BATCH))
        .clamp(1, items.len().max(1));
    let mut by_size: Vec<usize> = items.to_vec();
    by_size.sort_by_key(|&item| std::cmp::Reverse(size(item)));
    let mut batches: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); parts];
    for item in by_size {
        let room = batches
            .iter_mut()
            .filter(|(_, batch)| batch.len() < BATCH)
            .min_by_key(|(total, _)| *total);
        match room {
            Some((total, batch)) => {
                *total += size(item);
                batch.push(item);
            }
            None => batches.push((size(item), vec![item])),
        }
    }
    batches.sort_by_key(|(total, _)| std::cmp::Reverse(*total));
    batches
        .into_iter()
        .map(|(_, mut batch)| {
            batch.sort_unstable();
            batch
        })
        .filter(|batch| !batch.is_empty())
        .collect()
}

/// The files, each as rustfmt formatted it in a batch, or else formatted on its own (rustfmt's
/// standard input), or else laid out by prettyplease.
fn finish_files(
    program: &OsStr,
    files: Vec<GeneratedFile>,
    formatted: Vec<Option<String>>,
    mut rustfmt_missing: bool,
) -> Result<Emitted> {
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
    fn split_balances_batches_by_size_and_keeps_each_in_order() {
        let sizes = [10, 70, 20, 30, 40, 5, 5];
        let batches = split(&[0, 1, 2, 3, 4, 5, 6], 2, |i| sizes[i]);
        let totals: Vec<usize> = batches
            .iter()
            .map(|b| b.iter().map(|&i| sizes[i]).sum())
            .collect();
        assert_eq!(totals, [90, 90], "{batches:?}");
        for batch in &batches {
            assert!(batch.windows(2).all(|w| w[0] < w[1]), "{batches:?}");
        }
        let mut all: Vec<usize> = batches.concat();
        all.sort_unstable();
        assert_eq!(all, [0, 1, 2, 3, 4, 5, 6]);
        // No empty batches when there are fewer items than parts, and more batches than parts
        // when the parts would hold more than BATCH files each.
        assert_eq!(split(&[3], 4, |_| 1), [vec![3]]);
        let many: Vec<usize> = (0..BATCH * 2 + 1).collect();
        let batches = split(&many, 2, |_| 1);
        assert_eq!(batches.len(), 3);
        assert!(batches.iter().all(|b| b.len() <= BATCH));
        assert!(split(&[], 2, |_| 1).is_empty());
    }

    #[test]
    fn a_batch_starts_while_files_are_still_added_and_order_is_kept() {
        let big = format!("const A: &str = \"{}\";\n", "a".repeat(BATCH_BYTES));
        let mut formatter = Formatter::new();
        formatter.add(file("src/big.rs", &big));
        assert_eq!(formatter.running.len(), 1, "a batch's worth starts at once");
        assert!(formatter.waiting.is_empty());
        formatter.add(file("src/small.rs", "fn  s( ){}\n"));
        assert_eq!(formatter.waiting, [1], "a small file waits for finish");
        let out = formatter.finish().expect("valid Rust");
        assert!(out.notes.is_empty(), "{:?}", out.notes);
        let paths: Vec<&Path> = out.files.iter().map(|f| f.path.as_path()).collect();
        assert_eq!(paths, [Path::new("src/big.rs"), Path::new("src/small.rs")]);
        assert_eq!(out.files[0].contents, big);
        assert_eq!(out.files[1].contents, "fn s() {}\n");
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
