//! Every Kotlin name of one message, decided before anything is rendered: its package, the class
//! of each IR type, the classes that wrap union alternatives, the validator object and its
//! functions, and where the message's entry point (`ContractMessage`) lives.

use std::collections::BTreeSet;

use heck::{ToLowerCamelCase, ToUpperCamelCase};

use super::names::{self, Scope};
use crate::error::{Error, Result};
use crate::ir::{Message, TypeKind, TypeRef};

/// One alternative of a union, as Kotlin holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Alternative {
    /// A named struct, enum or union that implements the sealed interface itself.
    Direct(usize),
    /// A nested `data class <name>(val value: ...)` for anything else.
    Wrapper(String),
}

/// Where a message's `ContractMessage` is.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// The companion object of the root type, so `Request.fromJson(...)` reads naturally.
    Companion(usize),
    /// A top-level object of this name, for roots that are not a named type (arrays, maps).
    Object(String),
}

#[derive(Debug, Clone)]
pub struct MessagePlan {
    /// e.g. `contracts.getsessiontoken.request`.
    pub package: String,
    /// The Kotlin class name of each IR type, by `TypeId`.
    pub types: Vec<String>,
    /// For union types, how each alternative is held (by `TypeId`, empty for other kinds).
    pub alternatives: Vec<Vec<Alternative>>,
    /// The sealed interfaces each type implements directly, by `TypeId`.
    pub supertypes: Vec<Vec<usize>>,
    /// The name of the `Map<String, JsonElement>` of unknown properties of each struct.
    pub extra_field: Vec<String>,
    /// The Kotlin property name of each field of each struct.
    pub fields: Vec<Vec<String>>,
    pub validator: String,
    /// The Kotlin name of each program function, by `FunctionId`.
    pub functions: Vec<String>,
    pub entry: Entry,
}

impl MessagePlan {
    pub fn new(message: &Message, package: String) -> Result<Self> {
        let mut scope = Scope::with_reserved(&super::symbols::used_type_names());
        // Nested declarations that every struct and union has.
        scope.claim("Serializer");
        scope.claim("Companion");
        let types: Vec<String> = message
            .types
            .iter()
            .map(|t| scope.claim(&names::type_name(&t.name)))
            .collect();
        check_file_names(message, &types)?;

        let mut alternatives = vec![Vec::new(); types.len()];
        let mut supertypes = vec![Vec::new(); types.len()];
        for (id, def) in message.types.iter().enumerate() {
            let TypeKind::Union { variants } = &def.kind else {
                continue;
            };
            let mut seen = BTreeSet::new();
            for variant in variants {
                let alternative = match &variant.ty {
                    TypeRef::Named(target) if *target != id && seen.insert(*target) => {
                        supertypes[*target].push(id);
                        Alternative::Direct(*target)
                    }
                    _ => Alternative::Wrapper(scope.claim(&format!("{}Value", variant.name))),
                };
                alternatives[id].push(alternative);
            }
        }

        let mut fields = Vec::new();
        let mut extra_field = Vec::new();
        for def in &message.types {
            let mut field_scope = Scope::default();
            let names_here = match &def.kind {
                TypeKind::Struct { fields } => fields
                    .iter()
                    .map(|f| field_scope.claim(&names::member_name(&f.wire_name)))
                    .collect(),
                _ => Vec::new(),
            };
            extra_field.push(field_scope.claim("extra"));
            fields.push(names_here);
        }

        let message_name = message.message.to_upper_camel_case();
        let validator = scope.claim(&format!("{message_name}Validator"));
        let entry = match &message.root {
            TypeRef::Named(id) => Entry::Companion(*id),
            // `Request` unless that would shadow a name the generated code uses.
            _ if scope.is_free(&message_name) => Entry::Object(scope.claim(&message_name)),
            _ => Entry::Object(scope.claim(&format!("{message_name}Message"))),
        };

        let mut function_scope = Scope::with_reserved(&["validate"]);
        let functions = message
            .program
            .functions
            .iter()
            .map(|f| function_scope.claim(&f.name.to_lower_camel_case()))
            .collect();

        Ok(MessagePlan {
            package,
            types,
            alternatives,
            supertypes,
            extra_field,
            fields,
            validator,
            functions,
            entry,
        })
    }

    /// The name the message's `ContractMessage` is reached by from other packages.
    pub fn entry_name(&self) -> &str {
        match &self.entry {
            Entry::Companion(id) => &self.types[*id],
            Entry::Object(name) => name,
        }
    }
}

/// One file per class: names that differ only in case would overwrite each other on macOS and
/// Windows checkouts.
fn check_file_names(message: &Message, types: &[String]) -> Result<()> {
    let mut seen = BTreeSet::new();
    for (def, name) in message.types.iter().zip(types) {
        if !seen.insert(name.to_lowercase()) {
            return Err(Error::schema(
                &def.location,
                format!("the Kotlin class {name} differs from another only in letter case; rename one of the types"),
            ));
        }
    }
    Ok(())
}
