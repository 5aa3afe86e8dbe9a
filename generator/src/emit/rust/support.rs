//! What generated Rust needs from outside itself: the `contractgen-runtime` crate (with the
//! features of the formats its schemas assert), the crates its derives name, and `regex` when a
//! pattern needs an engine.

use std::collections::BTreeSet;

use crate::ir::check::PatternForm;
use crate::ir::{Contracts, Format, Message};

/// The runtime crate every generated crate depends on, versioned with the generator.
pub const RUNTIME_PACKAGE: &str = "contractgen-runtime";
pub const RUNTIME_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the generated code names besides the runtime: serde's and schemars' derives.
const DEPENDENCIES: &[(&str, &str)] = &[
    ("schemars", "\"1\""),
    ("serde", "{ version = \"1\", features = [\"derive\"] }"),
    ("serde_json", "\"1\""),
];

/// A family of format checks behind a runtime feature, because it needs crates of its own:
/// `support::<module>` exists only with that feature on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FormatFeature {
    /// `regex` as ECMA-262, with `regress`.
    EcmaRegex,
    /// IDNA2008 host names and e-mail domains, with `idna` (Punycode) and `icu_properties`.
    Idn,
    /// RFC 3986 and 3987 references, with `iri-string`.
    Uri,
}

impl FormatFeature {
    /// The runtime's feature name.
    pub fn feature(self) -> &'static str {
        match self {
            FormatFeature::EcmaRegex => "ecma-regex",
            FormatFeature::Idn => "idn",
            FormatFeature::Uri => "uri",
        }
    }
}

/// The runtime function checking a format, as a path under `support::`, and the feature it
/// needs (`None`: the dependency-free `support::format`).
pub fn format_check(format: Format) -> (Option<FormatFeature>, &'static str) {
    match format {
        Format::DateTime => (None, "format::date_time"),
        Format::Date => (None, "format::date"),
        Format::Time => (None, "format::time"),
        Format::Duration => (None, "format::duration"),
        Format::Email => (None, "format::email"),
        Format::IdnEmail => (Some(FormatFeature::Idn), "idn::idn_email"),
        Format::Hostname => (Some(FormatFeature::Idn), "idn::hostname"),
        Format::IdnHostname => (Some(FormatFeature::Idn), "idn::idn_hostname"),
        Format::Ipv4 => (None, "format::ipv4"),
        Format::Ipv6 => (None, "format::ipv6"),
        Format::Uri => (Some(FormatFeature::Uri), "uri::uri"),
        Format::UriReference => (Some(FormatFeature::Uri), "uri::uri_reference"),
        Format::Iri => (Some(FormatFeature::Uri), "uri::iri"),
        Format::IriReference => (Some(FormatFeature::Uri), "uri::iri_reference"),
        Format::Uuid => (None, "format::uuid"),
        Format::UriTemplate => (None, "format::uri_template"),
        Format::JsonPointer => (None, "format::json_pointer"),
        Format::RelativeJsonPointer => (None, "format::relative_json_pointer"),
        Format::Regex => (Some(FormatFeature::EcmaRegex), "ecma_regex::regex"),
    }
}

/// The runtime features the messages' validators call into.
pub fn format_features(messages: &[Message]) -> BTreeSet<FormatFeature> {
    messages
        .iter()
        .flat_map(|m| m.checks.formats())
        .filter_map(|format| format_check(format).0)
        .collect()
}

/// The crate a pattern without a plain-code form compiles into (a `::regex::Regex` static).
/// The patterns the generator specialises are plain code over `support::Matcher`, so a crate
/// with none of the others does not build the engine (regex, regex-automata, regex-syntax,
/// aho-corasick).
const REGEX_ENGINE: (&str, &str) = ("regex", "\"1\"");

/// Whether a printed pattern needs the regex engine. Every module's program is looked at, the
/// shared files' ones too, since a module prints the patterns of the functions it owns.
pub fn needs_regex_engine(contracts: &Contracts) -> bool {
    (0..contracts.modules.len())
        .filter_map(|module| contracts.checks(module))
        .flat_map(|program| &program.patterns)
        .any(|pattern| pattern.form == PatternForm::Engine)
}

