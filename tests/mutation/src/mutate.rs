//! The mutations: each is a named kind that rewrites one suite schema into a hostile one. A
//! mutation picks a subschema (found by walking only keywords that hold subschemas, so it never
//! rewrites data such as `const` values) and changes it.

use contractgen::schema::schema_children;
use serde_json::{json, Map, Value};

use crate::rng::Rng;

/// Every kind, in the order cases cycle through them.
pub const KINDS: &[&str] = &[
    "swap-values",
    "wrong-type",
    "deep-nesting",
    "odd-ref",
    "invalid-regex",
    "reserved-name",
    "case-collision",
    "empty-name",
    "control-chars",
];

/// Names that are keywords or common types in Rust or Kotlin, or names the generated code uses.
const RESERVED: &[&str] = &[
    "type",
    "fn",
    "Self",
    "self",
    "object",
    "when",
    "String",
    "Vec",
    "Box",
    "List",
    "Map",
    "Any",
    "Unit",
    "crate",
    "super",
    "match",
    "impl",
    "Option",
    "Result",
    "Some",
    "None",
    "Ok",
    "Err",
    "val",
    "var",
    "fun",
    "class",
    "in",
    "is",
    "null",
    "true",
    "false",
    "Int",
    "Long",
    "Boolean",
    "Companion",
    "serializer",
    "extra",
    "Serializable",
    "Value",
    "validate",
    "Request",
    "Number",
    "core",
    "std",
    "r#type",
    "_",
    "dyn",
    "async",
    "await",
    "typealias",
    "interface",
    "Nothing",
];

/// Groups of names that differ only in case or punctuation.
const LOOKALIKES: &[&[&str]] = &[
    &[
        "fooBar", "foo_bar", "FooBar", "foo-bar", "foo bar", "FOO_BAR", "foo.bar", "foo__bar",
    ],
    &["a", "A", "_a", "a_", "a-"],
    &["id", "ID", "Id", "i_d", "$id"],
    &["type", "Type", "TYPE", "type_", "r#type"],
];

const EMPTY_NAMES: &[&str] = &[
    "", " ", "_", "__", "0", "1a", "-", "$", "~", "/", "é", "💥", "\t",
];

const ODD_TEXTS: &[&str] = &[
    "line\rbreak",
    "crlf\r\nend",
    "nul\u{0}byte",
    "escape \u{1b}[31mred",
    "comment */ closed",
    "/* opened",
    "triple \"\"\" quotes",
    "template ${x} and $y",
    "backslash \\u0041 \\",
    "separator \u{2028} and \u{2029}",
    "tab\tbell\u{7}",
    "unicode 💥 \u{feff}",
    "",
];

const BAD_PATTERNS: &[&str] = &[
    "(",
    "[",
    "a{2,1}",
    "\\",
    "(?<=a)b",
    "(a)\\1",
    "\\p{Nope}",
    "*",
    "[z-a]",
    "(?P<n>a)",
    "\\u12",
    "a{99999}",
    "(?i)a",
    "[[:alpha:]]",
    "\\k<n>",
    "]",
];

const ODD_REFS: &[&str] = &[
    "#",
    "",
    "#/$defs/missing",
    "#/properties",
    "#/type",
    "#/$defs",
    "#/allOf/0",
    "#/allOf/99",
    "#anchor_nowhere",
    "other.json",
    "#/%25",
    "#/~2",
    "http://localhost:1234/nope.json",
    "https://json-schema.org/draft/2020-12/schema",
    "https://json-schema.org/draft/2020-12/meta/core#/$defs/anchorString",
    "urn:nowhere",
    "#/const",
];

/// Values of every JSON type, for the `wrong-type` kind.
fn odd_value(rng: &mut Rng) -> Value {
    let values = [
        Value::Null,
        json!(true),
        json!(false),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(1e308),
        json!(18446744073709551616u128 as f64),
        json!("x"),
        json!(""),
        json!([]),
        json!([1, "a"]),
        json!({}),
        json!({"a": 1}),
        json!(["string", "string"]),
    ];
    rng.pick(&values).clone()
}

