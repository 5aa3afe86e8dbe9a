//! Numbers one check program (`ir::check`): a message's validator, or a shared file's union
//! branch checks. It asks the run's lowering (`lower::lowerer`) for the body of each function
//! it reaches, replays what lowering that body asked for, in order, to number the program's
//! own functions, patterns and schema resources, names its functions, and fills in the
//! `$dynamicRef` targets once every resource evaluation can enter is known.

use std::collections::BTreeMap;

use crate::schema::Uri;

use super::lowerer::{declared_dynamic_anchor, Event, RunLowering};
use super::vocabularies::Vocabularies;
use crate::error::{Error, Result};
use crate::ir::check::{
    Block, CheckProgram, Function, FunctionId, KeyFilter, PatternId, ResourceId, Step, Test,
};
use crate::ir::Vocabulary;
use crate::schema::{Registry, SchemaRef};

/// Run-wide ids and this program's, for one kind of thing.
#[derive(Default)]
struct Numbering {
    local: BTreeMap<usize, usize>,
    /// By local id, the run-wide one.
    run: Vec<usize>,
}

impl Numbering {
    /// The local id of run-wide `id`, and whether it is new.
    fn intern(&mut self, id: usize) -> (usize, bool) {
        if let Some(&local) = self.local.get(&id) {
            return (local, false);
        }
        let local = self.run.len();
        self.run.push(id);
        self.local.insert(id, local);
        (local, true)
    }

    fn get(&self, id: usize) -> Option<usize> {
        self.local.get(&id).copied()
    }
}

pub struct ProgramBuilder {
    dialect: usize,
    functions: Vec<Option<Function>>,
    function_ids: Numbering,
    pending: Vec<FunctionId>,
    pattern_ids: Numbering,
    resource_ids: Numbering,
    /// `$dynamicAnchor` names some `$dynamicRef` looks up, and whether a site needs annotations.
    dynamic_sites: BTreeMap<String, bool>,
}

impl ProgramBuilder {
    pub fn new(run: &mut RunLowering, vocabulary: Vocabulary, vocabularies: Vocabularies) -> Self {
        ProgramBuilder {
            dialect: run.dialect(vocabulary, vocabularies),
            functions: Vec::new(),
            function_ids: Numbering::default(),
            pending: Vec::new(),
            pattern_ids: Numbering::default(),
            resource_ids: Numbering::default(),
            dynamic_sites: BTreeMap::new(),
        }
    }

    /// The function that validates `target`; lowered when the program is finished.
    pub fn function_for(
        &mut self,
        run: &mut RunLowering,
        target: &SchemaRef,
        base: &Uri,
        annotate: bool,
    ) -> FunctionId {
        let id = run.function(target, base, annotate, self.dialect);
        self.intern_function(id)
    }

    /// The program's function for run-wide function `id` (lowered for another program).
    pub fn add_run_function(&mut self, id: FunctionId) -> FunctionId {
        self.intern_function(id)
    }

    fn intern_function(&mut self, id: FunctionId) -> FunctionId {
        let (local, new) = self.function_ids.intern(id);
        if new {
            self.functions.push(None);
            self.pending.push(local);
        }
        local
    }

