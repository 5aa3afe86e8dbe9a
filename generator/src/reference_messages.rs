//! The reference validator's errors in the catalogue's words: each `jsonschema` error kind is
//! mapped to a catalogue message (`crate::messages`), so `contractgen validate` says what the
//! generated validators say. The crate stays the engine (it is the independent baseline); only
//! its texts are replaced. Where it reports one error for several members
//! (`additionalProperties: false` and the like), the error is split into one per member, at the
//! member, as the generated code reports them.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::ValidationError;
use serde_json::Value;

use crate::messages::{json_list, json_text, type_list, MessageId};

/// One error as `contractgen validate` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedError {
    /// RFC 6901 pointer into the payload; empty for its root.
    pub instance_path: String,
    /// The failing keyword's pointer into the schema (`/properties/a/maxLength`).
    pub schema_path: String,
    pub message: String,
}

/// The errors of one `jsonschema` error, in the catalogue's words. `schema` is the document
/// the error's schema path points into.
pub fn reported(error: &ValidationError<'_>, schema: &Value) -> Vec<ReportedError> {
    let pointer = error.instance_path().as_str().to_string();
    let schema_path = error.schema_path().as_str().to_string();
    let instance: &Value = error.instance();
    let one = |message: String| {
        vec![ReportedError {
            instance_path: pointer.clone(),
            schema_path: schema_path.clone(),
            message,
        }]
    };
    let found = type_of(instance);
    match error.kind() {
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(set) => {
                    let names: Vec<String> = set.iter().map(|t| t.to_string()).collect();
                    type_list(names.iter().map(String::as_str))
                }
            };
            one(MessageId::TypeMismatch.render(&[("expected", &expected), ("found", found)]))
        }
        ValidationErrorKind::Constant { expected_value } => one(MessageId::ConstMismatch
            .render(&[("expected", &json_text(expected_value)), ("found", found)])),
        ValidationErrorKind::Enum { options } => {
            let allowed = match options.as_ref() {
                Value::Array(values) => json_list(values),
                other => json_text(other),
            };
            one(MessageId::EnumMismatch.render(&[("allowed", &allowed), ("found", found)]))
        }
        ValidationErrorKind::MultipleOf { multiple_of } => {
            // The crate holds the divisor as `f64`; the schema has it as written.
            let divisor = schema
                .pointer(&schema_path)
                .filter(|v| v.is_number())
                .map_or_else(|| float_text(*multiple_of), json_text);
            one(MessageId::NotMultipleOf.render(&[("divisor", &divisor)]))
        }
        ValidationErrorKind::Maximum { limit } => {
            one(MessageId::AboveMaximum.render(&[("limit", &json_text(limit))]))
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => {
            one(MessageId::NotBelowExclusiveMaximum.render(&[("limit", &json_text(limit))]))
        }
        ValidationErrorKind::Minimum { limit } => {
            one(MessageId::BelowMinimum.render(&[("limit", &json_text(limit))]))
        }
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            one(MessageId::NotAboveExclusiveMinimum.render(&[("limit", &json_text(limit))]))
        }
        ValidationErrorKind::MaxLength { limit } => one(size(MessageId::TooLong, *limit, instance)),
        ValidationErrorKind::MinLength { limit } => {
            one(size(MessageId::TooShort, *limit, instance))
        }
        ValidationErrorKind::Pattern { pattern } => {
            one(MessageId::PatternMismatch.render(&[("pattern", pattern)]))
        }
        ValidationErrorKind::Format { format } => {
            one(MessageId::InvalidFormat.render(&[("format", format)]))
        }
        ValidationErrorKind::ContentEncoding { .. } => one(MessageId::ContentNotBase64.render(&[])),
        ValidationErrorKind::FromUtf8 { .. } => one(MessageId::ContentNotUtf8.render(&[])),
        ValidationErrorKind::ContentMediaType { .. } => one(MessageId::ContentNotJson.render(&[])),
        // The content keyword (`reference_content`) already speaks the catalogue's words, one
        // line per error inside the content.
        ValidationErrorKind::Custom { message, .. } => message
            .lines()
            .flat_map(|line| one(line.to_string()))
            .collect(),
        ValidationErrorKind::MaxItems { limit } => {
            one(size(MessageId::TooManyItems, *limit, instance))
        }
        ValidationErrorKind::MinItems { limit } => {
            one(size(MessageId::TooFewItems, *limit, instance))
        }
        ValidationErrorKind::UniqueItems => one(MessageId::DuplicateItems.render(&[])),
        // A plain `contains` (minimum 1) fails only when no item matched. With
        // `minContains`/`maxContains` the crate reports neither bound nor count: its own text.
        ValidationErrorKind::Contains if schema_path.ends_with("/contains") => {
            one(MessageId::TooFewContained.render(&[("min", "1"), ("found", "0")]))
        }
        ValidationErrorKind::MaxProperties { limit } => {
            one(size(MessageId::TooManyProperties, *limit, instance))
        }
        ValidationErrorKind::MinProperties { limit } => {
            one(size(MessageId::TooFewProperties, *limit, instance))
        }
        ValidationErrorKind::Required { property } => {
            let name = json_text(property);
            match dependent_property(&schema_path, schema, property, instance) {
                Some(owner) => {
                    let owner = json_text(&Value::String(owner));
                    one(MessageId::MissingDependent
                        .render(&[("name", &name), ("property", &owner)]))
                }
                None => one(MessageId::MissingRequired.render(&[("name", &name)])),
            }
        }
        ValidationErrorKind::AnyOf { context } => {
            one(MessageId::NoAlternativeMatches.render(&[("count", &context.len().to_string())]))
        }
        ValidationErrorKind::OneOfNotValid { context } => {
            one(MessageId::NoOneOfMatches.render(&[("count", &context.len().to_string())]))
        }
        ValidationErrorKind::OneOfMultipleValid { context } => {
            let matched = context.iter().filter(|branch| branch.is_empty()).count();
            one(MessageId::SeveralOneOfMatch.render(&[
                ("count", &context.len().to_string()),
                ("matched", &matched.to_string()),
            ]))
        }
        ValidationErrorKind::Not { .. } => one(MessageId::NotMatchedNot.render(&[])),
        ValidationErrorKind::FalseSchema => one(MessageId::FalseSchema.render(&[("found", found)])),
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => unexpected
            .iter()
            .map(|name| member(&pointer, &schema_path, name, instance.get(name)))
            .collect(),
        ValidationErrorKind::UnevaluatedItems { unexpected } => unexpected
            .iter()
            .map(|index| {
                let item = index.parse::<usize>().ok().and_then(|i| instance.get(i));
                member(&pointer, &schema_path, index, item)
            })
            .collect(),
        ValidationErrorKind::PropertyNames { error } => reported(error, schema)
            .into_iter()
            .map(|inner| ReportedError {
                instance_path: pointer.clone(),
                schema_path: inner.schema_path,
                message: inner.message,
            })
            .collect(),
        // Engine failures and `items: false` after `prefixItems` in older drafts: the crate's
        // own text.
        _ => one(error.to_string()),
    }
}

