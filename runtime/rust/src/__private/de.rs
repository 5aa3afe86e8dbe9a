//! What the generated `Deserialize` of a struct uses: its member names read without allocating
//! (an unknown one is kept, for the catch-all map), and the field decoders that read integers as
//! JSON Schema does and keep `null` apart from absent. The struct is read in one pass over its
//! members, with no buffering (serde's `flatten` would first copy every member into a tree of its
//! own).

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error, Visitor};
use serde::Deserialize;

use super::integer::Integers;
pub use super::one_pass::Strictly;

/// A member name: the index of a field's wire name, or a name no field has.
pub enum Key {
    Field(usize),
    Other(String),
}

/// Reads a member name through a struct's own `match` on its wire names (the index of the field
/// of that name, in field order): compiled with the names known, it compares a few machine words
/// where a search of a list would call `memcmp` per name.
pub struct Keys<F>(pub F);

impl<'de, F: Fn(&str) -> Option<usize>> DeserializeSeed<'de> for Keys<F> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<F: Fn(&str) -> Option<usize>> Visitor<'_> for Keys<F> {
    type Value = Key;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a member name")
    }

    fn visit_str<E: Error>(self, name: &str) -> Result<Key, E> {
        Ok(match (self.0)(name) {
            Some(index) => Key::Field(index),
            None => Key::Other(name.to_string()),
        })
    }

    fn visit_string<E: Error>(self, name: String) -> Result<Key, E> {
        Ok(match (self.0)(&name) {
            Some(index) => Key::Field(index),
            None => Key::Other(name),
        })
    }
}

/// Reads a generated struct's members. The struct refuses every member name given twice itself
/// (its fields and, through [`insert_unknown`], its catch-all map), so the strict one-pass
/// decoder hands it the plain deserializer; `serde_json` reads a struct as any object, with no
/// use for its name or field list.
///
/// # Errors
///
/// The deserializer's, or the visitor's.
pub fn members<'de, D: Deserializer<'de>, V: Visitor<'de>>(
    deserializer: D,
    visitor: V,
) -> Result<V::Value, D::Error> {
    deserializer.deserialize_struct("", &[], visitor)
}

/// Keeps an unknown member in a struct's catch-all map; a name given twice is an error, as it is
/// for a field.
///
/// # Errors
///
/// `name` is already in `unknown`.
#[inline(never)]
pub fn insert_unknown<E: Error>(
    unknown: &mut crate::Extra,
    name: String,
    value: serde_json::Value,
) -> Result<(), E> {
    match unknown.entry(name) {
        serde_json::map::Entry::Vacant(entry) => {
            entry.insert(value);
            Ok(())
        }
        serde_json::map::Entry::Occupied(entry) => {
            Err(E::custom(format_args!("duplicate field `{}`", entry.key())))
        }
    }
}

/// A required field holding integers (`i64`, `Vec<i64>`...), read as JSON Schema reads them.
pub struct Integer<T>(pub T);

impl<'de, T: Integers> Deserialize<'de> for Integer<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read(deserializer).map(Integer)
    }
}

/// An optional field that is not nullable, present: its value (`null` is refused by a type that
/// refuses it, kept by a `Value`), never read as absent.
pub struct Present<T>(pub Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Present<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(|value| Present(Some(value)))
    }
}

/// [`Present`] for integers.
pub struct PresentInteger<T>(pub Option<T>);

impl<'de, T: Integers> Deserialize<'de> for PresentInteger<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read(deserializer).map(|value| PresentInteger(Some(value)))
    }
}

/// An optional field that may be `null`, present: `Some(None)` for `null`.
pub struct Nullable<T>(pub Option<Option<T>>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(|value| Nullable(Some(value)))
    }
}

/// [`Nullable`] for integers.
pub struct NullableInteger<T>(pub Option<Option<T>>);

impl<'de, T: Integers> Deserialize<'de> for NullableInteger<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::read(deserializer).map(|value| NullableInteger(Some(value)))
    }
}

/// Reads a generated enum from a JSON string only, through its `FromStr`. serde's derive would
/// also read the object form `{"VALUE": null}`, which the schema refuses.
///
/// # Errors
///
/// A value that is not a string, or a string that is none of the enum's values.
pub fn string_enum<'de, D, T>(deserializer: D, name: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: std::str::FromStr,
{
    deserializer.deserialize_str(StringEnum {
        name,
        read: std::marker::PhantomData,
    })
}

struct StringEnum<T> {
    name: &'static str,
    read: std::marker::PhantomData<fn() -> T>,
}

impl<T: std::str::FromStr> Visitor<'_> for StringEnum<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "a string, one of the values of {}", self.name)
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<T, E> {
        value
            .parse()
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(value), &self))
    }
}

/// The error of a field given twice.
// This, `missing` and `insert_unknown` are kept out of line (the errors also cold), so every
// generated `visit_map` is smaller: a valid request's decode missed the instruction cache 52
// times a run with them inlined, 41 out of line, the floor's none (callgrind's cache model).
#[must_use]
#[cold]
#[inline(never)]
pub fn duplicate<E: Error>(name: &'static str) -> E {
    E::duplicate_field(name)
}

/// The error of a required field that is absent.
#[must_use]
#[cold]
#[inline(never)]
pub fn missing<E: Error>(name: &'static str) -> E {
    E::missing_field(name)
}

#[cfg(test)]
mod tests {
    use super::{Key, Keys};
    use serde::de::DeserializeSeed;
    use serde_json::json;

    #[test]
    fn an_optional_value_is_some_and_null_is_not_absent() {
        use super::Present;
        use serde::Deserialize;
        use serde_json::Value;
        let read = |v: Value| Present::<String>::deserialize(v).map(|p| p.0);
        assert_eq!(read(json!("a")).ok(), Some(Some("a".to_string())));
        assert!(read(json!(null)).is_err());
        let any = Present::<Value>::deserialize(json!(null)).map(|p| p.0);
        assert_eq!(any.ok(), Some(Some(Value::Null)));
    }

    #[test]
    fn an_enum_is_read_from_a_string_only() {
        use super::string_enum;
        #[derive(Debug, PartialEq)]
        struct Upper(String);
        impl std::str::FromStr for Upper {
            type Err = ();
            fn from_str(s: &str) -> Result<Self, ()> {
                if s.chars().all(|c| c.is_ascii_uppercase()) {
                    Ok(Upper(s.to_string()))
                } else {
                    Err(())
                }
            }
        }
        let read = |v| string_enum::<_, Upper>(v, "Upper");
        assert_eq!(read(json!("AB")).ok(), Some(Upper("AB".into())));
        assert!(read(json!("ab")).is_err());
        assert!(read(json!({"AB": null})).is_err());
        let wrong = read(json!(1))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(wrong.contains("one of the values of Upper"), "{wrong}");
    }

    #[test]
    fn a_field_name_is_its_index_and_another_name_is_kept() {
        let keys = || {
            Keys(|name: &str| match name {
                "a" => Some(0),
                "b" => Some(1),
                _ => None,
            })
        };
        assert!(matches!(keys().deserialize(json!("b")), Ok(Key::Field(1))));
        assert!(matches!(keys().deserialize(json!("c")), Ok(Key::Other(name)) if name == "c"));
    }
}
