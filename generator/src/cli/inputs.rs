//! The payloads named on the command line: files, `-` for stdin, and directories, each of
//! which stands for every `*.json` file below it (recursively, sorted by path).

use std::io::Read;
use std::path::{Path, PathBuf};

/// One payload to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The name reports use: the path, or `-` for stdin.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }

    pub fn read(&self) -> contractgen::Result<Vec<u8>> {
        match self {
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|e| contractgen::Error::io(Path::new("-"), e))?;
                Ok(bytes)
            }
            Input::File(path) => std::fs::read(path).map_err(|e| contractgen::Error::io(path, e)),
        }
    }

    /// The path that errors about this payload's text name.
    pub fn path(&self) -> PathBuf {
        match self {
            Input::Stdin => PathBuf::from("-"),
            Input::File(path) => path.clone(),
        }
    }
}

/// An argument expanded: its payloads, or the tool error that stands for it (an unreadable
/// directory, or one with no `*.json` file, which would otherwise check nothing in silence).
pub type Expanded = Result<Input, (String, String)>;

/// Expands every argument in order; a directory's files follow in path order.
pub fn expand(args: &[PathBuf]) -> Vec<Expanded> {
    let mut inputs = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Ok(Input::Stdin));
        } else if arg.is_dir() {
            let mut found = Vec::new();
            match json_files(arg, &mut found) {
                Err(e) => inputs.push(Err((arg.display().to_string(), e.to_string()))),
                Ok(()) if found.is_empty() => inputs.push(Err((
                    arg.display().to_string(),
                    format!("{}: directory holds no *.json file", arg.display()),
                ))),
                Ok(()) => {
                    found.sort();
                    inputs.extend(found.into_iter().map(|p| Ok(Input::File(p))));
                }
            }
        } else {
            inputs.push(Ok(Input::File(arg.clone())));
        }
    }
    inputs
}

fn json_files(dir: &Path, found: &mut Vec<PathBuf>) -> contractgen::Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| contractgen::Error::io(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| contractgen::Error::io(dir, e))?.path();
        if path.is_dir() {
            json_files(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            found.push(path);
        }
    }
    Ok(())
}
