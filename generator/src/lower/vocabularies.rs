//! Which 2020-12 vocabularies a schema's dialect turns on. A schema whose `$schema` names a
//! custom meta-schema gets the vocabularies that meta-schema's `$vocabulary` lists; keywords of
//! vocabularies it leaves out are not assertions there.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::schema::{Registry, SchemaRef};

const STANDARD: &str = "https://json-schema.org/draft/2020-12/schema";
const VOCAB: &str = "https://json-schema.org/draft/2020-12/vocab/";

const VALIDATION: &[&str] = &[
    "type",
    "const",
    "enum",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxContains",
    "minContains",
    "maxProperties",
    "minProperties",
    "required",
    "dependentRequired",
];
const APPLICATOR: &[&str] = &[
    "prefixItems",
    "items",
    "contains",
    "additionalProperties",
    "properties",
    "patternProperties",
    "dependentSchemas",
    "propertyNames",
    "if",
    "then",
    "else",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
];
const UNEVALUATED: &[&str] = &["unevaluatedItems", "unevaluatedProperties"];
const CONTENT: &[&str] = &["contentEncoding", "contentMediaType", "contentSchema"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vocabularies {
    pub validation: bool,
    pub applicator: bool,
    pub unevaluated: bool,
    pub content: bool,
    /// The format-assertion vocabulary: `format` asserts whatever the settings say.
    pub format_assertion: bool,
}

impl Vocabularies {
    pub const ALL: Vocabularies = Vocabularies {
        validation: true,
        applicator: true,
        unevaluated: true,
        content: true,
        format_assertion: false,
    };

    /// A copy of a schema object without the keywords of vocabularies that are off.
    pub fn filter(&self, map: &Map<String, Value>) -> Map<String, Value> {
        let off = |keyword: &str| {
            (!self.validation && VALIDATION.contains(&keyword))
                || (!self.applicator && APPLICATOR.contains(&keyword))
                || (!self.unevaluated && UNEVALUATED.contains(&keyword))
                || (!self.content && CONTENT.contains(&keyword))
        };
        map.iter()
            .filter(|(k, _)| !off(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}

/// The vocabularies of the document at `root`, from its `$schema`. Only draft 2020-12 and
/// meta-schemas written in it are accepted.
pub fn vocabularies_of(registry: &mut Registry, root: &SchemaRef) -> Result<Vocabularies> {
    let Some(Value::Object(map)) = registry.value(root) else {
        return Ok(Vocabularies::ALL);
    };
    let at = registry.location(root).join("$schema");
    let uri = match map.get("$schema") {
        None => return Ok(Vocabularies::ALL),
        Some(Value::String(uri)) => uri.clone(),
        Some(other) => {
            return Err(Error::schema(
                &at,
                format!(
                    "expected the meta-schema's URI (a string), found {}",
                    json_type(other)
                ),
            ))
        }
    };
    if uri.trim_end_matches('#') == STANDARD {
        return Ok(Vocabularies::ALL);
    }
    // The spec requires an absolute URI; a relative one (`""` names the schema itself) would
    // make the schema its own meta-schema.
    if url::Url::parse(&uri).is_err() {
        return Err(Error::schema(
            &at,
            format!("expected an absolute URI naming a meta-schema, found {uri:?}"),
        ));
    }
    let base = registry
        .base_of(root)
        .ok_or_else(|| Error::schema(&at, "document has no base URI"))?;
    let meta = registry.resolve(&base, &uri, &at).map_err(|_| {
        Error::unsupported(
            &at,
            "$schema",
            format!("only draft 2020-12 ({STANDARD}) or a meta-schema written in it can be generated, not {uri}"),
        )
    })?;
    let Some(Value::Object(meta_map)) = registry.value(&meta.target).cloned() else {
        return Err(Error::schema(
            &at,
            format!("meta-schema {uri} is not a schema object"),
        ));
    };
    let meta_dialect = match meta_map.get("$schema") {
        None => STANDARD.to_string(),
        Some(Value::String(dialect)) => dialect.clone(),
        Some(other) => {
            return Err(Error::schema(
                &at,
                format!(
                    "expected meta-schema {uri:?} to name its own meta-schema by URI, found {}",
                    json_type(other)
                ),
            ))
        }
    };
    if meta_dialect.trim_end_matches('#') != STANDARD {
        return Err(Error::unsupported(
            &at,
            "$schema",
            format!("meta-schema {uri:?} is written in {meta_dialect:?}, not draft 2020-12"),
        ));
    }
    let Some(Value::Object(listed)) = meta_map.get("$vocabulary") else {
        return Ok(Vocabularies::ALL);
    };
    let mut vocabularies = Vocabularies {
        validation: false,
        applicator: false,
        unevaluated: false,
        content: false,
        format_assertion: false,
    };
    for (vocabulary, required) in listed {
        match vocabulary.strip_prefix(VOCAB) {
            Some("validation") => vocabularies.validation = true,
            Some("applicator") => vocabularies.applicator = true,
            Some("unevaluated") => vocabularies.unevaluated = true,
            Some("content") => vocabularies.content = true,
            Some("format-assertion") => vocabularies.format_assertion = true,
            Some("core" | "meta-data" | "format-annotation") => {}
            _ if required.as_bool() == Some(true) => {
                return Err(Error::unsupported(
                    &at,
                    "$schema",
                    format!("meta-schema {uri} requires vocabulary {vocabulary}, which the generator does not know"),
                ))
            }
            // An optional vocabulary the generator does not know is ignored, as the spec says.
            _ => {}
        }
    }
    Ok(vocabularies)
}

/// The JSON type of a value, with its article, as error messages name what was found.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
