//! `type`, `const` and `enum`: assertions on the instance itself, whatever its type.

use serde_json::Value;

use super::{assert, SchemaLowering};
use crate::error::Result;
use crate::ir::check::{Message, MessageId, Test};
use crate::ir::JsonType;
use crate::messages;

impl SchemaLowering<'_> {
    pub(super) fn lower_type(&mut self) -> Result<()> {
        let Some(value) = self.map.get("type") else {
            return Ok(());
        };
        let names: Vec<&Value> = match value {
            // The meta-schema requires at least one name in the array form.
            Value::Array(items) if items.is_empty() => {
                return Err(self.error("type", "must name at least one JSON type"))
            }
            Value::Array(items) => items.iter().collect(),
            single => vec![single],
        };
        let mut types = Vec::new();
        for name in names {
            let parsed = name.as_str().and_then(JsonType::parse);
            match parsed {
                Some(t) if !types.contains(&t) => types.push(t),
                Some(_) => return Err(self.error("type", "lists a type twice")),
                None => return Err(self.error(
                    "type",
                    "must name JSON types (null, boolean, object, array, number, integer, string)",
                )),
            }
        }
        let message = Message::new(MessageId::TypeMismatch).with(
            "expected",
            messages::type_list(types.iter().map(|t| t.name())),
        );
        let keyword = self.keyword("type");
        self.steps.push(assert(keyword, Test::Type(types), message));
        Ok(())
    }

    pub(super) fn lower_values(&mut self) -> Result<()> {
        if let Some(value) = self.map.get("const") {
            let message =
                Message::new(MessageId::ConstMismatch).with("expected", messages::json_text(value));
            let test = Test::Const(value.clone());
            let keyword = self.keyword("const");
            self.steps.push(assert(keyword, test, message));
        }
        match self.map.get("enum") {
            None => {}
            Some(Value::Array(values)) => {
                let message = Message::new(MessageId::EnumMismatch)
                    .with("allowed", messages::json_list(values));
                // Values SHOULD be unique and need not be: each is tested once (the message
                // lists them as written).
                let mut distinct: Vec<Value> = Vec::new();
                for value in values {
                    if !distinct.contains(value) {
                        distinct.push(value.clone());
                    }
                }
                let test = Test::Enum(distinct);
                let keyword = self.keyword("enum");
                self.steps.push(assert(keyword, test, message));
            }
            Some(_) => return Err(self.error("enum", "must be an array")),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{lowering_error, root};
    use crate::ir::check::{MessageId, Step};

    #[test]
    fn type_const_and_enum_assert_on_the_instance_itself() {
        let steps = root(json!({"type": "string", "const": "a", "enum": ["a", "b"]}));
        assert_eq!(steps.len(), 3);
        assert!(steps.iter().all(|s| matches!(s, Step::Assert(_))));
        let Step::Assert(first) = &steps[0] else {
            unreachable!()
        };
        assert!(first.keyword.to_string().ends_with("#/type"));
        assert_eq!(first.message.id, MessageId::TypeMismatch);
        assert_eq!(
            first.message.known,
            vec![("expected", "string".to_string())]
        );
        assert_eq!(first.message.open(), vec!["found"]);
    }

    #[test]
    fn an_empty_type_array_is_a_schema_error() {
        let error = lowering_error(json!({"properties": {"a": {"type": []}}}));
        assert!(error.contains("message.schema.json"), "{error}");
        assert!(error.contains("#/properties/a/type"), "{error}");
        assert!(error.contains("at least one JSON type"), "{error}");
    }
}
