//! Places each function of a shared schema file in that file's module: its program exports
//! the forms other modules call, and their programs call it there instead of printing a copy.
//! Programs that carry the dynamic scope keep their own copies, since which function a
//! `$dynamicRef` reaches depends on the program it runs in.

use std::collections::{BTreeMap, BTreeSet};

use super::builder::ProgramBuilder;
use super::lowerer::RunLowering;
use super::types::BranchCheck;
use super::{add_branch_checks, message_vocabulary, root_of};
use crate::error::Result;
use crate::ir::check::{CheckProgram, Form, FunctionId, Home};
use crate::ir::{Contracts, ModuleId, ModuleKind, TypeKind, Vocabulary};
use crate::schema::{DocId, Registry};

/// What rebuilding a shared module's program needs.
pub struct SharedChecks<'a> {
    pub branch_checks: &'a [BranchCheck],
    pub vocabulary: Vocabulary,
    /// The module of each shared schema file.
    pub docs: BTreeMap<DocId, ModuleId>,
}

impl SharedChecks<'_> {
    /// `run_ids[m]` holds the run-wide id of each function of module `m`'s program.
    pub fn place(
        &self,
        contracts: &mut Contracts,
        run: &mut RunLowering,
        registry: &mut Registry,
        mut run_ids: Vec<Vec<FunctionId>>,
    ) -> Result<()> {
        let owners = &self.docs;
        let owner_of = |run: &RunLowering, id: FunctionId| {
            run.key(id)
                .and_then(|(target, ..)| owners.get(&target.doc).copied())
        };
        // The forms each shared module is asked for, by run-wide id, in the order messages
        // first reach them.
        let mut requests: BTreeMap<ModuleId, Vec<(FunctionId, Form)>> = BTreeMap::new();
        for message in &contracts.messages {
            let program = &message.checks;
            if program.dynamic_scope {
                continue;
            }
            let ids = run_ids.get(message.module).cloned().unwrap_or_default();
            for (local, form) in program.reachable(&roots(contracts, message.module)) {
                let Some(&id) = ids.get(local) else { continue };
                match owner_of(run, id) {
                    Some(owner) if owner != message.module => {
                        let asked = requests.entry(owner).or_default();
                        if !asked.contains(&(id, form)) {
                            asked.push((id, form));
                        }
                    }
                    _ => {}
                }
            }
        }
        // Each asked module's program: its union branches as before, then what others call.
        let mut exported: BTreeMap<(ModuleId, FunctionId), (FunctionId, BTreeSet<Form>)> =
            BTreeMap::new();
        for (&module, asked) in &requests {
            let Some(doc) = owners.iter().find(|(_, &m)| m == module).map(|(&d, _)| d) else {
                continue;
            };
            let (vocabulary, vocabularies) =
                message_vocabulary(registry, self.vocabulary, &root_of(doc))?;
            let mut builder = ProgramBuilder::new(run, vocabulary, vocabularies);
            add_branch_checks(
                &mut builder,
                run,
                self.branch_checks,
                module,
                &mut contracts.types,
            );
            let locals: Vec<(FunctionId, FunctionId, Form)> = asked
                .iter()
                .map(|&(id, form)| (id, builder.add_run_function(id), form))
                .collect();
            let (mut program, ids) = builder.finish(run, registry)?;
            if program.dynamic_scope {
                // Its callers keep their copies; the module keeps the program it had (whose
                // branch checks were numbered first, as here).
                continue;
            }
            for (id, local, form) in locals {
                program.exports.insert((local, form));
                exported
                    .entry((module, id))
                    .or_insert_with(|| (local, BTreeSet::new()))
                    .1
                    .insert(form);
            }
            if let Some(slot) = contracts.modules.get_mut(module) {
                slot.kind = ModuleKind::Shared { checks: program };
            }
            if let Some(slot) = run_ids.get_mut(module) {
                *slot = ids;
            }
        }
        // Every program calls an exported function where it lives, when it needs no form the
        // owner does not print.
        for module in 0..contracts.modules.len() {
            let module_roots = roots(contracts, module);
            let Some(program) = checks_mut(contracts, module) else {
                continue;
            };
            if program.dynamic_scope {
                continue;
            }
            let ids = run_ids.get(module).cloned().unwrap_or_default();
            let reached = program.reachable(&module_roots);
            for (local, function) in program.functions.iter_mut().enumerate() {
                let Some(&id) = ids.get(local) else { continue };
                let Some(owner) = owner_of(run, id).filter(|&owner| owner != module) else {
                    continue;
                };
                let Some((home, forms)) = exported.get(&(owner, id)) else {
                    continue;
                };
                let covered = reached
                    .iter()
                    .filter(|(f, _)| *f == local)
                    .all(|(_, form)| forms.contains(form));
                if covered {
                    function.home = Some(Home {
                        module: owner,
                        function: *home,
                    });
                }
            }
        }
        Ok(())
    }
}

/// What a module's printed program starts from: a message's validator and the branch checks
/// of the unions it declares.
pub fn roots(contracts: &Contracts, module: ModuleId) -> Vec<(FunctionId, Form)> {
    let mut roots = Vec::new();
    if let Some(ModuleKind::Message(_)) = contracts.modules.get(module).map(|m| &m.kind) {
        roots.push((0, Form::Report));
    }
    for (_, def) in contracts.types_of(module) {
        if let TypeKind::Union { variants } = &def.kind {
            roots.extend(variants.iter().map(|v| (v.check, Form::Decide)));
        }
    }
    roots
}

fn checks_mut(contracts: &mut Contracts, module: ModuleId) -> Option<&mut CheckProgram> {
    match contracts.modules.get(module)?.kind {
        ModuleKind::Message(index) => contracts.messages.get_mut(index).map(|m| &mut m.checks),
        ModuleKind::Shared { .. } => match &mut contracts.modules.get_mut(module)?.kind {
            ModuleKind::Shared { checks } => Some(checks),
            ModuleKind::Message(_) => None,
        },
    }
}
