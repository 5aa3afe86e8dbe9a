//! The build-script API: a builder over [`crate::generate`] in the style of
//! `prost_build::Config`. It writes into `OUT_DIR`, touches only files whose contents changed,
//! and tells cargo which schema files to watch (`$ref`-only files included).
//!
//! A `build.rs` should report a failure with the error's `Display`, which names the schema file
//! and the JSON pointer. A build script that panics has its message shown under "failed to run
//! custom build command", so `panic!("{e}")` is the idiomatic report:
//!
//! ```no_run
//! // build.rs
//! fn main() {
//!     if let Err(e) = contractgen::Config::new().schema_dir("schema").generate() {
//!         // Shows, for example:
//!         // contractgen: get_session_token/response.schema.json#/$defs/BankAccount/properties/
//!         // mpinLength/$ref: cannot resolve $ref "#/$defs/Digits": get_session_token/
//!         // response.schema.json has nothing at /$defs/Digits
//!         panic!("contractgen: {e}");
//!     }
//! }
//! ```
//!
//! [`compile_schemas`]`("schema")` is the same call with every default. The crate then
//! includes the module tree (`lib.rs` has no inner attributes, so `include!` takes it as is;
//! `examples/merchant-backend` compiles exactly this, since a doctest has no `OUT_DIR`):
//!
//! ```text
//! // src/lib.rs
//! pub mod contracts {
//!     include!(concat!(env!("OUT_DIR"), "/contracts/lib.rs"));
//! }
//! ```
//!
//! The crate depends on what the generated code names: `contractgen-runtime` (the errors and
//! helpers, shared by every generated module tree), `serde` (with `derive`), `serde_json`,
//! `schemars`, and `regex` when a pattern is not one the generator prints as plain code (an
//! anchored run of literals and counted character classes). When a schema asserts one of these
//! formats, the runtime needs the feature of its checks: `idn` (`hostname`, `idn-hostname`,
//! `idn-email`), `uri` (`uri`, `uri-reference`, `iri`, `iri-reference`) or `ecma-regex`
//! (`regex`).

// The example above is a whole `build.rs`, so its `fn main` is the point, not noise.
#![allow(clippy::needless_doctest_main)]

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::emit::GeneratedFile;
use crate::error::{Error, Result};
use crate::{KotlinBuild, KotlinOptions, Options, RustOptions, Vocabulary};

// `Config::from_build_settings`: the settings `contractgen-build` sends the binary.
mod build_settings;

/// The Rust module directory under the output directory, unless [`Config::module_dir`] says
/// otherwise: `include!(concat!(env!("OUT_DIR"), "/contracts/lib.rs"))`.
pub const DEFAULT_MODULE_DIR: &str = "contracts";

/// Where each language's files sit inside one [`crate::generate`] call, before they are moved
/// to their own output directories. Fixed, so they cannot clash with user-chosen names.
const RUST_STAGE: &str = "rust";
const KOTLIN_STAGE: &str = "kotlin";

/// Generates code from a schema directory at build time.
///
/// Defaults: schemas from `schema` (relative to the build script's working directory, the
/// package root), Rust into `$OUT_DIR/contracts/`, no Kotlin, the schema directory's own
/// `contractgen.json`, and `cargo:rerun-if-changed` lines printed for every input.
#[derive(Debug, Clone)]
pub struct Config {
    schema_dir: PathBuf,
    out_dir: Option<PathBuf>,
    module_dir: String,
    rust: bool,
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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            schema_dir: PathBuf::from("schema"),
            out_dir: None,
            module_dir: DEFAULT_MODULE_DIR.to_string(),
            rust: true,
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
        }
    }
}

/// `note` as the line that shows it among cargo's warnings: one line, naming the generator.
fn warning_line(note: &str) -> String {
    format!(
        "cargo:warning=contractgen: {}",
        note.replace(['\r', '\n'], " ")
    )
}

