//! Renders the type model as Rust: serde structs that keep unknown properties, string enums,
//! and alternatives decoded by validation.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;

use super::names::RustNames;
use super::reads::PlainReads;
use super::templates::{EnumItem, FieldView, StructItem, UnionItem, UnionVariantView, VariantView};
use crate::error::{Error, Result};
use crate::ir::{Contracts, ModuleId, TypeDef, TypeId, TypeKind, TypeRef};

/// The module Rust code is written in: types of other modules are named by their path from it.
#[derive(Clone, Copy)]
pub struct ModuleScope<'a> {
    pub contracts: &'a Contracts,
    /// Every Rust name of the run.
    pub names: &'a RustNames,
    pub module: ModuleId,
    /// The path generated code names `contractgen-runtime` by (`::contractgen_runtime`).
    pub runtime: &'a str,
}

impl<'a> ModuleScope<'a> {
    /// `super::super::` from this module up to the crate root (or the `include!`ing module).
    pub fn path_to_root(self) -> String {
        let depth = self
            .contracts
            .modules
            .get(self.module)
            .map_or(0, |m| m.path.len());
        "super::".repeat(depth)
    }

    /// The functions of this module's program, by `FunctionId`.
    pub fn functions(self) -> &'a [String] {
        self.names
            .functions
            .get(self.module)
            .map_or(&[], Vec::as_slice)
    }

    /// The name type `id` is declared by.
    pub fn type_name(self, id: TypeId) -> &'a str {
        self.names.types.get(id).map_or("", String::as_str)
    }

    /// The name of type `id` as written here.
    fn type_path(&self, id: TypeId) -> String {
        let Some(def) = self.contracts.types.get(id) else {
            return "::serde_json::Value".into();
        };
        let name = self.type_name(id);
        match self.contracts.modules.get(def.module) {
            Some(owner) if def.module != self.module => {
                format!("{}{}::{}", self.path_to_root(), owner.path.join("::"), name)
            }
            _ => name.to_string(),
        }
    }
}

/// The attributes the user asks for: on every type, and by path (`Config::type_attribute`,
/// `Config::field_attribute`).
pub struct TypeAttributes<'a> {
    pub everywhere: &'a [String],
    pub paths: &'a super::attributes::PathAttributes,
    /// Whether types derive `schemars::JsonSchema` (the `rust.schemars` setting).
    pub schemars: bool,
}

impl TypeAttributes<'_> {
    /// Every attribute type `id` is printed with.
    fn of(&self, contracts: &Contracts, id: TypeId) -> Vec<String> {
        let mut out = self.everywhere.to_vec();
        out.extend(self.paths.for_type(contracts, id));
        out
    }
}

