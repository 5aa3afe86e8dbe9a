//! Leaf keywords: the `Checks` helper and arguments for each, and JSON constants as Kotlin
//! expressions that build equal `JsonElement`s.

use serde_json::Value;

use super::layout::{string_literal, Expr};
use super::validator::ValidatorWriter;
use crate::ir::{Format, JsonType, Rule};
use crate::messages::{self, MessageId};

/// A leaf keyword's `Checks` helper, message id, message arguments known when generating, and
/// the helper's arguments before the message.
type Leaf = (
    &'static str,
    MessageId,
    Vec<(&'static str, String)>,
    Vec<Expr>,
);

impl ValidatorWriter<'_> {
    /// The helper and its trailing arguments (the catalogue message last) for a leaf keyword;
    /// `None` for applicators.
    pub(super) fn leaf_arguments(&mut self, rule: &Rule) -> Option<(&'static str, Vec<Expr>)> {
        let (helper, id, known, mut args): Leaf = match rule {
            Rule::Type(types) => {
                let json_type = self.symbols.name("JsonType");
                let names = messages::type_list(types.iter().map(|t| t.name()));
                let list = types
                    .iter()
                    .map(|t| Expr::atom(format!("{json_type}.{}", json_type_name(*t))))
                    .collect();
                // `types` is a vararg: the message goes first.
                let message = self.message(MessageId::TypeMismatch, &[("expected", &names)]);
                return Some(("type", [vec![message], list].concat()));
            }
            Rule::Const(value) => (
                "const",
                MessageId::ConstMismatch,
                vec![("expected", messages::json_text(value))],
                vec![self.json(value)],
            ),
            Rule::Enum(values) => {
                let list = Expr::call("listOf", values.iter().map(|v| self.json(v)).collect());
                (
                    "enum",
                    MessageId::EnumMismatch,
                    vec![("allowed", messages::json_list(values))],
                    vec![list],
                )
            }
            Rule::MultipleOf(n) => (
                "multipleOf",
                MessageId::NotMultipleOf,
                vec![("divisor", n.to_string())],
                vec![self.decimal(&n.to_string())],
            ),
            Rule::Maximum(n) => self.bound("maximum", MessageId::AboveMaximum, n),
            Rule::ExclusiveMaximum(n) => {
                self.bound("exclusiveMaximum", MessageId::NotBelowExclusiveMaximum, n)
            }
            Rule::Minimum(n) => self.bound("minimum", MessageId::BelowMinimum, n),
            Rule::ExclusiveMinimum(n) => {
                self.bound("exclusiveMinimum", MessageId::NotAboveExclusiveMinimum, n)
            }
            Rule::MaxLength(n) => size("maxLength", MessageId::TooLong, *n),
            Rule::MinLength(n) => size("minLength", MessageId::TooShort, *n),
            Rule::Pattern(id) => {
                let source = self
                    .program
                    .pattern_sources
                    .get(*id)
                    .cloned()
                    .unwrap_or_default();
                (
                    "pattern",
                    MessageId::PatternMismatch,
                    vec![("pattern", source)],
                    vec![Expr::atom(self.pattern(*id))],
                )
            }
            Rule::Format(format) => {
                let format_type = self.symbols.name("Format");
                (
                    "format",
                    MessageId::InvalidFormat,
                    vec![("format", format.name().to_string())],
                    vec![Expr::atom(format!(
                        "{format_type}.{}",
                        format_name(*format)
                    ))],
                )
            }
            Rule::MaxItems(n) => size("maxItems", MessageId::TooManyItems, *n),
            Rule::MinItems(n) => size("minItems", MessageId::TooFewItems, *n),
            Rule::UniqueItems => ("uniqueItems", MessageId::DuplicateItems, vec![], vec![]),
            Rule::MaxProperties(n) => size("maxProperties", MessageId::TooManyProperties, *n),
            Rule::MinProperties(n) => size("minProperties", MessageId::TooFewProperties, *n),
            _ => return None,
        };
        let known: Vec<(&str, &str)> = known.iter().map(|(k, v)| (*k, v.as_str())).collect();
        args.push(self.message(id, &known));
        Some((helper, args))
    }

    /// Catalogue message `id` as a Kotlin string, with the arguments known now filled in: the
    /// text itself, or where values found at run time remain, a format string for
    /// `Checks.fill`.
    pub(super) fn message(&mut self, id: MessageId, known: &[(&str, &str)]) -> Expr {
        let (format, open) = id.format_string(known);
        if open.is_empty() {
            return Expr::atom(string_literal(&id.render(known)));
        }
        Expr::atom(string_literal(&format))
    }

    fn bound(&mut self, helper: &'static str, id: MessageId, limit: &serde_json::Number) -> Leaf {
        (
            helper,
            id,
            vec![("limit", limit.to_string())],
            vec![self.decimal(&limit.to_string())],
        )
    }

    pub(super) fn decimal(&mut self, literal: &str) -> Expr {
        Expr::call(
            self.symbols.name("BigDecimal"),
            vec![Expr::atom(string_literal(literal))],
        )
    }

    /// A `JsonElement` expression equal to `value`; numbers keep their exact literal.
    pub fn json(&mut self, value: &Value) -> Expr {
        match value {
            Value::Null => Expr::atom(self.symbols.name("JsonNull")),
            Value::Bool(b) => Expr::call(
                self.symbols.name("JsonPrimitive"),
                vec![Expr::atom(b.to_string())],
            ),
            Value::Number(n) => {
                self.checks_call("number", vec![Expr::atom(string_literal(&n.to_string()))])
            }
            Value::String(s) => Expr::call(
                self.symbols.name("JsonPrimitive"),
                vec![Expr::atom(string_literal(s))],
            ),
            Value::Array(items) => {
                let items: Vec<Expr> = items.iter().map(|v| self.json(v)).collect();
                let list = if items.is_empty() {
                    Expr::atom("emptyList()")
                } else {
                    Expr::call("listOf", items)
                };
                Expr::call(self.symbols.name("JsonArray"), vec![list])
            }
            Value::Object(map) => {
                let pairs: Vec<Expr> = map
                    .iter()
                    .map(|(k, v)| {
                        Expr::atom(format!("{} to {}", string_literal(k), self.json(v).flat()))
                    })
                    .collect();
                let map = if pairs.is_empty() {
                    Expr::atom("emptyMap()")
                } else {
                    Expr::call("mapOf", pairs)
                };
                Expr::call(self.symbols.name("JsonObject"), vec![map])
            }
        }
    }
}

