//! The language-neutral intermediate representation: one type space for the whole run, the
//! output modules that own its types, and what each message's validator checks. Lowered once
//! from the schema documents; every emitter only renders it, so Rust and Kotlin agree by
//! construction.

pub mod check;
mod types;

pub use check::{Format, FunctionId, JsonType, PatternId, ResourceId};
pub use types::{
    holds_json_only, EnumVariant, Field, HintBase, Module, ModuleId, ModuleKind, NameHint, TypeDef,
    TypeId, TypeKind, TypeRef, UnionVariant,
};

use crate::error::Location;

/// Everything one run lowered: a schema location is one type here, whichever messages and
/// contracts reach it.
#[derive(Debug, Clone)]
pub struct Contracts {
    /// Every named type, in a deterministic order: messages in order, first use from each
    /// root, depth first.
    pub types: Vec<TypeDef>,
    /// The output modules; [`TypeDef::module`] says which one declares a type.
    pub modules: Vec<Module>,
    pub messages: Vec<Message>,
}

impl Contracts {
    /// The check program of a module: its message's validator, or a shared file's union branch
    /// checks.
    pub fn checks(&self, module: ModuleId) -> Option<&check::CheckProgram> {
        match &self.modules.get(module)?.kind {
            ModuleKind::Message(index) => self.messages.get(*index).map(|m| &m.checks),
            ModuleKind::Shared { checks } => Some(checks),
        }
    }

    /// The types a module declares, in type-space order.
    pub fn types_of(&self, module: ModuleId) -> impl Iterator<Item = (TypeId, &TypeDef)> {
        self.types
            .iter()
            .enumerate()
            .filter(move |(_, t)| t.module == module)
    }
}

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
    /// The type of a whole payload; named types are in [`Contracts::types`].
    pub root: TypeRef,
    /// The module of this message (`<contract>::<message>`).
    pub module: ModuleId,
    /// The validator, read by both printers: function 0 checks a whole payload; the others
    /// include the branch checks of the unions this message's module declares.
    pub checks: check::CheckProgram,
    pub location: Location,
}

/// Generator settings that change what the schemas mean, shared by every check of a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
// `default`: a settings file names only what it changes, so `{}` is every default.
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Vocabulary {
    /// Treat `format` as an assertion (2020-12 makes it an annotation unless asked).
    pub assert_format: bool,
    /// Treat `contentMediaType`, `contentEncoding` and `contentSchema` as assertions.
    pub assert_content: bool,
}
