//! The validation program: each schema location lowered once into a tree of checks. Every `$ref`
//! target is a named function, so recursion is a call; each check carries its keyword location
//! so errors can say which rule failed.

use std::collections::BTreeSet;

use serde_json::{Number, Value};

use crate::error::Location;

pub type FunctionId = usize;
pub type PatternId = usize;

pub type ResourceId = usize;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Program {
    /// Function 0 validates a whole payload.
    pub functions: Vec<ProgramFunction>,
    /// Regular expressions, already translated to the supported dialect (see `crate::regex`).
    pub patterns: Vec<String>,
    /// The ECMA-262 source of each pattern, as written in the schema.
    pub pattern_sources: Vec<String>,
    /// Schema resources (`$id`s and documents) evaluation can enter, by URI. Only tracked when
    /// the program has a `$dynamicRef` that needs the dynamic scope.
    pub resources: Vec<String>,
    /// For each `$dynamicAnchor` name a `$dynamicRef` looks up: the resources that declare it.
    pub dynamic_anchors: std::collections::BTreeMap<String, Vec<DynamicTarget>>,
}

impl Program {
    /// Whether evaluating `schema` can record evaluated properties or items: only then does a
    /// collector need to be passed in. Shared by every emitter so they agree.
    pub fn records_annotations(&self, schema: &Schema) -> bool {
        schema.checks().iter().any(|check| match &check.rule {
            Rule::Properties(_)
            | Rule::PatternProperties(_)
            | Rule::AdditionalProperties { .. }
            | Rule::PrefixItems(_)
            | Rule::Items { .. }
            | Rule::Contains { .. }
            | Rule::UnevaluatedProperties(_)
            | Rule::UnevaluatedItems(_)
            | Rule::DynamicRef { .. } => true,
            Rule::Ref(id) => self
                .functions
                .get(*id)
                .is_some_and(|f| f.reports_annotations),
            Rule::AllOf(list) | Rule::AnyOf(list) | Rule::OneOf(list) => {
                list.iter().any(|s| self.records_annotations(s))
            }
            Rule::DependentSchemas(list) => list.iter().any(|(_, s)| self.records_annotations(s)),
            Rule::IfThenElse {
                condition,
                then,
                otherwise,
            } => {
                self.records_annotations(condition)
                    || then.as_deref().is_some_and(|s| self.records_annotations(s))
                    || otherwise
                        .as_deref()
                        .is_some_and(|s| self.records_annotations(s))
            }
            _ => false,
        })
    }

    /// Whether functions carry the dynamic scope (the chain of entered resources).
    pub fn uses_dynamic_scope(&self) -> bool {
        !self.dynamic_anchors.is_empty()
    }

    /// Every format a check of the program asserts, so emitters bring in only the support
    /// code (and its crates) those need.
    pub fn formats(&self) -> BTreeSet<Format> {
        let mut found = BTreeSet::new();
        for function in &self.functions {
            function.schema.collect_formats(&mut found);
        }
        found
    }
}

