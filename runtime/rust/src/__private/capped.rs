//! The JSON tree of a typed value cut below [`MAX_DEPTH`]: what `validate_typed` reports a value
//! nested too deep from. Serializing the whole value would recurse once per level and could
//! exhaust the stack before the depth check runs; this serializer builds the levels `validate`
//! looks at (down to the first level too deep, its containers left empty) and no more.

use serde::ser::{self, Serialize};
use serde_json::{Error, Map, Value};

use super::strict::MAX_DEPTH;

/// `serde_json::to_value(value)` with every container at level `MAX_DEPTH + 1` left empty. The
/// kept levels are built the way `to_value` builds them (same map, same key order, a repeated
/// key replacing the earlier entry), so the pointer of the first container too deep is the same.
/// Within the limit it is `to_value` exactly.
pub fn capped_json<T: Serialize + ?Sized>(value: &T) -> Result<Value, Error> {
    value.serialize(Capped { level: 1 })
}

/// A serializer building the container at `level` (the root is level 1).
#[derive(Clone, Copy)]
struct Capped {
    level: usize,
}

impl Capped {
    /// Whether containers at this level are kept empty.
    fn cut(self) -> bool {
        self.level > MAX_DEPTH
    }

    fn below(self) -> Capped {
        Capped {
            level: self.level + 1,
        }
    }
}

macro_rules! leaves {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, value: $ty) -> Result<Value, Error> {
            serde_json::value::Serializer.$method(value)
        })*
    };
}

/// Elements of an array (or of `{"variant": [...]}`).
struct Seq {
    below: Capped,
    cut: bool,
    items: Vec<Value>,
    variant: Option<&'static str>,
}

/// Members of an object (or of `{"variant": {...}}`).
struct Members {
    below: Capped,
    cut: bool,
    map: Map<String, Value>,
    key: Option<String>,
    variant: Option<&'static str>,
}

fn wrap(variant: Option<&'static str>, inner: Value) -> Value {
    match variant {
        None => inner,
        Some(name) => {
            let mut map = Map::new();
            map.insert(name.to_string(), inner);
            Value::Object(map)
        }
    }
}

impl Capped {
    fn seq(self, variant: Option<&'static str>) -> Seq {
        // A variant's array sits one level below its `{"variant": ...}` object.
        let at = if variant.is_some() {
            self.below()
        } else {
            self
        };
        Seq {
            below: at.below(),
            cut: at.cut(),
            items: Vec::new(),
            variant,
        }
    }

    fn members(self, variant: Option<&'static str>) -> Members {
        let at = if variant.is_some() {
            self.below()
        } else {
            self
        };
        Members {
            below: at.below(),
            cut: at.cut(),
            map: Map::new(),
            key: None,
            variant,
        }
    }
}

impl ser::Serializer for Capped {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Seq;
    type SerializeMap = Members;
    type SerializeStruct = Members;
    type SerializeStructVariant = Members;

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
    );

    fn serialize_none(self) -> Result<Value, Error> {
        Ok(Value::Null)
    }

    fn serialize_unit(self) -> Result<Value, Error> {
        Ok(Value::Null)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, Error> {
        value.serialize(self)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<Value, Error> {
        Ok(Value::Null)
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Value, Error> {
        Ok(Value::String(variant.to_string()))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        let inner = if self.cut() {
            Value::Null
        } else {
            value.serialize(self.below())?
        };
        Ok(wrap(Some(variant), inner))
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Seq, Error> {
        Ok(self.seq(None))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Seq, Error> {
        Ok(self.seq(None))
    }

    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Seq, Error> {
        Ok(self.seq(None))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Seq, Error> {
        Ok(self.seq(Some(variant)))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Members, Error> {
        Ok(self.members(None))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Members, Error> {
        Ok(self.members(None))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Members, Error> {
        Ok(self.members(Some(variant)))
    }
}

impl Seq {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if !self.cut {
            self.items.push(value.serialize(self.below)?);
        }
        Ok(())
    }

    fn finish(self) -> Value {
        wrap(self.variant, Value::Array(self.items))
    }
}

macro_rules! sequences {
    ($($trait:ident :: $method:ident),* $(,)?) => {
        $(impl ser::$trait for Seq {
            type Ok = Value;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.push(value)
            }
            fn end(self) -> Result<Value, Error> {
                Ok(self.finish())
            }
        })*
    };
}

sequences!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

impl Members {
    fn member<T: Serialize + ?Sized>(&mut self, key: String, value: &T) -> Result<(), Error> {
        // A cut object keeps no members: only whether it is a container matters there.
        if !self.cut {
            let value = value.serialize(self.below)?;
            self.map.insert(key, value);
        }
        Ok(())
    }

    fn finish(self) -> Value {
        wrap(self.variant, Value::Object(self.map))
    }
}

impl ser::SerializeMap for Members {
    type Ok = Value;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // Keys as `to_value` writes them: strings as they are, numbers and booleans as text.
        self.key = Some(match serde_json::to_value(key)? {
            Value::String(text) => text,
            Value::Number(number) => number.to_string(),
            Value::Bool(flag) => flag.to_string(),
            _ => return Err(ser::Error::custom("key must be a string")),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().unwrap_or_default();
        self.member(key, value)
    }
    fn end(self) -> Result<Value, Error> {
        Ok(self.finish())
    }
}

macro_rules! structs {
    ($($trait:ident),* $(,)?) => {
        $(impl ser::$trait for Members {
            type Ok = Value;
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.member(key.to_string(), value)
            }
            fn end(self) -> Result<Value, Error> {
                Ok(self.finish())
            }
        })*
    };
}

structs!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn nested(levels: usize) -> Value {
        (0..levels).fold(json!(0), |inner, _| Value::Array(vec![inner]))
    }

    #[test]
    fn within_the_limit_it_is_to_value() {
        for value in [
            nested(3),
            nested(MAX_DEPTH),
            json!({"b": [1, {"a": null}], "a": "x"}),
        ] {
            assert_eq!(capped_json(&value).ok(), Some(value));
        }
    }

    #[test]
    fn too_deep_is_reported_at_the_same_pointer() {
        // Deep enough that serializing it whole would exhaust a test thread's stack.
        // (Built by hand: `json!` would serialize an interpolated value.)
        let object = |b: Value| {
            let mut map = Map::new();
            map.insert("z".to_string(), json!(1));
            map.insert("a".to_string(), Value::Array(vec![nested(MAX_DEPTH + 5)]));
            map.insert("b".to_string(), b);
            Value::Object(map)
        };
        let deep = object(nested(200_000));
        let capped = capped_json(&deep).unwrap_or(Value::Null);
        let pointer = super::super::too_deep(&capped);
        assert!(pointer.is_some());
        let shallow = object(json!([]));
        assert_eq!(pointer, super::super::too_deep(&shallow));
        super::super::dispose(deep);
    }
}
