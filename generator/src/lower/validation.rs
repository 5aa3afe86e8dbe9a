//! Lowers schema documents into the validation program: one pass over every keyword of the
//! 2020-12 assertion and applicator vocabularies. A keyword that cannot be generated is an error
//! naming file and pointer; nothing is dropped silently.

use std::collections::BTreeMap;

use serde_json::{Map, Number, Value};
use url::Url;

use crate::error::{Error, Location, Result};
use crate::ir::{
    Annotate, Check, ContentCheck, DynamicTarget, Format, FunctionId, JsonType, PatternId, Program,
    ProgramFunction, ResourceId, Rule, Schema, SchemaBody, Vocabulary,
};
use crate::schema::{Registry, SchemaRef};

use super::vocabularies::Vocabularies;

/// Keywords of older drafts whose 2020-12 replacement differs: using them is a mistake worth
/// an error rather than an ignored annotation.
const OLDER_DRAFTS: &[(&str, &str)] = &[
    ("dependencies", "use dependentRequired or dependentSchemas"),
    ("additionalItems", "use prefixItems with items"),
    ("$recursiveRef", "use $dynamicRef"),
];

/// Builds the rule of a keyword that takes a number.
type NumberRule = fn(Number) -> Rule;
/// Builds the rule of a keyword that takes a list of schemas.
type ListRule = fn(Vec<Schema>) -> Rule;

