//! Seeded instances for differential testing: valid payloads changed by named kinds of mutation,
//! the ways real senders get a payload wrong (a field dropped or added, a type swapped, an enum
//! value changed, a boolean sent as `"yes"`, embedded JSON truncated or with a duplicated key,
//! unicode, huge strings, deep nesting). The same seed gives the same instances.

use serde_json::{Map, Value};

/// The seeded generator (`fastrand`'s wyrand): enough spread for choosing mutations, and the
/// same sequence on every platform (numbers are drawn as `u64`, never as the platform's `usize`),
/// so a failing case can be regenerated from its seed.
#[derive(Debug, Clone)]
pub struct Rng(fastrand::Rng);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(fastrand::Rng::with_seed(seed))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.u64(..)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0.u64(..n.max(1) as u64) as usize
    }

    /// True with probability `1 / n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            items.get(self.below(items.len()))
        }
    }
}

/// The kinds of mutation, each named in the corpus so a failure says what was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    DropField,
    AddField,
    SwapType,
    ChangeEnum,
    StringBoolean,
    EmbeddedTruncated,
    EmbeddedDuplicateKey,
    EmbeddedMutated,
    Unicode,
    HugeString,
    DeepNesting,
    ObjectForm,
}

pub const KINDS: &[Kind] = &[
    Kind::DropField,
    Kind::AddField,
    Kind::SwapType,
    Kind::ChangeEnum,
    Kind::StringBoolean,
    Kind::EmbeddedTruncated,
    Kind::EmbeddedDuplicateKey,
    Kind::EmbeddedMutated,
    Kind::Unicode,
    Kind::HugeString,
    Kind::DeepNesting,
    Kind::ObjectForm,
];

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::DropField => "drop_field",
            Kind::AddField => "add_field",
            Kind::SwapType => "swap_type",
            Kind::ChangeEnum => "change_enum",
            Kind::StringBoolean => "string_boolean",
            Kind::EmbeddedTruncated => "embedded_truncated",
            Kind::EmbeddedDuplicateKey => "embedded_duplicate_key",
            Kind::EmbeddedMutated => "embedded_mutated",
            Kind::Unicode => "unicode",
            Kind::HugeString => "huge_string",
            Kind::DeepNesting => "deep_nesting",
            Kind::ObjectForm => "object_form",
        }
    }
}

/// Nesting added by [`Kind::DeepNesting`] stays below this total depth: both generated
/// runtimes refuse documents deeper than 100 levels by design, which the schema alone does not.
const MAX_NESTING: usize = 90;

/// What the mutator draws on: the message's valid payloads and the strings its schema names
/// (`enum` and `const` values, property names), so changed enum values and added fields are
/// sometimes still valid, sometimes near misses.
#[derive(Debug, Clone)]
pub struct Seeds {
    pub bases: Vec<Value>,
    pub schema_strings: Vec<String>,
}

impl Seeds {
    pub fn new(bases: Vec<Value>, schema: &Value) -> Seeds {
        let mut schema_strings = Vec::new();
        collect_schema_strings(schema, &mut schema_strings);
        schema_strings.sort();
        schema_strings.dedup();
        Seeds {
            bases,
            schema_strings,
        }
    }
}

fn collect_schema_strings(schema: &Value, out: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("const", Value::String(s)) => out.push(s.clone()),
                    ("enum", Value::Array(items)) => {
                        out.extend(items.iter().filter_map(|i| i.as_str().map(String::from)))
                    }
                    ("properties", Value::Object(props)) => out.extend(props.keys().cloned()),
                    _ => {}
                }
                collect_schema_strings(value, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_schema_strings(i, out)),
        _ => {}
    }
}

/// One generated instance and the mutations that made it (empty: a valid payload as it is).
#[derive(Debug, Clone)]
pub struct Instance {
    pub value: Value,
    pub kinds: Vec<Kind>,
}

impl Instance {
    pub fn kinds_label(&self) -> String {
        if self.kinds.is_empty() {
            return "none".to_string();
        }
        let names: Vec<&str> = self.kinds.iter().map(|k| k.name()).collect();
        names.join("+")
    }
}

/// A new instance: a base payload with zero to three mutations. `None` when there is no base.
pub fn generate(rng: &mut Rng, seeds: &Seeds) -> Option<Instance> {
    let mut value = rng.pick(&seeds.bases)?.clone();
    let count = match rng.below(20) {
        0 => 0,
        1..=11 => 1,
        12..=17 => 2,
        _ => 3,
    };
    let mut kinds = Vec::new();
    for _ in 0..count {
        let kind = *rng.pick(KINDS)?;
        if apply(kind, &mut value, rng, seeds) {
            kinds.push(kind);
        }
    }
    Some(Instance { value, kinds })
}

