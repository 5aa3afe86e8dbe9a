//! [`Config`] as the settings document `contractgen::Config::from_build_settings` reads: only
//! the settings given, by their camelCase names, so contractgen's defaults stay in one place.

use std::path::{Path, PathBuf};

use crate::json::Object;
use crate::{Config, Error};

/// The JSON text of `config`'s settings.
pub fn document(config: &Config) -> Result<String, Error> {
    let mut out = Object::new();
    let paths = [
        ("schemaDir", "schema_dir", &config.schema_dir),
        ("outDir", "out_dir", &config.out_dir),
        ("kotlinOutDir", "kotlin_out_dir", &config.kotlin_out_dir),
    ];
    for (key, name, value) in paths {
        if let Some(path) = value {
            out.string(key, utf8(name, path)?);
        }
    }
    let strings = [
        ("moduleDir", &config.module_dir),
        ("kotlinPackage", &config.kotlin_package),
        ("runtimeCrate", &config.runtime_crate),
    ];
    for (key, value) in strings {
        if let Some(text) = value {
            out.string(key, text);
        }
    }
    for (key, value) in [("rust", config.rust), ("schemars", config.schemars)] {
        if let Some(enabled) = value {
            out.bool(key, enabled);
        }
    }
    if let Some(build) = &config.kotlin_build {
        let mut section = Object::new();
        let values = [
            ("group", &build.group),
            ("artifact", &build.artifact),
            ("version", &build.version),
            ("jvmTarget", &build.jvm_target),
            ("languageVersion", &build.language_version),
        ];
        for (key, value) in values {
            if let Some(text) = value {
                section.string(key, text);
            }
        }
        out.object("kotlinBuild", section);
    }
    if let Some(vocabulary) = config.vocabulary {
        let mut section = Object::new();
        section.bool("assertFormat", vocabulary.assert_format);
        section.bool("assertContent", vocabulary.assert_content);
        out.object("vocabulary", section);
    }
    let prefixes = config
        .uri_prefixes
        .iter()
        .map(|(prefix, dir)| Ok((prefix.clone(), utf8("uri_prefix", dir)?.to_string())))
        .collect::<Result<Vec<_>, Error>>()?;
    out.pairs("uriPrefixes", &prefixes);
    out.pairs("typeAttributes", &config.type_attributes);
    out.pairs("fieldAttributes", &config.field_attributes);
    Ok(out.finish())
}

fn utf8<'a>(name: &'static str, path: &'a Path) -> Result<&'a str, Error> {
    path.to_str().ok_or_else(|| Error::Setting {
        name,
        value: PathBuf::from(path),
    })
}