    /// Lowers every function reached so far (or takes its body lowered for another program)
    /// and returns the program, with the run-wide id of each of its functions.
    pub fn finish(
        mut self,
        run: &mut RunLowering,
        registry: &mut Registry,
    ) -> Result<(CheckProgram, Vec<FunctionId>)> {
        loop {
            while let Some(local) = self.pending.pop() {
                let id = self
                    .function_ids
                    .run
                    .get(local)
                    .copied()
                    .unwrap_or_default();
                let body = run.body(registry, id)?.clone();
                for event in &body.events {
                    match event {
                        Event::Function(id) => {
                            self.intern_function(*id);
                        }
                        Event::Resource(id) => {
                            self.resource_ids.intern(*id);
                        }
                        Event::Pattern(id) => {
                            self.pattern_ids.intern(*id);
                        }
                        Event::DynamicSite(anchor, annotate) => {
                            *self.dynamic_sites.entry(anchor.clone()).or_insert(false) |= *annotate;
                        }
                    }
                }
                let mut block = body.block;
                self.renumber(&mut block);
                let Some((target, annotate, _)) = run.key(id).cloned() else {
                    continue;
                };
                let location = registry.location(&target);
                if let Some(slot) = self.functions.get_mut(local) {
                    *slot = Some(Function {
                        hint: function_hint(&location.pointer),
                        location,
                        body: block,
                        reports_annotations: annotate,
                        can_fail: true,
                        home: None,
                    });
                }
            }
            self.reach_dynamic_targets(run, registry);
            if self.pending.is_empty() {
                break;
            }
        }
        let dynamic = self.dynamic_targets(run, registry);
        let mut functions = self
            .functions
            .into_iter()
            .enumerate()
            .map(|(id, f)| {
                f.ok_or_else(|| Error::Config(format!("function {id} was never lowered")))
            })
            .collect::<Result<Vec<_>>>()?;
        for function in &mut functions {
            function.body.visit_mut(&mut |step| {
                if let Step::DynamicCall {
                    targets,
                    fallback,
                    collect,
                } = step
                {
                    *targets = dynamic_calls(&dynamic, *fallback, *collect);
                }
            });
        }
        let patterns = self
            .pattern_ids
            .run
            .iter()
            .filter_map(|&id| run.pattern(id).cloned())
            .collect();
        let mut program = CheckProgram {
            functions,
            patterns,
            dynamic_scope: !self.dynamic_sites.is_empty(),
            exports: Default::default(),
        };
        program.settle_can_fail();
        Ok((program, self.function_ids.run))
    }

    /// A body's run-wide ids as this program's.
    fn renumber(&self, block: &mut Block) {
        block.visit_blocks_mut(&mut |block| {
            block.enters = block.enters.and_then(|id| self.resource_ids.get(id));
        });
        let function = |id: &mut FunctionId| {
            *id = self.function_ids.get(*id).unwrap_or(*id);
        };
        let pattern = |id: &mut PatternId| {
            *id = self.pattern_ids.get(*id).unwrap_or(*id);
        };
        block.visit_mut(&mut |step| match step {
            Step::Call { function: id, .. } | Step::DynamicCall { fallback: id, .. } => {
                function(id)
            }
            Step::Assert(assertion) => {
                if let Test::Pattern(id) = &mut assertion.test {
                    pattern(id);
                }
            }
            Step::EachProperty { keys, .. } => match keys {
                KeyFilter::Matches(id) => pattern(id),
                KeyFilter::Unknown { patterns, .. } => patterns.iter_mut().for_each(pattern),
                KeyFilter::Unevaluated => {}
            },
            _ => {}
        });
    }

    /// Every resource evaluation can enter that declares an anchor some `$dynamicRef` looks up
    /// gets its target lowered, since the dynamic scope may pick it.
    fn reach_dynamic_targets(&mut self, run: &mut RunLowering, registry: &Registry) {
        let sites: Vec<(String, bool)> = self
            .dynamic_sites
            .iter()
            .map(|(a, n)| (a.clone(), *n))
            .collect();
        let resources: Vec<String> = self.resource_uris(run);
        for (anchor, annotate) in sites {
            for uri in &resources {
                let Some(target) = registry.dynamic_anchor(uri, &anchor) else {
                    continue;
                };
                let Some(base) = registry.base_of(&target) else {
                    continue;
                };
                self.function_for(run, &target, &base, false);
                if annotate {
                    self.function_for(run, &target, &base, true);
                }
            }
        }
    }

    /// The program's resources by local id.
    fn resource_uris(&self, run: &RunLowering) -> Vec<String> {
        self.resource_ids
            .run
            .iter()
            .map(|&id| run.resource(id).unwrap_or_default().to_string())
            .collect()
    }

