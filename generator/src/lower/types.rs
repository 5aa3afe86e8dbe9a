//! Lowers schemas into the run's one type space. Types approximate each schema from above, so
//! every valid payload decodes; where no faithful type exists the field is the JSON value itself
//! (`TypeRef::Any`) and the validator still holds the whole rule. A schema location is one type
//! for the whole run, declared in the module that owns its file (see [`crate::ir::Module`]).

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;
use serde_json::{Map, Value};
use url::Url;

use super::modules::{ModuleSlot, ModuleSpace};
use crate::error::{Error, Result};
use crate::ir::{EnumVariant, Field, ModuleId, TypeDef, TypeId, TypeKind, TypeRef, UnionVariant};
use crate::schema::{DocId, Registry, SchemaRef};

/// A union branch whose validator function the owning module's program must provide.
pub struct BranchCheck {
    pub module: ModuleId,
    pub branch: SchemaRef,
    pub base: Url,
    pub ty: TypeId,
    pub variant: usize,
}

/// What lowering the types produced.
pub struct LoweredTypes {
    pub types: Vec<TypeDef>,
    pub modules: Vec<ModuleSlot>,
    /// In the order they were asked for, so function numbering is stable.
    pub checks: Vec<BranchCheck>,
}

/// A declared type whose definition is not complete yet.
struct Slot {
    id: TypeId,
    name: String,
    module: ModuleId,
}

pub struct TypeSpace<'r> {
    registry: &'r mut Registry,
    assert_content: bool,
    types: Vec<Option<TypeDef>>,
    by_target: BTreeMap<SchemaRef, TypeRef>,
    /// Locations whose type is being worked out, to stop recursion that declares no type.
    in_progress: BTreeSet<SchemaRef>,
    modules: ModuleSpace,
    checks: Vec<BranchCheck>,
}

impl<'r> TypeSpace<'r> {
    /// `reserved` are names the generated code uses next to the types.
    pub fn new(registry: &'r mut Registry, assert_content: bool, reserved: &[&str]) -> Self {
        TypeSpace {
            registry,
            assert_content,
            types: Vec::new(),
            by_target: BTreeMap::new(),
            in_progress: BTreeSet::new(),
            modules: ModuleSpace::new(reserved),
            checks: Vec::new(),
        }
    }

    pub fn registry(&mut self) -> &mut Registry {
        self.registry
    }

    /// Adds the module of message `index` (see [`ModuleSpace::add_message`]).
    pub fn add_message(
        &mut self,
        index: usize,
        path: Vec<String>,
        doc: DocId,
        root: &str,
    ) -> ModuleId {
        self.modules
            .add_message(self.registry, index, path, doc, root)
    }

    /// Lowers the types of the message of `module` from here on.
    pub fn enter(&mut self, module: ModuleId) {
        self.modules.enter(module);
    }

    pub fn finish(self) -> Result<LoweredTypes> {
        let types = self
            .types
            .into_iter()
            .enumerate()
            .map(|(i, t)| t.ok_or_else(|| Error::Config(format!("type {i} was never defined"))))
            .collect::<Result<Vec<_>>>()?;
        Ok(LoweredTypes {
            types,
            modules: self.modules.finish(),
            checks: self.checks,
        })
    }

    /// Reserves a slot, and the name, so recursive types can refer to themselves before they
    /// are complete.
    fn declare(&mut self, at: &SchemaRef, hint: &str) -> Result<Slot> {
        let module = self.modules.module_of(self.registry, at.doc)?;
        let name = self.modules.name_for(module, at, hint);
        let id = self.types.len();
        self.types.push(None);
        self.by_target.insert(at.clone(), TypeRef::Named(id));
        Ok(Slot { id, name, module })
    }

    /// Completes the type declared for the schema `map` at `at`.
    fn define(
        &mut self,
        slot: Slot,
        at: &SchemaRef,
        map: &Map<String, Value>,
        kind: TypeKind,
    ) -> TypeRef {
        self.types[slot.id] = Some(TypeDef {
            name: slot.name,
            doc: doc_of(map),
            location: self.registry.location(at),
            module: slot.module,
            kind,
        });
        TypeRef::Named(slot.id)
    }

