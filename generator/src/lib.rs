//! contractgen: one JSON Schema (draft 2020-12) per payload in, Rust and Kotlin types and
//! validators out.
//!
//! The pipeline reads top to bottom: [`discover`] finds `<contract>/<message>.schema.json`
//! files (and [`settings`] reads `contractgen.json` beside them), [`schema`] loads them and resolves `$ref`s, [`lower`] turns all messages into the
//! language-neutral [`ir`] (one type space for the run), and [`emit`] renders that IR per
//! language. Generation returns files
//! in memory; the CLI, `--check` and the build-script API ([`Config`]) decide what to write.
//!
//! # Generating at build time
//!
//! A `build.rs` generates the Rust modules into `OUT_DIR` (see [`config`] for the `build.rs`
//! that reports schema errors); here the output directory is explicit so the example runs
//! anywhere:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let out = tempfile::tempdir()?;
//! let written = contractgen::Config::new()
//!     .schema_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema"))
//!     .out_dir(out.path())
//!     .emit_rerun_if_changed(false)
//!     .generate()?;
//!
//! // `include!(concat!(env!("OUT_DIR"), "/contracts/lib.rs"))` picks this tree up.
//! let lib = out.path().join("contracts/lib.rs");
//! assert!(written.files.contains(&lib));
//! assert!(std::fs::read_to_string(&lib)?.contains("pub mod get_session_token;"));
//! // In a build script these lines go to cargo, so editing any schema reruns it.
//! assert!(written
//!     .rerun_if_changed
//!     .iter()
//!     .any(|line| line.ends_with("get_session_token/response.schema.json")));
//! # Ok(())
//! # }
//! ```

pub mod config;
pub mod discover;
pub mod emit;
pub mod error;
pub mod ir;
pub mod lower;
pub mod messages;
pub mod output;
#[cfg(feature = "reference")]
pub mod reference;
#[cfg(feature = "reference")]
mod reference_content;
#[cfg(feature = "reference")]
mod reference_messages;
#[cfg(feature = "reference")]
mod reference_retriever;
pub mod regex;
pub mod schema;
pub mod settings;

use std::path::{Path, PathBuf};

pub use config::{compile_schemas, Config};
pub use emit::kotlin::{KotlinBuild, KotlinOptions};
pub use emit::rust::RustOptions;
pub use emit::GeneratedFile;
pub use error::{Error, Location, Result};
pub use ir::Vocabulary;

/// What to generate, from where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The directory holding `<contract>/<message>.schema.json` files.
    pub schema_dir: PathBuf,
    /// Overrides the settings file (`contractgen.json`) of the schema directory.
    pub vocabulary: Option<Vocabulary>,
    /// URI prefixes served from local directories, for `$ref`s to shared schemas by URI.
    pub uri_prefixes: Vec<(String, PathBuf)>,
    pub rust: Option<RustOptions>,
    pub kotlin: Option<KotlinOptions>,
    /// Whether the settings file's `kotlin` section applies over [`KotlinOptions::build`]
    /// (what [`Options::new`] says, and the CLI); `false` takes that build as given, as
    /// `Config::kotlin_build` does.
    pub kotlin_build_from_settings: bool,
}

impl Options {
    /// Rust and Kotlin from `schema_dir`, with the directory's own settings.
    pub fn new(schema_dir: impl Into<PathBuf>) -> Self {
        Options {
            schema_dir: schema_dir.into(),
            vocabulary: None,
            uri_prefixes: Vec::new(),
            rust: Some(RustOptions::default()),
            kotlin: Some(KotlinOptions::default()),
            kotlin_build_from_settings: true,
        }
    }

    /// Whether generating needs the settings file: for what `vocabulary` or `kotlin` leave to it.
    fn reads_settings(&self) -> bool {
        self.vocabulary.is_none()
            || (self.kotlin.is_some() && self.kotlin_build_from_settings)
            || self
                .rust
                .as_ref()
                .is_some_and(|rust| rust.schemars.is_none())
    }
}

