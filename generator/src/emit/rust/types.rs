//! Renders the type model as Rust: serde structs that keep unknown properties, string enums,
//! and alternatives decoded by validation.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use heck::ToSnakeCase;

use super::templates::{EnumItem, FieldView, StructItem, UnionItem, UnionVariantView, VariantView};
use crate::error::{Error, Result};
use crate::ir::{Contracts, ModuleId, TypeDef, TypeId, TypeKind, TypeRef};

/// The module Rust code is written in: types of other modules are named by their path from it.
#[derive(Clone, Copy)]
pub struct ModuleScope<'a> {
    pub contracts: &'a Contracts,
    pub module: ModuleId,
    /// The path generated code names `contractgen-runtime` by (`::contractgen_runtime`).
    pub runtime: &'a str,
}

impl ModuleScope<'_> {
    /// `super::super::` from this module up to the crate root (or the `include!`ing module).
    pub fn path_to_root(self) -> String {
        let depth = self
            .contracts
            .modules
            .get(self.module)
            .map_or(0, |m| m.path.len());
        "super::".repeat(depth)
    }

    /// The name of type `id` as written here.
    fn type_path(&self, id: TypeId) -> String {
        let Some(def) = self.contracts.types.get(id) else {
            return "::serde_json::Value".into();
        };
        match self.contracts.modules.get(def.module) {
            Some(owner) if def.module != self.module => {
                format!(
                    "{}{}::{}",
                    self.path_to_root(),
                    owner.path.join("::"),
                    def.name
                )
            }
            _ => def.name.clone(),
        }
    }
}

/// Type names generated Rust refers to unqualified (the validators print `String::from`,
/// `Vec`, `Some`): a schema type named so would shadow the real one (`$defs/String` made every
/// `String` field recursive), and a message cannot be named so. `Self` is a keyword.
pub const UNQUALIFIED_TYPE_NAMES: &[&str] = &[
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
pub(super) fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name) || UNRAWABLE.contains(&name)
}

/// The types module `scope.module` declares.
pub fn render_types(scope: ModuleScope, attributes: &[String]) -> Result<String> {
    let mut out = String::new();
    let program = scope.contracts.checks(scope.module);
    for (id, def) in scope.contracts.types_of(scope.module) {
        let item = match &def.kind {
            TypeKind::Struct { fields } => render_struct(scope, id, def, fields, attributes)?,
            TypeKind::StringEnum { variants } => {
                let views: Vec<VariantView> = variants
                    .iter()
                    .map(|v| VariantView {
                        name: v.name.clone(),
                        wire: escape(&v.wire_value),
                    })
                    .collect();
                let doc = doc_for(def);
                render(&EnumItem {
                    attributes,
                    doc: &doc,
                    name: &def.name,
                    variants: &views,
                })?
            }
            TypeKind::Union { variants } => {
                let views: Vec<UnionVariantView> = variants
                    .iter()
                    .map(|v| {
                        let function = program.and_then(|p| p.functions.get(v.check));
                        UnionVariantView {
                            name: v.name.clone(),
                            ty: field_type(scope, id, &v.ty),
                            check: function
                                .map(|f| super::checks::valid_name(&f.name))
                                .unwrap_or_default(),
                            annotations: function.is_some_and(|f| f.reports_annotations),
                        }
                    })
                    .collect();
                let doc = doc_for(def);
                render(&UnionItem {
                    attributes,
                    doc: &doc,
                    name: &def.name,
                    variants: &views,
                    scope_arg: program.map_or("", super::scope_arg),
                })?
            }
        };
        out.push_str(&item);
        out.push_str("\n\n");
    }
    Ok(out)
}

