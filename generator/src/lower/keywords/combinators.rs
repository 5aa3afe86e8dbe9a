//! `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`: blocks applied to the same instance.
//! Branches whose errors are never shown run as yes/no trials.

use super::{SchemaLowering, Steps};
use crate::error::Result;
use crate::ir::check::{InPlace, Step};
use crate::ir::{Check, Rule, Schema};
use crate::lower::program::Lowering;

/// Builds the rule of a keyword that takes a list of schemas.
type ListRule = fn(Vec<Schema>) -> Rule;

impl SchemaLowering<'_, '_> {
    pub(super) fn lower_combinators(&mut self) -> Result<()> {
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
}

pub(super) fn steps(lowering: &Lowering, check: &Check, collecting: bool, steps: &mut Steps) {
    match &check.rule {
        Rule::AllOf(schemas) => {
            for schema in schemas {
                let InPlace { block, collect } = lowering.in_place(schema, collecting);
                if !block.steps.is_empty() {
                    steps.push(Step::InPlace { block, collect });
                }
            }
        }
        Rule::AnyOf(schemas) | Rule::OneOf(schemas) => steps.push(Step::Alternatives {
            branches: schemas
                .iter()
                .map(|s| lowering.trial(s, collecting))
                .collect(),
            exactly_one: matches!(check.rule, Rule::OneOf(_)),
            try_all: collecting,
            keyword: check.keyword.clone(),
        }),
        Rule::Not(schema) => steps.push(Step::Not {
            block: lowering.block(schema, false),
            keyword: check.keyword.clone(),
        }),
        Rule::IfThenElse {
            condition,
            then,
            otherwise,
        } => steps.push(Step::Conditional {
            condition: lowering.trial(condition, collecting),
            then: then.as_deref().map(|s| lowering.in_place(s, collecting)),
            otherwise: otherwise
                .as_deref()
                .map(|s| lowering.in_place(s, collecting)),
        }),
        _ => {}
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
            .position(|f| f.name == "check_s")
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
}