/// A resource that declares a `$dynamicAnchor`, and the functions validating its target.
#[derive(Debug, Clone, PartialEq)]
pub struct DynamicTarget {
    pub resource: ResourceId,
    pub function: FunctionId,
    /// The variant that reports annotations, when some `$dynamicRef` site needs them.
    pub annotating: Option<FunctionId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgramFunction {
    /// snake_case name, unique within the program.
    pub name: String,
    pub schema: Schema,
    /// Whether callers want back which properties and items this function evaluated
    /// (only when an `unevaluated*` keyword looks at the result).
    pub reports_annotations: bool,
}

/// A lowered schema: `true`, `false`, or checks applied to one instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    pub location: Location,
    pub body: SchemaBody,
    pub annotate: Annotate,
    /// The resource this schema starts (`$id`, or a document root reached as a function), for
    /// the dynamic scope; `None` when the program needs no dynamic scope.
    pub enters: Option<ResourceId>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SchemaBody {
    /// `true` or `{}`: everything is valid.
    Any,
    /// `false`: nothing is valid.
    Nothing,
    Checks(Vec<Check>),
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

#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// Location of the keyword, e.g. `request.schema.json#/properties/requestId/pattern`.
    pub keyword: Location,
    pub rule: Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum JsonType {
    Null,
    Boolean,
    Object,
    Array,
    Number,
    /// A number with a zero fractional part (2020-12: `1.0` is an integer).
    Integer,
    String,
}

impl JsonType {
    pub fn parse(name: &str) -> Option<JsonType> {
        Some(match name {
            "null" => JsonType::Null,
            "boolean" => JsonType::Boolean,
            "object" => JsonType::Object,
            "array" => JsonType::Array,
            "number" => JsonType::Number,
            "integer" => JsonType::Integer,
            "string" => JsonType::String,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::Number => "number",
            JsonType::Integer => "integer",
            JsonType::String => "string",
        }
    }
}

/// Formats the generator can assert. Names are the 2020-12 format names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    DateTime,
    Date,
    Time,
    Duration,
    Email,
    IdnEmail,
    Hostname,
    IdnHostname,
    Ipv4,
    Ipv6,
    Uri,
    UriReference,
    Iri,
    IriReference,
    Uuid,
    UriTemplate,
    JsonPointer,
    RelativeJsonPointer,
    Regex,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::DateTime,
        Format::Date,
        Format::Time,
        Format::Duration,
        Format::Email,
        Format::IdnEmail,
        Format::Hostname,
        Format::IdnHostname,
        Format::Ipv4,
        Format::Ipv6,
        Format::Uri,
        Format::UriReference,
        Format::Iri,
        Format::IriReference,
        Format::Uuid,
        Format::UriTemplate,
        Format::JsonPointer,
        Format::RelativeJsonPointer,
        Format::Regex,
    ];

    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
            Format::Date => "date",
            Format::Time => "time",
            Format::Duration => "duration",
            Format::Email => "email",
            Format::IdnEmail => "idn-email",
            Format::Hostname => "hostname",
            Format::IdnHostname => "idn-hostname",
            Format::Ipv4 => "ipv4",
            Format::Ipv6 => "ipv6",
            Format::Uri => "uri",
            Format::UriReference => "uri-reference",
            Format::Iri => "iri",
            Format::IriReference => "iri-reference",
            Format::Uuid => "uuid",
            Format::UriTemplate => "uri-template",
            Format::JsonPointer => "json-pointer",
            Format::RelativeJsonPointer => "relative-json-pointer",
            Format::Regex => "regex",
        }
    }
}

