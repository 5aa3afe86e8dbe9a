//! The settings file, `contractgen.json` in the schema directory: the vocabulary at its top
//! level (`assertFormat`, `assertContent`, as before there was anything else, so older files
//! read the same) and an optional `kotlin` section with the generated Maven project's
//! coordinates and levels, and an optional `rust` section (`schemars`). A bad entry is an error naming the file and the entry's JSON
//! pointer.

use std::path::Path;

use serde_json::{Map, Value};

use crate::discover::SETTINGS_FILE;
use crate::error::{json_type, Error, Location, Result};
use crate::{KotlinBuild, Vocabulary};

/// The key of the Kotlin section; every other top-level key but [`RUST`] is a vocabulary
/// setting.
const KOTLIN: &str = "kotlin";
/// The key of the Rust section.
const RUST: &str = "rust";

/// What a settings file holds; `{}` (or no file) is every default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub vocabulary: Vocabulary,
    /// The `kotlin` section, when the file has one.
    pub kotlin: Option<KotlinSettings>,
    /// The `rust` section, when the file has one.
    pub rust: Option<RustSettings>,
}

/// The `rust` section: settings of the generated Rust, each optional (`null` is the same as
/// leaving the key out). `Config::schemars` (or [`crate::RustOptions::schemars`]) given in
/// code wins over it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RustSettings {
    /// Whether generated types derive `schemars::JsonSchema` (default `true`).
    pub schemars: Option<bool>,
}

/// The `kotlin` section: the [`KotlinBuild`] values it names, each optional (`null` is the
/// same as leaving the key out). `contractgen generate` uses them unless a flag or
/// `Config::kotlin_build` gives the build itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KotlinSettings {
    pub group: Option<String>,
    pub artifact: Option<String>,
    pub version: Option<String>,
    pub jvm_target: Option<String>,
    pub language_version: Option<String>,
}

impl KotlinSettings {
    /// `base` with every value the section names put in its place.
    pub fn over(&self, base: &KotlinBuild) -> KotlinBuild {
        let mut build = base.clone();
        if self.group.is_some() {
            build.group.clone_from(&self.group);
        }
        if self.artifact.is_some() {
            build.artifact.clone_from(&self.artifact);
        }
        if let Some(version) = &self.version {
            build.version.clone_from(version);
        }
        if let Some(jvm_target) = &self.jvm_target {
            build.jvm_target.clone_from(jvm_target);
        }
        if let Some(language_version) = &self.language_version {
            build.language_version.clone_from(language_version);
        }
        build
    }
}

/// Reads `contractgen.json` from the schema directory; defaults when it is absent.
pub fn read_settings(dir: &Path) -> Result<Settings> {
    let path = dir.join(SETTINGS_FILE);
    if !path.exists() {
        return Ok(Settings::default());
    }
    read_settings_file(&path)
}

/// Reads one settings file; a missing file is an error naming it.
pub fn read_settings_file(path: &Path) -> Result<Settings> {
    // Malformed JSON is reported with its line and column; what follows checks the entries one
    // by one, so an error can name the entry by its pointer.
    let value: Value = crate::error::read_json_file(path)?;
    let root = Location::new(path.display().to_string(), "");
    let Value::Object(entries) = value else {
        return Err(Error::schema(
            &root,
            format!(
                "expected an object of settings, found {}",
                json_type(&value)
            ),
        ));
    };
    let mut vocabulary = Map::new();
    let mut kotlin = None;
    let mut rust = None;
    for (key, value) in entries {
        let location = root.join(&key);
        if key == KOTLIN {
            kotlin = Some(kotlin_section(&location, value)?);
        } else if key == RUST {
            rust = Some(rust_section(&location, value)?);
        } else {
            one_entry::<Vocabulary>(&location, &key, &value)?;
            vocabulary.insert(key, value);
        }
    }
    let vocabulary = serde_json::from_value(Value::Object(vocabulary))
        .map_err(|e| Error::schema(&root, e.to_string()))?;
    Ok(Settings {
        vocabulary,
        kotlin,
        rust,
    })
}

