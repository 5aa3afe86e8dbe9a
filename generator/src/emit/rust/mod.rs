//! The Rust emitter: a crate (or, for build scripts, a module tree) with serde types, validators
//! and one-call parsing per message. Every file is parsed with `syn` and formatted before it
//! leaves the generator.

mod checks;
mod format;
mod support;
mod templates;
mod types;

use std::path::PathBuf;

use askama::Template;

use crate::emit::GeneratedFile;
use crate::error::{Error, Result};
use crate::ir::{Message, TypeRef, Vocabulary};

/// Where and how the Rust output is laid out.
#[derive(Debug, Clone)]
pub struct RustOptions {
    /// The package name in the generated `Cargo.toml`.
    pub crate_name: String,
    /// Directory of the crate relative to the output directory (`rust` gives `rust/src/lib.rs`).
    pub crate_dir: String,
    /// Also write `Cargo.toml`; off for build scripts, whose sources are `include!`d.
    pub cargo_toml: bool,
    /// Attributes put on every generated type, e.g. `#[derive(Eq)]` (as prost-build's
    /// `type_attribute`). They must hold for every type: a derive that a field's type lacks
    /// fails the user's build, not the generator.
    pub type_attributes: Vec<String>,
}

impl Default for RustOptions {
    fn default() -> Self {
        RustOptions {
            crate_name: "contracts".to_string(),
            crate_dir: "rust".to_string(),
            cargo_toml: true,
            type_attributes: Vec::new(),
        }
    }
}

pub fn emit(
    messages: &[Message],
    vocabulary: Vocabulary,
    options: &RustOptions,
) -> Result<Vec<GeneratedFile>> {
    check_type_attributes(&options.type_attributes)?;
    let root = PathBuf::from(&options.crate_dir);
    let src = if options.cargo_toml {
        root.join("src")
    } else {
        root.clone()
    };
    let format_modules = support::format_modules(messages);
    let mut files = Vec::new();
    if options.cargo_toml {
        let manifest = templates::CargoToml {
            crate_name: &options.crate_name,
            dependencies: &support::dependencies(&format_modules),
        };
        files.push(GeneratedFile {
            path: root.join("Cargo.toml"),
            contents: render(&manifest)?,
        });
    }
    let mut contracts: Vec<&str> = messages.iter().map(|m| m.contract.as_str()).collect();
    contracts.dedup();
    let infos: Vec<templates::MessageEntry> = messages
        .iter()
        .map(|m| templates::MessageEntry {
            contract: &m.contract,
            message: &m.message,
            schema_file: &m.schema_file,
        })
        .collect();
    let lib = templates::Lib {
        contracts: &contracts,
        messages: &infos,
        assert_format: vocabulary.assert_format,
        assert_content: vocabulary.assert_content,
    };
    files.push(rust_file(src.join("lib.rs"), render(&lib)?)?);
    files.push(rust_file(
        src.join("support.rs"),
        support::support_source(&format_modules),
    )?);
    for module in &format_modules {
        files.push(rust_file(
            src.join("support").join(format!("{}.rs", module.name())),
            module.source(),
        )?);
    }
    for contract in &contracts {
        let members: Vec<templates::ContractMember> = messages
            .iter()
            .filter(|m| m.contract == *contract)
            .map(|m| templates::ContractMember {
                module: m.message.clone(),
                root: root_name(m),
            })
            .collect();
        let module = templates::Contract {
            contract,
            messages: &members,
        };
        files.push(rust_file(
            src.join(contract).join("mod.rs"),
            render(&module)?,
        )?);
    }
    for message in messages {
        let path = src
            .join(&message.contract)
            .join(format!("{}.rs", message.message));
        files.push(rust_file(
            path,
            emit_message(message, &options.type_attributes)?,
        )?);
    }
    Ok(files)
}

/// Type attributes come from the user: each must be Rust attribute syntax, said as a user error.
fn check_type_attributes(attributes: &[String]) -> Result<()> {
    use syn::parse::Parser;
    for attribute in attributes {
        let parsed = syn::Attribute::parse_outer.parse_str(attribute);
        if !matches!(parsed, Ok(ref list) if list.len() == 1) {
            return Err(Error::Config(format!(
                "type attribute {attribute:?} is not one Rust attribute such as #[derive(Eq)]"
            )));
        }
    }
    Ok(())
}

fn root_name(message: &Message) -> String {
    use heck::ToUpperCamelCase;
    message.message.to_upper_camel_case()
}

fn emit_message(message: &Message, type_attributes: &[String]) -> Result<String> {
    let root = root_name(message);
    let mut roots = vec![(0, crate::ir::check::Form::Report)];
    for def in &message.types {
        if let crate::ir::TypeKind::Union { variants } = &def.kind {
            roots.extend(
                variants
                    .iter()
                    .map(|v| (v.check, crate::ir::check::Form::Decide)),
            );
        }
    }
    let printed = checks::print_program(&message.checks, &roots);
    let types = types::render_types(message, type_attributes)?;
    let root_alias = match &message.root {
        TypeRef::Named(id) if message.types.get(*id).is_some_and(|t| t.name == root) => None,
        other => Some(types::rust_type(message, other)),
    };
    let doc: Vec<String> = [&message.title, &message.description]
        .into_iter()
        .flatten()
        .flat_map(|text| types::doc_lines(text))
        .collect();
    let root_check = message
        .program
        .functions
        .first()
        .map(|f| f.name.clone())
        .ok_or_else(|| {
            Error::Config(format!("{}: empty validation program", message.schema_file))
        })?;
    let page = templates::MessageFile {
        schema_file: &message.schema_file,
        doc: &doc,
        root: &root,
        root_alias,
        types: &types,
        root_check: &root_check,
        scope_arg: scope_arg(message),
        statics: &printed.statics,
        checks: &printed.functions,
    };
    render(&page)
}

/// The extra argument of a top-level validator call when validators carry the dynamic scope.
pub(crate) fn scope_arg(message: &Message) -> &'static str {
    if message.program.uses_dynamic_scope() {
        ", &support::Scope::Root"
    } else {
        ""
    }
}

fn render(template: &impl Template) -> Result<String> {
    template
        .render()
        .map_err(|e| Error::Config(format!("template rendering failed: {e}")))
}

fn rust_file(path: PathBuf, source: String) -> Result<GeneratedFile> {
    let display = path.display().to_string();
    let contents = format::format_rust(&display, &source)?;
    Ok(GeneratedFile { path, contents })
}