    /// The type of the schema at `at`. `hint` names a type created for it.
    pub fn type_of(&mut self, at: &SchemaRef, base: &Url, hint: &str) -> Result<TypeRef> {
        if let Some(known) = self.by_target.get(at) {
            return Ok(known.clone());
        }
        // Back at a location still being typed, with no named type declared on the way (an
        // array of itself, `{"items": {"$ref": "#"}}`): no finite type spells that out, so the
        // inner occurrence is the JSON value, which holds it; the validator checks it exactly.
        if !self.in_progress.insert(at.clone()) {
            return Ok(TypeRef::Any);
        }
        let result = self.type_of_new(at, base, hint);
        self.in_progress.remove(at);
        result
    }

    fn type_of_new(&mut self, at: &SchemaRef, base: &Url, hint: &str) -> Result<TypeRef> {
        let value = self.registry.value(at).cloned();
        let Some(Value::Object(map)) = value else {
            return Ok(TypeRef::Any);
        };
        let base = self.registry.base_of(at).unwrap_or_else(|| base.clone());
        let types = declared_types(&map);
        let nullable = types.iter().any(|t| t == "null");
        let non_null: Vec<&str> = types
            .iter()
            .map(String::as_str)
            .filter(|t| *t != "null")
            .collect();
        let inner = self.shape(at, &base, &map, &non_null, hint)?;
        Ok(match (nullable, non_null.is_empty(), inner) {
            (true, false, TypeRef::Any) => TypeRef::Any,
            (true, false, inner) => TypeRef::Nullable(Box::new(inner)),
            (_, _, inner) => inner,
        })
    }

    fn shape(
        &mut self,
        at: &SchemaRef,
        base: &Url,
        map: &Map<String, Value>,
        types: &[&str],
        hint: &str,
    ) -> Result<TypeRef> {
        if let Some(Value::String(reference)) = map.get("$ref") {
            if !shapes_own_type(map) {
                let location = self.registry.location(at).join("$ref");
                let resolved = self.registry.resolve(base, reference, &location)?;
                let target_hint =
                    pointer_name(&resolved.target.pointer).unwrap_or_else(|| hint.to_string());
                return self.type_of(&resolved.target, &resolved.base, &target_hint);
            }
        }
        if let Some(value) = map.get("const") {
            return Ok(match value {
                Value::String(_) => TypeRef::String,
                Value::Bool(_) => TypeRef::Bool,
                // `1.0` equals `1` in JSON Schema, so a number constant stays a JSON number.
                Value::Number(_) => TypeRef::Number,
                _ => TypeRef::Any,
            });
        }
        if let Some(Value::Array(values)) = map.get("enum") {
            return self.enum_type(at, map, values, hint);
        }
        match types {
            [] => self.untyped(at, base, map, hint),
            [single] => self.typed(at, base, map, single, hint),
            _ => Ok(TypeRef::Any),
        }
    }

    fn enum_type(
        &mut self,
        at: &SchemaRef,
        map: &Map<String, Value>,
        values: &[Value],
        hint: &str,
    ) -> Result<TypeRef> {
        let strings: Option<Vec<&str>> = values.iter().map(Value::as_str).collect();
        let Some(strings) = strings.filter(|s| !s.is_empty()) else {
            return Ok(TypeRef::Any);
        };
        let set: BTreeSet<&str> = strings.iter().copied().collect();
        if set == BTreeSet::from(["false", "true"]) {
            return Ok(TypeRef::StringBool);
        }
        let slot = self.declare(at, hint)?;
        let mut used = BTreeSet::new();
        let variants = strings
            .iter()
            .map(|wire| {
                let mut variant = wire.to_upper_camel_case();
                variant.retain(|c| c.is_ascii_alphanumeric());
                if variant.is_empty() || variant.starts_with(|c: char| c.is_ascii_digit()) {
                    variant = format!("V{variant}");
                }
                // `Self` is a Rust keyword, and no raw identifier can spell it.
                if variant == "Self" {
                    variant = "SelfValue".to_string();
                }
                let mut unique = variant.clone();
                let mut n = 2;
                while !used.insert(unique.clone()) {
                    unique = format!("{variant}{n}");
                    n += 1;
                }
                EnumVariant {
                    name: unique,
                    wire_value: wire.to_string(),
                }
            })
            .collect();
        Ok(self.define(slot, at, map, TypeKind::StringEnum { variants }))
    }

