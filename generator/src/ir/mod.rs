//! The language-neutral intermediate representation: what a message's types are and what its
//! validator checks. Lowered once from the schema documents; every emitter only renders it,
//! so Rust and Kotlin agree by construction.

pub mod check;
mod types;
mod validation;

pub use types::{EnumVariant, Field, TypeDef, TypeId, TypeKind, TypeRef, UnionVariant};
pub use validation::{
    Annotate, Check, ContentCheck, DynamicTarget, Format, FunctionId, JsonType, PatternId, Program,
    ProgramFunction, ResourceId, Rule, Schema, SchemaBody,
};

use crate::error::Location;

/// One message of one contract: `schema/<contract>/<message>.schema.json`.
#[derive(Debug, Clone)]
pub struct Message {
    /// The contract folder name, e.g. `get_session_token`.
    pub contract: String,
    /// The file stem before `.schema.json`, e.g. `request`.
    pub message: String,
    /// Path of the schema as shown in headers and messages, relative to the schema directory.
    pub schema_file: String,
    pub title: Option<String>,
    pub description: Option<String>,
    /// The type of a whole payload; its definition is in `types`.
    pub root: TypeRef,
    /// Named types, in a deterministic order (first use from the root, depth first).
    pub types: Vec<TypeDef>,
    /// The validator, as a keyword tree (read by the Kotlin printer).
    pub program: Program,
    /// The validator, as a check program (read by the Rust printer).
    pub checks: check::CheckProgram,
    pub location: Location,
}

/// Generator settings that change what the schemas mean, shared by every check of a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Vocabulary {
    /// Treat `format` as an assertion (2020-12 makes it an annotation unless asked).
    pub assert_format: bool,
    /// Treat `contentMediaType`, `contentEncoding` and `contentSchema` as assertions.
    pub assert_content: bool,
}
