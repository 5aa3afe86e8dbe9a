//! Lowers schema documents into the check program (`ir::check`): the functions (one per `$ref`
//! target), patterns, schema resources and dynamic anchors it needs, and for each schema object
//! the steps of the 2020-12 assertion and applicator keywords (`lower::keywords`, one module per
//! family). A keyword that cannot be generated is an error naming file and pointer; nothing is
//! dropped silently.
//!
//! Lowering a schema object records its shape (`lower::shapes`) for the type space.
//!
//! It decides, once, where an annotation collector is present: in a function that reports
//! annotations, in a block with its own `unevaluated*` keyword, and in an in-place block or
//! trial whose annotations someone keeps; property and item blocks start without one. Record
//! steps appear only where a collector is present.

use std::collections::BTreeMap;

use serde_json::Value;
use url::Url;

use crate::error::{Error, Location, Result};
use crate::ir::check::{
    Assertion, Block, CheckProgram, Function, FunctionId, Message, MessageId, Pattern, PatternId,
    ResourceId, Step, Test,
};
use crate::ir::Vocabulary;
use crate::schema::{Registry, SchemaRef};

use super::keywords;
use super::shapes::{Shape, Shapes};
use super::vocabularies::Vocabularies;

pub struct ProgramBuilder<'r> {
    registry: &'r mut Registry,
    /// The run's shapes, one per schema object lowered.
    shapes: &'r mut Shapes,
    vocabulary: Vocabulary,
    vocabularies: Vocabularies,
    functions: Vec<Option<Function>>,
    /// What each function validates, and whether it reports annotations.
    targets: Vec<(SchemaRef, bool)>,
    by_target: BTreeMap<(SchemaRef, bool), FunctionId>,
    pending: Vec<(FunctionId, SchemaRef, Url, bool)>,
    patterns: Vec<Pattern>,
    pattern_ids: BTreeMap<String, PatternId>,
    names: BTreeMap<String, usize>,
    resources: Vec<String>,
    resource_ids: BTreeMap<String, ResourceId>,
    /// `$dynamicAnchor` names some `$dynamicRef` looks up, and whether a site needs annotations.
    dynamic_sites: BTreeMap<String, bool>,
}

impl<'r> ProgramBuilder<'r> {
    pub fn new(
        registry: &'r mut Registry,
        shapes: &'r mut Shapes,
        vocabulary: Vocabulary,
        vocabularies: Vocabularies,
    ) -> Self {
        ProgramBuilder {
            registry,
            shapes,
            vocabulary,
            vocabularies,
            functions: Vec::new(),
            targets: Vec::new(),
            by_target: BTreeMap::new(),
            pending: Vec::new(),
            patterns: Vec::new(),
            pattern_ids: BTreeMap::new(),
            names: BTreeMap::new(),
            resources: Vec::new(),
            resource_ids: BTreeMap::new(),
            dynamic_sites: BTreeMap::new(),
        }
    }

    pub fn registry(&mut self) -> &mut Registry {
        self.registry
    }

    /// The settings that change what keywords mean (format and content assertion).
    pub(super) fn vocabulary(&self) -> Vocabulary {
        self.vocabulary
    }

    /// Notes a `$dynamicRef` that looks up `anchor`; `annotate`: the site needs annotations.
    pub(super) fn dynamic_site(&mut self, anchor: &str, annotate: bool) {
        let needs = self
            .dynamic_sites
            .entry(anchor.to_string())
            .or_insert(false);
        *needs |= annotate;
    }

    /// The function that validates `target`; lowered later, so recursion terminates.
    pub fn function_for(&mut self, target: &SchemaRef, base: &Url, annotate: bool) -> FunctionId {
        let key = (target.clone(), annotate);
        if let Some(&id) = self.by_target.get(&key) {
            return id;
        }
        let id = self.functions.len();
        self.functions.push(None);
        self.targets.push(key.clone());
        self.by_target.insert(key, id);
        self.pending
            .push((id, target.clone(), base.clone(), annotate));
        id
    }

    /// Whether function `id` reports the annotations of a call that collects them.
    pub(super) fn reports_annotations(&self, id: FunctionId) -> bool {
        self.targets.get(id).is_some_and(|(_, annotate)| *annotate)
    }