pub struct ProgramBuilder<'r> {
    registry: &'r mut Registry,
    vocabulary: Vocabulary,
    vocabularies: Vocabularies,
    functions: Vec<Option<ProgramFunction>>,
    by_target: BTreeMap<(SchemaRef, bool), FunctionId>,
    pending: Vec<(FunctionId, SchemaRef, Url, bool)>,
    patterns: Vec<String>,
    pattern_sources: Vec<String>,
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
            pattern_sources: Vec::new(),
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
        Ok(Program {
            functions,
            patterns: self.patterns,
            pattern_sources: self.pattern_sources,
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

    fn pattern(&mut self, source: &str, at: &Location) -> Result<PatternId> {
        if let Some(&id) = self.pattern_ids.get(source) {
            return Ok(id);
        }
        let translated = crate::regex::translate(source).map_err(|reason| {
            Error::unsupported(at, "pattern", format!("\"{source}\": {reason}"))
        })?;
        let id = self.patterns.len();
        self.patterns.push(translated);
        self.pattern_sources.push(source.to_string());
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
        let mut lowering = SchemaLowering {
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

    fn annotate_children(annotate: Annotate) -> Annotate {
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

/// The lowering of one schema object.
struct SchemaLowering<'a, 'r> {
    builder: &'a mut ProgramBuilder<'r>,
    at: &'a SchemaRef,
    map: &'a Map<String, Value>,
    base: &'a Url,
    location: &'a Location,
    annotate: Annotate,
    checks: Vec<Check>,
}

impl SchemaLowering<'_, '_> {
    fn lower_all(&mut self) -> Result<()> {
        for (keyword, advice) in OLDER_DRAFTS {
            if self.map.contains_key(*keyword) {
                return Err(Error::unsupported(
                    &self.location.join(keyword),
                    keyword,
                    format!("not a draft 2020-12 keyword; {advice}"),
                ));
            }
        }
        self.lower_type()?;
        self.lower_values()?;
        self.lower_numbers()?;
        self.lower_strings()?;
        self.lower_arrays()?;
        self.lower_objects()?;
        self.lower_combinators()?;
        self.lower_ref()?;
        self.lower_dynamic_ref()?;
        self.lower_unevaluated()?;
        Ok(())
    }

    fn push(&mut self, keyword: &str, rule: Rule) {
        self.checks.push(Check {
            keyword: self.location.join(keyword),
            rule,
        });
    }

    /// Lowers a subschema that applies to a different instance (a property, an item).
    fn sub(&mut self, tokens: &[&str]) -> Result<Schema> {
        let at = self.at.child(tokens);
        self.builder.lower(&at, self.base, Annotate::No)
    }

    /// Lowers a subschema applied to the same instance (allOf, if, ...): its annotations
    /// count for this schema's `unevaluated*` keywords.
    fn in_place(&mut self, tokens: &[&str]) -> Result<Schema> {
        let at = self.at.child(tokens);
        let mode = ProgramBuilder::annotate_children(self.annotate);
        self.builder.lower(&at, self.base, mode)
    }

    fn error(&self, keyword: &str, message: &str) -> Error {
        Error::schema(&self.location.join(keyword), message)
    }

    fn non_negative(&self, keyword: &str) -> Result<Option<u64>> {
        match self.map.get(keyword) {
            None => Ok(None),
            Some(v) => as_count(v)
                .map(Some)
                .ok_or_else(|| self.error(keyword, "must be a non-negative integer")),
        }
    }

    fn number(&self, keyword: &str) -> Result<Option<Number>> {
        match self.map.get(keyword) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(Some(n.clone())),
            Some(_) => Err(self.error(keyword, "must be a number")),
        }
    }

    fn schema_map(&self, keyword: &str) -> Result<Vec<String>> {
        match self.map.get(keyword) {
            None => Ok(Vec::new()),
            Some(Value::Object(m)) => Ok(m.keys().cloned().collect()),
            Some(_) => Err(self.error(keyword, "must be an object of schemas")),
        }
    }

    fn schema_list(&self, keyword: &str) -> Result<Option<usize>> {
        match self.map.get(keyword) {
            None => Ok(None),
            Some(Value::Array(items)) if !items.is_empty() => Ok(Some(items.len())),
            Some(_) => Err(self.error(keyword, "must be a non-empty array of schemas")),
        }
    }

    fn lower_type(&mut self) -> Result<()> {
        let Some(value) = self.map.get("type") else {
            return Ok(());
        };
        let names: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            single => vec![single],
        };
        let mut types = Vec::new();
        for name in names {
            let parsed = name.as_str().and_then(JsonType::parse);
            match parsed {
                Some(t) if !types.contains(&t) => types.push(t),
                Some(_) => return Err(self.error("type", "lists a type twice")),
                None => return Err(self.error(
                    "type",
                    "must name JSON types (null, boolean, object, array, number, integer, string)",
                )),
            }
        }
        self.push("type", Rule::Type(types));
        Ok(())
    }

    fn lower_values(&mut self) -> Result<()> {
        if let Some(value) = self.map.get("const") {
            self.push("const", Rule::Const(value.clone()));
        }
        match self.map.get("enum") {
            None => {}
            Some(Value::Array(values)) => self.push("enum", Rule::Enum(values.clone())),
            Some(_) => return Err(self.error("enum", "must be an array")),
        }
        Ok(())
    }

    fn lower_numbers(&mut self) -> Result<()> {
        if let Some(n) = self.number("multipleOf")? {
            if n.as_f64().is_none_or(|f| f <= 0.0) {
                return Err(self.error("multipleOf", "must be greater than 0"));
            }
            self.push("multipleOf", Rule::MultipleOf(n));
        }
        let bounds: [(&str, NumberRule); 4] = [
            ("maximum", Rule::Maximum),
            ("exclusiveMaximum", Rule::ExclusiveMaximum),
            ("minimum", Rule::Minimum),
            ("exclusiveMinimum", Rule::ExclusiveMinimum),
        ];
        for (keyword, rule) in bounds {
            if let Some(n) = self.number(keyword)? {
                self.push(keyword, rule(n));
            }
        }
        Ok(())
    }

    fn lower_strings(&mut self) -> Result<()> {
        if let Some(n) = self.non_negative("maxLength")? {
            self.push("maxLength", Rule::MaxLength(n));
        }
        if let Some(n) = self.non_negative("minLength")? {
            self.push("minLength", Rule::MinLength(n));
        }
        match self.map.get("pattern") {
            None => {}
            Some(Value::String(source)) => {
                let id = self
                    .builder
                    .pattern(source, &self.location.join("pattern"))?;
                self.push("pattern", Rule::Pattern(id));
            }
            Some(_) => return Err(self.error("pattern", "must be a string")),
        }
        if self.builder.vocabulary.assert_format {
            match self.map.get("format") {
                None => {}
                Some(Value::String(name)) => match Format::parse(name) {
                    Some(format) => self.push("format", Rule::Format(format)),
                    None => {
                        return Err(Error::unsupported(
                            &self.location.join("format"),
                            "format",
                            format!(
                                "format assertion is on and \"{name}\" is not one the generator can check (known: {})",
                                Format::ALL.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
                            ),
                        ))
                    }
                },
                Some(_) => return Err(self.error("format", "must be a string")),
            }
        }
        if self.builder.vocabulary.assert_content {
            self.lower_content()?;
        }
        Ok(())
    }

    fn lower_content(&mut self) -> Result<()> {
        let base64 = match self.map.get("contentEncoding") {
            None => false,
            Some(Value::String(e)) if e == "base64" => true,
            Some(other) => {
                return Err(Error::unsupported(
                    &self.location.join("contentEncoding"),
                    "contentEncoding",
                    format!(
                        "content assertion is on and only \"base64\" can be checked, not {other}"
                    ),
                ))
            }
        };
        let json = match self.map.get("contentMediaType") {
            None => false,
            Some(Value::String(t)) if t == "application/json" || t.ends_with("+json") => true,
            Some(other) => {
                return Err(Error::unsupported(
                    &self.location.join("contentMediaType"),
                    "contentMediaType",
                    format!(
                    "content assertion is on and only application/json can be checked, not {other}"
                ),
                ))
            }
        };
        // contentSchema means something only together with contentMediaType.
        let schema = if json && self.map.contains_key("contentSchema") {
            Some(Box::new(self.sub(&["contentSchema"])?))
        } else {
            None
        };
        if base64 || json {
            let keyword = if json {
                "contentMediaType"
            } else {
                "contentEncoding"
            };
            self.push(
                keyword,
                Rule::Content(ContentCheck {
                    base64,
                    json,
                    schema,
                }),
            );
        }
        Ok(())
    }

    fn lower_arrays(&mut self) -> Result<()> {
        if let Some(n) = self.non_negative("maxItems")? {
            self.push("maxItems", Rule::MaxItems(n));
        }
        if let Some(n) = self.non_negative("minItems")? {
            self.push("minItems", Rule::MinItems(n));
        }
        match self.map.get("uniqueItems") {
            None | Some(Value::Bool(false)) => {}
            Some(Value::Bool(true)) => self.push("uniqueItems", Rule::UniqueItems),
            Some(_) => return Err(self.error("uniqueItems", "must be a boolean")),
        }
        let prefix = self.schema_list("prefixItems")?.unwrap_or(0);
        if prefix > 0 {
            let mut schemas = Vec::new();
            for i in 0..prefix {
                schemas.push(self.sub(&["prefixItems", &i.to_string()])?);
            }
            self.push("prefixItems", Rule::PrefixItems(schemas));
        }
        if let Some(items) = self.map.get("items") {
            if items.is_array() {
                return Err(Error::unsupported(
                    &self.location.join("items"),
                    "items",
                    "an array of schemas is the draft 2019-09 form; in 2020-12 use prefixItems",
                ));
            }
            let schema = Box::new(self.sub(&["items"])?);
            self.push(
                "items",
                Rule::Items {
                    from: prefix,
                    schema,
                },
            );
        }
        if self.map.contains_key("contains") {
            let schema = Box::new(self.sub(&["contains"])?);
            let min = self.non_negative("minContains")?.unwrap_or(1);
            let max = self.non_negative("maxContains")?;
            self.push("contains", Rule::Contains { schema, min, max });
        }
        Ok(())
    }

    fn lower_objects(&mut self) -> Result<()> {
        if let Some(n) = self.non_negative("maxProperties")? {
            self.push("maxProperties", Rule::MaxProperties(n));
        }
        if let Some(n) = self.non_negative("minProperties")? {
            self.push("minProperties", Rule::MinProperties(n));
        }
        match self.map.get("required") {
            None => {}
            Some(value) => {
                let names = string_list(value)
                    .ok_or_else(|| self.error("required", "must be an array of strings"))?;
                if !names.is_empty() {
                    self.push("required", Rule::Required(names));
                }
            }
        }
        if let Some(value) = self.map.get("dependentRequired") {
            let Value::Object(deps) = value else {
                return Err(self.error("dependentRequired", "must be an object"));
            };
            let mut list = Vec::new();
            for (name, names) in deps {
                let names = string_list(names).ok_or_else(|| {
                    Error::schema(
                        &self.location.join("dependentRequired").join(name),
                        "must be an array of strings",
                    )
                })?;
                list.push((name.clone(), names));
            }
            self.push("dependentRequired", Rule::DependentRequired(list));
        }
        let names = self.schema_map("properties")?;
        if !names.is_empty() {
            let mut properties = Vec::new();
            for name in &names {
                properties.push((name.clone(), self.sub(&["properties", name])?));
            }
            self.push("properties", Rule::Properties(properties));
        }
        let mut pattern_ids = Vec::new();
        let sources = self.schema_map("patternProperties")?;
        if !sources.is_empty() {
            let mut list = Vec::new();
            for source in &sources {
                let at = self.location.join("patternProperties").join(source);
                let id = self.builder.pattern(source, &at)?;
                pattern_ids.push(id);
                list.push((id, self.sub(&["patternProperties", source])?));
            }
            self.push("patternProperties", Rule::PatternProperties(list));
        }
        if self.map.contains_key("additionalProperties") {
            let schema = Box::new(self.sub(&["additionalProperties"])?);
            self.push(
                "additionalProperties",
                Rule::AdditionalProperties {
                    properties: names,
                    patterns: pattern_ids,
                    schema,
                },
            );
        }
        if self.map.contains_key("propertyNames") {
            let schema = Box::new(self.sub(&["propertyNames"])?);
            self.push("propertyNames", Rule::PropertyNames(schema));
        }
        let names = self.schema_map("dependentSchemas")?;
        if !names.is_empty() {
            let mut list = Vec::new();
            for name in &names {
                list.push((name.clone(), self.in_place(&["dependentSchemas", name])?));
            }
            self.push("dependentSchemas", Rule::DependentSchemas(list));
        }
        Ok(())
    }

    fn lower_combinators(&mut self) -> Result<()> {
        let lists: [(&str, ListRule); 3] = [
            ("allOf", Rule::AllOf),
            ("anyOf", Rule::AnyOf),
            ("oneOf", Rule::OneOf),
        ];
        for (keyword, rule) in lists {
            if let Some(count) = self.schema_list(keyword)? {
                let mut schemas = Vec::new();
                for i in 0..count {
                    schemas.push(self.in_place(&[keyword, &i.to_string()])?);
                }
                self.push(keyword, rule(schemas));
            }
        }
        if self.map.contains_key("not") {
            // `not` never contributes annotations, so its subschema need not report them.
            let schema = Box::new(self.sub(&["not"])?);
            self.push("not", Rule::Not(schema));
        }
        if self.map.contains_key("if") {
            let condition = Box::new(self.in_place(&["if"])?);
            let then = match self.map.contains_key("then") {
                true => Some(Box::new(self.in_place(&["then"])?)),
                false => None,
            };
            let otherwise = match self.map.contains_key("else") {
                true => Some(Box::new(self.in_place(&["else"])?)),
                false => None,
            };
            self.push(
                "if",
                Rule::IfThenElse {
                    condition,
                    then,
                    otherwise,
                },
            );
        }
        Ok(())
    }

    fn lower_ref(&mut self) -> Result<()> {
        let Some(reference) = self.map.get("$ref") else {
            return Ok(());
        };
        let at = self.location.join("$ref");
        let Some(reference) = reference.as_str() else {
            return Err(Error::schema(&at, "$ref must be a string"));
        };
        let resolved = self.builder.registry().resolve(self.base, reference, &at)?;
        let annotate = self.annotate != Annotate::No;
        let id = self
            .builder
            .function_for(&resolved.target, &resolved.base, annotate);
        self.push("$ref", Rule::Ref(id));
        Ok(())
    }

    fn lower_dynamic_ref(&mut self) -> Result<()> {
        let Some(reference) = self.map.get("$dynamicRef") else {
            return Ok(());
        };
        let at = self.location.join("$dynamicRef");
        let Some(reference) = reference.as_str() else {
            return Err(Error::schema(&at, "$dynamicRef must be a string"));
        };
        let resolved = self.builder.registry().resolve(self.base, reference, &at)?;
        let annotate = self.annotate != Annotate::No;
        let fallback = self
            .builder
            .function_for(&resolved.target, &resolved.base, annotate);
        // Only a reference to an anchor whose initial target declares the same
        // `$dynamicAnchor` looks at the dynamic scope; any other behaves like `$ref`.
        let anchor = reference
            .split_once('#')
            .map(|(_, fragment)| fragment)
            .filter(|f| !f.is_empty() && !f.starts_with('/'));
        let declared = self
            .builder
            .registry()
            .value(&resolved.target)
            .and_then(|v| v.get("$dynamicAnchor"))
            .and_then(Value::as_str)
            .map(str::to_string);
        match anchor {
            Some(anchor) if declared.as_deref() == Some(anchor) => {
                let needs = self
                    .builder
                    .dynamic_sites
                    .entry(anchor.to_string())
                    .or_insert(false);
                *needs |= annotate;
                self.push(
                    "$dynamicRef",
                    Rule::DynamicRef {
                        anchor: anchor.to_string(),
                        fallback,
                    },
                );
            }
            _ => self.push("$dynamicRef", Rule::Ref(fallback)),
        }
        Ok(())
    }

    fn lower_unevaluated(&mut self) -> Result<()> {
        if self.map.contains_key("unevaluatedItems") {
            let schema = Box::new(self.sub(&["unevaluatedItems"])?);
            self.push("unevaluatedItems", Rule::UnevaluatedItems(schema));
        }
        if self.map.contains_key("unevaluatedProperties") {
            let schema = Box::new(self.sub(&["unevaluatedProperties"])?);
            self.push("unevaluatedProperties", Rule::UnevaluatedProperties(schema));
        }
        Ok(())
    }
}

fn as_count(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f < 9.0e15)
                .map(|f| f as u64)
        }),
        _ => None,
    }
}

fn string_list(value: &Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect()
}
