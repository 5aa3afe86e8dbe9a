//! The Rust emitter: a crate (or, for build scripts, a module tree) with serde types, validators
//! and one-call parsing per message. Every file is formatted before it leaves the generator, by
//! rustfmt processes that run while the generator goes on printing (`format/`).

pub(crate) mod attributes;
mod checks;
mod format;
pub(crate) mod names;
mod reads;
mod support;
mod templates;
mod types;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use askama::Template;

use crate::emit::GeneratedFile;
use crate::error::{Error, Result};
use crate::ir::check::{CheckProgram, Form, FunctionId};
use crate::ir::{Contracts, Message, Module, ModuleId, ModuleKind, TypeKind, TypeRef, Vocabulary};
use names::RustNames;
use types::ModuleScope;

/// How generated code names the runtime unless [`RustOptions::runtime_crate`] says otherwise.
pub const DEFAULT_RUNTIME_CRATE: &str = "::contractgen_runtime";

/// Where and how the Rust output is laid out.
#[derive(Debug, Clone)]
pub struct RustOptions {
    /// The package name in the generated `Cargo.toml`.
    pub crate_name: String,
    /// Directory of the crate relative to the output directory (`rust` gives `rust/src/lib.rs`).
    pub crate_dir: String,
    /// Also write `Cargo.toml`; off for build scripts, whose sources are `include!`d.
    pub cargo_toml: bool,
    /// Where the generated `Cargo.toml` finds `contractgen-runtime`, as a path relative to the
    /// crate directory (`../runtime`): for a vendored runtime or one built from source. `None`
    /// (the default) takes it from the registry by version; a workspace can still redirect that
    /// with `[patch.crates-io]`, as this repository does.
    pub runtime_path: Option<String>,
    /// The Rust path generated code names the runtime by (default `::contractgen_runtime`), as
    /// prost-build's `prost_path`: for a crate that renames the dependency or reaches the
    /// runtime through a re-export (`::my_sdk::contractgen_runtime`).
    pub runtime_crate: String,
    /// Attributes put on every generated type, e.g. `#[derive(Eq)]` (as prost-build's
    /// `type_attribute`). They must hold for every type: a derive that a field's type lacks
    /// fails the user's build, not the generator.
    pub type_attributes: Vec<String>,
    /// `(path, attribute)` pairs for the types a path names (prost-build's
    /// `type_attribute(path, attr)`; see [`attributes`] for paths). Printed today when the path
    /// covers whole modules (`.`, a contract, a message, a shared file).
    pub type_path_attributes: Vec<(String, String)>,
    /// `(path, attribute)` pairs for the struct fields a path names (`field_attribute`).
    pub field_attributes: Vec<(String, String)>,
    /// Whether generated types derive `schemars::JsonSchema` (and each message has
    /// `derived_schema()`); `None` leaves it to the settings file's `rust.schemars`, whose
    /// default is `true`. Only `true` is printed today: `false` is refused by [`emit`].
    pub schemars: Option<bool>,
}

impl Default for RustOptions {
    fn default() -> Self {
        RustOptions {
            crate_name: "contracts".to_string(),
            crate_dir: "rust".to_string(),
            cargo_toml: true,
            runtime_path: None,
            runtime_crate: DEFAULT_RUNTIME_CRATE.to_string(),
            type_attributes: Vec::new(),
            type_path_attributes: Vec::new(),
            field_attributes: Vec::new(),
            schemars: None,
        }
    }
}

/// The Rust files of a generation, printed and being formatted: rustfmt runs while the caller
/// goes on (the Kotlin emitter, in `generate`) until [`Printed::finish`].
pub struct Printed {
    /// Files that are not Rust (`Cargo.toml`), first in the output.
    plain: Vec<GeneratedFile>,
    formatter: format::Formatter,
    /// Each added file's place in the output: the crate root, the folders' `mod.rs`, then the
    /// modules in module order, whichever order they were printed in.
    places: Vec<usize>,
}

impl Printed {
    /// Waits for the formatter and returns every file.
    pub fn finish(self) -> Result<Emitted> {
        let formatted = self.formatter.finish()?;
        let mut placed: Vec<(usize, GeneratedFile)> =
            self.places.into_iter().zip(formatted.files).collect();
        placed.sort_by_key(|(place, _)| *place);
        let mut files = self.plain;
        files.extend(placed.into_iter().map(|(_, file)| file));
        Ok(Emitted {
            files,
            notes: formatted.notes,
        })
    }
}

/// The Rust files of a generation, and what the formatter has to say about them.
pub struct Emitted {
    pub files: Vec<GeneratedFile>,
    /// Why prettyplease laid out some files (rustfmt missing, or refusing a file), one
    /// sentence each (see `format/`); empty when rustfmt formatted every file.
    pub notes: Vec<String>,
}