/// A member the schema allows no value for (`false`), reported at the member.
fn member(pointer: &str, schema_path: &str, name: &str, value: Option<&Value>) -> ReportedError {
    let escaped = name.replace('~', "~0").replace('/', "~1");
    let found = value.map_or("null", type_of);
    ReportedError {
        instance_path: format!("{pointer}/{escaped}"),
        schema_path: schema_path.to_string(),
        message: MessageId::FalseSchema.render(&[("found", found)]),
    }
}

fn size(id: MessageId, limit: u64, instance: &Value) -> String {
    let found = match instance {
        Value::String(s) => s.chars().count(),
        Value::Array(items) => items.len(),
        Value::Object(map) => map.len(),
        _ => 0,
    };
    id.render(&[("limit", &limit.to_string()), ("found", &found.to_string())])
}

/// For a `required` error of `dependentRequired` (the crate reports both alike, at the keyword):
/// the present property of `instance` whose entry requires `missing`.
fn dependent_property(
    schema_path: &str,
    schema: &Value,
    missing: &Value,
    instance: &Value,
) -> Option<String> {
    if !schema_path.ends_with("/dependentRequired") {
        return None;
    }
    let entries = schema.pointer(schema_path)?.as_object()?;
    entries
        .iter()
        .find(|(owner, required)| {
            instance.get(owner.as_str()).is_some()
                && required.as_array().is_some_and(|r| r.contains(missing))
        })
        .map(|(owner, _)| owner.clone())
}

