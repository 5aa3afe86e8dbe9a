//! Lowers schema documents into the validation program: the functions (one per `$ref` target),
//! patterns, schema resources and dynamic anchors it needs, and for each schema object the
//! keywords of the 2020-12 assertion and applicator vocabularies (`lower::keywords`, one module
//! per family). A keyword that cannot be generated is an error naming file and pointer;
//! nothing is dropped silently.

use std::collections::BTreeMap;

use serde_json::Value;
use url::Url;

use crate::error::{Error, Location, Result};
use crate::ir::{
    Annotate, DynamicTarget, FunctionId, PatternId, Program, ProgramFunction, ResourceId, Schema,
    SchemaBody, Vocabulary,
};
use crate::schema::{Registry, SchemaRef};

use super::keywords;
use super::vocabularies::Vocabularies;

pub struct ProgramBuilder<'r> {
    registry: &'r mut Registry,
    vocabulary: Vocabulary,
    vocabularies: Vocabularies,
    functions: Vec<Option<ProgramFunction>>,
    by_target: BTreeMap<(SchemaRef, bool), FunctionId>,
    pending: Vec<(FunctionId, SchemaRef, Url, bool)>,
    patterns: Vec<String>,
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
        vocabulary: Vocabulary,
        vocabularies: Vocabularies,
    ) -> Self {
        ProgramBuilder {
            registry,
            vocabulary,
            vocabularies,
            functions: Vec::new(),
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
        self.by_target.insert(key, id);
        self.pending
            .push((id, target.clone(), base.clone(), annotate));
        id
    }

    /// Lowers every function reached so far and returns the program.
    pub fn finish(mut self) -> Result<Program> {
        loop {
            while let Some((id, target, base, annotate)) = self.pending.pop() {
                let mode = if annotate {
                    Annotate::Report
                } else {
                    Annotate::No
                };
                let mut schema = self.lower(&target, &base, mode)?;
                // Entering a function enters the resource that holds its schema.
                if schema.enters.is_none() {
                    schema.enters = self.resource_of(&target);
                }
                let name = self.function_name(&target);
                self.functions[id] = Some(ProgramFunction {
                    name,
                    schema,
                    reports_annotations: annotate,
                });
            }
            self.reach_dynamic_targets();
            if self.pending.is_empty() {
                break;
            }
        }
        let dynamic_anchors = self.dynamic_targets();
        let functions = self
            .functions
            .into_iter()
            .enumerate()
            .map(|(id, f)| {
                f.ok_or_else(|| Error::Config(format!("function {id} was never lowered")))
            })
            .collect::<Result<Vec<_>>>()?;
        let mut pattern_sources = vec![String::new(); self.patterns.len()];
        for (source, id) in self.pattern_ids {
            if let Some(slot) = pattern_sources.get_mut(id) {
                *slot = source;
            }
        }
        Ok(Program {
            functions,
            patterns: self.patterns,
            pattern_sources,
            resources: self.resources,
            dynamic_anchors,
        })
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

    fn dynamic_targets(&self) -> BTreeMap<String, Vec<DynamicTarget>> {
        let mut out = BTreeMap::new();
        for anchor in self.dynamic_sites.keys() {
            let mut targets = Vec::new();
            for (resource, uri) in self.resources.iter().enumerate() {
                let Some(target) = self.registry.dynamic_anchor(uri, anchor) else {
                    continue;
                };
                let Some(&function) = self.by_target.get(&(target.clone(), false)) else {
                    continue;
                };
                let annotating = self.by_target.get(&(target, true)).copied();
                targets.push(DynamicTarget {
                    resource,
                    function,
                    annotating,
                });
            }
            out.insert(anchor.clone(), targets);
        }
        out
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

    pub(super) fn pattern(&mut self, source: &str, at: &Location) -> Result<PatternId> {
        if let Some(&id) = self.pattern_ids.get(source) {
            return Ok(id);
        }
        let translated = crate::regex::translate(source).map_err(|reason| {
            Error::unsupported(at, "pattern", format!("\"{source}\": {reason}"))
        })?;
        let id = self.patterns.len();
        self.patterns.push(translated);
        self.pattern_ids.insert(source.to_string(), id);
        Ok(id)
    }

    /// Lowers the schema at `at`, where `base` is the base URI of the enclosing resource.
    pub fn lower(&mut self, at: &SchemaRef, base: &Url, annotate: Annotate) -> Result<Schema> {
        let location = self.registry.location(at);
        // One copy of the schema object (the registry stays borrowable while lowering it),
        // without the keywords of vocabularies that are off.
        let map = match self.registry.value(at) {
            None => return Err(Error::schema(&location, "no schema here")),
            Some(Value::Bool(true)) => return Ok(leaf(location, SchemaBody::Any, annotate)),
            Some(Value::Bool(false)) => return Ok(leaf(location, SchemaBody::Nothing, annotate)),
            Some(Value::Object(map)) => self.vocabularies.filter(map),
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
            checks: Vec::new(),
        };
        lowering.lower_all()?;
        let checks = lowering.checks;
        let body = if checks.is_empty() {
            SchemaBody::Any
        } else {
            SchemaBody::Checks(checks)
        };
        Ok(Schema {
            location,
            body,
            annotate,
            enters,
        })
    }

    pub(super) fn annotate_children(annotate: Annotate) -> Annotate {
        if annotate == Annotate::No {
            Annotate::No
        } else {
            Annotate::Report
        }
    }
}

fn leaf(location: Location, body: SchemaBody, annotate: Annotate) -> Schema {
    Schema {
        location,
        body,
        annotate,
        enters: None,
    }
}
