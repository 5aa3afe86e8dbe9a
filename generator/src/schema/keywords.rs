//! Which keywords of draft 2020-12 hold subschemas, so a walk visits schemas and never data
//! (the value of `const`, `enum` or `examples` can look like a schema without being one).

use serde_json::Value;

/// One subschema position below a schema object, as a pointer suffix.
pub struct SchemaChild<'a> {
    pub tokens: Vec<String>,
    pub value: &'a Value,
}

const SINGLE: &[&str] = &[
    "additionalProperties",
    "propertyNames",
    "items",
    "contains",
    "not",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
];
const MAPS: &[&str] = &[
    "$defs",
    "definitions",
    "properties",
    "patternProperties",
    "dependentSchemas",
];
const ARRAYS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];

/// Every direct subschema of `schema` with the tokens that reach it.
pub fn schema_children(schema: &Value) -> Vec<SchemaChild<'_>> {
    let Value::Object(map) = schema else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in map {
        let key = key.as_str();
        if SINGLE.contains(&key) {
            out.push(SchemaChild {
                tokens: vec![key.to_string()],
                value,
            });
        } else if MAPS.contains(&key) {
            if let Value::Object(children) = value {
                for (name, child) in children {
                    out.push(SchemaChild {
                        tokens: vec![key.to_string(), name.clone()],
                        value: child,
                    });
                }
            }
        } else if ARRAYS.contains(&key) {
            if let Value::Array(children) = value {
                for (index, child) in children.iter().enumerate() {
                    out.push(SchemaChild {
                        tokens: vec![key.to_string(), index.to_string()],
                        value: child,
                    });
                }
            }
        }
    }
    out
}