/// What [`Config::generate`] wrote and read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The Rust module directory (holding `lib.rs`), when Rust was generated.
    pub rust_dir: Option<PathBuf>,
    /// The Kotlin output directory, when Kotlin was generated.
    pub kotlin_dir: Option<PathBuf>,
    /// Every generated file, in generation order.
    pub files: Vec<PathBuf>,
    /// How many of `files` were created or changed (the others were already up to date).
    pub changed: usize,
    /// Files in the Rust module directory that generation no longer produces, now deleted.
    pub removed: Vec<PathBuf>,
    /// Every file read: schema files (including those reached only through `$ref`) and the
    /// settings file.
    pub inputs: Vec<PathBuf>,
    /// The `cargo:rerun-if-changed=` lines for `inputs` and the schema directory, whether or
    /// not they were printed.
    pub rerun_if_changed: Vec<String>,
    /// What the generator had to say about its output, one sentence each: that prettyplease
    /// laid out Rust files because rustfmt could not be started or refused one (which
    /// `contractgen generate` prints as `warning:`). Printed as `cargo:warning=` lines with the
    /// rerun lines; empty when rustfmt formatted every file.
    pub notes: Vec<String>,
}

impl Written {
    /// [`Written::notes`] as the `cargo:warning=` lines a build script prints.
    pub fn warning_lines(&self) -> Vec<String> {
        self.notes.iter().map(|note| warning_line(note)).collect()
    }
}

impl Config {
    /// A configuration with the defaults described on [`Config`].
    pub fn new() -> Self {
        Config::default()
    }