/// Prints every Rust file and hands each to the formatter as soon as it is final.
pub fn emit(
    contracts: &Contracts,
    vocabulary: Vocabulary,
    options: &RustOptions,
) -> Result<Printed> {
    check_type_attributes(&options.type_attributes)?;
    check_runtime_crate(&options.runtime_crate)?;
    // Derived unless the settings turn it off (API docs are the common use, not every one).
    let schemars = options.schemars.unwrap_or(true);
    let messages = &contracts.messages;
    let root = PathBuf::from(&options.crate_dir);
    let src = if options.cargo_toml {
        root.join("src")
    } else {
        root.clone()
    };
    let mut files = Vec::new();
    if options.cargo_toml {
        let features = support::format_features(messages);
        let manifest = templates::CargoToml {
            crate_name: &options.crate_name,
            dependencies: &support::dependencies(
                &features,
                support::needs_regex_engine(contracts),
                schemars,
                options.runtime_path.as_deref(),
            ),
        };
        files.push(GeneratedFile {
            path: root.join("Cargo.toml"),
            contents: render(&manifest)?,
        });
    }
    // Each Rust file goes to the formatter once it is final, which a shared module is only
    // after every message has been printed.
    let mut printed_files = Printed {
        plain: files,
        formatter: format::Formatter::new(),
        places: Vec::new(),
    };
    let mut add = |place: usize, file: GeneratedFile| {
        printed_files.places.push(place);
        printed_files.formatter.add(file);
    };
    let tree = ModuleTree::of(contracts);
    let infos: Vec<templates::MessageEntry> = messages
        .iter()
        .map(|m| templates::MessageEntry {
            contract: &m.contract,
            message: &m.message,
            schema_file: &m.schema_file,
        })
        .collect();
    let lib = templates::Lib {
        schemars,
        runtime: &options.runtime_crate,
        modules: &tree.children(&[]),
        messages: &infos,
        assert_format: vocabulary.assert_format,
        assert_content: vocabulary.assert_content,
    };
    add(0, rust_file(src.join("lib.rs"), render(&lib)?));
    for (i, folder) in tree.folders.iter().enumerate() {
        let path = folder.iter().fold(src.clone(), |p, s| p.join(s));
        add(
            1 + i,
            rust_file(
                path.join("mod.rs"),
                folder_source(contracts, folder, &tree)?,
            ),
        );
    }
    let module_place = 1 + tree.folders.len();
    let names = RustNames::new(contracts)?;
    let path_attributes = attributes::PathAttributes::new(
        contracts,
        &names,
        &options.type_path_attributes,
        &options.field_attributes,
    )?;
    let type_attributes = types::TypeAttributes {
        everywhere: &options.type_attributes,
        paths: &path_attributes,
        schemars,
    };
    let path_of = |module: &Module| {
        let (file, folders) = module.path.split_last()?;
        Some(
            folders
                .iter()
                .fold(src.clone(), |p, s| p.join(s))
                .join(format!("{file}.rs")),
        )
    };
    let scope_of = |module: ModuleId| ModuleScope {
        contracts,
        names: &names,
        module,
        runtime: &options.runtime_crate,
    };
    // Messages first: their typed checks ask shared modules for the typed forms of the
    // shared functions they call, which those modules then print (and may ask others for).
    let mut printed: BTreeMap<ModuleId, String> = BTreeMap::new();
    let mut asked: BTreeMap<ModuleId, Vec<(FunctionId, Form, TypeRef)>> = BTreeMap::new();
    let ask = |asked: &mut BTreeMap<ModuleId, Vec<(FunctionId, Form, TypeRef)>>,
               requests: Vec<checks::TypedRequest>| {
        for r in requests {
            let forms = asked.entry(r.module).or_default();
            let form = (r.function, r.form, r.ty);
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
    };
    let message_modules: Vec<(ModuleId, &Message)> = contracts
        .modules
        .iter()
        .enumerate()
        .filter_map(|(id, module)| match &module.kind {
            ModuleKind::Message(index) => Some((id, messages.get(*index)?)),
            _ => None,
        })
        .collect();
    // Messages are printed on one thread per processor, each file handed to the formatter as
    // it arrives; what they ask of shared modules is taken in module order, so the output
    // does not depend on which thread ended first.
    let mut requests_by_module = BTreeMap::new();
    let mut first_error: Option<(ModuleId, Error)> = None;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = message_modules.len().div_ceil(threads).max(1);
    std::thread::scope(|threads| {
        let (sender, receiver) = std::sync::mpsc::channel();
        for part in message_modules.chunks(chunk) {
            let sender = sender.clone();
            let (scope_of, type_attributes) = (&scope_of, &type_attributes);
            threads.spawn(move || {
                for &(id, message) in part {
                    let printed = emit_message(scope_of(id), message, type_attributes);
                    let failed = printed.is_err();
                    if sender.send((id, printed)).is_err() || failed {
                        return;
                    }
                }
            });
        }
        drop(sender);
        for (id, printed) in receiver {
            match printed {
                Ok((source, requests)) => {
                    requests_by_module.insert(id, requests);
                    // Final: a message's module is printed once.
                    if let Some(path) = contracts.modules.get(id).and_then(path_of) {
                        add(module_place + id, rust_file(path, source));
                    }
                }
                // The error of the first module in module order, as when one thread printed.
                Err(e) => {
                    if first_error.as_ref().is_none_or(|(first, _)| id < *first) {
                        first_error = Some((id, e));
                    }
                }
            }
        }
    });
    if let Some((_, e)) = first_error {
        return Err(e);
    }
    for requests in requests_by_module.into_values() {
        ask(&mut asked, requests);
    }
    // Shared modules, again whenever they are asked for more (requests only grow).
    let mut printed_with: BTreeMap<ModuleId, usize> = BTreeMap::new();
    loop {
        let mut again = false;
        for (id, module) in contracts.modules.iter().enumerate() {
            let ModuleKind::Shared { checks, .. } = &module.kind else {
                continue;
            };
            let exports = asked.get(&id).cloned().unwrap_or_default();
            if printed_with.get(&id) == Some(&exports.len()) {
                continue;
            }
            let (source, requests) =
                emit_shared(scope_of(id), module, checks, &exports, &type_attributes)?;
            ask(&mut asked, requests);
            printed_with.insert(id, exports.len());
            printed.insert(id, source);
            again = true;
        }
        if !again {
            break;
        }
    }
    for (id, module) in contracts.modules.iter().enumerate() {
        if let (Some(path), Some(source)) = (path_of(module), printed.remove(&id)) {
            add(module_place + id, rust_file(path, source));
        }
    }
    Ok(printed_files)
}

/// The folders of the module tree: each is a `mod.rs` listing its children.
struct ModuleTree {
    /// Every proper prefix of a module path, sorted.
    folders: BTreeSet<Vec<String>>,
    leaves: Vec<Vec<String>>,
}

impl ModuleTree {
    fn of(contracts: &Contracts) -> Self {
        let leaves: Vec<Vec<String>> = contracts.modules.iter().map(|m| m.path.clone()).collect();
        let folders = leaves
            .iter()
            .flat_map(|path| (1..path.len()).map(|end| path[..end].to_vec()))
            .collect();
        ModuleTree { folders, leaves }
    }

    /// The modules directly inside `folder`, in module order (messages first, as discovered).
    fn children(&self, folder: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for path in &self.leaves {
            if path.len() > folder.len() && path.starts_with(folder) {
                let child = &path[folder.len()];
                if !out.contains(child) {
                    out.push(child.clone());
                }
            }
        }
        out
    }
}

/// The `mod.rs` of a contract folder (its messages and their root types) or of a folder of
/// shared schema files.
fn folder_source(contracts: &Contracts, folder: &[String], tree: &ModuleTree) -> Result<String> {
    let members: Vec<templates::ContractMember> = contracts
        .messages
        .iter()
        .filter(|m| [m.contract.clone()] == folder)
        .map(|m| templates::ContractMember {
            module: m.message.clone(),
            root: root_name(m),
        })
        .collect();
    let others: Vec<String> = tree
        .children(folder)
        .into_iter()
        .filter(|child| !members.iter().any(|m| &m.module == child))
        .collect();
    let dir = folder.join("/");
    if members.is_empty() {
        return render(&templates::Folder {
            dir: &dir,
            modules: &others,
        });
    }
    render(&templates::Contract {
        contract: &dir,
        messages: &members,
        modules: &others,
    })
}

/// The module of a shared schema file: its types, and the branch checks of its unions.
fn emit_shared(
    scope: ModuleScope,
    module: &Module,
    program: &CheckProgram,
    typed_exports: &[(FunctionId, Form, TypeRef)],
    type_attributes: &types::TypeAttributes<'_>,
) -> Result<(String, Vec<checks::TypedRequest>)> {
    let printed = checks::print_program(
        program,
        scope.functions(),
        &branch_checks(scope),
        &externals(scope, program),
        Some(checks::TypedForms {
            root: None,
            exports: typed_exports,
            scope,
        }),
    );
    let types = types::render_types(scope, type_attributes)?;
    let uses_support = [&types, &printed.statics, &printed.functions]
        .iter()
        .any(|text| text.contains("support::"));
    let page = templates::SharedFile {
        schema_file: &module.schema_file,
        runtime: scope.runtime,
        uses_support,
        types: &types,
        statics: &printed.statics,
        checks: &printed.functions,
    };
    Ok((render(&page)?, printed.typed_requests))
}

/// The functions of `program` that other modules print, each by the path from this module.
fn externals(scope: ModuleScope, program: &CheckProgram) -> BTreeMap<FunctionId, checks::External> {
    let contracts = scope.contracts;
    let mut out = BTreeMap::new();
    for (id, function) in program.functions.iter().enumerate() {
        let Some(home) = function.home else { continue };
        let Some(module) = contracts.modules.get(home.module) else {
            continue;
        };
        let owner = scope.names.functions.get(home.module);
        let Some(name) = owner.and_then(|f| f.get(home.function)).cloned() else {
            continue;
        };
        let mut path: Vec<String> = vec!["super".to_string(); scope_depth(scope)];
        path.extend(module.path.iter().cloned());
        out.insert(id, checks::External { module: path, name });
    }
    out
}

/// How many modules this module sits below the crate root.
fn scope_depth(scope: ModuleScope) -> usize {
    scope
        .contracts
        .modules
        .get(scope.module)
        .map_or(0, |m| m.path.len())
}

/// The yes/no validators the unions of a module decode with.
fn branch_checks(scope: ModuleScope) -> Vec<(FunctionId, Form)> {
    let mut roots = Vec::new();
    for (_, def) in scope.contracts.types_of(scope.module) {
        if let TypeKind::Union { variants } = &def.kind {
            roots.extend(variants.iter().map(|v| (v.check, Form::Decide)));
        }
    }
    roots
}

/// The runtime path comes from the user and is printed into every file: one Rust path only.
fn check_runtime_crate(path: &str) -> Result<()> {
    if syn::parse_str::<syn::Path>(path).is_err() {
        return Err(Error::Config(format!(
            "runtime crate {path:?} is not a Rust path such as ::contractgen_runtime"
        )));
    }
    Ok(())
}

/// Type attributes come from the user: each must be Rust attribute syntax, said as a user error.
fn check_type_attributes(attributes: &[String]) -> Result<()> {
    for attribute in attributes {
        if let Err(reason) = attributes::one_attribute(attribute) {
            return Err(Error::Config(format!(
                "type attribute {attribute:?}: {reason}"
            )));
        }
    }
    Ok(())
}

fn root_name(message: &Message) -> String {
    use heck::ToUpperCamelCase;
    message.message.to_upper_camel_case()
}

fn emit_message(
    scope: ModuleScope,
    message: &Message,
    type_attributes: &types::TypeAttributes<'_>,
) -> Result<(String, Vec<checks::TypedRequest>)> {
    let root = root_name(message);
    let mut roots = vec![(0, Form::Report)];
    roots.extend(branch_checks(scope));
    let printed = checks::print_program(
        &message.checks,
        scope.functions(),
        &roots,
        &externals(scope, &message.checks),
        Some(checks::TypedForms {
            root: Some(&message.root),
            exports: &[],
            scope,
        }),
    );
    let types = types::render_types(scope, type_attributes)?;
    let declared_here = |id: &usize| {
        let module = scope.contracts.types.get(*id).map(|t| t.module);
        scope.names.types.get(*id) == Some(&root) && module == Some(message.module)
    };
    let root_alias = match &message.root {
        TypeRef::Named(id) if declared_here(id) => None,
        other => Some(types::rust_type(scope, other)),
    };
    let doc: Vec<String> = [&message.title, &message.description]
        .into_iter()
        .flatten()
        .flat_map(|text| types::doc_lines(text))
        .collect();
    let root_check = scope.functions().first().cloned().ok_or_else(|| {
        Error::Config(format!("{}: empty validation program", message.schema_file))
    })?;
    let page = templates::MessageFile {
        schemars: type_attributes.schemars,
        runtime: scope.runtime,
        schema_file: &message.schema_file,
        doc: &doc,
        root: &root,
        root_alias,
        root_integers: types::holds_integer(&message.root),
        types: &types,
        root_check: &root_check,
        scope_arg: scope_arg(&message.checks),
        typed_root: printed.typed_root.as_deref().unwrap_or(&root_check),
        statics: &printed.statics,
        checks: &printed.functions,
    };
    Ok((render(&page)?, printed.typed_requests))
}

/// The extra argument of a top-level validator call when validators carry the dynamic scope.
pub(crate) fn scope_arg(program: &CheckProgram) -> &'static str {
    if program.dynamic_scope {
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

/// A Rust file as printed; `emit` checks and formats all of them at once.
fn rust_file(path: PathBuf, contents: String) -> GeneratedFile {
    GeneratedFile { path, contents }
}
