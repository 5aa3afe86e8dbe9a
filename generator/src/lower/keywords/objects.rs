//! `maxProperties`, `minProperties`, `required`, `dependentRequired`, `properties`,
//! `patternProperties`, `additionalProperties`, `propertyNames`, `dependentSchemas`:
//! assertions on objects and blocks on their members.

use serde_json::Value;

use super::{assert, string_list, SchemaLowering, Steps};
use crate::error::{Error, Result};
use crate::ir::check::{KeyFilter, Message, MessageId, PropertyStep, Step, Test, View};
use crate::ir::{Check, Rule};
use crate::lower::program::Lowering;
use crate::messages;

impl SchemaLowering<'_, '_> {
    pub(super) fn lower_objects(&mut self) -> Result<()> {
        if let Some(n) = self.non_negative("maxProperties")? {
            self.push("maxProperties", Rule::MaxProperties(n));
        }
        if let Some(n) = self.non_negative("minProperties")? {
            self.push("minProperties", Rule::MinProperties(n));
        }
        if let Some(value) = self.map.get("required") {
            let names = string_list(value)
                .ok_or_else(|| self.error("required", "must be an array of strings"))?;
            if !names.is_empty() {
                self.push("required", Rule::Required(names));
            }
        }
        if let Some(value) = self.map.get("dependentRequired") {
            let Value::Object(deps) = value else {
                return Err(self.error("dependentRequired", "must be an object"));
            };
            let mut list = Vec::new();
            for (name, names) in deps {
                let names = string_list(names).ok_or_else(|| {
                    Error::schema(
                        &self.location.join("dependentRequired").join(name),
                        "must be an array of strings",
                    )
                })?;
                list.push((name.clone(), names));
            }
            self.push("dependentRequired", Rule::DependentRequired(list));
        }
        let names = self.schema_map("properties")?;
        if !names.is_empty() {
            let mut properties = Vec::new();
            for name in &names {
                properties.push((name.clone(), self.sub(&["properties", name])?));
            }
            self.push("properties", Rule::Properties(properties));
        }
        let mut pattern_ids = Vec::new();
        let sources = self.schema_map("patternProperties")?;
        if !sources.is_empty() {
            let mut list = Vec::new();
            for source in &sources {
                let at = self.location.join("patternProperties").join(source);
                let id = self.builder.pattern(source, &at)?;
                pattern_ids.push(id);
                list.push((id, self.sub(&["patternProperties", source])?));
            }
            self.push("patternProperties", Rule::PatternProperties(list));
        }
        if self.map.contains_key("additionalProperties") {
            let schema = Box::new(self.sub(&["additionalProperties"])?);
            self.push(
                "additionalProperties",
                Rule::AdditionalProperties {
                    properties: names,
                    patterns: pattern_ids,
                    schema,
                },
            );
        }
        if self.map.contains_key("propertyNames") {
            let schema = Box::new(self.sub(&["propertyNames"])?);
            self.push("propertyNames", Rule::PropertyNames(schema));
        }
        let names = self.schema_map("dependentSchemas")?;
        if !names.is_empty() {
            let mut list = Vec::new();
            for name in &names {
                list.push((name.clone(), self.in_place(&["dependentSchemas", name])?));
            }
            self.push("dependentSchemas", Rule::DependentSchemas(list));
        }
        Ok(())
    }
}

