//! Generates contractgen's Rust (and Kotlin) from a `build.rs` by running the prebuilt
//! `contractgen` binary, as `prost-build` runs `protoc`: the build dependency is this crate
//! alone (no dependencies), not the generator, so a cold build of the consuming crate does
//! not compile the generator, its template engine, `syn` and the rest.
//!
//! ```no_run
//! // build.rs
//! fn main() {
//!     if let Err(e) = contractgen_build::Config::new().schema_dir("schema").generate() {
//!         // The generator's own message names the schema file and the JSON pointer; a
//!         // missing binary or one of another version says how to install the right one.
//!         panic!("contractgen: {e}");
//!     }
//! }
//! ```
//!
//! The binary is the one `CONTRACTGEN` names, else the first `contractgen` on `PATH`
//! (`cargo install contractgen --version <this crate's version> --locked`); its version must
//! equal this crate's. [`Config`] has the settings of `contractgen::Config`, by the same
//! names; the binary maps them onto `contractgen::Config` itself, so it writes only files
//! whose contents changed and prints the `cargo:rerun-if-changed` lines (and a
//! `cargo:warning=` line for each of its notes), which [`Config::generate`] passes on to cargo.
//!
//! With the `bundled` feature, `contractgen::Config` runs in process instead (through the same
//! settings document), and nothing needs installing; the generator is then compiled into the
//! build as with a `contractgen` build dependency.
//!
//! What the binary cannot be given: a path that is not UTF-8 (the settings travel as JSON);
//! and [`Written`] holds only the rerun lines and the notes, not the list of files written.

// The example above is a whole `build.rs`, so its `fn main` is the point, not noise.
#![allow(clippy::needless_doctest_main)]

use std::path::{Path, PathBuf};

mod binary;
#[cfg(feature = "bundled")]
mod bundled;
mod error;
mod json;
mod settings;

/// How the generator prints each of its notes for cargo to show.
const WARNING: &str = "cargo:warning=";

pub use error::{install_command, Error, BINARY_ENV, VERSION};

/// Generates code from a schema directory at build time; the settings are those of
/// `contractgen::Config`, and each unset one keeps that builder's default (schemas from
/// `schema`, Rust into `$OUT_DIR/contracts/`, no Kotlin, the schema directory's own
/// `contractgen.json`, rerun lines printed).
#[derive(Debug, Clone)]
pub struct Config {
    schema_dir: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    module_dir: Option<String>,
    rust: Option<bool>,
    kotlin_out_dir: Option<PathBuf>,
    kotlin_package: Option<String>,
    kotlin_build: Option<KotlinBuild>,
    vocabulary: Option<Vocabulary>,
    uri_prefixes: Vec<(String, PathBuf)>,
    type_attributes: Vec<(String, String)>,
    field_attributes: Vec<(String, String)>,
    schemars: Option<bool>,
    runtime_crate: Option<String>,
    emit_rerun_if_changed: bool,
    binary: Option<PathBuf>,
}

/// The Kotlin project's Maven coordinates and toolchain levels, as `contractgen::KotlinBuild`
/// (in place of the settings file's `kotlin` section). A value left `None` takes
/// contractgen's default: groupId the base package, artifactId its last segment, version
/// `0.1.0`, JVM target `1.8`, Kotlin `2.1`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KotlinBuild {
    pub group: Option<String>,
    pub artifact: Option<String>,
    pub version: Option<String>,
    pub jvm_target: Option<String>,
    pub language_version: Option<String>,
}

/// What the schemas' `format` and content keywords mean, as `contractgen::Vocabulary` (in
/// place of the settings file's top level).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Vocabulary {
    /// Treat `format` as an assertion.
    pub assert_format: bool,
    /// Treat `contentMediaType`, `contentEncoding` and `contentSchema` as assertions.
    pub assert_content: bool,
}

/// What [`Config::generate`] reports.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Written {
    /// The generator's `cargo:rerun-if-changed=` lines (every schema read, `$ref`-only files
    /// included, the settings file and the schema directory), whether or not they were
    /// printed.
    pub rerun_if_changed: Vec<String>,
    /// What the generator had to say about its output, one sentence each (that prettyplease laid
    /// out Rust files because rustfmt could not be started, or refused one), printed as
    /// `cargo:warning=` lines with the rerun lines; empty when rustfmt formatted every file.
    pub notes: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            schema_dir: None,
            out_dir: None,
            module_dir: None,
            rust: None,
            kotlin_out_dir: None,
            kotlin_package: None,
            kotlin_build: None,
            vocabulary: None,
            uri_prefixes: Vec::new(),
            type_attributes: Vec::new(),
            field_attributes: Vec::new(),
            schemars: None,
            runtime_crate: None,
            emit_rerun_if_changed: true,
            binary: None,
        }
    }
}

impl Config {
    /// A configuration with `contractgen::Config`'s defaults.
    pub fn new() -> Self {
        Config::default()
    }

