//! Leaf keywords: the `Checks` helper and arguments for each, and JSON constants as Kotlin
//! expressions that build equal `JsonElement`s.

use serde_json::Value;

use super::layout::{string_literal, Expr};
use super::validator::ValidatorWriter;
use crate::ir::{Format, JsonType, Rule};

impl ValidatorWriter<'_> {
    /// The helper and its trailing arguments for a leaf keyword; `None` for applicators.
    pub(super) fn leaf_arguments(&mut self, rule: &Rule) -> Option<(&'static str, Vec<Expr>)> {
        Some(match rule {
            Rule::Type(types) => {
                let json_type = self.symbols.name("JsonType");
                (
                    "type",
                    types
                        .iter()
                        .map(|t| Expr::atom(format!("{json_type}.{}", json_type_name(*t))))
                        .collect(),
                )
            }
            Rule::Const(value) => ("const", vec![self.json(value)]),
            Rule::Enum(values) => {
                let list = Expr::call("listOf", values.iter().map(|v| self.json(v)).collect());
                ("enum", vec![list])
            }
            Rule::MultipleOf(n) => ("multipleOf", vec![self.decimal(&n.to_string())]),
            Rule::Maximum(n) => ("maximum", vec![self.decimal(&n.to_string())]),
            Rule::ExclusiveMaximum(n) => ("exclusiveMaximum", vec![self.decimal(&n.to_string())]),
            Rule::Minimum(n) => ("minimum", vec![self.decimal(&n.to_string())]),
            Rule::ExclusiveMinimum(n) => ("exclusiveMinimum", vec![self.decimal(&n.to_string())]),
            Rule::MaxLength(n) => ("maxLength", vec![count(*n)]),
            Rule::MinLength(n) => ("minLength", vec![count(*n)]),
            Rule::Pattern(id) => ("pattern", vec![Expr::atom(self.pattern(*id))]),
            Rule::Format(format) => {
                let format_type = self.symbols.name("Format");
                (
                    "format",
                    vec![Expr::atom(format!(
                        "{format_type}.{}",
                        format_name(*format)
                    ))],
                )
            }
            Rule::MaxItems(n) => ("maxItems", vec![count(*n)]),
            Rule::MinItems(n) => ("minItems", vec![count(*n)]),
            Rule::UniqueItems => ("uniqueItems", Vec::new()),
            Rule::MaxProperties(n) => ("maxProperties", vec![count(*n)]),
            Rule::MinProperties(n) => ("minProperties", vec![count(*n)]),
            Rule::Required(names) => (
                "required",
                names
                    .iter()
                    .map(|n| Expr::atom(string_literal(n)))
                    .collect(),
            ),
            _ => return None,
        })
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