    /// Lowers every function reached so far and returns the program, its `$dynamicRef`
    /// targets filled in now that every resource evaluation can enter is known.
    pub fn finish(mut self) -> Result<CheckProgram> {
        loop {
            while let Some((id, target, base, annotate)) = self.pending.pop() {
                let mode = if annotate {
                    Annotate::Report
                } else {
                    Annotate::No
                };
                let lowered = self.lower(&target, &base, mode)?;
                let mut body = lowered.block;
                // Entering a function enters the resource that holds its schema.
                if body.enters.is_none() {
                    let resource = self.resource_of(&target);
                    if lowered.checks {
                        body.enters = resource;
                    }
                }
                let name = self.function_name(&target);
                self.functions[id] = Some(Function {
                    name,
                    location: self.registry.location(&target),
                    body,
                    reports_annotations: annotate,
                    can_fail: true,
                });
            }
            self.reach_dynamic_targets();
            if self.pending.is_empty() {
                break;
            }
        }
        let dynamic = self.dynamic_targets();
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
        let mut program = CheckProgram {
            functions,
            patterns: self.patterns,
            dynamic_scope: !self.dynamic_sites.is_empty(),
        };
        program.settle_can_fail();
        Ok(program)
    }

    /// The id of the resource `at` belongs to.
    fn resource_of(&mut self, at: &SchemaRef) -> Option<ResourceId> {
        let root = self.registry.resource_root(at)?;
        let uri = self.registry.resource_uri(&root)?;
        Some(self.resource_id(&uri))
    }

    fn resource_id(&mut self, uri: &str) -> ResourceId {
        if let Some(&id) = self.resource_ids.get(uri) {
            return id;
        }
        let id = self.resources.len();
        self.resources.push(uri.to_string());
        self.resource_ids.insert(uri.to_string(), id);
        id
    }

    /// Every resource evaluation can enter that declares an anchor some `$dynamicRef` looks up
    /// gets its target lowered, since the dynamic scope may pick it.
    fn reach_dynamic_targets(&mut self) {
        let sites: Vec<(String, bool)> = self
            .dynamic_sites
            .iter()
            .map(|(a, n)| (a.clone(), *n))
            .collect();
        let resources = self.resources.clone();
        for (anchor, annotate) in sites {
            for uri in &resources {
                let Some(target) = self.registry.dynamic_anchor(uri, &anchor) else {
                    continue;
                };
                let Some(base) = self.registry.base_of(&target) else {
                    continue;
                };
                self.function_for(&target, &base, false);
                if annotate {
                    self.function_for(&target, &base, true);
                }
            }
        }
    }

    /// For each `$dynamicRef` site's fallback function: the resources that declare its anchor
    /// and the functions (plain, annotating) validating their targets.
    fn dynamic_targets(&self) -> DynamicTargets {
        let mut out = BTreeMap::new();
        for (fallback, (target, _)) in self.targets.iter().enumerate() {
            let Some(anchor) = self.declared_dynamic_anchor(target) else {
                continue;
            };
            if !self.dynamic_sites.contains_key(&anchor) {
                continue;
            }
            let mut found = Vec::new();
            for (resource, uri) in self.resources.iter().enumerate() {
                let Some(target) = self.registry.dynamic_anchor(uri, &anchor) else {
                    continue;
                };
                let Some(&function) = self.by_target.get(&(target.clone(), false)) else {
                    continue;
                };
                let annotating = self.by_target.get(&(target, true)).copied();
                found.push((resource, function, annotating));
            }
            out.insert(fallback, found);
        }
        out
    }

    /// The `$dynamicAnchor` the schema at `at` declares.
    pub(super) fn declared_dynamic_anchor(&self, at: &SchemaRef) -> Option<String> {
        self.registry
            .value(at)?
            .get("$dynamicAnchor")?
            .as_str()
            .map(str::to_string)
    }

