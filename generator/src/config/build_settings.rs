//! The machine form of a [`Config`]: the JSON the `contractgen-build` crate sends to
//! `contractgen build-script --settings FILE` (or, with its `bundled` feature, hands over in
//! process). It names only the settings a build script changed, by the builder's method names
//! in camelCase; an absent key keeps [`Config`]'s default, so the defaults live in one place.
//! The form is private to one version: `contractgen-build` refuses a binary of another one.

use std::path::PathBuf;

use serde::Deserialize;

use super::Config;
use crate::error::{Error, Result};
use crate::settings::KotlinSettings;
use crate::{KotlinBuild, Vocabulary};

/// Every [`Config`] setting but `emit_rerun_if_changed`, which the caller decides (the binary
/// prints the lines for `contractgen-build` to forward or keep).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BuildSettings {
    schema_dir: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    module_dir: Option<String>,
    rust: Option<bool>,
    kotlin_out_dir: Option<PathBuf>,
    kotlin_package: Option<String>,
    /// The `kotlin` section's form of the settings file: absent keys take
    /// [`KotlinBuild::default`]'s values, as `Config::kotlin_build` does.
    kotlin_build: Option<KotlinSettings>,
    vocabulary: Option<Vocabulary>,
    #[serde(default)]
    uri_prefixes: Vec<(String, PathBuf)>,
    #[serde(default)]
    type_attributes: Vec<(String, String)>,
    #[serde(default)]
    field_attributes: Vec<(String, String)>,
    schemars: Option<bool>,
    runtime_crate: Option<String>,
}

impl Config {
    /// The configuration a `contractgen-build` settings document describes, through the
    /// builder's own setters.
    pub fn from_build_settings(json: &str) -> Result<Config> {
        let settings: BuildSettings = serde_json::from_str(json).map_err(|e| {
            Error::Config(format!(
                "contractgen build-script: the settings are not the form this version reads ({e})"
            ))
        })?;
        let mut config = Config::new();
        if let Some(dir) = settings.schema_dir {
            config.schema_dir(dir);
        }
        if let Some(dir) = settings.out_dir {
            config.out_dir(dir);
        }
        if let Some(name) = settings.module_dir {
            config.module_dir(name);
        }
        if let Some(enabled) = settings.rust {
            config.rust(enabled);
        }
        if let Some(dir) = settings.kotlin_out_dir {
            config.kotlin_out_dir(dir);
        }
        if let Some(package) = settings.kotlin_package {
            config.kotlin_package(package);
        }
        if let Some(build) = settings.kotlin_build {
            config.kotlin_build(build.over(&KotlinBuild::default()));
        }
        if let Some(vocabulary) = settings.vocabulary {
            config.vocabulary(vocabulary);
        }
        for (prefix, dir) in settings.uri_prefixes {
            config.uri_prefix(prefix, dir);
        }
        for (path, attribute) in settings.type_attributes {
            config.type_attribute(path, attribute);
        }
        for (path, attribute) in settings.field_attributes {
            config.field_attribute(path, attribute);
        }
        if let Some(enabled) = settings.schemars {
            config.schemars(enabled);
        }
        if let Some(path) = settings.runtime_crate {
            config.runtime_crate(path);
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_document_is_the_default_config() {
        let config = Config::from_build_settings("{}").unwrap();
        assert_eq!(format!("{config:?}"), format!("{:?}", Config::new()));
    }

    #[test]
    fn every_key_reaches_its_setter() {
        let config = Config::from_build_settings(
            r##"{"schemaDir": "s", "outDir": "o", "moduleDir": "m", "rust": false,
                "kotlinOutDir": "k", "kotlinPackage": "com.example",
                "kotlinBuild": {"artifact": "pay", "jvmTarget": "17"},
                "vocabulary": {"assertFormat": true},
                "uriPrefixes": [["https://example.com/", "ext"]],
                "typeAttributes": [[".", "#[derive(Eq)]"]],
                "fieldAttributes": [["a.b.C.d", "#[doc = \"\\\"é\\\"\"]"]],
                "schemars": false, "runtimeCrate": "::sdk::runtime"}"##,
        )
        .unwrap();
        let mut expected = Config::new();
        expected
            .schema_dir("s")
            .out_dir("o")
            .module_dir("m")
            .rust(false)
            .kotlin_out_dir("k")
            .kotlin_package("com.example")
            .kotlin_build(KotlinBuild {
                artifact: Some("pay".to_string()),
                jvm_target: "17".to_string(),
                ..KotlinBuild::default()
            })
            .vocabulary(Vocabulary {
                assert_format: true,
                assert_content: false,
            })
            .uri_prefix("https://example.com/", "ext")
            .type_attribute(".", "#[derive(Eq)]")
            .field_attribute("a.b.C.d", "#[doc = \"\\\"é\\\"\"]")
            .schemars(false)
            .runtime_crate("::sdk::runtime");
        assert_eq!(format!("{config:?}"), format!("{expected:?}"));
    }

    #[test]
    fn an_unknown_key_is_refused_by_name() {
        let err = Config::from_build_settings(r#"{"schemaDirectory": "s"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("schemaDirectory"), "{err}");
    }
}