/// A JSON type name as the generated validators report it: numbers with a zero fraction are
/// `integer`.
pub fn type_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(n) if n.as_f64().is_some_and(|f| f.fract() == 0.0) => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A `multipleOf` the crate holds as `f64`, when the schema path does not lead to it: written
/// as `serde_json` writes the schema's number (whole numbers without a fraction, as they are
/// usually written).
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
        return format!("{}", f as i64);
    }
    serde_json::Number::from_f64(f).map_or_else(|| f.to_string(), |n| n.to_string())
}

/// Every error the reference validator reports for `instance`, in the catalogue's words.
/// `schema` is the validator's schema document (some messages quote it where the crate's
/// error does not).
pub fn errors(
    validator: &jsonschema::Validator,
    schema: &Value,
    instance: &Value,
) -> Vec<ReportedError> {
    validator
        .iter_errors(instance)
        .flat_map(|e| reported(&e, schema))
        .collect()
}

/// An instance pointer as messages print it: the empty pointer (the payload itself) is `(root)`.
pub fn display_pointer(pointer: &str) -> &str {
    if pointer.is_empty() {
        "(root)"
    } else {
        pointer
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn messages(schema: Value, instance: Value) -> Vec<(String, String)> {
        let validator = jsonschema::validator_for(&schema).expect("test schema");
        validator
            .iter_errors(&instance)
            .flat_map(|e| reported(&e, &schema))
            .map(|e| (e.instance_path, e.message))
            .collect()
    }

    #[test]
    fn leaf_kinds_are_reported_in_the_catalogue_words() {
        assert_eq!(
            messages(json!({"maxLength": 5}), json!("abcdefg")),
            [(
                String::new(),
                "expected at most 5 characters, found 7".to_string()
            )]
        );
        assert_eq!(
            messages(json!({"type": ["string", "null"]}), json!(1))[0].1,
            "expected null or string, found integer"
        );
        assert_eq!(
            messages(json!({"required": ["a"]}), json!({}))[0].1,
            "expected required property \"a\", found none"
        );
        assert_eq!(
            messages(json!({"dependentRequired": {"a": ["b"]}}), json!({"a": 1}))[0].1,
            "expected property \"b\", required when \"a\" is present, found none"
        );
        assert_eq!(
            messages(json!({"multipleOf": 2}), json!(3))[0].1,
            "expected a multiple of 2, found a number that is not"
        );
        assert_eq!(
            messages(json!({"multipleOf": 2.0}), json!(3))[0].1,
            "expected a multiple of 2.0, found a number that is not"
        );
    }

    #[test]
    fn combinators_count_alternatives_and_matches() {
        let schema = json!({"oneOf": [{"type": "integer"}, {"minimum": 0}, true]});
        assert_eq!(
            messages(schema, json!(5))[0].1,
            "expected a value valid against exactly one of 3 alternatives, found 3"
        );
        let schema = json!({"anyOf": [{"type": "integer"}, {"type": "null"}]});
        assert_eq!(
            messages(schema, json!("x"))[0].1,
            "expected a value valid against at least one of 2 alternatives, found none"
        );
    }

    #[test]
    fn each_error_inside_content_is_reported_at_the_string() {
        let schema = json!({
            "contentMediaType": "application/json",
            "contentSchema": {"required": ["a", "b"]}
        });
        let options = crate::reference_content::with_content_assertion(
            jsonschema::options().with_draft(jsonschema::Draft::Draft202012),
            &schema,
        );
        let validator = options.build(&schema).expect("test schema");
        let found: Vec<String> = validator
            .iter_errors(&json!("{}"))
            .flat_map(|e| reported(&e, &schema))
            .map(|e| e.message)
            .collect();
        assert_eq!(
            found,
            [
                "embedded JSON at (root): expected required property \"a\", found none",
                "embedded JSON at (root): expected required property \"b\", found none"
            ]
        );
    }

    #[test]
    fn additional_properties_are_reported_at_each_member() {
        let schema = json!({"properties": {"a": true}, "additionalProperties": false});
        assert_eq!(
            messages(schema, json!({"a": 1, "b/c": "x"})),
            [(
                "/b~1c".to_string(),
                "expected no value here (the schema is false), found string".to_string()
            )]
        );
    }
}
