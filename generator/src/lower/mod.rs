//! Lowering: schema documents in, one `ir::Contracts` for the whole run out: the type space
//! that every message shares, the modules that declare its types, and each message's validator.
//! Lowering a message's schemas into its check program records the shape of every location
//! (`shapes`), and the type space is built from those shapes.

mod builder;
mod cycles;
mod docs;
mod keywords;
mod lowerer;
mod modules;
mod placement;
mod shapes;
mod types;
mod vocabularies;

use std::collections::BTreeMap;

use crate::discover::MessageFile;
use crate::error::{Error, Result};
use crate::ir::{Contracts, Message, Module, ModuleKind, NameHint, TypeDef, TypeKind, Vocabulary};
use crate::schema::{DocId, Registry, SchemaRef};
use builder::ProgramBuilder;
use lowerer::RunLowering;
use modules::Owner;
use types::{BranchCheck, TypeSpace};

/// Lowers every message; `docs[i]` is the loaded schema document of `files[i]`.
pub fn lower_contracts(
    registry: &mut Registry,
    vocabulary: Vocabulary,
    files: &[MessageFile],
    docs: &[DocId],
) -> Result<Contracts> {
    // Each message's validator, recording the shape of every location it lowers; a function
    // body lowered for one program is reused by the others.
    let mut run = RunLowering::default();
    let mut roots = Vec::new();
    for &doc in docs {
        let root = root_of(doc);
        let location = registry.location(&root);
        let vocabulary = message_vocabulary(registry, vocabulary, &root)?;
        let base = registry
            .base_of(&root)
            .ok_or_else(|| Error::schema(&location, "document has no base URI"))?;
        // Before anything walks the schema: an in-place cycle would make every walk endless.
        cycles::check_in_place_cycles(registry, &root, &base, vocabulary.1)?;
        let mut program = ProgramBuilder::new(&mut run, vocabulary.0, vocabulary.1);
        // Function 0 is the whole payload's validator.
        program.function_for(&mut run, &root, &base, false);
        let checks = program.finish(&mut run, registry)?;
        roots.push((root, base, vocabulary, checks));
    }

    // The type space, from those shapes. Types carry name hints; each language names them.
    let mut space = TypeSpace::new(registry, &run.shapes, vocabulary.assert_content);
    let mut message_modules = Vec::new();
    for (index, (file, &doc)) in files.iter().zip(docs).enumerate() {
        let path = vec![file.contract.clone(), file.message.clone()];
        message_modules.push(space.add_message(index, path, doc, &file.message));
    }
    let mut root_types = Vec::new();
    for ((file, (root, base, ..)), &module) in files.iter().zip(&roots).zip(&message_modules) {
        space.enter(module);
        root_types.push(space.type_of(root, base, &NameHint::given(&file.message))?);
    }
    for (.., (_, ids)) in &roots {
        for key in ids.iter().filter_map(|&id| run.key(id)) {
            space.add_check_module(key.0.doc)?;
        }
    }
    let lowered = space.finish()?;
    let mut types = lowered.types;

    let mut messages = Vec::new();
    // By module: the run-wide id of each function of its program.
    let mut run_ids = vec![Vec::new(); lowered.modules.len()];
    for (((file, (root, base, vocabulary, checks)), root_type), &module) in files
        .iter()
        .zip(roots)
        .zip(root_types)
        .zip(&message_modules)
    {
        // The branch checks of the unions the module declares follow function 0, so a module
        // with unions numbers its functions anew (from bodies already lowered).
        let checks = if lowered.checks.iter().any(|c| c.module == module) {
            let mut program = ProgramBuilder::new(&mut run, vocabulary.0, vocabulary.1);
            program.function_for(&mut run, &root, &base, false);
            add_branch_checks(&mut program, &mut run, &lowered.checks, module, &mut types);
            program.finish(&mut run, registry)?
        } else {
            checks
        };
        let (checks, ids) = checks;
        if let Some(slot) = run_ids.get_mut(module) {
            *slot = ids;
        }
        let (title, description) = run
            .shapes
            .get(&root)
            .map(|shape| (shape.title.clone(), shape.description.clone()))
            .unwrap_or_default();
        let location = registry.location(&root);
        messages.push(Message {
            contract: file.contract.clone(),
            message: file.message.clone(),
            schema_file: location.file.clone(),
            title,
            description,
            root: root_type,
            module,
            checks,
            location,
        });
    }

    let mut modules = Vec::new();
    let mut shared_docs = BTreeMap::new();
    for (id, slot) in lowered.modules.into_iter().enumerate() {
        let kind = match slot.owner {
            Owner::Message(index) => ModuleKind::Message(index),
            Owner::Shared(doc) => {
                shared_docs.insert(doc, id);
                let root = root_of(doc);
                let vocabulary = message_vocabulary(registry, vocabulary, &root)?;
                let mut program = ProgramBuilder::new(&mut run, vocabulary.0, vocabulary.1);
                add_branch_checks(&mut program, &mut run, &lowered.checks, id, &mut types);
                let (checks, ids) = program.finish(&mut run, registry)?;
                if let Some(slot) = run_ids.get_mut(id) {
                    *slot = ids;
                }
                ModuleKind::Shared { checks }
            }
        };
        modules.push(Module {
            path: slot.path,
            schema_file: slot.schema_file,
            kind,
        });
    }
    check_module_paths(&modules)?;
    let mut contracts = Contracts {
        types,
        modules,
        messages,
    };
    let shared = placement::SharedChecks {
        branch_checks: &lowered.checks,
        vocabulary,
        docs: shared_docs,
    };
    shared.place(&mut contracts, &mut run, registry, run_ids)?;
    Ok(contracts)
}

