//! `unevaluatedProperties` and `unevaluatedItems`: blocks on the members and items no other
//! keyword evaluated, read from the annotations the schema's own collector gathers.

use super::{SchemaLowering, Steps};
use crate::error::Result;
use crate::ir::check::{KeyFilter, Step, View};
use crate::ir::{Check, Rule};
use crate::lower::program::Lowering;

impl SchemaLowering<'_, '_> {
    pub(super) fn lower_unevaluated(&mut self) -> Result<()> {
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

pub(super) fn steps(lowering: &Lowering, check: &Check, collecting: bool, steps: &mut Steps) {
    // Without a collector nothing was recorded, so nothing can be told unevaluated.
    if !collecting {
        return;
    }
    match &check.rule {
        Rule::UnevaluatedProperties(schema) => {
            lowering.each_property(KeyFilter::Unevaluated, schema, false, steps);
            steps.push(Step::RecordAllProperties);
        }
        Rule::UnevaluatedItems(schema) => {
            let block = lowering.block(schema, false);
            if !block.steps.is_empty() {
                steps.guarded(
                    View::Array,
                    Step::EachItem {
                        from: 0,
                        unevaluated: true,
                        block,
                    },
                );
            }
            steps.push(Step::RecordAllItems);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{program, root};
    use crate::ir::check::{Block, KeyFilter, Step};

    #[test]
    fn unevaluated_properties_keep_their_own_collector_and_record_evaluated_members() {
        let steps = program(json!({
            "properties": {"a": true},
            "allOf": [{"properties": {"b": {"type": "string"}}}],
            "unevaluatedProperties": false
        }))
        .functions
        .remove(0)
        .body;
        assert!(steps.own_collector);
        let Block { steps, .. } = steps;
        assert!(matches!(&steps[0], Step::Guard { steps, .. }
            if matches!(&steps[0], Step::Properties(list) if list[0].record)));
        assert!(matches!(&steps[1], Step::InPlace { collect: true, .. }));
        assert!(matches!(&steps[2], Step::Guard { steps, .. }
            if matches!(&steps[0], Step::EachProperty { keys: KeyFilter::Unevaluated, .. })));
        assert_eq!(steps[3], Step::RecordAllProperties);
    }

    #[test]
    fn without_unevaluated_keywords_nothing_is_recorded() {
        let steps = root(json!({"properties": {"a": true}, "items": {"type": "string"}}));
        let mut records = 0;
        for step in &steps {
            step.visit(&mut |s| {
                records += match s {
                    Step::RecordItemsFrom(_) | Step::RecordAllItems | Step::RecordAllProperties => {
                        1
                    }
                    Step::Properties(list) => list.iter().filter(|p| p.record).count(),
                    _ => 0,
                }
            });
        }
        assert_eq!(records, 0);
    }
}
