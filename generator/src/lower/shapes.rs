//! What the type space needs to know about a schema location, recorded while the location is
//! lowered into the check program: its declared JSON types, values, members, items, the
//! resolved `$ref` target and its documentation. The type space (`lower::types`) is built from
//! these shapes alone, so the schema is read and `$ref` resolved once.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::schema::{Resolved, SchemaRef};

/// The shape of every schema object lowered in the run (booleans have none: they type as the
/// JSON value).
pub type Shapes = BTreeMap<SchemaRef, Shape>;

/// The keywords of one schema object that decide its type, as the schema writes them (the
/// type space follows the schema even where a vocabulary turns a keyword's check off).
#[derive(Debug, Clone)]
pub struct Shape {
    /// `type`, as names (one or a list).
    pub types: Vec<String>,
    /// The target of `$ref`, when there is one.
    pub reference: Option<Resolved>,
    /// The schema says enough about its own shape next to its `$ref` that the reference
    /// alone does not decide the type.
    pub own_type: bool,
    pub constant: Option<Value>,
    /// `enum`, when it is an array.
    pub values: Option<Vec<Value>>,
    /// `contentMediaType: application/json`, `contentEncoding` and `contentSchema` present.
    pub json_content: bool,
    pub content_encoding: bool,
    pub content_schema: bool,
    pub prefix_items: bool,
    /// `items` is a schema object.
    pub items: bool,
    /// The names of `properties`, in schema order.
    pub properties: Vec<String>,
    /// `additionalProperties` is a schema object.
    pub additional_properties: bool,
    pub required: Vec<String>,
    /// `oneOf` (else `anyOf`) and its number of branches.
    pub alternatives: Option<(&'static str, usize)>,
    /// `allOf` has exactly one part.
    pub single_all_of: bool,
    /// The bounds keep an integer within 64 bits.
    pub bounded_to_i64: bool,
    /// The documentation of a type or field: its description, else its title.
    pub doc: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
}

impl Shape {
    /// The shape of the schema object `map`; `reference` is its resolved `$ref`.
    pub fn read(map: &Map<String, Value>, reference: Option<Resolved>) -> Shape {
        let text = |keyword: &str| {
            map.get(keyword)
                .and_then(Value::as_str)
                .and_then(super::docs::doc_text)
        };
        let strings = |keyword: &str| -> Vec<String> {
            match map.get(keyword) {
                Some(Value::Array(list)) => list
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            }
        };
        let types = match map.get("type") {
            Some(Value::String(t)) => vec![t.clone()],
            _ => strings("type"),
        };
        let alternatives = ["oneOf", "anyOf"].into_iter().find_map(|keyword| {
            map.get(keyword)
                .and_then(Value::as_array)
                .map(|branches| (keyword, branches.len()))
        });
        Shape {
            types,
            reference,
            own_type: OWN_TYPE.iter().any(|k| map.contains_key(*k)),
            constant: map.get("const").cloned(),
            values: map.get("enum").and_then(Value::as_array).cloned(),
            json_content: map.get("contentMediaType").and_then(Value::as_str)
                == Some("application/json"),
            content_encoding: map.contains_key("contentEncoding"),
            content_schema: map.contains_key("contentSchema"),
            prefix_items: map.contains_key("prefixItems"),
            items: map.get("items").is_some_and(Value::is_object),
            properties: match map.get("properties") {
                Some(Value::Object(p)) => p.keys().cloned().collect(),
                _ => Vec::new(),
            },
            additional_properties: map
                .get("additionalProperties")
                .is_some_and(Value::is_object),
            required: strings("required"),
            alternatives,
            single_all_of: map
                .get("allOf")
                .and_then(Value::as_array)
                .is_some_and(|parts| parts.len() == 1),
            bounded_to_i64: bounded_to_i64(map),
            doc: map
                .get("description")
                .or_else(|| map.get("title"))
                .and_then(Value::as_str)
                .and_then(super::docs::doc_text),
            title: text("title"),
            description: text("description"),
        }
    }
}

/// Keywords that give a schema its own shape next to a `$ref`.
const OWN_TYPE: &[&str] = &[
    "type",
    "properties",
    "enum",
    "const",
    "items",
    "oneOf",
    "anyOf",
    "allOf",
];

/// Whether `minimum`/`exclusiveMinimum` and `maximum`/`exclusiveMaximum` keep an integer
/// within 64 bits, so it can be an `i64` / `Long`.
fn bounded_to_i64(map: &Map<String, Value>) -> bool {
    let bound = |keys: [&str; 2]| {
        keys.iter()
            .filter_map(|k| map.get(*k).and_then(Value::as_f64))
            .any(|f| f.abs() < 9.0e18)
    };
    bound(["minimum", "exclusiveMinimum"]) && bound(["maximum", "exclusiveMaximum"])
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::Shape;

    fn shape(schema: serde_json::Value) -> Shape {
        match schema {
            serde_json::Value::Object(map) => Shape::read(&map, None),
            other => panic!("a schema object expected: {other}"),
        }
    }

    #[test]
    fn documentation_is_the_description_else_the_title() {
        let both = shape(json!({"title": "T", "description": "D"}));
        assert_eq!(both.doc.as_deref(), Some("D"));
        assert_eq!(both.title.as_deref(), Some("T"));
        assert_eq!(shape(json!({"title": "T"})).doc.as_deref(), Some("T"));
        // A description that is no text hides the title, as it does for the schema's reader.
        assert_eq!(shape(json!({"title": "T", "description": 1})).doc, None);
    }

    #[test]
    fn members_items_and_alternatives_as_the_type_space_reads_them() {
        let object = shape(json!({
            "type": ["object", "null"],
            "properties": {"b": true, "a": {}},
            "required": ["a", 1],
            "additionalProperties": false,
            "anyOf": [{}, {}],
            "oneOf": [{}]
        }));
        assert_eq!(object.types, vec!["object", "null"]);
        assert_eq!(object.properties, vec!["b", "a"]);
        assert_eq!(object.required, vec!["a"]);
        // `false` is no schema object: the map's values stay open.
        assert!(!object.additional_properties);
        assert_eq!(object.alternatives, Some(("oneOf", 1)));
        assert!(object.own_type);
        let array = shape(json!({"items": {"type": "string"}, "minimum": 0, "maximum": 9}));
        assert!(array.items && !array.prefix_items);
        assert!(!shape(json!({"$ref": "#/$defs/a", "description": "d"})).own_type);
        assert!(array.bounded_to_i64);
        assert!(!shape(json!({"minimum": 0})).bounded_to_i64);
    }
}