    fn typed(
        &mut self,
        at: &SchemaRef,
        base: &Url,
        map: &Map<String, Value>,
        ty: &str,
        hint: &str,
    ) -> Result<TypeRef> {
        Ok(match ty {
            "string" => self.string_type(at, base, map, hint)?,
            "boolean" => TypeRef::Bool,
            "integer" if bounded_to_i64(map) => TypeRef::Integer,
            // An unbounded integer may exceed 64 bits: keep it as a lossless JSON number.
            "integer" => TypeRef::Number,
            "number" => TypeRef::Number,
            "array" => self.array_type(at, base, map, hint)?,
            "object" => self.object_type(at, base, map, hint)?,
            _ => TypeRef::Any,
        })
    }

    fn untyped(
        &mut self,
        at: &SchemaRef,
        base: &Url,
        map: &Map<String, Value>,
        hint: &str,
    ) -> Result<TypeRef> {
        // `properties` without `type: object` also accepts every non-object value, which no
        // struct can hold: such a schema is typed as the JSON value.
        for keyword in ["oneOf", "anyOf"] {
            if let Some(Value::Array(branches)) = map.get(keyword) {
                return self.union_type(at, base, map, keyword, branches.len(), hint);
            }
        }
        if let Some(Value::Array(parts)) = map.get("allOf") {
            if parts.len() == 1 {
                return self.type_of(&at.child(&["allOf", "0"]), base, hint);
            }
        }
        Ok(TypeRef::Any)
    }

    fn string_type(
        &mut self,
        at: &SchemaRef,
        base: &Url,
        map: &Map<String, Value>,
        hint: &str,
    ) -> Result<TypeRef> {
        let json = matches!(map.get("contentMediaType"), Some(Value::String(t)) if t == "application/json");
        // Without content assertion a non-JSON string is valid, so it cannot be typed as JSON.
        if !(json && self.assert_content) || map.contains_key("contentEncoding") {
            return Ok(TypeRef::String);
        }
        let inner = if map.contains_key("contentSchema") {
            self.type_of(&at.child(&["contentSchema"]), base, hint)?
        } else {
            TypeRef::Any
        };
        Ok(TypeRef::EmbeddedJson(Box::new(inner)))
    }

    fn array_type(
        &mut self,
        at: &SchemaRef,
        base: &Url,
        map: &Map<String, Value>,
        hint: &str,
    ) -> Result<TypeRef> {
        if map.contains_key("prefixItems") {
            return Ok(TypeRef::Array(Box::new(TypeRef::Any)));
        }
        let item = match map.get("items") {
            Some(Value::Object(_)) => {
                self.type_of(&at.child(&["items"]), base, &format!("{hint}Item"))?
            }
            _ => TypeRef::Any,
        };
        Ok(TypeRef::Array(Box::new(item)))
    }

    fn object_type(
        &mut self,
        at: &SchemaRef,
        base: &Url,
        map: &Map<String, Value>,
        hint: &str,
    ) -> Result<TypeRef> {
        let properties = match map.get("properties") {
            Some(Value::Object(p)) if !p.is_empty() => p.clone(),
            _ => {
                let value = match map.get("additionalProperties") {
                    Some(Value::Object(_)) => self.type_of(
                        &at.child(&["additionalProperties"]),
                        base,
                        &format!("{hint}Value"),
                    )?,
                    _ => TypeRef::Any,
                };
                return Ok(TypeRef::Map(Box::new(value)));
            }
        };
        let slot = self.declare(at, hint)?;
        let required: BTreeSet<String> = map
            .get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let mut fields = Vec::new();
        for (wire_name, schema) in &properties {
            let field_at = at.child(&["properties", wire_name]);
            let field_hint = format!("{}{}", slot.name, wire_name.to_upper_camel_case());
            let ty = self.type_of(&field_at, base, &field_hint)?;
            let doc = match schema {
                Value::Object(m) => doc_of(m).or_else(|| self.ref_doc(&field_at, base, m)),
                _ => None,
            };
            fields.push(Field {
                wire_name: wire_name.clone(),
                doc,
                ty,
                required: required.contains(wire_name),
            });
        }
        Ok(self.define(slot, at, map, TypeKind::Struct { fields }))
    }

