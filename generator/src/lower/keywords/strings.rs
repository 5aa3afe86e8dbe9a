//! `maxLength`, `minLength`, `pattern` and (when asserted) `format`: assertions on strings.
//! Lengths count Unicode code points; patterns are ECMA-262, kept as written and translated
//! to the supported linear-time dialect (`crate::regex`).

use serde_json::Value;

use super::{assert, SchemaLowering, Steps};
use crate::error::{Error, Result};
use crate::ir::check::{Message, MessageId, Test, View};
use crate::ir::{Check, Format, Rule};
use crate::lower::program::Lowering;

impl SchemaLowering<'_, '_> {
    pub(super) fn lower_strings(&mut self) -> Result<()> {
        if let Some(n) = self.non_negative("maxLength")? {
            self.push("maxLength", Rule::MaxLength(n));
        }
        if let Some(n) = self.non_negative("minLength")? {
            self.push("minLength", Rule::MinLength(n));
        }
        match self.map.get("pattern") {
            None => {}
            Some(Value::String(source)) => {
                let id = self
                    .builder
                    .pattern(source, &self.location.join("pattern"))?;
                self.push("pattern", Rule::Pattern(id));
            }
            Some(_) => return Err(self.error("pattern", "must be a string")),
        }
        if self.builder.vocabulary().assert_format {
            match self.map.get("format") {
                None => {}
                Some(Value::String(name)) => match Format::parse(name) {
                    Some(format) => self.push("format", Rule::Format(format)),
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
}

pub(super) fn steps(lowering: &Lowering, check: &Check, steps: &mut Steps) {
    let (test, message) = match &check.rule {
        Rule::MaxLength(n) => (
            Test::MaxLength(*n),
            Message::new(MessageId::TooLong).with("limit", n.to_string()),
        ),
        Rule::MinLength(n) => (
            Test::MinLength(*n),
            Message::new(MessageId::TooShort).with("limit", n.to_string()),
        ),
        Rule::Pattern(id) => (
            Test::Pattern(*id),
            Message::new(MessageId::PatternMismatch).with("pattern", lowering.pattern_source(*id)),
        ),
        Rule::Format(format) => (
            Test::Format(*format),
            Message::new(MessageId::InvalidFormat).with("format", format.name()),
        ),
        _ => return,
    };
    steps.guarded(View::String, assert(check, test, message));
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{lowering_error, only_guard, program, root, tests_of};
    use crate::ir::check::{Test, View};

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
    }

    #[test]
    fn a_pattern_must_be_a_string() {
        let error = lowering_error(json!({"pattern": 5}));
        assert!(error.contains("#/pattern"), "{error}");
        assert!(error.contains("must be a string"), "{error}");
    }
}