/// Applies the kind `kind` to `schema`, returning a one-line description of what changed.
pub fn mutate(schema: &mut Value, kind: &str, rng: &mut Rng, keywords: &[String]) -> String {
    match kind {
        "swap-values" => swap_values(schema, rng, keywords),
        "wrong-type" => wrong_type(schema, rng, keywords),
        "deep-nesting" => deep_nesting(schema, rng),
        "odd-ref" => odd_ref(schema, rng),
        "invalid-regex" => invalid_regex(schema, rng),
        "reserved-name" => named(schema, rng, RESERVED, 1, 3),
        "case-collision" => {
            let group = *rng.pick(LOOKALIKES);
            named(schema, rng, group, 2, 4)
        }
        "empty-name" => named(schema, rng, EMPTY_NAMES, 1, 2),
        "control-chars" => control_chars(schema, rng),
        _ => format!("unknown kind {kind}"),
    }
}

/// JSON pointers of every subschema, the root first.
pub fn subschemas(schema: &Value) -> Vec<String> {
    let mut found = Vec::new();
    collect(schema, String::new(), &mut found, 0);
    found
}

fn collect(value: &Value, pointer: String, found: &mut Vec<String>, depth: usize) {
    // Deeply nested inputs are the nesting kind's job; a bound keeps this walk itself safe.
    if depth > 64 || !(value.is_object() || value.is_boolean()) {
        return;
    }
    found.push(pointer.clone());
    for child in schema_children(value) {
        let mut at = pointer.clone();
        for token in &child.tokens {
            at.push('/');
            at.push_str(&escape(token));
        }
        collect(child.value, at, found, depth + 1);
    }
}

/// Every keyword used by some subschema of `schemas`: the pool mutations put values under.
pub fn keywords_of<'a>(schemas: impl Iterator<Item = &'a Value>) -> Vec<String> {
    let mut keywords = std::collections::BTreeSet::new();
    for schema in schemas {
        for pointer in subschemas(schema) {
            if let Some(Value::Object(map)) = schema.pointer(&pointer) {
                keywords.extend(map.keys().cloned());
            }
        }
    }
    keywords.into_iter().collect()
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// A random subschema as an object (a boolean schema becomes `{}` or `{"not": {}}`).
fn pick_object<'a>(schema: &'a mut Value, rng: &mut Rng) -> (String, &'a mut Map<String, Value>) {
    let pointers = subschemas(schema);
    let pointer = if pointers.is_empty() {
        String::new()
    } else {
        rng.pick(&pointers).clone()
    };
    let pointer = if schema.pointer(&pointer).is_some() {
        pointer
    } else {
        String::new()
    };
    let Some(target) = schema.pointer_mut(&pointer) else {
        unreachable!("the pointer was just resolved, and the empty pointer always is")
    };
    if let Value::Bool(b) = target {
        *target = if *b { json!({}) } else { json!({"not": {}}) };
    }
    if !target.is_object() {
        *target = json!({});
    }
    match target {
        Value::Object(map) => (pointer, map),
        _ => unreachable!("the target was just made an object"),
    }
}

fn swap_values(schema: &mut Value, rng: &mut Rng, keywords: &[String]) -> String {
    let (pointer, map) = pick_object(schema, rng);
    let keys: Vec<String> = map.keys().cloned().collect();
    if keys.len() >= 2 {
        let a = rng.below(keys.len());
        let b = (a + 1 + rng.below(keys.len() - 1)) % keys.len();
        let va = map.get(&keys[a]).cloned().unwrap_or(Value::Null);
        let vb = map.get(&keys[b]).cloned().unwrap_or(Value::Null);
        map.insert(keys[a].clone(), vb);
        map.insert(keys[b].clone(), va);
        return format!(
            "{pointer}: swapped the values of {} and {}",
            keys[a], keys[b]
        );
    }
    // One keyword or none: give another keyword the value (or an empty one).
    let from = keys.first().cloned();
    let value = from
        .as_ref()
        .and_then(|k| map.get(k).cloned())
        .unwrap_or(json!({}));
    // Another keyword than the one the value came from, so the schema changes.
    let others: Vec<&String> = keywords
        .iter()
        .filter(|k| Some(*k) != from.as_ref())
        .collect();
    let to = if others.is_empty() {
        "not".to_string()
    } else {
        rng.pick(&others).to_string()
    };
    map.insert(to.clone(), value);
    format!(
        "{pointer}: copied the value of {} into {to}",
        from.unwrap_or_else(|| "nothing".to_string())
    )
}

