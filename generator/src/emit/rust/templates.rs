//! The askama templates of the Rust output; each struct is one template's context.

use askama::Template;

#[derive(Template)]
#[template(path = "rust/Cargo.toml.txt", escape = "none")]
pub struct CargoToml<'a> {
    pub crate_name: &'a str,
    /// `name = spec` lines, sorted by name.
    pub dependencies: &'a [String],
}

pub struct MessageEntry<'a> {
    pub contract: &'a str,
    pub message: &'a str,
    pub schema_file: &'a str,
}

#[derive(Template)]
#[template(path = "rust/lib.rs.txt", escape = "none")]
pub struct Lib<'a> {
    /// Whether types derive `schemars::JsonSchema` (the `rust.schemars` setting).
    pub schemars: bool,
    /// The path of the runtime crate (`::contractgen_runtime`).
    pub runtime: &'a str,
    /// The top-level modules: contracts, then folders and files of shared schemas.
    pub modules: &'a [String],
    pub messages: &'a [MessageEntry<'a>],
    pub assert_format: bool,
    pub assert_content: bool,
}

pub struct ContractMember {
    pub module: String,
    pub root: String,
}

#[derive(Template)]
#[template(path = "rust/contract.rs.txt", escape = "none")]
pub struct Contract<'a> {
    pub contract: &'a str,
    pub messages: &'a [ContractMember],
    /// Modules of shared schema files in the contract's folder.
    pub modules: &'a [String],
}

/// The `mod.rs` of a folder of shared schema files.
#[derive(Template)]
#[template(path = "rust/folder.rs.txt", escape = "none")]
pub struct Folder<'a> {
    /// The folder relative to the schema directory.
    pub dir: &'a str,
    pub modules: &'a [String],
}

/// The module of a shared schema file (no message): its types and their branch checks.
#[derive(Template)]
#[template(path = "rust/shared.rs.txt", escape = "none")]
pub struct SharedFile<'a> {
    pub schema_file: &'a str,
    /// The path of the runtime crate (`::contractgen_runtime`).
    pub runtime: &'a str,
    pub uses_support: bool,
    pub types: &'a str,
    pub statics: &'a str,
    pub checks: &'a str,
}

#[derive(Template)]
#[template(path = "rust/message.rs.txt", escape = "none")]
pub struct MessageFile<'a> {
    /// Whether types derive `schemars::JsonSchema` (the `rust.schemars` setting).
    pub schemars: bool,
    pub runtime: &'a str,
    pub schema_file: &'a str,
    pub doc: &'a [String],
    pub root: &'a str,
    pub root_alias: Option<String>,
    /// The root holds `i64`s, read as JSON Schema reads integers.
    pub root_integers: bool,
    pub types: &'a str,
    pub root_check: &'a str,
    /// `, &support::Scope::Root` when validators carry the dynamic scope.
    pub scope_arg: &'a str,
    /// The typed form of the root check, which `validate_typed` calls.
    pub typed_root: &'a str,
    pub statics: &'a str,
    pub checks: &'a str,
}

pub struct FieldView {
    pub doc: Vec<String>,
    pub attrs: Vec<String>,
    pub name: String,
    pub ty: String,
    /// What `new` takes for a required field (`impl Into<String>` for strings), `None` when
    /// the field is optional and starts empty.
    pub param: Option<String>,
    /// The wire name, escaped for a Rust string literal.
    pub wire: String,
    /// The expression that reads the field's value from `access` (a `MapAccess`).
    pub decode: String,
    pub required: bool,
    /// The value `new` fills a typed constant with (`Service::InJuspayHyperapi`).
    pub constant: Option<String>,
}

#[derive(Template)]
#[template(path = "rust/struct.rs.txt", escape = "none")]
pub struct StructItem<'a> {
    /// Whether types derive `schemars::JsonSchema` (the `rust.schemars` setting).
    pub schemars: bool,
    pub attributes: &'a [String],
    pub doc: &'a [String],
    pub name: &'a str,
    pub fields: &'a [FieldView],
    pub extra: &'a str,
    /// The runtime crate's path (`::contractgen_runtime` unless renamed).
    pub runtime: &'a str,
}

impl StructItem<'_> {
    fn required(&self) -> usize {
        self.fields.iter().filter(|f| f.param.is_some()).count()
    }

    /// Every field is optional: the type derives `Default` instead of having `new`.
    pub fn all_optional(&self) -> bool {
        self.required() == 0
    }

    /// More required fields than clippy's `too_many_arguments` allows (7) for `new`.
    pub fn many_required(&self) -> bool {
        self.required() > 7
    }
}

pub struct VariantView {
    pub name: String,
    pub wire: String,
}

#[derive(Template)]
#[template(path = "rust/enum.rs.txt", escape = "none")]
pub struct EnumItem<'a> {
    /// Whether types derive `schemars::JsonSchema` (the `rust.schemars` setting).
    pub schemars: bool,
    pub attributes: &'a [String],
    pub doc: &'a [String],
    pub name: &'a str,
    pub variants: &'a [VariantView],
    /// The catch-all variant of an open enum.
    pub other: Option<&'a str>,
    /// The path generated code names the runtime by.
    pub runtime: &'a str,
}

pub struct UnionVariantView {
    pub name: String,
    pub ty: String,
    pub check: String,
    pub annotations: bool,
    /// The alternative holds `i64`s, read as JSON Schema reads integers.
    pub integers: bool,
}

#[derive(Template)]
#[template(path = "rust/union.rs.txt", escape = "none")]
pub struct UnionItem<'a> {
    /// Whether types derive `schemars::JsonSchema` (the `rust.schemars` setting).
    pub schemars: bool,
    pub attributes: &'a [String],
    pub doc: &'a [String],
    pub name: &'a str,
    pub variants: &'a [UnionVariantView],
    pub scope_arg: &'a str,
    /// Every alternative is a `serde_json::Value`: the union has `as_json`.
    pub json_only: bool,
}