    fn function_name(&mut self, target: &SchemaRef) -> String {
        use heck::ToSnakeCase;
        let location = self.registry.location(target);
        let last = location
            .pointer
            .rsplit('/')
            .find(|t| !t.is_empty() && t.parse::<usize>().is_err())
            .unwrap_or("root");
        let mut base = format!("check_{}", last.to_snake_case());
        base.retain(|c| c.is_ascii_alphanumeric() || c == '_');
        if base == "check_" {
            base = "check_schema".to_string();
        }
        let count = self.names.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            format!("{base}_{count}")
        }
    }

    /// A pattern as the schema writes it, for messages.
    pub(super) fn pattern_source(&self, id: PatternId) -> String {
        self.patterns
            .get(id)
            .map(|p| p.source.clone())
            .unwrap_or_default()
    }

    pub(super) fn pattern(&mut self, source: &str, at: &Location) -> Result<PatternId> {
        if let Some(&id) = self.pattern_ids.get(source) {
            return Ok(id);
        }
        let translated = crate::regex::translate(source).map_err(|reason| {
            Error::unsupported(at, "pattern", format!("\"{source}\": {reason}"))
        })?;
        let id = self.patterns.len();
        self.patterns.push(Pattern {
            source: source.to_string(),
            translated,
        });
        self.pattern_ids.insert(source.to_string(), id);
        Ok(id)
    }

    /// Lowers the schema at `at`, where `base` is the base URI of the enclosing resource;
    /// `annotate` says who asks for its annotations.
    pub fn lower(&mut self, at: &SchemaRef, base: &Url, annotate: Annotate) -> Result<Lowered> {
        let location = self.registry.location(at);
        // One copy of the schema object (the registry stays borrowable while lowering it),
        // without the keywords of vocabularies that are off; its shape as written.
        let (map, shape) = match self.registry.value(at) {
            None => return Err(Error::schema(&location, "no schema here")),
            Some(Value::Bool(true)) => return Ok(Lowered::accepts_all()),
            Some(Value::Bool(false)) => {
                let never =
                    Assertion::new(Test::Never, location, Message::new(MessageId::FalseSchema));
                return Ok(Lowered {
                    block: Block {
                        steps: vec![Step::Assert(never)],
                        ..Block::default()
                    },
                    checks: true,
                });
            }
            Some(Value::Object(map)) => (self.vocabularies.filter(map), Shape::read(map, None)),
            _ => {
                return Err(Error::schema(
                    &location,
                    "a schema must be an object or a boolean",
                ))
            }
        };
        // The registry knows the base in force at every location, `$id` of this schema included.
        let base = self.registry.base_of(at).unwrap_or_else(|| base.clone());
        let enters = if map.contains_key("$id") {
            self.resource_of(at)
        } else {
            None
        };
        let own = map.contains_key("unevaluatedProperties") || map.contains_key("unevaluatedItems");
        let annotate = match annotate {
            Annotate::No if own => Annotate::Own,
            other => other,
        };
        let mut lowering = keywords::SchemaLowering {
            builder: self,
            at,
            map: &map,
            base: &base,
            location: &location,
            annotate,
            steps: keywords::Steps::default(),
            checks: false,
            reference: None,
        };
        lowering.lower_all()?;
        let reference = lowering.reference.take();
        let checks = lowering.checks;
        let steps = lowering.steps.0;
        self.shapes
            .entry(at.clone())
            .or_insert(Shape { reference, ..shape });
        if !checks {
            return Ok(Lowered::accepts_all());
        }
        Ok(Lowered {
            block: Block {
                steps,
                enters,
                own_collector: annotate == Annotate::Own,
            },
            checks: true,
        })
    }
}

/// How a schema block deals with evaluated-property/item annotations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Annotate {
    /// Nobody asks: no bookkeeping.
    No,
    /// The block itself holds an `unevaluated*` keyword: it keeps its own record.
    Own,
    /// The enclosing block asks: record into the collector it passes in.
    Report,
}

impl Annotate {
    /// The mode of a subschema applied to the same instance (`allOf`, `if`...): its
    /// annotations count for the enclosing block's `unevaluated*` keywords.
    pub fn in_place(self) -> Annotate {
        if self == Annotate::No {
            Annotate::No
        } else {
            Annotate::Report
        }
    }

    /// Whether a collector is present where the block runs.
    pub fn collecting(self) -> bool {
        self != Annotate::No
    }
}

/// A lowered schema: its block, and whether it held any check at all (`true` and `{}` do not).
pub struct Lowered {
    pub block: Block,
    pub checks: bool,
}

impl Lowered {
    fn accepts_all() -> Lowered {
        Lowered {
            block: Block::default(),
            checks: false,
        }
    }
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