    /// The directory of `<contract>/<message>.schema.json` files (default `schema`).
    pub fn schema_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.schema_dir = dir.into();
        self
    }

    /// Where to write instead of `OUT_DIR` (needed outside a build script).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The directory under the output directory that receives the Rust modules (default
    /// `contracts`). The generator owns it: files it no longer produces are deleted.
    pub fn module_dir(&mut self, name: impl Into<String>) -> &mut Self {
        self.module_dir = name.into();
        self
    }

    /// Whether to generate Rust (on by default).
    pub fn rust(&mut self, enabled: bool) -> &mut Self {
        self.rust = enabled;
        self
    }

    /// Also generate Kotlin, into this directory (not under `OUT_DIR`: a Kotlin build reads it).
    pub fn kotlin_out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.kotlin_out_dir = Some(dir.into());
        self
    }

    /// The Kotlin package that holds one sub-package per contract (default `contracts`).
    pub fn kotlin_package(&mut self, package: impl Into<String>) -> &mut Self {
        self.kotlin_package = Some(package.into());
        self
    }

    /// The Kotlin project's Maven coordinates and toolchain levels, in place of the settings
    /// file's `kotlin` section (without either: groupId the package, artifactId its last
    /// segment, version `0.1.0`, JVM target `1.8`, Kotlin `2.1`). A value Maven or the
    /// compiler would refuse is an error naming its key.
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

    /// Puts an attribute on the generated Rust types `path` names, as prost-build's
    /// `type_attribute`: `"."` is every type; `get_session_token` a contract,
    /// `get_session_token.request` a message (every type of its module), `shared.money` a shared
    /// schema file; `get_session_token.request.Payload` one type (module segments, then the
    /// type's Rust name). Call it once per attribute, e.g. `#[derive(Eq, Hash)]` or
    /// `#[non_exhaustive]` (not `#[serde(...)]`: the wire shape is the schema's, and decoding is
    /// generated); it must hold for every type it reaches (an `Eq` derive
    /// needs every field to be `Eq`: JSON numbers and values are, `f64` is not used).
    ///
    /// A path that names nothing generated, or a string that is not one Rust attribute, is an
    /// error naming it.
    pub fn type_attribute(
        &mut self,
        path: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        self.type_attributes.push((path.into(), attribute.into()));
        self
    }

    /// Puts an attribute on the struct fields `path` names, as prost-build's
    /// `field_attribute`: a type path (see [`Config::type_attribute`]) then the property name as
    /// the schema writes it (`get_session_token.request.Payload.action`); a shorter path covers
    /// every field below it. Checked as `type_attribute` is.
    pub fn field_attribute(
        &mut self,
        path: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        self.field_attributes.push((path.into(), attribute.into()));
        self
    }

    /// Whether generated types derive `schemars::JsonSchema` (for API docs; each message's
    /// `derived_schema()`), in place of the settings file's `rust.schemars` (default `true`).
    /// Off, the output names no `schemars` at all (a build.rs user then also turns off the
    /// runtime's default `schemars` feature: `default-features = false`).
    pub fn schemars(&mut self, enabled: bool) -> &mut Self {
        self.schemars = Some(enabled);
        self
    }

    /// The Rust path the generated code names the runtime by (default `::contractgen_runtime`),
    /// as prost-build's `prost_path`: for a crate that renames its `contractgen-runtime`
    /// dependency or reaches it through a re-export (`::my_sdk::contractgen_runtime`). A string
    /// that is not a Rust path is an error.
    pub fn runtime_crate(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime_crate = Some(path.into());
        self
    }

    /// Whether to print `cargo:rerun-if-changed` lines, and each of [`Written::notes`] as a
    /// `cargo:warning=` line (on by default; tests turn it off and read [`Written`]).
    pub fn emit_rerun_if_changed(&mut self, enabled: bool) -> &mut Self {
        self.emit_rerun_if_changed = enabled;
        self
    }

    /// Generates every configured language and writes the files whose contents changed.
    pub fn generate(&self) -> Result<Written> {
        if !self.rust && self.kotlin_out_dir.is_none() {
            return Err(Error::Config(
                "contractgen::Config: nothing to generate (Rust is off and no Kotlin output directory is set)"
                    .to_string(),
            ));
        }
        let rust_dir = if self.rust {
            check_module_dir(&self.module_dir)?;
            Some(self.resolve_out_dir()?.join(&self.module_dir))
        } else {
            None
        };
        let generation = crate::generate(&self.options())?;
        let (rust_files, kotlin_files) = split_by_language(generation.files)?;

        let mut files = Vec::new();
        let mut changed = 0;
        let mut removed = Vec::new();
        if let Some(dir) = &rust_dir {
            changed += crate::output::write_all(dir, &rust_files)?;
            files.extend(rust_files.iter().map(|f| dir.join(&f.path)));
            removed = remove_stale(dir, &files)?;
        }
        if let Some(dir) = &self.kotlin_out_dir {
            changed += crate::output::write_all(dir, &kotlin_files)?;
            files.extend(kotlin_files.iter().map(|f| dir.join(&f.path)));
        }

        let inputs = dedup(generation.inputs);
        let rerun_if_changed = self.rerun_lines(&inputs);
        let notes = generation.notes;
        if self.emit_rerun_if_changed {
            for line in &rerun_if_changed {
                println!("{line}");
            }
            for note in &notes {
                println!("{}", warning_line(note));
            }
        }
        Ok(Written {
            rust_dir,
            kotlin_dir: self.kotlin_out_dir.clone(),
            files,
            changed,
            removed,
            inputs,
            rerun_if_changed,
            notes,
        })
    }

    /// The generator options this configuration stands for, with each language staged in a
    /// fixed directory.
    fn options(&self) -> Options {
        let rust = self.rust.then(|| {
            let mut rust = RustOptions {
                crate_dir: RUST_STAGE.to_string(),
                cargo_toml: false,
                type_path_attributes: self.type_attributes.clone(),
                field_attributes: self.field_attributes.clone(),
                schemars: self.schemars,
                ..RustOptions::default()
            };
            if let Some(path) = &self.runtime_crate {
                rust.runtime_crate = path.clone();
            }
            rust
        });
        let kotlin = self.kotlin_out_dir.as_ref().map(|_| {
            let mut kotlin = KotlinOptions {
                project_dir: KOTLIN_STAGE.to_string(),
                build: self.kotlin_build.clone().unwrap_or_default(),
                ..KotlinOptions::default()
            };
            if let Some(package) = &self.kotlin_package {
                kotlin.base_package = package.clone();
            }
            kotlin
        });
        Options {
            schema_dir: self.schema_dir.clone(),
            vocabulary: self.vocabulary,
            uri_prefixes: self.uri_prefixes.clone(),
            rust,
            kotlin,
            kotlin_build_from_settings: self.kotlin_build.is_none(),
        }
    }

    /// One line per input, and one for the schema directory: cargo then also reruns when a
    /// file appears there (a new contract).
    fn rerun_lines(&self, inputs: &[PathBuf]) -> Vec<String> {
        inputs
            .iter()
            .map(PathBuf::as_path)
            .chain([self.schema_dir.as_path()])
            .map(|path| format!("cargo:rerun-if-changed={}", path.display()))
            .collect()
    }

    fn resolve_out_dir(&self) -> Result<PathBuf> {
        match (&self.out_dir, std::env::var_os("OUT_DIR")) {
            (Some(dir), _) => Ok(dir.clone()),
            (None, Some(dir)) => Ok(PathBuf::from(dir)),
            (None, None) => Err(Error::Config(
                "OUT_DIR is not set: outside a build script, give contractgen::Config an out_dir"
                    .to_string(),
            )),
        }
    }
}

