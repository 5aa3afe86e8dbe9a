//! Leaf assertions: a test on the instance or its typed view, failing with its message.

use serde_json::Value;

use super::code::Stmt;
use super::failures::Arg;
use super::{Constant, Printer};
use crate::emit::checks::{Code, Scope};
use crate::emit::kotlin::layout::string_literal;
use crate::error::Location;
use crate::ir::check::{Assertion, Bound, Format, JsonType, Message, Test};
use crate::messages;

impl Printer<'_> {
    /// Assertion `assertion` on `x`: the instance, or inside a guard its typed view (the
    /// instance smart-cast to `JsonObject` / `JsonArray`, a `String`, a `BigDecimal`).
    pub(super) fn print_assertion(
        &mut self,
        assertion: &Assertion,
        scope: &Scope,
        x: &str,
    ) -> Code<Vec<Stmt>> {
        let message = &assertion.message;
        let keyword = &assertion.keyword;
        let failure = match &assertion.test {
            Test::Never => None,
            Test::Type(types) => {
                let json_type = self.symbols.name("JsonType");
                let list: Vec<String> = types
                    .iter()
                    .map(|t| format!("{json_type}.{}", json_type_name(*t)))
                    .collect();
                let checks = self.symbols.name("Checks");
                Some(format!("!{checks}.hasType({x}, {})", list.join(", ")))
            }
            Test::Const(value) => {
                let constant = self.constant(Constant::One(value.clone()));
                let values = self.symbols.name("JsonValues");
                Some(format!("!{values}.equal({x}, {constant})"))
            }
            Test::Enum(values) if values.is_empty() => None,
            // Only strings: one set lookup on the string, no JSON comparison per value.
            Test::Enum(values) if values.iter().all(Value::is_string) => {
                let names: Vec<String> = values
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                let set = self.known_names(&names);
                let json = self.symbols.name("JsonValues");
                Some(format!("!{json}.isStringIn({x}, {set})"))
            }
            Test::Enum(values) => {
                let constant = self.constant(Constant::Any(values.clone()));
                let json = self.symbols.name("JsonValues");
                Some(format!("{constant}.none {{ {json}.equal({x}, it) }}"))
            }
            Test::Bound(bound, limit) => {
                let limit = format!(
                    "{}({})",
                    self.symbols.name("BigDecimal"),
                    string_literal(&limit.to_string())
                );
                Some(match bound {
                    Bound::MultipleOf => format!("{x}.remainder({limit}).signum() != 0"),
                    Bound::Maximum => format!("{x} > {limit}"),
                    Bound::ExclusiveMaximum => format!("{x} >= {limit}"),
                    Bound::Minimum => format!("{x} < {limit}"),
                    Bound::ExclusiveMinimum => format!("{x} <= {limit}"),
                })
            }
            Test::MaxLength(n) => {
                let values = self.symbols.name("JsonValues");
                Some(format!("{values}.codePointLength({x}) > {}", count(*n)))
            }
            Test::MinLength(n) => {
                let values = self.symbols.name("JsonValues");
                Some(format!("{values}.codePointLength({x}) < {}", count(*n)))
            }
            Test::Pattern(id) => Some(format!("!{}", self.pattern_matches(*id, x))),
            Test::Format(format) => {
                let class = self.symbols.name("Format");
                Some(format!("!{class}.{}.accepts({x})", format_name(*format)))
            }
            Test::MaxItems(n) | Test::MaxProperties(n) => Some(format!("{x}.size > {}", count(*n))),
            Test::MinItems(n) | Test::MinProperties(n) => Some(format!("{x}.size < {}", count(*n))),
            Test::UniqueItems => {
                let checks = self.symbols.name("Checks");
                Some(format!("{checks}.hasDuplicates({x})"))
            }
            Test::Required(names) => {
                return Code {
                    stmts: self.missing(names, message, scope, keyword, x),
                    diverges: false,
                };
            }
        };
        let found = found(&assertion.test, x);
        match failure {
            Some(failure) => Code {
                stmts: vec![self.fail_if_stmt(failure, scope, keyword, message, found)],
                diverges: false,
            },
            None => Code {
                stmts: vec![self.fail_stmt(scope, keyword, message, found)],
                diverges: true,
            },
        }
    }

    /// `required` (or `dependentRequired`) on object `x`: one test per name, written out, so a
    /// valid object costs one lookup per name and nothing is built (no pairs, no array). Each
    /// name's message is complete when generated (the name quoted as JSON, as the catalogue
    /// quotes it).
    fn missing(
        &mut self,
        names: &[String],
        message: &Message,
        scope: &Scope,
        keyword: &Location,
        x: &str,
    ) -> Vec<Stmt> {
        names
            .iter()
            .map(|name| {
                let message = message.clone().with(
                    "name",
                    messages::json_text(&Value::String(name.to_string())),
                );
                let missing = format!("{} !in {x}", string_literal(name));
                self.fail_if_stmt(missing, scope, keyword, &message, Vec::new())
            })
            .collect()
    }
}

/// The run-time arguments of a leaf message: what was found, measured on the instance.
fn found(test: &Test, x: &str) -> Vec<(&'static str, Arg)> {
    let found = match test {
        Test::Never | Test::Type(_) | Test::Const(_) | Test::Enum(_) => Arg::Describe(x.into()),
        Test::MaxLength(_) | Test::MinLength(_) => Arg::CodePoints(x.into()),
        Test::MaxItems(_) | Test::MinItems(_) | Test::MaxProperties(_) | Test::MinProperties(_) => {
            Arg::Size(x.into())
        }
        _ => return Vec::new(),
    };
    vec![("found", found)]
}

/// A count for a `Long` comparison; counts past `Long.MAX_VALUE` mean the same as it.
pub(super) fn count(n: u64) -> String {
    n.min(i64::MAX as u64).to_string()
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