/// The `[dependencies]` entries of the generated crate, sorted by name: `regex` only when
/// `regex_engine` says a pattern needs it. `runtime_path` makes the runtime a path dependency
/// as well (the version still applies when the crate is published).
pub fn dependencies(
    features: &BTreeSet<FormatFeature>,
    regex_engine: bool,
    schemars: bool,
    runtime_path: Option<&str>,
) -> Vec<String> {
    let mut fields = vec![format!("version = \"{RUNTIME_VERSION}\"")];
    if let Some(path) = runtime_path {
        fields.push(format!("path = {}", toml_string(path)));
    }
    // The runtime's `schemars` feature (on by default) implements `JsonSchema` for its types;
    // without the derives neither it nor the crate is needed.
    if !schemars {
        fields.push("default-features = false".to_string());
    }
    if !features.is_empty() {
        let names: Vec<String> = features
            .iter()
            .map(|f| format!("\"{}\"", f.feature()))
            .collect();
        fields.push(format!("features = [{}]", names.join(", ")));
    }
    let runtime = if fields.len() == 1 {
        format!("\"{RUNTIME_VERSION}\"")
    } else {
        format!("{{ {} }}", fields.join(", "))
    };
    let mut entries: Vec<String> = DEPENDENCIES
        .iter()
        .filter(|(name, _)| schemars || *name != "schemars")
        .chain(regex_engine.then_some(&REGEX_ENGINE))
        .map(|(name, spec)| format!("{name} = {spec}"))
        .chain([format!("{RUNTIME_PACKAGE} = {runtime}")])
        .collect();
    entries.sort();
    entries
}

