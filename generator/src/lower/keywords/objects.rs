//! `maxProperties`, `minProperties`, `required`, `dependentRequired`, `properties`,
//! `patternProperties`, `additionalProperties`, `propertyNames`, `dependentSchemas`:
//! assertions on objects and blocks on their members.

use serde_json::Value;

use super::{assert, string_list, SchemaLowering};
use crate::error::{Error, Result};
use crate::ir::check::{KeyFilter, Message, MessageId, PropertyStep, Step, Test, View};
use crate::messages;

impl SchemaLowering<'_> {
    pub(super) fn lower_objects(&mut self) -> Result<()> {
        if let Some(n) = self.non_negative("maxProperties")? {
            let message = Message::new(MessageId::TooManyProperties).with("limit", n.to_string());
            self.object_check("maxProperties", Test::MaxProperties(n), message);
        }
        if let Some(n) = self.non_negative("minProperties")? {
            let message = Message::new(MessageId::TooFewProperties).with("limit", n.to_string());
            self.object_check("minProperties", Test::MinProperties(n), message);
        }
        if let Some(value) = self.map.get("required") {
            let names = string_list(value)
                .ok_or_else(|| self.error("required", "must be an array of strings"))?;
            if !names.is_empty() {
                let message = Message::new(MessageId::MissingRequired);
                self.object_check("required", Test::Required(names), message);
            }
        }
        self.lower_dependent_required()?;
        let collecting = self.collecting();
        let names = self.schema_map("properties")?;
        if !names.is_empty() {
            let mut list = Vec::new();
            for name in &names {
                let block = self.sub_block(&["properties", name])?;
                // A property that checks nothing and that nobody records needs no step.
                if collecting || !block.steps.is_empty() {
                    list.push(PropertyStep {
                        name: name.clone(),
                        block,
                        record: collecting,
                    });
                }
            }
            self.keyword("properties");
            if !list.is_empty() {
                self.steps.guarded(View::Object, Step::Properties(list));
            }
        }
        let mut patterns = Vec::new();
        let sources = self.schema_map("patternProperties")?;
        if !sources.is_empty() {
            let mut list = Vec::new();
            for source in &sources {
                let at = self.location.join("patternProperties").join(source);
                let id = self.builder.pattern(source, &at)?;
                patterns.push(id);
                list.push((id, self.sub_block(&["patternProperties", source])?));
            }
            self.keyword("patternProperties");
            for (id, block) in list {
                self.each_property(KeyFilter::Matches(id), block, collecting);
            }
        }
        if self.map.contains_key("additionalProperties") {
            let block = self.sub_block(&["additionalProperties"])?;
            self.keyword("additionalProperties");
            let keys = KeyFilter::Unknown { names, patterns };
            self.each_property(keys, block, collecting);
        }
        if self.map.contains_key("propertyNames") {
            let block = self.sub_block(&["propertyNames"])?;
            self.keyword("propertyNames");
            if !block.steps.is_empty() {
                self.steps.guarded(View::Object, Step::EachKey(block));
            }
        }
        let names = self.schema_map("dependentSchemas")?;
        if !names.is_empty() {
            let mut list = Vec::new();
            for name in &names {
                list.push((name.clone(), self.in_place(&["dependentSchemas", name])?));
            }
            self.keyword("dependentSchemas");
            for (name, in_place) in list {
                if !in_place.block.steps.is_empty() {
                    let step = Step::InPlace {
                        block: in_place.block,
                        collect: in_place.collect,
                    };
                    self.steps.guarded(
                        View::Object,
                        Step::IfProperty {
                            name,
                            steps: vec![step],
                        },
                    );
                }
            }
        }
        Ok(())
    }

    /// `dependentRequired`: when a property is present, the names it lists must be too.
    fn lower_dependent_required(&mut self) -> Result<()> {
        let Some(value) = self.map.get("dependentRequired") else {
            return Ok(());
        };
        let Value::Object(dependencies) = value else {
            return Err(self.error("dependentRequired", "must be an object"));
        };
        let mut list = Vec::new();
        for (name, names) in dependencies {
            let names = string_list(names).ok_or_else(|| {
                Error::schema(
                    &self.location.join("dependentRequired").join(name),
                    "must be an array of strings",
                )
            })?;
            list.push((name.clone(), names));
        }
        let keyword = self.keyword("dependentRequired");
        // An empty list requires nothing.
        for (name, required) in list.into_iter().filter(|(_, r)| !r.is_empty()) {
            let message = Message::new(MessageId::MissingDependent).with(
                "property",
                messages::json_text(&Value::String(name.clone())),
            );
            let check = assert(keyword.clone(), Test::Required(required), message);
            self.steps.guarded(
                View::Object,
                Step::IfProperty {
                    name,
                    steps: vec![check],
                },
            );
        }
        Ok(())
    }

    fn object_check(&mut self, keyword: &str, test: Test, message: Message) {
        let keyword = self.keyword(keyword);
        self.steps
            .guarded(View::Object, assert(keyword, test, message));
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