/// Generates Rust from `schema_dir` into `$OUT_DIR/contracts/` with the defaults: the one call a
/// typical `build.rs` needs.
pub fn compile_schemas(schema_dir: impl Into<PathBuf>) -> Result<Written> {
    Config::new().schema_dir(schema_dir).generate()
}

/// Splits one generation's files by the staging directory of their language, relative to it.
fn split_by_language(
    files: Vec<GeneratedFile>,
) -> Result<(Vec<GeneratedFile>, Vec<GeneratedFile>)> {
    let mut rust = Vec::new();
    let mut kotlin = Vec::new();
    for file in files {
        let (path, language) = if let Ok(rest) = file.path.strip_prefix(RUST_STAGE) {
            (rest.to_path_buf(), &mut rust)
        } else if let Ok(rest) = file.path.strip_prefix(KOTLIN_STAGE) {
            (rest.to_path_buf(), &mut kotlin)
        } else {
            return Err(Error::Config(format!(
                "internal error: generated file {} is outside the language directories; please report this",
                file.path.display()
            )));
        };
        language.push(GeneratedFile {
            path,
            contents: file.contents,
        });
    }
    Ok((rust, kotlin))
}

/// The module directory is deleted from when files go stale, so it must stay inside the
/// output directory and never be the output directory itself.
fn check_module_dir(name: &str) -> Result<()> {
    let path = Path::new(name);
    let inside = path.components().next().is_some()
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if inside {
        Ok(())
    } else {
        Err(Error::Config(format!(
            "contractgen::Config: module_dir \"{name}\" must be a relative directory below the output directory"
        )))
    }
}

/// Keeps the first occurrence of each path.
fn dedup(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = BTreeSet::new();
    paths
        .into_iter()
        .filter(|p| seen.insert(p.clone()))
        .collect()
}

/// Deletes files under `dir` that are not in `keep`, then directories left empty: a contract
/// removed from the schemas must not leave its module behind.
fn remove_stale(dir: &Path, keep: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let keep: BTreeSet<&Path> = keep.iter().map(PathBuf::as_path).collect();
    let mut removed = Vec::new();
    remove_stale_in(dir, &keep, &mut removed)?;
    Ok(removed)
}