    /// This program's function validating `target`, when it has one.
    fn local_function(
        &self,
        run: &RunLowering,
        target: SchemaRef,
        annotate: bool,
    ) -> Option<FunctionId> {
        run.lookup(target, annotate, self.dialect)
            .and_then(|id| self.function_ids.get(id))
    }

    /// For each `$dynamicRef` site's fallback function: the resources that declare its anchor
    /// and the functions (plain, annotating) validating their targets.
    fn dynamic_targets(&self, run: &RunLowering, registry: &Registry) -> DynamicTargets {
        let resources = self.resource_uris(run);
        let mut out = BTreeMap::new();
        for (fallback, &id) in self.function_ids.run.iter().enumerate() {
            let Some((target, _, _)) = run.key(id) else {
                continue;
            };
            let Some(anchor) = declared_dynamic_anchor(registry, target) else {
                continue;
            };
            if !self.dynamic_sites.contains_key(&anchor) {
                continue;
            }
            let mut found = Vec::new();
            for (resource, uri) in resources.iter().enumerate() {
                let Some(target) = registry.dynamic_anchor(uri, &anchor) else {
                    continue;
                };
                let Some(function) = self.local_function(run, target.clone(), false) else {
                    continue;
                };
                let annotating = self.local_function(run, target, true);
                found.push((resource, function, annotating));
            }
            out.insert(fallback, found);
        }
        out
    }
}

/// What a function checking the schema at `pointer` is called: its last name-like token.
fn function_hint(pointer: &str) -> String {
    pointer
        .rsplit('/')
        .find(|t| !t.is_empty() && t.parse::<usize>().is_err())
        .unwrap_or("root")
        .to_string()
}

/// By a `$dynamicRef`'s fallback function: the resources that declare its anchor, each with
/// the function validating its target and the annotating variant, when there is one.
type DynamicTargets = BTreeMap<FunctionId, Vec<(ResourceId, FunctionId, Option<FunctionId>)>>;

/// The functions a `$dynamicRef` with this fallback may call, by the resource that decides.
fn dynamic_calls(
    dynamic: &DynamicTargets,
    fallback: FunctionId,
    collecting: bool,
) -> Vec<(ResourceId, FunctionId)> {
    dynamic
        .get(&fallback)
        .map(|targets| {
            targets
                .iter()
                .map(|&(resource, function, annotating)| match annotating {
                    Some(annotating) if collecting => (resource, annotating),
                    _ => (resource, function),
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::ir::check::{Step, Test};

    /// A definition in a shared file, used by two messages: its body is lowered once for the
    /// run and each program numbers its pattern as its own.
    #[test]
    fn a_shared_body_is_numbered_in_each_program() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let write = |path: &str, schema: serde_json::Value| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
            std::fs::write(path, schema.to_string()).expect("schema file");
        };
        let dialect = "https://json-schema.org/draft/2020-12/schema";
        let code = json!({"$ref": "../shared/codes.json#/$defs/code"});
        write(
            "sample/first.schema.json",
            json!({"$schema": dialect, "properties": {"x": {"pattern": "^a$"}, "code": code}}),
        );
        write(
            "sample/second.schema.json",
            json!({"$schema": dialect, "properties": {"code": code}}),
        );
        write(
            "shared/codes.json",
            json!({"$schema": dialect, "$defs": {"code": {"pattern": "^[0-9]+$"}}}),
        );
        let loaded = crate::load(&crate::Options::new(dir.path())).expect("lowering");
        for (message, expected) in [("first", 1), ("second", 0)] {
            let program = &loaded
                .contracts
                .messages
                .iter()
                .find(|m| m.message == message)
                .expect("the message")
                .checks;
            let code = program
                .functions
                .iter()
                .find(|f| f.hint == "code")
                .expect("a function for the definition");
            let mut patterns = Vec::new();
            code.body.visit(&mut |step| {
                if let Step::Assert(a) = step {
                    if let Test::Pattern(id) = a.test {
                        patterns.push(id);
                    }
                }
            });
            assert_eq!(patterns, vec![expected], "{message}");
            assert_eq!(program.patterns[expected].source, "^[0-9]+$", "{message}");
        }
    }
}