/// The `rust` object: each key known and of its type, the error naming the entry's pointer.
fn rust_section(location: &Location, value: Value) -> Result<RustSettings> {
    let Value::Object(entries) = value else {
        return Err(Error::schema(
            location,
            format!(
                "expected an object of Rust settings, found {}",
                json_type(&value)
            ),
        ));
    };
    for (key, value) in &entries {
        one_entry::<RustSettings>(&location.join(key), key, value)?;
    }
    serde_json::from_value(Value::Object(entries))
        .map_err(|e| Error::schema(location, e.to_string()))
}

/// The `kotlin` object: each key known and of its type, and each value one the generated
/// build accepts ([`KotlinBuild::check`], run on that value alone so the error names it).
fn kotlin_section(location: &Location, value: Value) -> Result<KotlinSettings> {
    let Value::Object(entries) = value else {
        return Err(Error::schema(
            location,
            format!(
                "expected an object of Kotlin build settings, found {}",
                json_type(&value)
            ),
        ));
    };
    for (key, value) in &entries {
        let location = location.join(key);
        let alone: KotlinSettings = one_entry(&location, key, value)?;
        if let Err(e) = alone.over(&KotlinBuild::default()).check() {
            // The check names the key as `kotlin.<key>`, which the pointer already says.
            let message = e.to_string();
            let prefix = format!("{KOTLIN}.{key}: ");
            let message = message.strip_prefix(&prefix).unwrap_or(&message);
            return Err(Error::schema(&location, message));
        }
    }
    serde_json::from_value(Value::Object(entries))
        .map_err(|e| Error::schema(location, e.to_string()))
}

