//! Leaf assertions: a test on the instance or its typed view, failing with its message.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::messages::{Arg, Text};
use super::names::fixed;
use super::steps::{Code, Scope};
use super::Printer;
use crate::ir::check::{Assertion, Bound, JsonType, Test};

impl Printer<'_> {
    pub(super) fn assertion(&mut self, assertion: &Assertion, scope: &Scope, x: &Ident) -> Code {
        let rule = Text::Rule(&assertion.message);
        let keyword = &assertion.keyword;
        let failure = match &assertion.test {
            Test::Never => None,
            Test::Type(types) => {
                let tests: Vec<TokenStream> = types.iter().map(|t| type_test(*t, x)).collect();
                let found = Arg::Expr(quote!(support::type_name(#x)));
                let failure = match tests.as_slice() {
                    [one] => quote!(!#one),
                    _ => quote!(!(#(#tests)||*)),
                };
                return Code {
                    tokens: self.fail_if(failure, scope, keyword, rule, vec![found]),
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
                let name = fixed("name");
                let fail = self.fail_if(
                    quote!(!support::has_property(#x, #name)),
                    scope,
                    keyword,
                    rule,
                    vec![Arg::Ident(name.clone())],
                );
                return Code {
                    tokens: quote!(for #name in [#(#names),*] { #fail }),
                    diverges: false,
                };
            }
        };
        match failure {
            Some(failure) => Code {
                tokens: self.fail_if(failure, scope, keyword, rule, Vec::new()),
                diverges: false,
            },
            None => Code {
                tokens: self.fail(scope, keyword, rule, Vec::new()),
                diverges: true,
            },
        }
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
