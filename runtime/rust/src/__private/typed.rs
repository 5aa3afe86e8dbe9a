//! What the checks generated over typed values (`validate_typed`) call: a depth test that
//! builds nothing, and the JSON tree of a part that is checked as JSON.

use serde::ser::{self, Serialize};
use serde_json::{Map, Value};

use crate::{ValidationError, ValidationErrors};

use super::strict::MAX_DEPTH;

/// Whether `value`, once serialized, nests no container deeper than [`MAX_DEPTH`] (the limit
/// `validate` refuses beyond). It runs the value's `Serialize` into a serializer that only
/// counts nesting: no tree, no text, and it stops at the first level too deep.
pub fn within_depth<T: Serialize + ?Sized>(value: &T) -> bool {
    value.serialize(Depth { level: 0 }).is_ok()
}

/// The JSON tree of a typed value, for a part the typed checks hand to the JSON-tree checks.
/// Generated types serialize only string-keyed maps and finite numbers, which cannot fail;
/// `null` stands in should a hand-written `Serialize` inside a `Value`-free type ever fail.
pub fn json_of<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The one error of a typed value that cannot be serialized (a map key that is not a string,
/// a `Serialize` that fails), at the root of the schema `schema_file`.
#[must_use]
pub fn unserializable(schema_file: &'static str, error: &serde_json::Error) -> ValidationErrors {
    vec![ValidationError {
        instance_path: String::new(),
        schema_location: schema_file,
        message: format!("cannot be serialized: {error}"),
    }]
    .into()
}

/// Whether `serde_json::Map` keeps insertion order (`serde_json`'s `preserve_order`, which a
/// crate anywhere in the build may turn on). A serialized struct lists its fields in
/// declaration order then its catch-all map only then; otherwise keys come sorted.
pub fn keeps_insertion_order() -> bool {
    static KEEPS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *KEEPS.get_or_init(|| {
        let mut probe = Map::new();
        probe.insert("b".to_string(), Value::Null);
        probe.insert("a".to_string(), Value::Null);
        probe.keys().next().is_some_and(|key| key == "b")
    })
}

/// The order a struct's named properties are met in its JSON, as arm numbers: `sorted`
/// (`serde_json`'s default map sorts keys) or, when `Map` keeps insertion order, `declared`
/// (fields in declaration order).
#[must_use]
#[inline]
pub fn field_order(sorted: &'static [usize], declared: &'static [usize]) -> &'static [usize] {
    if keeps_insertion_order() {
        declared
    } else {
        sorted
    }
}

/// Whether the catch-all map of a struct holds one of its field names: serialized, that entry
/// replaces the field's value, so the typed value no longer shows what is sent.
// Inlined: the catch-all is empty in almost every payload, and that test is one load.
#[must_use]
#[inline]
pub fn shadows(extra: &crate::Extra, fields: &[&str]) -> bool {
    !extra.is_empty() && holds_any(extra, fields)
}

fn holds_any(extra: &crate::Extra, fields: &[&str]) -> bool {
    fields.iter().any(|name| extra.contains_key(name))
}

/// The error that ends a depth count.
#[derive(Debug)]
struct TooDeep;

impl std::fmt::Display for TooDeep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("nested too deep")
    }
}

impl std::error::Error for TooDeep {}

impl ser::Error for TooDeep {
    fn custom<M: std::fmt::Display>(_message: M) -> Self {
        TooDeep
    }
}

/// A serializer that counts how deep containers nest, at `level` containers down.
#[derive(Clone, Copy)]
struct Depth {
    level: usize,
}

impl Depth {
    fn open(self) -> Result<Depth, TooDeep> {
        if self.level >= MAX_DEPTH {
            Err(TooDeep)
        } else {
            Ok(Depth {
                level: self.level + 1,
            })
        }
    }
}

macro_rules! leaves {
    ($($method:ident($($ty:ty)?)),* $(,)?) => {
        $(fn $method(self $(, _value: $ty)?) -> Result<(), TooDeep> {
            Ok(())
        })*
    };
}

impl ser::Serializer for Depth {
    type Ok = ();
    type Error = TooDeep;
    type SerializeSeq = Depth;
    type SerializeTuple = Depth;
    type SerializeTupleStruct = Depth;
    type SerializeTupleVariant = Depth;
    type SerializeMap = Depth;
    type SerializeStruct = Depth;
    type SerializeStructVariant = Depth;

    leaves!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
    );

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), TooDeep> {
        value.serialize(self)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), TooDeep> {
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
    ) -> Result<(), TooDeep> {
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), TooDeep> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Result<(), TooDeep> {
        // `{"variant": value}`.
        value.serialize(self.open()?)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Depth, TooDeep> {
        self.open()
    }

    fn serialize_tuple(self, _len: usize) -> Result<Depth, TooDeep> {
        self.open()
    }

    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Depth, TooDeep> {
        self.open()
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Depth, TooDeep> {
        self.open()?.open()
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Depth, TooDeep> {
        self.open()
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Depth, TooDeep> {
        self.open()
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Depth, TooDeep> {
        self.open()?.open()
    }
}

/// The compound serializers: each element or field is one level below the container.
macro_rules! containers {
    ($($trait:ident :: $method:ident($($key:ty)?)),* $(,)?) => {
        $(impl ser::$trait for Depth {
            type Ok = ();
            type Error = TooDeep;
            fn $method<T: Serialize + ?Sized>(
                &mut self,
                $(_key: $key,)?
                value: &T,
            ) -> Result<(), TooDeep> {
                value.serialize(*self)
            }
            fn end(self) -> Result<(), TooDeep> {
                Ok(())
            }
        })*
    };
}

containers!(
    SerializeSeq::serialize_element(),
    SerializeTuple::serialize_element(),
    SerializeTupleStruct::serialize_field(),
    SerializeTupleVariant::serialize_field(),
    SerializeStruct::serialize_field(&'static str),
    SerializeStructVariant::serialize_field(&'static str),
);

impl ser::SerializeMap for Depth {
    type Ok = ();
    type Error = TooDeep;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, _key: &T) -> Result<(), TooDeep> {
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TooDeep> {
        value.serialize(*self)
    }
    fn end(self) -> Result<(), TooDeep> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> Value {
        (0..levels).fold(Value::Null, |inner, _| Value::Array(vec![inner]))
    }

    #[test]
    fn depth_is_counted_as_validate_counts_it() {
        for levels in [0, 1, 50, MAX_DEPTH] {
            assert!(within_depth(&nested(levels)), "{levels}");
            assert!(super::super::too_deep(&nested(levels)).is_none());
        }
        for levels in [MAX_DEPTH + 1, MAX_DEPTH + 20] {
            assert!(!within_depth(&nested(levels)), "{levels}");
            assert!(super::super::too_deep(&nested(levels)).is_some());
        }
    }

    #[test]
    fn shadowed_fields_are_seen() {
        let mut extra = crate::Extra::new();
        assert!(!shadows(&extra, &["a"]));
        extra.insert("b".into(), Value::Null);
        assert!(!shadows(&extra, &["a"]));
        assert!(shadows(&extra, &["a", "b"]));
    }

    #[test]
    fn json_of_is_to_value() {
        assert_eq!(json_of(&vec![1, 2]), serde_json::json!([1, 2]));
    }
}
