//! Renders the type model as Rust: serde structs that keep unknown properties, string enums,
//! and alternatives decoded by validation.

use std::collections::BTreeSet;

use askama::Template;
use heck::ToSnakeCase;

use super::templates::{EnumItem, FieldView, StructItem, UnionItem, UnionVariantView, VariantView};
use crate::error::{Error, Result};
use crate::ir::{Message, TypeDef, TypeId, TypeKind, TypeRef};

/// Rust keywords that cannot be field names without `r#` (and `self`-like ones that cannot at all).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];
const UNRAWABLE: &[&str] = &["self", "Self", "super", "crate", "_"];

/// `runtime` is the path generated code names `contractgen-runtime` by (`::contractgen_runtime`).
pub fn render_types(message: &Message, runtime: &str, attributes: &[String]) -> Result<String> {
    let mut out = String::new();
    for (id, def) in message.types.iter().enumerate() {
        let item = match &def.kind {
            TypeKind::Struct { fields } => {
                render_struct(message, runtime, id, def, fields, attributes)?
            }
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
                        let function = message.program.functions.get(v.check);
                        UnionVariantView {
                            name: v.name.clone(),
                            ty: field_type(message, runtime, id, &v.ty),
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
                    scope_arg: super::scope_arg(message),
                })?
            }
        };
        out.push_str(&item);
        out.push_str("\n\n");
    }
    Ok(out)
}

fn render_struct(
    message: &Message,
    runtime: &str,
    id: TypeId,
    def: &TypeDef,
    fields: &[crate::ir::Field],
    attributes: &[String],
) -> Result<String> {
    let mut used = BTreeSet::new();
    let mut views = Vec::new();
    for field in fields {
        let name = unique(field_name(&field.wire_name), &mut used);
        let ty = field_type(message, runtime, id, &field.ty);
        let mut attrs = Vec::new();
        let plain = name.trim_start_matches("r#");
        if plain != field.wire_name {
            attrs.push(format!(
                "#[serde(rename = \"{}\")]",
                escape(&field.wire_name)
            ));
        }
        let ty = match (&field.ty, field.required) {
            (_, true) => ty,
            (TypeRef::Nullable(inner), false) => {
                let inner = field_type(message, runtime, id, inner);
                attrs.push(
                    "#[serde(default, skip_serializing_if = \"Option::is_none\", with = \"support::double_option\")]"
                        .to_string(),
                );
                attrs.push(format!("#[schemars(with = \"Option<{inner}>\")]"));
                format!("Option<Option<{inner}>>")
            }
            (_, false) => {
                attrs.push(
                    "#[serde(default, skip_serializing_if = \"Option::is_none\")]".to_string(),
                );
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
    lines.push(format!(" Schema: `{}`.", def.location));
    lines
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
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("field_{name}");
    }
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
        candidate = format!("{}_{n}", name.trim_start_matches("r#"));
        n += 1;
    }
    candidate
}

/// The Rust type of a field of type `owner`; boxes references that lead back to `owner`.
fn field_type(message: &Message, runtime: &str, owner: TypeId, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) if reaches(message, *id, owner, &mut BTreeSet::new()) => {
            format!("Box<{}>", rust_type(message, runtime, ty))
        }
        TypeRef::Nullable(inner) => {
            format!("Option<{}>", field_type(message, runtime, owner, inner))
        }
        TypeRef::EmbeddedJson(inner) => format!(
            "{runtime}::EmbeddedJson<{}>",
            field_type(message, runtime, owner, inner)
        ),
        other => rust_type(message, runtime, other),
    }
}

/// Whether type `from` holds `to` directly (not behind a `Vec` or map), at any depth.
fn reaches(message: &Message, from: TypeId, to: TypeId, seen: &mut BTreeSet<TypeId>) -> bool {
    if from == to {
        return true;
    }
    if !seen.insert(from) {
        return false;
    }
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
    let children: Vec<TypeId> = match message.types.get(from).map(|d| &d.kind) {
        Some(TypeKind::Struct { fields }) => fields.iter().flat_map(|f| direct(&f.ty)).collect(),
        Some(TypeKind::Union { variants }) => variants.iter().flat_map(|v| direct(&v.ty)).collect(),
        _ => Vec::new(),
    };
    children
        .into_iter()
        .any(|child| reaches(message, child, to, seen))
}

pub fn rust_type(message: &Message, runtime: &str, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::StringBool => format!("{runtime}::StringBool"),
        TypeRef::Integer => "i64".into(),
        TypeRef::Number => "::serde_json::Number".into(),
        TypeRef::Any => "::serde_json::Value".into(),
        TypeRef::Named(id) => message
            .types
            .get(*id)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| "::serde_json::Value".into()),
        TypeRef::Array(inner) => format!("Vec<{}>", rust_type(message, runtime, inner)),
        TypeRef::Map(inner) if **inner == TypeRef::Any => {
            "::serde_json::Map<String, ::serde_json::Value>".into()
        }
        TypeRef::Map(inner) => format!(
            "::std::collections::BTreeMap<String, {}>",
            rust_type(message, runtime, inner)
        ),
        TypeRef::EmbeddedJson(inner) => {
            format!(
                "{runtime}::EmbeddedJson<{}>",
                rust_type(message, runtime, inner)
            )
        }
        TypeRef::Nullable(inner) => format!("Option<{}>", rust_type(message, runtime, inner)),
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
    }
}
