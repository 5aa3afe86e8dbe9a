//! Which rules `validate` applies: the same `contractgen.json` that `generate` reads from the
//! schema directory, a file named with `--settings`, and flags over either. The rules in force
//! are printed whenever they are not the defaults, and so is a missing settings file, so a
//! schema copied out of its folder never loses format or content assertion silently.

use std::path::{Path, PathBuf};

use contractgen::discover::SETTINGS_FILE;
use contractgen::settings::read_settings_file;
use contractgen::Vocabulary;

/// What the command line says about settings.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub settings: Option<PathBuf>,
    pub assert_format: Option<bool>,
    pub assert_content: Option<bool>,
}

impl Overrides {
    fn any_flag(&self) -> bool {
        self.assert_format.is_some() || self.assert_content.is_some()
    }
}

/// The rules in force and where they came from.
#[derive(Debug, Clone)]
pub struct Settings {
    pub vocabulary: Vocabulary,
    /// The settings file read, or `None` when there was none to read.
    pub file: Option<PathBuf>,
    /// Where a settings file was looked for and not found.
    pub missing: Option<PathBuf>,
    pub flags: bool,
}

/// Reads `--settings FILE`, or `<schema_dir>/contractgen.json` when it exists, then applies
/// the flags.
pub fn resolve(schema_dir: &Path, overrides: &Overrides) -> contractgen::Result<Settings> {
    let (mut vocabulary, file, missing) = match &overrides.settings {
        Some(path) => (
            read_settings_file(path)?.vocabulary,
            Some(path.clone()),
            None,
        ),
        None => {
            let path = schema_dir.join(SETTINGS_FILE);
            if path.exists() {
                (read_settings_file(&path)?.vocabulary, Some(path), None)
            } else {
                (Vocabulary::default(), None, Some(path))
            }
        }
    };
    if let Some(on) = overrides.assert_format {
        vocabulary.assert_format = on;
    }
    if let Some(on) = overrides.assert_content {
        vocabulary.assert_content = on;
    }
    Ok(Settings {
        vocabulary,
        file,
        missing,
        flags: overrides.any_flag(),
    })
}

impl Settings {
    /// The lines to print on stderr: none when a settings file gave exactly the defaults.
    pub fn notice(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(path) = &self.missing {
            lines.push(format!(
                "note: no settings file at {}; pass --settings FILE or --assert-format / --assert-content to change the rules",
                path.display()
            ));
        }
        if self.missing.is_some() || self.vocabulary != Vocabulary::default() {
            lines.push(format!("note: {}", self.describe()));
        }
        lines
    }

    /// `formats asserted, content not asserted (from schema/contractgen.json)`.
    pub fn describe(&self) -> String {
        let word = |on: bool| if on { "asserted" } else { "not asserted" };
        let mut from = Vec::new();
        match &self.file {
            Some(path) => from.push(path.display().to_string()),
            None => from.push("defaults".to_string()),
        }
        if self.flags {
            from.push("flags".to_string());
        }
        format!(
            "formats {}, content {} (from {})",
            word(self.vocabulary.assert_format),
            word(self.vocabulary.assert_content),
            from.join(" and ")
        )
    }
}
