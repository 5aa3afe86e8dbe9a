//! `unevaluatedProperties` and `unevaluatedItems`: blocks on the members and items no other
//! keyword evaluated, read from the annotations the schema's own collector gathers.

use super::SchemaLowering;
use crate::error::Result;
use crate::ir::check::{KeyFilter, Step, View};

impl SchemaLowering<'_> {
    pub(super) fn lower_unevaluated(&mut self) -> Result<()> {
        // Without a collector nothing was recorded, so nothing can be told unevaluated.
        let collecting = self.collecting();
        if self.map.contains_key("unevaluatedItems") {
            let block = self.sub_block(&["unevaluatedItems"])?;
            self.keyword("unevaluatedItems");
            if collecting {
                if !block.steps.is_empty() {
                    self.steps.guarded(
                        View::Array,
                        Step::EachItem {
                            from: 0,
                            unevaluated: true,
                            block,
                        },
                    );
                }
                self.steps.push(Step::RecordAllItems);
            }
        }
        if self.map.contains_key("unevaluatedProperties") {
            let block = self.sub_block(&["unevaluatedProperties"])?;
            self.keyword("unevaluatedProperties");
            if collecting {
                self.each_property(KeyFilter::Unevaluated, block, false);
                self.steps.push(Step::RecordAllProperties);
            }
        }
        Ok(())
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
    fn an_in_place_block_that_records_nothing_runs_without_the_collector() {
        let body = program(json!({
            "anyOf": [{"type": "string"}, {"type": "null"}],
            "allOf": [
                {"anyOf": [{"type": "string"}, {"type": "null"}]},
                {"properties": {"a": {"type": "string"}}}
            ],
            "unevaluatedProperties": false
        }))
        .functions
        .remove(0)
        .body;
        // The block's own alternatives try every branch, for the collector...
        let [Step::InPlace { .. }, Step::InPlace { .. }, Step::Alternatives {
            branches,
            try_all: true,
            ..
        }, ..] = body.steps.as_slice()
        else {
            panic!("two in-place parts, then alternatives: {:?}", body.steps)
        };
        assert!(branches.iter().all(|b| !b.collect));
        // ...the part that records nothing keeps no annotations and stops at the answer...
        let Step::InPlace {
            block,
            collect: false,
        } = &body.steps[0]
        else {
            panic!("a part without annotations: {:?}", body.steps[0])
        };
        assert!(matches!(
            block.steps.as_slice(),
            [Step::Alternatives { try_all: false, .. }]
        ));
        // ...and the part with properties records them.
        assert!(matches!(
            &body.steps[1],
            Step::InPlace { collect: true, .. }
        ));
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