/// The types module `scope.module` declares.
pub fn render_types(scope: ModuleScope, user: &TypeAttributes<'_>) -> Result<String> {
    let mut out = String::new();
    let program = scope.contracts.checks(scope.module);
    let functions = scope.functions();
    let mut reads = PlainReads::default();
    for (id, def) in scope.contracts.types_of(scope.module) {
        let attributes = &user.of(scope.contracts, id);
        let name = scope.type_name(id);
        let variant_names = scope.names.variants.get(id).map_or(&[][..], Vec::as_slice);
        let item = match &def.kind {
            TypeKind::Struct { fields } => {
                render_struct(scope, id, def, fields, attributes, user, &mut reads)?
            }
            TypeKind::StringEnum { variants, open } => {
                // An open enum's catch-all is named after the known values.
                let other = open
                    .then(|| variant_names.get(variants.len()))
                    .flatten()
                    .map(String::as_str);
                let views: Vec<VariantView> = variants
                    .iter()
                    .zip(variant_names)
                    .map(|(v, name)| VariantView {
                        name: name.clone(),
                        wire: escape(&v.wire_value),
                    })
                    .collect();
                let doc = doc_for(def);
                render(&EnumItem {
                    schemars: user.schemars,
                    attributes,
                    doc: &doc,
                    name,
                    variants: &views,
                    other,
                    runtime: scope.runtime,
                })?
            }
            TypeKind::Union { variants } => {
                let views: Vec<UnionVariantView> = variants
                    .iter()
                    .zip(variant_names)
                    .map(|(v, name)| {
                        let function = program.and_then(|p| p.functions.get(v.check));
                        UnionVariantView {
                            name: name.clone(),
                            ty: field_type(scope, id, &v.ty),
                            check: functions
                                .get(v.check)
                                .map(|f| super::names::valid_name(f))
                                .unwrap_or_default(),
                            annotations: function.is_some_and(|f| f.reports_annotations),
                            integers: holds_integer(&v.ty),
                        }
                    })
                    .collect();
                let doc = doc_for(def);
                render(&UnionItem {
                    schemars: user.schemars,
                    attributes,
                    doc: &doc,
                    name,
                    variants: &views,
                    scope_arg: program.map_or("", super::scope_arg),
                    json_only: crate::ir::holds_json_only(variants),
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
    user: &TypeAttributes<'_>,
    reads: &mut PlainReads,
) -> Result<String> {
    let (names, extra) = scope.names.fields.get(id).cloned().unwrap_or_default();
    let mut views = Vec::new();
    for (index, (field, name)) in fields.iter().zip(names).enumerate() {
        let ty = field_type(scope, id, &field.ty);
        let mut attrs = user.paths.for_field(id, index);
        let plain = name.trim_start_matches("r#");
        if plain != field.wire_name {
            attrs.push(format!(
                "#[serde(rename = \"{}\")]",
                escape(&field.wire_name)
            ));
        }
        // `i64`s read `1.0` too (see `support::integer`); only decoding changes.
        let integer = holds_integer(&field.ty);
        // A required typed constant (an enum of one value) is filled in by `new`.
        let constant = field
            .required
            .then(|| constant_value(scope, &field.ty, &ty))
            .flatten();
        let param = (field.required && constant.is_none()).then(|| {
            if ty == "String" {
                "impl Into<String>".to_string()
            } else {
                ty.clone()
            }
        });
        // How the struct's own `Deserialize` reads the field's value (`support::de`): integers
        // as JSON Schema reads them, `null` apart from absent, and what it cannot read plainly
        // through `Strictly` (see `reads`).
        let plain = reads.plain(scope.contracts, id, &field.ty);
        let read = |wrapper: Option<String>| match (plain, wrapper) {
            (true, None) => "access.next_value()?".to_string(),
            (true, Some(wrapper)) => format!("access.next_value::<{wrapper}>()?.0"),
            (false, None) => "access.next_value_seed(support::de::Strictly::new())?".to_string(),
            (false, Some(wrapper)) => {
                format!("access.next_value_seed(support::de::Strictly::<{wrapper}>::new())?.0")
            }
        };
        let (ty, decode) = match (&field.ty, field.required) {
            (_, true) => {
                let decode = read(integer.then(|| format!("support::de::Integer<{ty}>")));
                (ty, decode)
            }
            (TypeRef::Nullable(inner), false) => {
                let inner = field_type(scope, id, inner);
                attrs.push(
                    "#[serde(default, skip_serializing_if = \"Option::is_none\", serialize_with = \"support::double_option::serialize\")]".to_string(),
                );
                if user.schemars {
                    attrs.push(format!("#[schemars(with = \"Option<{inner}>\")]"));
                }
                let wrapper = if integer {
                    "NullableInteger"
                } else {
                    "Nullable"
                };
                let decode = read(Some(format!("support::de::{wrapper}<{inner}>")));
                (format!("Option<Option<{inner}>>"), decode)
            }
            (_, false) => {
                attrs.push("#[serde(default, skip_serializing_if = \"Option::is_none\")]".into());
                let wrapper = if integer { "PresentInteger" } else { "Present" };
                let decode = read(Some(format!("support::de::{wrapper}<{ty}>")));
                (format!("Option<{ty}>"), decode)
            }
        };
        views.push(FieldView {
            doc: field.doc.as_deref().map(doc_lines).unwrap_or_default(),
            attrs,
            name,
            ty,
            param,
            wire: escape(&field.wire_name),
            decode,
            required: field.required,
            constant,
        });
    }
    let doc = doc_for(def);
    render(&StructItem {
        schemars: user.schemars,
        attributes,
        doc: &doc,
        name: scope.type_name(id),
        fields: &views,
        extra: &extra,
        runtime: scope.runtime,
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

/// The one value of a typed constant (a closed enum of one value) written as `rust_ty`, as
/// an expression: what `new` fills the field with.
fn constant_value(scope: ModuleScope, ty: &TypeRef, rust_ty: &str) -> Option<String> {
    let TypeRef::Named(id) = ty else { return None };
    match &scope.contracts.types.get(*id)?.kind {
        TypeKind::StringEnum {
            variants,
            open: false,
        } if variants.len() == 1 => {
            let variant = scope.names.variants.get(*id)?.first()?;
            Some(format!("{rust_ty}::{variant}"))
        }
        _ => None,
    }
}

/// Whether a field of type `ty` holds `i64`s itself (not inside a named type, which reads its
/// own, nor inside embedded JSON, which is parsed from its string).
pub(super) fn holds_integer(ty: &TypeRef) -> bool {
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
