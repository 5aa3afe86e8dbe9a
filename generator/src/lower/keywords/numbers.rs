//! `multipleOf`, `maximum`, `exclusiveMaximum`, `minimum`, `exclusiveMinimum`: assertions on
//! numbers, quoted in messages as the schema writes them.

use serde_json::Number;

use super::{assert, SchemaLowering};
use crate::error::Result;
use crate::ir::check::{Bound, Message, MessageId, Test, View};

impl SchemaLowering<'_> {
    pub(super) fn lower_numbers(&mut self) -> Result<()> {
        if let Some(n) = self.number("multipleOf")? {
            if n.as_f64().is_none_or(|f| f <= 0.0) {
                return Err(self.error("multipleOf", "must be greater than 0"));
            }
            self.bound("multipleOf", Bound::MultipleOf, n);
        }
        let bounds = [
            ("maximum", Bound::Maximum),
            ("exclusiveMaximum", Bound::ExclusiveMaximum),
            ("minimum", Bound::Minimum),
            ("exclusiveMinimum", Bound::ExclusiveMinimum),
        ];
        for (keyword, bound) in bounds {
            if let Some(n) = self.number(keyword)? {
                self.bound(keyword, bound, n);
            }
        }
        Ok(())
    }

    fn bound(&mut self, keyword: &str, bound: Bound, n: Number) {
        let message = bound_message(bound, &n);
        let keyword = self.keyword(keyword);
        self.steps.guarded(
            View::Number,
            assert(keyword, Test::Bound(bound, n), message),
        );
    }
}

/// `multipleOf` names its argument `divisor`; the other bounds name it `limit`.
fn bound_message(bound: Bound, n: &Number) -> Message {
    let (id, argument) = match bound {
        Bound::MultipleOf => (MessageId::NotMultipleOf, "divisor"),
        Bound::Maximum => (MessageId::AboveMaximum, "limit"),
        Bound::ExclusiveMaximum => (MessageId::NotBelowExclusiveMaximum, "limit"),
        Bound::Minimum => (MessageId::BelowMinimum, "limit"),
        Bound::ExclusiveMinimum => (MessageId::NotAboveExclusiveMinimum, "limit"),
    };
    Message::new(id).with(argument, n.to_string())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::{only_guard, root, tests_of};
    use crate::ir::check::{Bound, MessageId, Step, Test, View};

    #[test]
    fn bounds_guard_numbers_and_quote_the_limit_as_written() {
        let steps = root(json!({"maximum": 3, "multipleOf": 0.5}));
        let inner = only_guard(&steps, View::Number);
        assert!(matches!(
            tests_of(inner).as_slice(),
            [
                Test::Bound(Bound::MultipleOf, _),
                Test::Bound(Bound::Maximum, _)
            ]
        ));
        let Step::Assert(multiple) = &inner[0] else {
            unreachable!()
        };
        assert_eq!(multiple.message.id, MessageId::NotMultipleOf);
        assert_eq!(multiple.message.known, vec![("divisor", "0.5".to_string())]);
    }

    #[test]
    fn a_divisor_must_be_positive() {
        let error = super::super::testing::lowering_error(json!({"multipleOf": 0}));
        assert!(error.contains("#/multipleOf"), "{error}");
        assert!(error.contains("greater than 0"), "{error}");
    }
}
