//! JSON text read the one way every entry point reads it. A member name given twice in one
//! object is an error: parsers disagree on which value wins (`serde_json`'s `Value` keeps the
//! last, a derived `Deserialize` fails), and for a signed payload two readings of the same bytes
//! mean the signature covers something other than what is checked. Nesting deeper than
//! [`MAX_DEPTH`] is an error too, the same limit for text, for values built in code and in
//! Kotlin, so no recursive walk can exhaust the stack. Text is checked in one pass and then
//! parsed by `serde_json`, so numbers and strings read exactly as `serde_json` reads them.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::{ParseError, ValidationError};

/// The deepest nesting of arrays and objects a payload may have: the whole payload, if an array
/// or object, is level 1. Below `serde_json`'s own parse limit (128), so this one always answers.
pub const MAX_DEPTH: usize = 100;

/// The catalogue's `duplicate_property` text.
pub const DUPLICATE_PROPERTY: &str = "expected each property name once, found this one again";
/// The catalogue's `too_deep` text.
pub const TOO_DEEP: &str = "expected at most 100 levels of nested arrays and objects, found more";

/// Why strict JSON text was refused: the instance pointer and the catalogue's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// RFC 6901 pointer to the repeated member or the too-deep value.
    pub pointer: String,
    pub message: &'static str,
}

/// Why text is no payload: not JSON at all, or JSON this runtime refuses ([`Refusal`]).
#[derive(Debug)]
pub enum StrictError {
    Json(serde_json::Error),
    Refused(Refusal),
}

/// Parses JSON text, refusing repeated member names and nesting deeper than [`MAX_DEPTH`].
pub fn parse_strict(bytes: &[u8]) -> Result<Value, StrictError> {
    check_text(bytes)?;
    serde_json::from_slice(bytes).map_err(StrictError::Json)
}

/// [`parse_strict`] as a message's `from_slice` reports it: a refusal is a contract violation
/// of the message's schema file.
pub fn parse_payload(bytes: &[u8], schema_file: &'static str) -> Result<Value, ParseError> {
    parse_strict(bytes).map_err(|e| match e {
        StrictError::Json(e) => ParseError::Json(e),
        StrictError::Refused(refusal) => ParseError::Invalid(vec![refusal.at(schema_file)].into()),
    })
}

impl Refusal {
    /// The refusal inside embedded JSON, as the catalogue's `content_invalid` words it.
    #[must_use]
    pub fn embedded(&self) -> String {
        format!("embedded JSON at {}: {}", self.pointer, self.message)
    }

    /// The refusal as a validation error of `schema_file` (no keyword of it failed).
    #[must_use]
    pub fn at(self, schema_file: &'static str) -> ValidationError {
        ValidationError {
            instance_path: self.pointer,
            schema_location: schema_file,
            message: self.message.to_string(),
        }
    }
}

/// Checks text for repeated member names and depth without building a value.
pub fn check_text(bytes: &[u8]) -> Result<(), StrictError> {
    let mut refusal = None;
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let checked = Check {
        depth: 0,
        refusal: &mut refusal,
    }
    .deserialize(&mut deserializer)
    .and_then(|()| deserializer.end());
    match (checked, refusal) {
        (_, Some(found)) => Err(StrictError::Refused(found.into_refusal())),
        (Err(e), None) => Err(StrictError::Json(e)),
        (Ok(()), None) => Ok(()),
    }
}

/// A refusal found deep in the text; tokens are collected innermost first while unwinding.
struct Found {
    tokens: Vec<String>,
    message: &'static str,
}

impl Found {
    fn into_refusal(self) -> Refusal {
        let pointer = self.tokens.iter().rev().fold(String::new(), push_token);
        Refusal {
            pointer,
            message: self.message,
        }
    }
}

struct Check<'a> {
    /// Arrays and objects around the value being checked.
    depth: usize,
    refusal: &'a mut Option<Found>,
}

impl Check<'_> {
    fn refuse<E: de::Error>(self, token: Option<String>, message: &'static str) -> E {
        *self.refusal = Some(Found {
            tokens: token.into_iter().collect(),
            message,
        });
        E::custom(message)
    }

    /// On the way out of a refused child: adds the child's token to the pointer.
    fn note_token(refusal: &mut Option<Found>, token: impl FnOnce() -> String) {
        if let Some(found) = refusal.as_mut() {
            found.tokens.push(token());
        }
    }
}

impl<'de> DeserializeSeed<'de> for Check<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Check<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.depth >= MAX_DEPTH {
            return Err(self.refuse(None, TOO_DEEP));
        }
        let Check { depth, refusal } = self;
        let mut index = 0usize;
        loop {
            let child = Check {
                depth: depth + 1,
                refusal: &mut *refusal,
            };
            match seq.next_element_seed(child) {
                Ok(Some(())) => index += 1,
                Ok(None) => return Ok(()),
                Err(e) => {
                    Check::note_token(refusal, || index.to_string());
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if self.depth >= MAX_DEPTH {
            return Err(self.refuse(None, TOO_DEEP));
        }
        let Check { depth, refusal } = self;
        let mut seen = HashSet::new();
        while let Some(name) = map.next_key::<String>()? {
            if seen.contains(&name) {
                let check = Check { depth, refusal };
                return Err(check.refuse(Some(name), DUPLICATE_PROPERTY));
            }
            let child = Check {
                depth: depth + 1,
                refusal: &mut *refusal,
            };
            if let Err(e) = map.next_value_seed(child) {
                Check::note_token(refusal, || name.clone());
                return Err(e);
            }
            seen.insert(name);
        }
        Ok(())
    }
}

/// The pointer of the first value nested deeper than [`MAX_DEPTH`], if any (the value may be
/// built in code, any depth).
#[must_use]
pub fn too_deep(root: &Value) -> Option<String> {
    if within_limit(root, 1) {
        None
    } else {
        Some(first_too_deep(root))
    }
}

/// Whether every container in `value`, itself at level `level`, is at most at level
/// [`MAX_DEPTH`]. The recursion stops there, so it is never deeper than the limit whatever the
/// value's depth, and the common case allocates nothing and visits each container once.
fn within_limit(value: &Value, level: usize) -> bool {
    let inner = |child: &Value| match child {
        Value::Array(_) | Value::Object(_) => within_limit(child, level + 1),
        _ => true,
    };
    match value {
        Value::Array(items) => level <= MAX_DEPTH && items.iter().all(inner),
        Value::Object(members) => level <= MAX_DEPTH && members.values().all(inner),
        _ => true,
    }
}

type Children<'a> = Box<dyn Iterator<Item = (String, &'a Value)> + 'a>;