/// A TOML basic string: a path from the user may hold quotes or backslashes (Windows).
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runtime's sources, to check that every path the validators call exists there.
    fn runtime_module(module: &str) -> &'static str {
        match module {
            "format" => include_str!("../../../../runtime/rust/src/__private/format.rs"),
            "idn" => include_str!("../../../../runtime/rust/src/__private/idn.rs"),
            "uri" => include_str!("../../../../runtime/rust/src/__private/uri.rs"),
            "ecma_regex" => include_str!("../../../../runtime/rust/src/__private/ecma_regex.rs"),
            _ => "",
        }
    }

    #[test]
    fn every_format_names_a_function_of_the_runtime_behind_its_feature() {
        let private = include_str!("../../../../runtime/rust/src/__private/mod.rs");
        for &format in Format::ALL {
            let (feature, path) = format_check(format);
            let (module, function) = path.split_once("::").unwrap();
            assert!(
                runtime_module(module).contains(&format!("pub fn {function}(s: &str) -> bool")),
                "{format:?}: no `{path}`"
            );
            let declaration = match feature {
                Some(feature) => format!(
                    "#[cfg(feature = \"{}\")]\npub mod {module};",
                    feature.feature()
                ),
                None => format!("\npub mod {module};"),
            };
            assert!(private.contains(&declaration), "{format:?}: {declaration}");
        }
    }

    #[test]
    fn the_runtime_is_versioned_with_the_generator_and_has_every_feature() {
        let manifest = include_str!("../../../../runtime/rust/Cargo.toml");
        assert!(manifest.contains(&format!("\nversion = \"{RUNTIME_VERSION}\"\n")));
        for feature in [
            FormatFeature::EcmaRegex,
            FormatFeature::Idn,
            FormatFeature::Uri,
        ] {
            assert!(
                manifest.contains(&format!("\n{} = [", feature.feature())),
                "{feature:?}"
            );
        }
    }

    #[test]
    fn a_crate_without_feature_formats_depends_on_the_plain_runtime() {
        assert_eq!(
            dependencies(&BTreeSet::new(), false, true, None),
            [
                format!("contractgen-runtime = \"{RUNTIME_VERSION}\""),
                "schemars = \"1\"".to_string(),
                "serde = { version = \"1\", features = [\"derive\"] }".to_string(),
                "serde_json = \"1\"".to_string(),
            ]
        );
    }

    #[test]
    fn feature_formats_and_a_runtime_path_go_into_the_runtime_entry() {
        let features = BTreeSet::from([FormatFeature::Uri, FormatFeature::Idn]);
        let entries = dependencies(&features, false, true, Some(r#"..\vendor\"runtime""#));
        assert_eq!(
            entries[0],
            format!(
                r#"contractgen-runtime = {{ version = "{RUNTIME_VERSION}", path = "..\\vendor\\\"runtime\"", features = ["idn", "uri"] }}"#
            )
        );
        assert_eq!(entries.len(), 4);
    }

    #[test]
    fn the_regex_engine_is_a_dependency_only_when_asked_for_and_sorts_by_name() {
        let entries = dependencies(&BTreeSet::new(), true, true, None);
        assert_eq!(entries[1], "regex = \"1\"");
        assert_eq!(entries.len(), 5);
    }

    /// Options generating Rust only, for a one-message crate (`lookup/request`) of `schema`,
    /// written into the returned directory.
    fn lookup_crate(schema: &serde_json::Value) -> (tempfile::TempDir, crate::Options) {
        let dir = tempfile::tempdir().unwrap();
        let contract = dir.path().join("lookup");
        std::fs::create_dir_all(&contract).unwrap();
        std::fs::write(contract.join("request.schema.json"), schema.to_string()).unwrap();
        let mut options = crate::Options::new(dir.path());
        options.kotlin = None;
        (dir, options)
    }

    fn file<'a>(files: &'a [crate::GeneratedFile], path: &str) -> &'a str {
        files
            .iter()
            .find(|f| f.path == std::path::Path::new(path))
            .map(|f| f.contents.as_str())
            .unwrap_or_else(|| panic!("no {path}"))
    }

    /// The manifest and the `lookup/request.rs` of a crate whose `code` property has `pattern`.
    fn generated_with_pattern(pattern: &str) -> (String, String) {
        let (_dir, options) = lookup_crate(&serde_json::json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": {"code": {"type": "string", "pattern": pattern}}
        }));
        let files = crate::generate(&options).unwrap().files;
        (
            file(&files, "rust/Cargo.toml").to_string(),
            file(&files, "rust/src/lookup/request.rs").to_string(),
        )
    }

    #[test]
    fn only_a_pattern_printed_as_an_engine_static_brings_in_regex() {
        // Specialised into plain code: no engine anywhere.
        let (manifest, code) = generated_with_pattern("^[0-9]+\\.[0-9]{2}$");
        assert!(code.contains("support::Matcher"), "{code}");
        assert!(!code.contains("::regex::"), "{code}");
        assert!(!manifest.contains("\nregex = "), "{manifest}");
        // An alternation has no plain-code form: the static is a `regex::Regex`, and the
        // manifest depends on the crate it names.
        let (manifest, code) = generated_with_pattern("^(ab|cd)+$");
        assert!(code.contains("::regex::Regex"), "{code}");
        assert!(manifest.contains("\nregex = \"1\"\n"), "{manifest}");
    }

    #[test]
    fn generation_enables_only_the_features_the_schemas_need_and_the_runtime_path() {
        let (_dir, mut options) = lookup_crate(&serde_json::json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
            "properties": {"host": {"items": {"format": "idn-hostname"}}}
        }));
        options.vocabulary = Some(crate::Vocabulary {
            assert_format: true,
            assert_content: false,
        });
        let files = crate::generate(&options).unwrap().files;
        let manifest = file(&files, "rust/Cargo.toml");
        assert!(manifest.contains(&format!(
            "\ncontractgen-runtime = {{ version = \"{RUNTIME_VERSION}\", features = [\"idn\"] }}\n"
        )));
        assert!(!manifest.contains("idna") && !manifest.contains("regress"));
        assert!(files
            .iter()
            .all(|f| !f.path.starts_with("rust/src/support")));
        let request = file(&files, "rust/src/lookup/request.rs");
        assert!(request.contains("use ::contractgen_runtime::__private as support;"));
        assert!(request.contains("support::idn::idn_hostname("));

        // A vendored runtime: the same entry, with the path as given.
        options.rust = Some(crate::RustOptions {
            runtime_path: Some("../vendor/contractgen-runtime".to_string()),
            ..crate::RustOptions::default()
        });
        let files = crate::generate(&options).unwrap().files;
        let manifest = file(&files, "rust/Cargo.toml");
        assert!(manifest.contains(&format!(
            "\ncontractgen-runtime = {{ version = \"{RUNTIME_VERSION}\", path = \"../vendor/contractgen-runtime\", features = [\"idn\"] }}\n"
        )), "{manifest}");
    }
}
