//! Which 2020-12 vocabularies a schema's dialect turns on. A schema whose `$schema` names a
//! custom meta-schema gets the vocabularies that meta-schema's `$vocabulary` lists; keywords of
//! vocabularies it leaves out are not assertions there.

use serde_json::{Map, Value};

use crate::error::{json_type, Error, Result};
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
    if crate::schema::Uri::parse(&uri).is_err() {
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

/// Refuses a resource, reached while lowering a message in the dialect `current`, whose own
/// `$schema` names another dialect: every keyword of it would be read in the message's
/// dialect, a silently different check. A historic draft (draft-07, 2019-09, ...) is refused
/// by [`vocabularies_of`] itself; a 2020-12 meta-schema turning on other vocabularies is
/// refused here. A resource naming the message's own dialect, or none, is lowered as usual.
pub fn check_resource_dialect(
    registry: &mut Registry,
    at: &SchemaRef,
    current: Vocabularies,
) -> Result<()> {
    let Some(Value::Object(map)) = registry.value(at) else {
        return Ok(());
    };
    let is_resource_root = at.pointer.is_empty() || map.contains_key("$id");
    // 2020-12 reads `$schema` only at a resource root (it MUST NOT appear elsewhere): one in
    // a plain subschema would be ignored, a dialect silently not applied.
    if !is_resource_root && map.contains_key("$schema") {
        return Err(Error::schema(
            &registry.location(at).join("$schema"),
            "`$schema` is read only at a resource root (the document, or a subschema with its \
             own `$id`), so here it would be ignored: move it there or give this subschema an `$id`",
        ));
    }
    let Some(declared) = map.get("$schema").cloned() else {
        return Ok(());
    };
    if vocabularies_of(registry, at)? == current {
        return Ok(());
    }
    Err(Error::unsupported(
        &registry.location(at).join("$schema"),
        "$schema",
        format!(
            "this resource's meta-schema {declared} turns on other vocabularies than the \
             dialect of the schema that reaches it; one message is generated in one dialect"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::keywords::testing::{lowering_error, program};

    const DRAFT_07: &str = "http://json-schema.org/draft-07/schema#";

    #[test]
    fn a_ref_into_a_resource_of_a_historic_draft_is_refused_where_it_says_so() {
        let error = lowering_error(json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$defs": {"old": {"$id": "old.json", "$schema": DRAFT_07, "items": [{"type": "string"}]}},
            "properties": {"p": {"$ref": "old.json"}}
        }));
        assert!(
            error.starts_with("sample/message.schema.json#/$defs/old/$schema: "),
            "{error}"
        );
        assert!(error.contains(DRAFT_07), "{error}");
    }

    #[test]
    fn a_schema_keyword_outside_a_resource_root_is_refused_where_it_is() {
        for declared in [
            json!("https://json-schema.org/draft/2020-12/schema"),
            json!(5),
        ] {
            let error = lowering_error(json!({
                "type": "object",
                "properties": {"a": {"$schema": declared, "type": "string"}}
            }));
            assert!(
                error.starts_with("sample/message.schema.json#/properties/a/$schema: "),
                "{error}"
            );
            assert!(error.contains("resource root"), "{error}");
        }
        // With its own `$id` the subschema is a resource: its `$schema` is read.
        let _ = program(json!({
            "properties": {"a": {"$id": "a.json", "$schema": "https://json-schema.org/draft/2020-12/schema"}}
        }));
    }

    #[test]
    fn a_ref_into_another_file_of_a_historic_draft_is_refused_in_that_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("sample")).unwrap();
        std::fs::write(
            dir.path().join("sample/message.schema.json"),
            json!({"$ref": "../old.json"}).to_string(),
        )
        .unwrap();
        let old =
            json!({"$schema": "https://json-schema.org/draft/2019-09/schema", "type": "array"});
        std::fs::write(dir.path().join("old.json"), old.to_string()).unwrap();
        let Err(error) = crate::load(&crate::Options::new(dir.path())) else {
            panic!("a $ref into a draft 2019-09 file was generated");
        };
        let error = error.to_string();
        assert!(error.starts_with("old.json#/$schema: "), "{error}");
        assert!(error.contains("draft/2019-09"), "{error}");
    }

    #[test]
    fn a_ref_into_a_resource_of_another_2020_12_dialect_is_refused() {
        let error = lowering_error(json!({
            "$defs": {
                "meta": {
                    "$id": "https://example.com/no-validation",
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "$vocabulary": {
                        "https://json-schema.org/draft/2020-12/vocab/core": true,
                        "https://json-schema.org/draft/2020-12/vocab/applicator": true
                    }
                },
                "loose": {"$id": "loose.json", "$schema": "https://example.com/no-validation", "type": "string"}
            },
            "properties": {"p": {"$ref": "loose.json"}}
        }));
        assert!(
            error.starts_with("sample/message.schema.json#/$defs/loose/$schema: "),
            "{error}"
        );
        assert!(
            error.contains("https://example.com/no-validation"),
            "{error}"
        );
    }

    #[test]
    fn a_ref_into_a_resource_naming_the_same_dialect_is_generated() {
        let program = program(json!({
            "$defs": {"same": {
                "$id": "same.json",
                "$schema": "https://json-schema.org/draft/2020-12/schema#",
                "type": "string"
            }},
            "properties": {"p": {"$ref": "same.json"}}
        }));
        assert!(program.functions.len() >= 2, "{program:?}");
    }
}