/// A step from a value to one of its members or items.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// The path of every node in `value`, the root first.
fn paths(value: &Value) -> Vec<Vec<Step>> {
    fn walk(value: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        out.push(here.clone());
        match value {
            Value::Object(map) => {
                for (key, member) in map {
                    here.push(Step::Key(key.clone()));
                    walk(member, here, out);
                    here.pop();
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    here.push(Step::Index(i));
                    walk(item, here, out);
                    here.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

fn node_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |node, step| match step {
        Step::Key(key) => node.get_mut(key.as_str()),
        Step::Index(i) => node.get_mut(*i),
    })
}

fn node<'a>(value: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(value, |node, step| match step {
        Step::Key(key) => node.get(key.as_str()),
        Step::Index(i) => node.get(*i),
    })
}

/// A random node of `value` for which `fits` holds.
fn pick_node(rng: &mut Rng, value: &Value, fits: impl Fn(&Value) -> bool) -> Option<Vec<Step>> {
    let candidates: Vec<Vec<Step>> = paths(value)
        .into_iter()
        .filter(|p| node(value, p).is_some_and(&fits))
        .collect();
    rng.pick(&candidates).cloned()
}

/// The depth of `value`: a scalar is 1, each object or array level adds one.
fn depth(value: &Value) -> usize {
    match value {
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        _ => 1,
    }
}

/// Embedded JSON: a string whose text parses as an object or array.
fn embedded(value: &Value) -> Option<Value> {
    let text = value.as_str()?;
    match serde_json::from_str::<Value>(text) {
        Ok(inner @ (Value::Object(_) | Value::Array(_))) => Some(inner),
        _ => None,
    }
}

/// Applies one mutation; false when `value` has nothing it applies to.
pub fn apply(kind: Kind, value: &mut Value, rng: &mut Rng, seeds: &Seeds) -> bool {
    match kind {
        Kind::DropField => drop_field(value, rng),
        Kind::AddField => add_field(value, rng, seeds),
        Kind::SwapType => swap_type(value, rng),
        Kind::ChangeEnum => change_enum(value, rng, seeds),
        Kind::StringBoolean => string_boolean(value, rng),
        Kind::EmbeddedTruncated => embedded_truncated(value, rng),
        Kind::EmbeddedDuplicateKey => embedded_duplicate_key(value, rng),
        Kind::EmbeddedMutated => embedded_mutated(value, rng, seeds),
        Kind::Unicode => unicode(value, rng),
        Kind::HugeString => huge_string(value, rng),
        Kind::DeepNesting => deep_nesting(value, rng),
        Kind::ObjectForm => object_form(value, rng),
    }
}

fn drop_field(value: &mut Value, rng: &mut Rng) -> bool {
    let Some(path) = pick_node(rng, value, |v| v.as_object().is_some_and(|m| !m.is_empty())) else {
        return false;
    };
    let Some(Value::Object(map)) = node_mut(value, &path) else {
        return false;
    };
    let keys: Vec<String> = map.keys().cloned().collect();
    match rng.pick(&keys) {
        Some(key) => map.remove(key).is_some(),
        None => false,
    }
}

fn add_field(value: &mut Value, rng: &mut Rng, seeds: &Seeds) -> bool {
    let Some(path) = pick_node(rng, value, Value::is_object) else {
        return false;
    };
    // A name the schema uses (maybe a required one, or one from elsewhere), or a new one.
    let key = match rng.pick(&seeds.schema_strings) {
        Some(known) if rng.below(2) == 0 => known.clone(),
        _ => format!("extra{}", rng.below(1000)),
    };
    let member = scalar(rng);
    match node_mut(value, &path) {
        Some(Value::Object(map)) => {
            map.insert(key, member);
            true
        }
        _ => false,
    }
}

/// A random scalar, array or object, small.
fn scalar(rng: &mut Rng) -> Value {
    match rng.below(9) {
        0 => Value::Null,
        1 => Value::Bool(rng.one_in(2)),
        2 => Value::from(rng.below(1000) as i64 - 500),
        3 => serde_json::json!(rng.below(10_000) as f64 / 7.0),
        4 => Value::from(u64::MAX - rng.below(10) as u64),
        5 => Value::String(String::new()),
        6 => Value::String(format!("s{}", rng.below(100))),
        7 => Value::Array(vec![Value::from(1), Value::String("a".into())]),
        _ => {
            let mut map = Map::new();
            map.insert("k".into(), Value::from(rng.below(3)));
            Value::Object(map)
        }
    }
}

