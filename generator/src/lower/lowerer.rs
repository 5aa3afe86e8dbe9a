//! Lowers schemas into check-program function bodies, once for the whole run: the body of a
//! `$ref` target (with its dialect and whether it reports annotations) is lowered the first
//! time a program asks for it and reused by every other program. For each schema object it
//! pushes the steps of the 2020-12 assertion and applicator keywords (`lower::keywords`, one
//! module per family) and records its shape (`lower::shapes`) for the type space. A keyword
//! that cannot be generated is an error naming file and pointer; nothing is dropped silently.
//!
//! It decides, once, where an annotation collector is present: in a function that reports
//! annotations, in a block with its own `unevaluated*` keyword, and in an in-place block or
//! trial whose annotations someone keeps; property and item blocks start without one. Record
//! steps appear only where a collector is present.
//!
//! A body's functions, patterns and resources carry run-wide ids; its `events` say in which
//! order lowering it asked for them, so each program (`lower::builder`) numbers its own as if
//! it had lowered the body itself.

use std::collections::BTreeMap;

use crate::schema::Uri;
use serde_json::Value;

use super::keywords::{self, Driver};
pub use super::keywords::{Annotate, Lowered};
use super::shapes::{Shape, Shapes};
use super::vocabularies::Vocabularies;
use crate::error::{Error, Location, Result};
use crate::ir::check::{
    Assertion, Block, FunctionId, Message, MessageId, Pattern, PatternId, ResourceId, Step, Test,
};
use crate::ir::Vocabulary;
use crate::schema::{Registry, SchemaRef};

/// A function of the run: its target, whether it reports annotations, and its dialect.
pub type FunctionKey = (SchemaRef, bool, usize);

/// What lowering a body asked for, in order.
#[derive(Debug, Clone)]
pub enum Event {
    Function(FunctionId),
    Resource(ResourceId),
    Pattern(PatternId),
    /// A `$dynamicRef` looks up this anchor; `true`: the site needs annotations.
    DynamicSite(String, bool),
}

/// A function body lowered for the run.
#[derive(Debug, Clone)]
pub struct Body {
    pub block: Block,
    pub events: Vec<Event>,
}

/// Everything lowered so far in the run, with run-wide ids.
#[derive(Default)]
pub struct RunLowering {
    /// The settings and vocabularies of each dialect messages use.
    dialects: Vec<(Vocabulary, Vocabularies)>,
    keys: Vec<FunctionKey>,
    bases: Vec<Uri>,
    key_ids: BTreeMap<FunctionKey, FunctionId>,
    bodies: Vec<Option<Body>>,
    patterns: Vec<Pattern>,
    pattern_ids: BTreeMap<String, PatternId>,
    resources: Vec<String>,
    resource_ids: BTreeMap<String, ResourceId>,
    /// The shape of every schema object lowered.
    pub shapes: Shapes,
}

impl RunLowering {
    /// The id of a dialect: the settings that change what keywords mean, and the vocabularies
    /// a `$schema` turns on.
    pub fn dialect(&mut self, vocabulary: Vocabulary, vocabularies: Vocabularies) -> usize {
        let dialect = (vocabulary, vocabularies);
        match self.dialects.iter().position(|d| *d == dialect) {
            Some(id) => id,
            None => {
                self.dialects.push(dialect);
                self.dialects.len() - 1
            }
        }
    }

    /// The run-wide function validating `target` in `dialect`.
    pub fn function(
        &mut self,
        target: &SchemaRef,
        base: &Uri,
        annotate: bool,
        dialect: usize,
    ) -> FunctionId {
        let key = (target.clone(), annotate, dialect);
        if let Some(&id) = self.key_ids.get(&key) {
            return id;
        }
        let id = self.keys.len();
        self.keys.push(key.clone());
        self.bases.push(base.clone());
        self.bodies.push(None);
        self.key_ids.insert(key, id);
        id
    }

    /// The run-wide function of `target`, when some program asked for it.
    pub fn lookup(&self, target: SchemaRef, annotate: bool, dialect: usize) -> Option<FunctionId> {
        self.key_ids.get(&(target, annotate, dialect)).copied()
    }

    pub fn key(&self, id: FunctionId) -> Option<&FunctionKey> {
        self.keys.get(id)
    }

    pub fn pattern(&self, id: PatternId) -> Option<&Pattern> {
        self.patterns.get(id)
    }

    pub fn resource(&self, id: ResourceId) -> Option<&str> {
        self.resources.get(id).map(String::as_str)
    }

    /// The body of function `id`, lowered the first time it is asked for.
    pub fn body(&mut self, registry: &mut Registry, id: FunctionId) -> Result<&Body> {
        let missing = || Error::Config(format!("function {id} was never declared"));
        if self.bodies.get(id).ok_or_else(missing)?.is_none() {
            let (target, annotate, dialect) = self.keys.get(id).ok_or_else(missing)?.clone();
            let base = self.bases.get(id).ok_or_else(missing)?.clone();
            let mode = if annotate {
                Annotate::Report
            } else {
                Annotate::No
            };
            let mut lowerer = Lowerer {
                registry,
                run: self,
                dialect,
                events: Vec::new(),
            };
            let lowered = lowerer.lower(&target, &base, mode)?;
            let mut block = lowered.block;
            // Entering a function enters the resource that holds its schema.
            if block.enters.is_none() {
                let resource = lowerer.resource_of(&target);
                if lowered.checks {
                    block.enters = resource;
                }
            }
            let events = lowerer.events;
            if let Some(slot) = self.bodies.get_mut(id) {
                *slot = Some(Body { block, events });
            }
        }
        self.bodies
            .get(id)
            .and_then(Option::as_ref)
            .ok_or_else(missing)
    }
}

