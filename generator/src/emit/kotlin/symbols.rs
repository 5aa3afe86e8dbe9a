//! The names one generated Kotlin file refers to, written short and imported. Nothing generated
//! shadows them: schema types with these names are renamed (see [`used_type_names`]).

use std::collections::BTreeSet;

/// Where the names the generated code uses come from.
const EXTERNAL: &[(&str, &str)] = &[
    ("Any", "kotlin.Any"),
    ("Boolean", "kotlin.Boolean"),
    ("Long", "kotlin.Long"),
    ("String", "kotlin.String"),
    ("List", "kotlin.collections.List"),
    ("Map", "kotlin.collections.Map"),
    ("Set", "kotlin.collections.Set"),
    ("OptIn", "kotlin.OptIn"),
    ("JvmOverloads", "kotlin.jvm.JvmOverloads"),
    ("JvmStatic", "kotlin.jvm.JvmStatic"),
    ("BigDecimal", "java.math.BigDecimal"),
    ("Pattern", "com.google.re2j.Pattern"),
    ("JSONObject", "org.json.JSONObject"),
    ("KSerializer", "kotlinx.serialization.KSerializer"),
    ("SerialName", "kotlinx.serialization.SerialName"),
    ("Serializable", "kotlinx.serialization.Serializable"),
    (
        "SerializationException",
        "kotlinx.serialization.SerializationException",
    ),
    ("Transient", "kotlinx.serialization.Transient"),
    ("UseSerializers", "kotlinx.serialization.UseSerializers"),
    (
        "ListSerializer",
        "kotlinx.serialization.builtins.ListSerializer",
    ),
    (
        "MapSerializer",
        "kotlinx.serialization.builtins.MapSerializer",
    ),
    ("Json", "kotlinx.serialization.json.Json"),
    ("JsonArray", "kotlinx.serialization.json.JsonArray"),
    ("JsonElement", "kotlinx.serialization.json.JsonElement"),
    ("JsonNull", "kotlinx.serialization.json.JsonNull"),
    ("JsonObject", "kotlinx.serialization.json.JsonObject"),
    ("JsonPrimitive", "kotlinx.serialization.json.JsonPrimitive"),
];

/// The package of the Kotlin runtime (`runtime/kotlin`) that generated code calls into.
pub const RUNTIME_PACKAGE: &str = "contractgen.runtime";

/// Names of the runtime package ([`RUNTIME_PACKAGE`]).
const RUNTIME: &[&str] = &[
    "Checks",
    "ContractMessage",
    "DynamicScope",
    "EmbeddedJson",
    "EmbeddedJsonSerializer",
    "Errors",
    "Evaluated",
    "ExtraFieldsSerializer",
    "Format",
    "InternalContractgenApi",
    "JsonIntegerSerializer",
    "JsonNumberSerializer",
    "JsonPointer",
    "JsonType",
    "JsonValues",
    "OpenEnumSerializer",
    "Patterns",
    "StringBoolSerializer",
    "StrictJson",
    "SurrogateSerializer",
    "TreeReads",
    "UnionSerializer",
    "ValidationError",
];

/// The runtime's stable API; the rest of [`RUNTIME`] is marked `@InternalContractgenApi`, an
/// opt-in requirement, and a file that names it opts in.
const RUNTIME_STABLE: &[&str] = &[
    "ContractMessage",
    "EmbeddedJson",
    "EmbeddedJsonSerializer",
    "InternalContractgenApi",
    "StrictJson",
    "ValidationError",
];

/// The runtime's opt-in marker of what only generated code uses.
pub const INTERNAL_API_MARKER: &str = "InternalContractgenApi";

/// Kotlin types the generated code names without importing them.
const IMPLICIT: &[&str] = &["Int", "IntArray", "Nothing", "Unit"];

/// Every type name the generated files use unqualified, derived from the import tables so a
/// new name cannot be forgotten: a schema type with one of these names would shadow it.
pub fn used_type_names() -> Vec<&'static str> {
    EXTERNAL
        .iter()
        .map(|(simple, _)| *simple)
        .chain(RUNTIME.iter().copied())
        .chain(IMPLICIT.iter().copied())
        .collect()
}

/// Whether a schema type named `name` would shadow a name the generated code uses.
pub fn is_used_type_name(name: &str) -> bool {
    used_type_names().contains(&name)
}

/// Extension functions, imported by their package-level name.
pub const SERIALIZER_EXTENSION: &str = "kotlinx.serialization.builtins.serializer";
pub const NULLABLE_EXTENSION: &str = "kotlinx.serialization.builtins.nullable";

/// The imports of one file.
#[derive(Debug, Clone, Default)]
pub struct Symbols {
    imports: BTreeSet<String>,
    /// Whether the file names a runtime declaration kept for generated code.
    internal_api: bool,
}

impl Symbols {
    pub fn new() -> Self {
        Symbols::default()
    }

    fn qualified(&self, simple: &str) -> Option<String> {
        if let Some((_, full)) = EXTERNAL.iter().find(|(s, _)| *s == simple) {
            return Some(full.to_string());
        }
        RUNTIME
            .contains(&simple)
            .then(|| format!("{RUNTIME_PACKAGE}.{simple}"))
    }

    /// A library or runtime name, imported where Kotlin does not import it implicitly.
    pub fn name(&mut self, simple: &str) -> String {
        let Some(full) = self.qualified(simple) else {
            return simple.to_string();
        };
        if RUNTIME.contains(&simple) && !RUNTIME_STABLE.contains(&simple) {
            // The file opts in, which names the marker.
            self.internal_api = true;
            self.imports
                .insert(format!("{RUNTIME_PACKAGE}.{INTERNAL_API_MARKER}"));
        }
        let implicit = ["kotlin", "kotlin.collections", "kotlin.jvm"]
            .iter()
            .any(|package| full == format!("{package}.{simple}"));
        if !implicit {
            self.imports.insert(full);
        }
        simple.to_string()
    }

    /// Imports a fully qualified name as it is (extension functions, other packages).
    pub fn import(&mut self, full: &str) {
        self.imports.insert(full.to_string());
    }

    /// The import lines, sorted as ktfmt sorts them.
    pub fn imports(&self) -> Vec<String> {
        self.imports.iter().cloned().collect()
    }

    /// Whether the file must opt in to [`INTERNAL_API_MARKER`].
    pub fn uses_internal_api(&self) -> bool {
        self.internal_api
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_what_it_names_except_kotlin_defaults() {
        let mut symbols = Symbols::new();
        assert_eq!(symbols.name("JsonElement"), "JsonElement");
        assert_eq!(symbols.name("String"), "String");
        assert_eq!(symbols.name("JvmStatic"), "JvmStatic");
        assert_eq!(symbols.name("Errors"), "Errors");
        assert_eq!(symbols.name("Payload"), "Payload");
        assert!(symbols.uses_internal_api());
        assert_eq!(
            symbols.imports(),
            [
                "contractgen.runtime.Errors",
                "contractgen.runtime.InternalContractgenApi",
                "kotlinx.serialization.json.JsonElement"
            ]
        );
    }

    #[test]
    fn only_the_internal_runtime_api_needs_an_opt_in() {
        let mut symbols = Symbols::new();
        symbols.name("ContractMessage");
        symbols.name("ValidationError");
        symbols.name("JsonElement");
        assert!(!symbols.uses_internal_api());
        symbols.name("JsonPointer");
        assert!(symbols.uses_internal_api());
    }
}