fn remove_stale_in(dir: &Path, keep: &BTreeSet<&Path>, removed: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths = Vec::new();
    for entry in entries {
        paths.push(entry.map_err(|e| Error::io(dir, e))?.path());
    }
    paths.sort();
    for path in paths {
        if path.is_dir() {
            remove_stale_in(&path, keep, removed)?;
            let empty = std::fs::read_dir(&path)
                .map_err(|e| Error::io(&path, e))?
                .next()
                .is_none();
            if empty {
                std::fs::remove_dir(&path).map_err(|e| Error::io(&path, e))?;
            }
        } else if !keep.contains(path.as_path()) {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            removed.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {

    #[test]
    fn type_attributes_reach_every_type_and_bad_ones_are_refused() {
        let out = tempfile::tempdir().unwrap();
        let written = Config::new()
            .schema_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema"))
            .out_dir(out.path())
            .type_attribute(".", "#[derive(Eq)]")
            .emit_rerun_if_changed(false)
            .generate()
            .unwrap();
        let request = written
            .files
            .iter()
            .find(|f| f.ends_with("get_session_token/request.rs"))
            .map(|f| std::fs::read_to_string(f).unwrap())
            .unwrap();
        let types = request.matches("pub struct ").count();
        assert!(types >= 3, "{request}");
        // rustfmt merges the attribute into the generated derive list.
        assert_eq!(
            request.matches("Eq, Debug, Clone").count(),
            types,
            "{request}"
        );

        let err = Config::new()
            .schema_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema"))
            .out_dir(out.path())
            .type_attribute(".", "derive(Eq)")
            .emit_rerun_if_changed(false)
            .generate()
            .unwrap_err();
        assert!(err.to_string().contains("not one Rust attribute"), "{err}");
    }

    #[test]
    fn a_message_path_puts_the_attribute_on_that_message_only() {
        let out = tempfile::tempdir().unwrap();
        let generate = |types: &[(&str, &str)], fields: &[(&str, &str)]| {
            let mut config = Config::new();
            config
                .schema_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema"))
                .out_dir(out.path())
                .emit_rerun_if_changed(false);
            for (path, attribute) in types {
                config.type_attribute(*path, *attribute);
            }
            for (path, attribute) in fields {
                config.field_attribute(*path, *attribute);
            }
            config.generate()
        };
        let written = generate(&[("get_session_token.request", "#[derive(Eq)]")], &[]).unwrap();
        let read = |name: &str| {
            written
                .files
                .iter()
                .find(|f| f.ends_with(name))
                .map(|f| std::fs::read_to_string(f).unwrap())
                .unwrap()
        };
        let request = read("get_session_token/request.rs");
        let types = request.matches("pub struct ").count();
        assert_eq!(
            request.matches("Eq, Debug, Clone").count(),
            types,
            "{request}"
        );
        assert!(!read("get_session_token/response.rs").contains("Eq, Debug, Clone"));

        // A path naming one type puts the attribute on that type alone; a field path on that
        // field alone.
        let written = generate(
            &[("get_session_token.request.Payload", "#[derive(Eq)]")],
            &[(
                "get_session_token.request.Payload.action",
                "#[doc(alias = \"op\")]",
            )],
        )
        .unwrap();
        let request = written
            .files
            .iter()
            .find(|f| f.ends_with("get_session_token/request.rs"))
            .map(|f| std::fs::read_to_string(f).unwrap())
            .unwrap();
        assert_eq!(request.matches("Eq, Debug, Clone").count(), 1, "{request}");
        let (eq_at, payload_at) = (
            request.find("Eq, Debug, Clone").unwrap(),
            request.find("pub struct Payload").unwrap(),
        );
        // No other type starts between the derive and Payload: the derive is Payload's.
        assert!(eq_at < payload_at, "{request}");
        assert!(
            !request[eq_at..payload_at].contains("pub struct"),
            "{request}"
        );
        assert_eq!(
            request.matches("#[doc(alias = \"op\")]").count(),
            1,
            "{request}"
        );
        let alias_at = request.find("#[doc(alias = \"op\")]").unwrap();
        assert!(
            request[alias_at..]
                .trim_start_matches("#[doc(alias = \"op\")]")
                .trim_start()
                .starts_with("pub action"),
            "{request}"
        );
        let err = generate(&[("get_session_token.reqest", "#[derive(Eq)]")], &[])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("\"get_session_token.reqest\" names no"),
            "{err}"
        );
    }

    #[test]
    fn schemars_off_leaves_every_derive_out_from_code_and_from_the_settings_file() {
        let schemas = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(schemas.path().join("pay")).unwrap();
        std::fs::write(
            schemas.path().join("pay/request.schema.json"),
            r#"{"type": "object", "properties": {"amount": {"type": "string"},
                "at": {"type": ["integer", "null"]}, "kind": {"enum": ["a", "b"]}}}"#,
        )
        .unwrap();
        let out = tempfile::tempdir().unwrap();
        // Every generated file's text, joined.
        let generate = |schemars: Option<bool>| {
            let mut config = Config::new();
            config
                .schema_dir(schemas.path())
                .out_dir(out.path())
                .emit_rerun_if_changed(false);
            if let Some(enabled) = schemars {
                config.schemars(enabled);
            }
            let written = config.generate().unwrap();
            let texts: Vec<String> = written
                .files
                .iter()
                .map(|f| std::fs::read_to_string(f).unwrap())
                .collect();
            texts.join("\n")
        };
        assert!(generate(None).contains("::schemars::JsonSchema"));
        let off = generate(Some(false));
        assert!(!off.contains("schemars"), "{off}");
        assert!(off.contains("pub fn validate_typed("), "{off}");

        std::fs::write(
            schemas.path().join(crate::discover::SETTINGS_FILE),
            r#"{"rust": {"schemars": false}}"#,
        )
        .unwrap();
        assert!(!generate(None).contains("schemars"));
        // The setting in code wins over the file.
        assert!(generate(Some(true)).contains("derived_schema"));
    }

    #[test]
    fn runtime_crate_renames_every_runtime_path() {
        let out = tempfile::tempdir().unwrap();
        let generate = |path: &str| {
            Config::new()
                .schema_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema"))
                .out_dir(out.path())
                .runtime_crate(path)
                .emit_rerun_if_changed(false)
                .generate()
        };
        let written = generate("::my_sdk::runtime").unwrap();
        let read = |name: &str| {
            written
                .files
                .iter()
                .find(|f| f.ends_with(name))
                .map(|f| std::fs::read_to_string(f).unwrap())
                .unwrap()
        };
        let request = read("get_session_token/request.rs");
        assert!(request.contains("use ::my_sdk::runtime::__private as support;"));
        assert!(request.contains("::my_sdk::runtime::EmbeddedJson<SignaturePayload>"));
        assert!(read("lib.rs").contains("::my_sdk::runtime::ValidationErrors>"));
        for file in &written.files {
            let text = std::fs::read_to_string(file).unwrap();
            assert!(!text.contains("contractgen_runtime"), "{}", file.display());
        }

        let err = generate("my sdk").unwrap_err();
        assert!(err.to_string().contains("is not a Rust path"), "{err}");
    }
    use super::*;

    fn repo_schema() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema")
    }

    fn quiet(out: &Path) -> Config {
        let mut config = Config::new();
        config
            .schema_dir(repo_schema())
            .out_dir(out)
            .emit_rerun_if_changed(false);
        config
    }

    #[test]
    fn writes_the_module_tree_under_the_module_dir() {
        let out = tempfile::tempdir().unwrap();
        let written = quiet(out.path()).generate().unwrap();
        let dir = out.path().join(DEFAULT_MODULE_DIR);
        assert_eq!(written.rust_dir.as_deref(), Some(dir.as_path()));
        for file in [
            "lib.rs",
            "get_session_token/mod.rs",
            "get_session_token/request.rs",
            "get_session_token/response.rs",
        ] {
            assert!(dir.join(file).is_file(), "{file} missing");
            assert!(written.files.contains(&dir.join(file)), "{file} not listed");
        }
        assert!(!dir.join("Cargo.toml").exists());
        assert_eq!(written.changed, written.files.len());
        assert!(written.kotlin_dir.is_none());
    }

    #[test]
    fn a_second_run_writes_nothing() {
        let out = tempfile::tempdir().unwrap();
        quiet(out.path()).generate().unwrap();
        let lib = out.path().join("contracts/lib.rs");
        let before = std::fs::metadata(&lib).unwrap().modified().unwrap();
        let again = quiet(out.path()).generate().unwrap();
        assert_eq!(again.changed, 0);
        assert_eq!(std::fs::metadata(&lib).unwrap().modified().unwrap(), before);
    }

    #[test]
    fn module_dir_renames_the_output_and_must_stay_inside() {
        let out = tempfile::tempdir().unwrap();
        quiet(out.path())
            .module_dir("api/payloads")
            .generate()
            .unwrap();
        assert!(out.path().join("api/payloads/lib.rs").is_file());
        for bad in ["", "..", "../x", "/abs"] {
            let err = quiet(out.path())
                .module_dir(bad)
                .generate()
                .unwrap_err()
                .to_string();
            assert!(err.contains("module_dir"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn vocabulary_overrides_the_settings_file() {
        let out = tempfile::tempdir().unwrap();
        quiet(out.path())
            .vocabulary(Vocabulary {
                assert_format: false,
                ..Vocabulary::default()
            })
            .generate()
            .unwrap();
        let lib = std::fs::read_to_string(out.path().join("contracts/lib.rs")).unwrap();
        assert!(
            lib.contains("pub const ASSERT_FORMAT: bool = false;"),
            "{lib}"
        );
    }

    #[test]
    fn stale_files_in_the_module_dir_are_removed() {
        let out = tempfile::tempdir().unwrap();
        let stale = out.path().join("contracts/old_contract/request.rs");
        std::fs::create_dir_all(stale.parent().unwrap()).unwrap();
        std::fs::write(&stale, "// gone\n").unwrap();
        let written = quiet(out.path()).generate().unwrap();
        assert_eq!(written.removed, std::slice::from_ref(&stale));
        assert!(!stale.exists());
        assert!(!out.path().join("contracts/old_contract").exists());
    }

    #[test]
    fn a_note_is_one_warning_line_naming_the_generator() {
        assert_eq!(
            warning_line("rustfmt refused a.rs (error:\nexpected item): prettyplease laid it out"),
            "cargo:warning=contractgen: rustfmt refused a.rs (error: expected item): prettyplease laid it out"
        );
    }

    #[test]
    fn rerun_lines_cover_every_input_and_the_schema_dir() {
        let out = tempfile::tempdir().unwrap();
        let written = quiet(out.path()).generate().unwrap();
        // rustfmt formatted every file, so the generator has nothing to say.
        assert!(written.notes.is_empty(), "{:?}", written.notes);
        let schema = repo_schema();
        for input in [
            schema.join("get_session_token/request.schema.json"),
            schema.join("get_session_token/response.schema.json"),
            schema.join("contractgen.json"),
        ] {
            assert!(written.inputs.contains(&input), "{}", input.display());
        }
        let expected: Vec<String> = written
            .inputs
            .iter()
            .chain([&schema])
            .map(|p| format!("cargo:rerun-if-changed={}", p.display()))
            .collect();
        assert_eq!(written.rerun_if_changed, expected);
    }

    #[test]
    fn out_dir_defaults_to_the_environment() {
        // Only the error path is checked: setting OUT_DIR here would race other tests.
        if std::env::var_os("OUT_DIR").is_none() {
            let err = Config::new()
                .schema_dir(repo_schema())
                .emit_rerun_if_changed(false)
                .generate()
                .unwrap_err()
                .to_string();
            assert!(err.contains("OUT_DIR"), "{err}");
        }
    }

    #[test]
    fn kotlin_only_goes_to_its_own_directory() {
        let out = tempfile::tempdir().unwrap();
        let kotlin = out.path().join("kotlin-out");
        let written = quiet(out.path())
            .rust(false)
            .kotlin_out_dir(&kotlin)
            .kotlin_package("com.example.contracts")
            .generate()
            .unwrap();
        assert!(written.rust_dir.is_none());
        assert_eq!(written.kotlin_dir.as_deref(), Some(kotlin.as_path()));
        assert!(!out.path().join(DEFAULT_MODULE_DIR).exists());
        assert!(written.files.iter().all(|f| f.starts_with(&kotlin)));

        let err = quiet(out.path()).rust(false).generate().unwrap_err();
        assert!(err.to_string().contains("nothing to generate"), "{err}");

        let built = out.path().join("kotlin-built");
        quiet(out.path())
            .rust(false)
            .kotlin_out_dir(&built)
            .kotlin_build(KotlinBuild {
                artifact: Some("payments".to_string()),
                version: "2.0.0".to_string(),
                ..KotlinBuild::default()
            })
            .generate()
            .unwrap();
        let pom = std::fs::read_to_string(built.join("pom.xml")).unwrap();
        assert!(pom.contains("<artifactId>payments</artifactId>"), "{pom}");
        assert!(pom.contains("<version>2.0.0</version>"), "{pom}");
        assert!(built
            .join("src/main/resources/META-INF/proguard/payments.pro")
            .is_file());
    }

    #[test]
    fn the_settings_files_kotlin_section_applies_unless_kotlin_build_is_given() {
        let schemas = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(schemas.path().join("pay")).unwrap();
        std::fs::write(
            schemas.path().join("pay/request.schema.json"),
            r#"{"type": "object"}"#,
        )
        .unwrap();
        std::fs::write(
            schemas.path().join(crate::discover::SETTINGS_FILE),
            r#"{"kotlin": {"artifact": "from-settings", "version": "3.0.0"}}"#,
        )
        .unwrap();
        let out = tempfile::tempdir().unwrap();
        let pom = |config: &mut Config, dir: &str| {
            let kotlin = out.path().join(dir);
            config
                .schema_dir(schemas.path())
                .rust(false)
                .kotlin_out_dir(&kotlin)
                .emit_rerun_if_changed(false)
                .generate()
                .unwrap();
            std::fs::read_to_string(kotlin.join("pom.xml")).unwrap()
        };
        let from_settings = pom(&mut Config::new(), "settings");
        assert!(from_settings.contains("<artifactId>from-settings</artifactId>"));
        assert!(from_settings.contains("<version>3.0.0</version>"));
        // The builder's build is the whole build: nothing of the section is mixed in.
        let given = pom(
            Config::new().kotlin_build(KotlinBuild {
                artifact: Some("given".to_string()),
                ..KotlinBuild::default()
            }),
            "given",
        );
        assert!(given.contains("<artifactId>given</artifactId>"), "{given}");
        assert!(given.contains("<version>0.1.0</version>"), "{given}");
    }

    #[test]
    fn schema_errors_name_the_file_and_pointer() {
        let schemas = tempfile::tempdir().unwrap();
        let contract = schemas.path().join("broken");
        std::fs::create_dir_all(&contract).unwrap();
        std::fs::write(
            contract.join("request.schema.json"),
            r##"{"type": "object", "properties": {"a": {"$ref": "#/$defs/Missing"}}}"##,
        )
        .unwrap();
        let out = tempfile::tempdir().unwrap();
        let err = Config::new()
            .schema_dir(schemas.path())
            .out_dir(out.path())
            .emit_rerun_if_changed(false)
            .generate()
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("broken/request.schema.json#/properties/a"),
            "{err}"
        );
        assert!(!out.path().join(DEFAULT_MODULE_DIR).exists());
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let config = Config::new();
        assert!(config.rust && config.emit_rerun_if_changed);
        assert_eq!(config.module_dir, DEFAULT_MODULE_DIR);
        assert_eq!(config.schema_dir, Path::new("schema"));
        assert!(config.kotlin_out_dir.is_none() && config.out_dir.is_none());
    }
}