/// A size bound: the helper gets the limit, the message gets it too.
fn size(helper: &'static str, id: MessageId, limit: u64) -> Leaf {
    (
        helper,
        id,
        vec![("limit", limit.to_string())],
        vec![count(limit)],
    )
}

/// A count for a `Long` parameter; counts past `Long.MAX_VALUE` mean the same as it.
fn count(n: u64) -> Expr {
    Expr::atom(n.min(i64::MAX as u64).to_string())
}

fn json_type_name(t: JsonType) -> &'static str {
    match t {
        JsonType::Null => "NULL",
        JsonType::Boolean => "BOOLEAN",
        JsonType::Object => "OBJECT",
        JsonType::Array => "ARRAY",
        JsonType::Number => "NUMBER",
        JsonType::Integer => "INTEGER",
        JsonType::String => "STRING",
    }
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::DateTime => "DATE_TIME",
        Format::Date => "DATE",
        Format::Time => "TIME",
        Format::Duration => "DURATION",
        Format::Email => "EMAIL",
        Format::Hostname => "HOSTNAME",
        Format::Ipv4 => "IPV4",
        Format::Ipv6 => "IPV6",
        Format::Uri => "URI",
        Format::UriReference => "URI_REFERENCE",
        Format::Uuid => "UUID",
        Format::JsonPointer => "JSON_POINTER",
        Format::RelativeJsonPointer => "RELATIVE_JSON_POINTER",
        Format::Regex => "REGEX",
        Format::IdnEmail => "IDN_EMAIL",
        Format::IdnHostname => "IDN_HOSTNAME",
        Format::Iri => "IRI",
        Format::IriReference => "IRI_REFERENCE",
        Format::UriTemplate => "URI_TEMPLATE",
    }
}