/// Lowers one function body, noting what it asks of the program.
pub(super) struct Lowerer<'a> {
    registry: &'a mut Registry,
    run: &'a mut RunLowering,
    dialect: usize,
    events: Vec<Event>,
}

impl Lowerer<'_> {
    pub fn registry(&mut self) -> &mut Registry {
        self.registry
    }

    /// The settings that change what keywords mean (format and content assertion).
    pub(super) fn vocabulary(&self) -> Vocabulary {
        self.dialect().0
    }

    fn dialect(&self) -> (Vocabulary, Vocabularies) {
        self.run
            .dialects
            .get(self.dialect)
            .copied()
            .unwrap_or((Vocabulary::default(), Vocabularies::ALL))
    }

    /// Notes a `$dynamicRef` that looks up `anchor`; `annotate`: the site needs annotations.
    pub(super) fn dynamic_site(&mut self, anchor: &str, annotate: bool) {
        self.events
            .push(Event::DynamicSite(anchor.to_string(), annotate));
    }

    /// The function that validates `target`; lowered later, so recursion terminates.
    pub fn function_for(&mut self, target: &SchemaRef, base: &Uri, annotate: bool) -> FunctionId {
        let id = self.run.function(target, base, annotate, self.dialect);
        self.events.push(Event::Function(id));
        id
    }

    /// Whether function `id` reports the annotations of a call that collects them.
    pub(super) fn reports_annotations(&self, id: FunctionId) -> bool {
        self.run.key(id).is_some_and(|(_, annotate, _)| *annotate)
    }

    /// The id of the resource `at` belongs to.
    fn resource_of(&mut self, at: &SchemaRef) -> Option<ResourceId> {
        let root = self.registry.resource_root(at)?;
        let uri = self.registry.resource_uri(&root)?;
        let id = match self.run.resource_ids.get(&uri) {
            Some(&id) => id,
            None => {
                let id = self.run.resources.len();
                self.run.resources.push(uri.clone());
                self.run.resource_ids.insert(uri, id);
                id
            }
        };
        self.events.push(Event::Resource(id));
        Some(id)
    }

    /// The `$dynamicAnchor` the schema at `at` declares.
    pub(super) fn declared_dynamic_anchor(&self, at: &SchemaRef) -> Option<String> {
        declared_dynamic_anchor(self.registry, at)
    }

    /// A pattern as the schema writes it, for messages.
    pub(super) fn pattern_source(&self, id: PatternId) -> String {
        self.run
            .pattern(id)
            .map(|p| p.source.clone())
            .unwrap_or_default()
    }

    pub(super) fn pattern(&mut self, source: &str, at: &Location) -> Result<PatternId> {
        let id = match self.run.pattern_ids.get(source) {
            Some(&id) => id,
            None => {
                let pattern = crate::regex::compile(source).map_err(|reason| {
                    Error::unsupported(at, "pattern", format!("\"{source}\": {reason}"))
                })?;
                let id = self.run.patterns.len();
                self.run.patterns.push(pattern);
                self.run.pattern_ids.insert(source.to_string(), id);
                id
            }
        };
        self.events.push(Event::Pattern(id));
        Ok(id)
    }

    /// Lowers the schema at `at`, where `base` is the base URI of the enclosing resource;
    /// `annotate` says who asks for its annotations.
    pub fn lower(&mut self, at: &SchemaRef, base: &Uri, annotate: Annotate) -> Result<Lowered> {
        let location = self.registry.location(at);
        super::vocabularies::check_resource_dialect(self.registry, at, self.dialect().1)?;
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
            Some(Value::Object(map)) => (self.dialect().1.filter(map), Shape::read(map, None)),
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
        self.run
            .shapes
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

/// The `$dynamicAnchor` the schema at `at` declares.
pub(super) fn declared_dynamic_anchor(registry: &Registry, at: &SchemaRef) -> Option<String> {
    registry
        .value(at)?
        .get("$dynamicAnchor")?
        .as_str()
        .map(str::to_string)
}

/// The families reach the driver only through this trait (see `keywords::Driver`).
impl Driver for Lowerer<'_> {
    fn registry(&mut self) -> &mut Registry {
        Lowerer::registry(self)
    }

    fn vocabulary(&self) -> Vocabulary {
        Lowerer::vocabulary(self)
    }

    fn lower(&mut self, at: &SchemaRef, base: &Uri, annotate: Annotate) -> Result<Lowered> {
        Lowerer::lower(self, at, base, annotate)
    }

    fn function_for(&mut self, target: &SchemaRef, base: &Uri, annotate: bool) -> FunctionId {
        Lowerer::function_for(self, target, base, annotate)
    }

    fn reports_annotations(&self, id: FunctionId) -> bool {
        Lowerer::reports_annotations(self, id)
    }

    fn dynamic_site(&mut self, anchor: &str, annotate: bool) {
        Lowerer::dynamic_site(self, anchor, annotate);
    }

    fn declared_dynamic_anchor(&self, at: &SchemaRef) -> Option<String> {
        Lowerer::declared_dynamic_anchor(self, at)
    }

    fn pattern(&mut self, source: &str, at: &Location) -> Result<PatternId> {
        Lowerer::pattern(self, source, at)
    }

    fn pattern_source(&self, id: PatternId) -> String {
        Lowerer::pattern_source(self, id)
    }
}