/// `key: value` read on its own as a `T` whose every field is optional: an unknown key or a
/// value of the wrong type fails here, with serde's words (which list the known keys).
fn one_entry<T: serde::de::DeserializeOwned>(
    location: &Location,
    key: &str,
    value: &Value,
) -> Result<T> {
    let alone = Value::Object(Map::from_iter([(key.to_string(), value.clone())]));
    serde_json::from_value(alone).map_err(|e| Error::schema(location, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Settings> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SETTINGS_FILE), text).unwrap();
        read_settings(dir.path())
    }

    fn error(text: &str) -> String {
        match read(text) {
            Ok(settings) => panic!("{text}: read as {settings:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_settings_file_names_only_what_it_changes() {
        assert_eq!(read("{}").unwrap(), Settings::default());
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_settings(dir.path()).unwrap(), Settings::default());
        let read = read(r#"{"assertContent": true}"#).unwrap();
        assert!(read.vocabulary.assert_content && !read.vocabulary.assert_format);
        assert_eq!(read.kotlin, None);
    }

    #[test]
    fn the_kotlin_section_sits_beside_the_vocabulary() {
        let read = read(
            r#"{"assertFormat": true, "kotlin": {"group": "com.example", "jvmTarget": "17",
                "languageVersion": null}}"#,
        )
        .unwrap();
        assert!(read.vocabulary.assert_format && !read.vocabulary.assert_content);
        let kotlin = read.kotlin.unwrap();
        let build = kotlin.over(&KotlinBuild::default());
        assert_eq!(build.group.as_deref(), Some("com.example"));
        assert_eq!(build.jvm_target, "17");
        // What the section leaves out (or sets to null) keeps the base's value.
        assert_eq!(
            build.language_version,
            KotlinBuild::default().language_version
        );
        assert_eq!(build.artifact, None);
        assert_eq!(build.version, "0.1.0");
    }

    #[test]
    fn the_rust_section_sits_beside_the_vocabulary() {
        let read = read(r#"{"assertFormat": true, "rust": {"schemars": false}}"#).unwrap();
        assert!(read.vocabulary.assert_format);
        assert_eq!(read.rust.unwrap().schemars, Some(false));
        let read = self::read(r#"{"rust": {"schemars": null}}"#).unwrap();
        assert_eq!(read.rust.unwrap().schemars, None);
        assert_eq!(self::read("{}").unwrap().rust, None);
    }

    #[test]
    fn a_bad_entry_is_an_error_naming_the_file_and_its_pointer() {
        let cases = [
            (
                r#"{"assertFormats": true}"#,
                "#/assertFormats: unknown field",
            ),
            (
                r#"{"assertFormat": 1}"#,
                "#/assertFormat: invalid type: integer",
            ),
            (
                r#"{"kotlin": {"jvmTarge": "17"}}"#,
                "#/kotlin/jvmTarge: unknown field",
            ),
            (
                r#"{"kotlin": {"version": 2}}"#,
                "#/kotlin/version: invalid type: integer",
            ),
            (
                r#"{"kotlin": {"jvmTarget": "7"}}"#,
                "#/kotlin/jvmTarget: \"7\" is not supported (one of 1.8, 9, 11, 17, 21)",
            ),
            (
                r#"{"kotlin": {"artifact": "a.b"}}"#,
                "#/kotlin/artifact: \"a.b\" is not a Maven coordinate",
            ),
            (r#"{"kotlin": "17"}"#, "#/kotlin: expected an object"),
            (
                r#"{"rust": {"schemar": false}}"#,
                "#/rust/schemar: unknown field",
            ),
            (
                r#"{"rust": {"schemars": "no"}}"#,
                "#/rust/schemars: invalid type: string",
            ),
            (r#"{"rust": true}"#, "#/rust: expected an object"),
            ("[]", "#: expected an object of settings, found an array"),
        ];
        for (text, expected) in cases {
            let err = error(text);
            assert!(
                err.contains(&format!("{SETTINGS_FILE}{expected}")),
                "{text}: {err}"
            );
        }
        // Malformed JSON still names the line and column.
        assert!(error("{\"kotlin\": ").contains(&format!("{SETTINGS_FILE}:1:")));
    }

    /// The generated `pom.xml` of a one-message schema directory with `settings` as its
    /// `contractgen.json` (none when `None`).
    fn pom(settings: Option<&str>) -> Result<String> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("pay")).unwrap();
        std::fs::write(
            dir.path().join("pay/request.schema.json"),
            r#"{"type": "object", "properties": {"amount": {"type": "string"}}}"#,
        )
        .unwrap();
        if let Some(text) = settings {
            std::fs::write(dir.path().join(SETTINGS_FILE), text).unwrap();
        }
        let mut options = crate::Options::new(dir.path());
        options.rust = None;
        let files = crate::generate(&options)?.files;
        Ok(files
            .into_iter()
            .find(|f| f.path == Path::new("kotlin/pom.xml"))
            .map(|f| f.contents)
            .unwrap_or_default())
    }

    #[test]
    fn without_a_kotlin_section_the_pom_is_the_default_one() {
        let default = pom(None).unwrap();
        assert!(
            default.contains("<artifactId>contracts</artifactId>"),
            "{default}"
        );
        assert_eq!(pom(Some(r#"{"assertFormat": true}"#)).unwrap(), default);
        assert_eq!(pom(Some(r#"{"kotlin": {}}"#)).unwrap(), default);
    }

    #[test]
    fn a_kotlin_section_changes_the_generated_pom() {
        let default = pom(None).unwrap();
        let pom = pom(Some(
            r#"{"kotlin": {"group": "com.example.pay", "artifact": "pay-contracts",
                "version": "2.4.0", "jvmTarget": "17", "languageVersion": "2.2"}}"#,
        ))
        .unwrap();
        assert_ne!(pom, default);
        for expected in [
            "<groupId>com.example.pay</groupId>",
            "<artifactId>pay-contracts</artifactId>",
            "<version>2.4.0</version>",
            "<kotlin.compiler.jvmTarget>17</kotlin.compiler.jvmTarget>",
            "<kotlin.compiler.languageVersion>2.2</kotlin.compiler.languageVersion>",
        ] {
            assert!(pom.contains(expected), "{expected}: {pom}");
        }
    }

    #[test]
    fn a_bad_kotlin_section_stops_generation_with_its_pointer() {
        let err = pom(Some(r#"{"kotlin": {"jvmTarget": "7"}}"#))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!(
                "{SETTINGS_FILE}#/kotlin/jvmTarget: \"7\" is not supported"
            )),
            "{err}"
        );
    }
}
