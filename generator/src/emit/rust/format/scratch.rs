//! rustfmt's scratch folder: each file of a batch written where rustfmt formats it as the root
//! of its own crate, with an empty placeholder for every out-of-line module it declares.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The name of a file in its scratch folder: not a module name (an identifier cannot start
/// with a digit), so no `mod` declaration's placeholder can take it.
const ROOT_FILE: &str = "0.rs";

/// Writes file `index` into the scratch folder and returns its name there. A file without the
/// word `mod` declares no module and is written as `<index>.rs` beside the others: one file
/// created instead of a folder and a file (on ext4, creating scratch files and folders was over
/// a third of the generator's own time). Any other is parsed, and written as `<index>/0.rs`
/// with an empty file for each out-of-line module it declares; one that does not parse gets no
/// placeholders, so rustfmt refuses the batch and the file by file formatting that follows
/// names it.
pub(super) fn write_root(scratch: &Path, index: usize, source: &str) -> std::io::Result<PathBuf> {
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

/// A folder of its own under the system's temporary directory, removed when dropped.
pub(super) struct Scratch {
    pub(super) path: PathBuf,
}

impl Scratch {
    pub(super) fn create() -> std::io::Result<Scratch> {
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

    #[test]
    fn only_the_word_mod_asks_for_module_placeholders() {
        assert!(has_word("pub mod a;", "mod"));
        assert!(has_word("mod\ninner{}", "mod"));
        assert!(has_word("x;mod a;", "mod"));
        assert!(!has_word("// a module and its modes", "mod"));
        assert!(!has_word("fn modify(r#mod_x: u8) {}", "mod"));
    }
}