fn wrong_type(schema: &mut Value, rng: &mut Rng, keywords: &[String]) -> String {
    let value = odd_value(rng);
    let (pointer, map) = pick_object(schema, rng);
    let keyword = if !map.is_empty() && rng.chance(70) {
        let keys: Vec<String> = map.keys().cloned().collect();
        rng.pick(&keys).clone()
    } else {
        rng.pick(keywords).clone()
    };
    let text = value.to_string();
    map.insert(keyword.clone(), value);
    format!("{pointer}/{keyword}: set to {text}")
}

fn deep_nesting(schema: &mut Value, rng: &mut Rng) -> String {
    let depth = match rng.below(10) {
        0 => rng.between(500, 3000),
        1..=3 => rng.between(100, 300),
        _ => rng.between(20, 99),
    };
    let wrappers = [
        "not",
        "items",
        "allOf",
        "anyOf",
        "oneOf",
        "properties",
        "additionalProperties",
        "contains",
        "then",
        "$defs",
        "prefixItems",
        "dependentSchemas",
    ];
    let wrapper = *rng.pick(&wrappers);
    let mut inner = schema.take();
    for _ in 0..depth {
        inner = match wrapper {
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => json!({ wrapper: [inner] }),
            "properties" | "dependentSchemas" => json!({ wrapper: { "p": inner } }),
            "then" => json!({ "if": true, "then": inner }),
            // Definitions are reached through a reference, so nesting stays on the path.
            "$defs" => json!({ "$defs": { "d": inner }, "$ref": "#/$defs/d" }),
            _ => json!({ wrapper: inner }),
        };
    }
    *schema = inner;
    format!("wrapped in {depth} levels of {wrapper}")
}

fn odd_ref(schema: &mut Value, rng: &mut Rng) -> String {
    let choice = rng.below(4);
    let (pointer, map) = pick_object(schema, rng);
    match choice {
        0 => {
            let reference = *rng.pick(ODD_REFS);
            map.insert("$ref".to_string(), json!(reference));
            format!("{pointer}/$ref: {reference:?}")
        }
        1 => {
            // A reference to itself, or to the subschema that holds it.
            let reference = format!("#{pointer}");
            map.insert("$ref".to_string(), json!(reference));
            format!("{pointer}/$ref: to itself")
        }
        2 => {
            map.insert(
                "allOf".to_string(),
                json!([{ "$ref": format!("#{pointer}") }]),
            );
            format!("{pointer}/allOf: a reference back to {pointer:?}")
        }
        _ => {
            let defs = json!({ "a": { "$ref": "#/$defs/b" }, "b": { "$ref": "#/$defs/a" } });
            if let Value::Object(root) = schema {
                root.insert("$defs".to_string(), defs);
            } else {
                *schema = json!({ "$defs": defs });
            }
            if let Value::Object(root) = schema {
                root.insert("$ref".to_string(), json!("#/$defs/a"));
            }
            "a $defs cycle a -> b -> a reached from the root".to_string()
        }
    }
}

fn invalid_regex(schema: &mut Value, rng: &mut Rng) -> String {
    let pattern = *rng.pick(BAD_PATTERNS);
    let as_key = rng.chance(40);
    let (pointer, map) = pick_object(schema, rng);
    if as_key {
        map.insert(
            "patternProperties".to_string(),
            json!({ pattern: { "type": "string" } }),
        );
        format!("{pointer}/patternProperties: key {pattern:?}")
    } else {
        map.insert("pattern".to_string(), json!(pattern));
        format!("{pointer}/pattern: {pattern:?}")
    }
}

