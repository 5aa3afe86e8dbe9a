//! The type model: structs, string enums and alternatives, as a user of the payload sees them.
//! Types approximate the schema from above (every valid payload decodes); the validator is exact.

use crate::error::Location;

pub type TypeId = usize;

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// UpperCamelCase name, unique within the message.
    pub name: String,
    pub doc: Option<String>,
    pub location: Location,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A JSON object with known properties; unknown ones are kept, never dropped.
    Struct { fields: Vec<Field> },
    /// A string restricted to fixed values.
    StringEnum { variants: Vec<EnumVariant> },
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

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    /// UpperCamelCase variant name.
    pub name: String,
    pub wire_value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// UpperCamelCase variant name.
    pub name: String,
    pub ty: TypeRef,
    /// The validator function (in the message's program) that decides this branch.
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