pub(super) fn steps(lowering: &Lowering, check: &Check, collecting: bool, steps: &mut Steps) {
    match &check.rule {
        Rule::MaxProperties(n) => steps.guarded(
            View::Object,
            assert(
                check,
                Test::MaxProperties(*n),
                Message::new(MessageId::TooManyProperties).with("limit", n.to_string()),
            ),
        ),
        Rule::MinProperties(n) => steps.guarded(
            View::Object,
            assert(
                check,
                Test::MinProperties(*n),
                Message::new(MessageId::TooFewProperties).with("limit", n.to_string()),
            ),
        ),
        Rule::Required(names) if !names.is_empty() => steps.guarded(
            View::Object,
            assert(
                check,
                Test::Required(names.clone()),
                Message::new(MessageId::MissingRequired),
            ),
        ),
        Rule::DependentRequired(dependencies) => {
            for (name, required) in dependencies.iter().filter(|(_, r)| !r.is_empty()) {
                let message = Message::new(MessageId::MissingDependent).with(
                    "property",
                    messages::json_text(&Value::String(name.clone())),
                );
                steps.guarded(
                    View::Object,
                    Step::IfProperty {
                        name: name.clone(),
                        steps: vec![assert(check, Test::Required(required.clone()), message)],
                    },
                );
            }
        }
        Rule::Properties(properties) => {
            let list: Vec<PropertyStep> = properties
                .iter()
                .map(|(name, schema)| PropertyStep {
                    name: name.clone(),
                    block: lowering.block(schema, false),
                    record: collecting,
                })
                .filter(|p| p.record || !p.block.steps.is_empty())
                .collect();
            if !list.is_empty() {
                steps.guarded(View::Object, Step::Properties(list));
            }
        }
        Rule::PatternProperties(list) => {
            for (id, schema) in list {
                lowering.each_property(KeyFilter::Matches(*id), schema, collecting, steps);
            }
        }
        Rule::AdditionalProperties {
            properties,
            patterns,
            schema,
        } => {
            let keys = KeyFilter::Unknown {
                names: properties.clone(),
                patterns: patterns.clone(),
            };
            lowering.each_property(keys, schema, collecting, steps);
        }
        Rule::PropertyNames(schema) => {
            let block = lowering.block(schema, false);
            if !block.steps.is_empty() {
                steps.guarded(View::Object, Step::EachKey(block));
            }
        }
        Rule::DependentSchemas(list) => {
            for (name, schema) in list {
                let in_place = lowering.in_place(schema, collecting);
                if !in_place.block.steps.is_empty() {
                    steps.guarded(
                        View::Object,
                        Step::IfProperty {
                            name: name.clone(),
                            steps: vec![Step::InPlace {
                                block: in_place.block,
                                collect: in_place.collect,
                            }],
                        },
                    );
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{lowering_error, only_guard, root};
    use crate::ir::check::{KeyFilter, MessageId, Step, Test, View};

    #[test]
    fn properties_step_onto_named_members_and_required_lists_names() {
        let steps = root(json!({
            "required": ["a"],
            "properties": {"a": {"type": "string"}, "b": true},
            "additionalProperties": false
        }));
        let inner = only_guard(&steps, View::Object);
        assert!(matches!(&inner[0], Step::Assert(a) if a.test == Test::Required(vec!["a".into()])));
        // `b: true` checks nothing and nobody records it: no step.
        assert!(
            matches!(&inner[1], Step::Properties(list) if list.len() == 1 && list[0].name == "a")
        );
        assert!(matches!(
            &inner[2],
            Step::EachProperty { keys: KeyFilter::Unknown { names, .. }, record: false, .. }
                if names.len() == 2
        ));
    }

    #[test]
    fn dependent_required_asserts_only_when_its_property_is_present() {
        let steps = root(json!({"dependentRequired": {"card": ["cvv"], "none": []}}));
        let inner = only_guard(&steps, View::Object);
        // An empty list requires nothing: only `card` has a step.
        let [Step::IfProperty { name, steps }] = inner else {
            panic!("one property test expected: {inner:?}")
        };
        assert_eq!(name, "card");
        let [Step::Assert(a)] = steps.as_slice() else {
            panic!("one assertion expected: {steps:?}")
        };
        assert_eq!(a.message.id, MessageId::MissingDependent);
        assert_eq!(a.message.known, vec![("property", "\"card\"".to_string())]);
    }

    #[test]
    fn required_names_must_be_strings() {
        let error = lowering_error(json!({"required": [1]}));
        assert!(error.contains("#/required"), "{error}");
    }
}
