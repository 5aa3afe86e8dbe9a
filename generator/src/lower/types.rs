//! Builds the run's one type space from the shapes the lowering recorded (`lower::shapes`);
//! it never reads the schema itself. Types approximate each schema from above, so every valid
//! payload decodes; where no faithful type exists the field is the JSON value itself
//! (`TypeRef::Any`) and the validator still holds the whole rule. A schema location is one type
//! for the whole run, declared in the module that owns its file (see [`crate::ir::Module`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::schema::Uri;
use serde_json::Value;

use super::modules::{ModuleSlot, ModuleSpace};
use super::shapes::{Shape, Shapes};
use crate::error::{Error, Result};
use crate::ir::{
    EnumVariant, Field, ModuleId, NameHint, TypeDef, TypeId, TypeKind, TypeRef, UnionVariant,
};
use crate::schema::{DocId, Registry, SchemaRef};

/// A union branch whose validator function the owning module's program must provide.
pub struct BranchCheck {
    pub module: ModuleId,
    pub branch: SchemaRef,
    pub base: Uri,
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
    hint: NameHint,
    module: ModuleId,
}

pub struct TypeSpace<'r> {
    registry: &'r Registry,
    shapes: &'r Shapes,
    assert_content: bool,
    types: Vec<Option<TypeDef>>,
    by_target: BTreeMap<SchemaRef, TypeRef>,
    /// Locations whose type is being worked out, to stop recursion that declares no type.
    in_progress: BTreeSet<SchemaRef>,
    modules: ModuleSpace,
    checks: Vec<BranchCheck>,
}