    /// The directory of `<contract>/<message>.schema.json` files (default `schema`).
    pub fn schema_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.schema_dir = Some(dir.into());
        self
    }

    /// Where to write instead of `OUT_DIR` (needed outside a build script).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The directory under the output directory that receives the Rust modules (default
    /// `contracts`); files generation no longer produces are deleted from it.
    pub fn module_dir(&mut self, name: impl Into<String>) -> &mut Self {
        self.module_dir = Some(name.into());
        self
    }

    /// Whether to generate Rust (on by default).
    pub fn rust(&mut self, enabled: bool) -> &mut Self {
        self.rust = Some(enabled);
        self
    }

    /// Also generate Kotlin, into this directory.
    pub fn kotlin_out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.kotlin_out_dir = Some(dir.into());
        self
    }

    /// The Kotlin package that holds one sub-package per contract (default `contracts`).
    pub fn kotlin_package(&mut self, package: impl Into<String>) -> &mut Self {
        self.kotlin_package = Some(package.into());
        self
    }

    /// The Kotlin project's coordinates and levels, in place of the settings file's `kotlin`
    /// section.
    pub fn kotlin_build(&mut self, build: KotlinBuild) -> &mut Self {
        self.kotlin_build = Some(build);
        self
    }

    /// Overrides the schema directory's `contractgen.json`.
    pub fn vocabulary(&mut self, vocabulary: Vocabulary) -> &mut Self {
        self.vocabulary = Some(vocabulary);
        self
    }

    /// Serves `$ref`s to URIs starting with `prefix` from files under `dir`.
    pub fn uri_prefix(&mut self, prefix: impl Into<String>, dir: impl Into<PathBuf>) -> &mut Self {
        self.uri_prefixes.push((prefix.into(), dir.into()));
        self
    }

    /// Puts an attribute on the generated Rust types `path` names (`.` every type,
    /// `get_session_token.request.Payload` one), as `contractgen::Config::type_attribute`.
    pub fn type_attribute(
        &mut self,
        path: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        self.type_attributes.push((path.into(), attribute.into()));
        self
    }

    /// Puts an attribute on the struct fields `path` names, as
    /// `contractgen::Config::field_attribute`.
    pub fn field_attribute(
        &mut self,
        path: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        self.field_attributes.push((path.into(), attribute.into()));
        self
    }

    /// Whether generated types derive `schemars::JsonSchema`, in place of the settings file's
    /// `rust.schemars` (default `true`).
    pub fn schemars(&mut self, enabled: bool) -> &mut Self {
        self.schemars = Some(enabled);
        self
    }

    /// The Rust path the generated code names the runtime by (default
    /// `::contractgen_runtime`).
    pub fn runtime_crate(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime_crate = Some(path.into());
        self
    }

    /// Whether to print the `cargo:` lines (on by default; tests turn it off and read
    /// [`Written`]).
    pub fn emit_rerun_if_changed(&mut self, enabled: bool) -> &mut Self {
        self.emit_rerun_if_changed = enabled;
        self
    }

    /// The binary to run, in place of `CONTRACTGEN` and `PATH` (its version is still checked).
    /// Given, it is run even with the `bundled` feature.
    pub fn binary(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.binary = Some(path.into());
        self
    }

    /// Generates every configured language; the binary (or, with `bundled`, the library)
    /// writes only the files whose contents changed.
    pub fn generate(&self) -> Result<Written, Error> {
        let settings = settings::document(self)?;
        let lines = self.run(&settings)?;
        if self.emit_rerun_if_changed {
            for line in &lines {
                println!("{line}");
            }
        }
        let (warnings, rerun_if_changed): (Vec<String>, Vec<String>) = lines
            .into_iter()
            .partition(|line| line.starts_with(WARNING));
        let notes = warnings
            .iter()
            .map(|line| {
                let note = &line[WARNING.len()..];
                note.strip_prefix("contractgen: ")
                    .unwrap_or(note)
                    .to_string()
            })
            .collect();
        Ok(Written {
            rerun_if_changed,
            notes,
        })
    }

    fn run(&self, settings: &str) -> Result<Vec<String>, Error> {
        let binary = match &self.binary {
            Some(binary) => binary.clone(),
            None => {
                #[cfg(feature = "bundled")]
                return bundled::run(settings);
                #[cfg(not(feature = "bundled"))]
                self.locate()?
            }
        };
        binary::check_version(&binary)?;
        binary::run(&binary, settings)
    }

    #[cfg(not(feature = "bundled"))]
    fn locate(&self) -> Result<PathBuf, Error> {
        if self.emit_rerun_if_changed {
            // Pointing the variable at another binary must regenerate.
            println!("cargo:rerun-if-env-changed={BINARY_ENV}");
        }
        binary::locate(std::env::var_os(BINARY_ENV), std::env::var_os("PATH"))
    }
}

/// Generates Rust from `schema_dir` into `$OUT_DIR/contracts/` with the defaults, as
/// `contractgen::compile_schemas`.
pub fn compile_schemas(schema_dir: impl AsRef<Path>) -> Result<Written, Error> {
    Config::new().schema_dir(schema_dir.as_ref()).generate()
}