fn swap_type(value: &mut Value, rng: &mut Rng) -> bool {
    let Some(path) = pick_node(rng, value, |_| true) else {
        return false;
    };
    let Some(target) = node_mut(value, &path) else {
        return false;
    };
    // Draw until the type differs (a few tries keep it bounded).
    for _ in 0..8 {
        let replacement = scalar(rng);
        if std::mem::discriminant(&replacement) != std::mem::discriminant(target) {
            *target = replacement;
            return true;
        }
    }
    false
}

/// A string replaced by an object with that string as its one name, `{"LINKED": null}`: the
/// form in which serde's derived enums also accept a value, which the schema refuses.
fn object_form(value: &mut Value, rng: &mut Rng) -> bool {
    let Some(path) = pick_node(rng, value, Value::is_string) else {
        return false;
    };
    let Some(target) = node_mut(value, &path) else {
        return false;
    };
    let name = target.as_str().unwrap_or_default().to_string();
    let inner = if rng.one_in(2) {
        Value::Null
    } else {
        Value::String(name.clone())
    };
    *target = Value::Object(std::iter::once((name, inner)).collect());
    true
}

fn change_enum(value: &mut Value, rng: &mut Rng, seeds: &Seeds) -> bool {
    let Some(path) = pick_node(rng, value, Value::is_string) else {
        return false;
    };
    let Some(Value::String(text)) = node_mut(value, &path) else {
        return false;
    };
    let known = rng.pick(&seeds.schema_strings).cloned();
    *text = match (rng.below(5), known) {
        (0 | 1, Some(known)) => known,
        (2, _) => text.to_uppercase(),
        (3, _) => format!("{text} "),
        _ => {
            let mut changed: String = text.chars().skip(1).collect();
            changed.push('x');
            changed
        }
    };
    true
}

fn string_boolean(value: &mut Value, rng: &mut Rng) -> bool {
    // Prefer booleans; a payload without any gets some other leaf.
    let path = pick_node(rng, value, Value::is_boolean)
        .or_else(|| pick_node(rng, value, |v| !v.is_object() && !v.is_array()));
    let Some(path) = path else {
        return false;
    };
    let replacement = *rng
        .pick(&["yes", "no", "true", "false", "Y", "1", "0", "TRUE"])
        .unwrap_or(&"yes");
    let as_number = rng.one_in(4);
    match node_mut(value, &path) {
        Some(target) => {
            *target = if as_number {
                Value::from(rng.below(2))
            } else {
                Value::String(replacement.to_string())
            };
            true
        }
        None => false,
    }
}

fn embedded_truncated(value: &mut Value, rng: &mut Rng) -> bool {
    let Some(path) = pick_node(rng, value, |v| embedded(v).is_some()) else {
        return false;
    };
    let Some(Value::String(text)) = node_mut(value, &path) else {
        return false;
    };
    let chars: Vec<char> = text.chars().collect();
    let keep = rng.below(chars.len().max(1));
    *text = chars[..keep].iter().collect();
    true
}

fn embedded_duplicate_key(value: &mut Value, rng: &mut Rng) -> bool {
    let fits =
        |v: &Value| embedded(v).is_some_and(|e| e.as_object().is_some_and(|m| !m.is_empty()));
    let Some(path) = pick_node(rng, value, fits) else {
        return false;
    };
    let Some(target) = node_mut(value, &path) else {
        return false;
    };
    let Some(Value::Object(inner)) = embedded(target) else {
        return false;
    };
    let keys: Vec<&String> = inner.keys().collect();
    let Some(key) = rng.pick(&keys).map(|k| k.to_string()) else {
        return false;
    };
    // The same name again, with the same value or another one, ahead of the original members.
    let again = if rng.one_in(2) {
        inner.get(&key).cloned().unwrap_or(Value::Null)
    } else {
        scalar(rng)
    };
    let Some(Value::String(text)) = Some(&mut *target) else {
        return false;
    };
    let Some(open) = text.find('{') else {
        return false;
    };
    let member = format!("{}:{},", Value::String(key), again);
    text.insert_str(open + 1, &member);
    true
}

fn embedded_mutated(value: &mut Value, rng: &mut Rng, seeds: &Seeds) -> bool {
    let Some(path) = pick_node(rng, value, |v| embedded(v).is_some()) else {
        return false;
    };
    let Some(target) = node_mut(value, &path) else {
        return false;
    };
    let Some(mut inner) = embedded(target) else {
        return false;
    };
    let kinds = [
        Kind::DropField,
        Kind::AddField,
        Kind::SwapType,
        Kind::ChangeEnum,
        Kind::Unicode,
    ];
    let Some(kind) = rng.pick(&kinds).copied() else {
        return false;
    };
    if !apply(kind, &mut inner, rng, seeds) {
        return false;
    }
    *target = Value::String(inner.to_string());
    true
}

