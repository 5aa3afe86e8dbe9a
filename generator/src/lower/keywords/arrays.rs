//! `maxItems`, `minItems`, `uniqueItems`, `prefixItems`, `items`, `contains` (with
//! `minContains`/`maxContains`): assertions on arrays and blocks on their items.

use serde_json::Value;

use super::{assert, SchemaLowering};
use crate::error::{Error, Result};
use crate::ir::check::{Message, MessageId, Step, Test, View};

impl SchemaLowering<'_> {
    pub(super) fn lower_arrays(&mut self) -> Result<()> {
        if let Some(n) = self.non_negative("maxItems")? {
            let message = Message::new(MessageId::TooManyItems).with("limit", n.to_string());
            self.array_check("maxItems", Test::MaxItems(n), message);
        }
        if let Some(n) = self.non_negative("minItems")? {
            let message = Message::new(MessageId::TooFewItems).with("limit", n.to_string());
            self.array_check("minItems", Test::MinItems(n), message);
        }
        match self.map.get("uniqueItems") {
            None | Some(Value::Bool(false)) => {}
            Some(Value::Bool(true)) => self.array_check(
                "uniqueItems",
                Test::UniqueItems,
                Message::new(MessageId::DuplicateItems),
            ),
            Some(_) => return Err(self.error("uniqueItems", "must be a boolean")),
        }
        let collecting = self.collecting();
        let prefix = self.schema_list("prefixItems")?.unwrap_or(0);
        if prefix > 0 {
            let mut items = Vec::new();
            for index in 0..prefix {
                let block = self.sub_block(&["prefixItems", &index.to_string()])?;
                if !block.steps.is_empty() || collecting {
                    items.push(Step::Item {
                        index,
                        block,
                        record: collecting,
                    });
                }
            }
            self.keyword("prefixItems");
            for item in items {
                self.steps.guarded(View::Array, item);
            }
        }
        if let Some(items) = self.map.get("items") {
            if items.is_array() {
                return Err(Error::unsupported(
                    &self.location.join("items"),
                    "items",
                    "an array of schemas is the draft 2019-09 form; in 2020-12 use prefixItems",
                ));
            }
            let block = self.sub_block(&["items"])?;
            self.keyword("items");
            if !block.steps.is_empty() {
                self.steps.guarded(
                    View::Array,
                    Step::EachItem {
                        from: prefix,
                        unevaluated: false,
                        block,
                    },
                );
            }
            if collecting {
                self.steps
                    .guarded(View::Array, Step::RecordItemsFrom(prefix));
            }
        }
        if self.map.contains_key("contains") {
            let block = self.sub_block(&["contains"])?;
            let min = self.non_negative("minContains")?.unwrap_or(1);
            let max = self.non_negative("maxContains")?;
            let keyword = self.keyword("contains");
            // Always satisfied, and nobody asks which items matched: no step.
            if min > 0 || max.is_some() || collecting {
                self.steps.guarded(
                    View::Array,
                    Step::Contains {
                        block,
                        min,
                        max,
                        keyword,
                        record: collecting,
                    },
                );
            }
        }
        Ok(())
    }

    fn array_check(&mut self, keyword: &str, test: Test, message: Message) {
        let keyword = self.keyword(keyword);
        self.steps
            .guarded(View::Array, assert(keyword, test, message));
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
