//! `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`: blocks applied to the same instance.
//! Branches whose errors are never shown run as yes/no trials.

use super::SchemaLowering;
use crate::error::Result;
use crate::ir::check::Step;

impl SchemaLowering<'_> {
    pub(super) fn lower_combinators(&mut self) -> Result<()> {
        if let Some(count) = self.schema_list("allOf")? {
            let mut parts = Vec::new();
            for i in 0..count {
                parts.push(self.in_place(&["allOf", &i.to_string()])?);
            }
            self.keyword("allOf");
            for part in parts {
                if !part.block.steps.is_empty() {
                    self.steps.push(Step::InPlace {
                        block: part.block,
                        collect: part.collect,
                    });
                }
            }
        }
        for (keyword, exactly_one) in [("anyOf", false), ("oneOf", true)] {
            if let Some(count) = self.schema_list(keyword)? {
                let mut branches = Vec::new();
                for i in 0..count {
                    branches.push(self.trial(&[keyword, &i.to_string()])?);
                }
                let keyword = self.keyword(keyword);
                self.steps.push(Step::Alternatives {
                    branches,
                    exactly_one,
                    try_all: self.collecting(),
                    keyword,
                });
            }
        }
        if self.map.contains_key("not") {
            // `not` never contributes annotations, so its subschema need not report them.
            let block = self.sub_block(&["not"])?;
            let keyword = self.keyword("not");
            self.steps.push(Step::Not { block, keyword });
        }
        if self.map.contains_key("if") {
            let condition = self.trial(&["if"])?;
            let then = match self.map.contains_key("then") {
                true => Some(self.in_place(&["then"])?),
                false => None,
            };
            let otherwise = match self.map.contains_key("else") {
                true => Some(self.in_place(&["else"])?),
                false => None,
            };
            self.keyword("if");
            self.steps.push(Step::Conditional {
                condition,
                then,
                otherwise,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{lowering_error, program, root};
    use crate::ir::check::{Form, Step};

    #[test]
    fn alternatives_and_not_are_trials_run_in_the_yes_no_form() {
        let program = program(json!({
            "$defs": {"s": {"type": "string"}},
            "anyOf": [{"$ref": "#/$defs/s"}, {"type": "null"}],
            "not": {"const": 1}
        }));
        let steps = &program.functions[0].body.steps;
        assert!(
            matches!(&steps[0], Step::Alternatives { branches, exactly_one: false, try_all: false, .. } if branches.len() == 2)
        );
        assert!(matches!(&steps[1], Step::Not { .. }));
        let reached = program.reachable(&[(0, Form::Report)]);
        let s = program
            .functions
            .iter()
            .position(|f| f.hint == "s")
            .expect("a function for the definition");
        // Tried yes/no only: a failure is explained by counts, so no branch runs twice.
        assert!(reached.contains(&(s, Form::Decide)), "{reached:?}");
        assert!(!reached.contains(&(s, Form::Report)), "{reached:?}");
    }

    #[test]
    fn if_then_else_is_a_trial_and_two_in_place_blocks() {
        let steps = root(
            json!({"if": {"type": "string"}, "then": {"minLength": 1}, "else": {"type": "null"}}),
        );
        assert!(matches!(
            &steps[0],
            Step::Conditional {
                then: Some(_),
                otherwise: Some(_),
                ..
            }
        ));
    }

    #[test]
    fn all_of_runs_each_branch_in_place() {
        let steps = root(json!({"allOf": [{"type": "string"}, true, {"minLength": 1}]}));
        // `true` checks nothing: two in-place blocks.
        assert_eq!(steps.len(), 2);
        assert!(steps.iter().all(|s| matches!(s, Step::InPlace { .. })));
    }

    #[test]
    fn an_empty_list_of_alternatives_is_an_error() {
        let error = lowering_error(json!({"anyOf": []}));
        assert!(error.contains("#/anyOf"), "{error}");
        assert!(error.contains("non-empty array"), "{error}");
    }

    /// `not` wrapped `levels` times around a string type, inside property `deep`.
    fn negations(levels: usize) -> serde_json::Value {
        let mut schema = json!({"type": "string"});
        for _ in 0..levels {
            schema = json!({ "not": schema });
        }
        json!({"properties": {"deep": schema}})
    }

    #[test]
    fn trials_nest_at_most_twelve_deep() {
        assert!(!root(negations(12)).is_empty());
        let error = lowering_error(negations(13));
        // The schema holding the thirteenth level, counted from the innermost.
        assert!(
            error.contains("message.schema.json#/properties/deep: "),
            "{error}"
        );
        assert!(error.contains("nest 13 deep here; at most 12"), "{error}");
        let anyof = lowering_error(json!({"anyOf": [negations(12), true]}));
        assert!(anyof.contains("message.schema.json#: "), "{anyof}");
    }

    #[test]
    fn a_reference_starts_the_count_again() {
        let mut schema = negations(12);
        schema["$defs"] = negations(12)["properties"].clone();
        schema["properties"]["deep"] = json!({"not": {"$ref": "#/$defs/deep"}});
        assert!(!root(schema).is_empty());
    }
}