/// `contentEncoding` / `contentMediaType` / `contentSchema`, asserted together on strings.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentCheck {
    /// `contentEncoding: base64`: the string must decode first.
    pub base64: bool,
    /// `contentMediaType: application/json`: the (decoded) string must be JSON.
    pub json: bool,
    /// `contentSchema`: the parsed JSON must be valid against it.
    pub schema: Option<Box<Schema>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    Type(Vec<JsonType>),
    Const(Value),
    Enum(Vec<Value>),
    MultipleOf(Number),
    Maximum(Number),
    ExclusiveMaximum(Number),
    Minimum(Number),
    ExclusiveMinimum(Number),
    /// Lengths count Unicode code points.
    MaxLength(u64),
    MinLength(u64),
    Pattern(PatternId),
    Format(Format),
    Content(ContentCheck),
    MaxItems(u64),
    MinItems(u64),
    UniqueItems,
    /// `contains` with its `minContains` (default 1) and `maxContains`.
    Contains {
        schema: Box<Schema>,
        min: u64,
        max: Option<u64>,
    },
    PrefixItems(Vec<Schema>),
    /// `items`: applies to every item from index `from` on (after `prefixItems`).
    Items {
        from: usize,
        schema: Box<Schema>,
    },
    MaxProperties(u64),
    MinProperties(u64),
    Required(Vec<String>),
    DependentRequired(Vec<(String, Vec<String>)>),
    Properties(Vec<(String, Schema)>),
    PatternProperties(Vec<(PatternId, Schema)>),
    /// `additionalProperties`: applies to properties matched by neither list.
    AdditionalProperties {
        properties: Vec<String>,
        patterns: Vec<PatternId>,
        schema: Box<Schema>,
    },
    PropertyNames(Box<Schema>),
    DependentSchemas(Vec<(String, Schema)>),
    AllOf(Vec<Schema>),
    AnyOf(Vec<Schema>),
    OneOf(Vec<Schema>),
    Not(Box<Schema>),
    IfThenElse {
        condition: Box<Schema>,
        then: Option<Box<Schema>>,
        otherwise: Option<Box<Schema>>,
    },
    Ref(FunctionId),
    /// `$dynamicRef` to `#anchor`: the outermost resource in the dynamic scope that declares
    /// `$dynamicAnchor: anchor` decides the target (see `Program::dynamic_anchors`); when none
    /// does, `fallback`, the statically resolved target.
    DynamicRef {
        anchor: String,
        fallback: FunctionId,
    },
    UnevaluatedProperties(Box<Schema>),
    UnevaluatedItems(Box<Schema>),
}

impl Schema {
    /// The checks of a schema; none for `true` and `false`.
    pub fn checks(&self) -> &[Check] {
        match &self.body {
            SchemaBody::Checks(checks) => checks,
            _ => &[],
        }
    }

    fn collect_formats(&self, found: &mut BTreeSet<Format>) {
        for check in self.checks() {
            if let Rule::Format(format) = check.rule {
                found.insert(format);
            }
            for schema in check.rule.subschemas() {
                schema.collect_formats(found);
            }
        }
    }
}

impl Rule {
    /// The schemas this rule applies in place or to parts of the instance. `$ref` and
    /// `$dynamicRef` targets are not among them: they are functions of the program.
    pub fn subschemas(&self) -> Vec<&Schema> {
        match self {
            Rule::Contains { schema, .. }
            | Rule::Items { schema, .. }
            | Rule::AdditionalProperties { schema, .. }
            | Rule::PropertyNames(schema)
            | Rule::Not(schema)
            | Rule::UnevaluatedProperties(schema)
            | Rule::UnevaluatedItems(schema) => vec![schema],
            Rule::PrefixItems(schemas)
            | Rule::AllOf(schemas)
            | Rule::AnyOf(schemas)
            | Rule::OneOf(schemas) => schemas.iter().collect(),
            Rule::Properties(named) | Rule::DependentSchemas(named) => {
                named.iter().map(|(_, s)| s).collect()
            }
            Rule::PatternProperties(patterned) => patterned.iter().map(|(_, s)| s).collect(),
            Rule::IfThenElse {
                condition,
                then,
                otherwise,
            } => std::iter::once(condition)
                .chain(then)
                .chain(otherwise)
                .map(|s| &**s)
                .collect(),
            Rule::Content(content) => content.schema.iter().map(|s| &**s).collect(),
            Rule::Type(_)
            | Rule::Const(_)
            | Rule::Enum(_)
            | Rule::MultipleOf(_)
            | Rule::Maximum(_)
            | Rule::ExclusiveMaximum(_)
            | Rule::Minimum(_)
            | Rule::ExclusiveMinimum(_)
            | Rule::MaxLength(_)
            | Rule::MinLength(_)
            | Rule::Pattern(_)
            | Rule::Format(_)
            | Rule::MaxItems(_)
            | Rule::MinItems(_)
            | Rule::UniqueItems
            | Rule::MaxProperties(_)
            | Rule::MinProperties(_)
            | Rule::Required(_)
            | Rule::DependentRequired(_)
            | Rule::Ref(_)
            | Rule::DynamicRef { .. } => Vec::new(),
        }
    }
}
