//! `$ref` and `$dynamicRef`: calls of named functions (each target is one, so recursion is a
//! call). A `$dynamicRef` to an anchor its target declares looks up the dynamic scope.

use super::SchemaLowering;
use crate::error::{Error, Result};
use crate::ir::check::Step;

impl SchemaLowering<'_> {
    pub(super) fn lower_ref(&mut self) -> Result<()> {
        let Some(reference) = self.map.get("$ref") else {
            return Ok(());
        };
        let at = self.location.join("$ref");
        let Some(reference) = reference.as_str() else {
            return Err(Error::schema(&at, "$ref must be a string"));
        };
        let resolved = self.builder.registry().resolve(self.base, reference, &at)?;
        let collect = self.collecting();
        let function = self
            .builder
            .function_for(&resolved.target, &resolved.base, collect);
        self.keyword("$ref");
        self.steps.push(Step::Call { function, collect });
        self.reference = Some(resolved);
        Ok(())
    }

    pub(super) fn lower_dynamic_ref(&mut self) -> Result<()> {
        let Some(reference) = self.map.get("$dynamicRef") else {
            return Ok(());
        };
        let at = self.location.join("$dynamicRef");
        let Some(reference) = reference.as_str() else {
            return Err(Error::schema(&at, "$dynamicRef must be a string"));
        };
        let resolved = self.builder.registry().resolve(self.base, reference, &at)?;
        let collect = self.collecting();
        let fallback = self
            .builder
            .function_for(&resolved.target, &resolved.base, collect);
        self.keyword("$dynamicRef");
        // Only a reference to an anchor whose initial target declares the same
        // `$dynamicAnchor` looks at the dynamic scope; any other behaves like `$ref`.
        let anchor = reference
            .split_once('#')
            .map(|(_, fragment)| fragment)
            .filter(|f| !f.is_empty() && !f.starts_with('/'));
        let declared = self.builder.declared_dynamic_anchor(&resolved.target);
        match anchor {
            Some(anchor) if declared.as_deref() == Some(anchor) => {
                self.builder.dynamic_site(anchor, collect);
                // The targets are known once every resource evaluation can enter is
                // (`ProgramBuilder::finish`).
                self.steps.push(Step::DynamicCall {
                    targets: Vec::new(),
                    fallback,
                    collect,
                });
            }
            _ => self.steps.push(Step::Call {
                function: fallback,
                collect,
            }),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{lowering_error, program};
    use crate::ir::check::{Form, Step};

    #[test]
    fn refs_are_calls_and_recursion_terminates() {
        let program = program(json!({
            "$defs": {"node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}}}},
            "$ref": "#/$defs/node"
        }));
        assert_eq!(program.functions.len(), 2);
        assert!(matches!(
            program.functions[0].body.steps.as_slice(),
            [Step::Call { function: 1, .. }]
        ));
        let reached = program.reachable(&[(0, Form::Report)]);
        assert!(reached.contains(&(1, Form::Report)));
        assert!(!reached.contains(&(1, Form::Decide)));
        assert!(program.functions[1].can_fail);
        // Each function knows the schema location it checks (KDoc names it).
        assert!(program.functions[0].location.to_string().ends_with("#"));
        assert!(program.functions[1]
            .location
            .to_string()
            .ends_with("#/$defs/node"));
    }

    #[test]
    fn a_function_that_accepts_everything_cannot_fail_and_is_not_reached() {
        let program = program(json!({
            "$defs": {"any": {"description": "anything"}},
            "properties": {"a": {"$ref": "#/$defs/any"}}
        }));
        assert!(!program.functions[1].can_fail);
        assert!(!program.functions[0].can_fail);
        assert_eq!(program.reachable(&[(0, Form::Report)]).len(), 1);
    }

    #[test]
    fn a_dynamic_ref_to_its_own_dynamic_anchor_looks_up_the_scope() {
        let program = program(json!({
            "$id": "https://example.com/tree",
            "$dynamicAnchor": "node",
            "properties": {"child": {"$dynamicRef": "#node"}}
        }));
        assert!(program.dynamic_scope);
        let mut calls = 0;
        program.functions[0].body.visit(&mut |s| {
            if let Step::DynamicCall { targets, .. } = s {
                calls += 1;
                assert_eq!(targets.len(), 1);
            }
        });
        assert_eq!(calls, 1);
    }

    #[test]
    fn a_ref_must_be_a_string() {
        let error = lowering_error(json!({"$ref": 1}));
        assert!(error.contains("#/$ref"), "{error}");
    }
}
