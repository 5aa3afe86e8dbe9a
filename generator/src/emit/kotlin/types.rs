//! Kotlin types for IR type references: the declared type of a property, and the serializer
//! expression that reads and writes it exactly as the validator sees it.

use super::layout::Expr;
use super::plan::Plan;
use super::symbols::{Symbols, NULLABLE_EXTENSION, SERIALIZER_EXTENSION};
use crate::ir::{ModuleId, TypeRef};

/// File-wide needs a type brings with it (`@file:UseSerializers`).
#[derive(Debug, Default, Clone, Copy)]
pub struct FileNeeds {
    /// `Long` read through `JsonIntegerSerializer` (accepts `1.0`).
    pub integer: bool,
    /// `BigDecimal` through `JsonNumberSerializer`.
    pub number: bool,
}

impl FileNeeds {
    /// The `@file:UseSerializers(...)` annotation, if any.
    pub fn annotation(&self, symbols: &mut Symbols) -> Option<String> {
        let mut list = Vec::new();
        if self.integer {
            list.push(format!("{}::class", symbols.name("JsonIntegerSerializer")));
        }
        if self.number {
            list.push(format!("{}::class", symbols.name("JsonNumberSerializer")));
        }
        if list.is_empty() {
            return None;
        }
        Some(format!(
            "@file:{}({})",
            symbols.name("UseSerializers"),
            list.join(", ")
        ))
    }
}

/// Renders type references in one file of module `module`.
pub struct TypeRenderer<'a> {
    pub plan: &'a Plan,
    pub module: ModuleId,
    pub needs: FileNeeds,
}

impl<'a> TypeRenderer<'a> {
    pub fn new(plan: &'a Plan, module: ModuleId) -> Self {
        TypeRenderer {
            plan,
            module,
            needs: FileNeeds::default(),
        }
    }

    /// The Kotlin type of `ty`. A string-encoded boolean at the top is left to a property
    /// annotation (see [`property_annotation`]); inside generics it is annotated in place.
    pub fn kotlin_type(&mut self, ty: &TypeRef, symbols: &mut Symbols) -> String {
        match ty {
            TypeRef::StringBool => symbols.name("Boolean"),
            TypeRef::Nullable(inner) => {
                let inner = self.kotlin_type(inner, symbols);
                if inner.ends_with('?') {
                    inner
                } else {
                    format!("{inner}?")
                }
            }
            other => self.argument_type(other, symbols),
        }
    }

    fn argument_type(&mut self, ty: &TypeRef, symbols: &mut Symbols) -> String {
        match ty {
            TypeRef::String => symbols.name("String"),
            TypeRef::Bool => symbols.name("Boolean"),
            TypeRef::StringBool => format!(
                "@{}(with = {}::class) {}",
                symbols.name("Serializable"),
                symbols.name("StringBoolSerializer"),
                symbols.name("Boolean")
            ),
            TypeRef::Integer => {
                self.needs.integer = true;
                symbols.name("Long")
            }
            TypeRef::Number => {
                self.needs.number = true;
                symbols.name("BigDecimal")
            }
            TypeRef::Any => symbols.name("JsonElement"),
            TypeRef::Named(id) => self.plan.class_ref(*id, self.module, symbols),
            TypeRef::Array(item) => {
                format!(
                    "{}<{}>",
                    symbols.name("List"),
                    self.argument_type(item, symbols)
                )
            }
            TypeRef::Map(value) => format!(
                "{}<{}, {}>",
                symbols.name("Map"),
                symbols.name("String"),
                self.argument_type(value, symbols)
            ),
            TypeRef::EmbeddedJson(inner) => {
                format!(
                    "{}<{}>",
                    symbols.name("EmbeddedJson"),
                    self.argument_type(inner, symbols)
                )
            }
            TypeRef::Nullable(inner) => {
                let inner = self.argument_type(inner, symbols);
                if inner.ends_with('?') {
                    inner
                } else {
                    format!("{inner}?")
                }
            }
        }
    }

    /// The serializer expression for `ty`, for code that picks serializers by hand (unions).
    pub fn serializer(&mut self, ty: &TypeRef, symbols: &mut Symbols) -> String {
        self.serializer_expr(ty, symbols).flat()
    }

    /// [`Self::serializer`] as an expression ktfmt may break between the arguments of the
    /// serializers it nests (a nullable one stays whole: `.nullable` follows the call).
    pub fn serializer_expr(&mut self, ty: &TypeRef, symbols: &mut Symbols) -> Expr {
        match ty {
            TypeRef::String => {
                symbols.import(SERIALIZER_EXTENSION);
                Expr::atom(format!("{}.serializer()", symbols.name("String")))
            }
            TypeRef::Bool => {
                symbols.import(SERIALIZER_EXTENSION);
                Expr::atom(format!("{}.serializer()", symbols.name("Boolean")))
            }
            TypeRef::StringBool => Expr::atom(symbols.name("StringBoolSerializer")),
            TypeRef::Integer => Expr::atom(symbols.name("JsonIntegerSerializer")),
            TypeRef::Number => Expr::atom(symbols.name("JsonNumberSerializer")),
            TypeRef::Any => Expr::atom(format!("{}.serializer()", symbols.name("JsonElement"))),
            TypeRef::Named(id) => Expr::atom(format!(
                "{}.serializer()",
                self.plan.class_ref(*id, self.module, symbols)
            )),
            TypeRef::Array(item) => {
                let item = self.serializer_expr(item, symbols);
                Expr::call(symbols.name("ListSerializer"), vec![item])
            }
            TypeRef::Map(value) => {
                let key = self.serializer_expr(&TypeRef::String, symbols);
                let value = self.serializer_expr(value, symbols);
                Expr::call(symbols.name("MapSerializer"), vec![key, value])
            }
            TypeRef::EmbeddedJson(inner) => {
                let inner = self.serializer_expr(inner, symbols);
                Expr::call(symbols.name("EmbeddedJsonSerializer"), vec![inner])
            }
            TypeRef::Nullable(inner) => {
                symbols.import(NULLABLE_EXTENSION);
                Expr::atom(format!("{}.nullable", self.serializer(inner, symbols)))
            }
        }
    }
}

/// The annotation a property of type `ty` needs for its own serializer, if any.
pub fn property_annotation(ty: &TypeRef, symbols: &mut Symbols) -> Option<String> {
    match ty {
        TypeRef::StringBool => Some(format!(
            "@{}(with = {}::class)",
            symbols.name("Serializable"),
            symbols.name("StringBoolSerializer")
        )),
        TypeRef::Nullable(inner) => property_annotation(inner, symbols),
        _ => None,
    }
}
