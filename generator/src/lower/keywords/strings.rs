//! `maxLength`, `minLength`, `pattern` and (when asserted) `format`: assertions on strings.
//! Lengths count Unicode code points; patterns are ECMA-262, kept as written and translated
//! to the supported linear-time dialect (`crate::regex`).

use serde_json::Value;

use super::{assert, SchemaLowering};
use crate::error::{Error, Result};
use crate::ir::check::{Message, MessageId, Test, View};
use crate::ir::Format;

impl SchemaLowering<'_> {
    pub(super) fn lower_strings(&mut self) -> Result<()> {
        if let Some(n) = self.non_negative("maxLength")? {
            let message = Message::new(MessageId::TooLong).with("limit", n.to_string());
            self.string_check("maxLength", Test::MaxLength(n), message);
        }
        if let Some(n) = self.non_negative("minLength")? {
            let message = Message::new(MessageId::TooShort).with("limit", n.to_string());
            self.string_check("minLength", Test::MinLength(n), message);
        }
        match self.map.get("pattern") {
            None => {}
            Some(Value::String(source)) => {
                let id = self
                    .builder
                    .pattern(source, &self.location.join("pattern"))?;
                let message = Message::new(MessageId::PatternMismatch)
                    .with("pattern", self.builder.pattern_source(id));
                self.string_check("pattern", Test::Pattern(id), message);
            }
            Some(_) => return Err(self.error("pattern", "must be a string")),
        }
        if self.builder.vocabulary().assert_format {
            match self.map.get("format") {
                None => {}
                Some(Value::String(name)) => match Format::parse(name) {
                    Some(format) => {
                        let message =
                            Message::new(MessageId::InvalidFormat).with("format", format.name());
                        self.string_check("format", Test::Format(format), message);
                    }
                    None => {
                        return Err(Error::unsupported(
                            &self.location.join("format"),
                            "format",
                            format!(
                                "format assertion is on and \"{name}\" is not one the generator can check (known: {})",
                                Format::ALL.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
                            ),
                        ))
                    }
                },
                Some(_) => return Err(self.error("format", "must be a string")),
            }
        }
        Ok(())
    }

    fn string_check(&mut self, keyword: &str, test: Test, message: Message) {
        let keyword = self.keyword(keyword);
        self.steps
            .guarded(View::String, assert(keyword, test, message));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{
        lowering_error, only_guard, program, program_with, root, tests_of,
    };
    use crate::ir::check::{Format, Test, View};

    #[test]
    fn string_rules_share_one_string_guard_in_keyword_order() {
        let steps = root(json!({"minLength": 1, "maxLength": 3, "pattern": "^\\d+$"}));
        let inner = only_guard(&steps, View::String);
        assert_eq!(
            tests_of(inner),
            vec![Test::MaxLength(3), Test::MinLength(1), Test::Pattern(0)]
        );
        let program = program(json!({"pattern": "^\\d+$"}));
        assert_eq!(program.patterns[0].source, "^\\d+$");
        assert_eq!(program.patterns[0].translated, "^[0-9]+$");
    }

    #[test]
    fn format_is_an_annotation_unless_asserted() {
        assert!(root(json!({"format": "uuid"})).is_empty());
        assert!(program(json!({"format": "uuid"})).formats().is_empty());
        let asserted = program_with(
            json!({"properties": {"id": {"format": "uuid"}}}),
            Some(json!({"assertFormat": true, "assertContent": false})),
        );
        // The program says which format checks the output needs.
        assert_eq!(
            asserted.formats().into_iter().collect::<Vec<_>>(),
            vec![Format::Uuid]
        );
    }

    #[test]
    fn a_pattern_must_be_a_string() {
        let error = lowering_error(json!({"pattern": 5}));
        assert!(error.contains("#/pattern"), "{error}");
        assert!(error.contains("must be a string"), "{error}");
    }
}