fn children(value: &Value) -> Children<'_> {
    match value {
        Value::Array(items) => Box::new(items.iter().enumerate().map(|(i, v)| (i.to_string(), v))),
        Value::Object(members) => Box::new(members.iter().map(|(k, v)| (k.clone(), v))),
        _ => Box::new(std::iter::empty()),
    }
}

/// The path to the first container at level `MAX_DEPTH + 1`, depth first in document order.
fn first_too_deep(root: &Value) -> String {
    // `frames[i]` walks the children of the container at level i + 1; `tokens` leads to it.
    let mut tokens: Vec<String> = Vec::new();
    let mut frames: Vec<Children<'_>> = vec![children(root)];
    while let Some(frame) = frames.last_mut() {
        let Some((token, child)) = frame.next() else {
            frames.pop();
            tokens.pop();
            continue;
        };
        if !(child.is_array() || child.is_object()) {
            continue;
        }
        tokens.push(token);
        if frames.len() >= MAX_DEPTH {
            break;
        }
        frames.push(children(child));
    }
    tokens.iter().fold(String::new(), push_token)
}

/// [`too_deep`] as `validate` reports it.
pub fn check_depth(value: &Value, schema_file: &'static str) -> Result<(), Vec<ValidationError>> {
    match too_deep(value) {
        None => Ok(()),
        Some(pointer) => Err(vec![Refusal {
            pointer,
            message: TOO_DEEP,
        }
        .at(schema_file)]),
    }
}

/// Drops a value of any depth without recursion (`serde_json`'s `Value` drops recursively, so a
/// value nested tens of thousands deep would overflow the stack on the way out).
pub fn dispose(value: Value) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items),
            Value::Object(members) => stack.extend(members.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// `pointer` followed by the JSON Pointer token `token`, escaped (`~0`, `~1`).
fn push_token<T: AsRef<str>>(mut pointer: String, token: T) -> String {
    pointer.push('/');
    pointer.push_str(&token.as_ref().replace('~', "~0").replace('/', "~1"));
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn refusal(text: &str) -> Option<Refusal> {
        match parse_strict(text.as_bytes()) {
            Err(StrictError::Refused(r)) => Some(r),
            _ => None,
        }
    }

    /// `[[...[0]...]]` with `levels` arrays.
    fn nested_text(levels: usize) -> String {
        format!("{}0{}", "[".repeat(levels), "]".repeat(levels))
    }

    fn nested_value(levels: usize) -> Value {
        let mut value = json!(0);
        for _ in 0..levels {
            value = Value::Array(vec![value]);
        }
        value
    }

    #[test]
    fn a_repeated_name_is_refused_at_every_level_with_its_pointer() {
        let signature =
            r#"{"customer_id":null,"merchant_id":"m","customer_id":"c","timestamp":"0"}"#;
        assert_eq!(
            refusal(signature),
            Some(Refusal {
                pointer: "/customer_id".into(),
                message: DUPLICATE_PROPERTY
            })
        );
        let deep = r#"{"a": [1, {"b/c": {"x": 1, "x": 2}}]}"#;
        assert_eq!(refusal(deep).map(|r| r.pointer), Some("/a/1/b~1c/x".into()));
        // The same name written with an escape is the same name.
        assert!(refusal(r#"{"a": 1, "\u0061": 2}"#).is_some());
        assert!(parse_strict(br#"{"a": {"a": 1}, "b": {"a": 2}}"#).is_ok());
    }

    #[test]
    fn the_depth_limit_is_the_same_for_text_and_values() {
        assert!(parse_strict(nested_text(MAX_DEPTH).as_bytes()).is_ok());
        assert_eq!(too_deep(&nested_value(MAX_DEPTH)), None);
        let pointer = "/0".repeat(MAX_DEPTH);
        for levels in [MAX_DEPTH + 1, 127, 128, 5_000] {
            let text = refusal(&nested_text(levels)).map(|r| r.pointer);
            assert_eq!(text.as_deref(), Some(pointer.as_str()), "{levels} levels");
        }
        assert_eq!(too_deep(&nested_value(MAX_DEPTH + 1)), Some(pointer));
    }

    #[test]
    fn a_value_fifty_thousand_deep_is_measured_and_dropped_without_recursion() {
        let value = nested_value(50_000);
        assert_eq!(too_deep(&value).map(|p| p.len()), Some(2 * MAX_DEPTH));
        assert!(check_depth(&value, "x.json").is_err());
        dispose(value);
    }

    #[test]
    fn syntax_errors_stay_syntax_errors() {
        assert!(matches!(
            parse_strict(b"{\"a\": }"),
            Err(StrictError::Json(_))
        ));
        assert!(matches!(parse_strict(b"[1] 2"), Err(StrictError::Json(_))));
    }
}