    /// A field that is only a `$ref` takes its documentation from the target.
    fn ref_doc(&mut self, at: &SchemaRef, base: &Url, map: &Map<String, Value>) -> Option<String> {
        let reference = map.get("$ref")?.as_str()?;
        let location = self.registry.location(at);
        let resolved = self.registry.resolve(base, reference, &location).ok()?;
        match self.registry.value(&resolved.target)? {
            Value::Object(target) => doc_of(target),
            _ => None,
        }
    }

    fn union_type(
        &mut self,
        at: &SchemaRef,
        base: &Url,
        map: &Map<String, Value>,
        keyword: &str,
        count: usize,
        hint: &str,
    ) -> Result<TypeRef> {
        let slot = self.declare(at, hint)?;
        let mut variants = Vec::new();
        let mut used = BTreeSet::new();
        for i in 0..count {
            let branch = at.child(&[keyword, &i.to_string()]);
            let ty = self.type_of(&branch, base, &format!("{}{}", slot.name, i + 1))?;
            let mut variant = match &ty {
                TypeRef::Named(t) => self
                    .types
                    .get(*t)
                    .and_then(|d| d.as_ref())
                    .map(|d| d.name.clone())
                    .unwrap_or_default(),
                other => primitive_name(other).to_string(),
            };
            if variant.is_empty() || !used.insert(variant.clone()) {
                variant = format!("Variant{}", i + 1);
                used.insert(variant.clone());
            }
            // The owning module's program provides the check; its id is filled in then.
            self.checks.push(BranchCheck {
                module: slot.module,
                branch,
                base: base.clone(),
                ty: slot.id,
                variant: variants.len(),
            });
            variants.push(UnionVariant {
                name: variant,
                ty,
                check: 0,
            });
        }
        Ok(self.define(slot, at, map, TypeKind::Union { variants }))
    }
}

/// Whether `minimum`/`exclusiveMinimum` and `maximum`/`exclusiveMaximum` keep an integer
/// within 64 bits, so it can be an `i64` / `Long`.
fn bounded_to_i64(map: &Map<String, Value>) -> bool {
    let bound = |keys: [&str; 2]| {
        keys.iter()
            .filter_map(|k| map.get(*k).and_then(Value::as_f64))
            .any(|f| f.abs() < 9.0e18)
    };
    bound(["minimum", "exclusiveMinimum"]) && bound(["maximum", "exclusiveMaximum"])
}

fn primitive_name(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String | TypeRef::StringBool => "String",
        TypeRef::Bool => "Bool",
        TypeRef::Integer => "Integer",
        TypeRef::Number => "Number",
        TypeRef::Array(_) => "Array",
        TypeRef::Map(_) => "Object",
        TypeRef::EmbeddedJson(_) => "Json",
        TypeRef::Nullable(_) => "Nullable",
        TypeRef::Any | TypeRef::Named(_) => "",
    }
}

/// Whether a schema next to its `$ref` says enough about its own shape that the reference
/// alone does not decide the type.
fn shapes_own_type(map: &Map<String, Value>) -> bool {
    [
        "type",
        "properties",
        "enum",
        "const",
        "items",
        "oneOf",
        "anyOf",
        "allOf",
    ]
    .iter()
    .any(|k| map.contains_key(*k))
}

fn declared_types(map: &Map<String, Value>) -> Vec<String> {
    match map.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn doc_of(map: &Map<String, Value>) -> Option<String> {
    map.get("description")
        .or_else(|| map.get("title"))
        .and_then(Value::as_str)
        .and_then(super::docs::doc_text)
}

/// A type name from the last meaningful pointer token (`/$defs/BankAccount` -> `BankAccount`).
fn pointer_name(pointer: &str) -> Option<String> {
    let token = pointer.rsplit('/').next()?;
    if token.is_empty() || token.parse::<usize>().is_ok() {
        return None;
    }
    Some(token.replace("~1", "/").replace("~0", "~"))
}