fn render_struct(
    scope: ModuleScope,
    id: TypeId,
    def: &TypeDef,
    fields: &[crate::ir::Field],
    attributes: &[String],
) -> Result<String> {
    let mut used = BTreeSet::new();
    let mut views = Vec::new();
    for field in fields {
        let name = unique(field_name(&field.wire_name), &mut used);
        let ty = field_type(scope, id, &field.ty);
        let mut attrs = Vec::new();
        let plain = name.trim_start_matches("r#");
        if plain != field.wire_name {
            attrs.push(format!(
                "#[serde(rename = \"{}\")]",
                escape(&field.wire_name)
            ));
        }
        // `i64`s read `1.0` too (see `support::integer`); only decoding changes.
        let integer = holds_integer(&field.ty);
        let ty = match (&field.ty, field.required) {
            (_, true) => {
                if integer {
                    attrs.push(
                        "#[serde(deserialize_with = \"support::integer::deserialize\")]".into(),
                    );
                }
                ty
            }
            (TypeRef::Nullable(inner), false) => {
                let inner = field_type(scope, id, inner);
                let with = if integer {
                    "serialize_with = \"support::double_option::serialize\", deserialize_with = \"support::integer::double_option\""
                } else {
                    "with = \"support::double_option\""
                };
                attrs.push(format!(
                    "#[serde(default, skip_serializing_if = \"Option::is_none\", {with})]"
                ));
                attrs.push(format!("#[schemars(with = \"Option<{inner}>\")]"));
                format!("Option<Option<{inner}>>")
            }
            (_, false) => {
                let with = if integer {
                    ", deserialize_with = \"support::integer::deserialize\""
                } else {
                    ""
                };
                attrs.push(format!(
                    "#[serde(default, skip_serializing_if = \"Option::is_none\"{with})]"
                ));
                format!("Option<{ty}>")
            }
        };
        views.push(FieldView {
            doc: field.doc.as_deref().map(doc_lines).unwrap_or_default(),
            attrs,
            name,
            ty,
        });
    }
    let extra = ["extra", "extra_properties", "unknown_properties"]
        .into_iter()
        .find(|candidate| !used.contains(*candidate))
        .map(str::to_string)
        .unwrap_or_else(|| unique("extra".to_string(), &mut used));
    let doc = doc_for(def);
    render(&StructItem {
        attributes,
        doc: &doc,
        name: &def.name,
        fields: &views,
        extra: &extra,
    })
}

fn render(template: &impl Template) -> Result<String> {
    template
        .render()
        .map_err(|e| Error::Config(format!("template rendering failed: {e}")))
}

fn doc_for(def: &TypeDef) -> Vec<String> {
    let mut lines = def.doc.as_deref().map(doc_lines).unwrap_or_default();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!(
        " Schema: `{}`.",
        one_line(&def.location.to_string())
    ));
    lines
}

/// `text` on one doc line: control characters (a property name may hold a newline) escaped.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_control() => c.escape_default().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// Doc comment lines (each with its leading space) for a description.
pub fn doc_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            if line.trim().is_empty() {
                String::new()
            } else {
                format!(" {}", line.trim_end())
            }
        })
        .collect()
}

fn escape(text: &str) -> String {
    let debug = format!("{text:?}");
    debug[1..debug.len() - 1].to_string()
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

/// How many structs and unions may hold one another inline, each inside the last, before a
/// field is boxed. rustc computes a type's layout recursively through inline fields, and a
/// chain much longer than this overflows its query depth limit (about 60 nested properties).
const MAX_INLINE_DEPTH: usize = 24;

/// The Rust type of a field of type `owner`; boxes references that lead back to `owner`, and
/// those to a type that already holds `MAX_INLINE_DEPTH` levels of types inline.
fn field_type(scope: ModuleScope, owner: TypeId, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) if is_boxed(scope.contracts, owner, *id, &mut BTreeMap::new()) => {
            format!("Box<{}>", rust_type(scope, ty))
        }
        TypeRef::Nullable(inner) => format!("Option<{}>", field_type(scope, owner, inner)),
        TypeRef::EmbeddedJson(inner) => {
            format!(
                "{}::EmbeddedJson<{}>",
                scope.runtime,
                field_type(scope, owner, inner)
            )
        }
        other => rust_type(scope, other),
    }
}

