//! Keywords, one module per family. Each module reads its keywords from a schema object into
//! the keyword tree (`ir::validation::Rule`, an error naming file and pointer when a keyword
//! cannot be generated) and turns those rules into check-program steps (`ir::check::Step`).
//! Adding a keyword is adding it here, in its family's module, beside its tests.

mod arrays;
mod combinators;
mod content;
mod numbers;
mod objects;
mod references;
mod strings;
mod unevaluated;
mod values;

use serde_json::{Map, Number, Value};
use url::Url;

use super::program::Lowering;
use super::validation::ProgramBuilder;
use crate::error::{Error, Location, Result};
use crate::ir::check::{Assertion, Message, Step, Test, View};
use crate::ir::{Annotate, Check, Rule, Schema};
use crate::schema::SchemaRef;

/// Keywords of older drafts whose 2020-12 replacement differs: using them is a mistake worth
/// an error rather than an ignored annotation.
const OLDER_DRAFTS: &[(&str, &str)] = &[
    ("dependencies", "use dependentRequired or dependentSchemas"),
    ("additionalItems", "use prefixItems with items"),
    ("$recursiveRef", "use $dynamicRef"),
];

/// The lowering of one schema object into the keyword tree.
pub(super) struct SchemaLowering<'a, 'r> {
    pub builder: &'a mut ProgramBuilder<'r>,
    pub at: &'a SchemaRef,
    pub map: &'a Map<String, Value>,
    pub base: &'a Url,
    pub location: &'a Location,
    pub annotate: Annotate,
    pub checks: Vec<Check>,
}

impl SchemaLowering<'_, '_> {
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
}

/// The check-program steps of one rule, appended to `steps`; `collecting`: an annotation
/// collector is present where the rule runs.
pub(super) fn steps(lowering: &Lowering, check: &Check, collecting: bool, steps: &mut Steps) {
    match &check.rule {
        Rule::Type(_) | Rule::Const(_) | Rule::Enum(_) => values::steps(check, steps),
        Rule::MultipleOf(_)
        | Rule::Maximum(_)
        | Rule::ExclusiveMaximum(_)
        | Rule::Minimum(_)
        | Rule::ExclusiveMinimum(_) => numbers::steps(check, steps),
        Rule::MaxLength(_) | Rule::MinLength(_) | Rule::Pattern(_) | Rule::Format(_) => {
            strings::steps(lowering, check, steps)
        }
        Rule::Content(content) => content::steps(lowering, content, check, steps),
        Rule::MaxItems(_)
        | Rule::MinItems(_)
        | Rule::UniqueItems
        | Rule::Contains { .. }
        | Rule::PrefixItems(_)
        | Rule::Items { .. } => arrays::steps(lowering, check, collecting, steps),
        Rule::MaxProperties(_)
        | Rule::MinProperties(_)
        | Rule::Required(_)
        | Rule::DependentRequired(_)
        | Rule::Properties(_)
        | Rule::PatternProperties(_)
        | Rule::AdditionalProperties { .. }
        | Rule::PropertyNames(_)
        | Rule::DependentSchemas(_) => objects::steps(lowering, check, collecting, steps),
        Rule::AllOf(_)
        | Rule::AnyOf(_)
        | Rule::OneOf(_)
        | Rule::Not(_)
        | Rule::IfThenElse { .. } => combinators::steps(lowering, check, collecting, steps),
        Rule::Ref(_) | Rule::DynamicRef { .. } => {
            references::steps(lowering, check, collecting, steps)
        }
        Rule::UnevaluatedProperties(_) | Rule::UnevaluatedItems(_) => {
            unevaluated::steps(lowering, check, collecting, steps)
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

/// A leaf assertion at the rule's keyword.
fn assert(check: &Check, test: Test, message: Message) -> Step {
    Step::Assert(Assertion::new(test, check.keyword.clone(), message))
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
