//! `maxItems`, `minItems`, `uniqueItems`, `prefixItems`, `items`, `contains` (with
//! `minContains`/`maxContains`): assertions on arrays and blocks on their items.

use serde_json::Value;

use super::{assert, SchemaLowering, Steps};
use crate::error::{Error, Result};
use crate::ir::check::{Message, MessageId, Step, Test, View};
use crate::ir::{Check, Rule};
use crate::lower::program::Lowering;

impl SchemaLowering<'_, '_> {
    pub(super) fn lower_arrays(&mut self) -> Result<()> {
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
}

pub(super) fn steps(lowering: &Lowering, check: &Check, collecting: bool, steps: &mut Steps) {
    match &check.rule {
        Rule::MaxItems(n) => steps.guarded(
            View::Array,
            assert(
                check,
                Test::MaxItems(*n),
                Message::new(MessageId::TooManyItems).with("limit", n.to_string()),
            ),
        ),
        Rule::MinItems(n) => steps.guarded(
            View::Array,
            assert(
                check,
                Test::MinItems(*n),
                Message::new(MessageId::TooFewItems).with("limit", n.to_string()),
            ),
        ),
        Rule::UniqueItems => steps.guarded(
            View::Array,
            assert(
                check,
                Test::UniqueItems,
                Message::new(MessageId::DuplicateItems),
            ),
        ),
        Rule::Contains { schema, min, max } => {
            // Always satisfied, and nobody asks which items matched.
            if *min == 0 && max.is_none() && !collecting {
                return;
            }
            steps.guarded(
                View::Array,
                Step::Contains {
                    block: lowering.block(schema, false),
                    min: *min,
                    max: *max,
                    keyword: check.keyword.clone(),
                    record: collecting,
                },
            )
        }
        Rule::PrefixItems(schemas) => {
            for (index, schema) in schemas.iter().enumerate() {
                let block = lowering.block(schema, false);
                if !block.steps.is_empty() || collecting {
                    steps.guarded(
                        View::Array,
                        Step::Item {
                            index,
                            block,
                            record: collecting,
                        },
                    );
                }
            }
        }
        Rule::Items { from, schema } => {
            let block = lowering.block(schema, false);
            if !block.steps.is_empty() {
                steps.guarded(
                    View::Array,
                    Step::EachItem {
                        from: *from,
                        unevaluated: false,
                        block,
                    },
                );
            }
            if collecting {
                steps.guarded(View::Array, Step::RecordItemsFrom(*from));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{lowering_error, only_guard, root, tests_of};
    use crate::ir::check::{Step, Test, View};

    #[test]
    fn numbers_and_arrays_guard_their_view() {
        let steps = root(json!({"maximum": 3, "maxItems": 2, "uniqueItems": true}));
        let views: Vec<View> = steps
            .iter()
            .filter_map(|s| match s {
                Step::Guard { view, .. } => Some(*view),
                _ => None,
            })
            .collect();
        assert_eq!(views, vec![View::Number, View::Array]);
        assert_eq!(
            tests_of(&steps)[1..],
            [Test::MaxItems(2), Test::UniqueItems]
        );
    }

    #[test]
    fn prefix_items_then_items_from_where_the_prefix_ends() {
        let steps = root(json!({"prefixItems": [{"type": "string"}], "items": {"type": "null"}}));
        let inner = only_guard(&steps, View::Array);
        assert!(matches!(
            &inner[0],
            Step::Item {
                index: 0,
                record: false,
                ..
            }
        ));
        assert!(matches!(
            &inner[1],
            Step::EachItem {
                from: 1,
                unevaluated: false,
                ..
            }
        ));
    }

    #[test]
    fn contains_counts_items() {
        let steps = root(json!({"contains": {"type": "string"}, "minContains": 2}));
        assert!(matches!(&steps[0], Step::Guard { steps, .. }
            if matches!(&steps[0], Step::Contains { min: 2, max: None, .. })));
        // `minContains: 0` without `maxContains` always holds: no step.
        assert!(root(json!({"contains": {"type": "string"}, "minContains": 0})).is_empty());
    }

    #[test]
    fn items_as_an_array_is_the_older_form() {
        let error = lowering_error(json!({"items": [{"type": "string"}]}));
        assert!(error.contains("#/items"), "{error}");
        assert!(error.contains("prefixItems"), "{error}");
    }
}