/// Puts names from `pool` where names become identifiers: property names, definition names
/// (reached by `$ref`), enum values and titles.
fn named(schema: &mut Value, rng: &mut Rng, pool: &[&str], low: usize, high: usize) -> String {
    let count = rng.between(low, high.min(pool.len()));
    let mut names: Vec<&str> = Vec::new();
    while names.len() < count {
        let name = *rng.pick(pool);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let place = rng.below(5);
    let (pointer, map) = pick_object(schema, rng);
    match place {
        0 => {
            let mut properties = Map::new();
            for (i, name) in names.iter().enumerate() {
                let sub = match i % 3 {
                    0 => json!({ "type": "string" }),
                    1 => json!({ "type": "object", "properties": { "x": { "type": "integer" } } }),
                    _ => json!({ "enum": ["a", "b"] }),
                };
                properties.insert(name.to_string(), sub);
            }
            map.insert("type".to_string(), json!("object"));
            map.insert("properties".to_string(), Value::Object(properties));
            map.insert("required".to_string(), json!(names));
            format!("{pointer}/properties: {names:?}")
        }
        1 => {
            let mut defs = Map::new();
            let mut refs = Map::new();
            for name in &names {
                defs.insert(
                    name.to_string(),
                    json!({ "type": "object", "properties": { "v": { "type": "string" } } }),
                );
                refs.insert(
                    format!("p{}", refs.len()),
                    json!({ "$ref": format!("#/$defs/{}", escape(name).replace('%', "%25")) }),
                );
            }
            if let Value::Object(root) = schema {
                root.insert("$defs".to_string(), Value::Object(defs));
                root.insert("type".to_string(), json!("object"));
                root.insert("properties".to_string(), Value::Object(refs));
            }
            format!("$defs: {names:?} used by properties")
        }
        2 => {
            map.insert("type".to_string(), json!("string"));
            map.insert("enum".to_string(), json!(names));
            format!("{pointer}/enum: {names:?}")
        }
        3 => {
            map.insert("title".to_string(), json!(names[0]));
            map.insert("type".to_string(), json!("object"));
            map.insert(
                "properties".to_string(),
                json!({ "inner": { "title": names[names.len() - 1], "type": "object", "properties": {"q": {"type": "boolean"}} } }),
            );
            format!("{pointer}/title: {:?}", names)
        }
        _ => {
            let branches: Vec<Value> = names
                .iter()
                .map(|name| json!({ "title": name, "type": "object", "required": [name], "properties": { *name: { "const": name } } }))
                .collect();
            map.insert("oneOf".to_string(), Value::Array(branches));
            format!("{pointer}/oneOf: branches titled {names:?}")
        }
    }
}

fn control_chars(schema: &mut Value, rng: &mut Rng) -> String {
    let text = *rng.pick(ODD_TEXTS);
    let keyword = *rng.pick(&["title", "description", "$comment"]);
    let with_type = rng.chance(50);
    let (pointer, map) = pick_object(schema, rng);
    map.insert(keyword.to_string(), json!(text));
    if with_type {
        // A type gives the text a declaration to document.
        map.insert("type".to_string(), json!("object"));
        map.insert(
            "properties".to_string(),
            json!({ "field": { "description": text, "type": "string" } }),
        );
    }
    format!("{pointer}/{keyword}: {text:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subschemas_skip_data() {
        let schema = json!({
            "properties": { "a": { "const": { "properties": { "no": {} } } } },
            "allOf": [true, { "not": {} }]
        });
        assert_eq!(
            subschemas(&schema),
            ["", "/properties/a", "/allOf/0", "/allOf/1", "/allOf/1/not"]
        );
    }

    /// Runs `body` on a thread whose stack holds values thousands of levels deep.
    fn with_deep_stack(body: impl FnOnce() + Send + 'static) {
        let worker = std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(body)
            .unwrap();
        worker.join().unwrap();
    }

    #[test]
    fn every_kind_changes_the_schema_and_is_deterministic() {
        with_deep_stack(every_kind_changes_the_schema);
    }

    fn every_kind_changes_the_schema() {
        for kind in KINDS {
            for case in 0..8 {
                let base = json!({ "type": "object", "properties": { "x": { "minimum": 1 } } });
                let mut a = base.clone();
                let mut b = base.clone();
                let keywords = keywords_of([&base].into_iter());
                let da = mutate(&mut a, kind, &mut Rng::for_case(1, case), &keywords);
                let db = mutate(&mut b, kind, &mut Rng::for_case(1, case), &keywords);
                assert_eq!((&a, &da), (&b, &db), "{kind} case {case}");
                assert_ne!(a, base, "{kind} case {case}: {da}");
            }
        }
    }

    #[test]
    fn deep_nesting_reaches_its_depth() {
        let mut schema = json!({ "type": "string" });
        let mut rng = Rng::for_case(5, 1);
        let description = deep_nesting(&mut schema, &mut rng);
        let depth: usize = description
            .split_whitespace()
            .nth(2)
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(depth >= 20, "{description}");
    }
}
