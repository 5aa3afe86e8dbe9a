//! Emitters: each renders the IR for one language. They never look at schema documents.

mod checks;
pub mod kotlin;
mod naming;
pub mod rust;

use std::path::PathBuf;

/// One output file, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: String,
}

#[cfg(test)]
mod message_tests;
#[cfg(test)]
mod naming_tests;
