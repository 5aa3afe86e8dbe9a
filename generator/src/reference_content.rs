//! Content assertion for the reference validator. The `jsonschema` crate treats
//! `contentMediaType`/`contentSchema` as annotations in 2020-12; our contracts assert them
//! (a signature payload is JSON with its fields), so the baseline gets a custom keyword that
//! parses the string and validates it against `contentSchema`, resolved in the same document.

use std::sync::Arc;

use jsonschema::{Keyword, ValidationError, ValidationOptions};
use serde_json::{Map, Value};

use crate::messages::MessageId;

struct ContentKeyword {
    base64: bool,
    inner: Option<Arc<jsonschema::Validator>>,
    /// The inner validator's schema document, for messages that quote it.
    document: Arc<Value>,
}

impl ContentKeyword {
    fn check(&self, instance: &Value) -> Result<(), String> {
        let Some(text) = instance.as_str() else {
            return Ok(());
        };
        let decoded;
        let text = if self.base64 {
            use base64::Engine as _;
            decoded = base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|_| MessageId::ContentNotBase64.render(&[]))?;
            std::str::from_utf8(&decoded).map_err(|_| MessageId::ContentNotUtf8.render(&[]))?
        } else {
            text
        };
        // The parser's own text would differ from the generated validators': the catalogue's.
        // Read as strictly as the generated validators read it (the runtime's one reader).
        use contractgen_runtime::__private::{parse_strict, StrictError};
        let parsed: Value = parse_strict(text.as_bytes()).map_err(|e| match e {
            StrictError::Json(_) => MessageId::ContentNotJson.render(&[]),
            StrictError::Refused(refusal) => embedded(&refusal.pointer, refusal.message),
        })?;
        if let Some(inner) = &self.inner {
            let errors: Vec<String> =
                crate::reference_messages::errors(inner, &self.document, &parsed)
                    .into_iter()
                    .map(|e| embedded(&e.instance_path, &e.message))
                    .collect();
            if !errors.is_empty() {
                // One line per inner error; `reference_messages` splits them again, so the CLI
                // reports each at the string, as the generated validators do.
                return Err(errors.join("\n"));
            }
        }
        Ok(())
    }
}

/// An error inside embedded JSON in the catalogue's words; its root is `(root)`.
fn embedded(pointer: &str, message: &str) -> String {
    let at = crate::reference_messages::display_pointer(pointer);
    MessageId::ContentInvalid.render(&[("pointer", at), ("message", message)])
}

impl<'i> Keyword<'i> for ContentKeyword {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        self.check(instance).map_err(ValidationError::custom)
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.check(instance).is_ok()
    }
}

/// Registers `contentMediaType` as an asserting keyword. `root` is the whole schema document,
/// so a `contentSchema` that refers to `#/$defs/...` resolves as it does in the generator.
pub fn with_content_assertion<'o>(
    options: ValidationOptions<'o>,
    root: &Value,
) -> ValidationOptions<'o> {
    let root = root.clone();
    options.with_keyword(
        "contentMediaType",
        move |parent: &Map<String, Value>, value: &Value, _path| {
            let media_type = value.as_str().unwrap_or_default();
            if media_type != "application/json" && !media_type.ends_with("+json") {
                return Err(ValidationError::custom(format!(
                    "contentMediaType {value} cannot be asserted"
                )));
            }
            let base64 = parent.get("contentEncoding").and_then(Value::as_str) == Some("base64");
            let (inner, document) = match parent.get("contentSchema") {
                None => (None, Value::Null),
                Some(schema) => {
                    let (validator, document) = inner_validator(schema, &root)
                        .map_err(|e| ValidationError::custom(format!("contentSchema: {e}")))?;
                    (Some(Arc::new(validator)), document)
                }
            };
            let document = Arc::new(document);
            Ok(Box::new(ContentKeyword {
                base64,
                inner,
                document,
            }) as Box<dyn for<'i> Keyword<'i>>)
        },
    )
}

/// A validator for a `contentSchema`, with the document's `$defs` and `$id` in scope, and the
/// document it validates against.
fn inner_validator(schema: &Value, root: &Value) -> Result<(jsonschema::Validator, Value), String> {
    let mut document = match schema {
        Value::Object(map) => map.clone(),
        Value::Bool(true) => Map::new(),
        other => {
            let validator = jsonschema::validator_for(other).map_err(|e| e.to_string())?;
            return Ok((validator, other.clone()));
        }
    };
    for keyword in ["$defs", "$id", "$schema"] {
        if let Some(value) = root.get(keyword) {
            document
                .entry(keyword.to_string())
                .or_insert_with(|| value.clone());
        }
    }
    let document = Value::Object(document);
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&document)
        .map_err(|e| e.to_string())?;
    Ok((validator, document))
}