/// The lowered contracts and every file read to produce them.
pub struct Loaded {
    pub contracts: ir::Contracts,
    pub vocabulary: Vocabulary,
    /// The settings file's `kotlin` section, when it has one and the options leave it a say.
    pub kotlin_settings: Option<settings::KotlinSettings>,
    /// The settings file's `rust` section, when it has one.
    pub rust_settings: Option<settings::RustSettings>,
    /// Schema files and the settings file, including files reached only through `$ref`.
    pub inputs: Vec<PathBuf>,
}

/// The result of a generation: files relative to the output directory, the inputs read, and
/// notes a user should see.
pub struct Generation {
    pub files: Vec<GeneratedFile>,
    pub inputs: Vec<PathBuf>,
    /// Sentences about output that is not what `cargo fmt` would leave: rustfmt was missing,
    /// or refused a file, and prettyplease laid it out. Empty in a normal run; the command
    /// prints each as a warning, since checked-in files laid out that way differ from
    /// rustfmt's.
    pub notes: Vec<String>,
}

/// Loads and lowers every contract under the schema directory.
pub fn load(options: &Options) -> Result<Loaded> {
    let dir = &options.schema_dir;
    if !dir.is_dir() {
        return Err(Error::Config(format!(
            "{}: schema directory not found",
            dir.display()
        )));
    }
    let files = discover::discover(dir)?;
    let file = if options.reads_settings() {
        settings::read_settings(dir)?
    } else {
        settings::Settings::default()
    };
    let vocabulary = options.vocabulary.unwrap_or(file.vocabulary);
    let kotlin_settings = file.kotlin.filter(|_| options.kotlin_build_from_settings);
    let rust_settings = file.rust;
    let mut registry = schema::Registry::new();
    registry.set_schema_dir(dir);
    registry.add_metaschemas()?;
    for (prefix, local) in &options.uri_prefixes {
        registry.map_prefix(prefix, local);
    }
    let mut docs = Vec::new();
    for file in &files {
        docs.push(registry.load_file(&file.path, &file.display)?);
    }
    // Shared files too, so a `$ref` by their `$id` resolves (not only a relative file path).
    for (path, display) in discover::shared_files(dir, &files)? {
        registry.load_file(&path, &display)?;
    }
    let contracts = lower::lower_contracts(&mut registry, vocabulary, &files, &docs)?;
    let mut inputs: Vec<PathBuf> = registry.files().map(Path::to_path_buf).collect();
    let settings = dir.join(discover::SETTINGS_FILE);
    if settings.exists() {
        inputs.push(settings);
    }
    Ok(Loaded {
        contracts,
        vocabulary,
        kotlin_settings,
        rust_settings,
        inputs,
    })
}

/// Generates every configured language in memory.
pub fn generate(options: &Options) -> Result<Generation> {
    let loaded = load(options)?;
    // The Rust files are formatted by rustfmt processes while the Kotlin files are printed.
    let rust = match &options.rust {
        Some(rust) => {
            // A setting given in code wins over the settings file's `rust` section.
            let from_file = loaded.rust_settings.as_ref().and_then(|r| r.schemars);
            let rust = &RustOptions {
                schemars: rust.schemars.or(from_file),
                ..rust.clone()
            };
            Some(emit::rust::emit(
                &loaded.contracts,
                loaded.vocabulary,
                rust,
            )?)
        }
        None => None,
    };
    let kotlin = options.kotlin.as_ref().map(|kotlin| {
        let kotlin = match &loaded.kotlin_settings {
            Some(section) => &KotlinOptions {
                build: section.over(&kotlin.build),
                ..kotlin.clone()
            },
            None => kotlin,
        };
        emit::kotlin::emit(&loaded.contracts, loaded.vocabulary, kotlin)
    });
    let mut files = Vec::new();
    let mut notes = Vec::new();
    // Rust's errors first, as when Rust was formatted before Kotlin was printed.
    if let Some(rust) = rust {
        let emitted = rust.finish()?;
        files.extend(emitted.files);
        notes.extend(emitted.notes);
    }
    if let Some(kotlin) = kotlin {
        files.extend(kotlin?);
    }
    Ok(Generation {
        files,
        inputs: loaded.inputs,
        notes,
    })
}
