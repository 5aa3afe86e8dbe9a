//! Keywords, one module per family. Each module reads its keywords from a schema object (an
//! error naming file and pointer when a keyword cannot be generated) and pushes their
//! check-program steps (`ir::check::Step`) for the block being lowered. Adding a keyword is
//! adding it here, in its family's module, beside its tests.

mod arrays;
mod combinators;
mod content;
mod numbers;
mod objects;
mod references;
mod strings;
mod unevaluated;
mod values;

use crate::schema::Uri;
use serde_json::{Map, Number, Value};

use crate::error::{Error, Location, Result};
use crate::ir::check::{
    Assertion, Block, FunctionId, InPlace, KeyFilter, Message, PatternId, Step, Test, Trial, View,
};
use crate::ir::Vocabulary;
use crate::schema::{Registry, Resolved, SchemaRef};

/// What a keyword family may ask of the lowering that drives it: the registry, the dialect's
/// settings, run-wide ids for functions and patterns, and the lowering of a subschema (which
/// comes back here, family by family). The driver (`lower::lowerer::Lowerer`) implements it,
/// so the families depend on this trait and not on the driver.
pub(super) trait Driver {
    fn registry(&mut self) -> &mut Registry;
    /// The settings that change what keywords mean (format and content assertion).
    fn vocabulary(&self) -> Vocabulary;
    /// Lowers the schema at `at`, where `base` is the base URI of the enclosing resource.
    fn lower(&mut self, at: &SchemaRef, base: &Uri, annotate: Annotate) -> Result<Lowered>;
    /// The function that validates `target`; lowered later, so recursion terminates.
    fn function_for(&mut self, target: &SchemaRef, base: &Uri, annotate: bool) -> FunctionId;
    /// Whether function `id` reports the annotations of a call that collects them.
    fn reports_annotations(&self, id: FunctionId) -> bool;
    /// Notes a `$dynamicRef` that looks up `anchor`; `annotate`: the site needs annotations.
    fn dynamic_site(&mut self, anchor: &str, annotate: bool);
    /// The `$dynamicAnchor` the schema at `at` declares.
    fn declared_dynamic_anchor(&self, at: &SchemaRef) -> Option<String>;
    /// The id of a pattern (an error at `at` when it cannot be generated).
    fn pattern(&mut self, source: &str, at: &Location) -> Result<PatternId>;
    /// A pattern as the schema writes it, for messages.
    fn pattern_source(&self, id: PatternId) -> String;
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
    pub fn accepts_all() -> Lowered {
        Lowered {
            block: Block::default(),
            checks: false,
        }
    }
}

/// Keywords of older drafts whose 2020-12 replacement differs: using them is a mistake worth
/// an error rather than an ignored annotation.
const OLDER_DRAFTS: &[(&str, &str)] = &[
    ("dependencies", "use dependentRequired or dependentSchemas"),
    ("additionalItems", "use prefixItems with items"),
    ("$recursiveRef", "use $dynamicRef"),
];

/// How deep `not`, `anyOf`, `oneOf`, `if` and `contains` may nest within one function body.
/// Each is printed as an expression inside the last, and rustfmt's time doubles with about
/// every level and a half past ten (13 levels take 2 s, 16 take 14 s, 20 take 36 s).
const MAX_TRIAL_DEPTH: usize = 12;

/// The lowering of one schema object into the steps of its block.
pub(super) struct SchemaLowering<'a> {
    pub builder: &'a mut dyn Driver,
    pub at: &'a SchemaRef,
    pub map: &'a Map<String, Value>,
    pub base: &'a Uri,
    pub location: &'a Location,
    pub annotate: Annotate,
    pub steps: Steps,
    /// Whether any keyword with a check was read (a schema with none accepts everything,
    /// whatever else it says).
    pub checks: bool,
    /// Where `$ref` leads, for the schema's shape.
    pub reference: Option<Resolved>,
}

impl SchemaLowering<'_> {
    /// Every keyword of the schema object, family by family, in a fixed order (the order
    /// errors are reported in).
    pub fn lower_all(&mut self) -> Result<()> {
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
        if self.builder.vocabulary().assert_content {
            self.lower_content()?;
        }
        self.lower_arrays()?;
        self.lower_objects()?;
        self.lower_combinators()?;
        self.lower_ref()?;
        self.lower_dynamic_ref()?;
        self.lower_unevaluated()?;
        let depth = self
            .steps
            .0
            .iter()
            .map(Step::trial_depth)
            .max()
            .unwrap_or(0);
        if depth > MAX_TRIAL_DEPTH {
            return Err(Error::schema(
                self.location,
                format!(
                    "not, anyOf, oneOf, if and contains nest {depth} deep here; at most \
                     {MAX_TRIAL_DEPTH} are supported (move a deeper part into $defs and $ref it)"
                ),
            ));
        }
        Ok(())
    }

    /// The location of `keyword`, which has a check here.
    fn keyword(&mut self, keyword: &str) -> Location {
        self.checks = true;
        self.location.join(keyword)
    }

    /// Whether an annotation collector is present where this block runs.
    fn collecting(&self) -> bool {
        self.annotate.collecting()
    }

    /// Lowers a subschema that applies to a different instance (a property, an item).
    fn sub(&mut self, tokens: &[&str]) -> Result<Lowered> {
        let at = self.at.child(tokens);
        self.builder.lower(&at, self.base, Annotate::No)
    }

    /// The block of a subschema that applies to a different instance.
    fn sub_block(&mut self, tokens: &[&str]) -> Result<Block> {
        Ok(self.sub(tokens)?.block)
    }

    /// Lowers a subschema applied to the same instance (allOf, if, ...): its annotations
    /// count for this schema's `unevaluated*` keywords when it records any.
    fn in_place(&mut self, tokens: &[&str]) -> Result<InPlace> {
        let at = self.at.child(tokens);
        let mut block = self
            .builder
            .lower(&at, self.base, self.annotate.in_place())?
            .block;
        let builder = &*self.builder;
        let collect = self.collecting()
            && block.records_annotations(&|function| builder.reports_annotations(function));
        if self.collecting() && !collect {
            block.drop_collector();
        }
        Ok(InPlace { block, collect })
    }

    /// A subschema applied to the same instance for a yes/no answer.
    fn trial(&mut self, tokens: &[&str]) -> Result<Trial> {
        let InPlace { block, collect } = self.in_place(tokens)?;
        Ok(Trial { block, collect })
    }

    /// A block on the value of each property whose key passes `keys`.
    fn each_property(&mut self, keys: KeyFilter, block: Block, record: bool) {
        if !block.steps.is_empty() || record {
            self.steps.guarded(
                View::Object,
                Step::EachProperty {
                    keys,
                    block,
                    record,
                },
            );
        }
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
}

/// Steps of a block, with consecutive guards on the same view merged into one.
#[derive(Default)]
pub(super) struct Steps(pub Vec<Step>);

impl Steps {
    pub fn push(&mut self, step: Step) {
        self.0.push(step);
    }

    pub fn guarded(&mut self, view: View, step: Step) {
        if let Some(Step::Guard { view: last, steps }) = self.0.last_mut() {
            if *last == view {
                steps.push(step);
                return;
            }
        }
        self.0.push(Step::Guard {
            view,
            steps: vec![step],
        });
    }
}

/// A leaf assertion at `keyword`.
fn assert(keyword: Location, test: Test, message: Message) -> Step {
    Step::Assert(Assertion::new(test, keyword, message))
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

#[cfg(test)]
pub(super) mod testing;
