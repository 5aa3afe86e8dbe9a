//! Every Rust name of the run, allocated once before anything is printed: each type's name in
//! its module, the variants of enums and unions, the fields of structs and the functions of
//! each module's check program. Names start from the neutral hints of the IR
//! (`emit::naming`) and follow Rust's rules here: styles, keywords, raw identifiers, and the
//! names generated code uses unqualified.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::emit::naming::{self, Scope};
use crate::error::{Error, Result};
use crate::ir::check::CheckProgram;
use crate::ir::{Contracts, TypeKind};

/// Type names generated Rust refers to unqualified (the validators print `String::from`,
/// `Vec`, `Some`): a schema type named so would shadow the real one (`$defs/String` made every
/// `String` field recursive), and a message cannot be named so. `Self` is a keyword.
const UNQUALIFIED_TYPE_NAMES: &[&str] = &[
    "Box", "Err", "None", "Ok", "Option", "Self", "Some", "String", "Vec",
];

/// Names generated Rust writes qualified (`::core::result::Result`) but a reader takes for
/// std's prelude or the JSON types: no schema type below a message's root is named so either.
const READS_AS_STD: &[&str] = &[
    "AsMut",
    "AsRef",
    "BTreeMap",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Drop",
    "Eq",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "HashMap",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "Map",
    "Number",
    "Ord",
    "ParseError",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "ValidationError",
    "Value",
];

/// Every name a schema type is renamed away from (see [`UNQUALIFIED_TYPE_NAMES`]).
pub fn reserved_type_names() -> Vec<&'static str> {
    UNQUALIFIED_TYPE_NAMES
        .iter()
        .chain(READS_AS_STD)
        .copied()
        .collect()
}

/// Rust keywords that cannot be field names without `r#` (and `self`-like ones that cannot at all).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];
const UNRAWABLE: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Whether `name` is a Rust keyword, never a plain identifier.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name) || UNRAWABLE.contains(&name)
}

/// The Rust names of one run.
#[derive(Debug, Clone, Default)]
pub struct RustNames {
    /// By `TypeId`.
    pub types: Vec<String>,
    /// By `TypeId`: the variants of an enum or union (empty for structs).
    pub variants: Vec<Vec<String>>,
    /// By `TypeId`: the fields of a struct, then the name of its map of unknown members.
    pub fields: Vec<(Vec<String>, String)>,
    /// By `ModuleId`: the function of each `FunctionId` of the module's program.
    pub functions: Vec<Vec<String>>,
}