fn root_of(doc: DocId) -> SchemaRef {
    SchemaRef {
        doc,
        pointer: String::new(),
    }
}

/// The run's settings as the document's meta-schema adjusts them.
fn message_vocabulary(
    registry: &mut Registry,
    vocabulary: Vocabulary,
    root: &SchemaRef,
) -> Result<(Vocabulary, vocabularies::Vocabularies)> {
    let vocabularies = vocabularies::vocabularies_of(registry, root)?;
    let vocabulary = Vocabulary {
        assert_format: vocabulary.assert_format || vocabularies.format_assertion,
        ..vocabulary
    };
    Ok((vocabulary, vocabularies))
}

/// Gives module `module`'s program a function for each branch of the unions it declares, in
/// the order the branches were lowered.
fn add_branch_checks(
    program: &mut ProgramBuilder,
    run: &mut RunLowering,
    checks: &[BranchCheck],
    module: usize,
    types: &mut [TypeDef],
) {
    for check in checks.iter().filter(|c| c.module == module) {
        let function = program.function_for(run, &check.branch, &check.base, false);
        if let Some(TypeKind::Union { variants }) = types.get_mut(check.ty).map(|t| &mut t.kind) {
            if let Some(variant) = variants.get_mut(check.variant) {
                variant.check = function;
            }
        }
    }
}

/// Every module is one Rust file and one Kotlin package: no two may share a path, and no
/// module may sit where another one's folder is (`shared.json` next to `shared/`).
fn check_module_paths(modules: &[Module]) -> Result<()> {
    let mut by_path: BTreeMap<&[String], &Module> = BTreeMap::new();
    for module in modules {
        if module.path.first().is_some_and(|top| top == "support") {
            return Err(Error::Config(format!(
                "{}: the module name \"support\" is taken by the generated support code",
                module.schema_file
            )));
        }
        if let Some(other) = by_path.insert(&module.path, module) {
            return Err(clash(module, other));
        }
    }
    for module in modules {
        for end in 1..module.path.len() {
            if let Some(other) = by_path.get(&module.path[..end]) {
                return Err(Error::Config(format!(
                    "{} becomes the module {}, which {} needs as its folder; rename one of them",
                    other.schema_file,
                    other.path.join("::"),
                    module.schema_file
                )));
            }
        }
    }
    Ok(())
}

fn clash(a: &Module, b: &Module) -> Error {
    Error::Config(format!(
        "{} and {} would both become the module {}; rename one of the files",
        b.schema_file,
        a.schema_file,
        a.path.join("::")
    ))
}