/// Texts that break naive handling: astral and combining characters, right-to-left marks,
/// control characters, the byte-order mark, look-alike digits and dashes.
const UNICODE: &[&str] = &[
    "ünïcödé",
    "日本語テキスト",
    "😀👍🏽",
    "e\u{301}",
    "\u{202E}abc",
    "\u{0}",
    "\u{1F}\u{7F}",
    "\u{FEFF}",
    "١٢٣",
    "f7443c1d\u{2011}9acb",
    "\u{10FFFF}",
];

fn unicode(value: &mut Value, rng: &mut Rng) -> bool {
    let text = *rng.pick(UNICODE).unwrap_or(&"ü");
    // Either a string value changes, or a member name does.
    if rng.one_in(3) {
        if let Some(path) = pick_node(rng, value, |v| v.as_object().is_some_and(|m| !m.is_empty()))
        {
            if let Some(Value::Object(map)) = node_mut(value, &path) {
                let keys: Vec<String> = map.keys().cloned().collect();
                if let Some(key) = rng.pick(&keys) {
                    if let Some(member) = map.remove(key) {
                        map.insert(format!("{key}{text}"), member);
                        return true;
                    }
                }
            }
        }
    }
    let Some(path) = pick_node(rng, value, Value::is_string) else {
        return false;
    };
    let Some(Value::String(target)) = node_mut(value, &path) else {
        return false;
    };
    match rng.below(3) {
        0 => *target = text.to_string(),
        1 => target.push_str(text),
        _ => target.insert_str(0, text),
    }
    true
}

fn huge_string(value: &mut Value, rng: &mut Rng) -> bool {
    let Some(path) = pick_node(rng, value, |v| !v.is_object() && !v.is_array()) else {
        return false;
    };
    let length = 1_000 + rng.below(15_000);
    let unit = *rng.pick(&["a", "0", "ü", "9f", "😀"]).unwrap_or(&"a");
    let huge = unit.repeat(length / unit.len().max(1));
    match node_mut(value, &path) {
        Some(target) => {
            *target = Value::String(huge);
            true
        }
        None => false,
    }
}

fn deep_nesting(value: &mut Value, rng: &mut Rng) -> bool {
    let total = depth(value);
    let Some(path) = pick_node(rng, value, |_| true) else {
        return false;
    };
    // Levels above the chosen node plus the levels wrapped around it stay under the limit.
    let room = MAX_NESTING.saturating_sub(total + 1);
    if room == 0 {
        return false;
    }
    let levels = 1 + rng.below(room);
    let in_objects = rng.one_in(2);
    let Some(target) = node_mut(value, &path) else {
        return false;
    };
    let mut wrapped = target.take();
    for _ in 0..levels {
        wrapped = if in_objects {
            let mut map = Map::new();
            map.insert("n".into(), wrapped);
            Value::Object(map)
        } else {
            Value::Array(vec![wrapped])
        };
    }
    *target = wrapped;
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn seeds() -> Seeds {
        let base = json!({"a": true, "s": "{\"k\":1,\"m\":\"x\"}", "o": {"n": [1, "two"]}});
        Seeds::new(vec![base], &json!({"enum": ["ONE", "TWO"], "const": "C"}))
    }

    #[test]
    fn same_seed_same_instances() {
        let seeds = seeds();
        let run = |seed| {
            let mut rng = Rng::new(seed);
            (0..50)
                .map(|_| generate(&mut rng, &seeds).map(|i| (i.kinds_label(), i.value)))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn every_kind_changes_the_base() {
        let seeds = seeds();
        for &kind in KINDS {
            let mut changed = 0;
            for seed in 0..20 {
                let mut rng = Rng::new(seed);
                let mut value = seeds.bases[0].clone();
                if apply(kind, &mut value, &mut rng, &seeds) && value != seeds.bases[0] {
                    changed += 1;
                }
            }
            assert!(changed > 0, "{} never changed the base", kind.name());
        }
    }

    #[test]
    fn duplicate_key_keeps_json_text_with_the_name_twice() {
        let seeds = seeds();
        let mut rng = Rng::new(1);
        let mut value = seeds.bases[0].clone();
        assert!(embedded_duplicate_key(&mut value, &mut rng));
        let text = value["s"].as_str().unwrap_or_default();
        assert!(serde_json::from_str::<Value>(text).is_ok(), "{text}");
        assert!(text.matches("\"k\"").count() == 2 || text.matches("\"m\"").count() == 2);
    }

    #[test]
    fn nesting_stays_under_the_runtime_limit() {
        let seeds = seeds();
        for seed in 0..200 {
            let mut rng = Rng::new(seed);
            let mut value = seeds.bases[0].clone();
            for _ in 0..3 {
                deep_nesting(&mut value, &mut rng);
            }
            assert!(depth(&value) <= MAX_NESTING, "depth {}", depth(&value));
        }
    }
}
