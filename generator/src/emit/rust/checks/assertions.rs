//! Leaf assertions: a test on the instance or its typed view, failing with its message.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use serde_json::Value;

use super::messages::{Arg, Text};
use super::{id as fixed, Printer};
use crate::emit::checks::{Code, Scope, Sink};
use crate::error::Location;
use crate::ir::check::{Assertion, Bound, JsonType, Message, Test};
use crate::messages;

impl Printer<'_> {
    pub(super) fn print_assertion(
        &mut self,
        assertion: &Assertion,
        scope: &Scope,
        x: &Ident,
    ) -> Code<TokenStream> {
        let rule = Text::Rule(&assertion.message);
        let keyword = &assertion.keyword;
        let failure = match &assertion.test {
            Test::Never => None,
            Test::Type(types) => {
                let tests: Vec<TokenStream> = types.iter().map(|t| type_test(*t, x)).collect();
                let failure = match tests.as_slice() {
                    [one] => quote!(!#one),
                    _ => quote!(!(#(#tests)||*)),
                };
                let found = found(&assertion.test, x);
                return Code {
                    stmts: self.fail_if(failure, scope, keyword, rule, found),
                    diverges: false,
                };
            }
            Test::Const(value) => Some(self.differs(x, value)),
            Test::Enum(values) => self.not_one_of(x, values),
            Test::Bound(bound, limit) => {
                let method = format_ident!(
                    "{}",
                    match bound {
                        Bound::MultipleOf => "divides",
                        Bound::Maximum => "at_most",
                        Bound::ExclusiveMaximum => "below",
                        Bound::Minimum => "at_least",
                        Bound::ExclusiveMinimum => "above",
                    }
                );
                let limit = super::values::limit(limit);
                Some(quote!(!#limit.#method(#x)))
            }
            Test::MaxLength(n) => {
                let n = Literal::u64_unsuffixed(*n);
                Some(quote!(support::char_count(#x) > #n))
            }
            Test::MinLength(n) => {
                let n = Literal::u64_unsuffixed(*n);
                Some(quote!(support::char_count(#x) < #n))
            }
            Test::Pattern(id) => {
                let pattern = self.statics.pattern(*id);
                Some(quote!(!#pattern.is_match(#x)))
            }
            Test::Format(format) => {
                let (_, function) = super::super::support::format_check(*format);
                let path = function.split("::").map(fixed);
                Some(quote!(!support:: #(#path)::* (#x)))
            }
            Test::MaxItems(n) | Test::MaxProperties(n) => {
                let n = Literal::u64_unsuffixed(*n);
                Some(quote!(#x.len() as u64 > #n))
            }
            Test::MinItems(n) | Test::MinProperties(n) => {
                let n = Literal::u64_unsuffixed(*n);
                Some(quote!((#x.len() as u64) < #n))
            }
            Test::UniqueItems => Some(quote!(support::has_duplicates(#x))),
            Test::Required(names) => {
                return Code {
                    stmts: self.missing(names, &assertion.message, scope, keyword, x, false),
                    diverges: false,
                };
            }
        };
        let found = found(&assertion.test, x);
        match failure {
            Some(failure) => Code {
                stmts: self.fail_if(failure, scope, keyword, rule, found),
                diverges: false,
            },
            None => Code {
                stmts: self.fail_with(scope, keyword, rule, found),
                diverges: true,
            },
        }
    }

    /// `required` (or `dependentRequired`) on object `x`. Each name's message is complete when
    /// generated (the name quoted as JSON, as the catalogue quotes it), so several names loop
    /// over (name, message) pairs when errors are reported.
    ///
    /// `known_missing`: a fused `required` already found that some name is missing (see
    /// `required_end`), so the one-pass test is left out.
    pub(super) fn missing(
        &mut self,
        names: &[String],
        message: &Message,
        scope: &Scope,
        keyword: &Location,
        x: &Ident,
        known_missing: bool,
    ) -> TokenStream {
        let for_name = |name: &str| {
            message.clone().with(
                "name",
                messages::json_text(&Value::String(name.to_string())),
            )
        };
        if let [name] = names {
            let message = for_name(name);
            return self.fail_if(
                quote!(!support::has_property(#x, #name)),
                scope,
                keyword,
                Text::Rule(&message),
                Vec::new(),
            );
        }
        // Object keys are unique, so counting the keys that are required names tells whether
        // all are there in one pass (a string `match`, which compares lengths first); the
        // names are looked up one by one only when some are missing, to report each in order.
        let count = proc_macro2::Literal::usize_unsuffixed(names.len());
        let some_missing = if known_missing {
            quote!(true)
        } else {
            quote!(#x.keys().filter(|key| matches!(key.as_str(), #(#names)|*)).count() != #count)
        };
        let name = fixed("name");
        if matches!(scope.sink, Sink::Decide(_)) {
            let fail = self.fail_with(scope, keyword, Text::Given, Vec::new());
            if known_missing {
                return fail;
            }
            return quote!(if #some_missing { #fail });
        }
        let text = fixed("message");
        let pairs = names.iter().map(|name| {
            let message = for_name(name);
            let known: Vec<(&str, &str)> = message
                .known
                .iter()
                .map(|(n, v)| (*n, v.as_str()))
                .collect();
            let shown = message.id.render(&known);
            quote!((#name, #shown))
        });
        let fail = self.fail_with(
            scope,
            keyword,
            Text::Given,
            vec![("message", Arg::Expr(quote!(#text)))],
        );
        let each = quote!(for (#name, #text) in [#(#pairs),*] { if !support::has_property(#x, #name) { #fail } });
        if known_missing {
            return each;
        }
        quote!(if #some_missing { #each })
    }

    /// The failure condition of `const`.
    fn differs(&mut self, x: &Ident, value: &serde_json::Value) -> TokenStream {
        match value {
            serde_json::Value::String(s) => quote!(#x.as_str() != Some(#s)),
            serde_json::Value::Bool(b) => quote!(#x.as_bool() != Some(#b)),
            serde_json::Value::Null => quote!(!#x.is_null()),
            other => {
                let constant = self.statics.constant(other);
                quote!(!support::json_equal(#x, &#constant))
            }
        }
    }

    /// The failure condition of `enum`; `None` for an empty list, which nothing satisfies.
    fn not_one_of(&mut self, x: &Ident, values: &[serde_json::Value]) -> Option<TokenStream> {
        let strings: Option<Vec<&str>> = values.iter().map(serde_json::Value::as_str).collect();
        match (strings, values) {
            (_, []) => None,
            (Some(strings), _) => Some(quote!(!matches!(#x.as_str(), Some(#(#strings)|*)))),
            (None, [one]) => Some(self.differs(x, one)),
            (None, _) => {
                let tests = values.iter().map(|value| match value {
                    serde_json::Value::String(s) => quote!(#x.as_str() == Some(#s)),
                    serde_json::Value::Bool(b) => quote!(#x.as_bool() == Some(#b)),
                    serde_json::Value::Null => quote!(#x.is_null()),
                    other => {
                        let constant = self.statics.constant(other);
                        quote!(support::json_equal(#x, &#constant))
                    }
                });
                let tests: Vec<TokenStream> = tests.collect();
                Some(quote!(!(#(#tests)||*)))
            }
        }
    }
}

fn type_test(t: JsonType, v: &Ident) -> TokenStream {
    match t {
        JsonType::Null => quote!(#v.is_null()),
        JsonType::Boolean => quote!(#v.is_boolean()),
        JsonType::Object => quote!(#v.is_object()),
        JsonType::Array => quote!(#v.is_array()),
        JsonType::Number => quote!(#v.is_number()),
        JsonType::Integer => quote!(support::is_integer(#v)),
        JsonType::String => quote!(#v.is_string()),
    }
}

/// The run-time arguments of a leaf message: what was found, measured on the instance.
fn found(test: &Test, x: &Ident) -> Vec<(&'static str, Arg)> {
    let found = match test {
        Test::Never | Test::Type(_) | Test::Const(_) | Test::Enum(_) => {
            quote!(support::type_name(#x))
        }
        Test::MaxLength(_) | Test::MinLength(_) => quote!(support::char_count(#x)),
        Test::MaxItems(_) | Test::MinItems(_) | Test::MaxProperties(_) | Test::MinProperties(_) => {
            quote!(#x.len())
        }
        _ => return Vec::new(),
    };
    vec![("found", Arg::Expr(found))]
}
