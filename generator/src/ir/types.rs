//! The type model: structs, string enums and alternatives, as a user of the payload sees them.
//! Types approximate the schema from above (every valid payload decodes); the validator is exact.

use crate::error::Location;

pub type TypeId = usize;
pub type ModuleId = usize;

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// What the schema suggests calling the type; each language styles it and makes it
    /// unique in its own way (`emit::rust::names`, `emit::kotlin::plan`).
    pub hint: NameHint,
    pub doc: Option<String>,
    /// Where the type is defined: its schema file and pointer.
    pub location: Location,
    /// The output module that declares the type; every other module refers to it there.
    pub module: ModuleId,
    pub kind: TypeKind,
}

/// One output module (a Rust module, a Kotlin package). A type defined in a message's schema
/// file lives in that message's module; a type defined in another file under the schema
/// directory lives in one module for that file; a type from outside it (a built-in
/// meta-schema, a mapped URI prefix) lives in the module of the first message that uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// snake_case segments below the crate root or base package: `["get_session_token",
    /// "request"]`, or the file's path for a shared file (`shared/upi.json` -> `["shared",
    /// "upi"]`).
    pub path: Vec<String>,
    /// The schema file the module is generated from, relative to the schema directory.
    pub schema_file: String,
    pub kind: ModuleKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ModuleKind {
    /// The module of `Contracts::messages[index]`.
    Message(usize),
    /// A schema file that is no message; `checks` holds the branch checks of its unions.
    Shared { checks: super::check::CheckProgram },
}

/// A type's name as the schema suggests it, in no language's style: where the words come from,
/// then words appended (a property name, `Item`, a branch number).
#[derive(Debug, Clone, PartialEq)]
pub struct NameHint {
    pub base: HintBase,
    pub suffix: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum HintBase {
    /// The type of a whole message, named after its message file (`request`): it keeps that
    /// name in its module, even where the name is otherwise reserved.
    Message(String),
    /// Words from the schema: a message file (for a part of its payload), a `$defs` key, a
    /// shared file's stem.
    Given(String),
    /// Another type's name, as the language spells it (the struct a field belongs to).
    Type(TypeId),
}

impl NameHint {
    pub fn given(words: &str) -> NameHint {
        NameHint {
            base: HintBase::Given(words.to_string()),
            suffix: Vec::new(),
        }
    }

    pub fn of_type(id: TypeId) -> NameHint {
        NameHint {
            base: HintBase::Type(id),
            suffix: Vec::new(),
        }
    }

    /// This hint followed by `words`.
    pub fn with(&self, words: &str) -> NameHint {
        let mut hint = self.clone();
        hint.suffix.push(words.to_string());
        hint
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A JSON object with known properties; unknown ones are kept, never dropped.
    Struct { fields: Vec<Field> },
    /// A string restricted to fixed values; `open`: known values or any other string
    /// (`anyOf: [{"enum": [...]}, {"type": "string"}]`), kept as sent in a catch-all variant.
    StringEnum {
        variants: Vec<EnumVariant>,
        open: bool,
    },
    /// Alternatives (`oneOf`/`anyOf`) told apart by which one decodes and validates.
    Union { variants: Vec<UnionVariant> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The property name on the wire.
    pub wire_name: String,
    pub doc: Option<String>,
    pub ty: TypeRef,
    pub required: bool,
}

/// A value of a string enum; each language names its variant after the value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub wire_value: String,
}

/// Whether every alternative of a union is a JSON value kept as it is (no branch has a type of
/// its own), so the union is a JSON value too.
pub fn holds_json_only(variants: &[UnionVariant]) -> bool {
    variants.iter().all(|v| v.ty == TypeRef::Any)
}

/// An alternative of a union; each language names it after its type.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub ty: TypeRef,
    /// The validator function that decides this branch, in the program of the module that
    /// declares the union ([`super::Contracts::checks`]).
    pub check: super::FunctionId,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    String,
    Bool,
    /// `{"type": "string", "enum": ["true", "false"]}`: a boolean that travels as a string.
    StringBool,
    Integer,
    Number,
    /// Anything: the JSON value itself.
    Any,
    Named(TypeId),
    Array(Box<TypeRef>),
    /// An object used as a map from property name to value.
    Map(Box<TypeRef>),
    /// A string holding JSON (`contentMediaType: application/json`), parsed as the inner type
    /// while the exact original string is kept.
    EmbeddedJson(Box<TypeRef>),
    /// The value or JSON `null`.
    Nullable(Box<TypeRef>),
}