impl RustNames {
    pub fn new(contracts: &Contracts) -> Result<RustNames> {
        let mut scopes: Vec<Scope> = Vec::new();
        for (id, _) in contracts.modules.iter().enumerate() {
            // A message's root keeps its name, even a reserved one (a message may be `result`),
            // and takes it before anything else in the module is named.
            let roots: Vec<String> = contracts
                .messages
                .iter()
                .filter(|m| m.module == id)
                .map(|m| m.message.to_upper_camel_case())
                .collect();
            let reserved: Vec<&str> = reserved_type_names()
                .into_iter()
                .filter(|n| !roots.iter().any(|r| r == n))
                .chain(roots.iter().map(String::as_str))
                .collect();
            scopes.push(Scope::with_reserved(&reserved));
        }
        for message in &contracts.messages {
            let root = message.message.to_upper_camel_case();
            if UNQUALIFIED_TYPE_NAMES.contains(&root.as_str()) {
                return Err(Error::Config(format!(
                    "{}: the message \"{}\" would be the Rust type {root}, a name generated code uses for the standard one; rename the file",
                    message.schema_file, message.message
                )));
            }
        }
        let mut types: Vec<String> = Vec::with_capacity(contracts.types.len());
        for def in &contracts.types {
            let words =
                naming::type_words(&def.hint, |id| types.get(id).cloned().unwrap_or_default());
            let name = match scopes.get_mut(def.module) {
                _ if naming::is_message_root(&def.hint) => words,
                Some(scope) => scope.claim(&words),
                None => words,
            };
            types.push(name);
        }
        let named = |id: usize| types.get(id).cloned().unwrap_or_default();
        let mut variants = Vec::new();
        let mut fields = Vec::new();
        for def in &contracts.types {
            let (v, f) = match &def.kind {
                TypeKind::StringEnum { variants, open } => {
                    let mut scope = Scope::default();
                    let mut names: Vec<String> = variants
                        .iter()
                        .map(|v| {
                            let words = naming::variant_words(&v.wire_value);
                            // `Self` is a keyword, and no raw identifier can spell it.
                            if words == "Self" {
                                scope.claim("SelfValue")
                            } else {
                                scope.claim(&words)
                            }
                        })
                        .collect();
                    if *open {
                        // The catch-all, after the known values so they keep their names.
                        names.push(scope.claim("Other"));
                    }
                    (names, (Vec::new(), String::new()))
                }
                TypeKind::Union { variants } => (
                    naming::union_variant_names(variants, named),
                    (Vec::new(), String::new()),
                ),
                TypeKind::Struct { fields } => {
                    let mut used = BTreeSet::new();
                    let names = fields
                        .iter()
                        .map(|f| unique(field_name(&f.wire_name), &mut used))
                        .collect();
                    let extra = ["extra", "extra_properties", "unknown_properties"]
                        .into_iter()
                        .find(|candidate| !used.contains(*candidate))
                        .map(str::to_string)
                        .unwrap_or_else(|| unique("extra".to_string(), &mut used));
                    (Vec::new(), (names, extra))
                }
            };
            variants.push(v);
            fields.push(f);
        }
        let functions = (0..contracts.modules.len())
            .map(|id| contracts.checks(id).map(function_names).unwrap_or_default())
            .collect();
        Ok(RustNames {
            types,
            variants,
            fields,
            functions,
        })
    }
}

/// The Rust name of each function of `program` (`check_<hint>`), unique within it.
pub fn function_names(program: &CheckProgram) -> Vec<String> {
    let mut scope = Scope::default().separated("_");
    program
        .functions
        .iter()
        .map(|f| {
            let mut base = format!("check_{}", f.hint.to_snake_case());
            base.retain(|c| c.is_ascii_alphanumeric() || c == '_');
            if base == "check_" {
                base = "check_schema".to_string();
            }
            scope.claim(&base)
        })
        .collect()
}

fn field_name(wire: &str) -> String {
    let mut name = wire.to_snake_case();
    name.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    // Nothing usable left (`""`, `" "`, `"--"`): a plain word, which `unique` numbers
    // `field_2`, never `field__2` (two underscores are not snake case).
    let name = name.trim_matches('_');
    let mut name = if name.is_empty() {
        "field".to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("field_{name}")
    } else {
        name.to_string()
    };
    if UNRAWABLE.contains(&name.as_str()) {
        name.push('_');
    } else if KEYWORDS.contains(&name.as_str()) {
        name = format!("r#{name}");
    }
    name
}

fn unique(name: String, used: &mut BTreeSet<String>) -> String {
    let mut candidate = name.clone();
    let mut n = 2;
    while !used.insert(candidate.trim_start_matches("r#").to_string()) {
        candidate = format!(
            "{}_{n}",
            name.trim_start_matches("r#").trim_end_matches('_')
        );
        n += 1;
    }
    candidate
}

/// The name of the yes/no form of a program function.
pub fn valid_name(name: &str) -> String {
    match name.strip_prefix("check") {
        Some(rest) => format!("valid{rest}"),
        None => format!("valid_{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_valid_identifiers() {
        assert_eq!(field_name("merchantKeyId"), "merchant_key_id");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("1st"), "field_1st");
        assert_eq!(field_name("$ref"), "r#ref");
        assert_eq!(field_name(""), "field");
        assert_eq!(field_name(" "), "field");
        assert_eq!(field_name("__"), "field");
        let mut used = BTreeSet::new();
        let names: Vec<String> = ["", " ", "self", "self"]
            .iter()
            .map(|wire| unique(field_name(wire), &mut used))
            .collect();
        assert_eq!(names, ["field", "field_2", "self_", "self_2"]);
    }
}