impl<'r> TypeSpace<'r> {
    pub fn new(registry: &'r Registry, shapes: &'r Shapes, assert_content: bool) -> Self {
        TypeSpace {
            registry,
            shapes,
            assert_content,
            types: Vec::new(),
            by_target: BTreeMap::new(),
            in_progress: BTreeSet::new(),
            modules: ModuleSpace::default(),
            checks: Vec::new(),
        }
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

    /// Gives shared document `doc` its module even when it declares no type, so checks of a
    /// file with only primitive definitions live in that file's module, not in a copy per
    /// message.
    pub fn add_check_module(&mut self, doc: DocId) -> Result<()> {
        self.modules.module_of(self.registry, doc).map(|_| ())
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

    /// Reserves a slot so recursive types can refer to themselves before they are complete.
    fn declare(&mut self, at: &SchemaRef, hint: &NameHint) -> Result<Slot> {
        let module = self.modules.module_of(self.registry, at.doc)?;
        let hint = self.modules.hint_for(module, at, hint);
        let id = self.types.len();
        self.types.push(None);
        self.by_target.insert(at.clone(), TypeRef::Named(id));
        Ok(Slot { id, hint, module })
    }

    /// Completes the type declared for the schema of shape `shape` at `at`.
    fn define(&mut self, slot: Slot, at: &SchemaRef, shape: &Shape, kind: TypeKind) -> TypeRef {
        self.types[slot.id] = Some(TypeDef {
            hint: slot.hint,
            doc: shape.doc.clone(),
            location: self.registry.location(at),
            module: slot.module,
            kind,
        });
        TypeRef::Named(slot.id)
    }

    /// The type of the schema at `at`. `hint` names a type created for it.
    pub fn type_of(&mut self, at: &SchemaRef, base: &Uri, hint: &NameHint) -> Result<TypeRef> {
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

    fn type_of_new(&mut self, at: &SchemaRef, base: &Uri, hint: &NameHint) -> Result<TypeRef> {
        // Booleans have no shape: they type as the JSON value.
        let shapes = self.shapes;
        let Some(shape) = shapes.get(at) else {
            return Ok(TypeRef::Any);
        };
        let base = self.registry.base_of(at).unwrap_or_else(|| base.clone());
        let nullable = shape.types.iter().any(|t| t == "null");
        let non_null: Vec<&str> = shape
            .types
            .iter()
            .map(String::as_str)
            .filter(|t| *t != "null")
            .collect();
        let inner = self.shape(at, &base, shape, &non_null, hint)?;
        Ok(match (nullable, non_null.is_empty(), inner) {
            (true, false, TypeRef::Any) => TypeRef::Any,
            (true, false, inner) => TypeRef::Nullable(Box::new(inner)),
            (_, _, inner) => inner,
        })
    }

    fn shape(
        &mut self,
        at: &SchemaRef,
        base: &Uri,
        shape: &Shape,
        types: &[&str],
        hint: &NameHint,
    ) -> Result<TypeRef> {
        if let Some(resolved) = shape.reference.as_ref().filter(|_| !shape.own_type) {
            let target_hint = pointer_name(&resolved.target.pointer)
                .map_or_else(|| hint.clone(), |name| NameHint::given(&name));
            return self.type_of(&resolved.target, &resolved.base, &target_hint);
        }
        if let Some(value) = &shape.constant {
            return Ok(match value {
                // A string constant is a typed constant: an enum of that one value, which the
                // languages construct without being told (the user never writes the string).
                Value::String(_) => {
                    return self.enum_type(at, shape, std::slice::from_ref(value), hint)
                }
                Value::Bool(_) => TypeRef::Bool,
                // `1.0` equals `1` in JSON Schema, so a number constant stays a JSON number.
                Value::Number(_) => TypeRef::Number,
                _ => TypeRef::Any,
            });
        }
        if let Some(values) = &shape.values {
            return self.enum_type(at, shape, values, hint);
        }
        if let Some(known) = self.open_enum_values(at, shape, types) {
            return self.open_enum_type(at, shape, known, hint);
        }
        match types {
            [] => self.untyped(at, base, shape, hint),
            [single] => self.typed(at, base, shape, single, hint),
            _ => Ok(TypeRef::Any),
        }
    }

    fn enum_type(
        &mut self,
        at: &SchemaRef,
        shape: &Shape,
        values: &[Value],
        hint: &NameHint,
    ) -> Result<TypeRef> {
        let strings: Option<Vec<&str>> = values.iter().map(Value::as_str).collect();
        let Some(mut strings) = strings.filter(|s| !s.is_empty()) else {
            return Ok(TypeRef::Any);
        };
        // `enum` values SHOULD be unique, and need not be: one variant each.
        let mut seen = BTreeSet::new();
        strings.retain(|value| seen.insert(*value));
        let set: BTreeSet<&str> = strings.iter().copied().collect();
        if set == BTreeSet::from(["false", "true"]) {
            return Ok(TypeRef::StringBool);
        }
        let slot = self.declare(at, hint)?;
        let variants = strings
            .iter()
            .map(|wire| EnumVariant {
                wire_value: wire.to_string(),
            })
            .collect();
        let kind = TypeKind::StringEnum {
            variants,
            open: false,
        };
        Ok(self.define(slot, at, shape, kind))
    }

    /// The known values of an open enum: `anyOf` whose branches are each either fixed strings
    /// (`enum`, `const`, directly or through `$ref`) or any string (`type: string` without
    /// values), with at least one of each. Any other schema is no open enum.
    fn open_enum_values(
        &self,
        at: &SchemaRef,
        shape: &Shape,
        types: &[&str],
    ) -> Option<Vec<String>> {
        let (keyword, count) = shape.alternatives?;
        if keyword != "anyOf" || !types.iter().all(|t| *t == "string") {
            return None;
        }
        let mut known: Vec<String> = Vec::new();
        let mut any_string = false;
        for i in 0..count {
            let branch = self.followed(&at.child(&[keyword, &i.to_string()]))?;
            let strings_only = branch.types.iter().all(|t| t == "string");
            match (&branch.values, &branch.constant) {
                (Some(values), None) if strings_only => {
                    for value in values {
                        let value = value.as_str()?.to_string();
                        if !known.contains(&value) {
                            known.push(value);
                        }
                    }
                }
                (None, Some(Value::String(value))) if strings_only => {
                    if !known.contains(value) {
                        known.push(value.clone());
                    }
                }
                (None, None) if branch.types == ["string"] && branch.alternatives.is_none() => {
                    any_string = true;
                }
                _ => return None,
            }
        }
        (any_string && !known.is_empty()).then_some(known)
    }

    /// The shape at `at`, through a `$ref` that alone decides it.
    fn followed(&self, at: &SchemaRef) -> Option<&'r Shape> {
        let shapes = self.shapes;
        let shape = shapes.get(at)?;
        match &shape.reference {
            Some(resolved) if !shape.own_type => shapes.get(&resolved.target),
            _ => Some(shape),
        }
    }

    fn open_enum_type(
        &mut self,
        at: &SchemaRef,
        shape: &Shape,
        known: Vec<String>,
        hint: &NameHint,
    ) -> Result<TypeRef> {
        let slot = self.declare(at, hint)?;
        let variants = known
            .into_iter()
            .map(|wire_value| EnumVariant { wire_value })
            .collect();
        let kind = TypeKind::StringEnum {
            variants,
            open: true,
        };
        Ok(self.define(slot, at, shape, kind))
    }

    fn typed(
        &mut self,
        at: &SchemaRef,
        base: &Uri,
        shape: &Shape,
        ty: &str,
        hint: &NameHint,
    ) -> Result<TypeRef> {
        Ok(match ty {
            "string" => self.string_type(at, base, shape, hint)?,
            "boolean" => TypeRef::Bool,
            "integer" if shape.bounded_to_i64 => TypeRef::Integer,
            // An unbounded integer may exceed 64 bits: keep it as a lossless JSON number.
            "integer" => TypeRef::Number,
            "number" => TypeRef::Number,
            "array" => self.array_type(at, base, shape, hint)?,
            "object" => self.object_type(at, base, shape, hint)?,
            _ => TypeRef::Any,
        })
    }

    fn untyped(
        &mut self,
        at: &SchemaRef,
        base: &Uri,
        shape: &Shape,
        hint: &NameHint,
    ) -> Result<TypeRef> {
        // `properties` without `type: object` also accepts every non-object value, which no
        // struct can hold: such a schema is typed as the JSON value.
        if let Some((keyword, count)) = shape.alternatives {
            return self.union_type(at, base, shape, keyword, count, hint);
        }
        if shape.single_all_of {
            return self.type_of(&at.child(&["allOf", "0"]), base, hint);
        }
        Ok(TypeRef::Any)
    }

    fn string_type(
        &mut self,
        at: &SchemaRef,
        base: &Uri,
        shape: &Shape,
        hint: &NameHint,
    ) -> Result<TypeRef> {
        // Without content assertion a non-JSON string is valid, so it cannot be typed as JSON.
        if !(shape.json_content && self.assert_content) || shape.content_encoding {
            return Ok(TypeRef::String);
        }
        let inner = if shape.content_schema {
            self.type_of(&at.child(&["contentSchema"]), base, hint)?
        } else {
            TypeRef::Any
        };
        Ok(TypeRef::EmbeddedJson(Box::new(inner)))
    }

    fn array_type(
        &mut self,
        at: &SchemaRef,
        base: &Uri,
        shape: &Shape,
        hint: &NameHint,
    ) -> Result<TypeRef> {
        if shape.prefix_items {
            return Ok(TypeRef::Array(Box::new(TypeRef::Any)));
        }
        let item = if shape.items {
            self.type_of(&at.child(&["items"]), base, &hint.with("Item"))?
        } else {
            TypeRef::Any
        };
        Ok(TypeRef::Array(Box::new(item)))
    }

    fn object_type(
        &mut self,
        at: &SchemaRef,
        base: &Uri,
        shape: &Shape,
        hint: &NameHint,
    ) -> Result<TypeRef> {
        if shape.properties.is_empty() {
            let value = if shape.additional_properties {
                self.type_of(
                    &at.child(&["additionalProperties"]),
                    base,
                    &hint.with("Value"),
                )?
            } else {
                TypeRef::Any
            };
            return Ok(TypeRef::Map(Box::new(value)));
        }
        let slot = self.declare(at, hint)?;
        let required: BTreeSet<&String> = shape.required.iter().collect();
        let mut fields = Vec::new();
        for wire_name in &shape.properties {
            let field_at = at.child(&["properties", wire_name]);
            let field_hint = NameHint::of_type(slot.id).with(wire_name);
            let ty = self.type_of(&field_at, base, &field_hint)?;
            let doc = self.field_doc(&field_at);
            fields.push(Field {
                wire_name: wire_name.clone(),
                doc,
                ty,
                required: required.contains(wire_name),
            });
        }
        Ok(self.define(slot, at, shape, TypeKind::Struct { fields }))
    }

    /// A field's documentation; a field that is only a `$ref` takes the target's.
    fn field_doc(&self, at: &SchemaRef) -> Option<String> {
        let shape = self.shapes.get(at)?;
        shape.doc.clone().or_else(|| {
            let target = &shape.reference.as_ref()?.target;
            self.shapes.get(target)?.doc.clone()
        })
    }

    fn union_type(
        &mut self,
        at: &SchemaRef,
        base: &Uri,
        shape: &Shape,
        keyword: &str,
        count: usize,
        hint: &NameHint,
    ) -> Result<TypeRef> {
        let slot = self.declare(at, hint)?;
        let mut variants = Vec::new();
        for i in 0..count {
            let branch = at.child(&[keyword, &i.to_string()]);
            let branch_hint = NameHint::of_type(slot.id).with(&(i + 1).to_string());
            let ty = self.type_of(&branch, base, &branch_hint)?;
            // The owning module's program provides the check; its id is filled in then.
            self.checks.push(BranchCheck {
                module: slot.module,
                branch,
                base: base.clone(),
                ty: slot.id,
                variant: variants.len(),
            });
            variants.push(UnionVariant { ty, check: 0 });
        }
        Ok(self.define(slot, at, shape, TypeKind::Union { variants }))
    }
}

/// A type name from the last meaningful pointer token (`/$defs/BankAccount` -> `BankAccount`).
fn pointer_name(pointer: &str) -> Option<String> {
    let token = pointer.rsplit('/').next()?;
    if token.is_empty() || token.parse::<usize>().is_ok() {
        return None;
    }
    Some(token.replace("~1", "/").replace("~0", "~"))
}