/// Whether a field of type `ty` holds `i64`s itself (not inside a named type, which reads its
/// own, nor inside embedded JSON, which is parsed from its string).
fn holds_integer(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Integer => true,
        TypeRef::Nullable(inner) | TypeRef::Array(inner) | TypeRef::Map(inner) => {
            holds_integer(inner)
        }
        _ => false,
    }
}

/// Whether a field of `owner` holding type `target` is boxed.
fn is_boxed(
    contracts: &Contracts,
    owner: TypeId,
    target: TypeId,
    depths: &mut BTreeMap<TypeId, usize>,
) -> bool {
    reaches(contracts, target, owner, &mut BTreeSet::new())
        || inline_depth(contracts, target, depths) >= MAX_INLINE_DEPTH
}

/// The longest chain of types `id` holds inline, itself included (1 for a struct of plain
/// fields); a boxed field ends a chain.
fn inline_depth(contracts: &Contracts, id: TypeId, depths: &mut BTreeMap<TypeId, usize>) -> usize {
    if let Some(depth) = depths.get(&id) {
        return *depth;
    }
    let mut deepest = 0;
    for child in direct_children(contracts, id) {
        if !is_boxed(contracts, id, child, depths) {
            deepest = deepest.max(inline_depth(contracts, child, depths));
        }
    }
    depths.insert(id, deepest + 1);
    deepest + 1
}

/// Whether type `from` holds `to` directly (not behind a `Vec` or map), at any depth.
fn reaches(contracts: &Contracts, from: TypeId, to: TypeId, seen: &mut BTreeSet<TypeId>) -> bool {
    if from == to {
        return true;
    }
    if !seen.insert(from) {
        return false;
    }
    direct_children(contracts, from)
        .into_iter()
        .any(|child| reaches(contracts, child, to, seen))
}

/// The types `id` holds directly (not behind a `Vec` or map): through its fields or variants.
fn direct_children(contracts: &Contracts, id: TypeId) -> Vec<TypeId> {
    let direct = |ty: &TypeRef| -> Vec<TypeId> {
        let mut out = Vec::new();
        let mut ty = ty;
        loop {
            match ty {
                TypeRef::Named(id) => {
                    out.push(*id);
                    break;
                }
                TypeRef::Nullable(inner) | TypeRef::EmbeddedJson(inner) => ty = inner,
                _ => break,
            }
        }
        out
    };
    match contracts.types.get(id).map(|d| &d.kind) {
        Some(TypeKind::Struct { fields }) => fields.iter().flat_map(|f| direct(&f.ty)).collect(),
        Some(TypeKind::Union { variants }) => variants.iter().flat_map(|v| direct(&v.ty)).collect(),
        _ => Vec::new(),
    }
}

pub fn rust_type(scope: ModuleScope, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::StringBool => format!("{}::StringBool", scope.runtime),
        TypeRef::Integer => "i64".into(),
        TypeRef::Number => "::serde_json::Number".into(),
        TypeRef::Any => "::serde_json::Value".into(),
        TypeRef::Named(id) => scope.type_path(*id),
        TypeRef::Array(inner) => format!("Vec<{}>", rust_type(scope, inner)),
        TypeRef::Map(inner) if **inner == TypeRef::Any => {
            "::serde_json::Map<String, ::serde_json::Value>".into()
        }
        TypeRef::Map(inner) => format!(
            "::std::collections::BTreeMap<String, {}>",
            rust_type(scope, inner)
        ),
        TypeRef::EmbeddedJson(inner) => {
            format!(
                "{}::EmbeddedJson<{}>",
                scope.runtime,
                rust_type(scope, inner)
            )
        }
        TypeRef::Nullable(inner) => format!("Option<{}>", rust_type(scope, inner)),
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
